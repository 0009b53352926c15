//! The fragments of pages that must show a word they are a top result for. Which pages those
//! are depends on the other pages (a short page that writes a word once can rank first for it),
//! so it is known only once the postings are; the fragment made from the page alone may not
//! show that word, and a result whose excerpt lacks the word looks like a wrong hit.

use rayon::prelude::*;

use super::{IndexCache, Shown, TermId, WordId};
use crate::search::excerpt::{fragment, top_results};
use crate::search::SearchDoc;

impl IndexCache {
    /// Remakes the fragment of each page that does not show a word it is a top result for
    /// (`excerpt::top_results`), with windows around those words first. A page's fragment
    /// depends on the other pages here, so a rebuild checks every page again; it remakes only
    /// those whose missing words changed. After `postings`, `lengths` and `order_hashes`.
    pub(super) fn show_top_results(&mut self, docs: &[&SearchDoc]) {
        let mut top: Vec<Vec<TermId>> = vec![Vec::new(); docs.len()];
        for (page, term) in top_results(&self.postings, &self.lengths) {
            top[page as usize].push(term);
        }
        let made: Vec<(u64, Shown)> = self
            .order_hashes
            .par_iter()
            .zip(top)
            .zip(docs)
            .filter_map(|((h, terms), d)| Some((*h, self.shown_for(*h, &terms, d)?)))
            .collect();
        self.shown = made.into_iter().collect();
    }

    /// The fragment page `h` needs to show the words of `terms` it lacks; None when it shows
    /// them all already.
    fn shown_for(&self, h: u64, terms: &[TermId], d: &SearchDoc) -> Option<Shown> {
        let c = self.docs.get(&h)?;
        let shown = String::from_utf8_lossy(&c.words.fragment).to_lowercase();
        let mut missing: Vec<WordId> = c
            .words
            .entries
            .iter()
            .map(|&(w, _)| w)
            .filter(|&w| {
                self.word_info[w as usize]
                    .terms
                    .iter()
                    .any(|(t, _)| terms.contains(t))
            })
            .filter(|&w| !shown.contains(&*self.words[w as usize]))
            .collect();
        if missing.is_empty() {
            return None;
        }
        missing.sort_unstable();
        if let Some((m, f)) = self.shown.get(&h).filter(|(m, _)| *m == missing) {
            return Some((m.clone(), f.clone()));
        }
        let must: Vec<&str> = missing.iter().map(|&w| &*self.words[w as usize]).collect();
        let mut out = Vec::with_capacity(c.words.fragment.len());
        let mut keys = vec![None; d.sections.len()];
        fragment(d, self.text_budget, &mut keys, &must, &mut out);
        Some((missing, out))
    }
}
