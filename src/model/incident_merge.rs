//! Merging two incidents that are one event, and splitting evidence off an incident that turned
//! out to be two. Each is built as one [`Edit::Batch`], so it is one undo step.

use super::edit::EditError;
use super::{Edit, Incident, IncidentRelation, Project};

/// A field where the two merged incidents disagreed: the kept value won, the other is shown so
/// the analyst can check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDifference {
    /// The field, as the editor names it ("date", "location").
    pub field: &'static str,
    /// The value the merged incident keeps.
    pub kept: String,
    /// The value of the absorbed incident that was not taken.
    pub dropped: String,
}

/// A merge ready to apply, and what it could not reconcile.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentMerge {
    /// The edit: re-point relations, update the kept incident, remove the absorbed one.
    pub edit: Edit,
    /// The merged incident as it will be.
    pub merged: Incident,
    /// Fields where the two disagreed.
    pub differences: Vec<FieldDifference>,
}

/// Keep `kept` when set, else take `other`; note a difference when both are set and differ.
fn pick<T: Clone + PartialEq>(
    field: &'static str,
    kept: &mut Option<T>,
    other: &Option<T>,
    show: impl Fn(&T) -> String,
    out: &mut Vec<FieldDifference>,
) {
    match (kept.as_ref(), other) {
        (None, Some(o)) => *kept = Some(o.clone()),
        (Some(k), Some(o)) if k != o => out.push(FieldDifference {
            field,
            kept: show(k),
            dropped: show(o),
        }),
        _ => {}
    }
}

/// The same for text fields, where empty means unset.
fn pick_text(field: &'static str, kept: &mut String, other: &str, out: &mut Vec<FieldDifference>) {
    if kept.trim().is_empty() {
        *kept = other.to_owned();
    } else if !other.trim().is_empty() && kept.trim() != other.trim() {
        out.push(FieldDifference {
            field,
            kept: kept.clone(),
            dropped: other.to_owned(),
        });
    }
}

impl Project {
    /// Merge incident `other` into `keep`: evidence, actors, removed-evidence notes and relations
    /// pooled (without repeats); fields `keep` leaves unset taken from `other`; fatality ranges
    /// widened to cover both (low the lower, high the higher); notes joined; relations of other
    /// incidents to `other` re-pointed to `keep`; then `other` removed. Where both set a field
    /// differently, `keep`'s value stays and the difference is returned.
    pub fn merge_incidents_edit(
        &self,
        keep: &str,
        other: &str,
    ) -> Result<IncidentMerge, EditError> {
        if keep == other {
            return Err(EditError::Invalid {
                kind: "incident",
                id: keep.to_owned(),
                problem: "an incident cannot be merged with itself".to_owned(),
            });
        }
        let missing = |id: &str| EditError::Missing {
            kind: "incident",
            id: id.to_owned(),
        };
        let a = self.incident(keep).ok_or_else(|| missing(keep))?;
        let b = self.incident(other).ok_or_else(|| missing(other))?;
        let mut m = a.clone();
        let mut diffs = Vec::new();

        pick_text("title", &mut m.title, &b.title, &mut diffs);
        if m.date.is_none() {
            m.date = b.date;
            m.date_precision = b.date_precision;
            m.date_end = b.date_end;
        } else if b.date.is_some()
            && (b.date, b.date_precision, b.date_end) != (a.date, a.date_precision, a.date_end)
        {
            let show = |i: &Incident| {
                let mut s = i.date.map(|d| d.to_string()).unwrap_or_default();
                if let Some(end) = i.date_end {
                    s.push_str(&format!(" to {end}"));
                }
                format!("{s} ({})", i.date_precision.as_str())
            };
            diffs.push(FieldDifference {
                field: "date",
                kept: show(a),
                dropped: show(b),
            });
        }
        if m.event_type.trim().is_empty() && m.event_category.is_none() {
            m.event_type = b.event_type.clone();
            m.event_category = b.event_category.clone();
        } else {
            pick_text("event type", &mut m.event_type, &b.event_type, &mut diffs);
        }
        let name = |id: &String| self.entity(id).map_or(id.clone(), |e| e.name.clone());
        pick("location", &mut m.location, &b.location, name, &mut diffs);
        pick(
            "geo precision",
            &mut m.geo_precision,
            &b.geo_precision,
            u8::to_string,
            &mut diffs,
        );
        pick(
            "where precision",
            &mut m.where_precision,
            &b.where_precision,
            u8::to_string,
            &mut diffs,
        );
        if m.confidence != b.confidence && !b.confidence.is_empty() {
            diffs.push(FieldDifference {
                field: "confidence",
                kept: m.confidence.clone(),
                dropped: b.confidence.clone(),
            });
        }

        for actor in &b.actors {
            match m.actors.iter().find(|r| r.entity == actor.entity) {
                None => m.actors.push(actor.clone()),
                Some(r) if r.role != actor.role => diffs.push(FieldDifference {
                    field: "actor role",
                    kept: format!("{}: {}", name(&r.entity), r.role),
                    dropped: format!("{}: {}", name(&actor.entity), actor.role),
                }),
                Some(_) => {}
            }
        }
        merge_fatalities(&mut m, b, &mut diffs);
        for ev in &b.evidence {
            if !m.evidence.contains(ev) {
                m.evidence.push(ev.clone());
            }
        }
        for quote in &b.removed_evidence {
            if !m.removed_evidence.contains(quote) {
                m.removed_evidence.push(quote.clone());
            }
        }
        for rel in &b.relations {
            if rel.incident != keep && !has_relation(&m.relations, rel) {
                m.relations.push(rel.clone());
            }
        }
        m.relations.retain(|r| r.incident != other);
        let notes = b.notes.trim();
        if !notes.is_empty() && !m.notes.contains(notes) {
            if !m.notes.trim().is_empty() {
                m.notes.push_str("\n\n");
            }
            m.notes.push_str(&format!("From {other}: {notes}"));
        }
        m.created = match (a.created, b.created) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        for (k, v) in &b.extra {
            m.extra.entry(k.clone()).or_insert_with(|| v.clone());
        }

        let mut edits = Vec::new();
        for inc in &self.incidents {
            if inc.id == keep
                || inc.id == other
                || !inc.relations.iter().any(|r| r.incident == other)
            {
                continue;
            }
            let mut moved = inc.clone();
            let mut relations: Vec<IncidentRelation> = Vec::new();
            for mut r in moved.relations.drain(..) {
                if r.incident == other {
                    r.incident = keep.to_owned();
                }
                if !has_relation(&relations, &r) {
                    relations.push(r);
                }
            }
            moved.relations = relations;
            edits.push(Edit::UpdateIncident(moved));
        }
        edits.push(Edit::UpdateIncident(m.clone()));
        edits.push(Edit::RemoveIncident {
            id: other.to_owned(),
        });
        Ok(IncidentMerge {
            edit: Edit::Batch(edits),
            merged: m,
            differences: diffs,
        })
    }

    /// Move some of an incident's evidence to a new incident (returned with its fresh id): the
    /// new one copies the date, type, place, precisions and confidence, takes the actors its
    /// evidence names, and starts with no fatality figures; the old one keeps the rest. The
    /// chosen ids must be some but not all of the incident's evidence.
    pub fn split_incident_edit<S: AsRef<str>>(
        &mut self,
        incident: &str,
        moved: &[S],
    ) -> Result<(String, Edit), EditError> {
        let invalid = |problem: String| EditError::Invalid {
            kind: "incident",
            id: incident.to_owned(),
            problem,
        };
        let old = self
            .incident(incident)
            .ok_or_else(|| EditError::Missing {
                kind: "incident",
                id: incident.to_owned(),
            })?
            .clone();
        let moved: Vec<&str> = moved.iter().map(AsRef::as_ref).collect();
        if let Some(stray) = moved.iter().find(|m| !old.evidence.iter().any(|e| e == *m)) {
            return Err(invalid(format!("{stray} is not evidence of {incident}")));
        }
        let (taken, kept): (Vec<String>, Vec<String>) = old
            .evidence
            .iter()
            .cloned()
            .partition(|e| moved.contains(&e.as_str()));
        if taken.is_empty() || kept.is_empty() {
            return Err(invalid(
                "choose some of the evidence to split off, but not all of it".to_owned(),
            ));
        }
        let named: Vec<String> = taken
            .iter()
            .filter_map(|e| self.annotation(e))
            .filter_map(|a| a.entity.clone())
            .collect();
        let id = self.alloc_id("inc");
        let mut new = Incident::new(id.clone(), format!("{} (split)", old.title));
        new.date = old.date;
        new.date_precision = old.date_precision;
        new.date_end = old.date_end;
        new.event_category = old.event_category.clone();
        new.event_type = old.event_type.clone();
        new.location = old.location.clone();
        new.geo_precision = old.geo_precision;
        new.where_precision = old.where_precision;
        new.confidence = old.confidence.clone();
        new.actors = old
            .actors
            .iter()
            .filter(|a| named.contains(&a.entity))
            .cloned()
            .collect();
        new.evidence = taken;
        let mut rest = old;
        rest.evidence = kept;
        let index = self
            .incident_index(incident)
            .map_or(self.incidents.len(), |i| i + 1);
        Ok((
            id,
            Edit::Batch(vec![
                Edit::UpdateIncident(rest),
                Edit::InsertIncident {
                    index,
                    incident: new,
                },
            ]),
        ))
    }

    /// Position of the incident with this id.
    pub fn incident_index(&self, id: &str) -> Option<usize> {
        self.incidents.iter().position(|i| i.id == id)
    }
}

fn has_relation(list: &[IncidentRelation], r: &IncidentRelation) -> bool {
    list.iter()
        .any(|x| x.kind == r.kind && x.incident == r.incident)
}

/// Widen the kept figures to cover the other's (low the lower, high the higher, best kept or
/// taken), and take the other's split by side only where it fits the best figure.
fn merge_fatalities(m: &mut Incident, b: &Incident, diffs: &mut Vec<FieldDifference>) {
    let (fa, fb) = (m.fatalities.clone(), &b.fatalities);
    let f = &mut m.fatalities;
    if let (Some(x), Some(y)) = (fa.best, fb.best)
        && x != y
    {
        diffs.push(FieldDifference {
            field: "fatalities (best)",
            kept: x.to_string(),
            dropped: y.to_string(),
        });
    }
    f.best = fa.best.or(fb.best);
    f.low = [fa.low, fb.low].into_iter().flatten().min();
    f.high = [fa.high, fb.high].into_iter().flatten().max();
    if let Some(best) = f.best {
        f.low = f.low.map(|l| l.min(best));
        f.high = f.high.map(|h| h.max(best));
    }
    if fa.split_total().is_none() && fb.split_total().is_some() {
        let fits = match (f.best, fb.split_total()) {
            (Some(best), Some(sum)) => u64::from(best) == sum,
            _ => true,
        };
        if fits {
            f.deaths_a = fb.deaths_a;
            f.deaths_b = fb.deaths_b;
            f.deaths_civilians = fb.deaths_civilians;
            f.deaths_unknown = fb.deaths_unknown;
        } else {
            diffs.push(FieldDifference {
                field: "deaths by side",
                kept: "(none)".to_owned(),
                dropped: format!("{} in all", fb.split_total().unwrap_or(0)),
            });
        }
    } else if fa.split_total().is_some()
        && fb.split_total().is_some()
        && (
            fa.deaths_a,
            fa.deaths_b,
            fa.deaths_civilians,
            fa.deaths_unknown,
        ) != (
            fb.deaths_a,
            fb.deaths_b,
            fb.deaths_civilians,
            fb.deaths_unknown,
        )
    {
        diffs.push(FieldDifference {
            field: "deaths by side",
            kept: format!("{} in all", fa.split_total().unwrap_or(0)),
            dropped: format!("{} in all", fb.split_total().unwrap_or(0)),
        });
    }
}
