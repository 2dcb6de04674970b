//! `diff` on small hand-built projects.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::model::{Edit, Incident};
use crate::team::fixture::{TEXT, annotate as add, span};

fn base() -> Project {
    let mut p = Project::new("d");
    let article = Article::new("art-1", "Shelling", TEXT);
    p.apply(Edit::InsertArticle { index: 0, article }).unwrap();
    for (i, (id, name)) in [("ent-1", "Hezbollah"), ("ent-2", "Hizbullah")]
        .into_iter()
        .enumerate()
    {
        let entity = Entity::new(id, "actor", name);
        p.apply(Edit::InsertEntity { index: i, entity }).unwrap();
    }
    let a = add(&mut p, "art-1", "Hezbollah", "actor");
    p.apply(p.link_edit(&a, Some("ent-1")).unwrap()).unwrap();
    let b = add(&mut p, "art-1", "fighters", "actor");
    p.apply(p.link_edit(&b, Some("ent-2")).unwrap()).unwrap();
    let mut inc = Incident::new("inc-1", "Shelling of Idlib");
    inc.evidence = vec![a];
    p.apply(Edit::InsertIncident {
        index: 0,
        incident: inc,
    })
    .unwrap();
    p
}

#[test]
fn a_project_does_not_differ_from_itself() {
    let p = base();
    let d = diff(&p, &p);
    assert!(d.is_empty(), "{d:?}");
    assert!(render_diff(&d, "a", "b").contains("no differences"));
}

#[test]
fn the_same_span_under_other_ids_is_one_annotation_and_provenance_is_no_change() {
    let a = base();
    let mut b = a.clone();
    b.analyst = Some("Omar".into());
    // B has the Damascus span under its own id, A under another: the same annotation.
    let mut a2 = a.clone();
    add(&mut a2, "art-1", "Damascus", "location");
    let theirs = add(&mut b, "art-1", "Damascus", "location");
    assert!(theirs.starts_with("ann-omar-"));
    // Only provenance differs on ann-1.
    let pos = b.annotations.iter().position(|x| x.id == "ann-1").unwrap();
    b.annotations[pos].modified_by = Some("Omar".into());
    let d = diff(&a2, &b);
    assert!(d.annotations.is_empty(), "{:?}", d.annotations);
}

#[test]
fn annotations_only_in_one_and_changed_field_by_field() {
    let a = base();
    let mut b = a.clone();
    b.apply(b.delete_annotation_edit("ann-2")).unwrap();
    let added = add(&mut b, "art-1", "Monday", "claim");
    let mut ann = b.annotation("ann-1").unwrap().clone();
    ann.note = "confirmed by two sources".into();
    ann.tag = "location".into();
    b.apply(Edit::UpdateAnnotation(ann)).unwrap();
    let mut claim = b.annotation(&added).unwrap().clone();
    claim.claim = Some(crate::model::Claim {
        source: Some("ent-1".into()),
        status: crate::model::ClaimStatus::Denied,
        ..Default::default()
    });
    b.apply(Edit::UpdateAnnotation(claim)).unwrap();
    let d = diff(&a, &b);
    let only_a: Vec<&str> = d
        .annotations
        .only_in_a
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let only_b: Vec<&str> = d
        .annotations
        .only_in_b
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(only_a, ["ann-2"]);
    assert_eq!(only_b, [added.as_str()]);
    let changed = &d.annotations.changed;
    assert_eq!(changed.len(), 1);
    let fields: Vec<&str> = changed[0].fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["tag", "note"]);
    assert_eq!(
        changed[0].fields[1].b,
        Value::String("confirmed by two sources".into())
    );
    let text = render_diff(&d, "a.sitrep", "b.sitrep");
    assert!(
        text.contains("changed: ann-1 · note: \"\" → \"confirmed by two sources\""),
        "{text}"
    );
    assert!(text.contains("only in A: ann-2 actor"), "{text}");
}

#[test]
fn a_moved_span_and_a_claim_change_are_named() {
    let a = base();
    let mut b = a.clone();
    let mut ann = b.annotation("ann-2").unwrap().clone();
    let s = span("fighters shelled");
    let q = crate::model::text::quote_of(TEXT, b.articles[0].index(), s).unwrap();
    ann.start = s.start;
    ann.end = s.end;
    ann.exact = q.exact;
    ann.prefix = q.prefix;
    ann.suffix = q.suffix;
    b.apply(Edit::UpdateAnnotation(ann)).unwrap();
    let d = diff(&a, &b);
    let fields: Vec<&str> = d.annotations.changed[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["span"]);
}

#[test]
fn entities_renamed_and_merged() {
    let a = base();
    let mut b = a.clone();
    b.apply(b.merge_entities_edit("ent-2", "ent-1").unwrap())
        .unwrap();
    let mut e = b.entity("ent-1").unwrap().clone();
    e.name = "Hezbollah (Lebanon)".into();
    b.apply(Edit::UpdateEntity(e)).unwrap();
    let d = diff(&a, &b);
    assert!(
        d.entities.only_in_a.is_empty(),
        "{:?}",
        d.entities.only_in_a
    );
    assert_eq!(d.merged_entities.len(), 1);
    assert_eq!(
        (
            d.merged_entities[0].from.id.as_str(),
            d.merged_entities[0].into.id.as_str()
        ),
        ("ent-2", "ent-1")
    );
    assert_eq!(
        d.renamed_entities,
        vec![Renamed {
            id: "ent-1".into(),
            from: "Hezbollah".into(),
            to: "Hezbollah (Lebanon)".into(),
        }]
    );
    // The alias the merge added is a change; the name is reported as the rename only.
    let fields: Vec<&str> = d.entities.changed[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["aliases"]);
    let text = render_diff(&d, "a", "b");
    assert!(
        text.contains("merged: ent-2 \"Hizbullah\" into ent-1"),
        "{text}"
    );
    assert!(
        text.contains("renamed: ent-1 \"Hezbollah\" → \"Hezbollah (Lebanon)\""),
        "{text}"
    );
}

#[test]
fn incidents_field_by_field_with_evidence_read_across_ids() {
    let mut a = base();
    let mut b = a.clone();
    b.analyst = Some("Omar".into());
    let ida = add(&mut a, "art-1", "Damascus", "location");
    let idb = add(&mut b, "art-1", "Damascus", "location");
    for (p, id) in [(&mut a, &ida), (&mut b, &idb)] {
        let mut inc = p.incident("inc-1").unwrap().clone();
        inc.evidence.push(id.clone());
        p.apply(Edit::UpdateIncident(inc)).unwrap();
    }
    let mut inc = b.incident("inc-1").unwrap().clone();
    inc.fatalities.best = Some(3);
    b.apply(Edit::UpdateIncident(inc)).unwrap();
    let d = diff(&a, &b);
    let fields: Vec<&str> = d.incidents.changed[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["fatalities.best"],
        "evidence is the same once ids are matched"
    );
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["incidents"]["changed"][0]["fields"][0]["b"], 3);
}

#[test]
fn an_entity_merged_without_mentions_is_found_by_its_alias() {
    let mut a = base();
    let entity = Entity::new("ent-3", "actor", "Hizb Allah");
    a.apply(Edit::InsertEntity { index: 2, entity }).unwrap();
    let mut b = a.clone();
    b.apply(b.merge_entities_edit("ent-3", "ent-1").unwrap())
        .unwrap();
    let d = diff(&a, &b);
    assert_eq!(d.merged_entities.len(), 1);
    assert_eq!(d.merged_entities[0].from.id, "ent-3");
    assert!(d.entities.only_in_a.is_empty());
}
