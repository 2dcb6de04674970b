//! Triage of a batch of articles: a status per article (to do, in progress, done, reviewed)
//! and document labels the project defines, like tags, each value with an optional key
//! ("relevant: yes / no / unsure"). A value can mark its articles as left out of exports.

use serde::{Deserialize, Serialize};

use super::{Article, Extra, Project};

/// How far the coding of an article has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    /// Not started (the default, omitted from files).
    #[default]
    ToDo,
    /// Started.
    InProgress,
    /// Coded.
    Done,
    /// Coded and checked by a second analyst.
    Reviewed,
}

impl ArticleStatus {
    /// Every status, in order.
    pub const ALL: [ArticleStatus; 4] = [
        ArticleStatus::ToDo,
        ArticleStatus::InProgress,
        ArticleStatus::Done,
        ArticleStatus::Reviewed,
    ];

    /// The words shown ("in progress").
    pub fn label(self) -> &'static str {
        match self {
            ArticleStatus::ToDo => "to do",
            ArticleStatus::InProgress => "in progress",
            ArticleStatus::Done => "done",
            ArticleStatus::Reviewed => "reviewed",
        }
    }

    /// Done or reviewed: nothing left for the coder.
    pub fn is_finished(self) -> bool {
        matches!(self, ArticleStatus::Done | ArticleStatus::Reviewed)
    }

    /// Whether this is the default (to do), which files omit.
    pub fn is_to_do(&self) -> bool {
        *self == ArticleStatus::ToDo
    }
}

/// One value a document label can take.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelValue {
    /// The value ("yes").
    pub value: String,
    /// The key that gives it while reading (a digit or a letter no tag uses), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<char>,
    /// Articles with this value are left out of exports ("relevant: no").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
}

/// A label the project defines for whole articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocLabel {
    /// Its id, the key in each article's `labels` ("relevant").
    pub id: String,
    /// What the analyst reads ("Relevant").
    pub label: String,
    /// The values it takes.
    pub values: Vec<LabelValue>,
    /// The coding rule, with examples.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl DocLabel {
    /// A label with plain values, keys 1, 2, 3… in order.
    pub fn with_values(id: &str, label: &str, values: &[&str]) -> Self {
        Self {
            id: id.to_owned(),
            label: label.to_owned(),
            values: values
                .iter()
                .enumerate()
                .map(|(i, v)| LabelValue {
                    value: (*v).to_owned(),
                    key: char::from_digit(u32::try_from(i + 1).unwrap_or(0), 10),
                    excluded: false,
                })
                .collect(),
            description: String::new(),
            extra: Extra::new(),
        }
    }

    /// What is wrong with it: no id, no values, a value or a key twice.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.id.trim().is_empty() {
            out.push("a document label needs an id".to_owned());
        }
        if self.values.is_empty() {
            out.push("a document label needs at least one value".to_owned());
        }
        for (i, v) in self.values.iter().enumerate() {
            if v.value.trim().is_empty() {
                out.push("a value cannot be empty".to_owned());
            }
            if self.values[..i].iter().any(|w| w.value == v.value) {
                out.push(format!("value {:?} is listed twice", v.value));
            }
            if let Some(k) = v.key
                && self.values[..i].iter().any(|w| w.key == Some(k))
            {
                out.push(format!("key {k:?} gives two values"));
            }
        }
        out
    }
}

impl Project {
    /// The document label with this id.
    pub fn doc_label(&self, id: &str) -> Option<&DocLabel> {
        self.doc_labels.iter().find(|l| l.id == id)
    }

    /// Whether `value` is one of the values of the document label `label`.
    pub fn label_value_defined(&self, label: &str, value: &str) -> bool {
        self.doc_label(label)
            .is_some_and(|l| l.values.iter().any(|v| v.value == value))
    }

    /// The label and value a key gives while reading, if a document label value took it.
    pub fn label_for_key(&self, key: char) -> Option<(&DocLabel, &LabelValue)> {
        let key = key.to_ascii_lowercase();
        self.doc_labels.iter().find_map(|l| {
            l.values
                .iter()
                .find(|v| v.key.map(|k| k.to_ascii_lowercase()) == Some(key))
                .map(|v| (l, v))
        })
    }

    /// Whether an article carries a label value that leaves it out of exports.
    pub fn is_excluded(&self, article: &Article) -> bool {
        article.labels.iter().any(|(label, value)| {
            self.doc_label(label)
                .is_some_and(|l| l.values.iter().any(|v| &v.value == value && v.excluded))
        })
    }

    /// A copy without the articles a label leaves out of exports, their annotations and
    /// orphans, and the evidence that cited them; with how many articles were left out.
    pub fn without_excluded(&self) -> (Project, usize) {
        let out: std::collections::HashSet<&str> = self
            .articles
            .iter()
            .filter(|a| self.is_excluded(a))
            .map(|a| a.id.as_str())
            .collect();
        if out.is_empty() {
            return (self.clone(), 0);
        }
        let mut kept = self.clone();
        kept.articles.retain(|a| !out.contains(a.id.as_str()));
        let gone: std::collections::HashSet<String> = kept
            .annotations
            .iter()
            .filter(|a| out.contains(a.article.as_str()))
            .map(|a| a.id.clone())
            .collect();
        kept.annotations.retain(|a| !gone.contains(&a.id));
        kept.orphans.retain(|a| !out.contains(a.article.as_str()));
        for inc in &mut kept.incidents {
            inc.evidence.retain(|e| !gone.contains(e));
        }
        (kept, out.len())
    }

    /// How many articles have each status, in [`ArticleStatus::ALL`] order.
    pub fn status_counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for a in &self.articles {
            if let Some(i) = ArticleStatus::ALL.iter().position(|s| *s == a.status) {
                counts[i] += 1;
            }
        }
        counts
    }
}
