//! The vocabulary of the workbench: [`Command`]s a menu, a button or a key can be bound to, and
//! [`Action`]s, which carry data and are what panels, dialogs and keys push. The shell collects
//! actions while it draws a frame and runs them in order once the frame is drawn
//! ([`super::Workbench::run`]), so nothing a panel draws changes under it.

use std::path::PathBuf;

use super::dialogs::DialogAnswer;
use super::prompt::{FilePurpose, Pending, PromptAnswer};
use crate::io::Format;
use crate::io::formats::TypeMap;
use crate::model::{CharSpan, Edit};

/// Something the analyst can ask for by name: it has a label and a tooltip, may have keyboard
/// shortcuts (the key table is `ui/keys.rs`) and is drawn into the menus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start a new, empty project.
    New,
    /// Open a project or incident file.
    Open,
    /// Save to the current file (or ask where).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Import article files.
    AddArticle,
    /// Paste text as a new article.
    PasteArticle,
    /// Quit the program.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the find bar.
    Find,
    /// Show or hide the search across every article.
    SearchCorpus,
    /// Select the next annotation (in the next article after the last).
    NextAnnotation,
    /// Select the previous annotation (in the article before, before the first).
    PreviousAnnotation,
    /// Show the next article of the list.
    NextArticle,
    /// Show the previous article of the list.
    PreviousArticle,
    /// Show the window that lists every key.
    ShowKeys,
    /// Set the shown article's triage status.
    SetStatus(crate::model::ArticleStatus),
    /// Show the next article not yet done or reviewed.
    NextUnfinished,
    /// Show or hide the document labels window.
    ToggleDocLabels,
    /// Show or hide the coding guidelines.
    ToggleGuidelines,
    /// Start a relation from the selected annotation: the next annotation clicked is its
    /// target.
    StartRelation,
    /// Close the find bar, keeping its match selected.
    CloseFind,
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Larger article text.
    ZoomIn,
    /// Smaller article text.
    ZoomOut,
    /// Switch light / dark theme.
    ToggleTheme,
    /// Say who is working (the analyst setting).
    SetAnalyst,
    /// Import a brat standoff folder.
    ImportBratFolder,
    /// Import a brat `.ann` or doccano `.jsonl` file.
    ImportAnnotationFile,
    /// Import W3C Web Annotations onto the project's articles.
    ImportW3c,
    /// Export the project in a format.
    Export(Format),
    /// Replace the shown article's text with a newer version.
    UpdateArticleText,
    /// Accept the current suggestion.
    AcceptSuggestion,
    /// Reject the current suggestion for good.
    RejectSuggestion,
    /// Move to the next suggestion.
    NextSuggestion,
    /// Accept every suggestion in the shown article.
    AcceptAllSuggestions,
    /// Add the selected annotation to the open incident's evidence.
    AddSelectedToIncident,
    /// Drop the text selection and the selected annotation.
    ClearSelection,
    /// Show or hide the incident timeline.
    ToggleTimeline,
    /// Show or hide the registry of sources.
    ToggleSources,
    /// Show or hide the map of incidents.
    ToggleMap,
    /// Lay another analyst's project beside this one to settle differences.
    CompareWith,
    /// Close the comparison.
    EndComparison,
}

impl Command {
    /// The menu and button text.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New project",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::AddArticle => "Add article…",
            Command::PasteArticle => "Paste as new article…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Find => "Find…",
            Command::SearchCorpus => "Search all articles…",
            Command::NextAnnotation => "Next annotation",
            Command::PreviousAnnotation => "Previous annotation",
            Command::NextArticle => "Next article",
            Command::PreviousArticle => "Previous article",
            Command::ShowKeys => "Keys",
            Command::SetStatus(s) => match s {
                crate::model::ArticleStatus::ToDo => "Mark to do",
                crate::model::ArticleStatus::InProgress => "Mark in progress",
                crate::model::ArticleStatus::Done => "Mark done",
                crate::model::ArticleStatus::Reviewed => "Mark reviewed",
            },
            Command::NextUnfinished => "Next unfinished article",
            Command::ToggleDocLabels => "Document labels…",
            Command::ToggleGuidelines => "Guidelines",
            Command::StartRelation => "Relate to…",
            Command::CloseFind => "Close find bar",
            Command::DeleteAnnotation => "Delete annotation",
            Command::ZoomIn => "Larger text",
            Command::ZoomOut => "Smaller text",
            Command::ToggleTheme => "Dark theme",
            Command::SetAnalyst => "Analyst…",
            Command::ImportBratFolder => "brat folder…",
            Command::ImportAnnotationFile => "brat .ann or doccano .jsonl file…",
            Command::ImportW3c => "W3C Web Annotations (.jsonld)…",
            Command::Export(f) => f.menu_label(),
            Command::UpdateArticleText => "Update article text…",
            Command::AcceptSuggestion => "Accept (Enter)",
            Command::RejectSuggestion => "Reject (X)",
            Command::NextSuggestion => "Next",
            Command::AcceptAllSuggestions => "Accept all in this article",
            Command::AddSelectedToIncident => "Add selected annotation (E)",
            Command::ClearSelection => "Clear selection",
            Command::ToggleTimeline => "Timeline",
            Command::ToggleSources => "Sources…",
            Command::ToggleMap => "Map",
            Command::CompareWith => "Compare with…",
            Command::EndComparison => "End comparison",
        }
    }

    /// A longer explanation, shown on hover.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new, empty project",
            Command::Open => "Open a project (.sitrep) or an incident file (.incident.json)",
            Command::Save => "Save the project to its file",
            Command::SaveAs => "Save the project under a new name",
            Command::AddArticle => "Import article files (.txt, .md, .html, .pdf, .docx)",
            Command::PasteArticle => "Paste text as a new article",
            Command::Quit => "Close Sitrep (asks about unsaved changes)",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the last undone change",
            Command::Find => "Find text in the shown article",
            Command::SearchCorpus => "Search every article, with the hits in their context",
            Command::NextAnnotation => "Select the next annotation; the inspector follows",
            Command::PreviousAnnotation => "Select the previous annotation; the inspector follows",
            Command::NextArticle => "Show the next article of the list",
            Command::PreviousArticle => "Show the previous article of the list",
            Command::ShowKeys => "Every key of the window, from the one key table",
            Command::SetStatus(s) => match s {
                crate::model::ArticleStatus::ToDo => "Set the shown article's status to to do",
                crate::model::ArticleStatus::InProgress => {
                    "Set the shown article's status to in progress"
                }
                crate::model::ArticleStatus::Done => "Set the shown article's status to done",
                crate::model::ArticleStatus::Reviewed => {
                    "Set the shown article's status to reviewed"
                }
            },
            Command::NextUnfinished => "Show the next article not yet done or reviewed",
            Command::ToggleDocLabels => "Labels for whole articles (relevant: yes / no), with keys",
            Command::ToggleGuidelines => {
                "The coding rule of every tag and label, shown while coding"
            }
            Command::StartRelation => "Link the selected annotation to the next one you click",
            Command::CloseFind => "Close the find bar, keeping its match selected",
            Command::DeleteAnnotation => "Delete the selected annotation",
            Command::ZoomIn => "Larger article text",
            Command::ZoomOut => "Smaller article text",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::SetAnalyst => {
                "Your name, recorded on what you make and change and part of new ids"
            }
            Command::ImportBratFolder => "Import a brat standoff folder (.txt + .ann)",
            Command::ImportAnnotationFile => "Import one brat .ann or a doccano .jsonl file",
            Command::ImportW3c => {
                "Annotations made in another tool on articles this project holds, matched by URL"
            }
            Command::Export(f) => match f {
                Format::Brat => "One .txt and .ann per article, with brat's configuration files",
                Format::W3c => "Every annotation as a W3C Web Annotation",
                Format::Doccano => "One JSON line per article with its labelled spans",
                Format::IncidentFiles => "One self-contained .incident.json per incident",
                Format::Acled => {
                    "ACLED's 31 columns by its codebook, with our extra figures in a file beside"
                }
                Format::Ucdp => "UCDP GED's columns: date range, deaths by side, sources",
                Format::GeoJson => "One point per incident with a located place",
            },
            Command::UpdateArticleText => {
                "Replace the shown article with a newer version; annotations follow their quotes"
            }
            Command::AcceptSuggestion => "Annotate the current suggestion, linked to its entity",
            Command::RejectSuggestion => "Never suggest this span again",
            Command::NextSuggestion => "Show the next suggestion",
            Command::AcceptAllSuggestions => "Accept every suggestion in this article",
            Command::AddSelectedToIncident => "Add the selected annotation to the open incident",
            Command::ClearSelection => "Drop the text selection and the selected annotation",
            Command::ToggleTimeline => "Incidents on a time axis, coloured by event type",
            Command::ToggleMap => "Incidents at their places, over country borders",
            Command::ToggleSources => {
                "The outlets articles come from, with ACLED's source scale and a reliability grade"
            }
            Command::CompareWith => {
                "Show another analyst's spans beside yours and settle each difference"
            }
            Command::EndComparison => "Stop showing the other analyst's spans",
        }
    }
}

/// Everything a panel, dialog or key can ask the workbench to do, with the data it needs.
/// Except for [`Action::Edit`], which a form builds from the copy it showed, an action carries
/// ids and choices rather than prebuilt edits, so each one is resolved against the project the
/// action before it left.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Run a named command.
    Run(Command),
    /// Apply an edit a form made; edits with the same burst key merge into one undo step.
    Edit {
        /// The edit (boxed: an edit carries whole records, the other actions a few ids).
        edit: Box<Edit>,
        /// The typing burst it belongs to (`note:ann-3`), if any.
        burst: Option<String>,
    },
    /// The typing burst ended (the field lost focus): the next edit is a new undo step.
    EndBurst,
    /// A form refused a value; say why in the status line.
    Refuse(String),
    /// Select an annotation, show its article and scroll to it.
    SelectAnnotation(String),
    /// Select (or with `None` unselect) an annotation clicked in the article: no scrolling.
    PickAnnotation(Option<String>),
    /// Show an entity in the inspector.
    SelectEntity(String),
    /// Show a span of an article, selecting it.
    ShowSpan {
        /// The article.
        article: String,
        /// The chars to select.
        span: CharSpan,
    },
    /// Open an incident in the editor window.
    OpenIncident(String),
    /// Tag the current selection with this tag.
    TagSelection(String),
    /// A tag key was pressed: tag the selection, or retag the selected annotation.
    TagKey(char),
    /// Give an annotation another tag.
    Retag {
        /// The annotation.
        annotation: String,
        /// The new tag.
        tag: String,
    },
    /// Tag every other occurrence of the selected annotation's text.
    TagAll {
        /// In the whole project rather than this article.
        whole_project: bool,
    },
    /// Link an annotation to a picked entity (made first when the pick asks for a new one).
    Link {
        /// The annotation.
        annotation: String,
        /// The entity picked.
        pick: Pick,
    },
    /// Set a claim's source to a picked actor.
    SetClaimSource {
        /// The claim annotation.
        annotation: String,
        /// The actor picked.
        pick: Pick,
    },
    /// Set an incident's location to a picked place.
    SetIncidentLocation {
        /// The incident.
        incident: String,
        /// The place picked.
        pick: Pick,
    },
    /// Add a picked actor to an incident.
    AddIncidentActor {
        /// The incident.
        incident: String,
        /// The actor picked.
        pick: Pick,
    },
    /// Merge one entity into another.
    MergeEntity {
        /// The entity that goes away.
        from: String,
        /// The entity that stays.
        into: String,
    },
    /// Delete an entity; its mentions stay, unlinked.
    DeleteEntity(String),
    /// Fill a place entity from a gazetteer place: coordinates, divisions, country and the
    /// external id `GeoNames:<id>`, as one undo step.
    FillFromGazetteer {
        /// The entity.
        entity: String,
        /// The GeoNames id of the place chosen.
        geoname_id: u32,
    },
    /// Remove an article with its annotations.
    DeleteArticle(String),
    /// Delete an incident.
    DeleteIncident(String),
    /// Make an incident with these annotations as evidence (maybe none) and open it.
    NewIncident(Vec<String>),
    /// Take an annotation out of an incident's evidence.
    RemoveEvidence {
        /// The incident.
        incident: String,
        /// The evidence annotation.
        annotation: String,
    },
    /// Merge incident `other` into `keep` (one undo step); the differences are reported.
    MergeIncidents {
        /// The incident that stays.
        keep: String,
        /// The incident folded into it and removed.
        other: String,
    },
    /// Move some evidence of an incident to a new incident, and open the new one.
    SplitIncident {
        /// The incident split.
        incident: String,
        /// The evidence that moves.
        evidence: Vec<String>,
    },
    /// Add every annotation of an article to an existing incident's evidence.
    AttachArticle {
        /// The article.
        article: String,
        /// The incident it reports.
        incident: String,
    },
    /// Give an article a document label value, or take the label off (`None`).
    SetArticleLabel {
        /// The article.
        article: String,
        /// The document label's id.
        label: String,
        /// The value, or none.
        value: Option<String>,
    },
    /// Set an article's triage status.
    SetArticleStatus {
        /// The article.
        article: String,
        /// Its new status.
        status: crate::model::ArticleStatus,
    },
    /// Link two annotations with a relation of this type (one undo step).
    AddRelation {
        /// The relation type's id.
        kind: String,
        /// The annotation it starts from.
        from: String,
        /// The annotation it points to.
        to: String,
    },
    /// Remove a relation.
    RemoveRelation(String),
    /// Annotate search hits with a tag, as one undo step (hits it already has are skipped).
    TagHits {
        /// The tag.
        tag: String,
        /// The hits: article id and span.
        hits: Vec<(String, crate::model::CharSpan)>,
    },
    /// Write an incident as a self-contained file (asks where).
    ExportIncident(String),
    /// Put an orphaned annotation on the current selection.
    PlaceOrphan(String),
    /// Accept suggestion `i` of the shown article.
    AcceptSuggestionAt(usize),
    /// Reject suggestion `i` of the shown article.
    RejectSuggestionAt(usize),
    /// Open this project, incident file or corpus (asking about unsaved changes).
    OpenPath(PathBuf),
    /// Do this once unsaved changes are settled.
    Request(Pending),
    /// Files dropped on the window: projects open, corpora import, the rest are articles.
    Dropped(Vec<PathBuf>),
    /// Import a corpus with this map of foreign labels to tags.
    ImportWith {
        /// The folder or file.
        path: PathBuf,
        /// Foreign label → tag id.
        map: TypeMap,
    },
    /// Text pasted onto the article view: it becomes a new article.
    PastedArticle(String),
    /// The in-window file chooser answered.
    FileChosen {
        /// What the file is for.
        purpose: FilePurpose,
        /// What was chosen.
        answer: DialogAnswer,
    },
    /// The analyst answered the prompt on top.
    Answer(PromptAnswer),
    /// The window's close button was pressed.
    CloseRequested,
    /// Settle a difference of the comparison (by its key) on the shown article.
    Settle {
        /// The difference ([`super::compare::Difference::key`]).
        key: String,
        /// How.
        how: super::compare::Settle,
    },
    /// Settle a merge conflict of the project (see [`crate::model::MergeConflict`]).
    SettleConflict {
        /// The conflict, as listed (it must still be there).
        conflict: Box<crate::model::MergeConflict>,
        /// Take their value; otherwise keep ours.
        take_theirs: bool,
    },
}

/// What an entity picker chose.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick {
    /// An existing entity.
    Existing(String),
    /// Make a new entity with this name.
    Create(String),
}
