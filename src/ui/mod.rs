//! The egui workbench.

use std::path::PathBuf;

/// Start the GUI with the given files (projects or incident files) to open.
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let _ = files;
    anyhow::bail!("the GUI is not built yet")
}
