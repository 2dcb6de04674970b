//! Merge conflicts kept in the project file: where a three-way merge found the same field
//! changed two ways, the merged file holds our value and lists the conflict here (with both
//! values and the base) until an analyst settles it in the window.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Edit, Extra, Project};

/// Fields a merge treats as one, so that no side's half of them is combined with the other's
/// half: `(item, field name in conflicts, the JSON keys)`. A conflict on a group names the
/// group and its values are objects of those keys.
pub const FIELD_GROUPS: [(&str, &str, &[&str]); 3] = [
    (
        "annotation",
        "span",
        &["article", "start", "end", "exact", "prefix", "suffix"],
    ),
    ("article", "text", &["text", "text_sha256"]),
    ("entity", "coordinates", &["lat", "lon"]),
];

/// One field that a merge could not settle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeConflict {
    /// What kind of item: `annotation`, `entity`, `incident`, `article`, `tag` or `project`.
    pub item: String,
    /// The item's id (the project's name for `project`).
    pub id: String,
    /// The JSON field that differs, or empty when the whole item conflicts (one side deleted
    /// it while the other changed it).
    pub field: String,
    /// The value in the common ancestor; `null` when it had none (or no such item).
    #[serde(default)]
    pub base: serde_json::Value,
    /// Our value, the one the merged file holds; `null` when we deleted the item.
    #[serde(default)]
    pub ours: serde_json::Value,
    /// Their value; `null` when they deleted the item.
    #[serde(default)]
    pub theirs: serde_json::Value,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl MergeConflict {
    /// A short label for lists: `annotation ann-3 · note`.
    pub fn label(&self) -> String {
        if self.field.is_empty() {
            format!(
                "{} {} (deleted on one side, changed on the other)",
                self.item, self.id
            )
        } else {
            format!("{} {} · {}", self.item, self.id, self.field)
        }
    }
}

/// Why a conflict cannot be settled the way asked.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettleError {
    /// The item the conflict is about is gone (deleted since the merge).
    #[error("{item} {id} is no longer in the project")]
    Gone {
        /// Its kind.
        item: String,
        /// Its id.
        id: String,
    },
    /// Their value does not fit the field (a hand-edited or newer file).
    #[error("their value of {field} does not fit {item} {id}: {reason}")]
    BadValue {
        /// Its kind.
        item: String,
        /// Its id.
        id: String,
        /// The field.
        field: String,
        /// What serde said.
        reason: String,
    },
    /// A kind of item or project field this version cannot set from a conflict.
    #[error("{0} cannot be settled here; edit it by hand and use Keep mine")]
    Unsupported(String),
}

impl MergeConflict {
    /// The edit that makes the project hold their side of the conflict: their value of the
    /// field, their whole item where we deleted it, or the item removed where they deleted it.
    /// The caller batches it with [`Edit::SettleConflict`] so the two are one undo step.
    pub fn take_theirs_edit(&self, project: &Project) -> Result<Edit, SettleError> {
        if self.item == "project" {
            return match (self.field.as_str(), self.theirs.as_str()) {
                ("name", Some(name)) => Ok(Edit::SetName(name.to_owned())),
                _ => Err(SettleError::Unsupported(format!(
                    "project field {}",
                    self.field
                ))),
            };
        }
        if self.field.is_empty() {
            return self.whole_item_edit(project);
        }
        let gone = || SettleError::Gone {
            item: self.item.clone(),
            id: self.id.clone(),
        };
        match self.item.as_str() {
            "annotation" => {
                let ours = project.annotation(&self.id).ok_or_else(gone)?;
                Ok(Edit::UpdateAnnotation(self.with_theirs(ours)?))
            }
            "entity" => {
                let ours = project.entity(&self.id).ok_or_else(gone)?;
                Ok(Edit::UpdateEntity(self.with_theirs(ours)?))
            }
            "incident" => {
                let ours = project.incident(&self.id).ok_or_else(gone)?;
                Ok(Edit::UpdateIncident(self.with_theirs(ours)?))
            }
            "article" => {
                let ours = project.article(&self.id).ok_or_else(gone)?;
                Ok(Edit::UpdateArticle(self.with_theirs(ours)?))
            }
            "tag" => {
                let ours = project.tag(&self.id).ok_or_else(gone)?;
                Ok(Edit::UpdateTag(self.with_theirs(ours)?))
            }
            other => Err(SettleError::Unsupported(format!("a conflict on a {other}"))),
        }
    }

    /// `ours` with the conflicting field set to their value (a `null` of theirs removes the
    /// field, so it takes its default).
    fn with_theirs<T: Serialize + DeserializeOwned>(&self, ours: &T) -> Result<T, SettleError> {
        let bad = |reason: String| SettleError::BadValue {
            item: self.item.clone(),
            id: self.id.clone(),
            field: self.field.clone(),
            reason,
        };
        let mut value = serde_json::to_value(ours).map_err(|e| bad(e.to_string()))?;
        let Some(object) = value.as_object_mut() else {
            return Err(bad("not an object".into()));
        };
        let group = FIELD_GROUPS
            .iter()
            .find(|(item, name, _)| *item == self.item && *name == self.field);
        if let (Some((_, _, keys)), Some(parts)) = (group, self.theirs.as_object()) {
            // A group of fields (a span, a text and its hash) is taken whole.
            for key in *keys {
                match parts.get(*key) {
                    Some(v) => object.insert((*key).to_owned(), v.clone()),
                    None => object.remove(*key),
                };
            }
        } else if self.theirs.is_null() {
            object.remove(&self.field);
        } else {
            object.insert(self.field.clone(), self.theirs.clone());
        }
        serde_json::from_value(value).map_err(|e| bad(e.to_string()))
    }

    /// Deleted on one side, changed on the other: bring their item back, or delete ours.
    fn whole_item_edit(&self, project: &Project) -> Result<Edit, SettleError> {
        let theirs_deleted = self.theirs.is_null();
        let parse = |_: ()| SettleError::BadValue {
            item: self.item.clone(),
            id: self.id.clone(),
            field: "(whole item)".into(),
            reason: "their copy does not load".into(),
        };
        let gone = || SettleError::Gone {
            item: self.item.clone(),
            id: self.id.clone(),
        };
        let id = self.id.clone();
        match (self.item.as_str(), theirs_deleted) {
            ("annotation", true) => {
                project.annotation(&id).ok_or_else(gone)?;
                Ok(project.delete_annotation_edit(&id))
            }
            ("annotation", false) => Ok(Edit::InsertAnnotation(
                serde_json::from_value(self.theirs.clone()).map_err(|_| parse(()))?,
            )),
            ("entity", true) => {
                project.entity(&id).ok_or_else(gone)?;
                Ok(project.delete_entity_edit(&id))
            }
            ("entity", false) => Ok(Edit::InsertEntity {
                index: project.entities.len(),
                entity: serde_json::from_value(self.theirs.clone()).map_err(|_| parse(()))?,
            }),
            ("incident", true) => {
                project.incident(&id).ok_or_else(gone)?;
                Ok(Edit::RemoveIncident { id })
            }
            ("incident", false) => Ok(Edit::InsertIncident {
                index: project.incidents.len(),
                incident: serde_json::from_value(self.theirs.clone()).map_err(|_| parse(()))?,
            }),
            ("article", true) => {
                project.article(&id).ok_or_else(gone)?;
                Ok(project.delete_article_edit(&id))
            }
            ("article", false) => Ok(Edit::InsertArticle {
                index: project.articles.len(),
                article: serde_json::from_value(self.theirs.clone()).map_err(|_| parse(()))?,
            }),
            (other, _) => Err(SettleError::Unsupported(format!("a deleted {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, CharSpan, Entity};

    fn project() -> Project {
        let mut p = Project::new("t");
        p.articles
            .push(Article::new("art-1", "A", "Strikes hit Husaybah."));
        let mut ann = p
            .make_annotation("art-1", CharSpan::new(12, 20), "location")
            .expect("span");
        ann.note = "ours".into();
        p.annotations.push(ann);
        p.entities
            .push(Entity::new("ent-1", "location", "Husaybah"));
        p
    }

    #[test]
    fn a_group_of_fields_is_taken_whole() {
        let p = project();
        let id = p.annotations[0].id.clone();
        let theirs = serde_json::json!({"article": "art-1", "start": 0, "end": 7,
            "exact": "Strikes", "prefix": "", "suffix": " hit Husaybah."});
        let edit = conflict("annotation", &id, "span", theirs)
            .take_theirs_edit(&p)
            .expect("an edit");
        let Edit::UpdateAnnotation(ann) = edit else {
            panic!("an annotation update: {edit:?}");
        };
        assert_eq!(
            (ann.start.0, ann.end.0, ann.exact.as_str()),
            (0, 7, "Strikes")
        );
        assert!(ann.extra.is_empty(), "no stray key: {:?}", ann.extra);
    }

    fn conflict(item: &str, id: &str, field: &str, theirs: serde_json::Value) -> MergeConflict {
        MergeConflict {
            item: item.into(),
            id: id.into(),
            field: field.into(),
            base: serde_json::Value::Null,
            ours: serde_json::Value::Null,
            theirs,
            extra: Extra::new(),
        }
    }

    #[test]
    fn taking_theirs_sets_the_field_and_settling_is_one_undoable_edit() {
        let mut p = project();
        let c = conflict("annotation", "ann-1", "note", "theirs".into());
        p.conflicts.push(c.clone());
        let before = p.clone();
        let edit = Edit::Batch(vec![
            c.take_theirs_edit(&p).expect("settles"),
            Edit::SettleConflict(c),
        ]);
        let inverse = p.apply(edit).expect("applies");
        assert_eq!(p.annotation("ann-1").expect("a").note, "theirs");
        assert!(p.conflicts.is_empty());
        p.apply_exact(inverse).expect("undo");
        assert_eq!(p, before);
    }

    #[test]
    fn a_null_of_theirs_clears_the_field_and_a_bad_value_is_refused() {
        let p = project();
        let c = conflict("entity", "ent-1", "lat", serde_json::Value::Null);
        assert!(matches!(
            c.take_theirs_edit(&p),
            Ok(Edit::UpdateEntity(e)) if e.lat.is_none()
        ));
        let c = conflict("entity", "ent-1", "lat", "north".into());
        assert!(matches!(
            c.take_theirs_edit(&p),
            Err(SettleError::BadValue { .. })
        ));
        let c = conflict("entity", "ent-9", "name", "X".into());
        assert!(matches!(
            c.take_theirs_edit(&p),
            Err(SettleError::Gone { .. })
        ));
    }

    #[test]
    fn deleted_on_one_side_brings_theirs_back_or_deletes_ours() {
        let mut p = project();
        let theirs = serde_json::to_value(p.entity("ent-1").expect("e")).expect("json");
        p.entities.clear();
        let back = conflict("entity", "ent-1", "", theirs);
        let edit = back.take_theirs_edit(&p).expect("insert");
        p.apply(edit).expect("applies");
        assert_eq!(p.entity("ent-1").map(|e| e.name.as_str()), Some("Husaybah"));
        let they_deleted = conflict("annotation", "ann-1", "", serde_json::Value::Null);
        let edit = they_deleted.take_theirs_edit(&p).expect("delete");
        p.apply(edit).expect("applies");
        assert!(p.annotation("ann-1").is_none());
    }
}
