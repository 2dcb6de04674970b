//! `sitrep tag PROJECT --tag TAG --match TEXT`: annotate every whole-word occurrence.

use std::io::Write;
use std::path::Path;

use super::out::plural;
use super::{CliError, apply, load_for_edit, save};

/// Annotate every whole-word occurrence of `text` in every article with `tag`, and save when
/// anything was added.
pub fn run(
    path: &Path,
    tag: &str,
    text: &str,
    analyst: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let needle = text.trim();
    if needle.is_empty() {
        return Err(CliError::EmptyMatch);
    }
    let (mut project, _lock) = load_for_edit(path, analyst)?;
    if project.tag(tag).is_none() {
        let known: Vec<&str> = project.tags.iter().map(|t| t.id.as_str()).collect();
        return Err(CliError::UnknownTag {
            path: path.to_owned(),
            tag: tag.to_owned(),
            known: known.join(", "),
        });
    }
    let (edit, added) = project
        .tag_matches_edit(needle, tag, None)
        .map_err(|source| CliError::edit(path, source))?;
    if added > 0 {
        apply(&mut project, path, edit)?;
        save(path, &mut project)?;
    }
    writeln!(
        out,
        "added {} tagged {tag} for {needle:?}",
        plural(added, "annotation")
    )?;
    Ok(())
}
