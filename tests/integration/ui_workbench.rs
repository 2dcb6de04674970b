//! The workbench driven headless through egui_kittest: real app, real widgets, no GPU.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, CharSpan, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::Action;
use sitrep::workbench::dialogs::ScriptedDialogs;

const TEXT: &str = "Residents 😀 of Husaybah heard 👧🏽 explosions near the Qa’im crossing.\n\nThe Levant Monitoring Network said the coalition was behind it.";

fn project() -> Project {
    let mut p = Project::new("UI test");
    p.articles
        .push(Article::new("art-1", "Border report", TEXT));
    p
}

fn harness(app: SitrepApp) -> Harness<'static, SitrepApp> {
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h
}

fn app() -> SitrepApp {
    SitrepApp::new(project(), None, Box::new(ScriptedDialogs::default()))
}

/// Char span of the first occurrence of `word` in the article text.
fn span_of(word: &str) -> CharSpan {
    let byte = TEXT.find(word).expect("word in text");
    let start = TEXT[..byte].chars().count();
    CharSpan::new(start, start + word.chars().count())
}

/// Screen rectangle of a char span, from the laid-out text.
fn rect_of(h: &Harness<'_, SitrepApp>, span: CharSpan) -> Rect {
    let rects = h.state().article_view().screen_rects(span);
    assert!(!rects.is_empty(), "span {span} not laid out");
    rects[0]
}

/// Drag from `from` to `to` in small steps, as a mouse would.
fn drag(h: &mut Harness<'_, SitrepApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.hover_at(from);
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.step();
    for i in 1..=4 {
        let t = i as f32 / 4.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.step();
    h.run_steps(2);
}

fn press(h: &mut Harness<'_, SitrepApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

#[test]
fn drag_across_a_word_then_a_tags_it_with_exact_char_offsets() {
    let mut h = harness(app());
    let word = span_of("Husaybah");
    assert_eq!(
        word,
        CharSpan::new(15, 23),
        "emoji before the word count as one char each"
    );
    let r = rect_of(&h, word);
    // From inside the first letter to inside the last: snapping takes the whole word.
    drag(
        &mut h,
        r.left_center() + egui::vec2(3.0, 0.0),
        r.right_center() - egui::vec2(3.0, 0.0),
        Modifiers::NONE,
    );
    assert_eq!(h.state().workbench().view().selection.span, Some(word));
    press(&mut h, Key::A);
    let p = &h.state().workbench().project();
    assert_eq!(p.annotations.len(), 1);
    let ann = &p.annotations[0];
    assert_eq!(
        (ann.tag.as_str(), ann.start.0, ann.end.0, ann.exact.as_str()),
        ("actor", 15, 23, "Husaybah")
    );
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(ann.id.as_str())
    );
}

#[test]
fn alt_drag_keeps_exact_chars_and_plain_drag_snaps() {
    let mut h = harness(app());
    let word = span_of("Husaybah");
    let r = rect_of(&h, word);
    let from = r.left_center() + egui::vec2(r.width() * 0.3, 0.0);
    let to = r.right_center() - egui::vec2(r.width() * 0.2, 0.0);
    // Alt held: the selection is exactly what the pointer covered, inside the word.
    h.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    drag(&mut h, from, to, Modifiers::ALT);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    let exact = h
        .state()
        .workbench()
        .view()
        .selection
        .span
        .expect("a selection");
    assert!(
        exact.start > word.start && exact.end < word.end,
        "{exact} inside {word}"
    );
    // Plain drag over the same stretch: the whole word.
    drag(&mut h, from, to, Modifiers::NONE);
    assert_eq!(h.state().workbench().view().selection.span, Some(word));
}

#[test]
fn find_enter_escape_then_l_tags_the_match_and_undo_redo_work() {
    let mut h = harness(app());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    assert!(h.state().workbench().view().find.open);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find:")
        .type_text("qa’im crossing");
    h.run_steps(2);
    press(&mut h, Key::Enter);
    let want = span_of("Qa’im crossing");
    assert_eq!(h.state().workbench().view().selection.span, Some(want));
    press(&mut h, Key::Escape);
    assert!(!h.state().workbench().view().find.open);
    assert_eq!(
        h.state().workbench().view().selection.span,
        Some(want),
        "Escape keeps the match selected"
    );
    press(&mut h, Key::L);
    let p = &h.state().workbench().project();
    assert_eq!(p.annotations.len(), 1);
    assert_eq!(p.annotations[0].tag, "location");
    assert_eq!(p.annotations[0].span(), want);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().workbench().project().annotations.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workbench().project().annotations.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().workbench().project().annotations[0].span(), want);
}

/// Tag `word` with `tag` through the model (setup for tests about existing highlights).
fn tag_word(app: &mut SitrepApp, word: &str, tag: &str) -> String {
    let mut scratch = app.workbench().project().clone();
    let ann = scratch
        .make_annotation("art-1", span_of(word), tag)
        .expect("span on text");
    let id = ann.id.clone();
    app.run(Action::Edit {
        edit: Box::new(sitrep::model::Edit::InsertAnnotation(ann)),
        burst: None,
    });
    assert!(app.workbench().project().annotation(&id).is_some());
    id
}

fn click(h: &mut Harness<'_, SitrepApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    h.drag_at(pos);
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
}

#[test]
fn click_a_highlight_then_delete_and_retag_by_key() {
    let mut a = app();
    let husaybah = tag_word(&mut a, "Husaybah", "actor");
    let network = tag_word(&mut a, "The Levant Monitoring Network", "actor");
    let mut h = harness(a);
    let r = rect_of(&h, span_of("Husaybah"));
    click(&mut h, r.center());
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(husaybah.as_str())
    );
    press(&mut h, Key::L);
    assert_eq!(
        h.state()
            .workbench()
            .project()
            .annotation(&husaybah)
            .unwrap()
            .tag,
        "location"
    );
    let r = rect_of(&h, span_of("Monitoring"));
    click(&mut h, r.center());
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(network.as_str())
    );
    press(&mut h, Key::Delete);
    assert!(
        h.state()
            .workbench()
            .project()
            .annotation(&network)
            .is_none()
    );
    assert!(
        h.state()
            .workbench()
            .project()
            .annotation(&husaybah)
            .is_some()
    );
}

#[test]
fn overlapping_spans_click_picks_the_innermost() {
    let mut a = app();
    let claim = tag_word(
        &mut a,
        "The Levant Monitoring Network said the coalition was behind it",
        "claim",
    );
    let actor = tag_word(&mut a, "The Levant Monitoring Network", "actor");
    let coalition = tag_word(&mut a, "coalition", "actor");
    let mut h = harness(a);
    let r = rect_of(&h, span_of("Levant"));
    click(&mut h, r.center());
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(actor.as_str())
    );
    let r = rect_of(&h, span_of("coalition"));
    click(&mut h, r.center());
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(coalition.as_str())
    );
    let r = rect_of(&h, span_of("behind"));
    click(&mut h, r.center());
    assert_eq!(
        h.state().workbench().view().selected_annotation.as_deref(),
        Some(claim.as_str())
    );
}

#[test]
fn editing_a_note_is_one_undo_step() {
    let mut a = app();
    let id = tag_word(&mut a, "Husaybah", "location");
    a.workbench_mut().view_mut().selected_annotation = Some(id.clone());
    let mut h = harness(a);
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note")
        .focus();
    h.run_steps(2);
    for word in ["town ", "on the ", "border"] {
        h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note")
            .type_text(word);
        h.run_steps(1);
    }
    assert_eq!(
        h.state()
            .workbench()
            .project()
            .annotation(&id)
            .unwrap()
            .note,
        "town on the border"
    );
    // Leave the field, then undo: the whole burst goes at once.
    press(&mut h, Key::Escape);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state()
            .workbench()
            .project()
            .annotation(&id)
            .unwrap()
            .note,
        ""
    );
    assert_eq!(
        h.state().workbench().project().annotations.len(),
        1,
        "only the note was undone"
    );
}

#[test]
fn save_through_the_dialog_reload_and_compare_and_the_unsaved_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.sitrep");
    let dialogs = ScriptedDialogs {
        save: vec![path.clone()],
        ..Default::default()
    };
    let mut a = SitrepApp::new(project(), None, Box::new(dialogs));
    tag_word(&mut a, "Husaybah", "location");
    let mut h = harness(a);
    assert!(
        h.state().workbench().title().contains('•'),
        "unsaved changes show in the title"
    );
    // Ctrl+N with unsaved changes asks first.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(matches!(
        h.state().workbench().prompt(),
        Some(sitrep::workbench::Prompt::Unsaved { .. })
    ));
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().workbench().prompt().is_none());
    assert_eq!(
        h.state().workbench().project().annotations.len(),
        1,
        "cancel keeps the project"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!h.state().workbench().title().contains('•'));
    let loaded = sitrep::io::load_project(&path).expect("saved file loads");
    assert_eq!(&loaded, h.state().workbench().project());
    // Now a new project needs no prompt.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(h.state().workbench().prompt().is_none());
    assert!(h.state().workbench().project().articles.is_empty());
}

#[test]
fn find_again_replaces_the_last_search_instead_of_appending_to_it() {
    let mut h = harness(app());
    for word in ["Husaybah", "crossing"] {
        h.key_press_modifiers(Modifiers::COMMAND, Key::F);
        h.run_steps(2);
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find:")
            .type_text(word);
        h.run_steps(2);
        press(&mut h, Key::Enter);
        assert_eq!(h.state().workbench().view().find.query, word);
        assert_eq!(
            h.state().workbench().view().selection.span,
            Some(span_of(word))
        );
        press(&mut h, Key::Escape);
    }
}
