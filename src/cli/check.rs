//! `sitrep check FILE`: validate a project or incident file.

use std::io::Write;
use std::path::Path;

use super::CliError;
use super::out::{plural, summary};
use crate::io::detect::FileKind;
use crate::io::{IncidentLoadError, IncidentParseError, load_incident, load_project};
use crate::model::Problem;

/// A summary when the file is sound; every problem (and a failure) when not. Incident files
/// are told apart by [`FileKind::of`].
pub fn run(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    if FileKind::of(path) == FileKind::IncidentFile {
        return check_incident(path, out);
    }
    match load_project(path) {
        Ok(project) => {
            writeln!(out, "{}: OK, {}", path.display(), summary(&project))?;
            Ok(())
        }
        Err(err) if !err.problems().is_empty() => {
            let problems: &[Problem] = err.problems();
            for problem in problems {
                writeln!(out, "{}: {problem}", path.display())?;
            }
            Err(CliError::Invalid {
                path: path.to_owned(),
                count: problems.len(),
            })
        }
        Err(err) => Err(err.into()),
    }
}

/// `sitrep check X.incident.json`.
fn check_incident(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    match load_incident(path) {
        Ok(file) => {
            let evidence = file.evidence().count();
            writeln!(
                out,
                "{}: OK, incident {} {:?}: {}, {}, {}",
                path.display(),
                file.incident.id,
                file.incident.title,
                plural(evidence, "evidence span"),
                plural(file.sources.len(), "source article"),
                plural(file.entities.len(), "entity"),
            )?;
            Ok(())
        }
        Err(IncidentLoadError::Parse {
            error: IncidentParseError::Invalid(problems),
            ..
        }) => {
            for problem in &problems {
                writeln!(out, "{}: {problem}", path.display())?;
            }
            Err(CliError::Invalid {
                path: path.to_owned(),
                count: problems.len(),
            })
        }
        Err(err) => Err(err.into()),
    }
}
