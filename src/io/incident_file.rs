//! Self-contained incident files, `*.incident.json` (docs/FORMAT.md, version 1).
//!
//! An incident file carries one incident, every entity it or its evidence names, and per source
//! article the metadata (with the text's hash) and the evidence spans with their quotes. It can be
//! read with no project open; [`IncidentFile::check_against`] tells, per evidence span, whether an
//! open project holds the article and where the quote lies in it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::atomic::{SaveError, write_atomic};
use super::project_file::{
    LoadError, ParseError, check_header, decode_utf8, parse_json, read_limited,
};
use crate::model::text::best_quote_match;
use crate::model::{CharIdx, CharSpan, Claim, Entity, Extra, Incident, Project};

/// The `format` value of an incident file.
pub const INCIDENT_FORMAT: &str = "sitrep/incident";
/// The newest incident file version this program reads and writes.
pub const INCIDENT_VERSION: u32 = 1;

/// A whole incident file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentFile {
    /// Always [`INCIDENT_FORMAT`].
    pub format: String,
    /// File format version.
    pub version: u32,
    /// The incident, as in the project.
    pub incident: Incident,
    /// Every entity the incident or its evidence names.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// The articles the evidence comes from, each with its evidence.
    #[serde(default)]
    pub sources: Vec<SourceArticle>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One source article and the evidence taken from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceArticle {
    /// The article's metadata (not its text).
    pub article: ArticleMeta,
    /// Evidence spans in this article.
    #[serde(default)]
    pub evidence: Vec<EvidenceSpan>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An article's metadata, enough to find it again and to check offsets against it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Article id in the project the incident came from.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publisher.
    #[serde(default)]
    pub source: String,
    /// Web address.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// Hex SHA-256 of the article text the offsets count in.
    pub text_sha256: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One evidence span: an annotation without its article text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSpan {
    /// Annotation id.
    pub id: String,
    /// Tag id.
    pub tag: String,
    /// First char (Unicode scalar values).
    pub start: CharIdx,
    /// One past the last char.
    pub end: CharIdx,
    /// The covered text.
    pub exact: String,
    /// Up to 32 chars before.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars after.
    #[serde(default)]
    pub suffix: String,
    /// The entity mentioned.
    #[serde(default)]
    pub entity: Option<String>,
    /// Free-text note.
    #[serde(default)]
    pub note: String,
    /// Source and status, for claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<Claim>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl EvidenceSpan {
    /// The span as a typed range.
    pub fn span(&self) -> CharSpan {
        CharSpan {
            start: self.start,
            end: self.end,
        }
    }
}

/// Why an incident could not be exported from a project.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportIncidentError {
    /// No incident has that id.
    #[error("there is no incident {0}")]
    NoIncident(String),
    /// The project refers to something it does not hold (it failed validation).
    #[error("incident {incident}: {kind} {id} does not exist in the project")]
    Dangling {
        /// The incident.
        incident: String,
        /// `annotation`, `article` or `entity`.
        kind: &'static str,
        /// The missing id.
        id: String,
    },
}

/// One thing wrong with an incident file, naming the item at fault.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum IncidentProblem {
    /// Two items share an id.
    #[error("{kind} {id}: the id is used more than once")]
    DuplicateId {
        /// `entity`, `article`, `evidence`.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// A reference names an entity the file does not hold.
    #[error("{kind} {id}: {field} {target:?} is not among the file's entities")]
    UnknownEntity {
        /// `incident` or `evidence`.
        kind: &'static str,
        /// The referring item.
        id: String,
        /// `location`, `actor`, `entity`, `claim source`.
        field: &'static str,
        /// The missing entity id.
        target: String,
    },
    /// The incident cites evidence the sources do not carry.
    #[error("incident {incident}: evidence {id} is not among the sources")]
    EvidenceNotInSources {
        /// Incident id.
        incident: String,
        /// Evidence id.
        id: String,
    },
    /// The sources carry a span the incident does not cite.
    #[error("evidence {id} (article {article}) is not cited by incident {incident}")]
    EvidenceNotCited {
        /// Evidence id.
        id: String,
        /// Its article.
        article: String,
        /// Incident id.
        incident: String,
    },
    /// start >= end.
    #[error("evidence {id}: start {start} is not before end {end}")]
    EmptySpan {
        /// Evidence id.
        id: String,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
    },
    /// The quote's length disagrees with the offsets.
    #[error("evidence {id}: quote {exact:?} is {len} chars but the span {start}..{end} is {span}")]
    QuoteLength {
        /// Evidence id.
        id: String,
        /// The quote.
        exact: String,
        /// Its length in chars.
        len: usize,
        /// Start offset.
        start: usize,
        /// End offset.
        end: usize,
        /// Span length.
        span: usize,
    },
    /// The article hash is not 64 hex digits.
    #[error("article {id}: text_sha256 {hash:?} is not a SHA-256 in hex")]
    BadHash {
        /// Article id.
        id: String,
        /// The value.
        hash: String,
    },
    /// A coordinate is out of range.
    #[error("entity {id}: {field} {value} is not a valid coordinate")]
    BadCoordinate {
        /// Entity id.
        id: String,
        /// `lat` or `lon`.
        field: &'static str,
        /// The value.
        value: f64,
    },
    /// Fatality figures out of order.
    #[error("incident {0}: fatalities must satisfy low <= best <= high")]
    FatalityOrder(String),
}

/// What is wrong with the bytes of an incident file.
#[derive(Debug, thiserror::Error)]
pub enum IncidentParseError {
    /// Not UTF-8.
    #[error("the file is not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    /// Not JSON, or JSON of the wrong shape (names the field).
    #[error("{0}")]
    Json(String),
    /// Not an incident file.
    #[error("not a Sitrep incident file: format is {0:?}, expected \"sitrep/incident\"")]
    WrongFormat(String),
    /// Written by a newer program.
    #[error(
        "written by a newer Sitrep (incident file version {found}; this program reads up to version {supported})"
    )]
    NewerVersion {
        /// Version in the file.
        found: u64,
        /// Newest we read.
        supported: u32,
    },
    /// Parsed, but breaks the rules.
    #[error("{}", describe(.0))]
    Invalid(Vec<IncidentProblem>),
}

impl From<ParseError> for IncidentParseError {
    fn from(e: ParseError) -> Self {
        match e {
            ParseError::NotUtf8(at) => IncidentParseError::NotUtf8(at),
            ParseError::Json(msg) => IncidentParseError::Json(msg),
            ParseError::WrongFormat(found) => IncidentParseError::WrongFormat(found),
            ParseError::NewerVersion { found, supported } => {
                IncidentParseError::NewerVersion { found, supported }
            }
            ParseError::WrongShape(what) => IncidentParseError::Json(format!(
                "not a Sitrep incident file: the file holds {what}, not a JSON object"
            )),
            other => IncidentParseError::Json(other.to_string()),
        }
    }
}

/// Why an incident file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum IncidentLoadError {
    /// Unreadable or too large (the message names the file).
    #[error("{0}")]
    Read(LoadError),
    /// Bad contents.
    #[error("{path}: {error}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        error: IncidentParseError,
    },
}

fn describe(problems: &[IncidentProblem]) -> String {
    match problems {
        [one] => one.to_string(),
        many => {
            let shown: Vec<String> = many.iter().take(5).map(ToString::to_string).collect();
            let more = many.len().saturating_sub(5);
            let tail = if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            };
            format!("{} problems: {}{tail}", many.len(), shown.join("; "))
        }
    }
}

/// Build the incident file of one incident of a project.
pub fn export_incident(
    project: &Project,
    incident_id: &str,
) -> Result<IncidentFile, ExportIncidentError> {
    let incident = project
        .incident(incident_id)
        .ok_or_else(|| ExportIncidentError::NoIncident(incident_id.to_owned()))?;
    let dangling = |kind: &'static str, id: &str| ExportIncidentError::Dangling {
        incident: incident.id.clone(),
        kind,
        id: id.to_owned(),
    };

    // Evidence annotations, in the project's stored order (by article, then offset).
    let mut evidence = Vec::with_capacity(incident.evidence.len());
    for id in &incident.evidence {
        evidence.push(
            project
                .annotation(id)
                .ok_or_else(|| dangling("annotation", id))?,
        );
    }
    evidence.sort_by(|a, b| {
        project
            .annotation_sort_key(a)
            .cmp(&project.annotation_sort_key(b))
    });
    evidence.dedup_by(|a, b| a.id == b.id);

    // Entities named by the incident or its evidence, in the project's entity order.
    let mut named: HashSet<&str> = HashSet::new();
    named.extend(incident.location.as_deref());
    named.extend(incident.actors.iter().map(|r| r.entity.as_str()));
    for ann in &evidence {
        named.extend(ann.entity.as_deref());
        named.extend(ann.claim.as_ref().and_then(|c| c.source.as_deref()));
    }
    for id in &named {
        if project.entity(id).is_none() {
            return Err(dangling("entity", id));
        }
    }
    let entities: Vec<Entity> = project
        .entities
        .iter()
        .filter(|e| named.contains(e.id.as_str()))
        .cloned()
        .collect();

    // One source per article, in article order.
    let mut sources: Vec<SourceArticle> = Vec::new();
    for ann in evidence {
        let span = EvidenceSpan {
            id: ann.id.clone(),
            tag: ann.tag.clone(),
            start: ann.start,
            end: ann.end,
            exact: ann.exact.clone(),
            prefix: ann.prefix.clone(),
            suffix: ann.suffix.clone(),
            entity: ann.entity.clone(),
            note: ann.note.clone(),
            claim: ann.claim.clone(),
            extra: Extra::new(),
        };
        match sources.iter_mut().find(|s| s.article.id == ann.article) {
            Some(source) => source.evidence.push(span),
            None => {
                let article = project
                    .article(&ann.article)
                    .ok_or_else(|| dangling("article", &ann.article))?;
                sources.push(SourceArticle {
                    article: ArticleMeta {
                        id: article.id.clone(),
                        title: article.title.clone(),
                        source: article.source.clone(),
                        url: article.url.clone(),
                        published: article.published,
                        text_sha256: article.text_sha256.clone(),
                        extra: Extra::new(),
                    },
                    evidence: vec![span],
                    extra: Extra::new(),
                });
            }
        }
    }

    Ok(IncidentFile {
        format: INCIDENT_FORMAT.to_owned(),
        version: INCIDENT_VERSION,
        incident: incident.clone(),
        entities,
        sources,
        extra: Extra::new(),
    })
}

/// The exact bytes an incident file is saved as: pretty JSON, two-space indent, final newline.
pub fn incident_to_bytes(file: &IncidentFile) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(file)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Save an incident file atomically.
pub fn save_incident(path: &Path, file: &IncidentFile) -> Result<(), SaveError> {
    let bytes = incident_to_bytes(file).map_err(|source| SaveError::Serialize {
        path: path.to_owned(),
        source,
    })?;
    write_atomic(path, &bytes)
}

/// True when the bytes look like an incident file (their `format` says so). Lets `check` and
/// the GUI's open dialog tell incident files from projects whatever their name.
pub fn is_incident_json(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Format {
        format: Option<String>,
    }
    decode_utf8(bytes)
        .ok()
        .and_then(|text| serde_json::from_str::<Format>(text).ok())
        .and_then(|f| f.format)
        .is_some_and(|f| f == INCIDENT_FORMAT)
}

/// Parse and validate the bytes of an incident file.
pub fn parse_incident(bytes: &[u8]) -> Result<IncidentFile, IncidentParseError> {
    let text = decode_utf8(bytes)?;
    // `format` and `version` first, so a newer file is refused with the right message rather
    // than with an error about a field it changed.
    check_header(text, INCIDENT_FORMAT, INCIDENT_VERSION)?;
    let file: IncidentFile = parse_json(text)?;
    let problems = file.validate();
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(IncidentParseError::Invalid(problems))
    }
}

/// Load and validate an incident file.
pub fn load_incident(path: &Path) -> Result<IncidentFile, IncidentLoadError> {
    let bytes = read_limited(path).map_err(IncidentLoadError::Read)?;
    parse_incident(&bytes).map_err(|error| IncidentLoadError::Parse {
        path: path.to_owned(),
        error,
    })
}

/// Where one evidence span stands against an open project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceStatus {
    /// The project holds the article with the same text; the quote is at the stored offsets.
    Matches {
        /// The project's article id (may differ from the file's).
        article: String,
        /// Where to jump.
        span: CharSpan,
    },
    /// The project holds an article with this id but a different text; the quote was found at
    /// another place (re-anchored by quote, prefix and suffix).
    Reanchored {
        /// The project's article id.
        article: String,
        /// Where the quote now lies.
        span: CharSpan,
    },
    /// The project holds the article (same hash or id), but the quote is not in it.
    QuoteNotFound {
        /// The project's article id.
        article: String,
    },
    /// The project holds no article with this text or id.
    ArticleMissing,
}

/// The check of one evidence span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceCheck {
    /// Evidence (annotation) id in the file.
    pub evidence: String,
    /// Article id in the file.
    pub file_article: String,
    /// What was found.
    pub status: EvidenceStatus,
}

impl IncidentFile {
    /// Every evidence span with its article's metadata, in file order.
    pub fn evidence(&self) -> impl Iterator<Item = (&ArticleMeta, &EvidenceSpan)> {
        self.sources
            .iter()
            .flat_map(|s| s.evidence.iter().map(move |e| (&s.article, e)))
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Check the file against the rules of docs/FORMAT.md; empty when valid.
    pub fn validate(&self) -> Vec<IncidentProblem> {
        let mut problems = Vec::new();
        let inc = &self.incident;

        let mut entity_ids = HashSet::new();
        for e in &self.entities {
            if !entity_ids.insert(e.id.as_str()) {
                problems.push(IncidentProblem::DuplicateId {
                    kind: "entity",
                    id: e.id.clone(),
                });
            }
            for (field, value, limit) in [("lat", e.lat, 90.0), ("lon", e.lon, 180.0)] {
                if let Some(v) = value
                    && !(v.is_finite() && v.abs() <= limit)
                {
                    problems.push(IncidentProblem::BadCoordinate {
                        id: e.id.clone(),
                        field,
                        value: v,
                    });
                }
            }
        }
        let unknown = |kind, id: &str, field, target: &str| IncidentProblem::UnknownEntity {
            kind,
            id: id.to_owned(),
            field,
            target: target.to_owned(),
        };
        if let Some(loc) = &inc.location
            && !entity_ids.contains(loc.as_str())
        {
            problems.push(unknown("incident", &inc.id, "location", loc));
        }
        for actor in &inc.actors {
            if !entity_ids.contains(actor.entity.as_str()) {
                problems.push(unknown("incident", &inc.id, "actor", &actor.entity));
            }
        }
        let f = &inc.fatalities;
        let ordered = |a: Option<u32>, b: Option<u32>| a.zip(b).is_none_or(|(a, b)| a <= b);
        if !(ordered(f.low, f.best) && ordered(f.best, f.high) && ordered(f.low, f.high)) {
            problems.push(IncidentProblem::FatalityOrder(inc.id.clone()));
        }

        let mut article_ids = HashSet::new();
        let mut evidence_ids = HashSet::new();
        // The incident's citations as a set, so checking each span is cited costs one look-up
        // rather than a scan of the whole list (100k spans made that quadratic).
        let cited_ids: HashSet<&str> = inc.evidence.iter().map(String::as_str).collect();
        for source in &self.sources {
            let art = &source.article;
            if !article_ids.insert(art.id.as_str()) {
                problems.push(IncidentProblem::DuplicateId {
                    kind: "article",
                    id: art.id.clone(),
                });
            }
            let hex = art.text_sha256.len() == 64
                && art.text_sha256.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex {
                problems.push(IncidentProblem::BadHash {
                    id: art.id.clone(),
                    hash: art.text_sha256.clone(),
                });
            }
            for ev in &source.evidence {
                if !evidence_ids.insert(ev.id.as_str()) {
                    problems.push(IncidentProblem::DuplicateId {
                        kind: "evidence",
                        id: ev.id.clone(),
                    });
                }
                if let Some(e) = &ev.entity
                    && !entity_ids.contains(e.as_str())
                {
                    problems.push(unknown("evidence", &ev.id, "entity", e));
                }
                if let Some(s) = ev.claim.as_ref().and_then(|c| c.source.as_ref())
                    && !entity_ids.contains(s.as_str())
                {
                    problems.push(unknown("evidence", &ev.id, "claim source", s));
                }
                if ev.start >= ev.end {
                    problems.push(IncidentProblem::EmptySpan {
                        id: ev.id.clone(),
                        start: ev.start.0,
                        end: ev.end.0,
                    });
                } else {
                    let len = ev.exact.chars().count();
                    let span = ev.span().len();
                    if len != span {
                        problems.push(IncidentProblem::QuoteLength {
                            id: ev.id.clone(),
                            exact: ev.exact.clone(),
                            len,
                            start: ev.start.0,
                            end: ev.end.0,
                            span,
                        });
                    }
                }
                if !cited_ids.contains(ev.id.as_str()) {
                    problems.push(IncidentProblem::EvidenceNotCited {
                        id: ev.id.clone(),
                        article: art.id.clone(),
                        incident: inc.id.clone(),
                    });
                }
            }
        }
        let mut cited = HashSet::new();
        for id in &inc.evidence {
            if !cited.insert(id.as_str()) {
                problems.push(IncidentProblem::DuplicateId {
                    kind: "incident evidence",
                    id: id.clone(),
                });
            }
            if !evidence_ids.contains(id.as_str()) {
                problems.push(IncidentProblem::EvidenceNotInSources {
                    incident: inc.id.clone(),
                    id: id.clone(),
                });
            }
        }
        problems
    }

    /// For each evidence span, in file order: does `project` hold its article (same text hash
    /// first, else same id), and where does the quote lie in it, so the GUI can jump there.
    pub fn check_against(&self, project: &Project) -> Vec<EvidenceCheck> {
        self.evidence()
            .map(|(meta, ev)| EvidenceCheck {
                evidence: ev.id.clone(),
                file_article: meta.id.clone(),
                status: check_one(project, meta, ev),
            })
            .collect()
    }
}

fn check_one(project: &Project, meta: &ArticleMeta, ev: &EvidenceSpan) -> EvidenceStatus {
    let same_text = project
        .articles
        .iter()
        .filter(|a| a.text_sha256.eq_ignore_ascii_case(&meta.text_sha256))
        // Prefer the article with the same id when the same text was imported twice.
        .min_by_key(|a| a.id != meta.id);
    if let Some(article) = same_text {
        return if article.slice(ev.span()) == Some(ev.exact.as_str()) {
            EvidenceStatus::Matches {
                article: article.id.clone(),
                span: ev.span(),
            }
        } else {
            EvidenceStatus::QuoteNotFound {
                article: article.id.clone(),
            }
        };
    }
    let Some(article) = project.article(&meta.id) else {
        return EvidenceStatus::ArticleMissing;
    };
    // Of all the quote's occurrences in the changed text, the one whose surroundings agree
    // best with the stored prefix and suffix, and among those the nearest to the old offset.
    match best_quote_match(
        article.chars(),
        &ev.exact,
        &ev.prefix,
        &ev.suffix,
        Some(ev.start.0),
    ) {
        Some(span) => EvidenceStatus::Reanchored {
            article: article.id.clone(),
            span,
        },
        None => EvidenceStatus::QuoteNotFound {
            article: article.id.clone(),
        },
    }
}
