//! `sitrep export PROJECT --format FORMAT --out PATH`: any [`Format`], to a folder, a file or
//! (for the file formats) standard output.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::io::{Format, load_project};

/// Export the project; `-` as `target` writes a file format to `out` with nothing else
/// printed, so it can go into a pipe.
pub fn run(
    path: &Path,
    format: Format,
    target: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = load_project(path)?;
    if target == Path::new("-") {
        if format.writes_folder() {
            return Err(CliError::Usage(
                "this format writes a folder of files; give a folder to --out, not -".into(),
            ));
        }
        out.write_all(&format.to_bytes(&project)?)?;
        return Ok(());
    }
    if crate::io::regular::same_file(path, target) {
        return Err(CliError::OutputIsInput(target.to_owned()));
    }
    let report = format.export(&project, target)?;
    writeln!(out, "{}", report.summary)?;
    Ok(())
}
