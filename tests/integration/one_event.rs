//! One event from many reports: three outlets report one strike; the duplicate finder pairs
//! their incidents, merging them leaves one incident with three sources (in the ACLED and UCDP
//! exports too), a split moves evidence back out, and an article can be attached to the
//! incident it reports. Driven headless through `Workbench::run`, and through the CLI.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::process::Command as Process;

use chrono::NaiveDate;
use sitrep::io::formats::acled::acled_table;
use sitrep::io::formats::ucdp::ucdp_bytes;
use sitrep::io::save_project;
use sitrep::model::{
    ActorRole, Article, DatePrecision, Edit, Entity, Extra, IncidentRelation, Likelihood,
    MatchReason, RelationKind, validate,
};
use sitrep::workbench::dialogs::NoDialogs;
use sitrep::workbench::{Action, Command, Level, Workbench};

use crate::one_strike;
use one_strike::{annotate, project};

#[test]
fn the_finder_pairs_the_three_reports_and_leaves_other_events_alone() {
    let mut p = project();
    let pairs = p.duplicate_candidates();
    let ids: Vec<(&str, &str)> = pairs
        .iter()
        .map(|d| (d.first.as_str(), d.second.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![("inc-1", "inc-2"), ("inc-1", "inc-3"), ("inc-2", "inc-3")]
    );
    for pair in &pairs {
        assert_eq!(pair.likelihood, Likelihood::Likely);
        assert!(pair.reasons.contains(&MatchReason::SharedActor));
        assert!(pair.reasons.contains(&MatchReason::SameEventType));
        assert!(!pair.reasons.contains(&MatchReason::SharedArticle));
    }

    // A week away is another event; a week's precision covering the day is not.
    let mut far = p.incident("inc-3").unwrap().clone();
    far.date = NaiveDate::from_ymd_opt(2026, 3, 14);
    p.apply(Edit::UpdateIncident(far.clone())).unwrap();
    assert_eq!(
        p.duplicate_candidates().len(),
        1,
        "only inc-1 and inc-2 remain a pair"
    );
    far.date = NaiveDate::from_ymd_opt(2026, 3, 4);
    far.date_precision = DatePrecision::Week; // the week of Monday 2 to Sunday 8 March
    p.apply(Edit::UpdateIncident(far.clone())).unwrap();
    assert_eq!(p.duplicate_candidates().len(), 3);

    // Another place entity a few hundred metres off, or of the same name folded, is the same
    // place; a place far off is not.
    let near = Entity {
        lat: Some(34.3900),
        lon: Some(41.0010),
        ..Entity::new("ent-near", "location", "the depot")
    };
    let same_name = Entity::new("ent-same", "location", "HUSAYBAH ");
    for e in [near, same_name] {
        let index = p.entities.len();
        let id = e.id.clone();
        p.apply(Edit::InsertEntity { index, entity: e }).unwrap();
        let mut moved = far.clone();
        moved.location = Some(id.clone());
        p.apply(Edit::UpdateIncident(moved)).unwrap();
        assert_eq!(p.duplicate_candidates().len(), 3, "{id} is the same place");
    }
    let mut moved = far.clone();
    moved.location = Some("ent-sarmada".to_owned());
    p.apply(Edit::UpdateIncident(moved)).unwrap();
    assert_eq!(p.duplicate_candidates().len(), 1);

    // Same date and place with nothing else in common is not offered.
    let mut bare = p.incident("inc-2").unwrap().clone();
    bare.actors.clear();
    bare.event_type.clear();
    bare.event_category = None;
    p.apply(Edit::UpdateIncident(bare)).unwrap();
    assert!(p.duplicate_candidates().is_empty());
}

fn status(wb: &Workbench) -> (Level, String) {
    (wb.status().level, wb.status().text.clone())
}

#[test]
fn merging_the_three_gives_one_incident_with_three_sources_in_one_undo_step_each() {
    let mut p = project();
    // inc-2 is retaliated for by a later incident: the relation must follow the merge.
    let (later, edit) = p.create_incident_edit::<&str>(&[]).unwrap();
    p.apply(edit).unwrap();
    let mut rel = p.incident(&later).unwrap().clone();
    rel.relations.push(IncidentRelation {
        kind: RelationKind::RetaliationFor,
        incident: "inc-2".to_owned(),
        extra: Extra::new(),
    });
    p.apply(Edit::UpdateIncident(rel)).unwrap();
    let before = p.clone();

    let mut wb = Workbench::new(p, None);
    wb.run(
        Action::MergeIncidents {
            keep: "inc-1".to_owned(),
            other: "inc-2".to_owned(),
        },
        &mut NoDialogs,
    );
    let (level, text) = status(&wb);
    assert_eq!(level, Level::Warning, "{text}");
    assert!(text.contains("fatalities (best) (kept 4, not 5)"), "{text}");
    let merge = &wb.view().last_merge.as_ref().unwrap().1;
    assert!(merge.iter().any(|d| d.field == "fatalities (best)"));
    assert!(wb.project().incident("inc-2").is_none());
    assert_eq!(
        wb.project().incident(&later).unwrap().relations[0].incident,
        "inc-1",
        "the relation to the absorbed incident now points at the kept one"
    );
    wb.run(
        Action::MergeIncidents {
            keep: "inc-1".to_owned(),
            other: "inc-3".to_owned(),
        },
        &mut NoDialogs,
    );
    let p = wb.project();
    assert_eq!(p.incidents.len(), 2);
    let inc = p.incident("inc-1").unwrap();
    assert_eq!(
        inc.evidence.len(),
        10,
        "3 + 3 + 4 evidence spans, none twice"
    );
    let articles: std::collections::BTreeSet<&str> = inc
        .evidence
        .iter()
        .map(|e| p.annotation(e).unwrap().article.as_str())
        .collect();
    assert_eq!(
        articles.into_iter().collect::<Vec<_>>(),
        vec!["art-1", "art-2", "art-3"]
    );
    assert_eq!(
        (inc.fatalities.low, inc.fatalities.best, inc.fatalities.high),
        (Some(4), Some(4), Some(5)),
        "the range widens to cover every report; the kept best stays"
    );
    assert_eq!(
        p.casualty_reports(inc).len(),
        3,
        "every outlet's figure is pooled"
    );
    assert!(validate(p).is_empty(), "{:?}", validate(p));
    assert!(p.duplicate_candidates().is_empty());

    // The exports carry three sources for the one event.
    let table = acled_table(p);
    let acled = &table.rows[0];
    let source = acled[25].as_str();
    for outlet in ["Levant Monitoring Network", "Valley Courier", "Desert Wire"] {
        assert!(source.contains(outlet), "{source}");
    }
    let ucdp = String::from_utf8(ucdp_bytes(p).unwrap()).unwrap();
    let mut reader = csv::Reader::from_reader(ucdp.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = headers
        .iter()
        .position(|h| h == "number_of_sources")
        .unwrap();
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[col], "3");

    // Each merge is one undo step.
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert!(wb.project().incident("inc-3").is_some());
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert_eq!(wb.project(), &before);
}

#[test]
fn bad_merges_and_splits_are_refused_with_a_message_and_change_nothing() {
    let p = project();
    let mut wb = Workbench::new(p.clone(), None);
    for (keep, other, says) in [
        ("inc-1", "inc-1", "cannot be merged with itself"),
        ("inc-1", "inc-9", "inc-9"),
    ] {
        wb.run(
            Action::MergeIncidents {
                keep: keep.to_owned(),
                other: other.to_owned(),
            },
            &mut NoDialogs,
        );
        let (level, text) = status(&wb);
        assert_eq!(level, Level::Warning);
        assert!(text.contains(says), "{text}");
    }
    let all = p.incident("inc-1").unwrap().evidence.clone();
    for (evidence, says) in [
        (all.clone(), "not all"),
        (Vec::new(), "not all"),
        (vec!["ann-999".to_owned()], "ann-999 is not evidence"),
    ] {
        wb.run(
            Action::SplitIncident {
                incident: "inc-1".to_owned(),
                evidence,
            },
            &mut NoDialogs,
        );
        let (level, text) = status(&wb);
        assert_eq!(level, Level::Warning);
        assert!(text.contains(says), "{text}");
    }
    assert_eq!(wb.project(), &p);
}

#[test]
fn splitting_moves_the_ticked_evidence_to_a_new_incident_and_undo_puts_it_back() {
    let p = project();
    let mut wb = Workbench::new(p.clone(), None);
    let inc = p.incident("inc-3").unwrap().clone();
    // The actor span naming the Eastern Brigade and the claim move out.
    let moved = vec![inc.evidence[0].clone(), inc.evidence[3].clone()];
    assert_eq!(p.annotation(&moved[0]).unwrap().exact, "Eastern Brigade");
    let mut coded = inc.clone();
    coded.actors.push(ActorRole {
        entity: "ent-east".to_owned(),
        role: "target".to_owned(),
        extra: Extra::new(),
    });
    wb.run(
        Action::Edit {
            edit: Box::new(Edit::UpdateIncident(coded)),
            burst: None,
        },
        &mut NoDialogs,
    );
    wb.run(
        Action::SplitIncident {
            incident: "inc-3".to_owned(),
            evidence: moved.clone(),
        },
        &mut NoDialogs,
    );
    let q = wb.project();
    let new_id = wb
        .view()
        .selected_incident
        .clone()
        .expect("the new incident opens");
    assert_ne!(new_id, "inc-3");
    let new = q.incident(&new_id).unwrap();
    assert_eq!(new.evidence, moved);
    assert_eq!(new.date, inc.date);
    assert_eq!(new.event_type, "Air/drone strike");
    let actors: Vec<(&str, &str)> = new
        .actors
        .iter()
        .map(|a| (a.entity.as_str(), a.role.as_str()))
        .collect();
    assert_eq!(
        actors,
        vec![("ent-east", "target")],
        "only the actors its evidence names"
    );
    assert_eq!(new.fatalities.best, None);
    let rest = q.incident("inc-3").unwrap();
    assert_eq!(rest.evidence.len(), 2);
    assert!(rest.evidence.iter().all(|e| !moved.contains(e)));
    assert!(validate(q).is_empty());
    assert_eq!(
        q.incidents.iter().position(|i| i.id == new_id),
        Some(3),
        "the new incident is listed right after the one it came from"
    );
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert!(wb.project().incident(&new_id).is_none());
    assert_eq!(
        wb.project().incident("inc-3").unwrap().evidence,
        inc.evidence
    );
}

#[test]
fn an_article_is_offered_the_incidents_it_reports_best_first_and_attached_in_one_step() {
    let mut p = project();
    // A fifth report, annotated but not coded, and an unrelated incident in Sarmada.
    let text = "Guards at the Husaybah depot said the Northern Front's drones came at dawn.";
    let mut a = Article::new("art-5", "Report art-5", text);
    a.source = "Valley Courier".to_owned();
    a.published = "2026-03-10".parse().ok();
    p.articles.push(a);
    let place = annotate(&mut p, "art-5", "Husaybah", "location", Some("ent-place"));
    annotate(
        &mut p,
        "art-5",
        "Northern Front",
        "actor",
        Some("ent-north"),
    );
    let sarmada = p.annotations_slice("art-4")[0].id.clone();
    let (protest, edit) = p.create_incident_edit(&[sarmada.as_str()]).unwrap();
    p.apply(edit).unwrap();
    // inc-3 is placed nowhere, inc-2 a fortnight before: both fit less well than inc-1.
    let mut weaker = p.incident("inc-2").unwrap().clone();
    weaker.date = NaiveDate::from_ymd_opt(2026, 2, 20);
    p.apply(Edit::UpdateIncident(weaker)).unwrap();
    let mut weakest = p.incident("inc-3").unwrap().clone();
    weakest.location = None;
    p.apply(Edit::UpdateIncident(weakest)).unwrap();

    let ranked = p.incident_candidates_for_article("art-5");
    let order: Vec<&str> = ranked.iter().map(|c| c.incident.as_str()).collect();
    assert_eq!(order, vec!["inc-1", "inc-2", "inc-3"], "{ranked:?}");
    assert!(
        !order.contains(&protest.as_str()),
        "the protest shares nothing with it"
    );
    assert_eq!(
        ranked[1].reasons,
        vec![MatchReason::SamePlace, MatchReason::SharedActor]
    );
    assert_eq!(
        ranked[2].reasons,
        vec![MatchReason::SameDate, MatchReason::SharedActor]
    );
    let best = &ranked[0];
    assert!(best.reasons.contains(&MatchReason::SamePlace));
    assert!(best.reasons.contains(&MatchReason::SharedActor));
    assert!(best.reasons.contains(&MatchReason::SameDate));
    // An incident that already cites an article is not offered for it again.
    assert!(
        p.incident_candidates_for_article("art-1")
            .iter()
            .all(|c| c.incident != "inc-1")
    );

    let mut wb = Workbench::new(p, None);
    wb.run(
        Action::AttachArticle {
            article: "art-5".to_owned(),
            incident: "inc-1".to_owned(),
        },
        &mut NoDialogs,
    );
    assert_eq!(
        status(&wb).1,
        "Added 2 annotations of this article to inc-1"
    );
    let inc = wb.project().incident("inc-1").unwrap();
    assert_eq!(inc.evidence.len(), 5);
    assert!(inc.evidence.contains(&place));
    assert_eq!(wb.view().selected_incident.as_deref(), Some("inc-1"));
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert_eq!(wb.project().incident("inc-1").unwrap().evidence.len(), 3);
}

#[test]
fn sitrep_duplicates_lists_the_pairs_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("strike.sitrep");
    save_project(&path, &project()).unwrap();
    let run = |json: bool| {
        let mut cmd = Process::new(env!("CARGO_BIN_EXE_sitrep"));
        cmd.arg("duplicates").arg(&path);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(false);
    assert!(
        text.starts_with(
            "likely\tinc-1\tinc-2\tsame date, same place, shared actor, same event type\t"
        ),
        "{text}"
    );
    assert!(text.ends_with("3 candidate pairs\n"), "{text}");
    let json = run(true);
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["first"], "inc-2");
    assert_eq!(lines[2]["second"], "inc-3");
    assert_eq!(lines[2]["likelihood"], "likely");
    assert_eq!(lines[0]["reasons"][1], "same place");

    let missing = Process::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["duplicates"])
        .arg(dir.path().join("none.sitrep"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("none.sitrep"));
}

#[test]
fn grades_and_relations_go_into_the_exports_that_hold_them() {
    use sitrep::io::formats::TypeMap;
    use sitrep::io::formats::w3c::{import_w3c_str, to_w3c};
    use sitrep::model::Source;

    let mut p = project();
    let claim = p.incident("inc-2").unwrap().evidence[2].clone();
    let mut graded = p.annotation(&claim).unwrap().clone();
    graded
        .claim
        .get_or_insert_with(Default::default)
        .credibility = Some(2);
    p.apply(Edit::UpdateAnnotation(graded)).unwrap();
    let mut courier = Source::new("Valley Courier");
    courier.reliability = "B".to_owned();
    courier.scale = "Subnational".to_owned();
    p.apply(Edit::SetSources(vec![courier, Source::new("Desert Wire")]))
        .unwrap();
    let mut related = p.incident("inc-3").unwrap().clone();
    related.relations.push(IncidentRelation {
        kind: RelationKind::Follows,
        incident: "inc-2".to_owned(),
        extra: Extra::new(),
    });
    p.apply(Edit::UpdateIncident(related)).unwrap();

    // W3C: the grade is a second assessment, read back onto the claim.
    let collection = to_w3c(&p).to_string();
    assert!(collection.contains("credibility 2: probably true"));
    let mut back = p.clone();
    back.incidents.clear();
    back.annotations.clear();
    import_w3c_str(&mut back, "out.jsonld", &collection, &TypeMap::new()).unwrap();
    let twin = back
        .annotations
        .iter()
        .find(|a| a.exact == "Five people were killed")
        .unwrap();
    assert_eq!(twin.claim.as_ref().unwrap().credibility, Some(2));

    // ACLED: the scale in source_scale; the grade and the relation in the extra file.
    let table = acled_table(&p);
    let extra_of = |id: &str| table.extra.iter().find(|r| r[1] == id).unwrap().clone();
    let col = |name: &str| {
        sitrep::io::formats::EXTRA_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    assert_eq!(
        extra_of("inc-2")[col("source_reliability")],
        "Valley Courier: B"
    );
    assert_eq!(
        extra_of("inc-1")[col("source_reliability")],
        "",
        "no graded outlet"
    );
    assert_eq!(extra_of("inc-3")[col("relations")], "follows inc-2");
    let inc2 = table
        .rows
        .iter()
        .zip(&table.extra)
        .find(|(_, e)| e[1] == "inc-2")
        .unwrap()
        .0;
    assert_eq!(inc2[26], "Subnational");
}
