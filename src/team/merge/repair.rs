//! After the lists are merged: what it takes for the result to pass validation, each step
//! listed as a conflict so nothing is settled silently.
//!
//! - Tag keys: a custom tag both sides gave the same shortcut keeps it on the first tag only.
//! - References: a record one side deleted that the other side still refers to (a mention of
//!   a deleted entity, evidence that was deleted, an annotation on a deleted article) is put
//!   back, from ours, else theirs, else the base, with a whole-item conflict. Only a reference
//!   to something no side holds (which valid inputs never have) is dropped.
//! - Spans: an annotation made on a text the other side replaced does not fit the merged text;
//!   it is kept as an orphan (with its offsets and quote) for the analyst to place.
//! - Fresh ids: theirs' records that clashed with ours get ids from `Project::alloc_ids` on the
//!   merged project, and every reference to them follows.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{MergeReport, Sides, ids};
use crate::model::{Annotation, Article, Entity, MergeConflict, Project};
use crate::team::object::{Placed, file_value};

/// A kind of record a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Target {
    Article,
    Tag,
    Entity,
    Annotation,
}

/// The repairs, with where to look for records to put back.
pub(super) struct Repair<'r, 'a> {
    sides: &'r Sides<'a>,
    base: &'a Project,
    conflicts: &'r mut Vec<MergeConflict>,
    given_up: HashSet<(Target, String)>,
}

impl<'r, 'a> Repair<'r, 'a> {
    /// Repairs that look up records in `sides` and `base` and list what they did in
    /// `conflicts`.
    pub(super) fn new(
        sides: &'r Sides<'a>,
        base: &'a Project,
        conflicts: &'r mut Vec<MergeConflict>,
    ) -> Self {
        Self {
            sides,
            base,
            conflicts,
            given_up: HashSet::new(),
        }
    }

    /// Drop a shortcut key that an earlier tag already has (or that is not one letter).
    pub(super) fn tag_keys(&mut self, project: &mut Project) {
        let mut used = HashSet::new();
        for tag in &mut project.tags {
            let Some(key) = tag.key.clone() else {
                continue;
            };
            let ok = tag
                .key_char()
                .is_some_and(|c| c.is_alphanumeric() && used.insert(c));
            if !ok {
                tag.key = None;
                self.conflicts.push(conflict(
                    "tag",
                    &tag.id,
                    "key",
                    [Value::Null, Value::Null, Value::String(key)],
                ));
            }
        }
    }

    /// Put back (or, failing that, drop references to) every record the project refers to but
    /// does not hold, until nothing dangles.
    pub(super) fn references(&mut self, project: &mut Project) {
        loop {
            let missing = missing(project);
            if missing.is_empty() {
                return;
            }
            for (target, id) in missing {
                let given_up = self.given_up.contains(&(target, id.clone()));
                if given_up || !self.restore(project, target, &id) {
                    self.drop_references(project, target, &id);
                }
            }
        }
    }

    /// Put back the record from ours, theirs or the base; false when no side has it.
    fn restore(&mut self, project: &mut Project, target: Target, id: &str) -> bool {
        let (s, base) = (self.sides, self.base);
        let values: [Value; 3] = match target {
            Target::Article => {
                let find = |list: &[Cow<'a, Article>]| -> Option<Cow<'a, Article>> {
                    list.iter().find(|a| a.id == id).cloned()
                };
                let sides = [
                    base.article(id).map(Cow::Borrowed),
                    find(&s.ours.articles),
                    find(&s.theirs.articles),
                ];
                let Some(found) = sides[1].clone().or(sides[2].clone()).or(sides[0].clone()) else {
                    return false;
                };
                project.articles.push(found.into_owned());
                sides.map(|x| x.map_or(Value::Null, |x| file_value(&x)))
            }
            Target::Entity => {
                let find = |list: &[Cow<'a, Entity>]| -> Option<Cow<'a, Entity>> {
                    list.iter().find(|e| e.id == id).cloned()
                };
                let sides = [
                    base.entity(id).map(Cow::Borrowed),
                    find(&s.ours.entities),
                    find(&s.theirs.entities),
                ];
                let Some(found) = sides[1].clone().or(sides[2].clone()).or(sides[0].clone()) else {
                    return false;
                };
                project.entities.push(found.into_owned());
                sides.map(|x| x.map_or(Value::Null, |x| file_value(&x)))
            }
            Target::Tag => {
                let sides = [base.tag(id), self.ours_tag(id), self.theirs_tag(id)];
                let Some(found) = sides[1].or(sides[2]).or(sides[0]) else {
                    return false;
                };
                project.tags.push(found.clone());
                sides.map(|x| x.map_or(Value::Null, |t| crate::team::object::object_of(t).into()))
            }
            Target::Annotation => {
                let find = |list: &[Placed<'a>]| list.iter().find(|p| p.ann.id == id).cloned();
                let base_all = Placed::all_of(&base.annotations, &base.orphans);
                let sides = [
                    find(&base_all),
                    find(&s.ours.placed),
                    find(&s.theirs.placed),
                ];
                let Some(found) = sides[1].clone().or(sides[2].clone()).or(sides[0].clone()) else {
                    return false;
                };
                let list = if found.orphan {
                    &mut project.orphans
                } else {
                    &mut project.annotations
                };
                list.push(found.ann.into_owned());
                sides.map(|x| x.map_or(Value::Null, |x| file_value(&x)))
            }
        };
        let kind = kind_name(target);
        let already = self
            .conflicts
            .iter()
            .any(|c| c.item == kind && c.id == id && c.field.is_empty());
        if !already {
            self.conflicts.push(conflict(kind, id, "", values));
        }
        true
    }

    fn ours_tag(&self, id: &str) -> Option<&'a crate::model::Tag> {
        self.sides.ours_project.tag(id)
    }

    fn theirs_tag(&self, id: &str) -> Option<&'a crate::model::Tag> {
        self.sides.theirs_project.tag(id)
    }

    /// Nothing holds the record: references to it go (a span without its article or tag goes
    /// with them), listed as a conflict with no values.
    fn drop_references(&mut self, project: &mut Project, target: Target, id: &str) {
        if !self.given_up.insert((target, id.to_owned())) {
            // Already listed; the references found this round are dropped below all the same.
        } else {
            self.conflicts
                .push(conflict(kind_name(target), id, "", Default::default()));
        }
        let some = |x: &Option<String>| x.as_deref() == Some(id);
        match target {
            Target::Article | Target::Tag => {
                let on = |a: &Annotation| match target {
                    Target::Article => a.article == id,
                    _ => a.tag == id,
                };
                let mut gone = Vec::new();
                for list in [&mut project.annotations, &mut project.orphans] {
                    gone.extend(list.iter().filter(|a| on(a)).map(|a| a.id.clone()));
                    list.retain(|a| !on(a));
                }
                for g in gone {
                    self.given_up.insert((Target::Annotation, g));
                }
                if target == Target::Tag {
                    project.entities.retain(|e| e.tag != id);
                }
            }
            Target::Entity => {
                for a in project.annotations.iter_mut().chain(&mut project.orphans) {
                    if some(&a.entity) {
                        a.entity = None;
                    }
                    if let Some(c) = a.claim.as_mut()
                        && some(&c.source)
                    {
                        c.source = None;
                    }
                }
                for i in &mut project.incidents {
                    if some(&i.location) {
                        i.location = None;
                    }
                    i.actors.retain(|a| a.entity != id);
                }
            }
            Target::Annotation => {
                for i in &mut project.incidents {
                    i.evidence.retain(|e| e != id);
                }
            }
        }
    }

    /// Move every annotation whose quote does not match its article's merged text to the
    /// orphans, listing each as a conflict on its `span`.
    pub(super) fn spans(&mut self, project: &mut Project) {
        let misfits: HashSet<String> = {
            let articles: HashMap<&str, &Article> = project
                .articles
                .iter()
                .map(|a| (a.id.as_str(), a))
                .collect();
            project
                .annotations
                .iter()
                .filter(|a| {
                    articles
                        .get(a.article.as_str())
                        .is_some_and(|art| art.slice(a.span()) != Some(a.exact.as_str()))
                })
                .map(|a| a.id.clone())
                .collect()
        };
        if misfits.is_empty() {
            return;
        }
        let span = |p: Option<&Placed<'_>>| -> Value {
            p.map_or(Value::Null, |p| {
                serde_json::json!({"article": p.ann.article, "start": p.ann.start.0,
                    "end": p.ann.end.0, "exact": p.ann.exact})
            })
        };
        let base_all = Placed::all_of(&self.base.annotations, &self.base.orphans);
        let by_id = |list: &'r [Placed<'a>]| -> HashMap<&'r str, &'r Placed<'a>> {
            list.iter()
                .filter(|p| misfits.contains(p.ann.id.as_str()))
                .map(|p| (p.ann.id.as_str(), p))
                .collect()
        };
        let (ours, theirs) = (
            by_id(&self.sides.ours.placed),
            by_id(&self.sides.theirs.placed),
        );
        let mut moved = Vec::new();
        project.annotations.retain(|a| {
            let fits = !misfits.contains(&a.id);
            if !fits {
                moved.push(a.clone());
            }
            fits
        });
        for a in moved {
            let b = base_all.iter().find(|p| p.ann.id == a.id);
            let values = [
                span(b),
                span(ours.get(a.id.as_str()).copied()),
                span(theirs.get(a.id.as_str()).copied()),
            ];
            self.conflicts
                .push(conflict("annotation", &a.id, "span", values));
            project.orphans.push(a);
        }
    }
}

/// Every record referred to that the project does not hold.
fn missing(p: &Project) -> Vec<(Target, String)> {
    let articles: HashSet<&str> = p.articles.iter().map(|a| a.id.as_str()).collect();
    let tags: HashSet<&str> = p.tags.iter().map(|t| t.id.as_str()).collect();
    let entities: HashSet<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    let all = p.annotations.iter().chain(&p.orphans);
    let annotations: HashSet<&str> = all.clone().map(|a| a.id.as_str()).collect();
    let mut out: Vec<(Target, String)> = Vec::new();
    let mut need = |target: Target, id: &str, known: &HashSet<&str>| {
        if !known.contains(id) && !out.iter().any(|(t, x)| *t == target && x == id) {
            out.push((target, id.to_owned()));
        }
    };
    for e in &p.entities {
        need(Target::Tag, &e.tag, &tags);
    }
    for a in all {
        need(Target::Article, &a.article, &articles);
        need(Target::Tag, &a.tag, &tags);
        if let Some(e) = &a.entity {
            need(Target::Entity, e, &entities);
        }
        if let Some(s) = a.claim.as_ref().and_then(|c| c.source.as_ref()) {
            need(Target::Entity, s, &entities);
        }
    }
    for i in &p.incidents {
        if let Some(l) = &i.location {
            need(Target::Entity, l, &entities);
        }
        for actor in &i.actors {
            need(Target::Entity, &actor.entity, &entities);
        }
        for ev in &i.evidence {
            need(Target::Annotation, ev, &annotations);
        }
    }
    out
}

fn kind_name(target: Target) -> &'static str {
    match target {
        Target::Article => "article",
        Target::Tag => "tag",
        Target::Entity => "entity",
        Target::Annotation => "annotation",
    }
}

/// A conflict with values `[base, ours, theirs]`.
fn conflict(item: &str, id: &str, field: &str, values: [Value; 3]) -> MergeConflict {
    let [base, ours, theirs] = values;
    MergeConflict {
        item: item.to_owned(),
        id: id.to_owned(),
        field: field.to_owned(),
        base,
        ours,
        theirs,
        extra: crate::model::Extra::new(),
    }
}

/// Replace the placeholder ids of theirs' clashing records with fresh ids of the merged
/// project, in the records, every reference and the conflicts.
pub(super) fn fresh_ids(
    project: &mut Project,
    plan: &ids::Plan,
    conflicts: &mut [MergeConflict],
    report: &mut MergeReport,
) {
    if plan.placeholders.is_empty() {
        return;
    }
    let mut remap = ids::Remap::default();
    let mut all: HashMap<String, String> = HashMap::new();
    for prefix in ["art", "ann", "ent", "inc"] {
        let mine: Vec<&String> = plan
            .placeholders
            .iter()
            .filter(|(_, p)| *p == prefix)
            .map(|(id, _)| id)
            .collect();
        let fresh = project.alloc_ids(prefix, mine.len());
        let (map, counts) = match prefix {
            "art" => (&mut remap.article, &mut report.articles),
            "ann" => (&mut remap.annotation, &mut report.annotations),
            "ent" => (&mut remap.entity, &mut report.entities),
            _ => (&mut remap.incident, &mut report.incidents),
        };
        counts.renamed += mine.len();
        for (old, new) in mine.into_iter().zip(fresh) {
            map.insert(old.clone(), new.clone());
            all.insert(old.clone(), new);
        }
    }
    for a in &mut project.articles {
        if let Some(new) = remap.article(a) {
            *a = new;
        }
    }
    for a in project.annotations.iter_mut().chain(&mut project.orphans) {
        if let Some(new) = remap.annotation(a) {
            *a = new;
        }
    }
    for e in &mut project.entities {
        if let Some(new) = remap.entity(e) {
            *e = new;
        }
    }
    for i in &mut project.incidents {
        if let Some(new) = remap.incident(i) {
            *i = new;
        }
    }
    for r in &mut project.relations {
        for end in [&mut r.from, &mut r.to] {
            if let Some(new) = remap.annotation.get(end.as_str()) {
                end.clone_from(new);
            }
        }
    }
    for c in conflicts {
        if let Some(new) = all.get(&c.id) {
            c.id.clone_from(new);
        }
        for v in [&mut c.base, &mut c.ours, &mut c.theirs] {
            replace_strings(v, &all);
        }
    }
}

/// Replace, anywhere in a value, each string that is a key of `map`.
fn replace_strings(value: &mut Value, map: &HashMap<String, String>) {
    match value {
        Value::String(s) => {
            if let Some(new) = map.get(s.as_str()) {
                s.clone_from(new);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_strings(v, map)),
        Value::Object(object) => object.values_mut().for_each(|v| replace_strings(v, map)),
        _ => {}
    }
}
