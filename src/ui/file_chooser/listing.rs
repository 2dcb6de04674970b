//! Reading one folder for the in-window file chooser: its entries, folders first, each with the
//! size and modification time shown in the list. No egui here, so the rules can be tested alone.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One file or folder in the listed folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name shown (lossy for names that are not UTF-8; `path` keeps the real one).
    pub name: String,
    /// The full path.
    pub path: PathBuf,
    /// A folder, or a link to one.
    pub is_dir: bool,
    /// The size in bytes, for files whose metadata could be read.
    pub size: Option<u64>,
    /// When it was last modified, when the file system says.
    pub modified: Option<SystemTime>,
}

impl Entry {
    /// Dot files, hidden unless asked for (the Unix convention every desktop follows).
    pub fn is_hidden(&self) -> bool {
        self.name.starts_with('.')
    }
}

/// What reading a folder gave.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Every entry, folders first, then files, each group by name ignoring case.
    pub entries: Vec<Entry>,
    /// Entries the system listed but would not describe (vanished or unreadable), which are
    /// left out; the chooser says how many.
    pub skipped: usize,
}

/// Read `folder`. An error is the folder itself not being readable (missing, not a folder,
/// permission denied); a single bad entry only counts as skipped.
pub fn read_folder(folder: &Path) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    for item in std::fs::read_dir(folder)? {
        let Ok(item) = item else {
            listing.skipped += 1;
            continue;
        };
        let path = item.path();
        // Follow links so a link to a folder can be entered; a dangling link stays a file
        // with no size rather than vanishing from the list.
        let meta = std::fs::metadata(&path).or_else(|_| item.metadata());
        let (is_dir, size, modified) = match meta {
            Ok(m) => (
                m.is_dir(),
                (!m.is_dir()).then_some(m.len()),
                m.modified().ok(),
            ),
            Err(_) => (false, None, None),
        };
        listing.entries.push(Entry {
            name: item.file_name().to_string_lossy().into_owned(),
            path,
            is_dir,
            size,
            modified,
        });
    }
    listing.entries.sort_by(order);
    Ok(listing)
}

/// Folders before files; then by name ignoring case, with the exact name breaking ties so the
/// order never depends on what the system returned first.
fn order(a: &Entry, b: &Entry) -> Ordering {
    b.is_dir
        .cmp(&a.is_dir)
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.name.cmp(&b.name))
}

/// A size for people: `512 B`, `1.5 KB`, `12 MB` (powers of 1024, as file managers show).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    // Precision lost in the cast does not matter: the figure is rounded for display.
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let name = UNITS.get(unit).copied().unwrap_or("PB");
    if value < 10.0 {
        format!("{value:.1} {name}")
    } else {
        format!("{value:.0} {name}")
    }
}

/// A modification time in local time, `2024-02-05 14:30`.
pub fn human_time(time: SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(time)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_come_first_and_names_sort_ignoring_case() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b.txt", "A.txt", "c.TXT"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("zeta")).unwrap();
        std::fs::create_dir(dir.path().join("Alpha")).unwrap();
        let names: Vec<String> = read_folder(dir.path())
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["Alpha", "zeta", "A.txt", "b.txt", "c.TXT"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_folder(&dir.path().join("gone")).is_err());
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(20 * 1024 * 1024), "20 MB");
    }
}
