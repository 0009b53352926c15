//! Stage 5: the files, concatenated from the cached parts: term chunks in chunk order, the
//! vocabulary files, fragment files and whole-text files (packed page by page, `pack::ranged`)
//! and meta.

use std::borrow::Cow;
use std::cmp::Ordering;

use std::hash::Hasher;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::postings::Dirty;
use super::spill::{self, Kept};
use super::{IndexCache, TermId};
use crate::output::OutputFile;
use crate::search::index::{fragment_group, js_cmp, max_files, MIN_CHUNK_BYTES, RESERVED_FILES};
use crate::search::meta::{facet_parts, facets_apart, meta_json};
use crate::search::pack::{gzip, ranged, RANGED_SUFFIX};
use crate::search::vocab::{vocabulary_files, VocabularyFiles};
use crate::search::{SearchDoc, DIR};

impl IndexCache {
    /// The chunk order of the terms with postings: sorted in a full build, and updated term by
    /// term in an incremental one. After `encode_entries`: in a full build every term was
    /// dirty, so the terms with postings are those with an entry (a single build has dropped
    /// the postings by then).
    pub(super) fn sort_terms(&mut self, dirty: &Dirty) {
        if !dirty.incremental {
            let mut sorted: Vec<TermId> = (0..self.terms.len() as TermId)
                .filter(|&t| !self.entries[t as usize].is_empty())
                .collect();
            sorted.par_sort_unstable_by(|&a, &b| self.term_order(a, b));
            self.sorted = sorted;
            return;
        }
        let (now_in, now_out): (Vec<TermId>, Vec<TermId>) = dirty
            .terms
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
    }

    /// Order of terms in the chunks: by folded form, then by the term itself, as JavaScript
    /// compares strings, so that "frånvaro" and "franvaro" lie in one chunk and a prefix is a
    /// contiguous range.
    fn term_order(&self, a: TermId, b: TermId) -> Ordering {
        let (a, b) = (a as usize, b as usize);
        js_cmp(&self.folds[a], &self.folds[b]).then_with(|| js_cmp(&self.terms[a], &self.terms[b]))
    }

    /// Whether a term chunk may end after the `i`-th term: never between two terms of one folded
    /// key, nor between a term and its inflections ("frånvaro", "frånvaron"), which a query for
    /// one form looks up with the other (search/query.js `baseStems`), also across the few terms that
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

    /// All files from the cached parts; `docs` in index order.
    pub(super) fn assemble(&mut self, docs: &[&SearchDoc]) -> Vec<OutputFile> {
        let g = fragment_group(docs.len());
        let mut files = self.fragment_files(g);
        let (mut chunks, chunk_keys) = self.term_chunks(files.len());
        files.append(&mut chunks);
        // Owned: the whole texts are moved out of the cache below.
        let chunk_keys: Vec<String> = chunk_keys.into_iter().map(str::to_owned).collect();
        let mut vocab = vocabulary_files(
            self.sorted
                .iter()
                .map(|&t| (&*self.terms[t as usize], &*self.folds[t as usize])),
        );
        files.append(&mut vocab.files);
        let facets = if facets_apart(docs.len()) {
            facet_parts(docs)
        } else {
            Vec::new()
        };
        // The whole texts take what the budget leaves (a file for the meta, and the facets'):
        // they are read rarely, and never at the cost of larger term chunks, which every query reads.
        let room = max_files(docs.len()).saturating_sub(files.len() + 1 + facets.len());
        let (gw, mut wholes) = self.whole_files(g, room);
        files.append(&mut wholes);
        let chunk_keys: Vec<&str> = chunk_keys.iter().map(String::as_str).collect();
        files.push(self.meta_file(docs, &chunk_keys, &vocab, [g, gw]));
        let facets = facets.iter().map(|(name, part)| json_file(name, part));
        files.extend(facets);
        files
    }

    /// Term chunks: closed once the target size is reached, but never between two terms of one
    /// folded key (`may_end_chunk`). The target grows with the site so that the chunks fill the
    /// file budget that the `fragments` files and the reserved ones leave (a query reads its
    /// words' chunks whole, and a page's fragment by range from a file of any size). It moves in
    /// 2 kB steps so that one edited page rarely shifts every chunk boundary. Returns the files
    /// and each chunk's first key.
    fn term_chunks(&self, fragments: usize) -> (Vec<OutputFile>, Vec<&str>) {
        let total: usize = self
            .sorted
            .iter()
            .map(|&t| self.entries[t as usize].len() + 1)
            .sum();
        // A tiered term's rest file (`index::tiers`) is one more file at most.
        let most = max_files(self.order_hashes.len())
            .saturating_sub(RESERVED_FILES + fragments + self.rests.len())
            .max(1);
        let target = MIN_CHUNK_BYTES.max((total / most).next_multiple_of(2048));
        let mut files = Vec::new();
        let mut chunk_keys: Vec<&str> = Vec::new();
        let mut chunk: Vec<u8> = Vec::new();
        let mut first = 0;
        for (i, &t) in self.sorted.iter().enumerate() {
            if chunk.is_empty() {
                first = i;
                chunk_keys.push(&self.folds[t as usize]);
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
                let number = chunk_keys.len() - 1;
                files.extend(self.rest_files(&self.sorted[first..=i], number));
                files.push(OutputFile::new(
                    format!("{DIR}t/{:03}.json", chunk_keys.len() - 1),
                    std::mem::take(&mut chunk),
                ));
            }
        }
        (files, chunk_keys)
    }

    /// Fragment files, `g` pages a file, each page's entry packed on its own (`pack::ranged`) so
    /// that a result reads its page's bytes only. A page's packed entry is kept for the next
    /// build while its entry is unchanged (`uppsikt serve`); a single build moves each page's
    /// fragment out as it packs it, so that the fragments are never held twice.
    fn fragment_files(&mut self, g: usize) -> Vec<OutputFile> {
        let previous = &self.packed_fragments;
        let pack = |h: u64, f: &[u8]| -> (u64, u64, Arc<[u8]>) {
            let sum = content_hash(f);
            match previous.get(&h) {
                Some((s, gz)) if *s == sum => (h, sum, Arc::clone(gz)),
                _ => (h, sum, gzip(f).into()),
            }
        };
        let packed: Vec<(u64, u64, Arc<[u8]>)> = if self.keeps_for_rebuilds() {
            let fragment = |h: &u64| match (self.shown.get(h), self.docs.get(h)) {
                (Some((_, f)), _) => Cow::Borrowed(&f[..]),
                (None, Some(c)) => spill::bytes(self.spill.as_ref(), &c.words.fragment),
                (None, None) => Cow::Borrowed(&b"null"[..]),
            };
            let frags: Vec<(u64, Cow<[u8]>)> = self
                .order_hashes
                .iter()
                .map(|h| (*h, fragment(h)))
                .collect();
            frags.into_par_iter().map(|(h, f)| pack(h, &f)).collect()
        } else {
            let (shown, docs) = (&mut self.shown, &mut self.docs);
            let mut fragment = |h: &u64| match shown.remove(h) {
                Some((_, f)) => Kept::Memory(f),
                // Moved out; copied if it were shared (a single build never shares it).
                None => docs.get_mut(h).map_or(Kept::Memory(b"null".to_vec()), |c| {
                    match Arc::get_mut(&mut c.words) {
                        Some(w) => std::mem::take(&mut w.fragment),
                        None => c.words.fragment.clone(),
                    }
                }),
            };
            let frags: Vec<(u64, Kept)> = self
                .order_hashes
                .iter()
                .map(|h| (*h, fragment(h)))
                .collect();
            // A fragment in the scratch file is read here, and only its packed bytes kept.
            let scratch = self.spill.as_ref();
            (frags.into_par_iter())
                .map(|(h, f)| pack(h, &spill::bytes(scratch, &f)))
                .collect()
        };
        if self.keeps_for_rebuilds() {
            let kept = packed.iter().map(|(h, s, gz)| (*h, (*s, Arc::clone(gz))));
            self.packed_fragments = kept.collect();
        }
        let members = packed.into_iter().map(|(_, _, gz)| gz).collect();
        ranged_files(members, g, |i| format!("{DIR}x/{i:03}{RANGED_SUFFIX}"))
    }

    /// Whole-text files (`p/`), packed as the fragment files are, in groups of `g` pages or of
    /// a multiple of it that fits in `room` files: page k of a group holds the page's whole text
    /// when its fragment was cut, else nothing (the client reads it only for a fragment marked
    /// cut). Returns the group size and the files; none (group 0) when no fragment was cut (a
    /// small site's pages are stored whole in their fragments). A single build moves each
    /// page's whole text out as it packs it.
    fn whole_files(&mut self, g: usize, room: usize) -> (usize, Vec<OutputFile>) {
        let scratch = self.spill.as_ref();
        let wholes: Vec<Cow<[u8]>> = if self.keeps_for_rebuilds() {
            let whole = |h: &u64| self.docs.get(h).and_then(|c| c.words.whole.as_ref());
            let wholes = self.order_hashes.iter().map(whole);
            wholes
                .map(|w| w.map_or(Cow::Borrowed(&[][..]), |w| spill::bytes(scratch, w)))
                .collect()
        } else {
            let docs = &mut self.docs;
            let whole = |h: &u64| {
                let c = docs.get_mut(h)?;
                match Arc::get_mut(&mut c.words) {
                    Some(w) => w.whole.take(),
                    None => c.words.whole.clone(),
                }
            };
            let wholes: Vec<Option<Kept>> = self.order_hashes.iter().map(whole).collect();
            (wholes.into_par_iter())
                .map(|w| match w {
                    Some(w) => Cow::Owned(spill::bytes(scratch, &w).into_owned()),
                    None => Cow::Borrowed(&[][..]),
                })
                .collect()
        };
        if wholes.iter().all(|w| w.is_empty()) {
            return (0, Vec::new());
        }
        let gw = g * wholes.len().div_ceil(g).div_ceil(room.max(1));
        let files = ranged_files(wholes, gw, |i| format!("{DIR}p/{i:03}{RANGED_SUFFIX}"));
        (gw, files)
    }

    fn meta_file(
        &self,
        docs: &[&SearchDoc],
        chunk_keys: &[&str],
        vocab: &VocabularyFiles,
        [g, gw]: [usize; 2],
    ) -> OutputFile {
        json_file(
            "meta.json",
            &meta_json(docs, chunk_keys, vocab, g, gw, &self.lengths),
        )
    }
}

/// The index file `name` (under `search/`) holding `value`, before compression.
fn json_file(name: &str, value: &serde_json::Value) -> OutputFile {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile::new(format!("{DIR}{name}"), bytes)
}

/// The files of `parts` packed (`pack::ranged`) `group` at a time, named by `name` of their
/// number; each group's parts are dropped as its file is made.
fn ranged_files<T: AsRef<[u8]> + Send>(
    parts: Vec<T>,
    group: usize,
    name: impl Fn(usize) -> String + Sync,
) -> Vec<OutputFile> {
    let mut groups: Vec<Vec<T>> = Vec::with_capacity(parts.len().div_ceil(group.max(1)));
    let mut parts = parts.into_iter().peekable();
    while parts.peek().is_some() {
        groups.push(parts.by_ref().take(group.max(1)).collect());
    }
    (groups.into_par_iter().enumerate())
        .map(|(i, group)| {
            let members: Vec<&[u8]> = group.iter().map(AsRef::as_ref).collect();
            OutputFile::new(name(i), ranged(&members))
        })
        .collect()
}

/// Whether `next` (a folded term) is `key` itself or `key` with an ending of up to three letters.
pub(super) fn inflects(next: &str, key: &str) -> bool {
    next.strip_prefix(key)
        .is_some_and(|rest| rest.chars().count() <= 3)
}

/// A fragment's identity, to tell whether its packed bytes can be kept.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}
