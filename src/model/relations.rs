//! Typed links between two annotations ("attacked", "located in", "claims about"), with the
//! types part of the project's tag set. Relations go out to brat as `R` lines and to W3C as
//! linking annotations, and come back in from brat.

use serde::{Deserialize, Serialize};

use super::{Extra, Project};

/// A kind of relation the project uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationType {
    /// Its id ("located_in"), referenced by relations.
    pub id: String,
    /// What the analyst reads ("located in").
    pub label: String,
    /// The coding rule, with examples. Omitted when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl RelationType {
    /// A type with no description.
    pub fn new(id: &str, label: &str) -> Self {
        Self {
            id: id.to_owned(),
            label: label.to_owned(),
            description: String::new(),
            extra: Extra::new(),
        }
    }
}

/// The relation types a new project starts with.
pub fn default_relation_types() -> Vec<RelationType> {
    vec![
        RelationType::new("attacked", "attacked"),
        RelationType::new("located_in", "located in"),
        RelationType::new("claims_about", "claims about"),
    ]
}

/// One typed link from an annotation to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpanRelation {
    /// Unique id, e.g. `rel-1`.
    pub id: String,
    /// The relation type's id.
    pub kind: String,
    /// The annotation it starts from.
    pub from: String,
    /// The annotation it points to.
    pub to: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Project {
    /// The relation type with this id.
    pub fn relation_type(&self, id: &str) -> Option<&RelationType> {
        self.relation_types.iter().find(|t| t.id == id)
    }

    /// The relation types the window offers: the project's, or the defaults while it has none
    /// (the first relation made with one of them adds them to the project).
    pub fn relation_types_offered(&self) -> Vec<RelationType> {
        if self.relation_types.is_empty() {
            default_relation_types()
        } else {
            self.relation_types.clone()
        }
    }

    /// The relations an annotation takes part in, either end.
    pub fn relations_of<'a>(
        &'a self,
        annotation: &'a str,
    ) -> impl Iterator<Item = &'a SpanRelation> {
        self.relations
            .iter()
            .filter(move |r| r.from == annotation || r.to == annotation)
    }

    /// What is wrong with a relation against this project: an unknown type or annotation, a
    /// link from an annotation to itself, or the same link twice.
    pub fn relation_problem(&self, rel: &SpanRelation) -> Option<String> {
        if self.relation_type(&rel.kind).is_none() {
            return Some(format!("there is no relation type {:?}", rel.kind));
        }
        for end in [&rel.from, &rel.to] {
            if self.annotation(end).is_none() {
                return Some(format!("there is no annotation {end}"));
            }
        }
        if rel.from == rel.to {
            return Some("an annotation cannot be related to itself".to_owned());
        }
        let twin = self
            .relations
            .iter()
            .any(|r| r.id != rel.id && r.kind == rel.kind && r.from == rel.from && r.to == rel.to);
        twin.then(|| "the same relation exists already".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, CharSpan, Edit};

    #[test]
    fn a_bulk_insert_checks_every_relation_and_undoes_in_one_step() {
        let mut p = Project::new("r");
        p.articles
            .push(Article::new("art-1", "t", "Front hit Brigade."));
        let mut ids = Vec::new();
        for (s, e) in [(0, 5), (10, 17)] {
            let ann = p
                .make_annotation("art-1", CharSpan::new(s, e), "actor")
                .unwrap();
            ids.push(ann.id.clone());
            p.apply(Edit::InsertAnnotation(ann)).unwrap();
        }
        let rel = |id: &str, to: &str| SpanRelation {
            id: id.to_owned(),
            kind: "attacked".to_owned(),
            from: ids[0].clone(),
            to: to.to_owned(),
            extra: Extra::new(),
        };
        let before = p.clone();
        let twins = vec![rel("rel-1", &ids[1]), rel("rel-2", &ids[1])];
        assert!(p.apply(Edit::InsertRelations(twins)).is_err());
        assert!(
            p.apply(Edit::InsertRelations(vec![rel("rel-1", "ann-9")]))
                .is_err()
        );
        assert_eq!(p, before, "a refused bulk insert changes nothing");
        let undo = p
            .apply(Edit::InsertRelations(vec![rel("rel-1", &ids[1])]))
            .unwrap();
        assert_eq!(p.relations.len(), 1);
        p.apply(undo).unwrap();
        assert_eq!(p, before);
    }
}
