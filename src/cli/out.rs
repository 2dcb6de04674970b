//! Output helpers shared by the subcommands: counted nouns, the one-line project summary, and
//! error messages folded onto one line.

use crate::model::Project;

/// Standard output that a reader may close early (`sitrep import … | head`): once the pipe is
/// closed, further output is dropped instead of failing the command, so an import still saves
/// and the exit code says what was done, not that nobody read the report.
pub struct QuietPipe<W> {
    inner: W,
    closed: bool,
}

impl<W: std::io::Write> QuietPipe<W> {
    /// Wrap a writer.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            closed: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

pub use crate::wording::count as plural;

/// A one-line description of a project's contents.
pub fn summary(project: &Project) -> String {
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

/// The gist of a clap error on one line: its first paragraph (which for a missing argument
/// spans several lines, naming the arguments), without the `error: ` prefix or usage text.
pub fn usage_line(message: &str) -> String {
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
pub fn one_line(message: &str) -> String {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    // An error can quote its input (an unknown value of a megabyte): the line stays short.
    crate::workbench::shorten(&line, MAX_ERROR_CHARS)
}

/// The longest error line printed, in chars.
const MAX_ERROR_CHARS: usize = 360;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(2, "entity"), "2 entities");
        assert_eq!(plural(0, "article"), "0 articles");
    }

    #[test]
    fn messages_fold_onto_one_line() {
        assert_eq!(one_line("a\n  b\tc"), "a b c");
        assert_eq!(
            usage_line("error: the thing\n  is missing\n\nUsage: sitrep"),
            "the thing is missing (try `sitrep --help`)"
        );
        assert_eq!(usage_line("\n"), "invalid arguments (try `sitrep --help`)");
    }
}
