//! Whole-project validation: every rule docs/FORMAT.md states, each failure naming its item.

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
    /// The text holds a CR, which docs/FORMAT.md forbids.
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
    /// An id number or id counter is too large for ids to be counted on from it.
    #[error(
        "{what}: the number {value} is above {max}, the largest id number Sitrep counts to",
        max = super::MAX_ID_NUMBER
    )]
    IdOutOfRange {
        /// The id, or `next_ids.KEY`.
        what: String,
        /// The number.
        value: u64,
    },
    /// Fatality figures are out of order.
    #[error("incident {0}: fatalities must satisfy low <= best <= high")]
    FatalityOrder(String),
    /// Another of an incident's own values is out of its range (see
    /// [`super::Incident::value_problems`]).
    #[error("incident {id}: {problem}")]
    IncidentValue {
        /// Incident id.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// A source in the registry is malformed (see [`super::Source::problems`]).
    #[error("source {name:?}: {problem}")]
    BadSource {
        /// The source's name.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// A relation names a type or an annotation the project does not have.
    #[error("relation {id}: {problem}")]
    BadRelation {
        /// The relation's id.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// A document label is malformed, or an article carries a value none defines.
    #[error("document label {id:?}: {problem}")]
    BadDocLabel {
        /// The label's id.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// A claim's credibility is not 1 to 6.
    #[error("annotation {id}: claim credibility {value} is not between 1 and 6")]
    BadCredibility {
        /// Annotation id.
        id: String,
        /// The value.
        value: u8,
    },
}

/// Check a project against every rule of docs/FORMAT.md. Returns all problems found (empty =
/// valid).
pub fn validate(p: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    header(p, &mut problems);
    let ids = Ids::of(p, &mut problems);
    tag_list(p, &ids, &mut problems);
    articles(p, &mut problems);
    entities(p, &ids, &mut problems);
    annotations(p, &ids, &mut problems);
    orphans(p, &ids, &mut problems);
    incidents(p, &ids, &mut problems);
    sources(p, &mut problems);
    doc_labels(p, &mut problems);
    relations(p, &mut problems);
    id_numbers(p, &mut problems);
    problems
}

/// Counters and id numbers must leave room to count on: a file that claims `ann-1844…615`
/// or a counter at the top of the range would make every new id a duplicate.
fn id_numbers(p: &Project, problems: &mut Vec<Problem>) {
    for (key, &value) in &p.next_ids {
        if value > super::MAX_ID_NUMBER {
            problems.push(Problem::IdOutOfRange {
                what: format!("next_ids.{key}"),
                value,
            });
        }
    }
    let ids = p
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .chain(p.entities.iter().map(|e| e.id.as_str()))
        .chain(
            p.annotations
                .iter()
                .chain(&p.orphans)
                .map(|a| a.id.as_str()),
        )
        .chain(p.incidents.iter().map(|i| i.id.as_str()));
    for id in ids {
        let number = id.rsplit_once('-').and_then(|(_, n)| n.parse::<u64>().ok());
        if let Some(value) = number.filter(|&n| n > super::MAX_ID_NUMBER) {
            problems.push(Problem::IdOutOfRange {
                what: id.to_owned(),
                value,
            });
        }
    }
}

/// The ids of each list, for the checks of references. Built once, with a problem for every
/// id used twice.
struct Ids<'a> {
    tags: HashSet<&'a str>,
    articles: HashSet<&'a str>,
    entities: HashSet<&'a str>,
    /// Placed and orphaned annotations together.
    annotations: HashSet<&'a str>,
    incidents: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn of(p: &'a Project, problems: &mut Vec<Problem>) -> Self {
        let tags = unique_ids(problems, "tag", p.tags.iter().map(|t| t.id.as_str()));
        let articles = unique_ids(
            problems,
            "article",
            p.articles.iter().map(|a| a.id.as_str()),
        );
        let entities = unique_ids(problems, "entity", p.entities.iter().map(|e| e.id.as_str()));
        // Orphans share the annotation id namespace (an orphan placed again keeps its id).
        let annotations = unique_ids(
            problems,
            "annotation",
            p.annotations
                .iter()
                .chain(&p.orphans)
                .map(|a| a.id.as_str()),
        );
        let incidents = unique_ids(
            problems,
            "incident",
            p.incidents.iter().map(|i| i.id.as_str()),
        );
        Self {
            tags,
            articles,
            entities,
            annotations,
            incidents,
        }
    }
}

/// The file's format and version.
fn header(p: &Project, problems: &mut Vec<Problem>) {
    if p.format != PROJECT_FORMAT {
        problems.push(Problem::WrongFormat(p.format.clone()));
    }
    if p.version > PROJECT_VERSION {
        problems.push(Problem::NewerVersion {
            found: p.version,
            supported: PROJECT_VERSION,
        });
    }
}

/// Built-in tags present, colours well formed, keys single and distinct.
fn tag_list(p: &Project, ids: &Ids<'_>, problems: &mut Vec<Problem>) {
    for builtin in [tags::ACTOR, tags::LOCATION, tags::CLAIM] {
        if !ids.tags.contains(builtin) {
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
}

/// `\n` line endings and a hash that matches the text.
fn articles(p: &Project, problems: &mut Vec<Problem>) {
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
}

/// A known tag, coordinates in range, external ids of the form `DB:ID`.
fn entities(p: &Project, ids: &Ids<'_>, problems: &mut Vec<Problem>) {
    for entity in &p.entities {
        if !ids.tags.contains(entity.tag.as_str()) {
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
}

/// References that resolve, and a non-empty span on the text whose quote matches it.
fn annotations(p: &Project, ids: &Ids<'_>, problems: &mut Vec<Problem>) {
    // Articles are looked up by id through a map (the first article with an id wins, as in
    // `Project::article`), so a big project validates in one pass.
    let mut articles_by_id: HashMap<&str, &super::Article> = HashMap::new();
    for article in &p.articles {
        articles_by_id.entry(article.id.as_str()).or_insert(article);
    }
    for ann in &p.annotations {
        if !ids.tags.contains(ann.tag.as_str()) {
            problems.push(dangling("annotation", &ann.id, "tag", &ann.tag));
        }
        if let Some(e) = &ann.entity
            && !ids.entities.contains(e.as_str())
        {
            problems.push(dangling("annotation", &ann.id, "entity", e));
        }
        if let Some(source) = ann.claim.as_ref().and_then(|c| c.source.as_ref())
            && !ids.entities.contains(source.as_str())
        {
            problems.push(dangling("annotation", &ann.id, "claim source", source));
        }
        if let Some(value) = ann.claim.as_ref().and_then(|c| c.credibility)
            && !(1..=6).contains(&value)
        {
            problems.push(Problem::BadCredibility {
                id: ann.id.clone(),
                value,
            });
        }
        if !ids.articles.contains(ann.article.as_str()) {
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
}

/// Orphans: their offsets no longer apply to the text, so only their references are checked.
fn orphans(p: &Project, ids: &Ids<'_>, problems: &mut Vec<Problem>) {
    const KIND: &str = "orphaned annotation";
    for orphan in &p.orphans {
        if !ids.articles.contains(orphan.article.as_str()) {
            problems.push(dangling(KIND, &orphan.id, "article", &orphan.article));
        }
        if !ids.tags.contains(orphan.tag.as_str()) {
            problems.push(dangling(KIND, &orphan.id, "tag", &orphan.tag));
        }
        if let Some(e) = &orphan.entity
            && !ids.entities.contains(e.as_str())
        {
            problems.push(dangling(KIND, &orphan.id, "entity", e));
        }
        if let Some(source) = orphan.claim.as_ref().and_then(|c| c.source.as_ref())
            && !ids.entities.contains(source.as_str())
        {
            problems.push(dangling(KIND, &orphan.id, "claim source", source));
        }
    }
}

/// References that resolve, and fatality figures in order.
fn incidents(p: &Project, ids: &Ids<'_>, problems: &mut Vec<Problem>) {
    for inc in &p.incidents {
        if let Some(loc) = &inc.location
            && !ids.entities.contains(loc.as_str())
        {
            problems.push(dangling("incident", &inc.id, "location", loc));
        }
        for actor in &inc.actors {
            if !ids.entities.contains(actor.entity.as_str()) {
                problems.push(dangling("incident", &inc.id, "actor", &actor.entity));
            }
        }
        for ev in &inc.evidence {
            if !ids.annotations.contains(ev.as_str()) {
                problems.push(dangling("incident", &inc.id, "evidence", ev));
            }
        }
        for rel in &inc.relations {
            if !ids.incidents.contains(rel.incident.as_str()) {
                problems.push(dangling("incident", &inc.id, "relation", &rel.incident));
            }
        }
        for problem in inc.value_problems() {
            if problem == super::incident::FATALITY_ORDER {
                problems.push(Problem::FatalityOrder(inc.id.clone()));
            } else {
                problems.push(Problem::IncidentValue {
                    id: inc.id.clone(),
                    problem,
                });
            }
        }
    }
}

/// Every relation of a known type between two annotations that exist, and no id twice.
fn relations(p: &Project, problems: &mut Vec<Problem>) {
    let mut ids = HashSet::new();
    let anns: HashSet<&str> = p.annotations.iter().map(|a| a.id.as_str()).collect();
    let types: HashSet<&str> = p.relation_types.iter().map(|t| t.id.as_str()).collect();
    for rel in &p.relations {
        let mut bad = |problem: String| {
            problems.push(Problem::BadRelation {
                id: rel.id.clone(),
                problem,
            });
        };
        if !ids.insert(rel.id.as_str()) {
            bad("the id is used twice".to_owned());
        }
        if !types.contains(rel.kind.as_str()) {
            bad(format!("there is no relation type {:?}", rel.kind));
        }
        for end in [&rel.from, &rel.to] {
            if !anns.contains(end.as_str()) {
                bad(format!("there is no annotation {end}"));
            }
        }
    }
}

/// Every document label well-formed and defined once, and every article's labels defined.
fn doc_labels(p: &Project, problems: &mut Vec<Problem>) {
    for (i, label) in p.doc_labels.iter().enumerate() {
        for problem in label.problems() {
            problems.push(Problem::BadDocLabel {
                id: label.id.clone(),
                problem,
            });
        }
        if p.doc_labels[..i].iter().any(|l| l.id == label.id) {
            problems.push(Problem::BadDocLabel {
                id: label.id.clone(),
                problem: "is defined twice".to_owned(),
            });
        }
    }
    for a in &p.articles {
        for (label, value) in &a.labels {
            if !p.label_value_defined(label, value) {
                problems.push(Problem::BadDocLabel {
                    id: label.clone(),
                    problem: format!(
                        "article {} has the value {value:?}, which is not defined",
                        a.id
                    ),
                });
            }
        }
    }
}

/// Every registered source well-formed, and no name twice.
fn sources(p: &Project, problems: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for source in &p.sources {
        for problem in source.problems() {
            problems.push(Problem::BadSource {
                name: source.name.clone(),
                problem,
            });
        }
        if !seen.insert(super::sources::fold_name(&source.name)) {
            problems.push(Problem::BadSource {
                name: source.name.clone(),
                problem: "is registered twice".to_owned(),
            });
        }
    }
}

/// The set of ids, with a problem for each one seen before.
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

/// A reference from `kind` `id`'s `field` to `target`, which does not exist.
fn dangling(kind: &'static str, id: &str, field: &'static str, target: &str) -> Problem {
    Problem::Dangling {
        kind,
        id: id.to_owned(),
        field,
        target: target.to_owned(),
    }
}
