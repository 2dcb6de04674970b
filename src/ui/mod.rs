//! The egui window over the [`crate::workbench`]: the shell, its panels, dialogs and widgets.
//!
//! | module          | holds                                                          |
//! |-----------------|----------------------------------------------------------------|
//! | `app.rs`        | [`SitrepApp`]: `eframe::App` with `logic` and `ui`, the drain   |
//! | `keys.rs`       | the key table and the function that reads keys into actions    |
//! | `menu.rs`       | menu bar, tool bar, status line                                |
//! | `panels/`       | one struct per panel, drawn from a `PanelCtx`                  |
//! | `modals/`       | one file per dialog over the window                            |
//! | `widgets/`      | the article view, the entity picker, the form loop, list rows  |
//! | `native_dialogs.rs` `file_chooser.rs` | desktop file dialogs, and the one drawn in the window |

pub mod app;
pub mod file_chooser;
pub mod keys;
pub mod menu;
pub mod modals;
pub mod native_dialogs;
pub mod panels;
pub mod widgets;

use std::path::PathBuf;

pub use app::SitrepApp;

use crate::workbench::settings::Settings;

/// The sample project bundled into the binary, opened on first start.
pub const SAMPLE_PROJECT: &str = include_str!("../../assets/sample.sitrep");

/// Start the GUI with the given files (projects) to open. With none, reopen the last project,
/// or on first start the bundled sample.
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sitrep")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([700.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Sitrep",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, Settings::STORAGE_KEY))
                .unwrap_or_default();
            // Before the first frame, so that frame (and the window's clear colour) is already
            // in the analyst's theme rather than the system's.
            cc.egui_ctx.set_theme(app::theme(settings.dark));
            Ok(Box::new(startup_app(files, settings)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Build the app for the start-up files and remembered settings.
pub fn startup_app(files: Vec<PathBuf>, settings: Settings) -> SitrepApp {
    let sample = crate::io::parse_project(SAMPLE_PROJECT.as_bytes())
        .unwrap_or_else(|_| crate::model::Project::new("Untitled project"));
    let mut app = SitrepApp::new(sample, None, Box::new(native_dialogs::NativeDialogs::new()));
    let wb = app.workbench_mut();
    wb.set_settings(settings);
    match crate::io::RecoveryStore::default_location() {
        Ok(store) => wb.set_autosave(crate::workbench::autosave::Autosave::new(store)),
        Err(e) => wb.run(
            crate::workbench::Action::Refuse(format!("No crash recovery this session: {e}")),
            &mut crate::workbench::dialogs::NoDialogs,
        ),
    }
    app.start(files);
    app.workbench_mut().ask_analyst_if_unknown();
    app
}
