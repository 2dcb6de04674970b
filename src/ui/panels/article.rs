//! The centre of the window: the shown article's heading and text, with the find bar over it.
//! The text is the [`ArticleView`] widget; this panel feeds it and turns its events into
//! actions.

use egui::{Color32, Ui};

use super::PanelCtx;
use super::find_bar::FindBar;
use crate::model::Annotation;
use crate::ui::widgets::article_view::{
    self, ArticleView, SpanIndex, Suggested, ViewEvent, ViewInput,
};
use crate::workbench::{Action, Command, shorten};

/// Per-article data the view needs every frame, rebuilt only when the document changes.
struct SpanData {
    /// (revision, article) it was built for.
    key: (u64, String),
    colors: Vec<Color32>,
    levels: Vec<usize>,
    index: SpanIndex,
}

/// The article panel: the text widget with its layout cache, and the find bar.
#[derive(Default)]
pub struct ArticlePanel {
    view: ArticleView,
    spans: Option<SpanData>,
    /// The find bar over the article.
    pub find: FindBar,
}

impl ArticlePanel {
    /// The text widget, for tests that need screen positions of chars.
    pub fn view(&self) -> &ArticleView {
        &self.view
    }

    /// Forget every cached layout (another document, another theme).
    pub fn invalidate(&mut self) {
        self.view.invalidate();
        self.spans = None;
    }

    /// Draw the article; `band` holds another analyst's spans while comparing.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, band: &[Suggested]) {
        let Some(article_id) = cx.view.current_article.clone() else {
            ui.centered_and_justified(|ui| {
                ui.weak(
                    "Add an article to start: File → Add article…, drop files here, or paste text.",
                );
            });
            return;
        };
        if cx.view.find.open {
            self.find.ui(ui, cx, &article_id);
        }
        let doc = cx.doc;
        let project = &doc.project;
        let Some(article) = project.article(&article_id) else {
            return;
        };
        heading_ui(ui, cx, article);
        let annotations = project.annotations_slice(&article_id);
        let key = (doc.revision(), article_id.clone());
        if self.spans.as_ref().is_none_or(|s| s.key != key) {
            self.spans = Some(SpanData {
                key,
                colors: annotations
                    .iter()
                    .map(|a| article_view::tag_color(project.tag(&a.tag).and_then(|t| t.rgb())))
                    .collect(),
                levels: article_view::nesting_levels(annotations),
                index: SpanIndex::new(annotations.iter().map(|a| a.span())),
            });
        }
        let Some(spans) = self.spans.as_ref() else {
            return;
        };
        let suggested: Vec<Suggested> = cx
            .suggestions
            .iter()
            .enumerate()
            .map(|(i, s)| Suggested {
                span: s.span,
                color: article_view::tag_color(project.tag(&s.tag).and_then(|t| t.rgb())),
                current: i == cx.view.current_suggestion,
            })
            .collect();
        let tooltip = |a: &Annotation| tooltip_text(project, a);
        let tag_choices: Vec<_> = project
            .tags
            .iter()
            .map(|t| (t.id.clone(), t.label.clone(), t.key_char()))
            .collect();
        let input = ViewInput {
            article,
            annotations,
            index: &spans.index,
            colors: &spans.colors,
            levels: &spans.levels,
            selected: cx.view.selected_annotation.as_deref(),
            tooltips: &tooltip,
            font_size: cx.settings.font_size,
            scroll_to: cx.view.scroll_to.take(),
            suggestions: &suggested,
            compare: band,
        };
        let alt = ui.input(|i| i.modifiers.alt);
        let events = self
            .view
            .show(ui, &input, &mut cx.view.selection, &tag_choices, alt);
        for event in events {
            cx.push(match event {
                ViewEvent::SelectAnnotation(id) => Action::PickAnnotation(Some(id)),
                ViewEvent::ClearAnnotation => Action::PickAnnotation(None),
                ViewEvent::TagSelection(tag) => Action::TagSelection(tag),
                ViewEvent::DeleteSelected => Action::Run(Command::DeleteAnnotation),
                ViewEvent::AddEvidence => Action::Run(Command::AddSelectedToIncident),
                ViewEvent::TagAll { project } => Action::TagAll {
                    whole_project: project,
                },
                ViewEvent::ClickSuggestion(i) => Action::AcceptSuggestionAt(i),
                ViewEvent::RejectSuggestion(i) => Action::RejectSuggestionAt(i),
            });
        }
    }
}

fn heading_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, article: &crate::model::Article) {
    ui.heading(&article.title);
    ui.horizontal(|ui| {
        if let Some(d) = article.published {
            ui.label(d.format("%A %-d %B %Y").to_string());
            ui.separator();
        }
        super::sources::outlet_ui(ui, cx, article);
        ui.separator();
        let mut text = article.status.label().to_owned();
        for value in article.labels.values() {
            text.push_str(&format!(" · {value}"));
        }
        let mut asks = Vec::new();
        ui.menu_button(text, |ui| {
            super::articles::triage_menu_ui(ui, &cx.doc.project, article, &mut asks)
        })
        .response
        .on_hover_text("Triage: the article's status (Alt+1 to Alt+4) and document labels");
        for ask in asks {
            cx.push(ask);
        }
        if let Some(from) = &article.imported_from {
            ui.separator();
            ui.weak(from);
        }
    });
    ui.separator();
}

/// What a highlight's tooltip says: tag and text, entity, claim source and status, note.
fn tooltip_text(project: &crate::model::Project, a: &Annotation) -> String {
    let tag = super::tag_label(project, &a.tag);
    let mut s = format!("{tag}: “{}”", shorten(&a.exact, 60));
    if let Some(e) = a.entity.as_ref().and_then(|e| project.entity(e)) {
        s.push_str(&format!("\nEntity: {}", e.name));
    }
    if let Some(claim) = &a.claim {
        let source = claim
            .source
            .as_ref()
            .and_then(|e| project.entity(e))
            .map_or("unknown source", |e| e.name.as_str());
        s.push_str(&format!("\nClaim by {source} ({})", claim.status.as_str()));
    }
    if !a.note.is_empty() {
        s.push_str(&format!("\nNote: {}", a.note));
    }
    s
}
