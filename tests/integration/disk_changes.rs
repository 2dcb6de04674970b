//! The project file changing under an open window (a `git pull`, a merge, another program):
//! a clean document reloads, unsaved work is merged three-way with the change, the same field
//! changed both ways is a conflict, and a save never replaces a file that changed since it was
//! read.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::path::{Path, PathBuf};

use sitrep::io::{load_project, save_project};
use sitrep::model::{Article, CharSpan, Edit, Project};
use sitrep::workbench::dialogs::ScriptedDialogs;
use sitrep::workbench::{Action, Prompt, Workbench};

const TEXT: &str = "Drones struck Sarmada and Husaybah at dawn, residents of Qaim said.";

fn span(word: &str) -> CharSpan {
    let start = TEXT.find(word).unwrap();
    CharSpan::new(start, start + word.len())
}

/// A saved project with one annotation (`ann-1` on Sarmada), open in a workbench.
fn open(dir: &Path) -> (Workbench, PathBuf) {
    let mut p = Project::new("Watched");
    p.articles.push(Article::new("art-1", "Strike", TEXT));
    let ann = p
        .make_annotation("art-1", span("Sarmada"), "location")
        .unwrap();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    let path = dir.join("p.sitrep");
    save_project(&path, &p).unwrap();
    let mut wb = Workbench::new(Project::new("empty"), None);
    wb.open_path(&path, &mut ScriptedDialogs::default());
    // The file is read on a thread of its own; wait for it as the window would.
    wb.finish_work();
    assert_eq!(wb.project().annotations.len(), 1);
    (wb, path)
}

/// Another program changes the file: loads it, changes it, writes it whole.
fn change_on_disk(path: &Path, change: impl FnOnce(&mut Project)) {
    let mut p = load_project(path).unwrap();
    change(&mut p);
    save_project(path, &p).unwrap();
}

fn tag_in_window(wb: &mut Workbench, word: &str) {
    wb.view_mut().selection.set(span(word));
    wb.run(
        Action::TagSelection("location".into()),
        &mut ScriptedDialogs::default(),
    );
}

fn tag_on_disk(p: &mut Project, word: &str) {
    let mut ann = p.make_annotation("art-1", span(word), "location").unwrap();
    ann.id = format!("ann-disk-{word}");
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
}

#[test]
fn a_clean_document_reloads_the_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut wb, path) = open(dir.path());
    assert!(!wb.check_disk(), "nothing changed yet");
    change_on_disk(&path, |p| tag_on_disk(p, "Qaim"));
    assert!(wb.check_disk());
    assert_eq!(wb.project().annotations.len(), 2);
    assert!(!wb.doc().is_dirty(), "it matches the file");
    assert!(
        wb.status().text.contains("reloaded"),
        "{}",
        wb.status().text
    );
    assert!(!wb.check_disk(), "seen once");
}

#[test]
fn unsaved_work_is_merged_with_the_change_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (mut wb, path) = open(dir.path());
    tag_in_window(&mut wb, "Husaybah");
    change_on_disk(&path, |p| tag_on_disk(p, "Qaim"));
    assert!(wb.check_disk());
    let exact: Vec<&str> = wb
        .project()
        .annotations
        .iter()
        .map(|a| a.exact.as_str())
        .collect();
    for word in ["Sarmada", "Husaybah", "Qaim"] {
        assert!(exact.contains(&word), "{word} kept: {exact:?}");
    }
    assert!(wb.project().conflicts.is_empty());
    assert!(wb.doc().is_dirty(), "the merge is not on disk yet");
    assert!(
        matches!(wb.prompt(), Some(Prompt::Error { title, .. }) if title.contains("changed on disk"))
    );
    assert!(wb.save_to(&path), "the merge saves");
    let saved = load_project(&path).unwrap();
    assert_eq!(saved.annotations.len(), 3);
}

#[test]
fn the_same_field_changed_both_ways_is_listed_as_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (mut wb, path) = open(dir.path());
    let mut ours = wb.project().annotations[0].clone();
    let id = ours.id.clone();
    ours.note = "ours".into();
    wb.run(
        Action::Edit {
            edit: Box::new(Edit::UpdateAnnotation(ours)),
            burst: None,
        },
        &mut ScriptedDialogs::default(),
    );
    change_on_disk(&path, |p| {
        let mut theirs = p.annotations[0].clone();
        theirs.note = "theirs".into();
        p.apply(Edit::UpdateAnnotation(theirs)).unwrap();
    });
    assert!(wb.check_disk());
    let p = wb.project();
    assert_eq!(
        p.annotation(&id).unwrap().note,
        "ours",
        "the document holds ours"
    );
    assert_eq!(p.conflicts.len(), 1, "{:?}", p.conflicts);
    let c = &p.conflicts[0];
    assert_eq!(
        (c.item.as_str(), c.id.as_str(), c.field.as_str()),
        ("annotation", id.as_str(), "note")
    );
    assert_eq!(c.theirs, serde_json::json!("theirs"));
}

#[test]
fn a_save_never_replaces_a_file_that_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let (mut wb, path) = open(dir.path());
    tag_in_window(&mut wb, "Husaybah");
    change_on_disk(&path, |p| tag_on_disk(p, "Qaim"));
    // The save finds the change first: nothing is written, the change comes in.
    assert!(!wb.save_to(&path));
    let on_disk = load_project(&path).unwrap();
    assert!(on_disk.annotations.iter().any(|a| a.exact == "Qaim"));
    assert!(!on_disk.annotations.iter().any(|a| a.exact == "Husaybah"));
    // Saved again, it holds both.
    assert!(wb.save_to(&path));
    let on_disk = load_project(&path).unwrap();
    assert_eq!(on_disk.annotations.len(), 3);
}
