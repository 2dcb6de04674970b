//! The date helper on many phrasings, against a Monday publication date unless stated.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use chrono::NaiveDate;
use sitrep::model::DatePrecision::{self, Day, Month, Week, Year};
use sitrep::model::date_helper::suggest_date;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one table of phrasings, a row a line"
)]
fn phrasings_table() {
    let monday = d(2023, 1, 30);
    let thursday = d(2023, 2, 2);
    // (published, text, expected date, precision, matched phrase)
    let table: &[(NaiveDate, &str, NaiveDate, DatePrecision, &str)] = &[
        (
            monday,
            "Rockets fell on a grain store Sunday night, farmers said.",
            d(2023, 1, 29),
            Day,
            "Sunday night",
        ),
        (
            monday,
            "The depot was shelled on Sunday.",
            d(2023, 1, 29),
            Day,
            "on Sunday",
        ),
        (
            monday,
            "It burned late on Saturday near the border.",
            d(2023, 1, 28),
            Day,
            "late on Saturday",
        ),
        (
            monday,
            "Police moved in on Monday morning.",
            d(2023, 1, 30),
            Day,
            "on Monday morning",
        ),
        (
            monday,
            "A similar raid happened last Monday.",
            d(2023, 1, 23),
            Day,
            "last Monday",
        ),
        (
            monday,
            "Gunmen struck on Friday.",
            d(2023, 1, 27),
            Day,
            "on Friday",
        ),
        (
            thursday,
            "The bridge was hit on Monday.",
            d(2023, 1, 30),
            Day,
            "on Monday",
        ),
        (
            monday,
            "Two soldiers died yesterday.",
            d(2023, 1, 29),
            Day,
            "yesterday",
        ),
        (
            monday,
            "A protest is under way today.",
            d(2023, 1, 30),
            Day,
            "today",
        ),
        (
            monday,
            "Shots were heard this morning.",
            d(2023, 1, 30),
            Day,
            "this morning",
        ),
        (
            monday,
            "Residents said the blasts came last night.",
            d(2023, 1, 29),
            Day,
            "last night",
        ),
        (
            monday,
            "The market was raided overnight.",
            d(2023, 1, 29),
            Day,
            "overnight",
        ),
        (
            monday,
            "The base was attacked two days ago.",
            d(2023, 1, 28),
            Day,
            "two days ago",
        ),
        (
            monday,
            "Clashes broke out last week.",
            d(2023, 1, 23),
            Week,
            "last week",
        ),
        (
            monday,
            "Arrests were made earlier this week.",
            d(2023, 1, 30),
            Week,
            "earlier this week",
        ),
        (
            monday,
            "The offensive began last month.",
            d(2022, 12, 1),
            Month,
            "last month",
        ),
        (
            monday,
            "Roads were mined earlier this month.",
            d(2023, 1, 1),
            Month,
            "earlier this month",
        ),
        (
            monday,
            "The strike happened on Jan. 29 in the east.",
            d(2023, 1, 29),
            Day,
            "on Jan. 29",
        ),
        (
            monday,
            "Officials confirmed the January 29 attack.",
            d(2023, 1, 29),
            Day,
            "January 29",
        ),
        (
            monday,
            "It was first reported 29 January by locals.",
            d(2023, 1, 29),
            Day,
            "29 January",
        ),
        (
            monday,
            "The ceasefire failed on March 9.",
            d(2022, 3, 9),
            Day,
            "on March 9",
        ),
        (
            monday,
            "The last raid was on Dec. 31st.",
            d(2022, 12, 31),
            Day,
            "on Dec. 31st",
        ),
        (
            monday,
            "Filed under 2023-01-29 in the log.",
            d(2023, 1, 29),
            Day,
            "2023-01-29",
        ),
        (
            monday,
            "The town fell on January 29, 2021.",
            d(2021, 1, 29),
            Day,
            "on January 29, 2021",
        ),
        (
            monday,
            "A truce was signed in 2019.",
            d(2019, 1, 1),
            Year,
            "in 2019",
        ),
        (
            monday,
            "A raid on a depot in November killed two.",
            d(2022, 11, 1),
            Month,
            "in November",
        ),
        (
            monday,
            "Talks collapsed in March 2021.",
            d(2021, 3, 1),
            Month,
            "in March 2021",
        ),
        (
            monday,
            "The group split last year.",
            d(2022, 1, 1),
            Year,
            "last year",
        ),
        (
            monday,
            "Fighting resumed on May 5.",
            d(2022, 5, 5),
            Day,
            "on May 5",
        ),
        // The most specific phrase wins: an explicit day over a weekday, a day over a year.
        (
            monday,
            "Sunday night's raid, first reported on Jan. 28, left two dead.",
            d(2023, 1, 28),
            Day,
            "on Jan. 28",
        ),
        (
            monday,
            "Unlike in 2019, the convoy was hit on Saturday.",
            d(2023, 1, 28),
            Day,
            "on Saturday",
        ),
        (
            monday,
            "Last month's truce ended last week.",
            d(2023, 1, 23),
            Week,
            "last week",
        ),
    ];
    assert!(table.len() >= 20);
    for (published, text, date, precision, matched) in table {
        let s = suggest_date(Some(*published), text)
            .unwrap_or_else(|| panic!("no suggestion for {text:?}"));
        assert_eq!(
            (s.date, s.precision, s.matched_text.as_str()),
            (*date, *precision, *matched),
            "{text:?}: {}",
            s.reasoning
        );
        assert!(
            s.reasoning.starts_with(&format!("“{matched}”: ")),
            "{}",
            s.reasoning
        );
    }
}

#[test]
fn nothing_to_suggest() {
    let monday = Some(d(2023, 1, 30));
    for text in [
        "The column had 30 lorries.",
        "The strike is planned for next Sunday.",
        "Officials say it may spread.",
        "",
    ] {
        assert_eq!(suggest_date(monday, text), None, "{text:?}");
    }
    // Relative words need a publication date; explicit dates do not.
    assert_eq!(suggest_date(None, "on Sunday"), None);
    let s = suggest_date(None, "on 2023-01-29").expect("explicit");
    assert_eq!(s.date, d(2023, 1, 29));
}

#[test]
fn reasoning_shows_the_steps() {
    let monday = Some(d(2023, 1, 30));
    let reason = |t: &str| suggest_date(monday, t).expect("suggestion").reasoning;
    assert_eq!(
        reason("attacked Sunday night"),
        "“Sunday night”: the Sunday before Mon 2023-01-30 → 2023-01-29"
    );
    assert_eq!(
        reason("hit on Monday"),
        "“on Monday”: the day of publication, Mon 2023-01-30 → 2023-01-30"
    );
    assert_eq!(
        reason("last Monday"),
        "“last Monday”: the Monday a week before Mon 2023-01-30 → 2023-01-23"
    );
    assert_eq!(
        reason("on Jan. 29"),
        "“on Jan. 29”: the nearest January 29 on or before Mon 2023-01-30 → 2023-01-29"
    );
    assert_eq!(
        reason("last week"),
        "“last week”: the week before the week of Mon 2023-01-30 → the week of Mon 2023-01-23"
    );
    assert_eq!(
        reason("last month"),
        "“last month”: the month before Mon 2023-01-30 → December 2022"
    );
    assert_eq!(reason("in 2019"), "“in 2019”: a year given in full → 2019");
}
