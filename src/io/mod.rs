//! Files: project load/save, article import, exports. Knows nothing of windows.

pub mod atomic;
pub mod brat;
pub mod doccano;
pub mod import;
pub mod interop;
pub mod interop_cli;
pub mod project_file;
pub mod w3c;

pub use atomic::{SaveError, write_atomic};
pub use import::{ArticleDraft, ImportError, article_from_text, import_file};
pub use project_file::{
    LoadError, ParseError, load_project, parse_project, project_to_bytes, save_project,
};
