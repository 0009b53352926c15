//! How a term's pages are written in its chunk entry, and how a tiered entry names its best
//! pages.
//!
//! Pages are varint deltas (one digit a page while the gaps stay under 32), or, when shorter,
//! a bitmap behind `BITMAP`: six pages a digit, page `6i + k` in bit `k` of digit `i`, up to
//! the digit of the last page. A word on a good share of a large site's pages costs gzip about
//! a bit a page as deltas (a symbol a page, however likely), but packed six to a symbol it
//! comes near what the set holds: at 100,000 entries the page lists gzip 15 % smaller
//! (benches/README, session 14). A word on few pages keeps its deltas.
//!
//! A tiered entry's frequencies (`tiers`) are those of its best pages only, with the places of
//! those pages among its pages as varint deltas: a `tiers::REST` mark for every other page
//! gzipped to more than the places do.

use super::{digit, push_varint, ALPHABET};

/// The first character of a page list written as a bitmap (outside the digit alphabet).
pub(crate) const BITMAP: u8 = b'~';

/// A term's pages (ascending, distinct), in whichever form is shorter.
pub(crate) fn encode(docs: impl Iterator<Item = u32> + Clone) -> String {
    let (mut prev, mut deltas, mut last) = (0, 0, None);
    for (i, doc) in docs.clone().enumerate() {
        deltas += varint_len(if i == 0 { doc } else { doc - prev });
        prev = doc;
        last = Some(doc);
    }
    let digits = last.map_or(0, |l| l as usize / 6 + 1);
    if last.is_none() || 1 + digits >= deltas {
        let mut out = String::with_capacity(deltas);
        prev = 0;
        for (i, doc) in docs.enumerate() {
            push_varint(&mut out, if i == 0 { doc } else { doc - prev });
            prev = doc;
        }
        return out;
    }
    let mut bits = vec![0u8; digits];
    for doc in docs {
        bits[doc as usize / 6] |= 1 << (doc % 6);
    }
    let mut out = String::with_capacity(1 + digits);
    out.push(BITMAP as char);
    out.extend(bits.iter().map(|&b| ALPHABET[b as usize] as char));
    out
}

/// The digits `push_varint` writes for `v`.
fn varint_len(v: u32) -> usize {
    (32 - v.max(1).leading_zeros() as usize).div_ceil(5)
}

/// The pages `encode` wrote; None for a character outside its form.
pub(crate) fn decode(s: &str) -> Option<Vec<u32>> {
    match s.as_bytes() {
        [BITMAP, bits @ ..] => {
            let mut out = Vec::new();
            for (i, &c) in bits.iter().enumerate() {
                let d = digit(c)?;
                out.extend(
                    (0..6)
                        .filter(|k| d & (1 << k) != 0)
                        .map(|k| 6 * i as u32 + k),
                );
            }
            Some(out)
        }
        bytes => {
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                let delta = varint(bytes, &mut i)?;
                let doc = out
                    .last()
                    .map_or(Some(delta), |&p: &u32| p.checked_add(delta))?;
                out.push(doc);
            }
            Some(out)
        }
    }
}

/// One varint from `bytes` at `*i`, moving `*i` past it.
fn varint(bytes: &[u8], i: &mut usize) -> Option<u32> {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let d = digit(*bytes.get(*i)?)?;
        *i += 1;
        v = v.checked_add((d & 31).checked_shl(shift)?)?;
        if d < 32 {
            return Some(v);
        }
        shift += 5;
    }
}

/// A tiered entry's frequencies as written: the places of its best pages (those whose
/// frequency is not `rest`) as varint deltas, and their frequencies.
pub(crate) fn split_top(freqs: &str, rest: u8) -> (String, String) {
    let (mut places, mut top) = (String::new(), String::new());
    let mut prev = 0;
    for (i, c) in freqs.bytes().enumerate().filter(|&(_, c)| c != rest) {
        push_varint(&mut places, (i - prev) as u32);
        prev = i;
        top.push(c as char);
    }
    (places, top)
}

/// The frequencies `split_top` was given, for an entry of `pages` pages; None when the places
/// do not fit them.
pub(crate) fn join_top(places: &str, top: &str, pages: usize, rest: u8) -> Option<String> {
    let mut out = vec![rest; pages];
    let (bytes, mut i, mut at) = (places.as_bytes(), 0, 0usize);
    for (n, c) in top.bytes().enumerate() {
        let delta = varint(bytes, &mut i)? as usize;
        // Places rise: only the first may be 0 from the start.
        if n > 0 && delta == 0 {
            return None;
        }
        at += delta;
        *out.get_mut(at)? = c;
    }
    if i != bytes.len() {
        return None;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparse_list_stays_deltas_and_a_dense_one_becomes_a_bitmap() {
        let sparse = [3u32, 40, 1000, 100_000];
        assert_eq!(encode(sparse.into_iter()), "3b1WUurW3");
        assert_eq!(
            decode(&encode(sparse.into_iter())).as_deref(),
            Some(&sparse[..])
        );
        // Every other page of 60: 30 deltas of 2, or 10 digits of bits 0, 2 and 4 (21).
        let dense: Vec<u32> = (0..60).step_by(2).collect();
        assert_eq!(
            encode(dense.iter().copied()),
            format!("~{}", "L".repeat(10))
        );
        assert_eq!(decode(&encode(dense.iter().copied())), Some(dense));
        // The last digit holds the last page, whatever its bit.
        let ends: Vec<u32> = (0..50).chain([61]).collect();
        assert!(
            encode(ends.iter().copied()).starts_with('~')
                && encode(ends.iter().copied()).len() == 1 + 11
        );
        assert_eq!(decode(&encode(ends.iter().copied())), Some(ends));
        assert_eq!(encode(std::iter::empty()), "");
        assert_eq!(decode(""), Some(vec![]));
        for bad in ["~=", "W", "!", "__________"] {
            assert_eq!(decode(bad), None, "{bad}: an error, not a panic");
        }
    }

    #[test]
    fn a_varints_length_is_known_before_it_is_written() {
        for v in [0, 1, 31, 32, 1023, 1024, 32767, 32768, u32::MAX] {
            let mut s = String::new();
            push_varint(&mut s, v);
            assert_eq!(varint_len(v), s.len(), "{v}");
        }
    }

    #[test]
    fn a_tiered_entrys_best_pages_are_named_by_their_places() {
        let freqs = "8..A....3";
        let (places, top) = split_top(freqs, b'.');
        assert_eq!((places.as_str(), top.as_str()), ("035", "8A3"));
        assert_eq!(join_top(&places, &top, 9, b'.').as_deref(), Some(freqs));
        let none = split_top("...", b'.');
        assert_eq!(none, (String::new(), String::new()));
        assert_eq!(join_top("", "", 3, b'.').as_deref(), Some("..."));
        // Places past the pages, a place named twice, a place too many or too few: None.
        for (places, top) in [("9", "8"), ("00", "88"), ("01", "8"), ("0", "88")] {
            assert_eq!(join_top(places, top, 9, b'.'), None, "{places} {top}");
        }
    }
}
