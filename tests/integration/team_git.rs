//! Two analysts, one git repository, `sitrep merge-driver` as git's merge driver for
//! `*.sitrep`: the real `git` and the real `sitrep` binary in a temp folder. Skipped, with a
//! message, where git is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::{apply, find, sample_project};
use sitrep::io::load_project;
use sitrep::model::{Edit, Entity, Incident, Project, validate};

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        // The test's repository alone decides: no user or system settings, no hooks.
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .expect("git runs")
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A repository with the driver configured and the sample project committed on `main`.
fn repository(dir: &Path) -> Project {
    ok(dir, &["init", "-q", "-b", "main"]);
    ok(dir, &["config", "user.name", "Lead"]);
    ok(dir, &["config", "user.email", "lead@example.org"]);
    ok(dir, &["config", "commit.gpgsign", "false"]);
    let driver = format!("\"{}\" merge-driver %O %A %B", env!("CARGO_BIN_EXE_sitrep"));
    ok(
        dir,
        &["config", "merge.sitrep.name", "Sitrep three-way merge"],
    );
    ok(dir, &["config", "merge.sitrep.driver", &driver]);
    std::fs::write(dir.join(".gitattributes"), "*.sitrep merge=sitrep\n").unwrap();
    let mut base = sample_project("convoys");
    let idlib = Entity::new("ent-2", "location", "Al Qaim");
    apply(
        &mut base,
        Edit::InsertEntity {
            index: 1,
            entity: idlib,
        },
    );
    write(dir, &base);
    ok(dir, &["add", "."]);
    ok(dir, &["commit", "-q", "-m", "base"]);
    base
}

/// Write the project file as Sitrep saves it, without the `.bak` a save keeps (which would
/// show up as an untracked file).
fn write(dir: &Path, p: &Project) {
    let bytes = sitrep::io::project_to_bytes(p).unwrap();
    std::fs::write(dir.join("corpus.sitrep"), bytes).unwrap();
}

/// Commit the project as it is on `branch` (made from main).
fn commit_on(dir: &Path, branch: &str, p: &Project, message: &str) {
    ok(dir, &["checkout", "-q", "-B", branch, "main"]);
    write(dir, p);
    ok(dir, &["commit", "-q", "-am", message]);
}

fn add(p: &mut Project, needle: &str, tag: &str, entity: Option<&str>) -> String {
    let text = p.articles[0].text.clone();
    let mut ann = p
        .make_annotation("art-1", find(&text, needle), tag)
        .unwrap();
    ann.entity = entity.map(str::to_owned);
    let id = ann.id.clone();
    apply(p, Edit::InsertAnnotation(ann));
    id
}

fn analyst(p: &Project, who: &str) -> Project {
    let mut c = p.clone();
    c.analyst = Some(who.to_owned());
    c
}

#[test]
fn two_analysts_merge_through_git_without_losing_anything() {
    if !git_available() {
        eprintln!("skipped: git is not installed (`git --version` failed)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let base = repository(repo);

    // Maya: two spans, one mentioning ent-2, and an incident citing one of them.
    let mut maya = analyst(&base, "Maya");
    let m1 = add(&mut maya, "Two aircraft", "actor", None);
    let m2 = add(&mut maya, "highway", "location", Some("ent-2"));
    let mut inc = Incident::new(maya.alloc_id("inc"), "Convoy struck on the highway");
    inc.evidence = vec![m2.clone()];
    apply(
        &mut maya,
        Edit::InsertIncident {
            index: 1,
            incident: inc,
        },
    );
    commit_on(repo, "maya", &maya, "Maya's coding");

    // Omar: a span of his own and the entity merge ent-2 → ent-1 (the same place).
    let mut omar = analyst(&base, "Omar");
    let o1 = add(&mut omar, "local official", "actor", None);
    let edit = omar.merge_entities_edit("ent-2", "ent-1").unwrap();
    apply(&mut omar, edit);
    commit_on(repo, "omar", &omar, "Omar's coding");

    ok(repo, &["checkout", "-q", "maya"]);
    let out = git(repo, &["merge", "--no-edit", "omar"]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read_to_string(repo.join("corpus.sitrep")).unwrap();
    assert!(!bytes.contains("<<<<<<<") && !bytes.contains(">>>>>>>"));
    let merged = load_project(&repo.join("corpus.sitrep")).unwrap();
    assert!(validate(&merged).is_empty());
    for id in ["ann-1", "ann-2", &m1, &m2, &o1] {
        assert!(merged.annotation(id).is_some(), "{id} kept");
    }
    assert!(merged.entity("ent-2").is_none(), "Omar's merge holds");
    assert_eq!(
        merged.annotation(&m2).unwrap().entity.as_deref(),
        Some("ent-1")
    );
    assert_eq!(merged.incidents.len(), 2);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let status = git(repo, &["status", "--porcelain"]);
    assert!(
        status.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn a_true_conflict_stops_the_merge_and_is_listed_in_the_file() {
    if !git_available() {
        eprintln!("skipped: git is not installed (`git --version` failed)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let base = repository(repo);
    for (branch, who, note) in [
        ("maya", "Maya", "seen on video"),
        ("omar", "Omar", "rumour"),
    ] {
        let mut p = analyst(&base, who);
        let mut ann = p.annotation("ann-1").unwrap().clone();
        ann.note = note.to_owned();
        apply(&mut p, Edit::UpdateAnnotation(ann));
        commit_on(repo, branch, &p, note);
    }
    ok(repo, &["checkout", "-q", "maya"]);
    let out = git(repo, &["merge", "--no-edit", "omar"]);
    assert!(!out.status.success(), "git reports the conflict");
    let bytes = std::fs::read_to_string(repo.join("corpus.sitrep")).unwrap();
    assert!(!bytes.contains("<<<<<<<"));
    let merged = load_project(&repo.join("corpus.sitrep")).unwrap();
    assert_eq!(merged.annotation("ann-1").unwrap().note, "seen on video");
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!((c.id.as_str(), c.field.as_str()), ("ann-1", "note"));
    assert_eq!(c.theirs, serde_json::json!("rumour"));
}
