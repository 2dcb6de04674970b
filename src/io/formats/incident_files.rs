//! Incident files as an export: one `<id>.incident.json` per incident of the project, into a
//! folder. The file format itself (and the export of a single incident) is
//! [`crate::io::incident_file`]'s; this module only names and writes the files.
//!
//! Every file is written atomically with [`write_atomic`]: a failed export never leaves half a
//! file where a good one stood.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::error::ExportError;
use crate::io::atomic::write_atomic;
use crate::io::incident_file::{export_incident, incident_to_bytes};
use crate::model::Project;

/// A file name stem safe on every platform, from an incident id: letters, digits, `-`, `_` and
/// `.` kept, anything else (slashes, colons, spaces) becomes `_`; no leading dot, at most 100
/// chars, never empty.
pub fn safe_file_stem(id: &str) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    while stem.starts_with('.') {
        stem.remove(0);
    }
    if stem.is_empty() {
        stem.push_str("incident");
    }
    stem
}

/// Write one `<id>.incident.json` per incident into `dir` (created if missing). Ids that map to
/// the same safe name (or differ only in case) get `-2`, `-3`... Returns the files written.
pub fn export_incident_files(project: &Project, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir {
        path: dir.to_owned(),
        source,
    })?;
    let mut taken: HashSet<String> = HashSet::new();
    let mut written = Vec::with_capacity(project.incidents.len());
    for incident in &project.incidents {
        let stem = safe_file_stem(&incident.id);
        let mut name = stem.clone();
        let mut n = 1;
        // Compare lower-cased: on case-insensitive file systems "Inc-1" and "inc-1" collide.
        while !taken.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{stem}-{n}");
        }
        let path = dir.join(format!("{name}.incident.json"));
        let file =
            export_incident(project, &incident.id).map_err(|source| ExportError::Incident {
                path: path.clone(),
                source,
            })?;
        let bytes = incident_to_bytes(&file).map_err(|source| ExportError::Json {
            path: path.clone(),
            source,
        })?;
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(safe_file_stem("inc-1"), "inc-1");
        assert_eq!(safe_file_stem("../etc/passwd"), "_etc_passwd");
        assert_eq!(safe_file_stem("..."), "incident");
        assert_eq!(safe_file_stem("a b:c"), "a_b_c");
        assert_eq!(safe_file_stem(""), "incident");
    }
}
