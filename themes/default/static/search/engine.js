/*
 * uppsikt search, the query engine over one index: reads meta once, then only the term chunks
 * of a query's words and, by byte range, the fragments of the results it shows, each once, and
 * a page's whole text only where its fragment's excerpts lack the query's words.
 */
import { readEntry } from './format.js';
import { parseQuery } from './query.js';
import { exactRange, pad, pageOf, restPieces, scan, scoreMap, termsFor, wholeEntries } from './lookup.js';
import {
  PAGE_SIZE, addFacets, display, emptyResult, expandMeta, facet, highlightOf, looseWithin, rank,
  showsMatch, verifyPhrases, withWholeText
} from './results.js';

// Thrown inside a query the visitor has typed past (see `search`'s `current`).
export var STALE = { stale: true };

/**
 * The query engine over one index. `loadJson(path)` returns a promise of the parsed JSON of an
 * index file, path relative to the index root ("meta.json.gz", "t/003.json.gz"); see
 * format.js `readIndexFile`. `loadRange(path, start, end)` returns a promise of the bytes
 * [start, end) of an index file (a Uint8Array or ArrayBuffer): the fragment files
 * ("x/003.bin") are read by range.
 */
export function createEngine(loadJson, loadRange) {
  var store = { load: cachedLoader(function (path) {
    if (!/^t\//.test(path)) return loadJson(path);
    // A term chunk's entries as the engine uses them (format.js `readEntry`), made so once.
    return Promise.all([loadJson(path), meta()]).then(function (r) {
      if (!Array.isArray(r[0])) throw new Error(path + ': corrupt term chunk');
      return r[0].map(function (e) {
        return readEntry(r[1].fmt, e);
      });
    });
  }), range: cachedLoader(function (key) {
    var at = key.split('#');
    return loadRange(at[0], Number(at[1]), Number(at[2]));
  }) };
  var metaPromise = null;
  function meta() {
    if (!metaPromise) {
      metaPromise = store.load('meta.json.gz').then(expandMeta);
      metaPromise.catch(function () {
        metaPromise = null;
      });
    }
    return metaPromise;
  }
  // Meta with the facets (`fa`) of the pages `docs`: a large site's are files of meta's
  // `facets.group` pages each (src/search/meta.rs `facet_parts`), each read once.
  var facetParts = new Map();
  function facetsOf(docs) {
    return meta().then(function (m) {
      var group = m.facets && m.facets.group;
      if (typeof group !== 'number') return m;
      var parts = new Set(docs.map(function (d) {
        return Math.floor(d / group);
      }));
      return Promise.all(Array.from(parts, function (i) {
        if (!facetParts.has(i)) {
          var p = store.load('f/' + pad(i) + '.json.gz').then(function (f) {
            addFacets(m, f, i * group);
          });
          p.catch(function () {
            facetParts.delete(i);
          });
          facetParts.set(i, p);
        }
        return facetParts.get(i);
      })).then(function () {
        return m;
      });
    });
  }
  // A page's entry in its group's file of `dir`: 'x' its fragment (groups of meta's `g`
  // pages), 'p' its whole text (of `gw`; only for a fragment marked cut, see src/search/excerpt
  // `whole_text`).
  function pageIn(dir, doc) {
    return meta().then(function (m) {
      var size = dir === 'p' ? m.gw : m.g;
      var g = Math.floor(doc / size);
      return pageOf(store, dir + '/' + pad(g) + '.bin', doc - g * size);
    });
  }
  function fragment(doc) {
    return pageIn('x', doc);
  }
  // The fragment with its page's whole text in place of its excerpts, when it was cut.
  function wholeFragment(doc) {
    return fragment(doc).then(function (f) {
      if (!f || f[4] !== 1) return f;
      return pageIn('p', doc).then(function (w) {
        return withWholeText(f, w);
      });
    });
  }
  return {
    /**
     * Results of `query`, filtered. A chosen filter reads the facets of the pages found; without
     * one, a large site's result has no filter counts (`counts` null) until `counts` is called.
     */
    search: function (query, filters, current) {
      filters = filters || {};
      return meta().then(function (m) {
        var pages = { fragment: fragment, whole: wholeFragment, facets: facetsOf };
        return search(store, m, pages, query, filters, current);
      });
    },
    /** The result with its filter counts: the facets of its pages read first (`facetsOf`). */
    counts: function (result) {
      if (result.counts || !result.hits) return Promise.resolve(result);
      return facetsOf(result.hits.map(function (h) {
        return h.doc;
      })).then(function (m) {
        if (!result.counts) result.counts = facet(m, result.hits, result.filters || {}).counts;
        return result;
      });
    },
    /** Display data for result.hits[start..start+count) (see results.js `display`). */
    details: function (result, start, count) {
      return settle(store, result, start + count).then(function () {
        var slice = result.hits.slice(start, start + count);
        return Promise.all(slice.map(function (h) {
          return fragment(h.doc).then(function (f) {
            var shown = display(result.meta, h, f, result);
            // The stored excerpts show no matched word: they are somewhere in the page's text.
            if (showsMatch(shown) || !f || f[4] !== 1) return shown;
            return wholeFragment(h.doc).then(function (whole) {
              return display(result.meta, h, whole, result);
            }, function () {
              // The whole text could not be read: the stored excerpt still shows the result.
              return shown;
            });
          });
        }));
      });
    },
    meta: meta,
    fragment: fragment,
    prefetch: function (query) {
      return meta()
        .then(function (m) {
          return prefetch(store, m, query);
        })
        .catch(function () {
          // The query itself will retry and report a failed file.
        });
    }
  };
}

/** Each index file loaded once; a failed request is forgotten, so that a later query retries. */
function cachedLoader(loadJson) {
  var cache = new Map();
  return function load(path) {
    if (!cache.has(path)) {
      var p = Promise.resolve()
        .then(function () {
          return loadJson(path);
        })
        .catch(function (e) {
          cache.delete(path);
          throw e;
        });
      cache.set(path, p);
    }
    return cache.get(path);
  };
}

/**
 * Runs a query. `filters` = {ar, omrade, typ} (year, area id, report kind id; empty = all).
 * Resolves to {hits, total, counts, fallback, corrected, highlight, meta}; `hits` is sorted
 * best first and already filtered. A query the visitor has typed past (`current()` false)
 * fetches nothing more: no fallbacks, no phrase checks.
 */
function search(store, m, pages, query, filters, current) {
  var alive = function () {
    if (current && !current()) throw STALE;
  };
  var parsed = parseQuery(query);
  if (parsed.words.length === 0) return emptyResult(m, parsed);
  return findTerms(store, m, parsed.words, alive).then(function (q) {
    if (!q.found) return emptyResult(m, parsed);
    var hits = ranked(m, q.found);
    alive();
    // Phrases are checked down the ranking, which must be exact for that.
    var exact = parsed.phrases.length && looseWithin(hits, hits.length)
      ? wholeEntries(store, m, q.found).then(function () {
          return ranked(m, q.found);
        })
      : Promise.resolve(hits);
    return exact.then(function (hits) {
      alive();
      // A chosen filter needs the facets of every page found (`settle` ranks them all again).
      if (!filters.ar && !filters.omrade && !filters.typ) return hits;
      return pages.facets(hits.map(function (h) {
        return h.doc;
      })).then(function () {
        return hits;
      });
    }).then(function (hits) {
      alive();
      return verifyPhrases(hits, parsed.phrases, pages.fragment, pages.whole);
    }).then(function (verified) {
      var result = facet(m, verified, filters);
      result.found = q.found;
      result.filters = filters;
      result.fallback = q.fallback;
      result.corrected = q.corrected;
      result.highlight = highlightOf(q.found, parsed.words, q.fallback);
      result.phrases = parsed.phrases;
      result.meta = m;
      result.query = parsed;
      return settle(store, result, PAGE_SIZE).then(function () {
        return result;
      });
    });
  });
}

/** Pages found by every word, best first (results.js `rank`). */
function ranked(m, found) {
  return rank(found.map(function (matches) {
    return scoreMap(m, matches);
  }));
}

/**
 * Makes the first `count` hits of a result exact: while some of them are ranked by an upper
 * bound only (a rest page of a frequent word, results.js `rank`), the pieces of the rest
 * files that hold those pages (src/search/index/tiers.rs `REST_PIECE` pages each) are read,
 * for the words that leave them loose, and the hits ranked again. The result's pages, count
 * and filter counts stay as they are: the rest changes scores only.
 */
function settle(store, result, count) {
  if (!result.found || !looseWithin(result.hits, count)) return Promise.resolve(result);
  var m = result.meta;
  var maps = result.found.map(function (matches) {
    return scoreMap(m, matches);
  });
  var wanted = [];
  result.hits.slice(0, count).forEach(function (h) {
    if (!h.loose) return;
    result.found.forEach(function (matches, k) {
      if (!maps[k].loose.has(h.doc)) return;
      matches.forEach(function (x) {
        if (x.entry.length > 4) wanted.push({ entry: x.entry, piece: Math.floor(h.doc / m.rp) });
      });
    });
  });
  return restPieces(store, m, wanted).then(function (merged) {
    // Pieces that change nothing (never, for a sound index) would loop: read the rests whole.
    return merged ? null : wholeEntries(store, m, result.found);
  }).then(function () {
    result.hits = facet(m, ranked(m, result.found), result.filters).hits;
    return settle(store, result, count);
  });
}

/**
 * Each word's terms: exact first; for the words that found nothing, then without å/ä/ö, then
 * with one typo. Resolves to {found (null unless every word found terms), fallback, corrected}.
 */
function findTerms(store, m, words, alive) {
  var found = words.map(function () {
    return null;
  });
  var fallback = null;
  var corrected = [];
  function pass(mode) {
    return Promise.all(
      words.map(function (qt, i) {
        return found[i] && found[i].length ? null : termsFor(store, m, qt, mode);
      })
    ).then(function (lists) {
      lists.forEach(function (l, i) {
        if (l === null) return;
        found[i] = l;
        if (!l.length || mode === 'exact') return;
        if (mode === 'typo') {
          fallback = 'typo';
          l.forEach(function (x) {
            if (corrected.indexOf(x.entry[0]) < 0) corrected.push(x.entry[0]);
          });
        } else if (fallback !== 'typo') fallback = 'fold';
      });
    });
  }
  function allFound() {
    return found.every(function (f) {
      return f && f.length;
    });
  }
  return pass('exact')
    .then(function () {
      if (allFound()) return;
      alive();
      return pass('fold').then(function () {
        alive();
        if (!allFound()) return pass('typo');
      });
    })
    .then(function () {
      return { found: allFound() ? found : null, fallback: fallback, corrected: corrected };
    });
}

/**
 * Loads the term chunks of the finished words of a query being typed (those followed by a
 * space), which the query will need once typed: no completions, fallbacks or fragments.
 */
function prefetch(store, m, query) {
  var words = parseQuery(query).words.filter(function (qt) {
    return !qt.prefix;
  });
  return Promise.all(
    words.map(function (qt) {
      var r = exactRange(m, qt);
      return r && scan(store, r[0], r[1], function () {
        return false;
      });
    })
  );
}
