//! Merge conflicts in the window: listed with both values, settled with Take theirs or Keep
//! mine through the real app, one undo step each.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, CharSpan, Extra, MergeConflict, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::ScriptedDialogs;

const TEXT: &str = "Drones struck Husaybah at dawn, residents said.";

/// A project as the merge driver leaves it: our note on the annotation, and two conflicts
/// (their note, their entity name).
fn merged() -> Project {
    let mut p = Project::new("Merged");
    p.articles.push(Article::new("art-1", "Strike", TEXT));
    let mut ann = p
        .make_annotation("art-1", CharSpan::new(14, 22), "location")
        .unwrap();
    ann.note = "town centre".into();
    p.annotations.push(ann);
    p.entities
        .push(sitrep::model::Entity::new("ent-1", "location", "Abu Kamal"));
    for (item, id, field, ours, theirs) in [
        ("annotation", "ann-1", "note", "town centre", "outskirts"),
        ("entity", "ent-1", "name", "Abu Kamal", "Al-Bukamal"),
    ] {
        p.conflicts.push(MergeConflict {
            item: item.into(),
            id: id.into(),
            field: field.into(),
            base: "".into(),
            ours: ours.into(),
            theirs: theirs.into(),
            extra: Extra::new(),
        });
    }
    assert!(sitrep::model::validate(&p).is_empty());
    p
}

fn harness() -> Harness<'static, SitrepApp> {
    let app = SitrepApp::new(merged(), None, Box::new(ScriptedDialogs::default()));
    let mut h = Harness::builder()
        .with_size([1300.0, 850.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h
}

#[test]
fn take_theirs_and_keep_mine_settle_conflicts_one_undo_step_each() {
    let mut h = harness();
    h.get_by_label("2 merge conflicts to settle");
    h.get_by_label("theirs: “outskirts”");
    h.get_by_label("ours: “Abu Kamal”");

    // The first conflict's Take theirs: the annotation's note becomes theirs.
    h.get_all_by_label("Take theirs").next().unwrap().click();
    h.run_steps(3);
    let p = h.state().workbench().project();
    assert_eq!(p.annotation("ann-1").unwrap().note, "outskirts");
    assert_eq!(p.conflicts.len(), 1);
    assert_eq!(p.conflicts[0].item, "entity");

    // Keep mine on the other: the name stays ours, the list empties.
    h.get_by_label("Keep mine").click();
    h.run_steps(3);
    let p = h.state().workbench().project();
    assert_eq!(p.entity("ent-1").unwrap().name, "Abu Kamal");
    assert!(p.conflicts.is_empty());
    assert!(
        h.query_by_label("Take theirs").is_none(),
        "nothing left to settle"
    );

    // Each was one step: two undos bring both conflicts and our note back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workbench().project().conflicts.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let p = h.state().workbench().project();
    assert_eq!(p, &merged_with_stamps_of(p));
    assert_eq!(p.annotation("ann-1").unwrap().note, "town centre");
    assert_eq!(p.conflicts.len(), 2);
}

/// `merged()` with the timestamps of `p` (the annotation's `created` is made afresh each time).
fn merged_with_stamps_of(p: &Project) -> Project {
    let mut m = merged();
    m.created = p.created;
    m.modified = p.modified;
    m.annotations[0].created = p.annotations[0].created;
    m
}
