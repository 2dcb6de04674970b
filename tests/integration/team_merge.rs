//! `sitrep merge`, `sitrep merge-driver` and `sitrep diff`, run in-process on projects saved
//! to a temp folder: exit codes, what is printed, what the file holds afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use common::{apply, find, sample_project};
use sitrep::cli::CliError;
use sitrep::io::{load_project, save_project};
use sitrep::model::{Edit, Project};

const TEXT_PART: &str = "Four drivers were killed";

/// A base and two analysts' copies saved in `dir`: `(base, ours, theirs)`.
fn three(dir: &Path, ours: &Project, theirs: &Project, base: &Project) -> [PathBuf; 3] {
    let paths = ["base.sitrep", "ours.sitrep", "theirs.sitrep"].map(|n| dir.join(n));
    for (path, p) in paths.iter().zip([base, ours, theirs]) {
        save_project(path, p).unwrap();
    }
    paths
}

fn copy(p: &Project, who: &str) -> Project {
    let mut c = p.clone();
    c.analyst = Some(who.to_owned());
    c
}

fn add(p: &mut Project, needle: &str, tag: &str) -> String {
    let text = p.articles[0].text.clone();
    let ann = p
        .make_annotation("art-1", find(&text, needle), tag)
        .unwrap();
    let id = ann.id.clone();
    apply(p, Edit::InsertAnnotation(ann));
    id
}

fn set_note(p: &mut Project, id: &str, note: &str) {
    let mut ann = p.annotation(id).unwrap().clone();
    ann.note = note.to_owned();
    apply(p, Edit::UpdateAnnotation(ann));
}

/// Run the CLI in-process; the result and what it printed.
fn cli(args: &[&std::ffi::OsStr]) -> (Result<(), CliError>, String) {
    let mut argv: Vec<OsString> = vec!["sitrep".into()];
    argv.extend(args.iter().map(|a| a.to_os_string()));
    let mut out = Vec::new();
    let result = sitrep::cli::run(argv, &mut out);
    (result, String::from_utf8(out).unwrap())
}

macro_rules! cli {
    ($($arg:expr),* $(,)?) => {
        cli(&[$(std::ffi::OsStr::new(&$arg)),*])
    };
}

#[test]
fn a_clean_merge_keeps_both_sides_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let (mut o, mut t) = (copy(&base, "Maya"), copy(&base, "Omar"));
    let mine = add(&mut o, "fuel convoy", "claim");
    let theirs = add(&mut t, "highway", "location");
    let [b, op, tp] = three(dir.path(), &o, &t, &base);
    let out = dir.path().join("merged.sitrep");
    let (result, printed) = cli!("merge", b, op, tp, "-o", out);
    result.unwrap();
    assert!(
        printed.starts_with(&format!("merged into {}", out.display())),
        "{printed}"
    );
    assert!(
        printed.contains("annotations: 1 added by ours, 1 added by theirs"),
        "{printed}"
    );
    assert!(!printed.contains("conflict:"), "{printed}");
    let merged = load_project(&out).unwrap();
    assert!(merged.annotation(&mine).is_some() && merged.annotation(&theirs).is_some());
    assert!(merged.conflicts.is_empty());
    let (check, _) = cli!("check", out);
    check.unwrap();
}

#[test]
fn a_conflicting_merge_writes_ours_with_the_conflict_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let (mut o, mut t) = (copy(&base, "Maya"), copy(&base, "Omar"));
    set_note(&mut o, "ann-1", "near the border crossing");
    set_note(&mut t, "ann-1", "the town itself");
    let [b, op, tp] = three(dir.path(), &o, &t, &base);
    let out = dir.path().join("merged.sitrep");
    let (result, printed) = cli!("merge", b, op, tp, "--out", out);
    let err = result.expect_err("conflicts left");
    assert_eq!(err.exit_code(), 1);
    assert!(matches!(err, CliError::Conflicts { count: 1, .. }), "{err}");
    assert!(err.to_string().contains("1 conflict left"), "{err}");
    assert!(
        printed.contains(
            "conflict: annotation ann-1 · note: ours \"near the border crossing\" theirs \"the town itself\""
        ),
        "{printed}"
    );
    let merged = load_project(&out).unwrap();
    assert_eq!(
        merged.annotation("ann-1").unwrap().note,
        "near the border crossing"
    );
    assert_eq!(merged.conflicts.len(), 1);
    let c = &merged.conflicts[0];
    assert_eq!(
        (c.item.as_str(), c.id.as_str(), c.field.as_str()),
        ("annotation", "ann-1", "note")
    );
    assert_eq!(c.theirs, serde_json::json!("the town itself"));
    let (check, _) = cli!("check", out);
    check.unwrap();
}

#[test]
fn long_values_are_cut_on_the_conflict_line() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let (mut o, mut t) = (base.clone(), base.clone());
    set_note(&mut o, "ann-2", &"a".repeat(200));
    set_note(&mut t, "ann-2", "short");
    let [b, op, tp] = three(dir.path(), &o, &t, &base);
    let (result, printed) = cli!("merge", b, op, tp, "-o", op);
    assert_eq!(result.unwrap_err().exit_code(), 1);
    let line = printed
        .lines()
        .find(|l| l.starts_with("conflict:"))
        .unwrap();
    assert!(line.chars().count() < 160, "{line}");
    assert!(line.contains('…'), "{line}");
    // OURS may be the output, as git does; its old version is kept as the backup.
    assert!(load_project(&op).unwrap().conflicts.len() == 1);
    assert!(sitrep::io::backup_path(&op).exists());
}

#[test]
fn the_output_may_not_be_base_or_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let mut t = base.clone();
    add(&mut t, "highway", "location");
    let [b, op, tp] = three(dir.path(), &base, &t, &base);
    for target in [&b, &tp] {
        let before = std::fs::read(target).unwrap();
        let (result, printed) = cli!("merge", b, op, tp, "-o", target);
        let err = result.expect_err("refused");
        assert_eq!(err.exit_code(), 2, "{err}");
        assert!(
            err.to_string().contains("only OURS may be overwritten"),
            "{err}"
        );
        assert!(printed.is_empty());
        assert_eq!(std::fs::read(target).unwrap(), before);
    }
}

#[test]
fn a_broken_input_names_the_file_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let [b, op, tp] = three(dir.path(), &base, &base, &base);
    std::fs::write(
        &tp,
        b"{\"format\": \"sitrep/project\", \"version\": 1, \"name\": ",
    )
    .unwrap();
    let out = dir.path().join("merged.sitrep");
    let (result, _) = cli!("merge", b, op, tp, "-o", out);
    let err = result.expect_err("broken theirs");
    assert_eq!(err.exit_code(), 2);
    let msg = err.to_string();
    assert!(
        msg.contains("theirs.sitrep") && msg.contains("nothing written"),
        "{msg}"
    );
    assert!(!out.exists());

    let before = std::fs::read(&op).unwrap();
    let (result, _) = cli!("merge-driver", b, op, tp);
    assert_eq!(result.unwrap_err().exit_code(), 2);
    assert_eq!(std::fs::read(&op).unwrap(), before, "%A untouched");
}

#[test]
fn the_driver_merges_into_ours_in_place_without_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let (mut o, mut t) = (copy(&base, "Maya"), copy(&base, "Omar"));
    let mine = add(&mut o, TEXT_PART, "claim");
    let theirs = add(&mut t, "highway", "location");
    let [b, op, tp] = three(dir.path(), &o, &t, &base);
    let (result, printed) = cli!("merge-driver", b, op, tp);
    result.unwrap();
    assert!(printed.contains("merged into"), "{printed}");
    let merged = load_project(&op).unwrap();
    assert!(merged.annotation(&mine).is_some() && merged.annotation(&theirs).is_some());
    assert!(!sitrep::io::backup_path(&op).exists());
    let names = common::list_dir(dir.path());
    assert_eq!(names, ["base.sitrep", "ours.sitrep", "theirs.sitrep"]);
}

#[test]
fn diff_lists_what_changed_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample_project("convoys");
    let mut b = copy(&a, "Omar");
    let added = add(&mut b, "highway", "location");
    set_note(&mut b, "ann-2", "two sources");
    let [_, pa, pb] = three(dir.path(), &a, &b, &a);
    let (result, text) = cli!("diff", pa, pb);
    result.unwrap();
    assert!(
        text.contains(&format!("only in B: {added} location")),
        "{text}"
    );
    assert!(
        text.contains("changed: ann-2 · note: \"\" → \"two sources\""),
        "{text}"
    );
    let (result, json) = cli!("diff", pa, pb, "--json");
    result.unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["annotations"]["only_in_b"][0]["id"], added.as_str());
    assert_eq!(v["annotations"]["changed"][0]["fields"][0]["field"], "note");
    let (result, same) = cli!("diff", pa, pa);
    result.unwrap();
    assert!(same.contains("no differences"), "{same}");
}

#[test]
fn the_driver_takes_an_empty_ancestor_as_an_empty_project() {
    // git's add/add case: both branches created the file.
    let dir = tempfile::tempdir().unwrap();
    let base = sample_project("convoys");
    let (mut o, t) = (copy(&base, "Maya"), copy(&base, "Omar"));
    let mine = add(&mut o, "highway", "location");
    let [b, op, tp] = three(dir.path(), &o, &t, &base);
    std::fs::write(&b, b"").unwrap();
    let (result, _) = cli!("merge-driver", b, op, tp);
    result.unwrap();
    let merged = load_project(&op).unwrap();
    assert!(merged.annotation(&mine).is_some());
    assert_eq!(merged.annotations.len(), base.annotations.len() + 1);
}

/// A small deterministic generator, so the random edits below are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// One random edit through the model's builders (an edit the model refuses is skipped).
fn random_edit(p: &mut Project, rng: &mut Lcg) {
    let len = p.articles[0].len_chars();
    let pick_ann = |p: &Project, rng: &mut Lcg| {
        let n = p.annotations.len();
        (n > 0).then(|| p.annotations[rng.below(n)].id.clone())
    };
    let pick_ent = |p: &Project, rng: &mut Lcg| {
        let n = p.entities.len();
        (n > 0).then(|| p.entities[rng.below(n)].id.clone())
    };
    let edit = match rng.below(7) {
        0 | 1 => {
            let start = rng.below(len - 10);
            let span = sitrep::model::CharSpan::new(start, start + 1 + rng.below(8));
            let tag = ["actor", "location", "claim"][rng.below(3)];
            p.make_annotation("art-1", span, tag)
                .ok()
                .map(Edit::InsertAnnotation)
        }
        2 => pick_ann(p, rng).map(|id| p.delete_annotation_edit(&id)),
        3 => pick_ann(p, rng).map(|id| {
            let mut ann = p.annotation(&id).unwrap().clone();
            ann.note = format!("note {}", rng.below(3));
            ann.entity = pick_ent(p, rng);
            Edit::UpdateAnnotation(ann)
        }),
        4 => match (pick_ent(p, rng), pick_ent(p, rng)) {
            (Some(a), Some(b)) if a != b => p.merge_entities_edit(&a, &b).ok(),
            _ => None,
        },
        5 => {
            let id = p.alloc_id("ent");
            let entity = sitrep::model::Entity::new(id, "actor", format!("Group {}", rng.below(9)));
            Some(Edit::InsertEntity { index: 0, entity })
        }
        _ => pick_ann(p, rng).map(|ev| {
            let mut inc = sitrep::model::Incident::new(p.alloc_id("inc"), "Event");
            inc.evidence = vec![ev];
            inc.location = pick_ent(p, rng);
            Edit::InsertIncident {
                index: 0,
                incident: inc,
            }
        }),
    };
    if let Some(edit) = edit {
        p.apply(edit).ok();
    }
}

#[test]
fn random_work_on_both_sides_always_merges_to_a_valid_project_losing_no_span() {
    let base = sample_project("convoys");
    for seed in 1..=300u64 {
        let mut rng = Lcg(seed);
        let (mut o, mut t) = if seed % 2 == 0 {
            (copy(&base, "Maya"), copy(&base, "Omar"))
        } else {
            // Old-style ids on both sides, so ids clash.
            (base.clone(), base.clone())
        };
        for _ in 0..25 {
            random_edit(&mut o, &mut rng);
            random_edit(&mut t, &mut rng);
        }
        let out = sitrep::team::merge(&base, &o, &t);
        let problems = sitrep::model::validate(&out.project);
        assert!(problems.is_empty(), "seed {seed}: {problems:?}");
        // Every span either side added is in the result (under some id, placed or orphaned).
        let held: std::collections::HashSet<(String, usize, usize)> = out
            .project
            .annotations
            .iter()
            .chain(&out.project.orphans)
            .map(|a| (a.tag.clone(), a.start.0, a.end.0))
            .collect();
        for side in [&o, &t] {
            for a in &side.annotations {
                if base.annotation(&a.id).is_none() {
                    let key = (a.tag.clone(), a.start.0, a.end.0);
                    assert!(held.contains(&key), "seed {seed}: {} lost", a.id);
                }
            }
        }
    }
}
