//! `sitrep new PROJECT [ARTICLE...]` and `sitrep import PROJECT ARTICLE...`: article texts and
//! annotated corpora into a new or an existing project.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::out::plural;
use super::{CliError, apply, save};
use crate::io::articles;
use crate::io::detect::FileKind;
use crate::io::formats::{self, ImportReport, TypeMap};
use crate::io::load_project;
use crate::model::{self, Project};

/// `sitrep new PROJECT [ARTICLE...]`: never overwrites a file.
pub fn run_new(
    path: &Path,
    articles: &[PathBuf],
    name: Option<String>,
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // `exists` is false for a dangling symlink, which the save would then replace; checking
    // the link itself keeps "never overwrites" true.
    if path.symlink_metadata().is_ok() {
        return Err(CliError::Exists(path.to_owned()));
    }
    let name = name.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    });
    let mut project = Project::new(name);
    let (added, _) = import_all(&mut project, path, articles, map, out)?;
    save(path, &mut project)?;
    writeln!(
        out,
        "created {} with {}",
        path.display(),
        plural(added, "article")
    )?;
    Ok(())
}

/// `sitrep import PROJECT ARTICLE...`.
pub fn run_import(
    path: &Path,
    articles: &[PathBuf],
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut project = load_project(path)?;
    let (added, changed) = import_all(&mut project, path, articles, map, out)?;
    // Annotations can arrive on articles the project had (brat, doccano or W3C data for the
    // same texts): those count as a change too.
    if added > 0 || changed {
        save(path, &mut project)?;
    }
    writeln!(
        out,
        "added {} to {}",
        plural(added, "article"),
        path.display()
    )?;
    Ok(())
}

/// The `--map` of `new` and `import`.
pub fn parse_map(map: Option<String>) -> Result<TypeMap, CliError> {
    Ok(TypeMap::parse(map.as_deref().unwrap_or_default())?)
}

/// Import every file into the project (all or nothing: the first failure stops the command
/// before anything is saved). An article whose text the project already holds is skipped with
/// a note, so running the same import twice does not double the articles. Returns how many
/// articles were added and whether anything else changed.
fn import_all(
    project: &mut Project,
    project_path: &Path,
    files: &[PathBuf],
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<(usize, bool), CliError> {
    let mut added = 0;
    let mut changed = false;
    for file in files {
        // brat folders and files, doccano JSONL and W3C Web Annotations carry annotations:
        // their own importers.
        if FileKind::of(file).is_annotation_data() {
            let report = import_annotations(project, file, map, out)?;
            added += report.articles;
            changed |= report.changed();
            continue;
        }
        let draft = articles::import_file(file)?;
        let hash = model::text::sha256_hex(&draft.text);
        if let Some(existing) = project.articles.iter().find(|a| a.text_sha256 == hash) {
            writeln!(
                out,
                "skipped {}: its text is already in the project as {}",
                file.display(),
                existing.id
            )?;
            continue;
        }
        let edit = articles::add_article_edit(project, draft);
        apply(project, project_path, edit)?;
        added += 1;
    }
    Ok((added, changed))
}

/// Import brat, doccano or W3C data and say what it did, with every warning.
fn import_annotations(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<ImportReport, CliError> {
    let report = formats::import_path(project, path, map)?;
    writeln!(out, "{}: {}", path.display(), report.summary())?;
    for warning in &report.warnings {
        writeln!(out, "warning: {warning}")?;
    }
    Ok(report)
}
