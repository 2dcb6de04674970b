//! The project: everything an analyst saves in one `.sitrep` file.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, SubsecRound as _, Utc};
use serde::Serialize;

use super::{Annotation, Article, Entity, Extra, Incident, Tag, tags};

/// The `format` value of a project file.
pub const PROJECT_FORMAT: &str = "sitrep/project";
pub use crate::limits::MAX_ID_NUMBER;

/// The newest project file version this program reads and writes.
pub const PROJECT_VERSION: u32 = 1;

/// A whole project. The truth the UI shows; changed only through [`super::Edit`]s.
/// (`Deserialize` is written out below, without serde's slow `flatten` path.)
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Project {
    /// Always [`PROJECT_FORMAT`].
    pub format: String,
    /// File format version.
    pub version: u32,
    /// Project name, shown in the window title.
    pub name: String,
    /// When the project was created.
    pub created: DateTime<Utc>,
    /// When it was last saved.
    pub modified: DateTime<Utc>,
    /// Built-in and custom tags.
    pub tags: Vec<Tag>,
    /// Articles, in insertion order.
    #[serde(default)]
    pub articles: Vec<Article>,
    /// Entities (actors, places, ...).
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Annotations, ordered by article, start, end, id.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Incidents.
    #[serde(default)]
    pub incidents: Vec<Incident>,
    /// Annotations that lost their place when their article's text was replaced and could not
    /// be re-anchored with confidence: kept (with their old offsets and quote) for the analyst
    /// to place by hand, never dropped. Their ids share one namespace with `annotations`, and
    /// incidents may still cite them as evidence. An addition to docs/FORMAT.md; omitted when
    /// empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<Annotation>,
    /// The next number to hand out per id prefix (`ann`, `art`, ...), so that ids are never
    /// reused after deletion, even across saves. An addition to docs/FORMAT.md that other readers
    /// keep as an unknown field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub next_ids: BTreeMap<String, u64>,
    /// Suggestions the analyst rejected, so they are not offered again. An addition to
    /// docs/FORMAT.md, kept by other readers as an unknown field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_suggestions: Vec<super::suggest::Rejection>,
    /// Fields a three-way merge found changed both ways, listed until an analyst settles them
    /// (see [`super::MergeConflict`]). An addition to docs/FORMAT.md; omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::MergeConflict>,
    /// The outlets articles come from, with their scale and reliability (see
    /// [`super::Source`]). An addition to docs/FORMAT.md; omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<super::Source>,
    /// Labels for whole articles, with their values and keys (see [`super::DocLabel`]). An
    /// addition to docs/FORMAT.md; omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doc_labels: Vec<super::DocLabel>,
    /// Kinds of link between two annotations (see [`super::RelationType`]). An addition to
    /// docs/FORMAT.md; omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relation_types: Vec<super::RelationType>,
    /// Typed links between annotations. Omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<super::SpanRelation>,
    /// Who is working on the project in this session: stamped on what they make and change,
    /// and part of the ids they are given. Never saved (it belongs to the person, not the file).
    #[serde(skip)]
    pub analyst: Option<String>,
    /// Fields this version does not know, kept for the next save.
    #[serde(flatten)]
    pub extra: Extra,
}

super::fields::deserialize_with_extra!(Project {
    required: [format, version, name, created, modified, tags],
    optional: [
        articles,
        entities,
        annotations,
        incidents,
        orphans,
        next_ids,
        rejected_suggestions,
        conflicts,
        sources,
        doc_labels,
        relation_types,
        relations,
    ],
    skipped: [analyst],
});

impl Project {
    /// An empty project with the built-in tags.
    pub fn new(name: impl Into<String>) -> Self {
        let now = now();
        Self {
            format: PROJECT_FORMAT.to_owned(),
            version: PROJECT_VERSION,
            name: name.into(),
            created: now,
            modified: now,
            tags: tags::builtin_tags(),
            articles: Vec::new(),
            entities: Vec::new(),
            annotations: Vec::new(),
            incidents: Vec::new(),
            orphans: Vec::new(),
            next_ids: BTreeMap::new(),
            rejected_suggestions: Vec::new(),
            conflicts: Vec::new(),
            sources: Vec::new(),
            doc_labels: Vec::new(),
            relation_types: super::relations::default_relation_types(),
            relations: Vec::new(),
            analyst: None,
            extra: Extra::new(),
        }
    }

    /// Hand out a fresh id such as `ann-12`, or `ann-maya-12` while an analyst is set (see
    /// [`Self::id_prefix`]). Never returns an id that exists or existed (as far as the saved
    /// counters know).
    pub fn alloc_id(&mut self, prefix: &str) -> String {
        self.alloc_ids(prefix, 1).pop().unwrap_or_default()
    }

    /// `count` fresh ids at once, for one scan of the existing ids instead of one per id.
    pub fn alloc_ids(&mut self, prefix: &str, count: usize) -> Vec<String> {
        if count == 0 {
            return Vec::new();
        }
        let full = self.id_prefix(prefix);
        let highest_existing = self.highest_id_number(prefix, &full);
        let counter = self.next_ids.entry(full.clone()).or_insert(1);
        // Saturating, so that a hostile counter or id near u64::MAX cannot overflow; the
        // numbers past it are then refused as duplicates by the edit, never reused silently.
        let first = (*counter).max(highest_existing.saturating_add(1));
        *counter = first.saturating_add(count as u64);
        (0..count as u64)
            .map(|k| format!("{full}-{}", first.saturating_add(k)))
            .collect()
    }

    /// The next id of a run of insertions that nothing else interleaves (an import adding
    /// thousands of articles): the first is checked against every id in use, as
    /// [`Self::alloc_id`] does, and each later one follows on from it, so a run of n ids costs
    /// one scan instead of n.
    pub fn alloc_id_in_run(&mut self, prefix: &str, run: &mut IdRun) -> String {
        let full = self.id_prefix(prefix);
        let n = match run.next.as_ref().filter(|(p, _)| *p == full) {
            Some(&(_, n)) => n,
            None => {
                let highest = self.highest_id_number(prefix, &full);
                let counter = self.next_ids.get(&full).copied().unwrap_or(1);
                counter.max(highest.saturating_add(1))
            }
        };
        let after = n.saturating_add(1);
        run.next = Some((full.clone(), after));
        self.next_ids.insert(full.clone(), after);
        format!("{full}-{n}")
    }

    /// The prefix new ids of a kind get: `ann` alone with no analyst, else `ann-<slug>` with
    /// the analyst's name folded to lower-case ASCII letters and digits (at most 16). Two
    /// analysts who start from one file and work apart therefore never mint the same id, and
    /// ids from before stay as they are.
    pub fn id_prefix(&self, prefix: &str) -> String {
        match self.analyst.as_deref().map(analyst_slug) {
            Some(slug) if !slug.is_empty() => format!("{prefix}-{slug}"),
            _ => prefix.to_owned(),
        }
    }

    /// The highest `N` among the ids `<full>-N` of the list that `prefix` names.
    fn highest_id_number(&self, prefix: &str, full: &str) -> u64 {
        let number = |id: &str| -> u64 {
            id.strip_prefix(full)
                .and_then(|rest| rest.strip_prefix('-'))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0)
        };
        let ids: Box<dyn Iterator<Item = &str>> = match prefix {
            "art" => Box::new(self.articles.iter().map(|a| a.id.as_str())),
            "ann" => Box::new(
                self.annotations
                    .iter()
                    .chain(&self.orphans)
                    .map(|a| a.id.as_str()),
            ),
            "ent" => Box::new(self.entities.iter().map(|e| e.id.as_str())),
            "inc" => Box::new(self.incidents.iter().map(|i| i.id.as_str())),
            _ => Box::new(self.tags.iter().map(|t| t.id.as_str())),
        };
        ids.map(number).max().unwrap_or(0)
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Position of the article with this id.
    pub fn article_index(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The orphaned annotation with this id.
    pub fn orphan(&self, id: &str) -> Option<&Annotation> {
        self.orphans.iter().find(|a| a.id == id)
    }

    /// The orphaned annotations of one article.
    pub fn orphans_of<'a>(&'a self, article: &'a str) -> impl Iterator<Item = &'a Annotation> {
        self.orphans.iter().filter(move |a| a.article == article)
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The incident with this id.
    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id)
    }

    /// The tag with this id.
    pub fn tag(&self, id: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.id == id)
    }

    /// The tag whose shortcut is `key`.
    pub fn tag_for_key(&self, key: char) -> Option<&Tag> {
        let key = key.to_ascii_lowercase();
        self.tags.iter().find(|t| t.key_char() == Some(key))
    }

    /// The annotations of one article, in stored order (by start, then end).
    pub fn annotations_of<'a>(&'a self, article: &'a str) -> impl Iterator<Item = &'a Annotation> {
        self.annotations
            .iter()
            .filter(move |a| a.article == article)
    }

    /// Every article's annotations, in stored order, from one pass over them: for a caller
    /// that visits every article, where [`Project::annotations_of`] per article would scan all
    /// annotations once per article.
    pub fn annotations_by_article(&self) -> HashMap<&str, Vec<&Annotation>> {
        let mut by_article: HashMap<&str, Vec<&Annotation>> = HashMap::new();
        for ann in &self.annotations {
            by_article
                .entry(ann.article.as_str())
                .or_default()
                .push(ann);
        }
        by_article
    }

    /// Sort key that keeps annotations in the order docs/FORMAT.md asks for.
    pub(crate) fn annotation_sort_key<'a>(
        &self,
        ann: &'a Annotation,
    ) -> (usize, usize, usize, &'a str) {
        let article = self.article_index(&ann.article).unwrap_or(usize::MAX);
        (article, ann.start.0, ann.end.0, ann.id.as_str())
    }

    /// Put annotations into the stored order (after load, or after bulk changes).
    pub fn sort_annotations(&mut self) {
        let order: std::collections::HashMap<&str, usize> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut annotations = std::mem::take(&mut self.annotations);
        annotations.sort_by(|a, b| {
            let ka = (
                order.get(a.article.as_str()).copied().unwrap_or(usize::MAX),
                a.start,
                a.end,
            );
            let kb = (
                order.get(b.article.as_str()).copied().unwrap_or(usize::MAX),
                b.start,
                b.end,
            );
            ka.cmp(&kb).then_with(|| a.id.cmp(&b.id))
        });
        self.annotations = annotations;
    }

    /// Annotation counts per tag id, in tag order.
    pub fn counts_per_tag(&self) -> Vec<(String, usize)> {
        self.tags
            .iter()
            .map(|t| {
                let n = self.annotations.iter().filter(|a| a.tag == t.id).count();
                (t.id.clone(), n)
            })
            .collect()
    }
}

/// The current time, to whole seconds (files stay tidy and round-trip exactly).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

impl Project {
    /// The index range in `annotations` of one article's annotations. They are contiguous
    /// because annotations are kept ordered by article, then start, end and id.
    pub fn annotation_range(&self, article_id: &str) -> std::ops::Range<usize> {
        let Some(target) = self.article_index(article_id) else {
            return 0..0;
        };
        let order = |a: &super::Annotation| self.article_index(&a.article).unwrap_or(usize::MAX);
        let start = self.annotations.partition_point(|a| order(a) < target);
        let end = start + self.annotations[start..].partition_point(|a| order(a) == target);
        start..end
    }

    /// One article's annotations as a slice, in stored order.
    pub fn annotations_slice(&self, article_id: &str) -> &[super::Annotation] {
        let range = self.annotation_range(article_id);
        self.annotations.get(range).unwrap_or_default()
    }
}

/// Where a run of [`Project::alloc_id_in_run`] ids has got to: the prefix and the next number.
#[derive(Clone, Debug, Default)]
pub struct IdRun {
    next: Option<(String, u64)>,
}

/// An analyst's name as it appears in ids: lower-case ASCII letters and digits only, at most
/// 16 of them (`Maya Haddad` → `mayahaddad`). Letters outside ASCII are dropped, so a name with
/// none gives an empty slug and plain ids.
pub fn analyst_slug(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(16)
        .collect()
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn a_run_of_ids_is_what_alloc_id_would_have_given() {
        let mut a = Project::new("a");
        a.articles.push(Article::new("art-7", "t", "x"));
        a.next_ids.insert("art".into(), 3);
        let mut b = a.clone();
        let mut run = IdRun::default();
        for _ in 0..5 {
            assert_eq!(a.alloc_id("art"), b.alloc_id_in_run("art", &mut run));
        }
        assert_eq!(a.next_ids, b.next_ids);
        // Another analyst's prefix starts a run of its own.
        b.analyst = Some("Maya".into());
        assert_eq!(b.alloc_id_in_run("art", &mut run), "art-maya-1");
    }
}
