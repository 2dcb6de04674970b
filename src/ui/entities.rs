//! The entity registry: the list of actors and places, the entity editor, and the searchable
//! picker used to link annotations and claim sources to entities.

use egui::Ui;

use super::app::{SitrepApp, shorten};
use crate::model::{ACTOR_KINDS, Edit, Entity, Project, tags};

/// What the picker chose.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick {
    /// An existing entity.
    Existing(String),
    /// Make a new entity with this name.
    Create(String),
}

impl Pick {
    /// The picked entity's id, pushing onto `edits` the insertion of a new entity of `tag`
    /// when the pick asks for one.
    pub fn resolve(self, project: &mut Project, tag: &str, edits: &mut Vec<Edit>) -> String {
        match self {
            Pick::Existing(id) => id,
            Pick::Create(name) => {
                let id = project.alloc_id("ent");
                edits.push(Edit::InsertEntity {
                    index: project.entities.len(),
                    entity: Entity::new(id.clone(), tag, name),
                });
                id
            }
        }
    }
}

use crate::model::text::fold_str as folded;

/// True when the entity's name or an alias contains the query (case- and apostrophe-blind).
pub fn entity_matches(entity: &Entity, query: &str) -> bool {
    let q = folded(query.trim());
    q.is_empty() || entity.names().any(|n| folded(n).contains(&q))
}

/// A type-ahead over entities of one tag: a search field and the first matches as buttons,
/// plus "New …" to create one from `default_name` (the span's text) or from the query.
pub fn entity_picker(
    ui: &mut Ui,
    project: &Project,
    tag: &str,
    query: &mut String,
    default_name: &str,
    salt: &str,
) -> Option<Pick> {
    let mut pick = None;
    let label = ui.label("Search");
    ui.add(
        egui::TextEdit::singleline(query)
            .id_salt((salt, "query"))
            .hint_text("type a name or alias")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let matches: Vec<&Entity> = project
        .entities
        .iter()
        // A type-ahead: candidates appear once something is typed.
        .filter(|e| !query.trim().is_empty() && e.tag == tag && entity_matches(e, query))
        .take(8)
        .collect();
    for e in &matches {
        let aliases = if e.aliases.is_empty() {
            String::new()
        } else {
            format!("  ({})", shorten(&e.aliases.join(", "), 40))
        };
        if ui.button(format!("{}{aliases}", e.name)).clicked() {
            pick = Some(Pick::Existing(e.id.clone()));
        }
    }
    let new_name = if query.trim().is_empty() {
        default_name.trim()
    } else {
        query.trim()
    };
    let exists = project
        .entities
        .iter()
        .any(|e| e.tag == tag && e.names().any(|n| folded(n) == folded(new_name)));
    if !new_name.is_empty()
        && !exists
        && ui
            .button(format!(
                "+ New {} “{}”",
                tag_word(tag),
                shorten(new_name, 40)
            ))
            .clicked()
    {
        pick = Some(Pick::Create(new_name.to_owned()));
    }
    if pick.is_some() {
        query.clear();
    }
    pick
}

fn tag_word(tag: &str) -> &str {
    match tag {
        tags::ACTOR => "actor",
        tags::LOCATION => "location",
        _ => "entity",
    }
}

/// The entity list (left panel tab): filter, grouped by tag, with mention counts.
pub fn entity_list(app: &mut SitrepApp, ui: &mut Ui) {
    let label = ui.label("Filter");
    ui.add(
        egui::TextEdit::singleline(&mut app.entity_filter)
            .id_salt("entity-filter")
            .hint_text("name or alias")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let mut select = None;
    egui::ScrollArea::vertical()
        .id_salt("entity-list")
        .show(ui, |ui| {
            let project = &app.doc.project;
            if project.entities.is_empty() {
                ui.weak("No entities yet. Link an annotation to a new entity in the inspector.");
            }
            for tag in &project.tags {
                let entities: Vec<&Entity> = project
                    .entities
                    .iter()
                    .filter(|e| e.tag == tag.id && entity_matches(e, &app.entity_filter))
                    .collect();
                if entities.is_empty() {
                    continue;
                }
                ui.strong(format!("{}s", tag.label));
                for e in entities {
                    let mentions = project
                        .annotations
                        .iter()
                        .filter(|a| a.entity.as_deref() == Some(e.id.as_str()))
                        .count();
                    let selected = app.selected_entity.as_deref() == Some(e.id.as_str());
                    if ui
                        .selectable_label(selected, format!("{} · {mentions}", e.name))
                        .clicked()
                    {
                        select = Some(e.id.clone());
                    }
                }
            }
        });
    if let Some(id) = select {
        app.selected_entity = Some(id);
        app.selected_annotation = None;
    }
}

/// Edit one entity: names, class, place fields, note; list its mentions; merge or delete it.
pub fn entity_editor(app: &mut SitrepApp, ui: &mut Ui, id: &str) {
    let Some(entity) = app.doc.project.entity(id).cloned() else {
        ui.weak("The entity is gone.");
        app.selected_entity = None;
        return;
    };
    let mut edited = entity.clone();
    let mut burst = None;
    let mut end_burst = false;
    let mut track = |resp: &egui::Response, key: &str, burst: &mut Option<String>| {
        if resp.changed() {
            *burst = Some(format!("{key}:{id}"));
        }
        if resp.lost_focus() {
            end_burst = true;
        }
    };
    egui::Grid::new("entity-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Name");
            let r = ui
                .add(egui::TextEdit::singleline(&mut edited.name).id_salt("entity-name"))
                .labelled_by(l.id);
            track(&r, "name", &mut burst);
            ui.end_row();

            ui.label("Aliases");
            ui.vertical(|ui| {
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
                            egui::TextEdit::singleline(&mut app.alias_draft)
                                .id_salt("entity-alias-draft")
                                .desired_width(120.0),
                        )
                        .labelled_by(l.id);
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button("Add alias").clicked() || enter)
                        && !app.alias_draft.trim().is_empty()
                    {
                        let alias = app.alias_draft.trim().to_owned();
                        if !edited.names().any(|n| n == alias) {
                            edited.aliases.push(alias);
                        }
                        app.alias_draft.clear();
                    }
                });
            });
            ui.end_row();

            ui.label("External ids").on_hover_text(
                "The same thing in outside knowledge bases, as DB:ID \
                 (Wikidata:Q1520, GeoNames:170063); brat exports write them as normalisations",
            );
            ui.vertical(|ui| {
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
                            egui::TextEdit::singleline(&mut app.external_id_draft)
                                .id_salt("entity-external-draft")
                                .hint_text("Wikidata:Q1520")
                                .desired_width(120.0),
                        )
                        .labelled_by(l.id);
                    let draft = app.external_id_draft.trim().to_owned();
                    let valid = crate::model::parse_external_id(&draft).is_some();
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.add_enabled(valid, egui::Button::new("Add id")).clicked() || enter)
                        && valid
                    {
                        if !edited.has_external_id(&draft) {
                            edited.external_ids.push(draft);
                        }
                        app.external_id_draft.clear();
                    }
                });
                let draft = app.external_id_draft.trim();
                if !draft.is_empty() && crate::model::parse_external_id(draft).is_none() {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "Write it as DB:ID, e.g. Wikidata:Q1520",
                    );
                }
            });
            ui.end_row();

            if entity.tag == tags::ACTOR {
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
            if entity.tag == tags::LOCATION {
                for (label, field, key) in [
                    ("Country", &mut edited.country, "country"),
                    ("Admin 1", &mut edited.admin1, "admin1"),
                    ("Admin 2", &mut edited.admin2, "admin2"),
                ] {
                    let l = ui.label(label);
                    let r = ui
                        .add(egui::TextEdit::singleline(field).id_salt(("entity", key)))
                        .labelled_by(l.id);
                    track(&r, key, &mut burst);
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
                let text = match edited.geo_precision {
                    Some(1) => "1 · the place itself",
                    Some(2) => "2 · near it / part of a region",
                    Some(3) => "3 · larger region only",
                    _ => "(not set)",
                };
                egui::ComboBox::from_id_salt("entity-geo-precision")
                    .selected_text(text)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut edited.geo_precision, None, "(not set)");
                        ui.selectable_value(
                            &mut edited.geo_precision,
                            Some(1),
                            "1 · the place itself",
                        );
                        ui.selectable_value(
                            &mut edited.geo_precision,
                            Some(2),
                            "2 · near it / part of a region",
                        );
                        ui.selectable_value(
                            &mut edited.geo_precision,
                            Some(3),
                            "3 · larger region only",
                        );
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
            }
            let l = ui.label("Note");
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut edited.note)
                        .id_salt("entity-note")
                        .desired_rows(2),
                )
                .labelled_by(l.id);
            track(&r, "entity-note", &mut burst);
            ui.end_row();
        });
    if edited != entity {
        if edited.name.trim().is_empty() {
            app.status = "An entity needs a name".into();
        } else if let Err(e) = app
            .doc
            .apply_in_burst(Edit::UpdateEntity(edited), burst.as_deref())
        {
            app.status = format!("Not changed: {e}");
        }
    }
    if end_burst {
        app.doc.end_burst();
    }

    // Merge and delete.
    ui.horizontal(|ui| {
        let others: Vec<(String, String)> = app
            .doc
            .project
            .entities
            .iter()
            .filter(|e| e.tag == entity.tag && e.id != entity.id)
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        let target_name = app
            .merge_target
            .as_ref()
            .and_then(|t| others.iter().find(|(id, _)| id == t))
            .map_or("choose…".to_owned(), |(_, n)| n.clone());
        let l = ui.label("Merge into");
        egui::ComboBox::from_id_salt("entity-merge-target")
            .selected_text(target_name)
            .show_ui(ui, |ui| {
                for (oid, name) in &others {
                    ui.selectable_value(&mut app.merge_target, Some(oid.clone()), name);
                }
            })
            .response
            .labelled_by(l.id);
        let target = app
            .merge_target
            .clone()
            .filter(|t| others.iter().any(|(id, _)| id == t));
        if ui
            .add_enabled(target.is_some(), egui::Button::new("Merge"))
            .clicked()
            && let Some(target) = target
        {
            match app.doc.project.merge_entities_edit(id, &target) {
                Ok(edit) => {
                    if app.apply(edit) {
                        app.status = format!("Merged {} into {}", entity.name, target);
                        app.selected_entity = Some(target);
                        app.merge_target = None;
                    }
                }
                Err(e) => app.status = format!("Not merged: {e}"),
            }
        }
    });
    if ui
        .button("Delete entity")
        .on_hover_text("Mentions stay as annotations, unlinked")
        .clicked()
    {
        let edit = app.doc.project.delete_entity_edit(id);
        if app.apply(edit) {
            app.status = format!("Deleted {} (its mentions are kept, unlinked)", entity.name);
            app.selected_entity = None;
            return;
        }
    }

    // Mentions across all articles.
    ui.separator();
    let mentions: Vec<(String, String)> = app
        .doc
        .project
        .annotations
        .iter()
        .filter(|a| a.entity.as_deref() == Some(id))
        .map(|a| {
            let article = app
                .doc
                .project
                .article(&a.article)
                .map_or("?", |x| x.title.as_str());
            (
                a.id.clone(),
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
                    open = Some(ann.clone());
                }
            }
        });
    if let Some(ann) = open {
        app.select_annotation(&ann);
        app.selected_entity = Some(id.to_owned());
    }
}

/// Link an annotation to a picked entity (creating it first when asked), as one undo step.
pub fn link_pick(app: &mut SitrepApp, annotation: &str, pick: Pick) {
    let project = &mut app.doc.project;
    let Some(ann) = project.annotation(annotation).cloned() else {
        return;
    };
    let mut edits = Vec::new();
    let entity_id = pick.resolve(project, &ann.tag, &mut edits);
    // Apply the insert first so link_edit sees the entity.
    if !edits.is_empty() {
        let mut scratch = project.clone();
        for e in &edits {
            if scratch.apply(e.clone()).is_err() {
                return;
            }
        }
        match scratch.link_edit(annotation, Some(&entity_id)) {
            Ok(link) => edits.push(link),
            Err(e) => {
                app.status = format!("Not linked: {e}");
                return;
            }
        }
    } else {
        match project.link_edit(annotation, Some(&entity_id)) {
            Ok(link) => edits.push(link),
            Err(e) => {
                app.status = format!("Not linked: {e}");
                return;
            }
        }
    }
    if app.apply(Edit::Batch(edits)) {
        let name = app
            .doc
            .project
            .entity(&entity_id)
            .map_or(entity_id.clone(), |e| e.name.clone());
        app.status = format!("Linked “{}” to {name}", shorten(&ann.exact, 40));
    }
}

/// Set a claim's source to a picked actor (creating it first when asked), as one undo step.
pub fn source_pick(app: &mut SitrepApp, annotation: &str, pick: Pick) {
    let project = &mut app.doc.project;
    let Some(mut ann) = project.annotation(annotation).cloned() else {
        return;
    };
    let mut edits = Vec::new();
    let entity_id = pick.resolve(project, tags::ACTOR, &mut edits);
    ann.claim.get_or_insert_with(Default::default).source = Some(entity_id);
    edits.push(Edit::UpdateAnnotation(ann));
    if app.apply(Edit::Batch(edits)) {
        app.status = "Claim source set".into();
    }
}
