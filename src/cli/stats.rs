//! `sitrep stats PROJECT [--json]`: count what a project holds.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::io::load_project;

/// Count articles, annotations per tag, entities and incidents, as aligned text or JSON.
pub fn run(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let project = load_project(path)?;
    let per_tag = project.counts_per_tag();
    if json {
        let mut tags = serde_json::Map::new();
        for (tag, n) in &per_tag {
            tags.insert(tag.clone(), (*n).into());
        }
        let stats = serde_json::json!({
            "name": project.name,
            "articles": project.articles.len(),
            "annotations": project.annotations.len(),
            "annotations_per_tag": tags,
            "entities": project.entities.len(),
            "incidents": project.incidents.len(),
        });
        writeln!(out, "{stats:#}")?;
    } else {
        writeln!(out, "project      {}", project.name)?;
        writeln!(out, "articles     {}", project.articles.len())?;
        writeln!(out, "annotations  {}", project.annotations.len())?;
        for (tag, n) in &per_tag {
            writeln!(out, "  {tag:<10} {n}")?;
        }
        writeln!(out, "entities     {}", project.entities.len())?;
        writeln!(out, "incidents    {}", project.incidents.len())?;
    }
    Ok(())
}
