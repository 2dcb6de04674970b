//! A steady window: the article stays where it is while the right panel shows long names,
//! long claims or the incident editor, and imports run off the window's thread.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, CharSpan, Edit, Entity, Incident, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::ScriptedDialogs;
use sitrep::workbench::{Action, RightTab, Workbench};

const TEXT: &str = "The Levant Monitoring Network for Human Rights, Civil Affairs and Displaced Persons in the Eastern Provinces said that drones struck a depot in Husaybah. \
Residents said a patrol that has circled the valley every night for three years was the likeliest source of the aircraft heard over the depot.";

/// A text span as long as an observatory's full name.
const LONG_SPAN: &str = "The Levant Monitoring Network for Human Rights, Civil Affairs and Displaced Persons in the Eastern Provinces";

/// An entity name longer than the panel is wide.
const LONG_NAME: &str = "Levant Monitoring Network for Human Rights, Civil Affairs and Displaced Persons, an observatory based in Britain with sources across the valley";

fn span_of(word: &str) -> CharSpan {
    let byte = TEXT.find(word).expect("word in text");
    let start = TEXT[..byte].chars().count();
    CharSpan::new(start, start + word.chars().count())
}

/// An article with an actor linked to an entity of a very long name, an unlinked actor whose
/// text is long, a long claim, and an incident citing them.
fn project() -> Project {
    let mut p = Project::new("layout");
    p.articles.push(Article::new("art-1", "Depot strike", TEXT));
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: Entity::new("ent-1", "actor", LONG_NAME),
    })
    .unwrap();
    let mut linked = p
        .make_annotation("art-1", span_of("Husaybah"), "actor")
        .unwrap();
    linked.entity = Some("ent-1".into());
    p.apply(Edit::InsertAnnotation(linked)).unwrap();
    let unlinked = p
        .make_annotation("art-1", span_of(LONG_SPAN), "actor")
        .unwrap();
    p.apply(Edit::InsertAnnotation(unlinked)).unwrap();
    let claim = p
        .make_annotation(
            "art-1",
            span_of("a patrol that has circled the valley every night for three years was the likeliest source of the aircraft heard over the depot"),
            "claim",
        )
        .unwrap();
    p.apply(Edit::InsertAnnotation(claim)).unwrap();
    let mut incident = Incident::new("inc-1", LONG_NAME);
    incident.evidence = vec!["ann-1".into(), "ann-3".into()];
    p.apply(Edit::InsertIncident { index: 0, incident })
        .unwrap();
    p
}

fn harness() -> Harness<'static, SitrepApp> {
    let app = SitrepApp::new(project(), None, Box::new(ScriptedDialogs::default()));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h
}

/// Where the word "Residents" is drawn: it moves if the article is re-wrapped or shifted.
fn anchor(h: &Harness<'_, SitrepApp>) -> Rect {
    let rects = h.state().article_view().screen_rects(span_of("Residents"));
    assert!(!rects.is_empty(), "the word is laid out");
    rects[0]
}

fn act(h: &mut Harness<'_, SitrepApp>, action: Action) {
    h.state_mut().run(action);
    h.run_steps(4);
}

#[test]
fn long_names_and_claims_in_the_inspector_never_move_the_article() {
    let mut h = harness();
    let before = anchor(&h);
    for ann in ["ann-1", "ann-2", "ann-3"] {
        act(&mut h, Action::SelectAnnotation(ann.into()));
        assert_eq!(anchor(&h), before, "the article moved when {ann} was shown");
    }
    // The unlinked actor offers a new entity of its long text, cut at the panel's edge.
    act(&mut h, Action::SelectAnnotation("ann-2".into()));
    let button = h.get_by_label_contains("+ New actor");
    let panel_right = 1280.0;
    assert!(
        button.rect().max.x <= panel_right,
        "the button ends at {}",
        button.rect().max.x
    );
    // A claim is not offered an entity to become.
    act(&mut h, Action::SelectAnnotation("ann-3".into()));
    assert!(h.query_by_label_contains("+ New").is_none());
    assert_eq!(anchor(&h), before);
    // The entity list on the left, with the long name in it, and the entity's editor.
    h.state_mut().workbench_mut().view_mut().left_tab = sitrep::workbench::LeftTab::Entities;
    h.run_steps(3);
    assert_eq!(anchor(&h), before, "the entity list moved the article");
    act(&mut h, Action::SelectEntity("ent-1".into()));
    assert_eq!(anchor(&h), before, "the entity editor moved the article");
}

#[test]
fn the_incident_editor_docks_beside_the_article_and_can_float() {
    let mut h = harness();
    let before = anchor(&h);
    act(&mut h, Action::OpenIncident("inc-1".into()));
    assert_eq!(h.state().workbench().view().right_tab, RightTab::Incident);
    // Docked: its fields are in the right panel and the article has not moved.
    h.get_by_label("Incident inc-1");
    h.get_by_label("Detach");
    assert_eq!(anchor(&h), before, "the editor pushed the article");
    // The inspector is a tab away, and the editor comes back.
    h.get_by_label("Annotation").click();
    h.run_steps(3);
    assert_eq!(h.state().workbench().view().right_tab, RightTab::Inspector);
    h.get_by_label("Incident inc-1").click();
    h.run_steps(3);
    // Floated in a window of its own, then docked again.
    h.get_by_label("Detach").click();
    h.run_steps(4);
    assert!(h.state().workbench().view().incident_detached);
    h.get_by_label("Dock beside the article").click();
    h.run_steps(4);
    assert!(!h.state().workbench().view().incident_detached);
    assert_eq!(h.state().workbench().view().right_tab, RightTab::Incident);
    assert_eq!(anchor(&h), before);
}

/// A brat folder of `n` small documents.
fn brat_folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = format!("Shelling hit Tafas {i} times, a monitor said.");
        std::fs::write(dir.path().join(format!("doc{i:04}.txt")), &text).unwrap();
        std::fs::write(
            dir.path().join(format!("doc{i:04}.ann")),
            "T1\tLocation 13 18\tTafas\n",
        )
        .unwrap();
    }
    dir
}

#[test]
fn an_import_runs_off_the_window_thread_and_lands_as_one_undo_step() {
    let dir = brat_folder(200);
    let mut wb = Workbench::new(Project::new("empty"), None);
    wb.import_corpus_with(dir.path(), &sitrep::io::formats::TypeMap::default());
    // The call returns at once with the work under way; the document is untouched so far.
    let label = wb.work().map(|w| w.label().to_owned()).unwrap();
    assert!(label.starts_with("Importing "), "{label}");
    assert!(wb.project().articles.is_empty());
    wb.finish_work();
    assert!(wb.work().is_none());
    assert_eq!(wb.project().articles.len(), 200);
    assert_eq!(wb.project().annotations.len(), 200);
    assert!(
        wb.status().text.starts_with("Imported"),
        "{}",
        wb.status().text
    );
    wb.run(
        Action::Run(sitrep::workbench::Command::Undo),
        &mut sitrep::workbench::dialogs::NoDialogs,
    );
    assert!(wb.project().articles.is_empty());
}

#[test]
fn an_import_is_refused_when_the_document_changed_while_it_ran() {
    let dir = brat_folder(20);
    let mut p = Project::new("busy");
    p.articles
        .push(Article::new("art-1", "Report", "Tafas was hit."));
    let mut wb = Workbench::new(p, None);
    wb.import_corpus_with(dir.path(), &sitrep::io::formats::TypeMap::default());
    wb.view_mut().selection.set(CharSpan::new(0, 5));
    wb.run(
        Action::TagKey('l'),
        &mut sitrep::workbench::dialogs::NoDialogs,
    );
    wb.finish_work();
    // The analyst's tag stays; the import, made on the copy before it, does not land over it.
    assert_eq!(wb.project().articles.len(), 1);
    assert_eq!(wb.project().annotations.len(), 1);
    assert!(
        wb.status().text.contains("changed while the import ran"),
        "{}",
        wb.status().text
    );
}

#[test]
fn an_export_runs_off_the_window_thread() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    std::fs::create_dir(&out).unwrap();
    let mut wb = Workbench::new(project(), None);
    wb.export_to(sitrep::io::Format::Brat, &out);
    assert!(wb.work().is_some());
    wb.finish_work();
    assert!(
        out.join("annotation.conf").is_file(),
        "{}",
        wb.status().text
    );
    assert!(
        wb.status().text.starts_with("wrote"),
        "{}",
        wb.status().text
    );
}

#[test]
fn ticked_annotations_become_an_incident_from_the_list_they_are_ticked_in() {
    let mut h = harness();
    let marked = &mut h.state_mut().workbench_mut().view_mut().marked;
    marked.insert("ann-1".into());
    marked.insert("ann-3".into());
    h.run_steps(2);
    h.get_by_label("New incident from 2 ticked").click();
    h.run_steps(4);
    let wb = h.state().workbench();
    assert_eq!(wb.project().incidents.len(), 2);
    let made = wb.project().incidents.last().unwrap();
    assert_eq!(made.evidence, vec!["ann-1".to_owned(), "ann-3".to_owned()]);
    assert!(wb.view().marked.is_empty());
    // It opens beside the article, ready to code.
    assert_eq!(
        wb.view().selected_incident.as_deref(),
        Some(made.id.as_str())
    );
    assert_eq!(wb.view().right_tab, RightTab::Incident);
}

#[test]
fn a_project_opens_off_the_window_thread_and_the_open_one_stays_until_it_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sitrep");
    sitrep::io::save_project(&path, &project()).unwrap();
    let mut wb = Workbench::new(Project::new("before"), None);
    wb.run(
        Action::OpenPath(path.clone()),
        &mut sitrep::workbench::dialogs::NoDialogs,
    );
    let label = wb.work().map(|w| w.label().to_owned()).unwrap();
    assert!(label.starts_with("Opening "), "{label}");
    assert_eq!(
        wb.project().name,
        "before",
        "nothing replaced before the load is done"
    );
    wb.finish_work();
    assert_eq!(wb.project().name, "layout");
    assert_eq!(wb.doc().path.as_deref(), Some(path.as_path()));
}
