//! The entity registry: the list of actors and places (left panel tab), and the entity editor
//! (inspector) with names, outside ids, place fields, merge and delete, and its mentions.

use egui::Ui;

use super::PanelCtx;
use crate::model::{ACTOR_KINDS, Edit, Entity, parse_external_id, tags};
use crate::ui::widgets::entity_picker::entity_matches;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::gazetteer::GazetteerSearch;
use crate::workbench::{Action, shorten};

/// ACLED's geo-precision codes as offered in the editor.
const GEO_PRECISION: [(Option<u8>, &str); 4] = [
    (None, "(not set)"),
    (Some(1), "1 · the place itself"),
    (Some(2), "2 · near it / part of a region"),
    (Some(3), "3 · larger region only"),
];

/// The entity list and editor, with their drafts.
#[derive(Default)]
pub struct EntitiesPanel {
    /// Filter text of the list.
    pub filter: String,
    /// The alias being typed in the editor.
    pub alias_draft: String,
    /// The external id being typed in the editor (`Wikidata:Q1520`).
    pub external_id_draft: String,
    /// The entity chosen as the target of a merge.
    pub merge_target: Option<String>,
    /// "Find in gazetteer" of a place.
    pub gazetteer: GazetteerSearch,
}

impl EntitiesPanel {
    /// The entity list: filter, grouped by tag, with mention counts.
    pub fn list_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .id_salt("entity-filter")
                .hint_text("name or alias")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let doc = cx.doc;
        let project = &doc.project;
        let mut mentions: std::collections::HashMap<&str, usize> = Default::default();
        for a in &project.annotations {
            if let Some(e) = a.entity.as_deref() {
                *mentions.entry(e).or_default() += 1;
            }
        }
        let mut select = None;
        egui::ScrollArea::vertical()
            .id_salt("entity-list")
            .show(ui, |ui| {
                if project.entities.is_empty() {
                    ui.weak(
                        "No entities yet. Link an annotation to a new entity in the inspector.",
                    );
                }
                for tag in &project.tags {
                    let entities: Vec<&Entity> = project
                        .entities
                        .iter()
                        .filter(|e| e.tag == tag.id && entity_matches(e, &self.filter))
                        .collect();
                    if entities.is_empty() {
                        continue;
                    }
                    ui.strong(format!("{}s", tag.label));
                    for e in entities {
                        let n = mentions.get(e.id.as_str()).copied().unwrap_or(0);
                        let selected = cx.view.selected_entity.as_deref() == Some(e.id.as_str());
                        if ui
                            .add(
                                egui::Button::selectable(selected, format!("{} · {n}", e.name))
                                    .truncate(),
                            )
                            .clicked()
                        {
                            select = Some(e.id.clone());
                        }
                    }
                }
            });
        if let Some(id) = select {
            cx.push(Action::SelectEntity(id));
        }
    }

    /// Edit one entity: names, class, place fields, note; merge or delete it; its mentions.
    pub fn editor_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &str) {
        let doc = cx.doc;
        let Some(entity) = doc.project.entity(id) else {
            ui.weak("The entity is gone.");
            cx.view.selected_entity = None;
            return;
        };
        let mut edited = entity.clone();
        let mut form = Form::new(id);
        // Cells wrap at the panel's width: a long quote must not widen the panel (which would
        // re-wrap the article beside it).
        let wrap_at = (ui.available_width() - 90.0).max(120.0);
        egui::Grid::new("entity-grid")
            .num_columns(2)
            .max_col_width(wrap_at)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label("Name");
                let r = ui
                    .add(egui::TextEdit::singleline(&mut edited.name).id_salt("entity-name"))
                    .labelled_by(l.id);
                form.track(&r, "name");
                ui.end_row();
                ui.label("Aliases");
                ui.vertical(|ui| self.aliases_ui(ui, &mut edited));
                ui.end_row();
                ui.label("External ids").on_hover_text(
                    "The same thing in outside knowledge bases, as DB:ID \
                     (Wikidata:Q1520, GeoNames:170063); brat exports write them as normalisations",
                );
                ui.vertical(|ui| self.external_ids_ui(ui, &mut edited));
                ui.end_row();
                if entity.tag == tags::ACTOR {
                    actor_rows_ui(ui, &mut edited);
                }
                if entity.tag == tags::LOCATION {
                    place_rows_ui(ui, &mut edited, &mut form);
                }
                let l = ui.label("Note");
                let r = ui
                    .add(
                        egui::TextEdit::multiline(&mut edited.note)
                            .id_salt("entity-note")
                            .desired_rows(2),
                    )
                    .labelled_by(l.id);
                form.track(&r, "entity-note");
                ui.end_row();
            });
        if edited.name.trim().is_empty() && edited != *entity {
            cx.push(Action::Refuse("An entity needs a name".into()));
        } else {
            form.finish(entity, edited, Edit::UpdateEntity, cx.actions);
        }
        if entity.tag == tags::LOCATION {
            self.gazetteer.ui(ui, &doc.project, entity, cx.actions);
        }
        self.merge_ui(ui, cx, entity);
        if ui
            .button("Delete entity")
            .on_hover_text("Mentions stay as annotations, unlinked")
            .clicked()
        {
            cx.push(Action::DeleteEntity(id.to_owned()));
        }
        ui.separator();
        mentions_ui(ui, cx, id);
    }

    fn aliases_ui(&mut self, ui: &mut Ui, edited: &mut Entity) {
        let mut remove = None;
        for (i, alias) in edited.aliases.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(alias);
                if ui
                    .small_button("×")
                    .on_hover_text("Remove this alias")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            edited.aliases.remove(i);
        }
        ui.horizontal(|ui| {
            let l = ui.label("Add");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.alias_draft)
                        .id_salt("entity-alias-draft")
                        .desired_width(120.0),
                )
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add alias").clicked() || enter) && !self.alias_draft.trim().is_empty() {
                let alias = self.alias_draft.trim().to_owned();
                if !edited.names().any(|n| n == alias) {
                    edited.aliases.push(alias);
                }
                self.alias_draft.clear();
            }
        });
    }

    fn external_ids_ui(&mut self, ui: &mut Ui, edited: &mut Entity) {
        let mut remove = None;
        for (i, external) in edited.external_ids.iter().enumerate() {
            ui.horizontal(|ui| {
                match crate::model::external_url(external) {
                    Some(url) => {
                        ui.hyperlink_to(external, url);
                    }
                    None => {
                        ui.label(external);
                    }
                }
                if ui
                    .small_button("×")
                    .on_hover_text("Remove this id")
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            edited.external_ids.remove(i);
        }
        ui.horizontal(|ui| {
            let l = ui.label("Id");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.external_id_draft)
                        .id_salt("entity-external-draft")
                        .hint_text("Wikidata:Q1520")
                        .desired_width(120.0),
                )
                .labelled_by(l.id);
            let draft = self.external_id_draft.trim().to_owned();
            let valid = parse_external_id(&draft).is_some();
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.add_enabled(valid, egui::Button::new("Add id")).clicked() || enter) && valid {
                if !edited.has_external_id(&draft) {
                    edited.external_ids.push(draft);
                }
                self.external_id_draft.clear();
            }
        });
        let draft = self.external_id_draft.trim();
        if !draft.is_empty() && parse_external_id(draft).is_none() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "Write it as DB:ID, e.g. Wikidata:Q1520",
            );
        }
    }

    fn merge_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, entity: &Entity) {
        let doc = cx.doc;
        let others: Vec<&Entity> = doc
            .project
            .entities
            .iter()
            .filter(|e| e.tag == entity.tag && e.id != entity.id)
            .collect();
        ui.horizontal(|ui| {
            let target = self
                .merge_target
                .as_deref()
                .and_then(|t| others.iter().find(|e| e.id == t));
            let l = ui.label("Merge into");
            egui::ComboBox::from_id_salt("entity-merge-target")
                .selected_text(target.map_or("choose…", |e| e.name.as_str()))
                .show_ui(ui, |ui| {
                    for e in &others {
                        ui.selectable_value(&mut self.merge_target, Some(e.id.clone()), &e.name);
                    }
                })
                .response
                .labelled_by(l.id);
            let target = target.map(|e| e.id.clone());
            if ui
                .add_enabled(target.is_some(), egui::Button::new("Merge"))
                .clicked()
                && let Some(into) = target
            {
                cx.push(Action::MergeEntity {
                    from: entity.id.clone(),
                    into,
                });
                self.merge_target = None;
            }
        });
    }
}

fn actor_rows_ui(ui: &mut Ui, edited: &mut Entity) {
    let l = ui.label("Class");
    egui::ComboBox::from_id_salt("entity-kind")
        .selected_text(if edited.kind.is_empty() {
            "(unknown)"
        } else {
            edited.kind.as_str()
        })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut edited.kind, String::new(), "(unknown)");
            for k in ACTOR_KINDS {
                ui.selectable_value(&mut edited.kind, k.to_owned(), k);
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

fn place_rows_ui(ui: &mut Ui, edited: &mut Entity, form: &mut Form) {
    for (label, field, key) in [
        ("Country", &mut edited.country, "country"),
        ("Admin 1", &mut edited.admin1, "admin1"),
        ("Admin 2", &mut edited.admin2, "admin2"),
    ] {
        let l = ui.label(label);
        let r = ui
            .add(egui::TextEdit::singleline(field).id_salt(("entity", key)))
            .labelled_by(l.id);
        form.track(&r, key);
        ui.end_row();
    }
    ui.label("Coordinates");
    ui.horizontal(|ui| {
        let mut lat = edited.lat.unwrap_or(0.0);
        let mut lon = edited.lon.unwrap_or(0.0);
        let mut has = edited.lat.is_some() && edited.lon.is_some();
        ui.checkbox(&mut has, "known");
        if has {
            ui.add(
                egui::DragValue::new(&mut lat)
                    .range(-90.0..=90.0)
                    .speed(0.01)
                    .prefix("lat "),
            );
            ui.add(
                egui::DragValue::new(&mut lon)
                    .range(-180.0..=180.0)
                    .speed(0.01)
                    .prefix("lon "),
            );
            edited.lat = Some(lat);
            edited.lon = Some(lon);
        } else {
            edited.lat = None;
            edited.lon = None;
        }
    });
    ui.end_row();
    let l = ui.label("Geo precision");
    let text = GEO_PRECISION
        .iter()
        .find(|(v, _)| *v == edited.geo_precision)
        .map_or("(not set)", |(_, t)| t);
    egui::ComboBox::from_id_salt("entity-geo-precision")
        .selected_text(text)
        .show_ui(ui, |ui| {
            for (value, text) in GEO_PRECISION {
                ui.selectable_value(&mut edited.geo_precision, value, text);
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
}

/// The entity's mentions across all articles; a click shows one.
fn mentions_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &str) {
    let doc = cx.doc;
    let project = &doc.project;
    let mentions: Vec<(&str, String)> = project
        .annotations
        .iter()
        .filter(|a| a.entity.as_deref() == Some(id))
        .map(|a| {
            let article = project
                .article(&a.article)
                .map_or("?", |x| x.title.as_str());
            (
                a.id.as_str(),
                format!("“{}” · {}", shorten(&a.exact, 30), shorten(article, 30)),
            )
        })
        .collect();
    ui.strong(format!("Mentions ({})", mentions.len()));
    let mut open = None;
    egui::ScrollArea::vertical()
        .id_salt("entity-mentions")
        .max_height(200.0)
        .show(ui, |ui| {
            for (ann, text) in &mentions {
                if ui.link(text).clicked() {
                    open = Some((*ann).to_owned());
                }
            }
        });
    if let Some(ann) = open {
        // The mention shows in the inspector with its entity still chosen in the list.
        cx.view.selected_entity = Some(id.to_owned());
        cx.push(Action::SelectAnnotation(ann));
    }
}
