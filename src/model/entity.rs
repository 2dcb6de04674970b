//! Entities: the actors and places (or custom things) that many mentions refer to.

use serde::{Deserialize, Serialize};

use super::Extra;

/// One actor, location or other named thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Unique id, e.g. `ent-1`.
    pub id: String,
    /// Tag of its mentions (`actor`, `location`, or a custom tag).
    pub tag: String,
    /// Canonical name.
    pub name: String,
    /// Other spellings met in articles.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Latitude in degrees, for places.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude in degrees, for places.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Free-text note.
    #[serde(default)]
    pub note: String,
    /// Actor class (ACLED: state forces, rebel group, ...) or place type; empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// Country, for places.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// First-level administrative division (province, governorate), for places.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub admin1: String,
    /// Second-level administrative division (district), for places.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub admin2: String,
    /// ACLED geo precision: 1 = the exact town, 2 = near it / part of a region, 3 = a larger
    /// region only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_precision: Option<u8>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The ACLED actor classes an actor entity can belong to.
pub const ACTOR_KINDS: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/other forces",
];

impl Entity {
    /// A new entity with no aliases, coordinates or note.
    pub fn new(id: impl Into<String>, tag: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            tag: tag.into(),
            name: name.into(),
            aliases: Vec::new(),
            lat: None,
            lon: None,
            note: String::new(),
            kind: String::new(),
            country: String::new(),
            admin1: String::new(),
            admin2: String::new(),
            geo_precision: None,
            extra: Extra::new(),
        }
    }

    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}
