//! One row of the article list: the title on one line, the date and annotation count below.

use egui::Ui;

/// Draw a row: the title cut with … when too long (in full on hover), highlighted when
/// selected or hovered.
pub fn article_row(
    ui: &mut Ui,
    height: f32,
    selected: bool,
    title: &str,
    detail: &str,
) -> egui::Response {
    let width = ui.available_width();
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("{title}\n{detail}"),
        )
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&resp, selected);
        if selected || resp.hovered() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let inner = rect.shrink2(egui::vec2(4.0, 3.0));
        let text_color = visuals.text_color();
        let mut job = egui::text::LayoutJob::single_section(
            title.to_owned(),
            egui::TextFormat::simple(egui::TextStyle::Body.resolve(ui.style()), text_color),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(inner.width());
        let title_galley = ui.fonts_mut(|f| f.layout_job(job));
        let elided = title_galley.elided;
        ui.painter().galley(inner.min, title_galley, text_color);
        let detail_color = ui.visuals().weak_text_color();
        let mut job = egui::text::LayoutJob::single_section(
            detail.to_owned(),
            egui::TextFormat::simple(egui::TextStyle::Small.resolve(ui.style()), detail_color),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(inner.width());
        let detail_galley = ui.fonts_mut(|f| f.layout_job(job));
        let line = ui.text_style_height(&egui::TextStyle::Body);
        ui.painter().galley(
            inner.min + egui::vec2(0.0, line + 1.0),
            detail_galley,
            detail_color,
        );
        if elided {
            return resp.on_hover_text(title);
        }
    }
    resp
}
