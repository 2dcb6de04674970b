//! Suggestions: unannotated mentions of known entities, offered for one-key tagging.
//!
//! Every whole-word occurrence of an entity's name or alias (case-insensitive, straight and
//! curly apostrophes alike) that no annotation of the entity's tag overlaps is a suggestion,
//! unless the analyst rejected it before. Rejections are stored in the project so they never
//! come back.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::offsets::{CharIdx, CharSpan};
use super::{Edit, EditError, Project};

/// A suggestion the analyst turned down.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rejection {
    /// Article id.
    pub article: String,
    /// First char.
    pub start: CharIdx,
    /// One past the last char.
    pub end: CharIdx,
    /// The entity that was suggested.
    pub entity: String,
}

/// One suggested mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Article id.
    pub article: String,
    /// Where it is.
    pub span: CharSpan,
    /// The text there.
    pub exact: String,
    /// The entity it would be linked to.
    pub entity: String,
    /// The tag it would get (the entity's).
    pub tag: String,
}

impl Suggestion {
    /// The rejection record for this suggestion.
    pub fn rejection(&self) -> Rejection {
        Rejection {
            article: self.article.clone(),
            start: self.span.start,
            end: self.span.end,
            entity: self.entity.clone(),
        }
    }
}

/// One name to look for: its folded chars, whether its ends are word chars (then the text
/// must not continue with a word char there), and what a match suggests.
struct Needle {
    folded: Vec<char>,
    first_is_word: bool,
    last_is_word: bool,
    /// Index of the entity in the project.
    entity: usize,
}

/// The mentions of entity names found in one article's text, kept between calls while the
/// text and the entities (ids, tags, names) stay the same: only the annotations and rejections
/// are then checked again, so tagging in a long article does not search its whole text.
#[derive(Clone, Debug, Default)]
pub struct SuggestionCache {
    /// Article id and text hash the candidates were found in.
    article: (String, String),
    /// Each entity's id, tag and names at the time.
    entities: Vec<(String, String, Vec<String>)>,
    /// (span, index of the entity) by start, longest first at each start; equal spans in
    /// entity order.
    candidates: Vec<(CharSpan, usize)>,
}

impl SuggestionCache {
    /// True when the cache was filled from this article text and these entities.
    fn holds(&self, article: &super::Article, entities: &[super::Entity]) -> bool {
        self.article.0 == article.id
            && self.article.1 == article.text_sha256
            && self.entities.len() == entities.len()
            && self
                .entities
                .iter()
                .zip(entities)
                .all(|((id, tag, names), e)| {
                    *id == e.id && *tag == e.tag && names.iter().map(String::as_str).eq(e.names())
                })
    }
}

/// Open suggestions in one article, by position. Where names overlap ("Abu Kamal" and "Kamal")
/// the longer one wins.
pub fn suggestions_for(project: &Project, article_id: &str) -> Vec<Suggestion> {
    suggestions_cached(&mut SuggestionCache::default(), project, article_id)
}

/// [`suggestions_for`], reusing the text search kept in `cache` when neither the text nor the
/// entities changed (and refreshing the cache otherwise).
///
/// The same answer as searching the text once per name ([`super::text::find_whole_words`],
/// folded) and checking every candidate against every annotation, but in one pass over the
/// folded text for all names, and with a binary search per candidate over the annotations of
/// its tag, so that a million-char article with thousands of annotations stays fast.
pub fn suggestions_cached(
    cache: &mut SuggestionCache,
    project: &Project,
    article_id: &str,
) -> Vec<Suggestion> {
    let Some(article) = project.article(article_id) else {
        return Vec::new();
    };
    if !cache.holds(article, &project.entities) {
        *cache = SuggestionCache {
            article: (article.id.clone(), article.text_sha256.clone()),
            entities: project
                .entities
                .iter()
                .map(|e| {
                    let names = e.names().map(str::to_owned).collect();
                    (e.id.clone(), e.tag.clone(), names)
                })
                .collect(),
            candidates: find_candidates(article.chars(), &project.entities),
        };
    }
    // Per tag, the annotations' starts in order with the running maximum of their ends: a
    // span overlaps one of them exactly when, among those starting before its end, the
    // furthest end lies past its start.
    // (A project has a handful of tags: a list is quicker than hashing each annotation's.)
    let mut by_tag: Vec<(&str, Vec<(CharIdx, CharIdx)>)> = Vec::new();
    for a in project.annotations_slice(article_id) {
        let tag = a.tag.as_str();
        let k = match by_tag.iter().position(|(t, _)| *t == tag) {
            Some(k) => k,
            None => {
                by_tag.push((tag, Vec::new()));
                by_tag.len() - 1
            }
        };
        if let Some((_, spans)) = by_tag.get_mut(k) {
            spans.push((a.start, a.end));
        }
    }
    for (_, spans) in &mut by_tag {
        spans.sort_unstable();
        let mut running = CharIdx(0);
        for (_, end) in spans.iter_mut() {
            running = running.max(*end);
            *end = running;
        }
    }
    let annotated = |span: CharSpan, tag: &str| {
        by_tag
            .iter()
            .find(|(t, _)| *t == tag)
            .is_some_and(|(_, spans)| {
                let k = spans.partition_point(|(start, _)| *start < span.end);
                k > 0 && spans.get(k - 1).is_some_and(|(_, end)| *end > span.start)
            })
    };
    let rejected: HashSet<(CharIdx, CharIdx, &str)> = project
        .rejected_suggestions
        .iter()
        .filter(|r| r.article == article_id)
        .map(|r| (r.start, r.end, r.entity.as_str()))
        .collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for &(span, e) in &cache.candidates {
        let Some(entity) = project.entities.get(e) else {
            continue;
        };
        let (entity, tag) = (entity.id.as_str(), entity.tag.as_str());
        if out.last().is_some_and(|s| s.span.overlaps(span)) {
            continue;
        }
        if annotated(span, tag) || rejected.contains(&(span.start, span.end, entity)) {
            continue;
        }
        out.push(Suggestion {
            article: article_id.to_owned(),
            span,
            exact: article.slice(span).unwrap_or_default().to_owned(),
            entity: entity.to_owned(),
            tag: tag.to_owned(),
        });
    }
    out
}

/// Every whole-word, folded occurrence of every entity name in `chars` (per name left to right
/// without overlaps), as (span, entity index), sorted by start and longest first.
fn find_candidates(chars: &[char], entities: &[super::Entity]) -> Vec<(CharSpan, usize)> {
    use super::text::{fold_char, is_word_char};
    // Names in entity order, each entity's repeated (folded) names once, as the search per
    // name would take them.
    let mut needles: Vec<Needle> = Vec::new();
    for (e, entity) in entities.iter().enumerate() {
        let first_needle = needles.len();
        for name in entity.names() {
            let folded: Vec<char> = name.trim().chars().map(fold_char).collect();
            let seen = needles
                .get(first_needle..)
                .unwrap_or_default()
                .iter()
                .any(|n| n.folded == folded);
            if folded.is_empty() || seen || folded.len() > chars.len() {
                continue;
            }
            needles.push(Needle {
                first_is_word: folded.first().copied().is_some_and(is_word_char),
                last_is_word: folded.last().copied().is_some_and(is_word_char),
                folded,
                entity: e,
            });
        }
    }
    let mut candidates: Vec<(CharSpan, usize)> = Vec::new();
    if !needles.is_empty() {
        let folded: Vec<char> = chars.iter().map(|&c| fold_char(c)).collect();
        // A cheap filter on the first char of every name, then the names themselves.
        let mut first = [false; 256];
        for n in &needles {
            if let Some(&c) = n.folded.first() {
                first[(c as usize) & 255] = true;
            }
        }
        // Per name, where its next match may start (matches of one name do not overlap).
        let mut next_ok = vec![0usize; needles.len()];
        for (i, &c) in folded.iter().enumerate() {
            if !first[(c as usize) & 255] {
                continue;
            }
            for (k, n) in needles.iter().enumerate() {
                let len = n.folded.len();
                if n.folded.first() != Some(&c)
                    || i < next_ok[k]
                    || folded.get(i..i + len) != Some(n.folded.as_slice())
                {
                    continue;
                }
                let left_ok = !n.first_is_word
                    || i == 0
                    || !chars.get(i - 1).copied().is_some_and(is_word_char);
                let right_ok =
                    !n.last_is_word || !chars.get(i + len).copied().is_some_and(is_word_char);
                if left_ok && right_ok {
                    candidates.push((CharSpan::new(i, i + len), n.entity));
                    next_ok[k] = i + len;
                }
            }
        }
    }
    // Longest first at each start, then greedy left to right without overlaps. The sort is
    // stable, so equal spans keep entity order.
    candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())));
    candidates
}

/// Open suggestions in every article.
pub fn all_suggestions(project: &Project) -> Vec<Suggestion> {
    project
        .articles
        .iter()
        .flat_map(|a| suggestions_for(project, &a.id))
        .collect()
}

impl Project {
    /// The edit that accepts suggestions: one annotation each, linked to its entity.
    pub fn accept_suggestions_edit(
        &mut self,
        suggestions: &[Suggestion],
    ) -> Result<Edit, EditError> {
        EditError::check_bulk(suggestions.len())?;
        // One bulk insert with ids taken at once ("accept all" on a long article).
        let ids = self.alloc_ids("ann", suggestions.len());
        let mut anns = Vec::with_capacity(suggestions.len());
        for (s, id) in suggestions.iter().zip(ids) {
            let mut ann = self.annotation_with_id(&s.article, s.span, &s.tag, id)?;
            ann.entity = Some(s.entity.clone());
            anns.push(ann);
        }
        Ok(Edit::InsertAnnotations(anns))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Article, Entity};

    /// The simple search: once per name, every candidate checked against every annotation.
    fn suggestions_simple(project: &Project, article_id: &str) -> Vec<Suggestion> {
        let Some(article) = project.article(article_id) else {
            return Vec::new();
        };
        let chars = article.chars();
        let mut candidates: Vec<(CharSpan, &str, &str)> = Vec::new();
        for entity in &project.entities {
            let mut seen: Vec<Vec<char>> = Vec::new();
            for name in entity.names() {
                let folded: Vec<char> = name
                    .trim()
                    .chars()
                    .map(super::super::text::fold_char)
                    .collect();
                if folded.is_empty() || seen.contains(&folded) {
                    continue;
                }
                seen.push(folded);
                for span in super::super::text::find_whole_words(chars, name.trim(), true) {
                    candidates.push((span, entity.id.as_str(), entity.tag.as_str()));
                }
            }
        }
        candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())));
        let annotations: Vec<&Annotation> = project.annotations_of(article_id).collect();
        let mut out: Vec<Suggestion> = Vec::new();
        for (span, entity, tag) in candidates {
            if out.last().is_some_and(|s| s.span.overlaps(span)) {
                continue;
            }
            if annotations
                .iter()
                .any(|a| a.tag == tag && a.span().overlaps(span))
            {
                continue;
            }
            if project.rejected_suggestions.iter().any(|r| {
                r.article == article_id
                    && r.start == span.start
                    && r.end == span.end
                    && r.entity == entity
            }) {
                continue;
            }
            out.push(Suggestion {
                article: article_id.to_owned(),
                span,
                exact: article.slice(span).unwrap_or_default().to_owned(),
                entity: entity.to_owned(),
                tag: tag.to_owned(),
            });
        }
        out
    }

    #[test]
    fn one_pass_search_agrees_with_the_search_per_name() {
        // A deterministic mix of words, names, apostrophes, case, emoji and non-Latin text.
        let words = [
            "Al-Qa’im",
            "al-qa'im",
            "Qaim",
            "Kamal",
            "Abu",
            "abu kamal",
            "the",
            "ÉCOLE",
            "école",
            "😀",
            "سرمدا",
            "x",
            "Abu Kamal",
            "Kamal’s",
            "İstanbul",
            "istanbul",
            "\n",
            "kamal-",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n as u64) as usize
        };
        let mut found = 0;
        let mut cache = SuggestionCache::default();
        for round in 0..40 {
            let mut text = String::new();
            for _ in 0..(50 + round * 10) {
                text.push_str(words[next(words.len())]);
                text.push(if next(4) == 0 { '.' } else { ' ' });
            }
            let mut p = Project::new("t");
            p.articles.push(Article::new("art-1", "t", text));
            let mut kamal = Entity::new("ent-1", "actor", "Abu Kamal");
            kamal.aliases = vec!["Kamal".into(), "kamal".into(), " ".into()];
            p.entities.push(kamal);
            let mut qaim = Entity::new("ent-2", "location", "Al-Qa’im");
            qaim.aliases = vec!["Qaim".into(), "École".into()];
            p.entities.push(qaim);
            p.entities.push(Entity::new("ent-3", "location", "Kamal"));
            p.entities.push(Entity::new("ent-4", "actor", "istanbul"));
            // Some annotations of either tag, and a rejection.
            let len = p.articles[0].len_chars();
            for k in 0..(round % 7) {
                let start = next(len.saturating_sub(5).max(1));
                let span = CharSpan::new(start, (start + 1 + next(12)).min(len));
                let tag = if k % 2 == 0 { "actor" } else { "location" };
                if let Ok(ann) = p.make_annotation("art-1", span, tag) {
                    p.annotations.push(ann);
                }
            }
            p.sort_annotations();
            if let Some(first) = suggestions_simple(&p, "art-1").first() {
                p.rejected_suggestions.push(first.rejection());
            }
            let fast = suggestions_for(&p, "art-1");
            assert_eq!(fast, suggestions_simple(&p, "art-1"), "round {round}");
            found += fast.len();
            // The cache (kept across rounds) gives the same answers, also after the
            // annotations, the rejections or the entities changed.
            assert_eq!(suggestions_cached(&mut cache, &p, "art-1"), fast);
            if let Some(s) = fast.get(1) {
                let ann = p
                    .make_annotation("art-1", s.span, &s.tag)
                    .expect("on the text");
                p.annotations.push(ann);
                p.sort_annotations();
            }
            p.rejected_suggestions.clear();
            let want = suggestions_simple(&p, "art-1");
            assert_eq!(suggestions_cached(&mut cache, &p, "art-1"), want);
            if let Some(e) = p.entities.get_mut(2) {
                e.aliases.push("Qaim".into());
            }
            let want = suggestions_simple(&p, "art-1");
            assert_eq!(suggestions_cached(&mut cache, &p, "art-1"), want);
        }
        assert!(found > 200, "only {found} suggestions: the test needs more");
    }

    #[test]
    fn curly_and_straight_apostrophes_and_emoji_offsets() {
        let mut p = Project::new("t");
        p.articles.push(Article::new(
            "art-1",
            "t",
            "📍 Near al-qa'im, then Al-Qa’im again. Qa'imi no.",
        ));
        let mut e = Entity::new("ent-1", "location", "Al-Qa’im");
        e.aliases.push("Qaim".into());
        p.entities.push(e);
        let found = suggestions_for(&p, "art-1");
        let spans: Vec<(usize, usize, &str)> = found
            .iter()
            .map(|s| (s.span.start.0, s.span.end.0, s.exact.as_str()))
            .collect();
        assert_eq!(spans, vec![(7, 15, "al-qa'im"), (22, 30, "Al-Qa’im")]);
        p.rejected_suggestions.push(found[0].rejection());
        assert_eq!(suggestions_for(&p, "art-1").len(), 1);
    }
}
