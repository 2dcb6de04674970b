//! The offline gazetteer: `sitrep geocode` listing and `--accept-best`, the workbench action
//! that fills a place as one undo step, and "Find in gazetteer" in the real entity editor.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, Edit, Entity, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::{NoDialogs, ScriptedDialogs};
use sitrep::workbench::{Action, Command, Workbench};

use crate::common::{find, sitrep};

/// Abu Kamal, Syria, in GeoNames.
const ABU_KAMAL: u32 = 174_448;
/// Tripoli, Lebanon, in GeoNames (Libya's capital has the same name and more people).
const TRIPOLI_LEBANON: u32 = 266_826;

// Invented reports.
const TEXT_1: &str = "Shelling was reported in Boukamal on Tuesday; a trader in Tripoli said \
                      prices of flour rose after the crossing shut near Beirut.";
const TEXT_2: &str = "Fuel trucks queued outside Wadi Nowhere, a hamlet no map shows.";

/// A project of two invented reports with four place entities: Boukamal (no coordinates),
/// Tripoli (no coordinates, in an article whose other place is in Lebanon), Beirut (placed,
/// country Lebanon) and a place no gazetteer knows.
fn project() -> Project {
    let mut p = Project::new("geocode");
    p.articles
        .push(Article::new("art-1", "Border report", TEXT_1));
    p.articles
        .push(Article::new("art-2", "Fuel report", TEXT_2));
    let mut beirut = Entity::new("ent-3", "location", "Beirut");
    beirut.country = "Lebanon".into();
    beirut.lat = Some(33.89);
    beirut.lon = Some(35.49);
    let entities = [
        Entity::new("ent-1", "location", "Boukamal"),
        Entity::new("ent-2", "location", "Tripoli"),
        beirut,
        Entity::new("ent-4", "location", "Wadi Nowhere"),
    ];
    for (index, entity) in entities.into_iter().enumerate() {
        p.apply(Edit::InsertEntity { index, entity }).unwrap();
    }
    for (article, text, word, entity) in [
        ("art-1", TEXT_1, "Boukamal", "ent-1"),
        ("art-1", TEXT_1, "Tripoli", "ent-2"),
        ("art-1", TEXT_1, "Beirut", "ent-3"),
        ("art-2", TEXT_2, "Wadi Nowhere", "ent-4"),
    ] {
        let mut ann = p
            .make_annotation(article, find(text, word), "location")
            .unwrap();
        ann.entity = Some(entity.into());
        p.apply(Edit::InsertAnnotation(ann)).unwrap();
    }
    p
}

fn saved(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("geocode.sitrep");
    sitrep::io::save_project(&path, &project()).unwrap();
    path
}

#[test]
fn geocode_lists_places_for_entities_without_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(&dir);
    let before = std::fs::read(&path).unwrap();
    let o = sitrep(&["geocode", path.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    let text = String::from_utf8(o.stdout).unwrap();
    let first_of = |id: &str| {
        let mut lines = text.lines().skip_while(|l| !l.starts_with(id));
        lines.nth(1).unwrap_or_default().to_owned()
    };
    assert!(
        first_of("ent-1").contains(&format!("GeoNames:{ABU_KAMAL} ")),
        "{text}"
    );
    // Tripoli's article has a place in Lebanon, so Lebanon's Tripoli comes first.
    assert!(
        first_of("ent-2").contains(&format!("GeoNames:{TRIPOLI_LEBANON} ")),
        "{text}"
    );
    assert!(!text.contains("ent-3"), "Beirut has coordinates: {text}");
    assert!(first_of("ent-4").contains("(no place found)"), "{text}");
    assert!(
        text.ends_with("3 location entities without coordinates\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "listing writes nothing"
    );

    let o = sitrep(&["geocode", path.to_str().unwrap(), "--json"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["entity"], "ent-1");
    assert_eq!(lines[0]["candidates"][0]["geonames"], ABU_KAMAL);
    assert_eq!(lines[0]["candidates"][0]["country"], "Syria");
    assert_eq!(lines[2]["candidates"].as_array().map(Vec::len), Some(0));
}

#[test]
fn geocode_accept_best_fills_and_saves_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved(&dir);
    let o = sitrep(&[
        "geocode",
        path.to_str().unwrap(),
        "--accept-best",
        "--analyst",
        "geo",
    ]);
    assert!(o.status.success(), "{o:?}");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("filled 2 location entities"), "{text}");
    let back = sitrep::io::load_project(&path).unwrap();
    let boukamal = back.entity("ent-1").unwrap();
    assert_eq!(boukamal.name, "Boukamal", "the name stays the analyst's");
    assert_eq!(
        (boukamal.lat, boukamal.lon),
        (Some(34.45226), Some(40.91854))
    );
    assert_eq!(boukamal.country, "Syria");
    assert_eq!(boukamal.admin1, "Deir ez-Zor");
    assert_eq!(boukamal.external_ids, [format!("GeoNames:{ABU_KAMAL}")]);
    assert_eq!(boukamal.modified_by.as_deref(), Some("geo"));
    let tripoli = back.entity("ent-2").unwrap();
    assert_eq!(tripoli.country, "Lebanon");
    assert!(back.entity("ent-4").unwrap().lat.is_none());
    // Nothing is left to place but the unknown hamlet; no lock file is left behind.
    let o = sitrep(&["geocode", path.to_str().unwrap()]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.ends_with("1 location entity without coordinates\n"),
        "{text}"
    );
    assert!(
        crate::common::list_dir(dir.path())
            .iter()
            .all(|n| !n.contains("lock")),
        "{:?}",
        crate::common::list_dir(dir.path())
    );
}

#[test]
fn the_workbench_fills_a_place_as_one_undo_step() {
    let mut wb = Workbench::new(project(), None);
    let before = wb.project().entity("ent-1").unwrap().clone();
    wb.run(
        Action::FillFromGazetteer {
            entity: "ent-1".into(),
            geoname_id: ABU_KAMAL,
        },
        &mut NoDialogs,
    );
    let e = wb.project().entity("ent-1").unwrap();
    assert_eq!((e.lat, e.lon), (Some(34.45226), Some(40.91854)));
    assert_eq!(
        (e.country.as_str(), e.admin1.as_str()),
        ("Syria", "Deir ez-Zor")
    );
    assert_eq!(e.external_ids, [format!("GeoNames:{ABU_KAMAL}")]);
    assert!(
        wb.status().text.contains("GeoNames:174448"),
        "{}",
        wb.status().text
    );
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert_eq!(wb.project().entity("ent-1"), Some(&before));
    assert!(!wb.doc().is_dirty());
    // An id the gazetteer does not have changes nothing and says so.
    wb.run(
        Action::FillFromGazetteer {
            entity: "ent-1".into(),
            geoname_id: 1,
        },
        &mut NoDialogs,
    );
    assert_eq!(wb.project().entity("ent-1"), Some(&before));
    assert!(
        wb.status().text.starts_with("Not placed"),
        "{}",
        wb.status().text
    );
}

#[test]
fn ui_finds_a_place_in_the_gazetteer_and_fills_the_entity() {
    let mut app = SitrepApp::new(project(), None, Box::new(ScriptedDialogs::default()));
    app.workbench_mut().view_mut().left_tab = sitrep::workbench::LeftTab::Entities;
    app.workbench_mut().view_mut().selected_entity = Some("ent-2".into());
    let mut h = Harness::builder()
        .with_size([1200.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h.get_by_label("Find in gazetteer").click();
    h.run_steps(3);
    // Prefilled with the entity's name; Lebanon's Tripoli first (its article's country).
    let draft = &h.state_mut().entities_panel_mut().gazetteer.query;
    assert_eq!(draft, "Tripoli");
    h.get_by_label_contains("Tripoli — Liban-Nord, Lebanon");
    // Another spelling, typed: the Syrian town is offered.
    h.get_by_role_and_label(Role::TextInput, "Find in gazetteer")
        .type_text("");
    h.state_mut().entities_panel_mut().gazetteer.query = "Al-Bukamal".into();
    h.run_steps(3);
    h.get_by_label_contains("Ālbū Kamāl — Deir ez-Zor, Syria")
        .click();
    h.run_steps(3);
    let e = h
        .state()
        .workbench()
        .project()
        .entity("ent-2")
        .unwrap()
        .clone();
    assert_eq!((e.lat, e.lon), (Some(34.45226), Some(40.91854)));
    assert_eq!(
        (e.country.as_str(), e.admin1.as_str()),
        ("Syria", "Deir ez-Zor")
    );
    assert_eq!(e.external_ids, [format!("GeoNames:{ABU_KAMAL}")]);
    assert_eq!(e.name, "Tripoli");
    // One undo takes the whole fill back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    let e = h
        .state()
        .workbench()
        .project()
        .entity("ent-2")
        .unwrap()
        .clone();
    assert!(e.lat.is_none() && e.country.is_empty() && e.external_ids.is_empty());
}
