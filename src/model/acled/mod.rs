//! The ACLED event taxonomy, actor roles and confidence levels offered by the incident editor.
//!
//! These are suggestions, not rules: an incident may carry an event type that is not listed here
//! (an analyst's own coding scheme), and validation never rejects one. The lists follow the ACLED
//! codebook's six event types and their sub-event types. The rules that turn an incident into
//! ACLED's derived columns (disorder type, actor classes, interaction, civilian targeting,
//! reference dates, fatalities) are in [`coding`].

pub mod coding;

/// One top-level ACLED event type and its sub-event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventCategory {
    /// The event type, e.g. "Explosions/Remote violence".
    pub name: &'static str,
    /// Its sub-event types, in codebook order.
    pub sub_types: &'static [&'static str],
}

/// The six ACLED event types with their sub-event types, in the order of the codebook's table
/// of event types. The order is a precedence: where one event has several tactics at once, the
/// codebook codes the one listed first (territory changing hands over the armed clash that
/// took it, excessive force over the protest it broke up).
pub const EVENT_CATEGORIES: &[EventCategory] = &[
    EventCategory {
        name: "Battles",
        sub_types: &[
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Armed clash",
        ],
    },
    EventCategory {
        name: "Protests",
        sub_types: &[
            "Excessive force against protesters",
            "Protest with intervention",
            "Peaceful protest",
        ],
    },
    EventCategory {
        name: "Riots",
        sub_types: &["Violent demonstration", "Mob violence"],
    },
    EventCategory {
        name: "Explosions/Remote violence",
        sub_types: &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    },
    EventCategory {
        name: "Violence against civilians",
        sub_types: &[
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ],
    },
    EventCategory {
        name: "Strategic developments",
        sub_types: &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    },
];

/// Actor roles an incident may give, in menu order.
pub const ACTOR_ROLES: [&str; 3] = ["perpetrator", "target", "other"];

/// The role of the side that acted (ACLED's actor 1).
pub const ROLE_PERPETRATOR: &str = "perpetrator";
/// The role of the side acted upon (ACLED's actor 2).
pub const ROLE_TARGET: &str = "target";
/// Any other part (witness, mediator, ...).
pub const ROLE_OTHER: &str = "other";

/// Confidence levels, lowest first.
pub const CONFIDENCE_LEVELS: [&str; 3] = ["low", "medium", "high"];

/// The top-level event type a sub-event type belongs to, compared without regard to case or
/// surrounding space. A top-level type given on its own maps to itself, so an incident coded only
/// as "Battles" still gets its category. Unknown types give `None`.
pub fn category_of(event_type: &str) -> Option<&'static str> {
    let wanted = event_type.trim();
    if wanted.is_empty() {
        return None;
    }
    EVENT_CATEGORIES.iter().find_map(|cat| {
        let is_cat = cat.name.eq_ignore_ascii_case(wanted);
        let has_sub = cat.sub_types.iter().any(|s| s.eq_ignore_ascii_case(wanted));
        (is_cat || has_sub).then_some(cat.name)
    })
}

/// The sub-event types of a top-level type (empty for an unknown one).
pub fn sub_types_of(category: &str) -> &'static [&'static str] {
    EVENT_CATEGORIES
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(category.trim()))
        .map_or(&[], |c| c.sub_types)
}

/// True when `event_type` is one of the listed sub-event types (the GUI marks others as custom).
pub fn is_known_sub_type(event_type: &str) -> bool {
    EVENT_CATEGORIES
        .iter()
        .flat_map(|c| c.sub_types.iter())
        .any(|s| s.eq_ignore_ascii_case(event_type.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_types_map_to_their_category() {
        assert_eq!(
            category_of("Air/drone strike"),
            Some("Explosions/Remote violence")
        );
        assert_eq!(category_of(" armed clash "), Some("Battles"));
        assert_eq!(category_of("Mob violence"), Some("Riots"));
        assert_eq!(category_of("Arrests"), Some("Strategic developments"));
        assert_eq!(category_of("Protests"), Some("Protests"));
        assert_eq!(category_of("Cyber attack"), None);
        assert_eq!(category_of(""), None);
    }

    #[test]
    fn every_sub_type_belongs_to_exactly_one_category() {
        for cat in EVENT_CATEGORIES {
            for sub in cat.sub_types {
                let owners = EVENT_CATEGORIES
                    .iter()
                    .filter(|c| c.sub_types.contains(sub))
                    .count();
                assert_eq!(owners, 1, "{sub}");
                assert_eq!(category_of(sub), Some(cat.name));
            }
        }
        assert_eq!(EVENT_CATEGORIES.len(), 6);
        assert_eq!(sub_types_of("explosions/remote violence").len(), 6);
        assert!(sub_types_of("nothing").is_empty());
        assert!(is_known_sub_type("grenade"));
        assert!(!is_known_sub_type("Battles"));
    }
}
