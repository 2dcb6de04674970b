//! Unsaved work from a crash was found: restore it or discard it.

use crate::workbench::PromptAnswer;

/// Draw the offer with what the recovery copy holds.
pub fn ui(ctx: &egui::Context, summary: &str) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("restore-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Restore unsaved work?");
        ui.label("Sitrep did not close normally last time. A recovery copy was found:");
        ui.label(summary);
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                answer = Some(PromptAnswer::Restore);
            }
            if ui.button("Discard it").clicked() {
                answer = Some(PromptAnswer::DiscardRecovery);
            }
        });
    });
    answer
}
