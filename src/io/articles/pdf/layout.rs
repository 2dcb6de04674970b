//! Reading order for PDF pages. A PDF only says where each character is drawn, in whatever
//! order its producer wrote them; two-column pages often interleave the columns line by line.
//! So the text is rebuilt from positions alone:
//!
//! 1. characters become *lines*: runs on one baseline with no gap wider than a column gutter
//!    (a right-to-left line is put in reading order, [`bidi`]);
//! 2. lines that repeat at the top or bottom of several pages (running headers, footers, page
//!    numbers) are dropped;
//! 3. lines become *blocks* (a paragraph inside one column): the next line down in the same
//!    column, at the same spacing, font size and left edge (right edge, right to left);
//! 4. blocks that follow each other alone in one column become *stacks* (a column's run of
//!    paragraphs between two things that span it);
//! 5. stacks are read in order: what lies above and overlaps comes first, then the left of two
//!    stacks side by side (the right on a right-to-left page), then the higher one; inside a
//!    stack, top to bottom;
//! 6. lines of a block are joined, hyphenated line ends closed up ("coali-" + "tion"), and a
//!    block runs on into the next one when it stops mid-sentence, or when it is justified and
//!    its column ends on a full line (a paragraph across columns or pages).

use std::collections::HashMap;

use super::bidi;

/// One character as a page draws it, in PDF user space (y grows upwards).
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Left end of the baseline.
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// How far the pen moves to the right after it.
    pub advance: f64,
    /// The font size on the page.
    pub size: f64,
    /// The text it stands for (ligatures are more than one char).
    pub text: String,
}

/// A gap wider than this many font sizes splits a line: a column gutter, not a word space.
const COLUMN_GAP: f64 = 1.0;
/// A gap wider than this many font sizes is a word space.
const WORD_GAP: f64 = 0.12;
/// Baselines closer than this many font sizes are one baseline.
const SAME_BASELINE: f64 = 0.3;
/// A second line further below than this many font sizes starts a new block.
const FIRST_LEADING: f64 = 1.7;
/// How much more than a block's own line spacing still continues it.
const LEADING_SLACK: f64 = 1.3;
/// A line starting this many font sizes right of the block's left edge starts a paragraph.
const INDENT: f64 = 1.0;
/// A block's last line ending within this many font sizes of its far edge is full.
const FULL_LINE: f64 = 0.5;
/// The fewest lines a block needs for its last line's length to say anything.
const FULL_BLOCK_LINES: usize = 3;
/// The most stacks on one page put in column order; more are read top to bottom.
const MAX_ORDERED_STACKS: usize = 400;
/// Blocks further apart than this many font sizes are not one column's paragraphs (a footer
/// far below the column, say).
const STACK_GAP: f64 = 3.0;

/// Glyphs drawn on one baseline without a gutter-wide gap, before the line is read: each
/// glyph's text is a piece of its own (and each word space), so a right-to-left line can be
/// put in reading order glyph by glyph.
#[derive(Clone, Debug)]
struct Run {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    units: Vec<String>,
}

impl Run {
    fn into_line(self) -> Line {
        let rtl = bidi::is_rtl(&self.units);
        Line {
            x0: self.x0,
            x1: self.x1,
            y: self.y,
            size: self.size,
            text: bidi::line_text(&self.units, rtl),
            rtl,
        }
    }
}

/// Text on one baseline without a gutter-wide gap, in reading order.
#[derive(Clone, Debug)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    /// Mostly right-to-left letters: its paragraphs are indented on the right.
    rtl: bool,
}

/// A paragraph inside one column: its lines top to bottom and their bounding box.
#[derive(Clone, Debug)]
struct Block {
    lines: Vec<Line>,
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

impl Block {
    fn new(line: Line) -> Self {
        let mut block = Block {
            x0: line.x0,
            x1: line.x1,
            top: line.y + line.size,
            bottom: line.y,
            lines: Vec::new(),
        };
        block.push(line);
        block
    }

    fn push(&mut self, line: Line) {
        self.x0 = self.x0.min(line.x0);
        self.x1 = self.x1.max(line.x1);
        self.top = self.top.max(line.y + line.size);
        self.bottom = self.bottom.min(line.y - line.size * 0.25);
        self.lines.push(line);
    }

    fn last(&self) -> Option<&Line> {
        self.lines.last()
    }
}

/// A box, for the order rules.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

impl Rect {
    fn x_overlap(self, other: Rect) -> f64 {
        self.x1.min(other.x1) - self.x0.max(other.x0)
    }

    fn y_overlaps(self, other: Rect) -> bool {
        self.top.min(other.top) > self.bottom.max(other.bottom)
    }

    fn centre_y(self) -> f64 {
        (self.top + self.bottom) / 2.0
    }

    fn union(self, other: Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            x1: self.x1.max(other.x1),
            top: self.top.max(other.top),
            bottom: self.bottom.min(other.bottom),
        }
    }
}

fn rect(block: &Block) -> Rect {
    Rect {
        x0: block.x0,
        x1: block.x1,
        top: block.top,
        bottom: block.bottom,
    }
}

/// The text of a document's pages (each the glyphs it draws), in reading order: paragraphs
/// separated by a blank line.
pub fn page_text(pages: &[Vec<Glyph>]) -> String {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(|glyphs| page_lines(glyphs)).collect();
    drop_running_lines(&mut lines);
    let mut paragraphs: Vec<String> = Vec::new();
    // Whether the last paragraph may run on into the next block: it stopped mid-sentence, or
    // (`full`) its column ended with a line filled to the edge, so the column break fell
    // inside it.
    let mut open = false;
    let mut full: Option<f64> = None;
    for page in lines {
        // A page of mostly right-to-left lines reads its columns from the right.
        let rtl = page.iter().filter(|l| l.rtl).count() * 2 > page.len();
        for stack in reading_order(blocks(page), rtl) {
            for (i, block) in stack.into_iter().enumerate() {
                let text = join_lines(block.lines.iter().map(|l| l.text.as_str()));
                let carried = i == 0 && full.is_some_and(|size| carries_on(&block, &text, size));
                match paragraphs.last_mut() {
                    Some(last) if carried || (open && starts_lower(&text)) => {
                        *last = join_pair(last, &text);
                    }
                    _ => paragraphs.push(text),
                }
                open = paragraphs.last().is_some_and(|p| !ends_sentence(p));
                full = ends_full(&block);
            }
        }
    }
    paragraphs.join("\n\n")
}

/// The font size of a block's last line when the block is justified (its lines above the
/// last end at one edge, right or left for right-to-left text) and the last line reaches that
/// edge too, as a paragraph's last line seldom does. Ragged text says nothing this way, and
/// neither do blocks of fewer than [`FULL_BLOCK_LINES`] lines.
fn ends_full(block: &Block) -> Option<f64> {
    let [above @ .., last] = block.lines.as_slice() else {
        return None;
    };
    if block.lines.len() < FULL_BLOCK_LINES {
        return None;
    }
    // Measured from the line's start, so the far edge is the largest value either way.
    let reach = |l: &Line| if last.rtl { -l.x0 } else { l.x1 };
    let (low, high) = above
        .iter()
        .map(reach)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), r| {
            (low.min(r), high.max(r))
        });
    let tolerance = FULL_LINE * last.size;
    (high - low <= tolerance && reach(last) >= high - tolerance).then_some(last.size)
}

/// Whether a block at the top of a column continues the paragraph that filled the end of the
/// last one: the same font size, no first-line indent, and not a lone line without a full
/// stop (a heading).
fn carries_on(block: &Block, text: &str, size: f64) -> bool {
    let Some(first) = block.lines.first() else {
        return false;
    };
    let same_size = (first.size - size).abs() <= 0.15 * size;
    let indented = block.lines.iter().skip(1).any(|l| {
        if first.rtl {
            first.x1 < l.x1 - INDENT * size
        } else {
            first.x0 > l.x0 + INDENT * size
        }
    });
    same_size && !indented && (block.lines.len() > 1 || ends_sentence(text))
}

/// Characters in drawing order become runs, and runs on one baseline become lines, split at
/// gutters.
fn page_lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut runs: Vec<Run> = Vec::new();
    for glyph in glyphs {
        let size = glyph.size.abs();
        if glyph.text.trim().is_empty() || !size.is_finite() || size <= 0.0 {
            continue;
        }
        let (x0, x1) = if glyph.advance >= 0.0 {
            (glyph.x, glyph.x + glyph.advance)
        } else {
            (glyph.x + glyph.advance, glyph.x)
        };
        if let Some(run) = runs.last_mut()
            && (run.y - glyph.y).abs() <= SAME_BASELINE * run.size.max(size)
            && x0 >= run.x1 - SAME_BASELINE * size
            && x0 - run.x1 <= COLUMN_GAP * size
        {
            if x0 - run.x1 > WORD_GAP * size {
                run.units.push(" ".into());
            }
            run.units.push(glyph.text.clone());
            run.x1 = run.x1.max(x1);
            continue;
        }
        runs.push(Run {
            x0,
            x1,
            y: glyph.y,
            size,
            units: vec![glyph.text.clone()],
        });
    }
    merge_runs(runs)
}

/// Runs on one baseline, left to right, joined unless a gutter lies between them.
fn merge_runs(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match rows.last_mut() {
            Some(row) if (row[0].y - run.y).abs() <= SAME_BASELINE * row[0].size.max(run.size) => {
                row.push(run);
            }
            _ => rows.push(vec![run]),
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut current: Option<Run> = None;
        for run in row {
            current = Some(match current {
                Some(mut line) if run.x0 - line.x1 <= COLUMN_GAP * line.size.max(run.size) => {
                    // Runs that overlap are two texts drawn into each other (a term and its
                    // definition), not one word.
                    let gap = run.x0 - line.x1;
                    if gap > WORD_GAP * run.size || gap < -WORD_GAP * run.size {
                        line.units.push(" ".into());
                    }
                    line.units.extend(run.units);
                    line.x1 = line.x1.max(run.x1);
                    line
                }
                Some(line) => {
                    lines.push(line.into_line());
                    run
                }
                None => run,
            });
        }
        lines.extend(current.map(Run::into_line));
    }
    lines
}

/// A line's text with its numbers blanked, so "Page 3" on one page and "Page 4" on the next
/// count as the same running line, and its font size: a document's title set large on its
/// first page is not the running header that repeats it small on the others.
fn running_key(line: &Line) -> String {
    let mut key = format!("{:.0}|", line.size);
    let text = &line.text;
    let mut in_number = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            if !in_number {
                key.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            if !c.is_whitespace() {
                key.push(c);
            }
        }
    }
    key
}

/// How many baselines at the top and at the bottom of a page may hold running lines.
const RUNNING_BASELINES: usize = 2;

/// Drop the lines near the top or bottom of a page that recur there on other pages (at least
/// two pages and at least half of them): headers, footers and page numbers.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    if pages.len() < 2 {
        return;
    }
    let margins: Vec<Vec<usize>> = pages.iter().map(|lines| margin_lines(lines)).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (lines, margin) in pages.iter().zip(&margins) {
        let mut keys: Vec<String> = margin.iter().map(|&i| running_key(&lines[i])).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
    }
    let pages_len = pages.len();
    let repeats = |key: &str| {
        counts
            .get(key)
            .is_some_and(|&n| n >= 2 && n * 2 >= pages_len)
    };
    for (lines, margin) in pages.iter_mut().zip(&margins) {
        let drop: Vec<usize> = margin
            .iter()
            .copied()
            .filter(|&i| repeats(&running_key(&lines[i])))
            .collect();
        let mut index = 0;
        lines.retain(|_| {
            let keep = !drop.contains(&index);
            index += 1;
            keep
        });
    }
}

/// Indexes of the lines on the top and bottom [`RUNNING_BASELINES`] baselines of a page.
fn margin_lines(lines: &[Line]) -> Vec<usize> {
    let mut baselines: Vec<f64> = Vec::new();
    let mut by_height: Vec<&Line> = lines.iter().collect();
    by_height.sort_by(|a, b| b.y.total_cmp(&a.y));
    for line in by_height {
        if baselines
            .last()
            .is_none_or(|&y| (y - line.y).abs() > SAME_BASELINE * line.size)
        {
            baselines.push(line.y);
        }
    }
    let near = |y: f64, size: f64| {
        let top = baselines.iter().take(RUNNING_BASELINES);
        let bottom = baselines.iter().rev().take(RUNNING_BASELINES);
        top.chain(bottom)
            .any(|&b| (b - y).abs() <= SAME_BASELINE * size)
    };
    (0..lines.len())
        .filter(|&i| near(lines[i].y, lines[i].size))
        .collect()
}

/// Lines top to bottom become blocks: a line continues the block just above it in the same
/// column when the spacing, the font size and the left edge agree.
fn blocks(mut lines: Vec<Line>) -> Vec<Block> {
    lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines {
        let best = blocks
            .iter()
            .enumerate()
            .filter_map(|(i, block)| continues(block, &line).map(|gap| (i, gap)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        match best.and_then(|i| blocks.get_mut(i)) {
            Some(block) => block.push(line),
            None => blocks.push(Block::new(line)),
        }
    }
    blocks
}

/// The distance down to `line` when it continues `block`, `None` when it does not.
fn continues(block: &Block, line: &Line) -> Option<f64> {
    let last = block.last()?;
    let gap = last.y - line.y;
    let size = last.size.max(line.size);
    let same_size = (last.size - line.size).abs() <= 0.15 * size;
    let overlaps = line.x0 < block.x1 && line.x1 > block.x0;
    let leading = match block.lines.as_slice() {
        [.., a, b] => (a.y - b.y) * LEADING_SLACK,
        _ => FIRST_LEADING * size,
    };
    // Right-to-left paragraphs are indented on the right.
    let later = || block.lines.iter().skip(1);
    let indented = block.lines.len() > 1
        && if line.rtl {
            line.x1 < later().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max) - INDENT * size
        } else {
            line.x0 > later().map(|l| l.x0).fold(f64::INFINITY, f64::min) + INDENT * size
        };
    (same_size && overlaps && !indented && gap > SAME_BASELINE * size && gap <= leading)
        .then_some(gap)
}

/// The stacks of one page in reading order, each its blocks top to bottom.
fn reading_order(blocks: Vec<Block>, rtl: bool) -> Vec<Vec<Block>> {
    let stacks = stacks(&blocks);
    let rects: Vec<Rect> = stacks
        .iter()
        .map(|members| {
            members
                .iter()
                .map(|&i| rect(&blocks[i]))
                .reduce(Rect::union)
                .unwrap_or(Rect {
                    x0: 0.0,
                    x1: 0.0,
                    top: 0.0,
                    bottom: 0.0,
                })
        })
        .collect();
    let order = order_rects(&rects, rtl);
    let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|s| stacks[s].iter().filter_map(|&i| slots[i].take()).collect())
        .collect()
}

/// Blocks that follow each other alone in one column (each the only block directly below the
/// other, and the other the only one directly above it, not far apart) form a stack; indexes
/// top to bottom.
fn stacks(blocks: &[Block]) -> Vec<Vec<usize>> {
    let rects: Vec<Rect> = blocks.iter().map(rect).collect();
    let n = rects.len();
    // `below[a]` lists the blocks directly below block `a`: overlapping it across, lower,
    // with no block between them that overlaps both. Taken top to bottom, the blocks below
    // `a` come after it, nearest first.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rects[b].centre_y().total_cmp(&rects[a].centre_y()));
    let mut below: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut above_count = vec![0usize; n];
    for (at, &a) in order.iter().enumerate() {
        let ra = rects[a];
        // The blocks under `a` met so far: one of them overlapping `b` lies between.
        let mut nearer: Vec<Rect> = Vec::new();
        for &b in &order[at + 1..] {
            let rb = rects[b];
            if ra.x_overlap(rb) <= 0.0 || rb.centre_y() >= ra.centre_y() {
                continue;
            }
            let between = nearer
                .iter()
                .any(|rc| rc.x_overlap(rb) > 0.0 && rc.centre_y() > rb.centre_y());
            if !ra.y_overlaps(rb) && !between {
                below[a].push(b);
                above_count[b] += 1;
            }
            nearer.push(rb);
        }
    }
    let mut next: Vec<Option<usize>> = vec![None; n];
    let mut has_previous = vec![false; n];
    let close = |a: usize, b: usize| {
        let size = blocks[a].last().map_or(0.0, |l| l.size);
        rects[a].bottom - rects[b].top <= STACK_GAP * size
    };
    for a in 0..n {
        if let [b] = below[a][..]
            && above_count[b] == 1
            && close(a, b)
        {
            next[a] = Some(b);
            has_previous[b] = true;
        }
    }
    let mut stacks = Vec::new();
    for start in (0..n).filter(|&i| !has_previous[i]) {
        let mut stack = vec![start];
        let mut at = start;
        while let Some(b) = next[at] {
            if stack.contains(&b) {
                break;
            }
            stack.push(b);
            at = b;
        }
        stacks.push(stack);
    }
    stacks
}

/// Whether stack `a` is read before stack `b`: above it where they overlap across, left of it
/// (right of it on a right-to-left page) where they sit side by side, otherwise the higher one.
fn before(a: Rect, b: Rect, rtl: bool) -> bool {
    if a.x_overlap(b) > 0.0 {
        a.centre_y() > b.centre_y()
    } else if a.y_overlaps(b) {
        if rtl { a.x1 > b.x1 } else { a.x0 < b.x0 }
    } else {
        a.centre_y() > b.centre_y()
    }
}

/// Indexes of `rects` in reading order: each time, the first of those left that nothing left
/// must precede (top-most, then left-most, breaks ties and any cycle). Past
/// [`MAX_ORDERED_STACKS`] (a map or a chart full of labels, not columns of text) the work
/// would grow with the cube of the count, and top-most, then left-most, is the order.
fn order_rects(rects: &[Rect], rtl: bool) -> Vec<usize> {
    let mut left: Vec<usize> = (0..rects.len()).collect();
    left.sort_by(|&a, &b| {
        rects[b]
            .top
            .total_cmp(&rects[a].top)
            .then(rects[a].x0.total_cmp(&rects[b].x0))
    });
    if left.len() > MAX_ORDERED_STACKS {
        return left;
    }
    let mut order = Vec::with_capacity(rects.len());
    while !left.is_empty() {
        let pick = left
            .iter()
            .position(|&r| {
                !left.iter().any(|&o| {
                    o != r && before(rects[o], rects[r], rtl) && !before(rects[r], rects[o], rtl)
                })
            })
            .unwrap_or(0);
        order.push(left.remove(pick));
    }
    order
}

/// Hyphens that may end a line inside a word: ASCII, Unicode hyphen, soft hyphen.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{AD}'];

/// Two pieces of one paragraph: a hyphen between a letter and a lower-case letter is a word
/// broken at the line end and is closed up; otherwise a space joins them.
fn join_pair(first: &str, second: &str) -> String {
    let mut out = first.trim_end().to_owned();
    let second = second.trim_start();
    let mut chars = out.chars().rev();
    let broken = match (chars.next(), chars.next()) {
        (Some('\u{AD}'), Some(_)) => true,
        (Some(h), Some(letter)) => {
            HYPHENS.contains(&h) && letter.is_alphabetic() && starts_lower(second)
        }
        _ => false,
    };
    if broken {
        out.pop();
    } else if !out.is_empty() && !second.is_empty() {
        out.push(' ');
    }
    out.push_str(second);
    out
}

/// A block's lines as one paragraph.
fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        out = join_pair(&out, line);
    }
    out
}

fn starts_lower(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether a paragraph ends where a sentence may end (so the next block starts a new one).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .chars()
        .last()
        .is_none_or(|c| ".!?:;\"”»’)]…".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` from (x, y), 10 pt, each char 5 pt wide (spaces give word gaps).
    fn word(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                y,
                advance: 5.0,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn interleaved_columns_read_one_after_the_other() {
        let mut glyphs = word(72.0, 760.0, "Headline across both columns");
        for (i, (left, right)) in [
            ("Left one and", "Right one and"),
            ("left two ends.", "right two ends."),
        ]
        .iter()
        .enumerate()
        {
            let y = 730.0 - 12.0 * i as f64;
            glyphs.extend(word(72.0, y, left));
            glyphs.extend(word(320.0, y, right));
        }
        assert_eq!(
            page_text(&[glyphs]),
            "Headline across both columns\n\nLeft one and left two ends.\n\nRight one and right two ends."
        );
    }

    #[test]
    fn hyphens_close_up_only_inside_words() {
        assert_eq!(join_pair("the coali-", "tion said"), "the coalition said");
        assert_eq!(join_pair("Franco-", "German"), "Franco- German");
        assert_eq!(join_pair("a soft\u{AD}", "ware"), "a software");
        assert_eq!(join_pair("", "start"), "start");
    }

    #[test]
    fn running_lines_go_where_they_repeat() {
        let page = |n: usize, body: &str| {
            let mut g = word(72.0, 800.0, "Daily Monitor");
            g.extend(word(72.0, 700.0, body));
            g.extend(word(72.0, 40.0, &format!("Page {n}")));
            g
        };
        let pages = vec![page(1, "First page text."), page(2, "Second page text.")];
        assert_eq!(page_text(&pages), "First page text.\n\nSecond page text.");
        // One page: nothing repeats, so nothing is dropped.
        assert_eq!(
            page_text(&pages[..1]),
            "Daily Monitor\n\nFirst page text.\n\nPage 1"
        );
        let line = Line {
            x0: 0.0,
            x1: 50.0,
            y: 40.0,
            size: 9.0,
            text: "Page 12 of 30".into(),
            rtl: false,
        };
        assert_eq!(running_key(&line), "9|page#of#");
    }

    #[test]
    fn a_paragraph_runs_on_across_a_page_break() {
        let pages = vec![
            word(72.0, 700.0, "It ends in the mid-"),
            word(72.0, 700.0, "dle of it."),
        ];
        assert_eq!(page_text(&pages), "It ends in the middle of it.");
    }

    #[test]
    fn a_paragraph_broken_at_a_full_line_runs_on_into_the_next_column() {
        // Justified: every line of the left column ends at x = 172, the last one too.
        let mut g = Vec::new();
        for (i, line) in [
            "Shells fell on the",
            "market at dawn, the",
            "mayor's office said.",
        ]
        .iter()
        .enumerate()
        {
            let y = 700.0 - 12.0 * i as f64;
            let mut glyphs = word(72.0, y, line);
            let width = 5.0 * line.chars().count() as f64;
            // Spread the glyphs to the column's width, as justification does.
            for (j, glyph) in glyphs.iter_mut().enumerate() {
                glyph.x = 72.0 + j as f64 * (100.0 - 5.0) / (width / 5.0 - 1.0);
            }
            g.extend(glyphs);
        }
        g.extend(word(320.0, 700.0, "Two people were hurt"));
        g.extend(word(320.0, 688.0, "in the blast."));
        g.extend(word(320.0, 664.0, "A short note."));
        assert_eq!(
            page_text(&[g]),
            "Shells fell on the market at dawn, the mayor's office said. Two people were hurt in \
             the blast.\n\nA short note."
        );
    }

    #[test]
    fn a_right_to_left_page_reads_its_right_column_first() {
        // Drawn as seen: each line's letters left to right, so reversed.
        let drawn = |logical: &str| logical.chars().rev().collect::<String>();
        let mut g = word(72.0, 700.0, &drawn("في حلب"));
        g.extend(word(320.0, 700.0, &drawn("قتل شخص")));
        assert_eq!(page_text(&[g]), "قتل شخص\n\nفي حلب");
    }

    #[test]
    fn a_page_of_scattered_labels_is_read_top_to_bottom() {
        // A map: thousands of place names, none above another. Each is its own stack, more
        // than are put in column order.
        let mut g = Vec::new();
        for i in 0..3000 {
            let (x, y) = (f64::from(i % 60) * 30.0, 800.0 - f64::from(i / 60) * 60.0);
            g.extend(word(x, y, "Ab."));
        }
        let text = page_text(&[g]);
        assert_eq!(text.matches("Ab.").count(), 3000);
        assert!(text.starts_with("Ab.\n\nAb."), "{}", &text[..40]);
    }

    #[test]
    fn texts_drawn_into_each_other_stay_apart() {
        let mut g = word(72.0, 700.0, "DesktopEntries");
        g.extend(word(130.0, 700.0, "Desktop Entry Specification"));
        assert_eq!(
            page_text(&[g]),
            "DesktopEntries Desktop Entry Specification"
        );
    }

    #[test]
    fn indentation_and_spacing_start_paragraphs() {
        let mut g = word(72.0, 700.0, "One line");
        g.extend(word(72.0, 688.0, "two line."));
        g.extend(word(90.0, 676.0, "Indented starts"));
        g.extend(word(72.0, 664.0, "more."));
        g.extend(word(72.0, 630.0, "After a gap."));
        assert_eq!(
            page_text(&[g]),
            "One line two line.\n\nIndented starts more.\n\nAfter a gap."
        );
    }
}
