//! Files: project load/save, article import, exports. Knows nothing of windows.

pub mod atomic;
pub mod brat;
pub mod doccano;
pub mod export;
pub mod import;
pub mod incident_file;
pub mod interop;
pub mod interop_cli;
pub mod lock;
pub mod project_file;
pub mod recovery;
pub mod w3c;
pub mod w3c_import;

pub use atomic::{SaveError, backup_path, write_atomic, write_atomic_with};
pub use export::{ExportError, ExportFormat, export};
pub use import::{ArticleDraft, ImportError, article_from_text, import_file};
pub use incident_file::{
    IncidentFile, IncidentLoadError, IncidentParseError, export_incident, load_incident,
    parse_incident, save_incident,
};
pub use lock::{LockError, ProjectLock};
pub use project_file::{
    LoadError, MAX_FILE_BYTES, ParseError, load_project, parse_project, project_to_bytes,
    save_project,
};
pub use recovery::{RecoveryStore, discard_recovery, find_recovery, write_recovery};
