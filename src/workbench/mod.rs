//! The workbench: the open document, what is shown and selected, and every operation on them,
//! without egui. The window and the command line both drive it.

pub mod autosave;
pub mod dialogs;
pub mod settings;
