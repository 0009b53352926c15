//! Compound splitting against the site's own vocabulary.
//!
//! Swedish writes compounds as one word: "skolfrånvaro", "sjukfrånvaron", "elevpengen". A resident
//! who searches "frånvaro" expects those pages too. No general Swedish dictionary ships with the
//! generator; instead a word is split when its parts are words that the site itself uses, so the
//! splits follow the committee's own language. Parts are indexed at a lower weight than the word.

use rustc_hash::{FxHashMap, FxHashSet};

use super::text::{is_stop_word, stem, with_stem};

/// Shortest part we accept; shorter pieces ("år", "el") split far too many words by accident.
const MIN_PART: usize = 3;
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö')
}

/// Words shorter than this are not split at all.
const MIN_WORD: usize = 7;
/// More parts than this is almost always a mis-split of a long word.
const MAX_PARTS: usize = 4;
/// Words longer than this are neither split nor parts: no Swedish compound of four parts comes
/// near it, and a longer run of letters is not language (a pasted code, a table without its
/// spaces) whose splitting would look up every piece of it, quadratic in its length: a word of
/// some 100,000 letters held the build for seconds, of 450,000 for minutes.
const MAX_SPLIT: usize = 64;
/// A head found without a known modifier must be at least this long: "sjuk|frånvaron" splits even
/// when "sjuk" never occurs alone, but short heads ("|varon") would split words at random.
const MIN_LONE_HEAD: usize = 6;
/// Inflectional endings a final part may carry beyond a known word: "frånvaro" is known, so the head
/// "frånvaron" of "sjukfrånvaron" is accepted even when the site never writes "frånvaron" alone.
pub(super) const HEAD_ENDINGS: &[&str] = &[
    "n", "en", "na", "et", "er", "ar", "or", "s", "ns", "ens", "ets", "t", "a", "e",
];

/// The words a compound may be split into: every (non-stop) word of the site and its stem.
///
/// Kept up to date word by word (`add`, `remove`) so that `uppsikt serve` can rebuild the index
/// after one page changes without rebuilding the vocabulary: both return the entries that appeared
/// or disappeared, and only words containing one of them can split differently (every lookup of
/// `split`, `is_head` and `base` is of a substring of the word: Snowball Swedish only removes
/// suffixes, so a stem is a prefix).
#[derive(Default)]
pub struct Vocabulary {
    /// Words and their stems, each with the number of present words that put it there.
    known: FxHashMap<Box<str>, u32>,
    /// Words as written (normalised), for base forms.
    words: FxHashSet<Box<str>>,
}

impl Vocabulary {
    /// `words` are normalised words; stop words and words unfit as parts are left out.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v = Vocabulary::default();
        for w in words {
            v.add(w, &mut Vec::new());
        }
        v
    }

    /// The stem under which `w` is known, when `w` may be a part at all.
    fn entry(w: &str) -> Option<Option<String>> {
        // Stop words are never parts: "från" + "varo" is not what "frånvaro" means.
        let n = w.chars().count();
        if !(MIN_PART..=MAX_SPLIT).contains(&n)
            || !w.chars().all(char::is_alphabetic)
            || is_stop_word(w)
        {
            return None;
        }
        let s = stem(w);
        Some((s.chars().count() >= MIN_PART && s != w).then_some(s))
    }

    /// Adds a word that is now used by the site (each distinct word once). Pushes to `changed`
    /// the entries that were not known before, and the word itself (`term` and `base` of the
    /// words containing it may change even when it was known as another word's stem).
    pub fn add(&mut self, w: &str, changed: &mut Vec<Box<str>>) {
        let Some(s) = Self::entry(w) else { return };
        if !self.words.insert(w.into()) {
            return;
        }
        for k in std::iter::once(w).chain(s.as_deref()) {
            // A new key only when the entry is new: most stems are known already.
            if let Some(n) = self.known.get_mut(k) {
                *n += 1;
                if k == w {
                    changed.push(k.into());
                }
            } else {
                self.known.insert(k.into(), 1);
                changed.push(k.into());
            }
        }
    }

    /// Removes a word the site no longer uses. Pushes to `changed` the entries no longer known,
    /// and the word itself (see `add`).
    pub fn remove(&mut self, w: &str, changed: &mut Vec<Box<str>>) {
        let Some(s) = Self::entry(w) else { return };
        if !self.words.remove(w) {
            return;
        }
        for k in std::iter::once(w).chain(s.as_deref()) {
            if let Some(n) = self.known.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    self.known.remove(k);
                    changed.push(k.into());
                } else if k == w {
                    changed.push(k.into());
                }
            }
        }
    }

    /// The term a word is indexed under: its Snowball stem, or the stem of that stem when the
    /// site knows it. Snowball is not idempotent: it strips "-ernas" from "myndigheternas" and
    /// leaves "myndighet", which it would itself stem to "mynd", the stem of "myndighet",
    /// "myndigheten" and "myndigheter"; likewise "blommors" → "blommor" → "blomm". Stemming
    /// twice everywhere over-stems ("dansa" → "dans" → "dan"), so the second step is taken only
    /// when its result is a word or stem of the site. The decision depends on the first stem
    /// alone, so all words with one stem get one term, and the term of that first stem never
    /// exists: the client looks up the first stem and, when absent, the second (search/query.js
    /// `termsFor`).
    pub fn term(&self, word: &str) -> String {
        let s = stem(word);
        let again = with_stem(&s, |again| {
            (again != s && self.known.contains_key(again)).then(|| again.to_string())
        });
        again.unwrap_or(s)
    }

    fn is_head(&self, part: &str) -> bool {
        if self.known.contains_key(part) || with_stem(part, |s| self.known.contains_key(s)) {
            return true;
        }
        HEAD_ENDINGS.iter().any(|e| {
            part.strip_suffix(e).is_some_and(|base| {
                base.chars().count() > MIN_PART && self.known.contains_key(base)
            })
        })
    }

    /// A known, vowel-final word that `word` inflects with an ending the stemmer leaves alone:
    /// "frånvaron" → "frånvaro", "hyran" → "hyra". Snowball keeps "frånvaron" whole, so without
    /// this a resident's "frånvaro" would miss pages that only say "frånvaron". Only words of the
    /// site count as bases, and only when the stems differ (else stemming already joined them).
    /// The client applies the same rule to query words (search/query.js `baseStems`, with the endings
    /// from meta), so that "frånvaron" finds the pages of "frånvaro" as these find its pages.
    pub fn base(&self, word: &str) -> Option<String> {
        // The stems last, and the word's only for a candidate: most words have none, and this
        // runs for every word of the site and the head of every compound.
        HEAD_ENDINGS.iter().find_map(|e| {
            let base = word.strip_suffix(e)?;
            (base.chars().count() > MIN_PART
                && base.ends_with(is_vowel)
                && self.words.contains(base)
                && with_stem(word, |s| with_stem(base, |b| b != s)))
            .then(|| base.to_string())
        })
    }

    /// Everything to index at part weight for `word`: its compound parts, and the base forms
    /// (see `base`) of the word and of its head.
    pub fn related(&self, word: &str) -> Vec<String> {
        let mut out = self.split(word);
        let head_base = out.last().and_then(|h| self.base(h));
        out.extend(head_base);
        out.extend(self.base(word));
        out.sort();
        out.dedup();
        out
    }

    /// Splits `word` into two to `MAX_PARTS` parts, each a known word, with an optional linking
    /// "s" between parts (arbet-s-miljö), and returns the parts to index. Among the splits with the
    /// fewest parts, the one with the longest final part (the head) wins. When the modifier is not
    /// a word of the site, only a long known head is returned ("sjukfrånvaron" → "frånvaron"), as
    /// the head is what a resident searches for. Returns an empty list when no split exists.
    pub fn split(&self, word: &str) -> Vec<String> {
        let w = Pieces::of(word);
        if !(MIN_WORD..=MAX_SPLIT).contains(&w.n) || !word.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let reach = self.segment(&w);
        match self.best_head(&w, &reach) {
            Some(head_start) => self.parts(&w, &reach, head_start),
            None => self.lone_head(&w),
        }
    }

    /// The segmentations of the word's non-final parts into known words: `reach[i]` = (fewest
    /// parts covering its first i characters, where the last of them started); a linking "s"
    /// after a part moves the end by one.
    fn segment(&self, w: &Pieces) -> Vec<Option<(usize, usize)>> {
        let n = w.n;
        let mut reach: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        reach[0] = Some((0, 0));
        for start in 0..n {
            let Some((count, _)) = reach[start] else {
                continue;
            };
            if count >= MAX_PARTS - 1 {
                continue;
            }
            for end in start + MIN_PART..=n.saturating_sub(MIN_PART) {
                if !self.known.contains_key(w.piece(start, end)) {
                    continue;
                }
                let better = |r: Option<(usize, usize)>| r.is_none_or(|(c, _)| count + 1 < c);
                if better(reach[end]) {
                    reach[end] = Some((count + 1, start));
                }
                if end < n && w.piece(end, end + 1) == "s" && better(reach[end + 1]) {
                    reach[end + 1] = Some((count + 1, start));
                }
            }
        }
        reach
    }

    /// Where the head of the best split starts: fewest parts, then the longest head.
    fn best_head(&self, w: &Pieces, reach: &[Option<(usize, usize)>]) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None; // (parts, head start)
        for (head_start, at) in reach
            .iter()
            .enumerate()
            .take(w.n - MIN_PART + 1)
            .skip(MIN_PART)
        {
            let Some((count, _)) = *at else {
                continue;
            };
            if count == 0 || !self.is_head(w.piece(head_start, w.n)) {
                continue;
            }
            // Iterating head starts from the left finds the longest head first.
            if best.is_none_or(|(c, _)| count + 1 < c) {
                best = Some((count + 1, head_start));
            }
        }
        best.map(|(_, head_start)| head_start)
    }

    /// The parts of the split whose head starts at `head_start`, walked back through `reach`.
    fn parts(
        &self,
        w: &Pieces,
        reach: &[Option<(usize, usize)>],
        head_start: usize,
    ) -> Vec<String> {
        let mut parts = vec![w.piece(head_start, w.n).to_string()];
        let mut end = head_start;
        while end > 0 {
            let Some((_, start)) = reach[end] else {
                return Vec::new();
            };
            // Drop a linking "s": the part itself is the known word before it.
            let part_end = if self.known.contains_key(w.piece(start, end)) {
                end
            } else {
                end - 1
            };
            parts.push(w.piece(start, part_end).to_string());
            end = start;
        }
        parts.reverse();
        parts
    }

    /// Without a known modifier: the longest known head of at least `MIN_LONE_HEAD` letters.
    fn lone_head(&self, w: &Pieces) -> Vec<String> {
        (MIN_PART..=w.n.saturating_sub(MIN_LONE_HEAD))
            .map(|start| w.piece(start, w.n))
            .find(|head| self.is_head(head))
            .map(str::to_string)
            .into_iter()
            .collect()
    }
}

/// A word cut at character positions: pieces are slices, not new strings, as splitting runs
/// for every distinct word of the site.
struct Pieces<'w> {
    word: &'w str,
    /// Byte offset of every character, and the end.
    at: Vec<usize>,
    /// Characters.
    n: usize,
}

impl<'w> Pieces<'w> {
    fn of(word: &'w str) -> Self {
        let at: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let n = at.len() - 1;
        Pieces { word, at, n }
    }

    /// Characters a..b.
    fn piece(&self, a: usize, b: usize) -> &'w str {
        &self.word[self.at[a]..self.at[b]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        Vocabulary::new(words.iter().copied())
    }

    #[test]
    fn splits_on_known_words_and_stems() {
        // "skol" is only known as the stem of "skola".
        let v = vocab(&["skola", "frånvaro", "sjuk", "elev", "peng"]);
        assert_eq!(v.split("skolfrånvaro"), ["skol", "frånvaro"]);
        assert_eq!(v.split("sjukfrånvaron"), ["sjuk", "frånvaron"]);
        assert_eq!(v.split("elevpengen"), ["elev", "pengen"]);
        // Unknown modifier: only the (long, known) head.
        let v = vocab(&["frånvaro", "skola"]);
        assert_eq!(v.split("sjukfrånvaron"), ["frånvaron"]);
        assert!(
            vocab(&["miljö"]).split("arbetsmiljö").is_empty(),
            "head too short to stand alone"
        );
    }

    #[test]
    fn a_run_of_letters_longer_than_any_compound_is_not_split() {
        let v = vocab(&["elev", "hälsa", "elevhälsa", &"elevhälsa".repeat(8)]);
        assert_eq!(v.split(&"elevhälsa".repeat(4)), ["elevhälsa"; 4]);
        // Past 64 letters neither split nor a part (a pasted code, not language): a split
        // would look up every piece of it, which took minutes at 450,000 letters.
        let long = "elevhälsa".repeat(50_000);
        assert!(v.split(&long).is_empty() && v.related(&long).is_empty());
        assert!(v.split(&"elevhälsa".repeat(8)).is_empty());
        assert!(!v.known.contains_key("elevhälsa".repeat(8).as_str()));
    }

    #[test]
    fn base_forms_of_vowel_final_stems() {
        let v = vocab(&["frånvaro", "hyra", "plan", "elever", "sjuk"]);
        assert_eq!(v.base("frånvaron").as_deref(), Some("frånvaro"));
        assert_eq!(v.base("hyran").as_deref(), Some("hyra"));
        assert_eq!(
            v.base("planen"),
            None,
            "the stemmer already joins plan/planen"
        );
        assert_eq!(v.base("eleverna"), None);
        assert_eq!(v.base("okänd"), None);
        assert_eq!(
            v.related("sjukfrånvaron"),
            ["frånvaro", "frånvaron", "sjuk"]
        );
        assert_eq!(v.related("frånvaron"), ["frånvaro"]);
    }

    #[test]
    fn a_stem_the_site_stems_further_joins_that_stem() {
        let v = vocab(&["myndighet", "myndigheten", "myndigheternas", "dansa"]);
        assert_eq!(stem("myndigheternas"), "myndighet");
        for w in ["myndighet", "myndigheten", "myndigheternas", "myndigheter"] {
            assert_eq!(v.term(w), "mynd", "{w}");
        }
        // "dans" → "dan" is a second step too, but nothing of the site stems to "dan".
        assert_eq!(v.term("dansa"), "dans");
        assert_eq!(
            vocab(&["myndigheternas"]).term("myndigheternas"),
            "myndighet"
        );
    }

    #[test]
    fn a_word_known_as_a_stem_is_reported_when_it_appears() {
        let mut v = vocab(&["myndigheternas"]);
        let mut changed = Vec::new();
        v.add("myndighet", &mut changed);
        assert!(changed.iter().any(|k| &**k == "myndighet"), "{changed:?}");
        changed.clear();
        v.remove("myndighet", &mut changed);
        assert!(changed.iter().any(|k| &**k == "myndighet"), "{changed:?}");
    }

    #[test]
    fn linking_s() {
        let v = vocab(&["arbete", "miljö", "förvaltning", "chef"]);
        // "arbet" is the stem of "arbete"; the s between the parts is a linking s.
        assert_eq!(v.split("arbetsmiljö"), ["arbet", "miljö"]);
        assert_eq!(v.split("förvaltningschef"), ["förvaltning", "chef"]);
    }

    #[test]
    fn three_parts_and_longest_head() {
        let v = vocab(&["skola", "frånvaro", "rapport", "frånvarorapport"]);
        // Two parts beat three: the head "frånvarorapport" is itself a known word.
        assert_eq!(v.split("skolfrånvarorapport"), ["skol", "frånvarorapport"]);
        let v = vocab(&["skola", "frånvaro", "rapport"]);
        assert_eq!(
            v.split("skolfrånvarorapport"),
            ["skol", "frånvaro", "rapport"]
        );
    }

    #[test]
    fn does_not_split_unknown_or_short_words() {
        let v = vocab(&["från", "varo", "skola"]);
        assert!(v.split("frånvaro").is_empty(), "\"från\" is a stop word");
        assert!(v.split("kommunens").is_empty());
        assert!(
            v.split("skola-år").is_empty(),
            "hyphenated words are split by the tokenizer"
        );
        assert!(vocab(&[]).split("skolfrånvaro").is_empty());
    }
}
