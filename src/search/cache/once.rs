//! A one-off build's index, made of its pages as they come: each report's pages are analysed
//! as the report is written (`render::write_once`), and of each page only what the index needs
//! is kept until all are in: its word counts and fragment (`Analysed`), and its fields without
//! its sections' text. The second look at a page (`top.rs`) needs its text only when its
//! fragment was cut, and then the page's compressed whole text holds it. A build that writes
//! its site keeps the analyses in a scratch file until all are in (`spill.rs`).

use std::fs::File;
use std::io;
use std::sync::Arc;

use rayon::prelude::*;

use super::spill::{Held, Kept, Spill};
use super::{index_order, IndexCache, PageOrder, Timing, ANALYSE_BATCH};
use crate::output::OutputFile;
use crate::search::analyse::analyse;
use crate::search::excerpt::text_budget;
use crate::search::SearchDoc;

/// The index of a one-off build, made of its pages analysed one by one (`analyse`), in any
/// order; `files` gives the files a fresh `IndexCache` gives for the same pages.
pub struct OnceIndex {
    /// The fragment budget of the build's page count (`excerpt::text_budget`).
    budget: usize,
    pages: usize,
    /// Where the analyses wait, when not in memory.
    spill: Option<Spill>,
}

/// One page of a one-off build, analysed.
pub struct OncePage {
    /// The page's fields, its sections' text left out (`Texts::InWhole`).
    doc: SearchDoc,
    analysed: Held,
}

/// Where the second look at a page (`top.rs`) finds the page's sections' text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Texts {
    /// In the pages given.
    InDocs,
    /// In the page's whole text (`DocWords::whole`), kept for a page whose fragment was cut;
    /// a fragment not cut holds every section whole, and a second look has nothing to add.
    InWhole,
}

impl OnceIndex {
    /// The index of a build of `pages` pages: every one must be given to `files`.
    pub fn new(pages: usize) -> Self {
        OnceIndex {
            budget: text_budget(pages),
            pages,
            spill: None,
        }
    }

    /// The index, keeping each page's analysis in `file` (read and write, empty) until the
    /// index is built.
    pub fn spilling_to(self, file: File) -> Self {
        OnceIndex {
            spill: Some(Spill::new(file)),
            ..self
        }
    }

    /// The page analysed, its sections' text dropped (see `Texts::InWhole`).
    pub fn analyse(&self, mut doc: SearchDoc) -> OncePage {
        let analysed = analyse(&doc, self.budget);
        for s in &mut doc.sections {
            s.text = String::new();
        }
        let analysed = match &self.spill {
            Some(spill) => spill.hold(analysed),
            None => Held::Memory(analysed),
        };
        OncePage { doc, analysed }
    }

    /// The index files, not compressed yet (see `super::super::index_files`); an error when
    /// the scratch file cannot be read back. Pages given other than the count `new` was told
    /// would be fragments made for another budget.
    pub fn files(self, pages: Vec<OncePage>) -> io::Result<Vec<OutputFile>> {
        debug_assert_eq!(pages.len(), self.pages, "the pages the index was made for");
        let (docs, analysed): (Vec<SearchDoc>, Vec<Held>) =
            pages.into_iter().map(|p| (p.doc, p.analysed)).unzip();
        IndexCache::files_analysed(&docs, analysed, self.budget, self.spill)
    }
}

impl IndexCache {
    /// Stages 2 to 5 of a single build of pages analysed already (`OnceIndex`): their words
    /// are interned in index order, as `analyse_pages` interns them.
    fn files_analysed(
        docs: &[SearchDoc],
        analysed: Vec<Held>,
        budget: usize,
        spill: Option<Spill>,
    ) -> io::Result<Vec<OutputFile>> {
        let mut cache = IndexCache::one_shot();
        cache.spill = spill;
        let mut timing = Timing::new();
        cache.start(budget);
        let order = index_order(docs);
        let hashes = {
            let docs: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();
            cache.page_keys(&docs)
        };
        let mut slots: Vec<Option<Held>> = analysed.into_iter().map(Some).collect();
        let mut added: Vec<u64> = Vec::with_capacity(order.len());
        let positions: Vec<usize> = (0..order.len()).collect();
        for batch in positions.chunks(ANALYSE_BATCH) {
            let held: Vec<(u64, Held)> = (batch.iter())
                .filter_map(|&i| Some((hashes[i], slots[order[i]].take()?)))
                .collect();
            let spill = cache.spill.as_ref();
            let loaded: Vec<_> = (held.into_par_iter())
                .map(|(hash, h)| Ok((hash, h.load(spill)?)))
                .collect::<io::Result<_>>()?;
            let (pages, texts): (Vec<_>, Vec<_>) = (loaded.into_iter())
                .map(|(hash, (a, fragment, whole))| ((hash, a), (hash, fragment, whole)))
                .unzip();
            cache.intern_all(pages, &mut added);
            cache.keep_texts(texts);
        }
        timing.mark("intern");
        let order = PageOrder {
            order,
            hashes,
            added,
        };
        let files = cache.finish(docs, order, &mut timing, Texts::InWhole);
        match cache.spill.as_ref().and_then(Spill::failure) {
            Some(e) => Err(e),
            None => Ok(files),
        }
    }

    /// Each page's fragment and whole text where they are (`Held::load`), in its words.
    fn keep_texts(&mut self, texts: Vec<(u64, Kept, Option<Kept>)>) {
        for (hash, fragment, whole) in texts {
            let words = self
                .docs
                .get_mut(&hash)
                .and_then(|c| Arc::get_mut(&mut c.words));
            if let Some(w) = words {
                w.fragment = fragment;
                w.whole = whole;
            }
        }
    }
}

/// The page `d` (its sections' text left out) with the text of its whole text `gz`
/// (`excerpt::whole_text`); None when that does not fit the page.
pub(super) fn with_whole_text(d: &SearchDoc, gz: &[u8]) -> Option<SearchDoc> {
    let json = crate::search::gunzip(gz).ok()?;
    let (_, texts): (String, Vec<String>) = serde_json::from_slice(&json).ok()?;
    if texts.len() != d.sections.len() {
        return None;
    }
    let mut full = d.clone();
    for (s, text) in full.sections.iter_mut().zip(texts) {
        s.text = text;
    }
    Some(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 40 pages, each of one section too long to store whole (an opening, then windows around
    /// its words written twice); page 7 alone writes a word once, beyond them, so that it is
    /// the top result for a word its first fragment does not show.
    fn site() -> Vec<SearchDoc> {
        let filler = |n: usize| "Det går bra i år. ".repeat(n);
        (0..40)
            .map(|i| {
                let rare = if i == 7 {
                    "Kameraövervakning införs."
                } else {
                    ""
                };
                let body = format!(
                    "{} Skolskjutsen{i} och skolskjutsen{i}. {} Lokalerna och lokalerna. {} \
                     Simhallen och simhallen. {} {rare} {}",
                    filler(850),
                    filler(450),
                    filler(450),
                    filler(450),
                    filler(100),
                );
                crate::search::one_section_page(
                    &format!("2025/april/omrade-{i:02}/"),
                    &format!("omrade-{i:02}"),
                    &format!("Område {i}"),
                    "Nämnden följer upp arbetet",
                    "Genomfört",
                    &body,
                )
            })
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn pages_kept_in_a_scratch_file_make_the_same_index() {
        let docs = site();
        let memory = OnceIndex::new(docs.len());
        let file = super::super::spill::tests::scratch_for_tests();
        let spilled = OnceIndex::new(docs.len()).spilling_to(file);
        let kept = docs.iter().map(|d| memory.analyse(d.clone())).collect();
        let written: Vec<OncePage> = docs
            .iter()
            .rev()
            .map(|d| spilled.analyse(d.clone()))
            .collect();
        assert!(written
            .iter()
            .all(|p| matches!(p.analysed, Held::Spilled { .. })));
        let kept = memory.files(kept).expect("in memory");
        let written = spilled.files(written).expect("read back");
        super::super::tests::assert_same(&written, &kept);
    }

    #[test]
    fn pages_analysed_as_they_come_make_the_same_index() {
        let docs = site();
        let once = OnceIndex::new(docs.len());
        let first = once.analyse(docs[7].clone());
        // The first fragment does not show the word: the second look must, from the whole text.
        let Held::Memory(analysed) = &first.analysed else {
            panic!("kept in memory without a scratch file")
        };
        let fragment = String::from_utf8_lossy(&analysed.fragment).into_owned();
        assert!(!fragment.contains("Kameraövervakning"), "{fragment}");
        assert!(first.doc.sections.iter().all(|s| s.text.is_empty()));
        // In another order than the index's: reversed.
        let pages = docs.iter().rev().map(|d| once.analyse(d.clone())).collect();
        let files = crate::search::pack::pack_once(once.files(pages).expect("in memory"));
        let fresh = super::super::IndexCache::new().build(&docs);
        super::super::tests::assert_same(&files, &fresh);
        let shown = files.iter().any(|f| {
            f.path.contains("/x/")
                && crate::search::unpack_ranged(&f.contents)
                    .expect("a ranged file")
                    .iter()
                    .any(|p| String::from_utf8_lossy(p).contains("Kameraövervakning införs"))
        });
        assert!(shown, "the remade fragment shows the word");
    }
}
