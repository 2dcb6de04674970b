//! Recovery files: unsaved work written to the recovery folder, found again after a "crash",
//! and removed after a save or a discard, without ever touching the project file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use common::{find, list_dir, sample_project};
use sitrep::io::recovery::{Counts, RecoveryStore, recovery_file_name};
use sitrep::io::{load_project, save_project};
use sitrep::model::{Edit, Incident};

/// Unsaved edits made on top of a saved project: one more annotation, one more incident.
fn edit_without_saving(p: &mut sitrep::model::Project) {
    let text = p.articles[0].text.clone();
    let ann = p
        .make_annotation("art-1", find(&text, "aircraft"), "actor")
        .unwrap();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    let inc = Incident::new("inc-2", "Second strike");
    p.apply(Edit::InsertIncident {
        index: 1,
        incident: inc,
    })
    .unwrap();
}

#[test]
fn unsaved_work_is_found_after_a_crash_and_gone_after_save() {
    let project_dir = tempfile::tempdir().unwrap();
    let store_dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::at(store_dir.path().join("recovery"));
    let path = project_dir.path().join("convoy.sitrep");

    // Session 1: open a saved project, edit, autosave writes a recovery, then the app dies.
    let saved = sample_project("convoy");
    save_project(&path, &saved).unwrap();
    let saved_bytes = std::fs::read(&path).unwrap();
    let saved_modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut working = load_project(&path).unwrap();
    edit_without_saving(&mut working);
    let written = store.write(Some(&path), &working).unwrap();
    assert!(
        written
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("recovery")
    );
    drop(working);

    // The project file and its folder are untouched.
    assert_eq!(std::fs::read(&path).unwrap(), saved_bytes);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        saved_modified
    );
    assert_eq!(list_dir(project_dir.path()), ["convoy.sitrep"]);

    // Session 2: the recovery is offered, with what differs.
    let found = store.find(Some(&path)).unwrap().expect("recovery offered");
    assert_eq!(found.recovered.annotations, 3);
    assert_eq!(found.recovered.incidents, 2);
    assert_eq!(
        found.saved,
        Some(Counts {
            articles: 1,
            annotations: 2,
            orphans: 0,
            entities: 1,
            incidents: 1
        })
    );
    let summary = found.summary();
    assert!(
        summary.contains("annotations: 2 saved, 3 in recovery"),
        "{summary}"
    );
    assert!(
        summary.contains("incidents: 1 saved, 2 in recovery"),
        "{summary}"
    );
    assert!(!found.same_as_saved);
    let mut expected = saved.clone();
    edit_without_saving(&mut expected);
    assert_eq!(found.project, expected, "the recovery holds the edits");
    assert_eq!(store.list().len(), 1);

    // Restore, save, and the recovery is removed.
    save_project(&path, &found.project).unwrap();
    store.discard(Some(&path)).unwrap();
    assert!(store.find(Some(&path)).unwrap().is_none());
    assert_eq!(load_project(&path).unwrap(), expected);
    assert!(store.list().is_empty());
}

#[test]
fn untitled_projects_have_their_own_recovery() {
    let store_dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::at(store_dir.path());
    let p = sample_project("untitled work");
    let written = store.write(None, &p).unwrap();
    assert_eq!(
        written.file_name().unwrap().to_string_lossy(),
        format!("recovery-untitled-{}.json", std::process::id())
    );
    let found = store.find(None).unwrap().unwrap();
    assert_eq!(found.project, p);
    assert_eq!(found.saved, None);
    assert!(
        found.summary().contains("2 annotations"),
        "{}",
        found.summary()
    );
    store.discard(None).unwrap();
    store.discard(None).unwrap(); // discarding twice is fine
    assert_eq!(list_dir(store_dir.path()), Vec::<String>::new());
}

#[test]
fn recovery_names_are_stable_and_distinct_per_path() {
    let a = std::path::Path::new("/data/cases/convoy.sitrep");
    let b = std::path::Path::new("/data/other/convoy.sitrep");
    assert_eq!(recovery_file_name(Some(a)), recovery_file_name(Some(a)));
    assert_ne!(recovery_file_name(Some(a)), recovery_file_name(Some(b)));
    let name = recovery_file_name(Some(a));
    assert!(
        name.starts_with("recovery-convoy-") && name.ends_with(".json"),
        "{name}"
    );
    // Fixed value: a change of hash would orphan every user's recovery files.
    assert_eq!(name, "recovery-convoy-2757115956471c14.json");
}

#[test]
fn a_damaged_recovery_is_reported_not_hidden() {
    let store_dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::at(store_dir.path());
    std::fs::write(store.file_for(None), b"{\"format\": \"sitrep/recov").unwrap();
    let err = store.find(None).unwrap_err();
    assert!(err.to_string().contains("cannot be used"), "{err}");
    assert_eq!(store.list().len(), 1);
    assert!(store.list()[0].is_err());
}

#[test]
fn the_default_location_follows_the_environment() {
    // Only reads the environment; the variables are not changed (tests run in parallel).
    let store = RecoveryStore::default_location();
    if let Ok(dir) = std::env::var("SITREP_RECOVERY_DIR") {
        assert_eq!(store.unwrap().dir(), std::path::Path::new(&dir));
    } else if let Ok(store) = store {
        assert!(
            store.dir().ends_with("sitrep/recovery"),
            "{:?}",
            store.dir()
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn untitled_copies_of_running_windows_are_left_alone_and_a_crashed_ones_is_adopted() {
    let store_dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::at(store_dir.path());
    // Another window that is still running (our parent process) has untitled work...
    let live = sample_project("another window's work");
    let live_file = store_dir.path().join(format!(
        "recovery-untitled-{}.json",
        std::os::unix::process::parent_id()
    ));
    std::fs::rename(store.write(None, &live).unwrap(), &live_file).unwrap();
    assert!(
        store.find(None).unwrap().is_none(),
        "a live window's copy is not ours"
    );
    // ...and one that crashed (no process has this id: it is above Linux's pid limit) left some.
    let lost = sample_project("crashed window's work");
    let lost_file = store_dir.path().join("recovery-untitled-4999999.json");
    std::fs::rename(store.write(None, &lost).unwrap(), &lost_file).unwrap();
    let found = store
        .find(None)
        .unwrap()
        .expect("the crashed window's copy");
    assert_eq!(found.project, lost);
    assert_eq!(found.path, lost_file);
    // Restoring makes it this process's copy; the live window's copy is untouched.
    store.adopt(&found.path, None).unwrap();
    assert!(!lost_file.exists());
    assert_eq!(
        store.find(None).unwrap().unwrap().path,
        store.file_for(None)
    );
    assert!(live_file.exists());
    store.remove(&store.file_for(None)).unwrap();
    store.remove(&store.file_for(None)).unwrap(); // removing twice is fine
    assert!(store.find(None).unwrap().is_none());
}
