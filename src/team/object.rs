//! Items as JSON objects, the common ground of `diff` and `merge`.
//!
//! Both compare records key by key as `serde_json` objects rather than field by field in Rust,
//! so a field added to a record later (or an unknown field kept in `extra`) is compared and
//! merged without any change here. What they must know about a kind of record is only which
//! keys are bookkeeping ([`PROVENANCE`]) and which keys only make sense together (a
//! [`Group`]).

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::model::{Annotation, Article, Entity, Incident, Tag};

/// Who made and who last changed an item, and when. Bookkeeping, not content: two analysts
/// who made the same span at different times made the same span, so these keys never count as
/// a difference and never conflict.
pub const PROVENANCE: [&str; 4] = ["created", "created_by", "modified", "modified_by"];

/// The key that carries, in an annotation's object, whether it is an orphan. Annotations and
/// orphans share one id space (docs/FORMAT.md), so diff and merge walk them as one list and an
/// annotation that became an orphan on one side is a change of that one item, not a deletion
/// plus an addition. The name starts with a control character so no field of a file can
/// clash with it.
pub(crate) const ORPHAN_KEY: &str = "\u{1}orphan";

/// Keys that are compared and merged as one unit, named in reports by `name`: taking the
/// start of one side's span and the end of the other's would make a span nobody drew and
/// whose quote no longer matches the text.
#[derive(Clone, Copy, Debug)]
pub struct Group {
    /// How reports and conflicts name the unit (`span`, `text`, `coordinates`).
    pub name: &'static str,
    /// Its keys.
    pub keys: &'static [&'static str],
}

/// One kind of record that diff and merge walk by id.
pub trait Record: Clone + PartialEq {
    /// What conflicts and reports call it: `annotation`, `entity`, `incident`, `article`, `tag`.
    const KIND: &'static str;
    /// Its id.
    fn id(&self) -> &str;
    /// The record as a JSON object (what the file holds for it).
    fn to_object(&self) -> Map<String, Value>;
    /// The record back from an object, or `None` when the object is not one.
    fn from_object(object: Map<String, Value>) -> Option<Self>;
    /// Keys compared and merged as one unit.
    fn groups() -> &'static [Group] {
        &[]
    }
    /// Keys holding objects that are still taken whole rather than merged key by key
    /// (`fatalities`: taking `low` from one side and `high` from the other can break
    /// `low <= best <= high`).
    fn atomic() -> &'static [&'static str] {
        &[]
    }
    /// True when the record has the [`PROVENANCE`] keys.
    fn has_provenance() -> bool {
        false
    }
}

/// A value's JSON object; empty for a value that does not serialise to one (never the case
/// for the records of a project).
pub fn object_of<T: Serialize>(item: &T) -> Map<String, Value> {
    match serde_json::to_value(item) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A record of type `T` back from an object.
fn parse_object<T: DeserializeOwned>(object: Map<String, Value>) -> Option<T> {
    serde_json::from_value(Value::Object(object)).ok()
}

/// A record as a conflict records it: its object as the file holds it, without the orphan
/// flag the merge walks it with (settling a conflict parses this value as the record).
pub fn file_value<R: Record>(record: &R) -> Value {
    let mut object = record.to_object();
    object.remove(ORPHAN_KEY);
    Value::Object(object)
}

/// The object without its [`PROVENANCE`] keys, for comparing content.
pub fn without_provenance(mut object: Map<String, Value>) -> Map<String, Value> {
    for key in PROVENANCE {
        object.remove(key);
    }
    object
}

/// True when two records hold the same content, whoever made them and whenever.
pub fn same_content<R: Record>(a: &R, b: &R) -> bool {
    a == b
        || (R::has_provenance()
            && without_provenance(a.to_object()) == without_provenance(b.to_object()))
}

/// The span of an annotation: where it lies and what it quotes.
const SPAN: Group = Group {
    name: "span",
    keys: &[
        "article", "start", "end", "exact", "prefix", "suffix", ORPHAN_KEY,
    ],
};

/// An annotation or an orphan, walked in one list: orphans share the annotations' id space.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed<'a> {
    /// The annotation.
    pub ann: Cow<'a, Annotation>,
    /// True when it sits in the project's `orphans`.
    pub orphan: bool,
}

impl<'a> Placed<'a> {
    /// Every annotation, then every orphan, of a project.
    pub fn all_of(annotations: &'a [Annotation], orphans: &'a [Annotation]) -> Vec<Self> {
        let placed = annotations.iter().map(|a| (a, false));
        let orphaned = orphans.iter().map(|a| (a, true));
        placed
            .chain(orphaned)
            .map(|(ann, orphan)| Placed {
                ann: Cow::Borrowed(ann),
                orphan,
            })
            .collect()
    }
}

impl Record for Placed<'_> {
    const KIND: &'static str = "annotation";
    fn id(&self) -> &str {
        &self.ann.id
    }
    fn to_object(&self) -> Map<String, Value> {
        let mut object = object_of(&*self.ann);
        if self.orphan {
            object.insert(ORPHAN_KEY.to_owned(), Value::Bool(true));
        }
        object
    }
    fn from_object(mut object: Map<String, Value>) -> Option<Self> {
        let orphan = object.remove(ORPHAN_KEY) == Some(Value::Bool(true));
        Some(Placed {
            ann: Cow::Owned(parse_object(object)?),
            orphan,
        })
    }
    fn groups() -> &'static [Group] {
        &[SPAN]
    }
    fn has_provenance() -> bool {
        true
    }
}

/// Implements [`Record`] for `Cow<'_, T>` of one of the plain record types.
macro_rules! cow_record {
    ($ty:ty, $kind:literal, $provenance:literal, [$($group:expr),*], [$($atomic:literal),*]) => {
        impl Record for Cow<'_, $ty> {
            const KIND: &'static str = $kind;
            fn id(&self) -> &str {
                &self.id
            }
            fn to_object(&self) -> Map<String, Value> {
                object_of(&**self)
            }
            fn from_object(object: Map<String, Value>) -> Option<Self> {
                parse_object(object).map(Cow::Owned)
            }
            fn groups() -> &'static [Group] {
                &[$($group),*]
            }
            fn atomic() -> &'static [&'static str] {
                &[$($atomic),*]
            }
            fn has_provenance() -> bool {
                $provenance
            }
        }
    };
}

/// An article's text and its hash go together.
const TEXT: Group = Group {
    name: "text",
    keys: &["text", "text_sha256"],
};

/// A place's latitude and longitude go together.
const COORDINATES: Group = Group {
    name: "coordinates",
    keys: &["lat", "lon"],
};

cow_record!(Article, "article", false, [TEXT], []);
cow_record!(Entity, "entity", true, [COORDINATES], []);
cow_record!(Incident, "incident", true, [], ["fatalities"]);
cow_record!(Tag, "tag", false, [], []);

/// Borrow every item of a list.
pub fn borrowed<T: Clone>(items: &[T]) -> Vec<Cow<'_, T>> {
    items.iter().map(Cow::Borrowed).collect()
}

/// A value shortened for one line of a report: strings quoted, other values as compact JSON,
/// at most about `limit` chars with `…` where it was cut.
pub fn short(value: &Value, limit: usize) -> String {
    let full = match value {
        Value::Null => "none".to_owned(),
        other => other.to_string(),
    };
    if full.chars().count() <= limit {
        return full;
    }
    let mut cut: String = full.chars().take(limit.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CharIdx;

    fn annotation(id: &str) -> Annotation {
        Annotation {
            id: id.into(),
            article: "art-1".into(),
            tag: "actor".into(),
            start: CharIdx(0),
            end: CharIdx(3),
            exact: "abc".into(),
            prefix: String::new(),
            suffix: String::new(),
            entity: None,
            note: String::new(),
            claim: None,
            created: crate::model::now(),
            created_by: Some("maya".into()),
            modified: None,
            modified_by: None,
            extra: crate::model::Extra::new(),
        }
    }

    #[test]
    fn an_orphan_round_trips_through_its_object() {
        let ann = annotation("ann-1");
        let placed = Placed {
            ann: Cow::Borrowed(&ann),
            orphan: true,
        };
        let object = placed.to_object();
        assert_eq!(object.get(ORPHAN_KEY), Some(&Value::Bool(true)));
        let back = Placed::from_object(object).expect("an annotation");
        assert_eq!(back, placed);
        assert!(!back.ann.extra.contains_key(ORPHAN_KEY));
    }

    #[test]
    fn provenance_is_not_content() {
        let a = annotation("ann-1");
        let mut b = a.clone();
        b.created_by = Some("omar".into());
        b.modified = Some(crate::model::now());
        let (pa, pb) = (
            Placed {
                ann: Cow::Borrowed(&a),
                orphan: false,
            },
            Placed {
                ann: Cow::Borrowed(&b),
                orphan: false,
            },
        );
        assert!(same_content(&pa, &pb));
        b.note = "seen".into();
        let pb = Placed {
            ann: Cow::Borrowed(&b),
            orphan: false,
        };
        assert!(!same_content(&pa, &pb));
    }

    #[test]
    fn short_values_fit_a_line() {
        assert_eq!(short(&Value::String("abc".into()), 60), "\"abc\"");
        assert_eq!(short(&Value::Null, 60), "none");
        let long = Value::String("x".repeat(100));
        let cut = short(&long, 60);
        assert_eq!(cut.chars().count(), 60);
        assert!(cut.ends_with('…'));
    }
}
