//! The project file is open in another Sitrep: open it anyway, or leave it there.

use crate::workbench::PromptAnswer;

/// Draw who holds the file and the two ways on.
pub fn ui(ctx: &egui::Context, message: &str) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("locked-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Already open elsewhere");
        ui.label(message);
        ui.horizontal(|ui| {
            if ui.button("Open anyway").clicked() {
                answer = Some(PromptAnswer::OpenAnyway);
            }
            if ui.button("Close it here").clicked() {
                answer = Some(PromptAnswer::CloseHere);
            }
        });
    });
    answer
}
