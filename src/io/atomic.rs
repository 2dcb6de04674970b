//! Atomic file replacement: a reader sees the old file or the new one, never half of either.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a save failed. The target file is untouched when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The folder to save into does not exist or cannot be used.
    #[error("cannot save {path}: {source}")]
    Io {
        /// The file that was being written.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The project could not be turned into JSON (should not happen).
    #[error("cannot save {path}: {source}")]
    Serialize {
        /// The file that was being written.
        path: PathBuf,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
}

/// Write `bytes` to `path` atomically: write a temp file in the same folder, fsync it, rename it
/// over the target, then fsync the folder so the rename itself survives a power cut. On any
/// failure the temp file is removed and the target is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let io_err = |source| SaveError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sitrep".to_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    tmp.write_all(bytes).map_err(io_err)?;
    tmp.flush().map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    // Keep the permissions of the file being replaced, if any.
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Flush a folder's entries to disk (a no-op where the platform cannot).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
