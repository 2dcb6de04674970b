//! Incidents in a project: create, edit, delete with undo; evidence that goes away; helpers that
//! read dates and casualty figures out of evidence.

use crate::incident_fixture;
use incident_fixture as common;

use chrono::NaiveDate;
use sitrep::io::{parse_project, project_to_bytes};
use sitrep::model::{DatePrecision, Edit, validate};

#[test]
fn create_incident_from_annotations_fills_fields_from_evidence() {
    let (p, ids, inc_id) = common::project_with_incident();
    let inc = p.incident(&inc_id).expect("incident");
    assert_eq!(inc_id, "inc-1");
    // The first claim (in stored order) gives the title.
    assert_eq!(
        inc.title,
        "six bodies were recovered from the burned tankers"
    );
    assert_eq!(inc.location.as_deref(), Some("ent-1"));
    let actors: Vec<(&str, &str)> = inc
        .actors
        .iter()
        .map(|a| (a.entity.as_str(), a.role.as_str()))
        .collect();
    assert_eq!(actors, vec![("ent-2", "other"), ("ent-3", "other")]);
    assert_eq!(inc.evidence.len(), 7);
    assert_eq!(inc.evidence.first(), Some(&ids.aircraft));
    assert_eq!(inc.evidence.last(), Some(&ids.claim_toll));
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
}

#[test]
fn create_without_claims_takes_the_sentence_and_unknown_ids_fail() {
    let (mut p, ids) = common::project();
    let (_, edit) = p
        .create_incident_edit(&[ids.location_2.as_str()])
        .expect("create");
    p.apply(edit).expect("apply");
    let inc = p.incidents.last().expect("incident");
    assert_eq!(
        inc.title,
        "Hospital staff near Al-Qa'im said on Sunday that the death toll stood at eight after the air strike…",
        "the sentence, cut at a word to 100 chars"
    );
    assert!(inc.actors.is_empty());

    let err = p
        .create_incident_edit(&["ann-999"])
        .expect_err("unknown id");
    assert_eq!(err.to_string(), "there is no annotation ann-999");

    let (id, edit) = p.create_incident_edit::<&str>(&[]).expect("empty");
    p.apply(edit).expect("apply empty");
    assert_eq!(
        p.incident(&id).map(|i| i.title.as_str()),
        Some("New incident")
    );
}

#[test]
fn create_edit_delete_each_undo_exactly() {
    let (mut p, ids) = common::project();
    let before = p.clone();

    let (id, edit) = p
        .create_incident_edit(&[ids.aircraft.as_str(), ids.location_1.as_str()])
        .expect("create");
    let undo_create = p.apply(edit).expect("apply create");
    let created = p.clone();

    let mut inc = p.incident(&id).expect("incident").clone();
    inc.set_event_type("Air/drone strike");
    inc.date = NaiveDate::from_ymd_opt(2024, 3, 9);
    inc.fatalities.low = Some(6);
    inc.fatalities.best = Some(6);
    inc.fatalities.high = Some(8);
    inc.actors[0].role = "perpetrator".to_owned();
    let undo_edit = p.apply(Edit::UpdateIncident(inc)).expect("edit");
    let edited = p.clone();
    let inc = p.incident(&id).expect("incident");
    assert_eq!(
        inc.event_category.as_deref(),
        Some("Explosions/Remote violence")
    );
    assert_eq!(inc.category(), Some("Explosions/Remote violence"));

    let undo_delete = p
        .apply(Edit::RemoveIncident { id: id.clone() })
        .expect("delete");
    assert!(p.incident(&id).is_none());

    let redo_delete = p.apply_exact(undo_delete).expect("undo delete");
    assert_eq!(p, edited);
    let _ = p.apply(redo_delete).expect("redo delete");
    let _ = p
        .apply(Edit::RemoveIncident { id: "nope".into() })
        .expect_err("missing");
    p = edited.clone();
    let _ = p.apply_exact(undo_edit).expect("undo edit");
    assert_eq!(p, created);
    let _ = p.apply_exact(undo_create).expect("undo create");
    // Ids are never reused, so the id counter moved on; everything else is as before.
    assert_eq!(p.incidents, before.incidents);
    assert_eq!(p.annotations, before.annotations);
}

#[test]
fn deleting_evidence_leaves_a_valid_incident_that_says_so() {
    let (mut p, ids, inc_id) = common::project_with_incident();
    let before = p.clone();
    let quote = p.annotation(&ids.claim_toll).expect("ann").exact.clone();

    // Removing it directly is refused: an incident cites it.
    let err = p
        .apply(Edit::RemoveAnnotation {
            id: ids.claim_toll.clone(),
        })
        .expect_err("in use");
    assert!(err.to_string().contains("incident inc-1"), "{err}");

    let undo = p
        .apply(p.delete_annotation_edit(&ids.claim_toll))
        .expect("delete annotation");
    let inc = p.incident(&inc_id).expect("incident");
    assert!(!inc.evidence.contains(&ids.claim_toll));
    assert_eq!(inc.removed_evidence, vec![quote.clone()]);
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));

    // What is saved loads back: no dangling id, and the note survives.
    let bytes = project_to_bytes(&p).expect("bytes");
    let text = String::from_utf8(bytes.clone()).expect("utf8");
    assert!(text.contains("\"removed_evidence\""));
    let loaded = parse_project(&bytes).expect("reload");
    assert_eq!(loaded.incident(&inc_id), p.incident(&inc_id));

    // Undo restores both the annotation and the evidence, without the note.
    let _ = p.apply_exact(undo).expect("undo");
    assert_eq!(p, before);
    assert!(
        p.incident(&inc_id)
            .expect("incident")
            .removed_evidence
            .is_empty()
    );
}

#[test]
fn deleting_an_article_records_its_evidence_as_removed() {
    let (mut p, _ids, inc_id) = common::project_with_incident();
    let _ = p
        .apply(p.delete_article_edit("art-2"))
        .expect("delete article");
    let inc = p.incident(&inc_id).expect("incident");
    assert_eq!(inc.evidence.len(), 5);
    assert_eq!(
        inc.removed_evidence,
        vec![
            "Al-Qa'im".to_owned(),
            "the death toll stood at eight".to_owned()
        ]
    );
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
}

#[test]
fn adding_and_removing_evidence() {
    let (mut p, ids) = common::project();
    let (id, edit) = p
        .create_incident_edit(&[ids.aircraft.as_str()])
        .expect("create");
    let _ = p.apply(edit).expect("apply");
    let add = p
        .add_evidence_edit(&id, &[ids.claim_toll.as_str(), ids.aircraft.as_str()])
        .expect("add");
    let _ = p.apply(add).expect("apply add");
    assert_eq!(
        p.incident(&id).map(|i| i.evidence.clone()),
        Some(vec![ids.aircraft.clone(), ids.claim_toll.clone()])
    );
    let remove = p.remove_evidence_edit(&id, &ids.aircraft).expect("remove");
    let _ = p.apply(remove).expect("apply remove");
    assert_eq!(
        p.incident(&id).map(|i| i.evidence.clone()),
        Some(vec![ids.claim_toll.clone()])
    );
    assert!(
        p.add_evidence_edit("inc-404", &[ids.aircraft.as_str()])
            .is_err()
    );
    assert!(p.add_evidence_edit(&id, &["ann-404"]).is_err());
}

#[test]
fn new_fields_are_left_out_of_files_when_unset() {
    let (p, _ids, _) = common::project_with_incident();
    let text = String::from_utf8(project_to_bytes(&p).expect("bytes")).expect("utf8");
    assert!(!text.contains("event_category"));
    assert!(!text.contains("removed_evidence"));
}

#[test]
fn event_category_sits_before_event_type_in_files() {
    let (mut p, _ids, inc_id) = common::project_with_incident();
    let mut inc = p.incident(&inc_id).expect("incident").clone();
    inc.set_event_type("Armed clash");
    let _ = p.apply(Edit::UpdateIncident(inc)).expect("edit");
    let text = String::from_utf8(project_to_bytes(&p).expect("bytes")).expect("utf8");
    let cat = text
        .find("\"event_category\": \"Battles\"")
        .expect("category");
    let typ = text.find("\"event_type\": \"Armed clash\"").expect("type");
    let date = text.find("\"date_precision\"").expect("precision");
    assert!(date < cat && cat < typ);
}

#[test]
fn unknown_event_type_is_not_an_error() {
    let (mut p, _ids, inc_id) = common::project_with_incident();
    let mut inc = p.incident(&inc_id).expect("incident").clone();
    inc.set_event_type("Cyber attack on a port");
    assert_eq!(inc.event_category, None);
    assert_eq!(inc.category(), None);
    let _ = p.apply(Edit::UpdateIncident(inc)).expect("edit");
    assert!(validate(&p).is_empty());
}

#[test]
fn conflicting_casualty_figures_are_listed_with_their_sources() {
    let (p, ids, inc_id) = common::project_with_incident();
    let inc = p.incident(&inc_id).expect("incident");
    let reports = p.casualty_reports(inc);
    let got: Vec<(&str, Option<&str>, Option<u32>, &str)> = reports
        .iter()
        .map(|r| {
            (
                r.annotation.as_str(),
                r.source_name.as_deref(),
                r.figure,
                r.phrase.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                ids.claim_bodies.as_str(),
                Some("Levant Monitoring Network"),
                Some(6),
                "six bodies"
            ),
            (
                ids.claim_toll.as_str(),
                Some("Hospital staff"),
                Some(8),
                "death toll stood at eight"
            ),
        ]
    );
}

#[test]
fn date_is_suggested_from_the_evidence_sentences() {
    let (p, ids, inc_id) = common::project_with_incident();
    let inc = p.incident(&inc_id).expect("incident");
    let s = p.suggest_incident_date(inc).expect("suggestion");
    // "late on Saturday" in a Monday 2024-03-11 article, from the first cited span's sentence.
    assert_eq!(s.annotation, ids.aircraft);
    assert_eq!(
        s.suggestion.date,
        NaiveDate::from_ymd_opt(2024, 3, 9).expect("date")
    );
    assert_eq!(s.suggestion.precision, DatePrecision::Day);
    assert_eq!(s.suggestion.matched_text, "late on Saturday");
    assert_eq!(
        s.suggestion.reasoning,
        "“late on Saturday”: the Saturday before Mon 2024-03-11 → 2024-03-09"
    );
}
