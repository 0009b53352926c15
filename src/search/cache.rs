//! The index build, split so that work is kept between builds (`IndexCache`).
//!
//! A build runs in stages, each cached at its own grain:
//! 1. per page (keyed by a hash of all its fields): the text normalised and tokenised once, its
//!    words with their summed field weights (stop words dropped), its length, and its fragment
//!    JSON (`super::analyse`), then its words given the site's word ids;
//! 2. per distinct word of the site: its term (`Vocabulary::term`, its stem) and, against the
//!    site's vocabulary, its compound parts and base forms: the terms it is indexed under
//!    (`WordInfo`); recomputed only for new
//!    words and for words that contain a vocabulary entry that appeared or disappeared;
//! 3. per page again: its terms with their weighted frequency (`doc_terms`);
//! 4. per term: its postings (page, weighted frequency) and its encoded chunk entry, re-encoded
//!    only when a page containing the term changed;
//! 5. assembly: term chunks, vocabulary files, fragment files and meta, concatenated from the
//!    cached bytes, then gzipped (`super::pack`, again only the files that changed). The output
//!    is byte for byte what a fresh build of the same pages gives.
//!
//! Postings hold frequencies, not scores: BM25's page-count and length terms are applied by the
//! client (`index::bm25`), so one edited page changes only the entries of its own terms, and meta
//! (the page lengths). A rebuild re-encodes all terms only when the page list or order moved.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::analyse::{analyse, Analysed};
use super::compound::Vocabulary;
use super::excerpt::{fragment, text_budget, top_results};
use super::index::{
    encode_postings, js_cmp, meta_json, Posting, COMPOUND_PART_WEIGHT, MAX_FILES, MIN_CHUNK_BYTES,
    MIN_GROUP, RESERVED_FILES,
};
use super::text::{fold_diacritics, is_stop_word};
use super::{SearchDoc, DIR};
use crate::output::OutputFile;

/// Pages analysed per batch (see stage 1 in `IndexCache::build`): enough to keep both cores
/// busy, few enough that the last batch's interning, which nothing overlaps, is short.
const ANALYSE_BATCH: usize = 256;

/// Page positions and word/term ids are u32: a site of four billion pages is out of scope.
type WordId = u32;
type TermId = u32;

/// Stage 1 result for one page. Word ids refer to `IndexCache::words`.
struct DocWords {
    /// (word, summed field weight) per distinct word, in order of first occurrence so that
    /// sums are added up in the same order in every build.
    entries: Vec<(WordId, f32)>,
    /// Distinct words of the page including the parts of hyphenated words: its share of the
    /// vocabulary that compounds are split against.
    vocab: Vec<WordId>,
    /// Non-stop words outside the meta line, for BM25's length normalisation.
    length: u32,
    /// The page's entry in its fragment file (JSON).
    fragment: Vec<u8>,
}

/// A page's terms: (term, weighted frequency), by term id.
type DocTerms = Vec<(TermId, f32)>;

/// The words a page's first fragment lacks of those it is a top result for, and its fragment
/// made to show them.
type Shown = (Vec<WordId>, Vec<u8>);

struct CachedDoc {
    words: Arc<DocWords>,
    terms: Arc<DocTerms>,
    /// Set during a build when the page is among the current pages.
    seen: bool,
}

/// What a word is indexed under.
#[derive(Default, Clone)]
struct WordInfo {
    /// (term, weight factor): the word's term (its stem) at 1, compound parts and base forms at
    /// `COMPOUND_PART_WEIGHT`, and for a hyphenated word also its parts' terms at 1.
    terms: Vec<(TermId, f32)>,
    /// Number of current pages whose vocabulary holds the word.
    pages: u32,
}

/// Keeps the work of one index build for the next: pages whose content did not change are not
/// analysed again, and only the terms of changed pages are re-encoded. `uppsikt serve` keeps one
/// for the life of the server; `build_index` uses a fresh one.
#[derive(Default)]
pub struct IndexCache {
    docs: FxHashMap<u64, CachedDoc>,
    word_ids: FxHashMap<Box<str>, WordId>,
    words: Vec<Box<str>>,
    word_info: Vec<WordInfo>,
    /// Words whose `WordInfo::terms` must be (re)computed before use.
    word_stale: Vec<bool>,
    vocabulary: Vocabulary,
    term_ids: FxHashMap<Box<str>, TermId>,
    terms: Vec<Box<str>>,
    /// Per term: its postings, by page position.
    postings: Vec<Vec<Posting>>,
    /// Per term: its encoded chunk entry, valid when `postings` is non-empty.
    entries: Vec<Vec<u8>>,
    /// Terms with postings, in chunk order.
    sorted: Vec<TermId>,
    /// Per term: its diacritic-folded form, the primary key of the chunk order.
    folds: Vec<Box<str>>,
    /// The previous build's pages in index order (URLs), their lengths and terms.
    order_urls: Vec<String>,
    order_hashes: Vec<u64>,
    lengths: Vec<u32>,
    order_terms: Vec<Arc<DocTerms>>,
    /// Characters of section text each page's fragment stores (`excerpt::text_budget`); a
    /// cached fragment is valid only for the budget it was made with.
    text_budget: usize,
    /// Per page (by hash) whose fragment lacked words it is a top result for: those words, and
    /// its fragment made to show them (see `show_top_results`).
    shown: FxHashMap<u64, Shown>,
    /// The previous build's files, compressed (not kept by a one-shot cache).
    packer: super::pack::Packer,
    /// Built once and dropped (`one_shot`): each stage's data is freed once the next has used it.
    one_shot: bool,
    /// Wall time of the last build's stages, for the benchmark (stage, milliseconds).
    pub last_timing: Vec<(&'static str, f64)>,
}

/// What stage 1 leaves for the next: the pages' positions in `docs` in index order, their
/// hashes in that order, and those added to the cache.
struct PageOrder {
    order: Vec<usize>,
    hashes: Vec<u64>,
    added: Vec<u64>,
}

/// A page's identity for the cache: a hash of every field that reaches the index.
fn doc_hash(d: &SearchDoc) -> u64 {
    // Hashed on every rebuild over all of the site's text, so a fast hash. Pages are written by
    // the site's own staff, not an adversary; an accidental 64-bit collision among even a
    // million pages has a probability below 1e-7.
    let mut h = rustc_hash::FxHasher::default();
    (
        &d.url,
        &d.title,
        &d.year,
        &d.report_title,
        &d.report_kind,
        &d.report_kind_label,
        &d.area_id,
        &d.area_name,
        &d.direction,
    )
        .hash(&mut h);
    d.sections.len().hash(&mut h);
    for s in &d.sections {
        (&s.heading, &s.anchor, &s.text).hash(&mut h);
    }
    h.finish()
}

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

impl IndexCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache for a single build (`uppsikt build`): it keeps nothing that only a later build
    /// would use, which lowers the build's peak memory by the size of the per-page word lists.
    pub(super) fn one_shot() -> Self {
        IndexCache {
            one_shot: true,
            ..Self::default()
        }
    }

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

    /// Stage 1's words of new pages, given the site's word ids, into the cache.
    fn intern_all(&mut self, analysed: Vec<(u64, Analysed)>, added: &mut Vec<u64>) {
        for (hash, a) in analysed {
            let ids: Vec<WordId> = a
                .spans
                .iter()
                .map(|&(s, e)| self.word_id(&a.arena[s as usize..e as usize]))
                .collect();
            let words = DocWords {
                entries: a
                    .weights
                    .iter()
                    .map(|&(w, f)| (ids[w as usize], f))
                    .collect(),
                vocab: ids,
                length: a.length,
                fragment: a.fragment,
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

    /// Builds the index files for `docs` (paths under "search/"), reusing the work of the
    /// previous build for every page whose content is unchanged. Never fails: any text is
    /// indexable, and an empty site gives an index that answers every query with no results.
    pub fn build(&mut self, docs: &[SearchDoc]) -> Vec<OutputFile> {
        let mut timing = Timing::new();
        let files = self.files(docs, &mut timing);
        let files = self.packer.pack(files);
        timing.mark("pack");
        self.last_timing = timing.done();
        files
    }

    /// The index files of a single build, not compressed yet: the build compresses each as it
    /// writes it (`super::pack_file`), beside the pages, instead of all of them before.
    pub(super) fn files_once(mut docs: Vec<SearchDoc>) -> Vec<OutputFile> {
        let mut cache = IndexCache::one_shot();
        let mut timing = Timing::new();
        let analysed = cache.analyse_pages(&docs, &mut timing);
        // The pages' text is read once more, for the fragments of pages that must show a word
        // they are a top result for (known once the postings are).
        let files = cache.finish(&docs, analysed, &mut timing);
        docs.clear();
        files
    }

    /// `build` without the compression.
    fn files(&mut self, docs: &[SearchDoc], timing: &mut Timing) -> Vec<OutputFile> {
        let analysed = self.analyse_pages(docs, timing);
        self.finish(docs, analysed, timing)
    }

    /// Stage 1: the pages in index order, and the analysis of those not in the cache.
    fn analyse_pages(&mut self, docs: &[SearchDoc], timing: &mut Timing) -> PageOrder {
        let budget = text_budget(docs.len());
        if (self.one_shot && !self.order_urls.is_empty())
            || (budget != self.text_budget && !self.docs.is_empty())
        {
            // What a rebuild would reuse was dropped, or its fragments were made for another
            // page count: start afresh.
            let one_shot = self.one_shot;
            *self = Self {
                one_shot,
                ..Self::default()
            };
        }
        self.text_budget = budget;
        // Index order: by area, then year and URL. The fragment files group neighbours in this
        // order, and a query's best hits are often the same area in several years.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&docs[a], &docs[b]);
            (a.area_id.is_none(), &a.area_id, &a.year, &a.url).cmp(&(
                b.area_id.is_none(),
                &b.area_id,
                &b.year,
                &b.url,
            ))
        });
        let docs: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();
        // A page's identity: the hash of its content, so that a rebuild finds unchanged pages.
        // A one-shot build keeps nothing for a rebuild, so its pages are simply numbered.
        let hashes: Vec<u64> = if self.one_shot {
            (0..docs.len() as u64).collect()
        } else {
            docs.par_iter().map(|d| doc_hash(d)).collect()
        };
        timing.mark("hash");

        // Stage 1 for new pages.
        let mut fresh: Vec<usize> = Vec::new();
        {
            let mut queued = FxHashSet::default();
            for (i, h) in hashes.iter().enumerate() {
                if !self.docs.contains_key(h) && queued.insert(*h) {
                    fresh.push(i);
                }
            }
        }
        // Stage 1 runs in batches, each batch's word interning (serial: one map for the site)
        // beside the analysis of the next, so that the second core is not idle meanwhile.
        let mut added: Vec<u64> = Vec::with_capacity(fresh.len());
        let mut pending: Vec<(u64, Analysed)> = Vec::new();
        for batch in fresh.chunks(ANALYSE_BATCH) {
            let (analysed, ()) = rayon::join(
                || {
                    batch
                        .par_iter()
                        .map(|&i| (hashes[i], analyse(docs[i], budget)))
                        .collect::<Vec<_>>()
                },
                || self.intern_all(std::mem::take(&mut pending), &mut added),
            );
            pending = analysed;
        }
        self.intern_all(pending, &mut added);
        timing.mark("analyse and intern");
        PageOrder {
            order,
            hashes,
            added,
        }
    }

    /// Stages 2 to 5, after `analyse_pages` on the same `docs`.
    fn finish(
        &mut self,
        docs: &[SearchDoc],
        analysed: PageOrder,
        timing: &mut Timing,
    ) -> Vec<OutputFile> {
        let PageOrder {
            order,
            hashes,
            added,
        } = analysed;
        let docs: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();

        // Pages gone since the last build leave the vocabulary; new ones join it.
        for d in self.docs.values_mut() {
            d.seen = false;
        }
        for h in &hashes {
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
        let mut changed_keys: Vec<Box<str>> = Vec::new();
        for h in &gone {
            if let Some(d) = self.docs.remove(h) {
                for &w in &d.words.vocab {
                    let info = &mut self.word_info[w as usize];
                    info.pages -= 1;
                    if info.pages == 0 {
                        self.vocabulary
                            .remove(&self.words[w as usize], &mut changed_keys);
                    }
                }
            }
        }
        for h in &added {
            let words = Arc::clone(&self.docs[h].words);
            for &w in &words.vocab {
                let info = &mut self.word_info[w as usize];
                info.pages += 1;
                if info.pages == 1 {
                    self.vocabulary
                        .add(&self.words[w as usize], &mut changed_keys);
                }
            }
        }
        // Stage 2: words whose parts may have changed, i.e. that contain a changed entry.
        let mut restale: Vec<WordId> = Vec::new();
        if !changed_keys.is_empty() {
            let present: Vec<WordId> = (0..self.words.len() as WordId)
                .filter(|&w| self.word_info[w as usize].pages > 0 && !self.word_stale[w as usize])
                .collect();
            restale = present
                .into_par_iter()
                .filter(|&w| {
                    let word = &self.words[w as usize];
                    changed_keys.iter().any(|k| word.contains(&**k))
                })
                .collect();
            for &w in &restale {
                self.word_stale[w as usize] = true;
            }
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
        timing.mark("words");

        // Stage 3: terms of new pages and of pages with a word whose terms changed.
        let mut redo: FxHashSet<u64> = added.iter().copied().collect();
        if !restale.is_empty() {
            let mut mark = vec![false; self.words.len()];
            for &w in &restale {
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
        for (h, t) in new_terms {
            if let Some(d) = self.docs.get_mut(&h) {
                d.terms = Arc::new(t);
            }
        }
        drop(redo);
        if self.one_shot {
            // Only the fragments and words of the pages' word lists are used from here on.
            for d in self.docs.values_mut() {
                if let Some(w) = Arc::get_mut(&mut d.words) {
                    w.vocab = Vec::new();
                }
            }
        }
        timing.mark("doc_terms");

        // Stage 4: postings. Incremental when the pages and their order are as before;
        // otherwise from all pages' terms.
        let lengths: Vec<u32> = hashes.iter().map(|h| self.docs[h].words.length).collect();
        let new_order_terms: Vec<Arc<DocTerms>> = hashes
            .iter()
            .map(|h| Arc::clone(&self.docs[h].terms))
            .collect();
        // The same pages (by URL) at the same positions, possibly edited: postings can be updated
        // in place, as page positions did not move.
        let same_pages = docs.len() == self.order_urls.len()
            && docs.iter().zip(&self.order_urls).all(|(d, u)| d.url == *u);
        let mut dirty: Vec<TermId> = Vec::new();
        let incremental = same_pages && !self.order_urls.is_empty();
        if incremental {
            let mut is_dirty = FxHashSet::default();
            for (i, new) in new_order_terms.iter().enumerate() {
                let old = &self.order_terms[i];
                if Arc::ptr_eq(old, new) {
                    continue;
                }
                for &(t, _) in old.iter() {
                    let list = &mut self.postings[t as usize];
                    if let Ok(at) = list.binary_search_by_key(&(i as u32), |p| p.doc) {
                        list.remove(at);
                    }
                    is_dirty.insert(t);
                }
                for &(t, tf) in new.iter() {
                    let list = &mut self.postings[t as usize];
                    let p = Posting { doc: i as u32, tf };
                    match list.binary_search_by_key(&p.doc, |p| p.doc) {
                        Ok(at) => list[at] = p,
                        Err(at) => list.insert(at, p),
                    }
                    is_dirty.insert(t);
                }
            }
            dirty.extend(is_dirty);
        } else {
            // Counted first so that each list is allocated once.
            let mut count = vec![0u32; self.terms.len()];
            for terms in &new_order_terms {
                for &(t, _) in terms.iter() {
                    count[t as usize] += 1;
                }
            }
            for (list, &c) in self.postings.iter_mut().zip(&count) {
                *list = Vec::with_capacity(c as usize);
            }
            for (i, terms) in new_order_terms.iter().enumerate() {
                for &(t, tf) in terms.iter() {
                    self.postings[t as usize].push(Posting { doc: i as u32, tf });
                }
            }
            dirty.extend(0..self.terms.len() as TermId);
        }
        self.order_urls = docs.iter().map(|d| d.url.clone()).collect();
        self.order_hashes = hashes;
        self.lengths = lengths;
        self.order_terms = new_order_terms;
        timing.mark("postings");
        self.show_top_results(&docs);
        if self.one_shot {
            self.order_terms = Vec::new();
            for d in self.docs.values_mut() {
                d.terms = Arc::default();
            }
        }
        timing.mark("top results");

        // Encode the dirty terms' entries.
        let postings = &self.postings;
        let terms = &self.terms;
        let encoded: Vec<(TermId, Vec<u8>)> = dirty
            .par_iter()
            .filter(|&&t| !postings[t as usize].is_empty())
            .map(|&t| {
                let (pages, freqs) = encode_postings(&postings[t as usize]);
                let term = &*terms[t as usize];
                let mut e = Vec::with_capacity(pages.len() + freqs.len() + term.len() + 12);
                e.push(b'[');
                serde_json::to_writer(&mut e, term).unwrap_or_default();
                // Base-64 digits need no JSON escaping.
                for part in [pages, freqs] {
                    e.extend_from_slice(b",\"");
                    e.extend_from_slice(part.as_bytes());
                    e.push(b'"');
                }
                e.push(b']');
                (t, e)
            })
            .collect();
        for (t, e) in encoded {
            self.entries[t as usize] = e;
        }
        timing.mark("encode");

        // The chunk order of the terms with postings: sorted in a full build, and updated term by
        // term in an incremental one.
        if incremental {
            let (now_in, now_out): (Vec<TermId>, Vec<TermId>) = dirty
                .iter()
                .partition(|&&t| !self.postings[t as usize].is_empty());
            if !now_out.is_empty() {
                let out: FxHashSet<TermId> = now_out.into_iter().collect();
                self.sorted.retain(|t| !out.contains(t));
            }
            for t in now_in {
                if let Err(at) = self.sorted.binary_search_by(|&s| self.term_order(s, t)) {
                    self.sorted.insert(at, t);
                }
            }
        } else {
            let mut sorted: Vec<TermId> = (0..self.terms.len() as TermId)
                .filter(|&t| !self.postings[t as usize].is_empty())
                .collect();
            sorted.par_sort_unstable_by(|&a, &b| self.term_order(a, b));
            self.sorted = sorted;
        }
        timing.mark("sort");
        if self.one_shot {
            self.postings = Vec::new();
        }
        let files = self.assemble(&docs);
        if self.one_shot {
            self.docs = FxHashMap::default();
            self.entries = Vec::new();
        }
        timing.mark("assemble");
        files
    }
}

impl IndexCache {
    /// Remakes the fragment of each page that does not show a word it is a top result for
    /// (`excerpt::top_results`), with windows around those words first. A page's fragment
    /// depends on the other pages here, so a rebuild checks every page again; it remakes only
    /// those whose missing words changed. After `postings`, `lengths` and `order_hashes`.
    fn show_top_results(&mut self, docs: &[&SearchDoc]) {
        let mut top: Vec<Vec<TermId>> = vec![Vec::new(); docs.len()];
        for (page, term) in top_results(&self.postings, &self.lengths) {
            top[page as usize].push(term);
        }
        let (words, info, cached, previous) =
            (&self.words, &self.word_info, &self.docs, &self.shown);
        let budget = self.text_budget;
        let made: Vec<(u64, Shown)> = self
            .order_hashes
            .par_iter()
            .zip(top)
            .zip(docs)
            .filter_map(|((h, terms), d)| {
                let c = cached.get(h)?;
                let shown = String::from_utf8_lossy(&c.words.fragment).to_lowercase();
                let mut missing: Vec<WordId> = c
                    .words
                    .entries
                    .iter()
                    .map(|&(w, _)| w)
                    .filter(|&w| {
                        info[w as usize]
                            .terms
                            .iter()
                            .any(|(t, _)| terms.contains(t))
                    })
                    .filter(|&w| !shown.contains(&*words[w as usize]))
                    .collect();
                if missing.is_empty() {
                    return None;
                }
                missing.sort_unstable();
                if let Some((m, f)) = previous.get(h).filter(|(m, _)| *m == missing) {
                    return Some((*h, (m.clone(), f.clone())));
                }
                let must: Vec<&str> = missing.iter().map(|&w| &*words[w as usize]).collect();
                let mut out = Vec::with_capacity(c.words.fragment.len());
                fragment(
                    d,
                    budget,
                    &mut vec![None; d.sections.len()],
                    &must,
                    &mut out,
                );
                Some((*h, (missing, out)))
            })
            .collect();
        self.shown = made.into_iter().collect();
    }

    /// Order of terms in the chunks: by folded form, then by the term itself, as JavaScript
    /// compares strings, so that "frånvaro" and "franvaro" lie in one chunk and a prefix is a
    /// contiguous range.
    fn term_order(&self, a: TermId, b: TermId) -> std::cmp::Ordering {
        let (a, b) = (a as usize, b as usize);
        js_cmp(&self.folds[a], &self.folds[b]).then_with(|| js_cmp(&self.terms[a], &self.terms[b]))
    }

    /// Whether a term chunk may end after the `i`-th term: never between two terms of one folded
    /// key, nor between a term and its inflections ("frånvaro", "frånvaron"), which a query for
    /// one form looks up with the other (search.js `baseStems`), also across the few terms that
    /// may sort between them ("frånvaroärende").
    /// Past twice the target size (`full`), only the first rule holds: a run of inflected terms
    /// would otherwise make one chunk, and every query that reads it, many times larger.
    fn may_end_chunk(&self, i: usize, full: bool) -> bool {
        const NEAR: usize = 8;
        let fold = |t: &TermId| &*self.folds[*t as usize];
        if full {
            return self
                .sorted
                .get(i + 1)
                .is_none_or(|n| fold(n) != fold(&self.sorted[i]));
        }
        let before = &self.sorted[(i + 1).saturating_sub(NEAR)..=i];
        let after = &self.sorted[i + 1..(i + 1 + NEAR).min(self.sorted.len())];
        !after
            .iter()
            .any(|n| before.iter().any(|b| inflects(fold(n), fold(b))))
    }

    /// Stage 5: all files from the cached parts.
    fn assemble(&self, docs: &[&SearchDoc]) -> Vec<OutputFile> {
        let mut files = Vec::new();
        // Term chunks: closed once the target size is reached, but never between two terms of
        // one folded key. The target grows with the site so that chunks take at most three fifths
        // of the file budget, fragment files the rest: on 10,000 pages that balances the bytes a
        // query reads (its words' chunks, one fragment file per result shown). It moves in 2 kB
        // steps so that one edited page rarely shifts every chunk boundary.
        let total: usize = self
            .sorted
            .iter()
            .map(|&t| self.entries[t as usize].len() + 1)
            .sum();
        let target = MIN_CHUNK_BYTES.max((total / (MAX_FILES * 3 / 5)).next_multiple_of(2048));
        let mut chunk_keys: Vec<&str> = Vec::new();
        let mut chunk: Vec<u8> = Vec::new();
        for (i, &t) in self.sorted.iter().enumerate() {
            let key = &*self.folds[t as usize];
            if chunk.is_empty() {
                chunk_keys.push(key);
                chunk.reserve(target + target / 2);
                chunk.push(b'[');
            } else {
                chunk.push(b',');
            }
            chunk.extend_from_slice(&self.entries[t as usize]);
            if (chunk.len() >= target && self.may_end_chunk(i, chunk.len() >= 2 * target))
                || i + 1 == self.sorted.len()
            {
                chunk.extend_from_slice(b"]\n");
                files.push(OutputFile::new(
                    format!("{DIR}t/{:03}.json", chunk_keys.len() - 1),
                    std::mem::take(&mut chunk),
                ));
            }
        }

        let mut vocab = super::vocab::vocabulary_files(
            self.sorted
                .iter()
                .map(|&t| (&*self.terms[t as usize], &*self.folds[t as usize])),
        );
        files.extend(std::mem::take(&mut vocab.files));

        // Fragments, `g` pages a file, with g as small as the file budget allows.
        let fragment_budget = MAX_FILES
            .saturating_sub(RESERVED_FILES + chunk_keys.len())
            .max(1);
        let g = MIN_GROUP.max(docs.len().div_ceil(fragment_budget));
        let frags: Vec<&[u8]> = self
            .order_hashes
            .iter()
            .map(|h| match (self.shown.get(h), self.docs.get(h)) {
                (Some((_, f)), _) => &f[..],
                (None, Some(c)) => &c.words.fragment[..],
                (None, None) => &b"null"[..],
            })
            .collect();
        for (i, group) in frags.chunks(g).enumerate() {
            let mut bytes =
                Vec::with_capacity(group.iter().map(|f| f.len() + 1).sum::<usize>() + 2);
            bytes.push(b'[');
            for (k, f) in group.iter().enumerate() {
                if k > 0 {
                    bytes.push(b',');
                }
                bytes.extend_from_slice(f);
            }
            bytes.extend_from_slice(b"]\n");
            files.push(OutputFile::new(format!("{DIR}x/{i:03}.json"), bytes));
        }

        let mut meta = serde_json::to_vec(&meta_json(docs, &chunk_keys, &vocab, g, &self.lengths))
            .unwrap_or_default();
        meta.push(b'\n');
        files.push(OutputFile::new(format!("{DIR}meta.json"), meta));
        files
    }
}

/// Whether `next` (a folded term) is `key` itself or `key` with an ending of up to three letters.
fn inflects(next: &str, key: &str) -> bool {
    next.strip_prefix(key)
        .is_some_and(|rest| rest.chars().count() <= 3)
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

/// Stage timings: kept for the benchmark, and printed on stderr when UPPSIKT_SEARCH_TIMING is set.
struct Timing {
    at: std::time::Instant,
    log: Vec<(&'static str, f64)>,
    print: bool,
}
impl Timing {
    fn new() -> Self {
        Timing {
            at: std::time::Instant::now(),
            log: Vec::new(),
            print: std::env::var_os("UPPSIKT_SEARCH_TIMING").is_some(),
        }
    }
    fn mark(&mut self, label: &'static str) {
        let ms = self.at.elapsed().as_secs_f64() * 1000.0;
        if self.print {
            eprintln!("search index: {label} {ms:.1} ms");
        }
        self.log.push((label, ms));
        self.at = std::time::Instant::now();
    }
    fn done(self) -> Vec<(&'static str, f64)> {
        self.log
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, area: &str, title: &str, body: &str) -> SearchDoc {
        let direction = "Nämnden följer upp arbetet";
        crate::search::one_section_page(url, area, title, direction, "Genomfört", body)
    }

    fn site() -> Vec<SearchDoc> {
        (0..40)
            .map(|i| {
                page(
                    &format!("2025/april/omrade-{i:02}/"),
                    &format!("omrade-{i:02}"),
                    &format!("Område {i}"),
                    &format!(
                        "Skolfrånvaro och elevpeng {} följs upp. Ord{} nämns här, SU-grupperna träffas.",
                        i % 7,
                        i
                    ),
                )
            })
            .collect()
    }

    fn assert_same(a: &[OutputFile], b: &[OutputFile]) {
        let map = |f: &[OutputFile]| -> std::collections::BTreeMap<String, Vec<u8>> {
            f.iter()
                .map(|f| (f.path.clone(), f.contents.clone()))
                .collect()
        };
        let (a, b) = (map(a), map(b));
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        for (k, v) in &a {
            assert!(
                *v == b[k],
                "{k} differs:\n{}\n{}",
                String::from_utf8_lossy(v),
                String::from_utf8_lossy(&b[k])
            );
        }
    }

    #[test]
    fn no_chunk_ends_between_a_term_and_its_inflections() {
        assert!(inflects("forskolan", "forskol") && inflects("franvaron", "franvaro"));
        assert!(inflects("elev", "elev") && !inflects("elevhalsa", "elev"));
        // Many pages, small chunks: every chunk starts with a term that inflects none before it.
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| {
                page(
                    &format!("p{i}/"),
                    "a",
                    "Sida",
                    &format!("ord{i} ord{i}na ord{i}en"),
                )
            })
            .collect();
        let files = IndexCache::new().build(&docs);
        let json = |path: &str| -> serde_json::Value {
            let f = files.iter().find(|f| f.path == path).expect(path);
            serde_json::from_slice(&crate::search::gunzip(&f.contents).expect("gzip"))
                .expect("JSON")
        };
        let keys = json("search/meta.json.gz")["chunks"].clone();
        let keys = keys.as_array().expect("chunk keys");
        assert!(keys.len() > 3, "{} chunks", keys.len());
        for (i, key) in keys.iter().enumerate().skip(1) {
            let prev = json(&format!("search/t/{:03}.json.gz", i - 1));
            let last = prev.as_array().and_then(|e| e.last()).expect("a term");
            let last = fold_diacritics(last[0].as_str().expect("term"));
            let first = key.as_str().expect("key");
            assert!(
                !inflects(first, &last),
                "chunk {i} starts with {first} after {last}"
            );
        }
    }

    #[test]
    fn a_rebuild_equals_a_fresh_build() {
        let mut cache = IndexCache::new();
        let mut docs = site();
        assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
        // One page edited: a new word that is also a compound head elsewhere ("skola" lets
        // "skolfrånvaro" split differently), and an existing word dropped.
        let before: Vec<(u64, Arc<DocWords>)> = cache
            .docs
            .iter()
            .map(|(h, d)| (*h, Arc::clone(&d.words)))
            .collect();
        docs[3].sections[0].text = "Skola och nytt ord: rektorsområdet. SU-grupperna.".into();
        let files = cache.build(&docs);
        assert_same(&files, &IndexCache::new().build(&docs));
        // Only that page was analysed again: every other page keeps the very analysis it had
        // (the same allocation, not an equal copy), the edited page's old analysis left, and
        // its new one is the only one added.
        assert_eq!(cache.docs.len(), docs.len());
        let mut kept = 0;
        for (h, words) in &before {
            match cache.docs.get(h) {
                Some(d) => {
                    assert!(Arc::ptr_eq(&d.words, words), "page {h:x} analysed again");
                    kept += 1;
                }
                None => assert_eq!(*h, doc_hash(&site()[3]), "an unchanged page left"),
            }
        }
        assert_eq!(kept, docs.len() - 1);
        let added: Vec<u64> = cache
            .docs
            .keys()
            .filter(|h| before.iter().all(|(b, _)| b != *h))
            .copied()
            .collect();
        assert_eq!(added, [doc_hash(&docs[3])]);
        // Edited back: the vocabulary entries it added leave again.
        docs[3] = site()[3].clone();
        assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
        // A page removed and one added (positions move): still the same as a fresh build.
        docs.remove(10);
        docs.push(page(
            "2025/april/ny/",
            "ny",
            "Ny sida",
            "Helt nya ord: fritidsgård.",
        ));
        assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
        // Nothing changed: nothing to do but assembling.
        assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
        assert_same(&cache.build(&[]), &IndexCache::new().build(&[]));
    }

    #[test]
    fn a_page_count_that_changes_the_text_budget_starts_afresh() {
        let docs = site();
        assert_ne!(text_budget(2), text_budget(docs.len()));
        let mut cache = IndexCache::new();
        cache.build(&docs[..2]);
        assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
    }

    #[test]
    fn a_one_shot_build_is_the_same_index() {
        let mut docs = site();
        let mut once = IndexCache::one_shot();
        let mut build_once = |docs: &[SearchDoc]| {
            crate::search::pack::pack_once(once.files(docs, &mut Timing::new()))
        };
        assert_same(&build_once(&docs), &IndexCache::new().build(&docs));
        // Used again, it starts afresh rather than from what it dropped.
        docs[5].sections[0].text = "Skola och nytt ord: rektorsområdet.".into();
        assert_same(&build_once(&docs), &IndexCache::new().build(&docs));
        assert!(
            once.docs.is_empty() && once.postings.is_empty(),
            "nothing kept"
        );
        assert_same(
            &crate::search::build_index(&docs),
            &IndexCache::new().build(&docs),
        );
    }
}
