//! `search/meta.json`: how the other index files are encoded and scored, the directory of the
//! other files (first key of every term chunk, the typo vocabulary files, the fragment group
//! size and the whole-text group size, 0 without them, and the pages of a rest file's piece),
//! on a small site each page's length (a large site's are in its postings, `index::tiers`),
//! and the filters' data (`facets_part`): inline on a small site; on a large one in files of
//! `FACET_GROUP` pages each (`search/f/NNN.json`), which the client reads only for the pages
//! of a result once the visitor opens the filters or chooses one. A query needs none of it (a
//! result's report line is in its fragment), and no file of it grows with the site: a part
//! names only its own pages' areas.

use serde_json::{json, Value};

use super::index::tiers::{lengths_in_postings, REST_PIECE};
use super::index::{
    encode_lengths, ALPHABET, BM25_B, BM25_K1, BOOST_BODY, BOOST_HEADING, COMPOUND_PART_WEIGHT,
    LENGTH_STEPS, TF_MIN, TF_STEPS,
};
use super::vocab::VocabularyFiles;
use super::SearchDoc;

/// The version of the index files (meta's "v"): the client checks it (search/format.js
/// `INDEX_VERSION`, the same number), so that scripts a browser kept from before a deploy that
/// changed the files say so instead of failing oddly. Raise both with any change of format.
const INDEX_VERSION: u32 = 7;

/// Pages whose filters' data one file of a large site holds (`facet_parts`): a few kB, of
/// which a query whose results lie in one part of the site reads that part only.
pub(super) const FACET_GROUP: usize = 4096;

/// Whether a site of `pages` pages writes its facets to files of their own: on a small site
/// they are a few kB that every first query may as well read with meta (its filters then show
/// their counts at once), on a large one tens of kB that only a visitor who filters needs.
pub(super) fn facets_apart(pages: usize) -> bool {
    lengths_in_postings(pages)
}

/// The meta file's contents; `docs` and their `lengths` in index order.
pub(super) fn meta_json(
    docs: &[&SearchDoc],
    chunk_keys: &[&str],
    vocab: &VocabularyFiles,
    g: usize,
    whole_group: usize,
    lengths: &[u32],
) -> Value {
    let facets = if facets_apart(docs.len()) {
        json!({ "group": FACET_GROUP })
    } else {
        facets_part(&Tables::of(docs), docs)
    };
    let mut meta = json!({
        "v": INDEX_VERSION,
        "fmt": format_json(),
        "n": docs.len(),
        "g": g,
        "gw": whole_group,
        "rp": REST_PIECE,
        "chunks": chunk_keys,
        "vocab": vocab.first,
        "vocab2": vocab.second,
        "facets": facets,
    });
    // A small site's page lengths are in meta, a large one's in its postings (`tiers`).
    if !lengths_in_postings(docs.len()) {
        meta["dl"] = encode_lengths(lengths).into();
    }
    meta
}

/// A large site's facet files: (name under the index root without `.gz`, contents), the
/// `i`-th holding pages `i × FACET_GROUP` onwards (`docs` in index order).
pub(super) fn facet_parts(docs: &[&SearchDoc]) -> Vec<(String, Value)> {
    let t = Tables::of(docs);
    docs.chunks(FACET_GROUP)
        .enumerate()
        .map(|(i, part)| (format!("f/{i:03}.json"), facets_part(&t, part)))
        .collect()
}

/// What the filters and their counts need of the pages `part` (consecutive in index order): the
/// site's years, report kinds (id, label) and (year, kind) pairs (`yearKinds`), the areas (id,
/// name) of these pages, and per page its year and kind (`docYearKinds`, its pair's position as
/// `yw` base-64 digits) and its area (`docAreas`, runs). Results show no more than their
/// fragment holds.
fn facets_part(t: &Tables, part: &[&SearchDoc]) -> Value {
    let areas = t.areas_of(part);
    let pages = PageColumns::of(part, t, &areas);
    let kind_ids: Vec<&str> = t.kinds.iter().map(|k| k.0).collect();
    let pair = |&(y, k): &(&str, &str)| json!([index_of(&t.years, y), index_of(&kind_ids, k)]);
    json!({
        "years": t.years,
        "kinds": t.kinds.iter().map(|k| json!([k.0, k.1])).collect::<Vec<_>>(),
        "areas": areas.iter().map(|a| json!([a.0, a.1])).collect::<Vec<_>>(),
        "yearKinds": t.year_kinds.iter().map(pair).collect::<Vec<_>>(),
        "docYearKinds": pages.year_kinds,
        "yw": pages.width,
        "docAreas": area_runs_json(&pages.area_runs),
    })
}

/// How the other files are encoded and scored, so that the client reads these from the index
/// instead of repeating them: the digit alphabet of postings and lengths, the frequency and
/// length scales, BM25's k1 and b, the field boosts by which it picks a result's section, and
/// the endings and weight of base forms (`Vocabulary::base`), which it applies to query words.
fn format_json() -> Value {
    // As written in the source (1.2, not the f32's 1.2000000476837158; 8, not 8.0), so that the
    // file reads back the same from any JSON parser.
    let num = |x: f32| serde_json::from_str::<Value>(&x.to_string()).unwrap_or_default();
    json!({
        "alphabet": std::str::from_utf8(ALPHABET).unwrap_or_default(),
        "tfMin": num(TF_MIN),
        "tfSteps": num(TF_STEPS),
        "lengthSteps": num(LENGTH_STEPS),
        "k1": num(BM25_K1),
        "b": num(BM25_B),
        "heading": num(BOOST_HEADING),
        "body": num(BOOST_BODY),
        "part": num(COMPOUND_PART_WEIGHT),
        "endings": super::compound::HEAD_ENDINGS,
    })
}

/// The site's years, report kinds (id, label), areas (id, name) and the (year, kind) pairs of
/// its reports, each sorted and without duplicates: the facets name them by position.
struct Tables<'a> {
    years: Vec<&'a str>,
    kinds: Vec<(&'a str, &'a str)>,
    areas: Vec<(&'a str, &'a str)>,
    year_kinds: Vec<(&'a str, &'a str)>,
}

impl<'a> Tables<'a> {
    fn of(docs: &[&'a SearchDoc]) -> Self {
        let mut years: Vec<&str> = docs.iter().map(|d| d.year.as_str()).collect();
        years.sort_unstable();
        years.dedup();
        let mut kinds: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| (d.report_kind.as_str(), d.report_kind_label.as_str()))
            .collect();
        kinds.sort_unstable();
        kinds.dedup_by(|a, b| a.0 == b.0);
        let mut areas: Vec<(&str, &str)> = docs
            .iter()
            .filter_map(|d| {
                let id = d.area_id.as_deref()?;
                Some((id, d.area_name.as_deref().unwrap_or(id)))
            })
            .collect();
        areas.sort_unstable();
        areas.dedup_by(|a, b| a.0 == b.0);
        let mut year_kinds: Vec<(&str, &str)> = docs.iter().map(|d| year_kind(d)).collect();
        year_kinds.sort_unstable();
        year_kinds.dedup();
        Tables {
            years,
            kinds,
            areas,
            year_kinds,
        }
    }

    /// The areas (id, name) of the pages `part`, in the table's order: the site's name of each.
    fn areas_of(&self, part: &[&SearchDoc]) -> Vec<(&'a str, &'a str)> {
        let mut ids: Vec<&str> = part.iter().filter_map(|d| d.area_id.as_deref()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.iter()
            .filter_map(|id| {
                let i = self.areas.binary_search_by_key(id, |a| a.0).ok()?;
                Some(self.areas[i])
            })
            .collect()
    }
}

fn year_kind(d: &SearchDoc) -> (&str, &str) {
    (d.year.as_str(), d.report_kind.as_str())
}

fn index_of(list: &[&str], k: &str) -> usize {
    list.binary_search(&k).unwrap_or(0)
}

/// The area runs of the facets: a run of the area after the previous run's (the first: area 0) as
/// its page count alone, any other as [area position or -1, pages]. Pages are ordered by area
/// as the table is, so nearly every run is a bare count: at 100,000 entries (4,730 areas) this
/// is 2.8 kB where the pairs were 13.7 kB.
fn area_runs_json(runs: &[(i64, u32)]) -> Value {
    let mut last = -1;
    let out: Vec<Value> = runs
        .iter()
        .map(|&(a, c)| {
            let next = std::mem::replace(&mut last, a) + 1;
            if a == next && a >= 0 {
                json!(c)
            } else {
                json!([a, c])
            }
        })
        .collect();
    Value::Array(out)
}

/// Per page in index order: its (year, kind) pair as fixed-width base-64 digits (`width` of
/// them), and its area as runs of (position in `areas` or -1, pages), as pages are ordered by
/// area.
struct PageColumns {
    year_kinds: String,
    width: usize,
    area_runs: Vec<(i64, u32)>,
}

impl PageColumns {
    fn of(docs: &[&SearchDoc], t: &Tables, areas: &[(&str, &str)]) -> Self {
        let width = match t.year_kinds.len() {
            0..=64 => 1,
            65..=4096 => 2,
            _ => 3,
        };
        let area_ids: Vec<&str> = areas.iter().map(|a| a.0).collect();
        let mut year_kinds = String::with_capacity(docs.len() * width);
        let mut area_runs: Vec<(i64, u32)> = Vec::new();
        for d in docs {
            let r = t.year_kinds.binary_search(&year_kind(d)).unwrap_or(0);
            for k in (0..width).rev() {
                year_kinds.push(ALPHABET[(r >> (6 * k)) & 63] as char);
            }
            let a = d
                .area_id
                .as_deref()
                .map_or(-1, |a| index_of(&area_ids, a) as i64);
            match area_runs.last_mut() {
                Some((last, count)) if *last == a => *count += 1,
                _ => area_runs.push((a, 1)),
            }
        }
        PageColumns {
            year_kinds,
            width,
            area_runs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(year: &str, area: Option<&str>) -> SearchDoc {
        SearchDoc {
            year: year.into(),
            report_kind: "april".into(),
            report_kind_label: "April".into(),
            area_id: area.map(str::to_string),
            area_name: area.map(|a| format!("Område {a}")),
            ..SearchDoc::default()
        }
    }

    /// Each part holds its own pages' columns and names only their areas; the tables of years
    /// and kinds are the site's, so that positions mean the same in every part. 70 years ×
    /// one kind: two digits a page.
    #[test]
    fn facet_parts_hold_their_own_pages_and_areas() {
        let years: Vec<String> = (1950..2020).map(|y| y.to_string()).collect();
        let docs: Vec<SearchDoc> = (0..FACET_GROUP + 10)
            .map(|i| {
                let area = (i < FACET_GROUP + 5).then(|| format!("a{:05}", i / 3));
                page(&years[i % years.len()], area.as_deref())
            })
            .collect();
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        let parts = facet_parts(&refs);
        let names: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(names, ["f/000.json", "f/001.json"]);
        let (first, second) = (&parts[0].1, &parts[1].1);
        assert_eq!(first["yw"], 2);
        assert_eq!(first["years"].as_array().map(Vec::len), Some(70));
        assert_eq!(first["years"], second["years"]);
        let len = |v: &Value| v["docYearKinds"].as_str().map_or(0, str::len);
        assert_eq!((len(first), len(second)), (2 * FACET_GROUP, 20));
        // Page 4,096's area (a01365) began in the first part; the second names it again,
        // then its next area, then five pages without one.
        let areas = |v: &Value| v["areas"].as_array().cloned().unwrap_or_default();
        assert_eq!(areas(first).len(), FACET_GROUP.div_ceil(3));
        assert_eq!(
            areas(second),
            [
                json!(["a01365", "Område a01365"]),
                json!(["a01366", "Område a01366"])
            ]
        );
        assert_eq!(second["docAreas"], json!([2, 3, [-1, 5]]));
    }

    #[test]
    fn an_area_run_after_the_previous_areas_is_its_count_alone() {
        let runs = [(0, 9), (1, 12), (3, 4), (4, 2), (-1, 7), (2, 1)];
        assert_eq!(
            area_runs_json(&runs),
            json!([9, 12, [3, 4], 2, [-1, 7], [2, 1]])
        );
    }
}
