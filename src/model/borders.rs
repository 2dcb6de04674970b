//! Country borders for the incident map: Natural Earth's 1:110m admin-0 countries (public
//! domain), reduced by `assets/borders/make_borders.py` to rings of lon/lat. The file ships in
//! the build and is parsed only when [`borders`] is first called (the map's first frame), so
//! start-up does not pay for it.

use std::sync::OnceLock;

/// The shipped borders file (see `assets/borders/NOTE.md`).
const BORDERS: &str = include_str!("../../assets/borders/countries_110m.txt");

/// One country's outline.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-3 code, or Natural Earth's code where ISO has none.
    pub iso: String,
    /// Its name as Natural Earth spells it.
    pub name: String,
    /// Its rings (outer outlines and holes alike), each a closed list of `[lon, lat]`.
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// Every country of the shipped file, parsed once.
pub fn borders() -> &'static [CountryShape] {
    static SHAPES: OnceLock<Vec<CountryShape>> = OnceLock::new();
    SHAPES.get_or_init(|| parse_borders(BORDERS))
}

/// Read the borders text: `C<TAB>iso<TAB>name` starts a country, each following line is one
/// ring of `lon lat` pairs; `#` lines are comments. A ring line before any country, a ring with
/// an odd count or a number that does not parse is skipped rather than failing the map: the
/// file is ours and tested, so a bad line means a bad edit of it, not the analyst's data.
pub fn parse_borders(text: &str) -> Vec<CountryShape> {
    let mut shapes: Vec<CountryShape> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("C\t") {
            let (iso, name) = rest.split_once('\t').unwrap_or((rest, ""));
            shapes.push(CountryShape {
                iso: iso.to_owned(),
                name: name.to_owned(),
                rings: Vec::new(),
            });
            continue;
        }
        let Some(shape) = shapes.last_mut() else {
            continue;
        };
        if let Some(ring) = parse_ring(line) {
            shape.rings.push(ring);
        }
    }
    shapes
}

/// One ring line: `lon lat lon lat …`; `None` unless it is whole pairs of numbers, three or more.
fn parse_ring(line: &str) -> Option<Vec<[f64; 2]>> {
    let numbers: Vec<f64> = line
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    if !numbers.len().is_multiple_of(2) || numbers.len() < 6 {
        return None;
    }
    Some(numbers.chunks_exact(2).map(|p| [p[0], p[1]]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_borders_parse_whole() {
        let shapes = borders();
        assert_eq!(shapes.len(), 177, "Natural Earth 1:110m has 177 countries");
        let ring_lines = BORDERS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("C\t"))
            .count();
        let rings: usize = shapes.iter().map(|s| s.rings.len()).sum();
        assert_eq!(rings, ring_lines, "no ring line was skipped");
        for s in shapes {
            assert!(!s.rings.is_empty(), "{} has an outline", s.name);
            for ring in &s.rings {
                for [lon, lat] in ring {
                    assert!((-180.0..=180.0).contains(lon), "{}: lon {lon}", s.name);
                    assert!((-90.0..=90.0).contains(lat), "{}: lat {lat}", s.name);
                }
            }
        }
    }

    #[test]
    fn the_sample_region_is_there_with_codes() {
        let iraq = borders().iter().find(|s| s.iso == "IRQ").expect("Iraq");
        assert_eq!(iraq.name, "Iraq");
        // Husaybah (34.4 N, 41.0 E) lies inside Iraq's outline's box.
        let lons = iraq.rings[0].iter().map(|p| p[0]);
        let (lo, hi) = lons.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
        assert!(lo < 41.0 && 41.0 < hi);
        assert!(
            borders().iter().any(|s| s.iso == "FRA"),
            "France by fallback code"
        );
        assert!(BORDERS.len() < 2_000_000, "the file stays small");
    }

    #[test]
    fn bad_lines_are_skipped_not_fatal() {
        let text = "# c\n0 0 1 1 2 2\nC\tAAA\tA\n0 0 1 0 1 1\n0 0 1\nx y 1 1 2 2\nC\tBBB\n5 5 6 5 6 6 5 5\n";
        let shapes = parse_borders(text);
        assert_eq!(shapes.len(), 2);
        assert_eq!(
            shapes[0].rings,
            vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]]
        );
        assert_eq!(shapes[1].name, "");
        assert_eq!(shapes[1].rings[0].len(), 4);
    }
}
