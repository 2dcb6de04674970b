//! A type-ahead over the entities of one tag: a search field, the first matches as buttons, and
//! "New …" to make one from the query or from the span's text.

use egui::Ui;

use crate::model::text::fold_str as folded;
use crate::model::{Entity, Project, tags};
use crate::workbench::{Pick, shorten};

/// True when the entity's name or an alias contains the query (case- and apostrophe-blind).
pub fn entity_matches(entity: &Entity, query: &str) -> bool {
    let q = folded(query.trim());
    q.is_empty() || entity.names().any(|n| folded(n).contains(&q))
}

fn tag_word(tag: &str) -> &str {
    match tag {
        tags::ACTOR => "actor",
        tags::LOCATION => "location",
        _ => "entity",
    }
}

/// Draw the picker; `query` is the caller's draft. Returns the pick made this frame.
pub fn entity_picker_ui(
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
        // Cut at the panel's edge, whole on hover: a long name must not widen the panel.
        let text = format!("{}{aliases}", e.name);
        if ui
            .add(egui::Button::new(text.as_str()).truncate())
            .on_hover_text(text.as_str())
            .clicked()
        {
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
            .add(
                egui::Button::new(format!(
                    "+ New {} “{}”",
                    tag_word(tag),
                    shorten(new_name, 40)
                ))
                .truncate(),
            )
            .on_hover_text(format!("+ New {} “{new_name}”", tag_word(tag)))
            .clicked()
    {
        pick = Some(Pick::Create(new_name.to_owned()));
    }
    if pick.is_some() {
        query.clear();
    }
    pick
}
