//! Two writers, one file: every writing command holds the project's lock for its whole
//! read-modify-write, waits briefly for another writer, and otherwise refuses naming it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use sitrep::io::{ProjectLock, load_project, save_project};
use sitrep::model::{Article, Project};

const WORDS: [&str; 6] = ["Sarmada", "Husaybah", "Qaim", "Deir", "Mayadin", "Hajin"];

fn project_file(dir: &Path) -> std::path::PathBuf {
    let mut p = Project::new("Lock");
    let text = WORDS.join(" was hit. ");
    p.articles.push(Article::new("art-1", "Strikes", text));
    let path = dir.join("p.sitrep");
    save_project(&path, &p).unwrap();
    path
}

fn tag(path: &Path, word: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "tag",
            &path.to_string_lossy(),
            "--tag",
            "location",
            "--match",
            word,
        ])
        .env_remove("SITREP_ANALYST")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

#[test]
fn a_writer_refuses_while_another_process_holds_the_lock_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let before = std::fs::read(&path).unwrap();
    let held = ProjectLock::acquire(&path).unwrap();
    let o: Output = tag(&path, "Sarmada").wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("process {}", std::process::id()))
            && err.contains("being changed by another Sitrep")
            && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
    // Reading needs no lock.
    let check = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["check", &path.to_string_lossy()])
        .output()
        .unwrap();
    assert!(check.status.success());
    drop(held);
    let o = tag(&path, "Sarmada").wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn concurrent_writers_never_lose_a_reported_change() {
    let dir = tempfile::tempdir().unwrap();
    // Two and three writers at once, several times over.
    for (round, writers) in [2, 3, 2, 3, 2, 3].into_iter().enumerate() {
        let folder = dir.path().join(format!("r{round}"));
        std::fs::create_dir_all(&folder).unwrap();
        let path = project_file(&folder);
        let words = &WORDS[round % 2..round % 2 + writers];
        let children: Vec<(&str, Child)> = words.iter().map(|w| (*w, tag(&path, w))).collect();
        let mut succeeded = Vec::new();
        for (word, child) in children {
            let o = child.wait_with_output().unwrap();
            if o.status.success() {
                succeeded.push(word);
            } else {
                let err = String::from_utf8_lossy(&o.stderr);
                assert!(err.contains("being changed by another Sitrep"), "{err}");
            }
        }
        let after = load_project(&path).unwrap();
        for word in &succeeded {
            assert!(
                after.annotations.iter().any(|a| a.exact == *word),
                "round {round}: {word} reported saved but is missing"
            );
        }
        assert_eq!(after.annotations.len(), succeeded.len());
        assert!(!succeeded.is_empty());
    }
}

#[test]
fn litter_of_interrupted_saves_is_removed_by_the_next_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let save_temp = dir.path().join(".p.sitrep.Ab12Cd.tmp");
    let old_lock_temp = dir.path().join(".sitrep-lock.Zz9Yy8.tmp");
    let fresh_lock_temp = dir.path().join(".sitrep-lock.Qq1Ww2.tmp");
    let neighbour = dir.path().join(".other.sitrep.Ab12Cd.tmp");
    for f in [&save_temp, &old_lock_temp, &fresh_lock_temp, &neighbour] {
        std::fs::write(f, b"partial").unwrap();
    }
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old_lock_temp)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    let o = tag(&path, "Sarmada").wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!save_temp.exists(), "the project's own temp file is gone");
    assert!(
        !old_lock_temp.exists(),
        "a lock temp file of a dead process is gone"
    );
    assert!(fresh_lock_temp.exists(), "one that may be in use stays");
    assert!(
        neighbour.exists(),
        "another project's temp file is not ours to remove"
    );
}
