//! The search across every article (Ctrl+Shift+F): a query field with its mode and folding,
//! hits as keyword-in-context rows that update while typing, a filter by tag, and tagging of
//! one hit (Enter) or of every hit shown, each one undo step.

use egui::{Key, Modifiers, Ui};

use super::PanelCtx;
use crate::model::search::{Corpus, SearchMode, SearchQuery, SearchResults};
use crate::model::{CharSpan, Project};
use crate::wording::count;
use crate::workbench::{Action, shorten};

/// Hits listed at most; more are counted but not shown.
pub const MAX_SHOWN: usize = 5_000;

/// Which hits the list shows by their annotation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TagFilter {
    /// Every hit.
    #[default]
    Any,
    /// Hits with no annotation on them.
    Untagged,
    /// Hits annotated with this tag.
    Tag(String),
}

/// The panel's query, options, caches and selection.
pub struct SearchPanel {
    /// What is typed.
    pub query: String,
    /// How it is matched.
    pub mode: SearchMode,
    /// Ignore case.
    pub fold_case: bool,
    /// Ignore accents.
    pub fold_accents: bool,
    /// Which hits are listed.
    pub filter: TagFilter,
    /// Only hits in articles with this document label value (label id, value).
    pub label: Option<(String, String)>,
    /// The tag Enter and "Tag all shown" give.
    pub tag_as: Option<String>,
    /// The row Enter acts on.
    pub selected: usize,
    corpus: Option<(u64, Corpus)>,
    results: Option<(u64, SearchQuery, Result<SearchResults, String>)>,
}

impl Default for SearchPanel {
    fn default() -> Self {
        Self {
            query: String::new(),
            mode: SearchMode::Plain,
            fold_case: true,
            fold_accents: true,
            filter: TagFilter::Any,
            label: None,
            tag_as: None,
            selected: 0,
            corpus: None,
            results: None,
        }
    }
}

impl SearchPanel {
    /// The panel at the bottom of the window, when open.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        if !cx.view.search_open {
            return;
        }
        egui::Panel::bottom("corpus-search")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                // Fill the panel: a resizable panel keeps the size its contents took, and the
                // hint shown before any query is short.
                ui.set_min_height(ui.available_height());
                self.contents_ui(ui, cx)
            });
    }

    fn query(&self) -> SearchQuery {
        SearchQuery {
            text: self.query.clone(),
            mode: self.mode,
            fold_case: self.fold_case,
            fold_accents: self.fold_accents,
        }
    }

    /// Search again when the query or the document changed; the folded texts are kept until
    /// the document or the folding changes.
    fn refresh(&mut self, project: &Project, revision: u64) {
        let query = self.query();
        if matches!(&self.results, Some((r, q, _)) if *r == revision && *q == query) {
            return;
        }
        if query.text.trim().is_empty() {
            self.results = None;
            return;
        }
        let folding = (query.fold_case, query.fold_accents);
        match &mut self.corpus {
            Some((r, c)) if c.folding == folding => {
                if *r != revision {
                    // After an edit only the texts that changed are folded again.
                    c.update(project);
                    *r = revision;
                }
            }
            _ => self.corpus = Some((revision, Corpus::new(project, folding.0, folding.1))),
        }
        let Some((_, corpus)) = &self.corpus else {
            return;
        };
        let found = corpus
            .search(project, &query, MAX_SHOWN)
            .map_err(|e| e.to_string());
        self.selected = 0;
        self.results = Some((revision, query, found));
    }

    fn contents_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let project = &cx.doc.project;
        let field_id = egui::Id::unique("corpus-search-field");
        // Up and Down move through the rows while the field has the keyboard; Enter tags.
        let field_has_focus = ui.memory(|m| m.has_focus(field_id));
        let (down, up) = if field_has_focus {
            ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                )
            })
        } else {
            (false, false)
        };
        let mut enter = false;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Search all articles");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(field_id)
                        .hint_text("a word, a phrase or a pattern")
                        .desired_width(260.0),
                )
                .labelled_by(l.id);
            if std::mem::take(&mut cx.view.search_focus) {
                r.request_focus();
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                enter = true;
                // Keep the keyboard in the field, to go on with the next row.
                r.request_focus();
            }
            ui.selectable_value(&mut self.mode, SearchMode::Plain, "Text");
            ui.selectable_value(&mut self.mode, SearchMode::WholeWord, "Whole words");
            ui.selectable_value(&mut self.mode, SearchMode::Regex, "Pattern")
                .on_hover_text("A regular expression, e.g. \\d+ (killed|dead)");
            ui.checkbox(&mut self.fold_case, "ignore case");
            ui.checkbox(&mut self.fold_accents, "ignore accents");
        });
        self.refresh(project, cx.doc.revision());
        // Taken out while the rows are drawn (they change the selection), then put back.
        let Some((revision, query, found)) = self.results.take() else {
            ui.weak("Type to search every article; hits appear as you type.");
            return;
        };
        match &found {
            Ok(results) => self.hits_ui(ui, cx, results, (down, up, enter)),
            Err(message) => {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
        }
        self.results = Some((revision, query, found));
    }

    /// The tools row and the hits; `keys` are Down, Up and Enter pressed in the field.
    fn hits_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut PanelCtx<'_>,
        results: &SearchResults,
        keys: (bool, bool, bool),
    ) {
        let (down, up, enter) = keys;
        let project = &cx.doc.project;
        let shown: Vec<usize> = results
            .hits
            .iter()
            .enumerate()
            .filter(|(_, h)| match &self.filter {
                TagFilter::Any => true,
                TagFilter::Untagged => h.annotation.is_none(),
                TagFilter::Tag(t) => h.annotation.as_ref().is_some_and(|(_, tag)| tag == t),
            })
            .filter(|(_, h)| {
                self.label.as_ref().is_none_or(|(label, value)| {
                    project
                        .article(&h.article)
                        .is_some_and(|a| a.labels.get(label) == Some(value))
                })
            })
            .map(|(i, _)| i)
            .collect();
        if shown.is_empty() {
            self.selected = 0;
        } else {
            if down {
                self.selected = (self.selected + 1).min(shown.len() - 1);
            }
            if up {
                self.selected = self.selected.saturating_sub(1);
            }
            self.selected = self.selected.min(shown.len() - 1);
        }
        self.tools_ui(ui, cx, results, &shown);
        if enter && let (Some(tag), Some(&i)) = (self.tag_as.clone(), shown.get(self.selected)) {
            let hit = &results.hits[i];
            cx.push(Action::TagHits {
                tag,
                hits: vec![(hit.article.clone(), hit.span)],
            });
            self.selected += 1;
        }
        let mut jump = None;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical()
            .id_salt("corpus-search-rows")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, shown.len(), |ui, range| {
                egui::Grid::new("corpus-search-grid")
                    .num_columns(5)
                    .striped(true)
                    .start_row(range.start)
                    .show(ui, |ui| {
                        for row in range {
                            let hit = &results.hits[shown[row]];
                            let title = project
                                .article(&hit.article)
                                .map_or("?", |a| a.title.as_str());
                            ui.weak(shorten(title, 28)).on_hover_text(title);
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(shorten_left(&hit.left, 40));
                                },
                            );
                            let text = egui::RichText::new(shorten(&hit.exact, 40)).strong();
                            let r = ui.add(egui::Button::selectable(row == self.selected, text));
                            if r.clicked() {
                                self.selected = row;
                                jump = Some((hit.article.clone(), hit.span));
                            }
                            ui.label(shorten(&hit.right, 40));
                            let tag = hit.annotation.as_ref().map_or(String::new(), |(_, t)| {
                                super::tag_label(project, t).to_owned()
                            });
                            ui.weak(tag);
                            ui.end_row();
                        }
                    });
            });
        if let Some((article, span)) = jump {
            cx.push(Action::ShowSpan { article, span });
        }
    }

    /// The count, the tag filter, the tag Enter gives, and "Tag all shown".
    fn tools_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut PanelCtx<'_>,
        results: &SearchResults,
        shown: &[usize],
    ) {
        let project = &cx.doc.project;
        ui.horizontal_wrapped(|ui| {
            let found = if results.truncated {
                format!("the first {} (there are more)", count(results.hits.len(), "hit"))
            } else {
                count(results.hits.len(), "hit")
            };
            let articles: std::collections::HashSet<&str> =
                results.hits.iter().map(|h| h.article.as_str()).collect();
            ui.label(format!("{found} in {}", count(articles.len(), "article")));
            if shown.len() != results.hits.len() {
                ui.weak(format!("{} shown", shown.len()));
            }
            ui.separator();
            let label = match &self.filter {
                TagFilter::Any => "any tag or none".to_owned(),
                TagFilter::Untagged => "not tagged".to_owned(),
                TagFilter::Tag(t) => super::tag_label(project, t).to_owned(),
            };
            let show = ui.label("Show");
            egui::ComboBox::from_id_salt("corpus-search-filter")
                .selected_text(label)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter, TagFilter::Any, "any tag or none");
                    ui.selectable_value(&mut self.filter, TagFilter::Untagged, "not tagged");
                    for t in &project.tags {
                        ui.selectable_value(&mut self.filter, TagFilter::Tag(t.id.clone()), &t.label);
                    }
                })
                .response
                .labelled_by(show.id);
            if !project.doc_labels.is_empty() {
                let shown = self
                    .label
                    .as_ref()
                    .map_or("any article".to_owned(), |(l, v)| {
                        let name = project.doc_label(l).map_or(l.as_str(), |d| d.label.as_str());
                        format!("{name}: {v}")
                    });
                let l = ui.label("in");
                egui::ComboBox::from_id_salt("corpus-search-label")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.label, None, "any article");
                        for d in &project.doc_labels {
                            for v in &d.values {
                                ui.selectable_value(
                                    &mut self.label,
                                    Some((d.id.clone(), v.value.clone())),
                                    format!("{}: {}", d.label, v.value),
                                );
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
            }
            ui.separator();
            if self.tag_as.as_ref().is_some_and(|t| project.tag(t).is_none()) {
                self.tag_as = None;
            }
            let current = self
                .tag_as
                .as_deref()
                .map_or("(choose)", |t| super::tag_label(project, t));
            let tag_as = ui.label("Tag as");
            egui::ComboBox::from_id_salt("corpus-search-tag-as")
                .selected_text(current.to_owned())
                .show_ui(ui, |ui| {
                    for t in &project.tags {
                        ui.selectable_value(&mut self.tag_as, Some(t.id.clone()), &t.label);
                    }
                })
                .response
                .labelled_by(tag_as.id)
                .on_hover_text("The tag Enter gives the selected hit, and Tag all shown gives every hit listed");
            let can = self.tag_as.is_some() && !shown.is_empty();
            if ui
                .add_enabled(can, egui::Button::new(format!("Tag all {} shown", shown.len())))
                .on_hover_text("Annotate every hit listed with the chosen tag; one undo step")
                .clicked()
                && let Some(tag) = self.tag_as.clone()
            {
                let hits = shown
                    .iter()
                    .map(|&i| (results.hits[i].article.clone(), results.hits[i].span))
                    .collect::<Vec<(String, CharSpan)>>();
                cx.push(Action::TagHits { tag, hits });
            }
        });
    }
}

/// Keep the last `max` chars, with an ellipsis in front when cut: the left context ends at
/// the hit, so its end matters.
fn shorten_left(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_owned();
    }
    let tail: String = s.chars().skip(n - max + 1).collect();
    format!("…{tail}")
}
