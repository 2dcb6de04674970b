//! `sitrep suggest` and `sitrep import --replace`, through the real binary: exact code-point
//! offsets past emoji and curly apostrophes, accepting, rejections, re-anchoring and orphans.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::{add_article, apply, find};
use sitrep::io::{load_project, save_project};
use sitrep::model::{Edit, Entity, Project};

/// Run the binary with these arguments.
fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
}

/// Exit code 1, nothing on stdout, one `sitrep: ` line on stderr; returns that line.
fn assert_fails(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(1), "stdout: {}", stdout(o));
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.starts_with("sitrep: "), "{err:?}");
    err.trim_end().to_owned()
}

/// Offsets (Python `str` indices) of the mentions below:
/// `Qa’im` 16..21, `qa'im` 40..45, `AL-QA’IM` 50..58. `Qa'imi` is not a whole word.
const TEXT: &str =
    "📍 Shelling near Qa’im at dawn 🇸🇾; later qa'im and AL-QA’IM again. Qa'imi is not it.";

/// One article and one location entity, named with a straight apostrophe and aliased with
/// a curly one.
fn suggest_project() -> Project {
    let mut p = Project::new("suggest");
    add_article(&mut p, "art-1", TEXT);
    let mut ent = Entity::new("ent-1", "location", "Al-Qa'im");
    ent.aliases.push("Qa’im".into());
    apply(
        &mut p,
        Edit::InsertEntity {
            index: 0,
            entity: ent,
        },
    );
    p
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

#[test]
fn suggest_lists_exact_code_point_offsets_then_accept_clears_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.sitrep");
    save_project(&path, &suggest_project()).expect("saved");
    let file = path_str(&path);

    let out = sitrep(&["suggest", file, "--json"]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        concat!(
            r#"{"article":"art-1","start":16,"end":21,"exact":"Qa’im","entity":"ent-1"}"#,
            "\n",
            r#"{"article":"art-1","start":40,"end":45,"exact":"qa'im","entity":"ent-1"}"#,
            "\n",
            r#"{"article":"art-1","start":50,"end":58,"exact":"AL-QA’IM","entity":"ent-1"}"#,
            "\n",
        )
    );

    let out = sitrep(&["suggest", file]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("art-1 16..21 \"Qa’im\" -> ent-1 \"Al-Qa'im\""),
        "{text}"
    );
    assert!(text.ends_with("3 suggestions\n"), "{text}");

    let out = sitrep(&["suggest", file, "--accept"]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("added 3 annotations"),
        "{}",
        stdout(&out)
    );

    let project = load_project(&path).expect("the saved project loads");
    let spans: Vec<(usize, usize, &str, Option<&str>)> = project
        .annotations
        .iter()
        .map(|a| (a.start.0, a.end.0, a.exact.as_str(), a.entity.as_deref()))
        .collect();
    assert_eq!(
        spans,
        vec![
            (16, 21, "Qa’im", Some("ent-1")),
            (40, 45, "qa'im", Some("ent-1")),
            (50, 58, "AL-QA’IM", Some("ent-1")),
        ]
    );
    assert!(project.annotations.iter().all(|a| a.tag == "location"));

    let out = sitrep(&["suggest", file, "--json"]);
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert_ok(&sitrep(&["check", file]));

    // Nothing left to accept: nothing saved, nothing added.
    let before = std::fs::read(&path).expect("read");
    let out = sitrep(&["suggest", file, "--accept"]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("added 0 annotations"),
        "{}",
        stdout(&out)
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn rejected_suggestions_are_not_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.sitrep");
    let mut project = suggest_project();
    let found = sitrep::model::suggest::all_suggestions(&project);
    let middle = found
        .iter()
        .find(|s| s.span.start.0 == 40)
        .expect("the straight-apostrophe mention is suggested");
    project.rejected_suggestions.push(middle.rejection());
    save_project(&path, &project).expect("saved");

    let out = sitrep(&["suggest", path_str(&path), "--json"]);
    assert_ok(&out);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        vec![
            r#"{"article":"art-1","start":16,"end":21,"exact":"Qa’im","entity":"ent-1"}"#,
            r#"{"article":"art-1","start":50,"end":58,"exact":"AL-QA’IM","entity":"ent-1"}"#,
        ]
    );

    // Accepting all leaves the rejected one alone.
    assert_ok(&sitrep(&["suggest", path_str(&path), "--accept"]));
    let project = load_project(&path).expect("loads");
    assert_eq!(project.annotations.len(), 2);
    assert!(project.annotations.iter().all(|a| a.start.0 != 40));
    assert_eq!(project.rejected_suggestions.len(), 1);
}

#[test]
fn suggest_json_and_accept_do_not_mix_and_missing_files_fail_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.sitrep");
    save_project(&path, &suggest_project()).expect("saved");
    let before = std::fs::read(&path).expect("read");
    assert_fails(&sitrep(&["suggest", path_str(&path), "--json", "--accept"]));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    let missing = dir.path().join("missing.sitrep");
    let err = assert_fails(&sitrep(&["suggest", path_str(&missing)]));
    assert!(err.contains("missing.sitrep"), "{err}");
}

const OLD: &str = "Two aircraft struck a fuel convoy near Abu Kamal on Saturday. \
                   The coalition denied any involvement. \
                   Witnesses said Colonel Haddad ordered the strike.";

/// The convoy story with three annotations: `Abu Kamal` (ann-1), `coalition` (ann-2),
/// `Colonel Haddad` (ann-3).
fn replace_project() -> Project {
    let mut p = Project::new("replace");
    add_article(&mut p, "art-1", OLD);
    for (needle, tag) in [
        ("Abu Kamal", "location"),
        ("coalition", "actor"),
        ("Colonel Haddad", "actor"),
    ] {
        let ann = p
            .make_annotation("art-1", find(OLD, needle), tag)
            .expect("span on text");
        apply(&mut p, Edit::InsertAnnotation(ann));
    }
    p
}

#[test]
fn replace_reanchors_reports_and_lists_the_orphan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.sitrep");
    save_project(&path, &replace_project()).expect("saved");
    // A new lead sentence moves `Abu Kamal`; the coalition's sentence is gone; the colonel's
    // name lost a letter.
    let new_text = "Officials confirmed the attack on Sunday morning. Two aircraft struck a \
                    fuel convoy near Abu Kamal on Saturday. Witnesses said Colonel Hadad \
                    ordered the strike.";
    let new_file = dir.path().join("update.txt");
    std::fs::write(&new_file, new_text).expect("write");

    let out = sitrep(&[
        "import",
        path_str(&path),
        "--replace",
        "art-1",
        path_str(&new_file),
    ]);
    assert_ok(&out);
    let report = stdout(&out);
    assert!(
        report.contains(
            "3 annotations: 0 unchanged, 1 moved, 1 re-placed on edited text, 1 orphaned"
        ),
        "{report}"
    );
    assert!(report.contains("orphaned ann-2 \"coalition\""), "{report}");

    let project = load_project(&path).expect("the saved file loads");
    let article = project.article("art-1").expect("article kept");
    assert_eq!(article.text, new_text);
    let placed: Vec<(&str, usize, usize, &str)> = project
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), a.start.0, a.end.0, a.exact.as_str()))
        .collect();
    let kamal = find(new_text, "Abu Kamal");
    let hadad = find(new_text, "Colonel Hadad");
    assert_eq!(
        placed,
        vec![
            ("ann-1", kamal.start.0, kamal.end.0, "Abu Kamal"),
            ("ann-3", hadad.start.0, hadad.end.0, "Colonel Hadad"),
        ]
    );
    let orphans: Vec<(&str, &str)> = project
        .orphans
        .iter()
        .map(|a| (a.id.as_str(), a.exact.as_str()))
        .collect();
    assert_eq!(orphans, vec![("ann-2", "coalition")]);
    assert_ok(&sitrep(&["check", path_str(&path)]));
}

#[test]
fn replace_with_a_bad_article_id_or_file_leaves_the_project_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.sitrep");
    save_project(&path, &replace_project()).expect("saved");
    let before = std::fs::read(&path).expect("read");
    let new_file = dir.path().join("update.txt");
    std::fs::write(&new_file, "Something else entirely happened.").expect("write");

    let err = assert_fails(&sitrep(&[
        "import",
        path_str(&path),
        "--replace",
        "art-9",
        path_str(&new_file),
    ]));
    assert!(err.contains("no article \"art-9\""), "{err}");
    assert!(err.contains("art-1"), "names the articles there are: {err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    let missing = dir.path().join("missing.txt");
    assert_fails(&sitrep(&[
        "import",
        path_str(&path),
        "--replace",
        "art-1",
        path_str(&missing),
    ]));
    let err = assert_fails(&sitrep(&[
        "import",
        path_str(&path),
        "--replace",
        "art-1",
        path_str(&new_file),
        path_str(&new_file),
    ]));
    assert!(err.contains("exactly one FILE"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(
        !dir.path().join("p.sitrep.bak").exists(),
        "no save happened"
    );
}
