//! The article list (left panel tab): add or paste articles, filter, open one, remove one.

use egui::Ui;

use super::PanelCtx;
use crate::model::text::fold_str;
use crate::model::{Article, ArticleStatus, Project};
use crate::ui::widgets::article_row::article_row;
use crate::wording::count;
use crate::workbench::{Action, Command};

/// The article list and its filters.
#[derive(Default)]
pub struct ArticlesPanel {
    /// Filter text: title, source or file name.
    pub filter: String,
    /// Only articles of this status (`None`: any).
    pub status: Option<StatusFilter>,
    /// Only articles with this document label value: (label id, value; `None` for none set).
    pub label: Option<(String, Option<String>)>,
}

/// The status filter of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    /// One status.
    Is(ArticleStatus),
    /// To do or in progress.
    Unfinished,
}

impl StatusFilter {
    fn admits(self, status: ArticleStatus) -> bool {
        match self {
            StatusFilter::Is(s) => s == status,
            StatusFilter::Unfinished => !status.is_finished(),
        }
    }

    fn label(self) -> &'static str {
        match self {
            StatusFilter::Is(s) => s.label(),
            StatusFilter::Unfinished => "not finished",
        }
    }
}

impl ArticlesPanel {
    /// Draw the list.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        ui.horizontal_wrapped(|ui| {
            if ui.button("Add article…").clicked() {
                cx.push(Action::Run(Command::AddArticle));
            }
            if ui.button("Paste as new article").clicked() {
                cx.push(Action::Run(Command::PasteArticle));
            }
        });
        let project = &cx.doc.project;
        let total = project.articles.len();
        if total > 1 {
            ui.horizontal(|ui| {
                let label = ui.label("Filter");
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("title, source or file")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
            self.triage_filters_ui(ui, project);
        }
        ui.separator();
        // Annotation counts in one pass (annotations are kept grouped by article), not one
        // scan of all annotations per article.
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for run in project.annotations.chunk_by(|a, b| a.article == b.article) {
            if let Some(first) = run.first() {
                *counts.entry(first.article.as_str()).or_default() += run.len();
            }
        }
        let needle = fold_str(self.filter.trim());
        let shown: Vec<&crate::model::Article> = project
            .articles
            .iter()
            .filter(|a| self.status.is_none_or(|s| s.admits(a.status)))
            .filter(|a| {
                self.label
                    .as_ref()
                    .is_none_or(|(label, value)| a.labels.get(label) == value.as_ref())
            })
            .filter(|a| {
                needle.is_empty()
                    || [
                        a.title.as_str(),
                        a.source.as_str(),
                        a.imported_from.as_deref().unwrap_or_default(),
                    ]
                    .iter()
                    .any(|field| fold_str(field).contains(&needle))
            })
            .collect();
        if total == 0 {
            ui.weak("No articles yet: add files, drop them on the window, or paste text.");
        } else if shown.len() < total {
            ui.weak(format!("{} of {total} shown", shown.len()));
        }
        // Every row is two lines high (the title is cut to one line, in full on hover), so
        // only the rows in view are laid out: a project of thousands of articles costs no
        // more per frame than one of ten.
        let line = ui.text_style_height(&egui::TextStyle::Body);
        let row_height = 2.0 * line + 6.0;
        let mut open = None;
        let mut remove = None;
        let mut asks = Vec::new();
        let current = cx.view.current_article.as_deref();
        egui::ScrollArea::vertical()
            .id_salt("article-list")
            .auto_shrink([false, true])
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for article in shown.get(rows).unwrap_or_default() {
                    let n_ann = counts.get(article.id.as_str()).copied().unwrap_or(0);
                    let date = article
                        .published
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| "no date".into());
                    let selected = current == Some(article.id.as_str());
                    let mut detail = format!("{date} · {}", count(n_ann, "annotation"));
                    if !article.status.is_to_do() {
                        detail.push_str(&format!(" · {}", article.status.label()));
                    }
                    for value in article.labels.values() {
                        detail.push_str(&format!(" · {value}"));
                    }
                    let resp = article_row(ui, row_height, selected, &article.title, &detail);
                    if resp.clicked() {
                        open = Some(article.id.clone());
                    }
                    resp.context_menu(|ui| {
                        triage_menu_ui(ui, project, article, &mut asks);
                        ui.separator();
                        if ui.button("Remove article").clicked() {
                            remove = Some(article.id.clone());
                            ui.close();
                        }
                    });
                }
            });
        if let Some(id) = open {
            cx.view.open_article(&id);
        }
        if let Some(id) = remove {
            cx.push(Action::DeleteArticle(id));
        }
        for ask in asks {
            cx.push(ask);
        }
    }

    /// "12 of 50 done", and the filters by status and by document label.
    fn triage_filters_ui(&mut self, ui: &mut Ui, project: &Project) {
        let counts = project.status_counts();
        let total = project.articles.len();
        let finished = counts[2] + counts[3];
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{finished} of {} done", count(total, "article")))
                .on_hover_text(
                    ArticleStatus::ALL
                        .iter()
                        .zip(counts)
                        .map(|(s, n)| format!("{}: {n}", s.label()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            let show = ui.label("show");
            let shown = self.status.map_or("any status", StatusFilter::label);
            egui::ComboBox::from_id_salt("article-status-filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, "any status");
                    ui.selectable_value(
                        &mut self.status,
                        Some(StatusFilter::Unfinished),
                        "not finished",
                    );
                    for (s, n) in ArticleStatus::ALL.into_iter().zip(counts) {
                        ui.selectable_value(
                            &mut self.status,
                            Some(StatusFilter::Is(s)),
                            format!("{} ({n})", s.label()),
                        );
                    }
                })
                .response
                .labelled_by(show.id);
            if project.doc_labels.is_empty() {
                return;
            }
            let shown = match &self.label {
                None => "any label".to_owned(),
                Some((l, Some(v))) => format!("{}: {v}", label_name(project, l)),
                Some((l, None)) => format!("{}: not set", label_name(project, l)),
            };
            egui::ComboBox::from_id_salt("article-label-filter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.label, None, "any label");
                    for l in &project.doc_labels {
                        for v in &l.values {
                            let n = project
                                .articles
                                .iter()
                                .filter(|a| a.labels.get(&l.id) == Some(&v.value))
                                .count();
                            ui.selectable_value(
                                &mut self.label,
                                Some((l.id.clone(), Some(v.value.clone()))),
                                format!("{}: {} ({n})", l.label, v.value),
                            );
                        }
                        ui.selectable_value(
                            &mut self.label,
                            Some((l.id.clone(), None)),
                            format!("{}: not set", l.label),
                        );
                    }
                })
                .response
                .labelled_by(show.id);
        });
    }
}

fn label_name<'a>(project: &'a Project, id: &'a str) -> &'a str {
    project.doc_label(id).map_or(id, |l| l.label.as_str())
}

/// The status and document labels of one article, as menu items (the row's context menu and
/// the article heading share it).
pub fn triage_menu_ui(ui: &mut Ui, project: &Project, article: &Article, asks: &mut Vec<Action>) {
    for s in ArticleStatus::ALL {
        if ui.radio(article.status == s, s.label()).clicked() {
            asks.push(Action::SetArticleStatus {
                article: article.id.clone(),
                status: s,
            });
            ui.close();
        }
    }
    for l in &project.doc_labels {
        ui.separator();
        ui.weak(&l.label).on_hover_text(&l.description);
        let current = article.labels.get(&l.id);
        for v in &l.values {
            let text = match v.key {
                Some(k) => format!("{} ({})", v.value, k.to_ascii_uppercase()),
                None => v.value.clone(),
            };
            if ui.radio(current == Some(&v.value), text).clicked() {
                let value = (current != Some(&v.value)).then(|| v.value.clone());
                asks.push(Action::SetArticleLabel {
                    article: article.id.clone(),
                    label: l.id.clone(),
                    value,
                });
                ui.close();
            }
        }
    }
}
