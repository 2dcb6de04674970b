//! Something went wrong (or a report to read in full): a message and OK.

use crate::workbench::PromptAnswer;

/// Draw the message; OK or Escape dismisses it.
pub fn ui(ctx: &egui::Context, title: &str, message: &str) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("error-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                ui.label(message);
            });
        if ui.button("OK").clicked() || super::escape(ui) {
            answer = Some(PromptAnswer::Dismiss);
        }
    });
    answer
}
