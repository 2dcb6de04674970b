//! Incidents: the list (left panel tab) and the editor window with its date helper, event
//! type, entities backed by evidence, conflicting casualty reports and the evidence itself.

use chrono::{Datelike as _, NaiveDate};
use egui::Ui;

use super::{PanelCtx, entity_name, tag_label};
use crate::model::acled::{
    ACTOR_ROLES, CONFIDENCE_LEVELS, EVENT_CATEGORIES, category_of, sub_types_of,
};
use crate::model::{
    DatePrecision, DuplicatePair, Edit, Incident, IncidentCandidate, IncidentRelation, Project,
    RelationKind, tags,
};
use crate::ui::widgets::entity_picker::entity_picker_ui;
use crate::ui::widgets::form::Form;
use crate::workbench::{Action, Command, Pick, RightTab, shorten};

/// The incident list, with the duplicate finder's pairs and the candidates for the shown
/// article, each worked out again only when the document changes.
#[derive(Default)]
pub struct IncidentList {
    duplicates: Option<(u64, Vec<DuplicatePair>)>,
    candidates: Option<(u64, String, Vec<IncidentCandidate>)>,
}

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
            if let Some(article) = cx.view.current_article.clone() {
                if ui
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
                self.reports_menu_ui(ui, cx, &article);
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
        self.duplicates_ui(ui, cx, &mut open);
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

    /// "This article reports…": the incidents the shown article may report, best first, each
    /// a click away from citing the article's annotations.
    fn reports_menu_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, article: &str) {
        let revision = cx.doc.revision();
        let fresh = matches!(&self.candidates, Some((r, a, _)) if *r == revision && a == article);
        if !fresh {
            let list = cx.doc.project.incident_candidates_for_article(article);
            self.candidates = Some((revision, article.to_owned(), list));
        }
        let Some((_, _, candidates)) = &self.candidates else {
            return;
        };
        let project = &cx.doc.project;
        let mut attach = None;
        ui.add_enabled_ui(!project.incidents.is_empty(), |ui| {
            ui.menu_button("This article reports…", |ui| {
                if candidates.is_empty() {
                    ui.weak("No incident shares a place, actor or type with this article.");
                }
                for c in candidates {
                    let Some(inc) = project.incident(&c.incident) else {
                        continue;
                    };
                    let reasons: Vec<&str> = c.reasons.iter().map(|r| r.label()).collect();
                    let date = inc.date.map_or("no date".to_owned(), |d| d.to_string());
                    let text = format!(
                        "{}\n{date} · {}",
                        shorten(&inc.title, 60),
                        reasons.join(", ")
                    );
                    if ui
                        .add(egui::Button::new(text).wrap_mode(egui::TextWrapMode::Wrap))
                        .on_hover_text("Cite every annotation of this article in this incident")
                        .clicked()
                    {
                        attach = Some(inc.id.clone());
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text("Add this article's annotations to an incident it reports");
        });
        if let Some(incident) = attach {
            cx.push(Action::AttachArticle {
                article: article.to_owned(),
                incident,
            });
        }
    }

    /// The pairs the duplicate finder found, each with "Merge" (into the first of the pair).
    fn duplicates_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, open: &mut Option<String>) {
        let revision = cx.doc.revision();
        if !matches!(&self.duplicates, Some((r, _)) if *r == revision) {
            self.duplicates = Some((revision, cx.doc.project.duplicate_candidates()));
        }
        let Some((_, pairs)) = &self.duplicates else {
            return;
        };
        if pairs.is_empty() {
            return;
        }
        let project = &cx.doc.project;
        let n = pairs.len();
        let heading = if n == 1 {
            "1 likely duplicate".to_owned()
        } else {
            format!("{n} likely duplicates")
        };
        let mut merge = None;
        egui::CollapsingHeader::new(heading)
            .id_salt("incident-duplicates")
            .default_open(true)
            .show(ui, |ui| {
                for pair in pairs {
                    let title = |id: &str| {
                        project
                            .incident(id)
                            .map_or(id.to_owned(), |i| shorten(&i.title, 40))
                    };
                    let reasons: Vec<&str> = pair.reasons.iter().map(|r| r.label()).collect();
                    ui.group(|ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(format!("{}:", pair.likelihood.as_str()));
                            ui.weak(reasons.join(", "));
                        });
                        for id in [&pair.first, &pair.second] {
                            if ui
                                .link(format!("{id}: {}", title(id)))
                                .on_hover_text("Open this incident")
                                .clicked()
                            {
                                *open = Some(id.clone());
                            }
                        }
                        if ui
                            .button(format!("Merge {} into {}", pair.second, pair.first))
                            .on_hover_text(
                                "Pool evidence, actors and casualty reports into the first; one undo step",
                            )
                            .clicked()
                        {
                            merge = Some((pair.first.clone(), pair.second.clone()));
                        }
                    });
                }
            });
        if let Some((keep, other)) = merge {
            cx.push(Action::MergeIncidents { keep, other });
        }
        ui.separator();
    }
}

/// The incident editor window and its pickers' drafts.
#[derive(Default)]
pub struct IncidentEditor {
    /// Type-ahead text of the location picker.
    pub location_query: String,
    /// Type-ahead text of the actor picker.
    pub actor_query: String,
    /// The kind of a relation being added.
    pub relation_kind: RelationKind,
    /// The incident a relation being added points to.
    pub relation_target: Option<String>,
    /// Evidence ticked for "Split off", with the incident it belongs to.
    pub split_ticks: (String, std::collections::BTreeSet<String>),
}

/// What the editor's rows asked for besides the changed copy.
#[derive(Default)]
struct Asks {
    location: Option<Pick>,
    actor: Option<Pick>,
    jump: Option<String>,
    jump_incident: Option<String>,
}

/// The incident open in the editor, if it still exists (one undone or deleted is closed).
fn selected_incident<'a>(cx: &mut PanelCtx<'a>) -> Option<&'a Incident> {
    let doc = cx.doc;
    let found = doc.project.incident(cx.view.selected_incident.as_deref()?);
    if found.is_none() {
        cx.view.selected_incident = None;
    }
    found
}

impl IncidentEditor {
    /// Draw the selected incident's editor in the right panel, beside the article it cites,
    /// with buttons to float it in a window of its own or to close it.
    pub fn docked_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let Some(incident) = selected_incident(cx) else {
            return;
        };
        ui.horizontal(|ui| {
            if ui
                .button("Close")
                .on_hover_text("Close the incident editor")
                .clicked()
            {
                cx.view.selected_incident = None;
                cx.view.right_tab = RightTab::Inspector;
            }
            if ui
                .button("Detach")
                .on_hover_text("Float the editor in a window of its own")
                .clicked()
            {
                cx.view.incident_detached = true;
                cx.view.right_tab = RightTab::Inspector;
            }
        });
        if cx.view.selected_incident.is_none() {
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("incident-editor-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width());
                self.editor_ui(ui, cx, incident);
            });
    }

    /// Draw the window of the selected incident, if any: the editor once detached from the
    /// right panel.
    pub fn window_ui(&mut self, ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
        let Some(incident) = selected_incident(cx) else {
            return;
        };
        let id = incident.id.clone();
        let mut open = true;
        egui::Window::new(format!("Incident {id}"))
            .id(egui::Id::unique("incident-window"))
            .open(&mut open)
            .default_width(460.0)
            .default_height(640.0)
            .default_pos([300.0, 90.0])
            .resizable(true)
            .vscroll(true)
            .show(ctx, |ui| {
                if ui
                    .button("Dock beside the article")
                    .on_hover_text("Put the editor back in the right panel")
                    .clicked()
                {
                    cx.view.incident_detached = false;
                    cx.view.right_tab = RightTab::Incident;
                }
                self.editor_ui(ui, cx, incident);
            });
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
        // The fields take what the labels leave of the width, docked or in a window; a long
        // value wraps or is cut rather than widening the editor past the panel.
        let field_width = (ui.available_width() - 110.0).max(160.0);
        egui::Grid::new("incident-grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .max_col_width(field_width)
            .show(ui, |ui| {
                let l = ui.label("Title");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut edited.title)
                            .id_salt("incident-title")
                            .desired_width(field_width),
                    )
                    .labelled_by(l.id);
                form.track(&r, "title");
                ui.end_row();
                date_rows_ui(ui, project, incident, &mut edited);
                event_type_row_ui(ui, &mut edited);
                asks.location = self.location_row_ui(ui, project, incident, &mut edited);
                precision_rows_ui(ui, project, &mut edited);
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
                            .desired_width(field_width),
                    )
                    .labelled_by(l.id);
                form.track(&r, "notes");
                ui.end_row();
                self.relation_rows_ui(ui, project, &mut edited, &mut asks.jump_incident);
            });
        let problems = edited.value_problems();
        for p in &problems {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Not kept: {p}"));
        }
        if !problems.is_empty() {
            // A value the project would refuse stays in the form only; the stored incident
            // keeps its last valid state.
            edited = incident.clone();
        }
        merge_notes_ui(ui, cx, incident);
        ui.separator();
        self.evidence_ui(ui, cx, incident, &mut asks.jump);
        ui.separator();
        let mut deleted = false;
        ui.horizontal_wrapped(|ui| {
            if ui.button("Export incident…").clicked() {
                cx.push(Action::ExportIncident(incident.id.clone()));
            }
            merge_menu_ui(ui, cx, incident);
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
        if let Some(other) = asks.jump_incident {
            cx.push(Action::OpenIncident(other));
        }
    }

    /// Typed links to other incidents: each listed with a link to open it and a remove button,
    /// then a row to add one.
    fn relation_rows_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        edited: &mut Incident,
        jump: &mut Option<String>,
    ) {
        ui.label("Relations");
        ui.vertical(|ui| {
            let mut remove = None;
            for (i, rel) in edited.relations.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    let title = project
                        .incident(&rel.incident)
                        .map_or("(missing)".to_owned(), |o| shorten(&o.title, 40));
                    ui.label(rel.kind.label());
                    if ui
                        .link(format!("{}: {title}", rel.incident))
                        .on_hover_text("Open that incident")
                        .clicked()
                    {
                        *jump = Some(rel.incident.clone());
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text("Remove this relation")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                edited.relations.remove(i);
            }
            let others: Vec<&Incident> = project
                .incidents
                .iter()
                .filter(|o| o.id != edited.id)
                .collect();
            if others.is_empty() {
                ui.weak("(no other incident to relate to)");
                return;
            }
            ui.horizontal_wrapped(|ui| {
                egui::ComboBox::from_id_salt("incident-relation-kind")
                    .selected_text(self.relation_kind.label())
                    .show_ui(ui, |ui| {
                        for k in RelationKind::ALL {
                            ui.selectable_value(&mut self.relation_kind, k, k.label());
                        }
                    });
                if self
                    .relation_target
                    .as_ref()
                    .is_some_and(|t| !others.iter().any(|o| &o.id == t))
                {
                    self.relation_target = None;
                }
                let shown = self
                    .relation_target
                    .as_deref()
                    .map_or("(incident)".to_owned(), |t| {
                        project
                            .incident(t)
                            .map_or(t.to_owned(), |o| format!("{t}: {}", shorten(&o.title, 30)))
                    });
                egui::ComboBox::from_id_salt("incident-relation-target")
                    .selected_text(shown)
                    .width(180.0)
                    .show_ui(ui, |ui| {
                        for o in &others {
                            ui.selectable_value(
                                &mut self.relation_target,
                                Some(o.id.clone()),
                                format!("{}: {}", o.id, shorten(&o.title, 40)),
                            );
                        }
                    });
                let target = self.relation_target.clone();
                let exists = target.as_ref().is_some_and(|t| {
                    edited
                        .relations
                        .iter()
                        .any(|r| r.kind == self.relation_kind && &r.incident == t)
                });
                if ui
                    .add_enabled(
                        target.is_some() && !exists,
                        egui::Button::new("Add relation"),
                    )
                    .clicked()
                    && let Some(t) = target
                {
                    edited.relations.push(IncidentRelation {
                        kind: self.relation_kind,
                        incident: t,
                        extra: Default::default(),
                    });
                    self.relation_target = None;
                }
            });
        });
        ui.end_row();
    }

    /// The evidence list: each quote jumps to its article; × takes it out; ticked ones can be
    /// split off into a new incident.
    fn evidence_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut PanelCtx<'_>,
        incident: &Incident,
        jump: &mut Option<String>,
    ) {
        if self.split_ticks.0 != incident.id {
            self.split_ticks = (incident.id.clone(), Default::default());
        }
        let ticks = &mut self.split_ticks.1;
        ticks.retain(|t| incident.evidence.contains(t));
        evidence_list_ui(ui, cx, incident, jump, ticks);
        if incident.evidence.len() > 1 {
            ui.horizontal_wrapped(|ui| {
                let n = ticks.len();
                let ok = n > 0 && n < incident.evidence.len();
                if ui
                    .add_enabled(
                        ok,
                        egui::Button::new(if n == 0 {
                            "Split ticked off".to_owned()
                        } else {
                            format!("Split {n} ticked off")
                        }),
                    )
                    .on_hover_text(
                        "Move the ticked evidence to a new incident (some, not all); one undo step",
                    )
                    .clicked()
                {
                    cx.push(Action::SplitIncident {
                        incident: incident.id.clone(),
                        evidence: ticks.iter().cloned().collect(),
                    });
                    ticks.clear();
                }
                if n == 0 {
                    ui.weak("tick evidence to split it off into a new incident");
                }
            });
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
                    // The controls first, the name last: a long name is cut at the edge
                    // (whole on hover), never the role or the remove button.
                    ui.horizontal(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        if ui
                            .small_button("×")
                            .on_hover_text("Remove this actor")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                        egui::ComboBox::from_id_salt(("incident-role", i))
                            .width(96.0)
                            .selected_text(actor.role.clone())
                            .show_ui(ui, |ui| {
                                for r in ACTOR_ROLES {
                                    ui.selectable_value(&mut actor.role, r.to_owned(), r);
                                }
                            });
                        let name = entity_name(project, &actor.entity);
                        ui.strong(name).on_hover_text(name);
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
    if let Some(start) = edited.date {
        ui.label("Until");
        ui.horizontal(|ui| {
            let mut lasted = edited.date_end.is_some();
            ui.checkbox(&mut lasted, "several days").on_hover_text(
                "The last day of an incident that lasted several days (UCDP date_end)",
            );
            if lasted {
                if let Some(mut end) = edited
                    .date_end
                    .map_or(Some(start), |e| Some(e.max(start)))
                    .and_then(to_jiff)
                {
                    ui.add(
                        egui_extras::DatePickerButton::new(&mut end).id_salt("incident-date-end"),
                    );
                    edited.date_end = from_jiff(end);
                }
            } else {
                edited.date_end = None;
            }
        });
        ui.end_row();
    } else {
        edited.date_end = None;
    }
    let suggested = project
        .suggest_incident_date(incident)
        .map(|e| e.suggestion)
        .or_else(|| project.lead_date(incident));
    if let Some(s) = suggested {
        ui.label("Suggested");
        // The button first: the reasoning can run to several lines in a docked editor.
        ui.horizontal_wrapped(|ui| {
            let same = edited.date == Some(s.date) && edited.date_precision == s.precision;
            if ui.add_enabled(!same, egui::Button::new("Use")).clicked() {
                edited.date = Some(s.date);
                edited.date_precision = s.precision;
            }
            ui.label(format!(
                "{} ({}) — {}",
                s.date,
                s.precision.as_str(),
                s.reasoning
            ));
        });
        ui.end_row();
    }
}

/// How precisely the report places the incident: ACLED's geo precision and UCDP's where
/// precision, each "(from the place)" when unset.
fn precision_rows_ui(ui: &mut Ui, project: &Project, edited: &mut Incident) {
    const GEO: [(u8, &str); 3] = [
        (1, "1 the place itself"),
        (2, "2 near it, or a part of a region"),
        (3, "3 only a larger region"),
    ];
    const WHERE: [(u8, &str); 7] = [
        (1, "1 the exact place"),
        (2, "2 within about 25 km"),
        (3, "3 a second-order admin area"),
        (4, "4 a first-order admin area"),
        (5, "5 a part of the country"),
        (6, "6 only the country"),
        (7, "7 international waters or airspace"),
    ];
    let from_place = edited
        .location
        .as_deref()
        .and_then(|l| project.entity(l))
        .and_then(|e| e.geo_precision)
        .map_or("(from the place)".to_owned(), |g| {
            format!("(from the place: {g})")
        });
    let l = ui.label("Geo precision");
    let shown = |v: Option<u8>, table: &[(u8, &'static str)], unset: &str| {
        v.and_then(|v| table.iter().find(|(n, _)| *n == v))
            .map_or(unset.to_owned(), |(_, t)| (*t).to_owned())
    };
    egui::ComboBox::from_id_salt("incident-geo-precision")
        .selected_text(shown(edited.geo_precision, &GEO, &from_place))
        .width(220.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut edited.geo_precision, None, from_place.as_str());
            for (v, t) in GEO {
                ui.selectable_value(&mut edited.geo_precision, Some(v), t);
            }
        })
        .response
        .on_hover_text("ACLED geo_precision of this report's placing: \"near X\" is 2")
        .labelled_by(l.id);
    ui.end_row();
    let l = ui.label("Where precision");
    egui::ComboBox::from_id_salt("incident-where-precision")
        .selected_text(shown(
            edited.where_precision,
            &WHERE,
            "(from the geo precision)",
        ))
        .width(220.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(
                &mut edited.where_precision,
                None,
                "(from the geo precision)",
            );
            for (v, t) in WHERE {
                ui.selectable_value(&mut edited.where_precision, Some(v), t);
            }
        })
        .response
        .on_hover_text("UCDP GED where_prec")
        .labelled_by(l.id);
    ui.end_row();
}

/// "Merge with…": every other incident, likely duplicates of this one first.
fn merge_menu_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, incident: &Incident) {
    let project = &cx.doc.project;
    if project.incidents.len() < 2 {
        return;
    }
    let mut chosen = None;
    ui.menu_button("Merge with…", |ui| {
        // Worked out only while the menu is open, not on every frame of the editor.
        let dupes: Vec<String> = project
            .duplicate_candidates()
            .into_iter()
            .filter_map(|p| {
                if p.first == incident.id {
                    Some(p.second)
                } else if p.second == incident.id {
                    Some(p.first)
                } else {
                    None
                }
            })
            .collect();
        let mut others: Vec<&Incident> = project
            .incidents
            .iter()
            .filter(|o| o.id != incident.id)
            .collect();
        others.sort_by_key(|o| !dupes.contains(&o.id));
        ui.weak("The chosen incident is folded into this one.");
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for o in others {
                    let mark = if dupes.contains(&o.id) {
                        " (likely duplicate)"
                    } else {
                        ""
                    };
                    if ui
                        .button(format!("{}: {}{mark}", o.id, shorten(&o.title, 50)))
                        .clicked()
                    {
                        chosen = Some(o.id.clone());
                        ui.close();
                    }
                }
            });
    })
    .response
    .on_hover_text("Pool another incident's evidence, actors and casualty reports into this one");
    if let Some(other) = chosen {
        cx.push(Action::MergeIncidents {
            keep: incident.id.clone(),
            other,
        });
    }
}

/// After a merge into this incident: the fields where the two differed (the kept value won).
fn merge_notes_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, incident: &Incident) {
    let Some((kept, diffs)) = &cx.view.last_merge else {
        return;
    };
    if *kept != incident.id || diffs.is_empty() {
        return;
    }
    let mut dismiss = false;
    ui.group(|ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "The merged incidents differed; this one's values were kept:",
        );
        for d in diffs {
            ui.label(format!(
                "{}: kept {}, the other said {}",
                d.field, d.kept, d.dropped
            ));
        }
        dismiss = ui.small_button("Dismiss").clicked();
    });
    if dismiss {
        cx.view.last_merge = None;
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
    ui.label("By side");
    ui.horizontal_wrapped(|ui| {
        let f = &mut edited.fatalities;
        let before = f.split_total();
        for (label, tip, value) in [
            (
                "side A",
                "Deaths on the perpetrator's side (UCDP deaths_a)",
                &mut f.deaths_a,
            ),
            (
                "side B",
                "Deaths on the target's side (UCDP deaths_b)",
                &mut f.deaths_b,
            ),
            (
                "civilians",
                "Civilian deaths (UCDP deaths_civilians)",
                &mut f.deaths_civilians,
            ),
            (
                "unknown",
                "Deaths whose side is not known (UCDP deaths_unknown)",
                &mut f.deaths_unknown,
            ),
        ] {
            let mut known = value.is_some();
            let mut n = value.unwrap_or(0);
            ui.checkbox(&mut known, label).on_hover_text(tip);
            if known {
                ui.add(egui::DragValue::new(&mut n).range(0..=1_000_000));
                *value = Some(n);
            } else {
                *value = None;
            }
        }
        // UCDP's best estimate is the sum of the split: when the split changes, best follows
        // and low and high widen to keep the figures in order.
        let after = f.split_total();
        if after != before
            && let Some(sum) = after.and_then(|s| u32::try_from(s).ok())
        {
            f.best = Some(sum);
            f.low = f.low.map(|l| l.min(sum));
            f.high = f.high.map(|h| h.max(sum));
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
                for head in [
                    "claimed by",
                    "outlet",
                    "figure",
                    "phrase",
                    "status",
                    "credibility",
                ] {
                    ui.strong(head);
                }
                ui.end_row();
                for r in &reports {
                    ui.label(r.source_name.as_deref().unwrap_or("(unknown)"));
                    let article = project.article(&r.article);
                    let outlet = article.map_or("", |a| a.source.as_str());
                    let grade = article
                        .and_then(|a| project.source_of(a))
                        .map(|s| s.reliability.clone())
                        .filter(|g| !g.is_empty());
                    let outlet_text = match &grade {
                        Some(g) => format!("{} ({g})", shorten(outlet, 24)),
                        None => shorten(outlet, 24),
                    };
                    ui.label(outlet_text).on_hover_text(
                        article
                            .and_then(|a| project.source_of(a))
                            .map_or("not in the registry of sources".to_owned(), |s| {
                                s.reliability_label()
                            }),
                    );
                    ui.label(r.figure.map_or("?".to_owned(), |f| f.to_string()));
                    if ui.link(shorten(&r.phrase, 40)).clicked() {
                        *jump = Some(r.annotation.clone());
                    }
                    ui.label(r.status.as_str());
                    let credibility = project
                        .annotation(&r.annotation)
                        .and_then(|a| a.claim.as_ref())
                        .and_then(|c| c.credibility);
                    ui.label(credibility.map_or("-".to_owned(), |g| g.to_string()));
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

/// The evidence rows: a tick for splitting, the quote (which jumps to its article), its article
/// and × to take it out.
fn evidence_list_ui(
    ui: &mut Ui,
    cx: &mut PanelCtx<'_>,
    incident: &Incident,
    jump: &mut Option<String>,
    ticks: &mut std::collections::BTreeSet<String>,
) {
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
            // One line per piece of evidence: the article's title is cut at the edge (whole
            // on hover) rather than pushing the row wider than the editor.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let mut ticked = ticks.contains(ev);
            let check = ui
                .add(egui::Checkbox::without_text(&mut ticked))
                .on_hover_text("Tick to split this off");
            let tag = tag_label(project, &ann.tag);
            let quote = ui
                .link(format!("{tag}: “{}”", shorten(&ann.exact, 32)))
                .on_hover_text(format!("{article}\nclick to show it in the article"));
            if check.labelled_by(quote.id).changed() {
                if ticked {
                    ticks.insert(ev.clone());
                } else {
                    ticks.remove(ev);
                }
            }
            if quote.clicked() {
                *jump = Some(ev.clone());
            }
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
            ui.weak(shorten(article, 24)).on_hover_text(article);
        });
    }
    if !incident.removed_evidence.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            match incident.removed_evidence.len() {
                1 => "1 evidence annotation was deleted from its article:".to_owned(),
                n => format!("{n} evidence annotations were deleted from their articles:"),
            },
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
