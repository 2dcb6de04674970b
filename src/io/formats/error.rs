//! The errors of the exchange formats: [`ExportError`] for the incident exports (incident
//! files, CSV, GeoJSON) and [`FormatError`], what a call on [`super::Format`] can fail with.
//! The annotation formats (brat, W3C, doccano) have [`super::shared::InteropError`].

use std::path::PathBuf;

use super::Format;
use super::shared::InteropError;
use crate::io::atomic::SaveError;
use crate::io::incident_file::ExportIncidentError;

/// Why an export failed. Each variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing a file failed (the message names it).
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The output folder could not be created.
    #[error("cannot create folder {path}: {source}")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// An incident could not be gathered into a file.
    #[error("cannot export {path}: {source}")]
    Incident {
        /// The file it was meant for.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: ExportIncidentError,
    },
    /// The CSV writer failed.
    #[error("cannot write CSV {path}: {source}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// What the CSV writer said.
        #[source]
        source: csv::Error,
    },
    /// JSON could not be produced (should not happen).
    #[error("cannot write {path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
}

/// What a call on [`Format`] can fail with: the annotation formats' errors, the incident
/// exports' errors, and asking a format for what it cannot do.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// A brat, W3C or doccano import or export failed.
    #[error(transparent)]
    Interop(#[from] InteropError),
    /// An incident export (incident files, CSV, GeoJSON) failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The CSV bytes could not be produced (should not happen with an in-memory writer).
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// A folder format was asked for the bytes of one file.
    #[error("{} writes a folder of files, not one file", .0.name())]
    WritesFolder(Format),
}
