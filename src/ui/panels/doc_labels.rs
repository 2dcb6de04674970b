//! The document labels window: define labels for whole articles ("Relevant: yes / no /
//! unsure"), each value with its key and whether it leaves its articles out of exports.

use egui::Ui;

use super::PanelCtx;
use crate::model::{DocLabel, Edit};
use crate::ui::widgets::form::Form;

/// The window's drafts.
#[derive(Default)]
pub struct DocLabelsWindow {
    /// The name typed for a new label.
    pub new_label: String,
    /// Its values, comma-separated.
    pub new_values: String,
}

impl DocLabelsWindow {
    /// Draw the window when it is open.
    pub fn window_ui(&mut self, ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
        if !cx.view.doc_labels_open {
            return;
        }
        let mut open = true;
        egui::Window::new("Document labels")
            .id(egui::Id::unique("doc-labels-window"))
            .open(&mut open)
            .default_width(520.0)
            .vscroll(true)
            .show(ctx, |ui| self.ui(ui, cx));
        if !open {
            cx.view.doc_labels_open = false;
        }
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let project = &cx.doc.project;
        let before = &project.doc_labels;
        let mut edited = before.clone();
        let mut form = Form::new("doc-labels");
        ui.weak(
            "A label for whole articles, set from the article list, the heading or a value's key.",
        );
        let mut remove = None;
        for (i, label) in edited.iter_mut().enumerate() {
            ui.separator();
            ui.horizontal(|ui| {
                ui.strong(&label.label);
                ui.weak(format!("({})", label.id));
                let used = project
                    .articles
                    .iter()
                    .any(|a| a.labels.contains_key(&label.id));
                if ui
                    .add_enabled(!used, egui::Button::new("Remove"))
                    .on_disabled_hover_text("Articles carry this label: take it off them first")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
            let r = ui.add(
                egui::TextEdit::multiline(&mut label.description)
                    .id_salt(("doc-label-description", i))
                    .hint_text("the coding rule, with examples")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
            form.track(&r, &format!("doc-label-description-{i}"));
            egui::Grid::new(("doc-label-values", i))
                .num_columns(3)
                .show(ui, |ui| {
                    for v in &mut label.values {
                        ui.label(&v.value);
                        let mut key = v.key.map(String::from).unwrap_or_default();
                        let r = ui.add(
                            egui::TextEdit::singleline(&mut key)
                                .id_salt(("doc-label-key", i, v.value.clone()))
                                .char_limit(1)
                                .desired_width(24.0),
                        );
                        if r.changed() {
                            v.key = key.chars().next().map(|c| c.to_ascii_lowercase());
                        }
                        ui.checkbox(&mut v.excluded, "left out of exports");
                        ui.end_row();
                    }
                });
        }
        if let Some(i) = remove {
            edited.remove(i);
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("New label");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_label)
                    .id_salt("doc-label-new-name")
                    .hint_text("Relevant")
                    .desired_width(120.0),
            )
            .labelled_by(l.id);
            let l = ui.label("values");
            ui.add(
                egui::TextEdit::singleline(&mut self.new_values)
                    .id_salt("doc-label-new-values")
                    .hint_text("yes, no, unsure")
                    .desired_width(160.0),
            )
            .labelled_by(l.id);
            let name = self.new_label.trim().to_owned();
            let values: Vec<String> = self
                .new_values
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect();
            let id = crate::model::text::id_from_name(&name);
            let taken = edited.iter().any(|l| l.id == id);
            if ui
                .add_enabled(
                    !id.is_empty() && !values.is_empty() && !taken,
                    egui::Button::new("Add label"),
                )
                .on_hover_text("Values get the keys 1, 2, 3… in order; change them here")
                .clicked()
            {
                let refs: Vec<&str> = values.iter().map(String::as_str).collect();
                edited.push(DocLabel::with_values(&id, &name, &refs));
                self.new_label.clear();
                self.new_values.clear();
            }
        });
        if let Some(problem) = edited.iter().flat_map(DocLabel::problems).next() {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Not kept: {problem}"));
            edited = before.clone();
        }
        form.finish(before, edited, Edit::SetDocLabels, cx.actions);
    }
}
