//! The article view: our own text widget, because egui's selectable labels keep their selection
//! private and we need it as global char offsets.
//!
//! The text is laid out one galley per paragraph (a line of the stored text). Galleys and their
//! heights are cached per article, width and font size, so a highlight change never re-lays out
//! text: highlights are rectangles painted behind the glyphs from row geometry. Only the
//! paragraphs inside the scroll viewport are painted.

use std::sync::Arc;

use egui::{
    Align, Color32, CornerRadius, FontId, Galley, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2,
    text::LayoutJob, vec2,
};

use crate::model::{Annotation, Article, CharIdx, CharSpan, text};

/// Vertical gap between paragraphs, as a fraction of the font size.
const PARAGRAPH_GAP: f32 = 0.6;
/// Line height as a multiple of the font size: comfortable for long reading.
const LINE_HEIGHT: f32 = 1.45;
/// Width of the left margin where nothing is laid out (room for the selection to start).
const MARGIN: f32 = 4.0;

pub use crate::workbench::Selection;

/// One paragraph of the article (a line of the stored text).
struct Para {
    /// Char range of the paragraph in the article (without its `\n`).
    span: CharSpan,
    /// Byte range of the paragraph in the article text.
    bytes: std::ops::Range<usize>,
    /// Top of the paragraph in content coordinates.
    top: f32,
    /// Height: exact once laid out, estimated before.
    height: f32,
    /// The laid-out text, kept only while near the viewport.
    galley: Option<Arc<Galley>>,
    /// Char index (within the paragraph) of each glyph, when glyphs and chars do not
    /// correspond one to one in order (right-to-left runs); `None` when they do.
    glyph_chars: Option<Vec<u32>>,
}

impl Para {
    /// Char (within the paragraph) of glyph `g`.
    fn char_of_glyph(&self, g: usize) -> usize {
        match &self.glyph_chars {
            None => g,
            Some(map) => map.get(g).map_or(self.span.len(), |&c| c as usize),
        }
    }

    /// The char position (within the paragraph) of the cursor just before glyph `g`. In a
    /// right-to-left run drawn in visual order that is the gap *after* the glyph's char, since
    /// the glyph's left edge is where its char ends.
    fn position_before_glyph(&self, g: usize) -> usize {
        let c = self.char_of_glyph(g);
        let Some(map) = &self.glyph_chars else {
            return c;
        };
        let at = |i: usize| map.get(i).map(|&x| x as usize);
        let reversed = at(g + 1).is_some_and(|next| next + 1 == c)
            || g.checked_sub(1)
                .and_then(at)
                .is_some_and(|prev| prev == c + 1);
        if reversed { c + 1 } else { c }
    }

    /// The glyph drawn for char `c` (within the paragraph): in a right-to-left run the glyphs
    /// run the other way, so this is a search, not a position; `None` for the end.
    fn glyph_of_char(&self, c: usize) -> Option<usize> {
        match &self.glyph_chars {
            None => (c < self.span.len()).then_some(c),
            Some(map) => map.iter().position(|&x| x as usize == c),
        }
    }
}

/// True for letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// presentation forms), which egui lays out in visual order.
fn is_rtl(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Map each glyph to the char it draws, where egui's order is not the text's: egui shapes a
/// right-to-left run (Arabic, Hebrew) in *visual* order, its last char first, and then adds a
/// zero-width glyph for each char after the first (`(سرمدا)` comes out as `( ا د م ر س` with
/// widths, then `ر م د ا` with none, then `)`). Returns `None` when glyphs and chars match one
/// to one in order.
///
/// `glyphs` holds each glyph's char and whether it has width. Left-to-right glyphs take the
/// next text char when they match it (any other is an extra of the char before). In a
/// right-to-left run the glyphs with width take the run's chars from its end backwards, and
/// the zero-width ones go to the run's first char, which sits at the run's right edge.
fn align_glyphs(glyphs: &[(char, bool)], text: &str) -> Option<Vec<u32>> {
    let chars: Vec<char> = text.chars().collect();
    let in_order = glyphs.len() == chars.len() && !chars.iter().any(|&c| is_rtl(c));
    if in_order {
        return None;
    }
    let mut map = Vec::with_capacity(glyphs.len());
    let mut next = 0usize;
    let mut g = 0usize;
    while g < glyphs.len() {
        let (chr, _) = glyphs[g];
        if chars.get(next).is_some_and(|&c| is_rtl(c)) && is_rtl(chr) {
            // The run, in text order: right-to-left letters and the marks on them.
            let mut run_end = next;
            while chars
                .get(run_end)
                .is_some_and(|&c| is_rtl(c) || crate::model::text::is_combining_mark(c))
            {
                run_end += 1;
            }
            let block_end = g + glyphs[g..]
                .iter()
                .take_while(|(c, _)| is_rtl(*c) || crate::model::text::is_combining_mark(*c))
                .count();
            let block = &glyphs[g..block_end];
            // Shaped (a font has the script): visual order, backwards. Not shaped (drawn as
            // boxes or from a fallback): text order. Whichever matches more chars is right.
            let backward = match_run(block, &chars, next..run_end, true);
            let forward = match_run(block, &chars, next..run_end, false);
            let matched = |m: &[Option<usize>]| m.iter().filter(|x| x.is_some()).count();
            let best = if matched(&forward) > matched(&backward) {
                forward
            } else {
                backward
            };
            map.extend(best.iter().map(|m| m.unwrap_or(next) as u32));
            g = block_end;
            next = run_end;
            continue;
        }
        if chars.get(next) == Some(&chr) {
            map.push(next as u32);
            next += 1;
        } else {
            map.push(next.saturating_sub(1) as u32);
        }
        g += 1;
    }
    Some(map)
}

/// Match a block of right-to-left glyphs to the chars `run` of the text: each glyph with width
/// takes the next char (`backward`: from the run's end) that it draws; glyphs without width,
/// and any that match nothing, get `None`.
fn match_run(
    block: &[(char, bool)],
    chars: &[char],
    run: std::ops::Range<usize>,
    backward: bool,
) -> Vec<Option<usize>> {
    let (mut lo, mut hi) = (run.start, run.end);
    block
        .iter()
        .map(|&(chr, wide)| {
            if !wide {
                return None;
            }
            let found = if backward {
                (lo..hi).rev().find(|&i| chars[i] == chr)
            } else {
                (lo..hi).find(|&i| chars[i] == chr)
            };
            if let Some(i) = found {
                if backward {
                    hi = i;
                } else {
                    lo = i + 1;
                }
            }
            found
        })
        .collect()
}

/// Layout of one article at one width and font size.
///
/// Long articles are never laid out whole: each paragraph gets an estimated height from its
/// glyph widths, and is laid out (exactly) only when it comes near the viewport. Galleys far
/// from the viewport are dropped again, so memory stays bounded on a million-char article.
struct Layout {
    key: (String, String, u32, u32, bool),
    paras: Vec<Para>,
    height: f32,
    wrap: f32,
    font: FontId,
    color: Color32,
    font_size: f32,
    /// Chars currently held in galleys, to decide when to evict.
    cached_chars: usize,
}

/// How many chars of laid-out text to keep before dropping far-away galleys.
const GALLEY_BUDGET_CHARS: usize = 200_000;

impl Layout {
    fn new(
        ui: &Ui,
        article: &Article,
        width: f32,
        font_size: f32,
        key: (String, String, u32, u32, bool),
    ) -> Self {
        let font = FontId::proportional(font_size);
        let wrap = (width - 2.0 * MARGIN).max(50.0);
        let row = font_size * LINE_HEIGHT;
        // Glyph widths of ASCII, for the height estimate; other chars count as a wide average.
        let ascii: Vec<f32> = ui.ctx().fonts_mut(|f| {
            (0u8..128)
                .map(|b| f.glyph_width(&font, b as char))
                .collect()
        });
        let wide = font_size * 0.62;
        let mut paras = Vec::new();
        let mut char_start = 0usize;
        let mut byte_start = 0usize;
        for line in article.text.split('\n') {
            let mut len = 0usize;
            let mut w = 0.0f32;
            for c in line.chars() {
                len += 1;
                w += ascii.get(c as usize).copied().unwrap_or(wide);
            }
            let rows = (w / wrap).ceil().max(1.0);
            let height = if len == 0 { row * 0.5 } else { rows * row };
            paras.push(Para {
                span: CharSpan::new(char_start, char_start + len),
                bytes: byte_start..byte_start + line.len(),
                top: 0.0,
                height,
                galley: None,
                glyph_chars: None,
            });
            char_start += len + 1;
            byte_start += line.len() + 1;
        }
        let mut layout = Self {
            key,
            paras,
            height: 0.0,
            wrap,
            font,
            color: ui.visuals().text_color(),
            font_size,
            cached_chars: 0,
        };
        layout.recompute_tops();
        layout
    }

    fn recompute_tops(&mut self) {
        let mut top = 0.0;
        let gap = self.font_size * PARAGRAPH_GAP;
        for p in &mut self.paras {
            p.top = top;
            top += p.height + if p.span.is_empty() { 0.0 } else { gap };
        }
        self.height = top;
    }

    /// Lay out paragraph `i` if needed. Returns true when its height changed.
    fn ensure_galley(&mut self, ctx: &egui::Context, text: &str, i: usize) -> bool {
        let Some(para) = self.paras.get(i) else {
            return false;
        };
        if para.galley.is_some() {
            return false;
        }
        let line = text.get(para.bytes.clone()).unwrap_or_default();
        let mut job = LayoutJob::single_section(
            line.to_owned(),
            egui::TextFormat {
                font_id: self.font.clone(),
                color: self.color,
                line_height: Some(self.font_size * LINE_HEIGHT),
                ..Default::default()
            },
        );
        job.wrap.max_width = self.wrap;
        let galley = ctx.fonts_mut(|f| f.layout_job(job));
        let row = self.font_size * LINE_HEIGHT;
        let height = if para.span.is_empty() {
            row * 0.5
        } else {
            galley.size().y.max(row)
        };
        let len = para.span.len();
        let Some(para) = self.paras.get_mut(i) else {
            return false;
        };
        let glyph_chars: Vec<(char, bool)> = galley
            .rows
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| (g.chr, g.advance_width > 0.0)))
            .collect();
        para.glyph_chars = align_glyphs(&glyph_chars, line);
        para.galley = Some(galley);
        self.cached_chars += len;
        let changed = (para.height - height).abs() > 0.5;
        para.height = height;
        changed
    }

    /// Lay out the paragraphs that intersect `viewport` (plus one screen of margin), fixing
    /// the tops when estimates were off. Returns the visible range.
    fn prepare(
        &mut self,
        ctx: &egui::Context,
        text: &str,
        viewport: Rect,
    ) -> std::ops::Range<usize> {
        for _ in 0..4 {
            let range = self.visible(viewport.expand2(vec2(0.0, viewport.height())));
            let mut changed = false;
            for i in range {
                changed |= self.ensure_galley(ctx, text, i);
            }
            if !changed {
                break;
            }
            self.recompute_tops();
        }
        self.visible(viewport)
    }

    /// Drop galleys far from the viewport once the budget is exceeded.
    fn evict(&mut self, keep: std::ops::Range<usize>) {
        if self.cached_chars <= GALLEY_BUDGET_CHARS {
            return;
        }
        let margin = 50;
        let lo = keep.start.saturating_sub(margin);
        let hi = keep.end + margin;
        for (i, p) in self.paras.iter_mut().enumerate() {
            if (i < lo || i >= hi) && p.galley.take().is_some() {
                self.cached_chars = self.cached_chars.saturating_sub(p.span.len());
            }
        }
    }

    /// Range of paragraph indices that intersect `viewport` (content coordinates).
    fn visible(&self, viewport: Rect) -> std::ops::Range<usize> {
        let first = self
            .paras
            .partition_point(|p| p.top + p.height < viewport.top());
        let last = self.paras.partition_point(|p| p.top <= viewport.bottom());
        first.min(last)..last
    }

    /// Index of the paragraph at height `y`.
    fn para_at(&self, y: f32) -> usize {
        self.paras.partition_point(|p| p.top <= y).saturating_sub(1)
    }

    /// Index of the paragraph holding char `at`.
    fn para_of(&self, at: CharIdx) -> usize {
        self.paras
            .partition_point(|p| p.span.end < at)
            .min(self.paras.len().saturating_sub(1))
    }
}

/// A suggestion shown as a faint dashed highlight.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggested {
    /// Where it is.
    pub span: CharSpan,
    /// Colour of its tag.
    pub color: Color32,
    /// The one Enter accepts: drawn stronger.
    pub current: bool,
}

/// Finds the annotations that overlap a range in O(log n + k): annotations sorted by start,
/// with the running maximum of their ends, so a binary search skips every annotation that
/// ends before the range.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    starts: Vec<CharIdx>,
    ends: Vec<CharIdx>,
    max_end: Vec<CharIdx>,
}

impl SpanIndex {
    /// Index spans that are sorted by start.
    pub fn new(spans: impl Iterator<Item = CharSpan>) -> Self {
        let mut index = Self::default();
        let mut running = CharIdx(0);
        for span in spans {
            running = running.max(span.end);
            index.starts.push(span.start);
            index.ends.push(span.end);
            index.max_end.push(running);
        }
        index
    }

    /// Positions of the spans that share at least one char with `range`, in order. An empty
    /// `range` finds the spans that contain its position.
    pub fn overlapping(&self, range: CharSpan) -> impl Iterator<Item = usize> + '_ {
        let probe = if range.is_empty() {
            CharSpan::new(range.start.0, range.start.0 + 1)
        } else {
            range
        };
        let first = self.max_end.partition_point(|&e| e <= probe.start);
        let last = self.starts.partition_point(|&s| s < probe.end);
        (first..last.max(first))
            .filter(move |&i| self.ends.get(i).is_some_and(|&e| e > probe.start))
    }
}

/// Everything the view needs to draw one frame.
pub struct ViewInput<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its annotations in stored order (by start).
    pub annotations: &'a [Annotation],
    /// Index over `annotations`.
    pub index: &'a SpanIndex,
    /// Tag colour per annotation (same order).
    pub colors: &'a [Color32],
    /// Nesting level per annotation (same order): 0 for outermost.
    pub levels: &'a [usize],
    /// The selected annotation's id.
    pub selected: Option<&'a str>,
    /// Tooltip text per annotation.
    pub tooltips: &'a dyn Fn(&Annotation) -> String,
    /// Font size in points.
    pub font_size: f32,
    /// Scroll so that this span is visible.
    pub scroll_to: Option<CharSpan>,
    /// Faint suggested highlights, by start.
    pub suggestions: &'a [Suggested],
    /// Another analyst's spans while comparing, by start: a band over the text line.
    pub compare: &'a [Suggested],
}

/// What happened in the view this frame, for the app to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewEvent {
    /// A highlight was clicked: select that annotation (the innermost under the pointer).
    SelectAnnotation(String),
    /// A click on plain text: drop the annotation selection.
    ClearAnnotation,
    /// A suggestion was clicked.
    ClickSuggestion(usize),
    /// The right-click menu asked to tag the selection with this tag.
    TagSelection(String),
    /// The right-click menu asked to delete the selected annotation.
    DeleteSelected,
    /// The right-click menu asked to tag all occurrences (true: in the whole project).
    TagAll {
        /// Whole project rather than this article.
        project: bool,
    },
    /// The right-click menu asked to reject a suggestion.
    RejectSuggestion(usize),
    /// The right-click menu asked to add the selected annotation to the open incident.
    AddEvidence,
}

/// The article view widget state (layout cache) kept between frames.
#[derive(Default)]
pub struct ArticleView {
    layout: Option<Layout>,
    /// Screen position of the text origin in the last frame.
    last_origin: Option<Pos2>,
}

/// Tags offered in the context menu: (id, label, key).
pub type TagChoice = (String, String, Option<char>);

impl ArticleView {
    /// Forget the cached layout (e.g. after a theme change).
    pub fn invalidate(&mut self) {
        self.layout = None;
    }

    fn ensure_layout(&mut self, ui: &Ui, article: &Article, width: f32, font_size: f32) {
        let key = (
            article.id.clone(),
            article.text_sha256.clone(),
            width.round() as u32,
            (font_size * 10.0).round() as u32,
            ui.visuals().dark_mode,
        );
        if self.layout.as_ref().is_none_or(|l| l.key != key) {
            self.layout = Some(Layout::new(ui, article, width, font_size, key));
        }
    }

    /// Draw the view, handle the mouse, and report what happened.
    #[expect(
        clippy::too_many_lines,
        reason = "to shrink: pointer handling, painting and the context menu become functions"
    )]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        input: &ViewInput<'_>,
        selection: &mut Selection,
        tags: &[TagChoice],
        alt_exact: bool,
    ) -> Vec<ViewEvent> {
        let mut events = Vec::new();
        let width = ui.available_width();
        self.ensure_layout(ui, input.article, width, input.font_size);
        let text = input.article.text.as_str();
        let ctx = ui.ctx().clone();
        let scroll = egui::ScrollArea::vertical()
            .id_salt(("article-scroll", &input.article.id))
            .auto_shrink([false, false]);
        let last_origin = &mut self.last_origin;
        let Some(layout) = self.layout.as_mut() else {
            return events;
        };
        scroll.show_viewport(ui, |ui, viewport| {
            let visible = layout.prepare(&ctx, text, viewport);
            let (rect, response) = ui.allocate_exact_size(
                vec2(width, layout.height.max(viewport.height())),
                Sense::click_and_drag(),
            );
            let origin = rect.min + vec2(MARGIN, 0.0);
            *last_origin = Some(origin);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text")
            });

            // ---- Scrolling to a requested span ----
            if let Some(span) = input.scroll_to {
                let i = layout.para_of(span.start);
                layout.ensure_galley(&ctx, text, i);
                layout.recompute_tops();
                if let Some(r) = span_rects(layout, span).first() {
                    ui.scroll_to_rect(
                        r.translate(origin.to_vec2()).expand(20.0),
                        Some(Align::Center),
                    );
                }
            }

            // ---- Mouse ----
            let mut char_at = |pos: Pos2| char_at_pos(layout, &ctx, text, pos - origin.to_vec2());
            let shift = ui.input(|i| i.modifiers.shift);
            // Anchor at the press position, not where the drag threshold was crossed.
            if response.drag_started()
                && let Some(pos) = ui
                    .input(|i| i.pointer.press_origin())
                    .or(response.interact_pointer_pos())
            {
                let at = char_at(pos);
                if !(shift && selection.anchor.is_some()) {
                    selection.anchor = Some(at);
                    selection.span = None;
                }
                selection.dragging = true;
            }
            if response.dragged()
                && selection.dragging
                && let (Some(pos), Some(anchor)) =
                    (response.interact_pointer_pos(), selection.anchor)
            {
                let at = char_at(pos);
                let span = CharSpan {
                    start: anchor.min(at),
                    end: anchor.max(at),
                };
                selection.span = (!span.is_empty()).then_some(span);
            }
            if response.drag_stopped() {
                selection.dragging = false;
                if !alt_exact {
                    selection.span = selection
                        .span
                        .and_then(|s| text::snap_to_words(input.article.chars(), s));
                }
                if selection.span.is_some() {
                    events.push(ViewEvent::ClearAnnotation);
                }
                response.request_focus();
            }
            if response.clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                response.request_focus();
                let at = char_at(pos);
                if shift && let Some(anchor) = selection.anchor {
                    let span = CharSpan {
                        start: anchor.min(at),
                        end: anchor.max(at),
                    };
                    selection.span = if alt_exact {
                        (!span.is_empty()).then_some(span)
                    } else {
                        text::snap_to_words(input.article.chars(), span)
                    };
                } else if let Some(i) = innermost_at(input, at) {
                    selection.clear();
                    if let Some(a) = input.annotations.get(i) {
                        events.push(ViewEvent::SelectAnnotation(a.id.clone()));
                    }
                } else if let Some(i) = input.suggestions.iter().position(|s| s.span.contains(at)) {
                    events.push(ViewEvent::ClickSuggestion(i));
                } else {
                    selection.clear();
                    selection.anchor = Some(at);
                    events.push(ViewEvent::ClearAnnotation);
                }
            }
            if response.double_clicked()
                && let Some(pos) = response.interact_pointer_pos()
                && let Some(word) = text::word_at(input.article.chars(), char_at(pos))
            {
                selection.set(word);
                events.push(ViewEvent::ClearAnnotation);
            }
            if response.triple_clicked()
                && let Some(pos) = response.interact_pointer_pos()
                && let Some(sentence) = text::sentence_at(input.article.chars(), char_at(pos))
            {
                selection.set(sentence);
                events.push(ViewEvent::ClearAnnotation);
            }
            let hovered_char = response.hover_pos().map(&mut char_at);
            let menu_char = response
                .interact_pointer_pos()
                .map(&mut char_at)
                .or(hovered_char);

            // ---- Painting: only the visible paragraphs ----
            let painter = ui.painter_at(rect);
            let sel_color = ui.visuals().selection.bg_fill.gamma_multiply(0.8);
            let strong = ui.visuals().strong_text_color();
            for para in layout.paras.get(visible.clone()).unwrap_or_default() {
                let Some(galley) = &para.galley else {
                    continue;
                };
                let para_origin = origin + vec2(0.0, para.top);
                // Annotation backgrounds and nesting bands.
                for i in input.index.overlapping(para.span) {
                    let Some(ann) = input.annotations.get(i) else {
                        continue;
                    };
                    let color = input.colors.get(i).copied().unwrap_or(Color32::GRAY);
                    let level = input.levels.get(i).copied().unwrap_or(0);
                    for r in para_span_rects(para, ann.span()) {
                        let r = r.translate(para_origin.to_vec2());
                        painter.rect_filled(r, CornerRadius::same(2), color.gamma_multiply(0.28));
                        // Each nesting level gets its own underline band, so a claim that holds
                        // an actor and a location shows all three.
                        let y = r.bottom() - 1.0 - 3.0 * level as f32;
                        painter.line_segment(
                            [pos2(r.left(), y), pos2(r.right(), y)],
                            Stroke::new(2.0, color),
                        );
                        if input.selected == Some(ann.id.as_str()) {
                            painter.rect_stroke(
                                r.expand(1.0),
                                CornerRadius::same(2),
                                Stroke::new(2.0, strong),
                                StrokeKind::Outside,
                            );
                        }
                    }
                }
                let first_suggestion = input
                    .suggestions
                    .partition_point(|s| s.span.end <= para.span.start);
                for s in input
                    .suggestions
                    .get(first_suggestion..)
                    .unwrap_or_default()
                {
                    if s.span.start >= para.span.end {
                        break;
                    }
                    for r in para_span_rects(para, s.span) {
                        let r = r.translate(para_origin.to_vec2());
                        let alpha = if s.current { 0.22 } else { 0.08 };
                        painter.rect_filled(
                            r,
                            CornerRadius::same(2),
                            s.color.gamma_multiply(alpha),
                        );
                        dashed_underline(&painter, r, s.color);
                        if s.current {
                            painter.rect_stroke(
                                r,
                                CornerRadius::same(2),
                                Stroke::new(1.0, s.color),
                                StrokeKind::Outside,
                            );
                        }
                    }
                }
                // Their spans: a band along the top of each row, so both sides show at once.
                for s in input.compare.iter().filter(|s| s.span.overlaps(para.span)) {
                    for r in para_span_rects(para, s.span) {
                        let r = r.translate(para_origin.to_vec2());
                        let y = r.top() + 1.5;
                        painter.line_segment(
                            [pos2(r.left(), y), pos2(r.right(), y)],
                            Stroke::new(3.0, s.color),
                        );
                    }
                }
                if let Some(sel) = selection.span
                    && sel.overlaps(para.span)
                {
                    for r in para_span_rects(para, sel) {
                        painter.rect_filled(r.translate(para_origin.to_vec2()), 0.0, sel_color);
                    }
                }
                painter.galley(para_origin, galley.clone(), ui.visuals().text_color());
            }
            layout.evict(visible);

            // ---- Hover tooltip ----
            if let Some(at) = hovered_char
                && !selection.dragging
            {
                let tips: Vec<String> = input
                    .index
                    .overlapping(CharSpan { start: at, end: at })
                    .filter_map(|i| input.annotations.get(i))
                    .map(|a| (input.tooltips)(a))
                    .collect();
                if !tips.is_empty() {
                    response.clone().on_hover_ui_at_pointer(|ui| {
                        for (i, tip) in tips.iter().enumerate() {
                            if i > 0 {
                                ui.separator();
                            }
                            ui.label(tip);
                        }
                    });
                }
            }

            // ---- Right-click menu ----
            let suggestion_under =
                menu_char.and_then(|at| input.suggestions.iter().position(|s| s.span.contains(at)));
            response.context_menu(|ui| {
                context_menu(ui, input, selection, tags, suggestion_under, &mut events);
            });
        });
        events
    }

    /// Screen rectangles of a char span as last laid out (for tests and for scrolling).
    pub fn screen_rects(&self, span: CharSpan) -> Vec<Rect> {
        match (&self.layout, self.last_origin) {
            (Some(layout), Some(origin)) => span_rects(layout, span)
                .into_iter()
                .map(|r| r.translate(origin.to_vec2()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn context_menu(
    ui: &mut Ui,
    input: &ViewInput<'_>,
    selection: &Selection,
    tags: &[TagChoice],
    suggestion_under: Option<usize>,
    events: &mut Vec<ViewEvent>,
) {
    let mut item = |ui: &mut Ui, text: String, event: ViewEvent| {
        if ui.button(text).clicked() {
            events.push(event);
            ui.close();
        }
    };
    if selection.span.is_some() {
        for (id, label, key) in tags {
            let text = match key {
                Some(k) => format!("Tag as {label}  ({})", k.to_ascii_uppercase()),
                None => format!("Tag as {label}"),
            };
            item(ui, text, ViewEvent::TagSelection(id.clone()));
        }
    }
    if input.selected.is_some() {
        item(
            ui,
            "Tag all occurrences in this article".into(),
            ViewEvent::TagAll { project: false },
        );
        item(
            ui,
            "Tag all occurrences in the project".into(),
            ViewEvent::TagAll { project: true },
        );
        item(
            ui,
            "Add to the open incident  (E)".into(),
            ViewEvent::AddEvidence,
        );
        item(
            ui,
            "Delete annotation  (Del)".into(),
            ViewEvent::DeleteSelected,
        );
    }
    if let Some(i) = suggestion_under {
        item(
            ui,
            "Accept suggestion".into(),
            ViewEvent::ClickSuggestion(i),
        );
        item(
            ui,
            "Reject suggestion".into(),
            ViewEvent::RejectSuggestion(i),
        );
    }
    if selection.span.is_none() && input.selected.is_none() && suggestion_under.is_none() {
        ui.label("Select text to tag it");
    }
}

/// The char under a point in content coordinates (relative to the text origin).
fn char_at_pos(layout: &mut Layout, ctx: &egui::Context, text: &str, pos: Pos2) -> CharIdx {
    let i = layout.para_at(pos.y);
    if layout.ensure_galley(ctx, text, i) {
        layout.recompute_tops();
    }
    let Some(para) = layout.paras.get(i) else {
        return CharIdx(0);
    };
    let Some(galley) = &para.galley else {
        return para.span.start;
    };
    let local = pos - vec2(0.0, para.top);
    let cursor = galley.cursor_from_pos(local.to_vec2());
    CharIdx((para.span.start.0 + para.position_before_glyph(cursor.index.0)).min(para.span.end.0))
}

/// Rectangles (content coordinates) that cover `span`, one per wrapped row of the paragraphs
/// that are laid out.
fn span_rects(layout: &Layout, span: CharSpan) -> Vec<Rect> {
    let first = layout.para_of(span.start);
    let mut rects = Vec::new();
    for para in layout.paras.iter().skip(first) {
        if para.span.start >= span.end && !span.is_empty() {
            break;
        }
        rects.extend(
            para_span_rects(para, span)
                .into_iter()
                .map(|r| r.translate(vec2(0.0, para.top))),
        );
        if span.is_empty() {
            break;
        }
    }
    rects
}

/// Rectangles (paragraph coordinates) that cover the part of `span` inside `para`: per row,
/// the glyphs drawing the span's chars, merged where they touch (in a right-to-left run the
/// first char is drawn rightmost, so a span's ends do not bound it; its glyphs do).
fn para_span_rects(para: &Para, span: CharSpan) -> Vec<Rect> {
    let mut rects = Vec::new();
    let Some(galley) = &para.galley else {
        return rects;
    };
    let local = |c: CharIdx| c.0.saturating_sub(para.span.start.0).min(para.span.len());
    let (ls, le) = (local(span.start), local(span.end));
    if span.is_empty() {
        // A caret: at the left edge of the char's glyph, or after the last glyph.
        let mut first = 0usize;
        for row in &galley.rows {
            let n = row.glyphs.len();
            let x = match para.glyph_of_char(ls) {
                Some(g) if (first..first + n).contains(&g) => Some(row.glyphs[g - first].pos.x),
                None if std::ptr::eq(row, galley.rows.last().unwrap_or(row)) => {
                    Some(row.glyphs.last().map_or(0.0, |g| g.pos.x + g.advance_width))
                }
                _ => None,
            };
            if let Some(x) = x {
                let x0 = row.pos.x + x;
                rects.push(Rect::from_min_max(
                    pos2(x0, row.min_y()),
                    pos2(x0 + 1.0, row.max_y()),
                ));
                break;
            }
            first += n;
        }
        return rects;
    }
    let mut first = 0usize;
    for row in &galley.rows {
        let n = row.glyphs.len();
        let picked: Vec<(f32, f32)> = row
            .glyphs
            .iter()
            .enumerate()
            .filter(|(k, _)| (ls..le).contains(&para.char_of_glyph(first + k)))
            .map(|(_, g)| (g.pos.x, g.advance_width))
            .collect();
        let slack = row.height() * 0.25;
        for (x0, x1) in glyph_runs(&picked, slack) {
            rects.push(Rect::from_min_max(
                pos2(row.pos.x + x0, row.min_y()),
                pos2(row.pos.x + x1.max(x0 + 1.0), row.max_y()),
            ));
        }
        first += n;
    }
    rects
}

/// The horizontal extents `(x0, x1)` covered by `glyphs` (each its x and advance width), left
/// to right, with glyphs less than
/// `slack` apart merged into one run (egui rounds glyph positions, so neighbours do not touch
/// exactly). Glyphs of no width (egui adds some after right-to-left runs) count only when
/// nothing else does.
fn glyph_runs(glyphs: &[(f32, f32)], slack: f32) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> = glyphs
        .iter()
        .filter(|(_, w)| *w > 0.0)
        .map(|&(x, w)| (x, x + w))
        .collect();
    if spans.is_empty() {
        return glyphs
            .first()
            .map(|&(x, _)| vec![(x, x)])
            .unwrap_or_default();
    }
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut runs: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in spans {
        match runs.last_mut() {
            Some(last) if x0 <= last.1 + slack => last.1 = last.1.max(x1),
            _ => runs.push((x0, x1)),
        }
    }
    runs
}

/// Index of the innermost (shortest) annotation covering `at`.
fn innermost_at(input: &ViewInput<'_>, at: CharIdx) -> Option<usize> {
    input
        .index
        .overlapping(CharSpan { start: at, end: at })
        .filter_map(|i| Some((i, input.annotations.get(i)?.span().len())))
        .min_by_key(|(_, len)| *len)
        .map(|(i, _)| i)
}

fn dashed_underline(painter: &egui::Painter, r: Rect, color: Color32) {
    let y = r.bottom() - 1.0;
    let mut x = r.left();
    while x < r.right() {
        let x2 = (x + 4.0).min(r.right());
        painter.line_segment([pos2(x, y), pos2(x2, y)], Stroke::new(1.5, color));
        x += 7.0;
    }
}

/// Nesting level of each annotation (in the given order, which must be by start): the lowest
/// level not taken by an overlapping annotation that starts earlier.
pub fn nesting_levels(annotations: &[Annotation]) -> Vec<usize> {
    let mut levels = Vec::with_capacity(annotations.len());
    // (end, level) of annotations still open.
    let mut open: Vec<(CharIdx, usize)> = Vec::new();
    for ann in annotations {
        open.retain(|(end, _)| *end > ann.start);
        let mut level = 0;
        while open.iter().any(|(_, l)| *l == level) {
            level += 1;
        }
        open.push((ann.end, level));
        levels.push(level);
    }
    levels
}

/// Colour of a tag as an egui colour (grey when the file's colour is unreadable).
pub fn tag_color(rgb: Option<[u8; 3]>) -> Color32 {
    rgb.map_or(Color32::GRAY, |[r, g, b]| Color32::from_rgb(r, g, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_glyphs_map_back_to_their_chars() {
        // What egui emits for "(سرمدا) x" (read off a real layout with Noto Sans Arabic): the
        // run's glyphs in visual order, last char first, then a zero-width glyph for each char
        // after the first, then the rest in order.
        let text = "(سرمدا) x";
        let wide = |s: &str| s.chars().map(|c| (c, true)).collect::<Vec<_>>();
        let mut glyphs = wide("(ادمرس");
        glyphs.extend("رمدا".chars().map(|c| (c, false)));
        glyphs.extend(wide(") x"));
        let map = align_glyphs(&glyphs, text).expect("not in order");
        assert_eq!(map, vec![0, 5, 4, 3, 2, 1, 1, 1, 1, 1, 6, 7, 8]);
        let para = Para {
            span: CharSpan::new(10, 19),
            bytes: 0..text.len(),
            top: 0.0,
            height: 0.0,
            galley: None,
            glyph_chars: Some(map),
        };
        assert_eq!(para.glyph_of_char(1), Some(5), "'س' is drawn rightmost");
        assert_eq!(para.glyph_of_char(5), Some(1), "'ا' leftmost");
        assert_eq!(para.char_of_glyph(11), 7, "the space after ')'");
        assert_eq!(para.glyph_of_char(8), Some(12), "'x' is the last glyph");
        assert_eq!(para.glyph_of_char(9), None, "the end");
        // Clicking at a glyph's left edge: in the reversed run that is after its char.
        assert_eq!(
            para.position_before_glyph(1),
            6,
            "left of 'ا': the word's end"
        );
        assert_eq!(
            para.position_before_glyph(2),
            5,
            "left of 'د': between 'د' and 'ا'"
        );
        assert_eq!(para.position_before_glyph(5), 2, "left of 'س': after it");
        assert_eq!(para.position_before_glyph(6), 1, "after the run: its start");
        assert_eq!(para.position_before_glyph(0), 0, "'(' reads left to right");
        assert_eq!(para.position_before_glyph(12), 8);
        // Two right-to-left words are two runs, each reversed on its own.
        let text = "بيت لحم";
        let mut glyphs = wide("تيب");
        glyphs.extend("يت".chars().map(|c| (c, false)));
        glyphs.extend(wide(" محل"));
        glyphs.extend("حم".chars().map(|c| (c, false)));
        let map = align_glyphs(&glyphs, text).unwrap();
        assert_eq!(map, vec![2, 1, 0, 0, 0, 3, 6, 5, 4, 4, 4]);
        // Plain text in order needs no map.
        assert!(align_glyphs(&wide("abc"), "abc").is_none());
    }

    #[test]
    fn glyph_runs_merge_neighbours_and_keep_gaps() {
        // Out of order (right-to-left), rounded positions, a zero-width extra, a gap.
        let glyphs = [(40.0, 9.3), (0.0, 9.3), (9.0, 6.0), (15.0, 0.0)];
        assert_eq!(glyph_runs(&glyphs, 2.0), vec![(0.0, 15.0), (40.0, 49.3)]);
        assert_eq!(glyph_runs(&[(15.0, 0.0)], 2.0), vec![(15.0, 15.0)]);
        assert!(glyph_runs(&[], 2.0).is_empty());
    }

    /// A point a quarter into a rectangle's width, at mid height: nearer its left edge than
    /// its right, so the cursor there is before the char the rectangle covers.
    fn probe(r: Rect) -> Pos2 {
        pos2(r.left() + r.width() * 0.25, r.center().y)
    }

    #[test]
    fn lazy_layout_hit_tests_like_a_full_layout() {
        let mut text = String::new();
        for i in 0..60 {
            text.push_str(&format!(
                "Paragraph {i}: café naïve 😀 Qa’im “reported” سرمدا and a longer tail of \
                 words, so that the paragraph wraps over several rows of the view.\n\n"
            ));
        }
        let article = Article::new("art-1", "t", text.clone());
        let chars = article.chars().to_vec();
        let ctx = egui::Context::default();
        let mut checked = 0;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let ctx = ui.ctx().clone();
            let key = ("art-1".to_owned(), String::new(), 500, 140, false);
            // Every paragraph laid out, as a simple view would do.
            let mut full = Layout::new(ui, &article, 500.0, 14.0, key.clone());
            for i in 0..full.paras.len() {
                full.ensure_galley(&ctx, &text, i);
            }
            full.recompute_tops();
            // Only the top screen laid out; further paragraphs as the view reaches them.
            let mut lazy = Layout::new(ui, &article, 500.0, 14.0, key);
            lazy.prepare(
                &ctx,
                &text,
                Rect::from_min_size(Pos2::ZERO, vec2(500.0, 300.0)),
            );
            for (c, ch) in chars.iter().enumerate().step_by(7) {
                if *ch == '\n' {
                    continue;
                }
                let span = CharSpan::new(c, c + 1);
                let i = lazy.para_of(span.start);
                if lazy.ensure_galley(&ctx, &text, i) {
                    lazy.recompute_tops();
                }
                let (Some(lp), Some(fp)) = (lazy.paras.get(i), full.paras.get(i)) else {
                    panic!("paragraph {i} missing");
                };
                let (lazy_top, full_top) = (vec2(0.0, lp.top), vec2(0.0, fp.top));
                let lazy_rects = span_rects(&lazy, span);
                let full_rects = span_rects(&full, span);
                assert_eq!(lazy_rects.len(), 1, "char {c} {ch:?}");
                assert_eq!(lazy_rects.len(), full_rects.len(), "char {c}");
                for (l, f) in lazy_rects.iter().zip(&full_rects) {
                    assert_eq!(l.translate(-lazy_top), f.translate(-full_top), "char {c}");
                }
                let at_lazy = char_at_pos(&mut lazy, &ctx, &text, probe(lazy_rects[0]));
                let at_full = char_at_pos(&mut full, &ctx, &text, probe(full_rects[0]));
                assert_eq!(at_full, span.start, "full layout, char {c} {ch:?}");
                assert_eq!(at_lazy, at_full, "lazy layout, char {c} {ch:?}");
                checked += 1;
            }
        });
        // No renderer here to take the font atlas.
        output.textures_delta.clear();
        assert!(checked > 500, "checked {checked} chars");
    }

    #[test]
    fn span_index_agrees_with_a_linear_scan() {
        // Spans by start, with nesting and long ones, as an article's annotations are.
        let spans: Vec<CharSpan> = (0..400)
            .map(|i| {
                let start = (i * 7) % 1000;
                let len = 1 + (i * 13) % if i % 17 == 0 { 300 } else { 20 };
                CharSpan::new(start, start + len)
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let index = SpanIndex::new(spans.iter().copied());
        for start in (0..1100).step_by(13) {
            for len in [0, 1, 5, 40, 200] {
                let range = CharSpan::new(start, start + len);
                let fast: Vec<usize> = index.overlapping(range).collect();
                let probe = if len == 0 {
                    CharSpan::new(start, start + 1)
                } else {
                    range
                };
                let slow: Vec<usize> = spans
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.overlaps(probe))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(fast, slow, "range {range}");
            }
        }
    }
}
