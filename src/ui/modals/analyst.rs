//! Who is working: the analyst's name, asked on the first start and from View → Analyst….

use crate::workbench::PromptAnswer;

/// Draw the name field over `name` (the prompt's draft). Enter or OK uses it.
pub fn ui(ctx: &egui::Context, name: &mut String) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("analyst-modal")).show(ctx, |ui| {
        ui.heading("Who is working?");
        ui.label(
            "Your name is recorded on the annotations, entities and incidents you make or change,",
        );
        ui.label("and becomes part of their ids, so copies two analysts code apart never clash.");
        let field = ui
            .horizontal(|ui| {
                let label = ui.label("Name:");
                ui.add(
                    egui::TextEdit::singleline(name)
                        .id_salt("analyst-field")
                        .hint_text("e.g. Maya Haddad")
                        .desired_width(320.0),
                )
                .labelled_by(label.id)
            })
            .inner;
        if ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        // Inside a modal the field keeps the focus on Enter, so both cases count.
        let entered = (field.has_focus() || field.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let can_use = !name.trim().is_empty();
        ui.horizontal(|ui| {
            if ui.add_enabled(can_use, egui::Button::new("OK")).clicked() || (entered && can_use) {
                answer = Some(PromptAnswer::SetAnalyst);
            }
            if ui.button("Later").clicked() || super::escape(ui) {
                answer = Some(PromptAnswer::Dismiss);
            }
        });
    });
    answer
}
