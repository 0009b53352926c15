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
/// Added to the weight of a word the page is a top result for: above any count.
const MUST_WEIGHT: f32 = 1.0e6;
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
/// has, while tokenising); None has them counted here. `must`: words (normalised) that get
/// their windows first, the words the page is a top result for (see `top_results`).
pub(super) fn fragment(
    d: &SearchDoc,
    budget: usize,
    keys: &mut [Option<Vec<Key>>],
    must: &[&str],
    out: &mut Vec<u8>,
) {
    let scale = |cap: usize| cap * budget / DOC_TEXT_CAP;
    let (direction, mut truncated) = cap_text(&d.direction, scale(DIRECTION_CAP));
    let n = d.sections.len().max(1);
    let per_section = (budget / n).clamp(SECTION_CAP_MIN, scale(SECTION_CAP_MAX));
    let sections: Vec<(&Option<String>, &Option<String>, String)> = d
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let known = keys.get_mut(i).and_then(Option::take);
            let (text, cut) = section_excerpt(&s.text, per_section, known, must);
            truncated |= cut;
            (&s.anchor, &s.heading, text)
        })
        .collect();
    let v = (&d.url, &d.title, direction, sections, truncated as u8);
    // Serialising strings and numbers into a Vec cannot fail.
    serde_json::to_writer(out, &v).unwrap_or_default();
}

/// A word's length in characters; most Swedish words are ASCII, where that is its bytes.
pub(super) fn letters(word: &str) -> usize {
    if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    }
}

/// Whether `text` has at most `cap` characters (counted only when its bytes do not tell).
fn fits(text: &str, cap: usize) -> bool {
    text.len() <= cap || text.chars().nth(cap).is_none()
}

/// Truncates to at most `cap` characters at a word boundary, marking the cut with "…".
pub(super) fn cap_text(text: &str, cap: usize) -> (String, bool) {
    // The byte where character `cap` starts, if the text has that many (bytes ≥ characters).
    let end = (text.len() > cap)
        .then(|| text.char_indices().nth(cap))
        .flatten();
    let Some((end, _)) = end else {
        return (text.to_string(), false);
    };
    let cut = &text[..end];
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cap / 2 => &cut[..i],
        _ => cut,
    };
    (format!("{}…", cut.trim_end()), true)
}

/// A section's stored text: whole when it fits `cap` characters, else its opening and windows
/// around its key words joined by " … ". Doc-local on purpose: the fragment depends on the page
/// alone, so `IndexCache` reuses it.
fn section_excerpt(
    text: &str,
    cap: usize,
    keys: Option<Vec<Key>>,
    must: &[&str],
) -> (String, bool) {
    if fits(text, cap) {
        return (text.to_string(), false);
    }
    let opening_cap = (cap as f32 * OPENING_SHARE) as usize;
    let (opening, _) = cap_text(text, opening_cap);
    let mut out = opening.trim_end_matches('…').to_string();
    // Byte offset where the opening ends in `text` (the "…" is not part of the text).
    let opening_end = out.len();
    let rest = cap - opening_cap.min(cap);
    let windows = (rest / MIN_WINDOW).clamp(1, KEY_WINDOWS);
    let window = rest / windows;

    let mut keys = keys.unwrap_or_else(|| count_keys(text));
    keys.retain(|k| k.first >= opening_end && k.letters >= MIN_KEY_LETTERS);
    if !must.is_empty() {
        for k in &mut keys {
            let lower = k.word.chars().flat_map(char::to_lowercase);
            if must.iter().any(|m| lower.clone().eq(m.chars())) {
                k.weight += MUST_WEIGHT;
            }
        }
    }
    // Heaviest first, then longer (rarer in Swedish), then earlier; ties broken by the word so
    // that the choice does not depend on hash order. Only the first few are ever tried.
    let order = |a: &Key, b: &Key| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| b.letters.cmp(&a.letters))
            .then_with(|| a.first.cmp(&b.first))
            .then_with(|| a.word.cmp(b.word))
    };
    if keys.len() > CANDIDATES {
        keys.select_nth_unstable_by(CANDIDATES - 1, order);
        keys.truncate(CANDIDATES);
    }
    keys.sort_unstable_by(order);
    let mut spans: Vec<(usize, usize)> = Vec::new(); // byte ranges taken
    for k in keys {
        if spans.len() == windows {
            break;
        }
        if spans.iter().any(|&(a, b)| k.first >= a && k.first < b) {
            continue;
        }
        // Two words of context before the key word; the window covers about `window` bytes.
        let from = words_back(text, k.first, 2);
        let to = next_word_start(text, from + window);
        if spans.iter().any(|&(a, b)| from < b && a < to) {
            continue;
        }
        spans.push((from, to));
    }
    spans.sort_unstable();
    for (from, _) in spans {
        let (piece, _) = cap_text(&text[from..], window);
        out.push_str(" … ");
        out.push_str(piece.trim_end_matches('…').trim_end());
    }
    out.push('…');
    (out, true)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sections_keep_their_key_words() {
        let filler = "Arbetet fortsätter enligt plan under året. ".repeat(20);
        let text = format!(
            "{filler}Skolskjutsrutinerna ses över. Skolskjutsrutinerna gäller alla. {filler}"
        );
        let (stored, cut) = section_excerpt(&text, 300, None, &[]);
        assert!(cut);
        assert!(stored.chars().count() <= 300 + 3 * 3 + 1, "{stored}");
        assert!(stored.starts_with("Arbetet fortsätter"), "{stored}");
        assert!(stored.contains("Skolskjutsrutinerna"), "{stored}");
        let (short, cut) = section_excerpt("Kort text.", 300, None, &[]);
        assert_eq!((short.as_str(), cut), ("Kort text.", false));
        // Any text, however odd, gives a bounded excerpt without panicking.
        let odd = "ååå – é\u{ad}x ".repeat(200) + &"😀ord".repeat(100);
        let (o, _) = section_excerpt(&odd, 120, None, &[]);
        assert!(o.chars().count() <= 120 + 3 * 3 + 1);
    }

    #[test]
    fn short_budgets_get_one_readable_window_not_three_fragments() {
        let text = format!(
            "{} Elevhälsoteamet har träffat alla mentorer. Elevhälsoteamet ses igen. {}",
            "Det går bra i år. ".repeat(8),
            "Det går bra i år. ".repeat(8)
        );
        let (stored, _) = section_excerpt(&text, 120, None, &[]);
        assert_eq!(stored.matches(" … ").count(), 1, "{stored}");
        assert!(stored.contains("Elevhälsoteamet har träffat"), "{stored}");
    }

    #[test]
    fn keys_from_the_caller_choose_the_windows() {
        let text = "Inledning om läget. ".repeat(10) + "Fritidsgården öppnar. Simhallen stänger.";
        let at = |w: &str| text.find(w).unwrap();
        let keys = vec![
            Key {
                first: at("Fritidsgården"),
                weight: 1.0,
                letters: 13,
                word: "fritidsgården",
            },
            Key {
                first: at("Simhallen"),
                weight: 5.0,
                letters: 9,
                word: "simhallen",
            },
        ];
        let (stored, _) = section_excerpt(&text, 120, Some(keys), &[]);
        assert!(
            stored.contains("Simhallen"),
            "the heavier key wins: {stored}"
        );
    }

    #[test]
    fn small_sites_store_their_sections_whole() {
        assert!(text_budget(25) >= 100_000);
        assert_eq!(text_budget(10_000), DOC_TEXT_CAP);
        assert_eq!(text_budget(0), text_budget(1));
        // A long section: whole on a small site, an excerpt on a large one.
        let text = "Inledning om läget i verksamheten. ".repeat(40) + "Simhallen stänger.";
        let mut page = crate::search::one_section_page("a/", "a", "Titel", "", "Rubrik", &text);
        page.sections[0].anchor = None;
        let stored = |budget: usize| {
            let mut out = Vec::new();
            fragment(&page, budget, &mut [None], &[], &mut out);
            String::from_utf8(out).unwrap()
        };
        assert!(stored(text_budget(25)).contains(&text));
        assert!(stored(text_budget(10_000)).len() < text.len() / 3);
    }

    #[test]
    fn a_page_shows_the_words_it_is_a_top_result_for() {
        // Each section repeats its own words; "kameraövervakning" is written once, late.
        let section = |i: usize, extra: &str| {
            let filler = "Det går bra i år. ".repeat(6);
            format!(
                "{filler} Där arbetslag{i} och arbetslag{i} planerar. {filler} {extra} {filler}"
            )
        };
        let mut page = crate::search::one_section_page("a/", "a", "Titel", "", "Rubrik", "");
        page.sections = (0..8)
            .map(|i| crate::markdown::Section {
                heading: Some(format!("Avsnitt {i}")),
                anchor: None,
                text: section(
                    i,
                    if i == 5 {
                        "Kameraövervakning införs."
                    } else {
                        ""
                    },
                ),
            })
            .collect();
        let stored = |must: &[&str]| {
            let mut out = Vec::new();
            fragment(&page, DOC_TEXT_CAP, &mut vec![None; 8], must, &mut out);
            String::from_utf8(out).unwrap()
        };
        assert!(
            !stored(&[]).contains("Kameraövervakning"),
            "{}",
            stored(&[])
        );
        let shown = stored(&["kameraövervakning"]);
        assert!(shown.contains("Kameraövervakning införs"), "{shown}");
        assert!(
            shown.len() <= stored(&[]).len() + 40,
            "the same budget: {shown}"
        );
    }

    #[test]
    fn top_results_are_the_pages_that_rank_first_for_a_word_alone() {
        let p = |doc: u32, tf: f32| Posting { doc, tf };
        // Term 0: the short page 3 with the word once beats the long pages with it twice; the
        // equal pages 5..=9 go by page order. Term 1: fewer pages than places.
        let mut lengths = vec![400u32; 10];
        lengths[3] = 40;
        let postings = vec![
            vec![
                p(0, 2.0),
                p(1, 2.0),
                p(3, 1.0),
                p(5, 1.0),
                p(6, 1.0),
                p(7, 1.0),
                p(9, 1.0),
            ],
            vec![p(2, 1.0)],
        ];
        let top = top_results(&postings, &lengths);
        let pages = |term: u32| -> Vec<u32> {
            top.iter()
                .filter(|(_, t)| *t == term)
                .map(|(d, _)| *d)
                .collect()
        };
        assert_eq!(pages(0), [0, 1, 3, 5, 6]);
        assert!(top.contains(&(3, 0)));
        assert_eq!(pages(1), [2]);
        assert!(top_results(&[], &[]).is_empty());
    }

    /// Pages long enough to be stored as excerpts: each repeats its own words, and page 7
    /// writes "kameraövervakning" once, deep inside, so it is the one page found by it.
    fn long_pages(n: usize, edit: &str) -> Vec<SearchDoc> {
        (0..n)
            .map(|i| {
                let filler = format!("Arbetslag{i} och rektorerna planerar läsåret vidare. ");
                // Then blocks of words repeated more than any window can cover.
                let later: String = (0..6)
                    .map(|k| format!("Delmoment{k} behandlas grundligt. ").repeat(80))
                    .collect();
                let extra = if i == 7 {
                    "Kameraövervakning införs i år. "
                } else {
                    ""
                };
                let (a, b) = (filler.repeat(300), filler.repeat(50));
                let body = format!("{a}{extra}{b}{later}{edit}");
                let url = format!("p{i}/");
                crate::search::one_section_page(&url, "a", "Sida", "", "Läget", &body)
            })
            .collect()
    }

    fn fragments(files: &[crate::output::OutputFile]) -> String {
        let x = files.iter().filter(|f| f.path.starts_with("search/x/"));
        x.map(|f| String::from_utf8_lossy(&f.contents).into_owned())
            .collect()
    }

    #[test]
    fn the_index_shows_a_word_on_the_page_found_by_it_also_after_a_rebuild() {
        let docs = long_pages(170, "");
        assert!(docs[7].sections[0].text.len() > text_budget(docs.len()));
        let shown = fragments(&crate::search::index_files(docs.clone()));
        assert!(
            shown.contains("Kameraövervakning införs"),
            "not in the excerpts"
        );
        // serve's cache, a page edited: the same bytes as a fresh build of the edited pages.
        let mut cache = crate::search::IndexCache::new();
        cache.build(&docs);
        let mut edited = docs.clone();
        edited[3] = long_pages(4, "Kameraövervakning planeras. ").remove(3);
        let rebuilt = cache.build(&edited);
        let fresh = crate::search::IndexCache::new().build(&edited);
        let bytes = |f: &[crate::output::OutputFile]| -> Vec<(String, Vec<u8>)> {
            let mut v: Vec<_> = f
                .iter()
                .map(|f| (f.path.clone(), f.contents.clone()))
                .collect();
            v.sort();
            v
        };
        assert!(
            bytes(&rebuilt) == bytes(&fresh),
            "a rebuild differs from a fresh build"
        );
    }

    #[test]
    fn word_positions() {
        let t = "Ett två, tre-fyra  fem";
        assert_eq!(
            words_back(t, t.find("fem").unwrap(), 2),
            t.find("tre").unwrap()
        );
        assert_eq!(words_back(t, t.find("två").unwrap(), 5), 0);
        assert_eq!(
            next_word_start(t, 1),
            t.find("två").unwrap(),
            "inside a word: the next"
        );
        assert_eq!(next_word_start(t, 3), t.find("två").unwrap());
        assert_eq!(next_word_start(t, 100), t.len());
        let w: Vec<&str> = word_spans(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["Ett", "två", "tre", "fyra", "fem"]);
    }

    #[test]
    fn text_is_capped_at_word_boundaries() {
        let (t, cut) = cap_text("ett två tre fyra", 9);
        assert_eq!((t.as_str(), cut), ("ett två…", true));
        let (t, cut) = cap_text("kort", 9);
        assert_eq!((t.as_str(), cut), ("kort", false));
        let (t, _) = cap_text("ååååååååååååå", 5);
        assert_eq!(t, "ååååå…", "cuts by characters, never inside one");
    }
}
