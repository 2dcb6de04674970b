//! Incidents: one event in the world, every field backed by evidence spans.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Extra;

/// How exactly an incident's date is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// The day is known.
    #[default]
    Day,
    /// Known to within a week.
    Week,
    /// Known to within a month.
    Month,
    /// Known to within a year.
    Year,
}

/// An actor's part in an incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRole {
    /// The actor entity.
    pub entity: String,
    /// `perpetrator`, `target` or `other`.
    pub role: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Fatality estimates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Fatalities {
    /// Lowest credible figure.
    #[serde(default)]
    pub low: Option<u32>,
    /// Best estimate.
    #[serde(default)]
    pub best: Option<u32>,
    /// Highest credible figure.
    #[serde(default)]
    pub high: Option<u32>,
}

/// One incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Unique id, e.g. `inc-1`.
    pub id: String,
    /// Short description.
    pub title: String,
    /// When it happened.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// How exactly `date` is known.
    #[serde(default)]
    pub date_precision: DatePrecision,
    /// Event type (ACLED sub-event type, e.g. "Air/drone strike").
    #[serde(default)]
    pub event_type: String,
    /// The location entity.
    #[serde(default)]
    pub location: Option<String>,
    /// Actors and their roles.
    #[serde(default)]
    pub actors: Vec<ActorRole>,
    /// Fatality figures.
    #[serde(default)]
    pub fatalities: Fatalities,
    /// Ids of the annotations that back the incident.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// `low`, `medium` or `high`.
    #[serde(default)]
    pub confidence: String,
    /// Free-text notes.
    #[serde(default)]
    pub notes: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Incident {
    /// An empty incident with a title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            date: None,
            date_precision: DatePrecision::Day,
            event_type: String::new(),
            location: None,
            actors: Vec::new(),
            fatalities: Fatalities::default(),
            evidence: Vec::new(),
            confidence: "medium".to_owned(),
            notes: String::new(),
            extra: Extra::new(),
        }
    }
}
