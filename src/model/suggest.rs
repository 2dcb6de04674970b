//! Suggestions: unannotated mentions of known entities, offered for one-key tagging.
//!
//! Every whole-word occurrence of an entity's name or alias (case-insensitive, straight and
//! curly apostrophes alike) that no annotation of the entity's tag overlaps is a suggestion,
//! unless the analyst rejected it before. Rejections are stored in the project so they never
//! come back.

use serde::{Deserialize, Serialize};

use super::offsets::{CharIdx, CharSpan};
use super::{Annotation, Edit, EditError, Project};

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

/// Open suggestions in one article, by position. Where names overlap ("Abu Kamal" and "Kamal")
/// the longer one wins.
pub fn suggestions_for(project: &Project, article_id: &str) -> Vec<Suggestion> {
    let Some(article) = project.article(article_id) else {
        return Vec::new();
    };
    let chars = article.chars();
    let mut candidates: Vec<(CharSpan, &str, &str)> = Vec::new();
    for entity in &project.entities {
        let mut seen: Vec<Vec<char>> = Vec::new();
        for name in entity.names() {
            let folded: Vec<char> = name.trim().chars().map(super::text::fold_char).collect();
            if folded.is_empty() || seen.contains(&folded) {
                continue;
            }
            seen.push(folded);
            for span in super::text::find_whole_words(chars, name.trim(), true) {
                candidates.push((span, entity.id.as_str(), entity.tag.as_str()));
            }
        }
    }
    // Longest first at each start, then greedy left to right without overlaps.
    candidates.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.len().cmp(&a.0.len())));
    let annotations: Vec<&Annotation> = project.annotations_of(article_id).collect();
    let mut out: Vec<Suggestion> = Vec::new();
    for (span, entity, tag) in candidates {
        if out.last().is_some_and(|s| s.span.overlaps(span)) {
            continue;
        }
        let annotated = annotations
            .iter()
            .any(|a| a.tag == tag && a.span().overlaps(span));
        if annotated {
            continue;
        }
        let rejected = project.rejected_suggestions.iter().any(|r| {
            r.article == article_id
                && r.start == span.start
                && r.end == span.end
                && r.entity == entity
        });
        if rejected {
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
        let mut edits = Vec::with_capacity(suggestions.len());
        for s in suggestions {
            let mut ann = self.make_annotation(&s.article, s.span, &s.tag)?;
            ann.entity = Some(s.entity.clone());
            edits.push(Edit::InsertAnnotation(ann));
        }
        Ok(Edit::Batch(edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Entity};

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
