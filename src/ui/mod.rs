//! The egui workbench: app shell, article view widget, panels and dialogs.

pub mod app;
pub mod article_view;
pub mod commands;
pub mod dialogs;
pub mod entities;
pub mod file_chooser;
pub mod incidents;
pub mod inspector;
pub mod native_dialogs;

use std::path::PathBuf;

pub use app::SitrepApp;

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
            let settings: crate::workbench::settings::Settings = cc
                .storage
                .and_then(|s| {
                    eframe::get_value(s, crate::workbench::settings::Settings::STORAGE_KEY)
                })
                .unwrap_or_default();
            Ok(Box::new(startup_app(files, settings)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Build the app for the start-up files and remembered settings.
pub fn startup_app(
    files: Vec<PathBuf>,
    settings: crate::workbench::settings::Settings,
) -> SitrepApp {
    let sample = || {
        crate::io::parse_project(SAMPLE_PROJECT.as_bytes())
            .unwrap_or_else(|_| crate::model::Project::new("Untitled project"))
    };
    let mut app = SitrepApp::with_native_dialogs(sample(), None);
    app.settings = settings;
    match crate::io::RecoveryStore::default_location() {
        Ok(store) => app.autosave = Some(crate::workbench::autosave::Autosave::new(store)),
        Err(e) => app.status = format!("No crash recovery this session: {e}"),
    }
    let first = files
        .into_iter()
        .next()
        .or_else(|| app.settings.recent.first().filter(|p| p.exists()).cloned());
    match first {
        Some(path) => app.open_path(&path),
        // Unsaved work on an untitled project (or the sample) may wait from a crash.
        None => app.offer_recovery(),
    }
    app
}
