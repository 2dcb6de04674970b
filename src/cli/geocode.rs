//! `sitrep geocode PROJECT [--json] [--accept-best]`: gazetteer places for every location
//! entity without coordinates; with `--accept-best`, the best one filled in and saved.

use std::io::Write;
use std::path::Path;

use super::out::plural;
use super::{CliError, apply, save};
use crate::model::gazetteer::{self, Candidate, Match};
use crate::model::{Edit, Entity, Project, tags};

/// How many places are listed for one entity.
const LISTED: usize = 5;

/// The places found for each location entity without coordinates: the entity's name first,
/// then its aliases, until one of them finds something; the entity's (or its articles')
/// country preferred.
fn candidates(project: &Project) -> Vec<(&Entity, Vec<Candidate<'static>>)> {
    project
        .entities
        .iter()
        .filter(|e| e.tag == tags::LOCATION && (e.lat.is_none() || e.lon.is_none()))
        .map(|e| {
            let country = gazetteer::context_country(project, &e.id);
            let found = e
                .names()
                .map(|n| gazetteer::search(n, country.as_deref(), LISTED))
                .find(|found| !found.is_empty())
                .unwrap_or_default();
            (e, found)
        })
        .collect()
}

fn how(m: Match) -> &'static str {
    match m {
        Match::Name => "name",
        Match::Alternate => "alternate",
        Match::Prefix => "prefix",
    }
}

/// List the candidates (text or one JSON object per entity a line), or with `accept_best`
/// fill every such entity from its first candidate, as one edit, and save.
pub fn run(
    path: &Path,
    json: bool,
    accept_best: bool,
    analyst: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if accept_best {
        // Only accepting writes, so only it takes the lock.
        let (mut project, _lock) = super::load_for_edit(path, analyst)?;
        return accept(&mut project, path, json, out);
    }
    let project = crate::io::load_project(path)?;
    let found = candidates(&project);
    for (entity, places) in &found {
        if json {
            let places: Vec<serde_json::Value> = places.iter().map(place_json).collect();
            let line = serde_json::json!({
                "entity": entity.id,
                "name": entity.name,
                "candidates": places,
            });
            writeln!(out, "{line}")?;
            continue;
        }
        writeln!(out, "{} {:?}", entity.id, entity.name)?;
        if places.is_empty() {
            writeln!(out, "  (no place found)")?;
        }
        for (i, c) in places.iter().enumerate() {
            let p = c.place;
            writeln!(
                out,
                "  {}. GeoNames:{} {} — {}, {}, {} · {} · {:.5}, {:.5} · {} match",
                i + 1,
                p.geoname_id,
                p.name,
                if p.admin2.is_empty() { "-" } else { p.admin2 },
                if p.admin1.is_empty() { "-" } else { p.admin1 },
                p.country(),
                p.feature_type(),
                p.lat,
                p.lon,
                how(c.matched)
            )?;
        }
    }
    if !json {
        writeln!(
            out,
            "{} without coordinates",
            plural(found.len(), "location entity")
        )?;
    }
    Ok(())
}

fn place_json(c: &Candidate<'_>) -> serde_json::Value {
    let p = c.place;
    serde_json::json!({
        "geonames": p.geoname_id,
        "name": p.name,
        "feature": p.feature_code,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "country": p.country(),
        "lat": p.lat,
        "lon": p.lon,
        "population": p.population,
        "match": how(c.matched),
    })
}

/// `--accept-best`: every entity with a candidate filled from the first one, in one batch.
fn accept(
    project: &mut Project,
    path: &Path,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut edits = Vec::new();
    let mut lines = Vec::new();
    for (entity, places) in candidates(project) {
        let Some(best) = places.first() else {
            continue;
        };
        edits.push(Edit::UpdateEntity(gazetteer::fill_entity(
            entity, best.place,
        )));
        lines.push((entity.id.clone(), entity.name.clone(), best.place));
    }
    let filled = edits.len();
    if filled > 0 {
        apply(project, path, Edit::Batch(edits))?;
        save(path, project)?;
    }
    for (id, name, place) in lines {
        if json {
            let line = serde_json::json!({
                "entity": id,
                "name": name,
                "geonames": place.geoname_id,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{id} {name:?} -> GeoNames:{} {}, {}",
                place.geoname_id,
                place.name,
                place.country()
            )?;
        }
    }
    if !json {
        writeln!(
            out,
            "filled {} in {}",
            plural(filled, "location entity"),
            path.display()
        )?;
    }
    Ok(())
}
