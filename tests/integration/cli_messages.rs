//! Bounded messages: an import of input with megabyte-long bad lines reports each problem in
//! one short line, shows the first few, and writes them all to `--report FILE` on request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::sitrep;

/// The longest line a report may print: the file, the line number and a bounded message.
const LONGEST: usize = 400;

fn assert_short_lines(o: &Output, what: &str) {
    for stream in [&o.stdout, &o.stderr] {
        for line in String::from_utf8_lossy(stream).lines() {
            assert!(
                line.chars().count() <= LONGEST,
                "{what}: a line of {} chars: {}…",
                line.chars().count(),
                line.chars().take(80).collect::<String>()
            );
        }
    }
}

const TEXT: &str = "Drones struck Husaybah at dawn.";

/// A brat document whose `.ann` has one good line, one megabyte-long garbage line and 29
/// short bad ones.
fn brat_corpus(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("brat");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("doc.txt"), TEXT).unwrap();
    let mut ann = String::from("T1\tLocation 14 22\tHusaybah\n");
    ann.push_str(&format!("T2\tLocation 0 6\t{}\n", "x".repeat(1_000_000)));
    for i in 0..29 {
        ann.push_str(&format!("T{}\tLocation 900 901\tnowhere\n", i + 3));
    }
    std::fs::write(corpus.join("doc.ann"), ann).unwrap();
    corpus
}

#[test]
fn a_brat_import_with_a_megabyte_line_reports_short_lines_and_the_rest_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = brat_corpus(dir.path());
    let project = dir.path().join("p.sitrep");
    let p = project.to_string_lossy();
    let o = sitrep(&["new", &p, &corpus.to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_short_lines(&o, "brat");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("warning:")).count(),
        20
    );
    assert!(out.contains("and 10 more warnings; --report FILE"), "{out}");
    assert!(out.contains("chars in all"), "the long quote is cut: {out}");
    let saved = sitrep::io::load_project(&project).unwrap();
    assert_eq!(saved.annotations.len(), 1, "the good line is kept");

    let report = dir.path().join("warnings.txt");
    let again = dir.path().join("q.sitrep");
    let o = sitrep(&[
        "new",
        &again.to_string_lossy(),
        &corpus.to_string_lossy(),
        "--report",
        &report.to_string_lossy(),
    ]);
    assert!(o.status.success());
    assert_short_lines(&o, "brat --report");
    let written = std::fs::read_to_string(&report).unwrap();
    assert_eq!(written.lines().count(), 30, "every warning in the file");
    assert!(written.lines().all(|l| l.chars().count() <= LONGEST));
}

#[test]
fn doccano_and_w3c_garbage_give_short_messages() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("data.jsonl");
    let mut lines = format!(
        "{{\"text\": \"{TEXT}\", \"label\": [[14, 22, \"LOC\"]]}}\n{}\n",
        "y".repeat(1_000_000)
    );
    lines.push_str(&format!(
        "{{\"text\": \"{TEXT}\", \"label\": [[0, 6, \"{}\"]]}}\n",
        "z".repeat(1_000_000)
    ));
    std::fs::write(&jsonl, lines).unwrap();
    let p = dir.path().join("p.sitrep");
    let o = sitrep(&["new", &p.to_string_lossy(), &jsonl.to_string_lossy()]);
    assert_short_lines(&o, "doccano");

    let jsonld = dir.path().join("data.jsonld");
    std::fs::write(&jsonld, "w".repeat(1_000_000)).unwrap();
    let o = sitrep(&["import", &p.to_string_lossy(), &jsonld.to_string_lossy()]);
    assert_short_lines(&o, "w3c");
    assert!(!o.status.success(), "garbage is not W3C data");

    let project = dir.path().join("p.sitrep");
    let o = sitrep(&[
        "import",
        &project.to_string_lossy(),
        &jsonl.to_string_lossy(),
        "--report",
        &project.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("a file this command reads"));
}

#[test]
fn a_reader_that_closes_the_pipe_does_not_stop_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = brat_corpus(dir.path());
    let project = dir.path().join("p.sitrep");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["new", &project.to_string_lossy(), &corpus.to_string_lossy()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once, as `| head -0` would: every report line meets a closed
    // pipe.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stderr.is_empty(), "quietly");
    let saved = sitrep::io::load_project(&project).unwrap();
    assert_eq!(saved.annotations.len(), 1);
}

#[test]
fn an_error_quoting_a_megabyte_value_is_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    let mut p = sitrep::model::Project::new("t");
    p.articles
        .push(sitrep::model::Article::new("art-1", "T", TEXT));
    sitrep::io::save_project(&path, &p).unwrap();
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    value["incidents"] = serde_json::json!([{
        "id": "inc-1", "title": "t", "date_precision": "w".repeat(1_000_000)
    }]);
    std::fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
    let o = sitrep(&["stats", &path.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert_short_lines(&o, "stats");
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}
