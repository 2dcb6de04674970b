//! Tags: the kinds of span an analyst marks (actor, location, claim, plus custom ones).

use serde::{Deserialize, Serialize};

use super::Extra;

/// Id of the built-in actor tag.
pub const ACTOR: &str = "actor";
/// Id of the built-in location tag.
pub const LOCATION: &str = "location";
/// Id of the built-in claim tag.
pub const CLAIM: &str = "claim";

/// One tag: what it is called, its highlight colour and its one-letter keyboard shortcut.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    /// Stable id referenced by annotations and entities.
    pub id: String,
    /// Human-readable name.
    pub label: String,
    /// `#rrggbb` highlight colour.
    pub color: String,
    /// One-letter keyboard shortcut, lower case.
    #[serde(default)]
    pub key: Option<String>,
    /// The coding rule, with examples: shown as the tag's tooltip and in the Guidelines
    /// window, and written into brat's `annotation.conf` as comments. An addition to
    /// docs/FORMAT.md, omitted when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Fields this version does not know, kept for the next save.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Tag {
    /// A tag with no unknown fields.
    pub fn new(id: &str, label: &str, color: &str, key: Option<&str>) -> Self {
        Self {
            id: id.to_owned(),
            label: label.to_owned(),
            color: color.to_owned(),
            key: key.map(str::to_owned),
            description: String::new(),
            extra: Extra::new(),
        }
    }

    /// The colour as RGB bytes, or `None` when it is not `#rrggbb`.
    pub fn rgb(&self) -> Option<[u8; 3]> {
        parse_hex_color(&self.color)
    }

    /// The shortcut as a single char, when there is one.
    pub fn key_char(&self) -> Option<char> {
        let key = self.key.as_deref()?;
        let mut chars = key.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c.to_ascii_lowercase()),
            _ => None,
        }
    }
}

/// Parse `#rrggbb`.
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The three tags every project has.
pub fn builtin_tags() -> Vec<Tag> {
    vec![
        Tag::new(ACTOR, "Actor", "#e8a33d", Some("a")),
        Tag::new(LOCATION, "Location", "#3d9be8", Some("l")),
        Tag::new(CLAIM, "Claim", "#b36be8", Some("c")),
    ]
}

/// True for the ids of the built-in tags.
pub fn is_builtin(id: &str) -> bool {
    matches!(id, ACTOR | LOCATION | CLAIM)
}
