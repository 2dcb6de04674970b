//! What the workbench asks of a file dialog, without saying how it is drawn.
//!
//! The workbench describes a [`FileRequest`]; a [`FileDialogs`] answers it. The window's
//! answer comes from the desktop's file dialog (the XDG portal through rfd) and, when no portal
//! answers, from a file chooser drawn in the window itself, which answers a frame or more later
//! (so [`DialogAnswer::Unavailable`] hands the request back to the workbench to wait for it).
//! Tests answer from a script.

use std::path::PathBuf;

/// What the file dialog is for: the files it shows and what the choice must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogMode {
    /// One existing file.
    OpenFile,
    /// One or more existing files.
    OpenFiles,
    /// One existing folder.
    Folder,
    /// A file to write: it may exist (the caller overwrites it) or not.
    SaveFile,
}

/// Which question of the program this is: scripted answers are queued per role, and the
/// in-window chooser remembers the last folder per role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DialogRole {
    /// A project (or incident file) to open.
    OpenProject,
    /// Where to save the project.
    SaveProject,
    /// Article files to add.
    Articles,
    /// Where to write one incident file.
    SaveIncident,
    /// A folder to import from or export into.
    Folder,
    /// Any other file to read (an annotation corpus, a newer article text).
    ReadFile,
    /// Any other file to write (an export).
    WriteFile,
}

/// A named group of file extensions, shown as a filter (`Sitrep project`: `sitrep`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFilter {
    /// What the files are, for the person choosing.
    pub name: String,
    /// Extensions without the dot; empty means every file.
    pub extensions: Vec<String>,
}

impl FileFilter {
    /// A filter of these extensions.
    pub fn new(name: &str, extensions: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    /// True when `path` has one of the extensions (any path when the list is empty).
    pub fn accepts(&self, path: &std::path::Path) -> bool {
        if self.extensions.is_empty() || self.extensions.iter().any(|e| e == "*") {
            return true;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        self.extensions
            .iter()
            .any(|e| name.ends_with(&format!(".{}", e.to_lowercase())))
    }
}

/// One question for a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    /// Which question of the program this is.
    pub role: DialogRole,
    /// Open, open several, folder or save.
    pub mode: DialogMode,
    /// The dialog's title ("Export incidents as CSV").
    pub title: String,
    /// Filters in the order offered; the first is the default.
    pub filters: Vec<FileFilter>,
    /// The file name offered when saving.
    pub suggested_name: Option<String>,
    /// Added when a name to save under is typed without an extension (`sitrep`).
    pub default_extension: Option<String>,
}

impl FileRequest {
    /// A request with no filters, name or extension.
    pub fn new(role: DialogRole, mode: DialogMode, title: &str) -> Self {
        Self {
            role,
            mode,
            title: title.to_owned(),
            filters: Vec::new(),
            suggested_name: None,
            default_extension: None,
        }
    }

    /// Offer this filter (in the order added).
    pub fn filter(mut self, name: &str, extensions: &[&str]) -> Self {
        self.filters.push(FileFilter::new(name, extensions));
        self
    }

    /// Offer this name when saving.
    pub fn suggest(mut self, name: &str) -> Self {
        self.suggested_name = Some(name.to_owned());
        self
    }

    /// Add `.ext` to a bare name typed when saving.
    pub fn extension(mut self, ext: &str) -> Self {
        self.default_extension = Some(ext.to_owned());
        self
    }

    /// The path to save to, with the default extension added to a bare name.
    pub fn complete(&self, path: PathBuf) -> PathBuf {
        match (&self.default_extension, self.mode) {
            (Some(ext), DialogMode::SaveFile) if path.extension().is_none() => {
                path.with_extension(ext)
            }
            _ => path,
        }
    }
}

/// How a file dialog answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    /// The paths chosen (one, except for [`DialogMode::OpenFiles`]).
    Chosen(Vec<PathBuf>),
    /// The person closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown here (no desktop portal answers): the caller asks again
    /// through the chooser drawn in the window.
    Unavailable,
}

/// Something that answers file requests.
pub trait FileDialogs {
    /// Ask, and wait for the answer.
    fn ask(&mut self, request: &FileRequest) -> DialogAnswer;
}

/// Answers that never come: every request goes to the chooser in the window (or, headless,
/// nowhere). For the command line and for tests that script the in-window chooser.
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn ask(&mut self, _request: &FileRequest) -> DialogAnswer {
        DialogAnswer::Unavailable
    }
}

/// Dialog answers queued up in advance per role, for tests. A role with nothing queued
/// answers [`DialogAnswer::Cancelled`].
#[derive(Default)]
pub struct ScriptedDialogs {
    /// Answers for [`DialogRole::OpenProject`], used front first.
    pub open: Vec<PathBuf>,
    /// Answers for [`DialogRole::SaveProject`].
    pub save: Vec<PathBuf>,
    /// Answers for [`DialogRole::Articles`].
    pub articles: Vec<Vec<PathBuf>>,
    /// Answers for [`DialogRole::SaveIncident`].
    pub incident: Vec<PathBuf>,
    /// Answers for [`DialogRole::Folder`].
    pub folders: Vec<PathBuf>,
    /// Answers for [`DialogRole::ReadFile`].
    pub files: Vec<PathBuf>,
    /// Answers for [`DialogRole::WriteFile`].
    pub saves: Vec<PathBuf>,
    /// Every request asked, in order, so a test can check titles and filters.
    pub asked: Vec<FileRequest>,
}

impl FileDialogs for ScriptedDialogs {
    fn ask(&mut self, request: &FileRequest) -> DialogAnswer {
        self.asked.push(request.clone());
        fn front(queue: &mut Vec<PathBuf>) -> Option<Vec<PathBuf>> {
            (!queue.is_empty()).then(|| vec![queue.remove(0)])
        }
        let chosen = match request.role {
            DialogRole::OpenProject => front(&mut self.open),
            DialogRole::SaveProject => front(&mut self.save),
            DialogRole::Articles => (!self.articles.is_empty()).then(|| self.articles.remove(0)),
            DialogRole::SaveIncident => front(&mut self.incident),
            DialogRole::Folder => front(&mut self.folders),
            DialogRole::ReadFile => front(&mut self.files),
            DialogRole::WriteFile => front(&mut self.saves),
        };
        match chosen {
            Some(paths) => {
                DialogAnswer::Chosen(paths.into_iter().map(|p| request.complete(p)).collect())
            }
            None => DialogAnswer::Cancelled,
        }
    }
}
