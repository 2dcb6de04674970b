//! The analyst's theme is egui's theme itself (not the visuals of whatever theme the system
//! reports), so it holds from the first frame and whatever the system says.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui_kittest::Harness;
use sitrep::model::Project;
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::ScriptedDialogs;
use sitrep::workbench::{Action, Command};

#[test]
fn the_theme_follows_the_setting_not_the_system() {
    let app = SitrepApp::new(
        Project::new("theme"),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = Harness::builder()
        .with_size([900.0, 600.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    // The system says dark; the analyst's setting (light, the default) wins.
    h.ctx.options_mut(|o| o.fallback_theme = egui::Theme::Dark);
    h.run_steps(1);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
    assert!(!h.ctx.global_style().visuals.dark_mode);
    h.state_mut().run(Action::Run(Command::ToggleTheme));
    h.run_steps(2);
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
}
