//! The panels of the window. Each is a struct that owns its own drafts and filters and draws
//! from a [`PanelCtx`]: it reads the document, may change what is shown and selected, and
//! pushes [`Action`]s for everything else. No panel sees the shell.

pub mod article;
pub mod articles;
pub mod entities;
pub mod find_bar;
pub mod incident_file;
pub mod incidents;
pub mod inspector;
pub mod suggestions;
pub mod timeline;

use crate::model::Project;
use crate::model::history::Document;
use crate::model::suggest::Suggestion;
use crate::workbench::settings::Settings;
use crate::workbench::{Action, ViewState};

/// What a panel draws from and where its intents go.
pub struct PanelCtx<'a> {
    /// The open document, read only.
    pub doc: &'a Document,
    /// What is shown and selected.
    pub view: &'a mut ViewState,
    /// Remembered settings (font size).
    pub settings: &'a Settings,
    /// Suggestions of the shown article.
    pub suggestions: &'a [Suggestion],
    /// Intents, run in order once the frame is drawn.
    pub actions: &'a mut Vec<Action>,
}

impl PanelCtx<'_> {
    /// The open project.
    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    /// Ask for something to be done after the frame.
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }
}

/// The label of a tag, or its id when the project has no such tag.
pub fn tag_label<'a>(project: &'a Project, tag: &'a str) -> &'a str {
    project.tag(tag).map_or(tag, |t| t.label.as_str())
}

/// The name of an entity, or its id when the project has no such entity.
pub fn entity_name<'a>(project: &'a Project, id: &'a str) -> &'a str {
    project.entity(id).map_or(id, |e| e.name.as_str())
}
