//! The dialogs over the window, one file each. A dialog draws the workbench's [`Prompt`] (and
//! may edit the draft it holds, such as pasted text) and returns the analyst's answer; it
//! never changes the document.

mod analyst;
mod chooser;
mod error;
mod import_map;
mod locked;
mod paste;
mod restore;
mod unsaved;
pub mod working;

pub use chooser::ChooserModal;

use crate::model::Project;
use crate::workbench::{Prompt, PromptAnswer};

/// Draw the prompt on top and return the answer given this frame, if any. The file chooser
/// prompt is drawn by the shell, which keeps the chooser's state.
pub fn prompt_ui(
    ctx: &egui::Context,
    prompt: &mut Prompt,
    project: &Project,
) -> Option<PromptAnswer> {
    match prompt {
        Prompt::Error { title, message } => error::ui(ctx, title, message),
        Prompt::Unsaved { .. } => unsaved::ui(ctx, &project.name),
        Prompt::Restore { summary, .. } => restore::ui(ctx, summary),
        Prompt::Locked { message, .. } => locked::ui(ctx, message),
        Prompt::Paste { text } => paste::ui(ctx, text),
        Prompt::Analyst { name } => analyst::ui(ctx, name),
        Prompt::ImportMap { path, rows } => import_map::ui(ctx, path, rows, project),
        Prompt::ChooseFile { .. } => None,
    }
}

/// Escape pressed this frame.
fn escape(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Escape))
}
