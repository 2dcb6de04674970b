//! What the brat, doccano and W3C importers share: the `--map` of foreign labels to tags, the
//! import report, line-ending normalisation that keeps foreign offsets usable, and tag creation.
//!
//! Foreign tools count offsets in the text *as they stored it*, which may have CRLF line endings
//! or a byte-order mark. Sitrep stores LF-only text, so every foreign offset goes through an
//! [`OffsetMap`] from the original char positions to the normalised ones.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Annotation, Article, CharIdx, CharSpan, Edit, EditError, Project, Tag};

/// Why an import or export could not run at all. Problems with single lines or documents are
/// not errors: they become [`ImportWarning`]s and the rest goes on.
#[derive(Debug, thiserror::Error)]
pub enum InteropError {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written atomically.
    #[error(transparent)]
    Save(#[from] crate::io::SaveError),
    /// A `--map` argument is malformed.
    #[error("bad --map entry {entry:?}: expected FOREIGN=tag, e.g. PER=actor")]
    BadMap {
        /// The offending entry.
        entry: String,
    },
    /// JSON could not be produced (should not happen).
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The path is neither a brat file, a brat folder nor a doccano JSONL file.
    #[error("{0}: not a brat .ann/.txt file, a folder of them, or a doccano .jsonl file")]
    NotInterop(PathBuf),
    /// The file is not of the format it was read as at all (not JSON, no annotation in it):
    /// an error rather than an import of nothing.
    #[error("{path}: not {format} data: {why}; nothing was imported")]
    NotTheFormat {
        /// The file, as given.
        path: String,
        /// `W3C Web Annotation`, `doccano JSONL`.
        format: &'static str,
        /// What was found instead (bounded).
        why: String,
    },
    /// The project refused an edit the importer built (a bug in the importer).
    #[error("the project refused an imported item: {0}")]
    Edit(#[from] EditError),
}

impl InteropError {
    /// An I/O error on `path`.
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        InteropError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// How foreign labels (brat types, doccano labels) map to Sitrep tag ids, as given on the
/// command line: `PER=actor,ORG=actor,LOC=location,MISC=claim`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeMap {
    entries: HashMap<String, String>,
}

impl TypeMap {
    /// An empty map: every label is matched by name or becomes a custom tag.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parse `A=b,C=d` (spaces around items are ignored, an empty string is an empty map).
    pub fn parse(spec: &str) -> Result<Self, InteropError> {
        let mut map = Self::new();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let bad = || InteropError::BadMap {
                entry: entry.to_owned(),
            };
            let (from, to) = entry.split_once('=').ok_or_else(bad)?;
            let (from, to) = (from.trim(), to.trim());
            if from.is_empty() || to.is_empty() {
                return Err(bad());
            }
            map.insert(from, to);
        }
        Ok(map)
    }

    /// Map foreign label `from` to tag id `to`.
    pub fn insert(&mut self, from: &str, to: &str) {
        self.entries.insert(from.to_owned(), to.to_owned());
    }

    /// The tag id a label is mapped to, if any (exact, case-sensitive match: brat types are).
    pub fn get(&self, from: &str) -> Option<&str> {
        self.entries.get(from).map(String::as_str)
    }
}

pub use crate::limits::MAX_WARNING_CHARS;

/// `message` cut to `max` chars, saying how long it was.
pub(crate) fn bounded(message: String, max: usize) -> String {
    let count = message.chars().count();
    if count <= max {
        return message;
    }
    let mut out: String = message.chars().take(max).collect();
    out.push_str(&format!("… ({count} chars in all)"));
    out
}

/// One thing an import could not use, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// The file (as given, or relative to the imported folder).
    pub file: String,
    /// 1-based line number, when the problem is on one line.
    pub line: Option<usize>,
    /// What was wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// One foreign label (brat type, doccano label) of an import and where its spans went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelUse {
    /// The label as the foreign file spells it.
    pub label: String,
    /// The tag id its spans got.
    pub tag: String,
    /// True when that tag was created for it (no `--map` entry and no tag of that name).
    pub created: bool,
    /// How many spans carried it.
    pub spans: usize,
}

/// What an import did: counts, the problems it reported, and the edit that undoes it all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Articles added.
    pub articles: usize,
    /// Annotations added.
    pub annotations: usize,
    /// Entities created.
    pub entities: usize,
    /// Notes attached to annotations.
    pub notes: usize,
    /// Claim statuses and sources set.
    pub claim_details: usize,
    /// Relations between annotations made.
    pub relations: usize,
    /// Documents whose text an article of the project already held: their annotations went
    /// to that article instead of a copy of it.
    pub articles_matched: usize,
    /// Spans skipped because the article already had one with the same tag and offsets.
    pub annotations_present: usize,
    /// Ids of the custom tags created for unmapped labels.
    pub tags_created: Vec<String>,
    /// Every foreign label met, in order of first use, with the tag it went to.
    pub labels: Vec<LabelUse>,
    /// Lines or documents that could not be used, in file order.
    pub warnings: Vec<ImportWarning>,
    /// Inverses of the edits applied so far, in the order they were made.
    inverses: Vec<Edit>,
}

impl ImportReport {
    /// Record a warning, its message cut to [`MAX_WARNING_CHARS`]: a message quotes the
    /// input, and one hostile line must not make a report of megabytes.
    pub(crate) fn warn(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            file: file.to_owned(),
            line,
            message: bounded(message.into(), MAX_WARNING_CHARS),
        });
    }

    /// Apply an edit to the project and remember its inverse for [`ImportReport::undo`].
    pub(crate) fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let inverse = project.apply(edit)?;
        self.inverses.push(inverse);
        Ok(())
    }

    /// True when the import changed the project at all (new articles, annotations, entities,
    /// tags, or notes and links on annotations it had).
    pub fn changed(&self) -> bool {
        !self.inverses.is_empty()
    }

    /// Give an import's new annotations (made with stand-in ids) their ids, in one
    /// [`Project::alloc_ids`] call, and insert them as one [`Edit::InsertAnnotations`]: one
    /// pass over the project however many there are.
    pub(crate) fn insert_new(
        &mut self,
        project: &mut Project,
        mut anns: Vec<crate::model::Annotation>,
    ) -> Result<Vec<String>, EditError> {
        if anns.is_empty() {
            return Ok(Vec::new());
        }
        let ids = project.alloc_ids("ann", anns.len());
        for (ann, id) in anns.iter_mut().zip(&ids) {
            ann.id.clone_from(id);
        }
        self.annotations += anns.len();
        self.apply(project, Edit::InsertAnnotations(anns))?;
        Ok(ids)
    }

    /// The edit that takes the whole import back out of the project (for the undo stack).
    pub fn undo(&self) -> Edit {
        Edit::Batch(self.inverses.iter().rev().cloned().collect())
    }

    /// One line for the command line: what was added and how many problems there were.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{}, {}, {}, {}, {}",
            crate::wording::count(self.articles, "article"),
            crate::wording::count(self.annotations, "annotation"),
            crate::wording::count(self.entities, "entity"),
            crate::wording::count(self.notes, "note"),
            crate::wording::count(self.claim_details, "claim detail")
        );
        if self.relations > 0 {
            s.push_str(&format!(
                ", {}",
                crate::wording::count(self.relations, "relation")
            ));
        }
        if self.articles_matched > 0 {
            s.push_str(&format!(
                "; {} already in the project, added to those articles",
                crate::wording::count(self.articles_matched, "text")
            ));
        }
        if self.annotations_present > 0 {
            s.push_str(&format!(
                "; {} already annotated, not added again",
                crate::wording::count(self.annotations_present, "span")
            ));
        }
        if !self.tags_created.is_empty() {
            // Labels come from the input: a few of them, each cut short, keep the line short.
            let shown: Vec<String> = self
                .tags_created
                .iter()
                .take(5)
                .map(|t| bounded(t.clone(), 40))
                .collect();
            s.push_str(&format!("; new tags: {}", shown.join(", ")));
            if self.tags_created.len() > shown.len() {
                s.push_str(&format!(
                    " and {} more",
                    self.tags_created.len() - shown.len()
                ));
            }
        }
        if !self.warnings.is_empty() {
            s.push_str(&format!(
                "; {} not imported",
                crate::wording::count(self.warnings.len(), "line")
            ));
        }
        s
    }
}

/// Maps char offsets in a foreign text (as the other tool stored it) to char offsets in the
/// normalised text Sitrep stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetMap {
    /// `map[i]` is the normalised offset of original boundary `i`; `None` when nothing changed.
    map: Option<Vec<usize>>,
    original_len: usize,
}

impl OffsetMap {
    /// The normalised offset of original char offset `original`, or `None` past the end.
    pub fn map(&self, original: usize) -> Option<usize> {
        match &self.map {
            None => (original <= self.original_len).then_some(original),
            Some(map) => map.get(original).copied(),
        }
    }
}

/// Normalise a foreign text the way Sitrep stores text (CRLF and lone CR become LF, a leading
/// byte-order mark goes) and return the map from original char offsets to the new ones.
///
/// Inside a CRLF pair, the boundary between CR and LF maps to just after the new `\n`, so a
/// span that includes the CR includes the line break.
pub fn normalize_with_map(original: &str) -> (String, OffsetMap) {
    let original_len = original.chars().count();
    if !original.contains('\r') && !original.starts_with('\u{feff}') {
        return (
            original.to_owned(),
            OffsetMap {
                map: None,
                original_len,
            },
        );
    }
    let mut out = String::with_capacity(original.len());
    let mut map = Vec::with_capacity(original_len + 1);
    let mut n = 0;
    let mut chars = original.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        map.push(n);
        if i == 0 && c == '\u{feff}' {
            continue;
        }
        if c == '\r' {
            out.push('\n');
            n += 1;
            if chars.next_if(|&(_, next)| next == '\n').is_some() {
                map.push(n);
            }
            continue;
        }
        out.push(c);
        n += 1;
    }
    map.push(n);
    (
        out,
        OffsetMap {
            map: Some(map),
            original_len,
        },
    )
}

/// A title for an imported article: its first non-blank line, shortened, or the fallback.
pub(crate) fn title_from_text(text: &str, fallback: &str) -> String {
    const MAX_TITLE_CHARS: usize = 120;
    match text.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) if line.chars().count() > MAX_TITLE_CHARS => {
            let mut t: String = line.chars().take(MAX_TITLE_CHARS - 1).collect();
            t.push('…');
            t
        }
        Some(line) => line.to_owned(),
        None => fallback.to_owned(),
    }
}

/// The project's articles by a hash of their text, so that finding the article that already
/// holds a document's text costs a look-up, not a comparison with every article (10k doccano
/// documents made that quadratic). Articles are only appended during an import; it catches up
/// with new ones and starts over if the list ever shrank.
#[derive(Debug, Default)]
pub(crate) struct ArticleTexts {
    covered: usize,
    by_hash: HashMap<u64, Vec<usize>>,
    /// The import's article ids: one scan of the ids in use for all of them.
    ids: crate::model::IdRun,
}

impl ArticleTexts {
    fn hash(text: &str) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(text)
    }

    /// The first article (in list order) whose text is `text`.
    fn find<'p>(&mut self, project: &'p Project, text: &str) -> Option<&'p Article> {
        if project.articles.len() < self.covered {
            // Articles went away (not during an import): index and ids start over.
            *self = Self::default();
        }
        for (i, article) in project.articles.iter().enumerate().skip(self.covered) {
            self.by_hash
                .entry(Self::hash(&article.text))
                .or_default()
                .push(i);
        }
        self.covered = project.articles.len();
        self.by_hash
            .get(&Self::hash(text))?
            .iter()
            .filter_map(|&i| project.articles.get(i))
            .find(|a| a.text == text)
    }
}

/// The article an imported document goes into, and the spans it already has.
pub(crate) struct ImportTarget {
    /// The article's id.
    pub article: String,
    /// `(tag, start, end)` → id of the annotation there, for every annotation on the article
    /// and every one this import made for it, so that a re-import adds no twins.
    present: HashMap<(String, CharIdx, CharIdx), String>,
    /// The article's annotations as they were before the import, by id (looking them up in
    /// the project would cost a scan of all its annotations each time).
    before: HashMap<String, Annotation>,
    /// True when the import has just made the article (so nothing of this import is on it
    /// yet, and the caller need not look through its pending spans for it).
    pub is_new: bool,
}

impl ImportTarget {
    /// Find the article that already holds exactly this (normalised) text, or insert a new one
    /// built by `make` from a fresh id and the text. Importing the same corpus twice, or a
    /// corpus exported from this very project, therefore adds to the articles it came from
    /// instead of copying them.
    pub(crate) fn find_or_insert(
        project: &mut Project,
        report: &mut ImportReport,
        texts: &mut ArticleTexts,
        text: String,
        make: impl FnOnce(String, String) -> Article,
    ) -> Result<Self, EditError> {
        if let Some(existing) = texts.find(project, &text) {
            let article = existing.id.clone();
            let existing = project.annotations_slice(&article);
            let present = existing
                .iter()
                .map(|a| ((a.tag.clone(), a.start, a.end), a.id.clone()))
                .collect();
            let before = existing.iter().map(|a| (a.id.clone(), a.clone())).collect();
            report.articles_matched += 1;
            return Ok(Self {
                article,
                present,
                before,
                is_new: false,
            });
        }
        let article = make(project.alloc_id_in_run("art", &mut texts.ids), text);
        let id = article.id.clone();
        let index = project.articles.len();
        report.apply(project, Edit::InsertArticle { index, article })?;
        report.articles += 1;
        Ok(Self {
            article: id,
            present: HashMap::new(),
            before: HashMap::new(),
            is_new: true,
        })
    }

    /// An annotation the article had before the import.
    pub(crate) fn before(&self, id: &str) -> Option<&Annotation> {
        self.before.get(id)
    }

    /// The annotation that already has this tag on exactly these chars, if any. The caller
    /// counts it in [`ImportReport::annotations_present`] when it does not add a new one.
    pub(crate) fn twin(&self, tag: &str, span: CharSpan) -> Option<&str> {
        self.present
            .get(&(tag.to_owned(), span.start, span.end))
            .map(String::as_str)
    }

    /// Record an annotation this import is adding, so a later identical span is its twin.
    pub(crate) fn record(&mut self, tag: &str, span: CharSpan, id: &str) {
        self.present
            .insert((tag.to_owned(), span.start, span.end), id.to_owned());
    }
}

/// Append a line to a note, unless the note has that line already (a re-import of the same
/// file must not repeat its notes). A note of several lines counts as having the one line
/// a brat export made of it. True when it was added.
pub(crate) fn add_note_line(note: &mut String, line: &str) -> bool {
    let on_one_line = note.lines().collect::<Vec<_>>().join(" ");
    if on_one_line == line || note.lines().any(|l| l == line) {
        return false;
    }
    if !note.is_empty() {
        note.push('\n');
    }
    note.push_str(line);
    true
}

/// The lines of one note an import keeps adding to, as a set, so that [`NoteLines::add`]
/// answers as [`add_note_line`] does without reading the whole note each time (100k notes on
/// one brat span made that quadratic).
#[derive(Debug, Default)]
pub(crate) struct NoteLines {
    /// Every line of the note.
    lines: HashSet<String>,
    /// The note's lines joined with spaces (the one line a brat export makes of it).
    one_line: String,
}

impl NoteLines {
    /// The lines of `note` as it is now.
    pub(crate) fn of(note: &str) -> Self {
        Self {
            lines: note.lines().map(str::to_owned).collect(),
            one_line: note.lines().collect::<Vec<_>>().join(" "),
        }
    }

    /// [`add_note_line`] on `note`, which must be the note these lines were taken from.
    pub(crate) fn add(&mut self, note: &mut String, line: &str) -> bool {
        if self.one_line == line || self.lines.contains(line) {
            return false;
        }
        // Appending `\n` and a plain line to a note that ends in no line break adds exactly
        // that line; anything else (rare) is read again from the note.
        let simple =
            !line.is_empty() && !line.contains(['\n', '\r']) && !note.ends_with(['\n', '\r']);
        if !note.is_empty() {
            note.push('\n');
        }
        note.push_str(line);
        if simple {
            if !self.one_line.is_empty() || !self.lines.is_empty() {
                self.one_line.push(' ');
            }
            self.one_line.push_str(line);
            self.lines.insert(line.to_owned());
        } else {
            *self = Self::of(note);
        }
        true
    }
}

/// Turn a label into a brat-safe type name: ASCII letters, digits, `_` and `-`, starting with a
/// letter. brat splits its lines on spaces and its `annotation.conf` gives `:`, `|`, `,`, `=`,
/// `<` and `>` meanings, so anything else becomes `_`.
pub fn brat_safe_name(label: &str) -> String {
    let mut name: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "T_");
    }
    name
}

/// The tag a label names without any `--map`: the tag with that id, else one whose id or
/// label matches ignoring case (and brat's `_` for anything but letters and digits).
pub fn matching_tag(project: &Project, label: &str) -> Option<String> {
    project
        .tags
        .iter()
        .find(|t| t.id == label)
        .or_else(|| {
            project.tags.iter().find(|t| {
                t.id.eq_ignore_ascii_case(label)
                    || t.label.eq_ignore_ascii_case(label)
                    || brat_safe_name(&t.label).eq_ignore_ascii_case(label)
            })
        })
        .map(|t| t.id.clone())
}

/// A first guess at the tag for a label no tag matches: the names NER corpora (CoNLL,
/// OntoNotes, spaCy) give people, groups and places. Only a suggestion, shown in the import
/// dialog for the analyst to confirm; the command line maps nothing it is not told to.
pub fn usual_tag(label: &str) -> Option<&'static str> {
    match label.to_ascii_uppercase().as_str() {
        "PER" | "PERS" | "PERSON" | "ORG" | "ORGANIZATION" | "ORGANISATION" | "NORP" => {
            Some(crate::model::tags::ACTOR)
        }
        "LOC" | "LOCATION" | "GPE" | "FAC" | "PLACE" => Some(crate::model::tags::LOCATION),
        _ => None,
    }
}

/// Finds or creates the tag for each foreign label, remembering its answers (as indices into
/// the report's [`ImportReport::labels`], which also counts the spans).
#[derive(Debug, Default)]
pub(crate) struct TagResolver {
    known: HashMap<String, usize>,
    /// The project's tags as look-ups, so that each new label costs a few hash probes instead
    /// of scans of every tag (50k distinct brat types made those scans quadratic).
    index: TagIndex,
}

/// What [`matching_tag`] and [`new_custom_tag`] look for in a project's tags, kept as maps.
/// It covers `project.tags[..covered]`; tags are only appended during an import, so it catches
/// up with the new ones, and starts over if the list ever shrank.
#[derive(Debug, Default)]
struct TagIndex {
    covered: usize,
    /// Tag ids, for the exact match and for a free id.
    ids: HashSet<String>,
    /// ASCII-lower-cased id, label and brat-safe label → the first tag (in list order) that has
    /// it, as `matching_tag`'s case-insensitive search finds it.
    folded: HashMap<String, String>,
    /// The one-char keys in use.
    keys: HashSet<char>,
}

impl TagIndex {
    /// Bring the index up to date with `project.tags`.
    fn catch_up(&mut self, project: &Project) {
        if project.tags.len() < self.covered {
            *self = Self::default();
        }
        for tag in project.tags.get(self.covered..).unwrap_or_default() {
            self.ids.insert(tag.id.clone());
            for name in [
                tag.id.to_ascii_lowercase(),
                tag.label.to_ascii_lowercase(),
                brat_safe_name(&tag.label).to_ascii_lowercase(),
            ] {
                self.folded.entry(name).or_insert_with(|| tag.id.clone());
            }
            if let Some(key) = tag.key_char() {
                self.keys.insert(key);
            }
        }
        self.covered = project.tags.len();
    }

    /// The same answer as [`matching_tag`], from the maps.
    fn matching(&self, label: &str) -> Option<String> {
        if self.ids.contains(label) {
            return Some(label.to_owned());
        }
        self.folded.get(&label.to_ascii_lowercase()).cloned()
    }
}

impl TagResolver {
    /// The tag id for a foreign label: the `--map` entry if there is one, else a tag whose id
    /// or label matches (ignoring case and brat's `_` for spaces), else a new custom tag with a
    /// generated colour and a free key. Labels are never dropped.
    pub(crate) fn resolve(
        &mut self,
        project: &mut Project,
        map: &TypeMap,
        label: &str,
        report: &mut ImportReport,
    ) -> Result<String, EditError> {
        if let Some(&i) = self.known.get(label)
            && let Some(used) = report.labels.get_mut(i)
        {
            used.spans += 1;
            return Ok(used.tag.clone());
        }
        let wanted = map.get(label).unwrap_or(label);
        self.index.catch_up(project);
        let (id, created) = match self.index.matching(wanted) {
            Some(id) => (id, false),
            None => {
                let tag =
                    new_custom_tag(|id| self.index.ids.contains(id), &self.index.keys, wanted);
                let id = tag.id.clone();
                // What `Edit::InsertTag` at the end does, without its scan of every tag for a
                // duplicate id (50k new types made that quadratic): the index has just said
                // that no tag has this id.
                project.tags.push(tag);
                report.inverses.push(Edit::RemoveTag { id: id.clone() });
                self.index.catch_up(project);
                report.tags_created.push(id.clone());
                (id, true)
            }
        };
        self.known.insert(label.to_owned(), report.labels.len());
        report.labels.push(LabelUse {
            label: label.to_owned(),
            tag: id.clone(),
            created,
            spans: 1,
        });
        Ok(id)
    }
}

/// A custom tag for `label`: a lower-case id not yet taken, a colour derived from the label (so
/// the same label gets the same colour in every project) and the first free key. `taken` says
/// whether a tag id is in use and `used` holds the keys in use.
fn new_custom_tag(taken: impl Fn(&str) -> bool, used: &HashSet<char>, label: &str) -> Tag {
    let mut base: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    base = base.trim_matches('-').to_owned();
    if base.is_empty() {
        base = "tag".to_owned();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let key = label
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .chain('a'..='z')
        .chain('0'..='9')
        .find(|c| c.is_ascii_alphanumeric() && !used.contains(c))
        .map(|c| c.to_string());
    Tag::new(&id, label, &color_for(label), key.as_deref())
}

/// A pleasant, stable `#rrggbb` colour for a label: the hue comes from a hash of the label,
/// saturation and lightness are fixed so text stays readable on it.
fn color_for(label: &str) -> String {
    // FNV-1a: tiny, stable across platforms and Rust versions (unlike `DefaultHasher`).
    let mut hash: u32 = 0x811c_9dc5;
    for byte in label.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let hue = f64::from(hash % 360);
    let (s, l) = (0.55, 0.6);
    let c = (1.0 - (2.0 * l - 1.0_f64).abs()) * s;
    let x = c * (1.0 - ((hue / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (hue / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let byte = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

/// A JSON value as the bytes of a file: pretty (two-space indent) with a final newline, the
/// way every JSON export (W3C, GeoJSON) is written.
pub fn pretty_json_bytes(value: &serde_json::Value) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// [`read_text`] for a whole foreign file (doccano, W3C): a file that cannot be read stops
/// the import with an error naming it.
pub(crate) fn read_foreign_file(path: &Path) -> Result<String, InteropError> {
    read_text(path).map_err(|why| {
        InteropError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, why),
        )
    })
}

/// Read a foreign text file: size-limited, UTF-8 (a byte-order mark is kept, so that offsets
/// that count it still line up; [`normalize_with_map`] removes it).
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes = crate::io::project_file::read_limited(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_offsets_map_onto_lf_text() {
        let (text, map) = normalize_with_map("ab\r\ncd\re");
        assert_eq!(text, "ab\ncd\ne");
        // a b CR LF c d CR e  -> a b \n c d \n e
        let mapped: Vec<Option<usize>> = (0..=9).map(|i| map.map(i)).collect();
        assert_eq!(
            mapped,
            vec![
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None
            ]
        );
    }

    #[test]
    fn bom_is_dropped_and_counted() {
        let (text, map) = normalize_with_map("\u{feff}Hé");
        assert_eq!(text, "Hé");
        assert_eq!(map.map(1), Some(0));
        assert_eq!(map.map(3), Some(2));
    }

    #[test]
    fn map_spec_parses_and_rejects() {
        let m = TypeMap::parse("PER=actor, ORG = actor,LOC=location,").unwrap();
        assert_eq!(m.get("ORG"), Some("actor"));
        assert_eq!(m.get("MISC"), None);
        assert!(TypeMap::parse("PER").is_err());
        assert!(TypeMap::parse("=actor").is_err());
    }

    #[test]
    fn unknown_labels_become_custom_tags_with_free_keys() {
        let mut p = Project::new("t");
        let mut report = ImportReport::default();
        let mut r = TagResolver::default();
        let map = TypeMap::parse("PER=actor").unwrap();
        assert_eq!(
            r.resolve(&mut p, &map, "PER", &mut report).unwrap(),
            "actor"
        );
        assert_eq!(
            r.resolve(&mut p, &map, "Location", &mut report).unwrap(),
            "location"
        );
        let weapon = r.resolve(&mut p, &map, "Weapon type", &mut report).unwrap();
        assert_eq!(weapon, "weapon-type");
        let tag = p.tag(&weapon).unwrap();
        assert_eq!(tag.key.as_deref(), Some("w"));
        assert!(tag.rgb().is_some());
        // "Actor" would take 'a' but actor has it already.
        let other = r.resolve(&mut p, &map, "ACTORS", &mut report).unwrap();
        assert_ne!(p.tag(&other).unwrap().key.as_deref(), Some("a"));
        assert!(crate::model::validate(&p).is_empty());
        assert_eq!(report.tags_created, vec!["weapon-type".to_owned(), other]);
    }

    #[test]
    fn the_tag_index_finds_what_a_scan_of_the_tags_finds() {
        let mut p = Project::new("t");
        let map = TypeMap::new();
        let mut report = ImportReport::default();
        let mut r = TagResolver::default();
        let labels = [
            "Weapon type",
            "weapon_type",
            "WEAPON-TYPE",
            "actor",
            "ACTOR",
            "Location",
            "x",
            "X",
            "x y",
            "x_y",
            "Ünïcode",
            "ünïcode",
            "claim",
            "CLAIM",
            "a",
            "A",
            "b",
        ];
        for round in 0..2 {
            for label in labels {
                // What a scan of the tags as they are now would answer, before resolving.
                let scanned = matching_tag(&p, label);
                let got = r.resolve(&mut p, &map, label, &mut report).unwrap();
                if round == 1 || scanned.is_some() {
                    assert_eq!(Some(got.clone()), scanned.or(Some(got.clone())), "{label}");
                }
                assert_eq!(
                    matching_tag(&p, label).as_deref(),
                    Some(got.as_str()),
                    "{label}"
                );
            }
        }
        // A fresh resolver on the same project (tags already there) gives the same answers.
        let mut again = TagResolver::default();
        for label in labels {
            let got = again.resolve(&mut p, &map, label, &mut report).unwrap();
            assert_eq!(matching_tag(&p, label), Some(got), "{label}");
        }
        assert!(crate::model::validate(&p).is_empty());
        let keys: Vec<_> = p.tags.iter().filter_map(Tag::key_char).collect();
        let unique: HashSet<_> = keys.iter().collect();
        assert_eq!(keys.len(), unique.len(), "keys stay unique: {keys:?}");
    }

    #[test]
    fn note_lines_answer_as_add_note_line() {
        let starts = ["", "one", "one\ntwo", "ends in a break\n", "a\r\nb", "x y"];
        let lines = [
            "one", "two", "one two", "x", "x y", "", "a", "b", "c\nd", "c", "one",
        ];
        for start in starts {
            let (mut plain, mut indexed) = (start.to_owned(), start.to_owned());
            let mut set = NoteLines::of(start);
            for line in lines.iter().chain(&lines) {
                let want = add_note_line(&mut plain, line);
                assert_eq!(set.add(&mut indexed, line), want, "{start:?} + {line:?}");
                assert_eq!(indexed, plain);
            }
        }
        let mut note = String::new();
        let mut set = NoteLines::default();
        for i in 0..1000 {
            assert!(set.add(&mut note, &format!("note {i}")));
        }
        assert!(!set.add(&mut note, "note 7"));
        assert_eq!(note.lines().count(), 1000);
    }

    #[test]
    fn safe_names() {
        assert_eq!(brat_safe_name("Weapon type"), "Weapon_type");
        assert_eq!(brat_safe_name("3rd"), "T_3rd");
        assert_eq!(brat_safe_name("Lieu—été"), "Lieu__t_");
    }
}
