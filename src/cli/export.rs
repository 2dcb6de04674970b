//! `sitrep export PROJECT --format FORMAT --out PATH`: any [`Format`], to a folder, a file or
//! (for the file formats) standard output.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::io::{Format, load_project};

/// Export the project; `-` as `target` writes a file format to `out` with nothing else
/// printed, so it can go into a pipe.
pub fn run(
    path: &Path,
    format: Format,
    target: &Path,
    extra: Option<&Path>,
    keep_excluded: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if extra.is_some() && format != Format::Acled {
        return Err(CliError::Usage(
            "--extra goes with --format acled only".into(),
        ));
    }
    let project = load_project(path)?;
    if target == Path::new("-") {
        if format.writes_folder() {
            return Err(CliError::Usage(
                "this format writes a folder of files; give a folder to --out, not -".into(),
            ));
        }
        let options = crate::io::formats::ExportOptions {
            keep_excluded,
            ..Default::default()
        };
        let (kept, _) = crate::io::formats::project_for_export(&project, &options);
        out.write_all(&format.to_bytes(&kept)?)?;
        return Ok(());
    }
    for written in std::iter::once(target).chain(extra) {
        if crate::io::regular::same_file(path, written) {
            return Err(CliError::OutputIsInput(written.to_owned()));
        }
    }
    if extra.is_some_and(|e| crate::io::regular::same_file(e, target) || e == target) {
        return Err(CliError::Usage(
            "--extra and --out must be different files".into(),
        ));
    }
    let options = crate::io::formats::ExportOptions {
        extra: extra.map(Path::to_owned),
        keep_excluded,
    };
    let report = format.export_with(&project, target, &options)?;
    writeln!(out, "{}", report.summary)?;
    Ok(())
}
