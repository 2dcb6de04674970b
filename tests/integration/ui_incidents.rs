//! Incidents in the real UI: build one from marked annotations, add evidence, export it as an
//! incident file, and open that file on its own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, CharSpan, Edit, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::LeftTab;
use sitrep::workbench::dialogs::ScriptedDialogs;

const TEXT: &str = "date-free text. Two aircraft hit a fuel column near Husaybah on Sunday night, \
the Levant Monitoring Network said, adding that six drivers were killed. A border guard \
spokesman said only one truck was hit and two drivers died.";

fn span(word: &str) -> CharSpan {
    let b = TEXT.find(word).expect("word");
    let s = TEXT[..b].chars().count();
    CharSpan::new(s, s + word.chars().count())
}

fn annotate(p: &mut Project, word: &str, tag: &str) -> String {
    let ann = p
        .make_annotation("art-1", span(word), tag)
        .expect("on text");
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann)).expect("applies");
    id
}

#[test]
fn create_an_incident_from_marked_annotations_export_it_and_open_the_file() {
    let mut p = Project::new("incidents");
    let mut article = Article::new("art-1", "Convoy", TEXT);
    article.published = chrono::NaiveDate::from_ymd_opt(2024, 3, 11);
    p.articles.push(article);
    let place = annotate(&mut p, "Husaybah", "location");
    let actor = annotate(&mut p, "the Levant Monitoring Network", "actor");
    let claim = annotate(&mut p, "six drivers were killed", "claim");
    let other = annotate(
        &mut p,
        "only one truck was hit and two drivers died",
        "claim",
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("convoy.incident.json");
    let dialogs = ScriptedDialogs {
        incident: vec![out.clone()],
        ..Default::default()
    };
    let mut app = SitrepApp::new(p, None, Box::new(dialogs));
    for id in [&place, &actor, &claim] {
        app.workbench_mut().view_mut().marked.insert(id.clone());
    }
    app.workbench_mut().view_mut().left_tab = LeftTab::Incidents;
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h.get_by_label("From 3 marked").click();
    h.run_steps(3);
    let (id, evidence) = {
        let inc = &h.state().workbench().project().incidents[0];
        (inc.id.clone(), inc.evidence.clone())
    };
    assert_eq!(evidence, vec![place.clone(), actor.clone(), claim.clone()]);
    assert_eq!(
        h.state().workbench().view().selected_incident.as_deref(),
        Some(id.as_str()),
        "the editor opens"
    );

    // The conflicting claim joins through the selected annotation and E.
    h.state_mut().workbench_mut().view_mut().selected_annotation = Some(other.clone());
    h.run_steps(1);
    h.key_press(egui::Key::E);
    h.run_steps(3);
    assert_eq!(
        h.state().workbench().project().incidents[0].evidence.len(),
        4
    );
    // The date helper offers "Sunday night" before Mon 2024-03-11.
    let suggestion = h
        .state()
        .workbench()
        .project()
        .suggest_incident_date(&h.state().workbench().project().incidents[0])
        .expect("a date suggestion");
    assert_eq!(suggestion.suggestion.date.to_string(), "2024-03-10");

    h.get_by_label("Export incident…").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Export incident…").click();
    h.run_steps(3);
    assert!(
        h.state().workbench().status().text.contains("Exported"),
        "{}",
        h.state().workbench().status().text
    );
    let file = sitrep::io::load_incident(&out).expect("the exported file loads");
    assert_eq!(file.incident.evidence.len(), 4);
    assert!(file.validate().is_empty());

    // Open the incident file on its own: a read-only view, the project untouched.
    let before = h.state().workbench().project().clone();
    h.state_mut()
        .run(sitrep::workbench::Action::OpenPath(out.clone()));
    h.run_steps(3);
    assert!(h.state().workbench().view().incident_view.is_some());
    assert_eq!(h.state().workbench().project(), &before);
    h.get_by_label_contains("Incident file convoy.incident.json");
}

#[test]
fn the_timeline_shows_dated_incidents() {
    let mut p = Project::new("timeline");
    p.articles.push(Article::new("art-1", "Convoy", TEXT));
    let mut inc = sitrep::model::Incident::new("inc-1", "Convoy strike");
    inc.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 10);
    inc.set_event_type("Air/drone strike");
    p.apply(Edit::InsertIncident {
        index: 0,
        incident: inc,
    })
    .unwrap();
    p.apply(Edit::InsertIncident {
        index: 1,
        incident: sitrep::model::Incident::new("inc-2", "Undated"),
    })
    .unwrap();
    let mut app = SitrepApp::new(p, None, Box::new(ScriptedDialogs::default()));
    app.workbench_mut().view_mut().left_tab = LeftTab::Incidents;
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(2);
    h.get_by_label("Timeline").click();
    h.run_steps(3);
    assert!(h.state().workbench().view().timeline_open);
    // The undated incident is named as missing rather than silently dropped.
    h.get_by_label_contains("1 incident without a date is not shown");
}
