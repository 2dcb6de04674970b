//! The right-hand panel: the selected annotation's fields, and the article's annotation list.

use egui::Ui;

use super::app::{SitrepApp, shorten};
use crate::model::{ClaimStatus, Edit, tags};

/// Edit the fields of one annotation. Every change is an edit on the history; typing in the
/// note is one undo step per burst.
pub fn annotation_editor(app: &mut SitrepApp, ui: &mut Ui, id: &str) {
    let Some(ann) = app.doc.project.annotation(id).cloned() else {
        ui.weak("The annotation is gone.");
        return;
    };
    let project = &app.doc.project;
    let mut edited = ann.clone();
    let mut burst: Option<String> = None;
    let mut end_burst = false;
    let mut link_choice = None;
    let mut source_choice = None;
    let mut show_entity = None;

    egui::Grid::new("inspector-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Tag");
            let current = project
                .tag(&ann.tag)
                .map_or(ann.tag.clone(), |t| t.label.clone());
            egui::ComboBox::from_id_salt("inspector-tag")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for tag in &project.tags {
                        ui.selectable_value(&mut edited.tag, tag.id.clone(), &tag.label);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            ui.label("Text");
            ui.label(format!("“{}”", shorten(&ann.exact, 200)));
            ui.end_row();

            ui.label("Where");
            let article = project
                .article(&ann.article)
                .map_or("?", |a| a.title.as_str());
            ui.label(format!(
                "{}..{} in {}",
                ann.start,
                ann.end,
                shorten(article, 22)
            ));
            ui.end_row();

            ui.label("Entity");
            ui.vertical(|ui| {
                ui.horizontal(
                    |ui| match ann.entity.as_ref().and_then(|e| project.entity(e)) {
                        Some(e) => {
                            if ui.link(&e.name).on_hover_text("Show this entity").clicked() {
                                show_entity = Some(e.id.clone());
                            }
                            if ui.small_button("Unlink").clicked() {
                                edited.entity = None;
                            }
                        }
                        None => {
                            ui.weak("(not linked)");
                        }
                    },
                );
                link_choice = super::entities::entity_picker(
                    ui,
                    project,
                    &ann.tag,
                    &mut app.link_query,
                    &ann.exact,
                    "link",
                );
            });
            ui.end_row();

            if ann.tag == tags::CLAIM {
                let claim = edited.claim.get_or_insert_with(Default::default);
                ui.label("Claimed by");
                ui.vertical(|ui| {
                    let source = claim.source.as_ref().and_then(|e| project.entity(e));
                    ui.horizontal(|ui| match source {
                        Some(e) => {
                            ui.label(&e.name);
                            if ui.small_button("Clear").clicked() {
                                claim.source = None;
                            }
                        }
                        None => {
                            ui.weak("(unknown source)");
                        }
                    });
                    source_choice = super::entities::entity_picker(
                        ui,
                        project,
                        tags::ACTOR,
                        &mut app.source_query,
                        "",
                        "source",
                    );
                });
                ui.end_row();
                let label = ui.label("Status");
                egui::ComboBox::from_id_salt("inspector-claim-status")
                    .selected_text(claim.status.as_str())
                    .show_ui(ui, |ui| {
                        for s in ClaimStatus::ALL {
                            ui.selectable_value(&mut claim.status, s, s.as_str());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }

            let label = ui.label("Note");
            let resp = ui
                .add(
                    egui::TextEdit::multiline(&mut edited.note)
                        .id_salt("inspector-note")
                        .desired_rows(3)
                        .hint_text("why it matters, doubts, context"),
                )
                .labelled_by(label.id);
            if resp.changed() {
                burst = Some(format!("note:{id}"));
            }
            if resp.lost_focus() {
                end_burst = true;
            }
            ui.end_row();
        });

    if edited.tag != ann.tag {
        // Keep the claim fields only on claims; drop a link to an entity of another tag.
        if edited.tag == tags::CLAIM {
            edited.claim.get_or_insert_with(Default::default);
        } else {
            edited.claim = None;
        }
        if let Some(e) = &edited.entity
            && app
                .doc
                .project
                .entity(e)
                .is_some_and(|e| e.tag != edited.tag)
        {
            edited.entity = None;
        }
    }
    if ann.tag != tags::CLAIM && edited.claim.is_some() && edited.tag != tags::CLAIM {
        edited.claim = None;
    }
    if edited != ann {
        let result = app
            .doc
            .apply_in_burst(Edit::UpdateAnnotation(edited), burst.as_deref());
        if let Err(e) = result {
            app.status = format!("Not changed: {e}");
        }
    }
    if end_burst {
        app.doc.end_burst();
    }
    if let Some(pick) = link_choice {
        super::entities::link_pick(app, id, pick);
    }
    if let Some(pick) = source_choice {
        super::entities::source_pick(app, id, pick);
    }
    if let Some(e) = show_entity {
        app.selected_entity = Some(e);
        app.left_tab = super::app::LeftTab::Entities;
    }
    ui.horizontal(|ui| {
        if ui.button("Delete").on_hover_text("Delete (Del)").clicked() {
            app.run(super::commands::Command::DeleteAnnotation);
        }
    });
}

/// The list of the current article's annotations, filterable by tag and text; a click selects
/// the annotation and scrolls the view to it.
pub fn annotation_list(app: &mut SitrepApp, ui: &mut Ui) {
    ui.heading("Annotations in this article");
    let Some(article) = app.current_article.clone() else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let label = app
            .filter
            .tag
            .as_ref()
            .and_then(|t| app.doc.project.tag(t))
            .map_or("All tags".to_owned(), |t| t.label.clone());
        egui::ComboBox::new("list-tag-filter", "Tag")
            .selected_text(label)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut app.filter.tag, None, "All tags");
                for t in &app.doc.project.tags {
                    ui.selectable_value(&mut app.filter.tag, Some(t.id.clone()), &t.label);
                }
            });
        let mut sources: Vec<(String, String)> = Vec::new();
        for a in app.doc.project.annotations_of(&article) {
            if let Some(src) = a.claim.as_ref().and_then(|c| c.source.as_ref())
                && let Some(e) = app.doc.project.entity(src)
                && !sources.iter().any(|(id, _)| id == src)
            {
                sources.push((src.clone(), e.name.clone()));
            }
        }
        if !sources.is_empty() {
            let current = app
                .filter
                .source
                .as_ref()
                .and_then(|s| sources.iter().find(|(id, _)| id == s))
                .map_or("Any source".to_owned(), |(_, n)| n.clone());
            egui::ComboBox::new("list-source-filter", "Claims by")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut app.filter.source, None, "Any source");
                    for (id, name) in &sources {
                        ui.selectable_value(&mut app.filter.source, Some(id.clone()), name);
                    }
                });
        }
    });
    ui.add(
        egui::TextEdit::singleline(&mut app.filter.text)
            .id_salt("list-text-filter")
            .hint_text("filter by text or note")
            .desired_width(f32::INFINITY),
    );
    orphans(app, ui, &article);
    let needle = app.filter.text.to_lowercase();
    // Only the rows on screen are formatted: an article may hold 10,000 annotations.
    let project = &app.doc.project;
    let shown: Vec<&crate::model::Annotation> = project
        .annotations_slice(&article)
        .iter()
        .filter(|a| app.filter.tag.as_ref().is_none_or(|t| &a.tag == t))
        .filter(|a| {
            app.filter
                .source
                .as_ref()
                .is_none_or(|s| a.claim.as_ref().and_then(|c| c.source.as_ref()) == Some(s))
        })
        .filter(|a| {
            needle.is_empty()
                || a.exact.to_lowercase().contains(&needle)
                || a.note.to_lowercase().contains(&needle)
        })
        .collect();
    ui.weak(format!("{} shown", shown.len()));
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .auto_shrink([false, false])
        .show_rows(ui, 20.0, shown.len(), |ui, range| {
            for a in shown.get(range).unwrap_or_default() {
                let tag = project
                    .tag(&a.tag)
                    .map_or(a.tag.as_str(), |t| t.label.as_str());
                let text = format!("{tag} · {}", shorten(&a.exact, 48));
                let selected = app.selected_annotation.as_deref() == Some(a.id.as_str());
                ui.horizontal(|ui| {
                    let mut marked = app.marked.contains(&a.id);
                    let check = ui
                        .add(egui::Checkbox::without_text(&mut marked))
                        .on_hover_text("Mark for a new incident");
                    let row = ui.selectable_label(selected, text);
                    let check = check.labelled_by(row.id);
                    if check.changed() {
                        if marked {
                            app.marked.insert(a.id.clone());
                        } else {
                            app.marked.remove(&a.id);
                        }
                    }
                    if row.clicked() {
                        clicked = Some(a.id.clone());
                    }
                });
            }
        });
    if let Some(id) = clicked {
        app.select_annotation(&id);
    }
}

/// Annotations that lost their place when the article's text was replaced: listed so the
/// analyst can put each back by selecting its new place and pressing "Place here".
fn orphans(app: &mut SitrepApp, ui: &mut Ui, article: &str) {
    let orphans: Vec<crate::model::Annotation> =
        app.doc.project.orphans_of(article).cloned().collect();
    if orphans.is_empty() {
        return;
    }
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!(
            "{} orphaned annotation(s): the new text lost their place",
            orphans.len()
        ),
    );
    let mut place = None;
    for orphan in &orphans {
        ui.horizontal(|ui| {
            ui.label(format!("{} · “{}”", orphan.tag, shorten(&orphan.exact, 36)));
            if ui
                .add_enabled(
                    app.selection.span.is_some(),
                    egui::Button::new("Place here"),
                )
                .on_hover_text("Put it on the current text selection")
                .clicked()
            {
                place = Some(orphan.clone());
            }
        });
    }
    if let (Some(orphan), Some(span)) = (place, app.selection.span) {
        let Some(art) = app.doc.project.article(article) else {
            return;
        };
        let Some(quote) = crate::model::text::quote_of(&art.text, art.index(), span) else {
            return;
        };
        let mut placed = orphan;
        placed.start = span.start;
        placed.end = span.end;
        placed.exact = quote.exact;
        placed.prefix = quote.prefix;
        placed.suffix = quote.suffix;
        let id = placed.id.clone();
        if app.apply(Edit::PlaceOrphan(placed)) {
            app.selection.clear();
            app.selected_annotation = Some(id);
            app.status = "Placed the orphaned annotation".into();
        }
    }
}
