//! `sitrep search PROJECT QUERY [--regex|--whole-word] [--json] [--tag TAG]`: every hit in
//! every article, one a line; with `--tag`, every hit printed is annotated and the project
//! saved.

use std::io::Write;
use std::path::Path;

use super::out::plural;
use super::{CliError, apply, load_for_edit, save};
use crate::io::load_project;
use crate::model::search::SearchQuery;

/// How the hits are printed and what is done with them.
pub struct Output<'a> {
    /// One JSON object a line instead of tab-separated text.
    pub json: bool,
    /// Annotate every hit with this tag.
    pub tag: Option<&'a str>,
    /// The analyst the new annotations are recorded for.
    pub analyst: Option<&'a str>,
}

/// Search, print the hits and, with a tag, annotate them (one save, only when anything was
/// added). The summary line of `--tag` goes to the same output, after the hits, in text mode.
pub fn run(
    path: &Path,
    query: &SearchQuery,
    how: Output<'_>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (mut project, lock) = match how.tag {
        Some(_) => {
            let (p, lock) = load_for_edit(path, how.analyst)?;
            (p, Some(lock))
        }
        None => (load_project(path)?, None),
    };
    if let Some(tag) = how.tag
        && project.tag(tag).is_none()
    {
        let known: Vec<&str> = project.tags.iter().map(|t| t.id.as_str()).collect();
        return Err(CliError::UnknownTag {
            path: path.to_owned(),
            tag: tag.to_owned(),
            known: known.join(", "),
        });
    }
    let results = project.search(query, usize::MAX)?;
    for hit in &results.hits {
        let tag = hit.annotation.as_ref().map_or("", |(_, t)| t.as_str());
        if how.json {
            let line = serde_json::json!({
                "article": hit.article,
                "start": hit.span.start.0,
                "end": hit.span.end.0,
                "exact": hit.exact,
                "tag": hit.annotation.as_ref().map(|(_, t)| t),
                "annotation": hit.annotation.as_ref().map(|(id, _)| id),
            });
            writeln!(out, "{line}")?;
        } else {
            // Tabs and line breaks inside a hit would break the columns.
            let exact: String = hit
                .exact
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            writeln!(
                out,
                "{}\t{}\t{}\t{exact}\t{tag}",
                hit.article, hit.span.start.0, hit.span.end.0
            )?;
        }
    }
    if let Some(tag) = how.tag {
        let spans: Vec<_> = results
            .hits
            .iter()
            .map(|h| (h.article.clone(), h.span))
            .collect();
        let (edit, added) = project
            .tag_spans_edit(&spans, tag)
            .map_err(|source| CliError::edit(path, source))?;
        if added > 0 {
            apply(&mut project, path, edit)?;
            save(path, &mut project)?;
        }
        drop(lock);
        if !how.json {
            writeln!(
                out,
                "added {} tagged {tag} for {} found",
                plural(added, "annotation"),
                plural(results.hits.len(), "hit")
            )?;
        }
    }
    Ok(())
}
