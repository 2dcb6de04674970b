//! Entities and incidents: links from annotations, claim sources, merges, incident fields set
//! from a picker, evidence, deletion.

use super::{Pick, Workbench, shorten};
use crate::model::{ActorRole, Edit, Entity, Incident, Project, tags};

/// The picked entity's id, pushing onto `edits` the insertion of a new entity of `tag` when
/// the pick asks for one.
fn resolve(pick: Pick, project: &mut Project, tag: &str, edits: &mut Vec<Edit>) -> String {
    match pick {
        Pick::Existing(id) => id,
        Pick::Create(name) => {
            let id = project.alloc_id("ent");
            edits.push(Edit::InsertEntity {
                index: project.entities.len(),
                entity: Entity::new(id.clone(), tag, name),
            });
            id
        }
    }
}

impl Workbench {
    /// Link an annotation to a picked entity (made first when asked), as one undo step.
    pub(super) fn link(&mut self, annotation: &str, pick: Pick) {
        let Some(ann) = self.doc.project.annotation(annotation).cloned() else {
            return;
        };
        let mut edits = Vec::new();
        let entity_id = resolve(pick, &mut self.doc.project, &ann.tag, &mut edits);
        // The link is checked against the project with the new entity in it.
        let link = if edits.is_empty() {
            self.doc.project.link_edit(annotation, Some(&entity_id))
        } else {
            let mut scratch = self.doc.project.clone();
            if edits.iter().any(|e| scratch.apply(e.clone()).is_err()) {
                return;
            }
            scratch.link_edit(annotation, Some(&entity_id))
        };
        match link {
            Ok(link) => edits.push(link),
            Err(e) => return self.warn(format!("Not linked: {e}")),
        }
        if self.apply(Edit::Batch(edits)) {
            let name = self
                .doc
                .project
                .entity(&entity_id)
                .map_or(entity_id.clone(), |e| e.name.clone());
            self.info(format!("Linked “{}” to {name}", shorten(&ann.exact, 40)));
        }
    }

    /// Set a claim's source to a picked actor (made first when asked), as one undo step.
    pub(super) fn set_claim_source(&mut self, annotation: &str, pick: Pick) {
        let Some(mut ann) = self.doc.project.annotation(annotation).cloned() else {
            return;
        };
        let mut edits = Vec::new();
        let entity_id = resolve(pick, &mut self.doc.project, tags::ACTOR, &mut edits);
        ann.claim.get_or_insert_with(Default::default).source = Some(entity_id);
        edits.push(Edit::UpdateAnnotation(ann));
        if self.apply(Edit::Batch(edits)) {
            self.info("Claim source set");
        }
    }

    /// Change an incident with a picked entity of `tag` (made first when asked), as one step.
    fn set_incident_entity(
        &mut self,
        incident: &str,
        tag: &str,
        pick: Pick,
        set: impl FnOnce(&mut Incident, String),
    ) {
        let Some(mut inc) = self.doc.project.incident(incident).cloned() else {
            return;
        };
        let mut edits = Vec::new();
        let entity = resolve(pick, &mut self.doc.project, tag, &mut edits);
        set(&mut inc, entity);
        edits.push(Edit::UpdateIncident(inc));
        self.apply(Edit::Batch(edits));
    }

    pub(super) fn set_incident_location(&mut self, incident: &str, pick: Pick) {
        self.set_incident_entity(incident, tags::LOCATION, pick, |inc, e| {
            inc.location = Some(e)
        });
    }

    pub(super) fn add_incident_actor(&mut self, incident: &str, pick: Pick) {
        self.set_incident_entity(incident, tags::ACTOR, pick, |inc, e| {
            if !inc.actors.iter().any(|a| a.entity == e) {
                inc.actors.push(ActorRole {
                    entity: e,
                    role: crate::model::acled::ROLE_PERPETRATOR.into(),
                    extra: Default::default(),
                });
            }
        });
    }

    pub(super) fn merge_entity(&mut self, from: &str, into: &str) {
        let name = self
            .doc
            .project
            .entity(from)
            .map_or(from.to_owned(), |e| e.name.clone());
        match self.doc.project.merge_entities_edit(from, into) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.info(format!("Merged {name} into {into}"));
                    self.view.selected_entity = Some(into.to_owned());
                }
            }
            Err(e) => self.warn(format!("Not merged: {e}")),
        }
    }

    pub(super) fn delete_entity(&mut self, id: &str) {
        let name = self
            .doc
            .project
            .entity(id)
            .map_or(id.to_owned(), |e| e.name.clone());
        let edit = self.doc.project.delete_entity_edit(id);
        if self.apply(edit) {
            self.view.selected_entity = None;
            self.info(format!("Deleted {name} (its mentions are kept, unlinked)"));
        }
    }

    pub(super) fn delete_article(&mut self, id: &str) {
        let edit = self.doc.project.delete_article_edit(id);
        if self.apply(edit) {
            self.after_history_move("Removed the article (Ctrl+Z brings it back)");
        }
    }

    pub(super) fn delete_incident(&mut self, id: &str) {
        if self.apply(Edit::RemoveIncident { id: id.to_owned() }) {
            self.view.selected_incident = None;
            self.info(format!("Deleted incident {id} (Ctrl+Z brings it back)"));
        }
    }

    /// Make an incident from annotation ids (maybe none) and open it.
    pub(super) fn new_incident(&mut self, ids: &[String]) {
        match self.doc.project.create_incident_edit(ids) {
            Ok((id, edit)) => {
                if self.apply(edit) {
                    self.open_incident(&id);
                    self.info(format!("Created incident {id}"));
                }
            }
            Err(e) => self.warn(format!("No incident created: {e}")),
        }
    }

    /// Open an incident in the editor, which docks beside the article unless the analyst
    /// detached it.
    pub(super) fn open_incident(&mut self, id: &str) {
        if self.doc.project.incident(id).is_some() {
            self.view.selected_incident = Some(id.to_owned());
            self.view.left_tab = super::LeftTab::Incidents;
            self.view.right_tab = super::RightTab::Incident;
        }
    }

    /// Add the selected annotation to the incident being edited.
    pub(super) fn add_selected_to_incident(&mut self) {
        let (Some(incident), Some(ann)) = (
            self.view.selected_incident.clone(),
            self.view.selected_annotation.clone(),
        ) else {
            return self.warn("Open an incident and select an annotation first");
        };
        match self
            .doc
            .project
            .add_evidence_edit(&incident, &[ann.as_str()])
        {
            Ok(edit) => {
                if self.apply(edit) {
                    self.info(format!("Added {ann} to incident {incident}"));
                }
            }
            Err(e) => self.warn(format!("Not added: {e}")),
        }
    }

    pub(super) fn remove_evidence(&mut self, incident: &str, annotation: &str) {
        match self.doc.project.remove_evidence_edit(incident, annotation) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.info(format!("Removed {annotation} from incident {incident}"));
                }
            }
            Err(e) => self.warn(format!("Not removed: {e}")),
        }
    }

    /// Merge `other` into `keep` as one undo step and open the result; the fields where the two
    /// disagreed are named in the status line (the kept values won).
    pub(super) fn merge_incidents(&mut self, keep: &str, other: &str) {
        let merge = match self.doc.project.merge_incidents_edit(keep, other) {
            Ok(m) => m,
            Err(e) => return self.warn(format!("Not merged: {e}")),
        };
        if !self.apply(merge.edit) {
            return;
        }
        self.open_incident(keep);
        if merge.differences.is_empty() {
            self.info(format!("Merged {other} into {keep}"));
        } else {
            let fields: Vec<String> = merge
                .differences
                .iter()
                .map(|d| format!("{} (kept {}, not {})", d.field, d.kept, d.dropped))
                .collect();
            self.warn(format!(
                "Merged {other} into {keep}; they differed on {}: check these",
                fields.join("; ")
            ));
        }
        self.view.last_merge = Some((keep.to_owned(), merge.differences));
    }

    /// Move evidence of an incident to a new one, as one undo step, and open the new one.
    pub(super) fn split_incident(&mut self, incident: &str, evidence: &[String]) {
        match self.doc.project.split_incident_edit(incident, evidence) {
            Ok((id, edit)) => {
                if self.apply(edit) {
                    self.open_incident(&id);
                    let n = evidence.len();
                    let noun = if n == 1 { "annotation" } else { "annotations" };
                    self.info(format!(
                        "Split {n} evidence {noun} off {incident} into {id}"
                    ));
                }
            }
            Err(e) => self.warn(format!("Not split: {e}")),
        }
    }

    /// Cite every annotation of an article in an existing incident, as one undo step.
    pub(super) fn attach_article(&mut self, article: &str, incident: &str) {
        let ids: Vec<String> = self
            .doc
            .project
            .annotations_slice(article)
            .iter()
            .map(|a| a.id.clone())
            .collect();
        if ids.is_empty() {
            return self
                .warn("This article has no annotations to cite yet: tag what it reports first");
        }
        match self.doc.project.add_evidence_edit(incident, &ids) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.open_incident(incident);
                    let n = ids.len();
                    let noun = if n == 1 { "annotation" } else { "annotations" };
                    self.info(format!("Added {n} {noun} of this article to {incident}"));
                }
            }
            Err(e) => self.warn(format!("Not added: {e}")),
        }
    }
}

impl Workbench {
    /// R: the selected annotation becomes the start of a relation; the next annotation clicked
    /// (or picked in the list) is its target.
    pub(super) fn start_relation(&mut self) {
        let Some(from) = self.view.selected_annotation.clone() else {
            return self.warn("Select the annotation a relation starts from, then press R");
        };
        let offered = self.doc.project.relation_types_offered();
        if offered.is_empty() {
            return self.warn("This project has no relation types (Help → Guidelines adds them)");
        }
        if !offered.iter().any(|t| t.id == self.view.relation_kind) {
            self.view.relation_kind = offered[0].id.clone();
        }
        let kind = offered
            .iter()
            .find(|t| t.id == self.view.relation_kind)
            .map_or(String::new(), |t| t.label.clone());
        self.view.relation_from = Some(from);
        self.info(format!(
            "Click the annotation this one {kind} (Escape cancels; the type is chosen in the inspector)"
        ));
    }

    /// Link two annotations, as one undo step, and show the relation's start.
    pub(super) fn add_relation(&mut self, kind: &str, from: &str, to: &str) {
        match self.doc.project.relation_edit(kind, from, to) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.view.relation_kind = kind.to_owned();
                    let label = self
                        .doc
                        .project
                        .relation_type(kind)
                        .map_or(kind.to_owned(), |t| t.label.clone());
                    let quote = |id: &str| {
                        self.doc
                            .project
                            .annotation(id)
                            .map_or(id.to_owned(), |a| shorten(&a.exact, 30))
                    };
                    let said = format!("“{}” {label} “{}”", quote(from), quote(to));
                    self.view.selected_annotation = Some(from.to_owned());
                    self.info(said);
                }
            }
            Err(e) => self.warn(format!("No relation made: {e}")),
        }
    }

    pub(super) fn remove_relation(&mut self, id: &str) {
        if self.apply(Edit::RemoveRelation { id: id.to_owned() }) {
            self.info(format!("Removed relation {id} (Ctrl+Z brings it back)"));
        }
    }
}

impl Workbench {
    /// Fill a place entity from the gazetteer (coordinates, divisions, country, GeoNames id) as
    /// one undo step.
    pub(super) fn fill_from_gazetteer(&mut self, entity: &str, geoname_id: u32) {
        match crate::model::gazetteer::fill_edit(&self.doc.project, entity, geoname_id) {
            Ok(edit) => {
                if self.apply(edit) {
                    let said = crate::model::gazetteer::place(geoname_id).map_or_else(
                        || format!("GeoNames:{geoname_id}"),
                        |p| format!("{}, {} (GeoNames:{geoname_id})", p.name, p.country()),
                    );
                    self.info(format!("Placed at {said} (Ctrl+Z takes it back)"));
                }
            }
            Err(e) => self.warn(format!("Not placed: {e}")),
        }
    }
}
