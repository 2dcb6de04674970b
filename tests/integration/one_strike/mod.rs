//! Three invented reports of one strike by three outlets, each coded as its own incident,
//! and a fourth article about something else: the fixture of the one-event tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test uses part of it

use chrono::NaiveDate;
use sitrep::model::{ActorRole, Article, CharSpan, Edit, Entity, Extra, Project, validate};

/// Three invented reports of one strike, by three outlets, and one of another event.
pub const REPORTS: [(&str, &str, &str, &str); 4] = [
    (
        "art-1",
        "Levant Monitoring Network",
        "2026-03-08",
        "A drone strike hit a fuel depot in Husaybah on Saturday, the Levant Monitoring Network said. \
         The Eastern Brigade blamed the Northern Front. Four guards were killed.",
    ),
    (
        "art-2",
        "Valley Courier",
        "2026-03-08",
        "Residents of Husaybah described an air strike on a depot on Saturday. \
         The Northern Front denied any role. Five people were killed.",
    ),
    (
        "art-3",
        "Desert Wire",
        "2026-03-09",
        "The Eastern Brigade said a depot in Husaybah was struck from the air on Saturday; \
         the Northern Front was behind it. Four died.",
    ),
    (
        "art-4",
        "Desert Wire",
        "2026-03-02",
        "A protest in Sarmada ended peacefully on Monday.",
    ),
];

pub fn span(text: &str, phrase: &str) -> CharSpan {
    let b = text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase} in text"));
    let s = text[..b].chars().count();
    CharSpan::new(s, s + phrase.chars().count())
}

pub fn annotate(
    p: &mut Project,
    article: &str,
    phrase: &str,
    tag: &str,
    entity: Option<&str>,
) -> String {
    let text = p.article(article).unwrap().text.clone();
    let mut ann = p
        .make_annotation(article, span(&text, phrase), tag)
        .unwrap();
    ann.entity = entity.map(str::to_owned);
    let id = ann.id.clone();
    p.apply(Edit::InsertAnnotation(ann)).unwrap();
    id
}

pub fn entity(p: &mut Project, id: &str, tag: &str, name: &str, point: Option<(f64, f64)>) {
    let mut e = Entity::new(id, tag, name);
    if let Some((lat, lon)) = point {
        e.lat = Some(lat);
        e.lon = Some(lon);
        e.country = "Iraq".to_owned();
        e.geo_precision = Some(1);
    }
    let index = p.entities.len();
    p.apply(Edit::InsertEntity { index, entity: e }).unwrap();
}

/// The three reports annotated, each coded as its own incident (inc-1 to inc-3), and the
/// protest article annotated but not coded.
pub fn project() -> Project {
    let mut p = Project::new("one strike");
    for (id, outlet, date, text) in REPORTS {
        let mut a = Article::new(id, format!("Report {id}"), text);
        a.source = outlet.to_owned();
        a.published = date.parse().ok();
        p.articles.push(a);
    }
    entity(
        &mut p,
        "ent-place",
        "location",
        "Husaybah",
        Some((34.3888, 40.9989)),
    );
    entity(&mut p, "ent-east", "actor", "Eastern Brigade", None);
    entity(&mut p, "ent-north", "actor", "Northern Front", None);
    entity(
        &mut p,
        "ent-sarmada",
        "location",
        "Sarmada",
        Some((36.1883, 36.7236)),
    );
    let codings = [
        (
            "art-1",
            vec![
                ("Husaybah", "location", Some("ent-place")),
                ("Northern Front", "actor", Some("ent-north")),
                ("Four guards were killed", "claim", None),
            ],
            4,
        ),
        (
            "art-2",
            vec![
                ("Husaybah", "location", Some("ent-place")),
                ("Northern Front", "actor", Some("ent-north")),
                ("Five people were killed", "claim", None),
            ],
            5,
        ),
        (
            "art-3",
            vec![
                ("Husaybah", "location", Some("ent-place")),
                ("Eastern Brigade", "actor", Some("ent-east")),
                ("Northern Front", "actor", Some("ent-north")),
                ("Four died", "claim", None),
            ],
            4,
        ),
    ];
    for (article, spans, deaths) in codings {
        let ids: Vec<String> = spans
            .iter()
            .map(|(phrase, tag, ent)| annotate(&mut p, article, phrase, tag, *ent))
            .collect();
        let (id, edit) = p.create_incident_edit(&ids).unwrap();
        p.apply(edit).unwrap();
        let mut inc = p.incident(&id).unwrap().clone();
        inc.date = NaiveDate::from_ymd_opt(2026, 3, 7);
        inc.set_event_type("Air/drone strike");
        inc.actors = vec![ActorRole {
            entity: "ent-north".to_owned(),
            role: "perpetrator".to_owned(),
            extra: Extra::new(),
        }];
        inc.fatalities.low = Some(deaths.min(4));
        inc.fatalities.best = Some(deaths);
        inc.fatalities.high = Some(deaths);
        p.apply(Edit::UpdateIncident(inc)).unwrap();
    }
    annotate(&mut p, "art-4", "Sarmada", "location", Some("ent-sarmada"));
    assert!(validate(&p).is_empty(), "{:?}", validate(&p));
    p
}

/// The real app on a project, in a headless window of this size, after its first frames.
pub fn window(p: Project, size: [f32; 2]) -> egui_kittest::Harness<'static, sitrep::ui::SitrepApp> {
    let app = sitrep::ui::SitrepApp::new(
        p,
        None,
        Box::new(sitrep::workbench::dialogs::ScriptedDialogs::default()),
    );
    let mut h = egui_kittest::Harness::builder()
        .with_size(size)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut sitrep::ui::SitrepApp| app.run_frame(ui), app);
    h.run_steps(3);
    h
}
