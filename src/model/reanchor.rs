//! Re-anchoring: when an article's text is replaced by a newer version of the story, put each
//! annotation back on the text it quoted, or keep it as an *orphan* for the analyst to place.
//!
//! Each annotation carries a W3C-style quote: `exact` plus up to 32 chars of `prefix` and
//! `suffix`. Placement, in order:
//! 1. **Untouched region**: when the span lies wholly in the text before the first change or
//!    after the last one, it is shifted by the change in length and kept.
//! 2. **Exact match**: every occurrence of `exact` in the new text is scored by how much of the
//!    stored prefix and suffix surrounds it; the best is taken when its context agrees well
//!    enough, or when it is the only occurrence; ties go to the one nearest the expected place.
//! 3. **Fuzzy match**: near the expected place (and next to where the prefix or suffix still
//!    occur), the text within a small edit distance of `exact` (1 edit below 12 chars, 2 below
//!    40, 3 above; none below 4) is taken when its context agrees well enough.
//! 4. Otherwise the annotation becomes an orphan, unchanged.
//!
//! **The rule**: a placed annotation always covers exactly its `exact`. Steps 1 and 2 keep
//! `exact` as it was; step 3 replaces `exact` with the text now covered (within the edit
//! distance above of the old quote) and reports the old quote as [`Placement::Fuzzy`], so the
//! analyst can review the change. `prefix` and `suffix` are recomputed for every placed
//! annotation. Orphans keep their old offsets and quote untouched.

use super::offsets::{CharSpan, TextIndex};
use super::suggest::Rejection;
use super::text::{QUOTE_CONTEXT_CHARS, context_runs, normalize_newlines, quote_of};
use super::{Annotation, Edit, EditError, Project};

/// Where one annotation went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Same offsets, same quote.
    Unchanged,
    /// The same quote, found at another place.
    Moved {
        /// Old span.
        from: CharSpan,
        /// New span.
        to: CharSpan,
    },
    /// The quote itself changed slightly; `exact` now holds the new text.
    Fuzzy {
        /// Old span.
        from: CharSpan,
        /// New span.
        to: CharSpan,
        /// The quote before the change.
        old_exact: String,
        /// Edits (insert, delete, replace one char) between old and new quote.
        distance: usize,
    },
    /// Could not be placed with confidence; kept as an orphan.
    Orphaned {
        /// Why, for the analyst.
        reason: String,
    },
}

/// What happened to one annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The annotation's id.
    pub id: String,
    /// Where it went.
    pub placement: Placement,
}

/// What re-anchoring did, one entry per annotation, in input order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReanchorReport {
    /// One entry per annotation.
    pub outcomes: Vec<Outcome>,
}

impl ReanchorReport {
    /// How many kept their place exactly.
    pub fn unchanged(&self) -> usize {
        self.count(|p| matches!(p, Placement::Unchanged))
    }

    /// How many moved with their quote intact.
    pub fn moved(&self) -> usize {
        self.count(|p| matches!(p, Placement::Moved { .. }))
    }

    /// How many were placed on slightly different text.
    pub fn fuzzy(&self) -> usize {
        self.count(|p| matches!(p, Placement::Fuzzy { .. }))
    }

    /// How many became orphans.
    pub fn orphaned(&self) -> usize {
        self.count(|p| matches!(p, Placement::Orphaned { .. }))
    }

    fn count(&self, f: impl Fn(&Placement) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(&o.placement)).count()
    }

    /// One line for a status bar or the CLI.
    pub fn summary(&self) -> String {
        format!(
            "{} annotations: {} unchanged, {} moved, {} re-placed on edited text, {} orphaned",
            self.outcomes.len(),
            self.unchanged(),
            self.moved(),
            self.fuzzy(),
            self.orphaned()
        )
    }
}

/// The result of [`reanchor`].
#[derive(Clone, Debug, PartialEq)]
pub struct Reanchored {
    /// Annotations placed on the new text, with updated offsets and quotes.
    pub placed: Vec<Annotation>,
    /// Annotations that could not be placed, unchanged.
    pub orphaned: Vec<Annotation>,
    /// What happened to each.
    pub report: ReanchorReport,
}

/// Re-place `annotations` (made on `old_text`) on `new_text`. Pure: changes nothing.
///
/// Annotations whose offsets do not match `old_text` (e.g. orphans from an earlier version) are
/// placed from their quote alone.
pub fn reanchor(old_text: &str, new_text: &str, annotations: &[Annotation]) -> Reanchored {
    let old_index = TextIndex::new(old_text);
    let new_index = TextIndex::new(new_text);
    let old: Vec<char> = old_text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let diff = Diff::between(&old, &new);
    let ctx = Ctx {
        text: new_text,
        index: &new_index,
        chars: &new,
    };

    let mut out = Reanchored {
        placed: Vec::new(),
        orphaned: Vec::new(),
        report: ReanchorReport::default(),
    };
    for ann in annotations {
        // The old offsets are a hint only when they still point at the quote.
        let offsets_hold = old_index.slice(old_text, ann.span()) == Some(ann.exact.as_str());
        let found = place(&ctx, &diff, ann, offsets_hold);
        let placement = match found {
            Ok(span) => match quote_of(new_text, &new_index, span) {
                Some(quote) => {
                    let mut placed = ann.clone();
                    placed.start = span.start;
                    placed.end = span.end;
                    let placement = if quote.exact != ann.exact {
                        Placement::Fuzzy {
                            from: ann.span(),
                            to: span,
                            distance: quote_distance(&ann.exact, &quote.exact),
                            old_exact: ann.exact.clone(),
                        }
                    } else if span == ann.span() {
                        Placement::Unchanged
                    } else {
                        Placement::Moved {
                            from: ann.span(),
                            to: span,
                        }
                    };
                    placed.exact = quote.exact;
                    placed.prefix = quote.prefix;
                    placed.suffix = quote.suffix;
                    out.placed.push(placed);
                    placement
                }
                None => {
                    out.orphaned.push(ann.clone());
                    Placement::Orphaned {
                        reason: "internal error: the match lies off the text".to_owned(),
                    }
                }
            },
            Err(reason) => {
                out.orphaned.push(ann.clone());
                Placement::Orphaned { reason }
            }
        };
        out.report.outcomes.push(Outcome {
            id: ann.id.clone(),
            placement,
        });
    }
    out
}

/// The new text, in the forms the search needs.
struct Ctx<'a> {
    text: &'a str,
    index: &'a TextIndex,
    chars: &'a [char],
}

/// The unchanged head and tail of two texts: everything between is "the change".
struct Diff {
    head: usize,
    tail: usize,
    old_len: usize,
    new_len: usize,
}

impl Diff {
    fn between(old: &[char], new: &[char]) -> Self {
        let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let max_tail = old.len().min(new.len()) - head;
        let tail = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(max_tail)
            .take_while(|(a, b)| a == b)
            .count();
        Self {
            head,
            tail,
            old_len: old.len(),
            new_len: new.len(),
        }
    }

    /// The span in the new text when `span` lies wholly in the unchanged head or tail.
    fn untouched(&self, span: CharSpan) -> Option<CharSpan> {
        if span.end.0 <= self.head {
            return Some(span);
        }
        let tail_start = self.old_len - self.tail;
        if span.start.0 >= tail_start && span.end.0 <= self.old_len {
            let shift = |x: usize| x - tail_start + (self.new_len - self.tail);
            return Some(CharSpan::new(shift(span.start.0), shift(span.end.0)));
        }
        None
    }

    /// Where an old offset most likely lies in the new text.
    fn expected(&self, x: usize) -> usize {
        let old_mid = self.old_len - self.head - self.tail;
        let new_mid = self.new_len - self.head - self.tail;
        if x <= self.head {
            x
        } else if x >= self.old_len - self.tail {
            x - (self.old_len - self.tail) + (self.new_len - self.tail)
        } else {
            // Inside the changed region: scale the position across it.
            let into = (x - self.head) as f64 / old_mid.max(1) as f64;
            self.head + (into * new_mid as f64).round() as usize
        }
    }
}

/// How much context must agree (0..1) for a match to be trusted.
const CONFIDENT_CONTEXT: f64 = 0.5;
/// How much context a lone exact occurrence needs when its quote is short.
const LONE_CONTEXT: f64 = 0.15;
/// Quotes at least this long are trusted when they occur exactly once.
const LONE_MIN_CHARS: usize = 8;

/// Find the span for one annotation, or say why not.
fn place(
    ctx: &Ctx<'_>,
    diff: &Diff,
    ann: &Annotation,
    offsets_hold: bool,
) -> Result<CharSpan, String> {
    let exact: Vec<char> = ann.exact.chars().collect();
    let prefix: Vec<char> = ann.prefix.chars().collect();
    let suffix: Vec<char> = ann.suffix.chars().collect();
    if exact.is_empty() {
        return Err("the annotation has an empty quote".to_owned());
    }
    if offsets_hold && let Some(span) = diff.untouched(ann.span()) {
        // The span's own text is in the unchanged part, so it reads the same there.
        return Ok(span);
    }
    let expected = offsets_hold.then(|| diff.expected(ann.start.0));
    let score = |s: CharSpan| context_score(ctx.chars, s, &prefix, &suffix);
    let near = |s: CharSpan| expected.map_or(0, |e| s.start.0.abs_diff(e));

    // Exact matches.
    let mut exact_hits: Vec<(f64, usize, CharSpan)> = occurrences(ctx, &ann.exact, exact.len())
        .into_iter()
        .map(|s| (score(s), near(s), s))
        .collect();
    exact_hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    if let Some(&(best, _, span)) = exact_hits.first() {
        let lone = exact_hits.len() == 1;
        if lone && (best >= LONE_CONTEXT || exact.len() >= LONE_MIN_CHARS) {
            return Ok(span);
        }
        if best >= CONFIDENT_CONTEXT {
            let tied = exact_hits
                .get(1)
                .is_some_and(|&(second, _, _)| (best - second).abs() < 1e-9);
            // Equally good places (a repeated passage) are told apart by the old position;
            // without one there is no telling.
            if !tied || expected.is_some() {
                return Ok(span);
            }
            return Err(format!(
                "{:?} occurs {} times in equally good context",
                ann.exact,
                exact_hits.len()
            ));
        }
    }

    // Fuzzy matches.
    let k = max_edits(exact.len());
    if k == 0 {
        return Err(if exact_hits.is_empty() {
            format!("{:?} no longer occurs in the text", ann.exact)
        } else {
            format!("{:?} occurs, but not in its old context", ann.exact)
        });
    }
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    if let Some(e) = expected {
        anchors.push((e, 64 + exact.len() / 2));
    }
    let probe = 12;
    if prefix.len() >= 4 {
        let tail: String = prefix[prefix.len().saturating_sub(probe)..]
            .iter()
            .collect();
        for s in occurrences(ctx, &tail, tail.chars().count())
            .into_iter()
            .take(8)
        {
            anchors.push((s.end.0, 8 + k));
        }
    }
    if suffix.len() >= 4 {
        let head: String = suffix[..suffix.len().min(probe)].iter().collect();
        for s in occurrences(ctx, &head, head.chars().count())
            .into_iter()
            .take(8)
        {
            anchors.push((s.start.0.saturating_sub(exact.len()), 8 + 2 * k));
        }
    }
    // Windows around the anchors overlap (the old place, the prefix and the suffix all point
    // near the same text), so each candidate is measured once, not once per window.
    let mut candidates = std::collections::BTreeSet::new();
    for (at, slack) in anchors {
        let lo = at.saturating_sub(slack + k);
        let hi = (at + exact.len() + slack + k).min(ctx.chars.len());
        let Some(window) = ctx.chars.get(lo..hi) else {
            continue;
        };
        for (s, e) in approximate_matches(&exact, window, k) {
            candidates.insert((lo + s, lo + e));
        }
    }
    let mut fuzzy: Vec<(usize, f64, usize, CharSpan)> = Vec::new();
    for (s, e) in candidates {
        let span = CharSpan::new(s, e);
        let Some(d) = ctx
            .chars
            .get(span.start.0..span.end.0)
            .and_then(|t| levenshtein(&exact, t, k))
        else {
            continue;
        };
        if d > 0 {
            fuzzy.push((d, score(span), near(span), span));
        }
    }
    fuzzy.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    match fuzzy.first() {
        Some(&(_, ctx_score, _, span)) if ctx_score >= CONFIDENT_CONTEXT => Ok(span),
        Some(_) => Err(format!(
            "text like {:?} occurs, but not in its old context",
            ann.exact
        )),
        None if exact_hits.is_empty() => {
            Err(format!("{:?} no longer occurs in the text", ann.exact))
        }
        None => Err(format!(
            "{:?} occurs, but not in its old context",
            ann.exact
        )),
    }
}

/// The edit distance between an old quote and the one placed for it. A fuzzy placement is
/// within [`max_edits`] of the old quote, so the band of that width is tried first (the
/// whole table of a 30k-char quote costs seconds); the whole table only if it is not.
fn quote_distance(old: &str, new: &str) -> usize {
    let (old, new): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    levenshtein(&old, &new, max_edits(old.len()))
        .or_else(|| levenshtein(&old, &new, usize::MAX))
        .unwrap_or(usize::MAX)
}

/// How many single-char edits a quote of `len` chars may have undergone and still be found.
fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=11 => 1,
        12..=39 => 2,
        _ => 3,
    }
}

/// Every occurrence of `needle` (possibly overlapping) in the new text, as char spans.
fn occurrences(ctx: &Ctx<'_>, needle: &str, needle_chars: usize) -> Vec<CharSpan> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut from = 0;
    while let Some(rel) = ctx.text.get(from..).and_then(|rest| rest.find(needle)) {
        let byte = from + rel;
        let start = ctx.index.char_of(byte).0;
        found.push(CharSpan::new(start, start + needle_chars));
        // Step one char forward, so overlapping occurrences are seen too.
        let step = ctx
            .text
            .get(byte..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        from = byte + step;
    }
    found
}

/// How well the text around `span` agrees with the stored prefix and suffix, from 0 to 1:
/// the run of matching chars next to the span on each side ([`context_runs`]), over the
/// context stored. A side with no stored context (the span was at the start or end of the
/// text) agrees when the span is at the start or end again.
fn context_score(chars: &[char], span: CharSpan, prefix: &[char], suffix: &[char]) -> f64 {
    let at_start = chars.get(..span.start.0).is_none_or(<[char]>::is_empty);
    let at_end = chars.get(span.end.0..).is_none_or(<[char]>::is_empty);
    let side = |stored_len: usize, run: usize, at_edge: bool| -> (f64, f64) {
        if stored_len == 0 {
            (if at_edge { 1.0 } else { 0.0 }, 1.0)
        } else {
            (run as f64, stored_len as f64)
        }
    };
    let (pre_run, suf_run) = context_runs(chars, span, prefix, suffix);
    let (pm, pt) = side(prefix.len().min(QUOTE_CONTEXT_CHARS), pre_run, at_start);
    let (sm, st) = side(suffix.len().min(QUOTE_CONTEXT_CHARS), suf_run, at_end);
    (pm + sm) / (pt + st)
}

/// Spans `(start, end)` of `text` within `k` edits of `pattern` (semi-global alignment: the
/// match may start and end anywhere). One candidate per end position, with the start of its
/// best alignment.
///
/// Only the cells of the alignment table that cost at most `k` are kept, column by column (a
/// cell costing more can only lead to cells costing more, so the answer is the one the whole
/// table gives). In prose that is a few cells per text char, where the whole table cost
/// `pattern.len()` per char: a 10k-char quote took seconds per window.
fn approximate_matches(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    // The column before any text: a pattern prefix of i chars costs i deletions.
    let mut col: Vec<Cell> = (0..=m.min(k))
        .map(|row| Cell {
            row,
            cost: row,
            start: 0,
        })
        .collect();
    let mut next: Vec<Cell> = Vec::new();
    let mut found = Vec::new();
    for (j, &tc) in text.iter().enumerate() {
        next.clear();
        // Matching may begin at any text position: an empty pattern prefix costs nothing.
        next.push(Cell {
            row: 0,
            cost: 0,
            start: j + 1,
        });
        let mut p = 0; // first cell of `col` whose row may still matter
        let mut row = 1;
        while row <= m {
            while col.get(p).is_some_and(|c| c.row + 1 < row) {
                p += 1;
            }
            let up_live = next.last().is_some_and(|c| c.row + 1 == row);
            if !up_live {
                // Nothing above; the next row with a live neighbour in `col`, if any.
                match col.get(p) {
                    Some(c) => row = row.max(c.row),
                    None => break,
                }
                if row > m {
                    break;
                }
            }
            let at = |r: usize| {
                col.get(p..)
                    .and_then(|rest| rest.iter().take(2).find(|c| c.row == r))
            };
            let diag = row
                .checked_sub(1)
                .and_then(at)
                .zip(pattern.get(row - 1))
                .map(|(c, &pc)| (c.cost + usize::from(pc != tc), c.start));
            let up = next
                .last()
                .filter(|c| c.row + 1 == row)
                .map(|c| (c.cost + 1, c.start));
            let left = at(row).map(|c| (c.cost + 1, c.start));
            // The first of the cheapest, in this order, as the whole table chooses.
            let best = [diag, up, left]
                .into_iter()
                .flatten()
                .min_by_key(|&(c, _)| c);
            if let Some((cost, start)) = best
                && cost <= k
            {
                next.push(Cell { row, cost, start });
            }
            row += 1;
        }
        std::mem::swap(&mut col, &mut next);
        if let Some(last) = col.last()
            && last.row == m
        {
            found.push((last.start, j + 1));
        }
    }
    // Let each candidate's start also move by up to k chars: the alignment's start is one of
    // several equally cheap ones, and the caller scores them all.
    let mut widened = Vec::with_capacity(found.len() * (2 * k + 1));
    for (s, e) in found {
        for ds in 0..=(2 * k) {
            let Some(s2) = (s + ds).checked_sub(k) else {
                continue;
            };
            if s2 < e {
                widened.push((s2, e));
            }
        }
    }
    widened.sort_unstable();
    widened.dedup();
    widened
}

/// One cell of the alignment table of [`approximate_matches`] that costs at most `k`.
#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Pattern chars aligned so far.
    row: usize,
    /// Edits so far.
    cost: usize,
    /// Where in the text the alignment starts.
    start: usize,
}

/// Edit distance between `a` and `b` if it is at most `limit`, else `None`.
///
/// Only the band of cells within `limit` of the diagonal is computed (a cell further off costs
/// more than `limit`), so this costs `a.len() × (2 × limit + 1)`, not `a.len() × b.len()`.
fn levenshtein(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Anything above `limit` is as good as infinite, and stays above it when added to.
    let inf = limit.saturating_add(1);
    let cap = |v: usize| v.min(inf);
    let n = b.len();
    let mut prev: Vec<usize> = (0..=n).map(cap).collect();
    let mut cur = vec![inf; n + 1];
    for (i, &ca) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(limit);
        let hi = row.saturating_add(limit).min(n);
        // Outside the band this row is infinite; clear what an earlier row left there.
        if let Some(stale) = lo.checked_sub(1).and_then(|j| cur.get_mut(j)) {
            *stale = inf;
        }
        if lo == 0
            && let Some(first) = cur.first_mut()
        {
            *first = cap(row);
        }
        let mut row_min = if lo == 0 { cap(row) } else { inf };
        for j in lo.max(1)..=hi {
            let cb = b.get(j - 1).copied().unwrap_or_default();
            let sub = prev
                .get(j - 1)
                .copied()
                .unwrap_or(inf)
                .saturating_add(usize::from(ca != cb));
            let del = prev.get(j).copied().unwrap_or(inf).saturating_add(1);
            let ins = cur.get(j - 1).copied().unwrap_or(inf).saturating_add(1);
            let v = cap(sub.min(del).min(ins));
            if let Some(slot) = cur.get_mut(j) {
                *slot = v;
            }
            row_min = row_min.min(v);
        }
        if let Some(after) = cur.get_mut(hi.saturating_add(1)) {
            *after = inf;
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(n).copied().filter(|&d| d <= limit)
}

impl Project {
    /// Build (but do not apply) the edit that replaces an article's text with `new_text`
    /// (line endings normalised) and re-anchors its annotations and earlier orphans. Apply the
    /// edit with [`Project::apply`] and keep its inverse for undo.
    pub fn replace_article_text_edit(
        &self,
        article_id: &str,
        new_text: &str,
    ) -> Result<(Edit, ReanchorReport), EditError> {
        let article = self.article(article_id).ok_or_else(|| EditError::Missing {
            kind: "article",
            id: article_id.to_owned(),
        })?;
        let new_text = normalize_newlines(new_text);
        let mut anns: Vec<Annotation> = self.annotations_of(article_id).cloned().collect();
        anns.extend(self.orphans_of(article_id).cloned());
        let result = reanchor(&article.text, &new_text, &anns);
        let moved_rejections = self.moved_rejections(article, &new_text);
        let mut edit = Edit::ReplaceArticleText {
            article: article_id.to_owned(),
            text: new_text,
            annotations: result.placed,
            orphans: result.orphaned,
        };
        if !moved_rejections.is_empty() {
            edit = Edit::Batch(std::iter::once(edit).chain(moved_rejections).collect());
        }
        Ok((edit, result.report))
    }

    /// The edits that carry the article's rejected suggestions over to its new text: each is
    /// re-anchored like an annotation, from the quote it had, so a rejected mention stays
    /// rejected where it moved to; one whose quote is gone is dropped (the suggestion may come
    /// back, which is safer than hiding a different one).
    fn moved_rejections(&self, article: &super::Article, new_text: &str) -> Vec<Edit> {
        let rejected: Vec<&Rejection> = self
            .rejected_suggestions
            .iter()
            .filter(|r| r.article == article.id)
            .collect();
        if rejected.is_empty() {
            return Vec::new();
        }
        // Stand-in annotations: the id is the rejection's index, the rest what re-anchoring reads.
        let stand_ins: Vec<Annotation> = rejected
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let span = CharSpan {
                    start: r.start,
                    end: r.end,
                };
                let quote = quote_of(&article.text, article.index(), span)?;
                Some(Annotation {
                    id: i.to_string(),
                    article: article.id.clone(),
                    tag: String::new(),
                    start: r.start,
                    end: r.end,
                    exact: quote.exact,
                    prefix: quote.prefix,
                    suffix: quote.suffix,
                    entity: None,
                    note: String::new(),
                    claim: None,
                    created: super::now(),
                    created_by: None,
                    modified: None,
                    modified_by: None,
                    extra: Default::default(),
                })
            })
            .collect();
        let placed = reanchor(&article.text, new_text, &stand_ins).placed;
        // Taken out last to first, so that undoing puts them back in their order.
        let mut edits: Vec<Edit> = rejected
            .iter()
            .rev()
            .map(|r| Edit::UnrejectSuggestion((*r).clone()))
            .collect();
        let mut kept = std::collections::HashSet::new();
        for moved in placed {
            let Some(old) = moved.id.parse::<usize>().ok().and_then(|i| rejected.get(i)) else {
                continue;
            };
            let new = Rejection {
                article: article.id.clone(),
                start: moved.start,
                end: moved.end,
                entity: old.entity.clone(),
            };
            if kept.insert(new.clone()) {
                edits.push(Edit::RejectSuggestion(new));
            }
        }
        edits
    }
}

/// Replace an article's text and re-anchor its annotations, as one undoable edit. Returns the
/// report and the inverse edit (push it on the undo stack).
pub fn replace_article_text(
    project: &mut Project,
    article_id: &str,
    new_text: &str,
) -> Result<(ReanchorReport, Edit), EditError> {
    let (edit, report) = project.replace_article_text_edit(article_id, new_text)?;
    let inverse = project.apply(edit)?;
    Ok((report, inverse))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The whole-table matcher this module had before the sparse one, as a reference.
    fn full_table_matches(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize)> {
        let m = pattern.len();
        let mut col: Vec<(usize, usize)> = (0..=m).map(|i| (i, 0)).collect();
        let mut found = Vec::new();
        for (j, &tc) in text.iter().enumerate() {
            let mut next = Vec::with_capacity(m + 1);
            next.push((0, j + 1));
            for (i, &pc) in pattern.iter().enumerate() {
                let diag = (col[i].0 + usize::from(pc != tc), col[i].1);
                let up = (next[i].0 + 1, next[i].1);
                let left = (col[i + 1].0 + 1, col[i + 1].1);
                next.push(
                    [diag, up, left]
                        .into_iter()
                        .min_by_key(|&(c, _)| c)
                        .unwrap(),
                );
            }
            col = next;
            if col[m].0 <= k {
                found.push((col[m].1, j + 1));
            }
        }
        let mut widened = Vec::new();
        for (s, e) in found {
            for ds in 0..=(2 * k) {
                if let Some(s2) = (s + ds).checked_sub(k)
                    && s2 < e
                {
                    widened.push((s2, e));
                }
            }
        }
        widened.sort_unstable();
        widened.dedup();
        widened
    }

    /// The whole-table edit distance, as a reference.
    fn full_levenshtein(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, &ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, &cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    /// Pseudo-random strings over a small alphabet, so that near matches are common.
    fn random_chars(seed: &mut u64, len: usize, alphabet: &[char]) -> Vec<char> {
        (0..len)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                alphabet[(*seed >> 33) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn banded_and_sparse_tables_answer_as_the_whole_table() {
        let mut seed = 7;
        for round in 0..400 {
            let alphabet: &[char] = if round % 2 == 0 {
                &['a', 'b']
            } else {
                &['a', 'b', 'c', 'é']
            };
            let text = random_chars(&mut seed, 5 + round % 40, alphabet);
            let pattern = random_chars(&mut seed, 1 + round % 13, alphabet);
            for k in 0..4 {
                assert_eq!(
                    approximate_matches(&pattern, &text, k),
                    full_table_matches(&pattern, &text, k),
                    "{pattern:?} in {text:?}, k = {k}"
                );
                let other = random_chars(&mut seed, pattern.len() + round % 3, alphabet);
                let d = full_levenshtein(&pattern, &other);
                assert_eq!(levenshtein(&pattern, &other, k), (d <= k).then_some(d));
            }
        }
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting"), 5), Some(3));
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting"), 2), None);
        assert_eq!(levenshtein(&chars(""), &chars("ab"), 2), Some(2));
        // No limit at all, as the report of a fuzzy placement asks.
        let far = levenshtein(&chars("kitten"), &chars("sitting"), usize::MAX);
        assert_eq!(far, Some(3));
    }

    #[test]
    fn approximate_matches_find_a_one_char_change() {
        let text = chars("west of Al-Qaim late");
        let pattern = chars("Al-Qa’im");
        let found = approximate_matches(&pattern, &text, 1);
        assert!(found.contains(&(8, 15)), "{found:?}");
    }

    #[test]
    fn diff_maps_head_and_tail() {
        let d = Diff::between(&chars("aaXbb"), &chars("aaYYYbb"));
        assert_eq!((d.head, d.tail), (2, 2));
        assert_eq!(d.untouched(CharSpan::new(3, 5)), Some(CharSpan::new(5, 7)));
        assert_eq!(d.untouched(CharSpan::new(0, 2)), Some(CharSpan::new(0, 2)));
        assert_eq!(d.untouched(CharSpan::new(1, 3)), None);
    }
}
