//! Moving with the keyboard in the real window: ] and [ step through annotations (on into the
//! next article), Ctrl+] and Ctrl+[ through articles, and Help → Keys lists the key table.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::one_strike;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::ui::SitrepApp;
use sitrep::ui::keys::BINDINGS;

fn harness() -> Harness<'static, SitrepApp> {
    one_strike::window(one_strike::project(), [1400.0, 900.0])
}

fn selected(h: &Harness<'_, SitrepApp>) -> Option<String> {
    let wb = h.state().workbench();
    let id = wb.view().selected_annotation.clone()?;
    Some(wb.project().annotation(&id)?.exact.clone())
}

fn press(h: &mut Harness<'_, SitrepApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

#[test]
fn brackets_step_through_annotations_and_articles() {
    let mut h = harness();
    press(&mut h, Modifiers::NONE, Key::CloseBracket);
    assert_eq!(selected(&h).as_deref(), Some("Husaybah"));
    press(&mut h, Modifiers::NONE, Key::CloseBracket);
    assert_eq!(selected(&h).as_deref(), Some("Northern Front"));
    // The inspector follows.
    h.get_by_label("“Northern Front”");
    press(&mut h, Modifiers::NONE, Key::CloseBracket);
    press(&mut h, Modifiers::NONE, Key::CloseBracket);
    assert_eq!(selected(&h).as_deref(), Some("Husaybah"));
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-2"),
        "past the last annotation, on into the next article"
    );
    press(&mut h, Modifiers::NONE, Key::OpenBracket);
    assert_eq!(selected(&h).as_deref(), Some("Four guards were killed"));
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-1")
    );

    press(&mut h, Modifiers::COMMAND, Key::CloseBracket);
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-2")
    );
    press(&mut h, Modifiers::COMMAND, Key::CloseBracket);
    press(&mut h, Modifiers::COMMAND, Key::CloseBracket);
    press(&mut h, Modifiers::COMMAND, Key::CloseBracket);
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-4")
    );
    assert_eq!(
        h.state().workbench().status().text,
        "This is the last article"
    );
    press(&mut h, Modifiers::COMMAND, Key::OpenBracket);
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-3")
    );
}

#[test]
fn help_keys_lists_every_binding_and_the_tag_keys() {
    let mut h = harness();
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label("Keys").click();
    h.run_steps(3);
    for b in &BINDINGS {
        assert!(
            h.query_all_by_label_contains(b.command.tooltip())
                .next()
                .is_some(),
            "{:?} is not listed",
            b.command
        );
    }
    h.get_by_label("tag the selection as Location");
}
