//! Every size limit Sitrep keeps, in one place. Each guards against an input or an operation
//! that would otherwise take gigabytes or never end; docs/FORMAT.md ("Limits") lists them.

/// The largest project or incident file read (256 MiB). A save that would write a larger
/// project is refused, so that nothing is ever saved that cannot be opened again.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The largest article file imported (32 MiB).
pub const MAX_ARTICLE_BYTES: u64 = 32 * 1024 * 1024;

/// The most one part of a DOCX article (a zip package) may unpack to (256 MiB): the file is
/// at most [`MAX_ARTICLE_BYTES`], but deflate shrinks repetitive XML a thousandfold, so a
/// small file could otherwise fill memory.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// The largest number an id (`ann-N`) or a `next_ids` counter may hold: far beyond any real
/// project, and far enough below `u64::MAX` that counting on from it can never overflow.
pub const MAX_ID_NUMBER: u64 = 1_000_000_000_000;

/// The most annotations one bulk operation may add (tag every occurrence, accept every
/// suggestion): each costs its quote and context in memory and in the file, and a whole-word
/// match of a common word in a long article could otherwise make millions.
pub const MAX_NEW_ANNOTATIONS: usize = 100_000;

/// The longest import warning message kept, in chars (the file and line come on top).
pub const MAX_WARNING_CHARS: usize = 240;
