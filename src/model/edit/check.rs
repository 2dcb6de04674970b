//! The checks an edit passes before anything changes, so that a refused edit leaves the project
//! as it was: spans on their quotes, references that resolve, items nothing else still needs.

use std::collections::{HashMap, HashSet};

use super::EditError;
use crate::model::{Annotation, Article, Project};

impl Project {
    /// Check the references of an orphan (article, tag, entity, claim source); its span is
    /// not checked, as it no longer applies to the text.
    pub(super) fn check_orphan_refs(&self, ann: &Annotation) -> Result<(), EditError> {
        if self.article(&ann.article).is_none() {
            return Err(EditError::missing("article", &ann.article));
        }
        if self.tag(&ann.tag).is_none() {
            return Err(EditError::missing("tag", &ann.tag));
        }
        for entity in [
            ann.entity.as_deref(),
            ann.claim.as_ref().and_then(|c| c.source.as_deref()),
        ]
        .into_iter()
        .flatten()
        {
            if self.entity(entity).is_none() {
                return Err(EditError::missing("entity", entity));
            }
        }
        Ok(())
    }

    /// Check that an annotation's article, tag, span and quote are sound.
    pub(super) fn check_annotation(&self, ann: &Annotation) -> Result<(), EditError> {
        let article = self
            .article(&ann.article)
            .ok_or_else(|| EditError::missing("article", &ann.article))?;
        if self.tag(&ann.tag).is_none() {
            return Err(EditError::missing("tag", &ann.tag));
        }
        if let Some(entity) = &ann.entity
            && self.entity(entity).is_none()
        {
            return Err(EditError::missing("entity", entity));
        }
        check_span(article, ann)
    }

    /// Everything [`super::Edit::InsertAnnotation`] checks, for many annotations in one pass
    /// over the project: fresh, distinct ids; known article, tag and entity; spans on their
    /// quotes.
    pub(super) fn check_new_annotations(&self, anns: &[Annotation]) -> Result<(), EditError> {
        let mut taken: HashSet<&str> = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .map(|a| a.id.as_str())
            .collect();
        let mut articles: HashMap<&str, &Article> = HashMap::new();
        for a in &self.articles {
            articles.entry(a.id.as_str()).or_insert(a);
        }
        let tags: HashSet<&str> = self.tags.iter().map(|t| t.id.as_str()).collect();
        let entities: HashSet<&str> = self.entities.iter().map(|e| e.id.as_str()).collect();
        for ann in anns {
            if !taken.insert(ann.id.as_str()) {
                return Err(EditError::duplicate("annotation", &ann.id));
            }
            let article = articles
                .get(ann.article.as_str())
                .ok_or_else(|| EditError::missing("article", &ann.article))?;
            if !tags.contains(ann.tag.as_str()) {
                return Err(EditError::missing("tag", &ann.tag));
            }
            if let Some(entity) = &ann.entity
                && !entities.contains(entity.as_str())
            {
                return Err(EditError::missing("entity", entity));
            }
            check_span(article, ann)?;
        }
        Ok(())
    }

    /// Everything [`super::Edit::ReplaceArticleText`] checks: `new_article` (the article with
    /// its new text) must take exactly these annotations and orphans, every one of them its
    /// own, with ids no other article uses, annotations on their quotes, and every cited one
    /// surviving.
    pub(super) fn check_text_replacement(
        &self,
        new_article: &Article,
        annotations: &[Annotation],
        orphans: &[Annotation],
    ) -> Result<(), EditError> {
        let article_id = new_article.id.as_str();
        let mut seen = HashSet::new();
        for a in annotations.iter().chain(orphans) {
            if a.article != article_id {
                return Err(EditError::BadSpan {
                    id: a.id.clone(),
                    problem: format!("belongs to article {}, not {article_id}", a.article),
                });
            }
            if !seen.insert(a.id.as_str()) {
                return Err(EditError::duplicate("annotation", &a.id));
            }
            self.check_orphan_refs(a)?;
        }
        // Ids must not collide with annotations of other articles.
        if let Some(a) = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .find(|a| a.article != article_id && seen.contains(a.id.as_str()))
        {
            return Err(EditError::duplicate("annotation", &a.id));
        }
        for ann in annotations {
            check_span(new_article, ann)?;
        }
        // Evidence must still resolve: every annotation of this article that an incident
        // cites has to survive, as an annotation or an orphan.
        for inc in &self.incidents {
            for ev in &inc.evidence {
                let was_here = self
                    .annotations
                    .iter()
                    .chain(&self.orphans)
                    .any(|a| a.id == *ev && a.article == article_id);
                if was_here && !seen.contains(ev.as_str()) {
                    return Err(EditError::in_use(
                        "annotation",
                        ev,
                        format!("incident {}", inc.id),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The first thing that refers to an entity, described for an error message.
    pub(super) fn entity_user(&self, id: &str) -> Option<String> {
        if let Some(a) = self.annotations.iter().chain(&self.orphans).find(|a| {
            a.entity.as_deref() == Some(id)
                || a.claim.as_ref().and_then(|c| c.source.as_deref()) == Some(id)
        }) {
            return Some(format!("annotation {}", a.id));
        }
        self.incidents
            .iter()
            .find(|i| i.location.as_deref() == Some(id) || i.actors.iter().any(|r| r.entity == id))
            .map(|i| format!("incident {}", i.id))
    }
}

/// Check that an annotation's span is non-empty, lies on the article's text and that its quote
/// matches the text there.
pub(super) fn check_span(article: &Article, ann: &Annotation) -> Result<(), EditError> {
    let bad = |problem: String| EditError::BadSpan {
        id: ann.id.clone(),
        problem,
    };
    if ann.start >= ann.end {
        return Err(bad(format!("empty span {}..{}", ann.start, ann.end)));
    }
    match article.slice(ann.span()) {
        None => Err(bad(format!(
            "span {}..{} lies outside the text ({} chars)",
            ann.start,
            ann.end,
            article.len_chars()
        ))),
        Some(text) if text != ann.exact => Err(bad(format!(
            "quote {:?} does not match the text {:?}",
            ann.exact, text
        ))),
        Some(_) => Ok(()),
    }
}
