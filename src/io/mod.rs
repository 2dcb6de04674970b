//! Files: project load/save, article import, exports. Knows nothing of windows.

pub mod atomic;
pub mod import;
pub mod project_file;

pub use atomic::{SaveError, write_atomic};
pub use import::{ArticleDraft, ImportError, article_from_text, import_file};
pub use project_file::{
    LoadError, ParseError, load_project, parse_project, project_to_bytes, save_project,
};
