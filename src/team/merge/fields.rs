//! The three-way merge of one record changed on both sides, key by key of its JSON object.
//!
//! Rules, for each key (absent keys count as absent values):
//! - both sides hold the same value → that value; one side kept the base value → the other
//!   side's value (so a change made one way only is taken);
//! - nobody had the key in the base (or there is no base: the record was made on both sides)
//!   and one side's value is empty (`null`, `""`, `[]`, `{}`) → the other side's;
//! - lists are merged as sets: what either side added is there, what either side removed is
//!   gone, ours' order first (evidence, aliases, actors and external ids are all sets);
//! - objects other than the record's atomic ones are merged key by key the same way
//!   (`claim.status` and `claim.source` apart); a conflict inside one is listed on the
//!   record's field (`claim`), holding the merged object against theirs;
//! - a [`Group`] of keys is one value (a span's offsets and quote, a text and its hash);
//! - anything else changed two ways is a [`MergeConflict`] and the result holds ours;
//! - the provenance keys are never compared: the side with the later `modified` gives
//!   `modified` and `modified_by` (ours on a tie), so the record says who touched it last;
//!   `created` and `created_by` are ours' (theirs' where ours has none).

use serde_json::{Map, Value};

use crate::model::MergeConflict;
use crate::team::object::{Group, ORPHAN_KEY, PROVENANCE, Record};

/// One record's merge: where conflicts go and what kind of record it is.
pub(super) struct FieldMerge<'c> {
    kind: &'static str,
    id: String,
    groups: &'static [Group],
    atomic: &'static [&'static str],
    provenance: bool,
    conflicts: &'c mut Vec<MergeConflict>,
}

impl<'c> FieldMerge<'c> {
    /// Merge one record of kind `R` with this id, pushing its conflicts onto `conflicts`.
    pub(super) fn of<R: Record>(id: &str, conflicts: &'c mut Vec<MergeConflict>) -> Self {
        Self {
            kind: R::KIND,
            id: id.to_owned(),
            groups: R::groups(),
            atomic: R::atomic(),
            provenance: R::has_provenance(),
            conflicts,
        }
    }

    /// Merge the project's own fields (its name and unknown fields): conflicts name the item
    /// `project` and its id the project's name.
    pub(super) fn project(name: &str, conflicts: &'c mut Vec<MergeConflict>) -> Self {
        Self {
            kind: "project",
            id: name.to_owned(),
            groups: &[],
            atomic: &[],
            provenance: false,
            conflicts,
        }
    }

    /// The merged object of a record. `base` is `None` when both sides made it independently.
    pub(super) fn record(
        &mut self,
        base: Option<&Map<String, Value>>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let theirs_later = self.provenance && modified(theirs) > modified(ours);
        let mut out = Map::new();
        for key in union_keys(ours, theirs) {
            if out.contains_key(key) {
                continue;
            }
            if self.provenance && PROVENANCE.contains(&key) {
                // Who changed it last comes from the later change; who made it from ours,
                // else theirs (a record made on both sides was made by ours' analyst first).
                let value = if key.starts_with("modified") {
                    if theirs_later { theirs } else { ours }.get(key)
                } else {
                    ours.get(key).or_else(|| theirs.get(key))
                };
                if let Some(value) = value {
                    out.insert(key.to_owned(), value.clone());
                }
                continue;
            }
            if let Some(group) = self.groups.iter().find(|g| g.keys.contains(&key)) {
                let chosen = self.group(group, base, ours, theirs);
                for k in group.keys {
                    if let Some(value) = chosen.get(*k) {
                        out.insert((*k).to_owned(), (*value).clone());
                    }
                }
                continue;
            }
            let b = base.and_then(|b| b.get(key));
            if let Some(value) = self.value(key, b, ours.get(key), theirs.get(key)) {
                out.insert(key.to_owned(), value);
            }
        }
        out
    }

    /// The side whose values a group takes (a conflict when both changed it differently).
    fn group<'m>(
        &mut self,
        group: &Group,
        base: Option<&'m Map<String, Value>>,
        ours: &'m Map<String, Value>,
        theirs: &'m Map<String, Value>,
    ) -> &'m Map<String, Value> {
        let pick = |side: Option<&Map<String, Value>>| -> Vec<Option<Value>> {
            group
                .keys
                .iter()
                .map(|k| side.and_then(|s| s.get(*k)).cloned())
                .collect()
        };
        let (b, o, t) = (pick(base), pick(Some(ours)), pick(Some(theirs)));
        if o == t || b == t {
            return ours;
        }
        if b == o {
            return theirs;
        }
        let as_value = |values: &[Option<Value>]| -> Value {
            if values.iter().all(Option::is_none) {
                return Value::Null;
            }
            let object: Map<String, Value> = group
                .keys
                .iter()
                .zip(values)
                .filter(|(k, _)| **k != ORPHAN_KEY)
                .filter_map(|(k, v)| v.clone().map(|v| ((*k).to_owned(), v)))
                .collect();
            Value::Object(object)
        };
        let (b, o, t) = (as_value(&b), as_value(&o), as_value(&t));
        self.conflict(group.name, b, o, t);
        ours
    }

    /// The merged value of one key (`None`: the key is absent from the result).
    fn value(
        &mut self,
        field: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        if ours == theirs || base == theirs {
            return ours.cloned();
        }
        if base == ours {
            return theirs.cloned();
        }
        if base.is_none() {
            if is_empty(ours) {
                return theirs.cloned();
            }
            if is_empty(theirs) {
                return ours.cloned();
            }
        }
        let empty = Vec::new();
        match (base, ours, theirs) {
            (None | Some(Value::Array(_)), Some(Value::Array(o)), Some(Value::Array(t))) => {
                let b = match base {
                    Some(Value::Array(b)) => b,
                    _ => &empty,
                };
                return Some(Value::Array(merge_sets(b, o, t)));
            }
            (None | Some(Value::Object(_)), Some(Value::Object(o)), Some(Value::Object(t)))
                if !self.atomic.contains(&field) =>
            {
                let b = match base {
                    Some(Value::Object(b)) => Some(b),
                    _ => None,
                };
                // Inside an object the keys merge apart, but a conflict there is listed on
                // the record's field as a whole (what the file holds against theirs), so
                // settling it sets one field of the record.
                let before = self.conflicts.len();
                let merged = Value::Object(self.nested(field, b, o, t));
                if self.conflicts.len() > before {
                    self.conflicts.truncate(before);
                    let base = base.cloned().unwrap_or(Value::Null);
                    self.conflict(field, base, merged.clone(), Value::Object(t.clone()));
                }
                return Some(merged);
            }
            _ => {}
        }
        let null = || Value::Null;
        self.conflict(
            field,
            base.cloned().unwrap_or_else(null),
            ours.cloned().unwrap_or_else(null),
            theirs.cloned().unwrap_or_else(null),
        );
        ours.cloned()
    }

    /// An object inside the record, merged key by key, conflicts named `field.key`.
    fn nested(
        &mut self,
        field: &str,
        base: Option<&Map<String, Value>>,
        ours: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for key in union_keys(ours, theirs) {
            let path = format!("{field}.{key}");
            let b = base.and_then(|b| b.get(key));
            if let Some(value) = self.value(&path, b, ours.get(key), theirs.get(key)) {
                out.insert(key.to_owned(), value);
            }
        }
        out
    }

    fn conflict(&mut self, field: &str, base: Value, ours: Value, theirs: Value) {
        self.conflicts.push(MergeConflict {
            item: self.kind.to_owned(),
            id: self.id.clone(),
            field: field.to_owned(),
            base,
            ours,
            theirs,
            extra: crate::model::Extra::new(),
        });
    }
}

/// Ours' keys in order, then the keys only theirs has.
fn union_keys<'m>(
    ours: &'m Map<String, Value>,
    theirs: &'m Map<String, Value>,
) -> impl Iterator<Item = &'m str> {
    let extra = theirs.keys().filter(|k| !ours.contains_key(*k));
    ours.keys().chain(extra).map(String::as_str)
}

/// When a record was last changed, `None` when never (or not readable).
fn modified(object: &Map<String, Value>) -> Option<chrono::DateTime<chrono::Utc>> {
    let text = object.get("modified")?.as_str()?;
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.to_utc())
}

/// Absent, `null`, `""`, `[]` or `{}`: nothing an analyst filled in.
fn is_empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}

/// A list merged as a set: ours' elements that theirs did not remove, then theirs' additions.
pub(super) fn merge_sets(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let kept = ours
        .iter()
        .filter(|x| !base.contains(x) || theirs.contains(x));
    let added = theirs
        .iter()
        .filter(|x| !base.contains(x) && !ours.contains(x));
    kept.chain(added).cloned().collect()
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::json;

    use super::*;
    use crate::model::Incident;

    fn obj(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    fn run(base: Option<Value>, ours: Value, theirs: Value) -> (Value, Vec<MergeConflict>) {
        let mut conflicts = Vec::new();
        let base = base.map(obj);
        let merged = FieldMerge::of::<Cow<'_, Incident>>("inc-1", &mut conflicts).record(
            base.as_ref(),
            &obj(ours),
            &obj(theirs),
        );
        (Value::Object(merged), conflicts)
    }

    #[test]
    fn a_field_changed_one_way_takes_that_change() {
        let (merged, conflicts) = run(
            Some(json!({"title": "a", "notes": "n", "confidence": "low"})),
            json!({"title": "b", "notes": "n", "confidence": "low"}),
            json!({"title": "a", "notes": "m", "confidence": "low"}),
        );
        assert_eq!(
            merged,
            json!({"title": "b", "notes": "m", "confidence": "low"})
        );
        assert!(conflicts.is_empty());
    }

    #[test]
    fn a_field_changed_two_ways_is_a_conflict_holding_ours() {
        let (merged, conflicts) = run(
            Some(json!({"notes": "n"})),
            json!({"notes": "ours"}),
            json!({"notes": "theirs"}),
        );
        assert_eq!(merged, json!({"notes": "ours"}));
        assert_eq!(conflicts.len(), 1);
        let c = &conflicts[0];
        assert_eq!((c.item.as_str(), c.id.as_str()), ("incident", "inc-1"));
        assert_eq!(c.field, "notes");
        assert_eq!(
            (&c.base, &c.ours, &c.theirs),
            (&json!("n"), &json!("ours"), &json!("theirs"))
        );
    }

    #[test]
    fn lists_merge_as_sets_and_never_conflict() {
        let (merged, conflicts) = run(
            Some(json!({"evidence": ["a", "b", "c"]})),
            json!({"evidence": ["a", "c", "d"]}),
            json!({"evidence": ["b", "c", "e"]}),
        );
        // Ours removed b, theirs removed a; ours added d, theirs added e.
        assert_eq!(merged, json!({"evidence": ["c", "d", "e"]}));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn nested_objects_merge_key_by_key_but_fatalities_are_whole() {
        let (merged, conflicts) = run(
            Some(json!({"x": {"p": 1, "q": 1}, "fatalities": {"low": 1, "high": 5}})),
            json!({"x": {"p": 2, "q": 1}, "fatalities": {"low": 4, "high": 5}}),
            json!({"x": {"p": 1, "q": 3}, "fatalities": {"low": 1, "high": 3}}),
        );
        assert_eq!(merged["x"], json!({"p": 2, "q": 3}));
        assert_eq!(merged["fatalities"], json!({"low": 4, "high": 5}));
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "fatalities");
        let (merged, inner) = run(
            Some(json!({"x": {"p": 1, "q": 1}})),
            json!({"x": {"p": 2, "q": 2}}),
            json!({"x": {"p": 3, "q": 1}}),
        );
        assert_eq!(merged["x"], json!({"p": 2, "q": 2}));
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].field, "x");
        assert_eq!(inner[0].theirs, json!({"p": 3, "q": 1}));
    }

    #[test]
    fn with_no_base_an_empty_side_takes_the_other() {
        let (merged, conflicts) = run(
            None,
            json!({"notes": "", "location": null, "title": "t"}),
            json!({"notes": "seen", "location": "ent-1", "title": "u"}),
        );
        assert_eq!(
            merged,
            json!({"notes": "seen", "location": "ent-1", "title": "t"})
        );
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].base, Value::Null);
    }

    #[test]
    fn provenance_comes_from_the_later_change_and_never_conflicts() {
        let (merged, conflicts) = run(
            Some(json!({"notes": "n", "modified_by": "a", "modified": "2026-01-01T00:00:00Z"})),
            json!({"notes": "x", "modified_by": "maya", "modified": "2026-01-02T00:00:00Z"}),
            json!({"notes": "n", "modified_by": "omar", "modified": "2026-01-03T00:00:00Z"}),
        );
        assert_eq!(merged["notes"], json!("x"));
        assert_eq!(merged["modified_by"], json!("omar"));
        assert_eq!(merged["modified"], json!("2026-01-03T00:00:00Z"));
        assert!(conflicts.is_empty());
    }
}
