//! The project file on disk, watched: when another process (a `sitrep` command, `git pull`, a
//! merge) changes it under the open window, the change comes into the open document: a clean
//! document is simply reloaded, one with unsaved work is merged three-way from the version it
//! was loaded from (the team merge), with what both changed listed as conflicts. A save never
//! replaces a file that changed since it was read: the change is merged in first.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::Workbench;
use crate::model::Project;
use crate::model::history::Document;

/// How often the file's size and time are looked at (a `stat`, cheap).
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// What the file held when the document last matched it.
pub(super) struct DiskCopy {
    path: PathBuf,
    /// Size and modification time, to notice a change without reading.
    stamp: (u64, Option<SystemTime>),
    /// The bytes themselves: compared to tell a real change from a touch, and the base of a
    /// three-way merge (parsed only when one is needed, and smaller than a second project in
    /// memory).
    bytes: Vec<u8>,
    checked: Instant,
}

fn stamp_of(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl DiskCopy {
    /// The file watched.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Read what is at `path` now; `None` when it cannot be read.
    pub(super) fn read(path: &Path) -> Option<Self> {
        let stamp = stamp_of(path)?;
        let bytes = crate::io::project_file::read_limited(path).ok()?;
        Some(Self::written(path, stamp, bytes))
    }

    /// The file as just written with `bytes` (a save), without reading it back.
    fn written(path: &Path, stamp: (u64, Option<SystemTime>), bytes: Vec<u8>) -> Self {
        Self {
            path: path.to_owned(),
            stamp,
            bytes,
            checked: Instant::now(),
        }
    }
}

/// What a look at the disk found.
enum Found {
    /// Nothing new.
    Same,
    /// The file now holds another project (boxed: the other variants are tiny).
    Changed {
        /// The project the file holds now.
        theirs: Box<Project>,
        /// The file as read.
        copy: DiskCopy,
    },
    /// The file changed into something that does not load.
    Unreadable(String),
}

impl Workbench {
    /// Remember the file as it is now, as the version the document matches.
    pub(super) fn remember_disk(&mut self, path: &Path) {
        self.disk = DiskCopy::read(path);
    }

    /// Remember `bytes` as what was just read from or written to `path` (an open, a save).
    pub(super) fn remember_written(&mut self, path: &Path, bytes: Vec<u8>) {
        self.disk = stamp_of(path).map(|stamp| DiskCopy::written(path, stamp, bytes));
    }

    /// Look at the project file when a second has passed since the last look, and bring a
    /// change in (see the module docs). Returns when the next look is due.
    pub fn watch_disk(&mut self) -> Option<Duration> {
        let copy = self.disk.as_ref()?;
        let since = copy.checked.elapsed();
        if since < CHECK_EVERY {
            return Some(CHECK_EVERY - since);
        }
        self.take_disk_change();
        Some(CHECK_EVERY)
    }

    /// Look at the file now, whatever the time since the last look, and bring a change in
    /// (what a save does first). True when the document changed.
    pub fn check_disk(&mut self) -> bool {
        self.take_disk_change()
    }

    /// Bring in a change on disk now, if there is one. True when the document changed.
    pub(super) fn take_disk_change(&mut self) -> bool {
        match self.look_at_disk() {
            Found::Same => false,
            Found::Unreadable(why) => {
                self.warn(format!(
                    "The project file changed on disk into something that does not load \
                     ({why}); your copy is kept, and saving will replace it"
                ));
                false
            }
            Found::Changed { theirs, copy } => {
                self.bring_in(*theirs, copy);
                true
            }
        }
    }

    fn look_at_disk(&mut self) -> Found {
        let Some(copy) = self.disk.as_mut() else {
            return Found::Same;
        };
        copy.checked = Instant::now();
        let Some(stamp) = stamp_of(&copy.path) else {
            // Gone or unreadable for now (a rename in progress): look again later.
            return Found::Same;
        };
        if stamp == copy.stamp {
            return Found::Same;
        }
        let path = copy.path.clone();
        let Some(now) = DiskCopy::read(&path) else {
            return Found::Same;
        };
        if now.bytes == copy.bytes {
            copy.stamp = now.stamp;
            return Found::Same;
        }
        match crate::io::parse_project(&now.bytes) {
            Ok(theirs) => Found::Changed {
                theirs: Box::new(theirs),
                copy: now,
            },
            Err(e) => {
                // Said once: the next look compares against this version.
                let why = e.to_string();
                *copy = now;
                Found::Unreadable(why)
            }
        }
    }

    /// Make the document hold the file's new version: reloaded when there is no unsaved work,
    /// else merged with it from the version last read.
    fn bring_in(&mut self, theirs: Project, copy: DiskCopy) {
        let path = copy.path.clone();
        let shown = self.view.current_article.clone();
        if !self.doc.is_dirty() {
            self.replace_document(Document::new(theirs, Some(path.clone())));
            self.disk = Some(copy);
            self.keep_showing(shown);
            return self.info(format!(
                "{} changed on disk; reloaded (you had no unsaved changes)",
                path.display()
            ));
        }
        let base = self
            .disk
            .as_ref()
            .and_then(|old| crate::io::parse_project(&old.bytes).ok())
            .unwrap_or_else(|| theirs.clone());
        let outcome = crate::team::merge(&base, &self.doc.project, &theirs);
        // The merged project lists the conflicts (earlier ones and this merge's) itself.
        let conflicts = outcome.conflicts.len();
        let mut doc = Document::new(outcome.project, Some(path.clone()));
        // The merge is unsaved work: what is on disk lacks ours.
        doc.mark_unsaved();
        self.replace_document(doc);
        self.disk = Some(copy);
        self.keep_showing(shown);
        let message = format!(
            "{} changed on disk while you had unsaved changes; its changes were merged into \
             yours{}. Save to write the merge (undo history starts again here).",
            path.display(),
            match conflicts {
                0 => String::new(),
                n => format!(
                    ", with {} to settle in the inspector",
                    crate::wording::count(n, "conflict")
                ),
            }
        );
        self.report(super::Level::Warning, message.clone());
        self.prompt = Some(super::Prompt::Error {
            title: "The project changed on disk".into(),
            message,
        });
    }

    /// Show `article` again after the document was replaced, when it is still there.
    fn keep_showing(&mut self, article: Option<String>) {
        if let Some(id) = article.filter(|id| self.doc.project.article(id).is_some()) {
            self.view.current_article = Some(id);
        }
    }
}
