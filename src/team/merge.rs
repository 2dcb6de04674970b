//! Three-way merge of projects: what git needs to keep one `.sitrep` file per corpus while
//! analysts work apart.
//!
//! [`merge`] takes the common ancestor and two descendants and returns the merged project,
//! the fields it could not settle as [`MergeConflict`]s (also listed in the project's own
//! `conflicts`, so the window can show them), and counts of what happened. Records are merged
//! by id, field by field (see `fields.rs` for the rules of one record); before that, ids that
//! stand for the same record or clash are settled (`ids.rs`), and after it every reference is
//! made to resolve and every span to fit its text (`repair.rs`), so the result always passes
//! [`crate::model::validate`].

mod fields;
mod ids;
mod list;
mod render;
mod repair;

pub(crate) use ids::alias_heir;
pub use render::{conflict_line, render_report};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::model::{MergeConflict, Project};
use crate::team::object::{Placed, borrowed};

/// What a merge produced.
#[derive(Clone, Debug)]
pub struct MergeOutcome {
    /// The merged project. Its `conflicts` holds the conflicts left from before that neither
    /// side settled, then [`Self::conflicts`].
    pub project: Project,
    /// The conflicts this merge found.
    pub conflicts: Vec<MergeConflict>,
    /// What happened to each kind of record.
    pub report: MergeReport,
}

/// Counts of what a merge did, per kind of record.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MergeReport {
    /// Articles.
    pub articles: KindCounts,
    /// Entities.
    pub entities: KindCounts,
    /// Annotations and orphans.
    pub annotations: KindCounts,
    /// Incidents.
    pub incidents: KindCounts,
    /// Tags.
    pub tags: KindCounts,
    /// Entity references pointed at the entity the other side merged theirs into.
    pub repointed: usize,
    /// Conflicts of earlier merges still listed.
    pub earlier_conflicts: usize,
}

/// What happened to one kind of record.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KindCounts {
    /// Added by ours only.
    pub added_ours: usize,
    /// Added by theirs only.
    pub added_theirs: usize,
    /// Changed by ours only.
    pub changed_ours: usize,
    /// Changed by theirs only.
    pub changed_theirs: usize,
    /// Changed on both sides, merged field by field.
    pub merged: usize,
    /// Made on both sides independently and kept once (the same span, the same text).
    pub joined: usize,
    /// Deleted (by one side, the other leaving it as it was, or by both).
    pub deleted: usize,
    /// Made on both sides under one id: theirs got a fresh id.
    pub renamed: usize,
    /// Conflicts found.
    pub conflicts: usize,
}

impl MergeReport {
    /// Each kind with its counts, in file order, named as in files (`annotations`, ...).
    pub fn kinds(&self) -> [(&'static str, &KindCounts); 5] {
        [
            ("articles", &self.articles),
            ("entities", &self.entities),
            ("annotations", &self.annotations),
            ("incidents", &self.incidents),
            ("tags", &self.tags),
        ]
    }
}

/// Merge `ours` and `theirs`, both descended from `base`. The project's header (format,
/// version, created) is ours'; `modified` the later of the two.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> MergeOutcome {
    let plan = ids::plan(base, ours, theirs);
    let mut report = MergeReport::default();
    let mut conflicts = Vec::new();

    let sides = Sides::new(ours, theirs, &plan);
    let mut project = Project::new(ours.name.clone());
    project.created = ours.created;
    project.modified = ours.modified.max(theirs.modified);
    project.format.clone_from(&ours.format);
    project.version = ours.version.max(theirs.version);
    header_fields(&mut project, base, ours, theirs, &mut conflicts);

    project.tags = owned(list::merge_list(
        &borrowed(&base.tags),
        &borrowed(&ours.tags),
        &borrowed(&theirs.tags),
        &mut report.tags,
        &mut conflicts,
    ));
    project.articles = owned(list::merge_list(
        &borrowed(&base.articles),
        &sides.ours.articles,
        &sides.theirs.articles,
        &mut report.articles,
        &mut conflicts,
    ));
    project.entities = owned(list::merge_list(
        &borrowed(&base.entities),
        &sides.ours.entities,
        &sides.theirs.entities,
        &mut report.entities,
        &mut conflicts,
    ));
    let placed = list::merge_list(
        &Placed::all_of(&base.annotations, &base.orphans),
        &sides.ours.placed,
        &sides.theirs.placed,
        &mut report.annotations,
        &mut conflicts,
    );
    for p in placed {
        let list = if p.orphan {
            &mut project.orphans
        } else {
            &mut project.annotations
        };
        list.push(p.ann.into_owned());
    }
    project.incidents = owned(list::merge_list(
        &borrowed(&base.incidents),
        &sides.ours.incidents,
        &sides.theirs.incidents,
        &mut report.incidents,
        &mut conflicts,
    ));
    // The short project-level lists, three ways by key, ours winning where both changed one.
    project.sources = merge_keyed(&base.sources, &ours.sources, &theirs.sources, |s| {
        crate::model::sources::fold_name(&s.name)
    });
    project.doc_labels = merge_keyed(
        &base.doc_labels,
        &ours.doc_labels,
        &theirs.doc_labels,
        |l| l.id.clone(),
    );
    project.relation_types = merge_keyed(
        &base.relation_types,
        &ours.relation_types,
        &theirs.relation_types,
        |t| t.id.clone(),
    );
    project.relations = merged_relations(base, ours, theirs, &plan, &project);
    report.articles.joined = plan.joined_articles;
    report.annotations.joined = plan.joined_annotations;
    report.entities.joined = plan.joined_entities;
    report.repointed = plan.repointed;
    let mut repair = repair::Repair::new(&sides, base, &mut conflicts);
    repair.tag_keys(&mut project);
    repair.references(&mut project);
    repair.spans(&mut project);
    repair::fresh_ids(&mut project, &plan, &mut conflicts, &mut report);
    project.sort_annotations();

    let earlier = earlier_conflicts(base, ours, theirs);
    report.earlier_conflicts = earlier.len();
    project.conflicts = earlier;
    for c in &conflicts {
        if !project.conflicts.contains(c) {
            project.conflicts.push(c.clone());
        }
    }
    MergeOutcome {
        project,
        conflicts,
        report,
    }
}

/// Three-way merge of a short list by key: an entry both sides kept (ours' version), or one
/// side added; an entry of the base that either side removed is gone. Ours' order, then
/// theirs' additions.
fn merge_keyed<T: Clone, K: Eq + std::hash::Hash>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    // Keys hashed once per list: relations may number in the tens of thousands.
    let keys = |list: &[T]| {
        list.iter()
            .map(&key)
            .collect::<std::collections::HashSet<K>>()
    };
    let (in_base, in_ours, in_theirs) = (keys(base), keys(ours), keys(theirs));
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| {
            let k = key(x);
            in_theirs.contains(&k) || !in_base.contains(&k)
        })
        .cloned()
        .collect();
    for x in theirs {
        let k = key(x);
        if !in_ours.contains(&k) && !in_base.contains(&k) {
            out.push(x.clone());
        }
    }
    out
}

/// Relations of both sides with their ends renamed as the plan renamed annotations, merged
/// three ways by (type, from, to); those whose ends did not survive the merge are dropped,
/// and one of theirs whose id ours uses for another relation gets a fresh id.
fn merged_relations(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    plan: &ids::Plan,
    merged: &Project,
) -> Vec<crate::model::SpanRelation> {
    let renamed = |p: &Project, remap: &ids::Remap| -> Vec<crate::model::SpanRelation> {
        p.relations
            .iter()
            .map(|r| {
                let mut r = r.clone();
                for end in [&mut r.from, &mut r.to] {
                    if let Some(new) = remap.annotation.get(end.as_str()) {
                        end.clone_from(new);
                    }
                }
                r
            })
            .collect()
    };
    let key = |r: &crate::model::SpanRelation| (r.kind.clone(), r.from.clone(), r.to.clone());
    let mut out = merge_keyed(
        &base.relations,
        &renamed(ours, &plan.ours),
        &renamed(theirs, &plan.theirs),
        key,
    );
    let anns: std::collections::HashSet<&str> =
        merged.annotations.iter().map(|a| a.id.as_str()).collect();
    out.retain(|r| anns.contains(r.from.as_str()) && anns.contains(r.to.as_str()));
    let mut seen = std::collections::HashSet::new();
    let mut next = out.len() + 1;
    for r in &mut out {
        while !seen.insert(r.id.clone()) {
            r.id = format!("rel-merged-{next}");
            next += 1;
        }
    }
    out
}

/// One side's records as the merge walks them, its ids already settled by the plan.
pub(crate) struct Side<'a> {
    articles: Vec<Cow<'a, crate::model::Article>>,
    entities: Vec<Cow<'a, crate::model::Entity>>,
    placed: Vec<Placed<'a>>,
    incidents: Vec<Cow<'a, crate::model::Incident>>,
}

/// Both sides, as the merge walks them.
pub(crate) struct Sides<'a> {
    ours: Side<'a>,
    theirs: Side<'a>,
    ours_project: &'a Project,
    theirs_project: &'a Project,
}

impl<'a> Sides<'a> {
    fn new(ours: &'a Project, theirs: &'a Project, plan: &ids::Plan) -> Self {
        let side = |p: &'a Project, remap: &ids::Remap| Side {
            articles: ids::view(&p.articles, remap, ids::Remap::article),
            entities: ids::view(&p.entities, remap, ids::Remap::entity),
            placed: ids::placed_view(p, remap),
            incidents: ids::view(&p.incidents, remap, ids::Remap::incident),
        };
        Self {
            ours: side(ours, &plan.ours),
            theirs: side(theirs, &plan.theirs),
            ours_project: ours,
            theirs_project: theirs,
        }
    }
}

fn owned<T: Clone>(items: Vec<Cow<'_, T>>) -> Vec<T> {
    items.into_iter().map(Cow::into_owned).collect()
}

/// The project's own fields: name, `next_ids` (the higher counter per prefix, so no number is
/// handed out twice), unknown fields key by key, rejected suggestions as a set.
fn header_fields(
    project: &mut Project,
    base: &Project,
    ours: &Project,
    theirs: &Project,
    conflicts: &mut Vec<MergeConflict>,
) {
    let mut extra_conflicts = Vec::new();
    let mut field = fields::FieldMerge::project(&ours.name, &mut extra_conflicts);
    let name = |p: &Project| -> serde_json::Map<String, Value> {
        let mut m = p.extra.clone();
        m.insert("name".to_owned(), Value::String(p.name.clone()));
        m
    };
    let mut merged = field.record(Some(&name(base)), &name(ours), &name(theirs));
    if let Some(Value::String(n)) = merged.remove("name") {
        project.name = n;
    }
    project.extra = merged;
    conflicts.append(&mut extra_conflicts);

    let mut next: BTreeMap<String, u64> = BTreeMap::new();
    for (k, v) in base
        .next_ids
        .iter()
        .chain(&ours.next_ids)
        .chain(&theirs.next_ids)
    {
        let slot = next.entry(k.clone()).or_insert(0);
        *slot = (*slot).max(*v);
    }
    project.next_ids = next;
    let (b, o, t) = (
        &base.rejected_suggestions,
        &ours.rejected_suggestions,
        &theirs.rejected_suggestions,
    );
    let (b_set, t_set): (HashSet<_>, HashSet<_>) = (b.iter().collect(), t.iter().collect());
    let mut seen = HashSet::new();
    let kept = o.iter().filter(|x| !b_set.contains(x) || t_set.contains(x));
    let added = t.iter().filter(|x| !b_set.contains(x));
    project.rejected_suggestions = kept
        .chain(added)
        .filter(|x| seen.insert(*x))
        .cloned()
        .collect();
}

/// A list merged as a set: what a side removed from the base is gone, what either added is
/// there, ours' order first, each element once.
fn three_way_set<T: Clone + PartialEq>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    let kept = ours
        .iter()
        .filter(|x| !base.contains(x) || theirs.contains(x));
    let added = theirs.iter().filter(|x| !base.contains(x));
    for x in kept.chain(added) {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Conflicts listed before this merge: those in the base that a side settled (removed) are
/// gone, those either side still lists or added stay, each once.
fn earlier_conflicts(base: &Project, ours: &Project, theirs: &Project) -> Vec<MergeConflict> {
    three_way_set(&base.conflicts, &ours.conflicts, &theirs.conflicts)
}

#[cfg(test)]
mod tests;
