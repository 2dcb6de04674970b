//! The file chooser drawn in the window, for the file questions no desktop dialog answered:
//! one open at a time, starting where that kind of question was last answered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::ui::file_chooser::FileChooser;
use crate::workbench::dialogs::{DialogAnswer, DialogRole, FileRequest};

/// The open chooser and the folders questions were last answered in.
#[derive(Default)]
pub struct ChooserModal {
    /// The chooser and the request it answers, while one is open.
    open: Option<(FileRequest, FileChooser)>,
    /// The folder each kind of question was last answered in.
    last_folders: HashMap<DialogRole, PathBuf>,
}

impl ChooserModal {
    /// Draw the chooser for `request` (made when the request first shows, in the folder that
    /// kind of question was last answered in, else `project_folder`, else the working folder);
    /// the answer once given.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        request: &FileRequest,
        project_folder: Option<&Path>,
    ) -> Option<DialogAnswer> {
        if self.open.as_ref().is_none_or(|(r, _)| r != request) {
            let start = self
                .last_folders
                .get(&request.role)
                .cloned()
                .or_else(|| project_folder.map(Path::to_path_buf))
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from("/"));
            self.open = Some((request.clone(), FileChooser::new(request.clone(), &start)));
        }
        let (_, chooser) = self.open.as_mut()?;
        let answer = chooser.ui(ctx)?;
        self.last_folders
            .insert(request.role, chooser.folder().to_owned());
        self.open = None;
        Some(answer)
    }

    /// Close an open chooser without an answer (its document went away).
    pub fn close(&mut self) {
        self.open = None;
    }
}
