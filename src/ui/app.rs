//! The application shell: owns the document, the UI state and the dialogs, and runs one frame.

use std::path::{Path, PathBuf};

use egui::{Color32, Key, Ui};

use super::article_view::{self, ArticleView, Selection, ViewEvent, ViewInput};
use super::commands::Command;
use super::dialogs::{FileDialogs, NativeDialogs};
use crate::model::history::Document;
use crate::model::{self, CharSpan, Edit, Project, tags};
use crate::workbench::settings::Settings;

/// Something waiting for the answer to "save your changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Start a new project.
    New,
    /// Open this file (or ask which).
    Open(Option<PathBuf>),
    /// Close the window.
    Quit,
}

/// A dialog over the whole window.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Something went wrong.
    Error {
        /// Short title.
        title: String,
        /// The full message, naming the file and the problem.
        message: String,
    },
    /// Unsaved changes: save, discard or cancel before doing `then`.
    Unsaved {
        /// What to do afterwards.
        then: Pending,
    },
    /// Unsaved work from a crash was found: restore or discard it.
    Restore {
        /// What differs from the saved file.
        summary: String,
        /// The recovery file offered.
        file: PathBuf,
    },
    /// The project file is open in another Sitrep.
    Locked {
        /// Who holds it.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// Paste text as a new article.
    Paste {
        /// The text typed or pasted so far.
        text: String,
    },
    /// Choose the tag for each foreign label before a brat or doccano import.
    ImportMap {
        /// The folder or file to import.
        path: PathBuf,
        /// One row per label, in the order the files use them.
        rows: Vec<LabelChoice>,
    },
}

/// A foreign label in the import dialog and the tag chosen for it.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelChoice {
    /// The label as the files spell it.
    pub label: String,
    /// How many spans carry it.
    pub spans: usize,
    /// A tag of the project already has its name (so it cannot become a new tag).
    pub matched: bool,
    /// The tag id chosen; `None` makes a new tag named after the label.
    pub tag: Option<String>,
}

/// The find bar over the article.
#[derive(Default)]
pub struct FindBar {
    /// Shown?
    pub open: bool,
    /// What to look for.
    pub query: String,
    /// Index of the current match.
    pub current: Option<usize>,
    /// Focus the field on the next frame.
    focus: bool,
    /// Matches of the query, with the (revision, article, query) they were found for.
    matches: Option<((u64, String, String), Vec<CharSpan>)>,
}

/// Which list the left panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LeftTab {
    /// The project's articles.
    #[default]
    Articles,
    /// The entity registry.
    Entities,
    /// The incidents.
    Incidents,
}

/// Filters of the annotation list.
#[derive(Default)]
pub struct ListFilter {
    /// Only this tag.
    pub tag: Option<String>,
    /// Only claims made by this entity.
    pub source: Option<String>,
    /// Only annotations whose text or note contains this.
    pub text: String,
}

/// Per-article data the view needs every frame, rebuilt only when the project changes.
struct ViewCache {
    revision: u64,
    article: String,
    colors: Vec<Color32>,
    levels: Vec<usize>,
    index: article_view::SpanIndex,
}

/// The whole app.
pub struct SitrepApp {
    /// The open project and its history.
    pub doc: Document,
    /// Remembered between runs.
    pub settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    view: ArticleView,
    /// Id of the article shown in the centre.
    pub current_article: Option<String>,
    /// Text selection in the article view.
    pub selection: Selection,
    /// Id of the annotation shown in the inspector.
    pub selected_annotation: Option<String>,
    /// The find bar.
    pub find: FindBar,
    /// Annotation list filters.
    pub filter: ListFilter,
    scroll_to: Option<CharSpan>,
    /// The dialog on top, if any.
    pub modal: Option<Modal>,
    /// The last message for the status line.
    pub status: String,
    title_sent: String,
    theme_applied: Option<bool>,
    /// Set when the window may close without asking again.
    quit_confirmed: bool,
    /// Set when the app asked to close (tests read it; eframe gets a viewport command).
    pub quit_requested: bool,
    /// Which list the left panel shows.
    pub left_tab: LeftTab,
    /// The entity shown in the inspector (when no annotation is selected).
    pub selected_entity: Option<String>,
    /// Filter text of the entity list.
    pub entity_filter: String,
    /// Filter text of the article list (title, source or file name).
    pub article_filter: String,
    /// Type-ahead text of the entity picker in the inspector.
    pub link_query: String,
    /// Type-ahead text of the claim source picker.
    pub source_query: String,
    /// Alias being typed in the entity editor.
    pub alias_draft: String,
    /// The external id being typed in the entity editor (`Wikidata:Q1520`).
    pub external_id_draft: String,
    /// Entity chosen as the target of a merge.
    pub merge_target: Option<String>,
    /// Suggestions of the shown article, cached per document revision.
    suggestions: Option<(u64, String, Vec<crate::model::suggest::Suggestion>)>,
    /// Index of the suggestion that Enter accepts and X rejects.
    pub current_suggestion: usize,
    view_cache: Option<ViewCache>,
    /// The incident open in the editor window.
    pub selected_incident: Option<String>,
    /// Annotations ticked in the list, for "new incident from marked".
    pub marked: std::collections::BTreeSet<String>,
    /// Is the timeline window shown?
    pub timeline_open: bool,
    /// Type-ahead text of the incident's location picker.
    pub incident_location_query: String,
    /// Type-ahead text of the incident's actor picker.
    pub incident_actor_query: String,
    /// An incident file opened on its own, shown read-only.
    pub incident_view: Option<super::incidents::IncidentFileView>,
    /// Writes recovery copies of unsaved work (none in tests unless set).
    pub autosave: Option<crate::workbench::autosave::Autosave>,
    /// The lock on the open project file, while we hold it.
    lock: Option<crate::io::ProjectLock>,
    /// The entity-name search of the shown article, reused while its text and the entities
    /// stay the same.
    suggestion_cache: crate::model::suggest::SuggestionCache,
}

impl SitrepApp {
    /// An app showing `project`, loaded from `path` (if any).
    pub fn new(project: Project, path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut app = Self {
            doc: Document::new(project, path),
            settings: Settings::default(),
            dialogs,
            view: ArticleView::default(),
            current_article: None,
            selection: Selection::default(),
            selected_annotation: None,
            find: FindBar::default(),
            filter: ListFilter::default(),
            scroll_to: None,
            modal: None,
            status: String::new(),
            title_sent: String::new(),
            theme_applied: None,
            quit_confirmed: false,
            quit_requested: false,
            left_tab: LeftTab::Articles,
            selected_entity: None,
            entity_filter: String::new(),
            article_filter: String::new(),
            link_query: String::new(),
            source_query: String::new(),
            alias_draft: String::new(),
            external_id_draft: String::new(),
            merge_target: None,
            suggestions: None,
            current_suggestion: 0,
            view_cache: None,
            selected_incident: None,
            marked: Default::default(),
            timeline_open: false,
            incident_location_query: String::new(),
            incident_actor_query: String::new(),
            incident_view: None,
            autosave: None,
            lock: None,
            suggestion_cache: Default::default(),
        };
        app.current_article = app.doc.project.articles.first().map(|a| a.id.clone());
        app
    }

    /// An app with the native file dialogs.
    pub fn with_native_dialogs(project: Project, path: Option<PathBuf>) -> Self {
        Self::new(project, path, Box::new(NativeDialogs))
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

    /// The text view's cached layout, for tests that need screen positions of chars.
    pub fn article_view(&self) -> &ArticleView {
        &self.view
    }

    fn show_error(&mut self, title: &str, message: String) {
        self.status = message.clone();
        self.modal = Some(Modal::Error {
            title: title.to_owned(),
            message,
        });
    }

    /// Apply an edit through the history, reporting a refusal in the status line.
    pub fn apply(&mut self, edit: Edit) -> bool {
        match self.doc.apply(edit) {
            Ok(()) => true,
            Err(err) => {
                self.status = format!("Not done: {err}");
                false
            }
        }
    }

    // ------------------------------------------------------------------ frame

    /// Run one frame of the whole UI.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if std::env::var_os("SITREP_DEBUG_EVENTS").is_some() {
            ctx.input(|i| {
                for e in &i.events {
                    if !matches!(e, egui::Event::PointerMoved(_)) {
                        eprintln!("event: {e:?} focused={:?}", i.viewport().focused);
                    }
                }
            });
        }
        if self.theme_applied != Some(self.settings.dark) {
            ctx.set_visuals(if self.settings.dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            });
            self.theme_applied = Some(self.settings.dark);
            self.view.invalidate();
        }
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        if self.modal.is_none() {
            self.handle_shortcuts(&ctx);
        }

        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.tool_bar(ui);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_line(ui));
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| self.left_panel(ui));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| self.inspector_panel(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));

        super::incidents::incident_window(self, &ctx);
        super::incidents::timeline_window(self, &ctx);
        super::incidents::incident_file_window(self, &ctx);
        self.show_modal(&ctx);
        self.tick_autosave(&ctx);
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn tick_autosave(&mut self, ctx: &egui::Context) {
        let Some(autosave) = self.autosave.as_mut() else {
            return;
        };
        let wait = autosave.tick(
            self.doc.revision(),
            self.doc.is_dirty(),
            self.doc.path.as_ref(),
            &self.doc.project,
        );
        if let Some(wait) = wait {
            ctx.request_repaint_after(wait);
        }
        let error = autosave.last_error.lock().ok().and_then(|mut e| e.take());
        if let Some(e) = error {
            self.status = e;
        }
    }

    /// The recovery copy has served (after a save or a discard).
    fn discard_recovery(&mut self) {
        if let Some(autosave) = self.autosave.as_mut() {
            autosave.flush();
            autosave.discard(self.doc.revision(), self.doc.path.as_ref());
        }
    }

    /// Offer to restore unsaved work found in the recovery store for the open project.
    pub fn offer_recovery(&mut self) {
        let Some(autosave) = self.autosave.as_ref() else {
            return;
        };
        match autosave.store().find(self.doc.path.as_deref()) {
            Ok(Some(recovery)) if !recovery.same_as_saved => {
                self.modal = Some(Modal::Restore {
                    summary: recovery.summary(),
                    file: recovery.path,
                });
            }
            Ok(_) => {}
            Err(e) => self.status = format!("A recovery file could not be read: {e}"),
        }
    }

    /// Restore the recovery copy of the open project (it becomes unsaved work).
    pub fn restore_recovery(&mut self) {
        let Some(autosave) = self.autosave.as_ref() else {
            return;
        };
        match autosave.store().find(self.doc.path.as_deref()) {
            Ok(Some(recovery)) => {
                let path = self.doc.path.clone();
                // A copy an earlier (crashed) process wrote becomes this one's own.
                if let Err(e) = autosave.store().adopt(&recovery.path, path.as_deref()) {
                    self.status = format!("The recovery copy stays where it was: {e}");
                }
                let mut doc = Document::new(recovery.project, path);
                doc.mark_unsaved();
                self.replace_document(doc);
                self.status = "Restored unsaved work: save to keep it".into();
            }
            Ok(None) => self.status = "The recovery copy is gone".into(),
            Err(e) => self.show_error("The recovery copy could not be read", e.to_string()),
        }
    }

    /// Take the lock on the open project's file, or say who holds it.
    fn take_lock(&mut self, path: &Path) {
        self.lock = None;
        match crate::io::ProjectLock::acquire(path) {
            Ok(lock) => self.lock = Some(lock),
            Err(crate::io::LockError::HeldBy {
                pid, host, since, ..
            }) => {
                self.modal = Some(Modal::Locked {
                    message: format!(
                        "{} is already open in another Sitrep (process {pid} on {host}, since {since}). \
                         Two windows saving the same file would overwrite each other's work.",
                        path.display()
                    ),
                    path: path.to_owned(),
                });
            }
            Err(e) => self.status = format!("No lock taken: {e}"),
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved {
                    then: Pending::Quit,
                });
            } else {
                self.quit_confirmed = true;
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, rest): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| is_project_path(p));
        // brat folders and files and doccano files go through the import (and its dialog);
        // everything else is an article.
        let (interop, articles): (Vec<PathBuf>, Vec<PathBuf>) = rest
            .into_iter()
            .partition(|p| crate::io::FileKind::of(p).is_annotation_data());
        self.add_articles(&articles);
        if let Some(p) = interop.into_iter().next() {
            self.import_interop(Some(p));
        }
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::Open(Some(p)));
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        for cmd in Command::WITH_SHORTCUTS {
            let hit = ctx.input_mut(|i| {
                cmd.shortcut().is_some_and(|s| i.consume_shortcut(&s))
                    || cmd
                        .alternative_shortcut()
                        .is_some_and(|s| i.consume_shortcut(&s))
            });
            if hit {
                self.run(cmd);
            }
        }
        if typing {
            return;
        }
        // Keys that act on the article: tag keys, Delete, Escape, pasting a new article.
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if !modifiers.ctrl && !modifiers.command && !modifiers.alt => match key {
                    Key::Delete | Key::Backspace => self.run(Command::DeleteAnnotation),
                    Key::Enter => self.accept_suggestion(None),
                    Key::E if self.doc.project.tag_for_key('e').is_none() => {
                        self.add_selected_to_incident()
                    }
                    Key::X if self.doc.project.tag_for_key('x').is_none() => {
                        self.reject_suggestion(None)
                    }
                    Key::Escape if self.find.open => self.close_find(ctx),
                    Key::Escape => {
                        self.selection.clear();
                        self.selected_annotation = None;
                    }
                    _ => {
                        if let Some(c) = key_letter(key) {
                            self.tag_key(c);
                        }
                    }
                },
                egui::Event::Paste(text) if !text.trim().is_empty() => {
                    self.add_pasted_article(&text);
                }
                _ => {}
            }
        }
    }

    /// Run a menu or keyboard command.
    pub fn run(&mut self, cmd: Command) {
        match cmd {
            Command::New => self.request(Pending::New),
            Command::Open => self.request(Pending::Open(None)),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::AddArticle => {
                let files = self.dialogs.pick_articles();
                self.add_articles(&files);
            }
            Command::PasteArticle => {
                self.modal = Some(Modal::Paste {
                    text: String::new(),
                })
            }
            Command::Quit => self.request(Pending::Quit),
            Command::Undo => match self.doc.undo() {
                Ok(true) => self.after_history_move("Undone"),
                Ok(false) => self.status = "Nothing to undo".into(),
                Err(e) => self.status = format!("Cannot undo: {e}"),
            },
            Command::Redo => match self.doc.redo() {
                Ok(true) => self.after_history_move("Redone"),
                Ok(false) => self.status = "Nothing to redo".into(),
                Err(e) => self.status = format!("Cannot redo: {e}"),
            },
            Command::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            Command::DeleteAnnotation => {
                if let Some(id) = self.selected_annotation.clone() {
                    let edit = self.doc.project.delete_annotation_edit(&id);
                    if self.apply(edit) {
                        self.selected_annotation = None;
                        self.status = format!("Deleted annotation {id}");
                    }
                }
            }
            Command::ZoomIn => self.settings.font_size = (self.settings.font_size + 1.0).min(40.0),
            Command::ZoomOut => self.settings.font_size = (self.settings.font_size - 1.0).max(9.0),
            Command::ToggleTheme => self.settings.dark = !self.settings.dark,
        }
    }

    fn after_history_move(&mut self, what: &str) {
        // The selected annotation or shown article may be gone (or back).
        if let Some(id) = &self.selected_annotation
            && self.doc.project.annotation(id).is_none()
        {
            self.selected_annotation = None;
        }
        if self
            .current_article
            .as_ref()
            .is_none_or(|id| self.doc.project.article(id).is_none())
        {
            self.current_article = self.doc.project.articles.first().map(|a| a.id.clone());
        }
        self.status = what.to_owned();
    }

    /// A tag shortcut was pressed: tag the selection, or retag the selected annotation.
    pub fn tag_key(&mut self, key: char) {
        let Some(tag) = self.doc.project.tag_for_key(key).map(|t| t.id.clone()) else {
            return;
        };
        if self.selection.span.is_some() {
            self.tag_selection(&tag);
        } else if let Some(id) = self.selected_annotation.clone() {
            self.retag(&id, &tag);
        }
    }

    /// Create an annotation of the current selection with `tag`.
    pub fn tag_selection(&mut self, tag: &str) {
        let (Some(article), Some(span)) = (self.current_article.clone(), self.selection.span)
        else {
            self.status = "Select some text first".into();
            return;
        };
        if let Some(existing) = self
            .doc
            .project
            .annotations_of(&article)
            .find(|a| a.span() == span && a.tag == tag)
        {
            self.selected_annotation = Some(existing.id.clone());
            self.selection.clear();
            self.status = "That span already has this tag".into();
            return;
        }
        match self.doc.project.make_annotation(&article, span, tag) {
            Ok(ann) => {
                let id = ann.id.clone();
                let exact = ann.exact.clone();
                if self.apply(Edit::InsertAnnotation(ann)) {
                    self.selected_annotation = Some(id);
                    self.selection.clear();
                    self.status = format!("Tagged “{}” as {tag}", shorten(&exact, 40));
                }
            }
            Err(e) => self.status = format!("Not tagged: {e}"),
        }
    }

    fn retag(&mut self, id: &str, tag: &str) {
        let Some(mut ann) = self.doc.project.annotation(id).cloned() else {
            return;
        };
        if ann.tag == tag {
            return;
        }
        ann.tag = tag.to_owned();
        if tag == tags::CLAIM {
            ann.claim.get_or_insert_with(Default::default);
        } else {
            ann.claim = None;
        }
        // An entity of another tag no longer fits.
        if let Some(e) = &ann.entity
            && self.doc.project.entity(e).is_some_and(|e| e.tag != tag)
        {
            ann.entity = None;
        }
        if self.apply(Edit::UpdateAnnotation(ann)) {
            self.status = format!("Retagged {id} as {tag}");
        }
    }

    /// Tag every occurrence of the selected annotation's text with its tag and entity.
    pub fn tag_all(&mut self, whole_project: bool) {
        let Some(ann) = self
            .selected_annotation
            .as_ref()
            .and_then(|id| self.doc.project.annotation(id))
            .cloned()
        else {
            return;
        };
        let scope = (!whole_project).then_some(ann.article.as_str());
        let (edit, n) =
            self.doc
                .project
                .tag_matches_in(&ann.exact, &ann.tag, ann.entity.as_deref(), scope);
        if n == 0 {
            self.status = "No other untagged occurrences".into();
        } else if self.apply(edit) {
            self.status = format!(
                "Tagged {n} more occurrence(s) of “{}”",
                shorten(&ann.exact, 40)
            );
        }
    }

    // ------------------------------------------------------------------ files

    /// Ask about unsaved changes before doing `action`.
    pub fn request(&mut self, action: Pending) {
        // Viewing an incident file leaves the project open: nothing to ask.
        let harmless = matches!(&action, Pending::Open(Some(p)) if is_incident_path(p));
        if self.doc.is_dirty() && !harmless {
            self.modal = Some(Modal::Unsaved { then: action });
        } else {
            self.carry_out(action);
        }
    }

    fn carry_out(&mut self, action: Pending) {
        match action {
            Pending::New => {
                self.replace_document(Document::new(Project::new("Untitled project"), None));
                self.status = "New project".into();
            }
            Pending::Open(path) => {
                let path = path.or_else(|| self.dialogs.open_project());
                if let Some(path) = path {
                    self.open_path(&path);
                }
            }
            Pending::Quit => {
                if let Some(autosave) = &self.autosave {
                    autosave.flush();
                }
                self.quit_confirmed = true;
                self.quit_requested = true;
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.current_article = self.doc.project.articles.first().map(|a| a.id.clone());
        self.selected_annotation = None;
        self.selection.clear();
        self.find = FindBar::default();
        self.view.invalidate();
        // Revisions differ between documents, so these would not be used again; dropping them
        // frees their memory at once.
        self.view_cache = None;
        self.suggestions = None;
    }

    /// Show a span of an article (e.g. evidence from an incident file), selecting it.
    pub fn show_span(&mut self, article: &str, span: CharSpan) {
        self.open_article(article);
        self.selected_annotation = None;
        self.selection.set(span);
        self.scroll_to = Some(span);
    }

    /// Open a project file or an incident file, showing an error (and keeping the open
    /// project) if it fails.
    pub fn open_path(&mut self, path: &Path) {
        let kind = crate::io::FileKind::of(path);
        if kind == crate::io::FileKind::WebAnnotations {
            // Web Annotations carry no text: they go onto the articles of the open project.
            self.import_interop(Some(path.to_owned()));
            return;
        }
        if matches!(kind, crate::io::FileKind::Corpus(_)) {
            // A brat or doccano corpus opens as a new project holding it.
            let name = path
                .file_stem()
                .map_or("Imported".into(), |n| n.to_string_lossy().into_owned());
            self.replace_document(Document::new(Project::new(name), None));
            self.import_interop(Some(path.to_owned()));
            return;
        }
        if kind == crate::io::FileKind::IncidentFile {
            match crate::io::load_incident(path) {
                Ok(file) => {
                    self.incident_view = Some(super::incidents::IncidentFileView {
                        path: path.to_owned(),
                        file,
                    });
                    self.status = format!("Opened incident file {}", path.display());
                }
                Err(err) => self.show_error("Cannot open the incident file", err.to_string()),
            }
            return;
        }
        match crate::io::load_project(path) {
            Ok(project) => {
                self.replace_document(Document::new(project, Some(path.to_owned())));
                self.settings.touch_recent(path);
                self.status = format!("Opened {}", path.display());
                self.take_lock(path);
                if self.modal.is_none() {
                    self.offer_recovery();
                }
            }
            Err(err) => self.show_error("Cannot open the file", err.to_string()),
        }
    }

    /// Save to the current path, or ask for one. Returns true when saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    /// Ask for a path and save there. Returns true when saved.
    pub fn save_as(&mut self) -> bool {
        let suggested = format!("{}.sitrep", sanitize_file_name(&self.doc.project.name));
        match self.dialogs.save_project_as(&suggested) {
            Some(path) => self.save_to(&path),
            None => false,
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        let mut project = self.doc.project.clone();
        project.modified = model::now();
        match crate::io::save_project(path, &project) {
            Ok(()) => {
                self.doc.project.modified = project.modified;
                let was_untitled = self.doc.path.is_none();
                self.doc.mark_saved(path.to_owned());
                if self
                    .lock
                    .as_ref()
                    .is_none_or(|l| l.path() != crate::io::lock::lock_path(path))
                {
                    self.take_lock(path);
                }
                if let Some(autosave) = self.autosave.as_mut() {
                    autosave.flush();
                    if was_untitled {
                        autosave.discard(self.doc.revision(), None);
                    }
                }
                self.discard_recovery();
                self.settings.touch_recent(path);
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(err) => {
                self.show_error("The project was not saved", err.to_string());
                false
            }
        }
    }

    /// Import article files, each as one undoable step. Failures are listed in one dialog.
    pub fn add_articles(&mut self, files: &[PathBuf]) {
        let mut errors = Vec::new();
        let mut added = 0;
        for file in files {
            match crate::io::articles::import_file(file) {
                Ok(draft) => {
                    let id = self.doc.project.alloc_id("art");
                    let article = draft.into_article(&id);
                    let index = self.doc.project.articles.len();
                    if self.apply(Edit::InsertArticle { index, article }) {
                        self.current_article = Some(id);
                        added += 1;
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !errors.is_empty() {
            self.show_error("Some files were not imported", errors.join("\n"));
        } else if added > 0 {
            self.status = format!("Added {added} article(s)");
        }
    }

    /// Import brat or doccano data. When the files use labels that no tag is named after, the
    /// analyst first chooses a tag for each ([`Modal::ImportMap`]), with the usual NER names
    /// (PER, ORG, LOC, GPE, ...) preset to actor and location; otherwise it imports at once.
    pub fn import_interop(&mut self, path: Option<PathBuf>) {
        let Some(path) = path else { return };
        let labels = match crate::io::formats::preview_labels(&self.doc.project, &path) {
            Ok(labels) => labels,
            Err(e) => {
                self.show_error("Nothing was imported", e.to_string());
                return;
            }
        };
        if labels.iter().all(|l| !l.created) {
            self.import_interop_with(&path, &crate::io::formats::TypeMap::default());
            return;
        }
        let rows = labels
            .into_iter()
            .map(|l| {
                let usual = crate::io::formats::shared::usual_tag(&l.label)
                    .filter(|t| self.doc.project.tag(t).is_some())
                    .map(str::to_owned);
                LabelChoice {
                    matched: !l.created,
                    tag: if l.created { usual } else { Some(l.tag) },
                    label: l.label,
                    spans: l.spans,
                }
            })
            .collect();
        self.modal = Some(Modal::ImportMap { path, rows });
    }

    /// Import brat or doccano data with this label map, as one undoable step, reporting
    /// skipped lines.
    pub fn import_interop_with(
        &mut self,
        path: &std::path::Path,
        map: &crate::io::formats::TypeMap,
    ) {
        match crate::io::formats::import_path(&mut self.doc.project, path, map) {
            Ok(report) => {
                self.doc.push_applied(report.undo());
                // Show the first new article; an import onto articles the project had (a
                // re-import, W3C annotations) leaves the view where it was.
                if report.articles > 0 {
                    let first_new = self.doc.project.articles.len() - report.articles;
                    self.current_article = self
                        .doc
                        .project
                        .articles
                        .get(first_new)
                        .map(|a| a.id.clone());
                }
                if report.warnings.is_empty() {
                    self.status = format!("Imported {}", report.summary());
                } else {
                    let shown: Vec<String> = report
                        .warnings
                        .iter()
                        .take(20)
                        .map(|w| w.to_string())
                        .collect();
                    self.show_error(
                        "Imported, with lines that could not be used",
                        format!("{}\n\n{}", report.summary(), shown.join("\n")),
                    );
                }
            }
            Err(e) => self.show_error("Nothing was imported", e.to_string()),
        }
    }

    /// Export annotations or incidents to `path` in `format`.
    pub fn export_to(&mut self, path: Option<PathBuf>, format: crate::io::Format) {
        let Some(path) = path else { return };
        match format.export(&self.doc.project, &path) {
            Ok(report) => self.status = report.summary,
            Err(e) => self.show_error("The export failed", e.to_string()),
        }
    }

    /// Ask for an article file (the first step of "Update article text…").
    pub fn pick_article_file(&mut self) -> Option<PathBuf> {
        self.dialogs.pick_file(
            "Newer version of the article",
            &["txt", "md", "html", "htm"],
        )
    }

    /// Replace the shown article's text with a newer version, re-anchoring its annotations
    /// from their quotes; those that cannot be placed become orphans, listed for the analyst.
    pub fn update_article_text(&mut self, file: Option<PathBuf>) {
        let (Some(file), Some(article)) = (file, self.current_article.clone()) else {
            return;
        };
        let draft = match crate::io::import_file(&file) {
            Ok(d) => d,
            Err(e) => return self.show_error("The new text was not read", e.to_string()),
        };
        match self
            .doc
            .project
            .replace_article_text_edit(&article, &draft.text)
        {
            Ok((edit, report)) => {
                if self.apply(edit) {
                    self.selected_annotation = None;
                    self.selection.clear();
                    self.show_error("Article text updated", report.summary());
                }
            }
            Err(e) => self.show_error("The text was not replaced", e.to_string()),
        }
    }

    /// Turn pasted text into a new article (the date-header rule applies).
    pub fn add_pasted_article(&mut self, text: &str) {
        let id = self.doc.project.alloc_id("art");
        let article = match crate::io::articles::article_from_text(text, &id) {
            Ok(article) => article,
            Err(e) => {
                self.status = format!("Not pasted: {e}");
                return;
            }
        };
        let index = self.doc.project.articles.len();
        if self.apply(Edit::InsertArticle { index, article }) {
            self.current_article = Some(id);
            self.selection.clear();
            self.selected_annotation = None;
            self.status = "Pasted a new article".into();
        }
    }

    // ------------------------------------------------------------------ panels

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New);
                self.menu_item(ui, Command::Open);
                ui.menu_button("Open recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent projects");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.request(Pending::Open(Some(path)));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, Command::Save);
                self.menu_item(ui, Command::SaveAs);
                ui.separator();
                self.menu_item(ui, Command::AddArticle);
                self.menu_item(ui, Command::PasteArticle);
                ui.separator();
                ui.menu_button("Import", |ui| {
                    if ui.button("brat folder…").clicked() {
                        ui.close();
                        let dir = self.dialogs.pick_folder("Import a brat folder");
                        self.import_interop(dir);
                    }
                    if ui.button("brat .ann or doccano .jsonl file…").clicked() {
                        ui.close();
                        let file = self.dialogs.pick_file("Import brat or doccano", &["ann", "jsonl"]);
                        self.import_interop(file);
                    }
                    if ui
                        .button("W3C Web Annotations (.jsonld)…")
                        .on_hover_text("Annotations made in another tool on articles this project holds, matched by URL")
                        .clicked()
                    {
                        ui.close();
                        let file = self.dialogs.pick_file("Import W3C Web Annotations", &["jsonld"]);
                        self.import_interop(file);
                    }
                });
                ui.menu_button("Export", |ui| {
                    use crate::io::Format as F;
                    if ui.button("brat standoff folder…").clicked() {
                        ui.close();
                        let dir = self.dialogs.pick_folder("Export brat standoff into");
                        self.export_to(dir, F::Brat);
                    }
                    if ui.button("W3C Web Annotation (.jsonld)…").clicked() {
                        ui.close();
                        let f = self.dialogs.save_file("Export W3C Web Annotation", "annotations.jsonld", "jsonld");
                        self.export_to(f, F::W3c);
                    }
                    if ui.button("doccano JSONL…").clicked() {
                        ui.close();
                        let f = self.dialogs.save_file("Export doccano JSONL", "annotations.jsonl", "jsonl");
                        self.export_to(f, F::Doccano);
                    }
                    ui.separator();
                    if ui.button("Incident files into a folder…").clicked() {
                        ui.close();
                        let dir = self.dialogs.pick_folder("Export incident files into");
                        self.export_to(dir, F::IncidentFiles);
                    }
                    if ui.button("Incidents as CSV (ACLED columns)…").clicked() {
                        ui.close();
                        let f = self.dialogs.save_file("Export incidents as CSV", "incidents.csv", "csv");
                        self.export_to(f, F::Csv);
                    }
                    if ui.button("Incidents as GeoJSON…").clicked() {
                        ui.close();
                        let f = self.dialogs.save_file("Export incidents as GeoJSON", "incidents.geojson", "geojson");
                        self.export_to(f, F::GeoJson);
                    }
                });
                if ui
                    .add_enabled(self.current_article.is_some(), egui::Button::new("Update article text…"))
                    .on_hover_text("Replace the shown article with a newer version; annotations follow their quotes")
                    .clicked()
                {
                    ui.close();
                    let file = self.dialogs.pick_file("Newer version of the article", &["txt", "md", "html", "htm"]);
                    self.update_article_text(file);
                }
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                self.menu_item(ui, Command::Undo);
                self.menu_item(ui, Command::Redo);
                ui.separator();
                self.menu_item(ui, Command::Find);
                self.menu_item(ui, Command::DeleteAnnotation);
            });
            ui.menu_button("View", |ui| {
                let mut dark = self.settings.dark;
                if ui.checkbox(&mut dark, "Dark theme").changed() {
                    self.run(Command::ToggleTheme);
                }
                self.menu_item(ui, Command::ZoomIn);
                self.menu_item(ui, Command::ZoomOut);
                ui.label(format!("Text size: {:.0} pt", self.settings.font_size));
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, cmd: Command) {
        let enabled = match cmd {
            Command::Undo => self.doc.can_undo(),
            Command::Redo => self.doc.can_redo(),
            Command::DeleteAnnotation => self.selected_annotation.is_some(),
            _ => true,
        };
        let shortcut = cmd
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let button = egui::Button::new(cmd.label()).shortcut_text(shortcut);
        if ui.add_enabled(enabled, button).clicked() {
            ui.close();
            self.run(cmd);
        }
    }

    fn tool_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let tags: Vec<(String, String, Option<char>, Color32)> = self
                .doc
                .project
                .tags
                .iter()
                .map(|t| {
                    (
                        t.id.clone(),
                        t.label.clone(),
                        t.key_char(),
                        article_view::tag_color(t.rgb()),
                    )
                })
                .collect();
            for (id, label, key, color) in tags {
                let text = match key {
                    Some(k) => format!("{label} ({})", k.to_ascii_uppercase()),
                    None => label.clone(),
                };
                let button = egui::Button::new(egui::RichText::new(text).color(Color32::BLACK))
                    .fill(color.gamma_multiply(0.55));
                let can_tag = self.selection.span.is_some() || self.selected_annotation.is_some();
                let resp = ui
                    .add_enabled(can_tag, button)
                    .on_hover_text(format!("Tag the selection as {label}"));
                if resp.clicked() {
                    if self.selection.span.is_some() {
                        self.tag_selection(&id);
                    } else if let Some(ann) = self.selected_annotation.clone() {
                        self.retag(&ann, &id);
                    }
                }
            }
            ui.separator();
            if ui.button("Find").on_hover_text("Ctrl+F").clicked() {
                self.run(Command::Find);
            }
        });
    }

    fn status_line(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let p = &self.doc.project;
            if self.doc.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "Unsaved changes");
            } else {
                ui.label("Saved");
            }
            ui.separator();
            ui.label(format!(
                "{} articles · {} annotations · {} entities · {} incidents",
                p.articles.len(),
                p.annotations.len(),
                p.entities.len(),
                p.incidents.len()
            ));
            if !self.status.is_empty() {
                ui.separator();
                // One line only: a long report (an import's warnings) is in its dialog, and
                // in full on hover.
                let first = self.status.lines().next().unwrap_or_default();
                let label = ui.add(egui::Label::new(first).truncate());
                if first.len() < self.status.len() {
                    label.on_hover_text(&self.status);
                }
            }
        });
    }

    fn left_panel(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.left_tab, LeftTab::Articles, "Articles");
            ui.selectable_value(&mut self.left_tab, LeftTab::Entities, "Entities");
            ui.selectable_value(&mut self.left_tab, LeftTab::Incidents, "Incidents");
        });
        ui.separator();
        match self.left_tab {
            LeftTab::Articles => self.articles_panel(ui),
            LeftTab::Entities => super::entities::entity_list(self, ui),
            LeftTab::Incidents => super::incidents::incident_list(self, ui),
        }
    }

    fn articles_panel(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add article…").clicked() {
                self.run(Command::AddArticle);
            }
            if ui.button("Paste as new article").clicked() {
                self.run(Command::PasteArticle);
            }
        });
        let total = self.doc.project.articles.len();
        if total > 1 {
            ui.horizontal(|ui| {
                let label = ui.label("Filter");
                ui.add(
                    egui::TextEdit::singleline(&mut self.article_filter)
                        .hint_text("title, source or file")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
        }
        ui.separator();
        let mut open = None;
        let mut remove = None;
        // Annotation counts in one pass (annotations are kept grouped by article), not one
        // scan of all annotations per article.
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for run in self
            .doc
            .project
            .annotations
            .chunk_by(|a, b| a.article == b.article)
        {
            if let Some(first) = run.first() {
                *counts.entry(first.article.as_str()).or_default() += run.len();
            }
        }
        let needle = crate::model::text::fold_str(self.article_filter.trim());
        let shown: Vec<&crate::model::Article> = self
            .doc
            .project
            .articles
            .iter()
            .filter(|a| {
                needle.is_empty()
                    || [
                        a.title.as_str(),
                        a.source.as_str(),
                        a.imported_from.as_deref().unwrap_or_default(),
                    ]
                    .iter()
                    .any(|field| crate::model::text::fold_str(field).contains(&needle))
            })
            .collect();
        if total == 0 {
            ui.weak("No articles yet: add files, drop them on the window, or paste text.");
        } else if shown.len() < total {
            ui.weak(format!("{} of {total} shown", shown.len()));
        }
        // Every row is two lines high (the title is cut to one line, in full on hover), so
        // only the rows in view are laid out: a project of thousands of articles costs no
        // more per frame than one of ten.
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let row_height = 2.0 * line + 6.0;
        let current = self.current_article.clone();
        egui::ScrollArea::vertical()
            .id_salt("article-list")
            .auto_shrink([false, true])
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for article in shown.get(rows).unwrap_or_default() {
                    let count = counts.get(article.id.as_str()).copied().unwrap_or(0);
                    let date = article
                        .published
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| "no date".into());
                    let selected = current.as_deref() == Some(article.id.as_str());
                    let resp = article_row(
                        ui,
                        row_height,
                        selected,
                        &article.title,
                        &format!(
                            "{date} · {count} annotation{}",
                            if count == 1 { "" } else { "s" }
                        ),
                    );
                    if resp.clicked() {
                        open = Some(article.id.clone());
                    }
                    resp.context_menu(|ui| {
                        if ui.button("Remove article").clicked() {
                            remove = Some(article.id.clone());
                            ui.close();
                        }
                    });
                }
            });
        if let Some(id) = open {
            self.open_article(&id);
        }
        if let Some(id) = remove {
            let edit = self.doc.project.delete_article_edit(&id);
            if self.apply(edit) {
                self.after_history_move("Removed the article (Ctrl+Z brings it back)");
            }
        }
    }

    /// Show an article in the centre.
    pub fn open_article(&mut self, id: &str) {
        if self.current_article.as_deref() != Some(id) {
            self.current_article = Some(id.to_owned());
            self.selection.clear();
            self.selected_annotation = None;
            self.find.current = None;
        }
    }

    /// Select an annotation, showing its article and scrolling to it.
    pub fn select_annotation(&mut self, id: &str) {
        if let Some(ann) = self.doc.project.annotation(id) {
            let (article, span) = (ann.article.clone(), ann.span());
            self.open_article(&article);
            self.selected_annotation = Some(id.to_owned());
            self.selection.clear();
            self.scroll_to = Some(span);
            self.current_suggestion = 0;
        }
    }

    fn inspector_panel(&mut self, ui: &mut Ui) {
        match (
            self.selected_annotation.clone(),
            self.selected_entity.clone(),
        ) {
            (Some(id), _) => {
                ui.heading("Annotation");
                super::inspector::annotation_editor(self, ui, &id);
            }
            (None, Some(id)) => {
                ui.heading("Entity");
                super::entities::entity_editor(self, ui, &id);
            }
            (None, None) => {
                ui.heading("Annotation");
                ui.weak("Select text and press a tag key (A, L, C), or click a highlight.");
            }
        }
        self.suggestion_box(ui);
        ui.separator();
        super::inspector::annotation_list(self, ui);
    }

    fn central(&mut self, ui: &mut Ui) {
        let Some(article_id) = self.current_article.clone() else {
            ui.centered_and_justified(|ui| {
                ui.weak(
                    "Add an article to start: File → Add article…, drop files here, or paste text.",
                );
            });
            return;
        };
        if self.find.open {
            self.find_bar(ui, &article_id);
        }
        self.refresh_suggestions(&article_id);
        let suggested: Vec<article_view::Suggested> = self
            .suggestions
            .as_ref()
            .map(|(_, _, list)| {
                list.iter()
                    .enumerate()
                    .map(|(i, s)| article_view::Suggested {
                        span: s.span,
                        color: article_view::tag_color(
                            self.doc.project.tag(&s.tag).and_then(|t| t.rgb()),
                        ),
                        current: i == self.current_suggestion,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let project = &self.doc.project;
        let Some(article) = project.article(&article_id) else {
            return;
        };
        ui.heading(&article.title);
        ui.horizontal(|ui| {
            if let Some(d) = article.published {
                ui.label(d.format("%A %-d %B %Y").to_string());
            }
            if !article.source.is_empty() {
                ui.separator();
                ui.label(&article.source);
            }
            if let Some(from) = &article.imported_from {
                ui.separator();
                ui.weak(from);
            }
        });
        ui.separator();

        let annotations = project.annotations_slice(&article_id);
        let fresh = self
            .view_cache
            .as_ref()
            .is_some_and(|c| c.revision == self.doc.revision() && c.article == article_id);
        if !fresh {
            self.view_cache = Some(ViewCache {
                revision: self.doc.revision(),
                article: article_id.clone(),
                colors: annotations
                    .iter()
                    .map(|a| article_view::tag_color(project.tag(&a.tag).and_then(|t| t.rgb())))
                    .collect(),
                levels: article_view::nesting_levels(annotations),
                index: article_view::SpanIndex::new(annotations.iter().map(|a| a.span())),
            });
        }
        let Some(cache) = self.view_cache.as_ref() else {
            return;
        };
        let tooltip = |a: &model::Annotation| -> String {
            let tag = project
                .tag(&a.tag)
                .map_or(a.tag.as_str(), |t| t.label.as_str());
            let mut s = format!("{tag}: “{}”", shorten(&a.exact, 60));
            if let Some(e) = a.entity.as_ref().and_then(|e| project.entity(e)) {
                s.push_str(&format!("\nEntity: {}", e.name));
            }
            if let Some(claim) = &a.claim {
                let source = claim
                    .source
                    .as_ref()
                    .and_then(|e| project.entity(e))
                    .map_or("unknown source", |e| e.name.as_str());
                s.push_str(&format!("\nClaim by {source} ({})", claim.status.as_str()));
            }
            if !a.note.is_empty() {
                s.push_str(&format!("\nNote: {}", a.note));
            }
            s
        };
        let tag_choices: Vec<_> = project
            .tags
            .iter()
            .map(|t| (t.id.clone(), t.label.clone(), t.key_char()))
            .collect();
        let input = ViewInput {
            article,
            annotations,
            index: &cache.index,
            colors: &cache.colors,
            levels: &cache.levels,
            selected: self.selected_annotation.as_deref(),
            tooltips: &tooltip,
            font_size: self.settings.font_size,
            scroll_to: self.scroll_to.take(),
            suggestions: &suggested,
        };
        let alt = ui.input(|i| i.modifiers.alt);
        let events = self
            .view
            .show(ui, &input, &mut self.selection, &tag_choices, alt);
        for event in events {
            match event {
                ViewEvent::SelectAnnotation(id) => {
                    self.selected_annotation = Some(id);
                    self.selected_entity = None;
                }
                ViewEvent::ClearAnnotation => self.selected_annotation = None,
                ViewEvent::TagSelection(tag) => self.tag_selection(&tag),
                ViewEvent::DeleteSelected => self.run(Command::DeleteAnnotation),
                ViewEvent::AddEvidence => self.add_selected_to_incident(),
                ViewEvent::TagAll { project } => self.tag_all(project),
                ViewEvent::ClickSuggestion(i) => self.accept_suggestion(Some(i)),
                ViewEvent::RejectSuggestion(i) => self.reject_suggestion(Some(i)),
            }
        }
    }

    /// Add the selected annotation to the incident being edited.
    pub fn add_selected_to_incident(&mut self) {
        let (Some(incident), Some(ann)) = (
            self.selected_incident.clone(),
            self.selected_annotation.clone(),
        ) else {
            self.status = "Open an incident and select an annotation first".into();
            return;
        };
        match self
            .doc
            .project
            .add_evidence_edit(&incident, &[ann.as_str()])
        {
            Ok(edit) => {
                if self.apply(edit) {
                    self.status = format!("Added {ann} to incident {incident}");
                }
            }
            Err(e) => self.status = format!("Not added: {e}"),
        }
    }

    /// Open an incident in the editor window.
    pub fn open_incident(&mut self, id: &str) {
        if self.doc.project.incident(id).is_some() {
            self.selected_incident = Some(id.to_owned());
            self.left_tab = LeftTab::Incidents;
        }
    }

    /// Write one incident as a self-contained incident file, asking where.
    pub fn export_incident(&mut self, id: &str) {
        let suggested = format!("{id}.incident.json");
        let Some(path) = self.dialogs.save_incident_as(&suggested) else {
            return;
        };
        let result = crate::io::incident_file::export_incident(&self.doc.project, id)
            .map_err(|e| e.to_string())
            .and_then(|file| {
                crate::io::incident_file::save_incident(&path, &file).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self.status = format!("Exported incident {id} to {}", path.display()),
            Err(e) => self.show_error("The incident was not exported", e),
        }
    }

    fn refresh_suggestions(&mut self, article_id: &str) {
        let fresh = self
            .suggestions
            .as_ref()
            .is_some_and(|(rev, art, _)| *rev == self.doc.revision() && art == article_id);
        if !fresh {
            let list = crate::model::suggest::suggestions_cached(
                &mut self.suggestion_cache,
                &self.doc.project,
                article_id,
            );
            self.suggestions = Some((self.doc.revision(), article_id.to_owned(), list));
        }
        let n = self.suggestions.as_ref().map_or(0, |(_, _, l)| l.len());
        if self.current_suggestion >= n {
            self.current_suggestion = 0;
        }
    }

    /// Open suggestions in the shown article.
    pub fn open_suggestions(&mut self) -> Vec<crate::model::suggest::Suggestion> {
        let Some(article) = self.current_article.clone() else {
            return Vec::new();
        };
        self.refresh_suggestions(&article);
        self.suggestions
            .as_ref()
            .map(|(_, _, l)| l.clone())
            .unwrap_or_default()
    }

    /// Accept suggestion `i` (or the current one): annotate it, linked to its entity.
    pub fn accept_suggestion(&mut self, i: Option<usize>) {
        let list = self.open_suggestions();
        let Some(s) = list.get(i.unwrap_or(self.current_suggestion)).cloned() else {
            return;
        };
        match self
            .doc
            .project
            .accept_suggestions_edit(std::slice::from_ref(&s))
        {
            Ok(edit) => {
                if self.apply(edit) {
                    self.status = format!("Accepted “{}”", shorten(&s.exact, 40));
                }
            }
            Err(e) => self.status = format!("Not accepted: {e}"),
        }
    }

    /// Reject suggestion `i` (or the current one) for good.
    pub fn reject_suggestion(&mut self, i: Option<usize>) {
        let list = self.open_suggestions();
        let Some(s) = list.get(i.unwrap_or(self.current_suggestion)).cloned() else {
            return;
        };
        if self.apply(Edit::RejectSuggestion(s.rejection())) {
            self.status = format!("Rejected the suggestion “{}”", shorten(&s.exact, 40));
        }
    }

    /// Accept every open suggestion in the shown article, as one undo step.
    pub fn accept_all_suggestions(&mut self) {
        let list = self.open_suggestions();
        if list.is_empty() {
            return;
        }
        match self.doc.project.accept_suggestions_edit(&list) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.status = format!("Accepted {} suggestion(s)", list.len());
                }
            }
            Err(e) => self.status = format!("Not accepted: {e}"),
        }
    }

    fn suggestion_box(&mut self, ui: &mut Ui) {
        // The current suggestion and the next one's span, not a copy of the whole list.
        let (n, current, next) = match self.current_article.clone() {
            Some(article) => {
                self.refresh_suggestions(&article);
                let list = self.suggestions.as_ref().map_or(&[][..], |(_, _, l)| l);
                let next = (self.current_suggestion + 1) % list.len().max(1);
                (
                    list.len(),
                    list.get(self.current_suggestion).cloned(),
                    list.get(next).map(|s| s.span),
                )
            }
            None => (0, None, None),
        };
        if n == 0 {
            return;
        }
        ui.separator();
        ui.strong(format!("Suggestions ({n})"));
        if let Some(s) = current {
            let name = self
                .doc
                .project
                .entity(&s.entity)
                .map_or(s.entity.clone(), |e| e.name.clone());
            ui.label(format!("“{}” → {name}", shorten(&s.exact, 40)));
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Accept (Enter)").clicked() {
                self.accept_suggestion(None);
            }
            if ui.button("Reject (X)").clicked() {
                self.reject_suggestion(None);
            }
            if ui.button("Next").clicked() {
                self.current_suggestion = (self.current_suggestion + 1) % n;
                self.scroll_to = next;
            }
            if ui.button("Accept all in this article").clicked() {
                self.accept_all_suggestions();
            }
        });
    }

    fn find_bar(&mut self, ui: &mut Ui, article_id: &str) {
        let mut go: Option<bool> = None; // Some(forward)
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .id_salt("find-field")
                        .hint_text("text in this article")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if self.find.focus {
                resp.request_focus();
                self.find.focus = false;
            }
            if resp.changed() {
                self.find.current = None;
            }
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(Key::Escape),
                )
            });
            if resp.lost_focus() && enter {
                go = Some(!shift);
                resp.request_focus();
            }
            if (resp.lost_focus() || resp.has_focus()) && escape {
                close = true;
            }
            if ui
                .button("Previous")
                .on_hover_text("Previous (Shift+Enter)")
                .clicked()
            {
                go = Some(false);
            }
            if ui.button("Next").on_hover_text("Next (Enter)").clicked() {
                go = Some(true);
            }
            let found = self.find_matches(article_id).len();
            match (found, self.find.current) {
                (0, _) if !self.find.query.is_empty() => {
                    ui.colored_label(ui.visuals().warn_fg_color, "no match");
                }
                (n, Some(i)) => {
                    ui.label(format!("{} of {n}", i + 1));
                }
                (n, None) if n > 0 => {
                    ui.label(format!("{n} matches"));
                }
                _ => {}
            }
            if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
                close = true;
            }
        });
        if let Some(forward) = go {
            let matches = self.find_matches(article_id).to_vec();
            if !matches.is_empty() {
                let n = matches.len();
                let next = match self.find.current {
                    None if forward => 0,
                    None => n - 1,
                    Some(i) if forward => (i + 1) % n,
                    Some(i) => (i + n - 1) % n,
                };
                self.find.current = Some(next);
                if let Some(span) = matches.get(next) {
                    self.selection.set(*span);
                    self.selected_annotation = None;
                    self.scroll_to = Some(*span);
                }
            }
        }
        if close {
            self.close_find(ui.ctx());
        }
    }

    /// Close the find bar, keeping its match selected and giving the keyboard back to the
    /// article so that a tag key acts on the match.
    fn close_find(&mut self, ctx: &egui::Context) {
        self.find.open = false;
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
    }

    /// Case-insensitive matches of the find query in an article, searched again only when the
    /// query, the article or the project changed (the bar shows the count every frame).
    pub fn find_matches(&mut self, article_id: &str) -> &[CharSpan] {
        let key = (
            self.doc.revision(),
            article_id.to_owned(),
            self.find.query.clone(),
        );
        if self.find.matches.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = self
                .doc
                .project
                .article(article_id)
                .map(|a| model::text::find_folded(a.chars(), &self.find.query))
                .unwrap_or_default();
            self.find.matches = Some((key, found));
        }
        self.find
            .matches
            .as_ref()
            .map_or(&[], |(_, m)| m.as_slice())
    }

    fn show_modal(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        match modal {
            Modal::Error { title, message } => {
                egui::Modal::new(egui::Id::unique("error-modal")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading(title);
                    ui.label(message);
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        close = true;
                    }
                });
            }
            Modal::Unsaved { then } => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("unsaved-modal")).show(ctx, |ui| {
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has unsaved changes. Save them first?",
                        self.doc.project.name
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            choice = Some(0);
                        }
                        if ui.button("Discard").clicked() {
                            choice = Some(1);
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            choice = Some(2);
                        }
                    });
                });
                match choice {
                    Some(0) => {
                        self.modal = None;
                        if self.save() {
                            self.carry_out(then);
                        }
                        return;
                    }
                    Some(1) => {
                        self.modal = None;
                        self.discard_recovery();
                        self.carry_out(then);
                        return;
                    }
                    Some(_) => close = true,
                    None => {}
                }
            }
            Modal::Restore { summary, file } => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("restore-modal")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("Restore unsaved work?");
                    ui.label("Sitrep did not close normally last time. A recovery copy was found:");
                    ui.label(&summary);
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            choice = Some(true);
                        }
                        if ui.button("Discard it").clicked() {
                            choice = Some(false);
                        }
                    });
                });
                match choice {
                    Some(true) => {
                        self.modal = None;
                        self.restore_recovery();
                        return;
                    }
                    Some(false) => {
                        self.discard_recovery();
                        if let Some(autosave) = self.autosave.as_ref()
                            && let Err(e) = autosave.store().remove(&file)
                        {
                            self.status = format!("The recovery copy could not be removed: {e}");
                        } else {
                            self.status = "Discarded the recovery copy".into();
                        }
                        close = true;
                    }
                    None => {}
                }
            }
            Modal::Locked { message, path } => {
                let mut open_anyway = false;
                egui::Modal::new(egui::Id::unique("locked-modal")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading("Already open elsewhere");
                    ui.label(&message);
                    ui.horizontal(|ui| {
                        if ui.button("Open anyway").clicked() {
                            self.lock = crate::io::ProjectLock::force_acquire(&path).ok();
                            open_anyway = true;
                        }
                        if ui.button("Close it here").clicked() {
                            self.replace_document(Document::new(
                                Project::new("Untitled project"),
                                None,
                            ));
                            close = true;
                        }
                    });
                });
                if open_anyway {
                    // The other window may be a crashed one whose unsaved work waits.
                    self.modal = None;
                    self.offer_recovery();
                    return;
                }
            }
            Modal::Paste { mut text } => {
                let mut add = false;
                egui::Modal::new(egui::Id::unique("paste-modal")).show(ctx, |ui| {
                    ui.heading("Paste as new article");
                    ui.label("Paste the article text (Ctrl+V). A first line “date YYYY-MM-DD” sets the date.");
                    egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                        let field = ui.add(
                            egui::TextEdit::multiline(&mut text)
                                .id_salt("paste-field")
                                .desired_width(520.0)
                                .desired_rows(12),
                        );
                        // Ready for Ctrl+V or typing as soon as the dialog opens.
                        if ui.memory(|m| m.focused().is_none()) {
                            field.request_focus();
                        }
                    });
                    ui.horizontal(|ui| {
                        if ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Add article")).clicked() {
                            add = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
                if add {
                    self.modal = None;
                    self.add_pasted_article(&text);
                    return;
                }
                if !close {
                    self.modal = Some(Modal::Paste { text });
                }
            }
            Modal::ImportMap { path, mut rows } => {
                let mut import = false;
                let tags: Vec<(String, String)> = self
                    .doc
                    .project
                    .tags
                    .iter()
                    .map(|t| (t.id.clone(), t.label.clone()))
                    .collect();
                egui::Modal::new(egui::Id::unique("import-map-modal")).show(ctx, |ui| {
                    ui.set_max_width(560.0);
                    ui.heading("Import: choose a tag for each type");
                    ui.label(format!(
                        "{} uses types that no tag of this project is named after. Choose \
                         where their spans go; “New tag” keeps a type as a tag of its own.",
                        path.display()
                    ));
                    ui.add_space(6.0);
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            egui::Grid::new("import-map-grid")
                                .num_columns(3)
                                .striped(true)
                                .show(ui, |ui| {
                                    for row in &mut rows {
                                        ui.monospace(&row.label);
                                        ui.label(format!("{} span(s)", row.spans));
                                        let shown = match &row.tag {
                                            Some(id) => tags
                                                .iter()
                                                .find(|(t, _)| t == id)
                                                .map_or(id.clone(), |(_, label)| label.clone()),
                                            None => format!("New tag “{}”", row.label),
                                        };
                                        egui::ComboBox::new(("import-map", row.label.as_str()), "")
                                            .selected_text(shown)
                                            .show_ui(ui, |ui| {
                                                for (id, label) in &tags {
                                                    ui.selectable_value(
                                                        &mut row.tag,
                                                        Some(id.clone()),
                                                        label,
                                                    );
                                                }
                                                if !row.matched {
                                                    ui.selectable_value(
                                                        &mut row.tag,
                                                        None,
                                                        format!("New tag “{}”", row.label),
                                                    );
                                                }
                                            });
                                        ui.end_row();
                                    }
                                });
                        });
                    ui.add_space(6.0);
                    ui.horizontal(|ui| {
                        if ui.button("Import").clicked() || ui.input(|i| i.key_pressed(Key::Enter))
                        {
                            import = true;
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            close = true;
                        }
                    });
                });
                if import {
                    self.modal = None;
                    let mut map = crate::io::formats::TypeMap::default();
                    for row in &rows {
                        if let Some(tag) = &row.tag {
                            map.insert(&row.label, tag);
                        }
                    }
                    self.import_interop_with(&path, &map);
                    return;
                }
                if !close {
                    self.modal = Some(Modal::ImportMap { path, rows });
                }
            }
        }
        if close {
            self.modal = None;
        }
    }
}

impl eframe::App for SitrepApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        SitrepApp::ui(self, ui);
        if self.quit_requested || exit_after_first_frame() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.settings);
    }
}

/// True when `SITREP_EXIT_AFTER_FIRST_FRAME=1`: the window closes after its first frame, so
/// that `benches/perf.rs` can time start-up. Read once.
fn exit_after_first_frame() -> bool {
    static EXIT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *EXIT
        .get_or_init(|| std::env::var_os("SITREP_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| v == "1"))
}

/// The letter of a letter or digit key, lower case.
fn key_letter(key: Key) -> Option<char> {
    let name = key.name();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

/// One row of the article list: the title on one line (cut with … when too long, in full on
/// hover), the date and annotation count below it, highlighted when selected or hovered.
fn article_row(
    ui: &mut Ui,
    height: f32,
    selected: bool,
    title: &str,
    detail: &str,
) -> egui::Response {
    let width = ui.available_width();
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("{title}\n{detail}"),
        )
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&resp, selected);
        if selected || resp.hovered() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let inner = rect.shrink2(egui::vec2(4.0, 3.0));
        let text_color = visuals.text_color();
        let mut job = egui::text::LayoutJob::single_section(
            title.to_owned(),
            egui::TextFormat::simple(egui::TextStyle::Body.resolve(ui.style()), text_color),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(inner.width());
        let title_galley = ui.fonts_mut(|f| f.layout_job(job));
        let elided = title_galley.elided;
        ui.painter().galley(inner.min, title_galley, text_color);
        let detail_color = ui.visuals().weak_text_color();
        let mut job = egui::text::LayoutJob::single_section(
            detail.to_owned(),
            egui::TextFormat::simple(egui::TextStyle::Small.resolve(ui.style()), detail_color),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(inner.width());
        let detail_galley = ui.fonts_mut(|f| f.layout_job(job));
        let line = ui.text_style_height(&egui::TextStyle::Body);
        ui.painter().galley(
            inner.min + egui::vec2(0.0, line + 1.0),
            detail_galley,
            detail_color,
        );
        if elided {
            return resp.on_hover_text(title);
        }
    }
    resp
}

/// Projects and incident files, which open as a document rather than being imported.
fn is_project_path(p: &Path) -> bool {
    crate::io::FileKind::of(p).opens_as_document()
}

/// Incident files: by name, or by their `format` field.
fn is_incident_path(p: &Path) -> bool {
    crate::io::FileKind::of(p) == crate::io::FileKind::IncidentFile
}

fn sanitize_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "project".into()
    } else {
        cleaned.into()
    }
}

/// Cut text to `max` chars with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
