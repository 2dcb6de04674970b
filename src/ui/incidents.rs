//! Incidents: the list, the editor window with its evidence, the date helper and conflicting
//! casualty reports, and the timeline.

use chrono::{Datelike as _, NaiveDate};
use egui::{Color32, Ui};

use super::app::{SitrepApp, shorten};
use super::entities::{Pick, entity_picker};
use crate::model::acled::{EVENT_CATEGORIES, category_of, sub_types_of};
use crate::model::{ActorRole, DatePrecision, Edit, Incident, tags};

/// Actor roles offered in the editor.
pub const ROLES: [&str; 3] = ["perpetrator", "target", "other"];
/// Confidence levels offered in the editor.
pub const CONFIDENCE: [&str; 3] = ["low", "medium", "high"];

/// The incident list (left panel tab).
pub fn incident_list(app: &mut SitrepApp, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("New incident").clicked() {
            new_incident(app, Vec::new());
        }
        let marked: Vec<String> = app.marked.iter().cloned().collect();
        if ui
            .add_enabled(
                !marked.is_empty(),
                egui::Button::new(format!("From {} marked", marked.len())),
            )
            .on_hover_text("Tick annotations in the list on the right to mark them")
            .clicked()
        {
            new_incident(app, marked);
            app.marked.clear();
        }
        if let Some(article) = app.current_article.clone()
            && ui
                .button("From this article")
                .on_hover_text("Every annotation of the shown article becomes evidence")
                .clicked()
        {
            let ids: Vec<String> = app
                .doc
                .project
                .annotations_slice(&article)
                .iter()
                .map(|a| a.id.clone())
                .collect();
            new_incident(app, ids);
        }
        if ui.button("Timeline").clicked() {
            app.timeline_open = true;
        }
    });
    ui.separator();
    let mut open = None;
    egui::ScrollArea::vertical()
        .id_salt("incident-list")
        .show(ui, |ui| {
            if app.doc.project.incidents.is_empty() {
                ui.weak("No incidents yet.");
            }
            for inc in &app.doc.project.incidents {
                let date = inc.date.map_or("no date".to_owned(), |d| d.to_string());
                let selected = app.selected_incident.as_deref() == Some(inc.id.as_str());
                let text = format!(
                    "{}\n{date} · {} · {} evidence",
                    inc.title,
                    if inc.event_type.is_empty() {
                        "no type"
                    } else {
                        inc.event_type.as_str()
                    },
                    inc.evidence.len()
                );
                if ui.selectable_label(selected, text).clicked() {
                    open = Some(inc.id.clone());
                }
            }
        });
    if let Some(id) = open {
        app.open_incident(&id);
    }
}

/// Create an incident from annotation ids (maybe none) and open it.
pub fn new_incident(app: &mut SitrepApp, ids: Vec<String>) {
    match app.doc.project.create_incident_edit(&ids) {
        Ok((id, edit)) => {
            if app.apply(edit) {
                app.open_incident(&id);
                app.status = format!("Created incident {id}");
            }
        }
        Err(e) => app.status = format!("No incident created: {e}"),
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

/// The incident editor window.
pub fn incident_window(app: &mut SitrepApp, ctx: &egui::Context) {
    let Some(id) = app.selected_incident.clone() else {
        return;
    };
    let Some(incident) = app.doc.project.incident(&id).cloned() else {
        app.selected_incident = None;
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
        .show(ctx, |ui| incident_editor(app, ui, &incident));
    if !open {
        app.selected_incident = None;
    }
}

fn incident_editor(app: &mut SitrepApp, ui: &mut Ui, incident: &Incident) {
    let id = incident.id.clone();
    let mut edited = incident.clone();
    let mut burst: Option<String> = None;
    let mut end_burst = false;
    let mut location_pick = None;
    let mut actor_pick = None;
    let mut jump = None;
    let mut remove_evidence = None;
    let project = &app.doc.project;

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
            if r.changed() {
                burst = Some(format!("title:{id}"));
            }
            end_burst |= r.lost_focus();
            ui.end_row();

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
                    .selected_text(precision_word(edited.date_precision))
                    .show_ui(ui, |ui| {
                        for p in [DatePrecision::Day, DatePrecision::Week, DatePrecision::Month, DatePrecision::Year] {
                            ui.selectable_value(&mut edited.date_precision, p, precision_word(p));
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            ui.end_row();

            if let Some(s) = project
                .suggest_incident_date(incident)
                .map(|e| e.suggestion)
                .or_else(|| lead_date(project, incident))
            {
                ui.label("Suggested");
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "{} ({}) — {}",
                        s.date,
                        precision_word(s.precision),
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

            let l = ui.label("Event type");
            ui.horizontal(|ui| {
                let category = edited
                    .event_category
                    .clone()
                    .or_else(|| category_of(&edited.event_type).map(str::to_owned))
                    .unwrap_or_default();
                let mut chosen = category.clone();
                egui::ComboBox::from_id_salt("incident-category")
                    .selected_text(if chosen.is_empty() { "(type)" } else { chosen.as_str() })
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
                    .selected_text(if sub.is_empty() { "(sub-type)" } else { sub.as_str() })
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

            ui.label("Location");
            ui.vertical(|ui| {
                match edited.location.as_ref().and_then(|e| project.entity(e)) {
                    Some(e) => {
                        ui.horizontal(|ui| {
                            ui.strong(&e.name);
                            if ui.small_button("Clear").clicked() {
                                edited.location = None;
                            }
                        });
                        backing(ui, app_backing(project, incident, &e.id));
                    }
                    None => {
                        ui.weak("(not set)");
                    }
                }
                location_pick = entity_picker(ui, project, tags::LOCATION, &mut app.incident_location_query, "", "incident-location");
            });
            ui.end_row();

            ui.label("Actors");
            ui.vertical(|ui| {
                let mut remove = None;
                for (i, actor) in edited.actors.iter_mut().enumerate() {
                    let name = project.entity(&actor.entity).map_or(actor.entity.clone(), |e| e.name.clone());
                    ui.horizontal(|ui| {
                        ui.strong(&name);
                        egui::ComboBox::from_id_salt(("incident-role", i))
                            .selected_text(actor.role.clone())
                            .show_ui(ui, |ui| {
                                for r in ROLES {
                                    ui.selectable_value(&mut actor.role, r.to_owned(), r);
                                }
                            });
                        if ui.small_button("×").on_hover_text("Remove this actor").clicked() {
                            remove = Some(i);
                        }
                    });
                    backing(ui, app_backing(project, incident, &actor.entity));
                }
                if let Some(i) = remove {
                    edited.actors.remove(i);
                }
                actor_pick = entity_picker(ui, project, tags::ACTOR, &mut app.incident_actor_query, "", "incident-actor");
            });
            ui.end_row();

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
            if !reports.is_empty() {
                ui.label("Reported");
                ui.vertical(|ui| {
                    egui::Grid::new("casualty-reports").striped(true).show(ui, |ui| {
                        ui.strong("source");
                        ui.strong("figure");
                        ui.strong("phrase");
                        ui.strong("status");
                        ui.end_row();
                        for r in &reports {
                            ui.label(r.source_name.as_deref().unwrap_or("(unknown)"));
                            ui.label(r.figure.map_or("?".to_owned(), |f| f.to_string()));
                            if ui.link(shorten(&r.phrase, 40)).clicked() {
                                jump = Some(r.annotation.clone());
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

            let l = ui.label("Confidence");
            egui::ComboBox::from_id_salt("incident-confidence")
                .selected_text(edited.confidence.clone())
                .show_ui(ui, |ui| {
                    for c in CONFIDENCE {
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
            if r.changed() {
                burst = Some(format!("notes:{id}"));
            }
            end_burst |= r.lost_focus();
            ui.end_row();
        });

    ui.separator();
    ui.horizontal(|ui| {
        ui.strong(format!("Evidence ({})", incident.evidence.len()));
        let can_add = app
            .selected_annotation
            .as_ref()
            .is_some_and(|a| !incident.evidence.contains(a));
        if ui
            .add_enabled(can_add, egui::Button::new("Add selected annotation (E)"))
            .clicked()
        {
            app.add_selected_to_incident();
        }
    });
    let project = &app.doc.project;
    for ev in &incident.evidence {
        let Some(ann) = project.annotation(ev) else {
            continue;
        };
        let article = project
            .article(&ann.article)
            .map_or("?", |a| a.title.as_str());
        let tag = project
            .tag(&ann.tag)
            .map_or(ann.tag.as_str(), |t| t.label.as_str());
        ui.horizontal(|ui| {
            if ui
                .link(format!("{tag}: “{}”", shorten(&ann.exact, 50)))
                .on_hover_text(format!("{article}\nclick to show it in the article"))
                .clicked()
            {
                jump = Some(ev.clone());
            }
            ui.weak(shorten(article, 24));
            if ui
                .small_button("×")
                .on_hover_text("Remove from the evidence")
                .clicked()
            {
                remove_evidence = Some(ev.clone());
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
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Export incident…").clicked() {
            app.export_incident(&id);
        }
        if ui.button("Delete incident").clicked()
            && app.apply(Edit::RemoveIncident { id: id.clone() })
        {
            app.selected_incident = None;
            app.status = format!("Deleted incident {id} (Ctrl+Z brings it back)");
        }
    });

    // Apply what changed.
    if app.selected_incident.is_some()
        && edited != *incident
        && let Err(e) = app
            .doc
            .apply_in_burst(Edit::UpdateIncident(edited), burst.as_deref())
    {
        app.status = format!("Not changed: {e}");
    }
    if end_burst {
        app.doc.end_burst();
    }
    if let Some(pick) = location_pick {
        set_entity(app, &id, tags::LOCATION, pick, |inc, e| {
            inc.location = Some(e)
        });
    }
    if let Some(pick) = actor_pick {
        set_entity(app, &id, tags::ACTOR, pick, |inc, e| {
            if !inc.actors.iter().any(|a| a.entity == e) {
                inc.actors.push(ActorRole {
                    entity: e,
                    role: "perpetrator".into(),
                    extra: Default::default(),
                });
            }
        });
    }
    if let Some(ev) = remove_evidence {
        match app.doc.project.remove_evidence_edit(&id, &ev) {
            Ok(edit) => {
                app.apply(edit);
            }
            Err(e) => app.status = format!("Not removed: {e}"),
        }
    }
    if let Some(ann) = jump {
        app.select_annotation(&ann);
    }
}

/// When no evidence sentence dates the event, the lead of the first evidence article often
/// does ("Rockets fell on a grain store ... Sunday night ..."): read its first sentence.
fn lead_date(
    project: &crate::model::Project,
    incident: &Incident,
) -> Option<crate::model::date_helper::DateSuggestion> {
    let ann = incident
        .evidence
        .iter()
        .find_map(|e| project.annotation(e))?;
    let article = project.article(&ann.article)?;
    let lead = crate::model::text::sentence_at(article.chars(), crate::model::CharIdx(0))?;
    let text = article.slice(lead)?;
    let mut s = crate::model::date_helper::suggest_date(article.published, text)?;
    s.reasoning = format!("from the article's first sentence: {}", s.reasoning);
    Some(s)
}

/// Set an entity field of an incident from a picker choice, creating the entity when asked.
fn set_entity(
    app: &mut SitrepApp,
    incident: &str,
    tag: &str,
    pick: Pick,
    set: impl FnOnce(&mut Incident, String),
) {
    let project = &mut app.doc.project;
    let Some(mut inc) = project.incident(incident).cloned() else {
        return;
    };
    let mut edits = Vec::new();
    let entity = pick.resolve(project, tag, &mut edits);
    set(&mut inc, entity);
    edits.push(Edit::UpdateIncident(inc));
    app.apply(Edit::Batch(edits));
}

/// The evidence quote that backs an entity field: an evidence annotation linked to it.
fn app_backing(
    project: &crate::model::Project,
    incident: &Incident,
    entity: &str,
) -> Option<String> {
    incident
        .evidence
        .iter()
        .filter_map(|e| project.annotation(e))
        .find(|a| a.entity.as_deref() == Some(entity))
        .map(|a| a.exact.clone())
}

fn backing(ui: &mut Ui, quote: Option<String>) {
    match quote {
        Some(q) => {
            ui.weak(format!("backed by “{}”", shorten(&q, 40)));
        }
        None => {
            ui.weak("no evidence names it yet");
        }
    }
}

fn precision_word(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
    }
}

/// Colour of an event category on the timeline.
pub fn category_color(category: Option<&str>) -> Color32 {
    let i = category
        .and_then(|c| EVENT_CATEGORIES.iter().position(|x| x.name == c))
        .unwrap_or(EVENT_CATEGORIES.len());
    const PALETTE: [Color32; 7] = [
        Color32::from_rgb(214, 69, 65),
        Color32::from_rgb(232, 163, 61),
        Color32::from_rgb(179, 107, 232),
        Color32::from_rgb(61, 155, 232),
        Color32::from_rgb(90, 170, 90),
        Color32::from_rgb(120, 120, 120),
        Color32::from_rgb(160, 160, 160),
    ];
    PALETTE.get(i).copied().unwrap_or(Color32::GRAY)
}

/// The timeline window: incidents on a time axis, coloured by event type; a click opens one.
pub fn timeline_window(app: &mut SitrepApp, ctx: &egui::Context) {
    if !app.timeline_open {
        return;
    }
    let mut open = true;
    let mut clicked = None;
    egui::Window::new("Timeline")
        .open(&mut open)
        .default_size([760.0, 320.0])
        .show(ctx, |ui| {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let points: Vec<(String, f64, f64, Color32, String)> = app
                .doc
                .project
                .incidents
                .iter()
                .filter_map(|inc| {
                    let d = inc.date?;
                    let x = (d - epoch).num_days() as f64;
                    let cat = inc.category();
                    let y = cat
                        .and_then(|c| EVENT_CATEGORIES.iter().position(|x| x.name == c))
                        .unwrap_or(EVENT_CATEGORIES.len()) as f64;
                    Some((inc.id.clone(), x, y, category_color(cat), inc.title.clone()))
                })
                .collect();
            if points.is_empty() {
                ui.weak("Incidents with a date appear here.");
                return;
            }
            let undated = app.doc.project.incidents.len() - points.len();
            if undated > 0 {
                ui.weak(format!(
                    "{undated} incident(s) without a date are not shown."
                ));
            }
            // One row per ACLED event type (and one for incidents without a type), always all
            // of them, labelled only at whole numbers: a timeline whose incidents share one
            // type would otherwise zoom into that row and repeat its name at every grid line.
            let rows = EVENT_CATEGORIES.len();
            let resp = egui_plot::Plot::new("incident-timeline")
                .height(260.0)
                .allow_scroll(false)
                .allow_zoom([true, false])
                .allow_drag([true, false])
                .include_y(-0.5)
                .include_y(rows as f64 + 0.5)
                .y_grid_spacer(move |_input| {
                    (0..=rows)
                        .map(|i| egui_plot::GridMark {
                            value: i as f64,
                            step_size: 1.0,
                        })
                        .collect()
                })
                .x_axis_formatter(move |mark, _range| {
                    let d = epoch + chrono::Duration::days(mark.value.round() as i64);
                    d.format("%Y-%m-%d").to_string()
                })
                .y_axis_formatter(|mark, _range| timeline_row_label(mark.value))
                .show(ui, |plot| {
                    for (id, x, y, color, title) in &points {
                        plot.points(
                            egui_plot::Points::new(format!("{id}: {title}"), vec![[*x, *y]])
                                .radius(6.0)
                                .color(*color),
                        );
                    }
                    plot.pointer_coordinate()
                });
            if resp.response.clicked()
                && let Some(p) = resp.inner
            {
                let bounds = resp.transform.bounds();
                let spots: Vec<(&str, f64, f64)> = points
                    .iter()
                    .map(|(id, x, y, ..)| (id.as_str(), *x, *y))
                    .collect();
                clicked = nearest_point(&spots, (p.x, p.y), (bounds.width(), bounds.height()))
                    .map(str::to_owned);
            }
        });
    if !open {
        app.timeline_open = false;
    }
    if let Some(id) = clicked {
        app.open_incident(&id);
    }
}

/// The label of a timeline row: the ACLED event type at whole numbers (one past the last is
/// "(no type)"), nothing between rows or outside them.
pub fn timeline_row_label(y: f64) -> String {
    let i = y.round();
    if (y - i).abs() > 0.01 || i < 0.0 || i > EVENT_CATEGORIES.len() as f64 {
        return String::new();
    }
    EVENT_CATEGORIES
        .get(i as usize)
        .map_or_else(|| "(no type)".to_owned(), |c| c.name.to_owned())
}

/// An incident file opened on its own: shown read-only, with jumps into the open project
/// where it holds the same article text.
pub struct IncidentFileView {
    /// Where it was read from.
    pub path: std::path::PathBuf,
    /// The file.
    pub file: crate::io::IncidentFile,
}

/// The read-only window of an opened incident file.
pub fn incident_file_window(app: &mut SitrepApp, ctx: &egui::Context) {
    let Some(view) = app.incident_view.take() else {
        return;
    };
    let mut open = true;
    let mut jump: Option<(String, crate::model::CharSpan)> = None;
    let checks = view.file.check_against(&app.doc.project);
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
                        format!("{d} ({})", precision_word(inc.date_precision))
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
        app.incident_view = Some(view);
    }
    if let Some((article, span)) = jump {
        app.show_span(&article, span);
    }
}

/// The point nearest a click, when it is within a tenth of the view on both axes together
/// (distances are scaled by the visible width and height, so days and type rows weigh alike).
pub fn nearest_point<'a>(
    points: &[(&'a str, f64, f64)],
    click: (f64, f64),
    view: (f64, f64),
) -> Option<&'a str> {
    let (w, h) = (view.0.max(1.0), view.1.max(1.0));
    points
        .iter()
        .map(|(id, x, y)| {
            (
                *id,
                ((x - click.0) / w).powi(2) + ((y - click.1) / h).powi(2),
            )
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, d)| *d < 0.01)
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_rows_are_named_only_at_whole_numbers() {
        assert_eq!(timeline_row_label(0.0), EVENT_CATEGORIES[0].name);
        assert_eq!(timeline_row_label(1.004), EVENT_CATEGORIES[1].name);
        assert_eq!(timeline_row_label(1.5), "");
        assert_eq!(timeline_row_label(2.2), "", "no repeated name between rows");
        assert_eq!(
            timeline_row_label(EVENT_CATEGORIES.len() as f64),
            "(no type)"
        );
        assert_eq!(timeline_row_label(-1.0), "");
        assert_eq!(timeline_row_label(EVENT_CATEGORIES.len() as f64 + 1.0), "");
    }

    #[test]
    fn a_click_opens_the_nearest_incident_only_when_close() {
        let points = [
            ("inc-1", 19_700.0, 1.0),
            ("inc-2", 19_760.0, 1.0),
            ("inc-3", 19_700.0, 4.0),
        ];
        let view = (100.0, 6.0);
        assert_eq!(nearest_point(&points, (19_702.0, 1.1), view), Some("inc-1"));
        assert_eq!(nearest_point(&points, (19_758.0, 0.9), view), Some("inc-2"));
        assert_eq!(nearest_point(&points, (19_701.0, 3.8), view), Some("inc-3"));
        assert_eq!(
            nearest_point(&points, (19_730.0, 2.5), view),
            None,
            "between points"
        );
        assert_eq!(nearest_point(&[], (0.0, 0.0), view), None);
    }

    #[test]
    fn the_lead_sentence_dates_an_incident_whose_evidence_does_not() {
        use crate::model::{Article, CharSpan, Project};
        let mut p = Project::new("t");
        let mut a = Article::new(
            "art-1",
            "t",
            "Rockets fell on a store near the border Sunday night, farmers said. A monitor said six sheds burned.",
        );
        a.published = chrono::NaiveDate::from_ymd_opt(2023, 1, 30);
        p.articles.push(a);
        let ann = p
            .make_annotation("art-1", CharSpan::new(77, 97), "claim")
            .unwrap();
        let id = ann.id.clone();
        p.apply(Edit::InsertAnnotation(ann)).unwrap();
        let mut inc = Incident::new("inc-1", "t");
        inc.evidence.push(id);
        assert!(
            p.suggest_incident_date(&inc).is_none(),
            "the evidence sentence has no date"
        );
        let s = lead_date(&p, &inc).expect("the lead has one");
        assert_eq!(s.date.to_string(), "2023-01-29");
        assert!(
            s.reasoning.starts_with("from the article's first sentence"),
            "{}",
            s.reasoning
        );
    }
}
