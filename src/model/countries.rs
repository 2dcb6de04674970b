//! Countries as the ACLED and UCDP exports need them: the name ACLED uses, the ISO 3166-1
//! codes, and each dataset's region. The table ships in the build (`assets/countries.tsv`) and
//! is read on first use.
//!
//! A place's country is free text typed by an analyst, so [`country`] finds a row by its name,
//! an alternative name ("Türkiye", "DR Congo"), or its alpha-3 code, without regard to case,
//! accents or surrounding space.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization as _;

/// One country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    /// The name ACLED uses ("Democratic Republic of Congo").
    pub name: &'static str,
    /// ISO 3166-1 alpha-3 ("COD"); ACLED's event ids start with it.
    pub alpha3: &'static str,
    /// ISO 3166-1 numeric (ACLED's `iso`); 0 for Kosovo, which ISO does not list.
    pub numeric: u16,
    /// ACLED's region ("Middle Africa").
    pub acled_region: &'static str,
    /// UCDP GED's region ("Africa").
    pub ucdp_region: &'static str,
}

const TABLE: &str = include_str!("../../assets/countries.tsv");

struct Index {
    rows: Vec<Country>,
    by_key: HashMap<String, usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut rows = Vec::new();
        let mut by_key = HashMap::new();
        let lines = TABLE.lines().filter(|l| !l.starts_with('#')).skip(1);
        for line in lines {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [name, alpha3, numeric, acled_region, ucdp_region, aliases] = cols[..] else {
                continue;
            };
            let Ok(numeric) = numeric.parse::<u16>() else {
                continue;
            };
            let at = rows.len();
            for key in [name, alpha3].into_iter().chain(aliases.split(';')) {
                let key = fold(key);
                if !key.is_empty() {
                    by_key.entry(key).or_insert(at);
                }
            }
            rows.push(Country {
                name,
                alpha3,
                numeric,
                acled_region,
                ucdp_region,
            });
        }
        Index { rows, by_key }
    })
}

/// Lower case, accents taken off (NFD, marks dropped), runs of space made one.
fn fold(s: &str) -> String {
    let plain: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The country a name, alternative name or alpha-3 code stands for.
pub fn country(name: &str) -> Option<&'static Country> {
    let idx = index();
    idx.by_key.get(&fold(name)).and_then(|&i| idx.rows.get(i))
}

/// Every country in the table, in table (alphabetical) order.
pub fn all() -> &'static [Country] {
    &index().rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_codes_find_their_country() {
        let syria = country("Syria").map(|c| (c.alpha3, c.numeric, c.acled_region));
        assert_eq!(syria, Some(("SYR", 760, "Middle East")));
        assert_eq!(
            country("  syrian arab republic ").map(|c| c.name),
            Some("Syria")
        );
        assert_eq!(country("SYR").map(|c| c.name), Some("Syria"));
        assert_eq!(country("Turkiye").map(|c| c.alpha3), Some("TUR"));
        assert_eq!(country("Türkiye").map(|c| c.alpha3), Some("TUR"));
        assert_eq!(
            country("DR Congo").map(|c| (c.numeric, c.ucdp_region)),
            Some((180, "Africa"))
        );
        assert_eq!(country("Atlantis"), None);
        assert_eq!(country(""), None);
    }

    #[test]
    fn the_table_is_whole() {
        let rows = all();
        assert!(rows.len() > 220, "{}", rows.len());
        let mut codes = std::collections::HashSet::new();
        for c in rows {
            assert_eq!(c.alpha3.len(), 3, "{c:?}");
            assert!(codes.insert(c.alpha3), "{} twice", c.alpha3);
            assert!(
                !c.acled_region.is_empty() && !c.ucdp_region.is_empty(),
                "{c:?}"
            );
        }
    }
}
