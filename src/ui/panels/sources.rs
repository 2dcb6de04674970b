//! The registry of sources: the outlets a project's articles come from, each with ACLED's
//! source scale and an Admiralty reliability grade; and the outlet picker of the article
//! heading, which names an article's outlet from the registry.

use egui::Ui;

use super::PanelCtx;
use crate::model::sources::{RELIABILITY_GRADES, SOURCE_SCALES, fold_name};
use crate::model::{Article, Edit, Project, Source};
use crate::ui::widgets::form::Form;
use crate::workbench::{Action, shorten};

/// The window's drafts.
#[derive(Default)]
pub struct SourcesWindow {
    /// The name typed for a new outlet.
    pub new_name: String,
}

impl SourcesWindow {
    /// Draw the window when it is open.
    pub fn window_ui(&mut self, ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
        if !cx.view.sources_open {
            return;
        }
        let mut open = true;
        egui::Window::new("Sources")
            .id(egui::Id::unique("sources-window"))
            .open(&mut open)
            .default_width(820.0)
            .default_pos([320.0, 120.0])
            .vscroll(true)
            .show(ctx, |ui| self.ui(ui, cx));
        if !open {
            cx.view.sources_open = false;
        }
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) {
        let project = &cx.doc.project;
        let before = &project.sources;
        let mut edited = before.clone();
        let mut form = Form::new("sources");
        ui.weak(
            "An article names its outlet; the outlet's scale goes into ACLED's source_scale and \
             its grade beside the claims it reports.",
        );
        ui.separator();
        let mut remove = None;
        egui::Grid::new("sources-grid")
            .num_columns(6)
            .striped(true)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                for head in ["outlet", "scale", "reliability", "note", "articles", ""] {
                    ui.strong(head);
                }
                ui.end_row();
                for (i, source) in edited.iter_mut().enumerate() {
                    // Fixed sizes: a grid would squeeze a text field to nothing.
                    let r = ui.add_sized(
                        [170.0, 20.0],
                        egui::TextEdit::singleline(&mut source.name).id_salt(("source-name", i)),
                    );
                    form.track(&r, &format!("source-name-{i}"));
                    scale_combo_ui(ui, i, &mut source.scale).labelled_by(r.id);
                    reliability_combo_ui(ui, i, &mut source.reliability).labelled_by(r.id);
                    let r = ui.add_sized(
                        [160.0, 20.0],
                        egui::TextEdit::singleline(&mut source.note)
                            .id_salt(("source-note", i))
                            .hint_text("ownership, slant"),
                    );
                    form.track(&r, &format!("source-note-{i}"));
                    ui.label(articles_of(project, &before[i]).to_string());
                    if ui
                        .small_button("×")
                        .on_hover_text("Take this outlet off the registry (articles keep its name)")
                        .clicked()
                    {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            edited.remove(i);
        }
        if edited.is_empty() {
            ui.weak("No outlets registered yet.");
        }
        ui.separator();
        ui.horizontal(|ui| {
            let l = ui.label("New outlet");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_name)
                        .id_salt("source-new-name")
                        .hint_text("outlet name")
                        .desired_width(200.0),
                )
                .labelled_by(l.id);
            let name = self.new_name.trim().to_owned();
            let taken = project.source_named(&name).is_some();
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let add = ui
                .add_enabled(!name.is_empty() && !taken, egui::Button::new("Add outlet"))
                .on_hover_text(if taken {
                    "An outlet of this name is registered already"
                } else {
                    "Register this outlet"
                });
            if (add.clicked() || enter) && !name.is_empty() && !taken {
                edited.push(Source::new(name));
                self.new_name.clear();
            }
        });
        let missing = project.unregistered_outlets();
        if !missing.is_empty() {
            let n = missing.len();
            let text = if n == 1 {
                format!(
                    "Register the outlet articles name: {}",
                    shorten(&missing[0], 40)
                )
            } else {
                format!("Register the {n} outlets articles name")
            };
            if ui.button(text).on_hover_text(missing.join("\n")).clicked() {
                edited.extend(missing.into_iter().map(Source::new));
            }
        }
        let twice = edited.iter().enumerate().find_map(|(i, a)| {
            edited[..i]
                .iter()
                .any(|b| fold_name(&b.name) == fold_name(&a.name))
                .then(|| format!("{} is registered twice", a.name.trim()))
        });
        if let Some(problem) = edited.iter().flat_map(Source::problems).next().or(twice) {
            ui.colored_label(ui.visuals().warn_fg_color, format!("Not kept: {problem}"));
            edited = before.clone();
        }
        form.finish(before, edited, Edit::SetSources, cx.actions);
    }
}

/// How many articles name this outlet.
fn articles_of(project: &Project, source: &Source) -> usize {
    project
        .articles
        .iter()
        .filter(|a| project.source_of(a).is_some_and(|s| s.name == source.name))
        .count()
}

fn scale_combo_ui(ui: &mut Ui, row: usize, scale: &mut String) -> egui::Response {
    let shown = if scale.is_empty() {
        "(not judged)"
    } else {
        scale.as_str()
    };
    egui::ComboBox::from_id_salt(("source-scale", row))
        .selected_text(shown.to_owned())
        .width(110.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(scale, String::new(), "(not judged)");
            for s in SOURCE_SCALES {
                ui.selectable_value(scale, s.to_owned(), s);
            }
        })
        .response
        .on_hover_text("ACLED source_scale: how far the outlet's reach is")
}

fn reliability_combo_ui(ui: &mut Ui, row: usize, grade: &mut String) -> egui::Response {
    let shown = RELIABILITY_GRADES
        .iter()
        .find(|(g, _)| g == grade)
        .map_or("(not graded)".to_owned(), |(g, m)| format!("{g} {m}"));
    egui::ComboBox::from_id_salt(("source-reliability", row))
        .selected_text(shown)
        .width(150.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(grade, String::new(), "(not graded)");
            for (g, m) in RELIABILITY_GRADES {
                ui.selectable_value(grade, g.to_owned(), format!("{g} {m}"));
            }
        })
        .response
        .on_hover_text(
            "Admiralty reliability of the outlet, A completely reliable to F cannot be judged",
        )
}

/// The article heading's outlet: a menu of the registered outlets (and the one the article
/// names, registered or not), with the outlet's scale and grade beside it.
pub fn outlet_ui(ui: &mut Ui, cx: &mut PanelCtx<'_>, article: &Article) {
    let project = &cx.doc.project;
    let registered = project.source_of(article);
    let shown = if article.source.trim().is_empty() {
        "(no outlet)".to_owned()
    } else {
        article.source.clone()
    };
    let mut chosen = None;
    ui.menu_button(shown, |ui| {
        if ui.button("(no outlet)").clicked() {
            chosen = Some(String::new());
            ui.close();
        }
        for s in &project.sources {
            let text = match s.reliability_label() {
                g if g.is_empty() => s.name.clone(),
                g => format!("{} ({g})", s.name),
            };
            if ui.button(text).clicked() {
                chosen = Some(s.name.clone());
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Edit the registry…").clicked() {
            cx.view.sources_open = true;
            ui.close();
        }
    })
    .response
    .on_hover_text("The outlet this article comes from");
    match registered {
        Some(s) => {
            let mut parts = Vec::new();
            if !s.scale.is_empty() {
                parts.push(s.scale.clone());
            }
            if !s.reliability.is_empty() {
                parts.push(format!("reliability {}", s.reliability_label()));
            }
            if !parts.is_empty() {
                ui.weak(parts.join(" · "));
            }
        }
        None if !article.source.trim().is_empty() => {
            ui.weak("not in the registry");
        }
        None => {}
    }
    if let Some(name) = chosen
        && name != article.source
    {
        let mut changed = article.clone();
        changed.source = name;
        cx.push(Action::Edit {
            edit: Box::new(Edit::UpdateArticle(changed)),
            burst: None,
        });
    }
}
