//! W3C Web Annotation import: spans that another tool (Hypothesis, Recogito, or another Sitrep)
//! marked on an article this project already holds.
//!
//! A Web Annotation carries no text of its own, only a target naming a document and selectors
//! into it, so each annotation is matched to an article by its target's `source`: Sitrep's own
//! `urn:sitrep:article:ID`, or the article's URL. It is then placed by its selectors:
//!
//! 1. a `TextPositionSelector` (code points) whose text equals the `TextQuoteSelector`'s
//!    `exact` (or that has no quote beside it) is taken as it is;
//! 2. otherwise the quote is looked for in the article, and among its occurrences the one whose
//!    surroundings agree best with `prefix` and `suffix` wins (ties go to the one nearest the
//!    given position; [`best_quote_match`], shared with incident files). Tools extract page
//!    text differently, so positions often drift while the quote still finds its place.
//!
//! Bodies: `tagging` gives the tag (the first one; the others go into the note), `commenting`
//! (or a `TextualBody` without purpose, or `bodyValue`) the note, `identifying` the entity (by
//! its label, or by a Wikidata/GeoNames IRI kept as an external id), `assessing` a claim's
//! status and `linking` a claim's source. An annotation without a tag becomes a `Highlight`,
//! which `--map Highlight=claim` can send anywhere. Whatever cannot be placed is reported by
//! its number in the file, and the rest goes on.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::io::formats::shared::{
    ImportReport, InteropError, TagResolver, TypeMap, add_note_line, read_foreign_file,
};
use crate::model::text::best_quote_match;
use crate::model::{
    Annotation, Article, CharSpan, ClaimStatus, Edit, Entity, Project, parse_external_id, tags,
};

/// The label given to annotations that carry no tag.
pub const UNTAGGED_LABEL: &str = "Highlight";

/// Import a W3C Web Annotation file (`.jsonld`, `.json`): a collection, a page, an array of
/// annotations, one annotation, or one annotation per line.
pub fn import_w3c_file(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    let content = read_foreign_file(path)?;
    import_w3c_str(project, &path.display().to_string(), &content, map)
}

/// Import W3C Web Annotations from a string; `name` names it in the report.
pub fn import_w3c_str(
    project: &mut Project,
    name: &str,
    content: &str,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    let mut report = ImportReport::default();
    let items = match annotations_in(content.strip_prefix('\u{feff}').unwrap_or(content)) {
        Ok(items) => items,
        Err(why) => {
            return Err(InteropError::NotTheFormat {
                path: name.to_owned(),
                format: "W3C Web Annotation",
                why: crate::io::formats::shared::bounded(
                    why,
                    crate::io::formats::MAX_WARNING_CHARS,
                ),
            });
        }
    };
    let mut session = Session {
        map,
        tags: TagResolver::default(),
        pending: Vec::new(),
        present: HashMap::new(),
    };
    let mut links = 0;
    for (n, item) in items.iter().enumerate() {
        if item.get("motivation").and_then(Value::as_str) == Some("linking") {
            links += 1;
            continue;
        }
        if let Err(why) = session.annotation(project, item, &mut report)? {
            let id = item.get("id").and_then(Value::as_str).unwrap_or("");
            let shown = if id.is_empty() {
                format!("annotation {}", n + 1)
            } else {
                format!("annotation {} ({id})", n + 1)
            };
            report.warn(name, None, format!("{shown}: {why}; skipped"));
        }
    }
    report.insert_new(project, std::mem::take(&mut session.pending))?;
    if links > 0 {
        report.warn(
            name,
            None,
            format!(
                "{} between annotations not imported (W3C relations are written, not yet read)",
                crate::wording::count(links, "linking annotation")
            ),
        );
    }
    Ok(report)
}

/// The annotations of a file, in order, whatever its shape; or why there are none.
fn annotations_in(content: &str) -> Result<Vec<Value>, String> {
    let value: Value = match serde_json::from_str(content) {
        Ok(v) => v,
        Err(whole) => {
            // One annotation per line (JSON Lines), as some tools export.
            let lines: Result<Vec<Value>, _> = content
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(serde_json::from_str)
                .collect();
            match lines {
                Ok(lines) if !lines.is_empty() => Value::Array(lines),
                _ => return Err(format!("not JSON ({whole})")),
            }
        }
    };
    let mut out = Vec::new();
    collect(&value, &mut out, 0);
    if out.is_empty() {
        return Err("no Web Annotation in it (no object with a `target`)".into());
    }
    Ok(out)
}

/// Gather annotations from collections (`first`, `items`), pages (`items`) and arrays.
fn collect(value: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect(item, out, depth + 1);
            }
        }
        Value::Object(obj) if obj.contains_key("target") => out.push(value.clone()),
        Value::Object(obj) => {
            for key in ["first", "items", "@graph"] {
                if let Some(inner) = obj.get(key) {
                    collect(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Where one annotation's span is: its article and chars.
struct Placed {
    article: String,
    span: CharSpan,
}

struct Session<'a> {
    map: &'a TypeMap,
    tags: TagResolver,
    /// New annotations, with stand-in ids, inserted together at the end.
    pending: Vec<Annotation>,
    /// `(article, tag, start, end)` of every annotation there or pending, so nothing doubles.
    present: HashMap<String, HashSet<(String, CharSpan)>>,
}

impl Session<'_> {
    /// Import one annotation. The outer error stops the import; the inner one (why this one
    /// was skipped) is reported and the import goes on.
    fn annotation(
        &mut self,
        project: &mut Project,
        item: &Value,
        report: &mut ImportReport,
    ) -> Result<Result<(), String>, InteropError> {
        let placed = match place(project, item) {
            Ok(p) => p,
            Err(why) => return Ok(Err(why)),
        };
        let bodies = bodies(item);
        let mut labels = bodies
            .iter()
            .filter(|b| purpose(b) == Some("tagging"))
            .filter_map(body_text)
            .collect::<Vec<_>>();
        if labels.is_empty() {
            labels.push(UNTAGGED_LABEL.to_owned());
        }
        let tag = self.tags.resolve(project, self.map, &labels[0], report)?;
        let present = self
            .present
            .entry(placed.article.clone())
            .or_insert_with(|| {
                project
                    .annotations_slice(&placed.article)
                    .iter()
                    .map(|a| (a.tag.clone(), a.span()))
                    .collect()
            });
        if !present.insert((tag.clone(), placed.span)) {
            report.annotations_present += 1;
            return Ok(Ok(()));
        }
        let id = format!("\u{0}{}", self.pending.len());
        let mut ann = project.annotation_with_id(&placed.article, placed.span, &tag, id)?;
        let mut note = String::new();
        if labels.len() > 1 {
            add_note_line(
                &mut note,
                &format!("Also tagged: {}", labels[1..].join(", ")),
            );
        }
        if let Some(text) = item.get("bodyValue").and_then(Value::as_str) {
            add_note_line(&mut note, text.trim());
        }
        for body in &bodies {
            match purpose(body) {
                Some("commenting") | Some("describing") | None
                    if body.get("type").and_then(Value::as_str) != Some("SpecificResource") =>
                {
                    if let Some(text) = body_text(body)
                        && !text.trim().is_empty()
                    {
                        for line in text.lines().filter(|l| !l.trim().is_empty()) {
                            add_note_line(&mut note, line.trim());
                        }
                    }
                }
                Some("identifying") => {
                    if let Some(entity) = self.entity(project, body, &tag, report)? {
                        ann.entity = Some(entity);
                    }
                }
                Some("assessing")
                    if body_text(body).is_some_and(|v| v.trim().starts_with("credibility ")) =>
                {
                    let grade = body_text(body)
                        .and_then(|v| v.trim()["credibility ".len()..].chars().next())
                        .and_then(|d| d.to_digit(10))
                        .and_then(|d| u8::try_from(d).ok())
                        .filter(|g| (1..=6).contains(g));
                    if let (Some(grade), Some(claim)) = (grade, ann.claim.as_mut()) {
                        claim.credibility = Some(grade);
                        report.claim_details += 1;
                    }
                }
                Some("assessing") => {
                    let status = body_text(body).and_then(|v| {
                        ClaimStatus::ALL
                            .into_iter()
                            .find(|s| s.as_str().eq_ignore_ascii_case(v.trim()))
                    });
                    if let (Some(status), Some(claim)) = (status, ann.claim.as_mut()) {
                        claim.status = status;
                        report.claim_details += 1;
                    }
                }
                Some("linking") if ann.claim.is_some() => {
                    let source = self.entity(project, body, tags::ACTOR, report)?;
                    if let (Some(source), Some(claim)) = (source, ann.claim.as_mut()) {
                        claim.source = Some(source);
                        report.claim_details += 1;
                    }
                }
                _ => {}
            }
        }
        if !note.is_empty() {
            report.notes += 1;
        }
        ann.note = note;
        self.pending.push(ann);
        Ok(Ok(()))
    }

    /// The entity an `identifying` or `linking` body names: found by external id (Wikidata,
    /// GeoNames IRIs) or by name among entities of the tag, else created from its label.
    fn entity(
        &self,
        project: &mut Project,
        body: &Value,
        tag: &str,
        report: &mut ImportReport,
    ) -> Result<Option<String>, InteropError> {
        let source = body.get("source").unwrap_or(body);
        let iri = source
            .as_str()
            .or_else(|| source.get("id").and_then(Value::as_str))
            .unwrap_or_default();
        let label = source
            .get("label")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let external = external_id_of(iri);
        if let Some(external) = &external
            && let Some(e) = project
                .entities
                .iter()
                .find(|e| e.has_external_id(external))
        {
            return Ok(Some(e.id.clone()));
        }
        let Some(label) = label else {
            return Ok(None);
        };
        if let Some(e) = project
            .entities
            .iter()
            .find(|e| e.tag == tag && e.names().any(|n| n == label))
        {
            return Ok(Some(e.id.clone()));
        }
        let mut entity = Entity::new(project.alloc_id("ent"), tag, label);
        entity.external_ids.extend(external);
        let id = entity.id.clone();
        let index = project.entities.len();
        report.apply(project, Edit::InsertEntity { index, entity })?;
        report.entities += 1;
        Ok(Some(id))
    }
}

/// `Wikidata:Q1520` for a Wikidata entity IRI, `GeoNames:170063` for a GeoNames one.
fn external_id_of(iri: &str) -> Option<String> {
    let tail = |prefixes: &[&str]| {
        prefixes
            .iter()
            .find_map(|p| iri.strip_prefix(p))
            .map(|t| t.trim_end_matches('/').to_owned())
            .filter(|t| !t.is_empty() && !t.contains('/'))
    };
    let wikidata = tail(&[
        "http://www.wikidata.org/entity/",
        "https://www.wikidata.org/entity/",
        "https://www.wikidata.org/wiki/",
    ])
    .map(|id| format!("Wikidata:{id}"));
    let geonames = tail(&[
        "https://sws.geonames.org/",
        "http://sws.geonames.org/",
        "https://www.geonames.org/",
    ])
    .map(|id| format!("GeoNames:{id}"));
    wikidata
        .or(geonames)
        .filter(|x| parse_external_id(x).is_some())
}

/// The bodies of an annotation, whether `body` is one object, a string or a list.
fn bodies(item: &Value) -> Vec<Value> {
    match item.get("body") {
        Some(Value::Array(list)) => list.clone(),
        Some(Value::String(s)) => vec![Value::String(s.clone())],
        Some(body @ Value::Object(_)) => vec![body.clone()],
        _ => Vec::new(),
    }
}

fn purpose(body: &Value) -> Option<&str> {
    match body.get("purpose")? {
        Value::String(p) => Some(p.as_str()),
        Value::Array(list) => list.first().and_then(Value::as_str),
        _ => None,
    }
}

/// The text of a `TextualBody` (`value`), or of a plain string body.
fn body_text(body: &Value) -> Option<String> {
    body.get("value")
        .and_then(Value::as_str)
        .or_else(|| body.as_str())
        .map(str::to_owned)
}

/// Find the article and the span of an annotation, as the module documentation describes.
fn place(project: &Project, item: &Value) -> Result<Placed, String> {
    let targets: Vec<&Value> = match item.get("target") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(t) => vec![t],
        None => Vec::new(),
    };
    let Some(target) = targets.iter().find(|t| t.get("selector").is_some()) else {
        return Err("its target names a whole document, not a span".into());
    };
    let source = match target.get("source") {
        Some(Value::String(s)) => s.as_str(),
        Some(s) => s.get("id").and_then(Value::as_str).unwrap_or_default(),
        None => target.get("id").and_then(Value::as_str).unwrap_or_default(),
    };
    let article = article_for(project, source)
        .ok_or_else(|| format!("no article of this project is {source:?}"))?;
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let of_type = |ty: &str| {
        selectors
            .iter()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(ty))
            .copied()
    };
    let quote = of_type("TextQuoteSelector");
    let exact = quote.and_then(|q| q.get("exact")).and_then(Value::as_str);
    let position = of_type("TextPositionSelector").and_then(|p| {
        let start = usize::try_from(p.get("start")?.as_u64()?).ok()?;
        let end = usize::try_from(p.get("end")?.as_u64()?).ok()?;
        (start < end).then(|| CharSpan::new(start, end))
    });
    if let Some(span) = position
        && let Some(text) = article.slice(span)
        && exact.is_none_or(|e| e == text)
    {
        return Ok(Placed {
            article: article.id.clone(),
            span,
        });
    }
    let Some(exact) = exact.filter(|e| !e.is_empty()) else {
        return Err(match position {
            Some(span) => format!("its position {span} lies outside {}", article.id),
            None => "it has neither a quote nor a position".into(),
        });
    };
    let text = |key: &str| {
        quote
            .and_then(|q| q.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    best_quote_match(
        article.chars(),
        exact,
        text("prefix"),
        text("suffix"),
        position.map(|p| p.start.0),
    )
    .map(|span| Placed {
        article: article.id.clone(),
        span,
    })
    .ok_or_else(|| {
        format!(
            "its quote {:?} is not in {}",
            exact.chars().take(60).collect::<String>(),
            article.id
        )
    })
}

/// The article a target source names: `urn:sitrep:article:ID`, or an article's URL (ignoring
/// a trailing `/` and a `#fragment`).
fn article_for<'p>(project: &'p Project, source: &str) -> Option<&'p Article> {
    if let Some(id) = source.strip_prefix("urn:sitrep:article:") {
        return project.article(id);
    }
    let norm = |u: &str| {
        let u = u.trim();
        let u = u.split('#').next().unwrap_or(u);
        u.trim_end_matches('/').to_owned()
    };
    let wanted = norm(source);
    if wanted.is_empty() {
        return None;
    }
    project
        .articles
        .iter()
        .find(|a| a.url.as_deref().is_some_and(|u| norm(u) == wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikidata_and_geonames_iris_become_external_ids() {
        assert_eq!(
            external_id_of("http://www.wikidata.org/entity/Q1520").as_deref(),
            Some("Wikidata:Q1520")
        );
        assert_eq!(
            external_id_of("https://sws.geonames.org/170063/").as_deref(),
            Some("GeoNames:170063")
        );
        assert_eq!(external_id_of("urn:sitrep:entity:ent-3"), None);
    }
}
