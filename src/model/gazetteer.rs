//! An offline gazetteer: GeoNames' places of 15,000 people or more, shipped in the build
//! (`assets/gazetteer/gazetteer.tsv`, made by `assets/gazetteer/make_gazetteer.py`; CC BY 4.0,
//! see `assets/gazetteer/LICENSE.md`) and read on first use, so start-up does not pay for it.
//!
//! Names are compared in a folded form ([`fold`]) so the spellings of one Arabic place name in
//! English and French reports meet: "Boukamal", "Abu Kamal", "Al-Bukamal" and "Albu Kamal" all
//! find GeoNames' Abu Kamal. The folded names sit in one sorted list, so a prefix query is two
//! binary searches and a walk over the names that start with it.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization as _;

use super::{Edit, Entity, Project};

/// The shipped table (tab-separated, one place a line, header first).
pub const TABLE: &str = include_str!("../../assets/gazetteer/gazetteer.tsv");

/// The database name of the external ids the gazetteer gives (`GeoNames:174448`).
pub const EXTERNAL_DB: &str = "GeoNames";

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames' id.
    pub geoname_id: u32,
    /// The name GeoNames gives (with its accents: "Ālbū Kamāl").
    pub name: &'static str,
    /// The same name in plain ASCII ("Albu Kamal").
    pub ascii_name: &'static str,
    /// Other names, `;`-separated (Latin and Arabic script only).
    alternates: &'static str,
    /// GeoNames' feature class: `P` for a populated place.
    pub feature_class: &'static str,
    /// GeoNames' feature code (`PPLA2`), see [`Place::feature_type`].
    pub feature_code: &'static str,
    /// ISO 3166-1 alpha-3 of its country ("SYR").
    pub country_code: &'static str,
    /// First-level division ("Deir ez-Zor"); may be empty.
    pub admin1: &'static str,
    /// Second-level division; often empty.
    pub admin2: &'static str,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population as GeoNames has it; 0 when unknown.
    pub population: u64,
}

impl Place {
    /// Its other names.
    pub fn alternates(&self) -> impl Iterator<Item = &'static str> {
        self.alternates.split(';').filter(|s| !s.is_empty())
    }

    /// The country as Sitrep's country table names it ("Syria"), else the code.
    pub fn country(&self) -> &'static str {
        super::countries::country(self.country_code).map_or(self.country_code, |c| c.name)
    }

    /// The feature code in words ("seat of a second-order division").
    pub fn feature_type(&self) -> &'static str {
        match self.feature_code {
            "PPLC" => "capital",
            "PPLA" => "seat of a first-order division",
            "PPLA2" => "seat of a second-order division",
            "PPLA3" | "PPLA4" | "PPLA5" => "seat of a lower division",
            "PPLG" => "seat of government",
            "PPLX" => "section of a populated place",
            "PPLL" => "locality",
            "PPL" => "populated place",
            other => other,
        }
    }

    /// The external id the place gives an entity (`GeoNames:174448`).
    pub fn external_id(&self) -> String {
        format!("{EXTERNAL_DB}:{}", self.geoname_id)
    }
}

/// How a place matched a query; the order is the ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The query is the place's name (folded).
    Name,
    /// The query is one of its other names (folded).
    Alternate,
    /// A name starts with the query.
    Prefix,
}

/// One place found, with how it matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate<'a> {
    /// The place.
    pub place: &'a Place,
    /// How it matched.
    pub matched: Match,
}

/// One folded name: where it is in [`Gazetteer::keys`], whose it is, and of which kind.
#[derive(Clone, Copy, Debug)]
struct Key {
    start: u32,
    len: u32,
    place: u32,
    alternate: bool,
}

/// The places and the sorted index of their folded names.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Every folded name, one after the other; [`Key`]s point into it (one string rather than
    /// a string per name keeps loading to one allocation for some 300,000 names).
    keys: String,
    index: Vec<Key>,
    by_id: HashMap<u32, u32>,
}

/// The shared gazetteer, read from [`TABLE`] the first time it is asked for.
pub fn shared() -> &'static Gazetteer {
    static SHARED: OnceLock<Gazetteer> = OnceLock::new();
    SHARED.get_or_init(|| Gazetteer::parse(TABLE))
}

/// The places matching `query` in the shared gazetteer, best first (see [`Gazetteer::search`]).
pub fn search(query: &str, country: Option<&str>, limit: usize) -> Vec<Candidate<'static>> {
    shared().search(query, country, limit)
}

/// The shared gazetteer's place with this GeoNames id.
pub fn place(geoname_id: u32) -> Option<&'static Place> {
    shared().place(geoname_id)
}

fn parse_row(line: &'static str) -> Option<Place> {
    let cols: Vec<&'static str> = line.split('\t').collect();
    let [
        id,
        name,
        ascii_name,
        alternates,
        feature_class,
        feature_code,
        country_code,
        admin1,
        admin2,
        lat,
        lon,
        population,
    ] = cols[..]
    else {
        return None;
    };
    Some(Place {
        geoname_id: id.parse().ok()?,
        name,
        ascii_name,
        alternates,
        feature_class,
        feature_code,
        country_code,
        admin1,
        admin2,
        lat: lat.parse().ok()?,
        lon: lon.parse().ok()?,
        population: population.parse().unwrap_or(0),
    })
}

impl Gazetteer {
    /// Read a table in the shipped layout (a header line, then one place a line; lines
    /// starting with `#` and malformed lines are skipped) and index its names.
    pub fn parse(table: &'static str) -> Self {
        let places: Vec<Place> = table
            .lines()
            .skip(1)
            .filter(|l| !l.starts_with('#'))
            .filter_map(parse_row)
            .collect();
        let mut keys = String::with_capacity(table.len() / 2);
        let mut index = Vec::with_capacity(places.len() * 8);
        let mut by_id = HashMap::with_capacity(places.len());
        let mut mine: Vec<(String, bool)> = Vec::new();
        for (at, p) in (0u32..).zip(&places) {
            by_id.insert(p.geoname_id, at);
            mine.clear();
            let names = [(p.name, false), (p.ascii_name, false)]
                .into_iter()
                .chain(p.alternates().map(|a| (a, true)));
            for (name, alternate) in names {
                let key = fold(name);
                // A name folds like another of the same place often ("Ālbū Kamāl", "Albu
                // Kamal"): one key each, the name's kind winning as it comes first.
                if key.is_empty() || mine.iter().any(|(k, _)| *k == key) {
                    continue;
                }
                mine.push((key, alternate));
            }
            for (key, alternate) in &mine {
                let (Ok(start), Ok(len)) = (u32::try_from(keys.len()), u32::try_from(key.len()))
                else {
                    continue;
                };
                keys.push_str(key);
                index.push(Key {
                    start,
                    len,
                    place: at,
                    alternate: *alternate,
                });
            }
        }
        let text = keys.as_str();
        index.sort_unstable_by(|a, b| key_text(text, a).cmp(key_text(text, b)));
        Self {
            places,
            keys,
            index,
            by_id,
        }
    }

    /// How many places it holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when it holds no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place with this GeoNames id.
    pub fn place(&self, geoname_id: u32) -> Option<&Place> {
        let at = *self.by_id.get(&geoname_id)?;
        self.places.get(at as usize)
    }

    /// The places whose folded name or other name equals or starts with the folded `query`,
    /// at most `limit`, ranked: exact name, then exact other name, then prefix; within each,
    /// populated places (class P) first, then those in `country` (a name, alternative name or
    /// alpha-3 code the country table knows, e.g. the article's or entity's country), then by
    /// population, largest first.
    pub fn search(&self, query: &str, country: Option<&str>, limit: usize) -> Vec<Candidate<'_>> {
        let q = fold_query(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let text = self.keys.as_str();
        let from = self
            .index
            .partition_point(|k| key_text(text, k) < q.as_str());
        let mut best: HashMap<u32, Match> = HashMap::new();
        for k in self.index.get(from..).unwrap_or_default() {
            let key = key_text(text, k);
            if !key.starts_with(q.as_str()) {
                break;
            }
            let matched = match (key.len() == q.len(), k.alternate) {
                (true, false) => Match::Name,
                (true, true) => Match::Alternate,
                (false, _) => Match::Prefix,
            };
            best.entry(k.place)
                .and_modify(|m| *m = (*m).min(matched))
                .or_insert(matched);
        }
        let wanted = country
            .and_then(super::countries::country)
            .map(|c| c.alpha3);
        let mut found: Vec<Candidate<'_>> = best
            .into_iter()
            .filter_map(|(at, matched)| {
                let place = self.places.get(at as usize)?;
                Some(Candidate { place, matched })
            })
            .collect();
        found.sort_by(|a, b| {
            let rank = |c: &Candidate<'_>| {
                (
                    c.matched,
                    c.place.feature_class != "P",
                    wanted.is_some_and(|w| w != c.place.country_code),
                    std::cmp::Reverse(c.place.population),
                )
            };
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.place.geoname_id.cmp(&b.place.geoname_id))
        });
        found.truncate(limit);
        found
    }
}

fn key_text<'a>(text: &'a str, k: &Key) -> &'a str {
    let (start, len) = (k.start as usize, k.len as usize);
    text.get(start..start + len).unwrap_or_default()
}

/// The Arabic article in its Latin spellings, sun letters assimilated ("ar-Raqqah", "as
/// Suwayda", "el-Arish", "Deir ez-Zor", "Tell us-Sultan"): dropped as a word of its own that
/// another word follows.
const ARTICLES: [&str; 21] = [
    "al", "el", "ul", "ad", "ed", "adh", "an", "en", "ar", "er", "ur", "as", "es", "ash", "esh",
    "at", "et", "ath", "az", "ez", "uz",
];

/// A name as the gazetteer compares it. The rule, in order:
///
/// 1. accents off (NFD, marks dropped) and lower case; `ı ø đ ł ß æ œ` spelt out in ASCII;
/// 2. split into words at anything not a letter or digit (space, hyphen, apostrophe, `ʿ`, `ʾ`);
/// 3. a word that is the Arabic article (`al`, `el`, `ul`, or an assimilated form such as
///    `ar`, `as`, `ash`, `ez`, `uz`: the list in the source) is dropped when another word follows
///    it, wherever it stands ("Al-Bukamal" = "Bukamal", "Deir el-Zour" = "Deir al-Zour");
/// 4. in each word, `ou` becomes `u` (French transcriptions: "Boukamal"), and a final `h`
///    after `a` or `e` goes ("Raqqah" = "Raqqa");
/// 5. the words are joined with nothing between them and doubled letters made single
///    ("Raqqa" = "Raqa", "Abu-Kamal" = "Abu Kamal" = "Abukamal").
///
/// So "Boukamal", "Al-Bukamal" and "Bukamal" are all `bukamal`; "Abu Kamal" is `abukamal`.
/// A prefix typed half way through an `ou` ("Bo") does not reach the `u` forms, nor one
/// typed half way through an article ("Deir e").
pub fn fold(s: &str) -> String {
    fold_words(s, false)
}

/// [`fold`] for a query being typed: an article typed last ("Deir ez") is dropped too, as the
/// name it opens is yet to come.
fn fold_query(s: &str) -> String {
    fold_words(s, true)
}

fn fold_words(s: &str, drop_last_article: bool) -> String {
    let mut plain = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ı' => plain.push('i'),
            'ø' | 'Ø' => plain.push('o'),
            'đ' | 'Đ' => plain.push('d'),
            'ł' | 'Ł' => plain.push('l'),
            'ß' => plain.push_str("ss"),
            'æ' | 'Æ' => plain.push_str("ae"),
            'œ' | 'Œ' => plain.push_str("oe"),
            c if c.is_alphanumeric() => plain.extend(c.to_lowercase()),
            _ => plain.push(' '),
        }
    }
    let all: Vec<&str> = plain.split_whitespace().collect();
    let last = all.len().saturating_sub(1);
    let words = all.iter().enumerate().filter(|&(i, w)| {
        let followed = i < last || (drop_last_article && last > 0);
        !(followed && ARTICLES.contains(w))
    });
    let mut joined = String::with_capacity(plain.len());
    for (_, word) in words {
        let word = word.replace("ou", "u");
        let word = match word.strip_suffix('h') {
            Some(stem) if stem.len() > 1 && (stem.ends_with('a') || stem.ends_with('e')) => stem,
            _ => &word,
        };
        joined.push_str(word);
    }
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The entity with a place's coordinates, divisions, country and GeoNames id filled in (a
/// GeoNames id it had before is replaced: a place has one). Name, aliases, precision and the
/// rest stay as the analyst set them.
pub fn fill_entity(entity: &Entity, place: &Place) -> Entity {
    let mut filled = entity.clone();
    filled.lat = Some(place.lat);
    filled.lon = Some(place.lon);
    place.admin1.clone_into(&mut filled.admin1);
    place.admin2.clone_into(&mut filled.admin2);
    place.country().clone_into(&mut filled.country);
    filled.external_ids.retain(|x| {
        super::parse_external_id(x).is_none_or(|(db, _)| !db.eq_ignore_ascii_case(EXTERNAL_DB))
    });
    filled.external_ids.push(place.external_id());
    filled
}

/// The edit that fills entity `id` from the place with this GeoNames id (see
/// [`fill_entity`]): one [`Edit::UpdateEntity`], so one undo step.
///
/// # Errors
/// When there is no such entity or no such place in the shipped gazetteer.
pub fn fill_edit(project: &Project, id: &str, geoname_id: u32) -> Result<Edit, String> {
    let entity = project
        .entity(id)
        .ok_or_else(|| format!("no entity {id}"))?;
    let place = place(geoname_id).ok_or_else(|| format!("no place GeoNames:{geoname_id}"))?;
    Ok(Edit::UpdateEntity(fill_entity(entity, place)))
}

/// The country a search for entity `id` prefers: its own when set, else the one most often
/// set on the other places mentioned in the same articles (the article's country, as far as
/// the project knows it).
pub fn context_country(project: &Project, id: &str) -> Option<String> {
    let entity = project.entity(id)?;
    if !entity.country.trim().is_empty() {
        return Some(entity.country.clone());
    }
    let articles: std::collections::HashSet<&str> = project
        .annotations
        .iter()
        .filter(|a| a.entity.as_deref() == Some(id))
        .map(|a| a.article.as_str())
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for a in &project.annotations {
        let Some(other) = a.entity.as_deref() else {
            continue;
        };
        if other == id || !articles.contains(a.article.as_str()) || !seen.insert(other) {
            continue;
        }
        if let Some(e) = project.entity(other)
            && !e.country.trim().is_empty()
        {
            *counts.entry(e.country.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(c, _)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ABU_KAMAL: u32 = 174_448;

    #[test]
    fn folding_meets_the_spellings_of_one_name() {
        assert_eq!(fold("Boukamal"), "bukamal");
        assert_eq!(fold("Al-Bukamal"), "bukamal");
        assert_eq!(fold("al Bukamal"), "bukamal");
        assert_eq!(fold("Abu Kamal"), fold("Abu-Kamal"));
        assert_eq!(fold("Abū Kamāl"), "abukamal");
        assert_eq!(fold("Ar-Raqqah"), fold("Raqqa"));
        assert_eq!(fold("Dayr az Zawr"), "dayrzawr");
        assert_eq!(fold("Deir el-Zour"), fold("Deir al-Zour"));
        assert_eq!(fold_query("Deir ez"), "deir");
        assert_eq!(fold("Deir ez"), "deirez");
        // A name that is only the article stays a name.
        assert_eq!(fold("Al"), "al");
        assert_eq!(fold("  "), "");
        assert_eq!(fold("Ḩalab"), "halab");
    }

    #[test]
    fn every_spelling_of_abu_kamal_finds_it_first() {
        for spelling in [
            "Boukamal",
            "Abu Kamal",
            "Al-Bukamal",
            "Albu Kamal",
            "abou kemal",
            "ABU-KAMAL",
            "Ālbū Kamāl",
        ] {
            let found = search(spelling, None, 5);
            let first = found.first().map(|c| c.place.geoname_id);
            assert_eq!(first, Some(ABU_KAMAL), "{spelling}: {found:?}");
        }
        let found = search("Boukamal", None, 1);
        let p = found.first().map(|c| c.place);
        assert_eq!(p.map(Place::country), Some("Syria"));
        assert_eq!(p.map(|p| p.admin1), Some("Deir ez-Zor"));
    }

    #[test]
    fn other_places_of_the_region_under_their_spellings() {
        for (spelling, id) in [
            ("Deir ez-Zor", 170_794),
            ("Dayr az-Zawr", 170_794),
            ("Deir el-Zour", 170_794),
            ("Raqqa", 172_955),
            ("Ar-Raqqah", 172_955),
            ("al-Raqqa", 172_955),
            ("Qa'im", 92_138),
            ("Al-Qā’im", 92_138),
            ("Mossoul", 99_072),
            ("الرقة", 172_955),
        ] {
            let found = search(spelling, None, 3);
            let first = found.first().map(|c| c.place.geoname_id);
            assert_eq!(first, Some(id), "{spelling}: {found:?}");
        }
    }

    #[test]
    fn exact_names_come_before_prefixes() {
        let found = search("Aleppo", None, 10);
        assert_eq!(found.first().map(|c| c.place.country_code), Some("SYR"));
        assert_eq!(found.first().map(|c| c.matched), Some(Match::Name));
        // "Alepp" folds to "alep", Aleppo's French name, so it is found half typed.
        let prefixed = search("Alepp", None, 10);
        assert_eq!(prefixed.first().map(|c| c.place.geoname_id), Some(170_063));
        // Every exact match comes before every prefix match, whatever the population.
        let tri = search("Tri", None, 50);
        let kinds: Vec<Match> = tri.iter().map(|c| c.matched).collect();
        assert!(kinds.is_sorted(), "{kinds:?}");
        assert!(kinds.contains(&Match::Prefix), "{kinds:?}");
        assert!(search("", None, 10).is_empty());
        assert!(search("Aleppo", None, 0).is_empty());
        assert!(search("Qqqqxxzz", None, 10).is_empty());
    }

    #[test]
    fn a_preferred_country_reorders_an_ambiguous_name() {
        let libya = search("Tripoli", None, 5);
        assert_eq!(libya.first().map(|c| c.place.country_code), Some("LBY"));
        let lebanon = search("Tripoli", Some("Lebanon"), 5);
        assert_eq!(lebanon.first().map(|c| c.place.country_code), Some("LBN"));
        // The country is whatever the country table reads: a code does as well.
        let by_code = search("Tripoli", Some("LBN"), 5);
        assert_eq!(by_code.first(), lebanon.first());
        // A country no place of that name is in leaves the order alone.
        let elsewhere = search("Tripoli", Some("Iceland"), 5);
        assert_eq!(elsewhere.first(), libya.first());
    }

    #[test]
    fn filling_an_entity_replaces_its_geonames_id_only() {
        let Some(p) = place(ABU_KAMAL) else {
            panic!("Abu Kamal is in the table");
        };
        let mut e = Entity::new("ent-1", "location", "Boukamal");
        e.external_ids = vec!["GeoNames:1".into(), "Wikidata:Q1".into()];
        e.geo_precision = Some(2);
        let filled = fill_entity(&e, p);
        assert_eq!(filled.lat, Some(34.45226));
        assert_eq!(filled.lon, Some(40.91854));
        assert_eq!(filled.country, "Syria");
        assert_eq!(filled.admin1, "Deir ez-Zor");
        assert_eq!(filled.external_ids, ["Wikidata:Q1", "GeoNames:174448"]);
        assert_eq!(
            (filled.name.as_str(), filled.geo_precision),
            ("Boukamal", Some(2))
        );
    }

    #[test]
    fn the_table_reads_whole() {
        let g = shared();
        assert!(g.len() > 30_000, "{}", g.len());
        assert_eq!(g.place(ABU_KAMAL).map(|p| p.feature_class), Some("P"));
        let small = Gazetteer::parse("header\n1\tA\tA\t\tP\tPPL\tSYR\t\t\t1\t2\t0\nbad\tline\n");
        assert_eq!(small.len(), 1);
        assert_eq!(small.search("a", None, 3).len(), 1);
    }
}
