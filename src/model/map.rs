//! What the incident map shows, without a window: where an incident is (the same place the
//! GeoJSON export reads), which incidents pass the date and event-type filters, the
//! equirectangular projection, the view that fits them and the size of a marker.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Incident, Project};

/// The name the filters and legends give incidents without an event type.
pub const NO_TYPE: &str = "(no type)";

/// A range of days, either end open. One value of it lives in the view state and both the
/// timeline and the map filter by it, so narrowing one narrows the other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    /// First day shown, if bounded.
    pub from: Option<NaiveDate>,
    /// Last day shown, if bounded.
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// True when neither end is set: everything passes, undated incidents too.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Whether an incident from `date` to `end` (one day when `end` is none) overlaps the
    /// range. An undated incident passes only an open range: a bound says "these days" and it
    /// has none.
    pub fn admits(&self, date: Option<NaiveDate>, end: Option<NaiveDate>) -> bool {
        let Some(first) = date else {
            return self.is_open();
        };
        let last = end.map_or(first, |e| e.max(first));
        self.from.is_none_or(|f| last >= f) && self.to.is_none_or(|t| first <= t)
    }

    /// Whether an incident passes, by its dates.
    pub fn admits_incident(&self, inc: &Incident) -> bool {
        self.admits(inc.date, inc.date_end)
    }
}

/// Where an incident happened, as `[lon, lat]`: its location entity's coordinates when the
/// incident has a location and that entity has both. The map and the GeoJSON export both ask
/// here, so a point drawn is the point exported.
pub fn incident_lon_lat(project: &Project, inc: &Incident) -> Option<[f64; 2]> {
    let place = project.entity(inc.location.as_deref()?)?;
    let (lat, lon) = (place.lat?, place.lon?);
    (lat.is_finite() && lon.is_finite()).then_some([lon, lat])
}

/// The event-type name an incident is filtered and coloured by: its category, or [`NO_TYPE`].
pub fn type_key(inc: &Incident) -> &str {
    inc.category().unwrap_or(NO_TYPE)
}

/// One incident on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    /// The incident's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its first day, if known.
    pub date: Option<NaiveDate>,
    /// Its event category, if any.
    pub category: Option<String>,
    /// Where it was, `[lon, lat]`.
    pub lon_lat: [f64; 2],
    /// Its best estimate of deaths, if known.
    pub fatalities: Option<u32>,
}

/// The incidents the map shows under its filters, and those it cannot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapIncidents {
    /// Incidents that pass the filters and have a place with coordinates.
    pub points: Vec<MapPoint>,
    /// Ids of incidents that pass the filters but have no place or a place without
    /// coordinates.
    pub without_coordinates: Vec<String>,
    /// How many incidents the date and type filters leave out.
    pub filtered_out: usize,
}

/// The incidents within `dates` whose type is not in `hidden_types` (names as [`type_key`]
/// gives them), split into those with coordinates and those without.
pub fn map_incidents(
    project: &Project,
    dates: &DateRange,
    hidden_types: &BTreeSet<String>,
) -> MapIncidents {
    let mut out = MapIncidents::default();
    for inc in &project.incidents {
        if !dates.admits_incident(inc) || hidden_types.contains(type_key(inc)) {
            out.filtered_out += 1;
            continue;
        }
        match incident_lon_lat(project, inc) {
            Some(lon_lat) => out.points.push(MapPoint {
                id: inc.id.clone(),
                title: inc.title.clone(),
                date: inc.date,
                category: inc.category().map(str::to_owned),
                lon_lat,
                fatalities: inc.fatalities.best,
            }),
            None => out.without_coordinates.push(inc.id.clone()),
        }
    }
    out
}

/// The other incidents drawn at exactly the same place as `point` (several reports of one
/// town): their markers lie on top of each other, so hovering one names them all.
pub fn sharing_place<'a>(points: &'a [MapPoint], point: &MapPoint) -> Vec<&'a MapPoint> {
    points
        .iter()
        .filter(|q| q.id != point.id && q.lon_lat == point.lon_lat)
        .collect()
}

/// Indices of `points` in the order to draw them: largest marker first, so a smaller one at
/// the same place is drawn over it and stays visible.
pub fn draw_order(points: &[MapPoint]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|a, b| {
        marker_radius(points[*b].fatalities).total_cmp(&marker_radius(points[*a].fatalities))
    });
    order
}

/// Places with coordinates that no incident has as its location: `(id, name, [lon, lat])`.
pub fn places_without_incident(project: &Project) -> Vec<(String, String, [f64; 2])> {
    let used: BTreeSet<&str> = project
        .incidents
        .iter()
        .filter_map(|i| i.location.as_deref())
        .collect();
    project
        .entities
        .iter()
        .filter(|e| !used.contains(e.id.as_str()))
        .filter_map(|e| {
            let (lat, lon) = (e.lat?, e.lon?);
            (lat.is_finite() && lon.is_finite()).then(|| (e.id.clone(), e.name.clone(), [lon, lat]))
        })
        .collect()
}

/// Equirectangular projection with a standard parallel: x is longitude times the cosine of
/// that latitude, y is latitude, so shapes near the parallel keep their proportions when both
/// axes are drawn at the same scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// Cosine of the standard parallel, never below that of 70 degrees.
    pub x_scale: f64,
}

impl Projection {
    /// The projection true at latitude `lat` (clamped to ±70 degrees, where the stretch is
    /// already threefold).
    pub fn at_latitude(lat: f64) -> Self {
        Self {
            x_scale: lat.clamp(-70.0, 70.0).to_radians().cos(),
        }
    }

    /// `[lon, lat]` to plot coordinates.
    pub fn forward(&self, [lon, lat]: [f64; 2]) -> [f64; 2] {
        [lon * self.x_scale, lat]
    }

    /// Plot coordinates back to `[lon, lat]`.
    pub fn inverse(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [x / self.x_scale, y]
    }
}

/// A box of lon/lat: `min` and `max` corners.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBox {
    /// South-west corner, `[lon, lat]`.
    pub min: [f64; 2],
    /// North-east corner, `[lon, lat]`.
    pub max: [f64; 2],
}

impl GeoBox {
    /// The whole world.
    pub const WORLD: GeoBox = GeoBox {
        min: [-180.0, -85.0],
        max: [180.0, 85.0],
    };

    /// Its middle latitude: the standard parallel for a map of it.
    pub fn mid_lat(&self) -> f64 {
        (self.min[1] + self.max[1]) / 2.0
    }
}

/// The smallest box holding every point; `None` for no points.
pub fn bounding_box(points: &[[f64; 2]]) -> Option<GeoBox> {
    let first = *points.first()?;
    Some(points.iter().fold(
        GeoBox {
            min: first,
            max: first,
        },
        |b, [lon, lat]| GeoBox {
            min: [b.min[0].min(*lon), b.min[1].min(*lat)],
            max: [b.max[0].max(*lon), b.max[1].max(*lat)],
        },
    ))
}

/// The view that shows every point with a margin: their bounding box widened by a quarter on
/// each side and to at least two degrees across, so one incident or a cluster in one town is
/// shown with its surroundings; the whole world when there are no points.
pub fn fit(points: &[[f64; 2]]) -> GeoBox {
    let Some(GeoBox { mut min, mut max }) = bounding_box(points) else {
        return GeoBox::WORLD;
    };
    for k in 0..2 {
        let span = (max[k] - min[k]).max(2.0);
        let mid = (max[k] + min[k]) / 2.0;
        let half = span * 0.75;
        min[k] = mid - half;
        max[k] = mid + half;
    }
    GeoBox {
        min: [min[0].max(-180.0), min[1].max(-90.0)],
        max: [max[0].min(180.0), max[1].min(90.0)],
    }
}

/// Radius in points of an incident's marker: 4 for none or unknown deaths, growing with the
/// square root of the best estimate (so area follows deaths) up to 18.
pub fn marker_radius(fatalities: Option<u32>) -> f32 {
    let deaths = fatalities.unwrap_or(0) as f32;
    (4.0 + 1.5 * deaths.sqrt()).min(18.0)
}

/// The point nearest `click` (both in screen units) if within `reach` of it: its index, the
/// first of points equally near (markers at one place), so callers list the top-most first.
pub fn nearest_within(points: &[[f64; 2]], click: [f64; 2], reach: f64) -> Option<usize> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, (p[0] - click[0]).hypot(p[1] - click[1])))
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entity;

    fn day(s: &str) -> Option<NaiveDate> {
        s.parse().ok()
    }

    fn project() -> Project {
        let mut p = Project::new("map");
        let mut town = Entity::new("ent-1", "location", "Husaybah");
        town.lat = Some(34.4);
        town.lon = Some(41.0);
        let unplaced = Entity::new("ent-2", "location", "Somewhere");
        let mut idle = Entity::new("ent-3", "location", "Sarmada");
        idle.lat = Some(36.18);
        idle.lon = Some(36.72);
        p.entities.extend([town, unplaced, idle]);
        for (id, date, loc, ty) in [
            ("inc-1", "2024-03-09", Some("ent-1"), "Air/drone strike"),
            ("inc-2", "2024-02-05", Some("ent-1"), "Armed clash"),
            ("inc-3", "2024-03-01", Some("ent-2"), "Armed clash"),
            ("inc-4", "2024-03-02", None, ""),
        ] {
            let mut inc = Incident::new(id, format!("Incident {id}"));
            inc.date = day(date);
            inc.location = loc.map(str::to_owned);
            inc.set_event_type(ty);
            p.incidents.push(inc);
        }
        p
    }

    #[test]
    fn date_ranges_overlap_by_days_and_undated_pass_only_when_open() {
        let march = DateRange {
            from: day("2024-03-01"),
            to: day("2024-03-31"),
        };
        assert!(march.admits(day("2024-03-01"), None));
        assert!(march.admits(day("2024-03-31"), None));
        assert!(!march.admits(day("2024-02-29"), None));
        assert!(
            march.admits(day("2024-02-20"), day("2024-03-02")),
            "a span reaching into the range"
        );
        assert!(!march.admits(None, None));
        assert!(DateRange::default().admits(None, None));
        let from_only = DateRange {
            from: day("2024-03-05"),
            to: None,
        };
        assert!(from_only.admits(day("2030-01-01"), None));
        assert!(!from_only.admits(day("2024-03-04"), None));
    }

    #[test]
    fn incidents_split_into_points_and_those_without_coordinates() {
        let p = project();
        let all = map_incidents(&p, &DateRange::default(), &BTreeSet::new());
        let ids: Vec<&str> = all.points.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["inc-1", "inc-2"]);
        assert_eq!(all.points[0].lon_lat, [41.0, 34.4]);
        assert_eq!(
            all.points[0].category.as_deref(),
            Some("Explosions/Remote violence")
        );
        assert_eq!(all.without_coordinates, ["inc-3", "inc-4"]);
        assert_eq!(all.filtered_out, 0);

        let march = DateRange {
            from: day("2024-03-01"),
            to: None,
        };
        let hidden: BTreeSet<String> = [NO_TYPE.to_owned()].into();
        let some = map_incidents(&p, &march, &hidden);
        let ids: Vec<&str> = some.points.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["inc-1"]);
        assert_eq!(some.without_coordinates, ["inc-3"]);
        assert_eq!(some.filtered_out, 2, "inc-2 by date, inc-4 by type");

        let battles: BTreeSet<String> = ["Battles".to_owned()].into();
        let no_battles = map_incidents(&p, &DateRange::default(), &battles);
        assert_eq!(no_battles.points.len(), 1);
    }

    #[test]
    fn incidents_at_one_place_know_each_other_and_small_markers_are_drawn_last() {
        let p = project();
        let mut all = map_incidents(&p, &DateRange::default(), &BTreeSet::new()).points;
        all[0].fatalities = Some(1);
        all[1].fatalities = Some(20);
        let others = sharing_place(&all, &all[0]);
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].id, "inc-2");
        assert_eq!(draw_order(&all), [1, 0], "the larger marker first");
    }

    #[test]
    fn places_without_incident_are_those_unused_with_coordinates() {
        let places = places_without_incident(&project());
        assert_eq!(
            places,
            vec![("ent-3".into(), "Sarmada".into(), [36.72, 36.18])]
        );
    }

    #[test]
    fn the_projection_round_trips_and_shrinks_longitude_away_from_the_equator() {
        let at_equator = Projection::at_latitude(0.0);
        assert_eq!(at_equator.forward([40.0, 30.0]), [40.0, 30.0]);
        let at_60 = Projection::at_latitude(60.0);
        let [x, y] = at_60.forward([40.0, 30.0]);
        assert!((x - 20.0).abs() < 1e-9 && y == 30.0);
        let back = at_60.inverse([x, y]);
        assert!((back[0] - 40.0).abs() < 1e-9 && (back[1] - 30.0).abs() < 1e-9);
        assert_eq!(Projection::at_latitude(89.0), Projection::at_latitude(70.0));
    }

    #[test]
    fn the_fit_holds_every_point_with_a_margin() {
        assert_eq!(fit(&[]), GeoBox::WORLD);
        let one = fit(&[[41.0, 34.4]]);
        assert!(
            (one.max[0] - one.min[0] - 3.0).abs() < 1e-9,
            "two degrees and a margin"
        );
        assert!(one.min[1] < 34.4 && 34.4 < one.max[1]);
        let pts = [[36.72, 36.18], [41.09, 34.37], [38.62, 33.5]];
        let b = fit(&pts);
        for [lon, lat] in pts {
            assert!(b.min[0] < lon && lon < b.max[0] && b.min[1] < lat && lat < b.max[1]);
        }
        let wide = fit(&[[-179.0, -89.0], [179.0, 89.0]]);
        assert_eq!(wide.min, [-180.0, -90.0], "clamped to the globe");
    }

    #[test]
    fn the_bounding_box_holds_its_points_exactly() {
        assert_eq!(bounding_box(&[]), None);
        let b = bounding_box(&[[3.0, -1.0], [1.0, 2.0], [2.0, 0.0]]);
        assert_eq!(
            b,
            Some(GeoBox {
                min: [1.0, -1.0],
                max: [3.0, 2.0]
            })
        );
    }

    #[test]
    fn markers_grow_with_deaths_within_bounds() {
        assert_eq!(marker_radius(None), 4.0);
        assert_eq!(marker_radius(Some(0)), 4.0);
        assert!(marker_radius(Some(6)) > marker_radius(Some(2)));
        assert_eq!(marker_radius(Some(100_000)), 18.0);
    }

    #[test]
    fn a_click_takes_the_nearest_point_within_reach() {
        let pts = [[10.0, 10.0], [30.0, 10.0], [12.0, 11.0]];
        assert_eq!(nearest_within(&pts, [11.5, 11.0], 8.0), Some(2));
        assert_eq!(nearest_within(&pts, [29.0, 12.0], 8.0), Some(1));
        assert_eq!(nearest_within(&pts, [20.0, 30.0], 8.0), None);
        assert_eq!(nearest_within(&[], [0.0, 0.0], 8.0), None);
        let stacked = [[5.0, 5.0], [5.0, 5.0]];
        assert_eq!(
            nearest_within(&stacked, [6.0, 5.0], 8.0),
            Some(0),
            "the first of a tie"
        );
    }
}
