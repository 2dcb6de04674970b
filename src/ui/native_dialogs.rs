//! Placeholder until the portal dialogs land.

use crate::workbench::dialogs::{DialogAnswer, FileDialogs, FileRequest};

/// The desktop's file dialogs.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, _request: &FileRequest) -> DialogAnswer {
        DialogAnswer::Unavailable
    }
}
