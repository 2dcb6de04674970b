//! `sitrep agree A.sitrep B.sitrep [C...] [--json]`: how far analysts who coded the same
//! articles agree (exact and overlap span F1, Cohen's kappa, Krippendorff's alpha_U).

use std::io::Write;
use std::path::PathBuf;

use super::CliError;
use crate::io::load_project;
use crate::team::{agree, render_text};

/// Load every project, compare them on the articles they share, and print the report as text
/// or JSON. Low agreement is a finding, not a failure: the exit code is 0 whenever the files
/// load.
pub fn run(paths: &[PathBuf], json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let projects = paths
        .iter()
        .map(|p| load_project(p))
        .collect::<Result<Vec<_>, _>>()?;
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let inputs: Vec<(&str, &crate::model::Project)> =
        names.iter().map(String::as_str).zip(&projects).collect();
    // clap already asks for two files; the library's own refusal reads as a usage error.
    let report = agree(&inputs).map_err(|e| CliError::Usage(e.to_string()))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", render_text(&report))?;
    }
    Ok(())
}
