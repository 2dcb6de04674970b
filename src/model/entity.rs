//! Entities: the actors and places (or custom things) that many mentions refer to.

use chrono::{DateTime, Utc};
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
    /// Third-level administrative division (sub-district), for places. An addition to
    /// docs/FORMAT.md, omitted when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub admin3: String,
    /// ACLED geo precision: 1 = the exact town, 2 = near it / part of a region, 3 = a larger
    /// region only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_precision: Option<u8>,
    /// The same thing in outside knowledge bases, as `DB:ID` (`Wikidata:Q1520`,
    /// `GeoNames:170063`), the way brat's normalisation lines write them; see
    /// [`parse_external_id`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_ids: Vec<String>,
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

/// The ACLED actor classes an actor entity can belong to, spelt as ACLED's `inter1` and
/// `inter2` columns spell them (see [`super::acled::coding::ACTOR_CLASSES`]).
pub const ACTOR_KINDS: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
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
            admin3: String::new(),
            geo_precision: None,
            external_ids: Vec::new(),
            created: None,
            created_by: None,
            modified: None,
            modified_by: None,
            extra: Extra::new(),
        }
    }

    /// True when `DB:ID` is among its external ids (the database compared without case, as
    /// brat's configuration does not care how it is spelt).
    pub fn has_external_id(&self, wanted: &str) -> bool {
        let Some((db, id)) = parse_external_id(wanted) else {
            return false;
        };
        self.external_ids.iter().any(|x| {
            parse_external_id(x).is_some_and(|(d, i)| d.eq_ignore_ascii_case(db) && i == id)
        })
    }

    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Split an external id `DB:ID` into its database and id: the database is ASCII letters,
/// digits, `_`, `-` or `.` (what a brat configuration can name), the id anything without
/// whitespace. `None` when it is not of that form.
pub fn parse_external_id(s: &str) -> Option<(&str, &str)> {
    let (db, id) = s.split_once(':')?;
    let db_ok = !db.is_empty()
        && db
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let id_ok = !id.is_empty() && !id.chars().any(char::is_whitespace);
    (db_ok && id_ok).then_some((db, id))
}

/// A web page for an external id, where the database has one per item: Wikidata and GeoNames.
pub fn external_url(external: &str) -> Option<String> {
    let (db, id) = parse_external_id(external)?;
    match db.to_ascii_lowercase().as_str() {
        "wikidata" => Some(format!("https://www.wikidata.org/wiki/{id}")),
        "geonames" => Some(format!("https://www.geonames.org/{id}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_ids_are_db_colon_id() {
        assert_eq!(
            parse_external_id("Wikidata:Q1520"),
            Some(("Wikidata", "Q1520"))
        );
        assert_eq!(
            parse_external_id("url:https://x.org/a"),
            Some(("url", "https://x.org/a"))
        );
        for bad in [
            "Q1520",
            ":Q1",
            "Wikidata:",
            "Wiki data:Q1",
            "Wikidata:Q 1",
            "Ä:1",
        ] {
            assert_eq!(parse_external_id(bad), None, "{bad}");
        }
        let mut e = Entity::new("ent-1", "actor", "Hezbollah");
        e.external_ids.push("Wikidata:Q41053".into());
        assert!(e.has_external_id("wikidata:Q41053"));
        assert!(!e.has_external_id("Wikidata:Q41054"));
    }

    #[test]
    fn validation_names_a_malformed_external_id() {
        let mut p = crate::model::Project::new("t");
        let mut e = Entity::new("ent-1", "actor", "Hezbollah");
        e.external_ids = vec!["Wikidata:Q41053".into(), "Q41053".into()];
        p.entities.push(e);
        let problems: Vec<String> = crate::model::validate(&p)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            vec![
                "entity ent-1: external id \"Q41053\" is not of the form DB:ID (e.g. Wikidata:Q1520)"
                    .to_owned()
            ]
        );
    }
}
