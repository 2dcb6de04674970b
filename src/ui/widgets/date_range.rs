//! The date range the timeline and the map share: two day fields over the one
//! [`DateRange`] in the view state. Each window draws its own fields, so what is typed stays
//! in the window being typed in until it reads as a day; a field not being typed in shows the
//! shared value, so narrowing the range in one window shows in the other.

use chrono::NaiveDate;
use egui::Ui;

use crate::model::map::DateRange;

/// Draw "Dates from [ ] until [ ]" and an "All dates" button over `range`. Returns true when
/// the range changed this frame.
pub fn date_range_ui(ui: &mut Ui, range: &mut DateRange) -> bool {
    let before = *range;
    ui.horizontal(|ui| {
        day_field(ui, "Dates from", "date-from", &mut range.from);
        day_field(ui, "until", "date-until", &mut range.to);
        if ui
            .add_enabled(!range.is_open(), egui::Button::new("All dates"))
            .on_hover_text("Show incidents of every day, and those without a date")
            .clicked()
        {
            *range = DateRange::default();
        }
    });
    *range != before
}

/// One labelled day field: empty for an open end, `YYYY-MM-DD` otherwise; a text that is not
/// a day yet is kept (in red) without changing the range.
fn day_field(ui: &mut Ui, label: &str, salt: &str, day: &mut Option<NaiveDate>) {
    let id = ui.make_persistent_id(salt);
    let draft_id = id.with("draft");
    let shown = day.map(|d| d.to_string()).unwrap_or_default();
    let mut text = ui
        .data(|d| d.get_temp::<String>(draft_id))
        .unwrap_or_else(|| shown.clone());
    let valid = parse_day(&text).is_some();
    let l = ui.label(label);
    let mut edit = egui::TextEdit::singleline(&mut text)
        .id(id)
        .hint_text("YYYY-MM-DD")
        .desired_width(100.0);
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let resp = ui.add(edit).labelled_by(l.id);
    if resp.changed()
        && let Some(parsed) = parse_day(&text)
    {
        *day = parsed;
    }
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(draft_id, text));
    } else {
        // Not being typed in: show the shared value (the other window may have changed it),
        // dropping a half-typed day once the field is left.
        ui.data_mut(|d| d.remove::<String>(draft_id));
    }
}

/// A field's text as an end of the range: `Some(None)` for empty (open), `Some(Some(day))`
/// for a day, `None` when it is neither (yet).
fn parse_day(text: &str) -> Option<Option<NaiveDate>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    t.parse::<NaiveDate>().ok().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_reads_empty_as_open_and_rejects_half_days() {
        assert_eq!(parse_day("  "), Some(None));
        assert_eq!(
            parse_day("2024-03-01"),
            Some(NaiveDate::from_ymd_opt(2024, 3, 1))
        );
        assert_eq!(parse_day("2024-03"), None);
        assert_eq!(parse_day("2024-02-30"), None);
    }
}
