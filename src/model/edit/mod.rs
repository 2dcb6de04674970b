//! Every change to a project, as a value with an inverse: the ground undo and redo stand on.
//!
//! [`Project::apply`](super::Project::apply) checks an edit against the project, carries it out, and returns the edit
//! that undoes it. Compound operations (deleting an article with its annotations, merging two
//! entities) are built as [`Edit::Batch`]es of simple edits by the `*_edit` builders, so each
//! simple edit only has to keep its own invariant.
//!
//! This file holds the vocabulary only: [`Edit`] and [`EditError`]. The rest is split by job:
//!
//! | file       | what it holds                                                             |
//! |------------|---------------------------------------------------------------------------|
//! | `apply.rs` | `Project::apply`: a dispatcher to the functions of each collection family |
//! | `check.rs` | the checks an edit must pass before anything changes                      |
//! | `build.rs` | the `*_edit` builders of compound edits (delete, merge, link, retag)      |
//! | `stamp.rs` | who made and who last changed an item, filled in before an edit applies   |

mod apply;
mod build;
mod check;
mod stamp;

use super::{Annotation, Article, Entity, Incident, Tag};

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Several edits applied in order, undone in reverse order.
    Batch(Vec<Edit>),
    /// Rename the project.
    SetName(String),
    /// Replace the registry of sources (a short list, replaced whole). Refused when an entry is
    /// malformed or a name is registered twice.
    SetSources(Vec<super::Source>),
    /// Replace the document labels (a short list, replaced whole). Refused when one is
    /// malformed, an id is used twice, or an article would keep a value no label defines.
    SetDocLabels(Vec<super::DocLabel>),
    /// Replace the relation types (a short list, replaced whole). Refused when an id is empty
    /// or used twice, or a relation would keep a type no longer listed.
    SetRelationTypes(Vec<super::RelationType>),
    /// Add a relation between two annotations.
    InsertRelation(super::SpanRelation),
    /// Remove a relation.
    RemoveRelation {
        /// Its id.
        id: String,
    },
    /// Add many relations at once (an import), checked together in one pass where an
    /// [`Edit::InsertRelation`] each would scan the project once per relation.
    InsertRelations(Vec<super::SpanRelation>),
    /// Remove many relations (the inverse of [`Edit::InsertRelations`]).
    RemoveRelations(Vec<String>),
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
    /// Put a merge conflict back in the list (the inverse of [`Edit::SettleConflict`]).
    InsertConflict {
        /// Position in the conflict list (clamped to its length).
        index: usize,
        /// The conflict.
        conflict: super::MergeConflict,
    },
    /// Take a settled merge conflict off the list; it must be there as given.
    SettleConflict(super::MergeConflict),
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
    /// A value is out of its range or a reference does not resolve.
    #[error("{kind} {id}: {problem}")]
    Invalid {
        /// `incident`, `source`, ...
        kind: &'static str,
        /// The item's id or name.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// A built-in tag cannot be removed.
    #[error("the built-in tag {0} cannot be removed")]
    BuiltinTag(String),
    /// A bulk operation would add more annotations than one operation may.
    #[error(
        "this would add {count} annotations, more than the {limit} one operation may add; \
         nothing was added (narrow the text or the articles)"
    )]
    TooMany {
        /// How many it would add.
        count: usize,
        /// [`crate::limits::MAX_NEW_ANNOTATIONS`].
        limit: usize,
    },
}

impl EditError {
    /// Refuse a bulk edit of `count` new annotations over the limit.
    pub(crate) fn check_bulk(count: usize) -> Result<(), Self> {
        let limit = crate::limits::MAX_NEW_ANNOTATIONS;
        if count > limit {
            return Err(Self::TooMany { count, limit });
        }
        Ok(())
    }
}

impl EditError {
    /// No `kind` has the id `id`.
    pub(crate) fn missing(kind: &'static str, id: &str) -> Self {
        Self::Missing {
            kind,
            id: id.to_owned(),
        }
    }

    /// The id `id` of a `kind` is taken.
    pub(crate) fn duplicate(kind: &'static str, id: &str) -> Self {
        Self::Duplicate {
            kind,
            id: id.to_owned(),
        }
    }

    /// `user` still refers to the `kind` `id`.
    pub(crate) fn in_use(kind: &'static str, id: &str, user: String) -> Self {
        Self::InUse {
            kind,
            id: id.to_owned(),
            user,
        }
    }
}
