//! Incidents: one event in the world, every field backed by evidence spans.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::Extra;

/// The message of [`Incident::value_problems`] for figures out of order.
pub const FATALITY_ORDER: &str = "fatalities must satisfy low <= best <= high";

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

/// Fatality estimates, and UCDP GED's split of the best estimate by side.
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
    /// Deaths on side A (the perpetrator side; UCDP `deaths_a`). This and the next three are
    /// additions to docs/FORMAT.md, omitted when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deaths_a: Option<u32>,
    /// Deaths on side B (the target side; UCDP `deaths_b`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deaths_b: Option<u32>,
    /// Civilian deaths (UCDP `deaths_civilians`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deaths_civilians: Option<u32>,
    /// Deaths whose side is not known (UCDP `deaths_unknown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deaths_unknown: Option<u32>,
}

impl Fatalities {
    /// The sum of the four-way split, when any part of it is set (UCDP's `best` is this sum).
    pub fn split_total(&self) -> Option<u64> {
        let parts = [
            self.deaths_a,
            self.deaths_b,
            self.deaths_civilians,
            self.deaths_unknown,
        ];
        parts
            .iter()
            .any(Option::is_some)
            .then(|| parts.iter().flatten().map(|&n| u64::from(n)).sum())
    }

    /// The most conservative figure given (the lowest of low, best and high), as ACLED
    /// codes fatalities; `None` when no figure is given.
    pub fn most_conservative(&self) -> Option<u32> {
        [self.low, self.best, self.high].into_iter().flatten().min()
    }
}

/// How one incident stands to another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This incident is one part of the other (a strike within an offensive).
    #[default]
    PartOf,
    /// This incident came after the other, in one sequence.
    Follows,
    /// This incident answered the other.
    RetaliationFor,
    /// Both belong to one campaign.
    SameCampaign,
}

impl RelationKind {
    /// Every kind, in menu order.
    pub const ALL: [RelationKind; 4] = [
        RelationKind::PartOf,
        RelationKind::Follows,
        RelationKind::RetaliationFor,
        RelationKind::SameCampaign,
    ];

    /// The word used in files (`part_of`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::PartOf => "part_of",
            RelationKind::Follows => "follows",
            RelationKind::RetaliationFor => "retaliation_for",
            RelationKind::SameCampaign => "same_campaign",
        }
    }

    /// The phrase shown in the editor ("part of").
    pub fn label(self) -> &'static str {
        match self {
            RelationKind::PartOf => "part of",
            RelationKind::Follows => "follows",
            RelationKind::RetaliationFor => "retaliation for",
            RelationKind::SameCampaign => "same campaign as",
        }
    }
}

/// A typed link from one incident to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentRelation {
    /// How this incident stands to the other.
    pub kind: RelationKind,
    /// The other incident's id.
    pub incident: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// The last day, for an incident that lasted several days (UCDP's `date_end`); never before
    /// `date`. An addition to docs/FORMAT.md, omitted when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<NaiveDate>,
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
    /// ACLED geo precision of this report's placing, 1–3 ("near X" is 2 even where X's
    /// coordinates are exact); unset means the place's own. Omitted when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_precision: Option<u8>,
    /// UCDP GED `where_prec`, 1–7 (1 the exact place, 6 only the country, 7 international
    /// waters or airspace); unset means derived from the geo precision. Omitted when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_precision: Option<u8>,
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
    /// Typed links to other incidents. Omitted when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<IncidentRelation>,
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
            date_end: None,
            event_category: None,
            event_type: String::new(),
            location: None,
            geo_precision: None,
            where_precision: None,
            actors: Vec::new(),
            fatalities: Fatalities::default(),
            evidence: Vec::new(),
            removed_evidence: Vec::new(),
            relations: Vec::new(),
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

    /// What is wrong with the record's own values, one message each (empty when none): figures
    /// out of order, a split larger than the high figure, precisions off their scales, an end
    /// before the start, a relation to itself. References to other items are checked by the
    /// project.
    pub fn value_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let f = &self.fatalities;
        let ordered = |a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        if !(ordered(f.low, f.best) && ordered(f.best, f.high) && ordered(f.low, f.high)) {
            out.push(FATALITY_ORDER.to_owned());
        }
        if let (Some(split), Some(best)) = (f.split_total(), f.best)
            && split != u64::from(best)
        {
            out.push(format!(
                "deaths by side add up to {split} but the best estimate is {best} (UCDP's best is their sum)"
            ));
        }
        if let Some(g) = self.geo_precision
            && !(1..=3).contains(&g)
        {
            out.push(format!("geo precision {g} is not 1, 2 or 3"));
        }
        if let Some(w) = self.where_precision
            && !(1..=7).contains(&w)
        {
            out.push(format!("where precision {w} is not between 1 and 7"));
        }
        match (self.date, self.date_end) {
            (None, Some(_)) => out.push("an end date needs a start date".to_owned()),
            (Some(start), Some(end)) if end < start => {
                out.push(format!(
                    "the end date {end} is before the start date {start}"
                ));
            }
            _ => {}
        }
        if self.relations.iter().any(|r| r.incident == self.id) {
            out.push("an incident cannot be related to itself".to_owned());
        }
        out
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
