//! Files: open, save, add articles, import corpora, export, a newer article text, incident
//! files, and the services around the open file (lock, recovery copies).

use std::path::{Path, PathBuf};

use super::dialogs::{DialogAnswer, DialogMode, DialogRole, FileDialogs, FileRequest};
use super::work::Done;
use super::{
    Command, FilePurpose, IncidentFileView, LabelChoice, Level, Pending, Prompt, Workbench,
};
use crate::io::Format;
use crate::io::detect::FileKind;
use crate::io::formats::{FormatError, TypeMap};
use crate::model::history::Document;
use crate::model::{self, Edit, Project};

/// Extensions of article files the importer reads.
const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "pdf", "docx"];

/// What adding article files to a project did: the edit that adds the new ones (one undo step),
/// the files skipped because the project already holds their text, and the files that failed.
/// The window and `sitrep import` both use it, so both apply the same duplicate rule.
#[derive(Debug, Default)]
pub struct ArticleImport {
    /// Inserts the new articles, in file order; `None` when nothing is new.
    pub edit: Option<Edit>,
    /// Ids of the articles the edit adds.
    pub added: Vec<String>,
    /// Files whose text the project already holds, with the article that holds it.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files that could not be read, with the reason.
    pub failed: Vec<(PathBuf, crate::io::ImportError)>,
}

/// Read article files and build the edit that adds them. A text the project already holds (by
/// SHA-256), or one that appears twice among `files`, is skipped, so importing the same files
/// again adds nothing. Ids are taken from `project`'s counter.
pub fn plan_article_import(project: &mut Project, files: &[PathBuf]) -> ArticleImport {
    let mut plan = ArticleImport::default();
    let mut inserts = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for file in files {
        let draft = match crate::io::import_file(file) {
            Ok(draft) => draft,
            Err(e) => {
                plan.failed.push((file.clone(), e));
                continue;
            }
        };
        let hash = model::text::sha256_hex(&draft.text);
        let holder = project
            .articles
            .iter()
            .find(|a| a.text_sha256 == hash)
            .map(|a| a.id.clone())
            .or_else(|| {
                seen.iter()
                    .find(|(h, _)| *h == hash)
                    .map(|(_, id)| id.clone())
            });
        if let Some(id) = holder {
            plan.skipped.push((file.clone(), id));
            continue;
        }
        let id = project.alloc_id("art");
        seen.push((hash, id.clone()));
        inserts.push(Edit::InsertArticle {
            index: project.articles.len() + inserts.len(),
            article: draft.into_article(&id),
        });
        plan.added.push(id);
    }
    if !inserts.is_empty() {
        plan.edit = Some(Edit::Batch(inserts));
    }
    plan
}

/// A file name made of the project's name, safe on every file system.
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

impl Workbench {
    /// Open the files given at start-up (the first one), or offer recovered work.
    pub fn start(&mut self, files: Vec<PathBuf>, dialogs: &mut dyn FileDialogs) {
        let first = files
            .into_iter()
            .next()
            .or_else(|| self.settings.recent.first().filter(|p| p.exists()).cloned());
        match first {
            Some(path) => self.open_path(&path, dialogs),
            // Unsaved work on an untitled project (or the sample) may wait from a crash.
            None => self.offer_recovery(),
        }
    }

    /// Ask a file dialog; a chosen file finishes `purpose`, and when no dialog can be shown
    /// the request waits for the window's own chooser.
    pub(super) fn ask_file(
        &mut self,
        purpose: FilePurpose,
        request: FileRequest,
        dialogs: &mut dyn FileDialogs,
    ) {
        match dialogs.ask(&request) {
            DialogAnswer::Chosen(paths) => self.file_chosen(purpose, paths, dialogs),
            DialogAnswer::Cancelled => {}
            DialogAnswer::Unavailable => {
                self.prompt = Some(Prompt::ChooseFile { purpose, request })
            }
        }
    }

    /// A file was chosen for `purpose`: finish the job.
    pub(super) fn file_chosen(
        &mut self,
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
        dialogs: &mut dyn FileDialogs,
    ) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match purpose {
            FilePurpose::OpenProject => self.open_path(&first, dialogs),
            FilePurpose::SaveProjectAs { then } => {
                if self.save_to(&first)
                    && let Some(then) = then
                {
                    self.carry_out(then, dialogs);
                }
            }
            FilePurpose::AddArticles => self.add_articles(&paths),
            FilePurpose::ImportCorpus => self.import_corpus(&first),
            FilePurpose::Export(format) => self.export_to(format, &first),
            FilePurpose::UpdateArticleText => self.update_article_text(&first),
            FilePurpose::ExportIncident(id) => self.export_incident_to(&id, &first),
            FilePurpose::CompareWith => self.start_comparison(&first),
        }
    }

    /// The dialog request for a file command (import, export, update text).
    pub(super) fn ask_file_for(&mut self, cmd: Command, dialogs: &mut dyn FileDialogs) {
        use DialogMode::{Folder, OpenFile, SaveFile};
        use DialogRole::{Folder as FolderRole, ReadFile, WriteFile};
        let (purpose, request) = match cmd {
            Command::ImportBratFolder => (
                FilePurpose::ImportCorpus,
                FileRequest::new(FolderRole, Folder, "Import a brat folder"),
            ),
            Command::ImportAnnotationFile => (
                FilePurpose::ImportCorpus,
                FileRequest::new(ReadFile, OpenFile, "Import brat or doccano")
                    .filter("brat or doccano", &["ann", "jsonl"]),
            ),
            Command::ImportW3c => (
                FilePurpose::ImportCorpus,
                FileRequest::new(ReadFile, OpenFile, "Import W3C Web Annotations")
                    .filter("W3C Web Annotations", &["jsonld"]),
            ),
            Command::UpdateArticleText => {
                if self.view.current_article.is_none() {
                    return self.warn("Open an article first");
                }
                (
                    FilePurpose::UpdateArticleText,
                    FileRequest::new(ReadFile, OpenFile, "Newer version of the article")
                        .filter("Articles", &ARTICLE_EXTENSIONS),
                )
            }
            Command::CompareWith => (
                FilePurpose::CompareWith,
                FileRequest::new(
                    DialogRole::OpenProject,
                    OpenFile,
                    "Compare with another analyst's project",
                )
                .filter("Sitrep project", &["sitrep"]),
            ),
            Command::Export(format) => {
                let request = match (format.extension(), format.default_file_name()) {
                    (Some(ext), Some(name)) => {
                        FileRequest::new(WriteFile, SaveFile, format.dialog_title())
                            .filter(ext, &[ext])
                            .suggest(name)
                            .extension(ext)
                    }
                    _ => FileRequest::new(FolderRole, Folder, format.dialog_title()),
                };
                (FilePurpose::Export(format), request)
            }
            _ => return,
        };
        self.ask_file(purpose, request, dialogs);
    }

    /// Ask about unsaved changes before doing `pending`.
    pub(super) fn request(&mut self, pending: Pending, dialogs: &mut dyn FileDialogs) {
        // Viewing an incident file or importing onto the project leaves it open: nothing to ask.
        let harmless = matches!(&pending, Pending::Open(Some(p))
            if matches!(FileKind::of(p), FileKind::IncidentFile | FileKind::WebAnnotations));
        if self.doc.is_dirty() && !harmless {
            self.prompt = Some(Prompt::Unsaved { then: pending });
        } else {
            self.carry_out(pending, dialogs);
        }
    }

    /// Do what waited for unsaved changes to be settled.
    pub(super) fn carry_out(&mut self, pending: Pending, dialogs: &mut dyn FileDialogs) {
        match pending {
            Pending::New => {
                self.replace_document(Document::new(Project::new("Untitled project"), None));
                self.lock = None;
                self.info("New project");
            }
            Pending::Open(Some(path)) => self.open_path(&path, dialogs),
            Pending::Open(None) => {
                let request = FileRequest::new(
                    DialogRole::OpenProject,
                    DialogMode::OpenFile,
                    "Open project",
                )
                .filter("Sitrep project", &["sitrep"])
                .filter("Incident file", &["json"]);
                self.ask_file(FilePurpose::OpenProject, request, dialogs);
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

    /// Open a project, an incident file (read-only, beside the project) or a corpus (as a new
    /// project holding it); W3C annotations go onto the open project. A failure is shown and
    /// the open project stays.
    pub fn open_path(&mut self, path: &Path, _dialogs: &mut dyn FileDialogs) {
        let kind = FileKind::of(path);
        if kind == FileKind::WebAnnotations {
            // Web Annotations carry no text: they go onto the articles of the open project.
            return self.import_corpus(path);
        }
        if let FileKind::Corpus(_) = kind {
            let name = path
                .file_stem()
                .map_or("Imported".into(), |n| n.to_string_lossy().into_owned());
            self.replace_document(Document::new(Project::new(name), None));
            self.lock = None;
            return self.import_corpus(path);
        }
        if kind == FileKind::IncidentFile {
            match crate::io::load_incident(path) {
                Ok(file) => {
                    self.view.incident_view = Some(IncidentFileView {
                        path: path.to_owned(),
                        file,
                    });
                    self.info(format!("Opened incident file {}", path.display()));
                }
                Err(err) => self.fail("Cannot open the incident file", err.to_string()),
            }
            return;
        }
        // A large project takes a while to read and check: the window stays drawn meanwhile,
        // and the open document stays as it is until the new one is whole.
        let path = path.to_owned();
        let label = format!("Opening {}", path.display());
        self.start_work(label, move || {
            let result = crate::io::project_file::load_project_keeping_bytes(&path).map(Box::new);
            Done::Opened { path, result }
        });
    }

    /// A project file was read on a thread of its own: show it, or say why not and keep the
    /// document that was open.
    pub(super) fn opened(
        &mut self,
        path: &Path,
        result: Result<Box<(Project, Vec<u8>)>, crate::io::LoadError>,
    ) {
        match result.map(|loaded| *loaded) {
            Ok((project, bytes)) => {
                self.replace_document(Document::new(project, Some(path.to_owned())));
                self.remember_written(path, bytes);
                self.settings.touch_recent(path);
                self.info(format!("Opened {}", path.display()));
                self.take_lock(path);
                if self.prompt.is_none() {
                    self.offer_recovery();
                }
            }
            Err(err) => self.fail("Cannot open the file", err.to_string()),
        }
    }

    /// Save to the project's file, or ask where (then do `then`). True when saved now.
    pub(super) fn save(&mut self, then: Option<Pending>, dialogs: &mut dyn FileDialogs) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => {
                self.ask_save_as(then, dialogs);
                false
            }
        }
    }

    pub(super) fn ask_save_as(&mut self, then: Option<Pending>, dialogs: &mut dyn FileDialogs) {
        let suggested = format!("{}.sitrep", sanitize_file_name(&self.doc.project.name));
        let request = FileRequest::new(
            DialogRole::SaveProject,
            DialogMode::SaveFile,
            "Save project as",
        )
        .filter("Sitrep project", &["sitrep"])
        .suggest(&suggested)
        .extension("sitrep");
        self.ask_file(FilePurpose::SaveProjectAs { then }, request, dialogs);
    }

    /// Save the project to `path` (atomically; the old file is kept as a backup). True when
    /// saved; a failure is shown and nothing on disk is lost.
    pub fn save_to(&mut self, path: &Path) -> bool {
        // Never over a newer file: a change made on disk since it was read comes in first,
        // and the analyst saves again once they have seen it.
        let watched = self
            .disk
            .as_ref()
            .is_some_and(|d| crate::io::regular::same_file(d.path(), path));
        if watched && self.take_disk_change() {
            return false;
        }
        let mut project = self.doc.project.clone();
        project.modified = model::now();
        match crate::io::project_file::save_project_keeping_bytes(path, &project) {
            Ok(bytes) => {
                self.doc.project.modified = project.modified;
                let was_untitled = self.doc.path.is_none();
                self.doc.mark_saved(path.to_owned());
                self.remember_written(path, bytes);
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
                self.info(format!("Saved {}", path.display()));
                true
            }
            Err(err) => {
                self.fail("The project was not saved", err.to_string());
                false
            }
        }
    }

    pub(super) fn ask_articles(&mut self, dialogs: &mut dyn FileDialogs) {
        let request = FileRequest::new(DialogRole::Articles, DialogMode::OpenFiles, "Add articles")
            .filter("Articles", &ARTICLE_EXTENSIONS);
        self.ask_file(FilePurpose::AddArticles, request, dialogs);
    }

    /// Add article files as one undo step. Texts the project already holds are skipped (and
    /// said so); files that cannot be read are listed in one dialog.
    pub fn add_articles(&mut self, files: &[PathBuf]) {
        if files.is_empty() {
            return;
        }
        // Reading files (a long PDF, a folder of pages) runs on a copy of the project, whose
        // id counters the plan advances, on a thread of its own.
        let mut project = Box::new(self.doc.project.clone());
        let revision = self.doc.revision();
        let files = files.to_vec();
        let label = match files.as_slice() {
            [one] => format!("Reading {}", one.display()),
            many => format!("Reading {}", crate::wording::count(many.len(), "file")),
        };
        self.start_work(label, move || {
            let plan = Box::new(plan_article_import(&mut project, &files));
            Done::ArticlesRead {
                project,
                revision,
                plan,
            }
        });
    }

    /// Article files were read on a copy of the project taken at `revision`: add them as one
    /// undo step and say what was skipped or refused.
    pub(super) fn articles_read(&mut self, project: Project, revision: u64, plan: ArticleImport) {
        if self.changed_since(
            revision,
            "No article was added",
            "the files were read; add them",
        ) {
            return;
        }
        // The copy differs from the document only in the id counters the plan advanced.
        self.doc.project = project;
        let added = plan.added.len();
        if let Some(edit) = plan.edit
            && self.apply(edit)
            && let Some(last) = plan.added.last()
        {
            self.view.open_article(last);
        }
        let skipped: Vec<String> = plan
            .skipped
            .iter()
            .map(|(file, id)| {
                format!(
                    "{}: its text is already in the project as {id}",
                    file.display()
                )
            })
            .collect();
        if !plan.failed.is_empty() {
            let mut lines: Vec<String> = plan.failed.iter().map(|(_, e)| e.to_string()).collect();
            lines.extend(skipped);
            self.fail("Some files were not imported", lines.join("\n"));
        } else if !skipped.is_empty() {
            self.warn(format!(
                "Added {}; skipped {}",
                crate::wording::count(added, "article"),
                skipped.join("; ")
            ));
        } else if added > 0 {
            self.info(format!("Added {}", crate::wording::count(added, "article")));
        }
    }

    /// Turn pasted text into a new article (the date-header rule applies).
    pub(super) fn add_pasted_article(&mut self, text: &str) {
        let id = self.doc.project.alloc_id("art");
        let article = match crate::io::article_from_text(text, &id) {
            Ok(article) => article,
            Err(e) => return self.warn(format!("Not pasted: {e}")),
        };
        let index = self.doc.project.articles.len();
        if self.apply(Edit::InsertArticle { index, article }) {
            self.view.open_article(&id);
            self.view.selection.clear();
            self.view.selected_annotation = None;
            self.info("Pasted a new article");
        }
    }

    /// Files dropped on the window: the first project opens, corpora import, the rest are
    /// articles.
    pub(super) fn dropped(&mut self, paths: Vec<PathBuf>, dialogs: &mut dyn FileDialogs) {
        let (projects, rest): (Vec<PathBuf>, Vec<PathBuf>) = paths
            .into_iter()
            .partition(|p| FileKind::of(p).opens_as_document());
        let (corpora, articles): (Vec<PathBuf>, Vec<PathBuf>) = rest
            .into_iter()
            .partition(|p| FileKind::of(p).is_annotation_data());
        self.add_articles(&articles);
        if let Some(p) = corpora.first() {
            self.import_corpus(p);
        }
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::Open(Some(p)), dialogs);
        }
    }

    /// Import brat, doccano or W3C data. When the files use labels that no tag is named after,
    /// the analyst first chooses a tag for each ([`Prompt::ImportMap`]), with the usual NER
    /// names (PER, ORG, LOC, GPE, ...) preset to actor and location. Reading the labels means
    /// reading the corpus, so it runs on a thread of its own ([`Work`]).
    pub fn import_corpus(&mut self, path: &Path) {
        let scratch = self.doc.project.clone();
        let path = path.to_owned();
        let label = format!("Reading {}", path.display());
        self.start_work(label, move || {
            let result = crate::io::corpus::preview_labels(scratch, &path);
            Done::LabelsRead { path, result }
        });
    }

    /// The labels of a corpus are read: ask for a tag for each new one, or import at once.
    pub(super) fn labels_read(
        &mut self,
        path: &Path,
        result: Result<Vec<crate::io::formats::LabelUse>, crate::io::formats::InteropError>,
    ) {
        let labels = match result {
            Ok(labels) => labels,
            Err(e) => return self.fail("Nothing was imported", e.to_string()),
        };
        if labels.iter().all(|l| !l.created) {
            return self.import_corpus_with(path, &TypeMap::default());
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
        self.prompt = Some(Prompt::ImportMap {
            path: path.to_owned(),
            rows,
        });
    }

    /// Import a corpus with this label map, as one undo step, reporting skipped lines. The
    /// import runs on a copy of the project on a thread of its own; [`Self::imported`] takes
    /// the copy in.
    pub fn import_corpus_with(&mut self, path: &Path, map: &TypeMap) {
        let mut project = Box::new(self.doc.project.clone());
        let revision = self.doc.revision();
        let (path, map) = (path.to_owned(), map.clone());
        let label = format!("Importing {}", path.display());
        self.start_work(label, move || {
            let result = crate::io::corpus::import_path(&mut project, &path, &map);
            Done::Imported {
                project,
                revision,
                result,
            }
        });
    }

    /// True, with the failure said under `title`, when the document changed since `revision`,
    /// while work ran on a copy of it: the copy is not taken in, so no edit is lost under it.
    fn changed_since(&mut self, revision: u64, title: &str, while_what: &str) -> bool {
        let changed = self.doc.revision() != revision;
        if changed {
            let message = format!("The project changed while {while_what} again.");
            self.fail(title, message);
        }
        changed
    }

    /// An import finished on a copy of the project taken at `revision`: take the copy in as
    /// one undo step, unless the document changed meanwhile.
    pub(super) fn imported(
        &mut self,
        project: Project,
        revision: u64,
        result: Result<crate::io::formats::ImportReport, crate::io::formats::InteropError>,
    ) {
        let report = match result {
            Ok(report) => report,
            Err(e) => return self.fail("Nothing was imported", e.to_string()),
        };
        if self.changed_since(
            revision,
            "Nothing was imported",
            "the import ran; import it",
        ) {
            return;
        }
        self.doc.project = project;
        self.doc.push_applied(report.undo());
        // Show the first new article; an import onto articles the project had (a re-import,
        // W3C annotations) leaves the view where it was.
        if report.articles > 0 {
            let first_new = self.doc.project.articles.len() - report.articles;
            if let Some(a) = self.doc.project.articles.get(first_new) {
                let id = a.id.clone();
                self.view.open_article(&id);
            }
        }
        if report.warnings.is_empty() {
            self.info(format!("Imported {}", report.summary()));
        } else {
            let shown: Vec<String> = report
                .warnings
                .iter()
                .take(20)
                .map(|w| w.to_string())
                .collect();
            self.fail(
                "Imported, with lines that could not be used",
                format!("{}\n\n{}", report.summary(), shown.join("\n")),
            );
        }
    }

    /// Export the project in `format` to `path`, from a copy on a thread of its own.
    pub fn export_to(&mut self, format: Format, path: &Path) {
        if self.is_project_file(path) {
            return self.fail("The export was not written", project_file_message(path));
        }
        // The window always writes ACLED's extra columns, beside the file, so nothing an
        // analyst coded is lost on the way into the dataset.
        let options = crate::io::formats::ExportOptions {
            extra: (format == Format::Acled)
                .then(|| crate::io::formats::acled::extra_path_beside(path)),
            keep_excluded: false,
        };
        if let Some(extra) = &options.extra
            && self.is_project_file(extra)
        {
            return self.fail("The export was not written", project_file_message(extra));
        }
        let project = self.doc.project.clone();
        let path = path.to_owned();
        let label = format!("Exporting {format} to {}", path.display());
        self.start_work(label, move || {
            Done::Exported(format.export_with(&project, &path, &options))
        });
    }

    /// An export finished.
    pub(super) fn exported(
        &mut self,
        result: Result<crate::io::formats::ExportReport, FormatError>,
    ) {
        match result {
            Ok(report) => self.info(report.summary),
            Err(e) => self.fail("The export failed", e.to_string()),
        }
    }

    /// Replace the shown article's text with the text of `file`, re-anchoring its annotations
    /// from their quotes; those that cannot be placed become orphans, listed for the analyst.
    pub fn update_article_text(&mut self, file: &Path) {
        let Some(article) = self.view.current_article.clone() else {
            return;
        };
        let draft = match crate::io::import_file(file) {
            Ok(d) => d,
            Err(e) => return self.fail("The new text was not read", e.to_string()),
        };
        match self
            .doc
            .project
            .replace_article_text_edit(&article, &draft.text)
        {
            Ok((edit, report)) => {
                if self.apply(edit) {
                    self.view.selected_annotation = None;
                    self.view.selection.clear();
                    // A report the analyst reads in full: it lists every orphan.
                    self.report(Level::Info, report.summary());
                    self.prompt = Some(Prompt::Error {
                        title: "Article text updated".into(),
                        message: report.summary(),
                    });
                }
            }
            Err(e) => self.fail("The text was not replaced", e.to_string()),
        }
    }

    pub(super) fn ask_export_incident(&mut self, id: &str, dialogs: &mut dyn FileDialogs) {
        let request = FileRequest::new(
            DialogRole::SaveIncident,
            DialogMode::SaveFile,
            "Export incident",
        )
        .filter("Incident file", &["json"])
        .suggest(&format!("{id}.incident.json"))
        .extension("json");
        self.ask_file(FilePurpose::ExportIncident(id.to_owned()), request, dialogs);
    }

    /// Write one incident as a self-contained incident file.
    pub fn export_incident_to(&mut self, id: &str, path: &Path) {
        if self.is_project_file(path) {
            return self.fail("The incident was not exported", project_file_message(path));
        }
        let result = crate::io::incident_file::export_incident(&self.doc.project, id)
            .map_err(|e| e.to_string())
            .and_then(|file| {
                crate::io::incident_file::save_incident(path, &file).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self.info(format!("Exported incident {id} to {}", path.display())),
            Err(e) => self.fail("The incident was not exported", e),
        }
    }
}

impl Workbench {
    /// True when `path` is the open project's own file (through links, too): an export there
    /// would replace the project.
    fn is_project_file(&self, path: &Path) -> bool {
        self.doc
            .path
            .as_deref()
            .is_some_and(|project| crate::io::regular::same_file(project, path))
    }
}

/// Why an export onto the project's own file is refused.
fn project_file_message(path: &Path) -> String {
    format!(
        "{} is this project's own file; an export there would replace the project. \
         Choose another file name.",
        path.display()
    )
}
