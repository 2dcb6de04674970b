//! `sitrep merge BASE OURS THEIRS -o OUT` and `sitrep merge-driver %O %A %B`: the three-way
//! merge of `team::merge`, for people and for git.
//!
//! Exit codes follow git's merge drivers and `diff(1)`: 0 when the merge is clean, 1 when it
//! wrote a merged project that still lists conflicts, 2 when it could not merge at all (an
//! input that does not load, an output it must not write), in which case nothing is written.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::io::{load_project, project_to_bytes, save_project, write_atomic_with};
use crate::model::{Project, validate};
use crate::team::{MergeOutcome, conflict_line, merge, render_report};

/// `sitrep merge`: merge into `target`, which may be OURS (as git does) but not BASE or
/// THEIRS, whose loss would leave nothing to merge again from. Saved with a backup.
pub fn run(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    target: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    for input in [base, theirs] {
        if same_file(input, target) {
            return Err(failed(CliError::Usage(format!(
                "the output {} is one of the inputs (only OURS may be overwritten)",
                target.display()
            ))));
        }
    }
    // A writer like the others: the output's lock is held from before the inputs are read
    // until the save, so a window or command saving OUT meanwhile cannot be overwritten.
    let lock = super::lock_for_write(target).map_err(failed)?;
    let outcome = merged(base, ours, theirs)?;
    check(&outcome.project, target)?;
    save_project(target, &outcome.project).map_err(|e| failed(e.into()))?;
    drop(lock);
    report(&outcome, target, out)
}

/// `sitrep merge-driver %O %A %B`: merge into %A in place. git keeps the three versions in
/// temporary files and reads %A back, so no `.bak` is left beside it.
pub fn run_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // A file both branches added has no ancestor: git then hands over an empty %O, which is
    // an empty project here (everything on either side counts as added).
    let outcome = if std::fs::metadata(base).is_ok_and(|m| m.len() == 0) {
        let load = |p: &Path| load_project(p).map_err(|e| failed(e.into()));
        let (o, t) = (load(ours)?, load(theirs)?);
        let mut empty = Project::new(o.name.clone());
        empty.created = o.created;
        let mut outcome = merge(&empty, &o, &t);
        outcome.project.modified = crate::model::now();
        outcome
    } else {
        merged(base, ours, theirs)?
    };
    check(&outcome.project, ours)?;
    let bytes = project_to_bytes(&outcome.project).map_err(|source| {
        failed(CliError::Save(crate::io::SaveError::Serialize {
            path: ours.to_owned(),
            source,
        }))
    })?;
    write_atomic_with(ours, false, |w| w.write_all(&bytes)).map_err(|e| failed(e.into()))?;
    report(&outcome, ours, out)
}

/// Load the three projects and merge them; a file that does not load names itself.
fn merged(base: &Path, ours: &Path, theirs: &Path) -> Result<MergeOutcome, CliError> {
    let load = |p: &Path| load_project(p).map_err(|e| failed(e.into()));
    let (b, o, t) = (load(base)?, load(ours)?, load(theirs)?);
    let mut outcome = merge(&b, &o, &t);
    outcome.project.modified = crate::model::now();
    Ok(outcome)
}

/// The merge promises a valid project; should it ever break that promise, nothing is written.
fn check(project: &Project, target: &Path) -> Result<(), CliError> {
    let problems = validate(project);
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(failed(CliError::Usage(format!(
            "the merged project for {} would not be valid ({first}); nothing was written",
            target.display()
        )))),
    }
}

/// Print the counts and the conflicts; conflicts left make the command fail with exit 1.
fn report(outcome: &MergeOutcome, target: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "merged into {}", target.display())?;
    write!(out, "{}", render_report(&outcome.report))?;
    for c in &outcome.conflicts {
        writeln!(out, "{}", conflict_line(c))?;
    }
    if outcome.conflicts.is_empty() {
        return Ok(());
    }
    Err(CliError::Conflicts {
        path: target.to_owned(),
        count: outcome.conflicts.len(),
    })
}

fn failed(err: CliError) -> CliError {
    CliError::MergeFailed(Box::new(err))
}

/// True when both paths name one file (or are spelled the same).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
