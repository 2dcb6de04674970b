//! Work too long for one frame — opening a project, reading article files, reading a corpus's labels, importing
//! it, exporting the project — run on a thread of its own, so the window keeps drawing and shows how far it
//! has got (a 1,137-document brat folder takes seconds).
//!
//! An import works on a copy of the project and hands the copy back; the workbench takes it
//! in as one undo step. While work runs the window takes no edits (a modal covers it and no
//! key reaches the document), and the copy is refused if the document changed all the same,
//! so nothing the analyst did meanwhile can be lost under it.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::io::formats::{ExportReport, FormatError, ImportReport, InteropError, LabelUse};
use crate::io::progress::{self, Progress};
use crate::model::Project;

/// What a finished piece of work hands back to the workbench.
pub(super) enum Done {
    /// The labels a corpus would bring in, before the analyst maps them onto tags.
    LabelsRead {
        /// The corpus.
        path: PathBuf,
        /// Its labels, or why it could not be read.
        result: Result<Vec<LabelUse>, InteropError>,
    },
    /// A corpus imported into a copy of the project.
    Imported {
        /// The copy, with the import in it when the result is `Ok`.
        project: Box<Project>,
        /// The revision of the document the copy was taken from.
        revision: u64,
        /// What was imported, or why nothing was.
        result: Result<ImportReport, InteropError>,
    },
    /// Article files read into a plan on a copy of the project.
    ArticlesRead {
        /// The copy, with the id counters the plan took ids from.
        project: Box<Project>,
        /// The revision of the document the copy was taken from.
        revision: u64,
        /// The articles to add, and the files skipped or refused (boxed: the message is
        /// small beside it).
        plan: Box<super::ArticleImport>,
    },
    /// A project file read and checked.
    Opened {
        /// The file.
        path: PathBuf,
        /// The project with the bytes it was read from, or why it could not be opened.
        result: Result<Box<(Project, Vec<u8>)>, crate::io::LoadError>,
    },
    /// The project written in another format.
    Exported(Result<ExportReport, FormatError>),
}

/// A piece of work running on its own thread.
pub struct Work {
    label: String,
    progress: Arc<Progress>,
    started: Instant,
    done: mpsc::Receiver<Done>,
}

impl Work {
    /// Start `job` on a new thread; `label` says what it does ("Importing corpus/").
    pub(super) fn spawn(
        label: String,
        job: impl FnOnce() -> Done + Send + 'static,
    ) -> std::io::Result<Work> {
        let progress = Arc::new(Progress::default());
        let (send, done) = mpsc::channel();
        let watched = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("sitrep-work".into())
            .spawn(move || {
                // The receiver is gone only when the workbench is, and then nobody waits.
                send.send(progress::watch(watched, job)).ok();
            })?;
        Ok(Work {
            label,
            progress,
            started: Instant::now(),
            done,
        })
    }

    /// What the work does, for the window.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// (done, total) so far; a total of 0 when the work has not said.
    pub fn counts(&self) -> (usize, usize) {
        self.progress.counts()
    }

    /// How long the work has run.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The result if the work is over: `Some(Err(()))` when its thread ended without one (it
    /// panicked).
    pub(super) fn try_finish(&self) -> Option<Result<Done, ()>> {
        match self.done.try_recv() {
            Ok(done) => Some(Ok(done)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(())),
        }
    }

    /// Wait for the result.
    pub(super) fn finish(&self) -> Result<Done, ()> {
        self.done.recv().map_err(|_| ())
    }
}
