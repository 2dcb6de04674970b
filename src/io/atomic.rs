//! Atomic file replacement: a reader sees the old file or the new one, never half of either.
//!
//! The sequence for a save of `NAME` is:
//! 1. remove temp files that an earlier, killed save left behind (`.NAME.XXXXXX.tmp`);
//! 2. write the new contents to a fresh temp file `.NAME.XXXXXX.tmp` in the same folder, fsync;
//! 3. optionally keep the current `NAME` as `NAME.bak` (a hard link, so the old bytes are never
//!    copied and `NAME` itself is not touched);
//! 4. rename the temp file over `NAME` (atomic on POSIX), then fsync the folder.
//!
//! At every instant `NAME` is either the complete old file or the complete new one. A process
//! killed during step 2 leaves at most one temp file, which the next save removes.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a save failed. The target file is untouched when this is returned, and no temp file is
/// left behind.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The system refused: missing or read-only folder, full disk, ...
    #[error("cannot save {path}: {}", describe_io(.source, .path))]
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
    /// The path names something other than a file (a folder, a device, a pipe): replacing it
    /// would destroy it, so nothing was written.
    #[error("cannot save {path}: it is not a regular file ({kind}); nothing was written")]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What is there instead.
        kind: &'static str,
    },
    /// The project would be larger than a project file may be
    /// ([`crate::limits::MAX_FILE_BYTES`]), so it could not be opened again: not written.
    #[error(
        "cannot save {path}: the project would be {} MB, over the {} MB a project file may hold; \
         nothing was written (split the project, or remove articles or annotations)",
        size / 1_000_000, limit / 1_000_000
    )]
    TooLarge {
        /// The file that was being written.
        path: PathBuf,
        /// Bytes it would have.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The previous version could not be kept as a backup, so the save was not made.
    #[error("cannot save {path}: the previous version could not be kept as {backup}: {source}")]
    Backup {
        /// The file that was being written.
        path: PathBuf,
        /// The backup file.
        backup: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

impl SaveError {
    /// The file the save was meant to write.
    pub fn path(&self) -> &Path {
        match self {
            SaveError::Io { path, .. }
            | SaveError::Serialize { path, .. }
            | SaveError::NotAFile { path, .. }
            | SaveError::TooLarge { path, .. }
            | SaveError::Backup { path, .. } => path,
        }
    }
}

/// Put the system's error into words an analyst can act on, keeping the system's text too.
fn describe_io(err: &std::io::Error, path: &Path) -> String {
    use std::io::ErrorKind as K;
    let folder = folder_of(path);
    let reason = match err.kind() {
        // Only say the folder is missing when it is: a file that vanished mid-save (another
        // program removed the temp file or the old version) is another story.
        K::NotFound if !folder.is_dir() => {
            format!("the folder {} does not exist", folder.display())
        }
        K::NotFound => "a file of the save vanished while it was written (another program \
                        removed it, or a second writer); the project file is as it was"
            .to_owned(),
        K::NotADirectory => format!("{} is not a folder", folder.display()),
        K::PermissionDenied => format!(
            "permission denied (the folder {} is read-only or belongs to someone else)",
            folder.display()
        ),
        K::ReadOnlyFilesystem => format!("the folder {} is on a read-only disk", folder.display()),
        K::StorageFull => "the disk is full".to_owned(),
        K::QuotaExceeded => "the disk quota is exceeded".to_owned(),
        K::IsADirectory => "a folder of that name is in the way".to_owned(),
        _ => return err.to_string(),
    };
    format!("{reason} ({err})")
}

/// The folder a file lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The file name as text, for building temp and backup names.
fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sitrep".to_owned())
}

/// Length of the random part tempfile puts between our prefix and suffix.
const TEMP_RANDOM_LEN: usize = 6;
/// Suffix of every temp file we write.
const TEMP_SUFFIX: &str = ".tmp";

/// The prefix of temp files for `path`: `.NAME.` (hidden, so file browsers do not show it).
fn temp_prefix(path: &Path) -> String {
    format!(".{}.", name_of(path))
}

/// True when `file_name` is a temp file that a save of `path` writes (`.NAME.XXXXXX.tmp`).
/// Strict, so that the temp files of `NAME.bak` or of other files in the folder never match.
pub fn is_temp_file_of(path: &Path, file_name: &str) -> bool {
    let prefix = temp_prefix(path);
    file_name
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The temp files that saves of `path` left in its folder (normally none).
pub fn stray_temp_files(path: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| is_temp_file_of(path, &e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect()
}

/// Remove what interrupted saves of `path` left beside it: its own temp files, and lock temp
/// files (`.sitrep-lock.*.tmp`) over a minute old. Call it holding the project's lock, so no
/// save of this project is under way; a lock temp file lives for microseconds, so one a
/// minute old belongs to a process that died. Returns how many were removed.
pub fn remove_litter(path: &Path) -> usize {
    let mut removed = 0;
    for stray in stray_temp_files(path) {
        removed += usize::from(std::fs::remove_file(stray).is_ok());
    }
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return removed;
    };
    let old = |e: &std::fs::DirEntry| {
        e.metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() >= 60)
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let lock_temp = name.starts_with(".sitrep-lock.") && name.ends_with(TEMP_SUFFIX);
        if lock_temp && entry.file_type().is_ok_and(|t| t.is_file()) && old(&entry) {
            removed += usize::from(std::fs::remove_file(entry.path()).is_ok());
        }
    }
    removed
}

/// The backup kept beside a saved file: `NAME.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_owned()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Write `bytes` to `path` atomically (see the module docs). No backup is kept.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomic_with(path, false, |w| w.write_all(bytes))
}

/// Write a file atomically, the contents produced by `fill` into the temp file's writer.
///
/// `fill` is where a caller streams its bytes; tests also use it to inject a writer failure
/// (a full disk) at any point. With `keep_backup`, the file being replaced, if any, is kept as
/// [`backup_path`] first. On any failure the temp file is removed and `path` is left as it was.
pub fn write_atomic_with<F>(path: &Path, keep_backup: bool, fill: F) -> Result<(), SaveError>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    // A symbolic link stays a link: its target is what gets replaced. Anything that is not a
    // file is refused, since the rename would put a file in its place.
    let resolved = resolve_target(path)?;
    let path = resolved.as_path();
    // A save killed earlier may have left its temp file; nobody else writes these names
    // (the project lock keeps a second instance away), so they are safe to remove.
    for stray in stray_temp_files(path) {
        std::fs::remove_file(stray).ok();
    }
    write_in_place(path, keep_backup, fill)?;
    sync_dir(&folder_of(path));
    Ok(())
}

/// Write many files atomically, each as [`write_atomic`] does, but reading each folder once for
/// the temp files that killed saves left (where [`write_atomic`] reads it once per file, which
/// made an export of 10k documents into one folder quadratic) and syncing each folder once at
/// the end. Stops at the first failure; the files written before it stay written.
pub fn write_atomic_files<'a>(
    files: impl IntoIterator<Item = (PathBuf, &'a [u8])>,
) -> Result<(), SaveError> {
    let mut resolved = Vec::new();
    for (path, bytes) in files {
        resolved.push((resolve_target(&path)?, bytes));
    }
    // Folder → the names written into it.
    let mut folders: std::collections::BTreeMap<PathBuf, std::collections::HashSet<String>> =
        std::collections::BTreeMap::new();
    for (path, _) in &resolved {
        folders
            .entry(folder_of(path))
            .or_default()
            .insert(name_of(path));
    }
    for (dir, names) in &folders {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            // `.NAME.XXXXXX.tmp` names NAME; check it strictly as a save of NAME would.
            let cut = 1 + 1 + TEMP_RANDOM_LEN + TEMP_SUFFIX.len();
            let owner = file_name
                .get(1..file_name.len().saturating_sub(cut - 1))
                .filter(|_| file_name.len() > cut);
            if let Some(owner) = owner
                && names.contains(owner)
                && is_temp_file_of(&dir.join(owner), &file_name)
            {
                std::fs::remove_file(entry.path()).ok();
            }
        }
    }
    write_batched(resolved)?;
    for dir in folders.keys() {
        sync_dir(dir);
    }
    Ok(())
}

/// The temp file, its contents, its sync and the rename onto `path` (already resolved); the
/// caller removes stray temp files first and syncs the folder after.
fn write_in_place<F>(path: &Path, keep_backup: bool, fill: F) -> Result<(), SaveError>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let tmp = filled_temp(path, fill)?;
    tmp.as_file().sync_all().map_err(|e| io_error(path, e))?;
    put_in_place(tmp, path, keep_backup)
}

fn io_error(path: &Path, source: std::io::Error) -> SaveError {
    SaveError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A temp file beside `path` holding what `fill` wrote, not yet synced. Dropping it (on an
/// early return) deletes it.
fn filled_temp<F>(path: &Path, fill: F) -> Result<tempfile::NamedTempFile, SaveError>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_LEN)
        .tempfile_in(folder_of(path))
        .map_err(|e| io_error(path, e))?;
    {
        let mut writer = std::io::BufWriter::with_capacity(256 * 1024, tmp.as_file_mut());
        fill(&mut writer).map_err(|e| io_error(path, e))?;
        writer.flush().map_err(|e| io_error(path, e))?;
    }
    Ok(tmp)
}

/// Rename a synced temp file onto `path`, keeping the permissions of the file it replaces
/// (and that file as the backup, with `keep_backup`).
fn put_in_place(
    tmp: tempfile::NamedTempFile,
    path: &Path,
    keep_backup: bool,
) -> Result<(), SaveError> {
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).ok();
    }
    if keep_backup {
        keep_previous(path).map_err(|source| SaveError::Backup {
            path: path.to_owned(),
            backup: backup_path(path),
            source,
        })?;
    }
    tmp.persist(path).map_err(|e| io_error(path, e.error))?;
    Ok(())
}

/// Files [`write_atomic_files`] writes before syncing them together (fewer than the usual
/// limit of open files), where there is no `syncfs`.
#[cfg(not(target_os = "linux"))]
const BATCH_FILES: usize = 256;
/// Threads that sync a batch: a sync mostly waits for the disk, and the disk serves many at
/// once (5,000 small files: 8 s one after another, 0.5 s sixteen at a time).
#[cfg(not(target_os = "linux"))]
const SYNC_THREADS: usize = 16;

/// Write `files` (resolved paths) so that every file is on disk before it replaces another:
/// on Linux all temp files are written, one `syncfs` per file system puts them on disk, then
/// they are renamed into place; elsewhere in batches synced file by file.
fn write_batched(files: Vec<(PathBuf, &[u8])>) -> Result<(), SaveError> {
    #[cfg(target_os = "linux")]
    {
        write_then_syncfs(files)
    }
    #[cfg(not(target_os = "linux"))]
    {
        write_batched_each_synced(files)
    }
}

/// Every temp file written and closed, then one `syncfs` for each folder's file system, then
/// the renames. A sync per file cost a 10k-article brat export seconds of waiting on the disk
/// (each fsync is a journal commit); one syncfs commits them together. If anything fails
/// before the renames, the temp files are removed and no target is touched.
#[cfg(target_os = "linux")]
fn write_then_syncfs(files: Vec<(PathBuf, &[u8])>) -> Result<(), SaveError> {
    super::progress::set_total(files.len());
    let mut temps = Vec::with_capacity(files.len());
    for (n, (path, bytes)) in files.iter().enumerate() {
        super::progress::advance(n);
        // Closed at once (the path is kept): twenty thousand open files would pass the limit.
        temps.push(filled_temp(path, |w| w.write_all(bytes))?.into_temp_path());
    }
    let mut synced = std::collections::HashSet::new();
    for (path, _) in &files {
        let folder = folder_of(path);
        if synced.insert(folder.clone()) {
            let dir = std::fs::File::open(&folder).map_err(|e| io_error(path, e))?;
            rustix::fs::syncfs(&dir).map_err(|e| io_error(path, e.into()))?;
        }
    }
    for (tmp, (path, _)) in temps.into_iter().zip(&files) {
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions()).ok();
        }
        tmp.persist(path).map_err(|e| io_error(path, e.error))?;
    }
    Ok(())
}

/// Each batch's temp files are filled, synced in parallel, then renamed into place.
#[cfg(not(target_os = "linux"))]
fn write_batched_each_synced(files: Vec<(PathBuf, &[u8])>) -> Result<(), SaveError> {
    super::progress::set_total(files.len());
    for (n, batch) in files.chunks(BATCH_FILES).enumerate() {
        super::progress::advance(n * BATCH_FILES);
        let mut temps = Vec::with_capacity(batch.len());
        for (path, bytes) in batch {
            temps.push(filled_temp(path, |w| w.write_all(bytes))?);
        }
        let per_thread = temps.len().div_ceil(SYNC_THREADS).max(1);
        let synced: Result<(), SaveError> = std::thread::scope(|scope| {
            let workers: Vec<_> = temps
                .chunks(per_thread)
                .zip(batch.chunks(per_thread))
                .map(|(ts, ps)| {
                    scope.spawn(move || {
                        for (tmp, (path, _)) in ts.iter().zip(ps) {
                            tmp.as_file().sync_all().map_err(|e| io_error(path, e))?;
                        }
                        Ok(())
                    })
                })
                .collect();
            for worker in workers {
                match worker.join() {
                    Ok(result) => result?,
                    Err(_) => {
                        return Err(io_error(
                            Path::new("."),
                            std::io::Error::other("a sync thread panicked"),
                        ));
                    }
                }
            }
            Ok(())
        });
        synced?;
        for (tmp, (path, _)) in temps.into_iter().zip(batch) {
            put_in_place(tmp, path, false)?;
        }
    }
    Ok(())
}

/// The file a save to `path` should replace: `path` itself, or the file a symbolic link (or a
/// chain of them) points at. Refuses folders, devices, pipes and sockets.
fn resolve_target(path: &Path) -> Result<PathBuf, SaveError> {
    let mut target = path.to_owned();
    // Links are followed one by one (at most 40, as the kernel does) so that a link to a file
    // not yet created still names where to create it.
    for _ in 0..40 {
        let meta = match std::fs::symlink_metadata(&target) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(target),
            Err(source) => {
                return Err(SaveError::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let kind = meta.file_type();
        if kind.is_file() {
            return Ok(target);
        }
        if !kind.is_symlink() {
            let what = if kind.is_dir() {
                "a folder"
            } else {
                "a device, pipe or socket"
            };
            return Err(SaveError::NotAFile {
                path: path.to_owned(),
                kind: what,
            });
        }
        let link = std::fs::read_link(&target).map_err(|source| SaveError::Io {
            path: path.to_owned(),
            source,
        })?;
        target = folder_of(&target).join(link);
    }
    Err(SaveError::Io {
        path: path.to_owned(),
        source: std::io::Error::other("too many levels of symbolic links"),
    })
}

/// Make `NAME.bak` hold the current contents of `NAME`, leaving `NAME` itself untouched.
///
/// A hard link shares the old file's data, so it costs no space and cannot half-fail; the
/// rename that follows gives `NAME` a new file while the link keeps the old one. Where hard
/// links are not supported the old file is copied to the backup atomically instead.
fn keep_previous(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => {}
        // Nothing to back up (first save), or something we should not touch.
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let backup = backup_path(path);
    match std::fs::remove_file(&backup) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    // If the process dies between the removal and the link, only the backup is missing; the
    // project file is still complete.
    match std::fs::hard_link(path, &backup) {
        Ok(()) => Ok(()),
        Err(_) => {
            let old = std::fs::read(path)?;
            write_atomic(&backup, &old).map_err(|e| match e {
                SaveError::Io { source, .. } | SaveError::Backup { source, .. } => source,
                SaveError::Serialize { source, .. } => std::io::Error::other(source),
                e @ (SaveError::NotAFile { .. } | SaveError::TooLarge { .. }) => {
                    std::io::Error::other(e.to_string())
                }
            })
        }
    }
}

/// Flush a folder's entries to disk (a no-op where the platform cannot).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
