//! Incidents: the list (left panel tab) and the editor window with its date helper, event
//! type, entities backed by evidence, conflicting casualty reports and the evidence itself.

use chrono::{Datelike as _, NaiveDate};
use egui::Ui;

use super::{PanelCtx, entity_name, tag_label};
use crate::model::acled::{
    ACTOR_ROLES, CONFIDENCE_LEVELS, EVENT_CATEGORIES, category_of, sub_types_of,
};
use crate::model::{DatePrecision, Edit, Incident, Project, tags};
use crate::ui::widgets::entity_picker::entity_picker_ui;
use crate::ui::widgets::form::Form;
use crate::workbench::{Action, Command, Pick, shorten};

/// The incident list.
#[derive(Default)]
pub struct IncidentList;

impl IncidentList {
    /// Draw the list with its "new incident" buttons.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let doc = cx.doc;
        let project = &doc.project;
        ui.horizontal_wrapped(|ui| {
            if ui.button("New incident").clicked() {
                cx.push(Action::NewIncident(Vec::new()));
            }
            let marked: Vec<String> = cx.view.marked.iter().cloned().collect();
            if ui
                .add_enabled(
                    !marked.is_empty(),
                    egui::Button::new(format!("From {} marked", marked.len())),
                )
                .on_hover_text("Tick annotations in the list on the right to mark them")
                .clicked()
            {
                cx.view.marked.clear();
                cx.push(Action::NewIncident(marked));
            }
            if let Some(article) = cx.view.current_article.clone()
                && ui
                    .button("From this article")
                    .on_hover_text("Every annotation of the shown article becomes evidence")
                    .clicked()
            {
                let ids = project
                    .annotations_slice(&article)
                    .iter()
                    .map(|a| a.id.clone())
                    .collect();
                cx.push(Action::NewIncident(ids));
            }
            if ui
                .button(Command::ToggleTimeline.label())
                .on_hover_text(Command::ToggleTimeline.tooltip())
                .clicked()
            {
                cx.view.timeline_open = true;
            }
        });
        ui.separator();
        let mut open = None;
        egui::ScrollArea::vertical()
            .id_salt("incident-list")
            .show(ui, |ui| {
                if project.incidents.is_empty() {
                    ui.weak("No incidents yet.");
                }
                for inc in &project.incidents {
                    let date = inc.date.map_or("no date".to_owned(), |d| d.to_string());
                    let selected = cx.view.selected_incident.as_deref() == Some(inc.id.as_str());
                    let kind = if inc.event_type.is_empty() {
                        "no type"
                    } else {
                        inc.event_type.as_str()
                    };
                    let text = format!(
                        "{}\n{date} · {kind} · {} evidence",
                        inc.title,
                        inc.evidence.len()
                    );
                    let row = egui::Button::selectable(selected, text)
                        .wrap_mode(egui::TextWrapMode::Wrap);
                    if ui.add(row).clicked() {
                        open = Some(inc.id.clone());
                    }
                }
            });
        if let Some(id) = open {
            cx.push(Action::OpenIncident(id));
        }
    }
}

/// The incident editor window and its pickers' drafts.
#[derive(Default)]
pub struct IncidentEditor {
    /// Type-ahead text of the location picker.
    pub location_query: String,
    /// Type-ahead text of the actor picker.
    pub actor_query: String,
}

/// What the editor's rows asked for besides the changed copy.
#[derive(Default)]
struct Asks {
    location: Option<Pick>,
    actor: Option<Pick>,
    jump: Option<String>,
}

impl IncidentEditor {
    /// Draw the window of the selected incident, if any.
    pub fn window_ui(&mut self, ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
        let Some(id) = cx.view.selected_incident.clone() else {
            return;
        };
        let doc = cx.doc;
        let Some(incident) = doc.project.incident(&id) else {
            cx.view.selected_incident = None;
            return;
        };
        let mut open = true;
        egui::Window::new(format!("Incident {id}"))
            .id(egui::Id::unique("incident-window"))
            .open(&mut open)
            .default_width(460.0)
            .default_height(640.0)
            .default_pos([300.0, 90.0])
            .resizable(true)
            .vscroll(true)
            .show(ctx, |ui| self.editor_ui(ui, cx, incident));
        if !open {
            cx.view.selected_incident = None;
        }
    }

    fn editor_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, incident: &Incident) {
        let doc = cx.doc;
        let project = &doc.project;
        let mut edited = incident.clone();
        let mut form = Form::new(&incident.id);
        let mut asks = Asks::default();
        egui::Grid::new("incident-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Title");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut edited.title)
                            .id_salt("incident-title")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                form.track(&r, "title");
                ui.end_row();
                date_rows_ui(ui, project, incident, &mut edited);
                event_type_row_ui(ui, &mut edited);
                asks.location = self.location_row_ui(ui, project, incident, &mut edited);
                asks.actor = self.actor_rows_ui(ui, project, incident, &mut edited);
                fatality_rows_ui(ui, project, incident, &mut edited, &mut asks.jump);
                let l = ui.label("Confidence");
                egui::ComboBox::from_id_salt("incident-confidence")
                    .selected_text(edited.confidence.clone())
                    .show_ui(ui, |ui| {
                        for c in CONFIDENCE_LEVELS {
                            ui.selectable_value(&mut edited.confidence, c.to_owned(), c);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Notes");
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut edited.notes)
                            .id_salt("incident-notes")
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                form.track(&r, "notes");
                ui.end_row();
            });
        ui.separator();
        evidence_ui(ui, cx, incident, &mut asks.jump);
        ui.separator();
        let mut deleted = false;
        ui.horizontal(|ui| {
            if ui.button("Export incident…").clicked() {
                cx.push(Action::ExportIncident(incident.id.clone()));
            }
            if ui.button("Delete incident").clicked() {
                deleted = true;
            }
        });
        // The form's edit first, then the picks resolve against the project it leaves.
        if deleted {
            cx.push(Action::DeleteIncident(incident.id.clone()));
        } else {
            form.finish(incident, edited, Edit::UpdateIncident, cx.actions);
        }
        if let Some(pick) = asks.location {
            cx.push(Action::SetIncidentLocation {
                incident: incident.id.clone(),
                pick,
            });
        }
        if let Some(pick) = asks.actor {
            cx.push(Action::AddIncidentActor {
                incident: incident.id.clone(),
                pick,
            });
        }
        if let Some(ann) = asks.jump {
            cx.push(Action::SelectAnnotation(ann));
        }
    }

    fn location_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        incident: &Incident,
        edited: &mut Incident,
    ) -> Option<Pick> {
        ui.label("Location");
        let pick = ui
            .vertical(|ui| {
                match edited.location.as_ref().and_then(|e| project.entity(e)) {
                    Some(e) => {
                        ui.horizontal(|ui| {
                            ui.strong(&e.name);
                            if ui.small_button("Clear").clicked() {
                                edited.location = None;
                            }
                        });
                        backing_ui(ui, backing_quote(project, incident, &e.id));
                    }
                    None => {
                        ui.weak("(not set)");
                    }
                }
                entity_picker_ui(
                    ui,
                    project,
                    tags::LOCATION,
                    &mut self.location_query,
                    "",
                    "incident-location",
                )
            })
            .inner;
        ui.end_row();
        pick
    }

    fn actor_rows_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        incident: &Incident,
        edited: &mut Incident,
    ) -> Option<Pick> {
        ui.label("Actors");
        let pick = ui
            .vertical(|ui| {
                let mut remove = None;
                for (i, actor) in edited.actors.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        ui.strong(entity_name(project, &actor.entity));
                        egui::ComboBox::from_id_salt(("incident-role", i))
                            .selected_text(actor.role.clone())
                            .show_ui(ui, |ui| {
                                for r in ACTOR_ROLES {
                                    ui.selectable_value(&mut actor.role, r.to_owned(), r);
                                }
                            });
                        if ui
                            .small_button("×")
                            .on_hover_text("Remove this actor")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    });
                    backing_ui(ui, backing_quote(project, incident, &actor.entity));
                }
                if let Some(i) = remove {
                    edited.actors.remove(i);
                }
                entity_picker_ui(
                    ui,
                    project,
                    tags::ACTOR,
                    &mut self.actor_query,
                    "",
                    "incident-actor",
                )
            })
            .inner;
        ui.end_row();
        pick
    }
}

fn to_jiff(d: NaiveDate) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(d.year()).ok()?,
        i8::try_from(d.month()).ok()?,
        i8::try_from(d.day()).ok()?,
    )
    .ok()
}

fn from_jiff(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32)
}

/// The date, its precision, and the date the evidence (or the lead sentence) suggests.
fn date_rows_ui(ui: &mut Ui, project: &Project, incident: &Incident, edited: &mut Incident) {
    ui.label("Date");
    ui.horizontal(|ui| {
        let mut known = edited.date.is_some();
        ui.checkbox(&mut known, "known");
        if known {
            let base = edited
                .date
                .or_else(|| chrono::Utc::now().date_naive().into())
                .and_then(to_jiff);
            if let Some(mut date) = base {
                ui.add(egui_extras::DatePickerButton::new(&mut date).id_salt("incident-date"));
                edited.date = from_jiff(date);
            }
        } else {
            edited.date = None;
        }
        let l = ui.label("precision");
        egui::ComboBox::from_id_salt("incident-precision")
            .selected_text(edited.date_precision.as_str())
            .show_ui(ui, |ui| {
                for p in DatePrecision::ALL {
                    ui.selectable_value(&mut edited.date_precision, p, p.as_str());
                }
            })
            .response
            .labelled_by(l.id);
    });
    ui.end_row();
    let suggested = project
        .suggest_incident_date(incident)
        .map(|e| e.suggestion)
        .or_else(|| project.lead_date(incident));
    if let Some(s) = suggested {
        ui.label("Suggested");
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} ({}) — {}",
                s.date,
                s.precision.as_str(),
                s.reasoning
            ));
            let same = edited.date == Some(s.date) && edited.date_precision == s.precision;
            if ui.add_enabled(!same, egui::Button::new("Use")).clicked() {
                edited.date = Some(s.date);
                edited.date_precision = s.precision;
            }
        });
        ui.end_row();
    }
}

/// ACLED's event type and sub-type.
fn event_type_row_ui(ui: &mut Ui, edited: &mut Incident) {
    let l = ui.label("Event type");
    ui.horizontal(|ui| {
        let category = edited
            .event_category
            .clone()
            .or_else(|| category_of(&edited.event_type).map(str::to_owned))
            .unwrap_or_default();
        let mut chosen = category.clone();
        egui::ComboBox::from_id_salt("incident-category")
            .selected_text(if chosen.is_empty() {
                "(type)"
            } else {
                chosen.as_str()
            })
            .show_ui(ui, |ui| {
                for c in EVENT_CATEGORIES {
                    ui.selectable_value(&mut chosen, c.name.to_owned(), c.name);
                }
            })
            .response
            .labelled_by(l.id);
        if chosen != category {
            edited.event_category = Some(chosen.clone());
            edited.event_type.clear();
        }
        let mut sub = edited.event_type.clone();
        egui::ComboBox::from_id_salt("incident-subtype")
            .selected_text(if sub.is_empty() {
                "(sub-type)"
            } else {
                sub.as_str()
            })
            .show_ui(ui, |ui| {
                for s in sub_types_of(&chosen) {
                    ui.selectable_value(&mut sub, (*s).to_owned(), *s);
                }
            })
            .response
            .labelled_by(l.id);
        if sub != edited.event_type {
            edited.set_event_type(sub);
        }
    });
    ui.end_row();
}

/// Low / best / high fatalities, and the figures the evidence reports, with a warning when
/// sources disagree.
fn fatality_rows_ui(
    ui: &mut Ui,
    project: &Project,
    incident: &Incident,
    edited: &mut Incident,
    jump: &mut Option<String>,
) {
    ui.label("Fatalities");
    ui.horizontal(|ui| {
        for (label, value) in [
            ("low", &mut edited.fatalities.low),
            ("best", &mut edited.fatalities.best),
            ("high", &mut edited.fatalities.high),
        ] {
            let mut known = value.is_some();
            let mut n = value.unwrap_or(0);
            ui.checkbox(&mut known, label);
            if known {
                ui.add(egui::DragValue::new(&mut n).range(0..=1_000_000));
                *value = Some(n);
            } else {
                *value = None;
            }
        }
    });
    ui.end_row();
    let reports = project.casualty_reports(incident);
    if reports.is_empty() {
        return;
    }
    ui.label("Reported");
    ui.vertical(|ui| {
        egui::Grid::new("casualty-reports")
            .striped(true)
            .show(ui, |ui| {
                for head in ["source", "figure", "phrase", "status"] {
                    ui.strong(head);
                }
                ui.end_row();
                for r in &reports {
                    ui.label(r.source_name.as_deref().unwrap_or("(unknown)"));
                    ui.label(r.figure.map_or("?".to_owned(), |f| f.to_string()));
                    if ui.link(shorten(&r.phrase, 40)).clicked() {
                        *jump = Some(r.annotation.clone());
                    }
                    ui.label(r.status.as_str());
                    ui.end_row();
                }
            });
        let figures: Vec<u32> = reports.iter().filter_map(|r| r.figure).collect();
        if let (Some(lo), Some(hi)) = (figures.iter().min(), figures.iter().max())
            && lo != hi
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Sources disagree: {lo} to {hi}. Choose low / best / high knowingly."),
            );
        }
    });
    ui.end_row();
}

/// The evidence list: each quote jumps to its article; × takes it out.
fn evidence_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, incident: &Incident, jump: &mut Option<String>) {
    let doc = cx.doc;
    let project = &doc.project;
    ui.horizontal(|ui| {
        ui.strong(format!("Evidence ({})", incident.evidence.len()));
        let can_add = cx
            .view
            .selected_annotation
            .as_ref()
            .is_some_and(|a| !incident.evidence.contains(a));
        let cmd = Command::AddSelectedToIncident;
        if ui
            .add_enabled(can_add, egui::Button::new(cmd.label()))
            .on_hover_text(cmd.tooltip())
            .clicked()
        {
            cx.push(Action::Run(cmd));
        }
    });
    for ev in &incident.evidence {
        let Some(ann) = project.annotation(ev) else {
            continue;
        };
        let article = project
            .article(&ann.article)
            .map_or("?", |a| a.title.as_str());
        ui.horizontal(|ui| {
            let tag = tag_label(project, &ann.tag);
            if ui
                .link(format!("{tag}: “{}”", shorten(&ann.exact, 50)))
                .on_hover_text(format!("{article}\nclick to show it in the article"))
                .clicked()
            {
                *jump = Some(ev.clone());
            }
            ui.weak(shorten(article, 24));
            if ui
                .small_button("×")
                .on_hover_text("Remove from the evidence")
                .clicked()
            {
                cx.push(Action::RemoveEvidence {
                    incident: incident.id.clone(),
                    annotation: ev.clone(),
                });
            }
        });
    }
    if !incident.removed_evidence.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} evidence annotation(s) were deleted from their articles:",
                incident.removed_evidence.len()
            ),
        );
        for quote in &incident.removed_evidence {
            ui.weak(format!("gone: “{}”", shorten(quote, 60)));
        }
    }
}

/// The evidence quote that backs an entity field: an evidence annotation linked to it.
fn backing_quote<'a>(project: &'a Project, incident: &Incident, entity: &str) -> Option<&'a str> {
    incident
        .evidence
        .iter()
        .filter_map(|e| project.annotation(e))
        .find(|a| a.entity.as_deref() == Some(entity))
        .map(|a| a.exact.as_str())
}

fn backing_ui(ui: &mut Ui, quote: Option<&str>) {
    match quote {
        Some(q) => {
            ui.weak(format!("backed by “{}”", shorten(q, 40)));
        }
        None => {
            ui.weak("no evidence names it yet");
        }
    }
}
