//! Entities: linking with alias capture, merge and delete with undo, suggestions and their
//! rejections surviving save and reload; and the same through the real UI.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::suggest::suggestions_for;
use sitrep::model::{Article, CharSpan, Edit, Entity, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::ScriptedDialogs;

const A1: &str = "Coalition aircraft struck near Abu Kamal. Officials in Abu Kamal said the coalition’s jets left.";
const A2: &str =
    "👧🏽 Residents of Al-Bukamal said the allied air command was to blame; al-bukamal is quiet.";

fn span(text: &str, word: &str) -> CharSpan {
    let b = text.find(word).expect("word");
    let s = text[..b].chars().count();
    CharSpan::new(s, s + word.chars().count())
}

fn project() -> Project {
    let mut p = Project::new("entities");
    p.articles.push(Article::new("art-1", "One", A1));
    p.articles.push(Article::new("art-2", "Two", A2));
    p
}

fn annotate(p: &mut Project, article: &str, text: &str, word: &str, tag: &str) -> String {
    let ann = p.make_annotation(article, span(text, word), tag).unwrap();
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    id
}

#[test]
fn linking_captures_new_spellings_as_aliases_and_undoes() {
    let mut p = project();
    let a = annotate(&mut p, "art-2", A2, "Al-Bukamal", "location");
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: Entity::new("ent-1", "location", "Abu Kamal"),
    })
    .unwrap();
    let before = p.clone();
    let inverse = p.apply(p.link_edit(&a, Some("ent-1")).unwrap()).unwrap();
    assert_eq!(
        p.entity("ent-1").unwrap().aliases,
        vec!["Al-Bukamal".to_owned()]
    );
    assert_eq!(p.annotation(&a).unwrap().entity.as_deref(), Some("ent-1"));
    p.apply_exact(inverse).unwrap();
    assert_eq!(p, before);
}

#[test]
fn merge_moves_mentions_joins_aliases_and_undoes() {
    let mut p = project();
    let x = annotate(&mut p, "art-1", A1, "coalition", "actor");
    let y = annotate(&mut p, "art-2", A2, "the allied air command", "actor");
    let claim = annotate(
        &mut p,
        "art-2",
        A2,
        "the allied air command was to blame",
        "claim",
    );
    let mut e1 = Entity::new("ent-1", "actor", "the coalition");
    e1.aliases.push("coalition".into());
    e1.external_ids.push("Wikidata:Q999101".into());
    let mut e2 = Entity::new("ent-2", "actor", "the allied air command");
    e2.external_ids = vec!["wikidata:Q999101".into(), "GeoNames:999102".into()];
    e2.kind = "External/other forces".into();
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: e1,
    })
    .unwrap();
    p.apply(Edit::InsertEntity {
        index: 1,
        entity: e2,
    })
    .unwrap();
    p.apply(p.link_edit(&x, Some("ent-1")).unwrap()).unwrap();
    p.apply(p.link_edit(&y, Some("ent-2")).unwrap()).unwrap();
    let mut c = p.annotation(&claim).unwrap().clone();
    c.claim.get_or_insert_with(Default::default).source = Some("ent-2".into());
    p.apply(Edit::UpdateAnnotation(c)).unwrap();
    let before = p.clone();

    let inverse = p
        .apply(p.merge_entities_edit("ent-2", "ent-1").unwrap())
        .unwrap();
    assert!(p.entity("ent-2").is_none());
    let merged = p.entity("ent-1").unwrap();
    assert!(
        merged
            .aliases
            .contains(&"the allied air command".to_owned())
    );
    assert_eq!(p.annotation(&y).unwrap().entity.as_deref(), Some("ent-1"));
    // Empty fields take the other's value; external ids are pooled, the same one once.
    assert_eq!(merged.kind, "External/other forces");
    assert_eq!(
        merged.external_ids,
        vec!["Wikidata:Q999101".to_owned(), "GeoNames:999102".to_owned()]
    );
    let source = p
        .annotation(&claim)
        .unwrap()
        .claim
        .as_ref()
        .unwrap()
        .source
        .clone();
    assert_eq!(
        source.as_deref(),
        Some("ent-1"),
        "claim sources follow the merge"
    );
    assert!(sitrep::model::validate(&p).is_empty());
    p.apply_exact(inverse).unwrap();
    assert_eq!(p, before);
}

#[test]
fn delete_keeps_mentions_unlinked_and_undoes() {
    let mut p = project();
    let x = annotate(&mut p, "art-1", A1, "Abu Kamal", "location");
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: Entity::new("ent-1", "location", "Abu Kamal"),
    })
    .unwrap();
    p.apply(p.link_edit(&x, Some("ent-1")).unwrap()).unwrap();
    let before = p.clone();
    let inverse = p.apply(p.delete_entity_edit("ent-1")).unwrap();
    assert!(p.entity("ent-1").is_none());
    assert_eq!(
        p.annotation(&x).unwrap().entity,
        None,
        "the mention stays, unlinked"
    );
    p.apply_exact(inverse).unwrap();
    assert_eq!(p, before);
}

#[test]
fn suggestions_have_exact_offsets_and_rejections_survive_save_and_reload() {
    let mut p = project();
    let mut e = Entity::new("ent-1", "location", "Abu Kamal");
    e.aliases.push("Al-Bukamal".into());
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: e,
    })
    .unwrap();
    let found = suggestions_for(&p, "art-2");
    let got: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|s| (s.span.start.0, s.span.end.0, s.exact.as_str()))
        .collect();
    // The emoji with its skin-tone modifier is two chars; Python's len("👧🏽") == 2.
    assert_eq!(got, vec![(16, 26, "Al-Bukamal"), (69, 79, "al-bukamal")]);

    p.apply(Edit::RejectSuggestion(found[1].rejection()))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    sitrep::io::save_project(&path, &p).unwrap();
    let back = sitrep::io::load_project(&path).unwrap();
    let again = suggestions_for(&back, "art-2");
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].exact, "Al-Bukamal");
    // Accepting links the new annotation to the entity.
    let mut back = back;
    let edit = back.accept_suggestions_edit(&again).unwrap();
    back.apply(edit).unwrap();
    assert_eq!(back.annotations.len(), 1);
    assert_eq!(back.annotations[0].entity.as_deref(), Some("ent-1"));
    assert!(suggestions_for(&back, "art-2").is_empty());
}

#[test]
fn ui_links_a_span_to_a_new_entity_and_accepts_a_suggestion() {
    let mut p = project();
    let first = annotate(&mut p, "art-1", A1, "Abu Kamal", "location");
    let mut app = SitrepApp::new(p, None, Box::new(ScriptedDialogs::default()));
    app.workbench_mut().view_mut().selected_annotation = Some(first.clone());
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h.get_by_label_contains("New location “Abu Kamal”").click();
    h.run_steps(3);
    let project = &h.state().workbench().project();
    assert_eq!(project.entities.len(), 1);
    let ent = project.entities[0].id.clone();
    assert_eq!(
        project.annotation(&first).unwrap().entity.as_deref(),
        Some(ent.as_str())
    );
    // The second "Abu Kamal" in the article is now suggested; Enter accepts it.
    assert_eq!(h.state_mut().workbench_mut().suggestions().len(), 1);
    h.get_by_label("Accept (Enter)").click();
    h.run_steps(3);
    let project = &h.state().workbench().project();
    assert_eq!(project.annotations.len(), 2);
    assert!(
        project
            .annotations
            .iter()
            .all(|a| a.entity.as_deref() == Some(ent.as_str()))
    );
    // One undo removes the accepted suggestion only.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().workbench().project().annotations.len(), 1);
}

#[test]
fn ui_adds_an_external_id_to_an_entity_and_refuses_a_malformed_one() {
    let mut p = project();
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: Entity::new("ent-1", "location", "Abu Kamal"),
    })
    .unwrap();
    let mut app = SitrepApp::new(p, None, Box::new(ScriptedDialogs::default()));
    app.workbench_mut().view_mut().left_tab = sitrep::workbench::LeftTab::Entities;
    app.workbench_mut().view_mut().selected_entity = Some("ent-1".into());
    let mut h = Harness::builder()
        .with_size([1200.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    use egui::accesskit::Role;
    h.get_by_role_and_label(Role::TextInput, "Id").click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Id")
        .type_text("Q999103");
    h.run_steps(2);
    h.get_by_label("Write it as DB:ID, e.g. Wikidata:Q1520");
    assert!(
        h.state().workbench().project().entities[0]
            .external_ids
            .is_empty()
    );

    h.get_by_role_and_label(Role::TextInput, "Id").type_text("");
    h.state_mut().entities_panel_mut().external_id_draft = "GeoNames:999103".into();
    h.run_steps(2);
    h.get_by_label("Add id").click();
    h.run_steps(3);
    let entity = &h.state().workbench().project().entities[0];
    assert_eq!(entity.external_ids, vec!["GeoNames:999103".to_owned()]);
    // Shown as a link to the database's page.
    h.get_by_label("GeoNames:999103");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(
        h.state().workbench().project().entities[0]
            .external_ids
            .is_empty()
    );
}
