/*
 * uppsikt search, from matched terms to results: meta read once, pages ranked by their summed
 * BM25 scores (every word must match), quoted phrases checked, filters and their counts, and
 * what each shown result displays.
 */
import { tokenize } from './text.js';
import { INDEX_VERSION, IndexVersion, lengthNorms, readFormat } from './format.js';
import { containsSequence } from './query.js';
import { bestSection, excerpt, marked } from './highlight.js';

// Results shown at a time (then "more"). Each result reads a fragment file of several pages'
// excerpts, so this is most of what a query transfers; 5 is also Pagefind's default.
export var PAGE_SIZE = 5;
var MAX_PHRASE_CHECKS = 30; // each check may read a fragment file

/**
 * Meta as the engine uses it: its format read, BM25's length normalisation by length code (a
 * page's code is in its postings, or on a small site in meta's `dl`), and on a small site its
 * facets (`fa`, see `addFacets`); a large site's are files of meta's `facets.group` pages each,
 * read only for filters (engine.js `facetsOf`).
 */
export function expandMeta(m) {
  if (!m || m.v !== INDEX_VERSION) throw IndexVersion(m && m.v);
  var fmt = readFormat(m.fmt);
  m.norms = lengthNorms(fmt);
  if (m.facets && typeof m.facets.group !== 'number') addFacets(m, m.facets, 0);
  return m;
}

/**
 * Adds a part of the facets (src/search/meta.rs `facets_part`: the pages from `from` on) to
 * what filters use, `m.fa`: the tables, the areas read so far (`areaAt`: id to position), and
 * each page's (year, kind) pair and area position, with `read` marking the pages added.
 */
export function addFacets(m, f, from) {
  var n = m.n;
  var fa = m.fa || (m.fa = {
    years: f.years, kinds: f.kinds, yearKinds: f.yearKinds, areas: [], areaAt: new Map(),
    docYearKind: new Int32Array(n), docArea: new Int32Array(n), read: new Uint8Array(n)
  });
  var area = f.areas.map(function (a) {
    if (!fa.areaAt.has(a[0])) {
      fa.areaAt.set(a[0], fa.areas.length);
      fa.areas.push(a);
    }
    return fa.areaAt.get(a[0]);
  });
  var count = f.docYearKinds.length / f.yw;
  for (var i = 0; i < count && from + i < n; i++) {
    var r = 0;
    for (var k = 0; k < f.yw; k++) r = r * 64 + m.fmt.digit[f.docYearKinds[i * f.yw + k]];
    fa.docYearKind[from + i] = r;
    fa.read[from + i] = 1;
  }
  // Runs of pages by area: [area, pages], or the page count alone for the area after the
  // previous run's (src/search/meta.rs `area_runs_json`); -1 is no area.
  var at = from;
  var last = -1;
  f.docAreas.forEach(function (run) {
    var a = typeof run === 'number' ? last + 1 : run[0];
    var c = typeof run === 'number' ? run : run[1];
    for (var j = 0; j < c && at < n; j++) fa.docArea[at++] = a < 0 ? -1 : area[a];
    last = a;
  });
}

/** A result with no hits. */
export function emptyResult(m, parsed) {
  return {
    hits: [],
    total: 0,
    counts: m.fa ? { ar: new Map(), omrade: new Map(), typ: new Map() } : null,
    fallback: null,
    corrected: [],
    highlight: { terms: [], prefixes: [] },
    phrases: parsed.phrases,
    meta: m,
    query: parsed
  };
}

/**
 * Pages found by every word (one score map per word), best first, ties by page order. A page
 * whose score in some map is only an upper bound (its `loose` set: a rest page of a tiered
 * term, lookup.js `scoreMap`) is `loose`, ranked by that bound: every exact hit before the first
 * loose one is where the exact scores would put it, as no page after it can score more.
 */
export function rank(maps) {
  maps = maps.slice().sort(function (a, b) {
    return a.size - b.size;
  });
  var hits = [];
  var isLoose = function (map, doc) {
    return map.loose !== undefined && map.loose.size > 0 && map.loose.has(doc);
  };
  maps[0].forEach(function (score, doc) {
    var total = score;
    var loose = isLoose(maps[0], doc);
    for (var k = 1; k < maps.length; k++) {
      var o = maps[k].get(doc);
      if (o === undefined) return;
      total += o;
      loose = loose || isLoose(maps[k], doc);
    }
    hits.push(loose ? { doc: doc, score: total, loose: true } : { doc: doc, score: total });
  });
  hits.sort(function (a, b) {
    return b.score - a.score || a.doc - b.doc;
  });
  return hits;
}

/**
 * What a result marks: every matched term, and the typed beginning of each word that was
 * completed (the page writes words with it); without å/ä/ö when the fallback found them.
 */
export function highlightOf(found, words, fallback) {
  var terms = [];
  var prefixes = [];
  found.forEach(function (l, i) {
    l.forEach(function (x) {
      terms.push(x.entry[0]);
    });
    if (l.some(function (x) { return x.completion; })) prefixes.push(words[i].word);
  });
  return { terms: terms, prefixes: prefixes, fold: fallback === 'fold' };
}

/**
 * Keeps the pages whose text contains each quoted phrase word for word. `fragment(doc)` gives a
 * page's stored excerpts; `whole(doc)` the same with its whole text, read only for a page whose
 * excerpts were cut and lack a phrase.
 */
export function verifyPhrases(hits, phrases, fragment, whole) {
  if (!phrases.length) return Promise.resolve(hits);
  // Checked in rounds of one result page, best first, and only until a page of results is
  // confirmed: each check may read a fragment file, and the first round reads the files
  // that showing the results needs anyway.
  var keep = [];
  var at = 0;
  function check(h) {
    return fragment(h.doc).then(function (f) {
      if (hasPhrases(f, phrases)) return true;
      if (!f || f[4] !== 1) return false;
      return whole(h.doc).then(function (w) {
        return hasPhrases(w, phrases);
      });
    });
  }
  function round() {
    var batch = hits.slice(at, Math.min(at + PAGE_SIZE, MAX_PHRASE_CHECKS));
    at += batch.length;
    return Promise.all(batch.map(check)).then(function (ok) {
      batch.forEach(function (h, i) {
        if (ok[i]) keep.push(h);
      });
      if (keep.length < PAGE_SIZE && at < hits.length && at < MAX_PHRASE_CHECKS) return round();
      return keep.concat(hits.slice(at));
    });
  }
  return round();
}

/** Whether a page's text in fragment `f` has every phrase. */
function hasPhrases(f, phrases) {
  if (!f) return false;
  var words = tokenize([f[1], f[2]].concat(f[3].map(function (s) {
    return (s[1] || '') + ' \u2029 ' + s[2];
  })).join(' \u2029 ')).map(function (t) {
    return t.word;
  });
  return phrases.every(function (ph) {
    return containsSequence(words, ph);
  });
}

/**
 * Fragment `f` with whole text `w` ([direction, [text, ...]], see src/search/excerpt
 * `whole_text`) in place of its excerpts, no longer cut.
 */
export function withWholeText(f, w) {
  if (!w || !Array.isArray(w[1])) return f;
  var sections = f[3].map(function (s, i) {
    return [s[0], s[1], typeof w[1][i] === 'string' ? w[1][i] : s[2]];
  });
  return [f[0], f[1], typeof w[0] === 'string' ? w[0] : f[2], sections, 0, f[5]];
}

/** Whether a displayed result's excerpt marks a matched word. */
export function showsMatch(shown) {
  return shown.excerpt.some(function (s) {
    return s.mark;
  });
}

/**
 * Applies the filters and counts each filter's values among pages passing the other two; with
 * the facets of some hit not read yet (a large site before its filters are opened, and then
 * no filter is chosen: engine.js `search` reads them for one), every hit passes and `counts`
 * is null.
 */
export function facet(m, hits, filters) {
  var fa = m.fa;
  var read = fa && hits.every(function (h) {
    return fa.read[h.doc];
  });
  if (!read) return { hits: hits, total: hits.length, counts: null };
  // A chosen value the site does not have (-2) matches no page, not the pages without one.
  var at = function (i) {
    return i < 0 ? -2 : i;
  };
  var want = {
    ar: filters.ar ? at(fa.years.indexOf(filters.ar)) : -1,
    omrade: filters.omrade ? at(fa.areaAt.has(filters.omrade) ? fa.areaAt.get(filters.omrade) : -1) : -1,
    typ: filters.typ ? at(fa.kinds.findIndex(function (k) { return k[0] === filters.typ; })) : -1
  };
  var counts = { ar: new Map(), omrade: new Map(), typ: new Map() };
  var out = [];
  hits.forEach(function (h) {
    var yk = fa.yearKinds[fa.docYearKind[h.doc]];
    var v = { ar: yk ? yk[0] : -1, omrade: fa.docArea[h.doc], typ: yk ? yk[1] : -1 };
    var pass = {};
    ['ar', 'omrade', 'typ'].forEach(function (k) {
      pass[k] = !filters[k] || v[k] === want[k];
    });
    if (pass.ar && pass.omrade && pass.typ) out.push(h);
    if (pass.omrade && pass.typ && v.ar >= 0) bump(counts.ar, fa.years[v.ar]);
    if (pass.ar && pass.typ && v.omrade >= 0) bump(counts.omrade, fa.areas[v.omrade][0]);
    if (pass.ar && pass.omrade && v.typ >= 0) bump(counts.typ, fa.kinds[v.typ][0]);
  });
  return { hits: out, total: out.length, counts: counts };
}

function bump(map, key) {
  map.set(key, (map.get(key) || 0) + 1);
}

/**
 * What a result shows, from its page's fragment `f` (src/search/excerpt `write_fragment`): url
 * (site-relative), anchor, title, its report line (report, year, kind label, area name) and
 * the excerpt as [{text, mark}] segments.
 */
export function display(m, h, f, result) {
  f = f || ['', '', '', [], 0];
  var line = Array.isArray(f[5]) ? f[5] : ['', '', '', null];
  var section = bestSection(m.fmt, f, result.highlight);
  var sec = section > 0 ? f[3][section - 1] : null;
  return {
    doc: h.doc,
    score: h.score,
    url: f[0],
    anchor: sec && sec[0] ? sec[0] : null,
    title: f[1],
    titleMarked: marked(f[1], result.highlight),
    report: line[0] || '',
    year: line[1] || '',
    area: line[3] || null,
    kind: line[2] || '',
    heading: sec ? sec[1] : null,
    excerpt: excerpt(f, section, result.highlight, result.phrases)
  };
}

/** Whether one of the first `count` hits is ranked by an upper bound only (see `rank`). */
export function looseWithin(hits, count) {
  for (var i = 0; i < Math.min(count, hits.length); i++) if (hits[i].loose) return true;
  return false;
}
