//! The read-only window of an incident file opened on its own, with jumps into the open
//! project where it holds the same article text.

use super::PanelCtx;
use crate::workbench::{Action, shorten};

/// The read-only window of an opened incident file.
pub fn incident_file_ui(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
    let Some(view) = cx.view.incident_view.take() else {
        return;
    };
    let mut open = true;
    let mut jump: Option<(String, crate::model::CharSpan)> = None;
    let checks = view.file.check_against(&cx.doc.project);
    let name = view
        .path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    egui::Window::new(format!("Incident file {name}"))
        .id(egui::Id::unique("incident-file-window"))
        .open(&mut open)
        .default_width(480.0)
        .vscroll(true)
        .show(ctx, |ui| {
            let inc = &view.file.incident;
            let entity = |id: &str| {
                view.file
                    .entity(id)
                    .map_or(id.to_owned(), |e| e.name.clone())
            };
            ui.heading(&inc.title);
            ui.weak("Read-only: this file stands on its own, without the project it came from.");
            egui::Grid::new("incident-file-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Date");
                    ui.label(inc.date.map_or("unknown".to_owned(), |d| {
                        format!("{d} ({})", inc.date_precision.as_str())
                    }));
                    ui.end_row();
                    ui.label("Event type");
                    ui.label(format!(
                        "{} / {}",
                        inc.category().unwrap_or("?"),
                        inc.event_type
                    ));
                    ui.end_row();
                    ui.label("Location");
                    ui.label(inc.location.as_deref().map_or("(none)".to_owned(), &entity));
                    ui.end_row();
                    ui.label("Actors");
                    ui.vertical(|ui| {
                        for a in &inc.actors {
                            ui.label(format!("{} · {}", entity(&a.entity), a.role));
                        }
                    });
                    ui.end_row();
                    ui.label("Fatalities");
                    let f = &inc.fatalities;
                    let n = |x: Option<u32>| x.map_or("?".to_owned(), |v| v.to_string());
                    ui.label(format!(
                        "low {} · best {} · high {}",
                        n(f.low),
                        n(f.best),
                        n(f.high)
                    ));
                    ui.end_row();
                    ui.label("Confidence");
                    ui.label(&inc.confidence);
                    ui.end_row();
                });
            if !inc.notes.is_empty() {
                ui.label(&inc.notes);
            }
            ui.separator();
            for source in &view.file.sources {
                let a = &source.article;
                ui.strong(format!(
                    "{}{}",
                    a.title,
                    a.published.map_or(String::new(), |d| format!(" · {d}"))
                ));
                for ev in &source.evidence {
                    let status = checks
                        .iter()
                        .find(|c| c.evidence == ev.id)
                        .map(|c| &c.status);
                    let text = format!("{}: “{}”", ev.tag, shorten(&ev.exact, 70));
                    use crate::io::incident_file::EvidenceStatus as S;
                    match status {
                        Some(S::Matches { article, span } | S::Reanchored { article, span }) => {
                            if ui
                                .link(text)
                                .on_hover_text("The open project holds this article: show it")
                                .clicked()
                            {
                                jump = Some((article.clone(), *span));
                            }
                        }
                        _ => {
                            ui.label(text);
                        }
                    }
                }
            }
        });
    if open {
        cx.view.incident_view = Some(view);
    }
    if let Some((article, span)) = jump {
        cx.push(Action::ShowSpan { article, span });
    }
}
