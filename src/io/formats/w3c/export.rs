//! W3C Web Annotation export (<https://www.w3.org/TR/annotation-model/>), JSON-LD.
//!
//! The file is one `AnnotationCollection` whose first (and only) `AnnotationPage` holds one
//! `Annotation` per span. Each target names the article (its URL, or `urn:sitrep:article:ID`)
//! and carries two selectors for the same span: a `TextQuoteSelector` (exact, prefix, suffix)
//! and a `TextPositionSelector` whose `start`/`end` count Unicode code points of the article's
//! stored (LF-only) text, end exclusive, as the W3C model requires.

use std::path::Path;

use serde_json::{Value, json};

use crate::io::formats::shared::{InteropError, pretty_json_bytes};
use crate::io::write_atomic;
use crate::model::text::quote_of;
use crate::model::{Annotation, Article, Project};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The IRI that names an article in the export: its URL when it has one, else a URN.
pub fn article_iri(article: &Article) -> String {
    match article.url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => url.to_owned(),
        _ => format!("urn:sitrep:article:{}", article.id),
    }
}

/// The whole project as an `AnnotationCollection`.
pub fn to_w3c(project: &Project) -> Value {
    let mut items: Vec<Value> = project
        .annotations
        .iter()
        .filter_map(|ann| {
            let article = project.article(&ann.article)?;
            annotation(project, article, ann)
        })
        .collect();
    // Relations as linking annotations: the type as a tagging body, both ends as targets.
    items.extend(project.relations.iter().map(|rel| {
        let label = project
            .relation_type(&rel.kind)
            .map_or(rel.kind.as_str(), |t| t.label.as_str());
        json!({
            "id": format!("urn:sitrep:relation:{}", rel.id),
            "type": "Annotation",
            "motivation": "linking",
            "body": [{ "type": "TextualBody", "purpose": "tagging", "value": label }],
            "target": [
                format!("urn:sitrep:annotation:{}", rel.from),
                format!("urn:sitrep:annotation:{}", rel.to),
            ],
        })
    }));
    json!({
        "@context": ANNO_CONTEXT,
        "id": format!("urn:sitrep:project:{}", urn_safe(&project.name)),
        "type": "AnnotationCollection",
        "label": project.name,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

/// The collection as the bytes of a `.jsonld` file: pretty-printed, with a trailing newline.
pub fn w3c_bytes(project: &Project) -> Result<Vec<u8>, InteropError> {
    Ok(pretty_json_bytes(&to_w3c(project))?)
}

/// Write the collection to `path` atomically, as [`w3c_bytes`]. Returns the number of
/// annotations written.
pub fn write_w3c(project: &Project, path: &Path) -> Result<usize, InteropError> {
    let value = to_w3c(project);
    let total = value.get("total").and_then(Value::as_u64).unwrap_or(0) as usize;
    write_atomic(path, &pretty_json_bytes(&value)?)?;
    Ok(total)
}

/// One span as an `Annotation`, or `None` if it does not lie on its article's text (which
/// validation rules out).
fn annotation(project: &Project, article: &Article, ann: &Annotation) -> Option<Value> {
    // The quote is taken from the text rather than from the stored fields, so the two
    // selectors cannot disagree.
    let quote = quote_of(&article.text, article.index(), ann.span())?;
    let tag_label = project
        .tag(&ann.tag)
        .map_or(ann.tag.as_str(), |t| t.label.as_str());
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": ann.tag,
        "label": tag_label,
    })];
    if let Some(entity) = ann.entity.as_deref().and_then(|e| project.entity(e)) {
        body.push(json!({
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": { "id": entity_iri(&entity.id), "label": entity.name },
        }));
        // The same thing in outside knowledge bases whose ids have a well-known IRI.
        for iri in entity.external_ids.iter().filter_map(|x| external_iri(x)) {
            body.push(json!({
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": { "id": iri, "label": entity.name },
            }));
        }
    }
    if !ann.note.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": ann.note,
        }));
    }
    if let Some(claim) = &ann.claim {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "value": claim.status.as_str(),
        }));
        if let Some((grade, meaning)) = claim.credibility.and_then(|g| {
            crate::model::CREDIBILITY_GRADES
                .iter()
                .find(|(n, _)| *n == g)
        }) {
            // The Admiralty grade, as a second assessment the import reads back.
            body.push(json!({
                "type": "TextualBody",
                "purpose": "assessing",
                "value": format!("credibility {grade}: {meaning}"),
            }));
        }
        if let Some(source) = claim.source.as_deref().and_then(|s| project.entity(s)) {
            // Who makes the claim: a link to the source entity.
            body.push(json!({
                "type": "SpecificResource",
                "purpose": "linking",
                "source": { "id": entity_iri(&source.id), "label": source.name },
            }));
        }
    }
    Some(json!({
        "id": format!("urn:sitrep:annotation:{}", ann.id),
        "type": "Annotation",
        "motivation": "tagging",
        "created": ann.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "body": body,
        "target": {
            "source": article_iri(article),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.exact,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": ann.start.0,
                    "end": ann.end.0,
                },
            ],
        },
    }))
}

fn entity_iri(id: &str) -> String {
    format!("urn:sitrep:entity:{id}")
}

/// A project name made safe for the tail of a URN (RFC 8141 allows few characters there).
fn urn_safe(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "project".to_owned()
    } else {
        s
    }
}

/// The IRI of an external id in a knowledge base that has one per item (Wikidata, GeoNames);
/// `None` for others, which have no IRI Sitrep could vouch for.
fn external_iri(external: &str) -> Option<String> {
    let (db, id) = crate::model::parse_external_id(external)?;
    match db.to_ascii_lowercase().as_str() {
        "wikidata" => Some(format!("http://www.wikidata.org/entity/{id}")),
        "geonames" => Some(format!("https://sws.geonames.org/{id}/")),
        _ => None,
    }
}
