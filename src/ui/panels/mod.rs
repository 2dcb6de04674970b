//! The panels of the window. Each is a struct that owns its own drafts and filters and draws
//! from a [`PanelCtx`]: it reads the document, may change what is shown and selected, and
//! pushes [`Action`]s for everything else. No panel sees the shell.

pub mod article;
pub mod articles;
pub mod compare;
pub mod conflicts;
pub mod doc_labels;
pub mod entities;
pub mod find_bar;
pub mod guidelines;
pub mod incident_file;
pub mod incidents;
pub mod inspector;
pub mod keys_help;
pub mod map;
pub mod search;
pub mod sources;
pub mod suggestions;
pub mod timeline;

use egui::Ui;

use crate::model::Project;
use crate::model::history::Document;
use crate::model::suggest::Suggestion;
use crate::workbench::compare::Comparison;
use crate::workbench::settings::Settings;
use crate::workbench::{Action, LeftTab, RightTab, ViewState};

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
    /// Another analyst's project, while curating.
    pub comparison: Option<&'a Comparison>,
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

/// Every panel of the window, with its drafts and caches.
#[derive(Default)]
pub struct Panels {
    /// The article in the centre.
    pub article: article::ArticlePanel,
    /// The article list.
    pub articles: articles::ArticlesPanel,
    /// The entity list and editor.
    pub entities: entities::EntitiesPanel,
    /// The annotation editor and list.
    pub inspector: inspector::InspectorPanel,
    /// The incident list.
    pub incidents: incidents::IncidentList,
    /// The incident editor window.
    pub incident_editor: incidents::IncidentEditor,
    /// The comparison with another analyst's project.
    pub compare: compare::ComparePanel,
    /// The registry of sources window.
    pub sources: sources::SourcesWindow,
    /// The search across every article.
    pub search: search::SearchPanel,
    /// The document labels window.
    pub doc_labels: doc_labels::DocLabelsWindow,
    /// The Guidelines window.
    pub guidelines: guidelines::GuidelinesWindow,
    /// The map of incidents.
    pub map: map::MapPanel,
}

impl Panels {
    /// Lay out the side panels, the article and the windows over them.
    pub fn frame_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let ctx = ui.ctx().clone();
        self.compare.refresh(cx);
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| fixed_width_ui(ui, |ui| self.left_ui(ui, cx)));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(360.0)
            .min_size(240.0)
            .show(ui, |ui| fixed_width_ui(ui, |ui| self.right_ui(ui, cx)));
        self.search.ui(ui, cx);
        let mut band = self.compare.band(cx);
        band.extend(conflicts::band(cx));
        egui::CentralPanel::default().show(ui, |ui| self.article.ui(ui, cx, &band));
        if cx.view.incident_detached {
            self.incident_editor.window_ui(&ctx, cx);
        }
        timeline::timeline_ui(&ctx, cx);
        self.map.window_ui(&ctx, cx);
        self.sources.window_ui(&ctx, cx);
        keys_help::keys_ui(&ctx, cx);
        self.guidelines.ui(&ctx, cx);
        self.doc_labels.window_ui(&ctx, cx);
        incident_file::incident_file_ui(&ctx, cx);
    }

    /// The left panel: its tabs and the list of the tab chosen.
    fn left_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut cx.view.left_tab, LeftTab::Articles, "Articles");
            ui.selectable_value(&mut cx.view.left_tab, LeftTab::Entities, "Entities");
            ui.selectable_value(&mut cx.view.left_tab, LeftTab::Incidents, "Incidents");
        });
        ui.separator();
        match cx.view.left_tab {
            LeftTab::Articles => self.articles.ui(ui, cx),
            LeftTab::Entities => self.entities.list_ui(ui, cx),
            LeftTab::Incidents => self.incidents.ui(ui, cx),
        }
    }

    /// The right panel: the inspector, or the open incident's editor docked beside the
    /// article, with a tab for each while an incident is open.
    fn right_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let docked = cx
            .view
            .selected_incident
            .clone()
            .filter(|_| !cx.view.incident_detached);
        let Some(id) = docked else {
            return self.inspector_ui(ui, cx);
        };
        ui.horizontal(|ui| {
            ui.selectable_value(&mut cx.view.right_tab, RightTab::Inspector, "Annotation")
                .on_hover_text("The selected annotation and the article's annotation list");
            ui.selectable_value(
                &mut cx.view.right_tab,
                RightTab::Incident,
                format!("Incident {id}"),
            )
            .on_hover_text("The incident being coded");
        });
        ui.separator();
        match cx.view.right_tab {
            RightTab::Inspector => self.inspector_ui(ui, cx),
            RightTab::Incident => self.incident_editor.docked_ui(ui, cx),
        }
    }

    /// The right panel's inspector: the selected annotation or entity, the comparison, the
    /// suggestions, the annotation list.
    fn inspector_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        match (
            cx.view.selected_annotation.clone(),
            cx.view.selected_entity.clone(),
        ) {
            (Some(id), _) => {
                ui.heading("Annotation");
                self.inspector.editor_ui(ui, cx, &id);
            }
            (None, Some(id)) => {
                ui.heading("Entity");
                self.entities.editor_ui(ui, cx, &id);
            }
            (None, None) => {
                ui.heading("Annotation");
                ui.weak("Select text and press a tag key (A, L, C), or click a highlight.");
            }
        }
        self.compare.ui(ui, cx);
        conflicts::conflicts_ui(ui, cx);
        suggestions::suggestions_ui(ui, cx);
        ui.separator();
        self.inspector.list_ui(ui, cx);
    }
}

/// Draw `add` at the panel's present width and never wider. A side panel grows to fit what is
/// drawn in it, and the article beside it re-wraps under the mouse; here what does not fit is
/// cut at the edge instead (long labels truncate, with their full text on hover), so the width
/// changes only when the analyst drags the panel's edge.
fn fixed_width_ui(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let rect = ui.available_rect_before_wrap();
    let mut body = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    body.shrink_clip_rect(rect);
    add(&mut body);
    ui.advance_cursor_after_rect(rect);
}
