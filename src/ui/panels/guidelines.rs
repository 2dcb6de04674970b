//! Help → Guidelines: the coding rule of every tag and document label, shown while coding and
//! edited in place (each field one undo step per burst of typing).

use super::PanelCtx;
use crate::model::Edit;
use crate::ui::widgets::form::Form;

/// The window's draft: the name of a relation type being added.
#[derive(Default)]
pub struct GuidelinesWindow {
    /// Typed name of a new relation type.
    pub new_relation: String,
}

impl GuidelinesWindow {
    /// Draw the window, when open.
    pub fn ui(&mut self, ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
        guidelines_ui(ctx, cx, &mut self.new_relation);
    }
}

/// The Guidelines window, when open.
fn guidelines_ui(ctx: &egui::Context, cx: &mut PanelCtx<'_>, new_relation: &mut String) {
    if !cx.view.guidelines_open {
        return;
    }
    let project = &cx.doc.project;
    let mut open = true;
    egui::Window::new("Guidelines")
        .id(egui::Id::unique("guidelines-window"))
        .open(&mut open)
        .default_width(480.0)
        .default_pos([700.0, 120.0])
        .vscroll(true)
        .show(ctx, |ui| {
            ui.weak("The coding rule of each tag and label, with examples. Tag buttons show it on hover.");
            for tag in &project.tags {
                ui.separator();
                let key = tag
                    .key_char()
                    .map_or(String::new(), |k| format!(" ({})", k.to_ascii_uppercase()));
                let l = ui.strong(format!("{}{key}", tag.label));
                let mut edited = tag.clone();
                let mut form = Form::new(&tag.id);
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut edited.description)
                            .id_salt(("guideline-tag", tag.id.clone()))
                            .hint_text("what to mark, what not to, examples")
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                form.track(&r, "guideline");
                form.finish(tag, edited, Edit::UpdateTag, cx.actions);
            }
            for (i, label) in project.doc_labels.iter().enumerate() {
                ui.separator();
                let values: Vec<&str> = label.values.iter().map(|v| v.value.as_str()).collect();
                let l = ui.strong(format!("{}: {}", label.label, values.join(" / ")));
                let mut labels = project.doc_labels.clone();
                let mut form = Form::new(&format!("doc-label-{}", label.id));
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut labels[i].description)
                            .id_salt(("guideline-label", label.id.clone()))
                            .hint_text("when an article gets each value")
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                form.track(&r, "guideline");
                form.finish(&project.doc_labels, labels, Edit::SetDocLabels, cx.actions);
            }
            relation_types_ui(ui, cx, new_relation);
        });
    if !open {
        cx.view.guidelines_open = false;
    }
}

/// The relation types with their rules, and a row to add one. A project without types is
/// shown the defaults, which an edit here (or the first relation) adds to it.
fn relation_types_ui(ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, new_relation: &mut String) {
    let project = &cx.doc.project;
    let offered = project.relation_types_offered();
    let mut edited = offered.clone();
    let mut form = Form::new("relation-types");
    ui.separator();
    ui.strong("Relations between annotations (R, then click the target)");
    for (i, t) in edited.iter_mut().enumerate() {
        let l = ui.label(&t.label);
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut t.description)
                    .id_salt(("guideline-relation", i))
                    .hint_text("when two spans are linked this way")
                    .desired_rows(1)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        form.track(&r, &format!("guideline-relation-{i}"));
    }
    ui.horizontal(|ui| {
        let l = ui.label("New relation type");
        ui.add(
            egui::TextEdit::singleline(new_relation)
                .id_salt("guideline-new-relation")
                .hint_text("e.g. retaliated against")
                .desired_width(180.0),
        )
        .labelled_by(l.id);
        let label = new_relation.trim().to_owned();
        let id = crate::model::text::id_from_name(&label);
        let taken = edited.iter().any(|t| t.id == id);
        if ui
            .add_enabled(!id.is_empty() && !taken, egui::Button::new("Add type"))
            .clicked()
        {
            edited.push(crate::model::RelationType::new(&id, &label));
            new_relation.clear();
        }
    });
    form.finish(&offered, edited, Edit::SetRelationTypes, cx.actions);
}
