//! The right-hand panel: the selected annotation's fields, and the shown article's annotation
//! list with its filters and the orphans of a replaced text.

use egui::Ui;

use super::{PanelCtx, entity_name, tag_label};
use crate::model::{Annotation, CREDIBILITY_GRADES, ClaimStatus, Edit, tags};
use crate::ui::widgets::entity_picker::entity_picker_ui;
use crate::ui::widgets::form::Form;
use crate::workbench::{Action, Command, LeftTab, shorten};

/// Filters of the annotation list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only this tag.
    pub tag: Option<String>,
    /// Only claims made by this entity.
    pub source: Option<String>,
    /// Only annotations whose text or note contains this.
    pub text: String,
    /// Only claims of this credibility grade (`Some(None)`: claims not graded yet).
    pub credibility: Option<Option<u8>>,
}

/// The annotation editor and list, with their drafts.
#[derive(Default)]
pub struct InspectorPanel {
    /// Filters of the annotation list.
    pub filter: ListFilter,
    /// Type-ahead text of the entity picker.
    pub link_query: String,
    /// Type-ahead text of the claim source picker.
    pub source_query: String,
}

impl InspectorPanel {
    /// Edit the fields of one annotation. Every change is an edit on the history; typing in the
    /// note is one undo step per burst.
    pub fn editor_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &str) {
        let doc = cx.doc;
        let project = &doc.project;
        let Some(ann) = project.annotation(id) else {
            ui.weak("The annotation is gone.");
            return;
        };
        let mut edited = ann.clone();
        let mut form = Form::new(id);
        let mut link_choice = None;
        let mut source_choice = None;
        let mut show_entity = None;
        // Cells wrap at the panel's width: a long quote must not widen the panel (which would
        // re-wrap the article beside it).
        let wrap_at = (ui.available_width() - 90.0).max(120.0);
        egui::Grid::new("inspector-grid")
            .num_columns(2)
            .max_col_width(wrap_at)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let label = ui.label("Tag");
                egui::ComboBox::from_id_salt("inspector-tag")
                    .selected_text(tag_label(project, &ann.tag))
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

                // A claim is a statement, not a name: it is offered no entity to become, only
                // the one it was linked to before (by an import), which can be unlinked.
                let is_claim = ann.tag == tags::CLAIM;
                if !is_claim || ann.entity.is_some() {
                    ui.label("Entity");
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            match ann.entity.as_ref().and_then(|e| project.entity(e)) {
                                Some(e) => {
                                    if ui.link(&e.name).on_hover_text("Show this entity").clicked()
                                    {
                                        show_entity = Some(e.id.clone());
                                    }
                                    if ui.small_button("Unlink").clicked() {
                                        edited.entity = None;
                                    }
                                }
                                None => {
                                    ui.weak("(not linked)");
                                }
                            }
                        });
                        if !is_claim {
                            link_choice = entity_picker_ui(
                                ui,
                                project,
                                &ann.tag,
                                &mut self.link_query,
                                &ann.exact,
                                "link",
                            );
                        }
                    });
                    ui.end_row();
                }

                if ann.tag == tags::CLAIM {
                    source_choice = claim_rows_ui(ui, project, &mut edited, &mut self.source_query);
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
                form.track(&resp, "note");
                ui.end_row();
            });
        if edited.tag != ann.tag {
            // A new tag goes through the retag rule (claim fields, entity links), as one step.
            cx.push(Action::Retag {
                annotation: id.to_owned(),
                tag: edited.tag.clone(),
            });
        } else {
            form.finish(ann, edited, Edit::UpdateAnnotation, cx.actions);
        }
        if let Some(pick) = link_choice {
            cx.push(Action::Link {
                annotation: id.to_owned(),
                pick,
            });
        }
        if let Some(pick) = source_choice {
            cx.push(Action::SetClaimSource {
                annotation: id.to_owned(),
                pick,
            });
        }
        if let Some(e) = show_entity {
            cx.view.selected_entity = Some(e);
            cx.view.left_tab = LeftTab::Entities;
        }
        relations_ui(ui, cx, id);
        ui.horizontal(|ui| {
            if ui.button("Delete").on_hover_text("Delete (Del)").clicked() {
                cx.push(Action::Run(Command::DeleteAnnotation));
            }
        });
    }

    /// The list of the shown article's annotations, filterable by tag, claim source and text;
    /// a click selects an annotation and scrolls the view to it.
    pub fn list_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        ui.heading("Annotations in this article");
        let Some(article) = cx.view.current_article.clone() else {
            return;
        };
        let doc = cx.doc;
        let project = &doc.project;
        self.filters_ui(ui, cx, &article);
        orphans_ui(ui, cx, &article);
        let needle = self.filter.text.to_lowercase();
        // Only the rows on screen are formatted: an article may hold 10,000 annotations.
        let shown: Vec<&Annotation> = project
            .annotations_slice(&article)
            .iter()
            .filter(|a| self.filter.tag.as_ref().is_none_or(|t| &a.tag == t))
            .filter(|a| {
                self.filter
                    .source
                    .as_ref()
                    .is_none_or(|s| a.claim.as_ref().and_then(|c| c.source.as_ref()) == Some(s))
            })
            .filter(|a| {
                self.filter.credibility.is_none_or(|g| {
                    a.claim.is_some() && a.claim.as_ref().and_then(|c| c.credibility) == g
                })
            })
            .filter(|a| {
                needle.is_empty()
                    || a.exact.to_lowercase().contains(&needle)
                    || a.note.to_lowercase().contains(&needle)
            })
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("{} shown", shown.len()));
            // The ticks are made here, so the incident they are for is made here too (the
            // Incidents tab on the left has the same button).
            let ticked = cx.view.marked.len();
            if ticked > 0 {
                if ui
                    .button(format!("New incident from {ticked} ticked"))
                    .on_hover_text("The ticked annotations become the new incident's evidence")
                    .clicked()
                {
                    let marked = std::mem::take(&mut cx.view.marked);
                    cx.push(Action::NewIncident(marked.into_iter().collect()));
                }
                if ui.small_button("Untick all").clicked() {
                    cx.view.marked.clear();
                }
            }
        });
        let mut clicked = None;
        let view = &mut *cx.view;
        egui::ScrollArea::vertical()
            .id_salt("annotation-list")
            .auto_shrink([false, false])
            .show_rows(ui, 20.0, shown.len(), |ui, range| {
                for a in shown.get(range).unwrap_or_default() {
                    let text =
                        format!("{} · {}", tag_label(project, &a.tag), shorten(&a.exact, 48));
                    let selected = view.selected_annotation.as_deref() == Some(a.id.as_str());
                    ui.horizontal(|ui| {
                        let mut marked = view.marked.contains(&a.id);
                        let check = ui
                            .add(egui::Checkbox::without_text(&mut marked))
                            .on_hover_text("Mark for a new incident");
                        // Cut to the panel: a long quote must not widen it.
                        let row = ui.add(egui::Button::selectable(selected, text).truncate());
                        let check = check.labelled_by(row.id);
                        if check.changed() {
                            if marked {
                                view.marked.insert(a.id.clone());
                            } else {
                                view.marked.remove(&a.id);
                            }
                        }
                        if row.clicked() {
                            clicked = Some(a.id.clone());
                        }
                    });
                }
            });
        if let Some(id) = clicked {
            cx.push(Action::SelectAnnotation(id));
        }
    }

    fn filters_ui(&mut self, ui: &mut Ui, cx: &PanelCtx<'_>, article: &str) {
        let project = cx.project();
        let filter = &mut self.filter;
        ui.horizontal_wrapped(|ui| {
            let label = filter
                .tag
                .as_ref()
                .and_then(|t| project.tag(t))
                .map_or("All tags".to_owned(), |t| t.label.clone());
            egui::ComboBox::new("list-tag-filter", "Tag")
                .selected_text(label)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.tag, None, "All tags");
                    for t in &project.tags {
                        ui.selectable_value(&mut filter.tag, Some(t.id.clone()), &t.label);
                    }
                });
            let mut sources: Vec<&str> = Vec::new();
            for a in project.annotations_of(article) {
                if let Some(src) = a.claim.as_ref().and_then(|c| c.source.as_deref())
                    && project.entity(src).is_some()
                    && !sources.contains(&src)
                {
                    sources.push(src);
                }
            }
            if !sources.is_empty() {
                let current = filter
                    .source
                    .as_deref()
                    .filter(|s| sources.contains(s))
                    .map_or("Any source", |s| entity_name(project, s));
                egui::ComboBox::new("list-source-filter", "Claims by")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut filter.source, None, "Any source");
                        for id in &sources {
                            ui.selectable_value(
                                &mut filter.source,
                                Some((*id).to_owned()),
                                entity_name(project, id),
                            );
                        }
                    });
            }
            if project.annotations_of(article).any(|a| a.claim.is_some()) {
                let current = match filter.credibility {
                    None => "Any grade".to_owned(),
                    Some(None) => "Not graded".to_owned(),
                    Some(Some(g)) => format!("{g} only"),
                };
                egui::ComboBox::new("list-credibility-filter", "Credibility")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut filter.credibility, None, "Any grade");
                        for (g, meaning) in CREDIBILITY_GRADES {
                            ui.selectable_value(
                                &mut filter.credibility,
                                Some(Some(g)),
                                format!("{g} {meaning}"),
                            );
                        }
                        ui.selectable_value(&mut filter.credibility, Some(None), "Not graded");
                    })
                    .response
                    .on_hover_text("Show only claims of one credibility grade");
            }
        });
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .id_salt("list-text-filter")
                .hint_text("filter by text or note")
                .desired_width(f32::INFINITY),
        );
    }
}

/// The relations of the selected annotation, each a link to its other end with × to remove
/// it; then the type R links with, and "Relate to…".
fn relations_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &str) {
    let project = &cx.doc.project;
    let quote = |ann: &str| {
        project
            .annotation(ann)
            .map_or(ann.to_owned(), |a| format!("“{}”", shorten(&a.exact, 30)))
    };
    let offered = project.relation_types_offered();
    let label = |kind: &str| {
        offered
            .iter()
            .find(|t| t.id == kind)
            .map_or(kind.to_owned(), |t| t.label.clone())
    };
    let mut asks = Vec::new();
    ui.separator();
    ui.strong("Relations");
    for rel in project.relations_of(id) {
        ui.horizontal_wrapped(|ui| {
            let (text, other) = if rel.from == id {
                (format!("{} {}", label(&rel.kind), quote(&rel.to)), &rel.to)
            } else {
                (
                    format!("{} {} this", quote(&rel.from), label(&rel.kind)),
                    &rel.from,
                )
            };
            if ui.link(text).on_hover_text("Show the other end").clicked() {
                asks.push(Action::SelectAnnotation(other.clone()));
            }
            if ui
                .small_button("×")
                .on_hover_text("Remove this relation")
                .clicked()
            {
                asks.push(Action::RemoveRelation(rel.id.clone()));
            }
        });
    }
    if offered.is_empty() {
        ui.weak("No relation types in this project.");
    } else {
        ui.horizontal_wrapped(|ui| {
            if !offered.iter().any(|t| t.id == cx.view.relation_kind) {
                cx.view.relation_kind = offered[0].id.clone();
            }
            let l = ui.label("Type");
            egui::ComboBox::from_id_salt("inspector-relation-kind")
                .selected_text(label(&cx.view.relation_kind))
                .show_ui(ui, |ui| {
                    for t in &offered {
                        ui.selectable_value(&mut cx.view.relation_kind, t.id.clone(), &t.label)
                            .on_hover_text(&t.description);
                    }
                })
                .response
                .labelled_by(l.id);
            let waiting = cx.view.relation_from.as_deref() == Some(id);
            let cmd = Command::StartRelation;
            if ui
                .add(egui::Button::selectable(
                    waiting,
                    format!("{} (R)", cmd.label()),
                ))
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                if waiting {
                    cx.view.relation_from = None;
                } else {
                    asks.push(Action::Run(cmd));
                }
            }
        });
        if cx.view.relation_from.as_deref() == Some(id) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Click the annotation it points to, in the text or the list.",
            );
        }
    }
    for ask in asks {
        cx.push(ask);
    }
}

/// The claim's source and status rows of the editor grid; returns a source picked.
fn claim_rows_ui(
    ui: &mut Ui,
    project: &crate::model::Project,
    edited: &mut Annotation,
    query: &mut String,
) -> Option<crate::workbench::Pick> {
    let outlet_line = project
        .article(&edited.article)
        .filter(|a| !a.source.trim().is_empty())
        .map(|outlet| {
            let grade = project
                .source_of(outlet)
                .map(|s| s.reliability_label())
                .filter(|g| !g.is_empty())
                .map_or("reliability not graded".to_owned(), |g| {
                    format!("reliability {g}")
                });
            format!("{} · {grade}", shorten(&outlet.source, 40))
        });
    let claim = edited.claim.get_or_insert_with(Default::default);
    let mut pick = None;
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
        pick = entity_picker_ui(ui, project, tags::ACTOR, query, "", "source");
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
    if let Some(line) = outlet_line {
        ui.label("Outlet");
        ui.label(line)
            .on_hover_text("The article's outlet and its grade in the registry (View → Sources…)");
        ui.end_row();
    }
    let label = ui.label("Credibility");
    let shown = claim
        .credibility
        .and_then(|g| CREDIBILITY_GRADES.iter().find(|(n, _)| *n == g))
        .map_or("(not graded)".to_owned(), |(g, m)| format!("{g} {m}"));
    egui::ComboBox::from_id_salt("inspector-claim-credibility")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut claim.credibility, None, "(not graded)");
            for (g, meaning) in CREDIBILITY_GRADES {
                ui.selectable_value(&mut claim.credibility, Some(g), format!("{g} {meaning}"));
            }
        })
        .response
        .on_hover_text("How credible the information is, on the Admiralty scale (1 confirmed to 6 cannot be judged)")
        .labelled_by(label.id);
    ui.end_row();
    pick
}

/// Annotations that lost their place when the article's text was replaced: listed so the
/// analyst can put each back by selecting its new place and pressing "Place here".
fn orphans_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, article: &str) {
    let doc = cx.doc;
    let orphans: Vec<&Annotation> = doc.project.orphans_of(article).collect();
    if orphans.is_empty() {
        return;
    }
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!(
            "{}: the new text lost their place",
            crate::wording::count(orphans.len(), "orphaned annotation")
        ),
    );
    let can_place = cx.view.selection.span.is_some();
    for orphan in orphans {
        ui.horizontal(|ui| {
            ui.label(format!("{} · “{}”", orphan.tag, shorten(&orphan.exact, 36)));
            if ui
                .add_enabled(can_place, egui::Button::new("Place here"))
                .on_hover_text("Put it on the current text selection")
                .clicked()
            {
                cx.push(Action::PlaceOrphan(orphan.id.clone()));
            }
        });
    }
}
