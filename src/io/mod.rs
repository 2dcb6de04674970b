//! Files. Knows nothing of windows.
//!
//! Storage of Sitrep's own files sits at the top: [`project_file`], [`incident_file`], the
//! [`atomic`] save, the project [`lock`] and crash [`recovery`]. Beside it: [`detect`] (what a
//! path is), [`articles`] (article texts: txt, md, html, pdf, docx) and [`formats`] (exchange
//! formats: brat, W3C, doccano, incident files, CSV, GeoJSON).

pub mod articles;
pub mod atomic;
pub mod corpus;
pub mod detect;
pub mod formats;
pub mod incident_file;
pub mod lock;
pub mod progress;
pub mod project_file;
pub mod recovery;
pub mod regular;

pub use articles::{ArticleDraft, ImportError, article_from_text, import_file};
pub use atomic::{SaveError, backup_path, write_atomic, write_atomic_with};
pub use detect::FileKind;
pub use formats::{ExportError, ExportReport, Format, FormatError};
pub use incident_file::{
    IncidentFile, IncidentLoadError, IncidentParseError, export_incident, load_incident,
    parse_incident, save_incident,
};
pub use lock::{LockError, LockInfo, ProjectLock};
pub use project_file::{
    LoadError, MAX_FILE_BYTES, ParseError, load_project, parse_project, project_to_bytes,
    save_project,
};
pub use recovery::{RecoveryStore, discard_recovery, find_recovery, write_recovery};
