//! The command line: headless subcommands over the library, and the GUI launcher.
//!
//! [`Cli`] only parses. Each subcommand is a module with a `run` taking its parsed arguments
//! and a writer for its report, so tests can run them in-process; a new subcommand is a
//! variant in [`CliCommand`], a module, and one arm in [`run`].

mod agree;
mod check;
mod diff;
mod duplicates;
pub mod error;
mod export;
mod geocode;
mod merge;
mod new_import;
mod open;
pub mod out;
mod replace;
mod search;
mod stats;
mod suggest;
mod tag;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use clap::{Parser, Subcommand};

pub use error::CliError;

use crate::io::{Format, save_project};
use crate::model::{self, Edit, Project};

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
    pub command: Option<CliCommand>,
    /// Project or incident files to open in the workbench.
    pub files: Vec<PathBuf>,
    /// Who is working: recorded as `created_by` / `modified_by` on what a command adds or
    /// changes, and part of the ids it hands out (so two analysts' copies never clash).
    #[arg(long, global = true, env = "SITREP_ANALYST", value_name = "NAME")]
    pub analyst: Option<String>,
}

/// The subcommands. (Named apart from the window's `Command`, which is a menu entry.)
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Open files in the workbench window.
    Open {
        /// Project or incident files.
        files: Vec<PathBuf>,
    },
    /// Create a project, importing articles (.txt, .md, .html, .pdf, .docx). Never overwrites a
    /// file.
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
        /// Write every import warning to FILE (the terminal shows the first few).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
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
        /// Replace this article's text with the one FILE (.txt, .md, .html, .pdf, .docx),
        /// re-anchoring its annotations from their quotes; those that cannot be placed are kept as
        /// orphans.
        #[arg(long, value_name = "ARTICLE_ID")]
        replace: Option<String>,
        /// Write every import warning to FILE (the terminal shows the first few).
        #[arg(long, value_name = "FILE", conflicts_with = "replace")]
        report: Option<PathBuf>,
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
    /// (a folder), ACLED's 31 CSV columns, UCDP GED's CSV columns, or GeoJSON points.
    Export {
        /// The project file.
        project: PathBuf,
        /// brat, w3c, doccano, incidents, acled, ucdp or geojson.
        #[arg(long, value_parser = Format::from_str)]
        format: Format,
        /// The folder (brat, incidents) or file (the others) to write; `-` writes a file
        /// format to standard output.
        #[arg(long)]
        out: PathBuf,
        /// With `--format acled`: also write our columns ACLED has none for (low and high
        /// figures, evidence count, incident id, incidents left out) to this CSV file.
        #[arg(long)]
        extra: Option<PathBuf>,
        /// Also export the articles a document label value leaves out of exports.
        #[arg(long)]
        keep_excluded: bool,
    },
    /// Measure how far two or more analysts' projects agree on the articles they share
    /// (matched by text): exact and overlap span F1, Cohen's kappa on characters and
    /// Krippendorff's alpha for unitizing, per tag, per article and over pairs.
    Agree {
        /// The projects, one per analyst.
        #[arg(required = true, num_args = 2..)]
        projects: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List what project B holds that A lacks or holds otherwise: annotations (matched by id,
    /// else by article text, tag and span), entities (renamed, merged), incidents and articles,
    /// field by field.
    Diff {
        /// The first project.
        a: PathBuf,
        /// The second project.
        b: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Three-way merge of two analysts' copies of one project. Exit 0 when clean, 1 when
    /// conflicts remain (listed, and kept in the file's `conflicts`), 2 when nothing could be
    /// merged.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our copy.
        ours: PathBuf,
        /// Their copy.
        theirs: PathBuf,
        /// Where to write the result (may be OURS, not BASE or THEIRS).
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        target: PathBuf,
    },
    /// git's merge driver: `git config merge.sitrep.driver "sitrep merge-driver %O %A %B"`.
    /// Merges into %A in place; exit 0 when clean, 1 when conflicts remain, 2 on failure.
    MergeDriver {
        /// %O: the common ancestor.
        base: PathBuf,
        /// %A: our version, replaced by the result.
        ours: PathBuf,
        /// %B: their version.
        theirs: PathBuf,
    },
    /// Search every article: one hit a line (article, start, end, text, tag if annotated),
    /// ignoring case and accents unless told otherwise; `--tag` annotates every hit printed.
    Search {
        /// The project file.
        project: PathBuf,
        /// The text to find, or a regular expression with `--regex`.
        query: String,
        /// Read the query as a regular expression (the `regex` crate's syntax).
        #[arg(long, conflicts_with = "whole_word")]
        regex: bool,
        /// Whole words only.
        #[arg(long)]
        whole_word: bool,
        /// Tell upper and lower case apart.
        #[arg(long)]
        case_sensitive: bool,
        /// Tell accented letters from plain ones.
        #[arg(long)]
        keep_accents: bool,
        /// One JSON object a line: `article`, `start`, `end`, `exact`, `tag`, `annotation`.
        #[arg(long)]
        json: bool,
        /// Annotate every hit with this tag (hits it already has are skipped) and save.
        #[arg(long)]
        tag: Option<String>,
    },
    /// List pairs of incidents that are likely one event (same date and place, with an actor,
    /// an article or the event type in common).
    Duplicates {
        /// The project file.
        project: PathBuf,
        /// Print one JSON object a line instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List gazetteer places (GeoNames, shipped offline) for every location entity without
    /// coordinates, best first; `--accept-best` fills each from its best place and saves.
    Geocode {
        /// The project file.
        project: PathBuf,
        /// One JSON object a line: `entity`, `name`, `candidates`.
        #[arg(long)]
        json: bool,
        /// Fill coordinates, divisions, country and the `GeoNames:<id>` external id from the
        /// best place, and save.
        #[arg(long)]
        accept_best: bool,
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

/// Run the program with these arguments (the first is the program name), printing reports to
/// standard output and a one-line `sitrep: ...` message to standard error on failure.
/// Exit code 0 on success, 1 on a failure, 2 for a merge that could not be made (see
/// [`CliError::exit_code`]).
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let stdout = std::io::stdout();
    let mut out = out::QuietPipe::new(stdout.lock());
    let result = run(args, &mut out).and_then(|()| Ok(std::io::Write::flush(&mut out)?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("sitrep: {}", out::one_line(&err.to_string()));
            ExitCode::from(err.exit_code())
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
            return Err(CliError::Usage(out::usage_line(&err.to_string())));
        }
    };
    let analyst = cli
        .analyst
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty());
    let Some(command) = cli.command else {
        return open::run(cli.files);
    };
    match command {
        CliCommand::Open { files } => open::run(files),
        CliCommand::New {
            project,
            articles,
            name,
            map,
            report,
        } => {
            let map = new_import::parse_map(map)?;
            let reads: Vec<&Path> = articles.iter().map(PathBuf::as_path).collect();
            let mut warnings = new_import::Warnings::new(report, &reads)?;
            new_import::run_new(&project, &articles, name, &map, analyst, &mut warnings, out)
        }
        CliCommand::Import {
            project,
            articles,
            replace: Some(article),
            ..
        } => replace::run(&project, &article, &articles, analyst, out),
        CliCommand::Import {
            project,
            articles,
            map,
            replace: None,
            report,
        } => {
            let map = new_import::parse_map(map)?;
            let mut reads: Vec<&Path> = articles.iter().map(PathBuf::as_path).collect();
            reads.push(&project);
            let mut warnings = new_import::Warnings::new(report, &reads)?;
            new_import::run_import(&project, &articles, &map, analyst, &mut warnings, out)
        }
        CliCommand::Tag { project, tag, text } => tag::run(&project, &tag, &text, analyst, out),
        CliCommand::Check { file } => check::run(&file, out),
        CliCommand::Export {
            project,
            format,
            out: target,
            extra,
            keep_excluded,
        } => export::run(
            &project,
            format,
            &target,
            extra.as_deref(),
            keep_excluded,
            out,
        ),
        CliCommand::Suggest {
            project,
            json,
            accept,
        } => suggest::run(&project, json, accept, analyst, out),
        CliCommand::Stats { project, json } => stats::run(&project, json, out),
        CliCommand::Geocode {
            project,
            json,
            accept_best,
        } => geocode::run(&project, json, accept_best, analyst, out),
        CliCommand::Duplicates { project, json } => duplicates::run(&project, json, out),
        CliCommand::Search {
            project,
            query,
            regex,
            whole_word,
            case_sensitive,
            keep_accents,
            json,
            tag,
        } => {
            let mode = if regex {
                model::search::SearchMode::Regex
            } else if whole_word {
                model::search::SearchMode::WholeWord
            } else {
                model::search::SearchMode::Plain
            };
            let query = model::search::SearchQuery {
                text: query,
                mode,
                fold_case: !case_sensitive,
                fold_accents: !keep_accents,
            };
            let how = search::Output {
                json,
                tag: tag.as_deref(),
                analyst,
            };
            search::run(&project, &query, how, out)
        }
        CliCommand::Agree { projects, json } => agree::run(&projects, json, out),
        CliCommand::Diff { a, b, json } => diff::run(&a, &b, json, out),
        CliCommand::Merge {
            base,
            ours,
            theirs,
            target,
        } => merge::run(&base, &ours, &theirs, &target, out),
        CliCommand::MergeDriver { base, ours, theirs } => {
            merge::run_driver(&base, &ours, &theirs, out)
        }
    }
}

/// Load a project that a command will change, with `analyst` as the one working on it,
/// holding the project's lock from before the read until the returned lock is dropped (after
/// the save), so two writers never both read the old file and one lose its change.
fn load_for_edit(
    path: &Path,
    analyst: Option<&str>,
) -> Result<(Project, crate::io::ProjectLock), CliError> {
    let lock = lock_for_write(path)?;
    crate::io::atomic::remove_litter(path);
    let mut project = crate::io::load_project(path)?;
    project.analyst = analyst.map(str::to_owned);
    Ok((project, lock))
}

/// How long a writing command waits for another writer to finish before it refuses.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Take the project's lock, waiting up to [`LOCK_WAIT`] while another live process holds it
/// (a stale lock of a dead process is cleared at once). Refuses naming the holder.
fn lock_for_write(path: &Path) -> Result<crate::io::ProjectLock, CliError> {
    use crate::io::{LockError, ProjectLock};
    let started = std::time::Instant::now();
    loop {
        match ProjectLock::acquire(path) {
            Ok(lock) => return Ok(lock),
            Err(LockError::HeldBy {
                pid, host, since, ..
            }) => {
                if started.elapsed() >= LOCK_WAIT {
                    return Err(CliError::Locked {
                        path: path.to_owned(),
                        holder: crate::io::LockInfo { pid, host, since },
                    });
                }
                // A save takes a fraction of a second; poll a few times a second.
                std::thread::sleep(std::time::Duration::from_millis(40));
            }
            Err(other) => return Err(CliError::Lock(other)),
        }
    }
}

/// Apply an edit to the project loaded from `path`, naming the file when the model refuses.
fn apply(project: &mut Project, path: &Path, edit: Edit) -> Result<(), CliError> {
    project
        .apply(edit)
        .map(drop)
        .map_err(|source| CliError::edit(path, source))
}

/// Stamp `modified` and save atomically.
fn save(path: &Path, project: &mut Project) -> Result<(), CliError> {
    project.modified = model::now();
    save_project(path, project)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).map_err(|e| e.to_string());
        assert!(
            matches!(parse(&["sitrep"]), Ok(Cli { command: None, ref files, .. }) if files.is_empty())
        );
        assert!(
            matches!(parse(&["sitrep", "a.sitrep"]), Ok(Cli { command: None, ref files, .. }) if files.len() == 1)
        );
        assert!(
            matches!(parse(&["sitrep", "open", "a", "b"]), Ok(Cli { command: Some(CliCommand::Open { ref files }), .. }) if files.len() == 2)
        );
        assert!(matches!(
            parse(&[
                "sitrep", "tag", "p.sitrep", "--tag", "location", "--match", "Idlib"
            ]),
            Ok(Cli {
                command: Some(CliCommand::Tag { .. }),
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
}
