//! Incidents: one event in the world, every field backed by evidence spans.

use chrono::{DateTime, NaiveDate, Utc};
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
    /// Top-level event type (ACLED event type, e.g. "Explosions/Remote violence"). An addition
    /// to docs/FORMAT.md, omitted from files when unset; see [`super::acled::category_of`] to
    /// derive it from `event_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_category: Option<String>,
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
    /// Quotes of evidence annotations that were deleted after being cited, so the editor can say
    /// the evidence is gone (the ids themselves are removed: they would dangle). An addition to
    /// docs/FORMAT.md, omitted from files when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_evidence: Vec<String>,
    /// `low`, `medium` or `high`.
    #[serde(default)]
    pub confidence: String,
    /// Free-text notes.
    #[serde(default)]
    pub notes: String,
    /// When it was made; absent in files from before this was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime<Utc>>,
    /// The analyst who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it was last changed, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<DateTime<Utc>>,
    /// The analyst who last changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<String>,
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
            event_category: None,
            event_type: String::new(),
            location: None,
            actors: Vec::new(),
            fatalities: Fatalities::default(),
            evidence: Vec::new(),
            removed_evidence: Vec::new(),
            confidence: "medium".to_owned(),
            notes: String::new(),
            created: None,
            created_by: None,
            modified: None,
            modified_by: None,
            extra: Extra::new(),
        }
    }

    /// The top-level event type: the one set, or else the one `event_type` belongs to in the
    /// ACLED taxonomy.
    pub fn category(&self) -> Option<&str> {
        self.event_category
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .or_else(|| super::acled::category_of(&self.event_type))
    }

    /// Set the sub-event type and, when the taxonomy knows it, its category. An unknown type
    /// keeps whatever category the analyst chose.
    pub fn set_event_type(&mut self, event_type: impl Into<String>) {
        self.event_type = event_type.into();
        if let Some(cat) = super::acled::category_of(&self.event_type) {
            self.event_category = Some(cat.to_owned());
        }
    }

    /// The entities with a given role, in order.
    pub fn actors_with_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a str> {
        self.actors
            .iter()
            .filter(move |a| a.role == role)
            .map(|a| a.entity.as_str())
    }
}

impl DatePrecision {
    /// All precisions, finest first.
    pub const ALL: [DatePrecision; 4] = [
        DatePrecision::Day,
        DatePrecision::Week,
        DatePrecision::Month,
        DatePrecision::Year,
    ];

    /// The word used in files and menus.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}
