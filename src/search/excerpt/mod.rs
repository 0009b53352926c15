//! What the index stores of each page for result display (its fragment): the URL, title,
//! direction and, per section, its anchor, heading and a bounded excerpt of its text.
//!
//! A long section is stored as its opening and windows around its key words: the words it
//! repeats most, longer first. A page ranks high for the words it repeats, and a result's
//! excerpt must show the match (issue 5: matched words in `<mark>`), also when it lies far
//! beyond the opening. Storing whole pages would make each fragment file (shared by several
//! pages) far larger than a query should fetch. What a page repeats most is not all it is found
//! by: a page is a top result for a word it writes once when the word is rare on the site or the
//! page short, which only the whole site's postings tell (`top_results`); the index build then
//! makes that page's fragment again with windows around those words first (`must`).

use rayon::prelude::*;

use super::index::{encode_lengths, length_ratio, tf_code, tf_of_code, Posting, BM25_B, BM25_K1};
use super::text::{is_stop_word, is_word_char};
use super::SearchDoc;

/// Stored excerpt text per page on a large site (characters); `text_budget` scales them up.
pub const DIRECTION_CAP: usize = 200;
pub const SECTION_CAP_MIN: usize = 120;
pub const SECTION_CAP_MAX: usize = 300;
pub const DOC_TEXT_CAP: usize = 600;
/// Stored section text of all pages together, in characters. A small site stores its pages
/// (nearly) whole, so that a result can show its matched words wherever they are; a large one
/// stays at `DOC_TEXT_CAP` a page, so that a query's fragment files stay small.
pub const SITE_TEXT_BUDGET: usize = 4_000_000;

/// Characters of section text stored per page of a site of `pages` pages: at least
/// `DOC_TEXT_CAP`, in powers of two so that a page more or less rarely changes it.
pub(super) fn text_budget(pages: usize) -> usize {
    let per = SITE_TEXT_BUDGET / pages.max(1);
    if per <= DOC_TEXT_CAP {
        DOC_TEXT_CAP
    } else {
        (1usize << per.ilog2()).max(DOC_TEXT_CAP)
    }
}

/// Share of a cut section's budget for its opening; the rest goes to windows around key words.
const OPENING_SHARE: f32 = 0.4;
/// At most this many windows around key words, each at least `MIN_WINDOW` characters: a
/// shorter window shows a word without the words around it.
const KEY_WINDOWS: usize = 3;
const MIN_WINDOW: usize = 60;
/// Key words tried for the windows, heaviest first (most are taken or overlap within a few).
const CANDIDATES: usize = 16;
/// Words of fewer letters are not key words.
pub(super) const MIN_KEY_LETTERS: usize = 5;
/// A page is a top result for a word when it is among this many best pages for it alone: the
/// results a query shows first.
pub(super) const TOP_RESULTS: usize = 5;

/// A candidate key word of a section, never a stop word: where it first occurs in the
/// section's text (a byte offset), how much it weighs there (its number of occurrences, or the
/// index's field weights), and the word itself, for a stable order among equals.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key<'a> {
    pub first: usize,
    pub weight: f32,
    pub letters: usize,
    pub word: &'a str,
}

/// Writes a page's fragment, `[url, title, direction, [[anchor, heading, text], ...], cut]`, as
/// JSON, storing about `budget` characters of section text (see `text_budget`). `keys[i]` are
/// section i's key word candidates when the caller has counted them already (the index build
/// has, while tokenising); None has them counted here. Returns whether any text was cut (the
/// fragment's `cut`): then the page's whole text is stored beside it (`whole_text`).
pub(super) fn fragment(
    d: &SearchDoc,
    budget: usize,
    keys: &mut [Option<Vec<Key>>],
    out: &mut Vec<u8>,
) -> bool {
    let (direction, mut truncated) = cap_text(&d.direction, direction_cap(budget));
    let per_section = section_cap(d, budget);
    let sections: Vec<String> = d
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let known = keys.get_mut(i).and_then(Option::take);
            let (text, cut) = section_excerpt(&s.text, per_section, known);
            truncated |= cut;
            text
        })
        .collect();
    write_fragment(d, &direction, &sections, truncated, out);
    truncated
}

/// Writes the whole text of a page whose fragment was cut, `[direction, [text, ...]]` (one text
/// per section, in the fragment's order), as JSON. A result whose excerpt shows none of its
/// matched words reads it (search/engine.js `details`): the words are somewhere on the page, and
/// the excerpt windows stored for its top words cannot foresee every combination of words a
/// query may AND together. Phrase checks read it too (results.js `verifyPhrases`).
pub(super) fn whole_text(d: &SearchDoc, out: &mut Vec<u8>) {
    out.push(b'[');
    write_json_str(out, &d.direction);
    out.extend_from_slice(b",[");
    for (i, s) in d.sections.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json_str(out, &s.text);
    }
    out.extend_from_slice(b"]]");
}

/// Characters of the direction a fragment stores.
fn direction_cap(budget: usize) -> usize {
    DIRECTION_CAP * budget / DOC_TEXT_CAP
}

/// Characters each section of page `d` stores: its share of the budget, within bounds.
fn section_cap(d: &SearchDoc, budget: usize) -> usize {
    let n = d.sections.len().max(1);
    (budget / n).clamp(SECTION_CAP_MIN, SECTION_CAP_MAX * budget / DOC_TEXT_CAP)
}

/// The fragment's JSON, from the page's own fields and its stored texts: `[url, title,
/// direction, [[anchor, heading, text], ...], cut (0 or 1), [report title, year, kind label,
/// area name or null]]` (search/results.js `display` reads it).
fn write_fragment(
    d: &SearchDoc,
    direction: &str,
    sections: &[String],
    truncated: bool,
    out: &mut Vec<u8>,
) {
    let optional = |out: &mut Vec<u8>, s: &Option<String>| match s {
        Some(s) => write_json_str(out, s),
        None => out.extend_from_slice(b"null"),
    };
    out.push(b'[');
    write_json_str(out, &d.url);
    out.push(b',');
    write_json_str(out, &d.title);
    out.push(b',');
    write_json_str(out, direction);
    out.extend_from_slice(b",[");
    for (i, (s, text)) in d.sections.iter().zip(sections).enumerate() {
        out.extend_from_slice(if i > 0 { b",[" } else { b"[" });
        optional(out, &s.anchor);
        out.push(b',');
        optional(out, &s.heading);
        out.push(b',');
        write_json_str(out, text);
        out.push(b']');
    }
    out.extend_from_slice(if truncated { b"],1,[" } else { b"],0,[" });
    // The result's report line, so that showing a result needs no table of the whole site.
    write_json_str(out, &d.report_title);
    out.push(b',');
    write_json_str(out, &d.year);
    out.push(b',');
    write_json_str(out, &d.report_kind_label);
    out.push(b',');
    optional(out, &d.area_name);
    out.extend_from_slice(b"]]");
}

/// Writes `s` as a JSON string, exactly as serde_json does (`tests.rs` compares the two): the
/// bytes JSON escapes (control characters, '"' and '\') are rare in text, so the others are
/// passed eight at a time, and copied in runs. Every page's text goes through here.
fn write_json_str(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any of the eight bytes is below `n` (at most 0x80), or is `n` itself (`zero_at`).
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH != 0;
    let zero_at = |x: u64, n: u64| below(x ^ (ONES * n), 1);
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !below(x, 0x20) && !zero_at(x, u64::from(b'"')) && !zero_at(x, u64::from(b'\\')) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x09 => b"\\t",
            0x0a => b"\\n",
            0x0c => b"\\f",
            0x0d => b"\\r",
            0..0x20 => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i - 1]);
        if short.is_empty() {
            let hex = |n: u8| b"0123456789abcdef"[usize::from(n)];
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 0xf)]);
        } else {
            out.extend_from_slice(short);
        }
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// A key word's place in `add_key_windows`'s order as one number, smaller first: its weight
/// descending (as `f32::total_cmp` orders), then its letters descending, then its first
/// occurrence ascending. (Letters beyond `u32::MAX` would count as equal: no word is that long.)
fn rank(k: &Key) -> u128 {
    // `total_cmp`'s own key: a negative number's other bits flipped, so that the bits read as
    // a signed number order as `total_cmp` does; then unsigned, in the same order.
    let bits = k.weight.to_bits() as i32;
    let total = bits ^ (((bits >> 31) as u32) >> 1) as i32;
    let weight = (total as u32) ^ 0x8000_0000;
    let letters = u32::try_from(k.letters).unwrap_or(u32::MAX);
    (u128::from(!weight) << 96) | (u128::from(!letters) << 64) | k.first as u128
}

/// A word's length in characters: its bytes that do not continue a character (10xxxxxx), counted
/// without decoding and without a branch per byte.
pub(super) fn letters(word: &str) -> usize {
    word.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Whether `text` has at most `cap` characters (counted only when its bytes do not tell).
fn fits(text: &str, cap: usize) -> bool {
    text.len() <= cap || text.chars().nth(cap).is_none()
}

/// Truncates to at most `cap` characters at a word boundary, marking the cut with "…".
pub(super) fn cap_text(text: &str, cap: usize) -> (String, bool) {
    let (cut, truncated) = cap_slice(text, cap);
    if !truncated {
        return (text.to_string(), false);
    }
    let mut out = String::with_capacity(cut.len() + '…'.len_utf8());
    out.push_str(cut);
    out.push('…');
    (out, true)
}

/// `cap_text` as a slice of `text`, without the "…": excerpts are made of such pieces, and
/// need no string of their own for each.
fn cap_slice(text: &str, cap: usize) -> (&str, bool) {
    // The byte where character `cap` starts, if the text has that many (bytes ≥ characters).
    let end = (text.len() > cap)
        .then(|| text.char_indices().nth(cap))
        .flatten();
    let Some((end, _)) = end else {
        return (text, false);
    };
    let cut = &text[..end];
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cap / 2 => &cut[..i],
        _ => cut,
    };
    (cut.trim_end(), true)
}

/// A section's stored text: whole when it fits `cap` characters, else its opening and windows
/// around its key words joined by " … ". Doc-local on purpose: the fragment depends on the page
/// alone, so `IndexCache` reuses it.
fn section_excerpt(text: &str, cap: usize, keys: Option<Vec<Key>>) -> (String, bool) {
    if fits(text, cap) {
        return (text.to_string(), false);
    }
    let layout = Layout::new(text, cap);
    let mut windows = Vec::new();
    layout.add_key_windows(keys.unwrap_or_else(|| count_keys(text)), &mut windows);
    (layout.join(windows), true)
}

/// How a cut section's `cap` characters are spent: its opening, then up to `windows` windows
/// of `window` characters each around words further on.
struct Layout<'t> {
    text: &'t str,
    /// The opening, without the "…" that `cap_text` ends a cut with.
    opening: &'t str,
    /// Where the opening ends in `text` (a byte offset).
    opening_end: usize,
    /// Characters left after the opening.
    rest: usize,
    windows: usize,
    window: usize,
}

/// A window of a section's excerpt: where it starts in the text (a byte offset), where it may
/// reach for the overlap checks, and how many characters of the text it shows.
#[derive(Clone, Copy)]
struct Window {
    from: usize,
    to: usize,
    size: usize,
}

impl<'t> Layout<'t> {
    fn new(text: &'t str, cap: usize) -> Self {
        let opening_cap = (cap as f32 * OPENING_SHARE) as usize;
        let (opening, _) = cap_slice(text, opening_cap);
        let opening = opening.trim_end_matches('…');
        let rest = cap - opening_cap.min(cap);
        let windows = (rest / MIN_WINDOW).clamp(1, KEY_WINDOWS);
        Layout {
            text,
            opening_end: opening.len(),
            opening,
            rest,
            windows,
            window: rest / windows,
        }
    }

    /// Adds windows around the heaviest of `keys` until there are `self.windows`.
    fn add_key_windows(&self, mut keys: Vec<Key>, taken: &mut Vec<Window>) {
        keys.retain(|k| k.first >= self.opening_end && k.letters >= MIN_KEY_LETTERS);
        // Heaviest first, then longer (rarer in Swedish), then earlier, as one number per key
        // (`rank`: equal weights and lengths are common, and comparing field by field branched
        // on each); ties broken by the word so that the choice does not depend on hash order.
        // Only the first few are ever tried.
        let mut ranked: Vec<(u128, u32)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (rank(k), i as u32))
            .collect();
        let order = |a: &(u128, u32), b: &(u128, u32)| {
            a.0.cmp(&b.0)
                .then_with(|| keys[a.1 as usize].word.cmp(keys[b.1 as usize].word))
        };
        if ranked.len() > CANDIDATES {
            ranked.select_nth_unstable_by(CANDIDATES - 1, order);
            ranked.truncate(CANDIDATES);
        }
        ranked.sort_unstable_by(order);
        for k in ranked.iter().map(|&(_, i)| keys[i as usize]) {
            if taken.len() >= self.windows {
                break;
            }
            if taken.iter().any(|w| k.first >= w.from && k.first < w.to) {
                continue;
            }
            // Two words of context before the key word; the window covers about `window` bytes.
            let from = words_back(self.text, k.first, 2);
            let to = next_word_start(self.text, from + self.window);
            if taken.iter().any(|w| from < w.to && w.from < to) {
                continue;
            }
            taken.push(Window {
                from,
                to,
                size: self.window,
            });
        }
    }

    /// The opening and the windows, in text order, joined by " … ".
    fn join(&self, mut windows: Vec<Window>) -> String {
        windows.sort_unstable_by_key(|w| w.from);
        // Bytes: a window's characters, most of them one byte, and the separators.
        let room = windows
            .iter()
            .map(|w| w.size + w.size / 4 + 8)
            .sum::<usize>();
        let mut out = String::with_capacity(self.opening.len() + room);
        out.push_str(self.opening);
        for w in windows {
            let (piece, _) = cap_slice(&self.text[w.from..], w.size);
            out.push_str(" … ");
            out.push_str(piece.trim_end_matches('…').trim_end());
        }
        out.push('…');
        out
    }
}

/// Key word candidates counted from the text itself: each word of `MIN_KEY_LETTERS` bytes or
/// more, with its number of occurrences as weight. Compared as written (not normalised).
fn count_keys(text: &str) -> Vec<Key<'_>> {
    let mut count: rustc_hash::FxHashMap<&str, (usize, f32)> = Default::default();
    for (s, e) in word_spans(text) {
        if e - s >= MIN_KEY_LETTERS && !is_stop_word(&text[s..e]) {
            count.entry(&text[s..e]).or_insert((s, 0.0)).1 += 1.0;
        }
    }
    count
        .into_iter()
        .map(|(word, (first, weight))| Key {
            first,
            weight,
            letters: letters(word),
            word,
        })
        .collect()
}

/// Byte ranges of the words of `text` (runs of letters and digits).
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|&(_, c)| is_word_char(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// The start of the `n`-th word before byte `at` (or the text's start).
fn words_back(text: &str, at: usize, n: usize) -> usize {
    let mut pos = at;
    let mut back = text[..at].char_indices().rev().peekable();
    for _ in 0..n {
        // Skip what separates the words, then the word itself.
        while back.next_if(|&(_, c)| !is_word_char(c)).is_some() {}
        let mut found = false;
        while let Some((i, _)) = back.next_if(|&(_, c)| is_word_char(c)) {
            pos = i;
            found = true;
        }
        if !found {
            break;
        }
    }
    pos
}

/// The start of the first word that starts at byte `at` or later, or the text's end.
fn next_word_start(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut at = at;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    // Inside a word that started before `at`: that word does not count.
    let inside = at > 0
        && text[..at].chars().next_back().is_some_and(is_word_char)
        && text[at..].chars().next().is_some_and(is_word_char);
    let mut rest = text[at..].char_indices();
    if inside {
        rest.by_ref().find(|&(_, c)| !is_word_char(c));
    }
    rest.find(|&(_, c)| is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// For each term (its postings: page position and weighted frequency), the pages that rank
/// highest for it alone, as the client ranks them (BM25's frequency and length terms from the
/// stored, rounded values; the idf is the same for all of a term's pages), ties to the earlier
/// page: `(page, term)` pairs, sorted. The page's excerpt must show these words, whatever the
/// page repeats most: a page is a top result for a word it writes once when the word is rare on
/// the site or the page short.
pub(super) fn top_results(postings: &[Vec<Posting>], lengths: &[u32]) -> Vec<(u32, u32)> {
    let dl = encode_lengths(lengths);
    // As the client holds it (a Float32Array), computed in double precision as there.
    let norm: Vec<f32> = (0..lengths.len())
        .map(|i| {
            let ratio = length_ratio(&dl, i).unwrap_or(1.0) as f64;
            (BM25_K1 as f64 * (1.0 - BM25_B as f64 + BM25_B as f64 * ratio)) as f32
        })
        .collect();
    let mut out: Vec<(u32, u32)> = postings
        .par_iter()
        .enumerate()
        .flat_map_iter(|(t, list)| {
            let mut best: Vec<(f64, u32)> = Vec::with_capacity(TOP_RESULTS + 1);
            for p in list {
                let tf = tf_of_code(tf_code(p.tf)) as f64;
                let norm = norm.get(p.doc as usize).copied().unwrap_or(1.0) as f64;
                let score = tf / (tf + norm);
                // Postings come by page, so an equal score never displaces an earlier page.
                if best.len() == TOP_RESULTS && best[TOP_RESULTS - 1].0 >= score {
                    continue;
                }
                let at = best.partition_point(|&(s, _)| s >= score);
                best.insert(at, (score, p.doc));
                best.truncate(TOP_RESULTS);
            }
            best.into_iter().map(move |(_, doc)| (doc, t as u32))
        })
        .collect();
    out.sort_unstable();
    out
}

mod must;
#[cfg(test)]
mod tests;

pub(super) use must::{Group, Stored};
