//! The merge rules, each on a small hand-built project: a base and two analysts' copies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::{Article, Edit, Entity, Incident, Tag, validate};
use crate::team::fixture::{TEXT, span};

/// One article; entities ent-1 "Hezbollah", ent-2 "Hizbullah" (actors), ent-3 "Idlib"; ann-1
/// on "Hezbollah" (ent-1), ann-2 on "Idlib" (ent-3); inc-1 citing ann-1.
fn base() -> Project {
    let mut p = Project::new("convoys");
    let article = Article::new("art-1", "Shelling", TEXT);
    p.apply(Edit::InsertArticle { index: 0, article }).unwrap();
    for (i, (id, tag, name)) in [
        ("ent-1", "actor", "Hezbollah"),
        ("ent-2", "actor", "Hizbullah"),
        ("ent-3", "location", "Idlib"),
    ]
    .into_iter()
    .enumerate()
    {
        let entity = Entity::new(id, tag, name);
        p.apply(Edit::InsertEntity { index: i, entity }).unwrap();
    }
    let a1 = add(&mut p, "Hezbollah", "actor", Some("ent-1"));
    add(&mut p, "Idlib", "location", Some("ent-3"));
    let mut inc = Incident::new("inc-1", "Shelling of Idlib");
    inc.evidence = vec![a1];
    p.apply(Edit::InsertIncident {
        index: 0,
        incident: inc,
    })
    .unwrap();
    p
}

/// Add an annotation on the first occurrence of `needle`, linked to `entity`; its id.
fn add(p: &mut Project, needle: &str, tag: &str, entity: Option<&str>) -> String {
    let mut ann = p.make_annotation("art-1", span(needle), tag).unwrap();
    ann.entity = entity.map(str::to_owned);
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    id
}

fn copy(p: &Project, analyst: &str) -> Project {
    let mut c = p.clone();
    c.analyst = Some(analyst.to_owned());
    c
}

fn set_note(p: &mut Project, id: &str, note: &str) {
    let mut ann = p.annotation(id).unwrap().clone();
    ann.note = note.to_owned();
    p.apply(Edit::UpdateAnnotation(ann)).unwrap();
}

fn valid(outcome: &MergeOutcome) {
    let problems = validate(&outcome.project);
    assert!(problems.is_empty(), "{problems:?}");
}

fn ids(p: &Project) -> Vec<&str> {
    p.annotations.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn additions_on_both_sides_are_kept() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    let mine = add(&mut o, "Monday", "claim", None);
    let theirs = add(&mut t, "Damascus", "location", None);
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert_eq!(ids(&out.project).len(), 4);
    assert!(out.project.annotation(&mine).is_some());
    assert!(out.project.annotation(&theirs).is_some());
    assert_eq!(out.report.annotations.added_ours, 1);
    assert_eq!(out.report.annotations.added_theirs, 1);
    // Stored order: by start within the article.
    let starts: Vec<usize> = out.project.annotations.iter().map(|a| a.start.0).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
}

#[test]
fn the_same_addition_on_both_sides_is_kept_once() {
    let b = base();
    let mut o = b.clone();
    let id = add(&mut o, "Monday", "claim", None);
    let t = o.clone();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert_eq!(ids(&out.project).iter().filter(|x| **x == id).count(), 1);
    assert!(out.conflicts.is_empty());
}

#[test]
fn one_id_made_on_both_sides_for_different_records_gives_theirs_a_fresh_id() {
    // Old-style ids without an analyst: both copies hand out ann-3.
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let mine = add(&mut o, "Monday", "claim", None);
    let theirs = add(&mut t, "Damascus", "location", None);
    assert_eq!(mine, theirs);
    let mut inc = Incident::new("inc-2", "Damascus statement");
    inc.evidence = vec![theirs.clone()];
    t.apply(Edit::InsertIncident {
        index: 1,
        incident: inc,
    })
    .unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    let kept = out.project.annotation(&mine).unwrap();
    assert_eq!(kept.exact, "Monday", "ours keeps the id");
    let moved = out
        .project
        .annotations
        .iter()
        .find(|a| a.exact == "Damascus")
        .unwrap();
    assert_ne!(moved.id, mine);
    assert_eq!(
        out.project.incident("inc-2").unwrap().evidence,
        vec![moved.id.clone()],
        "theirs' reference follows the new id"
    );
    assert_eq!(out.report.annotations.renamed, 1);
}

#[test]
fn a_deletion_of_an_unchanged_record_is_honoured() {
    let b = base();
    let o = b.clone();
    let mut t = b.clone();
    t.apply(t.delete_annotation_edit("ann-2")).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.project.annotation("ann-2").is_none());
    assert_eq!(out.report.annotations.deleted, 1);
    assert!(out.conflicts.is_empty());
}

#[test]
fn a_deletion_of_a_record_the_other_side_changed_is_a_conflict_keeping_it() {
    let b = base();
    let mut o = b.clone();
    set_note(&mut o, "ann-2", "checked on the map");
    let mut t = b.clone();
    t.apply(t.delete_annotation_edit("ann-2")).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert_eq!(
        out.project.annotation("ann-2").unwrap().note,
        "checked on the map"
    );
    let c = &out.conflicts[0];
    assert_eq!(
        (c.item.as_str(), c.id.as_str(), c.field.as_str()),
        ("annotation", "ann-2", "")
    );
    assert_eq!(c.theirs, Value::Null);
    assert_eq!(c.ours["note"], "checked on the map");
    assert_eq!(out.project.conflicts, out.conflicts);
}

#[test]
fn fields_changed_apart_combine_and_the_same_field_changed_twice_conflicts() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    set_note(&mut o, "ann-1", "ours");
    let mut ann = t.annotation("ann-1").unwrap().clone();
    ann.entity = Some("ent-2".into());
    ann.note = "theirs".into();
    t.apply(Edit::UpdateAnnotation(ann)).unwrap();
    let mut inc = t.incident("inc-1").unwrap().clone();
    inc.notes = "two shells".into();
    t.apply(Edit::UpdateIncident(inc)).unwrap();
    let mut inc = o.incident("inc-1").unwrap().clone();
    inc.title = "Shelling of Idlib city".into();
    o.apply(Edit::UpdateIncident(inc)).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    let ann = out.project.annotation("ann-1").unwrap();
    assert_eq!(ann.note, "ours", "the result holds ours");
    assert_eq!(
        ann.entity.as_deref(),
        Some("ent-2"),
        "theirs' other field is taken"
    );
    let inc = out.project.incident("inc-1").unwrap();
    assert_eq!(
        (inc.title.as_str(), inc.notes.as_str()),
        ("Shelling of Idlib city", "two shells")
    );
    assert_eq!(out.conflicts.len(), 1, "{:?}", out.conflicts);
    let c = &out.conflicts[0];
    assert_eq!(
        (c.item.as_str(), c.id.as_str(), c.field.as_str()),
        ("annotation", "ann-1", "note")
    );
    assert_eq!(
        (&c.base, &c.ours, &c.theirs),
        (&json(""), &json("ours"), &json("theirs"))
    );
    assert_eq!(out.report.annotations.conflicts, 1);
}

fn json(s: &str) -> Value {
    Value::String(s.to_owned())
}

#[test]
fn provenance_comes_from_the_later_change_and_never_conflicts() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    set_note(&mut o, "ann-1", "ours");
    let mut ann = t.annotation("ann-1").unwrap().clone();
    ann.entity = Some("ent-2".into());
    t.apply(Edit::UpdateAnnotation(ann)).unwrap();
    // Make theirs' change the later one, whatever the clock did.
    let later = o.annotation("ann-1").unwrap().modified.unwrap() + chrono::Duration::seconds(5);
    let pos = t.annotations.iter().position(|a| a.id == "ann-1").unwrap();
    t.annotations[pos].modified = Some(later);
    let out = merge(&b, &o, &t);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    let ann = out.project.annotation("ann-1").unwrap();
    assert_eq!(ann.modified_by.as_deref(), Some("Omar"));
    assert_eq!(ann.modified, Some(later));
}

#[test]
fn the_same_span_made_apart_becomes_one_with_both_sides_fields() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    let mine = add(&mut o, "Damascus", "location", None);
    set_note(&mut o, &mine, "capital");
    let theirs = add(&mut t, "Damascus", "location", Some("ent-3"));
    let mut inc = t.incident("inc-1").unwrap().clone();
    inc.evidence.push(theirs.clone());
    t.apply(Edit::UpdateIncident(inc)).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    let on_damascus: Vec<_> = out
        .project
        .annotations
        .iter()
        .filter(|a| a.exact == "Damascus")
        .collect();
    assert_eq!(on_damascus.len(), 1);
    let one = on_damascus[0];
    assert_eq!(one.id, mine, "ours' id is kept");
    assert_eq!(one.note, "capital");
    assert_eq!(
        one.entity.as_deref(),
        Some("ent-3"),
        "theirs' entity is merged in"
    );
    assert!(
        out.project
            .incident("inc-1")
            .unwrap()
            .evidence
            .contains(&mine)
    );
    assert_eq!(out.report.annotations.joined, 1);

    // Both filled the note differently: a conflict, ours held.
    set_note(&mut t, &theirs, "city");
    let out = merge(&b, &o, &t);
    valid(&out);
    assert_eq!(out.conflicts.len(), 1);
    assert_eq!(
        (
            out.conflicts[0].id.as_str(),
            out.conflicts[0].field.as_str()
        ),
        (mine.as_str(), "note")
    );
    assert_eq!(out.project.annotation(&mine).unwrap().note, "capital");
}

#[test]
fn a_mention_of_an_entity_the_other_side_merged_away_follows_it() {
    let b = base();
    let mut bb = b.clone();
    // The base has a mention of ent-2 that theirs' merge repoints.
    add(&mut bb, "fighters", "actor", Some("ent-2"));
    let b = bb;
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    let mine = add(&mut o, "officials", "actor", Some("ent-2"));
    let edit = t.merge_entities_edit("ent-2", "ent-1").unwrap();
    t.apply(edit).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    assert!(out.project.entity("ent-2").is_none());
    assert_eq!(
        out.project.annotation(&mine).unwrap().entity.as_deref(),
        Some("ent-1")
    );
    assert!(out.report.repointed >= 1);
}

#[test]
fn a_reference_to_a_record_the_other_side_deleted_puts_it_back_with_a_conflict() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    let mine = add(&mut o, "Monday", "claim", None);
    let mut ann = o.annotation(&mine).unwrap().clone();
    ann.claim = Some(crate::model::Claim {
        source: Some("ent-2".into()),
        ..Default::default()
    });
    o.apply(Edit::UpdateAnnotation(ann)).unwrap();
    t.apply(t.delete_entity_edit("ent-2")).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.project.entity("ent-2").is_some());
    let c = out.conflicts.iter().find(|c| c.id == "ent-2").unwrap();
    assert_eq!(
        (c.item.as_str(), c.field.as_str(), &c.theirs),
        ("entity", "", &Value::Null)
    );
}

#[test]
fn spans_on_a_text_the_other_side_replaced_become_orphans() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    let theirs = add(&mut t, "Damascus", "location", None);
    let new_text = format!("Update: {TEXT}");
    crate::model::replace_article_text(&mut o, "art-1", &new_text).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert!(out.project.annotation(&theirs).is_none());
    assert!(out.project.orphan(&theirs).is_some());
    let c = out.conflicts.iter().find(|c| c.id == theirs).unwrap();
    assert_eq!(c.field, "span");
}

#[test]
fn a_text_imported_on_both_sides_is_one_article() {
    let b = Project::new("empty");
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    for p in [&mut o, &mut t] {
        let id = p.alloc_id("art");
        let article = Article::new(id, "Shelling", TEXT);
        p.apply(Edit::InsertArticle { index: 0, article }).unwrap();
    }
    let (oa, ta) = (o.articles[0].id.clone(), t.articles[0].id.clone());
    assert_ne!(oa, ta);
    let mut ann = t.make_annotation(&ta, span("Idlib"), "location").unwrap();
    ann.note = "theirs".into();
    t.apply(Edit::InsertAnnotation(ann)).unwrap();
    let out = merge(&b, &o, &t);
    valid(&out);
    assert_eq!(out.project.articles.len(), 1);
    assert_eq!(out.project.annotations[0].article, oa);
    assert_eq!(out.report.articles.joined, 1);
}

#[test]
fn lists_keep_ours_order_with_theirs_additions_after() {
    let b = base();
    let (mut o, mut t) = (copy(&b, "Maya"), copy(&b, "Omar"));
    for (p, name) in [(&mut o, "Maya's"), (&mut t, "Omar's")] {
        let id = p.alloc_id("ent");
        let entity = Entity::new(id, "actor", name);
        p.apply(Edit::InsertEntity { index: 0, entity }).unwrap();
    }
    let out = merge(&b, &o, &t);
    let names: Vec<&str> = out
        .project
        .entities
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Maya's", "Hezbollah", "Hizbullah", "Idlib", "Omar's"]
    );
}

#[test]
fn counters_take_the_higher_and_earlier_conflicts_stay_unless_settled() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.next_ids.insert("ann".into(), 40);
    t.next_ids.insert("ann".into(), 7);
    t.next_ids.insert("ann-omar".into(), 3);
    let old = |id: &str| MergeConflict {
        item: "annotation".into(),
        id: id.into(),
        field: "note".into(),
        base: Value::Null,
        ours: json("a"),
        theirs: json("b"),
        extra: crate::model::Extra::new(),
    };
    let mut b2 = b.clone();
    b2.conflicts = vec![old("ann-1"), old("ann-2")];
    o.conflicts = vec![old("ann-1"), old("ann-2")];
    // Theirs settled ann-1's and has a new one of its own.
    t.conflicts = vec![old("ann-2"), old("ann-9")];
    let out = merge(&b2, &o, &t);
    assert_eq!(out.project.next_ids.get("ann"), Some(&40));
    assert_eq!(out.project.next_ids.get("ann-omar"), Some(&3));
    let listed: Vec<&str> = out
        .project
        .conflicts
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(listed, ["ann-2", "ann-9"]);
}

#[test]
fn a_shortcut_both_sides_gave_a_new_tag_stays_on_ours() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.tags
        .push(Tag::new("weapon", "Weapon", "#112233", Some("w")));
    t.tags
        .push(Tag::new("vehicle", "Vehicle", "#445566", Some("w")));
    let out = merge(&b, &o, &t);
    valid(&out);
    assert_eq!(out.project.tag("weapon").unwrap().key.as_deref(), Some("w"));
    assert_eq!(out.project.tag("vehicle").unwrap().key, None);
    assert_eq!(out.conflicts[0].field, "key");
}

#[test]
fn the_project_name_and_unknown_fields_merge_key_by_key() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.name = "convoys 2026".into();
    t.extra.insert("team".into(), json("north"));
    let out = merge(&b, &o, &t);
    assert_eq!(out.project.name, "convoys 2026");
    assert_eq!(out.project.extra.get("team"), Some(&json("north")));
    t.name = "convoys (Omar)".into();
    let out = merge(&b, &o, &t);
    assert_eq!(out.project.name, "convoys 2026");
    assert_eq!(out.conflicts[0].item, "project");
    assert_eq!(out.conflicts[0].field, "name");
}

#[test]
fn merging_a_project_with_itself_changes_nothing() {
    let b = base();
    let out = merge(&b, &b, &b);
    assert!(out.conflicts.is_empty());
    let mut p = out.project;
    p.modified = b.modified;
    assert_eq!(p, b);
}

#[test]
fn the_merge_of_one_sides_work_is_that_side() {
    let b = base();
    let mut t = copy(&b, "Omar");
    add(&mut t, "Damascus", "location", Some("ent-3"));
    set_note(&mut t, "ann-1", "seen");
    t.apply(t.merge_entities_edit("ent-2", "ent-1").unwrap())
        .unwrap();
    let out = merge(&b, &b, &t);
    valid(&out);
    assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
    let mut p = out.project;
    p.analyst = t.analyst.clone();
    p.modified = t.modified;
    assert_eq!(p.annotations, t.annotations);
    assert_eq!(p.entities, t.entities);
    assert_eq!(p.incidents, t.incidents);
}

#[test]
fn the_same_new_entity_made_on_both_sides_is_one_entity() {
    let base = base();
    let (mut ours, mut theirs) = (copy(&base, "Maya"), copy(&base, "Omar"));
    let mut mine = None;
    for (side, alias, lat) in [
        (&mut ours, "Dimashq", Some(33.51)),
        (&mut theirs, "Damas", None),
    ] {
        let id = side.alloc_id("ent");
        let mut e = Entity::new(&id, "location", "Damascus");
        e.aliases = vec![alias.to_owned()];
        e.lat = lat;
        e.lon = lat.map(|_| 36.29);
        let index = side.entities.len();
        side.apply(Edit::InsertEntity { index, entity: e }).unwrap();
        add(side, "Damascus", "location", Some(&id));
        mine.get_or_insert(id);
    }
    let mine = mine.unwrap();
    let outcome = merge(&base, &ours, &theirs);
    valid(&outcome);
    let damascus: Vec<&Entity> = outcome
        .project
        .entities
        .iter()
        .filter(|e| e.name == "Damascus")
        .collect();
    assert_eq!(damascus.len(), 1, "one entity, not two");
    let d = damascus[0];
    assert_eq!(d.id, mine, "ours' id is kept");
    assert!(d.aliases.contains(&"Dimashq".into()) && d.aliases.contains(&"Damas".into()));
    assert_eq!(d.lat, Some(33.51), "the coordinates one side set are kept");
    // Both sides' mention of Damascus was one span: one annotation, linked to it.
    let mentions: Vec<_> = outcome
        .project
        .annotations
        .iter()
        .filter(|a| a.exact == "Damascus")
        .collect();
    assert_eq!(mentions.len(), 1);
    assert_eq!(mentions[0].entity.as_deref(), Some(mine.as_str()));
    assert_eq!(outcome.report.entities.joined, 1);
}
