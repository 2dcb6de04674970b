//! The exchange formats, all behind one closed [`Format`] enum: what a format is called, whether
//! it writes a folder or a file, and its export, single-file bytes and import.
//!
//! | format | writes | reads | module |
//! | --- | --- | --- | --- |
//! | brat standoff | a folder: `.txt` + `.ann`, confs | a folder, `.ann`, its `.txt` | [`brat`] |
//! | W3C Web Annotation | `.jsonld` | `.jsonld`, onto articles held | [`w3c`] |
//! | doccano | `.jsonl` | `.jsonl` | [`doccano`] |
//! | incident files | a folder of `*.incident.json` | — (each opens alone) | [`incident_files`] |
//! | ACLED CSV (31 columns) | `.csv`, and an extra `.csv` beside it | — | [`acled`] |
//! | UCDP GED-style CSV | `.csv` | — | [`ucdp`] |
//! | GeoJSON | `.geojson` | — | [`geojson`] |
//!
//! The window and the command line both go through [`Format`]; which format a path on disk is
//! in is [`crate::io::detect`]'s business.

pub mod acled;
pub mod brat;
pub mod doccano;
pub mod error;
pub mod geojson;
pub mod incident_facts;
pub mod incident_files;
pub mod shared;
pub mod ucdp;
pub mod w3c;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::model::Project;

pub use acled::{ACLED_COLUMNS, AcledTable, EXTRA_COLUMNS, acled_table, export_acled};
pub use error::{ExportError, FormatError};
pub use geojson::{export_geojson, incidents_geojson};
pub use incident_files::{export_incident_files, safe_file_stem};
pub use shared::{ImportReport, InteropError, LabelUse, MAX_WARNING_CHARS, TypeMap};
pub use ucdp::{UCDP_COLUMNS, export_ucdp};

/// One exchange format. The set is closed: a new format is a variant here and a module beside
/// this one, and every `match` below says what it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// brat standoff: a folder of `.txt` + `.ann`, with `annotation.conf` and friends.
    Brat,
    /// W3C Web Annotation JSON-LD: one `.jsonld` file.
    W3c,
    /// doccano JSONL: one `.jsonl` file, one article per line.
    Doccano,
    /// One `<id>.incident.json` per incident, into a folder.
    IncidentFiles,
    /// One CSV row per incident in ACLED's 31 columns (and, on request, an extra file).
    Acled,
    /// One CSV row per incident in UCDP GED's columns.
    Ucdp,
    /// A GeoJSON FeatureCollection of located incidents.
    GeoJson,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportReport {
    /// The format written.
    pub format: Format,
    /// The folder or file given.
    pub path: PathBuf,
    /// Every file written, in the order written.
    pub files: Vec<PathBuf>,
    /// One line for the user: what was written where.
    pub summary: String,
}

/// Choices an export may take besides its format and target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// For ACLED: where to write the extra file (our low/high figures, the evidence count, the
    /// incident id, and the incidents left out). `None` writes no extra file.
    pub extra: Option<PathBuf>,
    /// Export the articles a document label value leaves out of exports too ("relevant: no";
    /// see [`crate::model::LabelValue::excluded`]). They are left out by default.
    pub keep_excluded: bool,
}

/// The project an export writes: without the articles a label leaves out (unless asked to
/// keep them), and how many were left out.
pub fn project_for_export<'a>(
    project: &'a Project,
    options: &ExportOptions,
) -> (std::borrow::Cow<'a, Project>, usize) {
    let excluded = project.articles.iter().any(|a| project.is_excluded(a));
    if options.keep_excluded || !excluded {
        return (std::borrow::Cow::Borrowed(project), 0);
    }
    let (kept, n) = project.without_excluded();
    (std::borrow::Cow::Owned(kept), n)
}

impl Format {
    /// Every format, annotation formats first, in the order the menus list them.
    pub const ALL: [Format; 7] = [
        Format::Brat,
        Format::W3c,
        Format::Doccano,
        Format::IncidentFiles,
        Format::Acled,
        Format::Ucdp,
        Format::GeoJson,
    ];

    /// Every format, as [`Format::ALL`].
    pub fn all() -> &'static [Format] {
        &Self::ALL
    }

    /// The name used on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Brat => "brat",
            Format::W3c => "w3c",
            Format::Doccano => "doccano",
            Format::IncidentFiles => "incidents",
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
            Format::GeoJson => "geojson",
        }
    }

    /// The format a command-line name means, case-insensitively; besides [`Format::name`],
    /// the file extensions and a few spellings people type are accepted.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "brat" => Some(Format::Brat),
            "w3c" | "jsonld" | "web-annotation" => Some(Format::W3c),
            "doccano" | "jsonl" => Some(Format::Doccano),
            "incidents" | "incident" => Some(Format::IncidentFiles),
            // "csv" was the name of the ACLED-style export before it followed the codebook.
            "acled" | "csv" => Some(Format::Acled),
            "ucdp" | "ged" => Some(Format::Ucdp),
            "geojson" => Some(Format::GeoJson),
            _ => None,
        }
    }

    /// True for the formats that write annotations (brat, W3C, doccano); the others write
    /// incidents.
    pub fn is_annotation_format(self) -> bool {
        matches!(self, Format::Brat | Format::W3c | Format::Doccano)
    }

    /// True when the export writes a folder of files (so it needs a folder, and cannot go to
    /// standard output).
    pub fn writes_folder(self) -> bool {
        matches!(self, Format::Brat | Format::IncidentFiles)
    }

    /// True when the format can be imported (see [`Format::import`]).
    pub fn imports(self) -> bool {
        self.is_annotation_format()
    }

    /// The extension of the one file a file format writes (no dot); `None` for folders.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Brat | Format::IncidentFiles => None,
            Format::W3c => Some("jsonld"),
            Format::Doccano => Some("jsonl"),
            Format::Acled | Format::Ucdp => Some("csv"),
            Format::GeoJson => Some("geojson"),
        }
    }

    /// The file name a save dialog suggests; `None` for folders.
    pub fn default_file_name(self) -> Option<&'static str> {
        match self {
            Format::Brat | Format::IncidentFiles => None,
            Format::W3c => Some("annotations.jsonld"),
            Format::Doccano => Some("annotations.jsonl"),
            Format::Acled => Some("incidents-acled.csv"),
            Format::Ucdp => Some("incidents-ucdp-ged.csv"),
            Format::GeoJson => Some("incidents.geojson"),
        }
    }

    /// The title of the file or folder dialog that asks where to export.
    pub fn dialog_title(self) -> &'static str {
        match self {
            Format::Brat => "Export brat standoff into",
            Format::W3c => "Export W3C Web Annotation",
            Format::Doccano => "Export doccano JSONL",
            Format::IncidentFiles => "Export incident files into",
            Format::Acled => "Export incidents as ACLED CSV",
            Format::Ucdp => "Export incidents as UCDP GED CSV",
            Format::GeoJson => "Export incidents as GeoJSON",
        }
    }

    /// The entry in the Export menu.
    pub fn menu_label(self) -> &'static str {
        match self {
            Format::Brat => "brat standoff folder…",
            Format::W3c => "W3C Web Annotation (.jsonld)…",
            Format::Doccano => "doccano JSONL…",
            Format::IncidentFiles => "Incident files into a folder…",
            Format::Acled => "Incidents as ACLED CSV…",
            Format::Ucdp => "Incidents as UCDP GED CSV…",
            Format::GeoJson => "Incidents as GeoJSON…",
        }
    }

    /// Export the project to `out`: a folder (created if needed) for the folder formats, a
    /// file otherwise. Every file is written atomically.
    pub fn export(self, project: &Project, out: &Path) -> Result<ExportReport, FormatError> {
        self.export_with(project, out, &ExportOptions::default())
    }

    /// [`Format::export`] with options (the ACLED extra file).
    pub fn export_with(
        self,
        project: &Project,
        out: &Path,
        options: &ExportOptions,
    ) -> Result<ExportReport, FormatError> {
        let (project, left_out) = project_for_export(project, options);
        let project = project.as_ref();
        let shown = out.display();
        let n_ann = project.annotations.len();
        let (files, summary) = match self {
            Format::Brat => {
                let export = brat::write_brat(project, out)?;
                let files = export
                    .documents
                    .iter()
                    .flat_map(|d| ["txt", "ann"].map(|ext| out.join(format!("{}.{ext}", d.name))))
                    .chain(brat::CONF_FILES.iter().map(|name| out.join(name)))
                    .collect();
                let summary = format!(
                    "wrote {} with {}, annotation.conf, visual.conf, tools.conf and sitrep.tsv to {shown} (offsets in code points)",
                    crate::wording::count(export.documents.len(), "brat document"),
                    crate::wording::count(n_ann, "span"),
                );
                (files, summary)
            }
            Format::W3c => {
                let n = w3c::write_w3c(project, out)?;
                let summary = format!(
                    "wrote {} to {shown} (TextPositionSelector in code points)",
                    crate::wording::count(n, "W3C annotation")
                );
                (vec![out.to_owned()], summary)
            }
            Format::Doccano => {
                let n = doccano::write_doccano(project, out)?;
                let summary = format!(
                    "wrote {} with {} to {shown} (offsets in code points)",
                    crate::wording::count(n, "doccano line"),
                    crate::wording::count(n_ann, "span")
                );
                (vec![out.to_owned()], summary)
            }
            Format::IncidentFiles => {
                let files = export_incident_files(project, out)?;
                let summary = format!("wrote {} to {shown}", plural(files.len(), "incident file"));
                (files, summary)
            }
            Format::Acled => {
                let table = export_acled(project, out, options.extra.as_deref())?;
                let mut files = vec![out.to_owned()];
                let mut summary = table.summary(&shown.to_string());
                if let Some(extra) = &options.extra {
                    files.push(extra.clone());
                    summary.push_str(&format!(", and the extra columns to {}", extra.display()));
                }
                (files, summary)
            }
            Format::Ucdp | Format::GeoJson => {
                if self == Format::Ucdp {
                    export_ucdp(project, out)?;
                } else {
                    export_geojson(project, out)?;
                }
                let summary = format!(
                    "wrote {} to {shown}",
                    plural(project.incidents.len(), "incident")
                );
                (vec![out.to_owned()], summary)
            }
        };
        let summary = if left_out > 0 {
            format!(
                "{summary}; left out {} a document label excludes",
                crate::wording::count(left_out, "article")
            )
        } else {
            summary
        };
        Ok(ExportReport {
            format: self,
            path: out.to_owned(),
            files,
            summary,
        })
    }

    /// The bytes of the one file a file format writes, exactly as [`Format::export`] would
    /// write them (for `--out -`); a folder format fails with [`FormatError::WritesFolder`].
    pub fn to_bytes(self, project: &Project) -> Result<Vec<u8>, FormatError> {
        match self {
            Format::W3c => Ok(w3c::w3c_bytes(project)?),
            Format::Doccano => Ok(doccano::to_doccano(project)?.into_bytes()),
            Format::Acled => Ok(acled::acled_bytes(project)?),
            Format::Ucdp => Ok(ucdp::ucdp_bytes(project)?),
            Format::GeoJson => Ok(geojson::geojson_bytes(project).map_err(InteropError::from)?),
            Format::Brat | Format::IncidentFiles => Err(FormatError::WritesFolder(self)),
        }
    }

    /// Import `path` in this format into the project: for brat a folder, a `.ann` or the
    /// `.txt` beside one. Fails with [`InteropError::NotInterop`] for the formats that only
    /// export. Lines that cannot be used become warnings in the report.
    pub fn import(
        self,
        project: &mut Project,
        path: &Path,
        map: &TypeMap,
    ) -> Result<ImportReport, InteropError> {
        match self {
            Format::Brat if path.is_dir() => brat::import_brat_dir(project, path, map),
            Format::Brat => brat::import_brat_pair(project, path, map),
            Format::W3c => w3c::import_w3c_file(project, path, map),
            Format::Doccano => doccano::import_doccano_file(project, path, map),
            Format::IncidentFiles | Format::Acled | Format::Ucdp | Format::GeoJson => {
                Err(InteropError::NotInterop(path.to_owned()))
            }
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// [`Format::from_name`], with a message listing the names when it fails.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Format::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!(
                "unknown export format {name:?} (expected {})",
                names.join(", ")
            )
        })
    }
}

/// `1 incident`, `2 incidents`, `2 incident files`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_aliases_parse() {
        for f in Format::all() {
            assert_eq!(Format::from_name(f.name()), Some(*f));
            assert_eq!(f.name().parse::<Format>(), Ok(*f));
            assert_eq!(f.extension().is_none(), f.writes_folder());
            assert_eq!(f.default_file_name().is_none(), f.writes_folder());
        }
        assert_eq!(Format::from_name("CSV"), Some(Format::Acled));
        assert_eq!(Format::from_name("jsonld"), Some(Format::W3c));
        assert_eq!(Format::from_name("JSONL"), Some(Format::Doccano));
        assert_eq!(Format::from_name("incident"), Some(Format::IncidentFiles));
        assert_eq!(Format::from_name("xml"), None);
        assert_eq!(
            "xml".parse::<Format>(),
            Err(
                "unknown export format \"xml\" (expected brat, w3c, doccano, incidents, acled, ucdp, geojson)"
                    .to_owned()
            )
        );
    }

    #[test]
    fn folder_formats_have_no_bytes_and_export_only_formats_do_not_import() {
        let mut project = Project::new("p");
        for f in Format::all() {
            let bytes = f.to_bytes(&project);
            assert_eq!(f.writes_folder(), bytes.is_err(), "{f}");
            if !f.imports() {
                let err = f.import(&mut project, Path::new("x"), &TypeMap::new());
                assert!(matches!(err, Err(InteropError::NotInterop(_))), "{f}");
            }
        }
    }

    #[test]
    fn file_exports_write_what_to_bytes_gives() {
        let dir = tempfile::tempdir().unwrap();
        let mut project = Project::new("p");
        project
            .articles
            .push(crate::model::Article::new("art-1", "T", "Some text."));
        for f in Format::all().iter().filter(|f| !f.writes_folder()) {
            let out = dir.path().join(format!("out.{}", f.extension().unwrap()));
            let report = f.export(&project, &out).unwrap();
            assert_eq!(report.files, vec![out.clone()]);
            assert_eq!(
                std::fs::read(&out).unwrap(),
                f.to_bytes(&project).unwrap(),
                "{f}"
            );
        }
    }
}
