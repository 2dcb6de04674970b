//! The project lock: one writer per project file, stale locks cleared.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::common;

use sitrep::io::lock::{LockError, LockInfo, ProjectLock, host_name, lock_path, process_alive};

fn write_lock(project: &std::path::Path, info: &LockInfo) {
    std::fs::write(lock_path(project), serde_json::to_vec(info).unwrap()).unwrap();
}

/// The pid of a process that has just exited (and so is not alive, barring pid reuse within
/// microseconds).
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--list")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn acquire_writes_pid_host_time_and_drop_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    let lock = ProjectLock::acquire(&project).unwrap();
    assert_eq!(lock.path(), dir.path().join("p.sitrep.lock"));
    let on_disk: LockInfo = serde_json::from_slice(&std::fs::read(lock.path()).unwrap()).unwrap();
    assert_eq!(on_disk.pid, std::process::id());
    assert_eq!(on_disk.host, host_name());
    assert_eq!(&on_disk, lock.info());
    drop(lock);
    assert_eq!(common::list_dir(dir.path()), Vec::<String>::new());
}

#[test]
fn a_live_holder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    let _held = ProjectLock::acquire(&project).unwrap();
    // This process is alive, so a second acquire (the project opened twice) is refused.
    match ProjectLock::acquire(&project) {
        Err(LockError::HeldBy { pid, host, .. }) => {
            assert_eq!(pid, std::process::id());
            assert_eq!(host, host_name());
        }
        other => panic!("expected HeldBy, got {other:?}"),
    }
    let msg = ProjectLock::acquire(&project).unwrap_err().to_string();
    assert!(msg.contains("already open in another Sitrep"), "{msg}");
    assert!(msg.contains("p.sitrep"), "{msg}");
}

#[test]
fn a_lock_from_a_dead_process_is_stale_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    let pid = dead_pid();
    assert!(!process_alive(pid));
    let stale = LockInfo {
        pid,
        host: host_name(),
        since: sitrep::model::now(),
    };
    assert!(stale.is_stale());
    write_lock(&project, &stale);
    let lock = ProjectLock::acquire(&project).unwrap();
    assert_eq!(lock.info().pid, std::process::id());
    assert_eq!(ProjectLock::holder(&project).as_ref(), Some(lock.info()));
}

#[test]
fn a_lock_from_another_host_is_never_broken_silently() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    let other = LockInfo {
        pid: dead_pid(),
        host: format!("{}-elsewhere", host_name()),
        since: sitrep::model::now(),
    };
    write_lock(&project, &other);
    assert!(matches!(
        ProjectLock::acquire(&project),
        Err(LockError::HeldBy { .. })
    ));
    // The analyst chose "open anyway".
    let lock = ProjectLock::force_acquire(&project).unwrap();
    assert_eq!(lock.info().host, host_name());
}

#[test]
fn a_damaged_lock_file_is_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    std::fs::write(lock_path(&project), b"{\"pid\": 12").unwrap();
    let lock = ProjectLock::acquire(&project).unwrap();
    assert_eq!(lock.info().pid, std::process::id());
}

#[test]
fn dropping_a_lock_that_was_taken_over_leaves_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    let first = ProjectLock::acquire(&project).unwrap();
    // Another instance takes over; a distinct holder is simulated by rewriting the file.
    let other = LockInfo {
        pid: std::process::id(),
        host: format!("{}-other", host_name()),
        since: sitrep::model::now(),
    };
    write_lock(&project, &other);
    drop(first);
    assert_eq!(ProjectLock::holder(&project), Some(other));
}

#[test]
fn no_temp_files_are_left_beside_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.sitrep");
    let _lock = ProjectLock::acquire(&project).unwrap();
    // A second acquire, whatever it answers, leaves no temp file behind.
    ProjectLock::acquire(&project).ok();
    assert_eq!(common::list_dir(dir.path()), ["p.sitrep.lock"]);
}
