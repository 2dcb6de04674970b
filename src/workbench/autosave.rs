//! Autosave to recovery files: a copy of unsaved work is written off the UI thread shortly
//! after the analyst stops changing things, so a crash or a killed process loses at most the
//! last few seconds. The user's own project file is never touched by this.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::io::RecoveryStore;
use crate::model::Project;

/// Quiet time after the last change before a recovery copy is written.
pub const QUIET: Duration = Duration::from_millis(1500);
/// A recovery copy is written at the latest this long after the first unsaved change, even
/// while the analyst keeps working.
pub const AT_MOST: Duration = Duration::from_secs(5);

/// Tracks changes and writes recovery copies in the background.
pub struct Autosave {
    store: RecoveryStore,
    /// Revision of the document last written (or known clean).
    written_revision: u64,
    /// Revision seen in the last frame, and when it changed.
    seen_revision: u64,
    changed_at: Option<Instant>,
    first_unwritten_at: Option<Instant>,
    busy: Arc<AtomicBool>,
    /// The last background error, to show once.
    pub last_error: Arc<std::sync::Mutex<Option<String>>>,
}

impl Autosave {
    /// Autosave into `store`.
    pub fn new(store: RecoveryStore) -> Self {
        Self {
            store,
            written_revision: 0,
            seen_revision: 0,
            changed_at: None,
            first_unwritten_at: None,
            busy: Arc::new(AtomicBool::new(false)),
            last_error: Arc::new(std::sync::Mutex::new(None)),
        }
    }

    /// The store recovery files go to.
    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// Call every frame. Starts a background write when it is time; returns how long until the
    /// next check is needed (for `request_repaint_after`), if anything is pending.
    pub fn tick(
        &mut self,
        revision: u64,
        dirty: bool,
        path: Option<&PathBuf>,
        project: &Project,
    ) -> Option<Duration> {
        self.tick_at(Instant::now(), revision, dirty, path, project)
    }

    /// [`Self::tick`] with the clock passed in, so the timing rules can be tested without
    /// waiting.
    pub fn tick_at(
        &mut self,
        now: Instant,
        revision: u64,
        dirty: bool,
        path: Option<&PathBuf>,
        project: &Project,
    ) -> Option<Duration> {
        if revision != self.seen_revision {
            self.seen_revision = revision;
            self.changed_at = Some(now);
            self.first_unwritten_at.get_or_insert(now);
        }
        if !dirty || revision == self.written_revision {
            self.first_unwritten_at = None;
            return None;
        }
        let quiet = self
            .changed_at
            .is_some_and(|t| now.saturating_duration_since(t) >= QUIET);
        let overdue = self
            .first_unwritten_at
            .is_some_and(|t| now.saturating_duration_since(t) >= AT_MOST);
        if !(quiet || overdue) {
            return Some(Duration::from_millis(300));
        }
        if self.busy.swap(true, Ordering::AcqRel) {
            return Some(Duration::from_millis(300));
        }
        self.written_revision = revision;
        self.first_unwritten_at = None;
        let store = self.store.clone();
        let path = path.cloned();
        let snapshot = project.clone();
        let busy = self.busy.clone();
        let last_error = self.last_error.clone();
        std::thread::spawn(move || {
            if let Err(e) = store.write(path.as_deref(), &snapshot)
                && let Ok(mut slot) = last_error.lock()
            {
                *slot = Some(format!("Recovery copy not written: {e}"));
            }
            busy.store(false, Ordering::Release);
        });
        None
    }

    /// Write a recovery copy now, on this thread (used by tests and before risky steps).
    pub fn write_now(&mut self, revision: u64, path: Option<&PathBuf>, project: &Project) {
        if self.store.write(path.map(|p| p.as_path()), project).is_ok() {
            self.written_revision = revision;
        }
    }

    /// The document was saved or its changes discarded: the recovery copy has served.
    pub fn discard(&mut self, revision: u64, path: Option<&PathBuf>) {
        self.written_revision = revision;
        self.first_unwritten_at = None;
        // A copy that cannot be removed is offered again next start, and then discarded.
        self.store.discard(path.map(|p| p.as_path())).ok();
    }

    /// Wait for a background write to finish (on quit, and in tests).
    pub fn flush(&self) {
        while self.busy.load(Ordering::Acquire) {
            std::thread::yield_now();
        }
    }
}
