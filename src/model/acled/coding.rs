//! ACLED's coding rules for the columns it derives from an event: the disorder type of a
//! sub-event type, actor classes and their interaction, civilian targeting, the reference day
//! of a date known only to the week or month, and the conservative fatality figure.
//!
//! The rules follow the ACLED codebook; where the codebook leaves a choice open, the doc
//! comment says which was taken.

use chrono::{Datelike as _, NaiveDate, Weekday};

use super::category_of;
use crate::model::DatePrecision;

/// Disorder type of political violence events.
pub const POLITICAL_VIOLENCE: &str = "Political violence";
/// Disorder type of demonstration events.
pub const DEMONSTRATIONS: &str = "Demonstrations";
/// Disorder type of excessive force against protesters: both at once.
pub const VIOLENCE_AND_DEMONSTRATIONS: &str = "Political violence; Demonstrations";
/// Disorder type of strategic developments.
pub const STRATEGIC_DEVELOPMENTS: &str = "Strategic developments";

/// The value ACLED's `civilian_targeting` column takes when civilians were the target.
pub const CIVILIAN_TARGETING: &str = "Civilian targeting";

/// ACLED's disorder type for an event: from its sub-event type where that decides it (mob
/// violence is political violence though it is a riot; excessive force against protesters is
/// both), else from its event type. `None` when neither is one of ACLED's.
pub fn disorder_type(sub_event_type: &str, event_type: Option<&str>) -> Option<&'static str> {
    let sub = sub_event_type.trim();
    if sub.eq_ignore_ascii_case("Excessive force against protesters") {
        return Some(VIOLENCE_AND_DEMONSTRATIONS);
    }
    if sub.eq_ignore_ascii_case("Mob violence") {
        return Some(POLITICAL_VIOLENCE);
    }
    let category = category_of(sub).or_else(|| event_type.and_then(category_of))?;
    Some(match category {
        "Battles" | "Explosions/Remote violence" | "Violence against civilians" => {
            POLITICAL_VIOLENCE
        }
        "Protests" | "Riots" => DEMONSTRATIONS,
        _ => STRATEGIC_DEVELOPMENTS,
    })
}

/// One of ACLED's eight actor classes: the text its `inter1`/`inter2` columns carry and the
/// code that orders them in an interaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorClass {
    /// The text value ("External/Other forces").
    pub name: &'static str,
    /// The inter code, 1 to 8.
    pub code: u8,
}

/// ACLED's actor classes, by inter code.
pub const ACTOR_CLASSES: [ActorClass; 8] = [
    ActorClass {
        name: "State forces",
        code: 1,
    },
    ActorClass {
        name: "Rebel group",
        code: 2,
    },
    ActorClass {
        name: "Political militia",
        code: 3,
    },
    ActorClass {
        name: "Identity militia",
        code: 4,
    },
    ActorClass {
        name: "Rioters",
        code: 5,
    },
    ActorClass {
        name: "Protesters",
        code: 6,
    },
    ActorClass {
        name: "Civilians",
        code: 7,
    },
    ActorClass {
        name: "External/Other forces",
        code: 8,
    },
];

/// The class an actor entity's `kind` names. Case and a plural are forgiven ("rebel groups",
/// the older numeric code "2", and the spelling "External/other forces" that earlier versions
/// of Sitrep offered all name their class); anything else is `None`.
pub fn actor_class(kind: &str) -> Option<ActorClass> {
    let wanted = kind.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    if let Ok(code) = wanted.parse::<u8>() {
        return ACTOR_CLASSES.iter().copied().find(|c| c.code == code);
    }
    let singular = |s: &str| -> String {
        s.strip_suffix('s')
            .filter(|_| !s.ends_with("ers") && !s.ends_with("ans"))
            .unwrap_or(s)
            .to_owned()
    };
    ACTOR_CLASSES.iter().copied().find(|c| {
        let name = c.name.to_lowercase();
        name == wanted || singular(&wanted) == name || (c.code == 8 && wanted == "other forces")
    })
}

/// ACLED's `interaction` for the classes of actor 1 and actor 2: the two class names joined
/// with "-", the lower inter code first ("State forces-Rebel group" whichever side acted), or
/// "X only" when the event has one actor. Empty when neither class is known.
pub fn interaction(first: Option<ActorClass>, second: Option<ActorClass>) -> String {
    match (first, second) {
        (Some(a), Some(b)) => {
            let (lo, hi) = if a.code <= b.code { (a, b) } else { (b, a) };
            format!("{}-{}", lo.name, hi.name)
        }
        (Some(one), None) | (None, Some(one)) => format!("{} only", one.name),
        (None, None) => String::new(),
    }
}

/// ACLED's `civilian_targeting`: "Civilian targeting" for a political violence event aimed at
/// civilians (every violence against civilians event, and any other with civilians among its
/// targets), else empty.
pub fn civilian_targeting(
    disorder: Option<&str>,
    event_type: Option<&str>,
    target_classes: &[ActorClass],
) -> &'static str {
    let violent = disorder.is_some_and(|d| d.starts_with(POLITICAL_VIOLENCE));
    let against_civilians = event_type == Some("Violence against civilians")
        || target_classes.iter().any(|c| c.code == 7);
    if violent && against_civilians {
        CIVILIAN_TARGETING
    } else {
        ""
    }
}

/// Why an incident's date cannot be written as an ACLED event date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateRefusal {
    /// No date at all.
    #[error("it has no date; ACLED codes every event on a day")]
    Missing,
    /// Known only to the year: ACLED's coarsest precision is the month, so such an event is
    /// left out rather than passed off as known to the month.
    #[error("it is dated only to the year; ACLED's coarsest time precision is the month")]
    YearOnly,
}

/// The day ACLED codes an event on and its `time_precision`: the day itself (1); for a date
/// known to the week, the Wednesday of its Monday-to-Sunday week, the middle of the week (2);
/// for a date known to the month, the 15th (3).
pub fn reference_date(
    date: Option<NaiveDate>,
    precision: DatePrecision,
) -> Result<(NaiveDate, u8), DateRefusal> {
    let date = date.ok_or(DateRefusal::Missing)?;
    match precision {
        DatePrecision::Day => Ok((date, 1)),
        DatePrecision::Week => {
            let week = date.iso_week();
            let wednesday =
                NaiveDate::from_isoywd_opt(week.year(), week.week(), Weekday::Wed).unwrap_or(date);
            Ok((wednesday, 2))
        }
        DatePrecision::Month => Ok((date.with_day(15).unwrap_or(date), 3)),
        DatePrecision::Year => Err(DateRefusal::YearOnly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str) -> Option<ActorClass> {
        actor_class(name)
    }

    #[test]
    fn disorder_types_follow_the_sub_event_type() {
        assert_eq!(
            disorder_type("Excessive force against protesters", None),
            Some(VIOLENCE_AND_DEMONSTRATIONS)
        );
        assert_eq!(
            disorder_type("Mob violence", None),
            Some(POLITICAL_VIOLENCE)
        );
        assert_eq!(
            disorder_type("Violent demonstration", None),
            Some(DEMONSTRATIONS)
        );
        assert_eq!(
            disorder_type("Peaceful protest", None),
            Some(DEMONSTRATIONS)
        );
        assert_eq!(
            disorder_type("Air/drone strike", None),
            Some(POLITICAL_VIOLENCE)
        );
        assert_eq!(disorder_type("Arrests", None), Some(STRATEGIC_DEVELOPMENTS));
        assert_eq!(
            disorder_type("a local label", Some("Battles")),
            Some(POLITICAL_VIOLENCE)
        );
        assert_eq!(disorder_type("Cyber attack", None), None);
    }

    #[test]
    fn classes_are_found_forgivingly() {
        assert_eq!(class("External/other forces").map(|c| c.code), Some(8));
        assert_eq!(class("rebel groups").map(|c| c.code), Some(2));
        assert_eq!(class("Protesters").map(|c| c.code), Some(6));
        assert_eq!(class("Civilians").map(|c| c.code), Some(7));
        assert_eq!(class("3").map(|c| c.name), Some("Political militia"));
        assert_eq!(class("Journalists"), None);
        assert_eq!(class(""), None);
    }

    #[test]
    fn interactions_put_the_lower_code_first() {
        assert_eq!(
            interaction(class("Rebel group"), class("State forces")),
            "State forces-Rebel group"
        );
        assert_eq!(
            interaction(class("External/Other forces"), class("Civilians")),
            "Civilians-External/Other forces"
        );
        assert_eq!(interaction(class("Protesters"), None), "Protesters only");
        assert_eq!(
            interaction(class("State forces"), class("State forces")),
            "State forces-State forces"
        );
        assert_eq!(interaction(None, None), "");
    }

    #[test]
    fn civilian_targeting_needs_violence_against_civilians() {
        let civ = [ACTOR_CLASSES[6]];
        assert_eq!(
            civilian_targeting(
                Some(POLITICAL_VIOLENCE),
                Some("Explosions/Remote violence"),
                &civ
            ),
            CIVILIAN_TARGETING
        );
        assert_eq!(
            civilian_targeting(
                Some(POLITICAL_VIOLENCE),
                Some("Violence against civilians"),
                &[]
            ),
            CIVILIAN_TARGETING
        );
        assert_eq!(
            civilian_targeting(Some(DEMONSTRATIONS), Some("Protests"), &civ),
            ""
        );
        assert_eq!(
            civilian_targeting(Some(POLITICAL_VIOLENCE), Some("Battles"), &[]),
            ""
        );
    }

    #[test]
    fn weeks_and_months_go_on_their_reference_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        // 2024-03-10 is a Sunday: its Monday-to-Sunday week has Wednesday the 6th.
        assert_eq!(
            reference_date(d("2024-03-10"), DatePrecision::Week),
            Ok((d("2024-03-06").unwrap_or_default(), 2))
        );
        assert_eq!(
            reference_date(d("2024-03-04"), DatePrecision::Week),
            Ok((d("2024-03-06").unwrap_or_default(), 2))
        );
        assert_eq!(
            reference_date(d("2024-02-29"), DatePrecision::Month),
            Ok((d("2024-02-15").unwrap_or_default(), 3))
        );
        assert_eq!(
            reference_date(d("2024-02-29"), DatePrecision::Day),
            Ok((d("2024-02-29").unwrap_or_default(), 1))
        );
        assert_eq!(
            reference_date(d("2024-02-29"), DatePrecision::Year),
            Err(DateRefusal::YearOnly)
        );
        assert_eq!(
            reference_date(None, DatePrecision::Day),
            Err(DateRefusal::Missing)
        );
    }
}
