//! Before the lists are merged by id: which ids of theirs stand for one of ours, which clash
//! with one of ours and must be renamed, and which entities one side merged into another.
//!
//! - An article theirs imported that ours also holds (same `text_sha256`, another id) is ours'
//!   article: theirs' id maps to ours'.
//! - An annotation both sides made since the base on the same characters of the same article
//!   with the same tag is one annotation: theirs' id maps to ours' (the list merge then joins
//!   their fields).
//! - An entity both sides made since the base with the same tag and name (case and accents
//!   folded, as suggestions compare names), under different ids, is one entity: theirs' id maps
//!   to ours' (the list merge joins their fields: aliases pooled, an empty field filled).
//! - An article, annotation, entity or incident both sides made since the base under the same
//!   id but with different content (old-style ids such as `ann-12` can clash) is two records:
//!   theirs' gets a placeholder id, replaced by a fresh `Project::alloc_id` once the merged
//!   project exists, and theirs' references to it follow.
//! - An entity one side merged into another (gone, its old mentions now pointing at one other
//!   entity) while the other side left it untouched: the other side's references to it,
//!   including mentions it added, are pointed at the entity it was merged into.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::model::{Annotation, Article, Entity, Incident, Project};
use crate::team::object::{Placed, same_content};

/// Ids to change on one side before the merge. Each map goes from the side's id to the id the
/// merge uses.
#[derive(Debug, Default)]
pub(super) struct Remap {
    /// Article ids (the record's own and annotations' `article`).
    pub article: HashMap<String, String>,
    /// Annotation ids (the record's own and incidents' `evidence`).
    pub annotation: HashMap<String, String>,
    /// Entity ids (the record's own and every reference).
    pub entity: HashMap<String, String>,
    /// Incident ids.
    pub incident: HashMap<String, String>,
    /// Entity references only: entity merged away on the other side → the entity it went into.
    pub entity_refs: HashMap<String, String>,
}

impl Remap {
    /// True when nothing changes.
    pub fn is_empty(&self) -> bool {
        self.article.is_empty()
            && self.annotation.is_empty()
            && self.entity.is_empty()
            && self.incident.is_empty()
            && self.entity_refs.is_empty()
    }

    fn entity_ref(&self, id: &str) -> Option<&String> {
        self.entity.get(id).or_else(|| self.entity_refs.get(id))
    }

    /// The annotation with its ids changed, or `None` when none changes.
    pub fn annotation(&self, a: &Annotation) -> Option<Annotation> {
        let id = self.annotation.get(&a.id);
        let article = self.article.get(&a.article);
        let entity = a.entity.as_deref().and_then(|e| self.entity_ref(e));
        let source = a.claim.as_ref().and_then(|c| c.source.as_deref());
        let source = source.and_then(|s| self.entity_ref(s));
        if id.is_none() && article.is_none() && entity.is_none() && source.is_none() {
            return None;
        }
        let mut a = a.clone();
        if let Some(id) = id {
            a.id.clone_from(id);
        }
        if let Some(article) = article {
            a.article.clone_from(article);
        }
        if let Some(entity) = entity {
            a.entity = Some(entity.clone());
        }
        if let (Some(source), Some(claim)) = (source, a.claim.as_mut()) {
            claim.source = Some(source.clone());
        }
        Some(a)
    }

    /// The incident with its ids and references changed, or `None` when none changes.
    pub fn incident(&self, i: &Incident) -> Option<Incident> {
        let touched = self.incident.contains_key(&i.id)
            || i.location
                .as_deref()
                .is_some_and(|l| self.entity_ref(l).is_some())
            || i.actors
                .iter()
                .any(|a| self.entity_ref(&a.entity).is_some())
            || i.evidence.iter().any(|e| self.annotation.contains_key(e));
        if !touched {
            return None;
        }
        let mut i = i.clone();
        if let Some(id) = self.incident.get(&i.id) {
            i.id.clone_from(id);
        }
        if let Some(to) = i.location.as_deref().and_then(|l| self.entity_ref(l)) {
            i.location = Some(to.clone());
        }
        for actor in &mut i.actors {
            if let Some(to) = self.entity_ref(&actor.entity) {
                actor.entity.clone_from(to);
            }
        }
        for ev in &mut i.evidence {
            if let Some(to) = self.annotation.get(ev) {
                ev.clone_from(to);
            }
        }
        Some(i)
    }

    /// The entity under its new id, or `None` when it keeps its id.
    pub fn entity(&self, e: &Entity) -> Option<Entity> {
        let id = self.entity.get(&e.id)?;
        let mut e = e.clone();
        e.id.clone_from(id);
        Some(e)
    }

    /// The article under its new id, or `None` when it keeps its id.
    pub fn article(&self, a: &Article) -> Option<Article> {
        let id = self.article.get(&a.id)?;
        let mut a = a.clone();
        a.id.clone_from(id);
        Some(a)
    }
}

/// One side's records as the merge sees them: borrowed, except those the remap changed.
pub(super) fn view<'a, T: Clone>(
    items: &'a [T],
    remap: &Remap,
    change: impl Fn(&Remap, &T) -> Option<T>,
) -> Vec<Cow<'a, T>> {
    if remap.is_empty() {
        return items.iter().map(Cow::Borrowed).collect();
    }
    items
        .iter()
        .map(|item| change(remap, item).map_or(Cow::Borrowed(item), Cow::Owned))
        .collect()
}

/// Annotations and orphans of one side as the merge sees them.
pub(super) fn placed_view<'a>(p: &'a Project, remap: &Remap) -> Vec<Placed<'a>> {
    let mut all = Placed::all_of(&p.annotations, &p.orphans);
    if !remap.is_empty() {
        for placed in &mut all {
            if let Some(changed) = remap.annotation(&placed.ann) {
                placed.ann = Cow::Owned(changed);
            }
        }
    }
    all
}

/// What the merge does to ids, worked out before it runs.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Changes to ours' references (entities theirs merged away).
    pub ours: Remap,
    /// Changes to theirs' ids and references.
    pub theirs: Remap,
    /// Placeholder ids given to theirs' clashing records, with the prefix their fresh id takes.
    pub placeholders: Vec<(String, &'static str)>,
    /// Articles theirs imported that ours holds too.
    pub joined_articles: usize,
    /// Annotations both sides made on the same span.
    pub joined_annotations: usize,
    /// Entities both sides made with the same tag and name.
    pub joined_entities: usize,
    /// Entity references pointed at the entity their entity was merged into.
    pub repointed: usize,
}

impl Plan {
    fn placeholder(&mut self, prefix: &'static str) -> String {
        let id = format!("\u{1}{prefix}-{}", self.placeholders.len() + 1);
        self.placeholders.push((id.clone(), prefix));
        id
    }
}

/// Work out the plan for merging `ours` and `theirs` from `base`.
pub(super) fn plan(base: &Project, ours: &Project, theirs: &Project) -> Plan {
    let mut plan = Plan::default();
    articles(&mut plan, base, ours, theirs);
    annotations(&mut plan, base, ours, theirs);
    entities(&mut plan, base, ours, theirs);
    clashes(
        &mut plan,
        "ent",
        ids(&base.entities, |e| &e.id),
        &ours.entities,
        &theirs.entities,
        |e| &e.id,
    );
    clashes(
        &mut plan,
        "inc",
        ids(&base.incidents, |i| &i.id),
        &ours.incidents,
        &theirs.incidents,
        |i| &i.id,
    );
    plan.ours.entity_refs = merged_away(base, ours, theirs);
    plan.theirs.entity_refs = merged_away(base, theirs, ours);
    plan.repointed =
        count_refs(ours, &plan.ours.entity_refs) + count_refs(theirs, &plan.theirs.entity_refs);
    plan
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &String) -> HashSet<&str> {
    items.iter().map(|x| id(x).as_str()).collect()
}

/// Articles: theirs' copy of a text ours holds maps to ours' id; a clash of ids over different
/// texts gets theirs a placeholder.
fn articles(plan: &mut Plan, base: &Project, ours: &Project, theirs: &Project) {
    let base_ids = ids(&base.articles, |a| &a.id);
    let theirs_ids = ids(&theirs.articles, |a| &a.id);
    let ours_ids = ids(&ours.articles, |a| &a.id);
    let ours_by_text = crate::team::agreement::articles_by_text(ours);
    let mut claimed = HashSet::new();
    for t in &theirs.articles {
        if base_ids.contains(t.id.as_str()) {
            continue;
        }
        if let Some(o) = ours_by_text.get(t.text_sha256.as_str()) {
            if o.id == t.id {
                continue;
            }
            if !theirs_ids.contains(o.id.as_str()) && claimed.insert(o.id.as_str()) {
                plan.theirs.article.insert(t.id.clone(), o.id.clone());
                plan.joined_articles += 1;
                continue;
            }
        }
        if ours_ids.contains(t.id.as_str()) {
            let fresh = plan.placeholder("art");
            plan.theirs.article.insert(t.id.clone(), fresh);
        }
    }
}

/// Entities: one both sides made since the base with the same tag and folded name is one
/// entity, theirs' id mapping to ours'. Each of ours is claimed once, and never when theirs
/// also holds that id (then the clash rules apply).
fn entities(plan: &mut Plan, base: &Project, ours: &Project, theirs: &Project) {
    let base_ids = ids(&base.entities, |e| &e.id);
    let ours_ids = ids(&ours.entities, |e| &e.id);
    let theirs_ids = ids(&theirs.entities, |e| &e.id);
    let fold = crate::model::text::fold_str;
    let key = |e: &Entity| (e.tag.clone(), fold(e.name.trim()));
    let mut ours_new: HashMap<(String, String), &str> = HashMap::new();
    for o in ours
        .entities
        .iter()
        .filter(|e| !base_ids.contains(e.id.as_str()))
    {
        ours_new.entry(key(o)).or_insert(o.id.as_str());
    }
    let mut claimed = HashSet::new();
    for t in theirs
        .entities
        .iter()
        .filter(|e| !base_ids.contains(e.id.as_str()) && !ours_ids.contains(e.id.as_str()))
    {
        if let Some(&o) = ours_new.get(&key(t))
            && !theirs_ids.contains(o)
            && claimed.insert(o)
        {
            plan.theirs.entity.insert(t.id.clone(), o.to_owned());
            plan.joined_entities += 1;
        }
    }
}

/// Where an annotation lies, in the merge's article ids.
type SpanKey<'a> = (&'a str, &'a str, usize, usize);

/// Annotations: the same span made on both sides is one; a clash of ids over different spans
/// gets theirs a placeholder.
fn annotations(plan: &mut Plan, base: &Project, ours: &Project, theirs: &Project) {
    let (base_ids, ours_ids, theirs_ids) = (all_ids(base), all_ids(ours), all_ids(theirs));
    let key = |a: &Annotation| (a.article.clone(), a.tag.clone(), a.start.0, a.end.0);
    let ours_new: HashMap<_, &str> = ours
        .annotations
        .iter()
        .filter(|a| !base_ids.contains(a.id.as_str()))
        .map(|a| (key(a), a.id.as_str()))
        .collect();
    let ours_placed: HashMap<&str, &Annotation> = ours
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    let mut claimed: HashSet<&str> = HashSet::new();
    let placed = theirs.annotations.iter().map(|a| (a, false));
    for (t, orphan) in placed.chain(theirs.orphans.iter().map(|a| (a, true))) {
        if base_ids.contains(t.id.as_str()) {
            continue;
        }
        let article = plan.theirs.article.get(&t.article).unwrap_or(&t.article);
        let span: SpanKey<'_> = (article, &t.tag, t.start.0, t.end.0);
        let same_id = ours_placed.get(t.id.as_str());
        if !orphan && same_id.is_some_and(|o| (&*o.article, &*o.tag, o.start.0, o.end.0) == span) {
            continue;
        }
        let twin = (!orphan)
            .then(|| {
                let owned = (span.0.to_owned(), span.1.to_owned(), span.2, span.3);
                ours_new.get(&owned).copied()
            })
            .flatten()
            .filter(|x| !theirs_ids.contains(*x) && !claimed.contains(x));
        if let Some(x) = twin {
            claimed.insert(x);
            plan.theirs.annotation.insert(t.id.clone(), x.to_owned());
            plan.joined_annotations += 1;
        } else if ours_ids.contains(t.id.as_str()) {
            let fresh = plan.placeholder("ann");
            plan.theirs.annotation.insert(t.id.clone(), fresh);
        }
    }
}

/// The ids of a project's annotations and orphans.
fn all_ids(p: &Project) -> HashSet<&str> {
    p.annotations
        .iter()
        .chain(&p.orphans)
        .map(|a| a.id.as_str())
        .collect()
}

/// Entities and incidents made on both sides under one id with different content.
fn clashes<T: Clone + PartialEq + serde::Serialize>(
    plan: &mut Plan,
    prefix: &'static str,
    base_ids: HashSet<&str>,
    ours: &[T],
    theirs: &[T],
    id: impl Fn(&T) -> &String,
) {
    let ours_by: HashMap<&str, &T> = ours.iter().map(|x| (id(x).as_str(), x)).collect();
    for t in theirs {
        let tid = id(t);
        if base_ids.contains(tid.as_str()) {
            continue;
        }
        let Some(o) = ours_by.get(tid.as_str()) else {
            continue;
        };
        let same = *o == t || {
            let strip = |x: &T| crate::team::object::without_provenance(object(x));
            strip(o) == strip(t)
        };
        if !same {
            let fresh = plan.placeholder(prefix);
            let map = if prefix == "ent" {
                &mut plan.theirs.entity
            } else {
                &mut plan.theirs.incident
            };
            map.insert(tid.clone(), fresh);
        }
    }
}

fn object<T: serde::Serialize>(x: &T) -> serde_json::Map<String, serde_json::Value> {
    crate::team::object::object_of(x)
}

/// Entities `other` merged away (gone there, their base mentions there now pointing at one
/// other entity) that `side` still holds as they were in the base: each → where it went.
fn merged_away(base: &Project, side: &Project, other: &Project) -> HashMap<String, String> {
    let other_ids = ids(&other.entities, |e| &e.id);
    let side_by: HashMap<&str, &Entity> =
        side.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let candidates: HashSet<&str> = base
        .entities
        .iter()
        .filter(|b| !other_ids.contains(b.id.as_str()))
        .filter(|b| {
            side_by
                .get(b.id.as_str())
                .is_some_and(|s| same_content(&Cow::Borrowed(*b), &Cow::Borrowed(*s)))
        })
        .map(|b| b.id.as_str())
        .collect();
    if candidates.is_empty() {
        return HashMap::new();
    }
    let other_anns: HashMap<&str, &Annotation> = other
        .annotations
        .iter()
        .chain(&other.orphans)
        .map(|a| (a.id.as_str(), a))
        .collect();
    let mut targets: HashMap<&str, HashSet<&str>> = HashMap::new();
    for b in base.annotations.iter().chain(&base.orphans) {
        let Some(now) = other_anns.get(b.id.as_str()) else {
            continue;
        };
        let pairs = [
            (b.entity.as_deref(), now.entity.as_deref()),
            (
                b.claim.as_ref().and_then(|c| c.source.as_deref()),
                now.claim.as_ref().and_then(|c| c.source.as_deref()),
            ),
        ];
        for (was, is) in pairs {
            if let (Some(was), Some(is)) = (was, is)
                && candidates.contains(was)
                && was != is
            {
                targets.entry(was).or_default().insert(is);
            }
        }
    }
    // With no mention to go by, the names tell: merging adds the old name to the aliases of
    // the entity it went into.
    for was in &candidates {
        if targets.contains_key(was) {
            continue;
        }
        if let Some(into) = alias_heir(base, other, was) {
            targets.entry(was).or_default().insert(into);
        }
    }
    targets
        .into_iter()
        .filter_map(|(was, into)| {
            let mut into = into.into_iter();
            match (into.next(), into.next()) {
                (Some(one), None) if other_ids.contains(one) => {
                    Some((was.to_owned(), one.to_owned()))
                }
                _ => None,
            }
        })
        .collect()
}

/// The one entity of `other` that gained the name of base entity `was` as a new alias, if
/// exactly one did: where `merge_entities_edit` put it.
pub(crate) fn alias_heir<'p>(base: &Project, other: &'p Project, was: &str) -> Option<&'p str> {
    let name = &base.entity(was)?.name;
    let mut heirs = other.entities.iter().filter(|e| {
        e.id != was
            && e.aliases.contains(name)
            && !base.entity(&e.id).is_some_and(|b| b.aliases.contains(name))
    });
    match (heirs.next(), heirs.next()) {
        (Some(one), None) => Some(one.id.as_str()),
        _ => None,
    }
}

/// How many references of a side the entity map changes.
fn count_refs(p: &Project, map: &HashMap<String, String>) -> usize {
    if map.is_empty() {
        return 0;
    }
    let hit = |id: Option<&str>| usize::from(id.is_some_and(|id| map.contains_key(id)));
    let anns: usize = p
        .annotations
        .iter()
        .chain(&p.orphans)
        .map(|a| hit(a.entity.as_deref()) + hit(a.claim.as_ref().and_then(|c| c.source.as_deref())))
        .sum();
    let incs: usize = p
        .incidents
        .iter()
        .map(|i| {
            hit(i.location.as_deref())
                + i.actors.iter().map(|a| hit(Some(&a.entity))).sum::<usize>()
        })
        .sum();
    anns + incs
}
