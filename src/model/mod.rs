//! The pure data model: articles, annotations, entities, incidents and the edits that change
//! them. Knows nothing of windows or files.

pub mod acled;
mod annotation;
mod article;
pub mod borders;
pub mod casualties;
mod conflict;
pub mod countries;
pub mod date_helper;
mod edit;
mod entity;
pub(crate) mod fields;
pub mod gazetteer;
pub mod history;
mod incident;
mod incident_edits;
pub mod incident_match;
mod incident_merge;
mod lead_date;
pub mod map;
pub mod offsets;
mod project;
pub mod reanchor;
pub mod relations;
pub mod search;
pub mod sources;
pub mod suggest;
pub mod tags;
pub mod text;
pub mod triage;
mod validate;
pub mod words;

pub use annotation::{Annotation, CREDIBILITY_GRADES, Claim, ClaimStatus};
pub use article::Article;
pub use conflict::{FIELD_GROUPS, MergeConflict, SettleError};
pub use edit::{Edit, EditError};
pub use entity::{ACTOR_KINDS, Entity, external_url, parse_external_id};
pub use incident::{
    ActorRole, DatePrecision, Fatalities, Incident, IncidentRelation, RelationKind,
};
pub use incident_edits::{CasualtyReport, EvidenceDate};
pub use incident_match::{DuplicatePair, IncidentCandidate, Likelihood, MatchReason};
pub use incident_merge::{FieldDifference, IncidentMerge};
pub use offsets::{CharIdx, CharSpan, TextIndex};
pub use project::{
    IdRun, MAX_ID_NUMBER, PROJECT_FORMAT, PROJECT_VERSION, Project, analyst_slug, now,
};
pub use reanchor::{Placement, ReanchorReport, replace_article_text};
pub use relations::{RelationType, SpanRelation};
pub use sources::Source;
pub use tags::Tag;
pub use triage::{ArticleStatus, DocLabel, LabelValue};
pub use validate::{Problem, validate};

/// Fields of a file that this version does not know: kept on load and written back on save.
pub type Extra = serde_json::Map<String, serde_json::Value>;
