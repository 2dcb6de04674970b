//! The window: owns the [`Workbench`] and the panels, and runs one frame. `logic` does what
//! needs no drawing (autosave, close request, dropped files, title); `ui` lays out the panels,
//! which push actions, and runs those actions once the frame is drawn.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::Ui;

use super::file_chooser::FileChooser;
use super::panels::article::ArticlePanel;
use super::panels::articles::ArticlesPanel;
use super::panels::entities::EntitiesPanel;
use super::panels::incidents::{IncidentEditor, IncidentList};
use super::panels::inspector::InspectorPanel;
use super::panels::{PanelCtx, incident_file, suggestions, timeline};
use super::widgets::article_view::ArticleView;
use crate::model::Project;
use crate::workbench::dialogs::{DialogAnswer, DialogRole, FileDialogs, FileRequest};
use crate::workbench::{Action, FrameParts, LeftTab, Prompt, Workbench};

/// The panels and their drafts.
#[derive(Default)]
struct Panels {
    article: ArticlePanel,
    articles: ArticlesPanel,
    entities: EntitiesPanel,
    inspector: InspectorPanel,
    incidents: IncidentList,
    incident_editor: IncidentEditor,
}

/// The whole app: the workbench, the file dialogs and what the window keeps between frames.
pub struct SitrepApp {
    workbench: Workbench,
    dialogs: Box<dyn FileDialogs>,
    panels: Panels,
    /// The in-window file chooser and the request it answers, while one is open.
    chooser: Option<(FileRequest, FileChooser)>,
    /// The folder each kind of file question was last answered in, to start there again.
    last_folders: HashMap<DialogRole, PathBuf>,
    title_sent: String,
    theme_applied: Option<bool>,
    /// The workbench generation the panels' caches were made for.
    generation_seen: u64,
}

impl SitrepApp {
    /// An app showing `project`, loaded from `path` (if any), asking `dialogs` for files.
    pub fn new(project: Project, path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            workbench: Workbench::new(project, path),
            dialogs,
            panels: Panels::default(),
            chooser: None,
            last_folders: HashMap::new(),
            title_sent: String::new(),
            theme_applied: None,
            generation_seen: 0,
        }
    }

    /// The workbench: document, view, status, prompt.
    pub fn workbench(&self) -> &Workbench {
        &self.workbench
    }

    /// The workbench, to change (start-up, tests).
    pub fn workbench_mut(&mut self) -> &mut Workbench {
        &mut self.workbench
    }

    /// Run one action now, with this app's file dialogs.
    pub fn run(&mut self, action: Action) {
        self.workbench.run(action, &mut *self.dialogs);
    }

    /// Open the start-up files (or offer recovered work), with this app's file dialogs.
    pub fn start(&mut self, files: Vec<PathBuf>) {
        self.workbench.start(files, &mut *self.dialogs);
    }

    /// The article text widget, for tests that need screen positions of chars.
    pub fn article_view(&self) -> &ArticleView {
        self.panels.article.view()
    }

    /// The entity panel with its drafts (tests type into them).
    pub fn entities_panel_mut(&mut self) -> &mut EntitiesPanel {
        &mut self.panels.entities
    }

    /// One whole frame, `logic` then `ui`, as eframe runs them (for kittest harnesses).
    pub fn run_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.logic_frame(&ctx);
        self.ui_frame(ui);
    }

    /// What a frame does without drawing.
    fn logic_frame(&mut self, ctx: &egui::Context) {
        let dark = self.workbench.settings().dark;
        if self.theme_applied != Some(dark) {
            ctx.set_visuals(if dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            });
            self.theme_applied = Some(dark);
            self.panels.article.invalidate();
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.workbench.may_close() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.run(Action::CloseRequested);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if !dropped.is_empty() {
            self.run(Action::Dropped(dropped));
        }
        if let Some(wait) = self.workbench.tick_autosave() {
            ctx.request_repaint_after(wait);
        }
        let title = self.workbench.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
        if self.workbench.quit_requested() || exit_after_first_frame() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Lay out the window, collecting actions, and run them.
    fn ui_frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.generation_seen != self.workbench.generation() {
            self.generation_seen = self.workbench.generation();
            self.panels.article.invalidate();
            self.chooser = None;
        }
        let mut actions = Vec::new();
        if self.workbench.prompt().is_none() {
            actions = super::keys::read_keys(&ctx, self.workbench.project(), self.workbench.view());
        }
        let wb = &self.workbench;
        egui::Panel::top("menu").show(ui, |ui| {
            super::menu::menu_bar_ui(ui, wb, &mut actions);
            super::menu::tool_bar_ui(ui, wb, &mut actions);
        });
        egui::Panel::bottom("status").show(ui, |ui| super::menu::status_line_ui(ui, wb));
        let FrameParts {
            doc,
            view,
            prompt,
            settings,
            suggestions,
            ..
        } = self.workbench.frame_parts();
        let mut cx = PanelCtx {
            doc,
            view,
            settings,
            suggestions,
            actions: &mut actions,
        };
        let panels = &mut self.panels;
        egui::Panel::left("articles")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| left_ui(ui, panels, &mut cx));
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| inspector_ui(ui, panels, &mut cx));
        egui::CentralPanel::default().show(ui, |ui| panels.article.ui(ui, &mut cx));
        panels.incident_editor.window_ui(&ctx, &mut cx);
        timeline::timeline_ui(&ctx, &mut cx);
        incident_file::incident_file_ui(&ctx, &mut cx);
        if std::mem::take(&mut cx.view.find.release_focus) {
            // The keyboard goes back to the article, so a tag key acts on the find match.
            ctx.memory_mut(|m| m.focused().map(|id| m.surrender_focus(id)));
        }
        if let Some(prompt) = prompt.as_mut() {
            let answer = match prompt {
                Prompt::ChooseFile { purpose, request } => {
                    let start = self
                        .last_folders
                        .get(&request.role)
                        .cloned()
                        .or_else(|| doc.path.as_ref()?.parent().map(PathBuf::from))
                        .or_else(|| std::env::current_dir().ok())
                        .unwrap_or_else(|| PathBuf::from("/"));
                    let chooser = &mut self.chooser;
                    choose_file_ui(&ctx, chooser, &mut self.last_folders, request, start).map(
                        |answer| Action::FileChosen {
                            purpose: purpose.clone(),
                            answer,
                        },
                    )
                }
                prompt => super::modals::prompt_ui(&ctx, prompt, &doc.project).map(Action::Answer),
            };
            actions.extend(answer);
        }
        for action in actions {
            self.run(action);
        }
    }
}

/// The left panel: its tabs and the list of the tab chosen.
fn left_ui(ui: &mut Ui, panels: &mut Panels, cx: &mut PanelCtx<'_>) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut cx.view.left_tab, LeftTab::Articles, "Articles");
        ui.selectable_value(&mut cx.view.left_tab, LeftTab::Entities, "Entities");
        ui.selectable_value(&mut cx.view.left_tab, LeftTab::Incidents, "Incidents");
    });
    ui.separator();
    match cx.view.left_tab {
        LeftTab::Articles => panels.articles.ui(ui, cx),
        LeftTab::Entities => panels.entities.list_ui(ui, cx),
        LeftTab::Incidents => panels.incidents.ui(ui, cx),
    }
}

/// The right panel: the selected annotation or entity, the suggestions, the annotation list.
fn inspector_ui(ui: &mut Ui, panels: &mut Panels, cx: &mut PanelCtx<'_>) {
    match (
        cx.view.selected_annotation.clone(),
        cx.view.selected_entity.clone(),
    ) {
        (Some(id), _) => {
            ui.heading("Annotation");
            panels.inspector.editor_ui(ui, cx, &id);
        }
        (None, Some(id)) => {
            ui.heading("Entity");
            panels.entities.editor_ui(ui, cx, &id);
        }
        (None, None) => {
            ui.heading("Annotation");
            ui.weak("Select text and press a tag key (A, L, C), or click a highlight.");
        }
    }
    suggestions::suggestions_ui(ui, cx);
    ui.separator();
    panels.inspector.list_ui(ui, cx);
}

/// The in-window file chooser for `request`, made (starting in `start`) when the request
/// first shows; the folder it ends in is remembered for the next question of its kind.
fn choose_file_ui(
    ctx: &egui::Context,
    chooser: &mut Option<(FileRequest, FileChooser)>,
    last_folders: &mut HashMap<DialogRole, PathBuf>,
    request: &FileRequest,
    start: PathBuf,
) -> Option<DialogAnswer> {
    if chooser.as_ref().is_none_or(|(r, _)| r != request) {
        *chooser = Some((request.clone(), FileChooser::new(request.clone(), &start)));
    }
    let (_, open) = chooser.as_mut()?;
    let answer = open.ui(ctx)?;
    last_folders.insert(request.role, open.folder().to_owned());
    *chooser = None;
    Some(answer)
}

impl eframe::App for SitrepApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_frame(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        use crate::workbench::settings::Settings;
        eframe::set_value(storage, Settings::STORAGE_KEY, self.workbench.settings());
    }
}

/// True when `SITREP_EXIT_AFTER_FIRST_FRAME=1`: the window closes after its first frame, so
/// that `benches/perf.rs` can time start-up. Read once.
fn exit_after_first_frame() -> bool {
    static EXIT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *EXIT
        .get_or_init(|| std::env::var_os("SITREP_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| v == "1"))
}
