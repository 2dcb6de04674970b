//! Reading brat documents into a project.
//!
//! Offsets in a `.ann` file count the code points of the `.txt` as brat stored it. Sitrep
//! normalises line endings (CRLF and CR become LF) and drops a byte-order mark, so every offset
//! is mapped through [`crate::io::formats::shared::normalize_with_map`]; the text part of each
//! `T` line is then checked against the text at the mapped offsets, and a mismatch is reported
//! rather than imported, since it means the offsets belong to some other text or unit.
//!
//! **Fragmented spans** (`T1<TAB>Type 0 5;6 11<TAB>...`): when everything between the fragments
//! is whitespace (the usual case, a span brat had to cut at a line break), the fragments become
//! one annotation from the first start to the last end, which is exactly what Sitrep's brat
//! export splits. Otherwise each fragment becomes its own annotation, and the note, entity,
//! status and source of the `T` go to all of them.
//!
//! **Attributes** other than a claim's `Status`, **relations** other than a claim's `Source`
//! and **events** become lines of a note (the annotation's, the first argument's, the
//! trigger's), so nothing a corpus says of a span is lost; an event id used as a target stands
//! for its trigger. **Equivalences** (`*`) link their spans to one entity.
//!
//! **Re-imports**: a document whose text an article already holds goes into that article, and
//! a `T` with the same type and offsets as an annotation there is that annotation (its notes,
//! links and status are added to it, once), so importing a corpus twice changes nothing.
//!
//! The new annotations of all documents go in together at the end, as one
//! [`Edit::InsertAnnotations`]: one pass over the project for the whole corpus.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{ENTITY_DB, SOURCE_RELATION, STATUS_ATTRIBUTE};
use crate::io::formats::shared::{
    ArticleTexts, ImportReport, ImportTarget, InteropError, NoteLines, OffsetMap, TagResolver,
    TypeMap, normalize_with_map, read_text, title_from_text,
};
use crate::model::{
    Annotation, Article, CharSpan, ClaimStatus, Edit, Entity, Project, parse_external_id,
};

/// True when `dir` holds brat documents (a `.ann` file in it or in a folder below it).
pub fn is_brat_dir(dir: &Path) -> bool {
    let mut files = Vec::new();
    collect_files(dir, &mut files, 0);
    files
        .iter()
        .any(|f| f.extension().is_some_and(|e| e == "ann"))
}

/// Import every brat document (`NAME.ann` with `NAME.txt`) in `dir` and the folders below it,
/// in path order. Documents and lines that cannot be used are reported and skipped.
pub fn import_brat_dir(
    project: &mut Project,
    dir: &Path,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    std::fs::read_dir(dir).map_err(|e| InteropError::io(dir, e))?;
    let mut files = Vec::new();
    collect_files(dir, &mut files, 0);
    files.sort();
    let mut session = Session::new(map);
    crate::io::progress::set_total(files.len());
    for (done, path) in files.iter().enumerate() {
        crate::io::progress::advance(done);
        let shown = path.strip_prefix(dir).unwrap_or(path).display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("ann") => session.pair(project, path, &shown)?,
            Some("txt") if !path.with_extension("ann").is_file() => {
                session
                    .report
                    .warn(&shown, None, "no .ann file beside it; not imported");
            }
            _ => {}
        }
    }
    session.finish(project)
}

/// Import one brat document, given its `.ann` (or its `.txt`; the other file is found beside
/// it).
pub fn import_brat_pair(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    let ann = path.with_extension("ann");
    let mut session = Session::new(map);
    session.pair(project, &ann, &ann.display().to_string())?;
    session.finish(project)
}

/// Import one brat document from its two texts. `name` names the document in the report and
/// becomes the article's `imported_from` (with `.txt`).
pub fn import_brat_document(
    project: &mut Project,
    name: &str,
    txt: &str,
    ann: &str,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    let mut session = Session::new(map);
    session.document(project, name, txt, ann)?;
    session.finish(project)
}

/// Prefix of the stand-in ids of a document's new annotations (a NUL, which no real id has).
const PENDING_ID: &str = "\u{0}new-";

/// Folders nested deeper than this are not searched.
const MAX_DEPTH: usize = 16;

/// Every file in `dir` and the folders below it. A folder reached twice (through a symbolic
/// link back up the tree) is read once, so a link loop costs nothing, and a link that leads
/// out of `dir` (to `/`, say) is not followed, so the walk stays inside the folder given.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let mut seen = HashSet::new();
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    collect_files_once(dir, out, depth, &mut seen, &root);
}

fn collect_files_once(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    root: &Path,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if !real.starts_with(root) || !seen.insert(real) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files_once(&path, out, depth + 1, seen, root);
        } else {
            out.push(path);
        }
    }
}

/// State kept across the documents of one import: tags found or made, entities by reference.
struct Session<'m> {
    map: &'m TypeMap,
    tags: TagResolver,
    /// The project's articles by text, to find the one a document's text is already in.
    texts: ArticleTexts,
    /// brat normalisation reference (`sitrep:ent-3`, `Wikipedia:534366`) → entity id.
    entities: HashMap<String, String>,
    report: ImportReport,
    /// New annotations of every document so far, with stand-in ids; inserted together at the
    /// end, since one bulk insert costs one pass over the project where one per document
    /// would cost a pass each.
    pending: Vec<Annotation>,
    /// Number of the next stand-in id.
    next_pending: usize,
    /// `R` lines of relation types: (type as written, from, to), by annotation id (stand-in
    /// ids for new ones), made once the annotations have their ids.
    relations: Vec<(String, String, String)>,
}

/// One `T` line that made it into annotations.
struct Textbound {
    /// Indices into the document's annotation list (one, or one per fragment).
    anns: Vec<usize>,
}

impl<'m> Session<'m> {
    fn new(map: &'m TypeMap) -> Self {
        Self {
            map,
            tags: TagResolver::default(),
            texts: ArticleTexts::default(),
            entities: HashMap::new(),
            report: ImportReport::default(),
            pending: Vec::new(),
            next_pending: 0,
            relations: Vec::new(),
        }
    }

    /// Give the pending annotations their ids and insert them, as one edit.
    fn finish(mut self, project: &mut Project) -> Result<ImportReport, InteropError> {
        let pending = std::mem::take(&mut self.pending);
        let stand_ins: Vec<String> = pending.iter().map(|a| a.id.clone()).collect();
        let ids = self.report.insert_new(project, pending)?;
        let real: HashMap<String, String> = stand_ins.into_iter().zip(ids).collect();
        self.make_relations(project, &real)?;
        Ok(self.report)
    }

    /// The relations of `R` lines, once every annotation has its id: a type the project lacks
    /// is added (one edit), then every relation not there already (one edit).
    fn make_relations(
        &mut self,
        project: &mut Project,
        real: &HashMap<String, String>,
    ) -> Result<(), InteropError> {
        if self.relations.is_empty() {
            return Ok(());
        }
        let mut types = project.relation_types.clone();
        for (ty, _, _) in &self.relations {
            let known = types
                .iter()
                .any(|t| t.id == *ty || t.label.replace(' ', "_").eq_ignore_ascii_case(ty));
            if !known {
                types.push(crate::model::RelationType::new(ty, &ty.replace('_', " ")));
            }
        }
        if types != project.relation_types {
            self.report.apply(project, Edit::SetRelationTypes(types))?;
        }
        // Checked against sets here and inserted in one bulk edit: an import may bring tens of
        // thousands of relations.
        let relations = std::mem::take(&mut self.relations);
        let ids = project.alloc_ids("rel", relations.len());
        let anns: std::collections::HashSet<&str> =
            project.annotations.iter().map(|a| a.id.as_str()).collect();
        let mut seen: std::collections::HashSet<(String, String, String)> = project
            .relations
            .iter()
            .map(|r| (r.kind.clone(), r.from.clone(), r.to.clone()))
            .collect();
        let mut new = Vec::new();
        for ((ty, from, to), id) in relations.into_iter().zip(ids) {
            let kind = project
                .relation_types
                .iter()
                .find(|t| t.id == ty || t.label.replace(' ', "_").eq_ignore_ascii_case(&ty))
                .map_or(ty.clone(), |t| t.id.clone());
            let from = real.get(&from).cloned().unwrap_or(from);
            let to = real.get(&to).cloned().unwrap_or(to);
            let rel = crate::model::SpanRelation {
                id,
                kind,
                from,
                to,
                extra: Default::default(),
            };
            let ends_exist = anns.contains(rel.from.as_str()) && anns.contains(rel.to.as_str());
            if ends_exist
                && rel.from != rel.to
                && seen.insert((rel.kind.clone(), rel.from.clone(), rel.to.clone()))
            {
                new.push(rel);
            }
        }
        self.report.relations += new.len();
        if !new.is_empty() {
            self.report.apply(project, Edit::InsertRelations(new))?;
        }
        Ok(())
    }

    /// Read and import a `.ann` and the `.txt` beside it; unreadable files become warnings.
    fn pair(
        &mut self,
        project: &mut Project,
        ann_path: &Path,
        shown: &str,
    ) -> Result<(), InteropError> {
        let txt_path = ann_path.with_extension("txt");
        let txt = match read_text(&txt_path) {
            Ok(t) => t,
            Err(why) => {
                self.report.warn(
                    shown,
                    None,
                    format!("cannot read the .txt beside it: {why}; not imported"),
                );
                return Ok(());
            }
        };
        let ann = match read_text(ann_path) {
            Ok(t) => t,
            Err(why) => {
                self.report
                    .warn(shown, None, format!("{why}; not imported"));
                return Ok(());
            }
        };
        self.document(project, shown, &txt, &ann)
    }

    /// Import one document: the article, then its annotations with everything attached.
    fn document(
        &mut self,
        project: &mut Project,
        shown: &str,
        txt: &str,
        ann: &str,
    ) -> Result<(), InteropError> {
        let first_warning = self.report.warnings.len();
        let (text, offsets) = normalize_with_map(txt);
        let stem = Path::new(shown)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.to_owned());
        let imported_from = Path::new(shown)
            .with_extension("txt")
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{stem}.txt"));
        let mut target = ImportTarget::find_or_insert(
            project,
            &mut self.report,
            &mut self.texts,
            text,
            |id, text| {
                let mut article = Article::new(id, title_from_text(&text, &stem), text);
                article.imported_from = Some(imported_from);
                article
            },
        )?;
        // An earlier document of this import with the same text has spans waiting too.
        let article_id = target.article.clone();
        let is_new = target.is_new;
        // Skipped for an article just made: a scan of every pending span per document was
        // quadratic.
        for ann in self
            .pending
            .iter()
            .filter(|a| !is_new && a.article == article_id)
        {
            target.record(&ann.tag, ann.span(), &ann.id);
        }

        let ann_name = Path::new(shown).with_extension("ann").display().to_string();
        let mut doc = Doc {
            shown: ann_name,
            article: target.article.clone(),
            target,
            offsets,
            anns: Vec::new(),
            index_of: HashMap::new(),
            existing: HashSet::new(),
            ts: HashMap::new(),
            events: HashMap::new(),
            notes: HashMap::new(),
        };
        let lines: Vec<(usize, &str)> = ann
            .strip_prefix('\u{feff}')
            .unwrap_or(ann)
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect();
        // Text-bound annotations first, since the other lines point at them wherever they are;
        // then each event's trigger, so that anything pointing at an event reaches it.
        for &(n, line) in &lines {
            if line.starts_with('T') {
                self.textbound(project, &mut doc, n, line)?;
            }
        }
        for &(_, line) in &lines {
            if line.starts_with('E')
                && let Some((id, rest)) = line.split_once('\t')
                && let Some((_, trigger)) = rest
                    .split_whitespace()
                    .next()
                    .and_then(|first| first.split_once(':'))
            {
                doc.events.insert(id.to_owned(), trigger.to_owned());
            }
        }
        // Relations last: they need the entities that `N` lines give their arguments.
        for &(n, line) in &lines {
            if !line.starts_with('T') && !line.starts_with('R') {
                self.other_line(project, &mut doc, n, line)?;
            }
        }
        for &(n, line) in &lines {
            if line.starts_with('R') {
                self.relation(project, &mut doc, n, line)?;
            }
        }
        let (mut new, mut changed) = (Vec::new(), Vec::new());
        for (i, ann) in doc.anns.into_iter().enumerate() {
            if !doc.existing.contains(&i) {
                new.push(ann);
            } else if doc.target.before(&ann.id) != Some(&ann) {
                // A span the project had already, given a note, link or status it lacked.
                changed.push(ann);
            }
        }
        self.pending.extend(new);
        for ann in changed {
            self.report.apply(project, Edit::UpdateAnnotation(ann))?;
        }
        // The passes above met lines out of order; report them in file order.
        if let Some(mine) = self.report.warnings.get_mut(first_warning..) {
            mine.sort_by_key(|w| w.line);
        }
        Ok(())
    }

    fn textbound(
        &mut self,
        project: &mut Project,
        doc: &mut Doc,
        n: usize,
        line: &str,
    ) -> Result<(), InteropError> {
        let warn = |report: &mut ImportReport, msg: String| report.warn(&doc.shown, Some(n), msg);
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(head)) = (parts.next(), parts.next()) else {
            warn(
                &mut self.report,
                "a T line needs an id, a tab, then `Type start end`; skipped".into(),
            );
            return Ok(());
        };
        let given_text = parts.next();
        if doc.ts.contains_key(id) {
            warn(
                &mut self.report,
                format!("{id} is defined twice; this line skipped"),
            );
            return Ok(());
        }
        let Some((ty, offsets)) = head.trim().split_once([' ', '\t']) else {
            warn(
                &mut self.report,
                format!("{id}: no offsets after the type; skipped"),
            );
            return Ok(());
        };
        let frags = match parse_fragments(offsets, &doc.offsets) {
            Ok(f) => f,
            Err(why) => {
                warn(&mut self.report, format!("{id}: {why}; skipped"));
                return Ok(());
            }
        };
        let Some(article) = project.article(&doc.article) else {
            return Ok(());
        };
        // The text part joins the fragments' texts with a space; compare ignoring how
        // whitespace is laid out, since tools differ there.
        let found: Vec<&str> = frags.iter().filter_map(|f| article.slice(*f)).collect();
        let found = found.join(" ");
        if let Some(given) = given_text
            && squash_ws(given) != squash_ws(&found)
        {
            warn(
                &mut self.report,
                format!(
                    "{id}: the text {given:?} does not match {found:?} at those offsets (are they counted in another unit?); skipped"
                ),
            );
            return Ok(());
        }
        let spans = join_fragments(article.chars(), frags);
        let tag = self.tags.resolve(project, self.map, ty, &mut self.report)?;
        let mut made = Vec::new();
        for span in spans {
            if let Some(twin) = doc.target.twin(&tag, span) {
                // Already annotated (by an earlier import, or an earlier line of this file):
                // the lines that point at this T add to that annotation instead.
                self.report.annotations_present += 1;
                let i = match doc.index_of.get(twin) {
                    Some(&i) => i,
                    None => {
                        let Some(existing) = doc.target.before(twin).cloned() else {
                            continue;
                        };
                        let i = doc.anns.len();
                        doc.existing.insert(i);
                        doc.index_of.insert(existing.id.clone(), i);
                        doc.anns.push(existing);
                        i
                    }
                };
                if !made.contains(&i) {
                    made.push(i);
                }
                continue;
            }
            // A stand-in id until the document is done: all its ids are then taken at once.
            let ann = project.annotation_with_id(
                &doc.article,
                span,
                &tag,
                format!("{PENDING_ID}{}", self.next_pending),
            )?;
            self.next_pending += 1;
            doc.target.record(&tag, span, &ann.id);
            made.push(doc.anns.len());
            doc.index_of.insert(ann.id.clone(), doc.anns.len());
            doc.anns.push(ann);
        }
        doc.ts.insert(id.to_owned(), Textbound { anns: made });
        Ok(())
    }

    /// `#` notes, `N` normalisations, `A`/`M` attributes; other kinds are reported.
    fn other_line(
        &mut self,
        project: &mut Project,
        doc: &mut Doc,
        n: usize,
        line: &str,
    ) -> Result<(), InteropError> {
        if line.trim().is_empty() {
            return Ok(());
        }
        let mut parts = line.splitn(3, '\t');
        let id = parts.next().unwrap_or_default();
        let head: Vec<&str> = parts
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        let tail = parts.next().unwrap_or_default();
        let shown = doc.shown.clone();
        let mut warn = |msg: String| self.report.warn(&shown, Some(n), msg);
        match id.chars().next() {
            Some('#') => {
                let is_note = id
                    .strip_prefix('#')
                    .is_some_and(|num| num.chars().all(|c| c.is_ascii_digit()))
                    && head.len() == 2;
                if !is_note {
                    return Ok(()); // a comment line, not an annotator note
                }
                let Some(anns) = doc.target(head.get(1)) else {
                    warn(format!(
                        "{id}: the note's target is not a text-bound annotation here; skipped"
                    ));
                    return Ok(());
                };
                self.report.notes += usize::from(doc.add_note(&anns, tail));
            }
            Some('N') => {
                let (Some(target), Some(reference)) = (head.get(1), head.get(2)) else {
                    warn(format!("{id}: expected `Reference T1 db:id`; skipped"));
                    return Ok(());
                };
                let Some(anns) = doc.target(Some(target)) else {
                    warn(format!(
                        "{id}: target {target} is not a text-bound annotation here; skipped"
                    ));
                    return Ok(());
                };
                for i in anns {
                    self.link(project, doc, i, Some(*reference), tail)?;
                }
            }
            Some('A' | 'M') => {
                let name = head.first().copied().unwrap_or_default();
                let status = head.get(2).and_then(|v| {
                    ClaimStatus::ALL
                        .into_iter()
                        .find(|s| s.as_str().eq_ignore_ascii_case(v))
                });
                let anns = doc.target(head.get(1));
                match (name.eq_ignore_ascii_case(STATUS_ATTRIBUTE), status, anns) {
                    (true, Some(status), Some(anns))
                        if anns
                            .iter()
                            .all(|&i| doc.anns.get(i).is_some_and(|a| a.claim.is_some())) =>
                    {
                        for i in anns {
                            if let Some(claim) = doc.anns.get_mut(i).and_then(|a| a.claim.as_mut())
                            {
                                claim.status = status;
                            }
                        }
                        self.report.claim_details += 1;
                    }
                    (_, _, Some(anns)) => {
                        // Any other attribute (brat's `Negation`, a corpus's `Category`) has
                        // no field of its own here, so it is kept where an analyst sees it:
                        // as a line of the annotation's note.
                        let line = match head.get(2) {
                            Some(value) => format!("{name}: {value}"),
                            None => name.to_owned(),
                        };
                        self.report.notes += usize::from(doc.add_note(&anns, &line));
                    }
                    (_, _, None) => warn(format!(
                        "{id}: attribute `{}` does not point at a text-bound annotation here; skipped",
                        head.join(" ")
                    )),
                }
            }
            Some('E') => {
                // `E1<TAB>Attack:T3 Agent:T1 Place:T2`: Sitrep has no events, so the event is
                // written into its trigger's note with the text of each argument.
                let Some((ty, _)) = head.first().and_then(|h| h.split_once(':')) else {
                    warn(format!(
                        "{id}: expected `Type:Trigger Role:Arg ...`; skipped"
                    ));
                    return Ok(());
                };
                let Some(trigger) = doc.target(Some(&id)) else {
                    warn(format!(
                        "{id}: its trigger is not a text-bound annotation here; skipped"
                    ));
                    return Ok(());
                };
                match doc.describe_args(head.get(1..).unwrap_or_default()) {
                    Ok(args) => {
                        let line = if args.is_empty() {
                            ty.to_owned()
                        } else {
                            format!("{ty}: {args}")
                        };
                        self.report.notes += usize::from(doc.add_note(&trigger, &line));
                    }
                    Err(arg) => warn(format!(
                        "{id}: argument {arg} is not an annotation here; skipped"
                    )),
                }
            }
            Some('*') => {
                // `*<TAB>Equiv T1 T5`: the spans name one thing, so they get one entity.
                let members: Option<Vec<Vec<usize>>> = head
                    .get(1..)
                    .unwrap_or_default()
                    .iter()
                    .map(|m| doc.target(Some(m)))
                    .collect();
                let Some(members) = members.filter(|m| m.len() >= 2) else {
                    warn(format!(
                        "{id}: an equivalence needs two or more text-bound annotations here; skipped"
                    ));
                    return Ok(());
                };
                let key = format!("*{}:{n}", doc.shown);
                let members: Vec<usize> = members.into_iter().flatten().collect();
                if let Some(entity) = members
                    .iter()
                    .find_map(|&i| doc.anns.get(i).and_then(|a| a.entity.clone()))
                {
                    self.entities.insert(key.clone(), entity);
                }
                for i in members {
                    if doc.anns.get(i).is_some_and(|a| a.entity.is_none()) {
                        self.link(project, doc, i, Some(&key), "")?;
                    }
                }
            }
            _ => warn(format!("unrecognised line {:?}; skipped", truncate(line))),
        }
        Ok(())
    }

    /// `R` lines: a claim's source is kept; other relations are reported.
    fn relation(
        &mut self,
        project: &mut Project,
        doc: &mut Doc,
        n: usize,
        line: &str,
    ) -> Result<(), InteropError> {
        let mut parts = line.splitn(3, '\t');
        let id = parts.next().unwrap_or_default();
        let head: Vec<&str> = parts
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        let ty = head.first().copied().unwrap_or_default();
        let arg = |role: &str| {
            head.iter()
                .skip(1)
                .find_map(|a| a.strip_prefix(role).and_then(|a| a.strip_prefix(':')))
        };
        let claims = doc.target(arg("Arg1").as_ref());
        let source = doc.target(arg("Arg2").as_ref());
        let fits = ty.eq_ignore_ascii_case(SOURCE_RELATION)
            && claims.as_ref().is_some_and(|c| {
                c.iter()
                    .all(|&i| doc.anns.get(i).is_some_and(|a| a.claim.is_some()))
            });
        let (true, Some(claims), Some(source)) = (fits, claims, source) else {
            // A typed link between two mentions of this document becomes a relation.
            if let (Some(from), Some(to)) = (
                doc.target(arg("Arg1").as_ref()),
                doc.target(arg("Arg2").as_ref()),
            ) && !ty.is_empty()
                && !ty.eq_ignore_ascii_case(SOURCE_RELATION)
                && let (Some(&f), Some(&t)) = (from.first(), to.first())
                && let (Some(fa), Some(ta)) = (doc.anns.get(f), doc.anns.get(t))
                && fa.id != ta.id
            {
                self.relations
                    .push((ty.to_owned(), fa.id.clone(), ta.id.clone()));
                return Ok(());
            }
            return self.relation_as_note(doc, n, id, &head);
        };
        let Some(&mention) = source.first() else {
            return Ok(());
        };
        // The source is the entity the mention stands for; a mention without an `N` line
        // gets an entity named after its text.
        if doc.anns.get(mention).is_some_and(|a| a.entity.is_none()) {
            self.link(project, doc, mention, None, "")?;
        }
        let entity = doc.anns.get(mention).and_then(|a| a.entity.clone());
        for i in claims {
            if let Some(claim) = doc.anns.get_mut(i).and_then(|a| a.claim.as_mut()) {
                claim.source = entity.clone();
            }
        }
        self.report.claim_details += 1;
        Ok(())
    }

    /// A relation other than a claim's source (`R2<TAB>Located Arg1:T1 Arg2:T2`) has no place
    /// of its own, so it goes into its first argument's note with the text of the others:
    /// `Located: Arg2 “Kafr Nabl”`.
    fn relation_as_note(
        &mut self,
        doc: &mut Doc,
        n: usize,
        id: &str,
        head: &[&str],
    ) -> Result<(), InteropError> {
        let ty = head.first().copied().unwrap_or_default();
        let args = head.get(1..).unwrap_or_default();
        let first = args
            .first()
            .and_then(|a| a.split_once(':'))
            .and_then(|(_, t)| doc.target(Some(&t)));
        let described = doc.describe_args(args.get(1..).unwrap_or_default());
        match (first, described) {
            (Some(anns), Ok(rest)) if !ty.is_empty() => {
                let line = if rest.is_empty() {
                    ty.to_owned()
                } else {
                    format!("{ty}: {rest}")
                };
                self.report.notes += usize::from(doc.add_note(&anns, &line));
            }
            _ => self.report.warn(
                &doc.shown,
                Some(n),
                format!(
                    "{id}: relation `{}` does not join annotations of this document; skipped",
                    head.join(" ")
                ),
            ),
        }
        Ok(())
    }

    /// Link annotation `i` to the entity with this reference (or, without one, this name and
    /// tag), finding it in the project or creating it, and record new spellings as aliases.
    fn link(
        &mut self,
        project: &mut Project,
        doc: &mut Doc,
        i: usize,
        reference: Option<&str>,
        name: &str,
    ) -> Result<(), InteropError> {
        let Some(ann) = doc.anns.get(i) else {
            return Ok(());
        };
        if ann.entity.is_some() && doc.existing.contains(&i) {
            // An annotation the project had already keeps the entity it was linked to.
            return Ok(());
        }
        let spelling = ann.exact.trim().to_owned();
        let name = if name.trim().is_empty() {
            spelling.clone()
        } else {
            name.trim().to_owned()
        };
        let tag = ann.tag.clone();
        // A reference into an outside knowledge base (`Wikidata:Q1520`) is kept on the entity;
        // Sitrep's own (`sitrep:ent-3`) only ties the lines of this import together, since the
        // numbers of another project mean nothing here.
        let external = reference.filter(|r| {
            parse_external_id(r).is_some_and(|(db, _)| !db.eq_ignore_ascii_case(ENTITY_DB))
        });
        let known = reference
            .and_then(|r| self.entities.get(r))
            .filter(|id| project.entity(id).is_some())
            .cloned()
            .or_else(|| {
                let external = external?;
                project
                    .entities
                    .iter()
                    .find(|e| e.has_external_id(external))
                    .map(|e| e.id.clone())
            })
            .or_else(|| {
                project
                    .entities
                    .iter()
                    .find(|e| e.tag == tag && e.names().any(|n| n == name))
                    .map(|e| e.id.clone())
            });
        let id = match known {
            Some(id) => {
                if let Some(entity) = project.entity(&id) {
                    let mut updated = entity.clone();
                    if !spelling.is_empty() && !updated.names().any(|n| n == spelling) {
                        updated.aliases.push(spelling);
                    }
                    if let Some(external) = external
                        && !updated.has_external_id(external)
                    {
                        updated.external_ids.push(external.to_owned());
                    }
                    if &updated != entity {
                        self.report.apply(project, Edit::UpdateEntity(updated))?;
                    }
                }
                id
            }
            None => {
                let mut entity = Entity::new(project.alloc_id("ent"), tag, name.clone());
                if !spelling.is_empty() && spelling != name {
                    entity.aliases.push(spelling);
                }
                entity.external_ids.extend(external.map(str::to_owned));
                let id = entity.id.clone();
                let index = project.entities.len();
                self.report
                    .apply(project, Edit::InsertEntity { index, entity })?;
                self.report.entities += 1;
                id
            }
        };
        if let Some(reference) = reference {
            self.entities.insert(reference.to_owned(), id.clone());
        }
        if let Some(ann) = doc.anns.get_mut(i) {
            ann.entity = Some(id);
        }
        Ok(())
    }
}

/// One document being imported.
struct Doc {
    /// The `.ann` file as named in warnings.
    shown: String,
    article: String,
    /// The article and the spans it already has.
    target: ImportTarget,
    offsets: OffsetMap,
    /// Annotations built so far; inserted into the project when the document is done.
    anns: Vec<Annotation>,
    /// Annotation id → its index in `anns`.
    index_of: HashMap<String, usize>,
    /// Indices into `anns` of annotations the project already had (updated, not inserted).
    existing: HashSet<usize>,
    ts: HashMap<String, Textbound>,
    /// Event id → the `T` id of its trigger.
    events: HashMap<String, String>,
    /// Index into `anns` → the lines of its note, once a line was added to it.
    notes: HashMap<usize, NoteLines>,
}

impl Doc {
    /// The annotations a `T` id stands for (an event id stands for its trigger's).
    fn target(&self, t: Option<&&str>) -> Option<Vec<usize>> {
        let t = t?;
        let t = self.events.get(*t).map_or(*t, String::as_str);
        self.ts.get(t).map(|tb| tb.anns.clone())
    }

    /// Add a line to the notes of these annotations (once each); true when any changed.
    fn add_note(&mut self, anns: &[usize], line: &str) -> bool {
        let mut added = false;
        for &i in anns {
            if let Some(ann) = self.anns.get_mut(i) {
                let lines = self
                    .notes
                    .entry(i)
                    .or_insert_with(|| NoteLines::of(&ann.note));
                added |= lines.add(&mut ann.note, line);
            }
        }
        added
    }

    /// `Role:T1 Role2:E2` as `Role “text”, Role2 “text”` (an event by its trigger's text), or
    /// the first argument that is not an annotation here.
    fn describe_args(&self, args: &[&str]) -> Result<String, String> {
        let mut out = Vec::new();
        for arg in args {
            let (role, target) = arg.split_once(':').ok_or_else(|| (*arg).to_owned())?;
            let text = self
                .target(Some(&target))
                .and_then(|anns| anns.first().and_then(|&i| self.anns.get(i)))
                .map(|a| a.exact.split_whitespace().collect::<Vec<_>>().join(" "))
                .ok_or_else(|| target.to_owned())?;
            out.push(format!("{role} “{text}”"));
        }
        Ok(out.join(", "))
    }
}

/// Parse `start end;start end`, mapping each offset into the normalised text.
fn parse_fragments(offsets: &str, map: &OffsetMap) -> Result<Vec<CharSpan>, String> {
    let mut frags = Vec::new();
    for frag in offsets.split(';') {
        let nums: Vec<&str> = frag.split_whitespace().collect();
        let [start, end] = nums.as_slice() else {
            return Err(format!("fragment {:?} is not `start end`", frag.trim()));
        };
        let (Ok(start), Ok(end)) = (start.parse::<usize>(), end.parse::<usize>()) else {
            return Err(format!("offsets {:?} are not whole numbers", frag.trim()));
        };
        if start >= end {
            return Err(format!("fragment {start} {end} is empty or reversed"));
        }
        let (Some(s), Some(e)) = (map.map(start), map.map(end)) else {
            return Err(format!(
                "fragment {start} {end} lies beyond the end of the text"
            ));
        };
        // A fragment of only a CR (of a CRLF) or a byte-order mark covers nothing once the
        // text is normalised: dropped here, so the line is skipped with a message below
        // instead of the project refusing an empty span and the whole import stopping.
        if s < e {
            frags.push(CharSpan::new(s, e));
        }
    }
    if frags.is_empty() {
        return Err(
            "the span covers only a line ending or a byte-order mark, which Sitrep's text \
             does not keep; skipped"
                .into(),
        );
    }
    Ok(frags)
}

/// Apply the fragment policy described in the module documentation.
fn join_fragments(chars: &[char], mut frags: Vec<CharSpan>) -> Vec<CharSpan> {
    frags.sort();
    let gaps_are_blank = frags.windows(2).all(|w| {
        let (a, b) = (w[0], w[1]);
        b.start <= a.end
            || chars
                .get(a.end.0..b.start.0)
                .is_some_and(|gap| gap.iter().all(|c| c.is_whitespace()))
    });
    match (frags.first(), frags.iter().map(|f| f.end).max()) {
        (Some(first), Some(end)) if gaps_are_blank => vec![CharSpan {
            start: first.start,
            end,
        }],
        _ => frags,
    }
}

/// Collapse runs of whitespace into one space and trim.
fn squash_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line shortened for a message.
fn truncate(line: &str) -> String {
    let mut s: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_join_across_whitespace_only() {
        let chars: Vec<char> = "ab\n cd, ef".chars().collect();
        let joined = join_fragments(&chars, vec![CharSpan::new(4, 6), CharSpan::new(0, 2)]);
        assert_eq!(joined, vec![CharSpan::new(0, 6)]);
        let apart = join_fragments(&chars, vec![CharSpan::new(0, 2), CharSpan::new(8, 10)]);
        assert_eq!(apart, vec![CharSpan::new(0, 2), CharSpan::new(8, 10)]);
    }

    #[test]
    fn bad_offsets_are_explained() {
        let (_, map) = normalize_with_map("hello");
        assert!(
            parse_fragments("1 x", &map)
                .unwrap_err()
                .contains("whole numbers")
        );
        assert!(parse_fragments("3 3", &map).unwrap_err().contains("empty"));
        assert!(parse_fragments("2 9", &map).unwrap_err().contains("beyond"));
        assert_eq!(parse_fragments("0 2;3 5", &map).unwrap().len(), 2);
    }
}
