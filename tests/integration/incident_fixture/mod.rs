//! A small invented project shared by the incident tests: two articles about one air strike,
//! with actor, location and claim annotations, and one incident drawing on both.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message
#![allow(dead_code)] // each test file uses a different part of it

use chrono::NaiveDate;
use sitrep::model::{Article, CharSpan, Claim, ClaimStatus, Edit, Entity, Project};

pub const TEXT_1: &str = "Two aircraft struck a fuel convoy on the desert road west of Al-Qa'im late on Saturday, the Levant Monitoring Network said. The monitor said six bodies were recovered from the burned tankers. A spokesman for the Border Guard denied that its men were in the area.";

pub const TEXT_2: &str = "Hospital staff near Al-Qa'im said on Sunday that the death toll stood at eight after the air strike on Saturday night. Doctors at the clinic described burns on most of the victims.";

/// Char span of the first occurrence of `needle` in `text`.
pub fn span_in(text: &str, needle: &str) -> CharSpan {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].chars().count();
    CharSpan::new(start, start + needle.chars().count())
}

/// Annotate `needle` in an article with a tag, optional entity and optional claim source; returns
/// the new annotation id.
pub fn annotate(
    p: &mut Project,
    article: &str,
    needle: &str,
    tag: &str,
    entity: Option<&str>,
    claim_source: Option<&str>,
) -> String {
    let text = p.article(article).expect("article").text.clone();
    let mut ann = p
        .make_annotation(article, span_in(&text, needle), tag)
        .expect("annotation");
    ann.entity = entity.map(str::to_owned);
    if tag == "claim" {
        ann.claim = Some(Claim {
            source: claim_source.map(str::to_owned),
            status: ClaimStatus::Reported,
            ..Claim::default()
        });
    }
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann))
        .expect("insert annotation");
    id
}

/// Ids of the annotations made by [`project`], by role.
pub struct Ids {
    pub aircraft: String,
    pub location_1: String,
    pub monitor: String,
    pub claim_bodies: String,
    pub claim_denial: String,
    pub location_2: String,
    pub claim_toll: String,
}

pub fn project() -> (Project, Ids) {
    let mut p = Project::new("Incident tests");
    let mut a1 = Article::new("art-1", "Aircraft hit fuel convoy", TEXT_1);
    a1.source = "Wire, Inc.".to_owned();
    a1.published = NaiveDate::from_ymd_opt(2024, 3, 11);
    let mut a2 = Article::new("art-2", "Clinic counts the dead", TEXT_2);
    a2.source = "Daily \"Courier\"".to_owned();
    a2.published = NaiveDate::from_ymd_opt(2024, 3, 10);
    p.apply(Edit::InsertArticle {
        index: 0,
        article: a1,
    })
    .expect("art-1");
    p.apply(Edit::InsertArticle {
        index: 1,
        article: a2,
    })
    .expect("art-2");

    let mut place = Entity::new("ent-1", "location", "Al-Qa'im");
    place.lat = Some(34.37);
    place.lon = Some(41.09);
    place.admin1 = "Al Anbar".to_owned();
    place.country = "Iraq".to_owned();
    place.geo_precision = Some(2);
    let entities = [
        place,
        Entity::new("ent-2", "actor", "Unidentified aircraft"),
        Entity::new("ent-3", "actor", "Levant Monitoring Network"),
        Entity::new("ent-4", "actor", "Border Guard"),
        Entity::new("ent-5", "actor", "Hospital staff"),
    ];
    for (index, entity) in entities.into_iter().enumerate() {
        p.apply(Edit::InsertEntity { index, entity })
            .expect("entity");
    }

    let ids = Ids {
        aircraft: annotate(
            &mut p,
            "art-1",
            "Two aircraft",
            "actor",
            Some("ent-2"),
            None,
        ),
        location_1: annotate(&mut p, "art-1", "Al-Qa'im", "location", Some("ent-1"), None),
        monitor: annotate(
            &mut p,
            "art-1",
            "Levant Monitoring Network",
            "actor",
            Some("ent-3"),
            None,
        ),
        claim_bodies: annotate(
            &mut p,
            "art-1",
            "six bodies were recovered from the burned tankers",
            "claim",
            None,
            Some("ent-3"),
        ),
        claim_denial: annotate(
            &mut p,
            "art-1",
            "denied that its men were in the area",
            "claim",
            None,
            Some("ent-4"),
        ),
        location_2: annotate(&mut p, "art-2", "Al-Qa'im", "location", Some("ent-1"), None),
        claim_toll: annotate(
            &mut p,
            "art-2",
            "the death toll stood at eight",
            "claim",
            None,
            Some("ent-5"),
        ),
    };
    (p, ids)
}

/// The project with one incident built from all annotations; returns its id too.
pub fn project_with_incident() -> (Project, Ids, String) {
    let (mut p, ids) = project();
    let all = [
        ids.aircraft.clone(),
        ids.location_1.clone(),
        ids.monitor.clone(),
        ids.claim_bodies.clone(),
        ids.claim_denial.clone(),
        ids.location_2.clone(),
        ids.claim_toll.clone(),
    ];
    let (inc_id, edit) = p.create_incident_edit(&all).expect("create");
    p.apply(edit).expect("apply create");
    (p, ids, inc_id)
}
