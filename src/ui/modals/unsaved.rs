//! "Save changes?" before a new project, another file or quitting.

use crate::workbench::PromptAnswer;

/// Draw the question: Save, Discard, or Cancel (also Escape).
pub fn ui(ctx: &egui::Context, project_name: &str) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("unsaved-modal")).show(ctx, |ui| {
        ui.heading("Save changes?");
        ui.label(format!(
            "“{project_name}” has unsaved changes. Save them first?"
        ));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(PromptAnswer::Save);
            }
            if ui.button("Discard").clicked() {
                answer = Some(PromptAnswer::Discard);
            }
            if ui.button("Cancel").clicked() || super::escape(ui) {
                answer = Some(PromptAnswer::Dismiss);
            }
        });
    });
    answer
}
