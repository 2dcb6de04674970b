//! `sitrep duplicates PROJECT [--json]`: incidents that are likely one event.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::io::load_project;

/// Print each candidate pair: as text, one line a pair with both titles and the reasons, or
/// as one JSON object a line (`first`, `second`, `likelihood`, `reasons`, both titles).
pub fn run(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let project = load_project(path)?;
    let pairs = project.duplicate_candidates();
    let title = |id: &str| project.incident(id).map_or("", |i| i.title.as_str());
    for pair in &pairs {
        let reasons: Vec<&str> = pair.reasons.iter().map(|r| r.label()).collect();
        if json {
            let line = serde_json::json!({
                "first": pair.first,
                "second": pair.second,
                "likelihood": pair.likelihood.as_str(),
                "reasons": reasons,
                "first_title": title(&pair.first),
                "second_title": title(&pair.second),
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{} | {}",
                pair.likelihood.as_str(),
                pair.first,
                pair.second,
                reasons.join(", "),
                title(&pair.first),
                title(&pair.second)
            )?;
        }
    }
    if !json {
        let n = pairs.len();
        let noun = if n == 1 { "pair" } else { "pairs" };
        writeln!(out, "{n} candidate {noun}")?;
    }
    Ok(())
}
