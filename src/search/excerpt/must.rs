//! The second look at a page's fragment, once the whole site's postings tell which words the
//! page is a top result for (`top_results`): whether its stored text shows one of them for each,
//! and if not, the fragment made again with a window around such a word.
//!
//! Only the sections that hold a missing word are excerpted again; the others keep the text the
//! first pass stored (its key words are gone by then, and counting them again for every section
//! of every such page cost about a sixth of a one-off build's CPU).

use serde::Deserialize;

use super::{cap_text, letters, section_cap, words_back, write_fragment, Layout, Window};
use crate::search::text::{is_word_char, normalize, normalize_into, normalize_into_aligned};
use crate::search::SearchDoc;

/// Characters of a window around a word the page must show, at least, when a section must show
/// more such words than its layout has windows for: with two words before it, enough for most
/// words of a Swedish text; a longer word gets what it needs.
const MUST_WINDOW: usize = 40;

/// The words (normalised) of a page that would each mark one term in a result, as the client
/// marks (search/highlight.js `isMatch`): showing any one of them shows the term.
pub(in crate::search) type Group<'w> = Vec<&'w str>;

/// A fragment as the first pass stored it (see `write_fragment`).
#[derive(Deserialize)]
pub(in crate::search) struct Stored {
    _url: String,
    _title: String,
    direction: String,
    sections: Vec<(Option<String>, Option<String>, String)>,
    cut: u8,
    _line: (String, String, String, Option<String>),
}

impl Stored {
    pub(in crate::search) fn parse(fragment: &[u8]) -> Option<Stored> {
        serde_json::from_slice(fragment).ok()
    }

    /// The positions in `groups` of those the stored text shows no word of. What a result's
    /// excerpt can show: the direction, the sections' headings and texts (not the title, which
    /// the result shows apart).
    pub(in crate::search) fn unshown(&self, groups: &[Group]) -> Vec<usize> {
        let shown = self.visible(|_| true);
        (0..groups.len())
            .filter(|&g| !groups[g].iter().any(|w| find_word(&shown, w).is_some()))
            .collect()
    }

    /// The stored text a result's excerpt can show, normalised: the direction, the sections'
    /// headings, and the texts of the sections `text(i)` picks.
    fn visible(&self, text: impl Fn(usize) -> bool) -> String {
        let mut shown = String::with_capacity(1024);
        normalize_into(&self.direction, &mut shown);
        for (i, (_, heading, stored)) in self.sections.iter().enumerate() {
            shown.push('\n');
            normalize_into(heading.as_deref().unwrap_or(""), &mut shown);
            if text(i) {
                shown.push('\n');
                normalize_into(stored, &mut shown);
            }
        }
        shown
    }

    /// Page `d`'s fragment made again so that it shows a word of each of `groups` (best first),
    /// those at `unshown` (see `unshown`) too where its sections' text holds one: each such word
    /// gets a window in the first section that writes it, and a section excerpted again keeps
    /// a window for each word of `groups` that only it showed. False when no section writes a
    /// word of the unshown groups (a word only in the title or the report's name): then the
    /// stored fragment stands.
    pub(in crate::search) fn show(
        &self,
        d: &SearchDoc,
        budget: usize,
        groups: &[Group],
        unshown: &[usize],
        out: &mut Vec<u8>,
    ) -> bool {
        if self.sections.len() != d.sections.len() {
            return false;
        }
        // Per section: where the words to show are (byte range in its text), best first.
        let mut wanted: Vec<Vec<(usize, usize)>> = vec![Vec::new(); d.sections.len()];
        let mut texts: Vec<Option<Normalised>> = (0..d.sections.len()).map(|_| None).collect();
        let mut place =
            |g: &Group, wanted: &mut Vec<Vec<(usize, usize)>>, only: &dyn Fn(usize) -> bool| {
                let found = d.sections.iter().enumerate().find_map(|(i, s)| {
                    // A section stored whole shows all its words already.
                    if !only(i) || self.sections[i].2 == s.text {
                        return None;
                    }
                    let norm = texts[i].get_or_insert_with(|| Normalised::new(&s.text));
                    g.iter()
                        .find_map(|w| norm.find(&s.text, w))
                        .map(|at| (i, at))
                });
                if let Some((i, at)) = found {
                    wanted[i].push(at);
                }
            };
        for &g in unshown {
            place(&groups[g], &mut wanted, &|_| true);
        }
        if wanted.iter().all(Vec::is_empty) {
            return false;
        }
        // The words shown before, by a section now excerpted again and by nothing else.
        let redone: Vec<bool> = wanted.iter().map(|w| !w.is_empty()).collect();
        let kept = self.visible(|i| !redone[i]);
        let stored: Vec<(usize, String)> = (0..redone.len())
            .filter(|&i| redone[i])
            .map(|i| (i, normalize(&self.sections[i].2)))
            .collect();
        for (g, group) in groups.iter().enumerate() {
            if unshown.contains(&g) || group.iter().any(|w| find_word(&kept, w).is_some()) {
                continue;
            }
            let showed = |i: usize| {
                stored
                    .iter()
                    .any(|(j, text)| *j == i && group.iter().any(|w| find_word(text, w).is_some()))
            };
            place(group, &mut wanted, &showed);
        }
        let cap = section_cap(d, budget);
        let sections: Vec<String> = d
            .sections
            .iter()
            .zip(&self.sections)
            .zip(&wanted)
            .map(|((s, stored), want)| {
                if want.is_empty() {
                    stored.2.clone()
                } else {
                    section_showing(&s.text, cap, want)
                }
            })
            .collect();
        write_fragment(d, &self.direction, &sections, self.cut != 0, out);
        true
    }
}

/// A section's text normalised, and whether its byte offsets are those of the text.
struct Normalised {
    text: String,
    aligned: bool,
}

impl Normalised {
    fn new(text: &str) -> Self {
        let mut norm = String::with_capacity(text.len());
        let aligned = normalize_into_aligned(text, &mut norm);
        Normalised {
            text: norm,
            aligned,
        }
    }

    /// Where `word` (normalised) first occurs in `original` as a whole word: its byte range.
    fn find(&self, original: &str, word: &str) -> Option<(usize, usize)> {
        if self.aligned {
            return find_word(&self.text, word).map(|at| (at, at + word.len()));
        }
        // Offsets moved (an accent folded, a soft hyphen dropped): word by word in the text as
        // written. Rare, so simple; a hyphenated word is several words here and not found.
        super::word_spans(original).find(|&(s, e)| normalize(&original[s..e]) == word)
    }
}

/// The first occurrence of `word` in `text` that is a whole word (no letter or digit either
/// side): a byte offset.
fn find_word(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let finder = memchr::memmem::Finder::new(word.as_bytes());
    finder.find_iter(text.as_bytes()).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// A cut section's stored text with a window around each word of `must` (byte ranges, best
/// first) that its opening does not show, then windows around its key words as far as the
/// layout has room. When it must show more words than the layout has windows, each gets a
/// smaller window of its own (at least `MUST_WINDOW`): the section grows a little beyond its
/// share rather than show a result without its word.
fn section_showing(text: &str, cap: usize, must: &[(usize, usize)]) -> String {
    let layout = Layout::new(text, cap);
    let beyond: Vec<(usize, usize)> = must
        .iter()
        .copied()
        .filter(|&(at, _)| at >= layout.opening_end)
        .collect();
    let size = if beyond.len() <= layout.windows {
        layout.window
    } else {
        (layout.rest / beyond.len()).max(MUST_WINDOW)
    };
    let mut taken: Vec<Window> = Vec::new();
    for (at, end) in beyond {
        if taken.iter().any(|w| w.from <= at && end <= w.to) {
            continue;
        }
        // Two words of context before the word, but not again what a window shows already.
        let mut from = words_back(text, at, 2);
        if let Some(w) = taken.iter().find(|w| w.from <= from && from < w.to) {
            from = super::next_word_start(text, w.to).min(at);
        }
        // Room for the word; a cut backs up to a space, so more when the word ends short of one.
        let mut size = size.max(letters(&text[from..end]) + 1);
        let to = loop {
            let (piece, _) = cap_text(&text[from..], size);
            let to = from + piece.trim_end_matches('…').len();
            if to >= end || size >= text.len() {
                break to;
            }
            size += MUST_WINDOW / 2;
        };
        taken.push(Window { from, to, size });
    }
    if taken.len() < layout.windows {
        layout.add_key_windows(super::count_keys(text), &mut taken);
    }
    layout.join(taken)
}
