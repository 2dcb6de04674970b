//! What the app remembers between runs (not part of any project): recent files, theme, font.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent projects are remembered.
pub const MAX_RECENT: usize = 10;

/// Settings persisted through eframe's storage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Dark theme.
    pub dark: bool,
    /// Article font size in points.
    pub font_size: f32,
    /// The analyst's name, asked once: stamped on what they make and change, and part of the
    /// ids they are given.
    pub analyst: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            dark: false,
            font_size: 16.0,
            analyst: None,
        }
    }
}

impl Settings {
    /// The key under which eframe stores the settings.
    pub const STORAGE_KEY: &'static str = "sitrep-settings";

    /// Put `path` at the front of the recent list.
    pub fn touch_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }
}
