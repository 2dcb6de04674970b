//! Files: project load/save, article import, exports. Knows nothing of windows.

pub mod atomic;
pub mod export;
pub mod import;
pub mod incident_file;
pub mod project_file;

pub use atomic::{SaveError, write_atomic};
pub use export::{ExportError, ExportFormat, export};
pub use incident_file::{
    IncidentFile, IncidentLoadError, IncidentParseError, export_incident, load_incident,
    parse_incident, save_incident,
};
pub use project_file::{
    LoadError, ParseError, load_project, parse_project, project_to_bytes, save_project,
};
