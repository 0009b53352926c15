/*
 * uppsikt search, from matched terms to results: meta read once, pages ranked by their summed
 * BM25 scores (every word must match), quoted phrases checked, filters and their counts, and
 * what each shown result displays.
 */
import { tokenize } from './text.js';
import { lengthNorms, readFormat } from './format.js';
import { containsSequence } from './query.js';
import { bestSection, excerpt, marked } from './highlight.js';

// Results shown at a time (then "more"). Each result reads a fragment file of several pages'
// excerpts, so this is most of what a query transfers; 5 is also Pagefind's default.
export var PAGE_SIZE = 5;
var MAX_PHRASE_CHECKS = 30; // each check may read a fragment file

/**
 * Meta as the engine uses it: its format read, each page's report and area expanded once
 * (needed for filters and result lines), and BM25's length normalisation by length code (a
 * page's code is in its postings, or on a small site in meta's `dl`).
 */
export function expandMeta(m) {
  var fmt = readFormat(m.fmt);
  var DIGIT = fmt.digit;
  var n = m.n;
  var docReport = new Int32Array(n);
  var docArea = new Int32Array(n);
  for (var i = 0; i < n; i++) {
    var r = 0;
    for (var k = 0; k < m.rw; k++) r = r * 64 + DIGIT[m.docReports[i * m.rw + k]];
    docReport[i] = r;
  }
  // Runs of pages by area: [area, pages], or the page count alone for the area after the
  // previous run's (src/search/meta.rs `area_runs_json`).
  var at = 0;
  var last = -1;
  m.docAreas.forEach(function (run) {
    var area = typeof run === 'number' ? last + 1 : run[0];
    var count = typeof run === 'number' ? run : run[1];
    for (var j = 0; j < count; j++) docArea[at++] = area;
    last = area;
  });
  m.docReport = docReport;
  m.docArea = docArea;
  m.norms = lengthNorms(fmt);
  return m;
}

/** A result with no hits. */
export function emptyResult(m, parsed) {
  return {
    hits: [],
    total: 0,
    counts: { ar: new Map(), omrade: new Map(), typ: new Map() },
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
  return [f[0], f[1], typeof w[0] === 'string' ? w[0] : f[2], sections, 0];
}

/** Whether a displayed result's excerpt marks a matched word. */
export function showsMatch(shown) {
  return shown.excerpt.some(function (s) {
    return s.mark;
  });
}

/** Applies the filters and counts each filter's values among pages passing the other two. */
export function facet(m, hits, filters) {
  var want = {
    ar: filters.ar ? m.years.indexOf(filters.ar) : -1,
    omrade: filters.omrade ? m.areas.findIndex(function (a) { return a[0] === filters.omrade; }) : -1,
    typ: filters.typ ? m.kinds.findIndex(function (k) { return k[0] === filters.typ; }) : -1
  };
  var counts = { ar: new Map(), omrade: new Map(), typ: new Map() };
  var out = [];
  hits.forEach(function (h) {
    var rep = m.reports[m.docReport[h.doc]];
    var v = { ar: rep ? rep[1] : -1, omrade: m.docArea[h.doc], typ: rep ? rep[2] : -1 };
    var pass = {};
    ['ar', 'omrade', 'typ'].forEach(function (k) {
      pass[k] = !filters[k] || v[k] === want[k];
    });
    if (pass.ar && pass.omrade && pass.typ) out.push(h);
    if (pass.omrade && pass.typ) bump(counts.ar, m.years[v.ar]);
    if (pass.ar && pass.typ && v.omrade >= 0) bump(counts.omrade, m.areas[v.omrade][0]);
    if (pass.ar && pass.omrade && v.typ >= 0) bump(counts.typ, m.kinds[v.typ][0]);
  });
  return { hits: out, total: out.length, counts: counts };
}

function bump(map, key) {
  map.set(key, (map.get(key) || 0) + 1);
}

/**
 * What a result shows, from its page's fragment `f`: url (site-relative), anchor, title,
 * report, year, area and kind labels, and the excerpt as [{text, mark}] segments.
 */
export function display(m, h, f, result) {
  f = f || ['', '', '', [], 0];
  var rep = m.reports[m.docReport[h.doc]] || ['', -1, -1];
  var area = m.docArea[h.doc] >= 0 ? m.areas[m.docArea[h.doc]] : null;
  var section = bestSection(m.fmt, f, result.highlight);
  var sec = section > 0 ? f[3][section - 1] : null;
  return {
    doc: h.doc,
    score: h.score,
    url: f[0],
    anchor: sec && sec[0] ? sec[0] : null,
    title: f[1],
    titleMarked: marked(f[1], result.highlight),
    report: rep[0],
    year: m.years[rep[1]] || '',
    area: area ? area[1] : null,
    kind: m.kinds[rep[2]] ? m.kinds[rep[2]][1] : '',
    heading: sec ? sec[1] : null,
    excerpt: excerpt(f, section, result.highlight, result.phrases)
  };
}

/** Whether one of the first `count` hits is ranked by an upper bound only (see `rank`). */
export function looseWithin(hits, count) {
  for (var i = 0; i < Math.min(count, hits.length); i++) if (hits[i].loose) return true;
  return false;
}
