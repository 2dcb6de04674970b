//! `sitrep suggest PROJECT [--json] [--accept]`: unannotated mentions of known entities.

use std::io::Write;
use std::path::Path;

use super::out::plural;
use super::{CliError, apply, save};
use crate::model::Project;
use crate::model::suggest::{Suggestion, all_suggestions};

/// The open suggestions of every article, one per line (as text or JSON), or with `accept`
/// all of them annotated, linked and saved.
pub fn run(
    path: &Path,
    json: bool,
    accept: bool,
    analyst: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if accept {
        // Only accepting writes, so only it takes the lock.
        let (mut project, _lock) = super::load_for_edit(path, analyst)?;
        let suggestions = all_suggestions(&project);
        return accept_all(&mut project, path, &suggestions, out);
    }
    let project = crate::io::load_project(path)?;
    let suggestions = all_suggestions(&project);
    for s in &suggestions {
        if json {
            let line = serde_json::json!({
                "article": s.article,
                "start": s.span.start.0,
                "end": s.span.end.0,
                "exact": s.exact,
                "entity": s.entity,
            });
            writeln!(out, "{line}")?;
        } else {
            let name = project
                .entity(&s.entity)
                .map(|e| e.name.as_str())
                .unwrap_or_default();
            writeln!(
                out,
                "{} {}..{} {:?} -> {} {name:?}",
                s.article, s.span.start.0, s.span.end.0, s.exact, s.entity
            )?;
        }
    }
    if !json {
        writeln!(out, "{}", plural(suggestions.len(), "suggestion"))?;
    }
    Ok(())
}

/// `--accept`: annotate every suggestion, linked to its entity, and save.
fn accept_all(
    project: &mut Project,
    path: &Path,
    suggestions: &[Suggestion],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if !suggestions.is_empty() {
        let edit = project
            .accept_suggestions_edit(suggestions)
            .map_err(|source| CliError::edit(path, source))?;
        apply(project, path, edit)?;
        save(path, project)?;
    }
    writeln!(
        out,
        "added {} from suggestions to {}",
        plural(suggestions.len(), "annotation"),
        path.display()
    )?;
    Ok(())
}
