//! Incidents as ACLED data: one CSV row per incident in the 31 columns of ACLED's codebook, in
//! its order, with its derived columns computed by its rules ([`crate::model::acled::coding`]).
//! What ACLED has no column for (our low and high figures, the evidence count, the incident
//! id) goes into a second file keyed by `event_id_cnty`, never between ACLED's columns.
//!
//! Rows are sorted by event date, then incident id. `event_id_cnty` is the country's ISO
//! alpha-3 code and a number counted per country in that order (`SYR3`); `XXX` stands in for a
//! country the table does not know. An incident without a date, or dated only to the year, has
//! no ACLED event date: it is left out of the ACLED file and listed in the extra file with the
//! reason.

use std::collections::HashMap;
use std::path::Path;

use super::error::ExportError;
use super::incident_facts::{IncidentFacts, four_decimals, joined};
use crate::io::atomic::write_atomic_files;
use crate::model::acled::coding::{
    ActorClass, DateRefusal, civilian_targeting, disorder_type, interaction, reference_date,
};
use crate::model::sources::joined_scale;
use crate::model::{Incident, Project};

/// ACLED's columns, in the codebook's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// The columns of the extra file that goes beside the ACLED file.
pub const EXTRA_COLUMNS: [&str; 12] = [
    "event_id_cnty",
    "incident_id",
    "title",
    "exported",
    "reason",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "evidence_count",
    "date_end",
    "source_reliability",
    "relations",
];

/// The ACLED rows of a project and what goes beside them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcledTable {
    /// One row per exported incident, in [`ACLED_COLUMNS`] order.
    pub rows: Vec<Vec<String>>,
    /// One row per incident, exported or not, in [`EXTRA_COLUMNS`] order.
    pub extra: Vec<Vec<String>>,
    /// The incidents left out, each with the reason.
    pub skipped: Vec<(String, DateRefusal)>,
    /// Incidents written with a field ACLED requires left empty, each with what is missing;
    /// the extra file says it on their row.
    pub incomplete: Vec<(String, String)>,
}

impl AcledTable {
    /// The ACLED file's bytes: header and rows.
    pub fn acled_csv(&self) -> Result<Vec<u8>, csv::Error> {
        to_csv(&ACLED_COLUMNS, &self.rows)
    }

    /// The extra file's bytes.
    pub fn extra_csv(&self) -> Result<Vec<u8>, csv::Error> {
        to_csv(&EXTRA_COLUMNS, &self.extra)
    }

    /// One line for the user: rows written and incidents left out.
    pub fn summary(&self, shown: &str) -> String {
        let mut line = format!(
            "wrote {} to {shown}",
            crate::wording::count(self.rows.len(), "ACLED row")
        );
        if !self.skipped.is_empty() {
            let left: Vec<String> = self
                .skipped
                .iter()
                .map(|(id, why)| format!("{id} ({why})"))
                .collect();
            line.push_str(&format!("; left out {}", left.join(", ")));
        }
        if !self.incomplete.is_empty() {
            let ids: Vec<&str> = self.incomplete.iter().map(|(id, _)| id.as_str()).collect();
            line.push_str(&format!(
                "; {} without a field ACLED requires ({}; see the extra file)",
                crate::wording::count(ids.len(), "row"),
                ids.join(", ")
            ));
        }
        line
    }
}

fn to_csv(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Build the ACLED rows of every incident.
pub fn acled_table(project: &Project) -> AcledTable {
    let mut dated = Vec::new();
    let mut table = AcledTable::default();
    for incident in &project.incidents {
        match reference_date(incident.date, incident.date_precision) {
            Ok((date, precision)) => dated.push((date, precision, incident)),
            Err(why) => {
                let reason = why.to_string();
                table.skipped.push((incident.id.clone(), why));
                table
                    .extra
                    .push(extra_row(project, incident, "", false, reason));
            }
        }
    }
    dated.sort_by(|a, b| (a.0, &a.2.id).cmp(&(b.0, &b.2.id)));
    let mut per_country: HashMap<&str, u32> = HashMap::new();
    for (date, precision, incident) in dated {
        let facts = IncidentFacts::of(project, incident);
        let code = facts.country.map_or("XXX", |c| c.alpha3);
        let n = per_country.entry(code).or_insert(0);
        *n += 1;
        let event_id = format!("{code}{n}");
        let gaps = required_gaps(&facts);
        if !gaps.is_empty() {
            table.incomplete.push((incident.id.clone(), gaps.clone()));
        }
        table
            .extra
            .push(extra_row(project, incident, &event_id, true, gaps));
        table
            .rows
            .push(acled_row(project, &facts, event_id, date, precision));
    }
    table
}

/// What ACLED requires of every event that the incident leaves empty: the actor who acted
/// (actor1, named or an unidentified group) with its class (inter1), and where it happened.
/// The row is still written, for the analyst to complete, and the extra file names the gap.
fn required_gaps(facts: &IncidentFacts<'_>) -> String {
    let mut gaps = Vec::new();
    match facts.side_a.first() {
        None => gaps.push(
            "no actor1: code the actor who acted (a named or an unidentified armed group) as perpetrator",
        ),
        Some(p) if p.class.is_none() => gaps.push("actor1 has no ACLED actor class (inter1)"),
        Some(_) => {}
    }
    if facts.country.is_none() {
        gaps.push("no country: set the place's country");
    }
    gaps.join("; ")
}

fn extra_row(
    project: &Project,
    incident: &Incident,
    event_id: &str,
    exported: bool,
    reason: String,
) -> Vec<String> {
    let opt = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
    let f = &incident.fatalities;
    vec![
        event_id.to_owned(),
        incident.id.clone(),
        incident.title.clone(),
        if exported { "yes" } else { "no" }.to_owned(),
        reason,
        opt(f.low),
        opt(f.best),
        opt(f.high),
        incident.evidence.len().to_string(),
        incident.date_end.map(|d| d.to_string()).unwrap_or_default(),
        reliability_of_outlets(project, incident),
        incident
            .relations
            .iter()
            .map(|r| format!("{} {}", r.kind.as_str(), r.incident))
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

/// The registered grade of each outlet the evidence comes from ("Desert Wire: B"), in
/// evidence order, each outlet once; outlets without a grade are left out.
fn reliability_of_outlets(project: &Project, incident: &Incident) -> String {
    let mut seen: Vec<String> = Vec::new();
    for ev in &incident.evidence {
        let Some(source) = project
            .annotation(ev)
            .and_then(|a| project.article(&a.article))
            .and_then(|a| project.source_of(a))
        else {
            continue;
        };
        let entry = format!("{}: {}", source.name, source.reliability);
        if !source.reliability.is_empty() && !seen.contains(&entry) {
            seen.push(entry);
        }
    }
    seen.join("; ")
}

/// The first name of a side and the rest joined (ACLED's actor and associated actors).
fn split_side(names: &[String]) -> (String, String) {
    let first = names.first().cloned().unwrap_or_default();
    (first, joined(names.iter().skip(1)))
}

fn acled_row(
    project: &Project,
    facts: &IncidentFacts<'_>,
    event_id: String,
    date: chrono::NaiveDate,
    precision: u8,
) -> Vec<String> {
    use chrono::Datelike as _;
    let incident = facts.incident;
    let names = |side: &[super::incident_facts::Party]| -> Vec<String> {
        side.iter().map(|p| p.name.clone()).collect()
    };
    let (actor1, assoc1) = split_side(&names(&facts.side_a));
    let (actor2, assoc2) = split_side(&names(&facts.side_b));
    let inter1: Option<ActorClass> = facts.side_a.first().and_then(|p| p.class);
    let inter2: Option<ActorClass> = facts.side_b.first().and_then(|p| p.class);
    let category = incident.category();
    let disorder = disorder_type(&incident.event_type, category);
    let target_classes: Vec<ActorClass> = facts.side_b.iter().filter_map(|p| p.class).collect();
    let mut notes = incident.notes.trim().to_owned();
    if !facts.others.is_empty() {
        if !notes.is_empty() {
            notes.push(' ');
        }
        notes.push_str(&format!("Other actors: {}.", joined(&facts.others)));
    }
    // ACLED codes the most conservative reported figure, and 0 when none is reported.
    let fatalities = incident
        .fatalities
        .most_conservative()
        .or_else(|| facts.reported_figures.iter().min().copied())
        .unwrap_or(0);
    let stamp = incident
        .modified
        .or(incident.created)
        .unwrap_or(project.modified);
    let place = facts.place;
    let text =
        |f: fn(&crate::model::Entity) -> &String| place.map(|p| f(p).clone()).unwrap_or_default();
    let (lat, lon) = facts
        .coordinates()
        .map_or((String::new(), String::new()), |(la, lo)| {
            (four_decimals(la), four_decimals(lo))
        });
    vec![
        event_id,
        date.to_string(),
        date.year().to_string(),
        precision.to_string(),
        disorder.unwrap_or_default().to_owned(),
        category.unwrap_or_default().to_owned(),
        incident.event_type.clone(),
        actor1,
        assoc1,
        inter1.map(|c| c.name).unwrap_or_default().to_owned(),
        actor2,
        assoc2,
        inter2.map(|c| c.name).unwrap_or_default().to_owned(),
        interaction(inter1, inter2),
        civilian_targeting(disorder, category, &target_classes).to_owned(),
        facts
            .country
            .map(|c| c.numeric.to_string())
            .unwrap_or_default(),
        facts
            .country
            .map(|c| c.acled_region)
            .unwrap_or_default()
            .to_owned(),
        facts.country_name(),
        text(|e| &e.admin1),
        text(|e| &e.admin2),
        text(|e| &e.admin3),
        text(|e| &e.name),
        lat,
        lon,
        facts
            .geo_precision()
            .map(|g| g.to_string())
            .unwrap_or_default(),
        joined(facts.outlets()),
        joined_scale(facts.reports.iter().filter_map(|r| r.scale.as_deref())),
        notes,
        fatalities.to_string(),
        String::new(),
        stamp.timestamp().to_string(),
    ]
}

/// Where the window puts the extra file: beside the ACLED file, `NAME-extra.csv` for
/// `NAME.csv`.
pub fn extra_path_beside(path: &Path) -> std::path::PathBuf {
    let stem = path.file_stem().map_or_else(
        || "incidents".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    path.with_file_name(format!("{stem}-extra.csv"))
}

/// The ACLED file's bytes (for `--out -`).
pub fn acled_bytes(project: &Project) -> Result<Vec<u8>, csv::Error> {
    acled_table(project).acled_csv()
}

/// Write the ACLED file to `path` and, when given, the extra file to `extra`; both are written
/// atomically. Returns the table, for its summary.
pub fn export_acled(
    project: &Project,
    path: &Path,
    extra: Option<&Path>,
) -> Result<AcledTable, ExportError> {
    let table = acled_table(project);
    let csv_error = |source| ExportError::Csv {
        path: path.to_owned(),
        source,
    };
    let mut files = vec![(path.to_owned(), table.acled_csv().map_err(csv_error)?)];
    if let Some(extra) = extra {
        files.push((extra.to_owned(), table.extra_csv().map_err(csv_error)?));
    }
    write_atomic_files(files.iter().map(|(p, b)| (p.clone(), b.as_slice())))?;
    Ok(table)
}
