//! The map of incidents (View → Map) on the sample project, driven through egui_kittest: its
//! list of the incidents it shows, a click that opens one, the date range it shares with the
//! timeline, the type filter, the count of incidents without coordinates, and the agreement
//! of its points with the GeoJSON export.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::collections::BTreeSet;
use std::path::Path;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::Project;
use sitrep::model::map::{DateRange, map_incidents};
use sitrep::ui::SitrepApp;

const CONVOY: &str = "Air strike on fuel convoy near Al-Qa'im · 2024-03-09";
const MARKET: &str = "Explosive device in Sarmada vegetable market · 2024-02-05";
const TRUCKS: &str = "Night strike on fuel trucks west of Al-Qa'im (Desert Wire) · 2024-03-09";

fn sample() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.sitrep");
    sitrep::io::load_project(&path).unwrap()
}

/// The map opened from the View menu, as an analyst would.
fn map_opened(p: Project) -> Harness<'static, SitrepApp> {
    let mut h = crate::one_strike::window(p, [1400.0, 900.0]);
    h.get_by_label("View").click();
    h.run_steps(2);
    // The item's accessible name carries its shortcut after the label ("Map" then Ctrl+M).
    h.get_by_label_contains("Map").click();
    h.run_steps(4);
    assert!(h.state().workbench().view().map_open);
    h
}

#[test]
fn the_map_lists_the_sample_incidents_and_a_click_opens_one() {
    let mut h = map_opened(sample());
    h.get_by_label_contains("3 of 3 incidents on the map");
    for row in [CONVOY, MARKET, TRUCKS] {
        h.get_by_label(row);
    }
    assert!(
        h.query_by_label_contains("no coordinates").is_none(),
        "every sample place has coordinates"
    );
    h.get_by_label(MARKET).click();
    h.run_steps(3);
    assert_eq!(
        h.state().workbench().view().selected_incident.as_deref(),
        Some("inc-2")
    );
}

#[test]
fn a_click_on_a_marker_opens_its_incident() {
    let mut h = map_opened(sample());
    let at = h
        .state()
        .map_panel()
        .marker_position("inc-2")
        .expect("the Sarmada blast is drawn");
    assert_eq!(h.state().workbench().view().selected_incident, None);
    h.hover_at(at);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(2);
    assert_eq!(
        h.state().workbench().view().selected_incident.as_deref(),
        Some("inc-2")
    );
}

#[test]
fn narrowing_the_shared_dates_takes_a_point_off_the_map_and_the_timeline() {
    let mut h = map_opened(sample());
    h.get_by_role_and_label(Role::TextInput, "Dates from")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Dates from")
        .type_text("2024-03-01");
    h.run_steps(3);
    assert!(h.query_by_label(MARKET).is_none(), "February is left out");
    h.get_by_label(CONVOY);
    h.get_by_label(TRUCKS);
    h.get_by_label_contains("2 of 3 incidents on the map");
    let dates = h.state().workbench().view().incident_dates;
    assert_eq!(dates.from, chrono::NaiveDate::from_ymd_opt(2024, 3, 1));

    // The timeline shows the same range: one value in the view state, not a copy.
    h.state_mut().run(sitrep::workbench::Action::Run(
        sitrep::workbench::Command::ToggleTimeline,
    ));
    h.run_steps(3);
    let fields = h.get_all_by_role_and_label(Role::TextInput, "Dates from");
    let values: Vec<Option<String>> = fields.map(|f| f.value()).collect();
    assert_eq!(values.len(), 2, "the map's field and the timeline's");
    assert!(
        values.iter().all(|v| v.as_deref() == Some("2024-03-01")),
        "{values:?}"
    );

    // Either window's button opens the range for both.
    h.get_all_by_label("All dates").next().unwrap().click();
    h.run_steps(3);
    h.get_by_label(MARKET);
}

#[test]
fn a_hidden_event_type_empties_the_list() {
    let mut h = map_opened(sample());
    h.get_by_role_and_label(Role::CheckBox, "Explosions/Remote violence")
        .click();
    h.run_steps(3);
    assert!(h.query_by_label(CONVOY).is_none());
    h.get_by_label_contains("No incident with coordinates passes the filters");
}

#[test]
fn incidents_at_places_without_coordinates_are_counted() {
    let mut p = sample();
    let sarmada = p.entities.iter_mut().find(|e| e.name == "Sarmada").unwrap();
    sarmada.lat = None;
    let mut h = crate::one_strike::window(p, [1400.0, 900.0]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::M);
    h.run_steps(4);
    assert!(
        h.state().workbench().view().map_open,
        "Ctrl+M opens the map"
    );
    h.get_by_label_contains("1 incident has no coordinates");
    assert!(h.query_by_label(MARKET).is_none());
    h.get_by_label_contains("2 of 3 incidents on the map");
}

#[test]
fn the_map_and_the_geojson_export_place_the_sample_alike() {
    let p = sample();
    let shown = map_incidents(&p, &DateRange::default(), &BTreeSet::new());
    let geojson = sitrep::io::formats::geojson::incidents_geojson(&p);
    let features = geojson["features"].as_array().unwrap();
    assert_eq!(shown.points.len(), 3);
    assert_eq!(features.len(), shown.points.len());
    for point in &shown.points {
        let feature = features
            .iter()
            .find(|f| f["properties"]["id"] == point.id.as_str())
            .unwrap_or_else(|| panic!("{} exported", point.id));
        let coords: Vec<f64> = feature["geometry"]["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_f64().unwrap())
            .collect();
        assert_eq!(coords, point.lon_lat.to_vec(), "{}", point.id);
    }
}
