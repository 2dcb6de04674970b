//! `sitrep export` and `sitrep check` on incident files, through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::incident_fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sitrep::io::{load_incident, save_project};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join(name)
}

fn sitrep(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A saved project with one incident, in a temporary folder.
fn saved_project() -> (tempfile::TempDir, PathBuf) {
    let (p, _ids, _inc) = incident_fixture::project_with_incident();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("strike.sitrep");
    save_project(&path, &p).expect("save");
    (dir, path)
}

#[test]
fn export_writes_each_format() {
    let (dir, project) = saved_project();
    let folder = dir.path().join("out");
    let o = sitrep(&[
        Path::new("export"),
        &project,
        Path::new("--format"),
        Path::new("incidents"),
        Path::new("--out"),
        &folder,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("wrote 1 incident file to "));
    let file = load_incident(&folder.join("inc-1.incident.json")).expect("incident file");
    assert_eq!(file.incident.id, "inc-1");

    let csv_path = dir.path().join("incidents.csv");
    let o = sitrep(&[
        Path::new("export"),
        &project,
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--out"),
        &csv_path,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let csv_text = std::fs::read_to_string(&csv_path).expect("csv");
    assert!(csv_text.starts_with("event_id_cnty,event_date,year,time_precision,"));

    let geo = dir.path().join("incidents.geojson");
    let o = sitrep(&[
        Path::new("export"),
        &project,
        Path::new("--format"),
        Path::new("geojson"),
        Path::new("--out"),
        &geo,
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&geo).expect("geojson")).expect("json");
    assert_eq!(value["features"][0]["geometry"]["coordinates"][0], 41.09);
}

#[test]
fn export_refuses_an_unknown_format_on_one_line() {
    let (dir, project) = saved_project();
    let o = sitrep(&[
        Path::new("export"),
        &project,
        Path::new("--format"),
        Path::new("xml"),
        Path::new("--out"),
        &dir.path().join("x"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("unknown export format \"xml\""), "{err}");
}

#[test]
fn check_validates_incident_files() {
    let o = sitrep(&[Path::new("check"), &data("market.incident.json")]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains(
            "OK, incident inc-7 \"Grenade thrown into a cattle market\": 3 evidence spans, 2 source articles, 4 entities"
        ),
        "{out}"
    );

    let o = sitrep(&[
        Path::new("check"),
        &data("bad-unknown-entity.incident.json"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout)
            .contains("evidence ann-1: entity \"ent-99\" is not among the file's entities"),
        "{}",
        text(&o.stdout)
    );
    assert!(
        text(&o.stderr).contains("1 problem found"),
        "{}",
        text(&o.stderr)
    );

    let o = sitrep(&[Path::new("check"), &data("bad-newer.incident.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("newer Sitrep"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn check_recognises_an_incident_file_by_its_format_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let renamed = dir.path().join("market.json");
    std::fs::copy(data("market.incident.json"), &renamed).expect("copy");
    let o = sitrep(&[Path::new("check"), &renamed]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("OK, incident inc-7"));
}
