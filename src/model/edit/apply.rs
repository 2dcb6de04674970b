//! [`Project::apply`]: a dispatcher that hands each edit to the function of its collection
//! family, and one generic body for the insert / remove / update edits that every id-keyed list
//! (articles, entities, incidents, tags) has in the same form.
//!
//! Annotations and orphans keep functions of their own: annotations stay sorted by place in the
//! text and are checked against it, and orphans sit outside the text, so neither fits the
//! "insert at an index" shape of the plain lists.

use std::collections::HashSet;

use super::{Edit, EditError};
use crate::model::suggest::Rejection;
use crate::model::{Annotation, Article, Entity, Incident, Project, Tag, tags};

impl Project {
    /// Apply an edit an analyst makes, stamped with who and when (see `stamp.rs`), and
    /// return its inverse. On error the project is left as it was.
    pub fn apply(&mut self, mut edit: Edit) -> Result<Edit, EditError> {
        self.stamp(&mut edit, crate::model::now());
        self.apply_exact(edit)
    }

    /// Apply an edit exactly as given, with no stamping: for undo and redo, which must put
    /// back the very state they left.
    pub fn apply_exact(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::Batch(edits) => self.apply_batch(edits),
            Edit::SetName(name) => Ok(Edit::SetName(std::mem::replace(&mut self.name, name))),
            Edit::SetSources(sources) => self.set_sources(sources),
            Edit::SetDocLabels(labels) => self.set_doc_labels(labels),
            Edit::InsertRelation(rel) => self.insert_relation(rel),
            Edit::SetRelationTypes(types) => self.set_relation_types(types),
            Edit::RemoveRelation { id } => self.remove_relation(&id),
            Edit::InsertRelations(rels) => self.insert_relations(rels),
            Edit::RemoveRelations(ids) => self.remove_relations(&ids),
            Edit::InsertArticle { index, article } => self.apply_listed(ListEdit::Insert {
                index,
                item: article,
            }),
            Edit::RemoveArticle { id } => self.apply_listed::<Article>(ListEdit::Remove { id }),
            Edit::UpdateArticle(article) => self.apply_listed(ListEdit::Update(article)),
            Edit::ReplaceArticleText {
                article,
                text,
                annotations,
                orphans,
            } => self.replace_article_text(article, text, annotations, orphans),
            Edit::InsertAnnotation(ann) => self.insert_annotation(ann),
            Edit::RemoveAnnotation { id } => self.remove_annotation(id),
            Edit::UpdateAnnotation(ann) => self.update_annotation(ann),
            Edit::InsertAnnotations(anns) => self.insert_annotations(anns),
            Edit::RemoveAnnotations(ids) => self.remove_annotations(ids),
            Edit::InsertEntity { index, entity } => self.apply_listed(ListEdit::Insert {
                index,
                item: entity,
            }),
            Edit::RemoveEntity { id } => self.apply_listed::<Entity>(ListEdit::Remove { id }),
            Edit::UpdateEntity(entity) => self.apply_listed(ListEdit::Update(entity)),
            Edit::InsertIncident { index, incident } => self.apply_listed(ListEdit::Insert {
                index,
                item: incident,
            }),
            Edit::RemoveIncident { id } => self.apply_listed::<Incident>(ListEdit::Remove { id }),
            Edit::UpdateIncident(incident) => self.apply_listed(ListEdit::Update(incident)),
            Edit::InsertTag { index, tag } => {
                self.apply_listed(ListEdit::Insert { index, item: tag })
            }
            Edit::RemoveTag { id } => self.apply_listed::<Tag>(ListEdit::Remove { id }),
            Edit::UpdateTag(tag) => self.apply_listed(ListEdit::Update(tag)),
            Edit::PlaceOrphan(ann) => self.place_orphan(ann),
            Edit::UnplaceOrphan(orphan) => self.unplace_orphan(orphan),
            Edit::InsertOrphan(orphan) => self.insert_orphan(orphan),
            Edit::RemoveOrphan { id } => self.remove_orphan(id),
            Edit::RejectSuggestion(r) => self.reject_suggestion(r),
            Edit::UnrejectSuggestion(r) => self.unreject_suggestion(r),
            Edit::InsertConflict { index, conflict } => {
                let index = index.min(self.conflicts.len());
                self.conflicts.insert(index, conflict.clone());
                Ok(Edit::SettleConflict(conflict))
            }
            Edit::SettleConflict(conflict) => {
                let index = self
                    .conflicts
                    .iter()
                    .position(|c| *c == conflict)
                    .ok_or_else(|| EditError::missing("merge conflict", &conflict.label()))?;
                let conflict = self.conflicts.remove(index);
                Ok(Edit::InsertConflict { index, conflict })
            }
        }
    }

    // ----- Batches -----

    /// Apply edits in order; the inverse undoes them in reverse order.
    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Edit, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for e in edits {
            match self.apply_exact(e) {
                Ok(inv) => inverses.push(inv),
                Err(err) => {
                    // Roll back what was done so far so the batch is all or nothing. Each
                    // inverse undoes an edit that just succeeded on this very state, so it
                    // cannot fail; there would be nothing better to do if it did.
                    for inv in inverses.into_iter().rev() {
                        self.apply_exact(inv).ok();
                    }
                    return Err(err);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Batch(inverses))
    }

    // ----- The plain id-keyed lists: articles, entities, incidents, tags -----

    /// Carry out an insert, remove or update of a plain list; the inverse is the same kind of
    /// edit of the same list.
    fn apply_listed<T: Listed>(&mut self, edit: ListEdit<T>) -> Result<Edit, EditError> {
        let inverse = match edit {
            ListEdit::Insert { index, item } => {
                if T::list(self).iter().any(|x| x.id() == item.id()) {
                    return Err(EditError::duplicate(T::KIND, item.id()));
                }
                T::check_insert(self, &item)?;
                let id = item.id().to_owned();
                let list = T::list_mut(self);
                let index = index.min(list.len());
                list.insert(index, item);
                T::after_insert(self, &id);
                ListEdit::Remove { id }
            }
            ListEdit::Remove { id } => {
                T::check_remove(&id)?;
                let index = position(T::list(self), &id)?;
                if let Some(user) = T::user(self, &id) {
                    return Err(EditError::in_use(T::KIND, &id, user));
                }
                let item = T::list_mut(self).remove(index);
                ListEdit::Insert { index, item }
            }
            ListEdit::Update(item) => {
                let index = position(T::list(self), item.id())?;
                if let Some(old) = T::list(self).get(index) {
                    T::check_update(self, old, &item)?;
                }
                let Some(slot) = T::list_mut(self).get_mut(index) else {
                    return Err(EditError::missing(T::KIND, item.id()));
                };
                ListEdit::Update(std::mem::replace(slot, item))
            }
        };
        Ok(T::into_edit(inverse))
    }

    // ----- The source registry -----

    /// Replace the registry whole; the inverse puts the old list back.
    fn set_sources(&mut self, sources: Vec<crate::model::Source>) -> Result<Edit, EditError> {
        let mut seen = std::collections::HashSet::new();
        for source in &sources {
            let invalid = |problem: String| EditError::Invalid {
                kind: "source",
                id: source.name.clone(),
                problem,
            };
            if let Some(problem) = source.problems().into_iter().next() {
                return Err(invalid(problem));
            }
            if !seen.insert(crate::model::sources::fold_name(&source.name)) {
                return Err(invalid("is registered twice".to_owned()));
            }
        }
        Ok(Edit::SetSources(std::mem::replace(
            &mut self.sources,
            sources,
        )))
    }

    /// Replace the document labels whole; the inverse puts the old list back.
    fn set_doc_labels(&mut self, labels: Vec<crate::model::DocLabel>) -> Result<Edit, EditError> {
        for (i, label) in labels.iter().enumerate() {
            let invalid = |problem: String| EditError::Invalid {
                kind: "document label",
                id: label.id.clone(),
                problem,
            };
            if let Some(problem) = label.problems().into_iter().next() {
                return Err(invalid(problem));
            }
            if labels[..i].iter().any(|l| l.id == label.id) {
                return Err(invalid("is defined twice".to_owned()));
            }
        }
        let undefined = self.articles.iter().find_map(|a| {
            a.labels.iter().find(|(id, value)| {
                !labels
                    .iter()
                    .any(|l| &l.id == *id && l.values.iter().any(|v| &v.value == *value))
            })
        });
        if let Some((id, value)) = undefined {
            return Err(EditError::Invalid {
                kind: "document label",
                id: id.clone(),
                problem: format!(
                    "articles still carry the value {value:?}; take it off them first"
                ),
            });
        }
        Ok(Edit::SetDocLabels(std::mem::replace(
            &mut self.doc_labels,
            labels,
        )))
    }

    // ----- Annotations -----

    fn insert_annotation(&mut self, ann: Annotation) -> Result<Edit, EditError> {
        if self.annotation(&ann.id).is_some() || self.orphan(&ann.id).is_some() {
            return Err(EditError::duplicate("annotation", &ann.id));
        }
        self.check_annotation(&ann)?;
        let id = ann.id.clone();
        let pos = self.annotation_insert_pos(&ann);
        self.annotations.insert(pos, ann);
        Ok(Edit::RemoveAnnotation { id })
    }

    fn remove_annotation(&mut self, id: String) -> Result<Edit, EditError> {
        let index = position(&self.annotations, &id)?;
        self.refuse_if_cited(&id)?;
        let ann = self.annotations.remove(index);
        Ok(Edit::InsertAnnotation(ann))
    }

    fn update_annotation(&mut self, ann: Annotation) -> Result<Edit, EditError> {
        let index = position(&self.annotations, &ann.id)?;
        self.check_annotation(&ann)?;
        let old = self.annotations.remove(index);
        let pos = self.annotation_insert_pos(&ann);
        self.annotations.insert(pos, ann);
        Ok(Edit::UpdateAnnotation(old))
    }

    fn insert_annotations(&mut self, anns: Vec<Annotation>) -> Result<Edit, EditError> {
        self.check_new_annotations(&anns)?;
        let ids = anns.iter().map(|a| a.id.clone()).collect();
        self.annotations.extend(anns);
        self.sort_annotations_if_needed();
        Ok(Edit::RemoveAnnotations(ids))
    }

    fn remove_annotations(&mut self, ids: Vec<String>) -> Result<Edit, EditError> {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let found: HashSet<&str> = self
            .annotations
            .iter()
            .map(|a| a.id.as_str())
            .filter(|id| wanted.contains(id))
            .collect();
        if let Some(absent) = ids.iter().find(|id| !found.contains(id.as_str())) {
            return Err(EditError::missing("annotation", absent));
        }
        if let Some(rel) = self
            .relations
            .iter()
            .find(|r| wanted.contains(r.from.as_str()) || wanted.contains(r.to.as_str()))
        {
            let end = if wanted.contains(rel.from.as_str()) {
                &rel.from
            } else {
                &rel.to
            };
            return Err(EditError::in_use(
                "annotation",
                end,
                format!("relation {}", rel.id),
            ));
        }
        for inc in &self.incidents {
            if let Some(cited) = inc.evidence.iter().find(|e| wanted.contains(e.as_str())) {
                return Err(EditError::in_use(
                    "annotation",
                    cited,
                    format!("incident {}", inc.id),
                ));
            }
        }
        let (removed, kept): (Vec<Annotation>, Vec<Annotation>) =
            std::mem::take(&mut self.annotations)
                .into_iter()
                .partition(|a| wanted.contains(a.id.as_str()));
        self.annotations = kept;
        Ok(Edit::InsertAnnotations(removed))
    }

    /// Where an annotation goes to keep the list in text order.
    fn annotation_insert_pos(&self, ann: &Annotation) -> usize {
        let key = self.annotation_sort_key(ann);
        self.annotations
            .partition_point(|a| self.annotation_sort_key(a) < key)
    }

    /// Sort the annotations unless they already are: after a bulk insert or a new article,
    /// usually they are, and checking is a single pass.
    fn sort_annotations_if_needed(&mut self) {
        // Article positions looked up once each (the first article with an id wins, as in
        // `article_index`), not by a scan of the articles per comparison.
        let mut order: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, a) in self.articles.iter().enumerate() {
            order.entry(a.id.as_str()).or_insert(i);
        }
        let pos = |a: &Annotation| order.get(a.article.as_str()).copied().unwrap_or(usize::MAX);
        let sorted = self
            .annotations
            .iter()
            .zip(self.annotations.iter().skip(1))
            .all(|(a, b)| {
                (pos(a), a.start, a.end, a.id.as_str()) <= (pos(b), b.start, b.end, b.id.as_str())
            });
        if !sorted {
            self.sort_annotations();
        }
    }

    /// Refuse to remove an annotation (placed or orphaned) that an incident cites.
    fn set_relation_types(
        &mut self,
        types: Vec<crate::model::RelationType>,
    ) -> Result<Edit, EditError> {
        for (i, t) in types.iter().enumerate() {
            let invalid = |problem: &str| EditError::Invalid {
                kind: "relation type",
                id: t.id.clone(),
                problem: problem.to_owned(),
            };
            if t.id.trim().is_empty() || t.id.contains(char::is_whitespace) {
                return Err(invalid("an id cannot be empty or hold spaces"));
            }
            if types[..i].iter().any(|u| u.id == t.id) {
                return Err(invalid("is listed twice"));
            }
        }
        if let Some(rel) = self
            .relations
            .iter()
            .find(|r| !types.iter().any(|t| t.id == r.kind))
        {
            return Err(EditError::in_use(
                "relation type",
                &rel.kind,
                format!("relation {}", rel.id),
            ));
        }
        Ok(Edit::SetRelationTypes(std::mem::replace(
            &mut self.relation_types,
            types,
        )))
    }

    fn insert_relation(&mut self, rel: crate::model::SpanRelation) -> Result<Edit, EditError> {
        if self.relations.iter().any(|r| r.id == rel.id) {
            return Err(EditError::duplicate("relation", &rel.id));
        }
        if let Some(problem) = self.relation_problem(&rel) {
            return Err(EditError::Invalid {
                kind: "relation",
                id: rel.id.clone(),
                problem,
            });
        }
        let id = rel.id.clone();
        self.relations.push(rel);
        Ok(Edit::RemoveRelation { id })
    }

    /// The bulk insert: ids, types, ends and twins checked with sets built once.
    fn insert_relations(
        &mut self,
        rels: Vec<crate::model::SpanRelation>,
    ) -> Result<Edit, EditError> {
        let anns: HashSet<&str> = self.annotations.iter().map(|a| a.id.as_str()).collect();
        let types: HashSet<&str> = self.relation_types.iter().map(|t| t.id.as_str()).collect();
        let mut ids: HashSet<&str> = self.relations.iter().map(|r| r.id.as_str()).collect();
        let mut links: HashSet<(&str, &str, &str)> = self
            .relations
            .iter()
            .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
            .collect();
        for rel in &rels {
            let invalid = |problem: String| EditError::Invalid {
                kind: "relation",
                id: rel.id.clone(),
                problem,
            };
            if !ids.insert(rel.id.as_str()) {
                return Err(EditError::duplicate("relation", &rel.id));
            }
            if !types.contains(rel.kind.as_str()) {
                return Err(invalid(format!("there is no relation type {:?}", rel.kind)));
            }
            if let Some(end) = [&rel.from, &rel.to]
                .into_iter()
                .find(|e| !anns.contains(e.as_str()))
            {
                return Err(invalid(format!("there is no annotation {end}")));
            }
            if rel.from == rel.to {
                return Err(invalid(
                    "an annotation cannot be related to itself".to_owned(),
                ));
            }
            if !links.insert((rel.kind.as_str(), rel.from.as_str(), rel.to.as_str())) {
                return Err(invalid("the same relation exists already".to_owned()));
            }
        }
        let inverse = rels.iter().map(|r| r.id.clone()).collect();
        self.relations.extend(rels);
        Ok(Edit::RemoveRelations(inverse))
    }

    fn remove_relations(&mut self, ids: &[String]) -> Result<Edit, EditError> {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let found = self
            .relations
            .iter()
            .filter(|r| wanted.contains(r.id.as_str()))
            .count();
        if found != wanted.len() {
            let absent = ids
                .iter()
                .find(|id| !self.relations.iter().any(|r| &r.id == *id))
                .cloned()
                .unwrap_or_default();
            return Err(EditError::missing("relation", &absent));
        }
        let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.relations)
            .into_iter()
            .partition(|r| wanted.contains(r.id.as_str()));
        self.relations = kept;
        Ok(Edit::InsertRelations(gone))
    }

    fn remove_relation(&mut self, id: &str) -> Result<Edit, EditError> {
        let index = self
            .relations
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| EditError::missing("relation", id))?;
        Ok(Edit::InsertRelation(self.relations.remove(index)))
    }

    fn refuse_if_cited(&self, id: &str) -> Result<(), EditError> {
        if let Some(rel) = self.relations.iter().find(|r| r.from == id || r.to == id) {
            return Err(EditError::in_use(
                "annotation",
                id,
                format!("relation {}", rel.id),
            ));
        }
        match self
            .incidents
            .iter()
            .find(|i| i.evidence.iter().any(|e| e == id))
        {
            Some(inc) => Err(EditError::in_use(
                "annotation",
                id,
                format!("incident {}", inc.id),
            )),
            None => Ok(()),
        }
    }

    // ----- Article text replaced after re-anchoring -----

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
            .ok_or_else(|| EditError::missing("article", &article_id))?;
        let Some(mut new_article) = self.articles.get(index).cloned() else {
            return Err(EditError::missing("article", &article_id));
        };
        // Checked against a copy of the article holding the new text, so that nothing changes
        // unless everything is right.
        new_article.set_text(text);
        self.check_text_replacement(&new_article, &annotations, &orphans)?;
        let Some(slot) = self.articles.get_mut(index) else {
            return Err(EditError::missing("article", &article_id));
        };
        let old_text = std::mem::replace(slot, new_article).text;
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

    // ----- Orphans -----

    fn place_orphan(&mut self, ann: Annotation) -> Result<Edit, EditError> {
        let index = self
            .orphans
            .iter()
            .position(|o| o.id == ann.id)
            .ok_or_else(|| EditError::missing("orphaned annotation", &ann.id))?;
        self.check_annotation(&ann)?;
        let orphan = self.orphans.remove(index);
        let pos = self.annotation_insert_pos(&ann);
        self.annotations.insert(pos, ann);
        Ok(Edit::UnplaceOrphan(orphan))
    }

    fn unplace_orphan(&mut self, orphan: Annotation) -> Result<Edit, EditError> {
        let index = position(&self.annotations, &orphan.id)?;
        self.check_orphan_refs(&orphan)?;
        let ann = self.annotations.remove(index);
        self.orphans.push(orphan);
        Ok(Edit::PlaceOrphan(ann))
    }

    fn insert_orphan(&mut self, orphan: Annotation) -> Result<Edit, EditError> {
        if self.annotation(&orphan.id).is_some() || self.orphan(&orphan.id).is_some() {
            return Err(EditError::duplicate("annotation", &orphan.id));
        }
        self.check_orphan_refs(&orphan)?;
        let id = orphan.id.clone();
        self.orphans.push(orphan);
        Ok(Edit::RemoveOrphan { id })
    }

    fn remove_orphan(&mut self, id: String) -> Result<Edit, EditError> {
        let index = self
            .orphans
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| EditError::missing("orphaned annotation", &id))?;
        self.refuse_if_cited(&id)?;
        Ok(Edit::InsertOrphan(self.orphans.remove(index)))
    }

    // ----- Rejected suggestions -----

    fn reject_suggestion(&mut self, r: Rejection) -> Result<Edit, EditError> {
        if self.rejected_suggestions.contains(&r) {
            return Err(EditError::duplicate("rejection of", &rejection_name(&r)));
        }
        self.rejected_suggestions.push(r.clone());
        Ok(Edit::UnrejectSuggestion(r))
    }

    fn unreject_suggestion(&mut self, r: Rejection) -> Result<Edit, EditError> {
        let index = self
            .rejected_suggestions
            .iter()
            .position(|x| *x == r)
            .ok_or_else(|| EditError::missing("rejection of", &rejection_name(&r)))?;
        let r = self.rejected_suggestions.remove(index);
        Ok(Edit::RejectSuggestion(r))
    }
}

/// How a rejection is named in an error: `article:start..end`.
fn rejection_name(r: &Rejection) -> String {
    format!("{}:{}..{}", r.article, r.start, r.end)
}

/// Position of the item with this id, or the error that names what is missing.
fn position<T: Keyed>(list: &[T], id: &str) -> Result<usize, EditError> {
    list.iter()
        .position(|x| x.id() == id)
        .ok_or_else(|| EditError::missing(T::KIND, id))
}

/// The three edits every id-keyed list has, whatever its items.
enum ListEdit<T> {
    /// Insert at a position (clamped to the list's length).
    Insert { index: usize, item: T },
    /// Remove the item with this id.
    Remove { id: String },
    /// Replace the item with the same id.
    Update(T),
}

/// An item found by its id.
trait Keyed {
    /// What the item is called in errors.
    const KIND: &'static str;
    /// Its id.
    fn id(&self) -> &str;
}

/// An item of a plain list kept by id in the project, with the few rules in which the lists
/// differ.
trait Listed: Keyed + Sized {
    /// The list in the project.
    fn list(project: &Project) -> &[Self];
    /// The list in the project, to change.
    fn list_mut(project: &mut Project) -> &mut Vec<Self>;
    /// The [`Edit`] that carries a list edit of this item type.
    fn into_edit(edit: ListEdit<Self>) -> Edit;
    /// Refuse a removal before the item is looked up (built-in tags).
    fn check_remove(_id: &str) -> Result<(), EditError> {
        Ok(())
    }
    /// The first thing that still refers to the item, which stops its removal.
    fn user(_project: &Project, _id: &str) -> Option<String> {
        None
    }
    /// Refuse replacing `old` by `new`.
    fn check_update(_project: &Project, _old: &Self, _new: &Self) -> Result<(), EditError> {
        Ok(())
    }
    /// Refuse inserting `item`.
    fn check_insert(_project: &Project, _item: &Self) -> Result<(), EditError> {
        Ok(())
    }
    /// Restore what an insertion may have upset.
    fn after_insert(_project: &mut Project, _id: &str) {}
}

impl Keyed for Article {
    const KIND: &'static str = "article";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Article {
    fn list(project: &Project) -> &[Self] {
        &project.articles
    }
    fn list_mut(project: &mut Project) -> &mut Vec<Self> {
        &mut project.articles
    }
    fn into_edit(edit: ListEdit<Self>) -> Edit {
        match edit {
            ListEdit::Insert { index, item } => Edit::InsertArticle {
                index,
                article: item,
            },
            ListEdit::Remove { id } => Edit::RemoveArticle { id },
            ListEdit::Update(article) => Edit::UpdateArticle(article),
        }
    }
    fn user(project: &Project, id: &str) -> Option<String> {
        project
            .annotations
            .iter()
            .chain(&project.orphans)
            .find(|a| a.article == id)
            .map(|a| format!("annotation {}", a.id))
    }
    fn check_insert(project: &Project, item: &Self) -> Result<(), EditError> {
        check_labels(project, item)
    }
    fn check_update(project: &Project, old: &Self, new: &Self) -> Result<(), EditError> {
        check_labels(project, new)?;
        if old.text == new.text {
            return Ok(());
        }
        for ann in project.annotations.iter().filter(|a| a.article == new.id) {
            if new.slice(ann.span()) != Some(ann.exact.as_str()) {
                return Err(EditError::BadSpan {
                    id: ann.id.clone(),
                    problem: "would no longer match the new text".into(),
                });
            }
        }
        Ok(())
    }
    fn after_insert(project: &mut Project, id: &str) {
        // Annotations are sorted by their article's place in the list, and an article that
        // already has annotations (an undone removal) may move that place. An article without
        // any moves none: the check is skipped, since it costs a look-up table of every
        // article and made an import of 10k documents quadratic.
        if project.annotations.iter().any(|a| a.article == id) {
            project.sort_annotations_if_needed();
        }
    }
}

impl Keyed for Entity {
    const KIND: &'static str = "entity";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Entity {
    fn list(project: &Project) -> &[Self] {
        &project.entities
    }
    fn list_mut(project: &mut Project) -> &mut Vec<Self> {
        &mut project.entities
    }
    fn into_edit(edit: ListEdit<Self>) -> Edit {
        match edit {
            ListEdit::Insert { index, item } => Edit::InsertEntity {
                index,
                entity: item,
            },
            ListEdit::Remove { id } => Edit::RemoveEntity { id },
            ListEdit::Update(entity) => Edit::UpdateEntity(entity),
        }
    }
    fn user(project: &Project, id: &str) -> Option<String> {
        project.entity_user(id)
    }
}

impl Keyed for Incident {
    const KIND: &'static str = "incident";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Incident {
    fn list(project: &Project) -> &[Self] {
        &project.incidents
    }
    fn list_mut(project: &mut Project) -> &mut Vec<Self> {
        &mut project.incidents
    }
    fn into_edit(edit: ListEdit<Self>) -> Edit {
        match edit {
            ListEdit::Insert { index, item } => Edit::InsertIncident {
                index,
                incident: item,
            },
            ListEdit::Remove { id } => Edit::RemoveIncident { id },
            ListEdit::Update(incident) => Edit::UpdateIncident(incident),
        }
    }
    fn user(project: &Project, id: &str) -> Option<String> {
        project
            .incidents
            .iter()
            .find(|i| i.relations.iter().any(|r| r.incident == id))
            .map(|i| format!("a relation of incident {}", i.id))
    }
    fn check_insert(project: &Project, item: &Self) -> Result<(), EditError> {
        check_incident(project, item)
    }
    fn check_update(project: &Project, _old: &Self, new: &Self) -> Result<(), EditError> {
        check_incident(project, new)
    }
}

/// Every document label an article carries is defined, with that value.
fn check_labels(project: &Project, article: &Article) -> Result<(), EditError> {
    for (label, value) in &article.labels {
        if !project.label_value_defined(label, value) {
            return Err(EditError::Invalid {
                kind: "article",
                id: article.id.clone(),
                problem: format!("the document label {label}: {value:?} is not defined"),
            });
        }
    }
    Ok(())
}

/// An incident's own values in range and its relations pointing at incidents that exist, so
/// that what the editor writes always loads again.
fn check_incident(project: &Project, incident: &Incident) -> Result<(), EditError> {
    let invalid = |problem: String| EditError::Invalid {
        kind: "incident",
        id: incident.id.clone(),
        problem,
    };
    if let Some(problem) = incident.value_problems().into_iter().next() {
        return Err(invalid(problem));
    }
    for rel in &incident.relations {
        if project.incident(&rel.incident).is_none() {
            return Err(invalid(format!(
                "the related incident {} does not exist",
                rel.incident
            )));
        }
    }
    Ok(())
}

impl Keyed for Tag {
    const KIND: &'static str = "tag";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Tag {
    fn list(project: &Project) -> &[Self] {
        &project.tags
    }
    fn list_mut(project: &mut Project) -> &mut Vec<Self> {
        &mut project.tags
    }
    fn into_edit(edit: ListEdit<Self>) -> Edit {
        match edit {
            ListEdit::Insert { index, item } => Edit::InsertTag { index, tag: item },
            ListEdit::Remove { id } => Edit::RemoveTag { id },
            ListEdit::Update(tag) => Edit::UpdateTag(tag),
        }
    }
    fn check_remove(id: &str) -> Result<(), EditError> {
        if tags::is_builtin(id) {
            return Err(EditError::BuiltinTag(id.to_owned()));
        }
        Ok(())
    }
    fn user(project: &Project, id: &str) -> Option<String> {
        if let Some(ann) = project
            .annotations
            .iter()
            .chain(&project.orphans)
            .find(|a| a.tag == id)
        {
            return Some(format!("annotation {}", ann.id));
        }
        project
            .entities
            .iter()
            .find(|e| e.tag == id)
            .map(|e| format!("entity {}", e.id))
    }
}

impl Keyed for Annotation {
    const KIND: &'static str = "annotation";
    fn id(&self) -> &str {
        &self.id
    }
}
