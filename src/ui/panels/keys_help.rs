//! Help → Keys: every key of the window, read from the key table (`ui/keys.rs`) and the
//! project's tag keys, so the list cannot drift from what the keys do.

use super::PanelCtx;
use crate::ui::keys::{ARTICLE_KEYS, BINDINGS};

/// The Keys window, when open.
pub fn keys_ui(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
    if !cx.view.keys_open {
        return;
    }
    let project = &cx.doc.project;
    let mut open = true;
    egui::Window::new("Keys")
        .id(egui::Id::unique("keys-window"))
        .open(&mut open)
        .default_width(520.0)
        .vscroll(true)
        .show(ctx, |ui| {
            egui::Grid::new("keys-grid")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for b in &BINDINGS {
                        ui.monospace(ctx.format_shortcut(&b.shortcut));
                        let mut what = b.command.tooltip().to_owned();
                        if b.while_typing {
                            what.push_str(" (also while typing)");
                        }
                        ui.label(what);
                        ui.end_row();
                    }
                    for tag in &project.tags {
                        if let Some(k) = tag.key_char() {
                            ui.monospace(k.to_ascii_uppercase().to_string());
                            ui.label(format!("tag the selection as {}", tag.label));
                            ui.end_row();
                        }
                    }
                    for (key, what) in ARTICLE_KEYS {
                        ui.monospace(key);
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
    if !open {
        cx.view.keys_open = false;
    }
}
