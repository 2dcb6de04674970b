//! Recovery files: copies of unsaved work, written in the background while a project has
//! unsaved changes, so a crash or a killed process loses at most the last few seconds.
//!
//! They live in the user's data folder (`$XDG_DATA_HOME/sitrep/recovery/`, falling back to
//! `~/.local/share/sitrep/recovery/`; `SITREP_RECOVERY_DIR` overrides both), never beside the
//! project and never in place of it: the analyst's own file changes only when they save.
//! One recovery file per project path: `recovery-<stem>-<hash of the path>.json`, or
//! `recovery-untitled-<process id>.json` for a project never saved, so that two Sitrep windows
//! with untitled work never write over each other's copy. A recovery file wraps the project
//! with the path it belongs to and when it was written.
//!
//! An untitled copy is offered back only when the process that wrote it is gone (or when that
//! cannot be told, as on systems without `/proc`); restoring it makes it the restoring
//! process's own copy, so no other window offers it again.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::atomic::{SaveError, write_atomic};
use super::project_file::{
    LoadError, ParseError, decode_utf8, load_project, parse_json, read_limited,
};
use crate::model::{Project, validate};

/// The `format` of a recovery file.
pub const RECOVERY_FORMAT: &str = "sitrep/recovery";
/// Environment variable that moves the recovery folder (tests, portable installs).
pub const RECOVERY_DIR_ENV: &str = "SITREP_RECOVERY_DIR";

/// Why a recovery file could not be written, read or removed.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// No folder for recovery files could be worked out (no `$HOME`).
    #[error("no folder for recovery files: set XDG_DATA_HOME, HOME or SITREP_RECOVERY_DIR")]
    NoDataDir,
    /// Writing failed.
    #[error("cannot write the recovery file: {0}")]
    Save(#[from] SaveError),
    /// The folder could not be made, or the file removed.
    #[error("recovery file {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The recovery file exists but cannot be used.
    #[error("recovery file {path} cannot be used: {error}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        error: String,
    },
}

/// What a recovery file holds.
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    format: String,
    version: u32,
    /// The project file the work belongs to; `None` for an untitled project.
    project_path: Option<PathBuf>,
    /// When the recovery copy was written.
    written: DateTime<Utc>,
    project: Project,
}

/// How much a project holds, to show the analyst what a recovery would bring back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Articles.
    pub articles: usize,
    /// Annotations (placed).
    pub annotations: usize,
    /// Orphaned annotations.
    pub orphans: usize,
    /// Entities.
    pub entities: usize,
    /// Incidents.
    pub incidents: usize,
}

impl Counts {
    /// The counts of a project.
    pub fn of(p: &Project) -> Self {
        Self {
            articles: p.articles.len(),
            annotations: p.annotations.len(),
            orphans: p.orphans.len(),
            entities: p.entities.len(),
            incidents: p.incidents.len(),
        }
    }
}

/// A recovery file found for a project, with what it would restore.
#[derive(Debug)]
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// The project file it belongs to (`None`: untitled).
    pub project_path: Option<PathBuf>,
    /// When it was written.
    pub written: DateTime<Utc>,
    /// The unsaved project.
    pub project: Project,
    /// Counts in the recovery.
    pub recovered: Counts,
    /// Counts in the saved file, when there is one that loads.
    pub saved: Option<Counts>,
    /// Why the saved file could not be compared, if it could not.
    pub saved_error: Option<String>,
    /// True when the recovery holds exactly what the saved file holds (nothing to restore).
    pub same_as_saved: bool,
}

impl Recovery {
    /// What differs from the saved file, for the restore dialog: e.g.
    /// `annotations: 41 saved, 44 in recovery; incidents: 3 saved, 4 in recovery`.
    pub fn summary(&self) -> String {
        let r = self.recovered;
        let Some(s) = self.saved else {
            return format!(
                "unsaved work from {}: {} articles, {} annotations, {} entities, {} incidents",
                self.written, r.articles, r.annotations, r.entities, r.incidents
            );
        };
        let rows = [
            ("articles", s.articles, r.articles),
            ("annotations", s.annotations, r.annotations),
            ("orphaned annotations", s.orphans, r.orphans),
            ("entities", s.entities, r.entities),
            ("incidents", s.incidents, r.incidents),
        ];
        let differing: Vec<String> = rows
            .iter()
            .filter(|(_, saved, rec)| saved != rec)
            .map(|(what, saved, rec)| format!("{what}: {saved} saved, {rec} in recovery"))
            .collect();
        if self.same_as_saved {
            "the recovery holds the same as the saved file".to_owned()
        } else if differing.is_empty() {
            format!(
                "unsaved changes from {} (same counts as the saved file)",
                self.written
            )
        } else {
            format!(
                "unsaved changes from {}: {}",
                self.written,
                differing.join("; ")
            )
        }
    }
}

/// Where recovery files go, and the operations on them. Tests point it at a temp folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    /// A store in `dir` (created on first write).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The user's store: `$SITREP_RECOVERY_DIR`, else `$XDG_DATA_HOME/sitrep/recovery`, else
    /// `$HOME/.local/share/sitrep/recovery`.
    pub fn default_location() -> Result<Self, RecoveryError> {
        let var = |name| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if let Some(dir) = var(RECOVERY_DIR_ENV) {
            return Ok(Self::at(dir));
        }
        let data = var("XDG_DATA_HOME")
            .filter(|p| p.is_absolute())
            .or_else(|| var("HOME").map(|h| h.join(".local").join("share")))
            .ok_or(RecoveryError::NoDataDir)?;
        Ok(Self::at(data.join("sitrep").join("recovery")))
    }

    /// The folder of this store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The recovery file for a project path (`None`: untitled).
    pub fn file_for(&self, project_path: Option<&Path>) -> PathBuf {
        self.dir.join(recovery_file_name(project_path))
    }

    /// Write (atomically) a recovery copy of `project`. Touches nothing but the store.
    pub fn write(
        &self,
        project_path: Option<&Path>,
        project: &Project,
    ) -> Result<PathBuf, RecoveryError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| RecoveryError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let path = self.file_for(project_path);
        let file = RecoveryFile {
            format: RECOVERY_FORMAT.to_owned(),
            version: 1,
            project_path: project_path.map(absolute),
            written: crate::model::now(),
            project: project.clone(),
        };
        let mut bytes =
            serde_json::to_vec_pretty(&file).map_err(|source| SaveError::Serialize {
                path: path.clone(),
                source,
            })?;
        bytes.push(b'\n');
        write_atomic(&path, &bytes)?;
        Ok(path)
    }

    /// The recovery for a project path, if one exists, compared with the saved file. For an
    /// untitled project (`None`): this process's own copy or one a process that is gone left
    /// behind, the newest of them.
    pub fn find(&self, project_path: Option<&Path>) -> Result<Option<Recovery>, RecoveryError> {
        if project_path.is_none() {
            return self.find_untitled();
        }
        let path = self.file_for(project_path);
        if !path.exists() {
            return Ok(None);
        }
        self.read(&path).map(Some)
    }

    fn find_untitled(&self) -> Result<Option<Recovery>, RecoveryError> {
        let own = self.file_for(None);
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Ok(None);
        };
        let mut candidates: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                *p == own || untitled_copy_abandoned(name)
            })
            .collect();
        candidates.sort();
        let mut best: Option<Recovery> = None;
        let mut first_error = None;
        for file in candidates {
            match self.read(&file) {
                Ok(found) if best.as_ref().is_none_or(|b| found.written > b.written) => {
                    best = Some(found);
                }
                Ok(_) => {}
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match (best, first_error) {
            (None, Some(e)) => Err(e),
            (best, _) => Ok(best),
        }
    }

    /// Make a restored recovery file this process's own copy for `project_path` (a rename), so
    /// the next autosave replaces it, a save removes it, and no other window offers it again.
    pub fn adopt(&self, file: &Path, project_path: Option<&Path>) -> Result<(), RecoveryError> {
        let own = self.file_for(project_path);
        if file == own {
            return Ok(());
        }
        std::fs::rename(file, &own).map_err(|source| RecoveryError::Io {
            path: file.to_owned(),
            source,
        })
    }

    /// Remove one recovery file (one the analyst chose to discard). One already gone is not an
    /// error.
    pub fn remove(&self, file: &Path) -> Result<(), RecoveryError> {
        match std::fs::remove_file(file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(RecoveryError::Io {
                path: file.to_owned(),
                source,
            }),
        }
    }

    /// Every recovery file in the store (for the start-up "restore unsaved work?" dialog), with
    /// the ones that cannot be used reported as errors rather than hidden.
    pub fn list(&self) -> Vec<Result<Recovery, RecoveryError>> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("recovery-") && n.ends_with(".json"))
            })
            .collect();
        paths.sort();
        paths.iter().map(|p| self.read(p)).collect()
    }

    /// Read one recovery file and compare it with the project file it belongs to.
    pub fn read(&self, path: &Path) -> Result<Recovery, RecoveryError> {
        let corrupt = |error: String| RecoveryError::Corrupt {
            path: path.to_owned(),
            error,
        };
        let bytes = read_limited(path).map_err(|e| corrupt(e.to_string()))?;
        let text = decode_utf8(&bytes).map_err(|e| corrupt(e.to_string()))?;
        let file: RecoveryFile = parse_json(text).map_err(|e| corrupt(e.to_string()))?;
        if file.format != RECOVERY_FORMAT {
            return Err(corrupt(format!(
                "format is {:?}, expected {RECOVERY_FORMAT:?}",
                file.format
            )));
        }
        let problems = validate(&file.project);
        if !problems.is_empty() {
            return Err(corrupt(ParseError::Invalid(problems).to_string()));
        }
        let mut project = file.project;
        project.sort_annotations();
        let (saved, saved_error, same_as_saved) = match &file.project_path {
            None => (None, None, false),
            Some(p) => match load_project(p) {
                Ok(saved) => (Some(Counts::of(&saved)), None, saved == project),
                Err(LoadError::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::NotFound =>
                {
                    (
                        None,
                        Some(format!("{} no longer exists", p.display())),
                        false,
                    )
                }
                Err(e) => (None, Some(e.to_string()), false),
            },
        };
        Ok(Recovery {
            path: path.to_owned(),
            project_path: file.project_path,
            written: file.written,
            recovered: Counts::of(&project),
            project,
            saved,
            saved_error,
            same_as_saved,
        })
    }

    /// Remove the recovery for a project path (after a save, or when the analyst discards it).
    /// Removing one that does not exist is not an error.
    pub fn discard(&self, project_path: Option<&Path>) -> Result<(), RecoveryError> {
        let path = self.file_for(project_path);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(RecoveryError::Io { path, source }),
        }
    }
}

/// Write a recovery copy in the user's store (see [`RecoveryStore::write`]).
pub fn write_recovery(
    project_path: Option<&Path>,
    project: &Project,
) -> Result<PathBuf, RecoveryError> {
    RecoveryStore::default_location()?.write(project_path, project)
}

/// Find the recovery for a project in the user's store (see [`RecoveryStore::find`]).
pub fn find_recovery(project_path: Option<&Path>) -> Result<Option<Recovery>, RecoveryError> {
    RecoveryStore::default_location()?.find(project_path)
}

/// Remove the recovery for a project from the user's store (see [`RecoveryStore::discard`]).
pub fn discard_recovery(project_path: Option<&Path>) -> Result<(), RecoveryError> {
    RecoveryStore::default_location()?.discard(project_path)
}

/// How the file names of untitled recovery copies start (the writer's process id follows).
const UNTITLED_PREFIX: &str = "recovery-untitled-";

/// True for the name of an untitled copy whose writer is gone: its process is not running on
/// this machine, or it is the single shared name older versions wrote. Where processes cannot
/// be looked up, every copy counts as abandoned (it was always offered before).
fn untitled_copy_abandoned(name: &str) -> bool {
    if name == "recovery-untitled.json" {
        return true;
    }
    let Some(pid) = name
        .strip_prefix(UNTITLED_PREFIX)
        .and_then(|rest| rest.strip_suffix(".json"))
        .and_then(|pid| pid.parse::<u32>().ok())
    else {
        return false;
    };
    let gone = pid != std::process::id() && !super::lock::process_alive(pid);
    gone || !Path::new("/proc/self").exists()
}

/// The file name of the recovery for a project path: the same path always gives the same name
/// (across runs and program versions: a SHA-256 of the absolute path, not Rust's hasher).
pub fn recovery_file_name(project_path: Option<&Path>) -> String {
    let Some(path) = project_path else {
        return format!("{UNTITLED_PREFIX}{}.json", std::process::id());
    };
    let path = absolute(path);
    let digest = crate::model::text::sha256_hex(&path.to_string_lossy());
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let hash = digest.get(..16).unwrap_or(&digest);
    format!("recovery-{stem}-{hash}.json")
}

/// The absolute form of a path (without resolving links), so `p.sitrep` and `./p.sitrep`
/// share a recovery.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
