//! Annotations: tagged spans of an article's text, with their quote.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Extra;
use super::offsets::{CharIdx, CharSpan};

/// How a claim stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// Said by its source, not checked.
    #[default]
    Reported,
    /// Borne out by other evidence.
    Confirmed,
    /// Denied by someone.
    Denied,
    /// Contested between sources.
    Disputed,
}

/// The Admiralty (NATO) credibility grades of information, 1 to 6, with their meaning.
pub const CREDIBILITY_GRADES: [(u8, &str); 6] = [
    (1, "confirmed by other sources"),
    (2, "probably true"),
    (3, "possibly true"),
    (4, "doubtful"),
    (5, "improbable"),
    (6, "truth cannot be judged"),
];

impl ClaimStatus {
    /// All statuses, in menu order.
    pub const ALL: [ClaimStatus; 4] = [
        ClaimStatus::Reported,
        ClaimStatus::Confirmed,
        ClaimStatus::Denied,
        ClaimStatus::Disputed,
    ];

    /// The word used in files and menus.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Reported => "reported",
            ClaimStatus::Confirmed => "confirmed",
            ClaimStatus::Denied => "denied",
            ClaimStatus::Disputed => "disputed",
        }
    }
}

/// Who makes a claim and how it stands. (`Deserialize` is written out below, without serde's
/// slow `flatten` path.)
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Claim {
    /// The entity (usually an actor) that makes the claim.
    #[serde(default)]
    pub source: Option<String>,
    /// How the claim stands.
    #[serde(default)]
    pub status: ClaimStatus,
    /// Credibility of the information, 1–6 on the Admiralty (NATO) scale: 1 confirmed by other
    /// sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged.
    /// An addition to docs/FORMAT.md, omitted when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credibility: Option<u8>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One tagged span. (`Deserialize` is written out below, without serde's slow `flatten`
/// path.)
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annotation {
    /// Unique id, e.g. `ann-1`.
    pub id: String,
    /// Id of the article the span lies in.
    pub article: String,
    /// Id of the tag.
    pub tag: String,
    /// First char (Unicode scalar values).
    pub start: CharIdx,
    /// One past the last char.
    pub end: CharIdx,
    /// The covered text, checked against the article on load.
    pub exact: String,
    /// Up to 32 chars before the span.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars after the span.
    #[serde(default)]
    pub suffix: String,
    /// The entity this span mentions.
    #[serde(default)]
    pub entity: Option<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: String,
    /// Source and status, for claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// The analyst who made it; absent in files from before analysts were recorded.
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

super::fields::deserialize_with_extra!(Claim {
    required: [],
    optional: [source, status, credibility],
    skipped: [],
});

super::fields::deserialize_with_extra!(Annotation {
    required: [id, article, tag, start, end, exact, created],
    optional: [
        prefix,
        suffix,
        entity,
        note,
        claim,
        created_by,
        modified,
        modified_by
    ],
    skipped: [],
});

impl Annotation {
    /// The span as a typed range.
    pub fn span(&self) -> CharSpan {
        CharSpan {
            start: self.start,
            end: self.end,
        }
    }
}
