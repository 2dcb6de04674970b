//! The suggestion box of the inspector: the current entity-name suggestion of the shown article
//! and the buttons that accept, reject or skip it.

use egui::Ui;

use super::{PanelCtx, entity_name};
use crate::workbench::{Action, Command, shorten};

/// Draw the box (nothing when the article has no suggestions).
pub fn suggestions_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let n = cx.suggestions.len();
    if n == 0 {
        return;
    }
    ui.separator();
    ui.strong(format!("Suggestions ({n})"));
    if let Some(s) = cx.suggestions.get(cx.view.current_suggestion) {
        ui.label(format!(
            "“{}” → {}",
            shorten(&s.exact, 40),
            entity_name(cx.project(), &s.entity)
        ));
    }
    ui.horizontal_wrapped(|ui| {
        for cmd in [
            Command::AcceptSuggestion,
            Command::RejectSuggestion,
            Command::NextSuggestion,
            Command::AcceptAllSuggestions,
        ] {
            if ui
                .button(cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                cx.push(Action::Run(cmd));
            }
        }
    });
}
