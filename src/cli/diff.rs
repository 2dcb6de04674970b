//! `sitrep diff A.sitrep B.sitrep [--json]`: what B holds that A lacks or holds otherwise.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::io::load_project;
use crate::team::{diff, render_diff};

/// Load both projects and print their differences as text or JSON. A difference is a finding,
/// not a failure: the exit code is 0 whenever both files load.
pub fn run(a: &Path, b: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let (pa, pb) = (load_project(a)?, load_project(b)?);
    let report = diff(&pa, &pb);
    if json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        let (na, nb) = (a.display().to_string(), b.display().to_string());
        write!(out, "{}", render_diff(&report, &na, &nb))?;
    }
    Ok(())
}
