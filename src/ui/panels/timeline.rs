//! The timeline window: incidents on a time axis, one row per ACLED event type.

use chrono::NaiveDate;
use egui::Color32;

use super::PanelCtx;
use crate::model::acled::EVENT_CATEGORIES;
use crate::ui::widgets::date_range::date_range_ui;
use crate::workbench::Action;

/// Colour of an event category on the timeline.
pub fn category_color(category: Option<&str>) -> Color32 {
    let i = category
        .and_then(|c| EVENT_CATEGORIES.iter().position(|x| x.name == c))
        .unwrap_or(EVENT_CATEGORIES.len());
    const PALETTE: [Color32; 7] = [
        Color32::from_rgb(214, 69, 65),
        Color32::from_rgb(232, 163, 61),
        Color32::from_rgb(179, 107, 232),
        Color32::from_rgb(61, 155, 232),
        Color32::from_rgb(90, 170, 90),
        Color32::from_rgb(120, 120, 120),
        Color32::from_rgb(160, 160, 160),
    ];
    PALETTE.get(i).copied().unwrap_or(Color32::GRAY)
}

/// The timeline window: incidents on a time axis, coloured by event type; a click opens one.
pub fn timeline_ui(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
    if !cx.view.timeline_open {
        return;
    }
    let doc = cx.doc;
    let project = &doc.project;
    let mut open = true;
    let mut clicked = None;
    egui::Window::new("Timeline")
        .open(&mut open)
        .default_size([760.0, 320.0])
        .show(ctx, |ui| {
            // The map filters by the same range (one value in the view state).
            date_range_ui(ui, &mut cx.view.incident_dates);
            let dates = cx.view.incident_dates;
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            // (id, first day, last day, row, colour, title); one day for most incidents.
            let points: Vec<(String, f64, f64, f64, Color32, String)> = project
                .incidents
                .iter()
                .filter(|inc| dates.admits_incident(inc))
                .filter_map(|inc| {
                    let d = inc.date?;
                    let x = (d - epoch).num_days() as f64;
                    let x_end = inc
                        .date_end
                        .map_or(x, |e| ((e - epoch).num_days() as f64).max(x));
                    let cat = inc.category();
                    let y = cat
                        .and_then(|c| EVENT_CATEGORIES.iter().position(|x| x.name == c))
                        .unwrap_or(EVENT_CATEGORIES.len()) as f64;
                    Some((
                        inc.id.clone(),
                        x,
                        x_end,
                        y,
                        category_color(cat),
                        inc.title.clone(),
                    ))
                })
                .collect();
            if points.is_empty() {
                ui.weak(if dates.is_open() {
                    "Incidents with a date appear here."
                } else {
                    "No incident falls within these dates."
                });
                return;
            }
            let undated = project
                .incidents
                .iter()
                .filter(|i| i.date.is_none())
                .count();
            if undated > 0 {
                ui.weak(if undated == 1 {
                    "1 incident without a date is not shown.".to_owned()
                } else {
                    format!("{undated} incidents without a date are not shown.")
                });
            }
            // One row per ACLED event type (and one for incidents without a type), always all
            // of them, labelled only at whole numbers: a timeline whose incidents share one
            // type would otherwise zoom into that row and repeat its name at every grid line.
            let rows = EVENT_CATEGORIES.len();
            let resp = egui_plot::Plot::new("incident-timeline")
                .height(260.0)
                .allow_scroll(false)
                .allow_zoom([true, false])
                .allow_drag([true, false])
                .include_y(-0.5)
                .include_y(rows as f64 + 0.5)
                .y_grid_spacer(move |_input| {
                    (0..=rows)
                        .map(|i| egui_plot::GridMark {
                            value: i as f64,
                            step_size: 1.0,
                        })
                        .collect()
                })
                .x_axis_formatter(move |mark, _range| {
                    let d = epoch + chrono::Duration::days(mark.value.round() as i64);
                    d.format("%Y-%m-%d").to_string()
                })
                .y_axis_formatter(|mark, _range| timeline_row_label(mark.value))
                .show(ui, |plot| {
                    for (id, x, x_end, y, color, title) in &points {
                        let name = format!("{id}: {title}");
                        if x_end > x {
                            // An incident over several days: a bar from its first to last day.
                            plot.line(
                                egui_plot::Line::new(name.clone(), vec![[*x, *y], [*x_end, *y]])
                                    .width(6.0)
                                    .color(*color),
                            );
                        }
                        plot.points(
                            egui_plot::Points::new(name, vec![[*x, *y]])
                                .radius(6.0)
                                .color(*color),
                        );
                    }
                    plot.pointer_coordinate()
                });
            if resp.response.clicked()
                && let Some(p) = resp.inner
            {
                let bounds = resp.transform.bounds();
                let spots: Vec<(&str, f64, f64, f64)> = points
                    .iter()
                    .map(|(id, x, x_end, y, ..)| (id.as_str(), *x, *x_end, *y))
                    .collect();
                clicked = nearest_point(&spots, (p.x, p.y), (bounds.width(), bounds.height()))
                    .map(str::to_owned);
            }
        });
    if !open {
        cx.view.timeline_open = false;
    }
    if let Some(id) = clicked {
        cx.push(Action::OpenIncident(id));
    }
}

/// The label of a timeline row: the ACLED event type at whole numbers (one past the last is
/// "(no type)"), nothing between rows or outside them.
pub fn timeline_row_label(y: f64) -> String {
    let i = y.round();
    if (y - i).abs() > 0.01 || i < 0.0 || i > EVENT_CATEGORIES.len() as f64 {
        return String::new();
    }
    EVENT_CATEGORIES
        .get(i as usize)
        .map_or_else(|| "(no type)".to_owned(), |c| c.name.to_owned())
}

/// The incident nearest a click, when it is within a tenth of the view on both axes together
/// (distances are scaled by the visible width and height, so days and type rows weigh alike).
/// Each is `(id, first day, last day, row)`: a click anywhere along a range counts as on it.
pub fn nearest_point<'a>(
    points: &[(&'a str, f64, f64, f64)],
    click: (f64, f64),
    view: (f64, f64),
) -> Option<&'a str> {
    let (w, h) = (view.0.max(1.0), view.1.max(1.0));
    points
        .iter()
        .map(|(id, x, x_end, y)| {
            let dx = if click.0 < *x {
                x - click.0
            } else if click.0 > *x_end {
                click.0 - x_end
            } else {
                0.0
            };
            (*id, (dx / w).powi(2) + ((y - click.1) / h).powi(2))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, d)| *d < 0.01)
        .map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_rows_are_named_only_at_whole_numbers() {
        assert_eq!(timeline_row_label(0.0), EVENT_CATEGORIES[0].name);
        assert_eq!(timeline_row_label(1.004), EVENT_CATEGORIES[1].name);
        assert_eq!(timeline_row_label(1.5), "");
        assert_eq!(timeline_row_label(2.2), "", "no repeated name between rows");
        assert_eq!(
            timeline_row_label(EVENT_CATEGORIES.len() as f64),
            "(no type)"
        );
        assert_eq!(timeline_row_label(-1.0), "");
        assert_eq!(timeline_row_label(EVENT_CATEGORIES.len() as f64 + 1.0), "");
    }

    #[test]
    fn a_click_opens_the_nearest_incident_only_when_close() {
        let points = [
            ("inc-1", 19_700.0, 19_700.0, 1.0),
            ("inc-2", 19_760.0, 19_760.0, 1.0),
            ("inc-3", 19_700.0, 19_700.0, 4.0),
            ("inc-4", 19_800.0, 19_840.0, 2.0),
        ];
        let view = (100.0, 6.0);
        assert_eq!(nearest_point(&points, (19_702.0, 1.1), view), Some("inc-1"));
        assert_eq!(nearest_point(&points, (19_758.0, 0.9), view), Some("inc-2"));
        assert_eq!(nearest_point(&points, (19_701.0, 3.8), view), Some("inc-3"));
        assert_eq!(
            nearest_point(&points, (19_730.0, 2.5), view),
            None,
            "between points"
        );
        assert_eq!(
            nearest_point(&points, (19_830.0, 2.0), view),
            Some("inc-4"),
            "inside a range, far from its first day"
        );
        assert_eq!(nearest_point(&points, (19_860.0, 2.0), view), None);
        assert_eq!(nearest_point(&[], (0.0, 0.0), view), None);
    }
}
