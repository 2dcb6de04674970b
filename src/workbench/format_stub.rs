//! Temporary: the export formats until `io::formats::Format` lands (replaced at the merge).

use std::path::Path;

use crate::model::Project;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// brat standoff folder.
    Brat,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// doccano JSONL.
    Doccano,
    /// A folder of incident files.
    IncidentFiles,
    /// Incidents as CSV.
    Csv,
    /// Incidents as GeoJSON.
    GeoJson,
}

impl Format {
    /// Whether the export writes a folder (else one file).
    pub fn writes_folder(self) -> bool {
        matches!(self, Format::Brat | Format::IncidentFiles)
    }

    /// The usual extension of the file written.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Brat | Format::IncidentFiles => "",
            Format::W3c => "jsonld",
            Format::Doccano => "jsonl",
            Format::Csv => "csv",
            Format::GeoJson => "geojson",
        }
    }

    /// Write the project there; the message says what was written.
    pub fn export(self, project: &Project, path: &Path) -> Result<String, String> {
        use crate::io::export::ExportFormat as I;
        use crate::io::interop_cli::ExportFormat as A;
        let annotations =
            |f| crate::io::interop_cli::export(project, f, path).map_err(|e| e.to_string());
        let incidents = |f| {
            crate::io::export(project, f, path)
                .map(|written| format!("wrote {} file(s) to {}", written.len(), path.display()))
                .map_err(|e| e.to_string())
        };
        match self {
            Format::Brat => annotations(A::Brat),
            Format::W3c => annotations(A::W3c),
            Format::Doccano => annotations(A::Doccano),
            Format::IncidentFiles => incidents(I::Incidents),
            Format::Csv => incidents(I::Csv),
            Format::GeoJson => incidents(I::GeoJson),
        }
    }
}
