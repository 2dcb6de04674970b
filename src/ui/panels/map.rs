//! The map window: incidents at their places over country borders (Natural Earth, shipped in
//! the build and read on the map's first frame), coloured by event type as on the timeline and
//! sized by deaths. Zoom with the wheel or a pinch, pan by dragging; a click on a marker or on
//! a row of the list beside the map opens the incident. The day range is the one the timeline
//! shows ([`crate::workbench::ViewState::incident_dates`]); the types shown are the map's own.

use std::collections::BTreeSet;

use egui::{Color32, Ui};
use egui_plot::{Line, Plot, PlotBounds, PlotPoint, Points};

use super::PanelCtx;
use super::timeline::category_color;
use crate::model::acled::EVENT_CATEGORIES;
use crate::model::borders::borders;
use crate::model::map::{
    GeoBox, MapIncidents, MapPoint, NO_TYPE, Projection, bounding_box, draw_order, fit,
    map_incidents, marker_radius, nearest_within, places_without_incident, sharing_place,
};
use crate::ui::widgets::date_range::date_range_ui;
use crate::wording::count;
use crate::workbench::Action;

/// How far from a marker's centre, in points, a click still opens it (beyond its radius).
const CLICK_SLACK: f64 = 6.0;

/// Height of the map in points: fixed, as the timeline's plot is, so the window does not grow
/// to whatever room the plot asks for.
const MAP_HEIGHT: f32 = 420.0;

/// The map window's own state: which types are hidden, whether idle places are shown, and the
/// projection and fit of the view.
pub struct MapPanel {
    /// Event types (as [`crate::model::map::type_key`] names them) not drawn.
    pub hidden_types: BTreeSet<String>,
    /// Whether places that no incident is at are drawn too.
    pub show_idle_places: bool,
    /// The projection in use; its parallel is the middle of the last fitted view.
    projection: Projection,
    /// The view to show on the next frame (on opening, or when Fit is pressed).
    pending_fit: Option<GeoBox>,
    /// Whether the window was open last frame, to fit the view when it opens.
    was_open: bool,
    /// The incidents' markers as drawn last frame, top-most first: id and screen position.
    markers: Vec<(String, egui::Pos2)>,
}

impl Default for MapPanel {
    fn default() -> Self {
        Self {
            hidden_types: BTreeSet::new(),
            show_idle_places: false,
            projection: Projection::at_latitude(0.0),
            pending_fit: None,
            was_open: false,
            markers: Vec::new(),
        }
    }
}

impl MapPanel {
    /// Draw the map window when it is open; a click on an incident opens it.
    pub fn window_ui(&mut self, ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
        if !cx.view.map_open {
            self.was_open = false;
            self.markers.clear();
            return;
        }
        let mut open = true;
        let mut clicked = None;
        egui::Window::new("Map")
            .open(&mut open)
            // Below and right of where the timeline opens, so the two can be read together.
            .default_pos([240.0, 120.0])
            .default_size([900.0, 560.0])
            .show(ctx, |ui| clicked = self.contents_ui(ui, cx));
        self.was_open = open;
        if !open {
            cx.view.map_open = false;
        }
        if let Some(id) = clicked {
            cx.push(Action::OpenIncident(id));
        }
    }

    /// Filters, the map and the list of what it shows; the id of an incident clicked.
    fn contents_ui(&mut self, ui: &mut Ui, cx: &mut PanelCtx<'_>) -> Option<String> {
        let project = &cx.doc.project;
        date_range_ui(ui, &mut cx.view.incident_dates);
        self.type_filter_ui(ui, cx);
        let shown = map_incidents(project, &cx.view.incident_dates, &self.hidden_types);
        if !self.was_open {
            self.fit_to(&shown);
        }
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.show_idle_places, "Places without an incident")
                .on_hover_text("Also draw places with coordinates that no incident is at");
            if ui
                .button("Fit")
                .on_hover_text("Zoom to the incidents shown")
                .clicked()
            {
                self.fit_to(&shown);
            }
        });
        summary_ui(ui, project.incidents.len(), &shown);
        let mut clicked = None;
        ui.horizontal_top(|ui| {
            let list_width = 260.0_f32.min(ui.available_width() * 0.35);
            let map_width = (ui.available_width() - list_width - 8.0).max(200.0);
            ui.vertical(|ui| {
                ui.set_width(map_width);
                clicked = self.plot_ui(ui, cx, &shown.points);
            });
            ui.vertical(|ui| {
                ui.set_width(list_width);
                if let Some(id) = list_ui(ui, cx, &shown.points) {
                    clicked = Some(id);
                }
            });
        });
        clicked
    }

    /// Checkboxes for the event types the project's incidents have, in the taxonomy's order.
    fn type_filter_ui(&mut self, ui: &mut Ui, cx: &PanelCtx<'_>) {
        let present: BTreeSet<&str> = cx
            .doc
            .project
            .incidents
            .iter()
            .map(crate::model::map::type_key)
            .collect();
        let ordered = EVENT_CATEGORIES
            .iter()
            .map(|c| c.name)
            .chain(std::iter::once(NO_TYPE))
            .filter(|n| present.contains(n));
        ui.horizontal_wrapped(|ui| {
            ui.label("Types:");
            for name in ordered {
                let color = type_color(name);
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().circle_filled(rect.center(), 5.0, color);
                let mut on = !self.hidden_types.contains(name);
                if ui.checkbox(&mut on, name).changed() {
                    if on {
                        self.hidden_types.remove(name);
                    } else {
                        self.hidden_types.insert(name.to_owned());
                    }
                }
            }
        });
    }

    /// Show the incidents shown (the world when none) from the next frame on, with the
    /// projection true at their middle latitude.
    fn fit_to(&mut self, shown: &MapIncidents) {
        let lon_lats: Vec<[f64; 2]> = shown.points.iter().map(|p| p.lon_lat).collect();
        let view = fit(&lon_lats);
        self.projection = Projection::at_latitude(view.mid_lat());
        self.pending_fit = Some(view);
    }

    /// The borders, the idle places and the incidents; the id of an incident clicked.
    fn plot_ui(&mut self, ui: &mut Ui, cx: &PanelCtx<'_>, points: &[MapPoint]) -> Option<String> {
        let proj = self.projection;
        let idle = if self.show_idle_places {
            places_without_incident(&cx.doc.project)
        } else {
            Vec::new()
        };
        let pending = self.pending_fit.take();
        let border_color = ui.visuals().weak_text_color().gamma_multiply(0.8);
        let idle_color = ui.visuals().text_color().gamma_multiply(0.6);
        let resp = Plot::new("incident-map")
            .width(ui.available_width())
            .height(MAP_HEIGHT)
            .data_aspect(1.0)
            .show_grid(false)
            .show_axes(false)
            .show_crosshair(false)
            .allow_double_click_reset(false)
            .label_formatter(move |pos| match pos {
                egui_plot::HoverPosition::NearDataPoint { plot_name, .. }
                    if !plot_name.is_empty() =>
                {
                    Some((*plot_name).to_owned())
                }
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => {
                    let [lon, lat] = proj.inverse([position.x, position.y]);
                    Some(format!("{lat:.3}, {lon:.3}"))
                }
            })
            .show(ui, |plot| {
                if let Some(view) = pending {
                    plot.set_plot_bounds(PlotBounds::from_min_max(
                        proj.forward(view.min),
                        proj.forward(view.max),
                    ));
                }
                for shape in borders() {
                    for ring in &shape.rings {
                        let xy: Vec<[f64; 2]> = ring.iter().map(|p| proj.forward(*p)).collect();
                        plot.line(
                            Line::new("", xy)
                                .color(border_color)
                                .width(1.0)
                                .allow_hover(false),
                        );
                    }
                }
                for (id, name, lon_lat) in &idle {
                    plot.points(
                        Points::new(
                            format!("{name} (no incident)"),
                            vec![proj.forward(*lon_lat)],
                        )
                        .id(("idle-place", id))
                        .radius(3.5)
                        .filled(false)
                        .color(idle_color),
                    );
                }
                for (name, at) in country_labels() {
                    plot.text(
                        egui_plot::Text::new("", PlotPoint::from(proj.forward(*at)), name.as_str())
                            .color(border_color)
                            .allow_hover(false),
                    );
                }
                for p in draw_order(points).into_iter().filter_map(|i| points.get(i)) {
                    plot.points(
                        Points::new(hover_text(p, points), vec![proj.forward(p.lon_lat)])
                            .id(("incident", &p.id))
                            .radius(marker_radius(p.fatalities))
                            .color(category_color(p.category.as_deref())),
                    );
                }
            });
        // Top-most marker first, so a click where markers overlap opens the one seen on top.
        self.markers = draw_order(points)
            .into_iter()
            .rev()
            .filter_map(|i| points.get(i))
            .map(|p| {
                let [x, y] = proj.forward(p.lon_lat);
                let at = resp.transform.position_from_point(&PlotPoint::new(x, y));
                (p.id.clone(), at)
            })
            .collect();
        if !resp.response.clicked() {
            return None;
        }
        let click = resp.response.interact_pointer_pos()?;
        let on_screen: Vec<[f64; 2]> = self
            .markers
            .iter()
            .map(|(_, s)| [f64::from(s.x), f64::from(s.y)])
            .collect();
        let reach = f64::from(
            points
                .iter()
                .map(|p| marker_radius(p.fatalities))
                .fold(0.0, f32::max),
        );
        nearest_within(
            &on_screen,
            [f64::from(click.x), f64::from(click.y)],
            reach + CLICK_SLACK,
        )
        .and_then(|i| self.markers.get(i))
        .map(|(id, _)| id.clone())
    }

    /// Where an incident's marker was drawn on screen last frame, if it was (tests click
    /// there; a marker outside the visible part of the map has a position off it).
    pub fn marker_position(&self, incident: &str) -> Option<egui::Pos2> {
        self.markers
            .iter()
            .find(|(id, _)| id == incident)
            .map(|(_, at)| *at)
    }
}

/// Where each country's name is written: the middle of the box of its largest ring (by the
/// box's area), worked out once.
fn country_labels() -> &'static [(String, [f64; 2])] {
    static LABELS: std::sync::OnceLock<Vec<(String, [f64; 2])>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        borders()
            .iter()
            .filter_map(|c| {
                let boxes = c.rings.iter().filter_map(|r| bounding_box(r));
                let biggest = boxes.max_by(|a, b| box_area(a).total_cmp(&box_area(b)))?;
                let mid = [
                    (biggest.min[0] + biggest.max[0]) / 2.0,
                    (biggest.min[1] + biggest.max[1]) / 2.0,
                ];
                Some((c.name.clone(), mid))
            })
            .collect()
    })
}

/// Area of a box in square degrees (only compared, never shown).
fn box_area(b: &GeoBox) -> f64 {
    (b.max[0] - b.min[0]) * (b.max[1] - b.min[1])
}

/// What hovering a marker shows: title, date and deaths, then the same for every other
/// incident at that very place (their markers overlap).
fn hover_text(p: &MapPoint, all: &[MapPoint]) -> String {
    let mut text = one_line(p);
    for other in sharing_place(all, p) {
        text.push('\n');
        text.push_str(&one_line(other));
    }
    text
}

/// An incident as a hover line: title, date, deaths.
fn one_line(p: &MapPoint) -> String {
    let date = p
        .date
        .map_or_else(|| "no date".to_owned(), |d| d.to_string());
    match p.fatalities {
        Some(n) => format!("{} · {date} · {}", p.title, count(n as usize, "death")),
        None => format!("{} · {date}", p.title),
    }
}

/// The line saying how many incidents are shown and how many cannot be.
fn summary_ui(ui: &mut Ui, total: usize, shown: &MapIncidents) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} of {} on the map.",
            shown.points.len(),
            count(total, "incident")
        ));
        let missing = shown.without_coordinates.len();
        if missing > 0 {
            let verb = if missing == 1 { "has" } else { "have" };
            ui.label(
                egui::RichText::new(format!(
                    "{} {verb} no coordinates.",
                    count(missing, "incident")
                ))
                .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(format!(
                "No location, or a location without latitude and longitude: {}",
                shown.without_coordinates.join(", ")
            ));
        }
    });
}

/// The incidents on the map as a list, one clickable row each (what a screen reader or a test
/// finds); the id of a row clicked.
fn list_ui(ui: &mut Ui, cx: &PanelCtx<'_>, points: &[MapPoint]) -> Option<String> {
    let mut clicked = None;
    ui.strong("On the map");
    // Long titles are cut to the list's width rather than widening the window.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    egui::ScrollArea::vertical()
        .id_salt("map-list")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for p in points {
                let date = p.date.map_or_else(String::new, |d| d.to_string());
                let selected = cx.view.selected_incident.as_deref() == Some(p.id.as_str());
                let color = category_color(p.category.as_deref());
                let row = ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                    ui.painter().circle_filled(rect.center(), 5.0, color);
                    ui.selectable_label(selected, format!("{} · {date}", p.title))
                });
                if row.inner.clicked() {
                    clicked = Some(p.id.clone());
                }
            }
            if points.is_empty() {
                ui.weak("No incident with coordinates passes the filters.");
            }
        });
    clicked
}

/// A colour for a type name as the filters name them ([`NO_TYPE`] for none).
pub fn type_color(name: &str) -> Color32 {
    category_color((name != NO_TYPE).then_some(name))
}
