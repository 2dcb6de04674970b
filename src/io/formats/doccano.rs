//! doccano JSONL (sequence labelling), both ways.
//!
//! One JSON object per line, one line per article:
//! `{"id": "art-1", "text": "...", "label": [[start, end, "Actor"], ...]}`, offsets in Unicode
//! code points of `text`, end exclusive. The importer also reads doccano's older
//! `"entities": [{"start_offset": 0, "end_offset": 5, "label": "PER"}]` form and a `"data"`
//! field in place of `"text"`. Only spans travel out: doccano has no place for entities, notes
//! or claim details. Coming in, the `relations` of doccano's relation projects become lines of
//! their `from` annotation's note.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value, json};

use super::shared::{
    ArticleTexts, ImportReport, ImportTarget, InteropError, TagResolver, TypeMap, add_note_line,
    normalize_with_map, read_foreign_file, title_from_text,
};
use crate::io::write_atomic;
use crate::model::{Annotation, Article, CharSpan, Edit, Project};

/// The label written for each tag: its label when no other tag shares it, else its id.
/// Worked out once for all tags (asking per annotation cost a scan of the tags each time).
fn labels_of(project: &Project) -> HashMap<&str, &str> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for tag in &project.tags {
        *uses.entry(tag.label.as_str()).or_default() += 1;
    }
    let mut labels = HashMap::new();
    for tag in &project.tags {
        // The first tag of an id is the one `Project::tag` finds.
        labels.entry(tag.id.as_str()).or_insert_with(|| {
            if uses.get(tag.label.as_str()) == Some(&1) {
                tag.label.as_str()
            } else {
                tag.id.as_str()
            }
        });
    }
    labels
}

/// The project as doccano JSONL: one line per article, each ending in `\n`.
pub fn to_doccano(project: &Project) -> Result<String, InteropError> {
    let mut out = String::new();
    let labels_by_tag = labels_of(project);
    let by_article = project.annotations_by_article();
    for article in &project.articles {
        let labels: Vec<Value> = by_article
            .get(article.id.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|a| {
                let label = labels_by_tag.get(a.tag.as_str()).copied().unwrap_or(&a.tag);
                json!([a.start.0, a.end.0, label])
            })
            .collect();
        let line = json!({
            "id": article.id,
            "text": article.text,
            "label": labels,
            "title": article.title,
        });
        out.push_str(&serde_json::to_string(&line)?);
        out.push('\n');
    }
    Ok(out)
}

/// Write the project as doccano JSONL to `path`, atomically. Returns the number of lines.
pub fn write_doccano(project: &Project, path: &Path) -> Result<usize, InteropError> {
    let text = to_doccano(project)?;
    write_atomic(path, text.as_bytes())?;
    Ok(project.articles.len())
}

/// Import a doccano JSONL file: one article per line. Lines and spans that cannot be used are
/// reported with their line number and skipped.
pub fn import_doccano_file(
    project: &mut Project,
    path: &Path,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    let shown = path.display().to_string();
    let content = read_foreign_file(path)?;
    import_doccano_str(project, &shown, &content, map)
}

/// Import doccano JSONL from a string; `name` names it in the report and in the articles'
/// `imported_from`.
pub fn import_doccano_str(
    project: &mut Project,
    name: &str,
    content: &str,
    map: &TypeMap,
) -> Result<ImportReport, InteropError> {
    let mut report = ImportReport::default();
    let mut tags = TagResolver::default();
    let mut texts = ArticleTexts::default();
    let mut pending: Vec<Annotation> = Vec::new();
    let file_name = Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    // Lines that were JSON objects: with none among lines that are not blank, the file is
    // not doccano data at all, which is an error rather than an import of nothing.
    let mut objects = 0;
    let mut first_problem = None;
    // Counting lines is cheap beside parsing them, and gives the window a true total.
    crate::io::progress::set_total(content.lines().count());
    for (i, line) in content.lines().enumerate() {
        crate::io::progress::advance(i);
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let obj = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(obj)) => {
                objects += 1;
                obj
            }
            Ok(_) => {
                first_problem.get_or_insert_with(|| format!("line {n} is not a JSON object"));
                report.warn(name, Some(n), "not a JSON object; line skipped");
                continue;
            }
            Err(e) => {
                first_problem.get_or_insert_with(|| format!("line {n} is not JSON ({e})"));
                report.warn(name, Some(n), format!("not JSON ({e}); line skipped"));
                continue;
            }
        };
        let Some(original) = obj
            .get("text")
            .or_else(|| obj.get("data"))
            .and_then(Value::as_str)
        else {
            report.warn(name, Some(n), "no \"text\" string; line skipped");
            continue;
        };
        let (text, offsets) = normalize_with_map(original);
        let title = match obj.get("title").and_then(Value::as_str) {
            Some(t) if !t.trim().is_empty() => t.trim().to_owned(),
            _ => title_from_text(&text, &format!("{file_name} line {n}")),
        };
        let mut target =
            ImportTarget::find_or_insert(project, &mut report, &mut texts, text, |id, text| {
                let mut article = Article::new(id, title, text);
                article.imported_from = Some(file_name.clone());
                article
            })?;
        let article_id = target.article.clone();
        // An earlier line of this file with the same text has spans waiting too.
        let is_new = target.is_new;
        // Skipped for an article just made: a scan of every pending span per document was
        // quadratic.
        for ann in pending
            .iter()
            .filter(|a| !is_new && a.article == article_id)
        {
            target.record(&ann.tag, ann.span(), &ann.id);
        }

        let mut seen = HashSet::new();
        // doccano entity id → the annotation it became (or already was), for the relations.
        let mut by_doccano_id: Vec<(Value, Made)> = Vec::new();
        let mut new: Vec<Annotation> = Vec::new();
        for (start, end, label, doccano_id) in spans(&obj, name, n, &mut report) {
            let (Some(s), Some(e)) = (offsets.map(start), offsets.map(end)) else {
                report.warn(
                    name,
                    Some(n),
                    format!(
                        "span [{start}, {end}, {label:?}] lies beyond the end of the text; skipped"
                    ),
                );
                continue;
            };
            if s >= e {
                report.warn(
                    name,
                    Some(n),
                    format!("span [{start}, {end}, {label:?}] is empty or reversed; skipped"),
                );
                continue;
            }
            let tag = tags.resolve(project, map, &label, &mut report)?;
            if !seen.insert((tag.clone(), s, e)) {
                report.warn(
                    name,
                    Some(n),
                    format!("span [{start}, {end}, {label:?}] is given twice; kept once"),
                );
                continue;
            }
            let span = CharSpan::new(s, e);
            if let Some(twin) = target.twin(&tag, span) {
                report.annotations_present += 1;
                if let Some(id) = doccano_id {
                    let made = match new.iter().position(|a| a.id == twin) {
                        Some(i) => Made::New(i),
                        None => Made::Existing(twin.to_owned()),
                    };
                    by_doccano_id.push((id, made));
                }
                continue;
            }
            // A stand-in id (with a NUL, which no real id has) until the file is done.
            let ann = project.annotation_with_id(
                &article_id,
                span,
                &tag,
                format!("\u{0}{}", pending.len() + new.len()),
            )?;
            target.record(&tag, span, &ann.id);
            if let Some(id) = doccano_id {
                by_doccano_id.push((id, Made::New(new.len())));
            }
            new.push(ann);
        }
        let changed = relations_as_notes(
            project,
            &obj,
            &by_doccano_id,
            &mut new,
            name,
            n,
            &mut report,
        );
        pending.extend(new);
        for ann in changed {
            report.apply(project, Edit::UpdateAnnotation(ann))?;
        }
    }
    if objects == 0
        && let Some(why) = first_problem
    {
        return Err(InteropError::NotTheFormat {
            path: name.to_owned(),
            format: "doccano JSONL",
            why,
        });
    }
    // The new annotations of every line go in together: one pass over the project instead of
    // one per line.
    report.insert_new(project, pending)?;
    Ok(report)
}

/// What a doccano entity became: a new annotation of this line (its index) or one the article
/// had already (its id).
enum Made {
    New(usize),
    Existing(String),
}

/// doccano's relation projects add `"relations": [{"from_id", "to_id", "type"}]` between
/// entities. Sitrep has no relations between spans, so each becomes a line of its `from`
/// annotation's note naming the other by its text (`Located in: “Ariha”`), as brat relations do.
///
/// Notes go onto the line's `new` annotations directly; the annotations the article had
/// already that gain a note are returned, to be updated.
fn relations_as_notes(
    project: &Project,
    obj: &Map<String, Value>,
    by_doccano_id: &[(Value, Made)],
    new: &mut [Annotation],
    name: &str,
    n: usize,
    report: &mut ImportReport,
) -> Vec<Annotation> {
    let mut changed: Vec<Annotation> = Vec::new();
    let made_of = |id: Option<&Value>| {
        let id = id?;
        by_doccano_id
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, made)| made)
    };
    let relations = obj.get("relations").and_then(Value::as_array);
    for item in relations.into_iter().flatten() {
        let from = made_of(item.get("from_id"));
        let to = made_of(item.get("to_id")).and_then(|made| match made {
            Made::New(i) => new.get(*i).map(|a| a.exact.clone()),
            Made::Existing(id) => project.annotation(id).map(|a| a.exact.clone()),
        });
        let kind = item.get("type").and_then(Value::as_str);
        let (Some(from), Some(to), Some(kind)) = (from, to, kind) else {
            report.warn(
                name,
                Some(n),
                format!("relation {item} does not join two entities of this line; skipped"),
            );
            continue;
        };
        let line = format!(
            "{kind}: “{}”",
            to.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let ann = match from {
            Made::New(i) => new.get_mut(*i),
            Made::Existing(id) => {
                if !changed.iter().any(|a| &a.id == id)
                    && let Some(a) = project.annotation(id)
                {
                    changed.push(a.clone());
                }
                changed.iter_mut().find(|a| &a.id == id)
            }
        };
        if let Some(ann) = ann
            && add_note_line(&mut ann.note, &line)
        {
            report.notes += 1;
        }
    }
    changed.retain(|a| project.annotation(&a.id) != Some(a));
    changed
}

/// The `(start, end, label, id)` spans of one line, from `label`/`labels` triples or
/// `entities` objects (which have an `id` that relations point at); malformed entries are
/// reported.
fn spans(
    obj: &Map<String, Value>,
    name: &str,
    n: usize,
    report: &mut ImportReport,
) -> Vec<(usize, usize, String, Option<Value>)> {
    let mut out = Vec::new();
    let as_offset = |v: Option<&Value>| {
        v.and_then(Value::as_u64)
            .and_then(|x| usize::try_from(x).ok())
    };
    let triples = obj
        .get("label")
        .or_else(|| obj.get("labels"))
        .and_then(Value::as_array);
    for item in triples.into_iter().flatten() {
        let arr = item.as_array();
        let start = as_offset(arr.and_then(|a| a.first()));
        let end = as_offset(arr.and_then(|a| a.get(1)));
        let label = arr.and_then(|a| a.get(2)).and_then(Value::as_str);
        match (start, end, label, arr.map(Vec::len)) {
            (Some(s), Some(e), Some(l), Some(3)) => out.push((s, e, l.to_owned(), None)),
            _ => report.warn(
                name,
                Some(n),
                format!("label {item} is not [start, end, \"LABEL\"] (a document-level label has no place in Sitrep); skipped"),
            ),
        }
    }
    let entities = obj.get("entities").and_then(Value::as_array);
    for item in entities.into_iter().flatten() {
        let start = as_offset(item.get("start_offset"));
        let end = as_offset(item.get("end_offset"));
        let label = item.get("label").and_then(Value::as_str);
        match (start, end, label) {
            (Some(s), Some(e), Some(l)) => out.push((s, e, l.to_owned(), item.get("id").cloned())),
            _ => report.warn(
                name,
                Some(n),
                format!("entity {item} lacks start_offset, end_offset or label; skipped"),
            ),
        }
    }
    out
}
