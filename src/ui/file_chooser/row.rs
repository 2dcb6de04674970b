//! One row of the chooser's list, painted by hand: an icon, the name, the size and the date in
//! columns, so that thousands of rows cost only the few that are visible.

use egui::{Color32, Role, Sense, Ui};

use super::listing::{Entry, human_size, human_time};

/// Widths of the size and date columns; the name column takes the rest.
const SIZE_WIDTH: f32 = 80.0;
const DATE_WIDTH: f32 = 130.0;

/// Where each column of a row starts or ends.
pub(super) struct Columns {
    rect: egui::Rect,
}

impl Columns {
    pub(super) fn new(rect: egui::Rect) -> Self {
        Self { rect }
    }

    pub(super) fn name_left(&self) -> egui::Pos2 {
        egui::pos2(self.rect.left() + 4.0, self.rect.center().y)
    }

    fn name_clip(&self) -> egui::Rect {
        let mut clip = self.rect;
        clip.set_right(self.rect.right() - SIZE_WIDTH - DATE_WIDTH - 8.0);
        clip
    }

    pub(super) fn size_right(&self) -> egui::Pos2 {
        egui::pos2(self.rect.right() - DATE_WIDTH - 8.0, self.rect.center().y)
    }

    pub(super) fn date_left(&self) -> egui::Pos2 {
        egui::pos2(self.rect.right() - DATE_WIDTH + 4.0, self.rect.center().y)
    }
}

/// One row of the list: icon and name, size, modification date; clickable.
pub(super) fn entry_row(ui: &mut Ui, entry: &Entry, selected: bool, height: f32) -> egui::Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(Role::ListBoxOption, true, selected, &entry.name)
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.style().interact_selectable(&response, selected);
    if selected || response.hovered() {
        ui.painter()
            .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
    }
    let columns = Columns::new(rect);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = visuals.text_color();
    let weak = if selected {
        text
    } else {
        ui.visuals().weak_text_color()
    };
    let painter = ui.painter();
    let name_painter = painter.with_clip_rect(columns.name_clip().intersect(painter.clip_rect()));
    let icon = egui::Rect::from_min_size(
        egui::pos2(rect.left() + 4.0, rect.center().y - 7.0),
        egui::vec2(16.0, 14.0),
    );
    if entry.is_dir {
        let tint = if selected {
            text
        } else {
            Color32::from_rgb(0xd8, 0xa6, 0x3c)
        };
        paint_folder_icon(&name_painter, icon, tint);
    } else {
        paint_file_icon(&name_painter, icon, weak);
    }
    name_painter.text(
        egui::pos2(icon.right() + 6.0, rect.center().y),
        egui::Align2::LEFT_CENTER,
        &entry.name,
        font.clone(),
        text,
    );
    if let Some(size) = entry.size {
        painter.text(
            columns.size_right(),
            egui::Align2::RIGHT_CENTER,
            human_size(size),
            font.clone(),
            weak,
        );
    }
    if let Some(modified) = entry.modified {
        painter.text(
            columns.date_left(),
            egui::Align2::LEFT_CENTER,
            human_time(modified),
            font,
            weak,
        );
    }
    response
}

/// A folder drawn as shapes: the bundled fonts have no folder glyph, and a missing glyph
/// would draw as a box.
fn paint_folder_icon(painter: &egui::Painter, rect: egui::Rect, color: Color32) {
    let tab = egui::Rect::from_min_size(rect.min, egui::vec2(rect.width() * 0.45, 4.0));
    painter.rect_filled(tab, 1.5, color);
    let body = egui::Rect::from_min_max(egui::pos2(rect.left(), rect.top() + 2.5), rect.max);
    painter.rect_filled(body, 2.0, color);
}

/// A sheet of paper with a folded corner, drawn as lines.
fn paint_file_icon(painter: &egui::Painter, rect: egui::Rect, color: Color32) {
    let left = rect.left() + 2.0;
    let right = rect.right() - 2.0;
    let fold = 4.0;
    let points = vec![
        egui::pos2(left, rect.top()),
        egui::pos2(right - fold, rect.top()),
        egui::pos2(right, rect.top() + fold),
        egui::pos2(right, rect.bottom()),
        egui::pos2(left, rect.bottom()),
        egui::pos2(left, rect.top()),
    ];
    painter.add(egui::Shape::line(points, egui::Stroke::new(1.0, color)));
}
