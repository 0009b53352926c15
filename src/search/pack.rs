//! Index files are written gzip-compressed (`…json.gz`) and unpacked by the client
//! (`DecompressionStream`), as Pagefind does with its own files: a query then transfers the
//! compressed size from any static host, including those that do not compress JSON themselves.
//! A host that does add `Content-Encoding: gzip` for `.gz` files is fine too: the browser
//! unpacks the file and the client sees JSON (it checks the gzip magic bytes).
//!
//! Fragment and whole-text files (`x/NNN.bin`, `p/NNN.bin`) are packed page by page instead (`ranged`): each page's entry
//! is a gzip file of its own, after a table of where each begins, so that the client fetches
//! one page's entry with an HTTP `Range` request rather than the whole file. They are named
//! `.bin`, not `.gz`, so that no host serves them with `Content-Encoding: gzip`, which would
//! make a byte range of them undecodable.

use std::cell::RefCell;
use std::hash::Hasher;

use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::output::OutputFile;

/// What a packed file's name ends with.
pub const SUFFIX: &str = ".gz";
/// What a file packed page by page (`ranged`) is named with; it is written as it is.
pub const RANGED_SUFFIX: &str = ".bin";
/// Bytes of one entry of a ranged file's table: a little-endian u32 offset.
const OFFSET_BYTES: usize = 4;

/// libdeflate's levels, measured on the index files of gen_corpus's 10,000 pages (28.5 MB):
/// level 1 gives 6.48 MB, level 4 6.03 MB in 1.6× level 1's time, level 6 5.82 MB in 2.2×.
/// zlib-rs at level 3, used before, gave 6.24 MB in 1.9×.
const LEVEL: i32 = 4;

/// Compresses index files, keeping the result of the previous call so that a rebuild in
/// `serve` compresses only the files whose contents changed.
#[derive(Default)]
pub struct Packer {
    previous: FxHashMap<String, (u64, Vec<u8>)>,
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Gzip of `bytes`, with no file name or time in the header, so the same input always gives
/// the same file (a rebuild leaves unchanged files byte for byte as they were).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        // A compressor holds some 300 kB of match-finder tables: one per thread, not per file.
        static COMPRESSOR: RefCell<Compressor> = RefCell::new(compressor(LEVEL));
    }
    COMPRESSOR.with_borrow_mut(|c| compress(c, bytes))
}

/// `gzip` at level 1: for the pages' whole texts (`excerpt::whole_text`), the index's largest
/// part by far and read only for the few results whose excerpts lack their words, where the
/// time matters more than the bytes (see `LEVEL`).
pub fn gzip_fast(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: RefCell<Compressor> = RefCell::new(compressor(1));
    }
    COMPRESSOR.with_borrow_mut(|c| compress(c, bytes))
}

fn compressor(level: i32) -> Compressor {
    Compressor::new(CompressionLvl::new(level).unwrap_or_default())
}

/// Files up to this size are compressed into a buffer kept per thread (`compress`).
const SCRATCH_MAX: usize = 1 << 20;

fn compress(c: &mut Compressor, bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        // A buffer of the bound made for each file was zeroed first and shrunk after, and a
        // page's whole text is compressed for every cut page: small files are compressed here,
        // then copied out at their size.
        static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let bound = c.gzip_compress_bound(bytes.len());
    if bound > SCRATCH_MAX {
        let mut out = vec![0; bound];
        let n = compress_into(c, bytes, &mut out);
        out.truncate(n);
        return out;
    }
    OUT.with_borrow_mut(|out| {
        if out.len() < bound {
            out.resize(bound, 0);
        }
        let n = compress_into(c, bytes, &mut out[..bound]);
        out[..n].to_vec()
    })
}

/// `bytes` compressed into `out`, which holds their bound; the compressed size.
fn compress_into(c: &mut Compressor, bytes: &[u8], out: &mut [u8]) -> usize {
    // The bound always fits; were it not to, the file would be empty and the client would
    // report it rather than show wrong results.
    c.gzip_compress(bytes, out).unwrap_or(0)
}

/// The contents of a packed file (for tests and benchmarks; the browser has its own).
pub fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    if !bytes.starts_with(&[0x1f, 0x8b]) || bytes.len() < 18 {
        return Err(bad("not gzip"));
    }
    // A gzip file ends with its unpacked size modulo 2^32 (index files are far smaller), and
    // deflate packs at most 1,032 bytes into one.
    let size = u32::from_le_bytes(bytes[bytes.len() - 4..].try_into().unwrap_or_default());
    let size = (size as usize).min(bytes.len() * 1032);
    let mut out = vec![0; size];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(bytes, &mut out)
        .map_err(|e| bad(&format!("not gzip: {e:?}")))?;
    out.truncate(n);
    Ok(out)
}

/// A file packed page by page from its pages' gzip files (`gzip` of each page's entry):
/// `pages + 1` offsets from the file's start (little-endian u32), where each page's gzip begins
/// and, last, where the file ends; then the pages' gzip files one after the other. Page `k` is
/// the bytes from offset `k` to offset `k + 1`: the client reads those two offsets (a range
/// of 8 bytes at `4k`), then that range (search/engine.js `fragment`).
pub(super) fn ranged(members: &[&[u8]]) -> Vec<u8> {
    let table = (members.len() + 1) * OFFSET_BYTES;
    let size = table + members.iter().map(|m| m.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut at = table;
    for m in members.iter().map(|m| m.len()).chain([0]) {
        // A fragment file holds a few hundred pages of bounded excerpts, far below 4 GB.
        out.extend_from_slice(&u32::try_from(at).unwrap_or(u32::MAX).to_le_bytes());
        at += m;
    }
    for m in members {
        out.extend_from_slice(m);
    }
    out
}

/// The pages' entries of a ranged file, unpacked (for tests and benchmarks; the browser reads
/// one page at a time).
pub fn unpack_ranged(bytes: &[u8]) -> std::io::Result<Vec<Vec<u8>>> {
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not a ranged index file");
    let offset = |k: usize| -> std::io::Result<usize> {
        let b = bytes
            .get(k * OFFSET_BYTES..(k + 1) * OFFSET_BYTES)
            .ok_or_else(bad)?;
        Ok(u32::from_le_bytes(b.try_into().map_err(|_| bad())?) as usize)
    };
    let pages = (offset(0)? / OFFSET_BYTES).checked_sub(1).ok_or_else(bad)?;
    (0..pages)
        .map(|k| {
            let (from, to) = (offset(k)?, offset(k + 1)?);
            match bytes.get(from..to).ok_or_else(bad)? {
                // A page without an entry (a whole-text file's page whose fragment is whole).
                [] => Ok(Vec::new()),
                page => gunzip(page),
            }
        })
        .collect()
}

/// The files compressed, each renamed to `<path>.gz`, remembering nothing.
pub fn pack_once(files: Vec<OutputFile>) -> Vec<OutputFile> {
    files.par_iter().map(pack_file).collect()
}

/// One file compressed and renamed to `<path>.gz`; a file packed page by page already
/// (`RANGED_SUFFIX`) as it is.
pub fn pack_file(file: &OutputFile) -> OutputFile {
    if file.path.ends_with(RANGED_SUFFIX) {
        return file.clone();
    }
    named(&file.path, gzip(&file.contents))
}

fn named(path: &str, gz: Vec<u8>) -> OutputFile {
    OutputFile::new(format!("{path}{SUFFIX}"), gz)
}

impl Packer {
    /// The files compressed, each renamed to `<path>.gz`; a file whose contents are as in the
    /// previous call is not compressed again.
    pub fn pack(&mut self, files: Vec<OutputFile>) -> Vec<OutputFile> {
        let previous = &self.previous;
        let packed: Vec<(String, u64, Vec<u8>)> = files
            .into_par_iter()
            .map(|f| {
                if f.path.ends_with(RANGED_SUFFIX) {
                    return (f.path, 0, f.contents);
                }
                let hash = content_hash(&f.contents);
                let gz = match previous.get(&f.path) {
                    Some((h, gz)) if *h == hash => gz.clone(),
                    _ => gzip(&f.contents),
                };
                (f.path, hash, gz)
            })
            .collect();
        let mut out = Vec::with_capacity(packed.len());
        let mut next = FxHashMap::default();
        for (path, hash, gz) in packed {
            if path.ends_with(RANGED_SUFFIX) {
                out.push(OutputFile::new(path, gz));
                continue;
            }
            out.push(named(&path, gz.clone()));
            next.insert(path, (hash, gz));
        }
        self.previous = next;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_reproducibly_and_reuses_unchanged_files() {
        let files = |b: &str| {
            vec![
                OutputFile::new("search/meta.json", b"{\"n\":1}".to_vec()),
                OutputFile::new("search/t/000.json", b.as_bytes().to_vec()),
            ]
        };
        let mut p = Packer::default();
        let a = p.pack(files("[[\"frånvaro\",1,\"A\"]]"));
        assert_eq!(a[0].path, "search/meta.json.gz");
        assert_eq!(
            gunzip(&a[1].contents).unwrap(),
            "[[\"frånvaro\",1,\"A\"]]".as_bytes()
        );
        // The same input gives the same bytes (no time stamp in the header).
        assert_eq!(gzip(b"abc"), gzip(b"abc"));
        let b = p.pack(files("[]"));
        assert_eq!(a[0].contents, b[0].contents);
        assert_eq!(gunzip(&b[1].contents).unwrap(), b"[]");
        // Packing without memory gives the same files.
        let once = pack_once(files("[]"));
        assert_eq!(
            once.iter()
                .map(|f| (&f.path, &f.contents))
                .collect::<Vec<_>>(),
            b.iter().map(|f| (&f.path, &f.contents)).collect::<Vec<_>>()
        );
        assert!(gunzip(b"not gzip").is_err());
    }

    #[test]
    fn a_ranged_file_gives_each_page_by_its_two_offsets() {
        let pages: Vec<Vec<u8>> = ["[\"a/\"]", "[\"b/\",\"åäö\"]", "null"]
            .iter()
            .map(|p| gzip(p.as_bytes()))
            .collect();
        let refs: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
        let file = ranged(&refs);
        // As the client reads page 1: the two offsets at 4, then the bytes between them.
        let at = |k: usize| u32::from_le_bytes(file[4 * k..4 * k + 4].try_into().unwrap()) as usize;
        assert_eq!(
            gunzip(&file[at(1)..at(2)]).unwrap(),
            "[\"b/\",\"åäö\"]".as_bytes()
        );
        assert_eq!(at(3), file.len());
        let all = unpack_ranged(&file).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[2], b"null");
        // Passed through as it is, named as it is.
        let f = OutputFile::new("search/x/000.bin", file.clone());
        assert_eq!(pack_file(&f).contents, file);
        assert_eq!(Packer::default().pack(vec![f])[0].path, "search/x/000.bin");
        assert!(
            unpack_ranged(&file[..6]).is_err(),
            "a cut file is an error, not a panic"
        );
        assert!(unpack_ranged(b"").is_err());
    }
}
