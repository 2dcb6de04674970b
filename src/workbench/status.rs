//! The status line's message, with how much it matters.

/// How much a message matters: an error is also shown in a dialog by whoever reported it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    /// Something was done.
    #[default]
    Info,
    /// Something was not done, or only partly, and the analyst can see why.
    Warning,
    /// Something failed.
    Error,
}

/// The last message for the status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// How much it matters.
    pub level: Level,
    /// The message; may hold several lines (the status line shows the first).
    pub text: String,
}

impl Status {
    /// The first line, for a one-line status bar.
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or_default()
    }
}
