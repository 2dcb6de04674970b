//! `sitrep`, `sitrep FILE...`, `sitrep open FILE...`: the workbench window.

use std::path::PathBuf;

use super::CliError;

/// Open the window on these project or incident files (none: the last or the sample project).
pub fn run(files: Vec<PathBuf>) -> Result<(), CliError> {
    crate::ui::run(files).map_err(CliError::Gui)
}
