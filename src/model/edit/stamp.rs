//! Who made and who last changed each annotation, entity and incident.
//!
//! [`Project::apply`] stamps every edit an analyst makes before carrying it out: an inserted
//! item that has no author yet gets the session's analyst (and, for entities and incidents,
//! the time), and a changed item gets `modified` and `modified_by`. Undo and redo go through
//! [`Project::apply_exact`] instead, so stepping back restores the old stamps too.

use chrono::{DateTime, Utc};

use super::Edit;
use crate::model::Project;

/// Who and when, for one edit.
struct Stamp<'a> {
    who: Option<&'a str>,
    when: DateTime<Utc>,
}

impl Stamp<'_> {
    fn author(&self, slot: &mut Option<String>) {
        if slot.is_none() {
            *slot = self.who.map(str::to_owned);
        }
    }

    fn change(&self, modified: &mut Option<DateTime<Utc>>, by: &mut Option<String>) {
        *modified = Some(self.when);
        *by = self.who.map(str::to_owned);
    }
}

impl Project {
    /// Fill in the provenance fields of `edit` for the session's analyst at `when`. An update
    /// that changes nothing is left unstamped, so saving an unchanged form does not claim it.
    pub(super) fn stamp(&self, edit: &mut Edit, when: DateTime<Utc>) {
        let stamp = Stamp {
            who: self.analyst.as_deref(),
            when,
        };
        self.stamp_with(edit, &stamp);
    }

    fn stamp_with(&self, edit: &mut Edit, stamp: &Stamp<'_>) {
        match edit {
            Edit::Batch(edits) => {
                for e in edits {
                    self.stamp_with(e, stamp);
                }
            }
            Edit::InsertAnnotation(ann) => stamp.author(&mut ann.created_by),
            Edit::InsertAnnotations(anns) => {
                for ann in anns {
                    stamp.author(&mut ann.created_by);
                }
            }
            Edit::UpdateAnnotation(ann) | Edit::PlaceOrphan(ann)
                if self.annotation(&ann.id).or_else(|| self.orphan(&ann.id)) != Some(&*ann) =>
            {
                stamp.change(&mut ann.modified, &mut ann.modified_by);
            }
            Edit::InsertEntity { entity, .. } => {
                entity.created.get_or_insert(stamp.when);
                stamp.author(&mut entity.created_by);
            }
            Edit::UpdateEntity(entity) if self.entity(&entity.id) != Some(&*entity) => {
                stamp.change(&mut entity.modified, &mut entity.modified_by);
            }
            Edit::InsertIncident { incident, .. } => {
                incident.created.get_or_insert(stamp.when);
                stamp.author(&mut incident.created_by);
            }
            Edit::UpdateIncident(incident) if self.incident(&incident.id) != Some(&*incident) => {
                stamp.change(&mut incident.modified, &mut incident.modified_by);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Edit, Entity, Incident};

    fn project_with_article() -> Project {
        let mut p = Project::new("t");
        p.apply(Edit::InsertArticle {
            index: 0,
            article: Article::new("art-1", "A", "Strikes hit Husaybah."),
        })
        .expect("article");
        p
    }

    #[test]
    fn edits_record_who_made_and_who_changed() {
        let mut p = project_with_article();
        p.analyst = Some("Maya".into());
        let ann = p
            .make_annotation("art-1", crate::model::CharSpan::new(12, 20), "location")
            .expect("span");
        assert!(ann.id.starts_with("ann-maya-"), "{}", ann.id);
        let id = ann.id.clone();
        p.apply(Edit::InsertAnnotation(ann)).expect("insert");
        let made = p.annotation(&id).expect("made").clone();
        assert_eq!(made.created_by.as_deref(), Some("Maya"));
        assert_eq!(made.modified, None);

        p.analyst = Some("Omar".into());
        let mut changed = made.clone();
        changed.note = "checked".into();
        p.apply(Edit::UpdateAnnotation(changed)).expect("update");
        let now = p.annotation(&id).expect("still there");
        assert_eq!(now.created_by.as_deref(), Some("Maya"));
        assert_eq!(now.modified_by.as_deref(), Some("Omar"));
        assert!(now.modified.is_some());
    }

    #[test]
    fn an_unchanged_update_and_an_undo_leave_the_stamps_alone() {
        let mut p = project_with_article();
        p.analyst = Some("Maya".into());
        let id = p.alloc_id("ent");
        p.apply(Edit::InsertEntity {
            index: 0,
            entity: Entity::new(&id, "location", "Husaybah"),
        })
        .expect("insert");
        let made = p.entity(&id).expect("made").clone();
        assert_eq!(made.created_by.as_deref(), Some("Maya"));
        assert!(made.created.is_some());
        p.apply(Edit::UpdateEntity(made.clone())).expect("same");
        assert_eq!(p.entity(&id), Some(&made), "no change, no stamp");

        let mut renamed = made.clone();
        renamed.name = "Abu Kamal".into();
        let inverse = p.apply(Edit::UpdateEntity(renamed)).expect("rename");
        assert!(p.entity(&id).expect("e").modified.is_some());
        p.apply_exact(inverse).expect("undo");
        assert_eq!(p.entity(&id), Some(&made), "undo restores the old stamps");
    }

    #[test]
    fn incidents_are_stamped_and_plain_ids_stay_without_an_analyst() {
        let mut p = project_with_article();
        let id = p.alloc_id("inc");
        assert_eq!(id, "inc-1");
        p.apply(Edit::InsertIncident {
            index: 0,
            incident: Incident::new(&id, "Strike"),
        })
        .expect("insert");
        let inc = p.incident(&id).expect("made");
        assert!(inc.created.is_some());
        assert_eq!(
            inc.created_by, None,
            "nobody is named when no analyst is set"
        );
    }
}
