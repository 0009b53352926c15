//! Building the chunked static index from the pages' `SearchDoc`s.
//!
//! Files (all JSON, paths relative to the output root; each is written gzip-compressed as
//! `<name>.json.gz`, see `super::pack`):
//! - `search/meta.json`: tables (years, areas, report kinds, reports), each page's report and
//!   area (for the filters and their counts), the first key of every term chunk, the list of typo
//!   vocabulary files, and the fragment group size.
//! - `search/t/NNN.json`: term chunks. Terms are ordered by their diacritic-folded form, so
//!   "frånvaro" and "franvaro" would lie in one chunk, and a prefix is a contiguous range.
//!   Each entry is `[term, max_score_milli, postings]`; see `encode_postings`.
//! - `search/v/NNN.json`: the vocabulary (terms of four letters or more) by first letter, read
//!   only for one-edit typo tolerance.
//! - `search/x/NNN.json`: per-page fragments (url, title, direction, sections), `g` pages a file
//!   in index order, for result titles, links and excerpts (`super::excerpt`: how much text).

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::SearchDoc;
use crate::output::OutputFile;

/// Field boosts for BM25F: a word in the title says more about a page than one in its body.
pub const BOOST_TITLE: f32 = 3.0;
pub const BOOST_HEADING: f32 = 2.0;
pub const BOOST_DIRECTION: f32 = 1.5;
pub const BOOST_BODY: f32 = 1.0;
/// Report title, area name, year and report kind: lets "frånvaro 2025" narrow by year without
/// letting the shared report title dominate the ranking of every page of a report.
pub const BOOST_META: f32 = 0.3;
/// Parts of a compound ("frånvaro" in "sjukfrånvaron") count less than the word itself.
pub const COMPOUND_PART_WEIGHT: f32 = 0.5;
pub(super) const BM25_K1: f32 = 1.2;
pub(super) const BM25_B: f32 = 0.75;

/// Scores are stored per posting as one character, 1..=63, relative to the term's best score.
const SCORE_LEVELS: f32 = 63.0;

/// Index files must stay below this many in all (issue 5: at most 2,000 for a 10,000-page site).
pub const MAX_FILES: usize = 2000;
/// Files needed besides term chunks and fragments: meta plus at most ~40 vocabulary files.
pub(super) const RESERVED_FILES: usize = 50;
/// A term chunk is closed once it holds this many bytes (grown for very large sites so that the
/// chunk count stays within budget).
pub(super) const MIN_CHUNK_BYTES: usize = 12 * 1024;
/// Fragment files hold at least this many pages: fewer files for mid-size sites at little cost.
pub(super) const MIN_GROUP: usize = 4;
const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `v` as a little-endian varint of base-64 characters: 5 value bits a character, the
/// sixth bit set on every character but the last.
fn push_varint(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(ALPHABET[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

/// One posting: the page, its quantised score for the term, and the section (1-based; 0 = none)
/// where the term weighs most, so the result can link to that heading's anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Posting {
    pub doc: u32,
    pub score: f32,
    pub section: u32,
}

/// Encodes postings sorted by page: for each, varint(page delta), one score character, varint(section).
/// Returns the string and the term's best score (the scale of the score characters).
pub fn encode_postings(postings: &[Posting]) -> (String, f32) {
    let max = postings.iter().map(|p| p.score).fold(0.0f32, f32::max);
    let mut out = String::with_capacity(postings.len() * 4);
    let mut prev = 0u32;
    for (i, p) in postings.iter().enumerate() {
        push_varint(&mut out, if i == 0 { p.doc } else { p.doc - prev });
        prev = p.doc;
        let q = if max > 0.0 {
            (p.score / max * SCORE_LEVELS)
                .round()
                .clamp(1.0, SCORE_LEVELS)
        } else {
            1.0
        };
        out.push(ALPHABET[q as usize] as char);
        push_varint(&mut out, p.section);
    }
    (out, max)
}

/// Decodes what `encode_postings` wrote (used by tests and the benchmark; the browser has its own).
pub fn decode_postings(s: &str, max: f32) -> Option<Vec<Posting>> {
    let digit = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32);
    let bytes = s.as_bytes();
    let mut i = 0;
    let read = |i: &mut usize| -> Option<u32> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let d = digit(*bytes.get(*i)?)?;
            *i += 1;
            v |= (d & 31) << shift;
            if d < 32 {
                return Some(v);
            }
            shift += 5;
        }
    };
    let mut out = Vec::new();
    let mut doc = 0u32;
    while i < bytes.len() {
        let delta = read(&mut i)?;
        doc = if out.is_empty() { delta } else { doc + delta };
        let q = digit(*bytes.get(i)?)?;
        i += 1;
        let section = read(&mut i)?;
        out.push(Posting {
            doc,
            score: q as f32 / SCORE_LEVELS * max,
            section,
        });
    }
    Some(out)
}

/// Compares as JavaScript does (UTF-16 code units), so that the browser's binary search over
/// chunk keys agrees with the order written here.
pub fn js_cmp(a: &str, b: &str) -> Ordering {
    // UTF-8 bytes order as code points, which is UTF-16 order unless a character outside the
    // Basic Multilingual Plane (a four-byte sequence, lead byte 0xF0..) is involved.
    if !a.bytes().chain(b.bytes()).any(|c| c >= 0xf0) {
        return a.as_bytes().cmp(b.as_bytes());
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Builds all index files with a fresh cache (see `super::cache` for the stages).
pub fn build(docs: &[SearchDoc]) -> Vec<OutputFile> {
    super::cache::IndexCache::one_shot().build(docs)
}

/// Tables for result display and filters, and the directory of the other files.
pub(super) fn meta_json(
    docs: &[&SearchDoc],
    chunk_keys: &[&str],
    vocab_keys: &[String],
    g: usize,
) -> Value {
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
            Some((
                d.area_id.as_deref()?,
                d.area_name.as_deref().unwrap_or(d.area_id.as_deref()?),
            ))
        })
        .collect();
    areas.sort_unstable();
    areas.dedup_by(|a, b| a.0 == b.0);
    let mut reports: Vec<(&str, &str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d.year.as_str(),
                d.report_kind.as_str(),
                d.report_title.as_str(),
            )
        })
        .collect();
    reports.sort_unstable();
    reports.dedup();
    let idx = |list: &[&str], k: &str| list.binary_search(&k).unwrap_or(0);
    let kind_ids: Vec<&str> = kinds.iter().map(|k| k.0).collect();
    let area_ids: Vec<&str> = areas.iter().map(|a| a.0).collect();

    // Each page's report as fixed-width base-64 digits; its area as runs (pages are ordered by area).
    let width = if reports.len() <= 64 {
        1
    } else if reports.len() <= 4096 {
        2
    } else {
        3
    };
    let mut doc_reports = String::with_capacity(docs.len() * width);
    let mut area_runs: Vec<(i64, u32)> = Vec::new();
    for d in docs {
        let r = reports
            .binary_search(&(
                d.year.as_str(),
                d.report_kind.as_str(),
                d.report_title.as_str(),
            ))
            .unwrap_or(0);
        for k in (0..width).rev() {
            doc_reports.push(ALPHABET[(r >> (6 * k)) & 63] as char);
        }
        let a = d
            .area_id
            .as_deref()
            .map_or(-1, |a| idx(&area_ids, a) as i64);
        match area_runs.last_mut() {
            Some((last, count)) if *last == a => *count += 1,
            _ => area_runs.push((a, 1)),
        }
    }
    json!({
        "v": 1,
        "n": docs.len(),
        "g": g,
        "chunks": chunk_keys,
        "vocab": vocab_keys,
        "years": years,
        "kinds": kinds.iter().map(|k| json!([k.0, k.1])).collect::<Vec<_>>(),
        "areas": areas.iter().map(|a| json!([a.0, a.1])).collect::<Vec<_>>(),
        "reports": reports.iter().map(|r| json!([r.2, idx(&years, r.0), idx(&kind_ids, r.1)])).collect::<Vec<_>>(),
        "docReports": doc_reports,
        "rw": width,
        "docAreas": area_runs.iter().map(|(a, c)| json!([a, c])).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::fold_diacritics;
    use std::collections::HashMap;

    fn page(url: &str, title: &str, direction: &str, heading: &str, body: &str) -> SearchDoc {
        let area = url.trim_end_matches('/');
        crate::search::one_section_page(url, area, title, direction, heading, body)
    }

    fn json_of(files: &[OutputFile], path: &str) -> Value {
        let f = files
            .iter()
            .find(|f| f.path == format!("{path}{}", crate::search::PACKED_SUFFIX))
            .unwrap_or_else(|| panic!("{path} missing"));
        serde_json::from_slice(&crate::search::gunzip(&f.contents).expect("gzip"))
            .expect("valid JSON")
    }

    /// Postings of `term` by page URL: (score, section).
    fn postings(files: &[OutputFile], term: &str) -> HashMap<String, (f32, u32)> {
        let meta = json_of(files, "search/meta.json");
        let key = fold_diacritics(term);
        let chunks: Vec<&str> = meta["chunks"]
            .as_array()
            .expect("chunks")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let i = chunks
            .iter()
            .rposition(|k| js_cmp(k, &key) != Ordering::Greater)
            .expect("a chunk");
        let chunk = json_of(files, &format!("search/t/{i:03}.json"));
        let entry = chunk
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e[0] == term)
            .unwrap_or_else(|| panic!("{term} not indexed"));
        let max = entry[1].as_f64().expect("max") as f32 / 1000.0;
        let list = decode_postings(entry[2].as_str().expect("postings"), max).expect("decodes");
        let g = meta["g"].as_u64().expect("g") as u32;
        list.into_iter()
            .map(|p| {
                let group = json_of(files, &format!("search/x/{:03}.json", p.doc / g));
                let url = group[(p.doc % g) as usize][0]
                    .as_str()
                    .expect("url")
                    .to_string();
                (url, (p.score, p.section))
            })
            .collect()
    }

    #[test]
    fn field_boosts_order_title_heading_direction_body() {
        // Same word count everywhere; "tillsyn" sits in a different field of each page.
        let docs = vec![
            page(
                "title/",
                "Tillsyn av skolor",
                "Skolorna ska vara bra",
                "Läget nu",
                "Arbetet pågår enligt plan",
            ),
            page(
                "heading/",
                "Skolor och arbete",
                "Skolorna ska vara bra",
                "Tillsyn nu",
                "Arbetet pågår enligt plan",
            ),
            page(
                "direction/",
                "Skolor och arbete",
                "Tillsyn ska vara bra",
                "Läget nu",
                "Arbetet pågår enligt plan",
            ),
            page(
                "body/",
                "Skolor och arbete",
                "Skolorna ska vara bra",
                "Läget nu",
                "Tillsyn pågår enligt plan",
            ),
            page(
                "none/",
                "Skolor och arbete",
                "Skolorna ska vara bra",
                "Läget nu",
                "Arbetet pågår enligt plan",
            ),
        ];
        let p = postings(&build(&docs), "tillsyn");
        let s = |u: &str| p[u].0;
        assert!(s("title/") > s("heading/"), "{p:?}");
        assert!(s("heading/") > s("direction/"), "{p:?}");
        assert!(s("direction/") > s("body/"), "{p:?}");
        assert!(!p.contains_key("none/"));
        // The anchor goes to the heading's section for heading and body matches only.
        assert_eq!((p["title/"].1, p["heading/"].1, p["body/"].1), (0, 1, 1));
    }

    #[test]
    fn rarer_terms_weigh_more_and_compound_parts_less() {
        let docs = vec![
            page("a/", "Frånvaro", "", "Rubrik", "Skolfrånvaro och budget"),
            page("b/", "Budget", "", "Rubrik", "Budget i balans"),
            page("c/", "Budget", "", "Rubrik", "Budget i balans"),
        ];
        let files = build(&docs);
        let franvaro = postings(&files, "frånvaro");
        let budget = postings(&files, "budget");
        // "frånvaro" is in one page of three, "budget" in all: same body mention, higher score.
        assert!(postings(&files, "skolfrånvaro")["a/"].0 > budget["a/"].0);
        assert_eq!(franvaro.len(), 1);
        // "skolfrånvaro" is indexed whole and by its head "frånvaro", at a lower weight.
        let docs = vec![
            page("whole/", "Rapport", "", "Rubrik", "Frånvaro ökar"),
            page("part/", "Rapport", "", "Rubrik", "Skolfrånvaro ökar"),
            page("other/", "Rapport", "", "Rubrik", "Budget ökar"),
        ];
        let p = postings(&build(&docs), "frånvaro");
        assert!(
            p["whole/"].0 > p["part/"].0,
            "a compound part counts less: {p:?}"
        );
    }

    #[test]
    fn postings_round_trip() {
        let list = vec![
            Posting {
                doc: 0,
                score: 1.0,
                section: 0,
            },
            Posting {
                doc: 31,
                score: 0.5,
                section: 3,
            },
            Posting {
                doc: 32,
                score: 2.0,
                section: 40,
            },
            Posting {
                doc: 100_000,
                score: 0.01,
                section: 1,
            },
        ];
        let (enc, max) = encode_postings(&list);
        assert_eq!(max, 2.0);
        let back = decode_postings(&enc, max).expect("decodes");
        assert_eq!(back.len(), 4);
        for (a, b) in list.iter().zip(&back) {
            assert_eq!((a.doc, a.section), (b.doc, b.section));
            assert!(
                (a.score - b.score).abs() <= max / SCORE_LEVELS,
                "{a:?} {b:?}"
            );
        }
        assert!(
            decode_postings("~", 1.0).is_none(),
            "a foreign character is an error, not a panic"
        );
        assert!(
            decode_postings("A", 1.0).is_none(),
            "truncated input is an error"
        );
    }

    #[test]
    fn terms_are_ordered_by_folded_form() {
        let docs = vec![page(
            "a/",
            "Frånvaro franvaro fränvaro",
            "",
            "Rubrik",
            "Text",
        )];
        let files = build(&docs);
        let meta = json_of(&files, "search/meta.json");
        let chunk = json_of(&files, "search/t/000.json");
        let terms: Vec<&str> = chunk
            .as_array()
            .expect("entries")
            .iter()
            .filter_map(|e| e[0].as_str())
            .collect();
        let keys: Vec<String> = terms.iter().map(|t| fold_diacritics(t)).collect();
        assert!(
            keys.windows(2)
                .all(|w| js_cmp(&w[0], &w[1]) != Ordering::Greater),
            "{terms:?}"
        );
        let f: Vec<&&str> = terms
            .iter()
            .filter(|t| fold_diacritics(t) == "franvaro")
            .collect();
        assert_eq!(f.len(), 3, "{terms:?}");
        assert_eq!(meta["n"], 1);
    }

    #[test]
    fn large_sites_stay_within_file_budget() {
        // 6,000 small pages with distinct words: file count and sizes must respect the budget.
        let docs: Vec<SearchDoc> = (0..6000)
            .map(|i| {
                page(
                    &format!("p{i}/"),
                    &format!("Sida ord{i}"),
                    "",
                    "Rubrik",
                    &format!("text{} gemensam", i % 97),
                )
            })
            .collect();
        let files = build(&docs);
        assert!(files.len() <= MAX_FILES, "{} files", files.len());
        assert!(files.iter().all(|f| f.contents.len() < 1 << 20));
        assert!(files.iter().all(|f| f.path.starts_with("search/")));
    }
}
