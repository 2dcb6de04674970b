//! Incident files: export from a project, save, load with or without a project, validation,
//! unknown fields, and checking evidence against an open project.

use crate::incident_fixture;
use incident_fixture as common;

use std::path::{Path, PathBuf};

use sitrep::io::incident_file::{
    EvidenceStatus, INCIDENT_FORMAT, IncidentParseError, incident_to_bytes, is_incident_json,
};
use sitrep::io::{
    IncidentLoadError, export_incident, load_incident, parse_incident, save_incident,
};
use sitrep::model::{Article, CharSpan, Edit, Project};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join(name)
}

#[test]
fn export_gathers_entities_articles_and_evidence() {
    let (p, ids, inc_id) = common::project_with_incident();
    let file = export_incident(&p, &inc_id).expect("export");
    assert_eq!(file.format, INCIDENT_FORMAT);
    assert_eq!(file.version, 1);
    assert_eq!(&file.incident, p.incident(&inc_id).expect("incident"));
    // Location, actors, and the claim sources ent-4 and ent-5 (named only by claims).
    let entity_ids: Vec<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        entity_ids,
        vec!["ent-1", "ent-2", "ent-3", "ent-4", "ent-5"]
    );
    let articles: Vec<(&str, usize)> = file
        .sources
        .iter()
        .map(|s| (s.article.id.as_str(), s.evidence.len()))
        .collect();
    assert_eq!(articles, vec![("art-1", 5), ("art-2", 2)]);
    let art1 = &file.sources[0].article;
    assert_eq!(
        art1.text_sha256,
        p.article("art-1").expect("art").text_sha256
    );
    assert_eq!(art1.source, "Wire, Inc.");
    let toll = file
        .evidence()
        .find(|(_, e)| e.id == ids.claim_toll)
        .map(|(_, e)| e)
        .expect("toll evidence");
    assert_eq!(toll.exact, "the death toll stood at eight");
    assert_eq!(
        toll.claim.as_ref().and_then(|c| c.source.as_deref()),
        Some("ent-5")
    );
    assert!(file.validate().is_empty(), "{:?}", file.validate());
    assert!(export_incident(&p, "inc-404").is_err());
}

#[test]
fn save_and_load_round_trip_byte_for_byte() {
    let (p, _ids, inc_id) = common::project_with_incident();
    let file = export_incident(&p, &inc_id).expect("export");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("inc-1.incident.json");
    save_incident(&path, &file).expect("save");
    let bytes = std::fs::read(&path).expect("read");
    let text = std::str::from_utf8(&bytes).expect("utf8");
    assert!(text.ends_with("}\n"));
    assert!(text.starts_with("{\n  \"format\": \"sitrep/incident\",\n  \"version\": 1,\n"));
    assert!(is_incident_json(&bytes));
    let loaded = load_incident(&path).expect("load");
    assert_eq!(loaded, file);
    assert_eq!(incident_to_bytes(&loaded).expect("bytes"), bytes);
}

#[test]
fn a_file_reads_with_no_project_and_keeps_unknown_fields() {
    let path = data("market.incident.json");
    let file = load_incident(&path).expect("load");
    assert_eq!(file.incident.title, "Grenade thrown into a cattle market");
    assert_eq!(file.incident.category(), Some("Explosions/Remote violence"));
    assert_eq!(file.entities.len(), 4);
    let (_, emoji) = file.evidence().nth(1).expect("second evidence");
    assert_eq!(emoji.exact, "three 😀 people were killed");
    assert_eq!(emoji.span(), CharSpan::new(80, 106));
    assert_eq!(
        file.entity("ent-13").map(|e| e.name.as_str()),
        Some("Regional governor")
    );

    // Unknown fields at every level come back out.
    let out = String::from_utf8(incident_to_bytes(&file).expect("bytes")).expect("utf8");
    for field in [
        "\"reviewed_by\": \"second coder\"",
        "\"since\": \"2021\"",
        "\"country\": \"Burkina Faso\"",
        "\"paywall\": true",
    ] {
        assert!(out.contains(field), "{field} lost");
    }
    let again = parse_incident(out.as_bytes()).expect("reparse");
    assert_eq!(again, file);
}

#[test]
fn unknown_top_level_fields_survive() {
    let text = std::fs::read_to_string(data("ok-minimal.incident.json")).expect("read");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    value["signature"] = serde_json::json!({"by": "desk 2"});
    let file = parse_incident(value.to_string().as_bytes()).expect("parse");
    let out: serde_json::Value =
        serde_json::from_slice(&incident_to_bytes(&file).expect("bytes")).expect("json");
    assert_eq!(out["signature"]["by"], "desk 2");
}

/// The message of loading a broken file from tests/data.
fn load_error(name: &str) -> String {
    match load_incident(&data(name)) {
        Ok(_) => panic!("{name} loaded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_files_are_refused_with_the_item_named() {
    let cases = [
        (
            "bad-unknown-entity.incident.json",
            "evidence ann-1: entity \"ent-99\" is not among the file's entities",
        ),
        (
            "bad-quote-length.incident.json",
            "evidence ann-1: quote \"Stone\" is 5 chars but the span 0..12 is 12",
        ),
        (
            "bad-missing-evidence.incident.json",
            "incident inc-1: evidence ann-2 is not among the sources",
        ),
        (
            "bad-uncited-evidence.incident.json",
            "evidence ann-1 (article art-1) is not cited by incident inc-1",
        ),
        (
            "bad-newer.incident.json",
            "written by a newer Sitrep (incident file version 2; this program reads up to version 1)",
        ),
        (
            "bad-format.incident.json",
            "not a Sitrep incident file: format is \"sitrep/project\", expected \"sitrep/incident\"",
        ),
        (
            "bad-start-type.incident.json",
            "sources[0].evidence[0].start: invalid type",
        ),
        (
            "bad-empty-span.incident.json",
            "evidence ann-1: start 12 is not before end 12",
        ),
    ];
    for (name, expected) in cases {
        let msg = load_error(name);
        assert!(msg.contains(expected), "{name}: {msg}");
        assert!(msg.contains(name), "{name}: the path is not named in {msg}");
    }
}

#[test]
fn other_bad_inputs() {
    let not_utf8 = parse_incident(b"{\"format\": \"\xff\"}").expect_err("bad utf8");
    assert!(matches!(not_utf8, IncidentParseError::NotUtf8(_)));
    let not_json = parse_incident(b"[1, 2").expect_err("bad json");
    assert!(matches!(not_json, IncidentParseError::Json(_)));
    let missing = load_incident(&data("no-such.incident.json")).expect_err("missing file");
    assert!(matches!(missing, IncidentLoadError::Read(_)));
    assert!(missing.to_string().contains("no-such.incident.json"));

    // A duplicate entity and a bad hash are both reported.
    let text = std::fs::read_to_string(data("ok-minimal.incident.json")).expect("read");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let ent = value["entities"][0].clone();
    value["entities"].as_array_mut().expect("array").push(ent);
    value["sources"][0]["article"]["text_sha256"] = "abc".into();
    let err = parse_incident(value.to_string().as_bytes()).expect_err("invalid");
    let msg = err.to_string();
    assert!(msg.starts_with("2 problems: "), "{msg}");
    assert!(
        msg.contains("entity ent-1: the id is used more than once"),
        "{msg}"
    );
    assert!(
        msg.contains("article art-1: text_sha256 \"abc\" is not a SHA-256 in hex"),
        "{msg}"
    );
}

#[test]
fn evidence_is_checked_against_an_open_project() {
    let (p, ids, inc_id) = common::project_with_incident();
    let file = export_incident(&p, &inc_id).expect("export");

    // Same project: every span matches where it was.
    let checks = file.check_against(&p);
    assert_eq!(checks.len(), 7);
    for c in &checks {
        let ann = p.annotation(&c.evidence).expect("annotation");
        assert_eq!(
            c.status,
            EvidenceStatus::Matches {
                article: ann.article.clone(),
                span: ann.span()
            }
        );
    }

    // A project with art-2 edited (text moved by a new first line): spans re-anchor by quote;
    // art-1 is absent altogether.
    let mut other = Project::new("other");
    let moved = format!("Updated 10:40.\n{}", common::TEXT_2);
    other
        .apply(Edit::InsertArticle {
            index: 0,
            article: Article::new("art-2", "Clinic counts the dead", moved.clone()),
        })
        .expect("insert");
    let checks = file.check_against(&other);
    let status_of = |id: &str| {
        checks
            .iter()
            .find(|c| c.evidence == id)
            .map(|c| c.status.clone())
            .expect("check")
    };
    assert_eq!(status_of(&ids.aircraft), EvidenceStatus::ArticleMissing);
    let shift = "Updated 10:40.\n".chars().count();
    let old = p.annotation(&ids.claim_toll).expect("ann").span();
    assert_eq!(
        status_of(&ids.claim_toll),
        EvidenceStatus::Reanchored {
            article: "art-2".into(),
            span: CharSpan::new(old.start.0 + shift, old.end.0 + shift),
        }
    );

    // Same text under another id is still found by its hash.
    let mut renamed = Project::new("renamed");
    renamed
        .apply(Edit::InsertArticle {
            index: 0,
            article: Article::new("art-77", "copy", common::TEXT_2),
        })
        .expect("insert");
    let checks = file.check_against(&renamed);
    let toll = checks
        .iter()
        .find(|c| c.evidence == ids.claim_toll)
        .expect("check");
    assert!(matches!(&toll.status, EvidenceStatus::Matches { article, .. } if article == "art-77"));
    assert_eq!(toll.file_article, "art-2");
}
