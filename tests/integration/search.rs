//! Search across the corpus: the panel (Ctrl+Shift+F) in the real window, tagging one hit with
//! Enter and every hit shown in one undo step, and `sitrep search` headless.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::one_strike;

use std::process::Command as Process;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::io::{load_project, save_project};
use sitrep::model::{Article, Project};
use sitrep::ui::SitrepApp;

/// The one-strike reports, plus one spelling the town with an accent and in capitals.
fn project() -> Project {
    let mut p = one_strike::project();
    let mut a = Article::new(
        "art-6",
        "Report art-6",
        "HUSAYBAH: smoke over \u{1E24}usaybah again; the Husaybahs road was shut.",
    );
    a.source = "Valley Courier".to_owned();
    p.articles.push(a);
    p
}

fn harness(p: Project) -> Harness<'static, SitrepApp> {
    one_strike::window(p, [1400.0, 1000.0])
}

/// Locations annotated in art-6, the article whose mentions start untagged.
fn count_tagged(h: &Harness<'_, SitrepApp>) -> usize {
    h.state()
        .workbench()
        .project()
        .annotations_slice("art-6")
        .iter()
        .filter(|a| a.tag == "location")
        .count()
}

#[test]
fn the_panel_lists_hits_in_context_and_tags_one_with_enter_and_all_in_one_step() {
    let mut h = harness(project());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    h.get_by_role_and_label(Role::TextInput, "Search all articles")
        .type_text("husaybah");
    h.run_steps(3);
    // Three reports name it once each (already tagged), art-6 three times: the capitals, the
    // accented one and the one inside "Husaybahs".
    h.get_by_label("6 hits in 4 articles");
    h.get_by_label("Whole words").click();
    h.run_steps(3);
    h.get_by_label("5 hits in 4 articles");
    h.get_by_label("ignore accents").click();
    h.run_steps(3);
    h.get_by_label("4 hits in 4 articles");
    h.get_by_label("ignore accents").click();
    h.run_steps(3);

    // Only the untagged ones, then tag them all as a location.
    h.get_by_value("any tag or none").click();
    h.run_steps(2);
    h.get_by_label("not tagged").click();
    h.run_steps(3);
    h.get_by_label("2 shown");
    h.get_by_value("(choose)").click();
    h.run_steps(2);
    h.get_all_by_label("Location").last().unwrap().click();
    h.run_steps(2);
    let before = count_tagged(&h);
    h.get_by_label("Tag all 2 shown").click();
    h.run_steps(3);
    assert_eq!(count_tagged(&h), before + 2);
    let status = h.state().workbench().status().text.clone();
    assert_eq!(status, "Tagged 2 hits as Location (of 2 shown)");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(count_tagged(&h), before, "one undo step");

    // Enter in the field tags the selected row (the first untagged hit) and moves on.
    h.get_by_role_and_label(Role::TextInput, "Search all articles")
        .click();
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(count_tagged(&h), before + 1);
    h.get_by_label("1 shown");

    // A click on a hit shows it in its article.
    h.get_by_value("not tagged").click();
    h.run_steps(2);
    h.get_by_label("any tag or none").click();
    h.run_steps(3);
    h.get_all_by_label("HUSAYBAH").next().unwrap().click();
    h.run_steps(3);
    let view = h.state().workbench().view();
    assert_eq!(view.current_article.as_deref(), Some("art-6"));
    assert_eq!(
        view.selection.span.map(|s| (s.start.0, s.end.0)),
        Some((0, 8))
    );
}

#[test]
fn a_bad_pattern_is_one_line_in_the_panel() {
    let mut h = harness(project());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    h.get_by_label("Pattern").click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Search all articles")
        .click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::TextInput, "Search all articles")
        .type_text("(killed");
    h.run_steps(3);
    h.get_by_label_contains("not a regular expression the search understands");
}

fn sitrep(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn sitrep_search_prints_one_hit_a_line_and_tags_them_with_tag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sitrep");
    save_project(&path, &project()).unwrap();
    let p = path.as_os_str();
    let out = sitrep(&[
        "search".as_ref(),
        p,
        "husaybah".as_ref(),
        "--whole-word".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("art-1\t"), "{text}");
    assert!(lines[0].ends_with("\tHusaybah\tlocation"), "{text}");
    assert_eq!(lines[3], "art-6\t0\t8\tHUSAYBAH\t");

    let json = sitrep(&[
        "search".as_ref(),
        p,
        r"(four|five) \w+ (were )?(killed|died)".as_ref(),
        "--regex".as_ref(),
        "--json".as_ref(),
    ]);
    let rows: Vec<serde_json::Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let found: Vec<&str> = rows.iter().map(|r| r["exact"].as_str().unwrap()).collect();
    assert_eq!(
        found,
        vec!["Four guards were killed", "Five people were killed"]
    );
    assert_eq!(rows[0]["tag"], "claim");

    let tagged = sitrep(&[
        "search".as_ref(),
        p,
        "husaybah".as_ref(),
        "--whole-word".as_ref(),
        "--tag".as_ref(),
        "location".as_ref(),
    ]);
    let said = String::from_utf8(tagged.stdout).unwrap();
    assert!(
        said.ends_with("added 2 annotations tagged location for 5 hits found\n"),
        "{said}"
    );
    let back = load_project(&path).unwrap();
    assert_eq!(
        back.annotations_slice("art-6").len(),
        2,
        "the capitals and the accented one, not Husaybahs"
    );

    let cases: [(&[&str], &str); 3] = [
        (&["(", "--regex"], "not a regular expression"),
        (&["  "], "type something to search for"),
        (&["x", "--tag", "nope"], "there is no tag \"nope\""),
    ];
    for (args, says) in cases {
        let mut all: Vec<&std::ffi::OsStr> = vec!["search".as_ref(), p];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        let out = sitrep(&all);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
