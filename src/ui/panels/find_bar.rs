//! The find bar over the article: a query, previous / next, the match count.

use egui::{Key, Ui};

use super::PanelCtx;
use crate::model::CharSpan;
use crate::workbench::{Action, Command};

/// The find bar's matches, kept while the document, the article and the query stay the same
/// (the bar shows the count every frame).
#[derive(Default)]
pub struct FindBar {
    /// (revision, article, query) the matches were found for, and the matches.
    matches: Option<((u64, String, String), Vec<CharSpan>)>,
}

impl FindBar {
    /// Case-insensitive matches of the query in the article.
    pub fn matches(&mut self, cx: &PanelCtx<'_>, article: &str) -> &[CharSpan] {
        let key = (
            cx.doc.revision(),
            article.to_owned(),
            cx.view.find.query.clone(),
        );
        if self.matches.as_ref().is_none_or(|(k, _)| *k != key) {
            let found = cx
                .project()
                .article(article)
                .map(|a| crate::model::text::find_folded(a.chars(), &cx.view.find.query))
                .unwrap_or_default();
            self.matches = Some((key, found));
        }
        self.matches.as_ref().map_or(&[], |(_, m)| m.as_slice())
    }

    /// Draw the bar over the article.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>, article: &str) {
        let mut go: Option<bool> = None; // Some(forward)
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let resp = ui
                .add(
                    egui::TextEdit::singleline(&mut cx.view.find.query)
                        .id_salt("find-field")
                        .hint_text("text in this article")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if cx.view.find.focus_requested {
                resp.request_focus();
                cx.view.find.focus_requested = false;
                // Ctrl+F again selects what was searched last, so typing replaces it, as in
                // every find bar.
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(cx.view.find.query.chars().count()),
                );
                let mut state =
                    egui::text_edit::TextEditState::load(ui.ctx(), resp.id).unwrap_or_default();
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), resp.id);
            }
            if resp.changed() {
                cx.view.find.current = None;
            }
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(Key::Escape),
                )
            });
            if resp.lost_focus() && enter {
                go = Some(!shift);
                resp.request_focus();
            }
            if (resp.lost_focus() || resp.has_focus()) && escape {
                close = true;
            }
            if ui
                .button("Previous")
                .on_hover_text("Previous (Shift+Enter)")
                .clicked()
            {
                go = Some(false);
            }
            if ui.button("Next").on_hover_text("Next (Enter)").clicked() {
                go = Some(true);
            }
            let found = self.matches(cx, article).len();
            match (found, cx.view.find.current) {
                (0, _) if !cx.view.find.query.is_empty() => {
                    ui.colored_label(ui.visuals().warn_fg_color, "no match");
                }
                (n, Some(i)) => {
                    ui.label(format!("{} of {n}", i + 1));
                }
                (n, None) if n > 0 => {
                    ui.label(format!("{n} matches"));
                }
                _ => {}
            }
            if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
                close = true;
            }
        });
        if let Some(forward) = go {
            self.step(cx, article, forward);
        }
        if close {
            cx.push(Action::Run(Command::CloseFind));
        }
    }

    /// Jump to the next (or previous) match, selecting it.
    fn step(&mut self, cx: &mut PanelCtx<'_>, article: &str, forward: bool) {
        let matches = self.matches(cx, article).to_vec();
        let n = matches.len();
        if n == 0 {
            return;
        }
        let next = match cx.view.find.current {
            None if forward => 0,
            None => n - 1,
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        cx.view.find.current = Some(next);
        if let Some(span) = matches.get(next) {
            cx.view.selection.set(*span);
            cx.view.selected_annotation = None;
            cx.view.scroll_to = Some(*span);
        }
    }
}
