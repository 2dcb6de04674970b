//! Broken and hostile project files: each is refused with its own clear message, none is ever
//! written to by loading, and files over the size limit are refused before being read.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use std::path::{Path, PathBuf};

use sitrep::io::{LoadError, MAX_FILE_BYTES, load_project};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("hostile")
}

/// The table of `file<TAB>expected fragment` rows.
fn expectations() -> Vec<(String, String)> {
    let table = std::fs::read_to_string(corpus_dir().join("expected.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, fragment) = l.split_once('\t').expect("file<TAB>fragment");
            (file.to_owned(), fragment.to_owned())
        })
        .collect()
}

#[test]
fn the_base_of_the_corpus_is_valid() {
    // Every hostile file is a variant of this one, so each refusal is due to its one change.
    load_project(&corpus_dir().join("valid-base.json")).unwrap();
}

#[test]
fn every_hostile_file_is_refused_with_its_own_message() {
    let rows = expectations();
    assert!(rows.len() >= 40, "the corpus has only {} files", rows.len());
    let mut failures = Vec::new();
    for (file, fragment) in &rows {
        let path = corpus_dir().join(file);
        match load_project(&path) {
            Ok(_) => failures.push(format!("{file}: loaded, but must be refused")),
            Err(err) => {
                let msg = err.to_string();
                if !msg.contains(fragment.as_str()) {
                    failures.push(format!("{file}: {msg:?} lacks {fragment:?}"));
                }
                if !msg.contains(file.as_str()) {
                    failures.push(format!("{file}: the message does not name the file: {msg}"));
                }
            }
        }
    }
    // Every file of the folder is in the table.
    for name in common::list_dir(&corpus_dir()) {
        if name.ends_with(".sitrep") && !rows.iter().any(|(f, _)| *f == name) {
            failures.push(format!("{name}: not listed in expected.tsv"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn loading_never_writes_to_a_file_that_failed() {
    let dir = tempfile::tempdir().unwrap();
    for (file, _) in expectations() {
        let path = dir.path().join(&file);
        std::fs::copy(corpus_dir().join(&file), &path).unwrap();
    }
    let before: Vec<(String, Vec<u8>, std::time::SystemTime)> = common::list_dir(dir.path())
        .into_iter()
        .map(|n| {
            let p = dir.path().join(&n);
            let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
            (n, std::fs::read(&p).unwrap(), modified)
        })
        .collect();
    for (name, _, _) in &before {
        assert!(load_project(&dir.path().join(name)).is_err());
    }
    let after: Vec<(String, Vec<u8>, std::time::SystemTime)> = common::list_dir(dir.path())
        .into_iter()
        .map(|n| {
            let p = dir.path().join(&n);
            let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
            (n, std::fs::read(&p).unwrap(), modified)
        })
        .collect();
    // Same names (no backup, temp or lock files), same bytes, same modification times.
    assert_eq!(before, after);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.sitrep");
    // A sparse file: 256 MB + 1 byte on paper, nothing on disk, and never read.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let err = load_project(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("256 MB"), "{msg}");
    assert!(msg.contains("huge.sitrep"), "{msg}");
    assert!(msg.contains(&(MAX_FILE_BYTES + 1).to_string()), "{msg}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1);
}

#[test]
fn a_folder_is_refused_as_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_project(dir.path()).unwrap_err();
    assert!(err.to_string().contains("it is a folder"), "{err}");
}
