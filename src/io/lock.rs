//! One writer per project: a lock file `NAME.sitrep.lock` beside the project.
//!
//! The lock is advisory: it lets a second Sitrep (or the CLI) warn that the project is already
//! open, rather than having two programs overwrite each other's saves. It holds who took it
//! (pid, host, time) as JSON. A lock left by a process that died is *stale*: when its host is
//! this machine and its pid is no longer running, it is cleared and taken over.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another live process holds the lock.
    #[error("{project} is already open in another Sitrep (process {pid} on {host}, since {since})")]
    HeldBy {
        /// The project file.
        project: PathBuf,
        /// Process id of the holder.
        pid: u32,
        /// Host name of the holder.
        host: String,
        /// When it took the lock.
        since: DateTime<Utc>,
    },
    /// The lock file could not be read, written or removed.
    #[error("cannot lock {project}: {source} ({lock})")]
    Io {
        /// The project file.
        project: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

/// What a lock file holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    /// Process id of the holder.
    pub pid: u32,
    /// Host name of the holder.
    pub host: String,
    /// When the lock was taken.
    pub since: DateTime<Utc>,
}

impl LockInfo {
    /// A description of this process, now.
    fn mine() -> Self {
        Self {
            pid: std::process::id(),
            host: host_name(),
            since: crate::model::now(),
        }
    }

    /// True when the holder is known to be gone: same host, and no such process.
    /// A lock from another host cannot be checked, so it is never called stale.
    pub fn is_stale(&self) -> bool {
        self.host == host_name() && !process_alive(self.pid)
    }
}

/// A held lock on a project. Dropping it removes the lock file.
#[derive(Debug)]
pub struct ProjectLock {
    lock_path: PathBuf,
    info: LockInfo,
}

/// The lock file of a project: `NAME.lock` beside `NAME`.
pub fn lock_path(project_path: &Path) -> PathBuf {
    let mut name = project_path
        .file_name()
        .map(|n| n.to_owned())
        .unwrap_or_default();
    name.push(".lock");
    project_path.with_file_name(name)
}

impl ProjectLock {
    /// Take the lock on `project_path`, clearing a stale one. Fails with
    /// [`LockError::HeldBy`] when a live process (this one included, e.g. the same project
    /// open twice) holds it.
    pub fn acquire(project_path: &Path) -> Result<ProjectLock, LockError> {
        Self::acquire_inner(project_path, false)
    }

    /// Take the lock even when someone holds it (the analyst chose "open anyway" after being
    /// warned). The other holder's lock file is replaced.
    pub fn force_acquire(project_path: &Path) -> Result<ProjectLock, LockError> {
        Self::acquire_inner(project_path, true)
    }

    /// Who holds the lock on `project_path`, if anyone (stale or not).
    pub fn holder(project_path: &Path) -> Option<LockInfo> {
        read_lock(&lock_path(project_path))
    }

    /// The lock file this lock owns.
    pub fn path(&self) -> &Path {
        &self.lock_path
    }

    /// What was written into the lock file.
    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    fn acquire_inner(project_path: &Path, force: bool) -> Result<ProjectLock, LockError> {
        let lock = lock_path(project_path);
        let io = |source| LockError::Io {
            project: project_path.to_owned(),
            lock: lock.clone(),
            source,
        };
        let info = LockInfo::mine();
        let bytes = serde_json::to_vec_pretty(&info).map_err(|e| io(std::io::Error::other(e)))?;
        // Two tries: the second after clearing a stale (or forcibly taken) lock. If someone
        // else creates the lock in between, they win and we report them.
        for _ in 0..2 {
            match create_with_contents(&lock, &bytes) {
                Ok(()) => {
                    return Ok(ProjectLock {
                        lock_path: lock.clone(),
                        info,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(e)),
            }
            match read_lock(&lock) {
                // A lock we cannot read was never completely written (see
                // `create_with_contents`) or was damaged: nobody can be relying on it.
                None => {}
                Some(holder) if force || holder.is_stale() => {}
                Some(holder) => {
                    return Err(LockError::HeldBy {
                        project: project_path.to_owned(),
                        pid: holder.pid,
                        host: holder.host,
                        since: holder.since,
                    });
                }
            }
            match std::fs::remove_file(&lock) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(e)),
            }
        }
        // Lost the race twice: report whoever holds it now.
        match read_lock(&lock) {
            Some(holder) => Err(LockError::HeldBy {
                project: project_path.to_owned(),
                pid: holder.pid,
                host: holder.host,
                since: holder.since,
            }),
            None => Err(io(std::io::Error::from(std::io::ErrorKind::AlreadyExists))),
        }
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Only remove the file while it is still ours: after a force_acquire elsewhere it
        // belongs to the other instance.
        if read_lock(&self.lock_path).as_ref() == Some(&self.info) {
            std::fs::remove_file(&self.lock_path).ok();
        }
    }
}

/// Read and parse a lock file; `None` when it is missing, unreadable or not a lock.
fn read_lock(lock: &Path) -> Option<LockInfo> {
    // A lock file is a few dozen bytes of a regular file; anything large, or a pipe or a
    // device put in its place, is not ours and is not read.
    let bytes = super::regular::read_regular_capped(lock, 4096).ok()??;
    serde_json::from_slice(&bytes).ok()
}

/// Create `path` holding `bytes`, failing with `AlreadyExists` if it exists. The file appears
/// complete or not at all: it is written under a temp name and hard-linked into place (a link
/// never replaces an existing file). Where hard links are not available, falls back to an
/// exclusive create followed by the write.
fn create_with_contents(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".sitrep-lock.")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match std::fs::hard_link(tmp.path(), path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            f.write_all(bytes)?;
            f.sync_all()
        }
    }
    // `tmp` is removed here; the link keeps the data.
}

/// This machine's name, as best it can be found without extra crates.
pub fn host_name() -> String {
    let from_file = |p: &str| {
        std::fs::read_to_string(p)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok().filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("COMPUTERNAME").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "localhost".to_owned())
}

/// True when a process with this pid runs on this machine. Where that cannot be checked (no
/// `/proc`), every process is assumed alive, so a lock is never wrongly broken.
pub fn process_alive(pid: u32) -> bool {
    let proc_root = Path::new("/proc/self");
    if !proc_root.exists() {
        return true;
    }
    if pid == 0 {
        return false;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}
