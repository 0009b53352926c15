/*
 * uppsikt search, the index format: how the build (src/search/index.rs) writes postings, lengths
 * and scoring constants (read from meta's `fmt`, never repeated here) and how index files are
 * packed (gzip, unpacked with DecompressionStream).
 */
/**
 * The version of the index files this client reads (meta's `v`, src/search/meta.rs
 * `INDEX_VERSION`). A page whose scripts the browser kept from before a deploy that changed
 * the index meets files it cannot read: it says so (`IndexVersion`) rather than fail oddly.
 */
export var INDEX_VERSION = 7;

/** The error of an index of another version than this client's (see `INDEX_VERSION`). */
export function IndexVersion(found) {
  var e = new Error('search index version ' + found + ', this page reads ' + INDEX_VERSION + ': reload the page');
  e.indexVersion = true;
  return e;
}

/**
 * How the index encodes postings and lengths and how it scores, from meta's `fmt` (written by
 * src/search/index.rs `format_json`): read from the index, not repeated here, so the two
 * cannot drift apart. Adds the digit table the decoders use.
 */
export function readFormat(fmt) {
  if (!fmt || typeof fmt.alphabet !== 'string' || fmt.alphabet.length !== 64) {
    throw new Error('search index without its format (built by another version): rebuild the site');
  }
  var digit = {};
  for (var d = 0; d < 64; d++) digit[fmt.alphabet[d]] = d;
  fmt.digit = digit;
  return fmt;
}

// A rest page's frequency in a tiered entry (src/search/index/tiers.rs): in its rest file.
var REST = '.';
// The first character of a page list written as a bitmap (src/search/index/pages.rs).
var BITMAP = '~';

/**
 * A term chunk's entry as the engine uses it, from the entry as written (src/search/index/
 * pages.rs): its pages decoded (`ids`, either form), and a tiered entry's frequencies with a
 * `REST` mark for every rest page (`[term, pages, frequencies, lengths, bound]`) from its best
 * pages' frequencies and their places (its sixth part). In place, once a chunk is read.
 */
export function readEntry(fmt, e) {
  var corrupt = new Error('corrupt postings');
  e.ids = decodePages(fmt, e[1], corrupt);
  if (e.length > 5) {
    var freqs = new Array(e.ids.length).fill(REST);
    var places = e[5];
    var at = 0;
    var i = 0;
    for (var n = 0; n < e[2].length; n++) {
      if (i >= places.length) throw corrupt;
      var delta = varint(fmt, places, i, corrupt);
      i = delta.next;
      if (n > 0 && delta.value === 0) throw corrupt;
      at += delta.value;
      if (at >= freqs.length) throw corrupt;
      freqs[at] = e[2][n];
    }
    if (i !== places.length) throw corrupt;
    e[2] = freqs.join('');
    e.length = 5;
  }
  return e;
}

/** The pages of an entry as written: varint deltas, or a bitmap behind `BITMAP`. */
function decodePages(fmt, s, corrupt) {
  var out = [];
  if (s[0] === BITMAP) {
    for (var k = 1; k < s.length; k++) {
      var bits = fmt.digit[s[k]];
      if (bits === undefined) throw corrupt;
      for (var b = 0; b < 6; b++) if (bits & (1 << b)) out.push(6 * (k - 1) + b);
    }
    return out;
  }
  var doc = 0;
  for (var i = 0; i < s.length; ) {
    var d = varint(fmt, s, i, corrupt);
    i = d.next;
    doc = out.length === 0 ? d.value : doc + d.value;
    out.push(doc);
  }
  return out;
}

/** The little-endian base-64 varint of `s` at `i` (5 value bits a digit, the sixth: more). */
function varint(fmt, s, i, corrupt) {
  var value = 0;
  var shift = 0;
  for (;;) {
    var x = fmt.digit[s[i++]];
    if (x === undefined) throw corrupt;
    value += (x & 31) * Math.pow(2, shift);
    if (x < 32) return { value: value, next: i };
    shift += 5;
  }
}

/**
 * A term's postings from its entry as `readEntry` left it: its pages, one frequency character
 * a page, and one length character (the length code) a page with a frequency, or on a small
 * site none, its meta holding each page's (`dl`). Returns [{doc, tf, len}]; a rest page of a
 * tiered entry (see `boundOf`) has tf and len null.
 */
export function decodePostings(fmt, e, dl) {
  var ids = e.ids;
  var freqs = e[2];
  var lengths = e[3];
  var out = [];
  var at = 0;
  function digit(s, k) {
    var x = fmt.digit[s[k]];
    if (x === undefined) throw new Error('corrupt postings');
    return x;
  }
  if (ids.length !== freqs.length) throw new Error('corrupt postings');
  for (var i = 0; i < ids.length; i++) {
    if (freqs[i] === REST) {
      out.push({ doc: ids[i], tf: null, len: null });
      continue;
    }
    var tf = fmt.tfMin * Math.pow(2, digit(freqs, i) / fmt.tfSteps);
    out.push({ doc: ids[i], tf: tf, len: dl ? digit(dl, ids[i]) : digit(lengths, at++) });
  }
  if (!dl && at !== lengths.length) throw new Error('corrupt postings');
  return out;
}

/**
 * The JSON of one index file from its bytes (an ArrayBuffer or Uint8Array): gzip as written
 * by the build, or already unpacked when the host sent it with Content-Encoding: gzip.
 */
export function readIndexFile(bytes) {
  var b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length > 1 && b[0] === 0x1f && b[1] === 0x8b) {
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('this browser cannot unpack gzip (DecompressionStream)'));
    }
    var stream = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }
  return Promise.resolve(JSON.parse(new TextDecoder().decode(b)));
}

/**
 * BM25's length normalisation by length code (src/search/index.rs `encode_lengths`), held in
 * single precision as the build computes it (src/search/index/tiers.rs `Norms`).
 */
export function lengthNorms(fmt) {
  var norms = new Float32Array(64);
  for (var c = 0; c < 64; c++) {
    var ratio = Math.pow(2, (c - 32) / fmt.lengthSteps);
    norms[c] = fmt.k1 * (1 - fmt.b + fmt.b * ratio);
  }
  return norms;
}

/**
 * A tiered entry (`[term, pages, frequencies, lengths, bound]`, src/search/index/tiers.rs)
 * holds the frequencies and lengths of its best pages only; `bound` is the frequency and length
 * characters of its best rest page. Returns the largest tf / (tf + norm) of any rest page, a
 * hair above, so that a rest page's score times it is an upper bound whatever the rounding; 0
 * for a whole entry.
 */
export function boundOf(fmt, norms, e) {
  if (e.length < 5) return 0;
  var tf = fmt.tfMin * Math.pow(2, fmt.digit[e[4][0]] / fmt.tfSteps);
  return (tf / (tf + norms[fmt.digit[e[4][1]]])) * (1 + 1e-9);
}

/**
 * Piece `k` of a tiered entry's rest (the `[frequencies, lengths]` of its rest pages among the
 * pages k × size … (k + 1) × size − 1, src/search/index/tiers.rs `Rest`) merged into the
 * entry, in place, once: those pages score exactly from then on. With every rest page merged
 * the entry is whole (no bound).
 */
export function mergeRestPiece(e, k, size, piece) {
  if (e.length < 5 || !restPiecesOf(e, size).has(k)) return e;
  var corrupt = new Error('corrupt rest file');
  if (!Array.isArray(piece) || typeof piece[0] !== 'string' || piece[1].length !== piece[0].length) {
    throw corrupt;
  }
  var ids = e.ids;
  var from = k * size;
  var freqs = [];
  var lengths = [];
  var at = 0;
  var top = 0;
  var left = 0;
  for (var i = 0; i < e[2].length; i++) {
    var c = e[2][i];
    if (c !== REST) {
      freqs.push(c);
      lengths.push(e[3][top++]);
    } else if (ids[i] >= from && ids[i] < from + size) {
      // Every rest page of the piece has its frequency there, and nothing more is there.
      if (at >= piece[0].length) throw corrupt;
      freqs.push(piece[0][at]);
      lengths.push(piece[1][at++]);
    } else {
      freqs.push(REST);
      left++;
    }
  }
  if (at !== piece[0].length || top !== e[3].length) throw corrupt;
  e[2] = freqs.join('');
  e[3] = lengths.join('');
  e.restAt.delete(k);
  if (left === 0) e.length = 4;
  return e;
}

/**
 * The pieces (of `size` pages) of a tiered entry's rest file that hold rest pages not merged
 * yet (`mergeRestPiece`): a page's piece is asked for only where the entry has it as a rest
 * page, as another term of the same word may have no rest pages there (and no such piece).
 */
export function restPiecesOf(e, size) {
  if (!e.restAt) {
    e.restAt = new Set();
    if (e.length > 4) {
      e.ids.forEach(function (id, i) {
        if (e[2][i] === REST) e.restAt.add(Math.floor(id / size));
      });
    }
  }
  return e.restAt;
}
