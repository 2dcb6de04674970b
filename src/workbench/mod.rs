//! The workbench: the open document, what is shown and selected, and every operation on them,
//! without egui. The window (`ui/`) draws it and pushes [`Action`]s; [`Workbench::run`] is the
//! one place that changes the document or writes the status line. Tests drive it headless.
//!
//! | file          | holds                                                              |
//! |---------------|--------------------------------------------------------------------|
//! | `action.rs`   | [`Command`] (bindable, with label and tooltip) and [`Action`] (data) |
//! | `run.rs`      | [`Workbench::run`]: the dispatch of every action                   |
//! | `files.rs`    | open, save, import, export, new article text                       |
//! | `recovery.rs` | the lock on the open file and the recovery copies of unsaved work  |
//! | `tagging.rs`  | tagging, retagging, tag-all and the entity-name suggestions        |
//! | `records.rs`  | entities and incidents: links, picks, merges, evidence             |
//! | `view.rs`     | [`ViewState`]: what is shown and selected                          |
//! | `prompt.rs`   | [`Prompt`]: the questions a dialog puts to the analyst             |
//! | `dialogs.rs`  | [`dialogs::FileRequest`] and the [`dialogs::FileDialogs`] that answer |
//! | `status.rs`   | [`Status`]: the status line's message and level                    |
//! | `work.rs`     | [`work::Work`]: imports and exports on a thread of their own       |
//! | `autosave.rs` `settings.rs` | recovery copies of unsaved work; remembered settings |

pub mod action;
pub mod autosave;
pub mod compare;
pub mod dialogs;
mod disk;
mod files;
mod navigate;
pub mod prompt;
mod records;
mod recovery;
mod run;
pub mod settings;
pub mod status;
mod tagging;
pub mod view;
pub mod work;

use std::path::PathBuf;

pub use action::{Action, Command, Pick};
pub use files::{ArticleImport, plan_article_import};
pub use prompt::{FilePurpose, LabelChoice, Pending, Prompt, PromptAnswer};
pub use status::{Level, Status};
pub use view::{FindState, IncidentFileView, LeftTab, RightTab, Selection, ViewState};

use crate::model::Project;
use crate::model::history::Document;
use crate::model::suggest::{Suggestion, SuggestionCache};
use autosave::Autosave;
use settings::Settings;

/// The entity-name suggestions of the shown article, kept while the document and the article
/// stay the same.
#[derive(Default)]
struct Suggestions {
    /// (revision, article) the list was made for.
    key: Option<(u64, String)>,
    list: Vec<Suggestion>,
    /// The name search of the article, reused while its text and the entities stay the same.
    cache: SuggestionCache,
}

/// The open document with its view, status and the services around it (autosave, lock).
pub struct Workbench {
    doc: Document,
    view: ViewState,
    status: Status,
    prompt: Option<Prompt>,
    settings: Settings,
    autosave: Option<Autosave>,
    lock: Option<crate::io::ProjectLock>,
    suggestions: Suggestions,
    /// Another analyst's project laid beside this one, while curating.
    comparison: Option<compare::Comparison>,
    /// The project file as the document last matched it, watched for changes on disk.
    disk: Option<disk::DiskCopy>,
    /// Counts documents replaced, so the window can drop what it cached for the last one.
    generation: u64,
    /// Set once the window may close without asking again.
    quit_confirmed: bool,
    /// Set when the workbench asked the window to close.
    quit_requested: bool,
    /// An import or export running on its own thread; the window takes no edits meanwhile.
    work: Option<work::Work>,
}

/// The parts of the workbench a frame draws from, borrowed apart: the document to read, the
/// view and the prompt to change, and the cached suggestions of the shown article.
pub struct FrameParts<'a> {
    /// The open document (read only: changes go through actions).
    pub doc: &'a Document,
    /// What is shown and selected.
    pub view: &'a mut ViewState,
    /// The dialog on top and its drafts.
    pub prompt: &'a mut Option<Prompt>,
    /// Remembered settings (font size, theme, recent files).
    pub settings: &'a Settings,
    /// The status line's message.
    pub status: &'a Status,
    /// Suggestions of the shown article.
    pub suggestions: &'a [Suggestion],
    /// Another analyst's project, while curating.
    pub comparison: Option<&'a compare::Comparison>,
    /// The import or export running, if any.
    pub work: Option<&'a work::Work>,
}

impl Workbench {
    /// A workbench showing `project`, loaded from `path` (if any), with no autosave.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let view = ViewState::for_project(&project);
        Self {
            doc: Document::new(project, path),
            view,
            status: Status::default(),
            prompt: None,
            settings: Settings::default(),
            autosave: None,
            lock: None,
            suggestions: Suggestions::default(),
            comparison: None,
            disk: None,
            generation: 0,
            quit_confirmed: false,
            quit_requested: false,
            work: None,
        }
    }

    /// The import or export running, if any.
    pub fn work(&self) -> Option<&work::Work> {
        self.work.as_ref()
    }

    /// Take in the running work's result if it is over; `true` while work still runs (the
    /// window then draws again soon to show its progress).
    pub fn poll_work(&mut self) -> bool {
        while let Some(work) = &self.work {
            let Some(done) = work.try_finish() else {
                return true;
            };
            self.work = None;
            self.work_done(done);
        }
        false
    }

    /// Wait for the running work, and any it starts, to finish: for the command line and
    /// tests, which have no frames to poll from.
    pub fn finish_work(&mut self) {
        while let Some(work) = self.work.take() {
            let done = work.finish();
            self.work_done(done);
        }
    }

    /// Start `job` on a thread of its own, unless work is running already.
    fn start_work(&mut self, label: String, job: impl FnOnce() -> work::Done + Send + 'static) {
        if let Some(running) = &self.work {
            let text = format!("Wait for “{}” to finish", running.label());
            return self.warn(text);
        }
        match work::Work::spawn(label, job) {
            Ok(w) => self.work = Some(w),
            Err(e) => self.fail("The work could not start", e.to_string()),
        }
    }

    /// What to do with the result of finished work.
    fn work_done(&mut self, done: Result<work::Done, ()>) {
        match done {
            Ok(work::Done::LabelsRead { path, result }) => self.labels_read(&path, result),
            Ok(work::Done::Imported {
                project,
                revision,
                result,
            }) => self.imported(*project, revision, result),
            Ok(work::Done::ArticlesRead {
                project,
                revision,
                plan,
            }) => self.articles_read(*project, revision, *plan),
            Ok(work::Done::Opened { path, result }) => self.opened(&path, result),
            Ok(work::Done::Exported(result)) => self.exported(result),
            Err(()) => self.fail(
                "The work stopped",
                "An import or export stopped with an internal error; nothing was changed.".into(),
            ),
        }
    }

    /// The open document and its history.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The open project.
    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    /// What is shown and selected.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// What is shown and selected, to change (tests, and the shell's view-only moves).
    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    /// The status line's message.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The dialog on top, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// Remembered settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Replace the remembered settings (at start-up, from the window's storage).
    pub fn set_settings(&mut self, settings: Settings) {
        self.doc.project.analyst.clone_from(&settings.analyst);
        self.settings = settings;
    }

    /// Ask who is working when no analyst is set yet (the first start). Waits behind any
    /// dialog already up, such as the offer to restore recovered work.
    pub fn ask_analyst_if_unknown(&mut self) {
        if self.settings.analyst.is_none() && self.prompt.is_none() {
            self.prompt = Some(Prompt::Analyst {
                name: String::new(),
            });
        }
    }

    /// Work as `name` from now on: remembered in the settings and stamped on every edit. An
    /// empty name is refused with a message, keeping the one before.
    fn set_analyst(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.warn("An analyst needs a name; nothing changed.");
            return;
        }
        self.settings.analyst = Some(name.to_owned());
        self.doc.project.analyst = Some(name.to_owned());
        let ids = self.doc.project.id_prefix("ann");
        self.info(format!(
            "Working as {name}; new annotations get ids {ids}-N."
        ));
    }

    /// The autosave, if this workbench writes recovery copies.
    pub fn autosave(&self) -> Option<&Autosave> {
        self.autosave.as_ref()
    }

    /// Write recovery copies of unsaved work with this autosave.
    pub fn set_autosave(&mut self, autosave: Autosave) {
        self.autosave = Some(autosave);
    }

    /// Counts the documents this workbench has replaced (caches of the last one are stale).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// True when the workbench asked to close the window.
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// True when the window may close without asking about unsaved changes.
    pub fn may_close(&self) -> bool {
        self.quit_confirmed || !self.doc.is_dirty()
    }

    /// The window title: project name, file, and a dot when there are unsaved changes.
    pub fn title(&self) -> String {
        let dirty = if self.doc.is_dirty() { " •" } else { "" };
        let file = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| format!(" ({})", n.to_string_lossy()))
            .unwrap_or_default();
        format!("{}{file}{dirty} — Sitrep", self.doc.project.name)
    }

    /// Borrow the parts a frame draws from, refreshing the suggestions of the shown article.
    pub fn frame_parts(&mut self) -> FrameParts<'_> {
        self.refresh_suggestions();
        FrameParts {
            doc: &self.doc,
            view: &mut self.view,
            prompt: &mut self.prompt,
            settings: &self.settings,
            status: &self.status,
            suggestions: &self.suggestions.list,
            comparison: self.comparison.as_ref(),
            work: self.work.as_ref(),
        }
    }

    /// The open suggestions of the shown article.
    pub fn suggestions(&mut self) -> &[Suggestion] {
        self.refresh_suggestions();
        &self.suggestions.list
    }

    /// Write the status line: the one place that does.
    fn report(&mut self, level: Level, text: impl Into<String>) {
        self.status = Status {
            level,
            text: text.into(),
        };
    }

    /// Say something was done.
    fn info(&mut self, text: impl Into<String>) {
        self.report(Level::Info, text);
    }

    /// Say something was not done, and why.
    fn warn(&mut self, text: impl Into<String>) {
        self.report(Level::Warning, text);
    }

    /// Show an error in a dialog and the status line.
    fn fail(&mut self, title: &str, message: String) {
        // A message can quote the input; a dialog of a megabyte helps nobody.
        let message = shorten(&message, 2000);
        self.report(Level::Error, message.clone());
        self.prompt = Some(Prompt::Error {
            title: title.to_owned(),
            message,
        });
    }

    /// Apply an edit through the history; a refusal is reported and gives `false`.
    fn apply(&mut self, edit: crate::model::Edit) -> bool {
        self.apply_in_burst(edit, None)
    }

    fn apply_in_burst(&mut self, edit: crate::model::Edit, burst: Option<&str>) -> bool {
        match self.doc.apply_in_burst(edit, burst) {
            Ok(()) => true,
            Err(err) => {
                self.warn(format!("Not done: {err}"));
                false
            }
        }
    }

    /// Put another document in place of the open one, with a fresh view.
    fn replace_document(&mut self, doc: Document) {
        self.view = ViewState::for_project(&doc.project);
        self.doc = doc;
        self.doc.project.analyst.clone_from(&self.settings.analyst);
        // A new document matches no file yet; whoever loaded it from one says so.
        self.disk = None;
        self.generation += 1;
        // Revisions differ between documents, so these would never be used again; dropping
        // them frees their memory at once.
        self.suggestions = Suggestions::default();
        // Differences were found against the document that is gone.
        self.comparison = None;
    }

    fn refresh_suggestions(&mut self) {
        let Some(article) = self.view.current_article.clone() else {
            self.suggestions.list.clear();
            self.suggestions.key = None;
            return;
        };
        let key = (self.doc.revision(), article);
        if self.suggestions.key.as_ref() != Some(&key) {
            self.suggestions.list = crate::model::suggest::suggestions_cached(
                &mut self.suggestions.cache,
                &self.doc.project,
                &key.1,
            );
            self.suggestions.key = Some(key);
        }
        if self.view.current_suggestion >= self.suggestions.list.len() {
            self.view.current_suggestion = 0;
        }
    }
}

/// Cut text to `max` chars, ending with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
