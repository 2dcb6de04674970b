//! The menu bar and the tool bar. Items send actions; nothing runs while the menu is drawn.

use egui::{Color32, Ui};

use super::keys::shortcut_of;
use crate::io::Format;
use crate::workbench::{Action, Command, Pending, Workbench};

/// Draw a command as a menu item (greyed out when it cannot run now), with its shortcut.
fn item_ui(ui: &mut Ui, wb: &Workbench, cmd: Command, actions: &mut Vec<Action>) {
    let mut button = egui::Button::new(cmd.label());
    if let Some(shortcut) = shortcut_of(cmd) {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add_enabled(wb.can_run(cmd), button)
        .on_hover_text(cmd.tooltip())
        .clicked()
    {
        ui.close();
        actions.push(Action::Run(cmd));
    }
}

/// The menu bar: File, Edit, View.
pub fn menu_bar_ui(ui: &mut Ui, wb: &Workbench, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, wb, actions));
        ui.menu_button("Edit", |ui| {
            for cmd in [Command::Undo, Command::Redo] {
                item_ui(ui, wb, cmd, actions);
            }
            ui.separator();
            for cmd in [
                Command::Find,
                Command::SearchCorpus,
                Command::DeleteAnnotation,
            ] {
                item_ui(ui, wb, cmd, actions);
            }
        });
        ui.menu_button("View", |ui| {
            let mut dark = wb.settings().dark;
            if ui
                .checkbox(&mut dark, Command::ToggleTheme.label())
                .changed()
            {
                actions.push(Action::Run(Command::ToggleTheme));
            }
            item_ui(ui, wb, Command::ZoomIn, actions);
            item_ui(ui, wb, Command::ZoomOut, actions);
            ui.label(format!("Text size: {:.0} pt", wb.settings().font_size));
            ui.separator();
            item_ui(ui, wb, Command::SetAnalyst, actions);
            ui.separator();
            item_ui(ui, wb, Command::ToggleTimeline, actions);
            item_ui(ui, wb, Command::ToggleMap, actions);
            item_ui(ui, wb, Command::ToggleSources, actions);
            item_ui(ui, wb, Command::ToggleDocLabels, actions);
        });
        ui.menu_button("Go", |ui| {
            for cmd in [
                Command::NextAnnotation,
                Command::PreviousAnnotation,
                Command::NextArticle,
                Command::PreviousArticle,
                Command::NextSuggestion,
                Command::NextUnfinished,
            ] {
                item_ui(ui, wb, cmd, actions);
            }
        });
        ui.menu_button("Help", |ui| {
            item_ui(ui, wb, Command::ShowKeys, actions);
            item_ui(ui, wb, Command::ToggleGuidelines, actions);
        });
    });
}

fn file_menu_ui(ui: &mut Ui, wb: &Workbench, actions: &mut Vec<Action>) {
    item_ui(ui, wb, Command::New, actions);
    item_ui(ui, wb, Command::Open, actions);
    ui.menu_button("Open recent", |ui| {
        if wb.settings().recent.is_empty() {
            ui.label("No recent projects");
        }
        for path in &wb.settings().recent {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::Request(Pending::Open(Some(path.clone()))));
                ui.close();
            }
        }
    });
    ui.separator();
    item_ui(ui, wb, Command::Save, actions);
    item_ui(ui, wb, Command::SaveAs, actions);
    ui.separator();
    item_ui(ui, wb, Command::AddArticle, actions);
    item_ui(ui, wb, Command::PasteArticle, actions);
    ui.separator();
    ui.menu_button("Import", |ui| {
        for cmd in [
            Command::ImportBratFolder,
            Command::ImportAnnotationFile,
            Command::ImportW3c,
        ] {
            item_ui(ui, wb, cmd, actions);
        }
    });
    ui.menu_button("Export", |ui| {
        for format in [Format::Brat, Format::W3c, Format::Doccano] {
            item_ui(ui, wb, Command::Export(format), actions);
        }
        ui.separator();
        for format in [
            Format::IncidentFiles,
            Format::Acled,
            Format::Ucdp,
            Format::GeoJson,
        ] {
            item_ui(ui, wb, Command::Export(format), actions);
        }
    });
    item_ui(ui, wb, Command::UpdateArticleText, actions);
    ui.separator();
    item_ui(ui, wb, Command::CompareWith, actions);
    item_ui(ui, wb, Command::EndComparison, actions);
    ui.separator();
    item_ui(ui, wb, Command::Quit, actions);
}

/// The tool bar: one button per tag (tags the selection, or retags the selected annotation),
/// and Find.
pub fn tool_bar_ui(ui: &mut Ui, wb: &Workbench, actions: &mut Vec<Action>) {
    let view = wb.view();
    let can_tag = view.selection.span.is_some() || view.selected_annotation.is_some();
    ui.horizontal(|ui| {
        for tag in &wb.project().tags {
            let text = match tag.key_char() {
                Some(k) => format!("{} ({})", tag.label, k.to_ascii_uppercase()),
                None => tag.label.clone(),
            };
            let color = super::widgets::article_view::tag_color(tag.rgb());
            let button = egui::Button::new(egui::RichText::new(text).color(Color32::BLACK))
                .fill(color.gamma_multiply(0.55));
            let resp = ui.add_enabled(can_tag, button).on_hover_text(
                if tag.description.trim().is_empty() {
                    format!("Tag the selection as {}", tag.label)
                } else {
                    format!(
                        "Tag the selection as {}\n\n{}",
                        tag.label,
                        tag.description.trim()
                    )
                },
            );
            if resp.clicked() {
                if view.selection.span.is_some() {
                    actions.push(Action::TagSelection(tag.id.clone()));
                } else if let Some(ann) = &view.selected_annotation {
                    actions.push(Action::Retag {
                        annotation: ann.clone(),
                        tag: tag.id.clone(),
                    });
                }
            }
        }
        ui.separator();
        if ui.button("Find").on_hover_text("Ctrl+F").clicked() {
            actions.push(Action::Run(Command::Find));
        }
    });
}

/// The status line: saved or not, the project's counts, and the last message (one line; the
/// whole message on hover).
pub fn status_line_ui(ui: &mut Ui, wb: &Workbench) {
    ui.horizontal(|ui| {
        let p = wb.project();
        if wb.doc().is_dirty() {
            ui.colored_label(ui.visuals().warn_fg_color, "Unsaved changes");
        } else {
            ui.label("Saved");
        }
        ui.separator();
        let count = crate::wording::count;
        ui.label(format!(
            "{} · {} · {} · {}",
            count(p.articles.len(), "article"),
            count(p.annotations.len(), "annotation"),
            count(p.entities.len(), "entity"),
            count(p.incidents.len(), "incident")
        ));
        ui.separator();
        match p.analyst.as_deref() {
            Some(name) => ui.label(format!("Analyst: {name}")),
            None => ui.weak("No analyst set (View > Analyst…)"),
        };
        if !p.conflicts.is_empty() {
            ui.separator();
            ui.colored_label(
                ui.visuals().error_fg_color,
                crate::wording::count(p.conflicts.len(), "merge conflict"),
            );
        }
        let status = wb.status();
        if !status.text.is_empty() {
            ui.separator();
            let first = status.first_line();
            let text = match status.level {
                crate::workbench::Level::Info => egui::RichText::new(first),
                crate::workbench::Level::Warning => {
                    egui::RichText::new(first).color(ui.visuals().warn_fg_color)
                }
                crate::workbench::Level::Error => {
                    egui::RichText::new(first).color(ui.visuals().error_fg_color)
                }
            };
            let label = ui.add(egui::Label::new(text).truncate());
            if first.len() < status.text.len() {
                label.on_hover_text(&status.text);
            }
        }
    });
}
