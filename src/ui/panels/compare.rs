//! Curation: the differences between our spans and another analyst's on the shown article,
//! with the article's agreement figures, and per difference "Take theirs", "Keep mine" and
//! "Take both". Their spans also show in a second band in the article view.

use egui::Ui;

use super::{PanelCtx, tag_label};
use crate::ui::widgets::article_view::{Suggested, tag_color};
use crate::workbench::compare::{ArticleComparison, Difference, Settle};
use crate::workbench::{Action, Command, shorten};

/// The comparison of the shown article, kept while the document, the article and the
/// differences put aside stay the same (the figures take a pass over the article).
#[derive(Default)]
pub struct ComparePanel {
    cache: Option<((u64, String, usize), ArticleComparison)>,
}

impl ComparePanel {
    /// Bring the comparison of the shown article up to date.
    pub fn refresh(&mut self, cx: &PanelCtx<'_>) {
        let (Some(comparison), Some(article)) = (cx.comparison, cx.view.current_article.as_deref())
        else {
            self.cache = None;
            return;
        };
        let key = (
            cx.doc.revision(),
            article.to_owned(),
            comparison.kept_count(),
        );
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let compared = comparison.article(cx.project(), article);
            self.cache = Some((key, compared));
        }
    }

    /// Their spans on the shown article, for the article view's second band.
    pub fn band(&self, cx: &PanelCtx<'_>) -> Vec<Suggested> {
        let Some(((_, _, _), compared)) = &self.cache else {
            return Vec::new();
        };
        let tags = cx.comparison.map(|c| &c.theirs);
        compared
            .theirs
            .iter()
            .map(|a| Suggested {
                span: a.span(),
                color: tag_color(tags.and_then(|p| p.tag(&a.tag)).and_then(|t| t.rgb())),
                current: false,
            })
            .collect()
    }

    /// Draw the comparison box (nothing when no comparison is open).
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let Some(comparison) = cx.comparison else {
            return;
        };
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(format!("Compared with {}", comparison.label()));
            let cmd = Command::EndComparison;
            if ui
                .small_button("End")
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                cx.push(Action::Run(cmd));
            }
        });
        let Some((_, compared)) = &self.cache else {
            return;
        };
        if compared.their_article.is_none() {
            ui.weak("They do not have this article (no article with the same text).");
            return;
        }
        let [exact, overlap, kappa, alpha] = compared
            .figures
            .map(|f| f.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}")));
        ui.label(format!(
            "This article: exact F1 {exact} · overlap F1 {overlap} · κ {kappa} · α_U {alpha}"
        ))
        .on_hover_text(
            "Exact span F1 (as bratiaa computes it), overlap F1, Cohen's kappa on \
             per-character labels, Krippendorff's alpha for unitizing",
        );
        if compared.differences.is_empty() {
            ui.weak("No differences left on this article.");
            return;
        }
        ui.weak(crate::wording::count(
            compared.differences.len(),
            "difference",
        ));
        egui::ScrollArea::vertical()
            .id_salt("compare-list")
            .max_height(220.0)
            .show(ui, |ui| {
                for difference in &compared.differences {
                    difference_ui(ui, cx, difference);
                }
            });
    }
}

/// One difference: what each side says, and the ways to settle it.
fn difference_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, difference: &Difference) {
    let doc = cx.doc;
    let project = &doc.project;
    let theirs_label = |tag: &str| {
        cx.comparison
            .and_then(|c| c.theirs.tag(tag))
            .map_or(tag.to_owned(), |t| t.label.clone())
    };
    let (text, choices): (String, &[(Settle, &str)]) = match difference {
        Difference::TheirsOnly { theirs } => (
            format!(
                "theirs only: {} “{}”",
                theirs_label(&theirs.tag),
                shorten(&theirs.exact, 36)
            ),
            &[
                (Settle::TakeTheirs, "Take theirs"),
                (Settle::KeepMine, "Keep mine"),
            ],
        ),
        Difference::MineOnly { mine } => (
            format!(
                "mine only: {} “{}”",
                tag_label(project, &mine.tag),
                shorten(&mine.exact, 36)
            ),
            &[
                (Settle::TakeTheirs, "Take theirs"),
                (Settle::KeepMine, "Keep mine"),
            ],
        ),
        Difference::Changed { mine, theirs } => (
            format!(
                "“{}”: mine {}, theirs {}",
                shorten(&mine.exact, 30),
                describe(tag_label(project, &mine.tag), &mine.note),
                describe(&theirs_label(&theirs.tag), &theirs.note)
            ),
            &[
                (Settle::TakeTheirs, "Take theirs"),
                (Settle::KeepMine, "Keep mine"),
                (Settle::TakeBoth, "Take both"),
            ],
        ),
    };
    let span = difference.span();
    if ui
        .add(egui::Label::new(text).sense(egui::Sense::click()).wrap())
        .on_hover_text("Show it in the article")
        .clicked()
        && let Some(article) = cx.view.current_article.clone()
    {
        cx.push(Action::ShowSpan { article, span });
    }
    ui.horizontal(|ui| {
        for (how, label) in choices {
            if ui.small_button(*label).clicked() {
                cx.push(Action::Settle {
                    key: difference.key(),
                    how: *how,
                });
            }
        }
    });
}

fn describe(tag: &str, note: &str) -> String {
    if note.is_empty() {
        tag.to_owned()
    } else {
        format!("{tag} (note “{}”)", shorten(note, 20))
    }
}
