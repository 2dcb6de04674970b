//! Paste text as a new article: a text field ready for Ctrl+V as soon as the dialog opens.

use crate::workbench::PromptAnswer;

/// Draw the field over `text` (the prompt's draft).
pub fn ui(ctx: &egui::Context, text: &mut String) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("paste-modal")).show(ctx, |ui| {
        ui.heading("Paste as new article");
        ui.label("Paste the article text (Ctrl+V). A first line “date YYYY-MM-DD” sets the date.");
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                let field = ui.add(
                    egui::TextEdit::multiline(text)
                        .id_salt("paste-field")
                        .desired_width(520.0)
                        .desired_rows(12),
                );
                // Ready for Ctrl+V or typing as soon as the dialog opens.
                if ui.memory(|m| m.focused().is_none()) {
                    field.request_focus();
                }
            });
        ui.horizontal(|ui| {
            let can_add = !text.trim().is_empty();
            if ui
                .add_enabled(can_add, egui::Button::new("Add article"))
                .clicked()
            {
                answer = Some(PromptAnswer::AddPasted);
            }
            if ui.button("Cancel").clicked() || super::escape(ui) {
                answer = Some(PromptAnswer::Dismiss);
            }
        });
    });
    answer
}
