//! Kill a process while it saves a large project, many times, at random points: the project
//! file must always load as the old or the new version.
//!
//! The saving child is this test binary run again with `SITREP_KILL_CHILD` set (see
//! [`child_saver`]), so `cargo test` needs nothing else. The child saves two versions of a
//! several-megabyte project in turn through [`write_atomic_with`] with backups on, exactly the
//! path [`save_project`] takes (it serialises, then calls that), writing each in 64 KB chunks
//! and printing a line after every chunk and every completed save. The bytes of both versions
//! come from files the parent wrote, so the child starts fast and the parent can compare the
//! result byte for byte. The parent reads a random number of those lines and
//! then sends SIGKILL: the kill lands wherever the child has got to by then (mid-write, during
//! the fsync, the backup link or the rename), without any sleeping or timing.
//!
//! Stray temp files: a save killed mid-write leaves its temp file (`.NAME.XXXXXX.tmp`), and
//! the next save removes it before writing its own, so at any moment at most one exists.

use crate::common;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use sitrep::io::atomic::stray_temp_files;
use sitrep::io::{backup_path, load_project, project_to_bytes, save_project, write_atomic_with};
use sitrep::model::Project;

const CHILD_ENV: &str = "SITREP_KILL_CHILD";
const KILLS: usize = 30;
const CHUNK: usize = 64 * 1024;

fn versions() -> (Project, Project) {
    let a = common::large_project("version A", 3);
    let mut b = a.clone();
    b.name = "version B".into();
    b.annotations.truncate(b.annotations.len() / 2);
    (a, b)
}

/// The child: save A and B in turn, forever, reporting progress on stdout. Does nothing (and
/// passes) when run as an ordinary test. The env var holds the folder with `a.bytes`,
/// `b.bytes`, and the project `work/big.sitrep`.
#[test]
fn child_saver() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let path = dir.join("work").join("big.sitrep");
    let bytes = [
        std::fs::read(dir.join("a.bytes")).unwrap(),
        std::fs::read(dir.join("b.bytes")).unwrap(),
    ];
    let mut out = std::io::stdout().lock();
    for round in 0.. {
        write_atomic_with(&path, true, |w| {
            for chunk in bytes[round % 2].chunks(CHUNK) {
                w.write_all(chunk)?;
                // Progress must reach the parent now, so it can kill mid-write.
                writeln!(out, "chunk")?;
                out.flush()?;
            }
            Ok(())
        })
        .unwrap();
        writeln!(out, "saved").unwrap();
        out.flush().unwrap();
    }
}

/// A small deterministic random number generator (xorshift), seeded per run from the clock:
/// the kill points differ between runs; the seed is printed to reproduce a failure.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The file must hold exactly version A or version B; returns which.
fn check_file(path: &Path, a: &[u8], b: &[u8], what: &str) -> &'static str {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{what}: {e}"));
    if bytes == a {
        "A"
    } else if bytes == b {
        "B"
    } else {
        panic!(
            "{what}: {} bytes, neither version A nor version B",
            bytes.len()
        )
    }
}

#[test]
fn killing_a_save_at_random_points_never_corrupts_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let path = work.join("big.sitrep");
    let (a, b) = versions();
    let a_bytes = project_to_bytes(&a).unwrap();
    let b_bytes = project_to_bytes(&b).unwrap();
    assert!(a_bytes.len() > 3_000_000, "several MB");
    std::fs::write(dir.path().join("a.bytes"), &a_bytes).unwrap();
    std::fs::write(dir.path().join("b.bytes"), &b_bytes).unwrap();
    save_project(&path, &a).unwrap();

    let seed = std::env::var("SITREP_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("kill test seed: {seed} (set SITREP_KILL_SEED to repeat)");
    let mut rng = Rng(seed);
    let chunks_per_save = a_bytes.len().div_ceil(CHUNK) as u64;
    let mut seen = std::collections::BTreeSet::new();
    let mut mid_write = 0;

    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "kill::child_saver",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        // Anywhere within the first two saves and a bit.
        let target = rng.below(chunks_per_save * 2 + 4);
        for _ in 0..target {
            match lines.next() {
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        drop(lines);

        let what = format!("after kill {kill} at line {target}");
        seen.insert(check_file(&path, &a_bytes, &b_bytes, &what));
        let backup = backup_path(&path);
        if backup.exists() {
            check_file(&backup, &a_bytes, &b_bytes, &format!("backup {what}"));
        }
        let strays = stray_temp_files(&path);
        assert!(strays.len() <= 1, "after kill {kill}: {strays:?}");
        mid_write += strays.len();
    }

    // Byte equality implies it loads; check the loader agrees once.
    let loaded = load_project(&path).unwrap();
    assert!(loaded == a || loaded == b);
    // A clean save afterwards leaves no temp file at all.
    save_project(&path, &b).unwrap();
    assert!(stray_temp_files(&path).is_empty());
    assert_eq!(common::list_dir(&work), ["big.sitrep", "big.sitrep.bak"]);
    eprintln!("versions seen after kills: {seen:?}; kills that left a temp file: {mid_write}");
}
