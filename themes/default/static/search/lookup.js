/*
 * uppsikt search, finding a query word's index terms: its stem (or the stem of that stem), its
 * base forms, completions of a word still being typed, the same without å/ä/ö, and terms one
 * typo away; then the BM25 score of each page for them. `store.load(path)` gives the parsed
 * JSON of an index file (cached, see engine.js).
 */
import { stem, foldDiacritics } from './text.js';
import { boundOf, decodePostings, mergeRestPiece, readIndexFile, restPiecesOf } from './format.js';
import { baseStems, oneEdit } from './query.js';

// Tuning of the query side.
var PREFIX_WEIGHT = 0.8; // a completion counts a little less than the word as typed
export var FALLBACK_WEIGHT = 0.7; // matches found only without å/ä/ö or with a typo
var MAX_PREFIX_CHUNKS = 3; // a one- or two-letter prefix would otherwise read much of the index
var MIN_PREFIX = 2;
var MIN_TYPO = 5;
var MAX_TYPO_CANDIDATES = 12;

/** An index file's number as in its name ("003"). */
export function pad(i) {
  return String(i).padStart(3, '0');
}

/** Index of the chunk that would hold a folded key: the last whose first key is ≤ key. */
function chunkFor(m, key) {
  var lo = 0;
  var hi = m.chunks.length - 1;
  var found = 0;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (m.chunks[mid] <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The chunks [first, last] whose first keys are those of `keys`, folded. */
function chunkRange(m, keys) {
  var cs = keys.map(function (k) {
    return chunkFor(m, foldDiacritics(k));
  });
  return [Math.min.apply(null, cs), Math.max.apply(null, cs)];
}

/** Terms (entries [term, pages, frequencies, lengths]) passing `test`, from chunks first..last. */
export function scan(store, first, last, test) {
  var ps = [];
  for (var i = first; i <= last; i++) ps.push(store.load('t/' + pad(i) + '.json.gz'));
  return Promise.all(ps).then(function (chunks) {
    var out = [];
    chunks.forEach(function (entries, k) {
      var tiered = 0;
      entries.forEach(function (e) {
        // A tiered entry's rest is in a file of its own, named by its chunk and its place
        // among the chunk's tiered entries (`wholeEntries`; src/search/cache/postings.rs
        // `rest_file_name`).
        if (e.length > 4) e.rest = 'r/' + pad(first + k) + '-' + tiered++ + '.bin';
        if (test(e[0])) out.push(e);
      });
    });
    return out;
  });
}

/** The chunks [first, last] that hold a query word's exact terms (see `exactTerms`). */
export function exactRange(m, qt) {
  if (m.chunks.length === 0) return null;
  return chunkRange(m, [qt.stem, qt.word]);
}

/**
 * Terms that complete a typed prefix (already folded when `f` folds), from at most
 * MAX_PREFIX_CHUNKS chunk files: a one- or two-letter prefix would otherwise read much of
 * the index. A completion counts less the more it adds.
 */
function completions(store, m, prefix, f, weight) {
  var from = chunkFor(m, foldDiacritics(prefix));
  var to = Math.min(chunkFor(m, foldDiacritics(prefix) + '\uffff'), from + MAX_PREFIX_CHUNKS - 1);
  var typed = Array.from(prefix).length;
  return scan(store, from, to, function (t) {
    return f(t).startsWith(prefix);
  }).then(function (entries) {
    return entries.map(function (e) {
      var w = weight * PREFIX_WEIGHT * Math.min(1, typed / Array.from(e[0]).length);
      return { entry: e, weight: w, completion: true };
    });
  });
}

/**
 * Index terms for one query word, as [{entry, weight}]. Modes: "exact" (the stem, and
 * completions of the last word), "fold" (the same without å/ä/ö), and "typo" (one edit).
 */
export function termsFor(store, m, qt, mode) {
  if (m.chunks.length === 0) return Promise.resolve([]);
  if (mode === 'typo') return typoTerms(store, m, qt);
  var f = mode === 'fold' ? foldDiacritics : function (x) {
    return x;
  };
  return candidateTerms(store, m, qt, f).then(function (entries) {
    return weighTerms(store, m, qt, f, mode, entries);
  });
}

/**
 * The entries that may be a word's terms: its stem, the word itself and its base forms. Base
 * forms in another chunk than the word's are read from theirs; for a word that is no term, the
 * stem of its stem too.
 */
function candidateTerms(store, m, qt, f) {
  var st = qt.stem;
  var w = qt.word;
  // The word's term is its stem, or the stem of that stem when the build joined them
  // (src/search/compound.rs `term`): then the first stem is no term of the index.
  var again = stem(st);
  var bases = baseStems(m.fmt, w, st).map(f);
  var r = exactRange(m, qt);
  var wanted = function (t) {
    var ft = f(t);
    return ft === f(st) || ft === f(w) || bases.indexOf(ft) >= 0;
  };
  return scan(store, r[0], r[1], wanted).then(function (entries) {
    var isWord = function (e) {
      return f(e[0]) === f(st) || f(e[0]) === f(w);
    };
    // Base forms the word's own range did not hold are read from their chunk, so that
    // "frånvaron" finds every page "frånvaro" finds, wherever the chunks were cut.
    var keys = bases.filter(function (b) {
      return !entries.some(function (e) { return f(e[0]) === b; });
    });
    if (!entries.some(isWord) && again !== st) keys.push(again);
    if (!keys.length) return entries;
    var more = chunkRange(m, keys);
    return scan(store, more[0], more[1], function (t) {
      return keys.indexOf(f(t)) >= 0;
    }).then(function (extra) {
      return entries.concat(extra.filter(function (e) {
        return entries.indexOf(e) < 0;
      }));
    });
  });
}

/**
 * A word's terms with their weights: the stem's term, else the word as typed (the stem of
 * another word), else the stem of the stem, only one of them, so that all forms of a word score
 * alike; its base forms at part weight, as the build indexes a form under its base. A word the
 * site has is searched as that word, whether or not it is still being typed: then all forms of
 * a word find the same pages. Only a word that is no term of the site is completed ("skolfrånv").
 */
function weighTerms(store, m, qt, f, mode, entries) {
  var w = qt.word;
  var bases = baseStems(m.fmt, w, qt.stem).map(f);
  var exact = [qt.stem, w, stem(qt.stem)].reduce(function (found, key) {
    return found.length
      ? found
      : entries.filter(function (e) {
          return f(e[0]) === f(key);
        });
  }, []);
  var weight = mode === 'fold' ? FALLBACK_WEIGHT : 1;
  var out = exact.map(function (e) {
    return { entry: e, weight: weight };
  });
  entries.forEach(function (e) {
    if (bases.indexOf(f(e[0])) >= 0 && exact.indexOf(e) < 0) out.push({ entry: e, weight: weight * m.fmt.part });
  });
  if (out.length || !qt.prefix || Array.from(w).length < MIN_PREFIX) return out;
  return completions(store, m, f(w), f, weight);
}

/** Terms one edit away (an insertion, deletion, substitution or transposition), read whole. */
function typoTerms(store, m, qt) {
  if (Array.from(qt.word).length < MIN_TYPO) return Promise.resolve([]);
  return typoCandidates(store, m, qt.word, qt.stem).then(function (cands) {
    return Promise.all(
      cands.slice(0, MAX_TYPO_CANDIDATES).map(function (t) {
        var at = chunkFor(m, foldDiacritics(t));
        return scan(store, at, at, function (x) {
          return x === t;
        });
      })
    ).then(function (lists) {
      var out = [];
      lists.forEach(function (l) {
        l.forEach(function (e) {
          out.push({ entry: e, weight: FALLBACK_WEIGHT });
        });
      });
      return out;
    });
  });
}

/**
 * Terms one edit away from a word (or its stem), from the vocabulary files (see
 * src/search/vocab.rs): first the file of the word's first letter, where a typo after the
 * first letter is found. Only when that has none, the first letter itself may be wrong: a
 * wrong first letter keeps the second ("nyndighet"), found in the file of terms by second
 * letter; a swapped or extra first letter puts the term's first letter second ("ymndighet",
 * "emyndighet"), found in that letter's first-letter file; an omitted first letter puts the
 * term's second letter first ("yndighet"), found in the second-letter file of the word's
 * first letter. At most four small files.
 */
function typoCandidates(store, m, w, st) {
  var fw = foldDiacritics(w);
  var fs = foldDiacritics(st);
  var letters = Array.from(fw);
  function near(list) {
    return list.filter(function (t, i) {
      var ft = foldDiacritics(t);
      return list.indexOf(t) === i && ft !== fw && ft !== fs && (oneEdit(ft, fw) || oneEdit(ft, fs));
    });
  }
  function file(dir, keys, letter) {
    var i = keys ? keys.indexOf(letter) : -1;
    return i < 0 ? Promise.resolve([]) : store.load(dir + '/' + pad(i) + '.json.gz');
  }
  return file('v', m.vocab, letters[0]).then(function (list) {
    var found = near(list);
    if (found.length) return found;
    return Promise.all([
      file('w', m.vocab2, letters[1]),
      file('v', m.vocab, letters[1]),
      file('w', m.vocab2, letters[0])
    ]).then(function (lists) {
      return near(lists[0].concat(lists[1], lists[2]));
    });
  });
}

/**
 * Per page: the best BM25 score of any of the word's terms, weighted. A rest page of a tiered
 * entry (format.js `boundOf`) gets the upper bound of its score, and is in the map's `loose`
 * set while no exact score of the word is as high.
 */
export function scoreMap(m, matches) {
  var map = new Map();
  var loose = new Set();
  matches.forEach(function (mt) {
    var postings = decodePostings(m.fmt, mt.entry, m.dl);
    var df = postings.length;
    var idf = Math.log(1 + (m.n - df + 0.5) / (df + 0.5));
    var bound = mt.weight * idf * (m.fmt.k1 + 1) * boundOf(m.fmt, m.norms, mt.entry);
    postings.forEach(function (p) {
      var rest = p.tf === null;
      var s = rest ? bound : mt.weight * idf * p.tf * (m.fmt.k1 + 1) / (p.tf + m.norms[p.len]);
      var cur = map.get(p.doc);
      if (cur === undefined || s > cur || (s === cur && !rest)) {
        map.set(p.doc, s);
        if (rest) loose.add(p.doc);
        else loose.delete(p.doc);
      }
    });
  });
  map.loose = loose;
  return map;
}

/**
 * Piece `k` of a ranged index file (fragments, whole texts, rests; src/search/pack.rs
 * `ranged`): its two offsets from the file's table, then the bytes between them, one gzip.
 */
export function pageOf(store, path, k) {
  return pieceRange(store, path, k).then(function (r) {
    if (!(r[1] > r[0])) throw new Error(path + ': no page ' + k);
    return bytesOf(store, path, r[0], r[1]).then(readIndexFile);
  });
}

function bytesOf(store, path, from, to) {
  return store.range(path + '#' + from + '#' + to).then(function (b) {
    return b instanceof Uint8Array ? b : new Uint8Array(b);
  });
}

/** Where piece `k` of a ranged file begins and ends: two offsets of its table. */
function pieceRange(store, path, k) {
  return bytesOf(store, path, 4 * k, 4 * k + 8).then(function (b) {
    if (b.length !== 8) throw new Error(path + ': no page ' + k);
    var at = new DataView(b.buffer, b.byteOffset, 8);
    return [at.getUint32(0, true), at.getUint32(4, true)];
  });
}

/** Every piece of a ranged file (null for an empty one): its table, then all its bytes. */
function allPiecesOf(store, path) {
  return pieceRange(store, path, 0).then(function (first) {
    return bytesOf(store, path, 0, first[0]);
  }).then(function (t) {
    var at = new DataView(t.buffer, t.byteOffset, t.length);
    var offsets = [];
    for (var i = 0; i + 4 <= t.length; i += 4) offsets.push(at.getUint32(i, true));
    var from = offsets[0];
    var to = offsets[offsets.length - 1];
    var all = to > from ? bytesOf(store, path, from, to) : Promise.resolve(new Uint8Array(0));
    return all.then(function (bytes) {
      return Promise.all(offsets.slice(0, -1).map(function (o, k) {
        var end = offsets[k + 1];
        return end > o ? readIndexFile(bytes.subarray(o - from, end - from)) : null;
      }));
    });
  });
}

/**
 * The pieces `wanted` ({entry, piece}: a tiered entry and the piece of its rest file, search/r/
 * NNN-K.bin, src/search/index/tiers.rs) read and merged into their entries, each once and only
 * where the entry has rest pages (`restPiecesOf`); resolves to how many were merged now.
 */
export function restPieces(store, m, wanted) {
  var seen = new Set();
  var todo = wanted.filter(function (w) {
    var key = w.entry.rest + '#' + w.piece;
    if (w.entry.length < 5 || !restPiecesOf(w.entry, m.rp).has(w.piece) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return Promise.all(todo.map(function (w) {
    return pageOf(store, w.entry.rest, w.piece).then(function (piece) {
      mergeRestPiece(w.entry, w.piece, m.rp, piece);
    });
  })).then(function () {
    return todo.length;
  });
}

/**
 * The words' tiered entries made whole from their rest files (search/r/NNN-K.bin, every
 * piece), in place: then every score is exact. `found` is the words' term lists; `scan` noted
 * each tiered entry's rest file.
 */
export function wholeEntries(store, m, found) {
  var tiered = [];
  found.forEach(function (l) {
    l.forEach(function (x) {
      if (x.entry.length > 4 && tiered.indexOf(x.entry) < 0) tiered.push(x.entry);
    });
  });
  return Promise.all(
    tiered.map(function (e) {
      return allPiecesOf(store, e.rest).then(function (pieces) {
        // Another query may have made it whole meanwhile.
        pieces.forEach(function (piece, k) {
          if (piece && e.length > 4) mergeRestPiece(e, k, m.rp, piece);
        });
      });
    })
  );
}
