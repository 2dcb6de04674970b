//! Search across every article of a project: plain text, whole words or a regular expression,
//! ignoring case and accents when asked, with each hit in its context (keyword in context) and
//! the annotation already on it, if any.
//!
//! Every mode runs as a regular expression (the `regex` crate; a plain query is escaped) over
//! a folded copy of each text that keeps one char for each char of the article, so a hit's
//! char offsets in the folded copy are its offsets in the article. The folded copies are a
//! [`Corpus`], built once and searched on every keystroke.

use unicode_normalization::UnicodeNormalization as _;

use super::text::fold_char;
use super::{CharSpan, Project};

/// How a query is matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchMode {
    /// The text anywhere, inside words too.
    #[default]
    Plain,
    /// The text as whole words only.
    WholeWord,
    /// A regular expression in the `regex` crate's syntax.
    Regex,
}

/// What to look for and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    /// The text or pattern.
    pub text: String,
    /// How it is matched.
    pub mode: SearchMode,
    /// Ignore case (and straight/curly apostrophes, as the find bar does).
    pub fold_case: bool,
    /// Ignore accents: "Qaim" finds "Qaïm".
    pub fold_accents: bool,
}

impl SearchQuery {
    /// A plain query ignoring case and accents, as the panel starts.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            mode: SearchMode::Plain,
            fold_case: true,
            fold_accents: true,
        }
    }
}

/// Why a query cannot run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query is empty (or only white space).
    #[error("type something to search for")]
    Empty,
    /// The regular expression does not parse, or is too large.
    #[error("not a regular expression the search understands: {0}")]
    BadPattern(String),
}

/// One hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The article's id.
    pub article: String,
    /// Where in it, in chars.
    pub span: CharSpan,
    /// The text found, as the article has it.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] chars before it, on one line.
    pub left: String,
    /// Up to [`CONTEXT_CHARS`] chars after it, on one line.
    pub right: String,
    /// The annotation on exactly this span, if any: its id and tag.
    pub annotation: Option<(String, String)>,
}

/// Chars of context on each side of a hit.
pub const CONTEXT_CHARS: usize = 40;

/// The hits of a query, and whether the list was cut at the limit asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// The hits, in article order, then left to right.
    pub hits: Vec<Hit>,
    /// True when more hits were found than the limit allowed.
    pub truncated: bool,
}

/// A char folded for search: lower-cased (see [`fold_char`]) when `case`, and stripped of its
/// accents (its first char after canonical decomposition) when `accents`. Always one char.
pub fn fold_for_search(c: char, case: bool, accents: bool) -> char {
    let c = if accents && !c.is_ascii() {
        c.nfd().next().unwrap_or(c)
    } else {
        c
    };
    if case { fold_char(c) } else { c }
}

/// `text` folded as the search reads it, char for char (so offsets stay the article's).
fn fold_text(text: &str, fold_case: bool, fold_accents: bool) -> String {
    if text.is_ascii() && !fold_case {
        text.to_owned()
    } else if text.is_ascii() {
        // The common case, byte by byte: what fold_char does to ASCII.
        text.chars()
            .map(|c| {
                if c == '`' {
                    '\''
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    } else {
        text.chars()
            .map(|c| fold_for_search(c, fold_case, fold_accents))
            .collect()
    }
}

/// The folded texts of a project's articles, in article order.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// How it was folded: (case, accents).
    pub folding: (bool, bool),
    texts: Vec<FoldedText>,
}

/// One article's text as the search reads it.
#[derive(Clone, Debug)]
struct FoldedText {
    /// The article.
    id: String,
    /// The SHA-256 of the text it was folded from, to tell when it must be folded again.
    sha256: String,
    /// The text folded, char for char.
    folded: String,
}

impl Corpus {
    /// Fold every article's text.
    pub fn new(project: &Project, fold_case: bool, fold_accents: bool) -> Self {
        let mut corpus = Self {
            folding: (fold_case, fold_accents),
            texts: Vec::new(),
        };
        corpus.update(project);
        corpus
    }

    /// Bring the folded texts up to date with `project`, folding again only the articles whose
    /// text changed. A tag or a note changes no text, so the search panel left open while the
    /// analyst codes costs a pass over the article list per change, not a fold of every text
    /// (seconds on a large corpus).
    pub fn update(&mut self, project: &Project) {
        let mut known: std::collections::HashMap<String, FoldedText> =
            self.texts.drain(..).map(|t| (t.id.clone(), t)).collect();
        let (case, accents) = self.folding;
        self.texts = project
            .articles
            .iter()
            .map(|a| match known.remove(&a.id) {
                Some(t) if t.sha256 == a.text_sha256 => t,
                _ => FoldedText {
                    id: a.id.clone(),
                    sha256: a.text_sha256.clone(),
                    folded: fold_text(&a.text, case, accents),
                },
            })
            .collect();
    }

    /// Every hit of `query` (at most `limit`), with context and the annotation on each. The
    /// corpus must have been folded as the query asks (see [`Corpus::folding`]); the project is
    /// the one it was built from.
    pub fn search(
        &self,
        project: &Project,
        query: &SearchQuery,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        let re = compile(query)?;
        let mut out = SearchResults::default();
        for FoldedText { id, folded, .. } in &self.texts {
            let Some(article) = project.article(id) else {
                continue;
            };
            let chars = article.chars();
            let anns = project.annotations_slice(id);
            // Byte offsets in the folded text become char offsets by counting as we go: hits
            // come left to right, so each article is walked once.
            let (mut byte, mut char_at) = (0usize, 0usize);
            let ascii = folded.is_ascii();
            for m in re.find_iter(folded) {
                if m.start() == m.end() {
                    continue;
                }
                if out.hits.len() == limit {
                    out.truncated = true;
                    return Ok(out);
                }
                let to_char = |b: usize, byte: &mut usize, char_at: &mut usize| {
                    if ascii {
                        return b;
                    }
                    *char_at += folded[*byte..b].chars().count();
                    *byte = b;
                    *char_at
                };
                let start = to_char(m.start(), &mut byte, &mut char_at);
                let end = to_char(m.end(), &mut byte, &mut char_at);
                let span = CharSpan::new(start, end);
                let line = |from: usize, to: usize| -> String {
                    chars[from..to]
                        .iter()
                        .map(|&c| if c == '\n' || c == '\t' { ' ' } else { c })
                        .collect()
                };
                let annotation = annotation_on(anns, span);
                out.hits.push(Hit {
                    article: id.clone(),
                    span,
                    exact: chars[start..end].iter().collect(),
                    left: line(start.saturating_sub(CONTEXT_CHARS), start),
                    right: line(end, (end + CONTEXT_CHARS).min(chars.len())),
                    annotation,
                });
            }
        }
        Ok(out)
    }
}

/// The annotation on exactly `span`, from annotations sorted by start.
fn annotation_on(anns: &[super::Annotation], span: CharSpan) -> Option<(String, String)> {
    let from = anns.partition_point(|a| a.start < span.start);
    anns[from..]
        .iter()
        .take_while(|a| a.start == span.start)
        .find(|a| a.end == span.end)
        .map(|a| (a.id.clone(), a.tag.clone()))
}

/// The query as a regular expression over folded text.
fn compile(query: &SearchQuery) -> Result<regex::Regex, SearchError> {
    let text = query.text.trim();
    if text.is_empty() {
        return Err(SearchError::Empty);
    }
    let folded: String = text
        .chars()
        .map(|c| fold_for_search(c, query.fold_case, query.fold_accents))
        .collect();
    let pattern = match query.mode {
        SearchMode::Plain => regex::escape(&folded),
        SearchMode::WholeWord => {
            // A boundary only where the query starts or ends with a word char, so "U.S." still
            // matches before a space.
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            let left = if word(folded.chars().next()) {
                r"\b"
            } else {
                ""
            };
            let right = if word(folded.chars().last()) {
                r"\b"
            } else {
                ""
            };
            format!("{left}{}{right}", regex::escape(&folded))
        }
        // The pattern as written: the text it runs over is folded, so it is asked to ignore
        // case as well when case is folded.
        // Only its non-ASCII chars are folded (the syntax is ASCII, and `\W` is not `\w`).
        SearchMode::Regex => text
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c
                } else {
                    fold_for_search(c, false, query.fold_accents)
                }
            })
            .collect(),
    };
    regex::RegexBuilder::new(&pattern)
        .case_insensitive(query.fold_case && query.mode == SearchMode::Regex)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| SearchError::BadPattern(one_line(&e.to_string())))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Project {
    /// Every hit of a query across the project's articles (at most `limit`): the headless
    /// search (`sitrep search`), folding the texts for this one query.
    pub fn search(&self, query: &SearchQuery, limit: usize) -> Result<SearchResults, SearchError> {
        Corpus::new(self, query.fold_case, query.fold_accents).search(self, query, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    fn project() -> Project {
        let mut p = Project::new("s");
        p.articles.push(Article::new(
            "art-1",
            "A",
            "Shelling hit Qaïm at dawn.\nQAIM was quiet; the Qaimi road shut.",
        ));
        p.articles
            .push(Article::new("art-2", "B", "Nothing about it here."));
        p
    }

    #[test]
    fn an_update_folds_again_only_what_changed_and_follows_the_article_list() {
        let mut p = project();
        let mut corpus = Corpus::new(&p, true, true);
        let query = SearchQuery::plain("quiet");
        assert_eq!(corpus.search(&p, &query, 10).unwrap().hits.len(), 1);
        // A changed text is folded again, a new article comes in, a removed one goes.
        if let Some(a) = p.articles.get_mut(1) {
            a.set_text("Quiet again, they said.".into());
        }
        p.articles.push(Article::new("art-3", "C", "All QUIET."));
        p.articles.remove(0);
        corpus.update(&p);
        let hits = corpus.search(&p, &query, 10).unwrap().hits;
        let ids: Vec<&str> = hits.iter().map(|h| h.article.as_str()).collect();
        assert_eq!(ids, ["art-2", "art-3"]);
        // The result is what a fresh fold gives.
        let fresh = Corpus::new(&p, true, true)
            .search(&p, &query, 10)
            .unwrap()
            .hits;
        assert_eq!(hits, fresh);
    }

    #[test]
    fn modes_and_folding_find_what_they_should() {
        let p = project();
        let hits = |q: SearchQuery| -> Vec<(usize, usize)> {
            p.search(&q, 100)
                .unwrap()
                .hits
                .iter()
                .map(|h| (h.span.start.0, h.span.end.0))
                .collect()
        };
        assert_eq!(
            hits(SearchQuery::plain("qaim")),
            vec![(13, 17), (27, 31), (47, 51)]
        );
        let mut whole = SearchQuery::plain("qaim");
        whole.mode = SearchMode::WholeWord;
        assert_eq!(hits(whole.clone()), vec![(13, 17), (27, 31)]);
        whole.fold_accents = false;
        assert_eq!(
            hits(whole.clone()),
            vec![(27, 31)],
            "Qaïm needs accent folding"
        );
        whole.fold_case = false;
        assert!(hits(whole).is_empty());
        let mut re = SearchQuery::plain(r"q\w+m\b");
        re.mode = SearchMode::Regex;
        assert_eq!(hits(re), vec![(13, 17), (27, 31)]);
    }

    #[test]
    fn a_hit_carries_its_context_on_one_line_and_bad_patterns_say_why() {
        let p = project();
        let r = p.search(&SearchQuery::plain("quiet"), 100).unwrap();
        let hit = &r.hits[0];
        assert_eq!(hit.exact, "quiet");
        assert_eq!(hit.left, "Shelling hit Qaïm at dawn. QAIM was ");
        assert_eq!(hit.right, "; the Qaimi road shut.");
        let cut = p.search(&SearchQuery::plain("qaim"), 2).unwrap();
        assert_eq!((cut.hits.len(), cut.truncated), (2, true));
        let mut bad = SearchQuery::plain("(unclosed");
        bad.mode = SearchMode::Regex;
        let err = p.search(&bad, 10).unwrap_err().to_string();
        assert!(err.starts_with("not a regular expression"), "{err}");
        assert!(!err.contains('\n'));
        assert!(matches!(
            p.search(&SearchQuery::plain("  "), 10),
            Err(SearchError::Empty)
        ));
    }
}
