//! Input files must be regular files. A FIFO would block the read forever, a device such as
//! `/dev/zero` would never end, and a folder cannot be read at all; each is refused with a
//! message before it is opened (after following links), and checked again on the open handle
//! in case the path changed in between.

use std::fs::File;
use std::io::{Error, ErrorKind};
use std::path::Path;

/// What the path is, for the message: "a folder", "a named pipe (FIFO)", "a device", ...
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn refuse(meta: &std::fs::Metadata) -> Error {
    let kind = kind_of(meta);
    let kind = if kind == "not a regular file" {
        kind.to_owned()
    } else {
        format!("it is {kind}, not a regular file")
    };
    Error::new(ErrorKind::InvalidInput, kind)
}

/// Open `path` for reading when it is (or links to) a regular file, with its metadata.
pub fn open_regular(path: &Path) -> std::io::Result<(File, std::fs::Metadata)> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refuse(&meta));
    }
    Ok((file, meta))
}

/// Read at most `limit` bytes of a regular file: `None` when it holds more.
pub fn read_regular_capped(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// True when `a` and `b` name the same existing file, through links and other spellings of the
/// path (same device and inode on Unix). False when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_devices_are_refused_and_files_read() {
        let dir = tempfile::tempdir().expect("dir");
        let err = open_regular(dir.path()).expect_err("a folder");
        assert!(err.to_string().contains("a folder"), "{err}");
        #[cfg(unix)]
        {
            let err = open_regular(Path::new("/dev/zero")).expect_err("a device");
            assert!(err.to_string().contains("a device"), "{err}");
        }
        let file = dir.path().join("a.txt");
        std::fs::write(&file, b"hello").expect("write");
        assert_eq!(
            read_regular_capped(&file, 5).expect("reads"),
            Some(b"hello".to_vec())
        );
        assert_eq!(read_regular_capped(&file, 4).expect("reads"), None);
    }

    #[test]
    fn the_same_file_is_found_through_a_link_and_another_spelling() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("p.sitrep");
        std::fs::write(&file, b"{}").expect("write");
        let other = dir.path().join("q.sitrep");
        std::fs::write(&other, b"{}").expect("write");
        assert!(same_file(&file, &dir.path().join(".").join("p.sitrep")));
        assert!(!same_file(&file, &other));
        assert!(!same_file(&file, &dir.path().join("missing")));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.sitrep");
            std::os::unix::fs::symlink(&file, &link).expect("link");
            assert!(same_file(&file, &link));
        }
    }
}
