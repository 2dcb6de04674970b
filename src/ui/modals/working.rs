//! The work running off the window's thread (an import, an export): what it does, how far it
//! has got and for how long, over a window that takes no edits until it is done.

use crate::workbench::work::Work;

/// Draw the progress of `work`. It has no buttons: the work ends on its own, and the window
/// behind stays drawn and movable meanwhile.
pub fn ui(ctx: &egui::Context, work: &Work) {
    egui::Modal::new(egui::Id::unique("working-modal")).show(ctx, |ui| {
        ui.set_min_width(360.0);
        ui.heading(work.label());
        let (done, total) = work.counts();
        let seconds = work.elapsed().as_secs_f32();
        if total > 0 {
            let fraction = done as f32 / total as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .show_percentage()
                    .animate(true),
            );
            ui.label(format!("{done} of {total} · {seconds:.0} s"));
        } else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{seconds:.0} s"));
            });
        }
    });
}
