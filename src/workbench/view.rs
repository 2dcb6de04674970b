//! What the analyst is looking at: the shown article, the text selection, the selected
//! annotation, entity and incident, and which list and windows are open. None of it is saved in
//! the project file; panels may change it directly, since it is not the document.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::model::{CharIdx, CharSpan};

/// What the analyst has selected in the article text, as char offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The selected chars, if any.
    pub span: Option<CharSpan>,
    /// Where a drag or shift-click started: the fixed end of the selection.
    pub anchor: Option<CharIdx>,
    /// True while the mouse button is down in a drag.
    pub dragging: bool,
}

impl Selection {
    /// Select a span (e.g. a find match), as if dragged from its start.
    pub fn set(&mut self, span: CharSpan) {
        self.span = Some(span);
        self.anchor = Some(span.start);
        self.dragging = false;
    }

    /// Drop the selection.
    pub fn clear(&mut self) {
        *self = Self::default();
    }
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

/// What the right-hand panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    /// The selected annotation or entity, and the article's annotation list.
    #[default]
    Inspector,
    /// The open incident's editor, docked beside the article it cites.
    Incident,
}

/// The find bar over the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindState {
    /// Whether the bar is shown.
    pub open: bool,
    /// The text searched for.
    pub query: String,
    /// Index of the match last jumped to, among the current article's matches.
    pub current: Option<usize>,
    /// Set when the bar was just asked for: its field takes the keyboard on the next frame.
    pub focus_requested: bool,
    /// Set when the bar was just closed: the keyboard goes back to the article.
    pub release_focus: bool,
}

/// An incident file opened on its own, shown read-only beside the project.
#[derive(Clone, Debug)]
pub struct IncidentFileView {
    /// Where it was read from.
    pub path: PathBuf,
    /// The file as read.
    pub file: crate::io::IncidentFile,
}

/// Everything about what is shown and selected.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    /// Id of the article shown in the centre.
    pub current_article: Option<String>,
    /// The text selection in the article view.
    pub selection: Selection,
    /// Id of the annotation shown in the inspector.
    pub selected_annotation: Option<String>,
    /// Id of the entity shown in the inspector when no annotation is selected.
    pub selected_entity: Option<String>,
    /// Id of the incident open in the editor window.
    pub selected_incident: Option<String>,
    /// Annotations ticked in the annotation list, for "new incident from marked".
    pub marked: BTreeSet<String>,
    /// Which list the left panel shows.
    pub left_tab: LeftTab,
    /// A span the article view should scroll into view on its next frame.
    pub scroll_to: Option<CharSpan>,
    /// The find bar.
    pub find: FindState,
    /// Whether the timeline window is shown.
    pub timeline_open: bool,
    /// Whether the map of incidents is shown.
    pub map_open: bool,
    /// The days the timeline and the map show: one range for both, so narrowing it in either
    /// window narrows the other.
    pub incident_dates: crate::model::map::DateRange,
    /// Whether the registry of sources is shown.
    pub sources_open: bool,
    /// A relation started (R) from this annotation, waiting for the target to be clicked.
    pub relation_from: Option<String>,
    /// The relation type R links with: the last one used.
    pub relation_kind: String,
    /// Whether the Guidelines window is shown.
    pub guidelines_open: bool,
    /// Whether the document labels window is shown.
    pub doc_labels_open: bool,
    /// Whether the window listing every key is shown.
    pub keys_open: bool,
    /// Whether the search across every article is shown.
    pub search_open: bool,
    /// The search field should take the keyboard on its next frame.
    pub search_focus: bool,
    /// What the right-hand panel shows.
    pub right_tab: RightTab,
    /// The incident editor floats in a window of its own instead of docking in the right
    /// panel.
    pub incident_detached: bool,
    /// An incident file opened read-only, if any.
    pub incident_view: Option<IncidentFileView>,
    /// Index of the suggestion that Enter accepts and X rejects.
    pub current_suggestion: usize,
    /// The last incident merge: the kept incident and the fields where the two differed, which
    /// its editor lists until it is closed.
    pub last_merge: Option<(String, Vec<crate::model::FieldDifference>)>,
}

impl ViewState {
    /// The view of a freshly opened document: its first article, nothing selected.
    pub fn for_project(project: &crate::model::Project) -> Self {
        Self {
            current_article: project.articles.first().map(|a| a.id.clone()),
            ..Self::default()
        }
    }

    /// Show an article in the centre, dropping the selection when it is another one.
    pub fn open_article(&mut self, id: &str) {
        if self.current_article.as_deref() != Some(id) {
            self.current_article = Some(id.to_owned());
            self.selection.clear();
            self.selected_annotation = None;
            self.find.current = None;
        }
    }

    /// Select `span` of `article` (a find match, an incident file's evidence) and scroll to it.
    pub fn show_span(&mut self, article: &str, span: CharSpan) {
        self.open_article(article);
        self.selected_annotation = None;
        self.selection.set(span);
        self.scroll_to = Some(span);
    }

    /// Drop whatever no longer exists in `project` (after an undo, a delete, a restore).
    pub fn forget_missing(&mut self, project: &crate::model::Project) {
        if let Some(id) = &self.selected_annotation
            && project.annotation(id).is_none()
        {
            self.selected_annotation = None;
        }
        if let Some(id) = &self.selected_entity
            && project.entity(id).is_none()
        {
            self.selected_entity = None;
        }
        if let Some(id) = &self.selected_incident
            && project.incident(id).is_none()
        {
            self.selected_incident = None;
        }
        self.marked.retain(|id| project.annotation(id).is_some());
        if self
            .current_article
            .as_ref()
            .is_none_or(|id| project.article(id).is_none())
        {
            self.current_article = project.articles.first().map(|a| a.id.clone());
            self.selection.clear();
        }
    }
}
