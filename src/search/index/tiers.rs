//! Impact tiers of frequent terms (issue 18). A word found on most pages of a large site has
//! about as many postings as the site has pages, and their frequency characters are what its
//! term chunk holds: one word of 100,000 pages would be a chunk of some 60 kB by itself. Yet a
//! query shows its best five results, and a page holding such a word scores by it little.
//!
//! So the entry of a term with `TIER_MIN_DF` pages or more keeps all its pages (a few kB as a
//! bitmap, `super::pages`, and they give the exact result set, count and filter counts) but
//! the frequencies and lengths only of its best `1/TOP_SHARE` pages by the client's own BM25
//! order (at least `TOP_MIN`); the others hold `REST` here, and the entry is written with the
//! places of its best pages instead (`super::pages::split_top`). The entry names the best of the
//! rest (its frequency and length characters), from which the client computes an upper bound
//! of every rest page's score. The rest's frequencies and lengths, in page order, are in a
//! rest file of the term's own (`search/r/NNN-K.bin` for the K-th tiered term of chunk NNN), in
//! pieces of `REST_PIECE` pages of the site (`[frequencies, lengths]` each, packed one by one as
//! fragment files are), of which the client reads only those of the pages a result it shows
//! could be (search/results.js `rank`, search/engine.js `settle`).

use super::{digit, encode_lengths, tf_code, tf_of_code, Posting, ALPHABET};
use super::{BM25_B, BM25_K1, LENGTH_STEPS};

/// Terms on fewer pages are stored whole: their frequencies are a few kB at most.
pub(crate) const TIER_MIN_DF: usize = 2048;

/// Whether a site of `pages` pages stores each page's length in its postings (and no term is
/// tiered otherwise): a small site's lengths are a few bytes of meta, fewer than they would add
/// to its postings; a large site's are tens of kB of meta that every first query would read.
pub(crate) fn lengths_in_postings(pages: usize) -> bool {
    pages >= TIER_MIN_DF
}
/// The share of a tiered term's pages whose frequencies its entry holds: every query of the
/// word reads them, and a query's loose pages read their rest by the piece (`REST_PIECE`). At
/// 100,000 entries 1/32 with pieces of 1,024 pages made queries of one to three words of the
/// text a fifth smaller than 1/16 with pieces of 2,048 (benches/README, session 13).
const TOP_SHARE: usize = 32;
/// At least this many: enough for the first pages of results and a year's filter.
const TOP_MIN: usize = 128;
/// A rest page's frequency character in a tiered entry (outside the digit alphabet).
pub(crate) const REST: u8 = b'.';

/// BM25's length normalisation of each page as the client holds it (search/results.js
/// `expandMeta`: a Float32Array computed in double precision from meta's `dl`, `k1` and `b`).
pub(crate) struct Norms {
    codes: Vec<u8>,
    norm: [f32; 64],
}

impl Norms {
    pub(crate) fn of(lengths: &[u32]) -> Self {
        let dl = encode_lengths(lengths);
        let codes = dl.bytes().map(|c| digit(c).unwrap_or(32) as u8).collect();
        // The constants as the client reads them from meta: the decimals 1.2 and 0.75.
        let k1: f64 = BM25_K1.to_string().parse().unwrap_or(1.2);
        let b: f64 = BM25_B.to_string().parse().unwrap_or(0.75);
        let steps = LENGTH_STEPS as f64;
        let norm = std::array::from_fn(|c| {
            let ratio = ((c as f64 - 32.0) / steps).exp2();
            (k1 * (1.0 - b + b * ratio)) as f32
        });
        Norms { codes, norm }
    }

    /// The page-dependent factor of a posting's score, as the client computes it: the other
    /// factors (idf, k1 + 1, the word's weight) are the same for every page of the term.
    fn score(&self, p: &Posting) -> f64 {
        let tf = tf_of_code(tf_code(p.tf)) as f64;
        let code = self.codes.get(p.doc as usize).copied().unwrap_or(32);
        tf / (tf + self.norm[code as usize] as f64)
    }

    fn length_char(&self, doc: u32) -> char {
        ALPHABET[self.codes.get(doc as usize).copied().unwrap_or(32) as usize] as char
    }
}

/// A term's entry parts: the pages (`super::pages`), the frequencies (`REST` for a rest page)
/// and the lengths of the pages with a frequency (meta's length code, one character each), and
/// for a tiered term the best rest page's frequency and length characters and the rest's
/// frequencies and lengths in page order.
pub(crate) struct Encoded {
    pub pages: String,
    pub freqs: String,
    pub lengths: String,
    pub tier: Option<(String, Rest)>,
}

/// Pages of the site (by index position) whose rest frequencies one piece of a rest file
/// holds: to score a rest page exactly the client reads its piece by HTTP range
/// (`pack::ranged`), a few kB, not the whole rest (tens of kB on a large site).
pub(crate) const REST_PIECE: u32 = 1024;

/// A tiered term's rest pages' frequencies and lengths, in page order.
pub(crate) struct Rest {
    pub freqs: String,
    pub lengths: String,
    /// Where in `freqs` and `lengths` each piece begins: piece `i` holds the rest pages
    /// `i × REST_PIECE` ≤ page < `(i + 1) × REST_PIECE`.
    pub starts: Vec<usize>,
}

impl Rest {
    /// Each piece's frequencies and lengths (base-64 digits: one byte a page).
    pub(crate) fn pieces(&self) -> impl Iterator<Item = (&str, &str)> {
        let ends = self.starts.iter().skip(1).copied();
        let ends = ends.chain([self.freqs.len()]);
        (self.starts.iter().zip(ends)).map(|(&a, b)| (&self.freqs[a..b], &self.lengths[a..b]))
    }
}

/// The top pages of a tiered term, as a mask over its postings, and the best rest posting;
/// None when the term is stored whole.
fn top_mask(postings: &[Posting], norms: &Norms) -> Option<(Vec<bool>, usize)> {
    let df = postings.len();
    if df < TIER_MIN_DF {
        return None;
    }
    let keep = TOP_MIN.max(df.div_ceil(TOP_SHARE));
    if keep >= df {
        return None;
    }
    let scores: Vec<f64> = postings.iter().map(|p| norms.score(p)).collect();
    let mut order: Vec<usize> = (0..df).collect();
    // Best first, ties by page: the order the client ranks a single word's results in.
    order.sort_unstable_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut mask = vec![false; df];
    for &i in &order[..keep] {
        mask[i] = true;
    }
    Some((mask, order[keep]))
}

/// Encodes postings sorted by page (see `super::encode_postings`), tiered when the term is
/// frequent enough.
pub(crate) fn encode(postings: &[Posting], norms: &Norms) -> Encoded {
    let pages = super::pages::encode(postings.iter().map(|p| p.doc));
    let mut freqs = String::with_capacity(postings.len());
    let mut lengths = String::with_capacity(postings.len());
    let tiers = top_mask(postings, norms);
    let mut rest = Rest {
        freqs: String::new(),
        lengths: String::new(),
        starts: Vec::new(),
    };
    for (i, p) in postings.iter().enumerate() {
        let c = ALPHABET[tf_code(p.tf) as usize] as char;
        let l = norms.length_char(p.doc);
        match &tiers {
            Some((mask, _)) if !mask[i] => {
                let piece = (p.doc / REST_PIECE) as usize;
                while rest.starts.len() <= piece {
                    rest.starts.push(rest.freqs.len());
                }
                freqs.push(REST as char);
                rest.freqs.push(c);
                rest.lengths.push(l);
            }
            _ => {
                freqs.push(c);
                lengths.push(l);
            }
        }
    }
    let tier = tiers.map(|(_, best)| {
        let p = &postings[best];
        let mut bound = String::with_capacity(2);
        bound.push(ALPHABET[tf_code(p.tf) as usize] as char);
        bound.push(norms.length_char(p.doc));
        (bound, rest)
    });
    Encoded {
        pages,
        freqs,
        lengths,
        tier,
    }
}

/// A tiered entry's frequencies and lengths made whole again from its rest (for
/// `term_scores`; the browser has its own).
pub(crate) fn merge_rest(freqs: &str, lengths: &str, rest: &Rest) -> Option<(String, String)> {
    let (mut rf, mut rl, mut tl) = (rest.freqs.chars(), rest.lengths.chars(), lengths.chars());
    let mut out = (String::new(), String::new());
    for c in freqs.chars() {
        let (f, l) = if c == REST as char {
            (rf.next()?, rl.next()?)
        } else {
            (c, tl.next()?)
        };
        out.0.push(f);
        out.1.push(l);
    }
    (rf.next().is_none() && rl.next().is_none() && tl.next().is_none()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frequent_term_keeps_its_best_pages_frequencies_and_names_the_best_rest() {
        // 4,000 pages of equal length; every tenth writes the word twice, page 3999 eight times.
        let lengths = vec![100u32; 4000];
        let norms = Norms::of(&lengths);
        let postings: Vec<Posting> = (0..4000u32)
            .map(|doc| Posting {
                doc,
                tf: match doc {
                    3999 => 8.0,
                    d if d % 10 == 0 => 2.0,
                    _ => 1.0,
                },
            })
            .collect();
        let e = encode(&postings, &norms);
        let (bound, rest) = e.tier.expect("tiered");
        let top: Vec<usize> = (0..4000)
            .filter(|&i| e.freqs.as_bytes()[i] != REST)
            .collect();
        // 4000 / 32 = 125, so TOP_MIN = 128 best: page 3999, and the 400 pages written twice cut
        // at 127, by page.
        assert_eq!(top.len(), 128);
        assert_eq!(top[..3], [0, 10, 20]);
        assert_eq!(top[126], 1260);
        assert_eq!(top[127], 3999);
        // The best rest page writes it twice too (page 1270): the bound is its score exactly.
        let two = ALPHABET[tf_code(2.0) as usize] as char;
        assert_eq!(bound, format!("{two}{}", norms.length_char(1270)));
        assert_eq!((rest.freqs.len(), rest.lengths.len()), (3872, 3872));
        // In pieces of 1,024 pages, less their best: 103 (pages 0–1020), 24 (1030–1260), none,
        // and page 3999.
        let pieces: Vec<(usize, usize)> = rest.pieces().map(|(f, l)| (f.len(), l.len())).collect();
        assert_eq!(REST_PIECE, 1024);
        assert_eq!(pieces, [(921, 921), (1000, 1000), (1024, 1024), (927, 927)]);
        assert_eq!(e.lengths.len(), 128);
        let whole = merge_rest(&e.freqs, &e.lengths, &rest).expect("merges");
        let all_lengths: String = (0..4000).map(|d| norms.length_char(d)).collect();
        assert_eq!(
            whole,
            (super::super::encode_postings(&postings).1, all_lengths)
        );
        let short = Rest {
            freqs: rest.freqs[1..].to_string(),
            lengths: rest.lengths.clone(),
            starts: vec![0],
        };
        assert!(
            merge_rest(&e.freqs, &e.lengths, &short).is_none(),
            "a rest too short"
        );
        // A term on fewer pages is stored whole, a length a page.
        let e = encode(&postings[..100], &norms);
        assert!(e.tier.is_none() && !e.freqs.contains('.') && e.lengths.len() == 100);
    }
}
