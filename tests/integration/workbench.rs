//! The workbench driven headless: every operation through `Workbench::run`, with no window.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::path::PathBuf;

use sitrep::model::{Article, CharSpan, Project};
use sitrep::workbench::dialogs::{DialogAnswer, DialogMode, NoDialogs, ScriptedDialogs};
use sitrep::workbench::{
    Action, Command, FilePurpose, Level, Pending, Prompt, PromptAnswer, Workbench,
};

const TEXT: &str = "Shelling hit Tafas twice during the talks, a monitor said.";

fn project() -> Project {
    let mut p = Project::new("headless");
    p.articles.push(Article::new("art-1", "Report", TEXT));
    p
}

fn select(wb: &mut Workbench, word: &str) {
    let byte = TEXT.find(word).expect("word in text");
    let start = TEXT[..byte].chars().count();
    wb.view_mut()
        .selection
        .set(CharSpan::new(start, start + word.chars().count()));
}

#[test]
fn tag_undo_redo_and_the_status_say_what_happened() {
    let mut wb = Workbench::new(project(), None);
    select(&mut wb, "Tafas");
    wb.run(Action::TagKey('l'), &mut NoDialogs);
    let ann = &wb.project().annotations[0];
    assert_eq!(
        (ann.exact.as_str(), ann.tag.as_str()),
        ("Tafas", "location")
    );
    assert_eq!(
        wb.view().selected_annotation.as_deref(),
        Some(ann.id.as_str())
    );
    assert!(
        wb.view().selection.span.is_none(),
        "the selection is used up"
    );
    assert_eq!(wb.status().text, "Tagged “Tafas” as location");
    assert!(wb.doc().is_dirty());

    // A tag key with nothing selected retags the selected annotation.
    wb.run(Action::TagKey('a'), &mut NoDialogs);
    assert_eq!(wb.project().annotations[0].tag, "actor");

    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert_eq!(wb.project().annotations[0].tag, "location");
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert!(wb.project().annotations.is_empty());
    assert!(
        wb.view().selected_annotation.is_none(),
        "the view forgets an annotation that is gone"
    );
    assert!(!wb.doc().is_dirty());
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert_eq!(wb.status().text, "Nothing to undo");
    wb.run(Action::Run(Command::Redo), &mut NoDialogs);
    assert_eq!(wb.project().annotations.len(), 1);
}

#[test]
fn tagging_without_a_selection_is_refused_with_a_warning() {
    let mut wb = Workbench::new(project(), None);
    wb.run(Action::TagSelection("actor".into()), &mut NoDialogs);
    assert!(wb.project().annotations.is_empty());
    assert_eq!(wb.status().level, Level::Warning);
    assert_eq!(wb.status().text, "Select some text first");
}

#[test]
fn save_asks_where_then_saves_and_open_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("headless.sitrep");
    let mut dialogs = ScriptedDialogs {
        // A bare name gets the extension.
        save: vec![dir.path().join("headless")],
        ..Default::default()
    };
    let mut wb = Workbench::new(project(), None);
    select(&mut wb, "monitor");
    wb.run(Action::TagKey('a'), &mut dialogs);
    wb.run(Action::Run(Command::Save), &mut dialogs);
    assert!(path.is_file(), "{}", wb.status().text);
    assert!(!wb.doc().is_dirty());
    assert_eq!(wb.doc().path.as_deref(), Some(path.as_path()));
    assert_eq!(
        dialogs.asked[0].suggested_name.as_deref(),
        Some("headless.sitrep")
    );

    let mut other = Workbench::new(Project::new("other"), None);
    other.run(Action::OpenPath(path.clone()), &mut NoDialogs);
    other.finish_work();
    assert_eq!(other.project(), &sitrep::io::load_project(&path).unwrap());
    assert_eq!(other.project().annotations[0].exact, "monitor");
    assert_eq!(other.view().current_article.as_deref(), Some("art-1"));
}

#[test]
fn unsaved_changes_are_asked_about_before_another_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.sitrep");
    sitrep::io::save_project(&other, &Project::new("other")).unwrap();
    let mut wb = Workbench::new(project(), None);
    select(&mut wb, "Tafas");
    wb.run(Action::TagKey('l'), &mut NoDialogs);
    wb.run(Action::OpenPath(other.clone()), &mut NoDialogs);
    assert_eq!(
        wb.prompt(),
        Some(&Prompt::Unsaved {
            then: Pending::Open(Some(other.clone()))
        })
    );
    assert_eq!(
        wb.project().name,
        "headless",
        "nothing happens before the answer"
    );
    wb.run(Action::Answer(PromptAnswer::Dismiss), &mut NoDialogs);
    assert!(wb.prompt().is_none());
    assert_eq!(wb.project().name, "headless");
    wb.run(Action::OpenPath(other), &mut NoDialogs);
    wb.run(Action::Answer(PromptAnswer::Discard), &mut NoDialogs);
    wb.finish_work();
    assert_eq!(wb.project().name, "other");
    assert!(!wb.doc().is_dirty());
}

#[test]
fn a_broken_project_file_is_shown_as_an_error_and_the_open_project_stays() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.sitrep");
    std::fs::write(
        &broken,
        b"{\"format\": \"sitrep/project\", \"version\": 1, ",
    )
    .unwrap();
    let mut wb = Workbench::new(project(), None);
    wb.run(Action::OpenPath(broken.clone()), &mut NoDialogs);
    wb.finish_work();
    let Some(Prompt::Error { title, message }) = wb.prompt() else {
        panic!("an error dialog: {:?}", wb.prompt());
    };
    assert_eq!(title, "Cannot open the file");
    assert!(message.contains("broken.sitrep"), "{message}");
    assert_eq!(wb.status().level, Level::Error);
    assert_eq!(wb.project().name, "headless");
    assert_eq!(
        std::fs::read(&broken).unwrap(),
        b"{\"format\": \"sitrep/project\", \"version\": 1, ".to_vec(),
        "the broken file is left as it was"
    );
}

#[test]
fn article_import_is_one_step_and_skips_a_text_the_project_holds() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.md");
    let again = dir.path().join("again.txt");
    std::fs::write(&a, "Rockets fell on a grain store near the river.").unwrap();
    std::fs::write(&b, "# Second\n\nA convoy was stopped at the crossing.").unwrap();
    std::fs::write(&again, TEXT).unwrap();
    let mut dialogs = ScriptedDialogs {
        articles: vec![vec![a.clone(), b, again]],
        ..Default::default()
    };
    let mut wb = Workbench::new(project(), None);
    wb.run(Action::Run(Command::AddArticle), &mut dialogs);
    wb.finish_work();
    assert_eq!(wb.project().articles.len(), 3, "the known text is skipped");
    assert!(
        wb.status().text.contains("already in the project as art-1"),
        "{}",
        wb.status().text
    );
    assert_eq!(wb.view().current_article.as_deref(), Some("art-3"));
    wb.run(Action::Run(Command::Undo), &mut dialogs);
    assert_eq!(
        wb.project().articles.len(),
        1,
        "one undo step for the whole import"
    );

    // A file that cannot be read is named in an error; the others still come in.
    let mut dialogs = ScriptedDialogs {
        articles: vec![vec![a, dir.path().join("missing.txt")]],
        ..Default::default()
    };
    wb.run(Action::Run(Command::AddArticle), &mut dialogs);
    wb.finish_work();
    assert_eq!(wb.project().articles.len(), 2);
    let Some(Prompt::Error { message, .. }) = wb.prompt() else {
        panic!("an error dialog: {:?}", wb.prompt());
    };
    assert!(message.contains("missing.txt"), "{message}");
}

#[test]
fn without_a_desktop_dialog_the_request_waits_for_the_window_chooser() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chosen.sitrep");
    let mut wb = Workbench::new(project(), None);
    wb.run(Action::Run(Command::SaveAs), &mut NoDialogs);
    let Some(Prompt::ChooseFile { purpose, request }) = wb.prompt().cloned() else {
        panic!("the chooser is asked for: {:?}", wb.prompt());
    };
    assert_eq!(request.mode, DialogMode::SaveFile);
    assert_eq!(request.default_extension.as_deref(), Some("sitrep"));
    assert!(!out.exists());
    wb.run(
        Action::FileChosen {
            purpose,
            answer: DialogAnswer::Chosen(vec![out.clone()]),
        },
        &mut NoDialogs,
    );
    assert!(wb.prompt().is_none());
    assert!(out.is_file());
    assert!(!wb.doc().is_dirty());

    // Cancelled: nothing happens, the prompt goes.
    wb.run(Action::Run(Command::Open), &mut NoDialogs);
    assert!(matches!(
        wb.prompt(),
        Some(Prompt::ChooseFile {
            purpose: FilePurpose::OpenProject,
            ..
        })
    ));
    wb.run(
        Action::FileChosen {
            purpose: FilePurpose::OpenProject,
            answer: DialogAnswer::Cancelled,
        },
        &mut NoDialogs,
    );
    assert!(wb.prompt().is_none());
    assert_eq!(wb.doc().path.as_deref(), Some(out.as_path()));
}

#[test]
fn unsaved_then_save_on_an_untitled_project_saves_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut dialogs = ScriptedDialogs {
        save: vec![dir.path().join("keep.sitrep")],
        ..Default::default()
    };
    let mut wb = Workbench::new(project(), None);
    select(&mut wb, "Tafas");
    wb.run(Action::TagKey('l'), &mut dialogs);
    wb.run(Action::CloseRequested, &mut dialogs);
    assert!(matches!(
        wb.prompt(),
        Some(Prompt::Unsaved {
            then: Pending::Quit
        })
    ));
    assert!(!wb.may_close());
    wb.run(Action::Answer(PromptAnswer::Save), &mut dialogs);
    assert!(dir.path().join("keep.sitrep").is_file());
    assert!(wb.quit_requested());
    assert!(wb.may_close());
}

#[test]
fn brat_export_and_reimport_round_trip_through_actions() {
    use sitrep::io::Format;
    let dir = tempfile::tempdir().unwrap();
    let folder: PathBuf = dir.path().join("brat");
    std::fs::create_dir(&folder).unwrap();
    let mut wb = Workbench::new(project(), None);
    select(&mut wb, "Tafas");
    wb.run(Action::TagKey('l'), &mut NoDialogs);
    let mut dialogs = ScriptedDialogs {
        folders: vec![folder.clone(), folder.clone()],
        ..Default::default()
    };
    wb.run(Action::Run(Command::Export(Format::Brat)), &mut dialogs);
    wb.finish_work();
    assert!(
        folder.join("annotation.conf").is_file(),
        "{}",
        wb.status().text
    );
    // Importing the export into the project it came from changes nothing.
    let before = wb.project().clone();
    wb.run(Action::Run(Command::ImportBratFolder), &mut dialogs);
    wb.finish_work();
    assert_eq!(wb.project().annotations, before.annotations);
    assert_eq!(wb.project().articles.len(), 1);
}
