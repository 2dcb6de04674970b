//! Incidents as UCDP GED-style events: one CSV row per incident in the columns of the UCDP
//! Georeferenced Event Dataset codebook, in its order.
//!
//! What Sitrep knows fills its column; the identifiers UCDP assigns itself (conflict and dyad
//! ids, Gleditsch–Ward country numbers, `active_year`, `code_status`) are left empty for the
//! dataset's own coders. The rules taken from the codebook:
//! - `best` is the sum of `deaths_a`, `deaths_b`, `deaths_civilians` and `deaths_unknown`;
//!   without a split, the whole best estimate is `deaths_unknown`. `low` and `high` default to
//!   `best`.
//! - `date_prec`: 1 the day, 2 a span of 2–6 days, 3 the week, 4 a span of 8–30 days or the
//!   month, 5 longer or only the year.
//! - `where_prec`: the incident's own, else from ACLED's geo precision (1 → 1, 2 → 2, 3 → 4,
//!   the first-order admin area).
//! - `type_of_violence`: 3 (one-sided) when civilians are the target, 1 (state-based) when a
//!   side is state forces, 2 (non-state) otherwise; left empty for events that are not
//!   violence (protests, strategic developments), which GED does not code.
//! - `event_clarity`: 2 for low confidence, else 1.
//! - `priogrid_gid`: the PRIO-GRID cell of the coordinates (half-degree cells numbered from
//!   1 at 90° S, 180° W, eastwards then northwards).

use std::path::Path;

use chrono::{Datelike as _, NaiveDate};

use super::error::ExportError;
use super::incident_facts::{IncidentFacts, four_decimals, joined};
use crate::io::atomic::write_atomic;
use crate::model::acled::coding::{POLITICAL_VIOLENCE, disorder_type};
use crate::model::{DatePrecision, Incident, Project};

/// The GED columns, in the codebook's order.
pub const UCDP_COLUMNS: [&str; 47] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
];

/// GED's `date_prec` for an incident's date, precision and end date.
pub fn date_prec(incident: &Incident) -> u8 {
    let span = match (incident.date, incident.date_end) {
        (Some(start), Some(end)) => (end - start).num_days() + 1,
        _ => 1,
    };
    match incident.date_precision {
        DatePrecision::Year => 5,
        _ if span > 31 => 5,
        DatePrecision::Month => 4,
        _ if span >= 8 => 4,
        DatePrecision::Week => 3,
        _ if span == 7 => 3,
        _ if span >= 2 => 2,
        DatePrecision::Day => 1,
    }
}

/// GED's `where_prec`: the incident's own, else from its ACLED geo precision.
pub fn where_prec(incident: &Incident, geo_precision: Option<u8>) -> Option<u8> {
    incident.where_precision.or(match geo_precision {
        Some(1) => Some(1),
        Some(2) => Some(2),
        Some(3) => Some(4),
        _ => None,
    })
}

/// The PRIO-GRID cell id of a point.
pub fn priogrid_gid(lat: f64, lon: f64) -> Option<u32> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    // The cells on the north pole and the antimeridian belong to the last row and column.
    let row = ((lat + 90.0) * 2.0).floor().min(359.0) as u32;
    let col = ((lon + 180.0) * 2.0).floor().min(719.0) as u32;
    Some(row * 720 + col + 1)
}

/// The first and last day of the event: the date, and the end date or the date again.
fn dates(incident: &Incident) -> (Option<NaiveDate>, Option<NaiveDate>) {
    (incident.date, incident.date_end.or(incident.date))
}

/// The four-way split and best/low/high, made to agree as GED requires.
fn deaths(incident: &Incident) -> [u64; 7] {
    let f = &incident.fatalities;
    let n = |v: Option<u32>| v.map_or(0, u64::from);
    let best = f
        .split_total()
        .or(f.best.map(u64::from))
        .or(f.most_conservative().map(u64::from))
        .unwrap_or(0);
    let unknown = if f.split_total().is_some() {
        n(f.deaths_unknown)
    } else {
        best
    };
    let low = f.low.map_or(best, u64::from).min(best);
    let high = f.high.map_or(best, u64::from).max(best);
    [
        n(f.deaths_a),
        n(f.deaths_b),
        n(f.deaths_civilians),
        unknown,
        best,
        high,
        low,
    ]
}

fn type_of_violence(facts: &IncidentFacts<'_>) -> &'static str {
    let incident = facts.incident;
    let category = incident.category();
    let violent = disorder_type(&incident.event_type, category)
        .is_some_and(|d| d.starts_with(POLITICAL_VIOLENCE));
    if !violent {
        return "";
    }
    let civilians = category == Some("Violence against civilians")
        || facts
            .side_b
            .iter()
            .any(|p| p.class.is_some_and(|c| c.code == 7));
    let state = facts
        .side_a
        .iter()
        .chain(&facts.side_b)
        .any(|p| p.class.is_some_and(|c| c.code == 1));
    if civilians {
        "3"
    } else if state {
        "1"
    } else {
        "2"
    }
}

/// One incident's row, numbered `n`.
fn ucdp_row(facts: &IncidentFacts<'_>, n: usize) -> Vec<String> {
    let incident = facts.incident;
    let (start, end) = dates(incident);
    let side = |ps: &[super::incident_facts::Party]| joined(ps.iter().map(|p| p.name.as_str()));
    let side_a = side(&facts.side_a);
    let side_b = side(&facts.side_b);
    let dyad = if side_a.is_empty() || side_b.is_empty() {
        String::new()
    } else {
        format!("{side_a} - {side_b}")
    };
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let citations: Vec<String> = facts
        .reports
        .iter()
        .map(|r| format!("{},{},{}", r.outlet, day(r.published), r.headline))
        .collect();
    let coords = facts.coordinates();
    let (lat, lon) = coords.map_or((String::new(), String::new()), |(la, lo)| {
        (four_decimals(la), four_decimals(lo))
    });
    let place_text = |f: fn(&crate::model::Entity) -> &String| {
        facts.place.map(|p| f(p).clone()).unwrap_or_default()
    };
    let [da, db, dc, du, best, high, low] = deaths(incident).map(|v| v.to_string());
    vec![
        n.to_string(),
        incident.id.clone(),
        start.map(|d| d.year().to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
        type_of_violence(facts).to_owned(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        dyad,
        String::new(),
        String::new(),
        side_a,
        String::new(),
        String::new(),
        side_b,
        facts.reports.len().to_string(),
        citations.join(";"),
        facts
            .reports
            .iter()
            .map(|r| r.outlet.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        facts
            .reports
            .iter()
            .map(|r| day(r.published))
            .collect::<Vec<_>>()
            .join(";"),
        facts
            .reports
            .iter()
            .map(|r| r.headline.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        facts.claim_sources.join(";"),
        where_prec(incident, facts.geo_precision())
            .map(|w| w.to_string())
            .unwrap_or_default(),
        place_text(|e| &e.name),
        joined(&facts.place_mentions),
        place_text(|e| &e.admin1),
        place_text(|e| &e.admin2),
        lat,
        lon,
        coords
            .map(|(la, lo)| format!("POINT ({} {})", four_decimals(lo), four_decimals(la)))
            .unwrap_or_default(),
        coords
            .and_then(|(la, lo)| priogrid_gid(la, lo))
            .map(|g| g.to_string())
            .unwrap_or_default(),
        facts.country_name(),
        String::new(),
        facts
            .country
            .map(|c| c.ucdp_region)
            .unwrap_or_default()
            .to_owned(),
        if incident.confidence == "low" {
            "2"
        } else {
            "1"
        }
        .to_owned(),
        date_prec(incident).to_string(),
        day(start),
        day(end),
        da,
        db,
        dc,
        du,
        best,
        high,
        low,
    ]
}

/// The GED-style CSV of every incident, in project order.
pub fn ucdp_bytes(project: &Project) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(UCDP_COLUMNS)?;
    for (i, incident) in project.incidents.iter().enumerate() {
        let facts = IncidentFacts::of(project, incident);
        writer.write_record(ucdp_row(&facts, i + 1))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Write the GED-style CSV to `path`, atomically.
pub fn export_ucdp(project: &Project, path: &Path) -> Result<(), ExportError> {
    let bytes = ucdp_bytes(project).map_err(|source| ExportError::Csv {
        path: path.to_owned(),
        source,
    })?;
    write_atomic(path, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priogrid_cells_count_from_the_south_west() {
        assert_eq!(priogrid_gid(-89.9, -179.9), Some(1));
        assert_eq!(priogrid_gid(-89.9, -179.4), Some(2));
        assert_eq!(priogrid_gid(-89.4, -179.9), Some(721));
        assert_eq!(priogrid_gid(90.0, 180.0), Some(259_200));
        assert_eq!(priogrid_gid(91.0, 0.0), None);
    }

    #[test]
    fn date_precision_follows_the_span() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let mut inc = Incident::new("inc-1", "t");
        inc.date = d("2024-03-01");
        assert_eq!(date_prec(&inc), 1);
        inc.date_end = d("2024-03-03");
        assert_eq!(date_prec(&inc), 2);
        inc.date_end = d("2024-03-07");
        assert_eq!(date_prec(&inc), 3);
        inc.date_end = d("2024-03-20");
        assert_eq!(date_prec(&inc), 4);
        inc.date_end = d("2024-05-20");
        assert_eq!(date_prec(&inc), 5);
        inc.date_end = None;
        inc.date_precision = DatePrecision::Week;
        assert_eq!(date_prec(&inc), 3);
        inc.date_precision = DatePrecision::Month;
        assert_eq!(date_prec(&inc), 4);
        inc.date_precision = DatePrecision::Year;
        assert_eq!(date_prec(&inc), 5);
    }

    #[test]
    fn deaths_add_up_to_best() {
        let mut inc = Incident::new("inc-1", "t");
        inc.fatalities.best = Some(9);
        inc.fatalities.high = Some(12);
        assert_eq!(deaths(&inc), [0, 0, 0, 9, 9, 12, 9]);
        inc.fatalities.deaths_a = Some(2);
        inc.fatalities.deaths_civilians = Some(7);
        assert_eq!(deaths(&inc), [2, 0, 7, 0, 9, 12, 9]);
    }
}
