//! Stage 1 of the index build, per page: its fields normalised and tokenised once, its words
//! counted with their field weights (stop words dropped), its length for BM25, and its fragment
//! (what a result shows), with the excerpt's key words taken from the same counts, per section.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::excerpt::{fragment, letters, whole_text, Key, MIN_KEY_LETTERS, SECTION_CAP_MIN};
use super::index::{BOOST_BODY, BOOST_DIRECTION, BOOST_HEADING, BOOST_META, BOOST_TITLE};
use super::pack::gzip_fast;
use super::text::{
    for_each_token, is_stop_word, is_too_long, normalize_into, normalize_into_aligned,
};
use super::SearchDoc;

/// Stage 1 before word interning: the page's distinct words in one arena.
pub(super) struct Analysed {
    /// Each word followed by a newline, which no word holds (`words`): a build holds every
    /// page's words until all are analysed, and a list of spans would take more room than
    /// the words.
    arena: String,
    /// (word, summed field weight) per distinct word, in order of first occurrence, so that
    /// sums are added up in the same order in every build.
    pub(super) weights: Vec<(u32, f32)>,
    pub(super) length: u32,
    pub(super) fragment: Vec<u8>,
    /// The page's whole text, compressed, when its fragment was cut (`excerpt::whole_text`).
    pub(super) whole: Option<Box<[u8]>>,
}

/// One field of a page in the page's normalised text.
struct Run {
    start: usize,
    end: usize,
    boost: f32,
    /// 1-based section; 0 for the title, direction and meta line.
    section: u32,
    /// Counted in the page length for BM25 (all but the meta line).
    counts: bool,
    /// For a section's text whose byte offsets match the original (see
    /// `normalize_into_aligned`): where its key words are looked for.
    body: bool,
}

/// `budget`: characters of section text the fragment stores (`excerpt::text_budget`).
pub(super) fn analyse(d: &SearchDoc, budget: usize) -> Analysed {
    thread_local! {
        // The fragment and the whole text are written here first: the fragment is then copied
        // out at its size, and the whole text, which only gzip reads, is never allocated anew.
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let (text, runs) = normalise_fields(d);
    let counts = count_words(&text, &runs);
    let mut keys = key_words(d.sections.len(), &runs, &counts);
    let (frag, whole) = SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        let cut = fragment(d, budget, &mut keys, scratch);
        let frag = scratch.to_vec();
        let whole = cut.then(|| {
            scratch.clear();
            whole_text(d, scratch);
            gzip_fast(scratch).into_boxed_slice()
        });
        // A huge page's buffer is not kept for the rest of the build.
        if scratch.capacity() > 1 << 20 {
            *scratch = Vec::new();
        }
        (frag, whole)
    });
    drop(keys);
    into_analysed(counts, frag, whole)
}

/// Stage "normalise": all fields of a page normalised into one buffer, separated by a newline
/// (never part of a word), so that the words can be borrowed from it while counting.
fn normalise_fields(d: &SearchDoc) -> (String, Vec<Run>) {
    let size = d.title.len()
        + d.direction.len()
        + d.sections
            .iter()
            .map(|s| s.text.len() + s.heading.as_ref().map_or(0, String::len) + 2)
            .sum::<usize>()
        + 256;
    let mut text = String::with_capacity(size);
    let mut runs: Vec<Run> = Vec::new();
    // Report title, area name, year and kind: indexed at a low weight, not counted in the length.
    // First, so that every page's runs come in non-decreasing section order (see `count_words`).
    for (k, s) in [
        d.report_title.as_str(),
        d.area_name.as_deref().unwrap_or(""),
        d.year.as_str(),
        d.report_kind_label.as_str(),
    ]
    .into_iter()
    .enumerate()
    {
        if k > 0 {
            text.push(' ');
        }
        normalize_into(s, &mut text);
    }
    runs.push(Run {
        start: 0,
        end: text.len(),
        boost: BOOST_META,
        section: 0,
        counts: false,
        body: false,
    });
    text.push('\n');
    let mut push = |s: &str, boost: f32, section: u32, body: bool| {
        if !s.is_empty() {
            let start = text.len();
            let aligned = normalize_into_aligned(s, &mut text);
            runs.push(Run {
                start,
                end: text.len(),
                boost,
                section,
                counts: true,
                body: body && aligned,
            });
            text.push('\n');
        }
    };
    push(&d.title, BOOST_TITLE, 0, false);
    push(&d.direction, BOOST_DIRECTION, 0, false);
    for (i, s) in d.sections.iter().enumerate() {
        if let Some(h) = &s.heading {
            push(h, BOOST_HEADING, i as u32 + 1, false);
        }
        // Only long sections are cut to an excerpt, and only those need key words.
        let long = s.text.len() > SECTION_CAP_MIN;
        push(&s.text, BOOST_BODY, i as u32 + 1, long);
    }
    (text, runs)
}

/// A word's local id in `Counts::words`, or `STOP` for a stop word.
const STOP: u32 = u32::MAX;
/// No byte offset (`Counts::first`).
const NONE: u32 = u32::MAX;

/// Stage "tokenise and count": the page's words, each with its summed weight per section.
struct Counts<'t> {
    /// The page's distinct words (stop words left out), by local id.
    words: Vec<Cow<'t, str>>,
    /// (word, section, summed field weight), one per word and section, in order of first
    /// occurrence; a word's entries of one section are one entry, as runs come in section order.
    entries: Vec<(u32, u32, f32)>,
    /// Per entry: where the word first occurs in its section's text (a byte offset), for key
    /// words of the excerpt; NONE when not in a `body` run or too short to be a key word.
    first: Vec<u32>,
    /// Non-stop words outside the meta line, for BM25's length normalisation.
    length: u32,
}

fn count_words<'t>(text: &'t str, runs: &[Run]) -> Counts<'t> {
    // One hash lookup per word occurrence: the word's local id, or STOP for a stop word. Sized
    // for the page up front: growing it rehashed every word several times.
    let mut local: FxHashMap<WordKey, u32> =
        FxHashMap::with_capacity_and_hasher(text.len() / 12 + 16, Default::default());
    let mut c = Counts {
        words: Vec::with_capacity(text.len() / 12 + 16),
        entries: Vec::with_capacity(text.len() / 12),
        first: Vec::with_capacity(text.len() / 12),
        length: 0,
    };
    // Per local word: its latest entry.
    let mut last: Vec<u32> = Vec::with_capacity(c.words.capacity());
    for run in runs {
        let run_text = &text[run.start..run.end];
        for_each_token(run_text, |word, parts| {
            let at_byte = match &word {
                Cow::Borrowed(w) if run.body && w.len() >= MIN_KEY_LETTERS => {
                    (w.as_ptr() as usize - run_text.as_ptr() as usize) as u32
                }
                _ => NONE,
            };
            let id = intern(word, &mut local, &mut c.words);
            if id == STOP {
                return;
            }
            if run.counts {
                c.length += 1;
            }
            for p in parts {
                intern(Cow::Borrowed(p), &mut local, &mut c.words);
            }
            if last.len() <= id as usize {
                last.resize(id as usize + 1, u32::MAX);
            }
            let at = last[id as usize];
            if at != u32::MAX && c.entries[at as usize].1 == run.section {
                c.entries[at as usize].2 += run.boost;
                if c.first[at as usize] == NONE {
                    c.first[at as usize] = at_byte;
                }
            } else {
                last[id as usize] = c.entries.len() as u32;
                c.entries.push((id, run.section, run.boost));
                c.first.push(at_byte);
            }
        });
    }
    c
}

/// A word's local id, given on its first occurrence (one hash and probe per occurrence).
fn intern<'t>(
    w: Cow<'t, str>,
    local: &mut FxHashMap<WordKey<'t>, u32>,
    words: &mut Vec<Cow<'t, str>>,
) -> u32 {
    match local.entry(WordKey(w)) {
        Entry::Occupied(e) => *e.get(),
        Entry::Vacant(e) => {
            let id = if is_stop_word(&e.key().0) || is_too_long(&e.key().0) {
                STOP
            } else {
                words.push(e.key().0.clone());
                words.len() as u32 - 1
            };
            *e.insert(id)
        }
    }
}

/// A word as the key of the map of a page's words (one lookup per word of the site): compared
/// eight bytes at a time in place, where comparing `str`s calls memcmp for every probe that
/// meets a slot of the same tag, and words are a few bytes. Hashed as a `str`.
#[derive(Clone, Hash)]
struct WordKey<'t>(Cow<'t, str>);

impl PartialEq for WordKey<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        same_bytes(self.0.as_bytes(), other.0.as_bytes())
    }
}

impl Eq for WordKey<'_> {}

#[inline]
fn same_bytes(mut a: &[u8], mut b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    while let (Some((x, rest_a)), Some((y, rest_b))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if u64::from_ne_bytes(*x) != u64::from_ne_bytes(*y) {
            return false;
        }
        (a, b) = (rest_a, rest_b);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// Key word candidates per section, from the counts (entries of one section are contiguous);
/// None where the section's offsets do not match its text: the excerpt counts them there.
fn key_words<'c>(sections: usize, runs: &[Run], c: &'c Counts) -> Vec<Option<Vec<Key<'c>>>> {
    // Each section's list at its size, counted first: a list grown key by key was copied over
    // and over.
    let mut sizes = vec![0usize; sections];
    for (e, &at) in c.entries.iter().zip(&c.first) {
        if at != NONE {
            if let Some(n) = sizes.get_mut(e.1 as usize - 1) {
                *n += 1;
            }
        }
    }
    let mut keys: Vec<Option<Vec<Key>>> = vec![None; sections];
    for run in runs.iter().filter(|r| r.body) {
        let i = run.section as usize - 1;
        keys[i] = Some(Vec::with_capacity(sizes[i]));
    }
    for (e, &at) in c.entries.iter().zip(&c.first) {
        if at == NONE {
            continue;
        }
        if let Some(Some(list)) = keys.get_mut(e.1 as usize - 1) {
            let word = &*c.words[e.0 as usize];
            list.push(Key {
                first: at as usize,
                weight: e.2,
                letters: letters(word),
                word,
            });
        }
    }
    keys
}

impl Analysed {
    /// The page's distinct words, in order: a word's number in `weights` is its place here.
    pub(super) fn words(&self) -> impl Iterator<Item = &str> {
        // A word is a few bytes: a plain scan finds its newline sooner than a general search.
        let mut rest = self.arena.as_str();
        std::iter::from_fn(move || {
            let end = rest.bytes().position(|b| b == b'\n')?;
            let word = &rest[..end];
            rest = &rest[end + 1..];
            Some(word)
        })
    }

    /// Appends the page's words, weights and length to `out` as `decode_words` reads them (a
    /// one-off build keeps them in a scratch file until every page is analysed, and its
    /// fragment and whole text beside them: `cache::spill`).
    pub(super) fn encode_words(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.arena.len() as u32).to_le_bytes());
        out.extend_from_slice(self.arena.as_bytes());
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        for (w, f) in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&f.to_le_bytes());
        }
        out.extend_from_slice(&self.length.to_le_bytes());
    }

    /// The analysis `encode_words` wrote, without fragment or whole text; None when `bytes`
    /// are not such.
    pub(super) fn decode_words(bytes: &[u8]) -> Option<Analysed> {
        let mut rest = bytes;
        let arena_len = take_u32(&mut rest)? as usize;
        let (arena, mut rest) = split(rest, arena_len)?;
        let arena = String::from_utf8(arena.to_vec()).ok()?;
        let n = take_u32(&mut rest)? as usize;
        let (pairs, mut rest) = split(rest, n.checked_mul(8)?)?;
        let weights = (pairs.chunks_exact(8))
            .map(|p| {
                let w = u32::from_le_bytes(p[..4].try_into().unwrap_or_default());
                let f = f32::from_le_bytes(p[4..].try_into().unwrap_or_default());
                (w, f)
            })
            .collect();
        let length = take_u32(&mut rest)?;
        Some(Analysed {
            arena,
            weights,
            length,
            fragment: Vec::new(),
            whole: None,
        })
    }
}

/// `bytes` cut at `at`; None when shorter.
fn split(bytes: &[u8], at: usize) -> Option<(&[u8], &[u8])> {
    (at <= bytes.len()).then(|| bytes.split_at(at))
}

/// The little-endian u32 `bytes` start with, taken off them.
fn take_u32(bytes: &mut &[u8]) -> Option<u32> {
    let (head, tail) = bytes.split_first_chunk::<4>()?;
    *bytes = tail;
    Some(u32::from_le_bytes(*head))
}

/// The page's words in one arena, each with its weights in all sections summed (the index does
/// not tell sections apart).
fn into_analysed(c: Counts, fragment: Vec<u8>, whole: Option<Box<[u8]>>) -> Analysed {
    let mut arena = String::with_capacity(c.words.iter().map(|w| w.len() + 1).sum());
    for w in &c.words {
        debug_assert!(!w.contains('\n'), "a word never holds a newline");
        arena.push_str(w);
        arena.push('\n');
    }
    let mut sum = vec![0.0f32; c.words.len()];
    let mut weights = Vec::with_capacity(c.words.len());
    for &(w, _, f) in &c.entries {
        if sum[w as usize] == 0.0 {
            weights.push((w, 0.0));
        }
        sum[w as usize] += f;
    }
    for (w, f) in &mut weights {
        *f = sum[*w as usize];
    }
    Analysed {
        arena,
        weights,
        length: c.length,
        fragment,
        whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, area: &str, title: &str, body: &str) -> SearchDoc {
        crate::search::one_section_page(url, area, title, "", "Genomfört", body)
    }

    #[test]
    fn word_keys_are_equal_exactly_when_the_words_are() {
        let key = |w: &str| WordKey(Cow::Owned(w.to_string()));
        let words = [
            "",
            "a",
            "ab",
            "skolfrån",
            "skolfrånvaro",
            "skolfrånvarn",
            "åäö",
            "åäö-x",
        ];
        for a in words {
            for b in words {
                assert_eq!(key(a) == key(b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn fragments_show_key_words_found_while_tokenising() {
        let filler = "Det går bra i år. ".repeat(12);
        let body = |accent: &str| {
            format!("{filler}Skolskjutsrutinerna ses över{accent}. Skolskjutsrutinerna gäller. {filler}")
        };
        // Plain Swedish text uses the tokeniser's counts; "café" shifts byte offsets, so that
        // section's key words are counted from its own text instead. Both show the key word.
        for accent in ["", " på café"] {
            let doc = page("a/", "omr", "Rubrik", &body(accent));
            let frag =
                String::from_utf8(analyse(&doc, crate::search::excerpt::DOC_TEXT_CAP).fragment)
                    .unwrap();
            assert!(
                frag.contains("Skolskjutsrutinerna ses över"),
                "{accent:?}: {frag}"
            );
        }
    }
}
