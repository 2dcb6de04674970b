//! Incident exports: one incident file per incident, an ACLED-style CSV, and GeoJSON.
//!
//! Every export is written atomically with [`write_atomic`]: a failed export never leaves half a
//! file where a good one stood.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::atomic::{SaveError, write_atomic};
use super::incident_file::{ExportIncidentError, export_incident, incident_to_bytes};
use crate::model::{DatePrecision, Entity, Incident, Project, acled};

/// The export formats `sitrep export` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One `<id>.incident.json` per incident, into a folder.
    Incidents,
    /// One CSV row per incident, ACLED-style columns.
    Csv,
    /// A GeoJSON FeatureCollection of located incidents.
    GeoJson,
}

impl ExportFormat {
    /// The names accepted on the command line.
    pub const NAMES: [&str; 3] = ["incidents", "csv", "geojson"];

    /// Parse a command-line name (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "incidents" | "incident" => Some(Self::Incidents),
            "csv" => Some(Self::Csv),
            "geojson" => Some(Self::GeoJson),
            _ => None,
        }
    }
}

/// Why an export failed. Each variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing a file failed (the message names it).
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The output folder could not be created.
    #[error("cannot create folder {path}: {source}")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// An incident could not be gathered into a file.
    #[error("cannot export {path}: {source}")]
    Incident {
        /// The file it was meant for.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: ExportIncidentError,
    },
    /// The CSV writer failed.
    #[error("cannot write CSV {path}: {source}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// What the CSV writer said.
        #[source]
        source: csv::Error,
    },
    /// JSON could not be produced (should not happen).
    #[error("cannot write {path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
}

/// Run an export to `out` (a folder for [`ExportFormat::Incidents`], a file otherwise). Returns
/// the files written.
pub fn export(
    project: &Project,
    format: ExportFormat,
    out: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    match format {
        ExportFormat::Incidents => export_incident_files(project, out),
        ExportFormat::Csv => export_csv(project, out).map(|()| vec![out.to_owned()]),
        ExportFormat::GeoJson => export_geojson(project, out).map(|()| vec![out.to_owned()]),
    }
}

/// A file name stem safe on every platform, from an incident id: letters, digits, `-`, `_` and
/// `.` kept, anything else (slashes, colons, spaces) becomes `_`; no leading dot, at most 100
/// chars, never empty.
pub fn safe_file_stem(id: &str) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    while stem.starts_with('.') {
        stem.remove(0);
    }
    if stem.is_empty() {
        stem.push_str("incident");
    }
    stem
}

/// Write one `<id>.incident.json` per incident into `dir` (created if missing). Ids that map to
/// the same safe name (or differ only in case) get `-2`, `-3`... Returns the files written.
pub fn export_incident_files(project: &Project, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir {
        path: dir.to_owned(),
        source,
    })?;
    let mut taken: HashSet<String> = HashSet::new();
    let mut written = Vec::with_capacity(project.incidents.len());
    for incident in &project.incidents {
        let stem = safe_file_stem(&incident.id);
        let mut name = stem.clone();
        let mut n = 1;
        // Compare lower-cased: on case-insensitive file systems "Inc-1" and "inc-1" collide.
        while !taken.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{stem}-{n}");
        }
        let path = dir.join(format!("{name}.incident.json"));
        let file =
            export_incident(project, &incident.id).map_err(|source| ExportError::Incident {
                path: path.clone(),
                source,
            })?;
        let bytes = incident_to_bytes(&file).map_err(|source| ExportError::Json {
            path: path.clone(),
            source,
        })?;
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

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

/// A GeoJSON FeatureCollection with a Point (`[lon, lat]`, as GeoJSON orders them) for every
/// incident whose location entity has both coordinates.
pub fn incidents_geojson(project: &Project) -> Value {
    let features: Vec<Value> = project
        .incidents
        .iter()
        .filter_map(|inc| {
            let loc = project.entity(inc.location.as_deref()?)?;
            let (lat, lon) = (loc.lat?, loc.lon?);
            Some(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": inc.id,
                    "title": inc.title,
                    "date": inc.date.map(|d| d.to_string()),
                    "event_type": inc.event_type,
                    "fatalities": inc.fatalities.best,
                    "evidence_count": inc.evidence.len(),
                },
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Write the GeoJSON to `path`: pretty, two-space indent, final newline.
pub fn export_geojson(project: &Project, path: &Path) -> Result<(), ExportError> {
    let mut bytes = serde_json::to_vec_pretty(&incidents_geojson(project)).map_err(|source| {
        ExportError::Json {
            path: path.to_owned(),
            source,
        }
    })?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(safe_file_stem("inc-1"), "inc-1");
        assert_eq!(safe_file_stem("../etc/passwd"), "_etc_passwd");
        assert_eq!(safe_file_stem("..."), "incident");
        assert_eq!(safe_file_stem("a b:c"), "a_b_c");
        assert_eq!(safe_file_stem(""), "incident");
    }

    #[test]
    fn format_names() {
        assert_eq!(ExportFormat::from_name("CSV"), Some(ExportFormat::Csv));
        assert_eq!(
            ExportFormat::from_name("geojson"),
            Some(ExportFormat::GeoJson)
        );
        assert_eq!(ExportFormat::from_name("xml"), None);
    }
}
