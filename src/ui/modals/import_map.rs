//! Before a brat or doccano import: choose a tag for each type no tag is named after.

use std::path::Path;

use crate::model::Project;
use crate::workbench::{LabelChoice, PromptAnswer};

/// Draw one row per foreign label with a tag chooser; Import (Enter) or Cancel (Escape).
pub fn ui(
    ctx: &egui::Context,
    path: &Path,
    rows: &mut [LabelChoice],
    project: &Project,
) -> Option<PromptAnswer> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("import-map-modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Import: choose a tag for each type");
        ui.label(format!(
            "{} uses types that no tag of this project is named after. Choose where their \
             spans go; “New tag” keeps a type as a tag of its own.",
            path.display()
        ));
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                egui::Grid::new("import-map-grid")
                    .num_columns(3)
                    .striped(true)
                    .show(ui, |ui| {
                        for row in rows.iter_mut() {
                            row_ui(ui, row, project);
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Import").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                answer = Some(PromptAnswer::Import);
            }
            if ui.button("Cancel").clicked() || super::escape(ui) {
                answer = Some(PromptAnswer::Dismiss);
            }
        });
    });
    answer
}

fn row_ui(ui: &mut egui::Ui, row: &mut LabelChoice, project: &Project) {
    ui.monospace(&row.label);
    ui.label(crate::wording::count(row.spans, "span"));
    let new_tag = format!("New tag “{}”", row.label);
    let shown = match &row.tag {
        Some(id) => crate::ui::panels::tag_label(project, id).to_owned(),
        None => new_tag.clone(),
    };
    egui::ComboBox::new(("import-map", row.label.as_str()), "")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for tag in &project.tags {
                ui.selectable_value(&mut row.tag, Some(tag.id.clone()), &tag.label);
            }
            if !row.matched {
                ui.selectable_value(&mut row.tag, None, new_tag);
            }
        });
}
