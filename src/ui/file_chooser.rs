//! Placeholder until the in-window chooser lands: answers Cancelled at once.

use std::path::PathBuf;

use crate::workbench::dialogs::{DialogAnswer, FileRequest};

/// The in-window file chooser.
pub struct FileChooser;

impl FileChooser {
    /// A chooser for `request` starting in `start`.
    pub fn new(_request: FileRequest, _start: PathBuf) -> Self {
        Self
    }

    /// Draw it; the answer once given.
    pub fn ui(&mut self, _ctx: &egui::Context) -> Option<DialogAnswer> {
        Some(DialogAnswer::Cancelled)
    }
}
