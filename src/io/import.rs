//! Temporary stand-in until the real importer lands.
use std::path::Path;

use crate::model::{Article, text};

/// Import an article file.
pub fn import_file(path: &Path) -> Result<Article, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let s = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", path.display()))?;
    Ok(article_from_text(&s, None))
}

/// An article from pasted text.
pub fn article_from_text(s: &str, _name: Option<&str>) -> Article {
    let t = text::normalize_newlines(s).trim().to_owned();
    let title: String = t.lines().next().unwrap_or("").chars().take(80).collect();
    Article::new("art-0", title, t)
}
