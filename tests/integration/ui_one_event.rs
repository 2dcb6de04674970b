//! One event from many reports in the real window: the duplicate list and its Merge button,
//! "This article reports…", splitting ticked evidence off, relations and the new incident
//! fields, and the registry of sources with the article's outlet and a claim's credibility.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::one_strike;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, Project, RelationKind};
use sitrep::ui::SitrepApp;
use sitrep::workbench::LeftTab;

fn harness(p: Project) -> Harness<'static, SitrepApp> {
    let mut h = one_strike::window(p, [1400.0, 1000.0]);
    h.state_mut().workbench_mut().view_mut().left_tab = LeftTab::Incidents;
    h.run_steps(2);
    h
}

fn incidents(h: &Harness<'_, SitrepApp>) -> Vec<String> {
    h.state()
        .workbench()
        .project()
        .incidents
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn the_duplicate_list_merges_a_pair_and_the_editor_shows_where_they_differed() {
    let mut h = harness(one_strike::project());
    h.get_by_label("3 likely duplicates");
    h.get_by_label("Merge inc-2 into inc-1").click();
    h.run_steps(3);
    assert_eq!(incidents(&h), vec!["inc-1", "inc-3"]);
    assert_eq!(
        h.state().workbench().view().selected_incident.as_deref(),
        Some("inc-1"),
        "the merged incident opens"
    );
    h.get_by_label("1 likely duplicate");
    h.get_by_label_contains("fatalities (best): kept 4, the other said 5");
    h.get_by_label("Dismiss").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("the other said").is_none());

    // Merge with… from the editor takes the last one in.
    h.get_by_label("Merge with…").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Merge with…").click();
    h.run_steps(2);
    h.get_by_label_contains("(likely duplicate)").click();
    h.run_steps(3);
    assert_eq!(incidents(&h), vec!["inc-1"]);
    assert!(h.query_by_label_contains("likely duplicate").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(incidents(&h), vec!["inc-1", "inc-3"], "one undo step");
}

#[test]
fn an_article_attaches_to_the_incident_it_reports_from_the_menu() {
    let mut p = one_strike::project();
    let text = "Guards at the Husaybah depot said the Northern Front's drones came at dawn.";
    let mut a = Article::new("art-5", "Report art-5", text);
    a.published = "2026-03-10".parse().ok();
    p.articles.push(a);
    one_strike::annotate(&mut p, "art-5", "Husaybah", "location", Some("ent-place"));
    let mut h = harness(p);
    h.state_mut()
        .workbench_mut()
        .view_mut()
        .open_article("art-5");
    h.run_steps(2);
    h.get_by_label("This article reports…").click();
    h.run_steps(2);
    h.get_all_by_label_contains("same place")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    let p = h.state().workbench().project();
    let inc = p.incident("inc-1").unwrap();
    assert_eq!(inc.evidence.len(), 4);
    assert!(
        inc.evidence
            .iter()
            .any(|e| p.annotation(e).unwrap().article == "art-5")
    );
}

#[test]
fn ticked_evidence_splits_off_and_relations_and_the_new_fields_are_edited_in_the_editor() {
    let mut h = harness(one_strike::project());
    h.state_mut()
        .run(sitrep::workbench::Action::OpenIncident("inc-3".to_owned()));
    h.run_steps(3);
    for quote in ["Actor: “Eastern Brigade”", "Claim: “Four died”"] {
        h.get_by_role_and_label(Role::CheckBox, quote)
            .scroll_to_me();
        h.run_steps(3);
        h.get_by_role_and_label(Role::CheckBox, quote).click();
        h.run_steps(1);
    }
    h.get_by_label("Split 2 ticked off").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Split 2 ticked off").click();
    h.run_steps(3);
    let new_id = {
        let wb = h.state().workbench();
        let id = wb.view().selected_incident.clone().unwrap();
        assert_eq!(wb.project().incident(&id).unwrap().evidence.len(), 2);
        assert_eq!(wb.project().incident("inc-3").unwrap().evidence.len(), 2);
        id
    };

    // The new incident is part of inc-3: a relation added from the editor's row.
    h.get_by_value("(incident)").scroll_to_me();
    h.run_steps(3);
    h.get_by_value("(incident)").click();
    h.run_steps(2);
    // The last of the names is the menu's (the duplicate list on the left names it too).
    h.get_all_by_label("inc-3: Four died")
        .last()
        .unwrap()
        .click();
    h.run_steps(2);
    h.get_by_label("Add relation").click();
    h.run_steps(3);
    let rel = h
        .state()
        .workbench()
        .project()
        .incident(&new_id)
        .unwrap()
        .relations
        .clone();
    assert_eq!(rel.len(), 1);
    assert_eq!(
        (rel[0].kind, rel[0].incident.as_str()),
        (RelationKind::PartOf, "inc-3")
    );
    assert!(h.get_all_by_label("inc-3: Four died").count() >= 2);

    // Several days, and deaths by side: best follows their sum.
    h.get_by_label("several days").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("several days").click();
    h.run_steps(2);
    let inc = h
        .state()
        .workbench()
        .project()
        .incident(&new_id)
        .unwrap()
        .clone();
    assert_eq!(inc.date_end, inc.date, "the end starts on the first day");
    h.get_by_label("civilians").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("civilians").click();
    h.run_steps(3);
    let f = h
        .state()
        .workbench()
        .project()
        .incident(&new_id)
        .unwrap()
        .fatalities
        .clone();
    assert_eq!((f.deaths_civilians, f.best), (Some(0), Some(0)));
}

#[test]
fn the_sources_window_registers_outlets_and_grades_reach_the_heading() {
    let p = one_strike::project();
    let mut h = harness(p);
    h.state_mut().run(sitrep::workbench::Action::Run(
        sitrep::workbench::Command::ToggleSources,
    ));
    h.run_steps(3);
    h.get_by_label("No outlets registered yet.");
    h.get_by_label("Register the 3 outlets articles name")
        .click();
    h.run_steps(3);
    let names: Vec<String> = h
        .state()
        .workbench()
        .project()
        .sources
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(
        names,
        vec!["Levant Monitoring Network", "Valley Courier", "Desert Wire"]
    );
    h.get_all_by_value("(not graded)").next().unwrap().click();
    h.run_steps(2);
    h.get_by_label("B usually reliable").click();
    h.run_steps(3);
    assert_eq!(h.state().workbench().project().sources[0].reliability, "B");
    h.get_by_label_contains("reliability B usually reliable");

    // A new outlet by name; a name registered already is not offered again.
    let type_name = |h: &mut Harness<'_, SitrepApp>, name: &str| {
        h.get_by_role_and_label(Role::TextInput, "New outlet")
            .click();
        h.run_steps(1);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run_steps(1);
        h.get_by_role_and_label(Role::TextInput, "New outlet")
            .type_text(name);
        h.run_steps(2);
    };
    type_name(&mut h, "desert wire ");
    h.get_by_label("Add outlet").click();
    h.run_steps(2);
    assert_eq!(h.state().workbench().project().sources.len(), 3, "no twin");
    type_name(&mut h, "Coast Radio");
    h.get_by_label("Add outlet").click();
    h.run_steps(3);
    let p = h.state().workbench().project();
    assert_eq!(p.sources.len(), 4);
    assert_eq!(p.sources[3].name, "Coast Radio");

    // The heading's outlet menu names an article's outlet from the registry.
    h.state_mut().run(sitrep::workbench::Action::Run(
        sitrep::workbench::Command::ToggleSources,
    ));
    h.run_steps(2);
    h.get_by_label("Levant Monitoring Network").click();
    h.run_steps(2);
    h.get_by_label_contains("Coast Radio").scroll_to_me();
    h.run_steps(2);
    h.get_by_label_contains("Coast Radio").click();
    h.run_steps(3);
    assert_eq!(
        h.state().workbench().project().articles[0].source,
        "Coast Radio"
    );
    assert!(h.query_by_label("not in the registry").is_none());

    // A claim's credibility, set in the inspector, and the list filtered by it.
    let claim = h.state().workbench().project().incidents[0].evidence[2].clone();
    h.state_mut()
        .run(sitrep::workbench::Action::SelectAnnotation(claim.clone()));
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("New entity").is_none(),
        "a claim is not offered to become an entity"
    );
    h.get_by_label_contains("Coast Radio · reliability not graded");
    h.get_by_value("(not graded)").scroll_to_me();
    h.run_steps(3);
    h.get_by_value("(not graded)").click();
    h.run_steps(2);
    h.get_by_label("2 probably true").click();
    h.run_steps(3);
    let ann = h
        .state()
        .workbench()
        .project()
        .annotation(&claim)
        .unwrap()
        .clone();
    assert_eq!(ann.claim.unwrap().credibility, Some(2));
    h.get_by_value("Any grade").click();
    h.run_steps(2);
    h.get_all_by_label("5 improbable").last().unwrap().click();
    h.run_steps(3);
    h.get_by_label("0 shown");
}
