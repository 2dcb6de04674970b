//! Who made and changed what: the analyst stamped on annotations, entities and incidents, ids
//! that two copies coded apart never share, and the analyst setting in the window and on the
//! command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::io::{load_project, save_project};
use sitrep::model::{Article, CharSpan, Edit, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::ScriptedDialogs;
use sitrep::workbench::settings::Settings;
use sitrep::workbench::{Action, Command as WbCommand, Prompt, Workbench};

const TEXT: &str = "Drones struck Husaybah at dawn. Residents of Husaybah said the Levant \
                    Monitoring Network blamed saboteurs for the blast in Husaybah.";

fn project() -> Project {
    let mut p = Project::new("Provenance");
    p.articles.push(Article::new("art-1", "Strike", TEXT));
    p
}

fn sitrep(args: &[&str], analyst_env: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.args(args).env_remove("SITREP_ANALYST");
    if let Some(name) = analyst_env {
        cmd.env("SITREP_ANALYST", name);
    }
    cmd.output().expect("the binary runs")
}

fn saved(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    save_project(&path, &project()).expect("saved");
    path.to_string_lossy().into_owned()
}

#[test]
fn the_cli_stamps_the_analyst_from_the_flag_or_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let p = saved(dir.path(), "p.sitrep");
    let o = sitrep(
        &[
            "tag",
            &p,
            "--tag",
            "location",
            "--match",
            "Husaybah",
            "--analyst",
            "Maya Haddad",
        ],
        Some("Someone Else"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = load_project(Path::new(&p)).unwrap();
    assert_eq!(after.annotations.len(), 3);
    for a in &after.annotations {
        assert_eq!(
            a.created_by.as_deref(),
            Some("Maya Haddad"),
            "the flag wins"
        );
        assert!(a.id.starts_with("ann-mayahaddad-"), "{}", a.id);
    }

    let o = sitrep(
        &["tag", &p, "--tag", "actor", "--match", "Drones"],
        Some("Omar"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = load_project(Path::new(&p)).unwrap();
    let drones = after.annotations.iter().find(|a| a.tag == "actor").unwrap();
    assert_eq!(drones.created_by.as_deref(), Some("Omar"));
    assert_eq!(drones.id, "ann-omar-1");

    let o = sitrep(&["tag", &p, "--tag", "actor", "--match", "Residents"], None);
    assert!(o.status.success());
    let after = load_project(Path::new(&p)).unwrap();
    let residents = after
        .annotations
        .iter()
        .find(|a| a.exact == "Residents")
        .unwrap();
    assert_eq!(
        residents.created_by, None,
        "no analyst named, none recorded"
    );
    assert_eq!(residents.id, "ann-1", "plain ids as before");
}

#[test]
fn two_copies_tagged_apart_by_two_analysts_share_no_new_id() {
    let dir = tempfile::tempdir().unwrap();
    let a = saved(dir.path(), "a.sitrep");
    let b = saved(dir.path(), "b.sitrep");
    for (file, who) in [(&a, "Maya"), (&b, "Omar")] {
        for word in ["Husaybah", "Drones"] {
            let o = sitrep(
                &["tag", file, "--tag", "location", "--match", word],
                Some(who),
            );
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
    }
    let ids = |path: &str| -> HashSet<String> {
        load_project(Path::new(path))
            .unwrap()
            .annotations
            .into_iter()
            .map(|a| a.id)
            .collect()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert_eq!(ia.len(), 4);
    assert_eq!(ib.len(), 4);
    assert!(ia.is_disjoint(&ib), "{ia:?} and {ib:?} share ids");
}

#[test]
fn files_without_provenance_load_and_keep_none() {
    // A file as an older Sitrep (or another tool) wrote it: the same project with every
    // provenance field taken out.
    let mut p = project();
    p.analyst = Some("Maya".into());
    let ann = p
        .make_annotation("art-1", CharSpan::new(14, 22), "location")
        .unwrap();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: sitrep::model::Entity::new("ent-1", "location", "Husaybah"),
    })
    .unwrap();
    let mut value = serde_json::to_value(&p).unwrap();
    for list in ["annotations", "entities"] {
        for item in value[list].as_array_mut().unwrap() {
            let object = item.as_object_mut().unwrap();
            assert!(object.contains_key("created_by"), "{list} were stamped");
            object.remove("created_by");
            if list == "entities" {
                object.remove("created");
            }
        }
    }
    let bytes = serde_json::to_vec(&value).unwrap();
    let old = sitrep::io::parse_project(&bytes).expect("an old file loads");
    assert_eq!(old.annotations[0].created_by, None);
    assert_eq!(old.annotations[0].modified, None);
    assert_eq!(old.entities[0].created, None);
    assert!(sitrep::model::validate(&old).is_empty());
    let written = String::from_utf8(sitrep::io::project_to_bytes(&old).unwrap()).unwrap();
    assert!(
        !written.contains("created_by") && !written.contains("modified_by"),
        "absent stamps are not written as nulls"
    );
}

#[test]
fn a_workbench_edit_records_the_analyst_and_undo_takes_the_stamp_back() {
    let mut wb = Workbench::new(project(), None);
    let settings = Settings {
        analyst: Some("Maya".into()),
        ..Settings::default()
    };
    wb.set_settings(settings);
    let mut dialogs = ScriptedDialogs::default();
    wb.view_mut().selection.set(CharSpan::new(14, 22));
    wb.run(Action::TagSelection("location".into()), &mut dialogs);
    let ann = wb.project().annotations[0].clone();
    assert_eq!(ann.exact, "Husaybah");
    assert_eq!(ann.created_by.as_deref(), Some("Maya"));
    assert!(ann.id.starts_with("ann-maya-"), "{}", ann.id);

    wb.run(Action::NewIncident(vec![ann.id.clone()]), &mut dialogs);
    let inc = wb.project().incidents[0].clone();
    assert_eq!(inc.created_by.as_deref(), Some("Maya"));
    assert!(inc.id.starts_with("inc-maya-"), "{}", inc.id);
    assert!(inc.created.is_some());
    assert_eq!(inc.modified, None);

    let mut retitled = inc.clone();
    retitled.title = "Drone strike on Husaybah".into();
    wb.run(
        Action::Edit {
            edit: Box::new(Edit::UpdateIncident(retitled)),
            burst: None,
        },
        &mut dialogs,
    );
    let now = &wb.project().incidents[0];
    assert_eq!(now.modified_by.as_deref(), Some("Maya"));
    assert!(now.modified.is_some());
    wb.run(Action::Run(WbCommand::Undo), &mut dialogs);
    assert_eq!(
        wb.project().incidents[0],
        inc,
        "undo restores title and stamps"
    );
}

fn harness(app: SitrepApp) -> Harness<'static, SitrepApp> {
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn the_window_asks_for_the_analyst_once_and_view_menu_changes_it() {
    let mut app = SitrepApp::new(project(), None, Box::new(ScriptedDialogs::default()));
    app.workbench_mut().ask_analyst_if_unknown();
    let mut h = harness(app);
    assert!(matches!(
        h.state().workbench().prompt(),
        Some(Prompt::Analyst { .. })
    ));
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Name:")
        .type_text("Maya Haddad");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let wb = h.state().workbench();
    assert!(wb.prompt().is_none(), "Enter closes the dialog");
    assert_eq!(wb.settings().analyst.as_deref(), Some("Maya Haddad"));
    assert_eq!(wb.project().analyst.as_deref(), Some("Maya Haddad"));
    assert!(
        wb.status().text.contains("ann-mayahaddad"),
        "{}",
        wb.status().text
    );

    // Known now: not asked again.
    h.state_mut().workbench_mut().ask_analyst_if_unknown();
    h.run_steps(2);
    assert!(h.state().workbench().prompt().is_none());

    // View → Analyst… offers the current name to change.
    h.state_mut().run(Action::Run(WbCommand::SetAnalyst));
    h.run_steps(2);
    match h.state().workbench().prompt() {
        Some(Prompt::Analyst { name }) => assert_eq!(name, "Maya Haddad"),
        other => panic!("expected the analyst dialog, got {other:?}"),
    }
    h.get_by_label("Later").click();
    h.run_steps(2);
    assert!(h.state().workbench().prompt().is_none());
    assert_eq!(
        h.state().workbench().settings().analyst.as_deref(),
        Some("Maya Haddad"),
        "Later keeps the name"
    );
}
