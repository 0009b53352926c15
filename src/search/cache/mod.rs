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

//!
//! The stages live in `vocabulary` (1's interning, 2), `postings` (3, 4) and `assembly` (5);
//! `keep` is the one policy on what a build keeps for the next.

mod assembly;
mod keep;
mod once;
mod postings;
mod spill;
#[cfg(test)]
mod tests;
mod top;
mod vocabulary;

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::analyse::{analyse, Analysed};
use super::compound::Vocabulary;
use super::excerpt::text_budget;
use super::index::Posting;
use super::SearchDoc;
use crate::output::OutputFile;
use keep::{Done, Keep};
use once::Texts;
pub use once::{OnceIndex, OncePage};
pub(crate) use postings::rest_file_name;
use spill::{Kept, Spill};

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
    fragment: Kept,
    /// Its entry in its whole-text file, compressed: its whole text when the fragment was cut.
    whole: Option<Kept>,
}

/// The words a page's first fragment lacks of those it is a top result for (one group per term,
/// any word of which would show it, groups separated by `WordId::MAX`), and its fragment made
/// to show them (`top.rs`).
type Shown = (Vec<WordId>, Vec<u8>);

/// A page's terms: (term, weighted frequency), by term id.
type DocTerms = Vec<(TermId, f32)>;

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
    /// Per tiered term (`index::tiers`): its rest file, packed (`postings::packed_rest`).
    rests: FxHashMap<TermId, Box<[u8]>>,
    /// The page lengths the entries hold, as `index::encode_lengths` codes them.
    coded_lengths: String,
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
    /// Per page (by key) whose fragment lacked words it is a top result for: those words, and
    /// its fragment made to show them (see `top::show_top_results`).
    shown: FxHashMap<u64, Shown>,
    /// Per page (by key): a hash of its fragment and the fragment packed (`pack::ranged`), so
    /// that a rebuild packs only the changed pages' fragments (not kept by a single build).
    packed_fragments: FxHashMap<u64, (u64, Arc<[u8]>)>,
    /// The previous build's files, compressed (not kept by a single build's cache).
    packer: super::pack::Packer,
    /// What this cache keeps for a next build (`keep`).
    keep: Keep,
    /// The last build's stages, for the benchmark.
    pub last_timing: Vec<StageTime>,
    /// Where a one-off build's pages' fragments and whole texts are (`OnceIndex`).
    spill: Option<Spill>,
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

impl IndexCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache for a single build (`uppsikt build`): it keeps nothing that only a later build
    /// would use, which lowers the build's peak memory by the size of the per-page word lists.
    pub(super) fn one_shot() -> Self {
        IndexCache {
            keep: Keep::Nothing,
            ..Self::default()
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
        let files = cache.finish(&docs, analysed, &mut timing, Texts::InDocs);
        docs.clear();
        files
    }

    /// `build` without the compression.
    fn files(&mut self, docs: &[SearchDoc], timing: &mut Timing) -> Vec<OutputFile> {
        let analysed = self.analyse_pages(docs, timing);
        self.finish(docs, analysed, timing, Texts::InDocs)
    }

    /// Stage 1: the pages in index order, and the analysis of those not in the cache.
    fn analyse_pages(&mut self, docs: &[SearchDoc], timing: &mut Timing) -> PageOrder {
        let budget = text_budget(docs.len());
        self.start(budget);
        let order = index_order(docs);
        let docs: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();
        let hashes = self.page_keys(&docs);
        timing.mark("hash");
        let mut fresh: Vec<usize> = Vec::new();
        let mut queued = FxHashSet::default();
        for (i, h) in hashes.iter().enumerate() {
            if !self.docs.contains_key(h) && queued.insert(*h) {
                fresh.push(i);
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

    /// Stages 2 to 5, after `analyse_pages` on the same `docs` (or `OnceIndex`'s analysis:
    /// `texts` tells where their sections' text is).
    fn finish(
        &mut self,
        docs: &[SearchDoc],
        analysed: PageOrder,
        timing: &mut Timing,
        texts: Texts,
    ) -> Vec<OutputFile> {
        let PageOrder {
            order,
            hashes,
            added,
        } = analysed;
        let docs: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();
        let changed = self.update_vocabulary(&hashes, &added);
        let restale = self.update_word_terms(&changed);
        timing.mark("words");
        self.update_doc_terms(&added, &restale);
        self.release(Done::DocTerms);
        timing.mark("doc_terms");
        let dirty = self.update_postings(&docs, hashes);
        self.release(Done::Postings);
        timing.mark("postings");
        self.show_top_results(&docs, texts);
        self.release(Done::TopResults);
        timing.mark("top results");
        self.encode_entries(&dirty.terms);
        timing.mark("encode");
        self.sort_terms(&dirty);
        timing.mark("sort");
        self.release(Done::Sort);
        let files = self.assemble(&docs);
        self.release(Done::Assembly);
        timing.mark("assemble");
        files
    }
}

/// Index order: by area, then year and URL. The fragment files group neighbours in this
/// order, and a query's best hits are often the same area in several years.
fn index_order(docs: &[SearchDoc]) -> Vec<usize> {
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
    order
}

/// How long one stage of an index build took.
#[derive(Debug, Clone, Copy)]
pub struct StageTime {
    pub stage: &'static str,
    /// Wall time, in milliseconds.
    pub wall_ms: f64,
    /// CPU time of the whole process meanwhile (both cores, when both worked), in milliseconds
    /// (counted in the kernel's ticks of 10 ms): on a machine other work keeps busy, wall time
    /// tells little of the stage's own cost.
    pub cpu_ms: f64,
}

/// Stage timings: kept for the benchmark, and printed on stderr when UPPSIKT_SEARCH_TIMING is set.
struct Timing {
    at: std::time::Instant,
    cpu_at: u64,
    log: Vec<StageTime>,
    print: bool,
}
impl Timing {
    fn new() -> Self {
        Timing {
            at: std::time::Instant::now(),
            cpu_at: crate::timing::cpu_ms(),
            log: Vec::new(),
            print: std::env::var_os("UPPSIKT_SEARCH_TIMING").is_some(),
        }
    }
    fn mark(&mut self, stage: &'static str) {
        let wall_ms = self.at.elapsed().as_secs_f64() * 1000.0;
        let cpu = crate::timing::cpu_ms();
        let cpu_ms = cpu.saturating_sub(self.cpu_at) as f64;
        if self.print {
            let memory = crate::timing::memory();
            eprintln!("search index: {stage} {wall_ms:.1} ms (cpu {cpu_ms:.0} ms) {memory}");
        }
        self.log.push(StageTime {
            stage,
            wall_ms,
            cpu_ms,
        });
        self.at = std::time::Instant::now();
        self.cpu_at = cpu;
    }
    fn done(self) -> Vec<StageTime> {
        self.log
    }
}
