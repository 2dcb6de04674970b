//! Incident helpers over a project: build an incident from annotations, add or drop evidence,
//! and read dates and casualty figures out of its evidence for the editor.

use super::acled::ROLE_OTHER;
use super::casualties::casualty_figures;
use super::date_helper::{DateSuggestion, suggest_ranked};
use super::edit::EditError;
use super::offsets::CharIdx;
use super::{ActorRole, Annotation, ClaimStatus, Edit, Extra, Incident, Project, tags, text};

/// Longest title taken from a quote, in chars.
const TITLE_CHARS: usize = 100;

/// A date suggested from one evidence annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceDate {
    /// The annotation whose sentence holds the phrase.
    pub annotation: String,
    /// The suggestion.
    pub suggestion: DateSuggestion,
}

/// One casualty figure claimed in an incident's evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CasualtyReport {
    /// The claim annotation.
    pub annotation: String,
    /// Its article.
    pub article: String,
    /// The entity making the claim, if set.
    pub source: Option<String>,
    /// That entity's name, if set.
    pub source_name: Option<String>,
    /// How the claim stands.
    pub status: ClaimStatus,
    /// The figure, or `None` for a vague amount ("dozens").
    pub figure: Option<u32>,
    /// The phrase it was read from.
    pub phrase: String,
}

impl Project {
    /// Build (but do not apply) a new incident from annotations, with a fresh id. Returns the id
    /// and the edit.
    ///
    /// Evidence is the given annotations in stored order, without repeats. The title is the
    /// first claim's quote, else the sentence around the first annotation (cut to 100 chars);
    /// the location is the first location annotation's entity; actors are the entities of actor
    /// annotations, with role `other` for the analyst to refine; the event type is left empty.
    /// No ids gives an empty incident titled "New incident". An unknown id is an error.
    pub fn create_incident_edit<S: AsRef<str>>(
        &mut self,
        annotation_ids: &[S],
    ) -> Result<(String, Edit), EditError> {
        let mut anns: Vec<&Annotation> = Vec::new();
        for id in annotation_ids {
            let id = id.as_ref();
            let ann = self.annotation(id).ok_or_else(|| EditError::Missing {
                kind: "annotation",
                id: id.to_owned(),
            })?;
            if !anns.iter().any(|a| a.id == ann.id) {
                anns.push(ann);
            }
        }
        anns.sort_by(|a, b| {
            self.annotation_sort_key(a)
                .cmp(&self.annotation_sort_key(b))
        });

        let is_claim = |a: &&Annotation| a.tag == tags::CLAIM || a.claim.is_some();
        let title = match anns.iter().find(|a| is_claim(a)) {
            Some(claim) => shorten(&claim.exact),
            None => anns
                .first()
                .and_then(|a| self.sentence_of(a))
                .map(|s| shorten(&s))
                .unwrap_or_default(),
        };
        let title = if title.is_empty() {
            "New incident".to_owned()
        } else {
            title
        };
        let location = anns
            .iter()
            .filter(|a| a.tag == tags::LOCATION)
            .find_map(|a| a.entity.clone());
        let mut actors: Vec<ActorRole> = Vec::new();
        for ann in anns.iter().filter(|a| a.tag == tags::ACTOR) {
            if let Some(entity) = &ann.entity
                && !actors.iter().any(|r| &r.entity == entity)
            {
                actors.push(ActorRole {
                    entity: entity.clone(),
                    role: ROLE_OTHER.to_owned(),
                    extra: Extra::new(),
                });
            }
        }
        let evidence: Vec<String> = anns.iter().map(|a| a.id.clone()).collect();

        let id = self.alloc_id("inc");
        let mut incident = Incident::new(id.clone(), title);
        incident.location = location;
        incident.actors = actors;
        incident.evidence = evidence;
        let index = self.incidents.len();
        Ok((id, Edit::InsertIncident { index, incident }))
    }

    /// Add annotations to an incident's evidence (those already cited are skipped). Adding an
    /// annotation whose quote was recorded as removed clears that note.
    pub fn add_evidence_edit<S: AsRef<str>>(
        &self,
        incident: &str,
        annotation_ids: &[S],
    ) -> Result<Edit, EditError> {
        let mut inc = self.incident_or_err(incident)?.clone();
        for id in annotation_ids {
            let id = id.as_ref();
            let ann = self.annotation(id).ok_or_else(|| EditError::Missing {
                kind: "annotation",
                id: id.to_owned(),
            })?;
            if !inc.evidence.iter().any(|e| e == id) {
                inc.evidence.push(id.to_owned());
            }
            inc.removed_evidence.retain(|q| q != &ann.exact);
        }
        Ok(Edit::UpdateIncident(inc))
    }

    /// Take an annotation out of an incident's evidence (the annotation itself stays).
    pub fn remove_evidence_edit(
        &self,
        incident: &str,
        annotation: &str,
    ) -> Result<Edit, EditError> {
        let mut inc = self.incident_or_err(incident)?.clone();
        inc.evidence.retain(|e| e != annotation);
        Ok(Edit::UpdateIncident(inc))
    }

    /// The best date suggestion from the sentences of an incident's evidence and their articles'
    /// publication dates (see [`super::date_helper`]): the most specific phrase, and among equals
    /// the one in the earliest-cited evidence.
    pub fn suggest_incident_date(&self, incident: &Incident) -> Option<EvidenceDate> {
        incident
            .evidence
            .iter()
            .enumerate()
            .filter_map(|(order, id)| {
                let ann = self.annotation(id)?;
                let published = self.article(&ann.article).and_then(|a| a.published);
                let sentence = self.sentence_of(ann)?;
                let (rank, suggestion) = suggest_ranked(published, &sentence)?;
                Some((rank, order, ann.id.clone(), suggestion))
            })
            .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
            .map(|(_, _, annotation, suggestion)| EvidenceDate {
                annotation,
                suggestion,
            })
    }

    /// Casualty figures claimed in an incident's claim evidence, per claim, in evidence order,
    /// with who claims them: the editor lists these side by side.
    pub fn casualty_reports(&self, incident: &Incident) -> Vec<CasualtyReport> {
        let mut reports = Vec::new();
        for id in &incident.evidence {
            let Some(ann) = self.annotation(id) else {
                continue;
            };
            if ann.tag != tags::CLAIM && ann.claim.is_none() {
                continue;
            }
            let source = ann.claim.as_ref().and_then(|c| c.source.clone());
            let source_name = source
                .as_deref()
                .and_then(|s| self.entity(s))
                .map(|e| e.name.clone());
            let status = ann.claim.as_ref().map(|c| c.status).unwrap_or_default();
            for fig in casualty_figures(&ann.exact) {
                reports.push(CasualtyReport {
                    annotation: ann.id.clone(),
                    article: ann.article.clone(),
                    source: source.clone(),
                    source_name: source_name.clone(),
                    status,
                    figure: fig.figure,
                    phrase: fig.phrase,
                });
            }
        }
        reports
    }

    /// The text of the sentence(s) an annotation lies in: from the start of the sentence of its
    /// first char to the end of the sentence of its last char.
    pub fn sentence_of(&self, ann: &Annotation) -> Option<String> {
        let article = self.article(&ann.article)?;
        let chars = article.chars();
        let first = text::sentence_at(chars, ann.start)?;
        let last_char = CharIdx(ann.end.0.saturating_sub(1).max(ann.start.0));
        let last = text::sentence_at(chars, last_char).unwrap_or(first);
        let span = super::CharSpan {
            start: first.start.min(ann.start),
            end: last.end.max(ann.end),
        };
        article.slice(span).map(str::to_owned)
    }

    fn incident_or_err(&self, id: &str) -> Result<&Incident, EditError> {
        self.incident(id).ok_or_else(|| EditError::Missing {
            kind: "incident",
            id: id.to_owned(),
        })
    }
}

/// Collapse white space and cut to [`TITLE_CHARS`] at a word boundary, with an ellipsis.
fn shorten(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        let extra = usize::from(!out.is_empty()) + w.chars().count();
        if out.chars().count() + extra > TITLE_CHARS {
            if out.is_empty() {
                out = w.chars().take(TITLE_CHARS).collect();
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn titles_are_cut_at_words() {
        assert_eq!(shorten("  a\n b  "), "a b");
        let long = "word ".repeat(40);
        let cut = shorten(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 101);
        assert!(!cut.contains("  "));
    }
}
