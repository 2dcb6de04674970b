//! `sitrep new PROJECT [ARTICLE...]` and `sitrep import PROJECT ARTICLE...`: article texts and
//! annotated corpora into a new or an existing project.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::out::plural;
use super::{CliError, apply, load_for_edit, save};
use crate::io::detect::FileKind;
use crate::io::formats::{ImportReport, TypeMap};
use crate::model::Project;
use crate::workbench::plan_article_import;

/// `sitrep new PROJECT [ARTICLE...]`: never overwrites a file.
pub fn run_new(
    path: &Path,
    articles: &[PathBuf],
    name: Option<String>,
    map: &TypeMap,
    analyst: Option<&str>,
    warnings: &mut Warnings,
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
    let _lock = super::lock_for_write(path)?;
    let mut project = Project::new(name);
    project.analyst = analyst.map(str::to_owned);
    let (added, _) = import_all(&mut project, path, articles, map, warnings, out)?;
    save(path, &mut project)?;
    warnings.finish(out)?;
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
    analyst: Option<&str>,
    warnings: &mut Warnings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (mut project, _lock) = load_for_edit(path, analyst)?;
    let (added, changed) = import_all(&mut project, path, articles, map, warnings, out)?;
    // Annotations can arrive on articles the project had (brat, doccano or W3C data for the
    // same texts): those count as a change too.
    if added > 0 || changed {
        save(path, &mut project)?;
    }
    warnings.finish(out)?;
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
    warnings: &mut Warnings,
    out: &mut dyn Write,
) -> Result<(usize, bool), CliError> {
    let mut added = 0;
    let mut changed = false;
    for file in files {
        // brat folders and files, doccano JSONL and W3C Web Annotations carry annotations:
        // their own importers.
        if FileKind::of(file).is_annotation_data() {
            let report = import_annotations(project, file, map, warnings, out)?;
            added += report.articles;
            changed |= report.changed();
            continue;
        }
        // The same rule as the window's: a text the project already holds is skipped.
        let plan = plan_article_import(project, std::slice::from_ref(file));
        if let Some((_, e)) = plan.failed.into_iter().next() {
            return Err(e.into());
        }
        for (skipped, id) in &plan.skipped {
            writeln!(
                out,
                "skipped {}: its text is already in the project as {id}",
                skipped.display()
            )?;
        }
        if let Some(edit) = plan.edit {
            apply(project, project_path, edit)?;
            added += plan.added.len();
        }
    }
    Ok((added, changed))
}

/// Import brat, doccano or W3C data and say what it did, with its warnings.
fn import_annotations(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
    warnings: &mut Warnings,
    out: &mut dyn Write,
) -> Result<ImportReport, CliError> {
    let report = crate::io::corpus::import_path(project, path, map)?;
    writeln!(out, "{}: {}", path.display(), report.summary())?;
    for warning in &report.warnings {
        warnings.add(warning.to_string(), out)?;
    }
    Ok(report)
}

/// How many warnings an import prints before it only counts them.
const SHOWN_WARNINGS: usize = 20;

/// The warnings of one command: the first [`SHOWN_WARNINGS`] on the terminal, every one in
/// the `--report` file when one was asked for.
pub struct Warnings {
    report: Option<PathBuf>,
    all: Vec<String>,
}

impl Warnings {
    /// Warnings that go to `report` too, if given. Refused when the report would land on
    /// the project or on one of the files being imported.
    pub fn new(report: Option<PathBuf>, reads: &[&Path]) -> Result<Self, CliError> {
        if let Some(target) = &report
            && reads
                .iter()
                .any(|read| crate::io::regular::same_file(read, target))
        {
            return Err(CliError::OutputIsInput(target.clone()));
        }
        Ok(Self {
            report,
            all: Vec::new(),
        })
    }

    fn add(&mut self, line: String, out: &mut dyn Write) -> Result<(), CliError> {
        if self.all.len() < SHOWN_WARNINGS {
            writeln!(out, "warning: {line}")?;
        }
        self.all.push(line);
        Ok(())
    }

    /// Say how many were not shown, and write the report file.
    fn finish(&self, out: &mut dyn Write) -> Result<(), CliError> {
        let hidden = self.all.len().saturating_sub(SHOWN_WARNINGS);
        if let Some(path) = &self.report {
            let mut text = String::new();
            for line in &self.all {
                text.push_str(line);
                text.push('\n');
            }
            crate::io::write_atomic(path, text.as_bytes())?;
            writeln!(
                out,
                "{} written to {}",
                plural(self.all.len(), "warning"),
                path.display()
            )?;
        } else if hidden > 0 {
            let noun = if hidden == 1 { "warning" } else { "warnings" };
            writeln!(
                out,
                "… and {hidden} more {noun}; --report FILE writes them all"
            )?;
        }
        Ok(())
    }
}
