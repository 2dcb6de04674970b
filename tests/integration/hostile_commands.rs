//! Hostile command lines and inputs that are not plain files: an export pointed at the
//! project, ids and counters at the top of the range, pipes and devices given as input, and a
//! link out of a brat folder. Each gets a one-line refusal and nothing saved changes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use common::{refused, sitrep};
use sitrep::io::{load_project, save_project};

fn saved_sample(dir: &Path) -> PathBuf {
    let path = dir.join("p.sitrep");
    save_project(&path, &common::sample_project("Hostile")).unwrap();
    path
}

#[test]
fn an_export_onto_the_project_or_a_link_to_it_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path());
    let before = std::fs::read(&path).unwrap();
    let link = dir.path().join("link.jsonl");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&path, &link).unwrap();
    for format in ["w3c", "doccano", "csv", "geojson"] {
        let p = path.to_string_lossy();
        let err = refused(&sitrep(&["export", &p, "--format", format, "--out", &p]));
        assert!(err.contains("is a file this command reads"), "{err}");
        #[cfg(unix)]
        {
            let l = link.to_string_lossy();
            let err = refused(&sitrep(&["export", &p, "--format", format, "--out", &l]));
            assert!(err.contains("nothing was written"), "{err}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "{format}");
    }
}

/// A change that breaks a saved project's JSON.
type Breaker = Box<dyn Fn(&mut serde_json::Value)>;

#[test]
fn ids_and_counters_at_the_top_of_the_range_are_refused_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Breaker); 2] = [
        (
            "counter",
            Box::new(|v| v["next_ids"] = serde_json::json!({"ann": u64::MAX})),
        ),
        (
            "id",
            Box::new(|v| {
                v["annotations"][0]["id"] = "ann-18446744073709551615".into();
                v["incidents"][0]["evidence"] = serde_json::json!(["ann-18446744073709551615"]);
            }),
        ),
    ];
    for (name, break_it) in cases {
        let path = saved_sample(dir.path());
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        break_it(&mut value);
        std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
        let before = std::fs::read(&path).unwrap();
        let p = path.to_string_lossy();
        let o = sitrep(&["check", &p]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains("the largest id number Sitrep counts to"),
            "{name}: {out}"
        );
        let err = refused(&sitrep(&[
            "tag", &p, "--tag", "location", "--match", "convoy",
        ]));
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name}: unchanged");
    }
}

#[test]
fn allocation_near_the_top_never_overflows() {
    // In the default test profile overflow checks are on: this would panic if it overflowed.
    let mut p = sitrep::model::Project::new("t");
    p.next_ids.insert("ann".into(), u64::MAX);
    let ids = p.alloc_ids("ann", 3);
    assert_eq!(ids.len(), 3);
    assert!(p.alloc_id("ann").starts_with("ann-"));
}

/// Run `f` on another thread and fail if it does not return within a few seconds (a read
/// that blocks on a pipe would hang the test otherwise).
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(f()).ok());
    rx.recv_timeout(Duration::from_secs(10))
        .expect("returned instead of blocking")
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.sitrep");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let f = fifo.clone();
    let err = within_seconds(move || load_project(&f).expect_err("a pipe").to_string());
    assert!(err.contains("named pipe"), "{err}");

    let article_pipe = dir.path().join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&article_pipe)
            .status()
            .unwrap()
            .success()
    );
    let err = within_seconds(move || {
        sitrep::io::import_file(&article_pipe)
            .map(drop)
            .expect_err("a pipe")
            .to_string()
    });
    assert!(err.contains("named pipe"), "{err}");
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let err = within_seconds(move || {
        sitrep::io::import_file(&zero)
            .map(drop)
            .expect_err("a device")
            .to_string()
    });
    assert!(err.contains("a device"), "{err}");

    // A pipe where the lock file goes is not read, and the lock is still taken.
    let project = saved_sample(dir.path());
    let lock = sitrep::io::lock::lock_path(&project);
    assert!(
        Command::new("mkfifo")
            .arg(&lock)
            .status()
            .unwrap()
            .success()
    );
    let p = project.clone();
    let taken = within_seconds(move || sitrep::io::ProjectLock::acquire(&p).is_ok());
    assert!(taken, "a lock that is not a lock file is replaced");
}

#[cfg(unix)]
#[test]
fn a_brat_folder_walk_does_not_follow_links_out_of_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    for (folder, name) in [(&corpus, "inside"), (&outside, "elsewhere")] {
        std::fs::write(folder.join(format!("{name}.txt")), "Strike on Husaybah.").unwrap();
        std::fs::write(
            folder.join(format!("{name}.ann")),
            "T1\tLocation 10 18\tHusaybah\n",
        )
        .unwrap();
    }
    std::os::unix::fs::symlink(&outside, corpus.join("link-out")).unwrap();
    std::os::unix::fs::symlink("/", corpus.join("root")).unwrap();
    let mut p = sitrep::model::Project::new("t");
    let map = sitrep::io::formats::TypeMap::new();
    let report = within_seconds(move || {
        sitrep::io::formats::brat::import_brat_dir(&mut p, &corpus, &map).map(|r| r.articles)
    });
    assert_eq!(report.unwrap(), 1, "only the document inside the folder");
}

#[test]
fn a_brat_span_over_only_a_line_ending_or_a_bom_is_skipped_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    // brat counts the CR of CRLF and the BOM as characters of the text.
    std::fs::write(corpus.join("doc.txt"), "\u{feff}Strike\r\non Husaybah.\r\n").unwrap();
    let ann = "T1\tLocation 0 1\t\u{feff}\n\
               T2\tLocation 7 8\t\r\n\
               T3\tLocation 8 9\t\n\n\
               T4\tLocation 12 20\tHusaybah\n";
    std::fs::write(corpus.join("doc.ann"), ann).unwrap();
    let mut p = sitrep::model::Project::new("t");
    let map = sitrep::io::formats::TypeMap::new();
    let report = sitrep::io::formats::brat::import_brat_dir(&mut p, &corpus, &map)
        .expect("the import goes on past the bad spans");
    let kept: Vec<&str> = p.annotations.iter().map(|a| a.exact.as_str()).collect();
    assert!(kept.contains(&"Husaybah"), "{kept:?}");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("line ending or a byte-order mark")),
        "{:?}",
        report.warnings
    );
    assert!(sitrep::model::validate(&p).is_empty());
}

#[test]
fn tagging_more_matches_than_one_operation_may_add_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = sitrep::model::Project::new("Many");
    let limit = sitrep::limits::MAX_NEW_ANNOTATIONS;
    let text = "strike ".repeat(limit + 1);
    p.articles
        .push(sitrep::model::Article::new("art-1", "Strikes", text));
    let path = dir.path().join("p.sitrep");
    save_project(&path, &p).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = refused(&sitrep(&[
        "tag",
        &path.to_string_lossy(),
        "--tag",
        "actor",
        "--match",
        "strike",
    ]));
    assert!(
        err.contains(&format!("would add {} annotations", limit + 1)),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was added");
}
