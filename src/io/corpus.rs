//! Importing a corpus whatever its format: the kind of the path ([`FileKind::of`]) picks the
//! importer. Kept apart from `formats/`, which knows each format but not how to tell them
//! apart, and from `detect`, which tells them apart but imports nothing.

use std::path::Path;

use super::detect::FileKind;
use super::formats::{ImportReport, InteropError, LabelUse, TypeMap};
use crate::model::Project;

/// Import brat, doccano or W3C data from `path`, in the format [`FileKind::of`] finds. Fails
/// with [`InteropError::NotInterop`] when the path is none of those (check
/// [`FileKind::is_annotation_data`] first to fall back to plain article import).
pub fn import_path(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    match FileKind::of(path).import_format() {
        Some(format) => format.import(project, path, map),
        None => Err(InteropError::NotInterop(path.to_owned())),
    }
}

/// The foreign labels (brat types, doccano labels) that importing `path` would meet, with the
/// tag each would go to without a map, found by importing into `scratch`, a copy of the
/// project the caller gives up (the window takes it on its worker thread). The window shows
/// them so the analyst can map them first.
pub fn preview_labels(mut scratch: Project, path: &Path) -> Result<Vec<LabelUse>, InteropError> {
    Ok(import_path(&mut scratch, path, &TypeMap::new())?.labels)
}
