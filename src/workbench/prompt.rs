//! Questions the workbench puts to the analyst and waits on: a dialog over the window. The
//! shell draws each one (`ui/modals/`) and answers with an [`super::Action::Answer`]; the
//! drafts a dialog edits (pasted text, the import's tag choices) live here, in the prompt.

use std::path::PathBuf;

use super::dialogs::FileRequest;
use crate::io::Format;

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

/// What a file asked for is going to be used for, so the answer can finish the job.
#[derive(Clone, Debug, PartialEq)]
pub enum FilePurpose {
    /// Open a project or incident file.
    OpenProject,
    /// Save the project there, then carry on with what waited for the save.
    SaveProjectAs {
        /// What waited for the save ("save your changes?" → Save).
        then: Option<Pending>,
    },
    /// Add these article files.
    AddArticles,
    /// Import a brat, doccano or W3C corpus.
    ImportCorpus,
    /// Export the project in this format there.
    Export(Format),
    /// Read a newer text of the shown article from this file.
    UpdateArticleText,
    /// Write this incident as an incident file there.
    ExportIncident(String),
    /// Compare the project with another analyst's project file.
    CompareWith,
}

/// A foreign label in the import dialog and the tag chosen for it.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelChoice {
    /// The label as the files spell it.
    pub label: String,
    /// How many spans carry it.
    pub spans: usize,
    /// Whether a tag of the project already has its name (so it cannot become a new tag).
    pub matched: bool,
    /// The tag id chosen; `None` makes a new tag named after the label.
    pub tag: Option<String>,
}

/// A dialog over the whole window.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
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
        /// Who holds it, and why that matters.
        message: String,
        /// The project file.
        path: PathBuf,
    },
    /// Who is working: asked on the first start and from View → Analyst….
    Analyst {
        /// The name typed so far.
        name: String,
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
    /// No desktop file dialog answered: the window draws its own chooser for this request.
    ChooseFile {
        /// What the chosen file is for.
        purpose: FilePurpose,
        /// What to ask.
        request: FileRequest,
    },
}

/// The analyst's answer to the prompt on top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    /// Unsaved: save first, then carry on.
    Save,
    /// Unsaved: carry on without saving.
    Discard,
    /// Close the prompt and do nothing (Cancel, Escape, OK on an error).
    Dismiss,
    /// Restore: take the recovery copy.
    Restore,
    /// Restore: delete the recovery copy.
    DiscardRecovery,
    /// Locked: take the lock from the other window anyway.
    OpenAnyway,
    /// Locked: leave the file to the other window.
    CloseHere,
    /// Paste: add the text as a new article.
    AddPasted,
    /// Import map: import with the chosen tags.
    Import,
    /// Use the name typed in the analyst dialog.
    SetAnalyst,
}
