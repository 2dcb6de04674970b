//! [`CliError`]: why a command failed, shown as one line after `sitrep: `.

use std::path::PathBuf;

use crate::io::formats::{FormatError, InteropError};
use crate::io::{ImportError, IncidentLoadError, LoadError, SaveError};
use crate::model::EditError;

/// Why a command failed. Displayed as one line after `sitrep: `.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line could not be parsed.
    #[error("{0}")]
    Usage(String),
    /// A project could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A project could not be saved.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// An article could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A brat, doccano or W3C import failed.
    #[error(transparent)]
    Interop(#[from] InteropError),
    /// The project refused a change.
    #[error("{path}: {source}")]
    Edit {
        /// The project file.
        path: PathBuf,
        /// What the model said.
        source: EditError,
    },
    /// `new` was pointed at an existing file.
    #[error(
        "{0} already exists; `sitrep new` never overwrites a file (use `sitrep import` to add articles)"
    )]
    Exists(PathBuf),
    /// `tag` named a tag the project does not have.
    #[error("{path}: there is no tag {tag:?} (this project has: {known})")]
    UnknownTag {
        /// The project file.
        path: PathBuf,
        /// The tag asked for.
        tag: String,
        /// The tags there are, comma-separated.
        known: String,
    },
    /// `search` was given a query that cannot run.
    #[error("search: {0}")]
    Search(#[from] crate::model::search::SearchError),
    /// `tag --match` was given only whitespace.
    #[error("--match needs some text to look for")]
    EmptyMatch,
    /// `import --replace` named an article the project does not have.
    #[error("{path}: there is no article {id:?} (this project has: {known})")]
    UnknownArticle {
        /// The project file.
        path: PathBuf,
        /// The article id asked for.
        id: String,
        /// The article ids there are, comma-separated.
        known: String,
    },
    /// `import --replace` was given other than exactly one file.
    #[error("--replace takes exactly one FILE with the new text (got {0})")]
    ReplaceNeedsOneFile(usize),
    /// Another process (a window, another command) is writing the project.
    #[error(
        "{} is being changed by another Sitrep (process {} on {}, since {}); nothing was written. \
         Try again when it is done, or close the project in that window",
        path.display(), holder.pid, holder.host, holder.since.format("%Y-%m-%d %H:%M:%S UTC")
    )]
    Locked {
        /// The project file.
        path: PathBuf,
        /// Who holds its lock.
        holder: crate::io::LockInfo,
    },
    /// The lock file could not be made (a read-only folder, a full disk).
    #[error(transparent)]
    Lock(crate::io::LockError),
    /// `--out` names a file the command reads (the project itself, or a link to it).
    #[error("{} is a file this command reads; give another file to write to (nothing was written)", .0.display())]
    OutputIsInput(PathBuf),
    /// `check` found problems (they were listed on standard output).
    #[error("{path}: {count} problem{} found", if *.count == 1 { "" } else { "s" })]
    Invalid {
        /// The file.
        path: PathBuf,
        /// How many.
        count: usize,
    },
    /// An export failed.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// An incident file could not be loaded.
    #[error(transparent)]
    LoadIncident(#[from] IncidentLoadError),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// A merge wrote its result but conflicts remain (listed on standard output and in the
    /// file's `conflicts`). Exit code 1, as git expects of a merge driver.
    #[error(
        "{path}: merged with {count} conflict{} left, listed in its conflicts field (the file holds ours for each)",
        if *.count == 1 { "" } else { "s" }
    )]
    Conflicts {
        /// The merged file.
        path: PathBuf,
        /// How many conflicts.
        count: usize,
    },
    /// A merge could not be made (an input did not load, the output was refused); nothing
    /// was written. Exit code 2.
    #[error("merge failed, nothing written: {0}")]
    MergeFailed(Box<CliError>),
    /// The workbench window failed.
    #[error("{0:#}")]
    Gui(anyhow::Error),
}

impl CliError {
    /// The process exit code: 2 for a merge that could not be made, 1 for everything else
    /// (a merge that left conflicts included).
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::MergeFailed(_) => 2,
            _ => 1,
        }
    }

    /// The model refused an edit to the project at `path`.
    pub(crate) fn edit(path: &std::path::Path, source: EditError) -> Self {
        CliError::Edit {
            path: path.to_owned(),
            source,
        }
    }
}
