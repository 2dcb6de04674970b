//! Typed character offsets and the char↔byte index of a text.
//!
//! Every offset in a Sitrep file counts Unicode scalar values (Rust `char`s). Rust strings are
//! indexed by bytes, so mixing the two up is the classic way annotation tools drift on emoji. The
//! [`CharIdx`] newtype keeps char offsets apart from byte offsets at compile time, and
//! [`TextIndex`] converts between them in O(1) (char → byte) and O(log n) (byte → char).

use serde::{Deserialize, Serialize};

/// An offset in Unicode scalar values (chars) into an article's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharIdx(pub usize);

impl CharIdx {
    /// The raw number of chars.
    pub fn get(self) -> usize {
        self.0
    }
}

impl std::fmt::Display for CharIdx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A half-open range of chars, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CharSpan {
    /// First char of the span.
    pub start: CharIdx,
    /// One past the last char of the span.
    pub end: CharIdx,
}

impl CharSpan {
    /// A span from raw char counts.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: CharIdx(start),
            end: CharIdx(end),
        }
    }

    /// Number of chars covered.
    pub fn len(self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    /// True when the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.end.0 <= self.start.0
    }

    /// True when `self` and `other` share at least one char.
    pub fn overlaps(self, other: CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains_span(self, other: CharSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the char at `idx` is covered.
    pub fn contains(self, idx: CharIdx) -> bool {
        self.start <= idx && idx < self.end
    }
}

impl std::fmt::Display for CharSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Char↔byte conversion table for one text.
///
/// For pure ASCII text (the common case for English wire copy) no table is kept at all, since
/// chars and bytes coincide. Otherwise the byte offset of every char is stored as `u32`
/// (texts over 4 GiB are refused long before they get here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextIndex {
    /// Byte offset of each char, plus one final entry for the text length. Empty for ASCII.
    char_to_byte: Vec<u32>,
    len_chars: usize,
    len_bytes: usize,
}

impl TextIndex {
    /// Build the table for `text` in one pass.
    pub fn new(text: &str) -> Self {
        let len_bytes = text.len();
        if text.is_ascii() {
            return Self {
                char_to_byte: Vec::new(),
                len_chars: len_bytes,
                len_bytes,
            };
        }
        let mut char_to_byte: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        let len_chars = char_to_byte.len();
        char_to_byte.push(len_bytes as u32);
        Self {
            char_to_byte,
            len_chars,
            len_bytes,
        }
    }

    /// Length of the text in chars.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Length of the text in bytes.
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }

    /// Byte offset of char `idx`, or `None` past the end. `len_chars` maps to the text length.
    pub fn byte_of(&self, idx: CharIdx) -> Option<usize> {
        if idx.0 > self.len_chars {
            return None;
        }
        if self.char_to_byte.is_empty() {
            Some(idx.0)
        } else {
            self.char_to_byte.get(idx.0).map(|&b| b as usize)
        }
    }

    /// Char index of the char that starts at or contains byte `byte` (clamped to the end).
    pub fn char_of(&self, byte: usize) -> CharIdx {
        if byte >= self.len_bytes {
            return CharIdx(self.len_chars);
        }
        if self.char_to_byte.is_empty() {
            return CharIdx(byte);
        }
        match self.char_to_byte.binary_search(&(byte as u32)) {
            Ok(i) => CharIdx(i),
            Err(i) => CharIdx(i.saturating_sub(1)),
        }
    }

    /// The byte range of a char span, or `None` when it does not lie on the text.
    pub fn byte_range(&self, span: CharSpan) -> Option<std::ops::Range<usize>> {
        if span.start > span.end {
            return None;
        }
        Some(self.byte_of(span.start)?..self.byte_of(span.end)?)
    }

    /// The text of a char span, or `None` when it does not lie on the text.
    pub fn slice<'t>(&self, text: &'t str, span: CharSpan) -> Option<&'t str> {
        text.get(self.byte_range(span)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_on_non_bmp_text() {
        let text = "a😀b\u{301}c";
        let idx = TextIndex::new(text);
        assert_eq!(idx.len_chars(), 5);
        assert_eq!(idx.byte_of(CharIdx(2)), Some(5));
        assert_eq!(idx.char_of(5), CharIdx(2));
        assert_eq!(
            idx.char_of(3),
            CharIdx(1),
            "a byte inside the emoji maps to the emoji"
        );
        assert_eq!(idx.slice(text, CharSpan::new(1, 3)), Some("😀b"));
        assert_eq!(idx.slice(text, CharSpan::new(4, 6)), None);
        assert_eq!(idx.byte_of(CharIdx(5)), Some(text.len()));
    }

    #[test]
    fn ascii_needs_no_table() {
        let idx = TextIndex::new("hello");
        assert!(idx.char_to_byte.is_empty());
        assert_eq!(idx.byte_of(CharIdx(3)), Some(3));
        assert_eq!(idx.byte_of(CharIdx(6)), None);
    }
}
