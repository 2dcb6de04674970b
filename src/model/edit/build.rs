//! Builders of compound edits: each reads the project and returns (without applying) the
//! [`Edit`] that does one thing an analyst asks for, such as deleting an article with its
//! annotations, merging two entities or retagging an annotation. They hold the rules of those
//! operations, so every front end (window, command line) gets the same result.

use std::collections::HashSet;

use super::{Edit, EditError};
use crate::model::offsets::CharSpan;
use crate::model::{Annotation, Claim, Extra, Incident, Project, now, tags, text};

impl Project {
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
        // From the end: an import makes annotations for the articles it has just appended, so
        // this finds them at once where a search from the front scanned every article per
        // annotation (10k doccano documents). Ids are unique, so the answer is the same.
        let article = self
            .articles
            .iter()
            .rev()
            .find(|a| a.id == article_id)
            .ok_or_else(|| EditError::missing("article", article_id))?;
        let quote = text::quote_of(&article.text, article.index(), span).ok_or_else(|| {
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
            claim: (tag == tags::CLAIM).then(Claim::default),
            created: now(),
            created_by: None,
            modified: None,
            modified_by: None,
            extra: Extra::new(),
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
        // Its relations go with it (undo brings them back).
        edits.extend(
            self.relations_of(id)
                .map(|r| Edit::RemoveRelation { id: r.id.clone() }),
        );
        edits.push(Edit::RemoveAnnotation { id: id.to_owned() });
        Edit::Batch(edits)
    }

    /// Build (not apply) a relation of type `kind` from one annotation to another, with a
    /// fresh id.
    /// A project without relation types (one from before they existed) gets the default types
    /// in the same edit when `kind` is one of them.
    pub fn relation_edit(&mut self, kind: &str, from: &str, to: &str) -> Result<Edit, EditError> {
        let rel = super::super::SpanRelation {
            id: self.alloc_id("rel"),
            kind: kind.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
            extra: Default::default(),
        };
        let defaults = super::super::relations::default_relation_types();
        if self.relation_types.is_empty() && defaults.iter().any(|t| t.id == kind) {
            let mut scratch = self.clone();
            scratch.relation_types = defaults.clone();
            if let Some(problem) = scratch.relation_problem(&rel) {
                return Err(EditError::Invalid {
                    kind: "relation",
                    id: rel.id,
                    problem,
                });
            }
            return Ok(Edit::Batch(vec![
                Edit::SetRelationTypes(defaults),
                Edit::InsertRelation(rel),
            ]));
        }
        if let Some(problem) = self.relation_problem(&rel) {
            return Err(EditError::Invalid {
                kind: "relation",
                id: rel.id,
                problem,
            });
        }
        Ok(Edit::InsertRelation(rel))
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
            self.relations
                .iter()
                .filter(|r| ann_ids.contains(&r.from.as_str()) || ann_ids.contains(&r.to.as_str()))
                .map(|r| Edit::RemoveRelation { id: r.id.clone() }),
        );
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
                        let mut seen = HashSet::new();
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
        let source = self
            .entity(from)
            .ok_or_else(|| EditError::missing("entity", from))?;
        let mut target = self
            .entity(into)
            .ok_or_else(|| EditError::missing("entity", into))?
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
            .ok_or_else(|| EditError::missing("annotation", annotation))?
            .clone();
        let mut edits = Vec::new();
        if let Some(entity_id) = entity {
            let mut ent = self
                .entity(entity_id)
                .ok_or_else(|| EditError::missing("entity", entity_id))?
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

    /// Retag an annotation: the one rule every front end follows. `None` when there is no
    /// annotation with that id or it already has the tag; see [`Project::retag_annotation`]
    /// for what else changes.
    pub fn retag_edit(&self, annotation_id: &str, tag: &str) -> Option<Edit> {
        let mut ann = self.annotation(annotation_id)?.clone();
        if ann.tag == tag {
            return None;
        }
        self.retag_annotation(&mut ann, tag);
        Some(Edit::UpdateAnnotation(ann))
    }

    /// Give `ann` (a copy, changed in place) the tag `tag` by the retag rule: claim data is
    /// kept only on claims, and a new claim gets a default [`Claim`]; a link to an entity of
    /// another tag is dropped, as that entity no longer fits. For an editor whose copy may
    /// carry other changes too; [`Project::retag_edit`] is the whole edit.
    pub fn retag_annotation(&self, ann: &mut Annotation, tag: &str) {
        ann.tag = tag.to_owned();
        if tag == tags::CLAIM {
            ann.claim.get_or_insert_with(Claim::default);
        } else {
            ann.claim = None;
        }
        // An entity the project does not know is left for validation to report, not guessed at.
        if let Some(e) = &ann.entity
            && self.entity(e).is_some_and(|e| e.tag != tag)
        {
            ann.entity = None;
        }
    }

    /// Annotate every whole-word occurrence of `needle` in every article with `tag`, skipping
    /// spans that already carry that tag. Returns the edit and how many spans it adds.
    pub fn tag_matches_edit(
        &mut self,
        needle: &str,
        tag: &str,
        entity: Option<&str>,
    ) -> Result<(Edit, usize), EditError> {
        self.tag_matches_in(needle, tag, entity, None)
    }

    /// Like [`Self::tag_matches_edit`], limited to one article when `article` is given.
    pub fn tag_matches_in(
        &mut self,
        needle: &str,
        tag: &str,
        entity: Option<&str>,
        article: Option<&str>,
    ) -> Result<(Edit, usize), EditError> {
        let mut found: Vec<(String, CharSpan)> = Vec::new();
        for art in self
            .articles
            .iter()
            .filter(|a| article.is_none_or(|id| a.id == id))
        {
            let existing: HashSet<CharSpan> = self
                .annotations_of(&art.id)
                .filter(|a| a.tag == tag)
                .map(|a| a.span())
                .collect();
            for span in text::find_whole_words(art.chars(), needle, false) {
                if !existing.contains(&span) {
                    found.push((art.id.clone(), span));
                }
            }
        }
        self.insert_spans_edit(found, tag, entity)
    }

    /// Annotate spans with `tag` in one bulk insert, skipping spans already annotated with
    /// `tag` (and repeats): what "Tag all shown" of the corpus search and `sitrep search --tag`
    /// do. Returns the edit and how many annotations it adds.
    pub fn tag_spans_edit(
        &mut self,
        spans: &[(String, CharSpan)],
        tag: &str,
    ) -> Result<(Edit, usize), EditError> {
        // Each article's spans of this tag, read once: the spans already taken, and those
        // added here (so a repeat is skipped too).
        let mut taken: std::collections::HashMap<&str, HashSet<CharSpan>> = Default::default();
        let mut found = Vec::new();
        for (article, span) in spans {
            let set = taken.entry(article.as_str()).or_insert_with(|| {
                self.annotations_of(article)
                    .filter(|a| a.tag == tag)
                    .map(|a| a.span())
                    .collect()
            });
            if set.insert(*span) {
                found.push((article.clone(), *span));
            }
        }
        self.insert_spans_edit(found, tag, None)
    }

    fn insert_spans_edit(
        &mut self,
        found: Vec<(String, CharSpan)>,
        tag: &str,
        entity: Option<&str>,
    ) -> Result<(Edit, usize), EditError> {
        // Refused before a single quote is made: the spans alone are small.
        EditError::check_bulk(found.len())?;
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
        Ok((Edit::InsertAnnotations(anns), n))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::offsets::CharSpan;
    use crate::model::{Article, Claim, ClaimStatus, Edit, Entity, Project, tags};

    /// A project with one article, an actor entity and an actor annotation linked to it.
    fn project() -> (Project, String) {
        let mut p = Project::new("retag");
        p.apply(Edit::InsertArticle {
            index: 0,
            article: Article::new("art1", "T", "The patrol crossed the river at dawn."),
        })
        .expect("article");
        p.apply(Edit::InsertEntity {
            index: 0,
            entity: Entity::new("ent1", tags::ACTOR, "The patrol"),
        })
        .expect("entity");
        let span = CharSpan::new(0, 10);
        let mut ann = p.make_annotation("art1", span, tags::ACTOR).expect("span");
        ann.entity = Some("ent1".into());
        let id = ann.id.clone();
        p.apply(Edit::InsertAnnotation(ann)).expect("annotation");
        (p, id)
    }

    fn retagged(p: &Project, id: &str, tag: &str) -> crate::model::Annotation {
        match p.retag_edit(id, tag) {
            Some(Edit::UpdateAnnotation(ann)) => ann,
            other => panic!("expected an annotation update, got {other:?}"),
        }
    }

    #[test]
    fn nothing_to_do_for_a_missing_annotation_or_the_same_tag() {
        let (p, id) = project();
        assert_eq!(p.retag_edit("ann-none", tags::CLAIM), None);
        assert_eq!(p.retag_edit(&id, tags::ACTOR), None);
    }

    #[test]
    fn a_new_claim_gets_default_claim_data_and_loses_an_actor_entity() {
        let (p, id) = project();
        let ann = retagged(&p, &id, tags::CLAIM);
        assert_eq!(ann.tag, tags::CLAIM);
        assert_eq!(ann.claim, Some(Claim::default()));
        assert_eq!(ann.entity, None);
    }

    #[test]
    fn claim_data_goes_when_a_claim_is_retagged_and_kept_when_it_stays_one() {
        let (mut p, id) = project();
        let mut claim = retagged(&p, &id, tags::CLAIM);
        claim.claim = Some(Claim {
            status: ClaimStatus::Disputed,
            ..Claim::default()
        });
        p.apply(Edit::UpdateAnnotation(claim.clone()))
            .expect("claim with data");
        let mut same = claim.clone();
        p.retag_annotation(&mut same, tags::CLAIM);
        assert_eq!(same.claim, claim.claim);
        let actor = retagged(&p, &id, tags::ACTOR);
        assert_eq!(actor.claim, None);
    }

    #[test]
    fn an_entity_of_the_new_tag_stays_linked() {
        let (mut p, id) = project();
        p.apply(Edit::InsertEntity {
            index: 1,
            entity: Entity::new("ent2", tags::LOCATION, "The river"),
        })
        .expect("entity");
        p.apply(p.link_edit(&id, Some("ent2")).expect("link"))
            .expect("linked");
        let ann = retagged(&p, &id, tags::LOCATION);
        assert_eq!(ann.entity.as_deref(), Some("ent2"));
        // The edit applies, and its inverse brings the old tag back.
        let inverse = p.apply(Edit::UpdateAnnotation(ann)).expect("retag applies");
        p.apply_exact(inverse).expect("undo");
        assert_eq!(p.annotation(&id).map(|a| a.tag.as_str()), Some(tags::ACTOR));
    }
}
