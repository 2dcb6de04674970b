//! Incidents as CSV: one row per incident, with ACLED-style columns.

use std::path::Path;

use super::error::ExportError;
use crate::io::atomic::write_atomic;
use crate::model::{DatePrecision, Entity, Incident, Project, acled};

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 21] = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "evidence_count",
];

/// ACLED's time precision code: 1 the day is known, 2 the week, 3 only the month (or coarser).
pub fn time_precision_code(p: DatePrecision) -> u8 {
    match p {
        DatePrecision::Day => 1,
        DatePrecision::Week => 2,
        DatePrecision::Month | DatePrecision::Year => 3,
    }
}

/// One incident as CSV fields, in [`CSV_COLUMNS`] order.
///
/// actor1 is the first perpetrator and assoc_actor_1 the other perpetrators; actor2 and
/// assoc_actor_2 the same for targets, joined with "; ". Actors with any other role have no
/// ACLED column: they are listed at the end of the notes ("Other actors: ...") rather than
/// dropped. admin1, country and geo_precision come from the location entity's fields of those
/// names.
pub fn csv_row(project: &Project, incident: &Incident) -> Vec<String> {
    let name = |id: &str| {
        project
            .entity(id)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    };
    let role_names =
        |role: &str| -> Vec<String> { incident.actors_with_role(role).map(name).collect() };
    let split = |names: Vec<String>| -> (String, String) {
        let mut it = names.into_iter();
        let first = it.next().unwrap_or_default();
        (first, it.collect::<Vec<_>>().join("; "))
    };
    let (actor1, assoc1) = split(role_names(acled::ROLE_PERPETRATOR));
    let (actor2, assoc2) = split(role_names(acled::ROLE_TARGET));
    let others: Vec<String> = incident
        .actors
        .iter()
        .filter(|a| a.role != acled::ROLE_PERPETRATOR && a.role != acled::ROLE_TARGET)
        .map(|a| name(&a.entity))
        .collect();
    let mut notes = incident.notes.clone();
    if !others.is_empty() {
        if !notes.is_empty() {
            notes.push_str("\n\n");
        }
        notes.push_str("Other actors: ");
        notes.push_str(&others.join("; "));
    }

    let location: Option<&Entity> = incident.location.as_deref().and_then(|l| project.entity(l));
    let coord = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let opt = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();

    // Sources: each cited article's publisher, or its title when it has none; distinct, in the
    // order the evidence cites them.
    let mut sources: Vec<String> = Vec::new();
    for id in &incident.evidence {
        let Some(article) = project
            .annotation(id)
            .and_then(|a| project.article(&a.article))
        else {
            continue;
        };
        let label = if article.source.trim().is_empty() {
            article.title.trim().to_owned()
        } else {
            article.source.trim().to_owned()
        };
        if !label.is_empty() && !sources.contains(&label) {
            sources.push(label);
        }
    }

    vec![
        incident.id.clone(),
        incident.date.map(|d| d.to_string()).unwrap_or_default(),
        time_precision_code(incident.date_precision).to_string(),
        incident.category().unwrap_or_default().to_owned(),
        incident.event_type.clone(),
        actor1,
        assoc1,
        actor2,
        assoc2,
        location.map(|e| e.name.clone()).unwrap_or_default(),
        location.map(|e| e.admin1.clone()).unwrap_or_default(),
        location.map(|e| e.country.clone()).unwrap_or_default(),
        coord(location.and_then(|e| e.lat)),
        coord(location.and_then(|e| e.lon)),
        location
            .and_then(|e| e.geo_precision)
            .map(|g| g.to_string())
            .unwrap_or_default(),
        sources.join("; "),
        notes,
        opt(incident.fatalities.best),
        opt(incident.fatalities.low),
        opt(incident.fatalities.high),
        incident.evidence.len().to_string(),
    ]
}

/// The CSV bytes: a header row and one row per incident, fields quoted where needed (commas,
/// quotes and line breaks survive).
pub fn incidents_csv(project: &Project) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for incident in &project.incidents {
        writer.write_record(csv_row(project, incident))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Write the incidents CSV to `path`.
pub fn export_csv(project: &Project, path: &Path) -> Result<(), ExportError> {
    let bytes = incidents_csv(project).map_err(|source| ExportError::Csv {
        path: path.to_owned(),
        source,
    })?;
    write_atomic(path, &bytes)?;
    Ok(())
}
