//! Building the chunked static index from the pages' `SearchDoc`s.
//!
//! Files (all JSON, paths relative to the output root; each is written gzip-compressed as
//! `<name>.json.gz`, see `super::pack`):
//! - `search/meta.json`: the format (`fmt`: digit alphabet, frequency and length scales, BM25's
//!   k1 and b, section boosts), the first key of every term chunk, the typo vocabulary files,
//!   the fragment group size, and the filters' data, or on a large site the number of pages of
//!   each of its files `search/f/NNN.json`, read only when filtering (`super::meta`).
//! - `search/t/NNN.json`: term chunks. Terms are ordered by their diacritic-folded form, so
//!   "frånvaro" and "franvaro" would lie in one chunk, and a prefix is a contiguous range.
//!   Each entry is `[term, pages, frequencies, lengths]`; see `encode_postings` (and `pages`:
//!   a list on many pages is a bitmap). A frequent term's entry holds the frequencies and
//!   lengths of its best pages only, and their places (`tiers`).
//! - `search/r/NNN-K.bin`: the rest of the K-th tiered term of chunk NNN, in pieces read by
//!   range (`tiers`).
//! - `search/v/NNN.json`, `search/w/NNN.json`: the vocabulary (terms of four letters or more) by
//!   first and by second letter, read only for one-edit typo tolerance (`super::vocab`).
//! - `search/x/NNN.bin`: per-page fragments (url, title, direction, sections, whether cut, the
//!   report line), `g` pages a file in index order, for results (`super::excerpt`).
//!   Each page's fragment is packed on its own, after a table of offsets, and read by an HTTP
//!   range request (`super::pack::ranged`).
//! - `search/p/NNN.bin`: per-page whole text (direction and section texts) of the pages whose
//!   fragment was cut, packed as the fragment files are, `gw` pages a file (meta; as many as
//!   the file budget leaves room for), an empty entry for the other pages;
//!   written only when a fragment was cut. The client reads a page's whole text only for a
//!   result whose excerpt lacks its matched words, and for phrase checks.

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

use serde_json::Value;

use super::text::fold_diacritics;
use crate::output::OutputFile;

pub(super) mod pages;
pub(super) mod tiers;

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

/// A posting's weighted frequency is stored as one character, on a log scale of 8 steps an
/// octave from `TF_MIN` (0.125 × 2^(63/8) ≈ 29 at most: BM25 has long saturated there). Common
/// values (a word once in the body: 1; a compound part: 0.5) come out exact.
pub(super) const TF_MIN: f32 = 0.125;
pub(super) const TF_STEPS: f32 = 8.0;
/// A page's length is stored as one character in each posting of the page, relative to the
/// average page length on a log scale of 8 steps an octave: code 32 is the average.
pub(super) const LENGTH_STEPS: f32 = 8.0;

/// Index files must stay below this many in all: 2,000 up to 40,000 pages (issue 5: at most
/// 2,000 for a 10,000-page site), then one for every 20 pages, up to 4,900 (issue 18: under
/// 5,000 at 100,000 entries). More files make each term chunk and fragment file, and so what a
/// query reads, smaller; a static host serves any number.
pub fn max_files(pages: usize) -> usize {
    (pages / 20).clamp(2000, 4900)
}
/// Files needed besides term chunks and fragments: meta, the facets and the vocabulary files,
/// about 30 by first letter and 30 by second on a Swedish site.
pub(super) const RESERVED_FILES: usize = 80;
/// A term chunk is closed once it holds this many bytes, or more on large sites (see
/// `IndexCache::assemble`). Small chunks keep what a query of a small site reads small.
pub(super) const MIN_CHUNK_BYTES: usize = 4 * 1024;
/// Fragment files hold at least this many pages: fewer files for mid-size sites at little cost.
const MIN_GROUP: usize = 4;
/// Fragment files take at most this share of the file budget, term chunks the rest. A result
/// reads its page's bytes from a fragment file by range, whatever the file's size; a host that
/// ignores `Range` sends the whole file (g pages), so files stay small enough for that too.
const FRAGMENT_SHARE: usize = 4;

/// Pages a fragment file, for a site of `pages` pages.
pub(super) fn fragment_group(pages: usize) -> usize {
    MIN_GROUP.max(pages.div_ceil(max_files(pages) / FRAGMENT_SHARE))
}
pub(super) const ALPHABET: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `v` as a little-endian varint of base-64 characters: 5 value bits a character, the
/// sixth bit set on every character but the last.
fn push_varint(out: &mut String, mut v: u32) {
    while v >= 32 {
        out.push(ALPHABET[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

fn digit(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// One posting: the page and the term's weighted frequency there (field boosts applied).
///
/// Scores are not stored: the client computes BM25 from the frequency, the term's page count
/// and the page's length (stored beside it), so that a posting depends on the rest of the site
/// only through the average length, and its frequency, mostly 1 or 0.5, compresses to a couple
/// of bits. The section a result links to
/// is chosen by the client from the excerpt it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Posting {
    pub doc: u32,
    pub tf: f32,
}

pub(super) fn tf_code(tf: f32) -> u32 {
    (TF_STEPS * (tf / TF_MIN).log2()).round().clamp(0.0, 63.0) as u32
}

pub(super) fn tf_of_code(c: u32) -> f32 {
    TF_MIN * (c as f32 / TF_STEPS).exp2()
}

/// Encodes postings sorted by page as two strings: the pages as varint deltas, and one
/// frequency character a posting. Apart, each compresses better: long runs of small deltas in
/// dense terms, and the few frequent frequency codes (7% smaller chunks than interleaved).
/// (The build encodes through `tiers::encode`, which writes the same for a term stored whole.)
#[cfg(test)]
pub(super) fn encode_postings(postings: &[Posting]) -> (String, String) {
    let mut pages = String::with_capacity(postings.len() * 2);
    let mut freqs = String::with_capacity(postings.len());
    let mut prev = 0u32;
    for (i, p) in postings.iter().enumerate() {
        push_varint(&mut pages, if i == 0 { p.doc } else { p.doc - prev });
        prev = p.doc;
        freqs.push(ALPHABET[tf_code(p.tf) as usize] as char);
    }
    (pages, freqs)
}

/// Decodes what `encode_postings` wrote, or a page list as a bitmap (`pages`), for
/// `term_scores`; the browser has its own.
fn decode_postings(pages: &str, freqs: &str) -> Option<Vec<Posting>> {
    let docs = pages::decode(pages)?;
    if docs.len() != freqs.len() {
        return None;
    }
    let tf = |c| digit(c).map(tf_of_code);
    (docs.into_iter().zip(freqs.bytes()))
        .map(|(doc, c)| Some(Posting { doc, tf: tf(c)? }))
        .collect()
}

/// Page lengths: one character a page (see `LENGTH_STEPS`), in the postings of each term
/// (`tiers`).
pub(super) fn encode_lengths(lengths: &[u32]) -> String {
    let avg = (lengths.iter().map(|&l| l as f64).sum::<f64>() / lengths.len().max(1) as f64)
        .max(1.0) as f32;
    lengths
        .iter()
        .map(|&l| {
            let c = (LENGTH_STEPS * (l.max(1) as f32 / avg).log2()).round() + 32.0;
            ALPHABET[c.clamp(0.0, 63.0) as usize] as char
        })
        .collect()
}

/// A page's length relative to the average, from the `doc`-th character of `dl` (lengths as
/// `encode_lengths` codes them).
pub(super) fn length_ratio(dl: &str, doc: usize) -> Option<f32> {
    let c = digit(*dl.as_bytes().get(doc)?)? as f32;
    Some(((c - 32.0) / LENGTH_STEPS).exp2())
}

/// BM25 of one posting, as the client computes it: `df` pages of `n` hold the term, and the
/// page is `ratio` times as long as the average page.
fn bm25(tf: f32, df: usize, n: usize, ratio: f32) -> f32 {
    let (df, n) = (df as f32, n as f32);
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * (1.0 - BM25_B + BM25_B * ratio))
}

/// Compares as JavaScript does (UTF-16 code units), so that the browser's binary search over
/// chunk keys agrees with the order written here.
pub(super) fn js_cmp(a: &str, b: &str) -> Ordering {
    // UTF-8 bytes order as code points, which is UTF-16 order unless a character outside the
    // Basic Multilingual Plane (a four-byte sequence, lead byte 0xF0..) is involved.
    if !a.bytes().chain(b.bytes()).any(|c| c >= 0xf0) {
        return a.as_bytes().cmp(b.as_bytes());
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The BM25 score of `term` on each page that has it, by URL, read from the index files as the
/// client reads them (for tests; the browser has its own reader). None when a file or the term
/// is missing.
pub fn term_scores(files: &[OutputFile], term: &str) -> Option<HashMap<String, f32>> {
    let json = |path: &str| -> Option<Value> {
        let name = format!("{}{path}{}", super::DIR, super::pack::SUFFIX);
        let f = files.iter().find(|f| f.path == name)?;
        serde_json::from_slice(&super::pack::gunzip(&f.contents).ok()?).ok()
    };
    let meta = json("meta.json")?;
    let key = fold_diacritics(term);
    let chunk = meta["chunks"]
        .as_array()?
        .iter()
        .rposition(|k| k.as_str().is_some_and(|k| js_cmp(k, &key).is_le()))?;
    let entries = json(&format!("t/{chunk:03}.json"))?;
    let at = entries.as_array()?.iter().position(|e| e[0] == term)?;
    let entry = &entries[at];
    let mut freqs: String = match entry.get(5) {
        // A tiered term's are its best pages' only, named by their places.
        Some(places) => {
            let pages = pages::decode(entry[1].as_str()?)?.len();
            pages::join_top(places.as_str()?, entry[2].as_str()?, pages, tiers::REST)?
        }
        None => entry[2].as_str()?.into(),
    };
    // A small site's lengths are in meta (`tiers::lengths_in_postings`).
    let mut lengths: String = match meta["dl"].as_str() {
        Some(dl) => decode_postings(entry[1].as_str()?, &freqs)?
            .iter()
            .map(|p| dl.as_bytes().get(p.doc as usize).map(|&c| c as char))
            .collect::<Option<String>>()?,
        None => entry[3].as_str()?.into(),
    };
    if entry.get(4).is_some() {
        // A tiered term: its rest pages are in a file of their own, named by the chunk and the
        // term's place among the chunk's tiered terms.
        let k = (entries.as_array()?[..at].iter())
            .filter(|e| e.get(4).is_some())
            .count();
        let name = format!("{}{}", super::DIR, super::cache::rest_file_name(chunk, k));
        let file = files.iter().find(|f| f.path == name)?;
        let mut rest = tiers::Rest {
            freqs: String::new(),
            lengths: String::new(),
            starts: Vec::new(),
        };
        // Its pieces in page order; a piece without rest pages is empty.
        for piece in super::pack::unpack_ranged(&file.contents).ok()? {
            if piece.is_empty() {
                continue;
            }
            let piece: Value = serde_json::from_slice(&piece).ok()?;
            rest.freqs.push_str(piece[0].as_str()?);
            rest.lengths.push_str(piece[1].as_str()?);
        }
        (freqs, lengths) = tiers::merge_rest(&freqs, &lengths, &rest)?;
    }
    let list = decode_postings(entry[1].as_str()?, &freqs)?;
    let g = meta["g"].as_u64()? as usize;
    let n = meta["n"].as_u64()? as usize;
    // Each fragment file read once, however many of its pages have the term.
    let fragments = |i: usize| -> Option<Vec<Value>> {
        let name = format!("{}x/{i:03}{}", super::DIR, super::pack::RANGED_SUFFIX);
        let f = files.iter().find(|f| f.path == name)?;
        let pages = super::pack::unpack_ranged(&f.contents).ok()?;
        pages
            .iter()
            .map(|p| serde_json::from_slice(p).ok())
            .collect()
    };
    let mut groups: HashMap<usize, Vec<Value>> = HashMap::new();
    let mut scores = HashMap::new();
    for (i, p) in list.iter().enumerate() {
        let doc = p.doc as usize;
        let group = match groups.entry(doc / g) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(fragments(doc / g)?),
        };
        let url = group.get(doc % g)?[0].as_str()?.to_string();
        scores.insert(url, bm25(p.tf, list.len(), n, length_ratio(&lengths, i)?));
    }
    Some(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::build_index as build;
    use crate::search::SearchDoc;
    use serde_json::json;

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

    /// Postings of `term` by page URL: its BM25 score there, as the client computes it.
    fn postings(files: &[OutputFile], term: &str) -> HashMap<String, f32> {
        term_scores(files, term).unwrap_or_else(|| panic!("{term} not indexed"))
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
        let s = |u: &str| p[u];
        assert!(s("title/") > s("heading/"), "{p:?}");
        assert!(s("heading/") > s("direction/"), "{p:?}");
        assert!(s("direction/") > s("body/"), "{p:?}");
        assert!(!p.contains_key("none/"));
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
        assert!(postings(&files, "skolfrånvaro")["a/"] > budget["a/"]);
        assert_eq!(franvaro.len(), 1);
        // "skolfrånvaro" is indexed whole and by its head "frånvaro", at a lower weight.
        let docs = vec![
            page("whole/", "Rapport", "", "Rubrik", "Frånvaro ökar"),
            page("part/", "Rapport", "", "Rubrik", "Skolfrånvaro ökar"),
            page("other/", "Rapport", "", "Rubrik", "Budget ökar"),
        ];
        let p = postings(&build(&docs), "frånvaro");
        assert!(
            p["whole/"] > p["part/"],
            "a compound part counts less: {p:?}"
        );
    }

    #[test]
    fn meta_says_how_the_index_is_encoded_and_scored() {
        let files = build(&[page("a/", "Titel", "", "Rubrik", "Text")]);
        let meta = json_of(&files, "search/meta.json");
        // A small site's page lengths are in meta, not in its postings (`tiers`).
        assert!(meta["dl"].is_string());
        assert_eq!(
            json_of(&files, "search/t/000.json")[0]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        let fmt = &meta["fmt"];
        assert_eq!(fmt["alphabet"], std::str::from_utf8(ALPHABET).unwrap());
        assert_eq!(fmt["k1"], json!(1.2));
        assert_eq!(fmt["b"], json!(0.75));
        assert_eq!(fmt["tfMin"], json!(0.125));
        assert_eq!(
            (fmt["tfSteps"].as_f64(), fmt["lengthSteps"].as_f64()),
            (Some(8.0), Some(8.0))
        );
        assert_eq!(
            (fmt["heading"].as_f64(), fmt["body"].as_f64()),
            (Some(2.0), Some(1.0))
        );
    }

    #[test]
    fn postings_round_trip() {
        let list: Vec<Posting> = [
            (0, 1.0),
            (31, 0.5),
            (32, 3.0),
            (100_000, 0.15),
            (100_001, 400.0),
        ]
        .into_iter()
        .map(|(doc, tf)| Posting { doc, tf })
        .collect();
        let (pages, freqs) = encode_postings(&list);
        let back = decode_postings(&pages, &freqs).expect("decodes");
        assert_eq!(back.len(), list.len());
        for (a, b) in list.iter().zip(&back) {
            assert_eq!(a.doc, b.doc);
            // Within half a step of the log scale, up to where BM25 has saturated.
            let want = a.tf.min(tf_of_code(63));
            assert!((b.tf / want).log2().abs() <= 0.5 / TF_STEPS, "{a:?} {b:?}");
        }
        // The common frequencies come back exact.
        assert_eq!((back[0].tf, back[1].tf), (1.0, 0.5));
        assert!(
            decode_postings("=", "O").is_none(),
            "a foreign character is an error, not a panic"
        );
        assert!(
            decode_postings("W", "O").is_none(),
            "a truncated page delta"
        );
        assert!(decode_postings("12", "O").is_none(), "a frequency missing");
        assert!(decode_postings("1", "OO").is_none(), "a frequency too many");
    }

    #[test]
    fn page_lengths_are_stored_relative_to_the_average() {
        let dl = encode_lengths(&[100, 200, 50, 0]);
        let r = |i| length_ratio(&dl, i).expect("a length");
        assert!((r(0) / r(1) - 0.5).abs() < 0.05);
        assert!((r(1) / r(2) - 4.0).abs() < 0.2);
        assert!(r(3) > 0.0 && r(3) < r(2), "an empty page is the shortest");
        assert!(length_ratio(&dl, 4).is_none());
        // Outliers are capped at 1/16 and about 15 times the average: BM25 hardly tells more.
        let mut lengths = vec![1_000_000, 1];
        lengths.extend([1000; 100]);
        let dl = encode_lengths(&lengths);
        let r = |i| length_ratio(&dl, i).expect("a length");
        assert_eq!((r(0), r(1)), (2f32.powf(31.0 / LENGTH_STEPS), 1.0 / 16.0));
        // BM25 prefers the same frequency in a shorter page, and more of it in the same page.
        assert!(bm25(1.0, 3, 10, 0.5) > bm25(1.0, 3, 10, 2.0));
        assert!(bm25(2.0, 3, 10, 1.0) > bm25(1.0, 3, 10, 1.0));
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
        assert!(
            files.len() <= max_files(docs.len()),
            "{} files",
            files.len()
        );
        assert!(files.iter().all(|f| f.contents.len() < 1 << 20));
        assert!(files.iter().all(|f| f.path.starts_with("search/")));
    }
}
