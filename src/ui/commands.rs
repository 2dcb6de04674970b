//! Every action of the menus and the keyboard, with its shortcut, in one place.

use egui::{Key, KeyboardShortcut, Modifiers};

/// An action the user can trigger from a menu or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start a new, empty project.
    New,
    /// Open a project or incident file.
    Open,
    /// Save to the current file (or ask where).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Import article files.
    AddArticle,
    /// Paste text as a new article.
    PasteArticle,
    /// Quit the program.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the find bar.
    Find,
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Switch light / dark theme.
    ToggleTheme,
}

impl Command {
    /// Commands that have a keyboard shortcut, in the order they are matched (longer modifier
    /// sets first, so Ctrl+Shift+S is not taken for Ctrl+S).
    pub const WITH_SHORTCUTS: [Command; 11] = [
        Command::SaveAs,
        Command::Redo,
        Command::New,
        Command::Open,
        Command::Save,
        Command::AddArticle,
        Command::Quit,
        Command::Undo,
        Command::Find,
        Command::ZoomIn,
        Command::ZoomOut,
    ];

    /// The menu text.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New project",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::AddArticle => "Add article…",
            Command::PasteArticle => "Paste as new article…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Find => "Find…",
            Command::DeleteAnnotation => "Delete annotation",
            Command::ZoomIn => "Larger text",
            Command::ZoomOut => "Smaller text",
            Command::ToggleTheme => "Dark theme",
        }
    }

    /// The main shortcut.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let k = |m, key| Some(KeyboardShortcut::new(m, key));
        match self {
            Command::New => k(cmd, Key::N),
            Command::Open => k(cmd, Key::O),
            Command::Save => k(cmd, Key::S),
            Command::SaveAs => k(cmd_shift, Key::S),
            Command::AddArticle => k(cmd, Key::I),
            Command::Quit => k(cmd, Key::Q),
            Command::Undo => k(cmd, Key::Z),
            Command::Redo => k(cmd_shift, Key::Z),
            Command::Find => k(cmd, Key::F),
            Command::ZoomIn => k(cmd, Key::Plus),
            Command::ZoomOut => k(cmd, Key::Minus),
            Command::DeleteAnnotation => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Command::PasteArticle | Command::ToggleTheme => None,
        }
    }

    /// Extra shortcuts that do the same (Ctrl+Y for redo, Ctrl+= for zoom).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            Command::ZoomIn => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)),
            _ => None,
        }
    }
}
