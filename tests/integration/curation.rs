//! Curation: another analyst's project laid beside ours, each difference settled as one undo
//! step, headless through `Workbench::run` and in the real window through kittest.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::model::{Article, CharSpan, Edit, Entity, Project};
use sitrep::ui::SitrepApp;
use sitrep::workbench::compare::{Difference, Settle};
use sitrep::workbench::dialogs::{NoDialogs, ScriptedDialogs};
use sitrep::workbench::{Action, Command, Workbench};

const TEXT: &str = "Shelling hit Tafas twice during the talks, the Hawran Monitor said.";

fn span(word: &str) -> CharSpan {
    let byte = TEXT.find(word).unwrap();
    let start = TEXT[..byte].chars().count();
    CharSpan::new(start, start + word.chars().count())
}

fn tag(p: &mut Project, word: &str, tag: &str) -> String {
    let ann = p.make_annotation("art-1", span(word), tag).unwrap();
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    id
}

/// Ours: Tafas as location, "the talks" as claim. Theirs (another article id, same text):
/// Tafas as actor, "Hawran Monitor" as actor linked to an entity, no claim.
fn two_sides(dir: &std::path::Path) -> (Project, std::path::PathBuf) {
    let mut mine = Project::new("mine");
    mine.articles.push(Article::new("art-1", "Report", TEXT));
    tag(&mut mine, "Tafas", "location");
    tag(&mut mine, "the talks", "claim");
    let mut theirs = Project::new("theirs");
    theirs
        .articles
        .push(Article::new("art-1", "Report (their copy)", TEXT));
    tag(&mut theirs, "Tafas", "actor");
    let monitor = tag(&mut theirs, "Hawran Monitor", "actor");
    theirs
        .apply(Edit::InsertEntity {
            index: 0,
            entity: Entity::new("ent-9", "actor", "Hawran Monitor"),
        })
        .unwrap();
    let edit = theirs.link_edit(&monitor, Some("ent-9")).unwrap();
    theirs.apply(edit).unwrap();
    let path = dir.join("theirs.sitrep");
    sitrep::io::save_project(&path, &theirs).unwrap();
    (mine, path)
}

fn compared(dir: &std::path::Path) -> Workbench {
    let (mine, path) = two_sides(dir);
    let mut wb = Workbench::new(mine, None);
    let mut dialogs = ScriptedDialogs {
        open: vec![path],
        ..Default::default()
    };
    wb.run(Action::Run(Command::CompareWith), &mut dialogs);
    assert!(wb.comparison().is_some(), "{}", wb.status().text);
    wb
}

fn key_of(wb: &Workbench, pick: impl Fn(&Difference) -> bool) -> String {
    let c = wb.article_comparison().unwrap();
    c.differences.iter().find(|d| pick(d)).unwrap().key()
}

/// Settle the first difference `pick` chooses, as the panel's button does.
fn settle(wb: &mut Workbench, pick: impl Fn(&Difference) -> bool, how: Settle) {
    let key = key_of(wb, pick);
    wb.run(Action::Settle { key, how }, &mut NoDialogs);
}

#[test]
fn the_differences_of_the_article_are_listed_with_its_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let wb = compared(dir.path());
    let c = wb.article_comparison().unwrap();
    assert_eq!(c.their_article.as_deref(), Some("art-1"));
    let kinds: Vec<&str> = c
        .differences
        .iter()
        .map(|d| match d {
            Difference::TheirsOnly { .. } => "theirs",
            Difference::MineOnly { .. } => "mine",
            Difference::Changed { .. } => "changed",
        })
        .collect();
    // By position: Tafas (changed tag), the talks (mine only), Hawran Monitor (theirs only).
    assert_eq!(kinds, ["changed", "mine", "theirs"]);
    // No span agrees on (tag, start, end): exact F1 is 0 of 2 + 2 items.
    assert_eq!(c.figures[0], Some(0.0));
    // Tafas overlaps, but with another tag: overlap F1 needs the same tag, so 0 too.
    assert_eq!(c.figures[1], Some(0.0));
}

#[test]
fn take_theirs_brings_the_span_and_its_entity_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = compared(dir.path());
    settle(
        &mut wb,
        |d| matches!(d, Difference::TheirsOnly { .. }),
        Settle::TakeTheirs,
    );
    let p = wb.project();
    let taken = p
        .annotations
        .iter()
        .find(|a| a.exact == "Hawran Monitor")
        .unwrap();
    assert_eq!(taken.tag, "actor");
    let entity = p.entity(taken.entity.as_deref().unwrap()).unwrap();
    assert_eq!(entity.name, "Hawran Monitor", "their entity came along");
    assert!(sitrep::model::validate(p).is_empty());
    assert_eq!(wb.article_comparison().unwrap().differences.len(), 2);
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert!(
        wb.project()
            .annotations
            .iter()
            .all(|a| a.exact != "Hawran Monitor")
    );
    assert!(wb.project().entities.is_empty(), "one step took both back");
}

#[test]
fn changed_spans_can_take_theirs_keep_mine_or_take_both() {
    let dir = tempfile::tempdir().unwrap();
    let is_changed = |d: &Difference| matches!(d, Difference::Changed { .. });

    let mut wb = compared(dir.path());
    settle(&mut wb, is_changed, Settle::TakeTheirs);
    let tafas: Vec<&str> = wb
        .project()
        .annotations
        .iter()
        .filter(|a| a.exact == "Tafas")
        .map(|a| a.tag.as_str())
        .collect();
    assert_eq!(tafas, ["actor"], "ours now says what theirs says");

    let mut wb = compared(dir.path());
    settle(&mut wb, is_changed, Settle::TakeBoth);
    let mut tafas: Vec<&str> = wb
        .project()
        .annotations
        .iter()
        .filter(|a| a.exact == "Tafas")
        .map(|a| a.tag.as_str())
        .collect();
    tafas.sort();
    assert_eq!(tafas, ["actor", "location"]);

    let mut wb = compared(dir.path());
    let before = wb.project().clone();
    settle(&mut wb, is_changed, Settle::KeepMine);
    assert_eq!(wb.project(), &before, "keeping mine changes nothing");
    assert!(
        !wb.article_comparison()
            .unwrap()
            .differences
            .iter()
            .any(is_changed)
    );
}

#[test]
fn take_theirs_on_a_span_only_we_marked_removes_ours() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = compared(dir.path());
    settle(
        &mut wb,
        |d| matches!(d, Difference::MineOnly { .. }),
        Settle::TakeTheirs,
    );
    assert!(
        wb.project()
            .annotations
            .iter()
            .all(|a| a.exact != "the talks")
    );
    wb.run(Action::Run(Command::Undo), &mut NoDialogs);
    assert!(
        wb.project()
            .annotations
            .iter()
            .any(|a| a.exact == "the talks")
    );
}

#[test]
fn a_broken_file_to_compare_with_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.sitrep");
    std::fs::write(&bad, "not json").unwrap();
    let mut wb = Workbench::new(Project::new("p"), None);
    let mut dialogs = ScriptedDialogs {
        open: vec![bad],
        ..Default::default()
    };
    wb.run(Action::Run(Command::CompareWith), &mut dialogs);
    assert!(wb.comparison().is_none());
    assert!(
        wb.status().text.contains("bad.sitrep"),
        "{}",
        wb.status().text
    );
}

#[test]
fn the_window_shows_the_differences_and_takes_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let (mine, path) = two_sides(dir.path());
    let dialogs = ScriptedDialogs {
        open: vec![path],
        ..Default::default()
    };
    let app = SitrepApp::new(mine, None, Box::new(dialogs));
    let mut h = Harness::builder()
        .with_size([1300.0, 850.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SitrepApp| app.run_frame(ui), app);
    h.run_steps(2);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Compare with…").click();
    h.run_steps(3);
    h.get_by_label("Compared with theirs.sitrep");
    h.get_by_label_contains("exact F1 0.00");
    h.get_by_label("3 differences");
    h.get_all_by_label("Take theirs").last().unwrap().click();
    h.run_steps(3);
    h.get_by_label("2 differences");
    assert!(
        h.state()
            .workbench()
            .project()
            .annotations
            .iter()
            .any(|a| a.exact == "Hawran Monitor")
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    h.get_by_label("3 differences");
}
