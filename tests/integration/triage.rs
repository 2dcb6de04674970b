//! Triage of a batch: article statuses and document labels through the project file, their
//! checks, the keys and the article list in the real window, and exports that leave out the
//! articles a label excludes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::one_strike;

use std::process::Command as Process;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use sitrep::io::{parse_project, project_to_bytes, save_project};
use sitrep::model::{ArticleStatus, DocLabel, Edit, Project};
use sitrep::ui::SitrepApp;

/// The one-strike project with a "Relevant: yes / no / unsure" label whose "no" leaves an
/// article out of exports.
fn project() -> Project {
    let mut p = one_strike::project();
    let mut relevant = DocLabel::with_values("relevant", "Relevant", &["yes", "no", "unsure"]);
    relevant.values[1].excluded = true;
    relevant.description = "Does the article report violence in the study area?".to_owned();
    p.apply(Edit::SetDocLabels(vec![relevant])).unwrap();
    p
}

#[test]
fn statuses_and_labels_round_trip_and_undefined_values_are_refused() {
    let mut p = project();
    let mut a = p.articles[0].clone();
    a.status = ArticleStatus::Reviewed;
    a.labels.insert("relevant".into(), "unsure".into());
    p.apply(Edit::UpdateArticle(a.clone())).unwrap();
    let bytes = project_to_bytes(&p).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"status\": \"reviewed\""));
    assert!(text.contains("\"excluded\": true"));
    let back = parse_project(&bytes).unwrap();
    assert_eq!(back.articles[0].status, ArticleStatus::Reviewed);
    assert_eq!(back.articles[0].labels["relevant"], "unsure");
    assert_eq!(back.doc_labels, p.doc_labels);
    assert_eq!(
        back.articles[1].status,
        ArticleStatus::ToDo,
        "omitted means to do"
    );

    // A value no label defines is refused by the edit and by the loader.
    let mut bad = a.clone();
    bad.labels.insert("relevant".into(), "maybe".into());
    let err = p.apply(Edit::UpdateArticle(bad)).unwrap_err().to_string();
    assert!(err.contains("relevant: \"maybe\" is not defined"), "{err}");
    let broken = text.replacen("\"relevant\": \"unsure\"", "\"relevant\": \"maybe\"", 1);
    let err = parse_project(broken.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("document label \"relevant\""), "{err}");
    // A label still in use cannot lose the value.
    let mut fewer = p.doc_labels.clone();
    fewer[0].values.retain(|v| v.value != "unsure");
    let err = p.apply(Edit::SetDocLabels(fewer)).unwrap_err().to_string();
    assert!(err.contains("take it off them first"), "{err}");
    let mut twice = p.doc_labels.clone();
    twice[0].values[2].key = Some('1');
    let err = p.apply(Edit::SetDocLabels(twice)).unwrap_err().to_string();
    assert!(err.contains("key '1' gives two values"), "{err}");
}

fn harness(p: Project) -> Harness<'static, SitrepApp> {
    one_strike::window(p, [1400.0, 900.0])
}

#[test]
fn keys_set_status_and_labels_and_the_list_counts_and_filters_by_them() {
    let mut h = harness(project());
    h.get_by_label("0 of 4 articles done");
    h.key_press_modifiers(Modifiers::ALT, Key::Num3);
    h.run_steps(2);
    h.key_press(Key::Num2); // relevant: no
    h.run_steps(3);
    let a = h.state().workbench().project().articles[0].clone();
    assert_eq!(a.status, ArticleStatus::Done);
    assert_eq!(a.labels["relevant"], "no");
    h.get_by_label("1 of 4 articles done");
    // Each is its own undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state().workbench().project().articles[0]
            .labels
            .is_empty()
    );
    assert_eq!(
        h.state().workbench().project().articles[0].status,
        ArticleStatus::Done
    );

    // The next unfinished article, then a status from a row's menu.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::CloseBracket);
    h.run_steps(2);
    assert_eq!(
        h.state().workbench().view().current_article.as_deref(),
        Some("art-2")
    );
    h.get_by_value("any status").click();
    h.run_steps(2);
    h.get_by_label("done (1)").click();
    h.run_steps(3);
    h.get_by_label("1 of 4 shown");
    h.get_by_label_contains("Report art-1").click_secondary();
    h.run_steps(2);
    h.get_by_label("reviewed").click();
    h.run_steps(3);
    assert_eq!(
        h.state().workbench().project().articles[0].status,
        ArticleStatus::Reviewed
    );
    h.get_by_label("0 of 4 shown");
}

#[test]
fn exports_leave_out_the_articles_a_label_excludes_unless_told_to_keep_them() {
    let mut p = project();
    let mut a = p.articles[1].clone();
    a.labels.insert("relevant".into(), "no".into());
    p.apply(Edit::UpdateArticle(a)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sitrep");
    save_project(&path, &p).unwrap();
    let export = |keep: bool| {
        let out = dir.path().join(format!("out-{keep}.jsonl"));
        let mut cmd = Process::new(env!("CARGO_BIN_EXE_sitrep"));
        cmd.args(["export".as_ref(), path.as_os_str()])
            .args(["--format", "doccano", "--out"])
            .arg(&out);
        if keep {
            cmd.arg("--keep-excluded");
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let said = String::from_utf8(o.stdout).unwrap();
        let lines = std::fs::read_to_string(out).unwrap().lines().count();
        (said, lines)
    };
    let (said, lines) = export(false);
    assert_eq!(lines, 3);
    assert!(
        said.contains("left out 1 article a document label excludes"),
        "{said}"
    );
    let (said, lines) = export(true);
    assert_eq!(lines, 4);
    assert!(!said.contains("left out"), "{said}");
    // Incidents keep only the evidence of the articles exported.
    let (kept, n) = p.without_excluded();
    assert_eq!(n, 1);
    assert!(kept.incident("inc-2").unwrap().evidence.is_empty());
    assert!(sitrep::model::validate(&kept).is_empty());
}

#[test]
fn the_corpus_search_lists_only_the_hits_in_articles_with_a_label_value() {
    let mut p = project();
    let mut a = p.articles[1].clone();
    a.labels.insert("relevant".into(), "no".into());
    p.apply(Edit::UpdateArticle(a)).unwrap();
    let mut h = harness(p);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search all articles")
        .type_text("husaybah");
    h.run_steps(3);
    h.get_by_label("3 hits in 3 articles");
    h.get_by_value("any article").click();
    h.run_steps(2);
    h.get_by_label("Relevant: no").click();
    h.run_steps(3);
    h.get_by_label("1 shown");
}
