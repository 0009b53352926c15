//! The fragments of pages that must show a word they are a top result for. Which pages those
//! are depends on the other pages (a short page that writes a word once can rank first for it),
//! so it is known only once the postings are; the fragment made from the page alone may not
//! show that word, and a result whose excerpt lacks the word looks like a wrong hit.

use rayon::prelude::*;

use super::once::{with_whole_text, Texts};
use super::spill;
use super::{CachedDoc, IndexCache, Shown, TermId, WordId};
use crate::search::excerpt::{top_results, Group, Stored};
use crate::search::SearchDoc;

/// Separates the groups of one page in `Shown`'s key.
const NEXT_GROUP: WordId = WordId::MAX;

impl IndexCache {
    /// Remakes the fragment of each page that does not show a word it is a top result for
    /// (`excerpt::top_results`), with windows around such words. A page's fragment depends on
    /// the other pages here, so a rebuild checks every page again; it remakes only those whose
    /// missing words changed. After `postings`, `lengths` and `order_hashes`; `texts` tells
    /// where the pages' text is.
    pub(super) fn show_top_results(&mut self, docs: &[&SearchDoc], texts: Texts) {
        let mut top: Vec<Vec<TermId>> = vec![Vec::new(); docs.len()];
        for (page, term) in top_results(&self.postings, &self.lengths) {
            top[page as usize].push(term);
        }
        let made: Vec<(u64, Shown)> = self
            .order_hashes
            .par_iter()
            .zip(top)
            .zip(docs)
            .filter_map(|((h, terms), d)| Some((*h, self.shown_for(*h, terms, d, texts)?)))
            .collect();
        self.shown = made.into_iter().collect();
    }

    /// The fragment page `h` needs to show a word of each of `terms`; None when it shows one
    /// already (or its text has none to show).
    fn shown_for(
        &self,
        h: u64,
        mut terms: Vec<TermId>,
        d: &SearchDoc,
        texts: Texts,
    ) -> Option<Shown> {
        let c = self.docs.get(&h)?;
        // Rarest first, so that a section short of room shows the words of the shortest result
        // lists (in a query of several words the rarest decides the ranking most); ties by the
        // term, so that a fresh build and a rebuild choose alike.
        terms.sort_by(|&a, &b| {
            let rarity = |t: TermId| self.postings[t as usize].len();
            rarity(a)
                .cmp(&rarity(b))
                .then_with(|| self.terms[a as usize].cmp(&self.terms[b as usize]))
        });
        let groups: Vec<Vec<WordId>> = terms
            .iter()
            .map(|&t| self.marking_words(c, t))
            .filter(|g| !g.is_empty())
            .collect();
        if groups.is_empty() {
            return None;
        }
        let words: Vec<Group> = groups
            .iter()
            .map(|g| g.iter().map(|&w| &*self.words[w as usize]).collect())
            .collect();
        let fragment = spill::bytes(self.spill.as_ref(), &c.words.fragment);
        let stored = Stored::parse(&fragment)?;
        let unshown = stored.unshown(&words);
        if unshown.is_empty() {
            return None;
        }
        // What the remade fragment depends on besides the page: its groups and which of them
        // the first fragment lacks.
        let mut key: Vec<WordId> = groups.join(&NEXT_GROUP);
        key.push(NEXT_GROUP);
        key.extend(unshown.iter().map(|&g| g as WordId));
        if let Some((k, f)) = self.shown.get(&h).filter(|(k, _)| *k == key) {
            return Some((k.clone(), f.clone()));
        }
        let whole;
        let d = match texts {
            Texts::InDocs => d,
            Texts::InWhole => {
                let gz = spill::bytes(self.spill.as_ref(), c.words.whole.as_ref()?);
                whole = with_whole_text(d, &gz)?;
                &whole
            }
        };
        let mut out = Vec::with_capacity(fragment.len() + 256);
        stored
            .show(d, self.text_budget, &words, &unshown, &mut out)
            .then_some((key, out))
    }

    /// The words of page `c` that a result for term `t` marks (search/highlight.js `isMatch`):
    /// those indexed under it as their own term (their stem), and compounds and inflections
    /// indexed under it at part weight that contain it, when it has four letters or more.
    /// Sorted as written, so that a fresh build and a rebuild choose alike.
    fn marking_words(&self, c: &CachedDoc, t: TermId) -> Vec<WordId> {
        let term = &*self.terms[t as usize];
        let long = term.chars().count() >= 4;
        let mut out: Vec<WordId> = c
            .words
            .entries
            .iter()
            .map(|&(w, _)| w)
            .filter(|&w| {
                self.word_info[w as usize].terms.iter().any(|&(x, weight)| {
                    x == t && (weight == 1.0 || (long && self.words[w as usize].contains(term)))
                })
            })
            .collect();
        out.sort_unstable_by(|&a, &b| self.words[a as usize].cmp(&self.words[b as usize]));
        out
    }
}
