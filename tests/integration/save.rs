//! Saving: backups, and saves that fail (read-only folder, full disk, missing folder) without
//! losing the old file or leaving temp files behind.

use crate::common;

use std::io::Write as _;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;

use common::{list_dir, sample_project};
use sitrep::io::atomic::stray_temp_files;
use sitrep::io::{SaveError, backup_path, load_project, save_project, write_atomic_with};

#[test]
fn first_save_has_no_backup_and_later_saves_keep_one_level() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("convoy.sitrep");
    let v1 = sample_project("v1");
    let v2 = sample_project("v2");
    let v3 = sample_project("v3");

    save_project(&path, &v1).unwrap();
    assert_eq!(list_dir(dir.path()), ["convoy.sitrep"]);

    save_project(&path, &v2).unwrap();
    assert_eq!(load_project(&path).unwrap(), v2);
    assert_eq!(load_project(&backup_path(&path)).unwrap(), v1);

    save_project(&path, &v3).unwrap();
    assert_eq!(load_project(&path).unwrap(), v3);
    assert_eq!(
        load_project(&backup_path(&path)).unwrap(),
        v2,
        "one level: the previous save"
    );
    assert_eq!(list_dir(dir.path()), ["convoy.sitrep", "convoy.sitrep.bak"]);
}

#[test]
fn backup_is_a_separate_file_from_the_new_one() {
    // The backup is made by hard link; after the rename the two names must hold different data.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    save_project(&path, &sample_project("old")).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();
    save_project(&path, &sample_project("new")).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), old_bytes);
    assert_ne!(std::fs::read(&path).unwrap(), old_bytes);
}

#[test]
fn save_into_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("p.sitrep");
    let err = save_project(&path, &sample_project("p")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("p.sitrep"), "{msg}");
    assert!(msg.contains("does not exist"), "{msg}");
    assert!(msg.contains("no-such-folder"), "{msg}");
    assert_eq!(list_dir(dir.path()), Vec::<String>::new());
}

/// True when the permission bits of a read-only folder actually stop us (not root).
fn permissions_are_enforced(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let enforced = std::fs::write(&probe, b"x").is_err();
    std::fs::remove_file(&probe).ok();
    enforced
}

#[test]
fn save_into_a_read_only_folder_reports_it_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("p.sitrep");
    let old = sample_project("old");
    save_project(&path, &old).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();

    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = permissions_are_enforced(&folder);
    let result = if enforced {
        save_project(&path, &sample_project("new"))
    } else {
        // Running as root, where permission bits are ignored: the closest thing root cannot
        // write through is a "folder" that is really a file, which fails the same step (making
        // the temp file) with the same promise to keep. The permission-denied wording itself
        // is checked with an injected failure below.
        let not_a_folder = folder.join("p.sitrep").join("inner.sitrep");
        let err = save_project(&not_a_folder, &sample_project("new")).unwrap_err();
        assert!(err.to_string().contains("is not a folder"), "{err}");
        Err(err)
    };
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    let err = result.unwrap_err();
    assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("p.sitrep"), "{err}");
    if enforced {
        assert!(err.to_string().contains("permission denied"), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), old_bytes, "old file intact");
    assert_eq!(list_dir(&folder), ["p.sitrep"], "no temp or backup left");
}

#[test]
fn permission_denied_while_writing_is_worded_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    save_project(&path, &sample_project("old")).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();
    let err = write_atomic_with(&path, true, |w| {
        w.write_all(b"{\"format\": \"sitrep/pro")?;
        Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
    })
    .unwrap_err();
    assert!(err.to_string().contains("permission denied"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), old_bytes);
    assert_eq!(list_dir(dir.path()), ["p.sitrep"]);
}

/// Copy bytes to `/dev/full` so the kernel itself produces the "no space" error; where there is
/// no `/dev/full`, produce the same error by hand.
fn write_to_full_disk(w: &mut dyn std::io::Write, bytes: &[u8]) -> std::io::Result<()> {
    let half = bytes.len() / 2;
    w.write_all(bytes.get(..half).unwrap_or(bytes))?;
    match std::fs::OpenOptions::new().write(true).open("/dev/full") {
        Ok(mut full) => {
            full.write_all(bytes)?;
            full.flush()?;
            Err(std::io::Error::other("/dev/full accepted the write"))
        }
        Err(_) => Err(std::io::Error::from(std::io::ErrorKind::StorageFull)),
    }
}

#[test]
fn full_disk_reports_it_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    let old = sample_project("old");
    save_project(&path, &old).unwrap();
    save_project(&path, &sample_project("older-is-now-bak")).unwrap();
    save_project(&path, &old).unwrap();
    let before: Vec<(String, Vec<u8>)> = list_dir(dir.path())
        .into_iter()
        .map(|n| (n.clone(), std::fs::read(dir.path().join(&n)).unwrap()))
        .collect();

    let new = sample_project("new");
    let bytes = sitrep::io::project_to_bytes(&new).unwrap();
    let err = write_atomic_with(&path, true, |w| write_to_full_disk(w, &bytes)).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("the disk is full"), "{msg}");
    assert!(msg.contains("p.sitrep"), "{msg}");

    let after: Vec<(String, Vec<u8>)> = list_dir(dir.path())
        .into_iter()
        .map(|n| (n.clone(), std::fs::read(dir.path().join(&n)).unwrap()))
        .collect();
    assert_eq!(
        before, after,
        "project, backup and folder exactly as before"
    );
    assert_eq!(load_project(&path).unwrap(), old);
    // The project in memory is untouched by a failed save: saving it again elsewhere works.
    save_project(&dir.path().join("elsewhere.sitrep"), &new).unwrap();
}

#[test]
fn temp_files_of_a_killed_save_are_cleared_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sitrep");
    // What a save killed mid-write leaves, plus look-alikes that belong to others.
    std::fs::write(dir.path().join(".p.sitrep.a1B2c3.tmp"), b"{\"half").unwrap();
    std::fs::write(dir.path().join(".p.sitrep.bak.a1B2c3.tmp"), b"other").unwrap();
    std::fs::write(dir.path().join(".p.sitrep.notes.tmp"), b"other").unwrap();
    assert_eq!(stray_temp_files(&path).len(), 1);
    save_project(&path, &sample_project("p")).unwrap();
    assert!(stray_temp_files(&path).is_empty());
    assert_eq!(
        list_dir(dir.path()),
        [
            ".p.sitrep.bak.a1B2c3.tmp",
            ".p.sitrep.notes.tmp",
            "p.sitrep"
        ]
    );
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_keeps_the_link_and_writes_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("cases").join("convoy.sitrep");
    std::fs::create_dir(real.parent().unwrap()).unwrap();
    let link = dir.path().join("current.sitrep");
    std::os::unix::fs::symlink("cases/convoy.sitrep", &link).unwrap();
    // The first save creates the file the link points at.
    let first = sample_project("first");
    save_project(&link, &first).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load_project(&real).unwrap(), first);
    // The next keeps a backup beside the real file, not beside the link.
    let second = sample_project("second");
    save_project(&link, &second).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load_project(&link).unwrap(), second);
    assert_eq!(load_project(&backup_path(&real)).unwrap(), first);
    assert!(!backup_path(&link).exists());
}

#[cfg(unix)]
#[test]
fn a_folder_or_a_pipe_is_never_replaced_by_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("looks-like.sitrep");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.txt"), "keep me").unwrap();
    let err = save_project(&folder, &sample_project("x")).unwrap_err();
    assert!(matches!(err, SaveError::NotAFile { .. }), "{err}");
    assert!(
        err.to_string().contains("not a regular file (a folder)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("inside.txt")).unwrap(),
        "keep me"
    );

    let fifo = dir.path().join("pipe.sitrep");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let err = save_project(&fifo, &sample_project("x")).unwrap_err();
        assert!(
            err.to_string().contains("a device, pipe or socket"),
            "{err}"
        );
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    assert_eq!(list_dir(dir.path()).len(), 2, "no temp file left behind");
}

#[test]
fn many_files_are_written_whole_and_a_failure_before_the_renames_touches_no_target() {
    use sitrep::io::atomic::write_atomic_files;
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = (0..600)
        .map(|i| {
            let path = dir.path().join(format!("doc{i}.txt"));
            (path, format!("document {i}\n").into_bytes())
        })
        .collect();
    write_atomic_files(files.iter().map(|(p, b)| (p.clone(), b.as_slice()))).unwrap();
    for (path, bytes) in &files {
        assert_eq!(&std::fs::read(path).unwrap(), bytes);
    }
    assert_eq!(list_dir(dir.path()).len(), 600, "no temp file is left");

    // Written again, with one target in a folder that does not exist: that file fails before
    // any rename, so every other target keeps what it had and no temp file stays behind.
    let mut again: Vec<(std::path::PathBuf, Vec<u8>)> = files
        .iter()
        .map(|(p, _)| (p.clone(), b"replaced".to_vec()))
        .collect();
    again.push((dir.path().join("missing/doc.txt"), b"lost".to_vec()));
    let err = write_atomic_files(again.iter().map(|(p, b)| (p.clone(), b.as_slice())));
    assert!(err.is_err());
    if cfg!(target_os = "linux") {
        for (path, bytes) in &files {
            assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
        }
    }
    assert_eq!(list_dir(dir.path()).len(), 600, "no temp file is left");
}
