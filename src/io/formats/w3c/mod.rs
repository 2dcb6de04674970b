//! W3C Web Annotation (<https://www.w3.org/TR/annotation-model/>), JSON-LD, both ways.
//!
//! [`export`] writes the whole project as one `AnnotationCollection`; [`import`] puts the
//! annotations of such a file (from Sitrep or another tool) onto the articles the project
//! already holds, since a Web Annotation carries no text of its own.

pub mod export;
pub mod import;

pub use export::{ANNO_CONTEXT, article_iri, to_w3c, w3c_bytes, write_w3c};
pub use import::{UNTAGGED_LABEL, import_w3c_file, import_w3c_str};
