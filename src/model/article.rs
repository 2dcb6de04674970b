//! An imported news article: its metadata and its (immutable, LF-normalised) text.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::Serialize;

use super::Extra;
use super::offsets::{CharSpan, TextIndex};

/// One article of a project. (`Deserialize` is written out below, without serde's slow
/// `flatten` path.)
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Article {
    /// Unique id, e.g. `art-1`.
    pub id: String,
    /// Headline or first sentence.
    pub title: String,
    /// Who published it (agency, paper), free text.
    #[serde(default)]
    pub source: String,
    /// Where it came from on the web.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// File name it was imported from.
    #[serde(default)]
    pub imported_from: Option<String>,
    /// The text, `\n` line endings only. Offsets count chars of this string.
    pub text: String,
    /// Hex SHA-256 of `text`.
    pub text_sha256: String,
    /// How far its coding has got. An addition to docs/FORMAT.md, omitted while "to do".
    #[serde(default, skip_serializing_if = "super::ArticleStatus::is_to_do")]
    pub status: super::ArticleStatus,
    /// Its document labels: label id → value (see [`super::DocLabel`]). Omitted when empty.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub labels: std::collections::BTreeMap<String, String>,
    /// Fields this version does not know, kept for the next save.
    #[serde(flatten)]
    pub extra: Extra,
    /// Lazily built char↔byte table; never saved.
    #[serde(skip)]
    index: IndexCache,
}

super::fields::deserialize_with_extra!(Article {
    required: [id, title, text, text_sha256],
    optional: [source, url, published, imported_from, status, labels],
    skipped: [index],
});

impl Article {
    /// A new article with its hash computed.
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            id: id.into(),
            title: title.into(),
            source: String::new(),
            url: None,
            published: None,
            imported_from: None,
            text_sha256: super::text::sha256_hex(&text),
            text,
            status: super::ArticleStatus::ToDo,
            labels: std::collections::BTreeMap::new(),
            extra: Extra::new(),
            index: IndexCache::default(),
        }
    }

    /// The char↔byte table of the text, built on first use.
    pub fn index(&self) -> &TextIndex {
        &self.index.get(&self.text).0
    }

    /// The text as a vector of chars, built on first use (word snapping and search work on it).
    pub fn chars(&self) -> &[char] {
        &self.index.get(&self.text).1
    }

    /// Length of the text in chars.
    pub fn len_chars(&self) -> usize {
        self.index().len_chars()
    }

    /// The text of a char span, or `None` if it does not lie on the text.
    pub fn slice(&self, span: CharSpan) -> Option<&str> {
        self.index().slice(&self.text, span)
    }

    /// Replace the text, recomputing the hash and dropping the cached tables.
    pub fn set_text(&mut self, text: String) {
        self.text_sha256 = super::text::sha256_hex(&text);
        self.text = text;
        self.index = IndexCache::default();
    }
}

/// A cache that never takes part in equality: two articles with the same text are equal whether
/// or not either has built its tables yet.
#[derive(Clone, Debug, Default)]
struct IndexCache(OnceLock<Arc<(TextIndex, Vec<char>)>>);

impl IndexCache {
    fn get(&self, text: &str) -> &(TextIndex, Vec<char>) {
        self.0
            .get_or_init(|| Arc::new((TextIndex::new(text), text.chars().collect())))
    }
}

impl PartialEq for IndexCache {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}
