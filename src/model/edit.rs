//! Every change to a project, as a value with an inverse: the ground undo and redo stand on.
//!
//! [`Project::apply`] checks an edit against the project, carries it out, and returns the edit
//! that undoes it. Compound operations (deleting an article with its annotations, merging two
//! entities) are built as [`Edit::Batch`]es of simple edits by the `*_edit` helpers below, so
//! each simple edit only has to keep its own invariant.

use super::offsets::CharSpan;
use super::{Annotation, Article, Entity, Incident, Project, Tag};

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Several edits applied in order, undone in reverse order.
    Batch(Vec<Edit>),
    /// Rename the project.
    SetName(String),
    /// Insert an article at a position in the list.
    InsertArticle {
        /// Position in the article list (clamped to its length).
        index: usize,
        /// The article.
        article: Article,
    },
    /// Remove an article that no annotation refers to.
    RemoveArticle {
        /// Its id.
        id: String,
    },
    /// Replace an article's metadata or text (same id). Refused while annotations would no
    /// longer match the new text.
    UpdateArticle(Article),
    /// Add an annotation (kept in stored order).
    InsertAnnotation(Annotation),
    /// Remove an annotation that no incident cites.
    RemoveAnnotation {
        /// Its id.
        id: String,
    },
    /// Replace an annotation's fields (same id).
    UpdateAnnotation(Annotation),
    /// Add many annotations at once (an import): checked together and sorted into place in one
    /// pass, where an [`Edit::InsertAnnotation`] each would scan the project once per
    /// annotation.
    InsertAnnotations(Vec<Annotation>),
    /// Remove many annotations that no incident cites (the inverse of
    /// [`Edit::InsertAnnotations`]).
    RemoveAnnotations(Vec<String>),
    /// Insert an entity at a position in the list.
    InsertEntity {
        /// Position in the entity list.
        index: usize,
        /// The entity.
        entity: Entity,
    },
    /// Remove an entity that nothing refers to.
    RemoveEntity {
        /// Its id.
        id: String,
    },
    /// Replace an entity's fields (same id).
    UpdateEntity(Entity),
    /// Insert an incident at a position in the list.
    InsertIncident {
        /// Position in the incident list.
        index: usize,
        /// The incident.
        incident: Incident,
    },
    /// Remove an incident.
    RemoveIncident {
        /// Its id.
        id: String,
    },
    /// Replace an incident's fields (same id).
    UpdateIncident(Incident),
    /// Insert a custom tag.
    InsertTag {
        /// Position in the tag list.
        index: usize,
        /// The tag.
        tag: Tag,
    },
    /// Remove a custom tag that nothing uses.
    RemoveTag {
        /// Its id.
        id: String,
    },
    /// Replace a tag's label, colour or key (same id).
    UpdateTag(Tag),
    /// Replace an article's text together with its annotations and orphans, all at once: what
    /// "Update article text" does after re-anchoring (see [`super::reanchor`]). `annotations`
    /// must lie on the new text; `orphans` are kept as they are. The inverse is the same edit
    /// holding the old text, annotations and orphans.
    ReplaceArticleText {
        /// The article's id.
        article: String,
        /// The new text (`\n` line endings).
        text: String,
        /// Every annotation of the article after the change.
        annotations: Vec<Annotation>,
        /// Every orphaned annotation of the article after the change.
        orphans: Vec<Annotation>,
    },
    /// Place an orphan again: the orphan with this annotation's id is replaced by the
    /// annotation (which must lie on the text).
    PlaceOrphan(Annotation),
    /// Turn an annotation back into an orphan (the inverse of [`Edit::PlaceOrphan`]): the
    /// annotation with this id is replaced by the given orphan.
    UnplaceOrphan(Annotation),
    /// Add an orphaned annotation.
    InsertOrphan(Annotation),
    /// Remove an orphaned annotation that no incident cites.
    RemoveOrphan {
        /// Its id.
        id: String,
    },
    /// Remember that a suggestion was rejected.
    RejectSuggestion(super::suggest::Rejection),
    /// Forget a rejection (the inverse of [`Edit::RejectSuggestion`]).
    UnrejectSuggestion(super::suggest::Rejection),
}

/// Why an edit could not be applied. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No item of that kind has that id.
    #[error("there is no {kind} {id}")]
    Missing {
        /// `article`, `annotation`, ...
        kind: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The id is already taken.
    #[error("{kind} {id} already exists")]
    Duplicate {
        /// `article`, `annotation`, ...
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// Something still refers to the item.
    #[error("{kind} {id} is still used by {user}")]
    InUse {
        /// `article`, `entity`, ...
        kind: &'static str,
        /// The id.
        id: String,
        /// What refers to it.
        user: String,
    },
    /// The span is empty or off the text, or its quote does not match.
    #[error("annotation {id}: {problem}")]
    BadSpan {
        /// Annotation id.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// A built-in tag cannot be removed.
    #[error("the built-in tag {0} cannot be removed")]
    BuiltinTag(String),
}

impl Project {
    /// Apply an edit and return its inverse. On error the project is left as it was.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match self.apply(e) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was done so far so the batch is all or nothing.
                            for inv in inverses.into_iter().rev() {
                                let _ = self.apply(inv);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
            Edit::SetName(name) => Ok(Edit::SetName(std::mem::replace(&mut self.name, name))),
            Edit::InsertArticle { index, article } => {
                if self.article(&article.id).is_some() {
                    return Err(dup("article", &article.id));
                }
                let id = article.id.clone();
                let index = index.min(self.articles.len());
                self.articles.insert(index, article);
                self.sort_annotations_if_needed();
                Ok(Edit::RemoveArticle { id })
            }
            Edit::RemoveArticle { id } => {
                let index = self
                    .article_index(&id)
                    .ok_or_else(|| missing("article", &id))?;
                if let Some(ann) = self
                    .annotations
                    .iter()
                    .chain(&self.orphans)
                    .find(|a| a.article == id)
                {
                    return Err(in_use("article", &id, format!("annotation {}", ann.id)));
                }
                let article = self.articles.remove(index);
                Ok(Edit::InsertArticle { index, article })
            }
            Edit::UpdateArticle(article) => {
                let index = self
                    .article_index(&article.id)
                    .ok_or_else(|| missing("article", &article.id))?;
                if self.articles[index].text != article.text {
                    for ann in self.annotations.iter().filter(|a| a.article == article.id) {
                        if article.slice(ann.span()) != Some(ann.exact.as_str()) {
                            return Err(EditError::BadSpan {
                                id: ann.id.clone(),
                                problem: "would no longer match the new text".into(),
                            });
                        }
                    }
                }
                let old = std::mem::replace(&mut self.articles[index], article);
                Ok(Edit::UpdateArticle(old))
            }
            Edit::InsertAnnotation(ann) => {
                if self.annotation(&ann.id).is_some() || self.orphan(&ann.id).is_some() {
                    return Err(dup("annotation", &ann.id));
                }
                self.check_annotation(&ann)?;
                let id = ann.id.clone();
                let pos = self.annotation_insert_pos(&ann);
                self.annotations.insert(pos, ann);
                Ok(Edit::RemoveAnnotation { id })
            }
            Edit::InsertAnnotations(anns) => {
                self.check_new_annotations(&anns)?;
                let ids = anns.iter().map(|a| a.id.clone()).collect();
                self.annotations.extend(anns);
                self.sort_annotations_if_needed();
                Ok(Edit::RemoveAnnotations(ids))
            }
            Edit::RemoveAnnotations(ids) => {
                let wanted: std::collections::HashSet<&str> =
                    ids.iter().map(String::as_str).collect();
                let found: std::collections::HashSet<&str> = self
                    .annotations
                    .iter()
                    .map(|a| a.id.as_str())
                    .filter(|id| wanted.contains(id))
                    .collect();
                if let Some(absent) = ids.iter().find(|id| !found.contains(id.as_str())) {
                    return Err(missing("annotation", absent));
                }
                for inc in &self.incidents {
                    if let Some(cited) = inc.evidence.iter().find(|e| wanted.contains(e.as_str())) {
                        return Err(in_use("annotation", cited, format!("incident {}", inc.id)));
                    }
                }
                let (removed, kept): (Vec<Annotation>, Vec<Annotation>) =
                    std::mem::take(&mut self.annotations)
                        .into_iter()
                        .partition(|a| wanted.contains(a.id.as_str()));
                self.annotations = kept;
                Ok(Edit::InsertAnnotations(removed))
            }
            Edit::RemoveAnnotation { id } => {
                let index = self
                    .annotations
                    .iter()
                    .position(|a| a.id == id)
                    .ok_or_else(|| missing("annotation", &id))?;
                if let Some(inc) = self.incidents.iter().find(|i| i.evidence.contains(&id)) {
                    return Err(in_use("annotation", &id, format!("incident {}", inc.id)));
                }
                let ann = self.annotations.remove(index);
                Ok(Edit::InsertAnnotation(ann))
            }
            Edit::UpdateAnnotation(ann) => {
                let index = self
                    .annotations
                    .iter()
                    .position(|a| a.id == ann.id)
                    .ok_or_else(|| missing("annotation", &ann.id))?;
                self.check_annotation(&ann)?;
                let old = self.annotations.remove(index);
                let pos = self.annotation_insert_pos(&ann);
                self.annotations.insert(pos, ann);
                Ok(Edit::UpdateAnnotation(old))
            }
            Edit::InsertEntity { index, entity } => {
                if self.entity(&entity.id).is_some() {
                    return Err(dup("entity", &entity.id));
                }
                let id = entity.id.clone();
                let index = index.min(self.entities.len());
                self.entities.insert(index, entity);
                Ok(Edit::RemoveEntity { id })
            }
            Edit::RemoveEntity { id } => {
                let index = self
                    .entities
                    .iter()
                    .position(|e| e.id == id)
                    .ok_or_else(|| missing("entity", &id))?;
                if let Some(user) = self.entity_user(&id) {
                    return Err(in_use("entity", &id, user));
                }
                let entity = self.entities.remove(index);
                Ok(Edit::InsertEntity { index, entity })
            }
            Edit::UpdateEntity(entity) => {
                let slot = self
                    .entities
                    .iter_mut()
                    .find(|e| e.id == entity.id)
                    .ok_or_else(|| missing("entity", &entity.id))?;
                Ok(Edit::UpdateEntity(std::mem::replace(slot, entity)))
            }
            Edit::InsertIncident { index, incident } => {
                if self.incident(&incident.id).is_some() {
                    return Err(dup("incident", &incident.id));
                }
                let id = incident.id.clone();
                let index = index.min(self.incidents.len());
                self.incidents.insert(index, incident);
                Ok(Edit::RemoveIncident { id })
            }
            Edit::RemoveIncident { id } => {
                let index = self
                    .incidents
                    .iter()
                    .position(|i| i.id == id)
                    .ok_or_else(|| missing("incident", &id))?;
                let incident = self.incidents.remove(index);
                Ok(Edit::InsertIncident { index, incident })
            }
            Edit::UpdateIncident(incident) => {
                let slot = self
                    .incidents
                    .iter_mut()
                    .find(|i| i.id == incident.id)
                    .ok_or_else(|| missing("incident", &incident.id))?;
                Ok(Edit::UpdateIncident(std::mem::replace(slot, incident)))
            }
            Edit::InsertTag { index, tag } => {
                if self.tag(&tag.id).is_some() {
                    return Err(dup("tag", &tag.id));
                }
                let id = tag.id.clone();
                let index = index.min(self.tags.len());
                self.tags.insert(index, tag);
                Ok(Edit::RemoveTag { id })
            }
            Edit::RemoveTag { id } => {
                if super::tags::is_builtin(&id) {
                    return Err(EditError::BuiltinTag(id));
                }
                let index = self
                    .tags
                    .iter()
                    .position(|t| t.id == id)
                    .ok_or_else(|| missing("tag", &id))?;
                if let Some(ann) = self
                    .annotations
                    .iter()
                    .chain(&self.orphans)
                    .find(|a| a.tag == id)
                {
                    return Err(in_use("tag", &id, format!("annotation {}", ann.id)));
                }
                if let Some(ent) = self.entities.iter().find(|e| e.tag == id) {
                    return Err(in_use("tag", &id, format!("entity {}", ent.id)));
                }
                let tag = self.tags.remove(index);
                Ok(Edit::InsertTag { index, tag })
            }
            Edit::UpdateTag(tag) => {
                let slot = self
                    .tags
                    .iter_mut()
                    .find(|t| t.id == tag.id)
                    .ok_or_else(|| missing("tag", &tag.id))?;
                Ok(Edit::UpdateTag(std::mem::replace(slot, tag)))
            }
            Edit::ReplaceArticleText {
                article,
                text,
                annotations,
                orphans,
            } => self.replace_article_text(article, text, annotations, orphans),
            Edit::PlaceOrphan(ann) => {
                let index = self
                    .orphans
                    .iter()
                    .position(|o| o.id == ann.id)
                    .ok_or_else(|| missing("orphaned annotation", &ann.id))?;
                self.check_annotation(&ann)?;
                let orphan = self.orphans.remove(index);
                let pos = self.annotation_insert_pos(&ann);
                self.annotations.insert(pos, ann);
                Ok(Edit::UnplaceOrphan(orphan))
            }
            Edit::UnplaceOrphan(orphan) => {
                let index = self
                    .annotations
                    .iter()
                    .position(|a| a.id == orphan.id)
                    .ok_or_else(|| missing("annotation", &orphan.id))?;
                self.check_orphan_refs(&orphan)?;
                let ann = self.annotations.remove(index);
                self.orphans.push(orphan);
                Ok(Edit::PlaceOrphan(ann))
            }
            Edit::InsertOrphan(orphan) => {
                if self.annotation(&orphan.id).is_some() || self.orphan(&orphan.id).is_some() {
                    return Err(dup("annotation", &orphan.id));
                }
                self.check_orphan_refs(&orphan)?;
                let id = orphan.id.clone();
                self.orphans.push(orphan);
                Ok(Edit::RemoveOrphan { id })
            }
            Edit::RemoveOrphan { id } => {
                let index = self
                    .orphans
                    .iter()
                    .position(|o| o.id == id)
                    .ok_or_else(|| missing("orphaned annotation", &id))?;
                if let Some(inc) = self.incidents.iter().find(|i| i.evidence.contains(&id)) {
                    return Err(in_use("annotation", &id, format!("incident {}", inc.id)));
                }
                Ok(Edit::InsertOrphan(self.orphans.remove(index)))
            }
            Edit::RejectSuggestion(r) => {
                if self.rejected_suggestions.contains(&r) {
                    return Err(dup(
                        "rejection of",
                        &format!("{}:{}..{}", r.article, r.start, r.end),
                    ));
                }
                self.rejected_suggestions.push(r.clone());
                Ok(Edit::UnrejectSuggestion(r))
            }
            Edit::UnrejectSuggestion(r) => {
                let index = self
                    .rejected_suggestions
                    .iter()
                    .position(|x| *x == r)
                    .ok_or_else(|| {
                        missing(
                            "rejection of",
                            &format!("{}:{}..{}", r.article, r.start, r.end),
                        )
                    })?;
                let r = self.rejected_suggestions.remove(index);
                Ok(Edit::RejectSuggestion(r))
            }
        }
    }

    /// Carry out [`Edit::ReplaceArticleText`]: check everything first, then swap text,
    /// annotations and orphans of the article, returning the edit that swaps them back.
    fn replace_article_text(
        &mut self,
        article_id: String,
        text: String,
        annotations: Vec<Annotation>,
        orphans: Vec<Annotation>,
    ) -> Result<Edit, EditError> {
        let index = self
            .article_index(&article_id)
            .ok_or_else(|| missing("article", &article_id))?;
        // Check against a copy of the article holding the new text, so that nothing changes
        // unless everything is right.
        let mut new_article = self.articles[index].clone();
        new_article.set_text(text);
        let mut seen = std::collections::HashSet::new();
        for a in annotations.iter().chain(&orphans) {
            if a.article != article_id {
                return Err(EditError::BadSpan {
                    id: a.id.clone(),
                    problem: format!("belongs to article {}, not {article_id}", a.article),
                });
            }
            if !seen.insert(a.id.as_str()) {
                return Err(dup("annotation", &a.id));
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
            return Err(dup("annotation", &a.id));
        }
        for ann in &annotations {
            check_span(&new_article, ann)?;
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
                    return Err(in_use("annotation", ev, format!("incident {}", inc.id)));
                }
            }
        }
        let old_text = std::mem::replace(&mut self.articles[index], new_article).text;
        let (old_annotations, kept): (Vec<Annotation>, Vec<Annotation>) =
            std::mem::take(&mut self.annotations)
                .into_iter()
                .partition(|a| a.article == article_id);
        self.annotations = kept;
        self.annotations.extend(annotations);
        let (old_orphans, kept): (Vec<Annotation>, Vec<Annotation>) =
            std::mem::take(&mut self.orphans)
                .into_iter()
                .partition(|a| a.article == article_id);
        self.orphans = kept;
        self.orphans.extend(orphans);
        self.sort_annotations();
        Ok(Edit::ReplaceArticleText {
            article: article_id,
            text: old_text,
            annotations: old_annotations,
            orphans: old_orphans,
        })
    }

    /// Check the references of an orphan (article, tag, entity, claim source); its span is
    /// not checked, as it no longer applies to the text.
    fn check_orphan_refs(&self, ann: &Annotation) -> Result<(), EditError> {
        if self.article(&ann.article).is_none() {
            return Err(missing("article", &ann.article));
        }
        if self.tag(&ann.tag).is_none() {
            return Err(missing("tag", &ann.tag));
        }
        for entity in [
            ann.entity.as_deref(),
            ann.claim.as_ref().and_then(|c| c.source.as_deref()),
        ]
        .into_iter()
        .flatten()
        {
            if self.entity(entity).is_none() {
                return Err(missing("entity", entity));
            }
        }
        Ok(())
    }

    /// Check that an annotation's article, tag, span and quote are sound.
    fn check_annotation(&self, ann: &Annotation) -> Result<(), EditError> {
        let article = self
            .article(&ann.article)
            .ok_or_else(|| missing("article", &ann.article))?;
        if self.tag(&ann.tag).is_none() {
            return Err(missing("tag", &ann.tag));
        }
        if let Some(entity) = &ann.entity
            && self.entity(entity).is_none()
        {
            return Err(missing("entity", entity));
        }
        check_span(article, ann)
    }

    /// Everything [`Edit::InsertAnnotation`] checks, for many annotations in one pass over the
    /// project: fresh, distinct ids; known article, tag and entity; spans on their quotes.
    fn check_new_annotations(&self, anns: &[Annotation]) -> Result<(), EditError> {
        use std::collections::{HashMap, HashSet};
        let mut taken: HashSet<&str> = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .map(|a| a.id.as_str())
            .collect();
        let mut articles: HashMap<&str, &super::Article> = HashMap::new();
        for a in &self.articles {
            articles.entry(a.id.as_str()).or_insert(a);
        }
        let tags: HashSet<&str> = self.tags.iter().map(|t| t.id.as_str()).collect();
        let entities: HashSet<&str> = self.entities.iter().map(|e| e.id.as_str()).collect();
        for ann in anns {
            if !taken.insert(ann.id.as_str()) {
                return Err(dup("annotation", &ann.id));
            }
            let article = articles
                .get(ann.article.as_str())
                .ok_or_else(|| missing("article", &ann.article))?;
            if !tags.contains(ann.tag.as_str()) {
                return Err(missing("tag", &ann.tag));
            }
            if let Some(entity) = &ann.entity
                && !entities.contains(entity.as_str())
            {
                return Err(missing("entity", entity));
            }
            check_span(article, ann)?;
        }
        Ok(())
    }

    fn annotation_insert_pos(&self, ann: &Annotation) -> usize {
        let key = self.annotation_sort_key(ann);
        self.annotations
            .partition_point(|a| self.annotation_sort_key(a) < key)
    }

    fn sort_annotations_if_needed(&mut self) {
        // Article positions looked up once each (the first article with an id wins, as in
        // `article_index`), not by a scan of the articles per comparison.
        let mut order: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, a) in self.articles.iter().enumerate() {
            order.entry(a.id.as_str()).or_insert(i);
        }
        let pos = |a: &Annotation| order.get(a.article.as_str()).copied().unwrap_or(usize::MAX);
        let sorted = self.annotations.windows(2).all(|w| {
            let (a, b) = (&w[0], &w[1]);
            (pos(a), a.start, a.end, a.id.as_str()) <= (pos(b), b.start, b.end, b.id.as_str())
        });
        if !sorted {
            self.sort_annotations();
        }
    }

    /// The first thing that refers to an entity, described for an error message.
    fn entity_user(&self, id: &str) -> Option<String> {
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

    // ----- Helpers that build compound edits -----

    /// Build (but do not apply) an annotation of `span` in an article, with its quote and a
    /// fresh id. Fails when the span is empty or off the text.
    pub fn make_annotation(
        &mut self,
        article_id: &str,
        span: CharSpan,
        tag: &str,
    ) -> Result<Annotation, EditError> {
        // Checked before the id is taken, so a refused span uses up no id.
        let mut ann = self.annotation_with_id(article_id, span, tag, String::new())?;
        ann.id = self.alloc_id("ann");
        Ok(ann)
    }

    /// What [`Project::make_annotation`] makes, with an id the caller allocated (an import
    /// takes its ids in one [`Project::alloc_ids`] call).
    pub fn annotation_with_id(
        &self,
        article_id: &str,
        span: CharSpan,
        tag: &str,
        id: String,
    ) -> Result<Annotation, EditError> {
        let article = self
            .article(article_id)
            .ok_or_else(|| missing("article", article_id))?;
        let quote =
            super::text::quote_of(&article.text, article.index(), span).ok_or_else(|| {
                EditError::BadSpan {
                    id: "(new)".into(),
                    problem: format!("span {span} lies outside the text"),
                }
            })?;
        if span.is_empty() {
            return Err(EditError::BadSpan {
                id: "(new)".into(),
                problem: format!("empty span {span}"),
            });
        }
        Ok(Annotation {
            id,
            article: article_id.to_owned(),
            tag: tag.to_owned(),
            start: span.start,
            end: span.end,
            exact: quote.exact,
            prefix: quote.prefix,
            suffix: quote.suffix,
            entity: None,
            note: String::new(),
            claim: (tag == super::tags::CLAIM).then(super::Claim::default),
            created: super::project::now(),
            extra: super::Extra::new(),
        })
    }

    /// Delete an annotation, first taking it out of any incident's evidence. Each incident that
    /// cited it keeps its quote in `removed_evidence`, so the editor can say the evidence is gone.
    pub fn delete_annotation_edit(&self, id: &str) -> Edit {
        let quote = self.annotation(id).map(|a| a.exact.clone());
        let mut edits: Vec<Edit> = self
            .incidents
            .iter()
            .filter(|i| i.evidence.iter().any(|e| e == id))
            .map(|i| {
                let mut inc = i.clone();
                inc.evidence.retain(|e| e != id);
                inc.removed_evidence.extend(quote.clone());
                Edit::UpdateIncident(inc)
            })
            .collect();
        edits.push(Edit::RemoveAnnotation { id: id.to_owned() });
        Edit::Batch(edits)
    }

    /// Delete an article with all its annotations.
    pub fn delete_article_edit(&self, id: &str) -> Edit {
        let ann_ids: Vec<&str> = self
            .annotations
            .iter()
            .chain(&self.orphans)
            .filter(|a| a.article == id)
            .map(|a| a.id.as_str())
            .collect();
        let mut incidents: Vec<Incident> = self
            .incidents
            .iter()
            .filter(|i| i.evidence.iter().any(|e| ann_ids.contains(&e.as_str())))
            .cloned()
            .collect();
        let mut edits = Vec::new();
        for inc in &mut incidents {
            // Record the quotes of the evidence that goes with the article.
            let gone: Vec<String> = inc
                .evidence
                .iter()
                .filter(|e| ann_ids.contains(&e.as_str()))
                .filter_map(|e| self.annotation(e).map(|a| a.exact.clone()))
                .collect();
            inc.removed_evidence.extend(gone);
            inc.evidence.retain(|e| !ann_ids.contains(&e.as_str()));
            edits.push(Edit::UpdateIncident(inc.clone()));
        }
        edits.extend(
            self.annotations_of(id)
                .map(|a| Edit::RemoveAnnotation { id: a.id.clone() }),
        );
        edits.extend(
            self.orphans_of(id)
                .map(|o| Edit::RemoveOrphan { id: o.id.clone() }),
        );
        edits.extend(
            self.rejected_suggestions
                .iter()
                .filter(|r| r.article == id)
                .map(|r| Edit::UnrejectSuggestion(r.clone())),
        );
        edits.push(Edit::RemoveArticle { id: id.to_owned() });
        Edit::Batch(edits)
    }

    /// Replace every reference to entity `from` by `to` (or by nothing), as edits.
    fn relink_edits(&self, from: &str, to: Option<&str>) -> Vec<Edit> {
        // Rejections of the entity that goes away no longer mean anything.
        let mut edits: Vec<Edit> = self
            .rejected_suggestions
            .iter()
            .filter(|r| r.entity == from)
            .map(|r| Edit::UnrejectSuggestion(r.clone()))
            .collect();
        for ann in &self.annotations {
            let links_entity = ann.entity.as_deref() == Some(from);
            let sources = ann.claim.as_ref().and_then(|c| c.source.as_deref()) == Some(from);
            if links_entity || sources {
                let mut a = ann.clone();
                if links_entity {
                    a.entity = to.map(str::to_owned);
                }
                if let Some(claim) = a.claim.as_mut().filter(|_| sources) {
                    claim.source = to.map(str::to_owned);
                }
                edits.push(Edit::UpdateAnnotation(a));
            }
        }
        for inc in &self.incidents {
            let at_location = inc.location.as_deref() == Some(from);
            let acts = inc.actors.iter().any(|r| r.entity == from);
            if at_location || acts {
                let mut i = inc.clone();
                if at_location {
                    i.location = to.map(str::to_owned);
                }
                match to {
                    Some(to) => {
                        for r in &mut i.actors {
                            if r.entity == from {
                                r.entity = to.to_owned();
                            }
                        }
                        // Merging can make an actor appear twice with the same role.
                        let mut seen = std::collections::HashSet::new();
                        i.actors
                            .retain(|r| seen.insert((r.entity.clone(), r.role.clone())));
                    }
                    None => i.actors.retain(|r| r.entity != from),
                }
                edits.push(Edit::UpdateIncident(i));
            }
        }
        edits
    }

    /// Delete an entity, unlinking its mentions (they stay as annotations).
    pub fn delete_entity_edit(&self, id: &str) -> Edit {
        let mut edits = self.relink_edits(id, None);
        edits.push(Edit::RemoveEntity { id: id.to_owned() });
        Edit::Batch(edits)
    }

    /// Merge entity `from` into `into`: mentions move, names become aliases, `from` goes.
    pub fn merge_entities_edit(&self, from: &str, into: &str) -> Result<Edit, EditError> {
        let source = self.entity(from).ok_or_else(|| missing("entity", from))?;
        let mut target = self
            .entity(into)
            .ok_or_else(|| missing("entity", into))?
            .clone();
        for name in source.names() {
            if !target.names().any(|n| n == name) {
                target.aliases.push(name.to_owned());
            }
        }
        if target.lat.is_none() && target.lon.is_none() {
            target.lat = source.lat;
            target.lon = source.lon;
        }
        if target.note.is_empty() {
            target.note = source.note.clone();
        }
        // Fields the target leaves empty take the source's; external ids are pooled.
        for (mine, theirs) in [
            (&mut target.kind, &source.kind),
            (&mut target.country, &source.country),
            (&mut target.admin1, &source.admin1),
            (&mut target.admin2, &source.admin2),
        ] {
            if mine.is_empty() {
                mine.clone_from(theirs);
            }
        }
        target.geo_precision = target.geo_precision.or(source.geo_precision);
        for external in &source.external_ids {
            if !target.has_external_id(external) {
                target.external_ids.push(external.clone());
            }
        }
        let mut edits = vec![Edit::UpdateEntity(target)];
        edits.extend(self.relink_edits(from, Some(into)));
        edits.push(Edit::RemoveEntity {
            id: from.to_owned(),
        });
        Ok(Edit::Batch(edits))
    }

    /// Link an annotation to an entity, adding the span's text to the entity's aliases when it
    /// is a new spelling.
    pub fn link_edit(&self, annotation: &str, entity: Option<&str>) -> Result<Edit, EditError> {
        let mut ann = self
            .annotation(annotation)
            .ok_or_else(|| missing("annotation", annotation))?
            .clone();
        let mut edits = Vec::new();
        if let Some(entity_id) = entity {
            let mut ent = self
                .entity(entity_id)
                .ok_or_else(|| missing("entity", entity_id))?
                .clone();
            let spelling = ann.exact.trim();
            if !spelling.is_empty() && !ent.names().any(|n| n == spelling) {
                ent.aliases.push(spelling.to_owned());
                edits.push(Edit::UpdateEntity(ent));
            }
        }
        ann.entity = entity.map(str::to_owned);
        edits.push(Edit::UpdateAnnotation(ann));
        Ok(Edit::Batch(edits))
    }

    /// Annotate every whole-word occurrence of `needle` in every article with `tag`, skipping
    /// spans that already carry that tag. Returns the edit and how many spans it adds.
    pub fn tag_matches_edit(
        &mut self,
        needle: &str,
        tag: &str,
        entity: Option<&str>,
    ) -> (Edit, usize) {
        self.tag_matches_in(needle, tag, entity, None)
    }

    /// Like [`Self::tag_matches_edit`], limited to one article when `article` is given.
    pub fn tag_matches_in(
        &mut self,
        needle: &str,
        tag: &str,
        entity: Option<&str>,
        article: Option<&str>,
    ) -> (Edit, usize) {
        let mut found: Vec<(String, CharSpan)> = Vec::new();
        for art in self
            .articles
            .iter()
            .filter(|a| article.is_none_or(|id| a.id == id))
        {
            let existing: std::collections::HashSet<CharSpan> = self
                .annotations_of(&art.id)
                .filter(|a| a.tag == tag)
                .map(|a| a.span())
                .collect();
            for span in super::text::find_whole_words(art.chars(), needle, false) {
                if !existing.contains(&span) {
                    found.push((art.id.clone(), span));
                }
            }
        }
        // One bulk insert with ids taken at once: tagging thousands of matches costs one pass
        // over the project, not one per match.
        let ids = self.alloc_ids("ann", found.len());
        let anns: Vec<Annotation> = found
            .into_iter()
            .zip(ids)
            .filter_map(|((article, span), id)| {
                let mut ann = self.annotation_with_id(&article, span, tag, id).ok()?;
                ann.entity = entity.map(str::to_owned);
                Some(ann)
            })
            .collect();
        let n = anns.len();
        (Edit::InsertAnnotations(anns), n)
    }
}

/// Check that an annotation's span is non-empty, lies on the article's text and that its quote
/// matches the text there.
fn check_span(article: &Article, ann: &Annotation) -> Result<(), EditError> {
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

fn missing(kind: &'static str, id: &str) -> EditError {
    EditError::Missing {
        kind,
        id: id.to_owned(),
    }
}

fn dup(kind: &'static str, id: &str) -> EditError {
    EditError::Duplicate {
        kind,
        id: id.to_owned(),
    }
}

fn in_use(kind: &'static str, id: &str, user: String) -> EditError {
    EditError::InUse {
        kind,
        id: id.to_owned(),
        user,
    }
}
