//! Stages 3 and 4: each page's terms from its words, each term's postings from the pages'
//! terms, and each term's encoded chunk entry. A rebuild redoes only the pages and terms that
//! changed.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::{DocTerms, DocWords, IndexCache, TermId, WordId, WordInfo};
use crate::output::OutputFile;
use crate::search::index::pages;
use crate::search::index::tiers::{self, Norms};
use crate::search::index::{encode_lengths, Posting};
use crate::search::pack::{self, RANGED_SUFFIX};
use crate::search::{SearchDoc, DIR};

/// Stage 3 scratch, one per thread: a dense per-term accumulator, reset through `touched`.
#[derive(Default)]
struct Scratch {
    tf: Vec<f32>,
    touched: Vec<TermId>,
}

/// Stage 3: a page's terms from its words.
fn doc_terms(words: &DocWords, info: &[WordInfo], n_terms: usize, sc: &mut Scratch) -> DocTerms {
    if sc.tf.len() < n_terms {
        sc.tf.resize(n_terms, 0.0);
    }
    for &(w, weight) in &words.entries {
        for &(t, f) in &info[w as usize].terms {
            let t = t as usize;
            if sc.tf[t] == 0.0 {
                sc.touched.push(t as TermId);
            }
            sc.tf[t] += weight * f;
        }
    }
    sc.touched.sort_unstable();
    let mut out: DocTerms = Vec::with_capacity(sc.touched.len());
    for &t in &sc.touched {
        out.push((t, sc.tf[t as usize]));
        sc.tf[t as usize] = 0.0;
    }
    sc.touched.clear();
    out
}

/// A term's chunk entry, and its rest file (`packed_rest`) when it is tiered.
type Entry = (Vec<u8>, Option<Box<[u8]>>);

/// One term's entry in its chunk: `["term","pages","frequencies","lengths"]` (without the
/// lengths on a small site, whose meta holds them: `tiers::lengths_in_postings`), and for a
/// tiered term (`tiers`) the frequencies of its best pages only, then the best rest page's
/// frequency and length characters and the best pages' places (`pages::split_top`); with the
/// term's rest file.
fn encode_entry(term: &str, postings: &[Posting], norms: &Norms, with_lengths: bool) -> Entry {
    let enc = tiers::encode(postings, norms);
    let mut e = Vec::with_capacity(enc.pages.len() + 2 * enc.freqs.len() + term.len() + 20);
    e.push(b'[');
    serde_json::to_writer(&mut e, term).unwrap_or_default();
    let (bound, rest) = enc.tier.unzip();
    let (freqs, places) = match bound {
        Some(_) => {
            let (places, top) = pages::split_top(&enc.freqs, tiers::REST);
            (top, Some(places))
        }
        None => (enc.freqs, None),
    };
    // Base-64 digits and `pages::BITMAP` need no JSON escaping.
    let lengths = with_lengths.then_some(enc.lengths);
    let parts = [Some(enc.pages), Some(freqs), lengths, bound, places];
    for part in parts.into_iter().flatten() {
        e.extend_from_slice(b",\"");
        e.extend_from_slice(part.as_bytes());
        e.push(b'"');
    }
    e.push(b']');
    (e, rest.map(|r| packed_rest(&r)))
}

/// A tiered term's rest file: its pieces (`tiers::REST_PIECE` pages of the site each) as
/// `["frequencies","lengths"]`, each compressed on its own and packed with a table of where each
/// begins (`pack::ranged`), so that the client reads the piece of a page by range. A piece
/// without rest pages is empty (no page of it is ever asked for).
fn packed_rest(rest: &tiers::Rest) -> Box<[u8]> {
    let members: Vec<Vec<u8>> = rest
        .pieces()
        .map(|(f, l)| match f {
            "" => Vec::new(),
            // Base-64 digits need no JSON escaping.
            _ => pack::gzip(format!("[\"{f}\",\"{l}\"]").as_bytes()),
        })
        .collect();
    let members: Vec<&[u8]> = members.iter().map(Vec::as_slice).collect();
    pack::ranged(&members).into_boxed_slice()
}

/// What stage 4 leaves for the next: the terms whose postings changed, and whether they were
/// updated in place (the same pages at the same positions) or built afresh.
pub(super) struct Dirty {
    pub terms: Vec<TermId>,
    pub incremental: bool,
}

impl IndexCache {
    /// Stage 3: the terms of the `added` pages and of the pages holding a word whose terms
    /// changed (`restale`).
    pub(super) fn update_doc_terms(&mut self, added: &[u64], restale: &[WordId]) {
        let mut redo: FxHashSet<u64> = added.iter().copied().collect();
        if !restale.is_empty() {
            let mut mark = vec![false; self.words.len()];
            for &w in restale {
                mark[w as usize] = true;
            }
            redo.extend(
                self.docs
                    .iter()
                    .filter(|(_, d)| d.words.vocab.iter().any(|&w| mark[w as usize]))
                    .map(|(h, _)| *h),
            );
        }
        let redo: Vec<(u64, Arc<DocWords>)> = redo
            .into_iter()
            .map(|h| (h, Arc::clone(&self.docs[&h].words)))
            .collect();
        let info = &self.word_info;
        let n_terms = self.terms.len();
        let new_terms: Vec<(u64, DocTerms)> = redo
            .par_iter()
            .map_init(Scratch::default, |sc, (h, w)| {
                (*h, doc_terms(w, info, n_terms, sc))
            })
            .collect();
        drop(redo);
        for (h, t) in new_terms {
            if let Some(d) = self.docs.get_mut(&h) {
                d.terms = Arc::new(t);
            }
        }
    }

    /// Stage 4: the postings of the pages `hashes` (in index order, `docs` likewise), in place
    /// when the pages and their order are as in the last build, otherwise from all pages' terms.
    pub(super) fn update_postings(&mut self, docs: &[&SearchDoc], hashes: Vec<u64>) -> Dirty {
        let lengths: Vec<u32> = hashes.iter().map(|h| self.docs[h].words.length).collect();
        let order_terms: Vec<Arc<DocTerms>> = hashes
            .iter()
            .map(|h| Arc::clone(&self.docs[h].terms))
            .collect();
        // The same pages (by URL) at the same positions, possibly edited: page positions did not
        // move, so the postings can be updated in place.
        let same_pages = docs.len() == self.order_urls.len()
            && docs.iter().zip(&self.order_urls).all(|(d, u)| d.url == *u);
        let incremental = same_pages && !self.order_urls.is_empty();
        let terms = if incremental {
            self.postings_in_place(&order_terms)
        } else {
            self.postings_afresh(&order_terms)
        };
        self.order_urls = docs.iter().map(|d| d.url.clone()).collect();
        self.order_hashes = hashes;
        self.lengths = lengths;
        self.order_terms = order_terms;
        Dirty { terms, incremental }
    }

    /// The postings of the pages whose terms changed since the last build, replaced in place.
    fn postings_in_place(&mut self, order_terms: &[Arc<DocTerms>]) -> Vec<TermId> {
        let mut dirty = FxHashSet::default();
        for (i, new) in order_terms.iter().enumerate() {
            let old = &self.order_terms[i];
            if Arc::ptr_eq(old, new) {
                continue;
            }
            for &(t, _) in old.iter() {
                let list = &mut self.postings[t as usize];
                if let Ok(at) = list.binary_search_by_key(&(i as u32), |p| p.doc) {
                    list.remove(at);
                }
                dirty.insert(t);
            }
            for &(t, tf) in new.iter() {
                let list = &mut self.postings[t as usize];
                let p = Posting { doc: i as u32, tf };
                match list.binary_search_by_key(&p.doc, |p| p.doc) {
                    Ok(at) => list[at] = p,
                    Err(at) => list.insert(at, p),
                }
                dirty.insert(t);
            }
        }
        dirty.into_iter().collect()
    }

    /// All postings from all pages' terms; every term is dirty.
    fn postings_afresh(&mut self, order_terms: &[Arc<DocTerms>]) -> Vec<TermId> {
        // Counted first so that each list is allocated once.
        let mut count = vec![0u32; self.terms.len()];
        for terms in order_terms {
            for &(t, _) in terms.iter() {
                count[t as usize] += 1;
            }
        }
        for (list, &c) in self.postings.iter_mut().zip(&count) {
            *list = Vec::with_capacity(c as usize);
        }
        for (i, terms) in order_terms.iter().enumerate() {
            for &(t, tf) in terms.iter() {
                self.postings[t as usize].push(Posting { doc: i as u32, tf });
            }
        }
        (0..self.terms.len() as TermId).collect()
    }

    /// The chunk entries of the dirty terms that have postings. An entry holds its pages'
    /// lengths as `encode_lengths` codes them, relative to the average: the terms of a page
    /// whose code moved with the average are encoded again too (a tiered term's best pages may
    /// change with them).
    pub(super) fn encode_entries(&mut self, dirty: &[TermId]) {
        let coded = encode_lengths(&self.lengths);
        let mut dirty = dirty.to_vec();
        if coded != self.coded_lengths {
            let old = std::mem::replace(&mut self.coded_lengths, coded);
            let new = self.coded_lengths.as_bytes();
            let mut more: FxHashSet<TermId> = dirty.iter().copied().collect();
            if old.len() == new.len() && self.order_terms.len() == new.len() {
                for (i, _) in old
                    .bytes()
                    .zip(new)
                    .enumerate()
                    .filter(|(_, (a, b))| a != *b)
                {
                    more.extend(self.order_terms[i].iter().map(|&(t, _)| t));
                }
            } else {
                more.extend(0..self.postings.len() as TermId);
            }
            dirty = more.into_iter().collect();
            dirty.sort_unstable();
        }
        let norms = Norms::of(&self.lengths);
        let with_lengths = tiers::lengths_in_postings(self.lengths.len());
        let terms = &self.terms;
        let encode = |t: TermId, postings: &[Posting]| {
            (
                t,
                encode_entry(&terms[t as usize], postings, &norms, with_lengths),
            )
        };
        let encoded: Vec<(TermId, Entry)> = if self.keeps_for_rebuilds() {
            let postings = &self.postings;
            (dirty.par_iter())
                .filter(|&&t| !postings[t as usize].is_empty())
                .map(|&t| encode(t, &postings[t as usize]))
                .collect()
        } else {
            // A single build reads the postings no more (`Done::Sort`): each term's are
            // dropped as its entry is made, not held beside every entry. Its cache is new,
            // so every term is dirty (`postings_afresh`).
            debug_assert_eq!(dirty.len(), self.postings.len(), "a single build's terms");
            (std::mem::take(&mut self.postings)
                .into_par_iter()
                .enumerate())
            .filter(|(_, p)| !p.is_empty())
            .map(|(t, p)| encode(t as TermId, &p))
            .collect()
        };
        // A dirty term without postings has no entry (`sort_terms` reads which terms have one).
        for &t in &dirty {
            self.entries[t as usize] = Vec::new();
        }
        for (t, (e, rest)) in encoded {
            self.entries[t as usize] = e;
            match rest {
                Some(r) => self.rests.insert(t, r),
                None => self.rests.remove(&t),
            };
        }
    }

    /// The rest files of term chunk `number`, one for each of its tiered `terms` in chunk
    /// order (`search/r/NNN-K.bin` for the K-th, `packed_rest`): a query reads the rest of its
    /// own words only, not of the chunk's other frequent words (a municipality's name beside a
    /// word on most pages).
    pub(super) fn rest_files(&self, terms: &[TermId], number: usize) -> Vec<OutputFile> {
        let tiered = terms.iter().filter_map(|t| self.rests.get(t));
        let files = tiered.enumerate().map(|(k, rest)| {
            OutputFile::new(format!("{DIR}{}", rest_file_name(number, k)), rest.to_vec())
        });
        files.collect()
    }
}

/// The name, under the index root, of the rest file of the `k`-th tiered term of term chunk
/// `chunk` (search/lookup.js `scan` names it alike).
pub(crate) fn rest_file_name(chunk: usize, k: usize) -> String {
    format!("r/{chunk:03}-{k}{RANGED_SUFFIX}")
}
