//! Exports: incident files into a folder, GeoJSON (ACLED and UCDP: tests/dataset_exports.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::incident_fixture;
use incident_fixture as common;

use chrono::NaiveDate;
use sitrep::io::formats::{Format, export_geojson, export_incident_files, incidents_geojson};
use sitrep::io::load_incident;
use sitrep::model::{ActorRole, DatePrecision, Edit, Extra, Incident, Project};

fn role(entity: &str, role: &str) -> ActorRole {
    ActorRole {
        entity: entity.to_owned(),
        role: role.to_owned(),
        extra: Extra::new(),
    }
}

/// The shared project, its incident coded fully, plus a second bare incident with awkward text.
fn coded_project() -> Project {
    let (mut p, _ids, inc_id) = common::project_with_incident();
    let mut inc = p.incident(&inc_id).expect("incident").clone();
    inc.title = "Strike on \"fuel\" convoy, west of town".to_owned();
    inc.set_event_type("Air/drone strike");
    inc.date = NaiveDate::from_ymd_opt(2024, 3, 9);
    inc.date_precision = DatePrecision::Week;
    inc.actors = vec![
        role("ent-2", "perpetrator"),
        role("ent-4", "target"),
        role("ent-3", "perpetrator"),
        role("ent-5", "other"),
    ];
    inc.fatalities.low = Some(6);
    inc.fatalities.best = Some(6);
    inc.fatalities.high = Some(8);
    inc.notes = "Line one, with a comma\nLine \"two\"".to_owned();
    p.apply(Edit::UpdateIncident(inc)).expect("edit");

    let mut bare = Incident::new("inc/2: odd", "Unlocated, undated");
    bare.event_type = "Checkpoint dispute".to_owned();
    p.apply(Edit::InsertIncident {
        index: 1,
        incident: bare,
    })
    .expect("insert");
    p
}

#[test]
fn geojson_points_are_lon_lat_and_only_located_incidents_appear() {
    let p = coded_project();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("incidents.geojson");
    export_geojson(&p, &path).expect("export");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.ends_with("}\n"));
    let value: serde_json::Value = serde_json::from_str(&text).expect("parses");
    assert_eq!(value, incidents_geojson(&p));
    assert_eq!(value["type"], "FeatureCollection");
    let features = value["features"].as_array().expect("features");
    assert_eq!(features.len(), 1, "the bare incident has no location");
    let f = &features[0];
    assert_eq!(f["type"], "Feature");
    assert_eq!(f["geometry"]["type"], "Point");
    assert_eq!(
        f["geometry"]["coordinates"],
        serde_json::json!([41.09, 34.37])
    );
    assert_eq!(f["properties"]["id"], "inc-1");
    assert_eq!(
        f["properties"]["title"],
        "Strike on \"fuel\" convoy, west of town"
    );
    assert_eq!(f["properties"]["date"], "2024-03-09");
    assert_eq!(f["properties"]["event_type"], "Air/drone strike");
    assert_eq!(f["properties"]["fatalities"], 6);
    assert_eq!(f["properties"]["evidence_count"], 7);
}

#[test]
fn incident_files_get_safe_unique_names_and_load_back() {
    let mut p = coded_project();
    // An id that differs only in case from another would collide on some file systems.
    p.apply(Edit::InsertIncident {
        index: 2,
        incident: Incident::new("INC-1", "Same name, other case"),
    })
    .expect("insert");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("incidents");
    let written = export_incident_files(&p, &out).expect("export");
    let names: Vec<String> = written
        .iter()
        .map(|w| w.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "inc-1.incident.json",
            "inc_2__odd.incident.json",
            "INC-1-2.incident.json"
        ]
    );
    for (path, inc) in written.iter().zip(&p.incidents) {
        let file = load_incident(path).expect("load");
        assert_eq!(&file.incident, inc);
    }
    // The dispatcher does the same.
    let again = Format::IncidentFiles
        .export(&p, &out)
        .expect("export again");
    assert_eq!(again.files, written);
}
