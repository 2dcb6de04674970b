//! The article list (left panel tab): add or paste articles, filter, open one, remove one.

use egui::Ui;

use super::PanelCtx;
use crate::model::text::fold_str;
use crate::ui::widgets::article_row::article_row;
use crate::workbench::{Action, Command};

/// The article list and its filter.
#[derive(Default)]
pub struct ArticlesPanel {
    /// Filter text: title, source or file name.
    pub filter: String,
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
        let current = cx.view.current_article.as_deref();
        egui::ScrollArea::vertical()
            .id_salt("article-list")
            .auto_shrink([false, true])
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for article in shown.get(rows).unwrap_or_default() {
                    let count = counts.get(article.id.as_str()).copied().unwrap_or(0);
                    let date = article
                        .published
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| "no date".into());
                    let selected = current == Some(article.id.as_str());
                    let detail = format!(
                        "{date} · {count} annotation{}",
                        if count == 1 { "" } else { "s" }
                    );
                    let resp = article_row(ui, row_height, selected, &article.title, &detail);
                    if resp.clicked() {
                        open = Some(article.id.clone());
                    }
                    resp.context_menu(|ui| {
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
    }
}
