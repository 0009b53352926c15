//! What a build keeps for the next: the one policy that tells `uppsikt serve`'s cache (keep
//! everything a rebuild reuses) from `uppsikt build`'s single build (free each stage's data once
//! the next stage has used it, which lowers the build's peak memory by the size of the per-page
//! word lists, postings and entries). Every stage asks here instead of deciding on its own.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::IndexCache;
use crate::search::SearchDoc;

/// Whom the cache serves.
#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Keep {
    /// `uppsikt serve`: everything a rebuild reuses is kept.
    #[default]
    ForRebuilds,
    /// `uppsikt build`: built once and dropped.
    Nothing,
}

/// The stages after which a single build frees what no later stage reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Done {
    /// The pages' terms are known: their words' vocabulary is read no more.
    DocTerms,
    /// The postings are built: the pages' terms are read no more.
    Postings,
    /// The pages that must show a top-result word have their fragments: the pages' word lists
    /// are read no more (only their fragments).
    TopResults,
    /// The entries are encoded and sorted: the postings are read no more.
    Sort,
    /// The files are made: nothing is read any more.
    Assembly,
}

impl IndexCache {
    /// Before stage 1, with the fragment budget of this build's page count: whether the cache
    /// must start afresh, because what a rebuild would reuse was dropped by an earlier single
    /// build, or its fragments were made for another page count.
    pub(super) fn start(&mut self, budget: usize) {
        let dropped = self.keep == Keep::Nothing && !self.order_urls.is_empty();
        if dropped || (budget != self.text_budget && !self.docs.is_empty()) {
            *self = IndexCache {
                keep: self.keep,
                ..IndexCache::default()
            };
        }
        self.text_budget = budget;
    }

    /// A page's identity: the hash of its content, so that a rebuild finds unchanged pages. A
    /// single build keeps nothing for a rebuild, so its pages are simply numbered.
    pub(super) fn page_keys(&self, docs: &[&SearchDoc]) -> Vec<u64> {
        use rayon::prelude::*;
        match self.keep {
            Keep::Nothing => (0..docs.len() as u64).collect(),
            Keep::ForRebuilds => docs.par_iter().map(|d| super::doc_hash(d)).collect(),
        }
    }

    /// Whether this cache keeps what only a later build would use.
    pub(super) fn keeps_for_rebuilds(&self) -> bool {
        self.keep == Keep::ForRebuilds
    }

    /// After `done`: frees what a single build reads no more.
    pub(super) fn release(&mut self, done: Done) {
        if self.keep == Keep::ForRebuilds {
            return;
        }
        match done {
            Done::DocTerms => {
                for d in self.docs.values_mut() {
                    if let Some(w) = Arc::get_mut(&mut d.words) {
                        w.vocab = Vec::new();
                    }
                }
            }
            Done::TopResults => {
                for d in self.docs.values_mut() {
                    if let Some(w) = Arc::get_mut(&mut d.words) {
                        w.entries = Vec::new();
                    }
                }
            }
            Done::Postings => {
                self.order_terms = Vec::new();
                for d in self.docs.values_mut() {
                    d.terms = Arc::default();
                }
            }
            Done::Sort => self.postings = Vec::new(),
            Done::Assembly => {
                self.docs = FxHashMap::default();
                self.entries = Vec::new();
            }
        }
    }
}
