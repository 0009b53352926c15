//! Stage 1's interning and stage 2: the site's words and terms by id, the vocabulary compounds
//! are split against (kept up to date page by page), and what each word is indexed under.

use std::sync::Arc;

use rayon::prelude::*;

use super::{CachedDoc, DocWords, IndexCache, Kept, TermId, WordId, WordInfo};
use crate::search::analyse::Analysed;
use crate::search::compound::Vocabulary;
use crate::search::index::COMPOUND_PART_WEIGHT;
use crate::search::text::{fold_diacritics, is_stop_word};

/// A word not in the site's map yet (never an id: a site of four billion words is out of scope).
const NEW_WORD: WordId = WordId::MAX;

impl IndexCache {
    fn word_id(&mut self, w: &str) -> WordId {
        if let Some(&id) = self.word_ids.get(w) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.push(w.into());
        self.word_ids.insert(w.into(), id);
        self.word_info.push(WordInfo::default());
        self.word_stale.push(true);
        id
    }

    fn term_id(&mut self, t: &str) -> TermId {
        if let Some(&id) = self.term_ids.get(t) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(t.into());
        self.folds.push(fold_diacritics(t).into());
        self.term_ids.insert(t.into(), id);
        self.postings.push(Vec::new());
        self.entries.push(Vec::new());
        id
    }

    /// Stage 1's words of new pages, given the site's word ids, into the cache. The site's map
    /// of words is read by both cores at once (after the first few hundred pages nearly every
    /// word of a page is known); only the new words are added one by one, in page order, so
    /// that ids are given as a serial pass would give them.
    pub(super) fn intern_all(&mut self, analysed: Vec<(u64, Analysed)>, added: &mut Vec<u64>) {
        let known: Vec<Vec<WordId>> = analysed
            .par_iter()
            .map(|(_, a)| {
                a.words()
                    .map(|w| self.word_ids.get(w).copied().unwrap_or(NEW_WORD))
                    .collect()
            })
            .collect();
        for ((hash, a), mut ids) in analysed.into_iter().zip(known) {
            for (id, w) in ids.iter_mut().zip(a.words()) {
                if *id == NEW_WORD {
                    *id = self.word_id(w);
                }
            }
            let words = DocWords {
                entries: a
                    .weights
                    .iter()
                    .map(|&(w, f)| (ids[w as usize], f))
                    .collect(),
                vocab: ids,
                length: a.length,
                fragment: Kept::Memory(a.fragment),
                whole: a.whole.map(|w| Kept::Memory(w.into_vec())),
            };
            self.docs.insert(
                hash,
                CachedDoc {
                    words: Arc::new(words),
                    terms: Arc::new(Vec::new()),
                    seen: false,
                },
            );
            added.push(hash);
        }
    }

    /// Pages gone since the last build leave the cache and the vocabulary; the `added` ones
    /// join the vocabulary. Returns the vocabulary entries that appeared or disappeared.
    pub(super) fn update_vocabulary(&mut self, hashes: &[u64], added: &[u64]) -> Vec<Box<str>> {
        for d in self.docs.values_mut() {
            d.seen = false;
        }
        for h in hashes {
            if let Some(d) = self.docs.get_mut(h) {
                d.seen = true;
            }
        }
        let gone: Vec<u64> = self
            .docs
            .iter()
            .filter(|(_, d)| !d.seen)
            .map(|(h, _)| *h)
            .collect();
        let mut changed: Vec<Box<str>> = Vec::new();
        for h in &gone {
            let Some(d) = self.docs.remove(h) else {
                continue;
            };
            for &w in &d.words.vocab {
                let info = &mut self.word_info[w as usize];
                info.pages -= 1;
                if info.pages == 0 {
                    self.vocabulary
                        .remove(&self.words[w as usize], &mut changed);
                }
            }
        }
        for h in added {
            let words = Arc::clone(&self.docs[h].words);
            for &w in &words.vocab {
                let info = &mut self.word_info[w as usize];
                info.pages += 1;
                if info.pages == 1 {
                    self.vocabulary.add(&self.words[w as usize], &mut changed);
                }
            }
        }
        changed
    }

    /// Stage 2: the terms of every word that is new or may split differently now. Returns the
    /// words of earlier builds whose terms were recomputed (their pages' terms must be too).
    pub(super) fn update_word_terms(&mut self, changed: &[Box<str>]) -> Vec<WordId> {
        let restale = self.words_containing(changed);
        for &w in &restale {
            self.word_stale[w as usize] = true;
        }
        let stale: Vec<WordId> = (0..self.words.len() as WordId)
            .filter(|&w| self.word_stale[w as usize] && self.word_info[w as usize].pages > 0)
            .collect();
        let expansions: Vec<Vec<(String, f32)>> = stale
            .par_iter()
            .map(|&w| expand(&self.words[w as usize], &self.vocabulary))
            .collect();
        for (&w, exp) in stale.iter().zip(expansions) {
            let terms = exp.iter().map(|(t, f)| (self.term_id(t), *f)).collect();
            self.word_info[w as usize].terms = terms;
            self.word_stale[w as usize] = false;
        }
        restale
    }

    /// Present words whose terms are known but may split differently: those that contain a
    /// changed vocabulary entry (every lookup of a split is of a substring of the word).
    fn words_containing(&self, changed: &[Box<str>]) -> Vec<WordId> {
        if changed.is_empty() {
            return Vec::new();
        }
        (0..self.words.len() as WordId)
            .into_par_iter()
            .filter(|&w| self.word_info[w as usize].pages > 0 && !self.word_stale[w as usize])
            .filter(|&w| {
                let word = &self.words[w as usize];
                changed.iter().any(|k| word.contains(&**k))
            })
            .collect()
    }
}

/// The terms a word is indexed under, as strings (stage 2): its term (`Vocabulary::term`) at
/// 1, its compound parts and base forms at part weight.
fn expand(w: &str, vocabulary: &Vocabulary) -> Vec<(String, f32)> {
    let mut out = vec![(vocabulary.term(w), 1.0)];
    let related = |p: &str, out: &mut Vec<(String, f32)>| {
        for r in vocabulary.related(p) {
            out.push((vocabulary.term(&r), COMPOUND_PART_WEIGHT));
        }
    };
    if w.contains('-') {
        // Only hyphenated words contain "-": indexed whole, by their parts, and by the parts'
        // compound parts.
        for p in w.split('-') {
            if !is_stop_word(p) {
                out.push((vocabulary.term(p), 1.0));
                related(p, &mut out);
            }
        }
    } else {
        related(w, &mut out);
    }
    out
}
