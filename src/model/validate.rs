//! Whole-project validation: every rule FORMAT.md states, each failure naming its item.

use std::collections::{HashMap, HashSet};

use super::{PROJECT_FORMAT, PROJECT_VERSION, Project, tags};

/// One thing wrong with a project, worded for the analyst.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Problem {
    /// The `format` field is not ours.
    #[error("not a Sitrep project: format is {0:?}, expected \"sitrep/project\"")]
    WrongFormat(String),
    /// Written by a newer Sitrep.
    #[error(
        "written by a newer Sitrep (file version {found}, this program reads up to {supported})"
    )]
    NewerVersion {
        /// Version in the file.
        found: u32,
        /// Newest version we know.
        supported: u32,
    },
    /// Two items of one kind share an id.
    #[error("{kind} {id}: the id is used more than once")]
    DuplicateId {
        /// `article`, `annotation`, ...
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// A built-in tag is missing.
    #[error("tag {0}: the built-in tag is missing")]
    MissingBuiltinTag(&'static str),
    /// A tag colour is not `#rrggbb`.
    #[error("tag {id}: colour {color:?} is not of the form #rrggbb")]
    BadColor {
        /// Tag id.
        id: String,
        /// The colour as written.
        color: String,
    },
    /// Two tags claim the same key.
    #[error("tag {id}: key {key:?} is not one letter, or is already used by another tag")]
    BadKey {
        /// Tag id.
        id: String,
        /// The key as written.
        key: String,
    },
    /// An article's hash does not match its text.
    #[error("article {id}: text_sha256 {stored} does not match the text (its hash is {actual})")]
    HashMismatch {
        /// Article id.
        id: String,
        /// Hash in the file.
        stored: String,
        /// Hash of the text.
        actual: String,
    },
    /// The text holds a CR, which FORMAT.md forbids.
    #[error("article {0}: the text contains a carriage return (only \\n line endings are allowed)")]
    CarriageReturn(String),
    /// A reference names nothing.
    #[error("{kind} {id}: {field} {target:?} does not exist")]
    Dangling {
        /// Kind of the referring item.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The field (`article`, `tag`, `entity`, ...).
        field: &'static str,
        /// The missing id.
        target: String,
    },
    /// start >= end.
    #[error("annotation {id}: start {start} is not before end {end}")]
    EmptySpan {
        /// Annotation id.
        id: String,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
    },
    /// The span runs past the end of the text.
    #[error(
        "annotation {id}: span {start}..{end} lies outside the text of article {article} ({len} chars)"
    )]
    OutOfText {
        /// Annotation id.
        id: String,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// Article id.
        article: String,
        /// Text length in chars.
        len: usize,
    },
    /// The quote does not match the text.
    #[error(
        "annotation {id}: quote {exact:?} does not match the text at {start}..{end} ({found:?})"
    )]
    QuoteMismatch {
        /// Annotation id.
        id: String,
        /// Quote in the file.
        exact: String,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// What the text holds there.
        found: String,
    },
    /// A coordinate is out of range or not finite.
    #[error("entity {id}: {field} {value} is not a valid coordinate")]
    BadCoordinate {
        /// Entity id.
        id: String,
        /// `lat` or `lon`.
        field: &'static str,
        /// The value.
        value: f64,
    },
    /// An external id is not `DB:ID`.
    #[error("entity {id}: external id {value:?} is not of the form DB:ID (e.g. Wikidata:Q1520)")]
    BadExternalId {
        /// Entity id.
        id: String,
        /// The value.
        value: String,
    },
    /// Fatality figures are out of order.
    #[error("incident {0}: fatalities must satisfy low <= best <= high")]
    FatalityOrder(String),
}

/// Check a project against every rule of FORMAT.md. Returns all problems found (empty = valid).
pub fn validate(p: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    if p.format != PROJECT_FORMAT {
        problems.push(Problem::WrongFormat(p.format.clone()));
    }
    if p.version > PROJECT_VERSION {
        problems.push(Problem::NewerVersion {
            found: p.version,
            supported: PROJECT_VERSION,
        });
    }

    // Unique ids per list.
    let tag_ids = unique_ids(&mut problems, "tag", p.tags.iter().map(|t| t.id.as_str()));
    let article_ids = unique_ids(
        &mut problems,
        "article",
        p.articles.iter().map(|a| a.id.as_str()),
    );
    let entity_ids = unique_ids(
        &mut problems,
        "entity",
        p.entities.iter().map(|e| e.id.as_str()),
    );
    // Orphans share the annotation id namespace (an orphan placed again keeps its id).
    let ann_ids = unique_ids(
        &mut problems,
        "annotation",
        p.annotations
            .iter()
            .chain(&p.orphans)
            .map(|a| a.id.as_str()),
    );
    unique_ids(
        &mut problems,
        "incident",
        p.incidents.iter().map(|i| i.id.as_str()),
    );

    // Tags.
    for builtin in [tags::ACTOR, tags::LOCATION, tags::CLAIM] {
        if !tag_ids.contains(builtin) {
            problems.push(Problem::MissingBuiltinTag(builtin));
        }
    }
    let mut keys = HashSet::new();
    for tag in &p.tags {
        if tag.rgb().is_none() {
            problems.push(Problem::BadColor {
                id: tag.id.clone(),
                color: tag.color.clone(),
            });
        }
        if let Some(key) = &tag.key {
            let ok = tag
                .key_char()
                .is_some_and(|c| c.is_alphanumeric() && keys.insert(c));
            if !ok {
                problems.push(Problem::BadKey {
                    id: tag.id.clone(),
                    key: key.clone(),
                });
            }
        }
    }

    // Articles.
    for article in &p.articles {
        if article.text.contains('\r') {
            problems.push(Problem::CarriageReturn(article.id.clone()));
        }
        let actual = super::text::sha256_hex(&article.text);
        if !actual.eq_ignore_ascii_case(&article.text_sha256) {
            problems.push(Problem::HashMismatch {
                id: article.id.clone(),
                stored: article.text_sha256.clone(),
                actual,
            });
        }
    }

    // Entities.
    for entity in &p.entities {
        if !tag_ids.contains(entity.tag.as_str()) {
            problems.push(dangling("entity", &entity.id, "tag", &entity.tag));
        }
        for (field, value, limit) in [("lat", entity.lat, 90.0), ("lon", entity.lon, 180.0)] {
            if let Some(v) = value
                && !(v.is_finite() && v.abs() <= limit)
            {
                problems.push(Problem::BadCoordinate {
                    id: entity.id.clone(),
                    field,
                    value: v,
                });
            }
        }
        for value in &entity.external_ids {
            if super::entity::parse_external_id(value).is_none() {
                problems.push(Problem::BadExternalId {
                    id: entity.id.clone(),
                    value: value.clone(),
                });
            }
        }
    }

    // Annotations. Articles are looked up by id through a map (the first article with an id
    // wins, as in `Project::article`), so a big project validates in one pass.
    let mut articles_by_id: HashMap<&str, &super::Article> = HashMap::new();
    for article in &p.articles {
        articles_by_id.entry(article.id.as_str()).or_insert(article);
    }
    for ann in &p.annotations {
        if !tag_ids.contains(ann.tag.as_str()) {
            problems.push(dangling("annotation", &ann.id, "tag", &ann.tag));
        }
        if let Some(e) = &ann.entity
            && !entity_ids.contains(e.as_str())
        {
            problems.push(dangling("annotation", &ann.id, "entity", e));
        }
        if let Some(source) = ann.claim.as_ref().and_then(|c| c.source.as_ref())
            && !entity_ids.contains(source.as_str())
        {
            problems.push(dangling("annotation", &ann.id, "claim source", source));
        }
        if !article_ids.contains(ann.article.as_str()) {
            problems.push(dangling("annotation", &ann.id, "article", &ann.article));
            continue;
        }
        if ann.start >= ann.end {
            problems.push(Problem::EmptySpan {
                id: ann.id.clone(),
                start: ann.start.0,
                end: ann.end.0,
            });
            continue;
        }
        let Some(article) = articles_by_id.get(ann.article.as_str()) else {
            continue;
        };
        match article.slice(ann.span()) {
            None => problems.push(Problem::OutOfText {
                id: ann.id.clone(),
                start: ann.start.0,
                end: ann.end.0,
                article: article.id.clone(),
                len: article.len_chars(),
            }),
            Some(found) if found != ann.exact => problems.push(Problem::QuoteMismatch {
                id: ann.id.clone(),
                exact: ann.exact.clone(),
                start: ann.start.0,
                end: ann.end.0,
                found: found.to_owned(),
            }),
            Some(_) => {}
        }
    }

    // Orphans: their offsets no longer apply to the text, so only their references are checked.
    for orphan in &p.orphans {
        if !article_ids.contains(orphan.article.as_str()) {
            problems.push(dangling(
                "orphaned annotation",
                &orphan.id,
                "article",
                &orphan.article,
            ));
        }
        if !tag_ids.contains(orphan.tag.as_str()) {
            problems.push(dangling(
                "orphaned annotation",
                &orphan.id,
                "tag",
                &orphan.tag,
            ));
        }
        if let Some(e) = &orphan.entity
            && !entity_ids.contains(e.as_str())
        {
            problems.push(dangling("orphaned annotation", &orphan.id, "entity", e));
        }
        if let Some(source) = orphan.claim.as_ref().and_then(|c| c.source.as_ref())
            && !entity_ids.contains(source.as_str())
        {
            problems.push(dangling(
                "orphaned annotation",
                &orphan.id,
                "claim source",
                source,
            ));
        }
    }

    // Incidents.
    for inc in &p.incidents {
        if let Some(loc) = &inc.location
            && !entity_ids.contains(loc.as_str())
        {
            problems.push(dangling("incident", &inc.id, "location", loc));
        }
        for actor in &inc.actors {
            if !entity_ids.contains(actor.entity.as_str()) {
                problems.push(dangling("incident", &inc.id, "actor", &actor.entity));
            }
        }
        for ev in &inc.evidence {
            if !ann_ids.contains(ev.as_str()) {
                problems.push(dangling("incident", &inc.id, "evidence", ev));
            }
        }
        let f = &inc.fatalities;
        let ordered = |a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        if !(ordered(f.low, f.best) && ordered(f.best, f.high) && ordered(f.low, f.high)) {
            problems.push(Problem::FatalityOrder(inc.id.clone()));
        }
    }
    problems
}

fn unique_ids<'a>(
    problems: &mut Vec<Problem>,
    kind: &'static str,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            problems.push(Problem::DuplicateId {
                kind,
                id: id.to_owned(),
            });
        }
    }
    seen
}

fn dangling(kind: &'static str, id: &str, field: &'static str, target: &str) -> Problem {
    Problem::Dangling {
        kind,
        id: id.to_owned(),
        field,
        target: target.to_owned(),
    }
}
