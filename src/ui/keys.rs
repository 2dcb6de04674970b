//! Every key of the window in one table, and the one function that reads them.
//!
//! Shortcuts with modifiers are matched longest modifier set first, so Ctrl+Shift+S is never
//! taken for Ctrl+S. While a text field has the keyboard, only the bindings marked
//! `while_typing` act (saving, opening, quitting, finding, zoom): the field keeps its own keys,
//! Ctrl+Z included, and a letter typed is a letter, not a tag.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{ArticleStatus, Project};
use crate::workbench::{Action, Command, ViewState};

/// One binding of a key to a command.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// The key with its modifiers.
    pub shortcut: KeyboardShortcut,
    /// What it runs.
    pub command: Command,
    /// Whether it acts while a text field has the keyboard.
    pub while_typing: bool,
}

const fn bind(modifiers: Modifiers, key: Key, command: Command, while_typing: bool) -> Binding {
    Binding {
        shortcut: KeyboardShortcut::new(modifiers, key),
        command,
        while_typing,
    }
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;
const ALT: Modifiers = Modifiers::ALT;

/// The key table. The first binding of a command is the one menus show.
pub const BINDINGS: [Binding; 28] = [
    bind(CMD, Key::N, Command::New, true),
    bind(CMD, Key::O, Command::Open, true),
    bind(CMD, Key::S, Command::Save, true),
    bind(CMD_SHIFT, Key::S, Command::SaveAs, true),
    bind(CMD, Key::I, Command::AddArticle, true),
    bind(CMD, Key::Q, Command::Quit, true),
    bind(CMD, Key::Z, Command::Undo, false),
    bind(CMD_SHIFT, Key::Z, Command::Redo, false),
    bind(CMD, Key::Y, Command::Redo, false),
    bind(CMD, Key::F, Command::Find, true),
    bind(CMD_SHIFT, Key::F, Command::SearchCorpus, true),
    bind(CMD, Key::M, Command::ToggleMap, true),
    bind(CMD, Key::Plus, Command::ZoomIn, true),
    bind(CMD, Key::Equals, Command::ZoomIn, true),
    bind(CMD, Key::Minus, Command::ZoomOut, true),
    bind(NONE, Key::Delete, Command::DeleteAnnotation, false),
    bind(NONE, Key::Backspace, Command::DeleteAnnotation, false),
    bind(NONE, Key::Enter, Command::AcceptSuggestion, false),
    bind(NONE, Key::Period, Command::NextSuggestion, false),
    bind(NONE, Key::CloseBracket, Command::NextAnnotation, false),
    bind(NONE, Key::OpenBracket, Command::PreviousAnnotation, false),
    bind(CMD, Key::CloseBracket, Command::NextArticle, false),
    bind(CMD, Key::OpenBracket, Command::PreviousArticle, false),
    bind(CMD_SHIFT, Key::CloseBracket, Command::NextUnfinished, false),
    bind(
        ALT,
        Key::Num1,
        Command::SetStatus(ArticleStatus::ToDo),
        false,
    ),
    bind(
        ALT,
        Key::Num2,
        Command::SetStatus(ArticleStatus::InProgress),
        false,
    ),
    bind(
        ALT,
        Key::Num3,
        Command::SetStatus(ArticleStatus::Done),
        false,
    ),
    bind(
        ALT,
        Key::Num4,
        Command::SetStatus(ArticleStatus::Reviewed),
        false,
    ),
];

/// The keys that act on the article outside [`BINDINGS`] (read by `article_key`), for the
/// Keys window: the key and what it does. Tag keys come from the project's tags.
pub const ARTICLE_KEYS: [(&str, &str); 6] = [
    (
        "E",
        "add the selected annotation to the open incident (unless a tag took E)",
    ),
    ("X", "reject the current suggestion (unless a tag took X)"),
    (
        "R",
        "start a relation from the selected annotation; click its target (unless a tag took R)",
    ),
    ("Escape", "close the find bar, else drop the selection"),
    (
        "Up, Down, Enter",
        "in the search panel's field: move through the hits, tag the selected one",
    ),
    (
        "a value's key",
        "give the shown article that document label value (a key no tag took)",
    ),
];

/// The shortcut menus show for a command.
pub fn shortcut_of(command: Command) -> Option<KeyboardShortcut> {
    BINDINGS
        .iter()
        .find(|b| b.command == command)
        .map(|b| b.shortcut)
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.command || m.ctrl) + u8::from(m.shift) + u8::from(m.alt)
}

/// Read this frame's keys into actions: the table's shortcuts (consumed, so no widget sees
/// them too), then, when nobody is typing, the keys that act on the article: tag letters, E
/// (evidence), X (reject a suggestion), Escape, and pasted text (a new article).
pub fn read_keys(ctx: &egui::Context, project: &Project, view: &ViewState) -> Vec<Action> {
    let typing = ctx.text_edit_focused();
    let mut actions = Vec::new();
    let mut table: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| !typing || b.while_typing)
        .collect();
    table.sort_by_key(|b| std::cmp::Reverse(modifier_count(b.shortcut.modifiers)));
    for binding in table {
        if ctx.input_mut(|i| i.consume_shortcut(&binding.shortcut)) {
            actions.push(Action::Run(binding.command));
        }
    }
    if typing {
        return actions;
    }
    let events = ctx.input(|i| i.events.clone());
    for event in events {
        match event {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if !modifiers.ctrl && !modifiers.command && !modifiers.alt => {
                if let Some(action) = article_key(key, project, view) {
                    actions.push(action);
                }
            }
            egui::Event::Paste(text) if !text.trim().is_empty() => {
                actions.push(Action::PastedArticle(text));
            }
            _ => {}
        }
    }
    actions
}

/// A plain key over the article. A tag that took E or X as its key wins over the built-in use.
fn article_key(key: Key, project: &Project, view: &ViewState) -> Option<Action> {
    let letter = key_letter(key);
    let tagged = letter.is_some_and(|c| project.tag_for_key(c).is_some());
    match key {
        Key::E if !tagged => Some(Action::Run(Command::AddSelectedToIncident)),
        Key::X if !tagged => Some(Action::Run(Command::RejectSuggestion)),
        Key::R if !tagged => Some(Action::Run(Command::StartRelation)),
        Key::Escape if view.find.open => Some(Action::Run(Command::CloseFind)),
        Key::Escape => Some(Action::Run(Command::ClearSelection)),
        _ if tagged => letter.map(Action::TagKey),
        // A key no tag took may give a document label value to the shown article.
        _ => {
            let (label, value) = project.label_for_key(letter?)?;
            Some(Action::SetArticleLabel {
                article: view.current_article.clone()?,
                label: label.id.clone(),
                value: Some(value.value.clone()),
            })
        }
    }
}

/// The letter of a letter or digit key, lower case.
fn key_letter(key: Key) -> Option<char> {
    let name = key.name();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_modifier_sets_come_first_and_every_shortcut_is_bound_once() {
        let mut seen = std::collections::HashSet::new();
        for b in &BINDINGS {
            assert!(
                seen.insert((
                    b.shortcut.modifiers.command,
                    b.shortcut.modifiers.shift,
                    b.shortcut.logical_key
                )),
                "{:?} bound twice",
                b.shortcut
            );
        }
        assert_eq!(
            shortcut_of(Command::SaveAs).map(|s| s.modifiers),
            Some(CMD_SHIFT)
        );
        assert_eq!(
            shortcut_of(Command::Redo).map(|s| s.logical_key),
            Some(Key::Z)
        );
        assert!(modifier_count(CMD_SHIFT) > modifier_count(CMD));
    }

    #[test]
    fn a_tag_on_e_wins_over_adding_evidence() {
        let mut project = Project::new("t");
        let view = ViewState::default();
        assert_eq!(
            article_key(Key::E, &project, &view),
            Some(Action::Run(Command::AddSelectedToIncident))
        );
        assert_eq!(
            article_key(Key::A, &project, &view),
            Some(Action::TagKey('a'))
        );
        assert_eq!(article_key(Key::Q, &project, &view), None, "no tag on q");
        if let Some(tag) = project.tags.iter_mut().find(|t| t.id == "actor") {
            tag.key = Some("e".into());
        }
        assert_eq!(
            article_key(Key::E, &project, &view),
            Some(Action::TagKey('e'))
        );
    }
}
