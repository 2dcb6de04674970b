//! Loading and saving `.sitrep` project files (docs/FORMAT.md, version 1).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::{SaveError, write_atomic_with};
use crate::model::{PROJECT_FORMAT, PROJECT_VERSION, Problem, Project, validate};

pub use crate::limits::MAX_FILE_BYTES;

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
    #[error("{}", describe_format(.0))]
    WrongFormat(String),
    /// JSON, but not an object.
    #[error("not a Sitrep project: the file holds {0}, not a JSON object")]
    WrongShape(&'static str),
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

fn describe_format(found: &str) -> String {
    match found {
        "" => "not a Sitrep project: the format field is missing".to_owned(),
        "sitrep/incident" => {
            "this is a Sitrep incident file, not a project (format \"sitrep/incident\")".to_owned()
        }
        other => format!("not a Sitrep project: format is {other:?}, expected \"sitrep/project\""),
    }
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
///
/// The size is checked on the open handle before reading, and the read itself stops one byte
/// past the limit, so a file that grows between the check and the read is still refused.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read as _;
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let too_large = |size| LoadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_FILE_BYTES,
    };
    let (file, meta) = super::regular::open_regular(path).map_err(io)?;
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    // Reserve what the file says it holds (bounded by the limit just checked).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_FILE_BYTES {
        return Err(too_large(read));
    }
    Ok(bytes)
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
        let message = explain_json_error(text, &inner);
        if path == "." || path == "?" || path.is_empty() {
            ParseError::Json(message)
        } else {
            ParseError::Json(format!("{path}: {message}"))
        }
    })?;
    de.end()
        .map_err(|e| ParseError::Json(explain_json_error(text, &e)))?;
    Ok(value)
}

/// serde_json's message, with the cause spelled out where serde_json's words would puzzle an
/// analyst: a file cut short, `NaN`/`Infinity` (not JSON), a nesting bomb.
fn explain_json_error(text: &str, err: &serde_json::Error) -> String {
    let base = err.to_string();
    if text.trim().is_empty() {
        return "the file is empty".to_owned();
    }
    if err.is_eof() {
        return format!("the file is cut short (truncated): {base}");
    }
    if base.starts_with("recursion limit exceeded") {
        return format!("the JSON is nested too deeply (more than 128 levels): {base}");
    }
    if err.is_syntax() {
        // serde_json reports 1-based line and column; find what starts there. For a bad
        // number the column is one past a leading minus sign, so look one byte back too.
        let line = text
            .split('\n')
            .nth(err.line().saturating_sub(1))
            .unwrap_or("");
        let col = err.column().saturating_sub(1);
        let at = line.get(col..).unwrap_or("");
        let signed = col
            .checked_sub(1)
            .and_then(|c| line.get(c..))
            .filter(|s| s.starts_with('-'))
            .unwrap_or(at);
        for word in ["-Infinity", "-NaN", "NaN", "Infinity"] {
            if signed.starts_with(word) || at.starts_with(word) {
                return format!("{word} is not a number JSON allows: {base}");
            }
        }
        if at.starts_with("//") || at.starts_with("/*") {
            return format!("comments are not allowed in JSON: {base}");
        }
        if base.contains("hex escape") {
            return format!("a string holds a broken \\u escape: {base}");
        }
    }
    base
}

/// Just the fields that say what kind of file this is and which version.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

/// Check `format` (it must be `expected`) and `version` (at most `supported`) before the full
/// parse, so a newer or foreign file gets the right message rather than an error about a field
/// it renamed. Shared by project and incident files.
pub(crate) fn check_header(text: &str, expected: &str, supported: u32) -> Result<(), ParseError> {
    // Say plainly when the file is JSON but not an object at all (serde would name its
    // internal struct instead).
    match text.trim_start().chars().next() {
        None => return Err(ParseError::Json("the file is empty".to_owned())),
        Some('{') => {}
        Some('[') => return Err(ParseError::WrongShape("a JSON array")),
        Some('"') => return Err(ParseError::WrongShape("a JSON string")),
        Some(c) if c.is_ascii_digit() || c == '-' => {
            return Err(ParseError::WrongShape("a JSON number"));
        }
        Some('t' | 'f' | 'n') => return Err(ParseError::WrongShape("a bare JSON value")),
        Some(_) => {}
    }
    let header: Header = parse_json(text)?;
    check_format_version(header, expected, supported)
}

/// Refuse the file when `format` is not `expected` or `version` is not one this program reads.
fn check_format_version(header: Header, expected: &str, supported: u32) -> Result<(), ParseError> {
    let Some(format) = header.format else {
        return Err(ParseError::WrongFormat(String::new()));
    };
    if format != expected {
        return Err(ParseError::WrongFormat(format));
    }
    match header.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(supported) => Err(ParseError::NewerVersion {
            found: v,
            supported,
        }),
        Some(0) => Err(ParseError::Json(
            "version: 0 is not a Sitrep file version (versions start at 1)".to_owned(),
        )),
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
    // Parse once. Only when that fails is the header looked at on its own, so that a newer or
    // foreign file gets the message about its format or version rather than one about a field
    // it renamed; the messages are the same as checking the header first.
    let mut project: Project = match parse_json(text) {
        Ok(project) => project,
        Err(err) => {
            check_header(text, PROJECT_FORMAT, PROJECT_VERSION)?;
            return Err(err);
        }
    };
    let header = Header {
        format: Some(std::mem::take(&mut project.format)),
        version: Some(project.version.into()),
    };
    check_format_version(header, PROJECT_FORMAT, PROJECT_VERSION)?;
    project.format = PROJECT_FORMAT.to_owned();
    let problems = validate(&project);
    if !problems.is_empty() {
        return Err(ParseError::Invalid(problems));
    }
    project.sort_annotations();
    Ok(project)
}

/// Load and validate a project file.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    load_project_keeping_bytes(path).map(|(project, _)| project)
}

/// [`load_project`], returning the bytes read as well (the window keeps them as the version on
/// disk, instead of reading the file a second time).
pub fn load_project_keeping_bytes(path: &Path) -> Result<(Project, Vec<u8>), LoadError> {
    // Two steps for a window that shows how far an open has got: read, then parsed and checked.
    super::progress::set_total(2);
    let bytes = read_limited(path)?;
    super::progress::advance(1);
    let project = parse_project(&bytes).map_err(|error| LoadError::Parse {
        path: path.to_owned(),
        error,
    })?;
    super::progress::advance(2);
    Ok((project, bytes))
}

/// The exact bytes a project is saved as: pretty JSON, two-space indent, trailing newline.
pub fn project_to_bytes(project: &Project) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(project)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Never save what could not be opened again: a project over [`MAX_FILE_BYTES`] is refused
/// before anything is written, and the old file stays as it was.
fn refuse_oversize(path: &Path, size: u64) -> Result<(), SaveError> {
    if size > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// Save a project atomically, keeping the file it replaces as `NAME.bak` (one level).
///
/// The caller sets `modified` first if it wants it updated. On error nothing on disk has
/// changed (the old file and its backup are as they were) and no temp file is left behind.
pub fn save_project(path: &Path, project: &Project) -> Result<(), SaveError> {
    save_project_keeping_bytes(path, project).map(drop)
}

/// [`save_project`], returning the bytes written (the window keeps them as the version on
/// disk, instead of reading the file back).
pub fn save_project_keeping_bytes(path: &Path, project: &Project) -> Result<Vec<u8>, SaveError> {
    let bytes = project_to_bytes(project).map_err(|source| SaveError::Serialize {
        path: path.to_owned(),
        source,
    })?;
    refuse_oversize(path, bytes.len() as u64)?;
    write_atomic_with(path, true, |w| w.write_all(&bytes))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_over_the_load_limit_is_not_saved() {
        let path = Path::new("big.sitrep");
        assert!(refuse_oversize(path, MAX_FILE_BYTES).is_ok());
        let err = refuse_oversize(path, MAX_FILE_BYTES + 1).expect_err("over the limit");
        assert!(err.to_string().contains("nothing was written"), "{err}");
    }
}
