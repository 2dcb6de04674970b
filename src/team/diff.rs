//! `diff`: what one project holds that another lacks or holds otherwise.
//!
//! Articles are matched by `text_sha256` (copies of a project may give one text different
//! ids), annotations by id, and failing that by place: an annotation of B on the same article
//! text with the same tag, start and end as one of A is the same annotation, so two analysts
//! who marked the same span are not reported as one span only in A and one only in B.
//! Entities and incidents are matched by id. Records are compared as JSON objects key by key,
//! without the provenance keys (who made or changed a record is not what it says), so fields
//! added later are compared too.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::agreement::articles_by_text;
use super::object::{ORPHAN_KEY, PROVENANCE, Placed, Record, object_of, short};
use crate::model::{Annotation, Article, Entity, Incident, Project};

/// Everything that differs between two projects, A and B.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProjectDiff {
    /// Articles (matched by text): only in A, only in B, and changed metadata.
    pub articles: ItemsDiff<ArticleSummary>,
    /// Annotations and orphans.
    pub annotations: ItemsDiff<AnnotationSummary>,
    /// Entities. One that B merged into another is listed in `merged_entities`, not here.
    pub entities: ItemsDiff<EntitySummary>,
    /// Entities of A under the same id in B with another name.
    pub renamed_entities: Vec<Renamed>,
    /// Entities of A gone in B whose mentions in B point at one other entity.
    pub merged_entities: Vec<MergedEntity>,
    /// Incidents.
    pub incidents: ItemsDiff<IncidentSummary>,
}

impl ProjectDiff {
    /// True when the projects hold the same records.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.annotations.is_empty()
            && self.entities.is_empty()
            && self.incidents.is_empty()
            && self.renamed_entities.is_empty()
            && self.merged_entities.is_empty()
    }
}

/// The records of one kind that differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemsDiff<S> {
    /// Records A holds and B does not.
    pub only_in_a: Vec<S>,
    /// Records B holds and A does not.
    pub only_in_b: Vec<S>,
    /// Records both hold, with what differs.
    pub changed: Vec<ChangedItem>,
}

impl<S> Default for ItemsDiff<S> {
    fn default() -> Self {
        Self {
            only_in_a: Vec::new(),
            only_in_b: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<S> ItemsDiff<S> {
    /// True when nothing of this kind differs.
    pub fn is_empty(&self) -> bool {
        self.only_in_a.is_empty() && self.only_in_b.is_empty() && self.changed.is_empty()
    }
}

/// One record both projects hold, and its fields that differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedItem {
    /// Its id in A.
    pub id: String,
    /// Its id in B, when that is another (matched by text or by place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_b: Option<String>,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
}

/// One field that differs: its name (`note`, `claim.status`, `span`) and both values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The JSON key, dotted inside objects; `span` for an annotation's place and quote.
    pub field: String,
    /// A's value (`null` when absent).
    pub a: Value,
    /// B's value.
    pub b: Value,
}

/// An article, as a diff lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The hash of its text.
    pub text_sha256: String,
}

/// An annotation, as a diff lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnotationSummary {
    /// Its id.
    pub id: String,
    /// Its article's id.
    pub article: String,
    /// Its tag.
    pub tag: String,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The quote.
    pub exact: String,
    /// True for an orphan.
    pub orphan: bool,
}

/// An entity, as a diff lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntitySummary {
    /// Its id.
    pub id: String,
    /// Its tag.
    pub tag: String,
    /// Its name.
    pub name: String,
}

/// An incident, as a diff lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// An entity with a new name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Renamed {
    /// Its id (the same in both).
    pub id: String,
    /// Its name in A.
    pub from: String,
    /// Its name in B.
    pub to: String,
}

/// An entity of A that B merged into another.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MergedEntity {
    /// The entity of A.
    pub from: EntitySummary,
    /// The entity of B its mentions now point at.
    pub into: EntitySummary,
}

/// Compare project A with project B.
pub fn diff(a: &Project, b: &Project) -> ProjectDiff {
    let (articles, article_map) = diff_articles(a, b);
    let matching = AnnotationMatch::of(a, b, &article_map);
    let mut out = ProjectDiff {
        articles,
        annotations: matching.report(),
        ..ProjectDiff::default()
    };
    diff_entities(&mut out, a, b, &matching);
    out.incidents = diff_incidents(a, b, &matching.a_to_b);
    out
}

/// Articles by text; returns the map of A's article ids to B's.
fn diff_articles<'p>(
    a: &'p Project,
    b: &'p Project,
) -> (ItemsDiff<ArticleSummary>, HashMap<&'p str, &'p str>) {
    let (a_text, b_text) = (articles_by_text(a), articles_by_text(b));
    let summary = |x: &Article| ArticleSummary {
        id: x.id.clone(),
        title: x.title.clone(),
        text_sha256: x.text_sha256.clone(),
    };
    let mut out = ItemsDiff::default();
    let mut map = HashMap::new();
    for x in &a.articles {
        match b_text.get(x.text_sha256.as_str()) {
            Some(y) => {
                map.insert(x.id.as_str(), y.id.as_str());
                let fields = changes(object_of(x), object_of(y), &["id", "text", "text_sha256"]);
                if !fields.is_empty() {
                    out.changed.push(changed(&x.id, &y.id, fields));
                }
            }
            None => out.only_in_a.push(summary(x)),
        }
    }
    out.only_in_b = b
        .articles
        .iter()
        .filter(|y| !a_text.contains_key(y.text_sha256.as_str()))
        .map(summary)
        .collect();
    (out, map)
}

fn changed(a_id: &str, b_id: &str, fields: Vec<FieldChange>) -> ChangedItem {
    ChangedItem {
        id: a_id.to_owned(),
        id_b: (a_id != b_id).then(|| b_id.to_owned()),
        fields,
    }
}

/// A's annotations paired with B's.
struct AnnotationMatch<'p> {
    a: Vec<Placed<'p>>,
    b: Vec<Placed<'p>>,
    /// Index pairs (A, B).
    pairs: Vec<(usize, usize)>,
    /// A's annotation ids → B's, for the pairs.
    a_to_b: HashMap<&'p str, &'p str>,
}

impl<'p> AnnotationMatch<'p> {
    fn of(a: &'p Project, b: &'p Project, articles: &HashMap<&str, &str>) -> Self {
        let a_all = Placed::all_of(&a.annotations, &a.orphans);
        let b_all = Placed::all_of(&b.annotations, &b.orphans);
        let b_by_id: HashMap<&str, usize> = b_all
            .iter()
            .enumerate()
            .map(|(j, p)| (p.ann.id.as_str(), j))
            .collect();
        let mut b_taken = vec![false; b_all.len()];
        let mut a_pair: Vec<Option<usize>> = vec![None; a_all.len()];
        // By id first, when the article is the same text in both.
        for (i, x) in a_all.iter().enumerate() {
            let article = articles.get(x.ann.article.as_str());
            if let Some(&j) = b_by_id.get(x.ann.id.as_str())
                && article == Some(&b_all[j].ann.article.as_str())
            {
                b_taken[j] = true;
                a_pair[i] = Some(j);
            }
        }
        // Then by place, for placed annotations left over on both sides.
        let mut b_by_span: HashMap<(&str, &str, usize, usize), Vec<usize>> = HashMap::new();
        for (j, y) in b_all.iter().enumerate() {
            if !b_taken[j] && !y.orphan {
                let key = (
                    y.ann.article.as_str(),
                    y.ann.tag.as_str(),
                    y.ann.start.0,
                    y.ann.end.0,
                );
                b_by_span.entry(key).or_default().push(j);
            }
        }
        for (i, x) in a_all.iter().enumerate() {
            if a_pair[i].is_some() || x.orphan {
                continue;
            }
            let Some(article) = articles.get(x.ann.article.as_str()) else {
                continue;
            };
            let key = (*article, x.ann.tag.as_str(), x.ann.start.0, x.ann.end.0);
            if let Some(j) = b_by_span
                .get_mut(&key)
                .and_then(|js| (!js.is_empty()).then(|| js.remove(0)))
            {
                b_taken[j] = true;
                a_pair[i] = Some(j);
            }
        }
        let pairs: Vec<(usize, usize)> = a_pair
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (i, j)))
            .collect();
        let a_to_b = pairs
            .iter()
            .filter_map(|&(i, j)| Some((nth_id(a, i)?, nth_id(b, j)?)))
            .collect();
        Self {
            a: a_all,
            b: b_all,
            pairs,
            a_to_b,
        }
    }

    fn report(&self) -> ItemsDiff<AnnotationSummary> {
        let paired_a: HashSet<usize> = self.pairs.iter().map(|p| p.0).collect();
        let paired_b: HashSet<usize> = self.pairs.iter().map(|p| p.1).collect();
        let unpaired = |list: &[Placed<'_>], paired: &HashSet<usize>| -> Vec<AnnotationSummary> {
            list.iter()
                .enumerate()
                .filter(|(i, _)| !paired.contains(i))
                .map(|(_, p)| annotation_summary(&p.ann, p.orphan))
                .collect()
        };
        let mut changed_items = Vec::new();
        for &(i, j) in &self.pairs {
            let (Some(x), Some(y)) = (self.a.get(i), self.b.get(j)) else {
                continue;
            };
            if x.ann.id == y.ann.id && x == y {
                continue;
            }
            let fields = changes(x.to_object(), y.to_object(), &["id", "article"]);
            if !fields.is_empty() {
                changed_items.push(changed(&x.ann.id, &y.ann.id, fields));
            }
        }
        ItemsDiff {
            only_in_a: unpaired(&self.a, &paired_a),
            only_in_b: unpaired(&self.b, &paired_b),
            changed: changed_items,
        }
    }
}

/// The id of the `i`-th record of [`Placed::all_of`]: annotations first, then orphans.
fn nth_id(p: &Project, i: usize) -> Option<&str> {
    let orphan = i.checked_sub(p.annotations.len());
    match orphan {
        None => p.annotations.get(i),
        Some(k) => p.orphans.get(k),
    }
    .map(|a| a.id.as_str())
}

fn annotation_summary(a: &Annotation, orphan: bool) -> AnnotationSummary {
    AnnotationSummary {
        id: a.id.clone(),
        article: a.article.clone(),
        tag: a.tag.clone(),
        start: a.start.0,
        end: a.end.0,
        exact: a.exact.clone(),
        orphan,
    }
}

fn entity_summary(e: &Entity) -> EntitySummary {
    EntitySummary {
        id: e.id.clone(),
        tag: e.tag.clone(),
        name: e.name.clone(),
    }
}

/// Entities by id; an entity of A that B lacks is merged when its mentions in B (the
/// annotations paired with A's mentions of it) all point at one entity B holds.
fn diff_entities(out: &mut ProjectDiff, a: &Project, b: &Project, m: &AnnotationMatch<'_>) {
    let b_by_id: HashMap<&str, &Entity> = b.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let gone: HashSet<&str> = a
        .entities
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| !b_by_id.contains_key(id))
        .collect();
    let mut targets: HashMap<&str, HashSet<&str>> = HashMap::new();
    for &(i, j) in &m.pairs {
        let (Some(x), Some(y)) = (m.a.get(i), m.b.get(j)) else {
            continue;
        };
        let source = |p: &Placed<'_>| p.ann.claim.as_ref().and_then(|c| c.source.clone());
        for (was, is) in [
            (x.ann.entity.clone(), y.ann.entity.clone()),
            (source(x), source(y)),
        ] {
            if let (Some(was), Some(is)) = (was, is)
                && let Some(was) = gone.get(was.as_str())
                && let Some(is) = b_by_id.get_key_value(is.as_str()).map(|(k, _)| *k)
            {
                targets.entry(was).or_default().insert(is);
            }
        }
    }
    for e in &a.entities {
        let Some(other) = b_by_id.get(e.id.as_str()) else {
            let into = targets.get(e.id.as_str()).filter(|t| t.len() == 1);
            let into = into
                .and_then(|t| t.iter().next().copied())
                .or_else(|| super::merge::alias_heir(a, b, &e.id));
            match into.and_then(|id| b_by_id.get(id)) {
                Some(into) => out.merged_entities.push(MergedEntity {
                    from: entity_summary(e),
                    into: entity_summary(into),
                }),
                None => out.entities.only_in_a.push(entity_summary(e)),
            }
            continue;
        };
        if e == *other {
            continue;
        }
        if e.name != other.name {
            out.renamed_entities.push(Renamed {
                id: e.id.clone(),
                from: e.name.clone(),
                to: other.name.clone(),
            });
        }
        let fields = changes(object_of(e), object_of(other), &["id", "name"]);
        if !fields.is_empty() {
            out.entities.changed.push(changed(&e.id, &other.id, fields));
        }
    }
    let a_ids: HashSet<&str> = a.entities.iter().map(|e| e.id.as_str()).collect();
    out.entities.only_in_b = b
        .entities
        .iter()
        .filter(|e| !a_ids.contains(e.id.as_str()))
        .map(entity_summary)
        .collect();
}

/// Incidents by id, A's evidence read in B's annotation ids.
fn diff_incidents(
    a: &Project,
    b: &Project,
    a_to_b: &HashMap<&str, &str>,
) -> ItemsDiff<IncidentSummary> {
    let summary = |i: &Incident| IncidentSummary {
        id: i.id.clone(),
        title: i.title.clone(),
    };
    let b_by_id: HashMap<&str, &Incident> =
        b.incidents.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut out = ItemsDiff::default();
    for x in &a.incidents {
        let Some(y) = b_by_id.get(x.id.as_str()) else {
            out.only_in_a.push(summary(x));
            continue;
        };
        if x == *y {
            continue;
        }
        let mut translated = x.clone();
        for ev in &mut translated.evidence {
            if let Some(to) = a_to_b.get(ev.as_str()) {
                *ev = (*to).to_owned();
            }
        }
        let fields = changes(object_of(&translated), object_of(y), &["id"]);
        if !fields.is_empty() {
            out.changed.push(changed(&x.id, &y.id, fields));
        }
    }
    let a_ids: HashSet<&str> = a.incidents.iter().map(|i| i.id.as_str()).collect();
    out.only_in_b = b
        .incidents
        .iter()
        .filter(|i| !a_ids.contains(i.id.as_str()))
        .map(summary)
        .collect();
    out
}

/// The keys of an annotation's place shown as one `span` field (the article is matched
/// apart, and prefix and suffix follow from the text).
const SPAN_KEYS: [&str; 4] = ["start", "end", "exact", ORPHAN_KEY];

/// The fields whose values differ, minus provenance and `ignore`; nested objects (a claim)
/// compared key by key.
fn changes(a: Map<String, Value>, b: Map<String, Value>, ignore: &[&str]) -> Vec<FieldChange> {
    let skip = |k: &str| PROVENANCE.contains(&k) || ignore.contains(&k);
    let mut out = Vec::new();
    let span = |m: &Map<String, Value>| -> Value {
        let object: Map<String, Value> = SPAN_KEYS
            .iter()
            .filter_map(|k| {
                let name = if *k == ORPHAN_KEY { "orphan" } else { k };
                m.get(*k).map(|v| (name.to_owned(), v.clone()))
            })
            .collect();
        Value::Object(object)
    };
    if a.contains_key("exact") && SPAN_KEYS.iter().any(|k| a.get(*k) != b.get(*k)) {
        out.push(FieldChange {
            field: "span".to_owned(),
            a: span(&a),
            b: span(&b),
        });
    }
    let is_span = |k: &str| {
        a.contains_key("exact") && (SPAN_KEYS.contains(&k) || k == "prefix" || k == "suffix")
    };
    let extra = b.keys().filter(|k| !a.contains_key(*k));
    for key in a.keys().chain(extra) {
        if skip(key) || is_span(key) {
            continue;
        }
        nested_changes(key, a.get(key), b.get(key), &mut out);
    }
    out
}

fn nested_changes(field: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    if a == b {
        return;
    }
    if let (Some(Value::Object(x)), Some(Value::Object(y))) = (a, b) {
        let extra = y.keys().filter(|k| !x.contains_key(*k));
        for key in x.keys().chain(extra) {
            nested_changes(&format!("{field}.{key}"), x.get(key), y.get(key), out);
        }
        return;
    }
    out.push(FieldChange {
        field: field.to_owned(),
        a: a.cloned().unwrap_or(Value::Null),
        b: b.cloned().unwrap_or(Value::Null),
    });
}

/// How many characters of a value a line shows.
const VALUE_CHARS: usize = 60;

/// The diff as text: a count line per kind, then one line per record.
pub fn render_diff(d: &ProjectDiff, a_name: &str, b_name: &str) -> String {
    let mut out = format!("A = {a_name}\nB = {b_name}\n");
    if d.is_empty() {
        out.push_str("no differences\n");
        return out;
    }
    let line = |out: &mut String, s: String| {
        out.push_str("  ");
        out.push_str(&s);
        out.push('\n');
    };
    let art = |s: &ArticleSummary| format!("{} {:?}", s.id, s.title);
    let ann = |s: &AnnotationSummary| {
        let orphan = if s.orphan { " (orphan)" } else { "" };
        format!(
            "{} {} {}..{} {} in {}{orphan}",
            s.id,
            s.tag,
            s.start,
            s.end,
            short(&Value::String(s.exact.clone()), VALUE_CHARS),
            s.article
        )
    };
    let ent = |s: &EntitySummary| format!("{} {} {:?}", s.id, s.tag, s.name);
    let inc = |s: &IncidentSummary| format!("{} {:?}", s.id, s.title);
    section(&mut out, "articles", &d.articles, art, line);
    section(&mut out, "annotations", &d.annotations, ann, line);
    section(&mut out, "entities", &d.entities, ent, line);
    for r in &d.renamed_entities {
        line(
            &mut out,
            format!("renamed: {} {:?} → {:?}", r.id, r.from, r.to),
        );
    }
    for m in &d.merged_entities {
        line(
            &mut out,
            format!(
                "merged: {} {:?} into {} {:?}",
                m.from.id, m.from.name, m.into.id, m.into.name
            ),
        );
    }
    section(&mut out, "incidents", &d.incidents, inc, line);
    out
}

fn section<S>(
    out: &mut String,
    kind: &str,
    items: &ItemsDiff<S>,
    show: impl Fn(&S) -> String,
    line: impl Fn(&mut String, String),
) {
    out.push_str(&format!(
        "{kind}: {} only in A, {} only in B, {} changed\n",
        items.only_in_a.len(),
        items.only_in_b.len(),
        items.changed.len()
    ));
    for s in &items.only_in_a {
        line(out, format!("only in A: {}", show(s)));
    }
    for s in &items.only_in_b {
        line(out, format!("only in B: {}", show(s)));
    }
    for c in &items.changed {
        let id = match &c.id_b {
            Some(b) => format!("{} ({} in B)", c.id, b),
            None => c.id.clone(),
        };
        for f in &c.fields {
            line(
                out,
                format!(
                    "changed: {id} · {}: {} → {}",
                    f.field,
                    short(&f.a, VALUE_CHARS),
                    short(&f.b, VALUE_CHARS)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests;
