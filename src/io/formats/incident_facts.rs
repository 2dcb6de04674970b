//! What the dataset exports (ACLED, UCDP) read off one incident: its actors by side, its place
//! and country, its evidence articles and their outlets. Gathered once per incident so each
//! format only decides how to write it.

use chrono::NaiveDate;

use crate::model::acled::coding::{ActorClass, actor_class};
use crate::model::acled::{ROLE_PERPETRATOR, ROLE_TARGET};
use crate::model::countries::{Country, country};
use crate::model::{Entity, Incident, Project, tags};

/// One actor of an incident, with its ACLED class when its kind names one.
#[derive(Clone, Debug)]
pub struct Party {
    /// The entity's name.
    pub name: String,
    /// Its ACLED class.
    pub class: Option<ActorClass>,
}

/// One article cited by the evidence.
#[derive(Clone, Debug)]
pub struct Report {
    /// The outlet (the article's `source`), trimmed; may be empty.
    pub outlet: String,
    /// The headline.
    pub headline: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The registered scale of the outlet, if any.
    pub scale: Option<String>,
}

/// An incident, read for a dataset row.
pub struct IncidentFacts<'a> {
    /// The incident.
    pub incident: &'a Incident,
    /// Perpetrators, in order (actor 1 and its associates).
    pub side_a: Vec<Party>,
    /// Targets, in order (actor 2 and its associates).
    pub side_b: Vec<Party>,
    /// Actors with any other role, by name.
    pub others: Vec<String>,
    /// The place entity.
    pub place: Option<&'a Entity>,
    /// The place's country, when the table knows it.
    pub country: Option<&'static Country>,
    /// Distinct evidence articles, in the order the evidence cites them.
    pub reports: Vec<Report>,
    /// Distinct quotes of the location mentions in the evidence.
    pub place_mentions: Vec<String>,
    /// Names of the entities the evidence claims are attributed to, each once.
    pub claim_sources: Vec<String>,
    /// Every casualty figure the evidence claims report.
    pub reported_figures: Vec<u32>,
}

impl<'a> IncidentFacts<'a> {
    /// Read an incident of `project`.
    pub fn of(project: &'a Project, incident: &'a Incident) -> Self {
        let party = |id: &str| {
            let entity = project.entity(id);
            Party {
                name: entity.map_or_else(|| id.to_owned(), |e| e.name.clone()),
                class: entity.and_then(|e| actor_class(&e.kind)),
            }
        };
        let side =
            |role: &str| -> Vec<Party> { incident.actors_with_role(role).map(party).collect() };
        let others = incident
            .actors
            .iter()
            .filter(|a| a.role != ROLE_PERPETRATOR && a.role != ROLE_TARGET)
            .map(|a| party(&a.entity).name)
            .collect();
        let place = incident.location.as_deref().and_then(|l| project.entity(l));
        let mut facts = IncidentFacts {
            incident,
            side_a: side(ROLE_PERPETRATOR),
            side_b: side(ROLE_TARGET),
            others,
            place,
            country: place.and_then(|p| country(&p.country)),
            reports: Vec::new(),
            place_mentions: Vec::new(),
            claim_sources: Vec::new(),
            reported_figures: project
                .casualty_reports(incident)
                .iter()
                .filter_map(|r| r.figure)
                .collect(),
        };
        facts.read_evidence(project);
        facts
    }

    fn read_evidence(&mut self, project: &Project) {
        let mut seen_articles: Vec<&str> = Vec::new();
        for id in &self.incident.evidence {
            let Some(ann) = project.annotation(id) else {
                continue;
            };
            if ann.tag == tags::LOCATION && !self.place_mentions.contains(&ann.exact) {
                self.place_mentions.push(ann.exact.clone());
            }
            if let Some(name) = ann
                .claim
                .as_ref()
                .and_then(|c| c.source.as_deref())
                .and_then(|s| project.entity(s))
                .map(|e| e.name.clone())
                && !self.claim_sources.contains(&name)
            {
                self.claim_sources.push(name);
            }
            let Some(article) = project.article(&ann.article) else {
                continue;
            };
            if seen_articles.contains(&article.id.as_str()) {
                continue;
            }
            seen_articles.push(&article.id);
            self.reports.push(Report {
                outlet: article.source.trim().to_owned(),
                headline: article.title.trim().to_owned(),
                published: article.published,
                scale: project
                    .source_of(article)
                    .map(|s| s.scale.clone())
                    .filter(|s| !s.is_empty()),
            });
        }
    }

    /// The outlets of the evidence articles, each once, in order (empty outlets left out).
    pub fn outlets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.reports {
            if !r.outlet.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&r.outlet)) {
                out.push(&r.outlet);
            }
        }
        out
    }

    /// The place's ACLED geo precision: the incident's own, else the place's, else 1 for a
    /// named place (the place itself is what the report names).
    pub fn geo_precision(&self) -> Option<u8> {
        self.incident
            .geo_precision
            .or_else(|| self.place.and_then(|p| p.geo_precision))
            .or(self.place.map(|_| 1))
    }

    /// The coordinates of the place, when it has both.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        let p = self.place?;
        Some((p.lat?, p.lon?))
    }

    /// The country's name as the datasets write it: the table's, else what the analyst typed.
    pub fn country_name(&self) -> String {
        self.country.map_or_else(
            || {
                self.place
                    .map(|p| p.country.trim().to_owned())
                    .unwrap_or_default()
            },
            |c| c.name.to_owned(),
        )
    }
}

/// Names joined with "; ", the separator both datasets use inside one column.
pub fn joined(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    names
        .into_iter()
        .map(|n| n.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A coordinate with four decimals, as ACLED publishes them.
pub fn four_decimals(v: f64) -> String {
    format!("{v:.4}")
}
