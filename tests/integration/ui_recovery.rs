//! Crash recovery through the real app: unsaved edits reach a recovery copy, a new app over
//! the same file offers them back, and after restoring and saving the copy is gone.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::io::RecoveryStore;
use sitrep::model::{Article, CharSpan, Edit, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::autosave::Autosave;
use sitrep::workbench::dialogs::ScriptedDialogs;
use sitrep::workbench::{Action, Prompt};

fn harness(app: SitrepApp) -> Harness<'static, SitrepApp> {
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(2);
    h
}

#[test]
fn unsaved_edits_survive_a_dropped_app_and_are_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let recovery_dir = dir.path().join("recovery");
    let path = dir.path().join("work.sitrep");
    let mut p = Project::new("work");
    p.articles.push(Article::new(
        "art-1",
        "A",
        "Shelling hit Tafas twice during the talks.",
    ));
    sitrep::io::save_project(&path, &p).unwrap();
    let saved_bytes = std::fs::read(&path).unwrap();

    // First run: open, tag, never save; the app is dropped as a crash would.
    {
        let mut app = SitrepApp::new(
            Project::new("x"),
            None,
            Box::new(ScriptedDialogs::default()),
        );
        app.workbench_mut()
            .set_autosave(Autosave::new(RecoveryStore::at(&recovery_dir)));
        app.run(Action::OpenPath(path.clone()));
        app.workbench_mut().finish_work();
        let mut scratch = app.workbench().project().clone();
        let ann = scratch
            .make_annotation("art-1", CharSpan::new(13, 18), "location")
            .unwrap();
        app.run(Action::Edit {
            edit: Box::new(Edit::InsertAnnotation(ann)),
            burst: None,
        });
        assert_eq!(app.workbench().project().annotations.len(), 1);
        let mut h = harness(app);
        // The copy is written off the UI thread once the quiet time has passed; write it now
        // the same way the timer would, so the test needs no sleeping.
        h.state_mut().workbench_mut().write_recovery_now();
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        saved_bytes,
        "the user's file is untouched"
    );

    // Second run: the recovery is offered with what differs.
    let mut app = SitrepApp::new(
        Project::new("x"),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    app.workbench_mut()
        .set_autosave(Autosave::new(RecoveryStore::at(&recovery_dir)));
    app.run(Action::OpenPath(path.clone()));
    app.workbench_mut().finish_work();
    let Some(Prompt::Restore { summary, .. }) = app.workbench().prompt().cloned() else {
        panic!("no restore offer: {:?}", app.workbench().prompt());
    };
    assert!(
        summary.contains("annotations: 0 saved, 1 in recovery"),
        "{summary}"
    );
    let mut h = harness(app);
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert_eq!(h.state().workbench().project().annotations.len(), 1);
    assert_eq!(
        h.state().workbench().project().annotations[0].exact,
        "Tafas"
    );
    assert!(
        h.state().workbench().doc().is_dirty(),
        "restored work is unsaved until saved"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run_steps(2);
    assert!(!h.state().workbench().doc().is_dirty());
    let store = RecoveryStore::at(&recovery_dir);
    assert!(
        store.find(Some(&path)).unwrap().is_none(),
        "the recovery copy is gone after saving"
    );
    assert_eq!(
        sitrep::io::load_project(&path).unwrap().annotations.len(),
        1
    );
}

#[test]
fn the_background_autosave_writes_a_copy_after_quiet_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = RecoveryStore::at(dir.path());
    let mut autosave = Autosave::new(store.clone());
    let mut p = Project::new("p");
    p.articles.push(Article::new("art-1", "A", "text"));
    // A change is seen; too soon to write.
    let t0 = std::time::Instant::now();
    assert!(autosave.tick_at(t0, 1, true, None, &p).is_some());
    assert!(store.find(None).unwrap().is_none());
    // A clean document is never written.
    let mut clean = Autosave::new(store.clone());
    assert!(clean.tick_at(t0, 1, false, None, &p).is_none());
    // Once the quiet time has passed, a background write starts; flush waits for it.
    let later = t0 + sitrep::workbench::autosave::QUIET;
    assert!(autosave.tick_at(later, 1, true, None, &p).is_none());
    autosave.flush();
    let found = store.find(None).unwrap().expect("a recovery copy");
    assert_eq!(found.project, p);
}
