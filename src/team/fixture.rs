//! What the diff and merge tests build their small projects from: one sentence and the char
//! span of a word in it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::model::{CharSpan, Edit, Project};

/// The text of the tests' one article.
pub const TEXT: &str = "Hezbollah fighters shelled Idlib on Monday, officials in Damascus said.";

/// The chars of the first occurrence of `needle` in [`TEXT`].
pub fn span(needle: &str) -> CharSpan {
    let byte = TEXT.find(needle).expect("in text");
    let start = TEXT[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

/// Annotate the first occurrence of `needle` in `article` with `tag`; the new id.
pub fn annotate(p: &mut Project, article: &str, needle: &str, tag: &str) -> String {
    let ann = p.make_annotation(article, span(needle), tag).unwrap();
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    id
}
