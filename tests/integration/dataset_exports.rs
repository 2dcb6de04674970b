//! ACLED and UCDP exports read back by a checker written from the codebooks, not from our code:
//! the columns and their order, then every derived column's rule, then the figures of a coded
//! incident.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message

use crate::incident_fixture;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use chrono::{Datelike as _, NaiveDate, Weekday};
use sitrep::io::formats::{Format, acled_table};
use sitrep::io::save_project;
use sitrep::model::{ActorRole, DatePrecision, Edit, Entity, Extra, Incident, Project, Source};

/// ACLED's 31 columns, as the codebook lists them.
const CODEBOOK_COLUMNS: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,\
event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,\
civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,\
geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// The codebook's event types, sub-event types and disorder types.
const TAXONOMY: [(&str, &str, &str); 25] = [
    (
        "Battles",
        "Government regains territory",
        "Political violence",
    ),
    (
        "Battles",
        "Non-state actor overtakes territory",
        "Political violence",
    ),
    ("Battles", "Armed clash", "Political violence"),
    (
        "Protests",
        "Excessive force against protesters",
        "Political violence; Demonstrations",
    ),
    ("Protests", "Protest with intervention", "Demonstrations"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    (
        "Explosions/Remote violence",
        "Chemical weapon",
        "Political violence",
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        "Political violence",
    ),
    (
        "Explosions/Remote violence",
        "Suicide bomb",
        "Political violence",
    ),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "Political violence",
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Political violence",
    ),
    (
        "Explosions/Remote violence",
        "Grenade",
        "Political violence",
    ),
    (
        "Violence against civilians",
        "Sexual violence",
        "Political violence",
    ),
    ("Violence against civilians", "Attack", "Political violence"),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
        "Political violence",
    ),
    (
        "Strategic developments",
        "Agreement",
        "Strategic developments",
    ),
    (
        "Strategic developments",
        "Arrests",
        "Strategic developments",
    ),
    (
        "Strategic developments",
        "Change to group/activity",
        "Strategic developments",
    ),
    (
        "Strategic developments",
        "Disrupted weapons use",
        "Strategic developments",
    ),
    (
        "Strategic developments",
        "Headquarters or base established",
        "Strategic developments",
    ),
    (
        "Strategic developments",
        "Looting/property destruction",
        "Strategic developments",
    ),
    (
        "Strategic developments",
        "Non-violent transfer of territory",
        "Strategic developments",
    ),
    ("Strategic developments", "Other", "Strategic developments"),
];

/// ACLED's actor classes by inter code.
const INTER: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

type Row = HashMap<String, String>;

/// One change made to a copy of an incident.
type Change = Box<dyn Fn(&mut Incident)>;

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Row>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            assert_eq!(r.len(), header.len(), "a row of another width: {r:?}");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

fn code_of(class: &str) -> usize {
    INTER
        .iter()
        .position(|c| *c == class)
        .unwrap_or_else(|| panic!("{class:?} is not an ACLED actor class"))
        + 1
}

fn four_decimals(v: &str) -> bool {
    v.split_once('.')
        .is_some_and(|(i, d)| d.len() == 4 && i.trim_start_matches('-').parse::<u32>().is_ok())
}

/// Every rule of the codebook that can be checked on a row alone.
fn check_acled_row(row: &Row) {
    let get = |k: &str| row.get(k).map(String::as_str).expect(k);
    let id = get("event_id_cnty");
    assert!(
        id.len() > 3
            && id[..3].bytes().all(|b| b.is_ascii_uppercase())
            && id[3..].bytes().all(|b| b.is_ascii_digit()),
        "event_id_cnty {id:?} is not ISO3 + number"
    );
    let date = NaiveDate::parse_from_str(get("event_date"), "%Y-%m-%d").expect("event_date");
    assert_eq!(get("year"), date.year().to_string());
    match get("time_precision") {
        "1" => {}
        "2" => assert_eq!(date.weekday(), Weekday::Wed, "a week goes on mid-week"),
        "3" => assert_eq!(date.day(), 15, "a month goes on mid-month"),
        other => panic!("time_precision {other:?}"),
    }
    let (event_type, sub) = (get("event_type"), get("sub_event_type"));
    if let Some((parent, _, disorder)) = TAXONOMY.iter().find(|t| t.1 == sub) {
        assert_eq!(event_type, *parent, "{sub}");
        assert_eq!(get("disorder_type"), *disorder, "{sub}");
    }
    let inter = |k: &str| -> Option<usize> {
        let v = get(k);
        (!v.is_empty()).then(|| code_of(v))
    };
    let expected = match (inter("inter1"), inter("inter2")) {
        (Some(a), Some(b)) => format!("{}-{}", INTER[a.min(b) - 1], INTER[a.max(b) - 1]),
        (Some(a), None) | (None, Some(a)) => format!("{} only", INTER[a - 1]),
        (None, None) => String::new(),
    };
    assert_eq!(get("interaction"), expected);
    let civ = get("civilian_targeting");
    assert!(civ.is_empty() || civ == "Civilian targeting", "{civ:?}");
    if civ == "Civilian targeting" {
        assert!(get("disorder_type").starts_with("Political violence"));
    }
    if !get("iso").is_empty() {
        get("iso").parse::<u16>().expect("iso is numeric");
        assert!(!get("region").is_empty());
    }
    for k in ["latitude", "longitude"] {
        let v = get(k);
        assert!(v.is_empty() || four_decimals(v), "{k} {v:?}");
    }
    let geo = get("geo_precision");
    assert!(geo.is_empty() || ["1", "2", "3"].contains(&geo), "{geo:?}");
    get("fatalities")
        .parse::<u32>()
        .expect("fatalities is a count");
    get("timestamp")
        .parse::<i64>()
        .expect("timestamp is Unix time");
    if !get("source_scale").is_empty() {
        for part in get("source_scale").split('-') {
            assert!(
                [
                    "Local partner",
                    "Subnational",
                    "National",
                    "Regional",
                    "International",
                    "New media",
                    "Other",
                ]
                .contains(&part),
                "{part:?}"
            );
        }
    }
}

fn role(entity: &str, role: &str) -> ActorRole {
    ActorRole {
        entity: entity.to_owned(),
        role: role.to_owned(),
        extra: Extra::new(),
    }
}

/// The shared project with actor classes, a country, registered outlets, and four more
/// incidents that exercise the precision and actor rules.
fn coded_project() -> Project {
    let (mut p, _ids, inc_id) = incident_fixture::project_with_incident();
    for (id, kind) in [
        ("ent-2", "External/other forces"),
        ("ent-3", "Civilians"),
        ("ent-4", "State forces"),
    ] {
        let mut e = p.entity(id).expect(id).clone();
        e.kind = kind.to_owned();
        p.apply(Edit::UpdateEntity(e)).expect("kind");
    }
    let mut place = p.entity("ent-1").expect("place").clone();
    place.admin2 = "Al-Qa'im District".to_owned();
    place.lat = Some(34.371_234_9);
    p.apply(Edit::UpdateEntity(place)).expect("place");
    let mut wire = Source::new("Wire, Inc.");
    wire.scale = "International".to_owned();
    wire.reliability = "B".to_owned();
    let mut courier = Source::new("daily \"courier\"");
    courier.scale = "National".to_owned();
    p.apply(Edit::SetSources(vec![wire, courier]))
        .expect("sources");

    let mut inc = p.incident(&inc_id).expect("incident").clone();
    inc.set_event_type("Air/drone strike");
    inc.date = NaiveDate::from_ymd_opt(2024, 3, 9);
    inc.actors = vec![
        role("ent-2", "perpetrator"),
        role("ent-4", "target"),
        role("ent-3", "target"),
        role("ent-5", "other"),
    ];
    inc.fatalities.low = Some(6);
    inc.fatalities.best = Some(7);
    inc.fatalities.high = Some(8);
    inc.notes = "Aircraft struck a fuel convoy, west of town.".to_owned();
    p.apply(Edit::UpdateIncident(inc)).expect("edit");

    let mut add = |id: &str, f: &dyn Fn(&mut Incident)| {
        let mut inc = Incident::new(id, id);
        inc.location = Some("ent-1".to_owned());
        f(&mut inc);
        let index = p.incidents.len();
        p.apply(Edit::InsertIncident {
            index,
            incident: inc,
        })
        .expect(id);
    };
    add("inc-week", &|i| {
        i.set_event_type("Peaceful protest");
        i.date = NaiveDate::from_ymd_opt(2024, 3, 10); // a Sunday
        i.date_precision = DatePrecision::Week;
        i.actors = vec![role("ent-3", "perpetrator")];
        i.geo_precision = Some(3);
    });
    add("inc-month", &|i| {
        i.set_event_type("Excessive force against protesters");
        i.date = NaiveDate::from_ymd_opt(2024, 2, 2);
        i.date_precision = DatePrecision::Month;
        i.actors = vec![role("ent-4", "perpetrator"), role("ent-3", "target")];
    });
    add("inc-year", &|i| {
        i.set_event_type("Armed clash");
        i.date = NaiveDate::from_ymd_opt(2023, 6, 1);
        i.date_precision = DatePrecision::Year;
    });
    add("inc-undated", &|i| i.set_event_type("Arrests"));
    p
}

fn acled_rows(p: &Project) -> Vec<Row> {
    let bytes = Format::Acled.to_bytes(p).expect("acled");
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header.join(","), CODEBOOK_COLUMNS);
    assert_eq!(header.len(), 31);
    rows
}

#[test]
fn every_acled_row_keeps_the_codebook_rules() {
    let rows = acled_rows(&coded_project());
    assert_eq!(
        rows.len(),
        3,
        "the year-only and undated incidents are left out"
    );
    for row in &rows {
        check_acled_row(row);
    }
}

#[test]
fn a_coded_strike_becomes_the_acled_row_the_codebook_asks_for() {
    let rows = acled_rows(&coded_project());
    let by_id: HashMap<&str, &Row> = rows
        .iter()
        .map(|r| (r["sub_event_type"].as_str(), r))
        .collect();
    let strike = by_id["Air/drone strike"];
    let get = |k: &str| strike[k].as_str();
    // Sorted by event date: the month incident (coded on 15 February) and the week incident
    // (coded on Wednesday 6 March) come first.
    assert_eq!(get("event_id_cnty"), "IRQ3");
    assert_eq!(get("event_date"), "2024-03-09");
    assert_eq!(get("disorder_type"), "Political violence");
    assert_eq!(get("event_type"), "Explosions/Remote violence");
    assert_eq!(get("actor1"), "Unidentified aircraft");
    assert_eq!(get("inter1"), "External/Other forces");
    assert_eq!(get("actor2"), "Border Guard");
    assert_eq!(get("assoc_actor_2"), "Levant Monitoring Network");
    assert_eq!(get("inter2"), "State forces");
    assert_eq!(get("interaction"), "State forces-External/Other forces");
    // Civilians among the targets of an explosion: civilian targeting.
    assert_eq!(get("civilian_targeting"), "Civilian targeting");
    assert_eq!(get("iso"), "368");
    assert_eq!(get("region"), "Middle East");
    assert_eq!(get("country"), "Iraq");
    assert_eq!(get("admin1"), "Al Anbar");
    assert_eq!(get("admin2"), "Al-Qa'im District");
    assert_eq!(get("location"), "Al-Qa'im");
    assert_eq!(get("latitude"), "34.3712");
    assert_eq!(get("longitude"), "41.0900");
    // The place's own precision, as the incident sets none.
    assert_eq!(get("geo_precision"), "2");
    // Outlets, not headlines; the registry gives their scales.
    assert_eq!(get("source"), "Wire, Inc.; Daily \"Courier\"");
    assert_eq!(get("source_scale"), "National-International");
    assert_eq!(
        get("notes"),
        "Aircraft struck a fuel convoy, west of town. Other actors: Hospital staff."
    );
    // The most conservative figure, not the best estimate.
    assert_eq!(get("fatalities"), "6");

    let week = by_id["Peaceful protest"];
    assert_eq!(week["event_date"], "2024-03-06");
    assert_eq!(week["time_precision"], "2");
    assert_eq!(week["interaction"], "Civilians only");
    assert_eq!(week["civilian_targeting"], "");
    assert_eq!(
        week["geo_precision"], "3",
        "the incident's own precision wins"
    );
    // Nothing reported, nothing in evidence: 0.
    assert_eq!(week["fatalities"], "0");

    let month = by_id["Excessive force against protesters"];
    assert_eq!(month["event_id_cnty"], "IRQ1");
    assert_eq!(month["event_date"], "2024-02-15");
    assert_eq!(month["time_precision"], "3");
    assert_eq!(month["disorder_type"], "Political violence; Demonstrations");
    assert_eq!(month["event_type"], "Protests");
}

#[test]
fn fatalities_fall_back_to_the_lowest_figure_the_evidence_reports() {
    let mut p = coded_project();
    let mut inc = p.incidents[0].clone();
    inc.fatalities = Default::default();
    p.apply(Edit::UpdateIncident(inc)).expect("edit");
    let rows = acled_rows(&p);
    let strike = rows
        .iter()
        .find(|r| r["sub_event_type"] == "Air/drone strike")
        .expect("strike");
    // The claims say "six bodies" and "the death toll stood at eight".
    assert_eq!(strike["fatalities"], "6");
}

#[test]
fn the_extra_file_holds_our_columns_and_flags_what_was_left_out() {
    let table = acled_table(&coded_project());
    let (header, rows) = read_csv(&table.extra_csv().expect("extra"));
    assert_eq!(header[..2], ["event_id_cnty", "incident_id"]);
    let year = rows
        .iter()
        .find(|r| r["incident_id"] == "inc-year")
        .expect("inc-year is listed");
    assert_eq!(year["exported"], "no");
    assert!(year["reason"].contains("only to the year"), "{year:?}");
    assert_eq!(year["event_id_cnty"], "");
    let strike = rows
        .iter()
        .find(|r| r["incident_id"] == "inc-1")
        .expect("inc-1");
    assert_eq!(strike["event_id_cnty"], "IRQ3");
    assert_eq!(strike["fatalities_low"], "6");
    assert_eq!(strike["fatalities_best"], "7");
    assert_eq!(strike["fatalities_high"], "8");
    assert_eq!(strike["evidence_count"], "7");
    assert!(table.summary("x.csv").contains("left out inc-year"));
}

fn sitrep(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// `sitrep export PROJECT --format acled --out OUT --extra EXTRA`, which must succeed; what it
/// said.
fn export_acled(project: &Path, out: &Path, extra: &Path) -> String {
    let o = sitrep(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "acled".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--extra".as_ref(),
        extra.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_command_line_writes_acled_and_the_extra_file_and_they_read_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("p.sitrep");
    save_project(&project, &coded_project()).expect("save");
    let out = dir.path().join("acled.csv");
    let extra = dir.path().join("acled-extra.csv");
    let said = export_acled(&project, &out, &extra);
    assert!(said.contains("wrote 3 ACLED rows"), "{said}");
    assert!(said.contains("left out inc-year"), "{said}");
    let (header, rows) = read_csv(&std::fs::read(&out).expect("acled file"));
    assert_eq!(header.join(","), CODEBOOK_COLUMNS);
    rows.iter().for_each(check_acled_row);
    let (_, extra_rows) = read_csv(&std::fs::read(&extra).expect("extra file"));
    assert_eq!(extra_rows.len(), 5);

    // --extra with another format is a usage error, and nothing is written.
    let o = sitrep(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "ucdp".as_ref(),
        "--out".as_ref(),
        dir.path().join("u.csv").as_os_str(),
        "--extra".as_ref(),
        dir.path().join("e.csv").as_os_str(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--extra"));
    assert!(!dir.path().join("u.csv").exists());
    // --extra onto the project is refused like --out onto it.
    let before = std::fs::read(&project).expect("project");
    let o = sitrep(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "acled".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--extra".as_ref(),
        project.as_os_str(),
    ]);
    assert!(!o.status.success());
    assert_eq!(std::fs::read(&project).expect("project"), before);
}

#[test]
fn the_bundled_sample_exports_as_acled_rows_a_codebook_reader_accepts() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.sitrep");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("sample.csv");
    let extra = dir.path().join("sample-extra.csv");
    let said = export_acled(&sample, &out, &extra);
    assert!(!said.contains("without a field"), "{said}");
    let (header, rows) = read_csv(&std::fs::read(&out).expect("acled file"));
    assert_eq!(header.join(","), CODEBOOK_COLUMNS);
    assert_eq!(rows.len(), 3);
    rows.iter().for_each(check_acled_row);
    // Every event has the actor who acted, with its class, and a country with its codes.
    for row in &rows {
        for k in [
            "actor1",
            "inter1",
            "interaction",
            "iso",
            "region",
            "country",
        ] {
            assert!(!row[k].is_empty(), "{k} empty in {row:?}");
        }
    }
    let (_, extra_rows) = read_csv(&std::fs::read(&extra).expect("extra file"));
    assert!(
        extra_rows.iter().all(|r| r["reason"].is_empty()),
        "{extra_rows:?}"
    );
}

#[test]
fn a_row_without_an_actor_who_acted_is_written_and_flagged() {
    let mut p = coded_project();
    for inc in &mut p.incidents {
        inc.actors.retain(|a| a.role != "perpetrator");
    }
    let table = sitrep::io::formats::acled_table(&p);
    assert!(!table.incomplete.is_empty());
    for (id, gaps) in &table.incomplete {
        assert!(gaps.contains("no actor1"), "{id}: {gaps}");
    }
    let (_, extra_rows) = read_csv(&table.extra_csv().expect("extra"));
    let flagged = extra_rows
        .iter()
        .filter(|r| r["exported"] == "yes" && r["reason"].contains("no actor1"))
        .count();
    assert_eq!(flagged, table.incomplete.len());
    let said = table.summary("x.csv");
    assert!(said.contains("without a field ACLED requires"), "{said}");
}

fn ucdp_rows(p: &Project) -> Vec<Row> {
    let (header, rows) = read_csv(&Format::Ucdp.to_bytes(p).expect("ucdp"));
    assert_eq!(header.len(), 47);
    assert_eq!(header[..3], ["id", "relid", "year"]);
    assert_eq!(header[header.len() - 3..], ["best", "high", "low"]);
    rows
}

#[test]
fn a_ucdp_row_carries_the_range_the_split_and_the_sources() {
    let mut p = coded_project();
    let mut inc = p.incidents[0].clone();
    inc.date_end = NaiveDate::from_ymd_opt(2024, 3, 11);
    inc.fatalities.deaths_a = Some(1);
    inc.fatalities.deaths_b = Some(2);
    inc.fatalities.deaths_civilians = Some(4);
    inc.where_precision = Some(2);
    p.apply(Edit::UpdateIncident(inc)).expect("edit");
    let rows = ucdp_rows(&p);
    assert_eq!(rows.len(), 5);
    let row = rows.iter().find(|r| r["relid"] == "inc-1").expect("inc-1");
    let get = |k: &str| row[k].as_str();
    assert_eq!(get("date_start"), "2024-03-09");
    assert_eq!(get("date_end"), "2024-03-11");
    assert_eq!(get("date_prec"), "2", "a three-day span");
    assert_eq!(get("where_prec"), "2");
    assert_eq!(
        [
            get("deaths_a"),
            get("deaths_b"),
            get("deaths_civilians"),
            get("deaths_unknown")
        ],
        ["1", "2", "4", "0"]
    );
    assert_eq!([get("best"), get("low"), get("high")], ["7", "6", "8"]);
    // Civilians among the targets: one-sided violence.
    assert_eq!(get("type_of_violence"), "3");
    assert_eq!(get("side_a"), "Unidentified aircraft");
    assert_eq!(get("side_b"), "Border Guard; Levant Monitoring Network");
    assert_eq!(get("number_of_sources"), "2");
    assert_eq!(get("source_office"), "Wire, Inc.;Daily \"Courier\"");
    assert_eq!(get("source_date"), "2024-03-11;2024-03-10");
    assert_eq!(
        get("source_headline"),
        "Aircraft hit fuel convoy;Clinic counts the dead"
    );
    assert_eq!(get("region"), "Middle East");
    assert_eq!(get("latitude"), "34.3712");
    assert_eq!(get("geom_wkt"), "POINT (41.0900 34.3712)");
    // 34.37 N, 41.09 E: row 248, column 442 of the half-degree grid.
    assert_eq!(get("priogrid_gid"), (248 * 720 + 442 + 1).to_string());

    let year = rows
        .iter()
        .find(|r| r["relid"] == "inc-year")
        .expect("year");
    assert_eq!(year["date_prec"], "5");
    let protest = rows
        .iter()
        .find(|r| r["relid"] == "inc-week")
        .expect("week");
    assert_eq!(protest["type_of_violence"], "", "GED codes no protests");
    assert_eq!(protest["date_prec"], "3");
    assert_eq!(
        protest["where_prec"], "4",
        "ACLED geo precision 3 is a region"
    );
}

#[test]
fn bad_values_are_refused_with_a_message_and_the_project_is_unchanged() {
    let mut p = coded_project();
    let before = p.clone();
    let bad: [(&str, Change); 5] = [
        ("geo precision 4", Box::new(|i| i.geo_precision = Some(4))),
        (
            "where precision 9",
            Box::new(|i| i.where_precision = Some(9)),
        ),
        (
            "before the start date",
            Box::new(|i| i.date_end = NaiveDate::from_ymd_opt(2024, 3, 1)),
        ),
        (
            "add up to 30",
            Box::new(|i| i.fatalities.deaths_unknown = Some(30)),
        ),
        (
            "does not exist",
            Box::new(|i| {
                i.relations.push(sitrep::model::IncidentRelation {
                    kind: sitrep::model::RelationKind::PartOf,
                    incident: "inc-404".into(),
                    extra: Extra::new(),
                })
            }),
        ),
    ];
    for (said, change) in bad {
        let mut inc = p.incidents[0].clone();
        change(&mut inc);
        let err = p.apply(Edit::UpdateIncident(inc)).expect_err(said);
        assert!(err.to_string().contains(said), "{said}: {err}");
    }
    let mut bad_source = Source::new("Sarmada Post");
    bad_source.reliability = "Z".into();
    let err = p
        .apply(Edit::SetSources(vec![bad_source]))
        .expect_err("grade");
    assert!(err.to_string().contains("A to F"), "{err}");
    assert_eq!(p.incidents, before.incidents);
    assert_eq!(p.sources, before.sources);
}

#[test]
fn new_fields_round_trip_through_the_project_file_and_bad_ones_are_refused_on_load() {
    let mut p = coded_project();
    let mut inc = p.incidents[0].clone();
    inc.date_end = NaiveDate::from_ymd_opt(2024, 3, 10);
    inc.geo_precision = Some(2);
    inc.where_precision = Some(3);
    inc.fatalities.deaths_civilians = Some(7);
    inc.relations.push(sitrep::model::IncidentRelation {
        kind: sitrep::model::RelationKind::Follows,
        incident: "inc-month".into(),
        extra: Extra::new(),
    });
    p.apply(Edit::UpdateIncident(inc)).expect("edit");
    let mut claim = p
        .annotations
        .iter()
        .find(|a| a.claim.is_some())
        .expect("claim")
        .clone();
    if let Some(c) = claim.claim.as_mut() {
        c.credibility = Some(2);
    }
    p.apply(Edit::UpdateAnnotation(claim.clone()))
        .expect("claim");
    let mut place = Entity::new("ent-9", "location", "Husaybah");
    place.admin3 = "Husaybah Subdistrict".into();
    p.apply(Edit::InsertEntity {
        index: 0,
        entity: place,
    })
    .expect("place");

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.sitrep");
    save_project(&path, &p).expect("save");
    let back = sitrep::io::load_project(&path).expect("load");
    assert_eq!(back.incidents, p.incidents);
    assert_eq!(back.sources, p.sources);
    assert_eq!(back.entity("ent-9"), p.entity("ent-9"));
    assert_eq!(
        back.annotation(&claim.id).and_then(|a| a.claim.clone()),
        claim.claim
    );

    let text = std::fs::read_to_string(&path).expect("read");
    for (good, bad, said) in [
        (
            "\"where_precision\": 3",
            "\"where_precision\": 8",
            "where precision 8",
        ),
        ("\"credibility\": 2", "\"credibility\": 7", "credibility 7"),
        (
            "\"reliability\": \"B\"",
            "\"reliability\": \"b+\"",
            "A to F",
        ),
        (
            "\"incident\": \"inc-month\"",
            "\"incident\": \"inc-gone\"",
            "inc-gone",
        ),
    ] {
        assert!(text.contains(good), "{good} not in the file");
        let broken = dir.path().join("broken.sitrep");
        std::fs::write(&broken, text.replacen(good, bad, 1)).expect("write");
        let err = sitrep::io::load_project(&broken).expect_err(said);
        assert!(err.to_string().contains(said), "{said}: {err}");
    }
    assert!(Path::new(&path).exists());
}
