//! Help → Guidelines: the coding rule of every tag and document label, shown while coding and
//! edited in place (each field one undo step per burst of typing).

use super::PanelCtx;
use crate::model::Edit;
use crate::ui::widgets::form::Form;

/// The Guidelines window, when open.
pub fn guidelines_ui(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
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
        });
    if !open {
        cx.view.guidelines_open = false;
    }
}
