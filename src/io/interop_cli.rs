//! The command-line face of the exchange formats, kept here so the CLI wires each in with one
//! call: `sitrep export PROJECT --format brat|w3c|doccano --out PATH`, and brat or doccano
//! files given to `sitrep new` / `sitrep import` with `--map PER=actor,...`.

use std::path::Path;
use std::str::FromStr;

use super::brat::{import_brat_dir, import_brat_pair, is_brat_dir, write_brat};
use super::doccano::{import_doccano_file, write_doccano};
use super::interop::{ImportReport, InteropError, LabelUse, TypeMap};
use super::w3c::write_w3c;
use crate::model::Project;

/// An export format of `sitrep export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// brat standoff: a folder of `.txt` + `.ann` and `annotation.conf`.
    Brat,
    /// W3C Web Annotation JSON-LD: one `.jsonld` file.
    W3c,
    /// doccano JSONL: one `.jsonl` file.
    Doccano,
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "brat" => Ok(Self::Brat),
            "w3c" | "jsonld" | "web-annotation" => Ok(Self::W3c),
            "doccano" | "jsonl" => Ok(Self::Doccano),
            other => Err(format!(
                "unknown export format {other:?} (expected brat, w3c or doccano)"
            )),
        }
    }
}

/// Export the project to `out` (a folder for brat, a file otherwise) and say what was written.
pub fn export(project: &Project, format: ExportFormat, out: &Path) -> Result<String, InteropError> {
    let n_ann = project.annotations.len();
    Ok(match format {
        ExportFormat::Brat => {
            let export = write_brat(project, out)?;
            format!(
                "wrote {} brat document(s) with {n_ann} span(s), annotation.conf, visual.conf, tools.conf and sitrep.tsv to {} (offsets in code points)",
                export.documents.len(),
                out.display()
            )
        }
        ExportFormat::W3c => {
            let n = write_w3c(project, out)?;
            format!(
                "wrote {n} W3C annotation(s) to {} (TextPositionSelector in code points)",
                out.display()
            )
        }
        ExportFormat::Doccano => {
            let n = write_doccano(project, out)?;
            format!(
                "wrote {n} doccano line(s) with {n_ann} span(s) to {} (offsets in code points)",
                out.display()
            )
        }
    })
}

/// True when `path` is something [`import_path`] reads: a folder with `.ann` files, a `.ann`
/// file, a `.txt` with a `.ann` beside it, a doccano `.jsonl` file or a W3C Web Annotation
/// `.jsonld` file (whose annotations go onto articles the project already holds).
pub fn is_interop_path(path: &Path) -> bool {
    if path.is_dir() {
        return is_brat_dir(path);
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("ann" | "jsonl" | "jsonld") => true,
        Some("txt") => path.with_extension("ann").is_file(),
        _ => false,
    }
}

/// Import brat or doccano data from `path` into the project. Fails with
/// [`InteropError::NotInterop`] when the path is none of those (check with
/// [`is_interop_path`] to fall back to plain article import).
pub fn import_path(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    if path.is_dir() && is_brat_dir(path) {
        return import_brat_dir(project, path, map);
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => import_doccano_file(project, path, map),
        Some("jsonld") => super::w3c_import::import_w3c_file(project, path, map),
        Some("ann") => import_brat_pair(project, path, map),
        Some("txt") if path.with_extension("ann").is_file() => import_brat_pair(project, path, map),
        _ => Err(InteropError::NotInterop(path.to_owned())),
    }
}

/// The foreign labels (brat types, doccano labels) that importing `path` would meet, with the
/// tag each would go to without a map, found by importing into a copy of the project; the
/// project itself is untouched. The GUI shows them so the analyst can map them first.
pub fn preview_labels(project: &Project, path: &Path) -> Result<Vec<LabelUse>, InteropError> {
    let mut scratch = project.clone();
    Ok(import_path(&mut scratch, path, &TypeMap::new())?.labels)
}

/// The one call the CLI's import loop needs: when `path` is brat, doccano or W3C data, import
/// it, write the summary and warnings to `out` and return what it did; `Ok(None)` leaves the
/// path to the plain article importer (.txt, .md, .html).
pub fn import_if_interop(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
    out: &mut dyn std::io::Write,
) -> Result<Option<ImportReport>, InteropError> {
    if !is_interop_path(path) {
        return Ok(None);
    }
    let report = import_path(project, path, map)?;
    let output = |e| InteropError::io(Path::new("<output>"), e);
    writeln!(out, "{}: {}", path.display(), report.summary()).map_err(output)?;
    for warning in &report.warnings {
        writeln!(out, "warning: {warning}").map_err(output)?;
    }
    Ok(Some(report))
}
