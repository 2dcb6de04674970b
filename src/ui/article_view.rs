//! The article view: our own text widget, because egui's selectable labels keep their selection
//! private and we need it as global char offsets.
//!
//! The text is laid out one galley per paragraph (a line of the stored text). Galleys and their
//! heights are cached per article, width and font size, so a highlight change never re-lays out
//! text: highlights are rectangles painted behind the glyphs from row geometry. Only the
//! paragraphs inside the scroll viewport are painted.

use std::sync::Arc;

use egui::{
    Align, Color32, CornerRadius, FontId, Galley, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2,
    pos2, text::LayoutJob, vec2,
};

use crate::model::{Annotation, Article, CharIdx, CharSpan, text};

/// Vertical gap between paragraphs, as a fraction of the font size.
const PARAGRAPH_GAP: f32 = 0.6;
/// Line height as a multiple of the font size: comfortable for long reading.
const LINE_HEIGHT: f32 = 1.45;
/// Width of the left margin where nothing is laid out (room for the selection to start).
const MARGIN: f32 = 4.0;

/// What the user has selected in the text.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// The selected chars, if any.
    pub span: Option<CharSpan>,
    /// Where a drag or shift-click started.
    anchor: Option<CharIdx>,
    /// True while the mouse button is down in a drag.
    pub dragging: bool,
}

impl Selection {
    /// Select a span (e.g. a find match), as if dragged from its start.
    pub fn set(&mut self, span: CharSpan) {
        self.span = Some(span);
        self.anchor = Some(span.start);
        self.dragging = false;
    }

    /// Drop the selection.
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

/// One paragraph of the laid-out article.
struct Para {
    /// Char range of the paragraph in the article (without its `\n`).
    span: CharSpan,
    /// Top of the paragraph in content coordinates.
    top: f32,
    galley: Arc<Galley>,
}

/// Cached layout of one article at one width and font size.
struct Layout {
    key: (String, String, u32, u32, bool),
    paras: Vec<Para>,
    height: f32,
}

/// A suggestion shown as a faint dashed highlight (set by the entities feature).
#[derive(Clone, Debug, PartialEq)]
pub struct Suggested {
    /// Where it is.
    pub span: CharSpan,
    /// Colour of its tag.
    pub color: Color32,
    /// The one Enter accepts: drawn stronger.
    pub current: bool,
}

/// Everything the view needs to draw one frame.
pub struct ViewInput<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its annotations in stored order.
    pub annotations: &'a [&'a Annotation],
    /// Tag colour per annotation (same order).
    pub colors: &'a [Color32],
    /// Nesting level per annotation (same order): 0 for outermost.
    pub levels: &'a [usize],
    /// The selected annotation's id.
    pub selected: Option<&'a str>,
    /// Tooltip text per annotation (same order).
    pub tooltips: &'a dyn Fn(&Annotation) -> String,
    /// Font size in points.
    pub font_size: f32,
    /// Scroll so that this span is visible.
    pub scroll_to: Option<CharSpan>,
    /// Faint suggested highlights.
    pub suggestions: &'a [Suggested],
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
}

/// The article view widget state (layout cache) kept between frames.
#[derive(Default)]
pub struct ArticleView {
    layout: Option<Layout>,
    /// Where the pointer was last over, for hit tests from the outside.
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
        let dark = ui.visuals().dark_mode;
        let key = (
            article.id.clone(),
            article.text_sha256.clone(),
            width.round() as u32,
            (font_size * 10.0).round() as u32,
            dark,
        );
        if self.layout.as_ref().is_some_and(|l| l.key == key) {
            return;
        }
        let color = ui.visuals().text_color();
        let font = FontId::proportional(font_size);
        let wrap = (width - 2.0 * MARGIN).max(50.0);
        let gap = font_size * PARAGRAPH_GAP;
        let mut paras = Vec::new();
        let mut top = 0.0;
        let mut char_start = 0usize;
        for line in article.text.split('\n') {
            let len = line.chars().count();
            let span = CharSpan::new(char_start, char_start + len);
            let mut job = LayoutJob::single_section(
                line.to_owned(),
                egui::TextFormat {
                    font_id: font.clone(),
                    color,
                    line_height: Some(font_size * LINE_HEIGHT),
                    ..Default::default()
                },
            );
            job.wrap.max_width = wrap;
            let galley = ui.fonts_mut(|f| f.layout_job(job));
            let h = galley.size().y.max(font_size * LINE_HEIGHT * 0.5);
            paras.push(Para { span, top, galley });
            top += h + if len == 0 { 0.0 } else { gap };
            char_start += len + 1;
        }
        self.layout = Some(Layout {
            key,
            paras,
            height: top,
        });
    }

    /// Draw the view, handle the mouse, and report what happened.
    #[allow(clippy::too_many_arguments)]
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
        let scroll = egui::ScrollArea::vertical()
            .id_salt(("article-scroll", &input.article.id))
            .auto_shrink([false, false]);
        scroll.show_viewport(ui, |ui, viewport| {
            let Some(layout) = self.layout.as_ref() else {
                return;
            };
            let (rect, response) = ui.allocate_exact_size(
                vec2(width, layout.height.max(viewport.height())),
                Sense::click_and_drag(),
            );
            let origin = rect.min + vec2(MARGIN, 0.0);
            self.last_origin = Some(origin);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text")
            });

            // ---- Scrolling to a requested span ----
            if let Some(span) = input.scroll_to
                && let Some(r) = span_rects(layout, span).first()
            {
                ui.scroll_to_rect(
                    r.translate(origin.to_vec2()).expand(20.0),
                    Some(Align::Center),
                );
            }

            // ---- Mouse ----
            let char_at = |pos: Pos2| char_at_pos(layout, pos - origin.to_vec2());
            let shift = ui.input(|i| i.modifiers.shift);
            // Anchor at the press position, not where the drag threshold was crossed.
            if response.drag_started()
                && let Some(pos) = ui
                    .input(|i| i.pointer.press_origin())
                    .or(response.interact_pointer_pos())
            {
                let at = char_at(pos);
                if shift && selection.anchor.is_some() {
                    selection.dragging = true;
                } else {
                    selection.anchor = Some(at);
                    selection.span = None;
                    selection.dragging = true;
                }
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
                } else if let Some(i) = innermost_at(input.annotations, at) {
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

            // ---- Painting: only the visible paragraphs ----
            let painter = ui.painter_at(rect);
            let visible = visible_paras(layout, viewport);
            let sel_color = ui.visuals().selection.bg_fill.gamma_multiply(0.8);
            for para in &layout.paras[visible.clone()] {
                let para_origin = origin + vec2(0.0, para.top);
                // Annotation backgrounds and nesting bands.
                for (i, ann) in input.annotations.iter().enumerate() {
                    let span = ann.span();
                    if !span.overlaps(para.span) {
                        continue;
                    }
                    let color = input.colors.get(i).copied().unwrap_or(Color32::GRAY);
                    let level = input.levels.get(i).copied().unwrap_or(0);
                    for r in para_span_rects(para, span) {
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
                                Stroke::new(2.0, ui.visuals().strong_text_color()),
                                StrokeKind::Outside,
                            );
                        }
                    }
                }
                for s in input.suggestions {
                    if !s.span.overlaps(para.span) {
                        continue;
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
                if let Some(sel) = selection.span
                    && sel.overlaps(para.span)
                {
                    for r in para_span_rects(para, sel) {
                        painter.rect_filled(r.translate(para_origin.to_vec2()), 0.0, sel_color);
                    }
                }
                painter.galley(para_origin, para.galley.clone(), ui.visuals().text_color());
            }

            // ---- Hover tooltip ----
            if let Some(pos) = response.hover_pos()
                && !selection.dragging
            {
                let at = char_at(pos);
                let tips: Vec<String> = input
                    .annotations
                    .iter()
                    .filter(|a| a.span().contains(at))
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
            let suggestion_under = response
                .interact_pointer_pos()
                .or(response.hover_pos())
                .map(char_at)
                .and_then(|at| input.suggestions.iter().position(|s| s.span.contains(at)));
            response.context_menu(|ui| {
                if selection.span.is_some() {
                    for (id, label, key) in tags {
                        let text = match key {
                            Some(k) => format!("Tag as {label}  ({})", k.to_ascii_uppercase()),
                            None => format!("Tag as {label}"),
                        };
                        if ui.button(text).clicked() {
                            events.push(ViewEvent::TagSelection(id.clone()));
                            ui.close();
                        }
                    }
                }
                if input.selected.is_some() {
                    if ui.button("Tag all occurrences in this article").clicked() {
                        events.push(ViewEvent::TagAll { project: false });
                        ui.close();
                    }
                    if ui.button("Tag all occurrences in the project").clicked() {
                        events.push(ViewEvent::TagAll { project: true });
                        ui.close();
                    }
                    if ui.button("Delete annotation  (Del)").clicked() {
                        events.push(ViewEvent::DeleteSelected);
                        ui.close();
                    }
                }
                if let Some(i) = suggestion_under {
                    if ui.button("Accept suggestion").clicked() {
                        events.push(ViewEvent::ClickSuggestion(i));
                        ui.close();
                    }
                    if ui.button("Reject suggestion").clicked() {
                        events.push(ViewEvent::RejectSuggestion(i));
                        ui.close();
                    }
                }
                if selection.span.is_none()
                    && input.selected.is_none()
                    && suggestion_under.is_none()
                {
                    ui.label("Select text to tag it");
                }
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

/// Range of paragraph indices that intersect the viewport (content coordinates).
fn visible_paras(layout: &Layout, viewport: Rect) -> std::ops::Range<usize> {
    let first = layout
        .paras
        .partition_point(|p| p.top + p.galley.size().y < viewport.top());
    let last = layout.paras.partition_point(|p| p.top <= viewport.bottom());
    first.min(last)..last
}

/// The char under a point in content coordinates (relative to the text origin).
fn char_at_pos(layout: &Layout, pos: Pos2) -> CharIdx {
    let i = layout
        .paras
        .partition_point(|p| p.top <= pos.y)
        .saturating_sub(1);
    let Some(para) = layout.paras.get(i) else {
        return CharIdx(0);
    };
    let local = pos - vec2(0.0, para.top);
    let cursor = para.galley.cursor_from_pos(local.to_vec2());
    CharIdx((para.span.start.0 + cursor.index.0).min(para.span.end.0))
}

/// Rectangles (content coordinates) that cover `span`, one per wrapped row.
fn span_rects(layout: &Layout, span: CharSpan) -> Vec<Rect> {
    let first = layout.paras.partition_point(|p| p.span.end < span.start);
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

/// Rectangles (paragraph coordinates) that cover the part of `span` inside `para`.
fn para_span_rects(para: &Para, span: CharSpan) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = para.span.start.0;
    for row in &para.galley.rows {
        let n = row.char_count_including_newline().0;
        let row_end = row_start + n;
        let s = span.start.0.max(row_start);
        let e = span.end.0.min(row_end);
        if s < e || (span.is_empty() && s == e && s >= row_start && s <= row_end) {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(s - row_start));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(e - row_start));
            rects.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1.max(x0 + 1.0), row.max_y()),
            ));
        }
        row_start = row_end;
    }
    rects
}

/// Index of the innermost (shortest) annotation covering `at`.
fn innermost_at(annotations: &[&Annotation], at: CharIdx) -> Option<usize> {
    annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| a.span().contains(at))
        .min_by_key(|(_, a)| a.span().len())
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
pub fn nesting_levels(annotations: &[&Annotation]) -> Vec<usize> {
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

/// Size of a point as text, for the view's size hints.
pub fn approx_char_size(font_size: f32) -> Vec2 {
    vec2(font_size * 0.5, font_size * LINE_HEIGHT)
}
