//! `sitrep import PROJECT --replace ARTICLE_ID FILE`: give one article a newer text.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CliError, save};
use crate::io::articles;
use crate::model;

/// The article gets FILE's text (read by the same rules as any import); its annotations are
/// re-anchored from their quotes. Prints the re-anchoring summary and every orphan. Nothing is
/// saved when anything fails.
pub fn run(
    path: &Path,
    article_id: &str,
    files: &[PathBuf],
    analyst: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let [file] = files else {
        return Err(CliError::ReplaceNeedsOneFile(files.len()));
    };
    let (mut project, _lock) = super::load_for_edit(path, analyst)?;
    if project.article(article_id).is_none() {
        let known: Vec<&str> = project.articles.iter().map(|a| a.id.as_str()).collect();
        return Err(CliError::UnknownArticle {
            path: path.to_owned(),
            id: article_id.to_owned(),
            known: if known.is_empty() {
                "no articles".to_owned()
            } else {
                known.join(", ")
            },
        });
    }
    let draft = articles::import_file(file)?;
    let (report, _inverse) = model::replace_article_text(&mut project, article_id, &draft.text)
        .map_err(|source| CliError::edit(path, source))?;
    save(path, &mut project)?;
    writeln!(
        out,
        "replaced the text of {article_id} in {} with {}",
        path.display(),
        file.display()
    )?;
    writeln!(out, "{}", report.summary())?;
    for outcome in &report.outcomes {
        if let model::Placement::Orphaned { reason } = &outcome.placement {
            let exact = project
                .orphan(&outcome.id)
                .map(|a| a.exact.as_str())
                .unwrap_or_default();
            writeln!(out, "orphaned {} {exact:?}: {reason}", outcome.id)?;
        }
    }
    Ok(())
}
