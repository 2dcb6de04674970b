//! File menu actions through the app: brat export and import (one undo step), and updating an
//! article's text with orphans placed back by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::io::Format;
use sitrep::model::{Article, CharSpan, Edit, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::dialogs::{NoDialogs, ScriptedDialogs};
use sitrep::workbench::{Action, Command, Prompt, Workbench};

const TEXT: &str = "Residents of Husaybah heard explosions. The coalition declined to comment.";

fn project() -> Project {
    let mut p = Project::new("files");
    p.articles.push(Article::new("art-1", "Report", TEXT));
    for (s, e, tag) in [(13, 21, "location"), (44, 53, "actor")] {
        let ann = p
            .make_annotation("art-1", CharSpan::new(s, e), tag)
            .unwrap();
        p.apply(Edit::InsertAnnotation(ann)).unwrap();
    }
    p
}

#[test]
fn brat_export_then_import_into_another_project_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    let mut a = Workbench::new(project(), None);
    let mut dialogs = ScriptedDialogs {
        folders: vec![brat.clone(), brat.clone()],
        ..Default::default()
    };
    a.run(Action::Run(Command::Export(Format::Brat)), &mut dialogs);
    a.finish_work();
    assert!(
        brat.join("annotation.conf").is_file(),
        "{}",
        a.status().text
    );

    let mut b = Workbench::new(Project::new("empty"), None);
    b.run(Action::Run(Command::ImportBratFolder), &mut dialogs);
    b.finish_work();
    assert_eq!(b.project().articles.len(), 1);
    let got: Vec<(String, usize, usize)> = b
        .project()
        .annotations
        .iter()
        .map(|x| (x.exact.clone(), x.start.0, x.end.0))
        .collect();
    assert_eq!(
        got,
        vec![("Husaybah".into(), 13, 21), ("coalition".into(), 44, 53)]
    );
    b.run(Action::Run(Command::Undo), &mut dialogs);
    assert!(b.project().articles.is_empty() && b.project().annotations.is_empty());
}

#[test]
fn updating_the_text_reanchors_and_orphans_can_be_placed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.txt");
    // "Husaybah" moved; "coalition" is gone (renamed).
    std::fs::write(&newer, "Late on Saturday, residents of Husaybah heard explosions. The alliance declined to comment.").unwrap();
    let dialogs = ScriptedDialogs {
        files: vec![newer],
        ..Default::default()
    };
    let app = SitrepApp::new(project(), None, Box::new(dialogs));
    let mut h = Harness::builder()
        .with_size([1300.0, 800.0])
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(2);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Update article text…").click();
    h.run_steps(3);
    let p = &h.state().workbench().project();
    assert_eq!(p.annotations.len(), 1);
    assert_eq!(p.annotations[0].exact, "Husaybah");
    assert_eq!(
        p.orphans.len(),
        1,
        "the vanished quote is kept as an orphan"
    );
    let text = p.articles[0].text.clone();
    // Close the report, select "alliance" and place the orphan there.
    h.get_by_label("OK").click();
    h.run_steps(2);
    let b = text.find("alliance").unwrap();
    let s = text[..b].chars().count();
    h.state_mut()
        .workbench_mut()
        .view_mut()
        .selection
        .set(CharSpan::new(s, s + 8));
    h.run_steps(2);
    h.get_by_label("Place here").click();
    h.run_steps(2);
    let p = &h.state().workbench().project();
    assert!(p.orphans.is_empty());
    assert_eq!(p.annotations.len(), 2);
    assert!(sitrep::model::validate(p).is_empty());
}

#[test]
fn brat_import_asks_where_unknown_types_go_with_the_usual_ner_names_preset() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat/conll");
    let dialogs = ScriptedDialogs {
        folders: vec![corpus],
        ..Default::default()
    };
    let app = SitrepApp::new(Project::new("conll"), None, Box::new(dialogs));
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(2);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import").click();
    h.run_steps(2);
    h.get_by_label("brat folder…").click();
    h.run_steps(2);
    // The corpus is read on a thread of its own; wait for it as the window would.
    h.state_mut().workbench_mut().finish_work();
    h.run_steps(3);

    // Nothing is imported before the analyst confirms; PER, ORG and LOC are preset, MISC
    // would become a tag of its own.
    assert!(h.state().workbench().project().articles.is_empty());
    h.get_by_label("Import: choose a tag for each type");
    for label in ["PER", "ORG", "LOC", "MISC", "2 spans"] {
        h.get_by_label(label);
    }
    assert_eq!(h.get_all_by_value("Actor").count(), 2);
    h.get_by_value("Location");
    h.get_by_value("New tag “MISC”").click();
    h.run_steps(2);
    h.get_by_label("Claim").click();
    h.run_steps(2);
    h.get_by_label("Import").click();
    h.run_steps(2);
    h.state_mut().workbench_mut().finish_work();
    h.run_steps(3);

    let p = &h.state().workbench().project();
    assert_eq!(p.articles.len(), 1);
    assert_eq!(p.tags.len(), 3, "no tag was created: {:?}", p.tags);
    let tag_of = |text: &str| {
        p.annotations
            .iter()
            .find(|a| a.exact == text)
            .map(|a| a.tag.clone())
            .unwrap()
    };
    assert_eq!(tag_of("Zoë Ångström"), "actor");
    assert_eq!(tag_of("Société Générale"), "actor");
    assert_eq!(tag_of("São Paulo"), "location");
    assert_eq!(tag_of("Mundial"), "claim");
    assert!(h.state().workbench().prompt().is_none());
}

#[test]
fn opening_a_brat_folder_starts_a_new_project_that_imports_it() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat/conll");
    let mut app = Workbench::new(project(), None);
    app.run(Action::OpenPath(corpus), &mut NoDialogs);
    app.finish_work();
    assert_eq!(app.project().name, "conll");
    assert!(
        app.project().articles.is_empty(),
        "nothing before the dialog"
    );
    let Some(Prompt::ImportMap { rows, .. }) = app.prompt().cloned() else {
        panic!("the import dialog opens: {:?}", app.prompt());
    };
    let chosen: Vec<(&str, Option<&str>)> = rows
        .iter()
        .map(|r| (r.label.as_str(), r.tag.as_deref()))
        .collect();
    assert_eq!(
        chosen,
        vec![
            ("PER", Some("actor")),
            ("ORG", Some("actor")),
            ("LOC", Some("location")),
            ("MISC", None)
        ]
    );
}

#[test]
fn the_article_list_filters_by_title_and_opens_the_row_clicked() {
    let mut p = Project::new("many");
    for i in 0..300 {
        let title = if i == 217 {
            "Market blast in Sarmada".to_owned()
        } else {
            format!("Daily report {i}")
        };
        p.articles
            .push(Article::new(format!("art-{i}"), title, "Some text."));
    }
    let app = SitrepApp::new(p, None, Box::new(ScriptedDialogs::default()));
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(2);
    // Only the rows in view exist: the first is there, the 300th is not laid out.
    h.get_by_label("Daily report 0\nno date · 0 annotations");
    assert!(
        h.query_by_label("Daily report 299\nno date · 0 annotations")
            .is_none()
    );

    use egui::accesskit::Role;
    h.get_by_role_and_label(Role::TextInput, "Filter").click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Filter")
        .type_text("SARMADA");
    h.run_steps(2);
    h.get_by_label("1 of 300 shown");
    h.get_by_label("Market blast in Sarmada\nno date · 0 annotations")
        .click();
    h.run_steps(2);
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-217")
    );
}

#[test]
fn a_document_opened_after_another_never_shares_its_revisions() {
    // Caches of the article view key on (revision, article id): a second project whose first
    // article is also `art-1` must not be drawn with the first one's highlights.
    use sitrep::model::history::Document;
    let mut first = Document::new(project(), None);
    let second = Document::new(project(), None);
    assert_ne!(first.revision(), second.revision());
    let before = first.revision();
    let ann = first
        .project
        .make_annotation("art-1", CharSpan::new(0, 9), "actor")
        .unwrap();
    first.apply(Edit::InsertAnnotation(ann)).unwrap();
    assert_ne!(first.revision(), before);
    assert_ne!(first.revision(), second.revision());
}

#[test]
fn an_import_onto_existing_articles_keeps_the_article_shown() {
    let mut p = project();
    p.articles
        .push(Article::new("art-2", "Later", "Another report."));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.jsonld");
    sitrep::io::formats::w3c::write_w3c(&p, &file).unwrap();
    let mut bare = p.clone();
    bare.annotations.clear();
    let mut app = Workbench::new(bare, None);
    assert_eq!(app.view().current_article.as_deref(), Some("art-1"));
    let mut dialogs = ScriptedDialogs {
        files: vec![file],
        ..Default::default()
    };
    app.run(Action::Run(Command::ImportW3c), &mut dialogs);
    app.finish_work();
    assert!(app.prompt().is_none(), "every tag is known: no dialog");
    assert_eq!(app.project().annotations.len(), 2);
    assert_eq!(app.view().current_article.as_deref(), Some("art-1"));
    // One undo takes the whole import back.
    app.run(Action::Run(Command::Undo), &mut dialogs);
    assert!(app.project().annotations.is_empty());
}
