//! The command line: headless subcommands over the library, and the GUI launcher.
//!
//! Each subcommand is one function taking its parsed arguments and a writer for its report, so
//! tests can run them in-process and new subcommands are a variant
//! in [`Command`], a function, and one line in [`run`].

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::export::{ExportError, ExportFormat as IncidentExport};
use crate::io::import::{self, ImportError};
use crate::io::incident_file::{IncidentLoadError, IncidentParseError, is_incident_json};
use crate::io::interop::{InteropError, TypeMap};
use crate::io::interop_cli::{self, ExportFormat as AnnotationExport};
use crate::io::{LoadError, SaveError, load_incident, load_project, save_project};
use crate::model::{self, Edit, EditError, Problem, Project};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Annotate news articles and build evidence-backed incident records",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without one, the workbench window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project or incident files to open in the workbench.
    pub files: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open files in the workbench window.
    Open {
        /// Project or incident files.
        files: Vec<PathBuf>,
    },
    /// Create a project, importing articles (.txt, .md, .html). Never overwrites a file.
    New {
        /// The project file to create, e.g. `convoys.sitrep`.
        project: PathBuf,
        /// Articles to import.
        articles: Vec<PathBuf>,
        /// Project name (default: the file name without extension).
        #[arg(long)]
        name: Option<String>,
        /// For brat, doccano and W3C input: foreign types to tags, e.g. `PER=actor,LOC=location`.
        #[arg(long, value_name = "TYPE=tag,...")]
        map: Option<String>,
    },
    /// Add articles to a project, or with `--replace` give one article a newer text.
    Import {
        /// The project file.
        project: PathBuf,
        /// Articles to import (with `--replace`: the one file with the new text).
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// For brat, doccano and W3C input: foreign types to tags, e.g. `PER=actor,LOC=location`.
        #[arg(long, value_name = "TYPE=tag,...", conflicts_with = "replace")]
        map: Option<String>,
        /// Replace this article's text with the one FILE (.txt, .md, .html), re-anchoring its
        /// annotations from their quotes; those that cannot be placed are kept as orphans.
        #[arg(long, value_name = "ARTICLE_ID")]
        replace: Option<String>,
    },
    /// Annotate every whole-word occurrence of TEXT in every article with TAG.
    Tag {
        /// The project file.
        project: PathBuf,
        /// Tag id: actor, location, claim or a custom tag of the project.
        #[arg(long)]
        tag: String,
        /// The text to find (case-sensitive, whole words).
        #[arg(long = "match", value_name = "TEXT")]
        text: String,
    },
    /// List unannotated mentions of known entities (names and aliases, whole words,
    /// case-insensitive, either apostrophe), minus rejected ones; or accept them all.
    Suggest {
        /// The project file.
        project: PathBuf,
        /// One JSON object per line: `article`, `start`, `end`, `exact`, `entity`.
        #[arg(long, conflicts_with = "accept")]
        json: bool,
        /// Annotate every suggestion, linked to its entity, and save.
        #[arg(long)]
        accept: bool,
    },
    /// Validate a project or incident file (`*.incident.json`): a summary when it is sound,
    /// every problem when not.
    Check {
        /// The file to check.
        file: PathBuf,
    },
    /// Export annotations as brat standoff (a folder), W3C Web Annotation (.jsonld) or doccano
    /// JSONL (.jsonl), offsets in Unicode code points; or incidents as one incident file each
    /// (a folder), a CSV with ACLED-style columns, or GeoJSON points.
    Export {
        /// The project file.
        project: PathBuf,
        /// brat, w3c, doccano, incidents, csv or geojson.
        #[arg(long, value_parser = parse_export_format)]
        format: ExportKind,
        /// The folder (brat, incidents) or file (the others) to write; `-` writes a file
        /// format to standard output.
        #[arg(long)]
        out: PathBuf,
    },
    /// Count articles, annotations per tag, entities and incidents.
    Stats {
        /// The project file.
        project: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Why a command failed. Displayed as one line after `sitrep: `.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line could not be parsed.
    #[error("{0}")]
    Usage(String),
    /// A project could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A project could not be saved.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// An article could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A brat, doccano or W3C import or export failed.
    #[error(transparent)]
    Interop(#[from] InteropError),
    /// The project refused a change.
    #[error("{path}: {source}")]
    Edit {
        /// The project file.
        path: PathBuf,
        /// What the model said.
        source: EditError,
    },
    /// `new` was pointed at an existing file.
    #[error(
        "{0} already exists; `sitrep new` never overwrites a file (use `sitrep import` to add articles)"
    )]
    Exists(PathBuf),
    /// `tag` named a tag the project does not have.
    #[error("{path}: there is no tag {tag:?} (this project has: {known})")]
    UnknownTag {
        /// The project file.
        path: PathBuf,
        /// The tag asked for.
        tag: String,
        /// The tags there are, comma-separated.
        known: String,
    },
    /// `tag --match` was given only whitespace.
    #[error("--match needs some text to look for")]
    EmptyMatch,
    /// `import --replace` named an article the project does not have.
    #[error("{path}: there is no article {id:?} (this project has: {known})")]
    UnknownArticle {
        /// The project file.
        path: PathBuf,
        /// The article id asked for.
        id: String,
        /// The article ids there are, comma-separated.
        known: String,
    },
    /// `import --replace` was given other than exactly one file.
    #[error("--replace takes exactly one FILE with the new text (got {0})")]
    ReplaceNeedsOneFile(usize),
    /// `check` found problems (they were listed on standard output).
    #[error("{path}: {count} problem{} found", if *.count == 1 { "" } else { "s" })]
    Invalid {
        /// The file.
        path: PathBuf,
        /// How many.
        count: usize,
    },
    /// An export failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// An incident file could not be loaded.
    #[error(transparent)]
    LoadIncident(#[from] IncidentLoadError),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// The workbench window failed.
    #[error("{0:#}")]
    Gui(anyhow::Error),
}

/// Run the program with these arguments (the first is the program name), printing reports to
/// standard output and a one-line `sitrep: ...` message to standard error on failure.
/// Exit code 0 on success, 1 on any failure.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let stdout = std::io::stdout();
    let result = run(args, &mut stdout.lock());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sitrep: {}", one_line(&err.to_string()));
            ExitCode::from(1)
        }
    }
}

/// Parse the arguments and run the command, writing its report to `out`.
pub fn run<I, T>(args: I, out: &mut dyn Write) -> Result<(), CliError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                write!(out, "{err}")?;
                return Ok(());
            }
            return Err(CliError::Usage(usage_line(&err.to_string())));
        }
    };
    match cli.command {
        None => open_gui(cli.files),
        Some(Command::Open { files }) => open_gui(files),
        Some(Command::New {
            project,
            articles,
            name,
            map,
        }) => cmd_new(&project, &articles, name, &parse_map(map)?, out),
        Some(Command::Import {
            project,
            articles,
            map: _,
            replace: Some(article),
        }) => cmd_replace(&project, &article, &articles, out),
        Some(Command::Import {
            project,
            articles,
            map,
            replace: None,
        }) => cmd_import(&project, &articles, &parse_map(map)?, out),
        Some(Command::Tag { project, tag, text }) => cmd_tag(&project, &tag, &text, out),
        Some(Command::Check { file }) => cmd_check(&file, out),
        Some(Command::Export {
            project,
            format,
            out: target,
        }) => cmd_export(&project, format, &target, out),
        Some(Command::Suggest {
            project,
            json,
            accept,
        }) => cmd_suggest(&project, json, accept, out),
        Some(Command::Stats { project, json }) => cmd_stats(&project, json, out),
    }
}

/// `sitrep`, `sitrep FILE...`, `sitrep open FILE...`.
fn open_gui(files: Vec<PathBuf>) -> Result<(), CliError> {
    crate::ui::run(files).map_err(CliError::Gui)
}

/// `sitrep new PROJECT [ARTICLE...]`.
fn cmd_new(
    path: &Path,
    articles: &[PathBuf],
    name: Option<String>,
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // `exists` is false for a dangling symlink, which the save would then replace; checking
    // the link itself keeps "never overwrites" true.
    if path.symlink_metadata().is_ok() {
        return Err(CliError::Exists(path.to_owned()));
    }
    let name = name.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    });
    let mut project = Project::new(name);
    let (added, _) = import_articles(&mut project, path, articles, map, out)?;
    save(path, &mut project)?;
    writeln!(
        out,
        "created {} with {}",
        path.display(),
        plural(added, "article")
    )?;
    Ok(())
}

/// `sitrep import PROJECT ARTICLE...`.
fn cmd_import(
    path: &Path,
    articles: &[PathBuf],
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut project = load_project(path)?;
    let (added, changed) = import_articles(&mut project, path, articles, map, out)?;
    // Annotations can arrive on articles the project had (brat, doccano or W3C data for the
    // same texts): those count as a change too.
    if added > 0 || changed {
        save(path, &mut project)?;
    }
    writeln!(
        out,
        "added {} to {}",
        plural(added, "article"),
        path.display()
    )?;
    Ok(())
}

/// Import every file into the project (all or nothing: the first failure stops the command
/// before anything is saved). An article whose text the project already holds is skipped with
/// a note, so running the same import twice does not double the articles. Returns how many
/// articles were added and whether anything else changed.
fn import_articles(
    project: &mut Project,
    project_path: &Path,
    files: &[PathBuf],
    map: &TypeMap,
    out: &mut dyn Write,
) -> Result<(usize, bool), CliError> {
    let mut added = 0;
    let mut changed = false;
    for file in files {
        // brat folders and files, doccano JSONL and W3C Web Annotations carry annotations:
        // their own importers.
        if let Some(report) = interop_cli::import_if_interop(project, file, map, out)? {
            added += report.articles;
            changed |= report.changed();
            continue;
        }
        let draft = import::import_file(file)?;
        let hash = model::text::sha256_hex(&draft.text);
        if let Some(existing) = project.articles.iter().find(|a| a.text_sha256 == hash) {
            writeln!(
                out,
                "skipped {}: its text is already in the project as {}",
                file.display(),
                existing.id
            )?;
            continue;
        }
        let edit = import::add_article_edit(project, draft);
        apply(project, project_path, edit)?;
        added += 1;
    }
    Ok((added, changed))
}

/// `sitrep import PROJECT --replace ARTICLE_ID FILE`: the article gets FILE's text (read by
/// the same rules as any import); its annotations are re-anchored from their quotes. Prints
/// the re-anchoring summary and every orphan. Nothing is saved when anything fails.
fn cmd_replace(
    path: &Path,
    article_id: &str,
    files: &[PathBuf],
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let [file] = files else {
        return Err(CliError::ReplaceNeedsOneFile(files.len()));
    };
    let mut project = load_project(path)?;
    if project.article(article_id).is_none() {
        let known: Vec<&str> = project.articles.iter().map(|a| a.id.as_str()).collect();
        return Err(CliError::UnknownArticle {
            path: path.to_owned(),
            id: article_id.to_owned(),
            known: if known.is_empty() {
                "no articles".to_owned()
            } else {
                known.join(", ")
            },
        });
    }
    let draft = import::import_file(file)?;
    let (report, _inverse) = model::replace_article_text(&mut project, article_id, &draft.text)
        .map_err(|source| CliError::Edit {
            path: path.to_owned(),
            source,
        })?;
    save(path, &mut project)?;
    writeln!(
        out,
        "replaced the text of {article_id} in {} with {}",
        path.display(),
        file.display()
    )?;
    writeln!(out, "{}", report.summary())?;
    for outcome in &report.outcomes {
        if let model::Placement::Orphaned { reason } = &outcome.placement {
            let exact = project
                .orphan(&outcome.id)
                .map(|a| a.exact.as_str())
                .unwrap_or_default();
            writeln!(out, "orphaned {} {exact:?}: {reason}", outcome.id)?;
        }
    }
    Ok(())
}

/// The `--map` of `new` and `import`.
fn parse_map(map: Option<String>) -> Result<TypeMap, CliError> {
    Ok(TypeMap::parse(map.as_deref().unwrap_or_default())?)
}

/// What `sitrep export --format` names: an annotation format or an incident format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// brat, w3c or doccano.
    Annotations(AnnotationExport),
    /// incidents, csv or geojson.
    Incidents(IncidentExport),
}

/// `sitrep export PROJECT --format brat|w3c|doccano --out PATH`.
fn export_annotations(
    project: &Project,
    format: AnnotationExport,
    to: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    writeln!(out, "{}", interop_cli::export(project, format, to)?)?;
    Ok(())
}

/// `sitrep tag PROJECT --tag TAG --match TEXT`.
fn cmd_tag(path: &Path, tag: &str, text: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let needle = text.trim();
    if needle.is_empty() {
        return Err(CliError::EmptyMatch);
    }
    let mut project = load_project(path)?;
    if project.tag(tag).is_none() {
        let known: Vec<&str> = project.tags.iter().map(|t| t.id.as_str()).collect();
        return Err(CliError::UnknownTag {
            path: path.to_owned(),
            tag: tag.to_owned(),
            known: known.join(", "),
        });
    }
    let (edit, added) = project.tag_matches_edit(needle, tag, None);
    if added > 0 {
        apply(&mut project, path, edit)?;
        save(path, &mut project)?;
    }
    writeln!(
        out,
        "added {} tagged {tag} for {needle:?}",
        plural(added, "annotation")
    )?;
    Ok(())
}

/// `sitrep suggest PROJECT [--json] [--accept]`: the open suggestions of every article, one
/// per line (as text or JSON), or with `--accept` all of them annotated, linked and saved.
fn cmd_suggest(path: &Path, json: bool, accept: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let mut project = load_project(path)?;
    let suggestions = model::suggest::all_suggestions(&project);
    if accept {
        if !suggestions.is_empty() {
            let edit = project
                .accept_suggestions_edit(&suggestions)
                .map_err(|source| CliError::Edit {
                    path: path.to_owned(),
                    source,
                })?;
            apply(&mut project, path, edit)?;
            save(path, &mut project)?;
        }
        writeln!(
            out,
            "added {} from suggestions to {}",
            plural(suggestions.len(), "annotation"),
            path.display()
        )?;
        return Ok(());
    }
    for s in &suggestions {
        if json {
            let line = serde_json::json!({
                "article": s.article,
                "start": s.span.start.0,
                "end": s.span.end.0,
                "exact": s.exact,
                "entity": s.entity,
            });
            writeln!(out, "{line}")?;
        } else {
            let name = project
                .entity(&s.entity)
                .map(|e| e.name.as_str())
                .unwrap_or_default();
            writeln!(
                out,
                "{} {}..{} {:?} -> {} {name:?}",
                s.article, s.span.start.0, s.span.end.0, s.exact, s.entity
            )?;
        }
    }
    if !json {
        writeln!(out, "{}", plural(suggestions.len(), "suggestion"))?;
    }
    Ok(())
}

/// `sitrep check FILE`.
fn cmd_check(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    if looks_like_incident_file(path) {
        return cmd_check_incident(path, out);
    }
    match load_project(path) {
        Ok(project) => {
            writeln!(out, "{}: OK, {}", path.display(), summary(&project))?;
            Ok(())
        }
        Err(err) if !err.problems().is_empty() => {
            let problems: &[Problem] = err.problems();
            for problem in problems {
                writeln!(out, "{}: {problem}", path.display())?;
            }
            Err(CliError::Invalid {
                path: path.to_owned(),
                count: problems.len(),
            })
        }
        Err(err) => Err(err.into()),
    }
}

/// An incident file by its name (`*.incident.json`) or, failing that, by its `format` field.
fn looks_like_incident_file(path: &Path) -> bool {
    let by_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".incident.json"));
    by_name
        || crate::io::project_file::read_limited(path).is_ok_and(|bytes| is_incident_json(&bytes))
}

/// `sitrep check X.incident.json`.
fn cmd_check_incident(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    match load_incident(path) {
        Ok(file) => {
            let evidence = file.evidence().count();
            writeln!(
                out,
                "{}: OK, incident {} {:?}: {}, {}, {}",
                path.display(),
                file.incident.id,
                file.incident.title,
                plural(evidence, "evidence span"),
                plural(file.sources.len(), "source article"),
                plural(file.entities.len(), "entity"),
            )?;
            Ok(())
        }
        Err(IncidentLoadError::Parse {
            error: IncidentParseError::Invalid(problems),
            ..
        }) => {
            for problem in &problems {
                writeln!(out, "{}: {problem}", path.display())?;
            }
            Err(CliError::Invalid {
                path: path.to_owned(),
                count: problems.len(),
            })
        }
        Err(err) => Err(err.into()),
    }
}

/// `sitrep export PROJECT --format FORMAT --out PATH`.
fn cmd_export(
    path: &Path,
    format: ExportKind,
    target: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let project = load_project(path)?;
    if target == Path::new("-") {
        return export_to_output(&project, format, out);
    }
    match format {
        ExportKind::Annotations(f) => export_annotations(&project, f, target, out),
        ExportKind::Incidents(f) => export_incidents(&project, f, target, out),
    }
}

/// `--out -`: the file formats go to standard output (for a pipe), with nothing else printed;
/// the folder formats cannot.
fn export_to_output(
    project: &Project,
    format: ExportKind,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let bytes = match format {
        ExportKind::Annotations(AnnotationExport::W3c) => {
            let mut bytes = serde_json::to_vec_pretty(&crate::io::w3c::to_w3c(project))
                .map_err(crate::io::interop::InteropError::from)?;
            bytes.push(b'\n');
            bytes
        }
        ExportKind::Annotations(AnnotationExport::Doccano) => {
            crate::io::doccano::to_doccano(project)?.into_bytes()
        }
        ExportKind::Incidents(IncidentExport::Csv) => crate::io::export::incidents_csv(project)
            .map_err(|e| CliError::Usage(format!("cannot write the CSV: {e}")))?,
        ExportKind::Incidents(IncidentExport::GeoJson) => {
            let mut bytes =
                serde_json::to_vec_pretty(&crate::io::export::incidents_geojson(project))
                    .map_err(crate::io::interop::InteropError::from)?;
            bytes.push(b'\n');
            bytes
        }
        ExportKind::Annotations(AnnotationExport::Brat)
        | ExportKind::Incidents(IncidentExport::Incidents) => {
            return Err(CliError::Usage(
                "this format writes a folder of files; give a folder to --out, not -".into(),
            ));
        }
    };
    out.write_all(&bytes)?;
    Ok(())
}

/// `sitrep export PROJECT --format incidents|csv|geojson --out PATH`.
fn export_incidents(
    project: &Project,
    format: IncidentExport,
    target: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let written = crate::io::export(project, format, target)?;
    match format {
        IncidentExport::Incidents => writeln!(
            out,
            "wrote {} to {}",
            plural(written.len(), "incident file"),
            target.display()
        )?,
        IncidentExport::Csv | IncidentExport::GeoJson => writeln!(
            out,
            "wrote {} to {}",
            plural(project.incidents.len(), "incident"),
            target.display()
        )?,
    }
    Ok(())
}

/// Clap parser for `--format`: an annotation format or an incident format.
fn parse_export_format(name: &str) -> Result<ExportKind, String> {
    if let Some(f) = IncidentExport::from_name(name) {
        return Ok(ExportKind::Incidents(f));
    }
    name.parse::<AnnotationExport>()
        .map(ExportKind::Annotations)
        .map_err(|_| {
            format!(
                "unknown export format {name:?} (expected brat, w3c, doccano, {})",
                IncidentExport::NAMES.join(", ")
            )
        })
}

/// `sitrep stats PROJECT [--json]`.
fn cmd_stats(path: &Path, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
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

/// A one-line description of a project's contents.
fn summary(project: &Project) -> String {
    let per_tag: Vec<String> = project
        .counts_per_tag()
        .into_iter()
        .map(|(tag, n)| format!("{tag} {n}"))
        .collect();
    format!(
        "project {:?}: {}, {} ({}), {}, {}",
        project.name,
        plural(project.articles.len(), "article"),
        plural(project.annotations.len(), "annotation"),
        per_tag.join(", "),
        plural(project.entities.len(), "entity"),
        plural(project.incidents.len(), "incident"),
    )
}

fn apply(project: &mut Project, path: &Path, edit: Edit) -> Result<(), CliError> {
    project
        .apply(edit)
        .map(drop)
        .map_err(|source| CliError::Edit {
            path: path.to_owned(),
            source,
        })
}

/// Stamp `modified` and save atomically.
fn save(path: &Path, project: &mut Project) -> Result<(), CliError> {
    project.modified = model::now();
    save_project(path, project)?;
    Ok(())
}

fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "entity") => format!("{n} entities"),
        _ => format!("{n} {noun}s"),
    }
}

/// The gist of a clap error on one line: its first paragraph (which for a missing argument
/// spans several lines, naming the arguments), without the `error: ` prefix or usage text.
fn usage_line(message: &str) -> String {
    let gist: Vec<&str> = message
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
        .collect();
    let gist = gist.join(" ");
    let gist = gist.strip_prefix("error: ").unwrap_or(&gist);
    if gist.is_empty() {
        "invalid arguments (try `sitrep --help`)".to_owned()
    } else {
        format!("{gist} (try `sitrep --help`)")
    }
}

/// Messages are promised to fit on one line; fold any stray line breaks.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map_err(|e| e.to_string());
        assert!(
            matches!(parse(&["sitrep"]), Ok(Cli { command: None, ref files }) if files.is_empty())
        );
        assert!(
            matches!(parse(&["sitrep", "a.sitrep"]), Ok(Cli { command: None, ref files }) if files.len() == 1)
        );
        assert!(
            matches!(parse(&["sitrep", "open", "a", "b"]), Ok(Cli { command: Some(Command::Open { ref files }), .. }) if files.len() == 2)
        );
        assert!(matches!(
            parse(&[
                "sitrep", "tag", "p.sitrep", "--tag", "location", "--match", "Idlib"
            ]),
            Ok(Cli {
                command: Some(Command::Tag { .. }),
                ..
            })
        ));
        assert!(
            parse(&["sitrep", "import", "p.sitrep"]).is_err(),
            "import needs an article"
        );
    }

    #[test]
    fn usage_errors_fit_one_line() {
        let mut out = Vec::new();
        let err = run(["sitrep", "stats"], &mut out)
            .err()
            .map(|e| e.to_string());
        let msg = err.unwrap_or_default();
        assert!(!msg.contains('\n'), "{msg}");
        assert!(msg.contains("required"), "{msg}");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(2, "entity"), "2 entities");
        assert_eq!(plural(0, "article"), "0 articles");
    }
}
