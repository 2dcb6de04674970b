//! The window: owns the [`Workbench`] and the panels, and runs one frame. `logic` does what
//! needs no drawing (autosave, close request, dropped files, title); `ui` lays out the panels,
//! which push actions, and runs those actions once the frame is drawn.

use std::path::PathBuf;

use egui::Ui;

use super::modals::ChooserModal;
use super::panels::entities::EntitiesPanel;
use super::panels::{PanelCtx, Panels};
use super::widgets::article_view::ArticleView;
use crate::model::Project;
use crate::workbench::dialogs::FileDialogs;
use crate::workbench::{Action, FrameParts, Prompt, Workbench};

/// The whole app: the workbench, the file dialogs and what the window keeps between frames.
pub struct SitrepApp {
    workbench: Workbench,
    dialogs: Box<dyn FileDialogs>,
    panels: Panels,
    /// The file chooser drawn in the window when no desktop dialog answers.
    chooser: ChooserModal,
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
            chooser: ChooserModal::default(),
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

    /// The map window, for tests that click its markers.
    pub fn map_panel(&self) -> &crate::ui::panels::map::MapPanel {
        &self.panels.map
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
            // The theme itself, not the visuals of whatever theme the system reports: egui
            // follows the system theme unless told, and set_visuals only restyles that one.
            ctx.set_theme(theme(dark));
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
        if let Some(wait) = self.workbench.watch_disk() {
            ctx.request_repaint_after(wait);
        }
        if self.workbench.poll_work() {
            // Ten times a second is enough to see the count move.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
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
            self.chooser.close();
        }
        let mut actions = Vec::new();
        let working = self.workbench.work().is_some();
        if self.workbench.prompt().is_none() && !working {
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
            comparison,
            work,
            ..
        } = self.workbench.frame_parts();
        let mut cx = PanelCtx {
            doc,
            view,
            settings,
            suggestions,
            comparison,
            actions: &mut actions,
        };
        self.panels.frame_ui(ui, &mut cx);
        if std::mem::take(&mut cx.view.find.release_focus) {
            // The keyboard goes back to the article, so a tag key acts on the find match.
            ctx.memory_mut(|m| m.focused().map(|id| m.surrender_focus(id)));
        }
        if working {
            // Nothing reaches the document while work runs on a copy of it: the modal takes
            // the pointer, and the actions the panels pushed this frame are dropped.
            actions.clear();
        }
        if let Some(work) = work {
            super::modals::working::ui(&ctx, work);
        } else if let Some(prompt) = prompt.as_mut() {
            let answer = match prompt {
                Prompt::ChooseFile { purpose, request } => {
                    let project_folder = doc.path.as_ref().and_then(|p| p.parent());
                    self.chooser
                        .ui(&ctx, request, project_folder)
                        .map(|answer| Action::FileChosen {
                            purpose: purpose.clone(),
                            answer,
                        })
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

    /// Settings are few and small; written every few seconds (eframe's default is 30), a name
    /// just given or a recent file survives a crash or a killed session.
    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs(5)
    }
}

/// True when `SITREP_EXIT_AFTER_FIRST_FRAME=1`: the window closes after its first frame, so
/// that `benches/perf.rs` can time start-up. Read once.
fn exit_after_first_frame() -> bool {
    static EXIT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *EXIT
        .get_or_init(|| std::env::var_os("SITREP_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| v == "1"))
}

/// The egui theme of the dark setting.
pub fn theme(dark: bool) -> egui::Theme {
    if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    }
}
