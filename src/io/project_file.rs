//! Loading and saving `.sitrep` project files (FORMAT.md, version 1).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::{SaveError, write_atomic};
use crate::model::{PROJECT_FORMAT, PROJECT_VERSION, Problem, Project, validate};

/// Files larger than this are refused before being read whole.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file could not be loaded. Each variant names the file and the problem.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is over [`MAX_FILE_BYTES`].
    #[error("{path} is {size} bytes, over the limit of {limit} bytes (256 MB) for a Sitrep file")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The contents could not be parsed or failed validation.
    #[error("{path}: {error}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: ParseError,
    },
}

impl LoadError {
    /// The validation problems, when that is what went wrong.
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Parse {
                error: ParseError::Invalid(problems),
                ..
            } => problems,
            _ => &[],
        }
    }
}

/// What is wrong with the bytes of a project file.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    /// Not UTF-8.
    #[error("the file is not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Not JSON, or JSON of the wrong shape.
    #[error("{0}")]
    Json(String),
    /// Not a project file.
    #[error("not a Sitrep project: format is {0:?}, expected \"sitrep/project\"")]
    WrongFormat(String),
    /// Written by a newer program.
    #[error(
        "written by a newer Sitrep (file version {found}; this program reads up to version {supported}); it was not changed"
    )]
    NewerVersion {
        /// Version in the file.
        found: u64,
        /// Newest we read.
        supported: u32,
    },
    /// Parsed, but breaks the rules.
    #[error("{}", describe_problems(.0))]
    Invalid(Vec<Problem>),
}

fn describe_problems(problems: &[Problem]) -> String {
    match problems {
        [one] => one.to_string(),
        many => {
            let first: Vec<String> = many.iter().take(5).map(|p| p.to_string()).collect();
            let more = many.len().saturating_sub(5);
            let tail = if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            };
            format!("{} problems: {}{tail}", many.len(), first.join("; "))
        }
    }
}

/// Read the whole file, refusing it when it is larger than [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(io)
}

/// Decode UTF-8 (dropping a byte-order mark) or say where it breaks.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8(e.valid_up_to()))
}

/// Parse JSON into `T`, naming the field at fault (`annotations[3].start: ...`).
pub fn parse_json<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            ParseError::Json(inner.to_string())
        } else {
            ParseError::Json(format!("{path}: {inner}"))
        }
    })?;
    de.end().map_err(|e| ParseError::Json(e.to_string()))?;
    Ok(value)
}

/// Just the fields that say what kind of file this is and which version.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

/// Check `format` and `version` before the full parse, so a newer file gets the right message
/// rather than an error about a field it renamed.
fn check_header(text: &str, expected: &str, supported: u32) -> Result<(), ParseError> {
    let header: Header = parse_json(text)?;
    let format = header.format.unwrap_or_default();
    if format != expected {
        return Err(ParseError::WrongFormat(format));
    }
    match header.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(supported) => Err(ParseError::NewerVersion {
            found: v,
            supported,
        }),
        Some(_) => Ok(()),
        None => Err(ParseError::Json(format!(
            "version: expected a whole number, found {}",
            header
                .version
                .map_or("nothing".to_owned(), |v| v.to_string())
        ))),
    }
}

/// Parse and validate the bytes of a project file.
pub fn parse_project(bytes: &[u8]) -> Result<Project, ParseError> {
    let text = decode_utf8(bytes)?;
    check_header(text, PROJECT_FORMAT, PROJECT_VERSION)?;
    let mut project: Project = parse_json(text)?;
    let problems = validate(&project);
    if !problems.is_empty() {
        return Err(ParseError::Invalid(problems));
    }
    project.sort_annotations();
    Ok(project)
}

/// Load and validate a project file.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let bytes = read_limited(path)?;
    parse_project(&bytes).map_err(|error| LoadError::Parse {
        path: path.to_owned(),
        error,
    })
}

/// The exact bytes a project is saved as: pretty JSON, two-space indent, trailing newline.
pub fn project_to_bytes(project: &Project) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(project)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Save a project atomically. The caller sets `modified` first if it wants it updated.
pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    let bytes = project_to_bytes(project).map_err(|source| SaveError::Serialize {
        path: path.to_owned(),
        source,
    })?;
    write_atomic(path, &bytes)
}
