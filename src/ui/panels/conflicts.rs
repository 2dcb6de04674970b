//! Merge conflicts: what a git merge (`sitrep merge-driver`) could not settle, listed with both
//! values and settled one by one with "Take theirs" or "Keep mine". The annotations they are
//! about show in the article view's second band, as another analyst's spans do in curation.

use egui::{Color32, Ui};

use super::PanelCtx;
use crate::model::MergeConflict;
use crate::ui::widgets::article_view::Suggested;
use crate::workbench::{Action, shorten};

/// The band colour of a conflicted span: the warning colour, whatever the tag.
const CONFLICT_COLOR: Color32 = Color32::from_rgb(0xd3, 0x2f, 0x2f);

/// The spans of the shown article's annotations that have a conflict.
pub fn band(cx: &PanelCtx<'_>) -> Vec<Suggested> {
    let project = cx.project();
    let Some(article) = cx.view.current_article.as_deref() else {
        return Vec::new();
    };
    if project.conflicts.is_empty() {
        return Vec::new();
    }
    // Drawn every frame: the shown article's annotations checked against a set, rather than
    // each conflict looked up among all annotations.
    let conflicted: std::collections::HashSet<&str> = project
        .conflicts
        .iter()
        .filter(|c| c.item == "annotation")
        .map(|c| c.id.as_str())
        .collect();
    project
        .annotations_slice(article)
        .iter()
        .filter(|a| conflicted.contains(a.id.as_str()))
        .map(|a| Suggested {
            span: a.span(),
            color: CONFLICT_COLOR,
            current: false,
        })
        .collect()
}

/// Draw the list (nothing when the project has no conflicts).
pub fn conflicts_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let count = cx.project().conflicts.len();
    if count == 0 {
        return;
    }
    ui.separator();
    ui.colored_label(
        CONFLICT_COLOR,
        format!(
            "{} to settle",
            crate::wording::count(count, "merge conflict")
        ),
    )
    .on_hover_text(
        "Fields a merge found changed two ways. The project holds our value until you \
         take theirs or keep ours.",
    );
    // The document is borrowed apart from the context, so the list needs no copy per frame.
    let doc = cx.doc;
    egui::ScrollArea::vertical()
        .id_salt("conflict-list")
        .max_height(240.0)
        .show(ui, |ui| {
            for conflict in &doc.project.conflicts {
                conflict_ui(ui, cx, conflict);
            }
        });
}

/// One conflict: what it is about (click to show it), both values, and the two choices.
fn conflict_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, conflict: &MergeConflict) {
    let about = ui
        .add(
            egui::Label::new(egui::RichText::new(conflict.label()).strong())
                .sense(egui::Sense::click())
                .wrap(),
        )
        .on_hover_text("Show it");
    if about.clicked() {
        match conflict.item.as_str() {
            "annotation" => cx.push(Action::SelectAnnotation(conflict.id.clone())),
            "entity" => cx.push(Action::SelectEntity(conflict.id.clone())),
            "incident" => cx.push(Action::OpenIncident(conflict.id.clone())),
            _ => {}
        }
    }
    ui.label(format!("ours: {}", value_text(&conflict.ours)));
    ui.label(format!("theirs: {}", value_text(&conflict.theirs)));
    ui.horizontal(|ui| {
        for (take_theirs, label) in [(true, "Take theirs"), (false, "Keep mine")] {
            if ui.small_button(label).clicked() {
                cx.push(Action::SettleConflict {
                    conflict: Box::new(conflict.clone()),
                    take_theirs,
                });
            }
        }
    });
}

/// A value as a short line: strings without quotes, `null` as "(none / deleted)".
fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "(none / deleted)".to_owned(),
        serde_json::Value::String(s) if s.is_empty() => "(empty)".to_owned(),
        serde_json::Value::String(s) => format!("“{}”", shorten(s, 60)),
        other => shorten(&other.to_string(), 60),
    }
}
