#!/usr/bin/env node
// Search quality on a built site, with the shipped client (the modules of
// themes/default/static/search/, through api.js) run in node over the index files on disk
// (issue 19). Prints, over queries drawn from the site's own
// Markdown:
// - the share of top-5 results whose excerpt shows a matched word (<mark>);
// - whether the forms of a word find the same pages: forms Snowball stems alike, and base forms
//   with an ending Snowball keeps ("frånvaro"/"frånvaron"), each as typed (no space after);
// - bytes per query when typed key by key at 100 and 250 ms a key, with the search page's own
//   pacing (`createPace`, the prefetch of finished words), against the query sent at once.
//
// Usage: node benches/search_quality.cjs <search/api.js> <output dir> <content dir> [label]
// e.g.   node benches/search_quality.cjs themes/default/static/search/api.js public content shipped
// Queries are drawn with a fixed seed, so two runs over the same site ask the same.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { pathToFileURL } = require('url');

const [scriptPath, outDir, contentDir, label = outDir] = process.argv.slice(2);
if (!scriptPath || !outDir || !contentDir) {
  console.error('usage: node search_quality.cjs <search/api.js> <output dir> <content dir> [label]');
  process.exit(2);
}
let api; // the client's modules, imported below
const indexDir = path.join(outDir, 'search');

// ------------------------------------------------------------------ the site's words

function markdownFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) markdownFiles(p, out);
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Words (normalised) with the number of files they occur in, and adjacent word pairs. */
function siteWords() {
  const pages = new Map();
  const pairs = new Map();
  for (const file of markdownFiles(contentDir)) {
    let text = fs.readFileSync(file, 'utf8');
    text = text.replace(/^\+\+\+[\s\S]*?\+\+\+/, ' ');
    const seen = new Set();
    const words = api.tokenize(text).map((t) => t.word);
    words.forEach((w, i) => {
      if (!seen.has(w)) {
        seen.add(w);
        pages.set(w, (pages.get(w) || 0) + 1);
      }
      const next = words[i + 1];
      if (next && fit(w) && fit(next)) pairs.set(w + ' ' + next, (pairs.get(w + ' ' + next) || 0) + 1);
    });
  }
  return { pages, pairs };
}

function fit(w) {
  return /^\p{L}{5,}$/u.test(w) && !api.isStopWord(w);
}

// xorshift32: a fixed sample however often the bench runs.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** `n` items spread over `list` (sorted by frequency), one from each of n equal strata. */
function stratified(list, n, pick) {
  const out = [];
  if (!list.length) return out;
  for (let k = 0; k < n; k++) {
    const lo = Math.floor((k * list.length) / n);
    const hi = Math.max(lo + 1, Math.floor(((k + 1) * list.length) / n));
    out.push(list[lo + pick(hi - lo)]);
  }
  return [...new Set(out)];
}

// ------------------------------------------------------------------ running queries

// Bytes [start, end) of an index file, as an HTTP Range request returns them (fragment files).
function readRange(file, start, end) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, end - start));
    const n = fs.readSync(fd, buf, 0, buf.length, start);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
function unpackedSize(buf) {
  return buf.length > 1 && buf[0] === 0x1f && buf[1] === 0x8b ? zlib.gunzipSync(buf).length : buf.length;
}

function engine(log) {
  return api.createEngine(async (p) => {
    const buf = fs.readFileSync(path.join(indexDir, p));
    log.push({ path: p, gzip: buf.length, raw: zlib.gunzipSync(buf).length });
    return api.readIndexFile(buf);
  }, async (p, start, end) => {
    const buf = readRange(path.join(indexDir, p), start, end);
    log.push({ path: p, gzip: buf.length, raw: unpackedSize(buf) });
    return buf;
  });
}

async function show(e, q) {
  const r = await e.search(q, {});
  const items = await e.details(r, 0, api.pageSize);
  return { r, items };
}

/**
 * Types `q` key by key every `ms` milliseconds in virtual time, as the search page's input
 * handler does: each key may prefetch finished words, and the query runs once the pace's wait
 * passes without a key. Fetches complete at once (a fast network: the most a pause can fetch).
 */
async function typeInto(e, q, ms) {
  // A client from before pacing (for before/after figures) waited a fixed 200 ms.
  const pace = api.createPace ? api.createPace() : { key: () => 200 };
  let due = null; // [time, text]
  const chars = Array.from(q);
  for (let k = 1; k <= chars.length; k++) {
    const now = k * ms;
    if (due && due[0] <= now) {
      await show(e, due[1]);
      due = null;
    }
    const text = chars.slice(0, k).join('');
    if (/\s$/.test(text) && e.prefetch) await e.prefetch(text);
    due = [now + pace.key(now), text];
  }
  if (due) await show(e, due[1]);
}

function kb(b) {
  return (b / 1024).toFixed(1);
}
function median(v) {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
}
function setOf(r) {
  return r.hits.map((h) => h.doc).sort((a, b) => a - b).join(',');
}

(async () => {
  api = await import(pathToFileURL(path.resolve(scriptPath)).href);
  const { pages, pairs } = siteWords();
  const pick = rng(19);
  const byFreq = [...pages.entries()].filter(([w]) => fit(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const singles = stratified(byFreq.map((e) => e[0]), 40, pick);
  const twos = stratified(
    [...pairs.entries()].filter((e) => e[1] >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((e) => e[0]),
    10,
    pick
  );
  const queries = singles.concat(twos);

  // 1. Excerpts: of the top five results, how many show a matched word.
  let shown = 0;
  let marked = 0;
  let titled = 0;
  const unmarked = [];
  {
    const e = engine([]);
    for (const q of queries) {
      const { items } = await show(e, q);
      for (const it of items) {
        shown++;
        if (it.excerpt.some((s) => s.mark)) marked++;
        else unmarked.push(`${q} → ${it.url}`);
        if (it.excerpt.some((s) => s.mark) || (it.titleMarked || []).some((s) => s.mark)) titled++;
      }
    }
  }

  // 2. Forms of a word: groups of site words with one Snowball stem; pairs that add an ending
  // Snowball keeps to a vowel-final word.
  const stems = new Map();
  for (const [w] of byFreq) {
    const s = api.stem(w);
    if (!stems.has(s)) stems.set(s, []);
    stems.get(s).push(w);
  }
  const groups = stratified([...stems.values()].filter((g) => g.length >= 2), 40, pick).map((g) => g.slice(0, 4));
  const endings = ['n', 'na', 'ns', 's'];
  const basePairs = stratified(
    byFreq
      .map((e) => e[0])
      .filter((w) => /[aeiouyåäö]$/.test(w))
      .flatMap((w) => endings.map((x) => [w, w + x]))
      .filter(([a, b]) => pages.has(b) && api.stem(a) !== api.stem(b)),
    20,
    pick
  );
  let same = 0;
  let sameTop = 0;
  const differ = [];
  let baseSame = 0;
  let baseOverlap = 0;
  {
    const e = engine([]);
    for (const g of groups) {
      const results = [];
      for (const w of g) results.push((await e.search(w, {})).hits);
      const sets = results.map((h) => h.map((x) => x.doc).sort((a, b) => a - b).join(','));
      const tops = results.map((h) => h.slice(0, 5).map((x) => x.doc).join(','));
      if (sets.every((s) => s === sets[0])) same++;
      else differ.push(`${g.join('/')}: ${results.map((h) => h.length).join('/')} pages`);
      if (tops.every((s) => s === tops[0])) sameTop++;
      else differ.push(`${g.join('/')}: top 5 ${tops.join(' | ')}`);
    }
    for (const [a, b] of basePairs) {
      const [ra, rb] = [await e.search(a, {}), await e.search(b, {})];
      if (setOf(ra) === setOf(rb)) baseSame++;
      else differ.push(`${a}/${b}: ${ra.total}/${rb.total} pages`);
      const A = new Set(ra.hits.map((h) => h.doc));
      const inter = rb.hits.filter((h) => A.has(h.doc)).length;
      const union = A.size + rb.hits.length - inter;
      baseOverlap += union ? inter / union : 1;
    }
  }

  // 3. Bytes per query: sent at once, and typed at 100 and 250 ms a key; first (a new visitor)
  // and later (after the previous query).
  const bytes = {};
  for (const mode of ['at once', 100, 250]) {
    const first = [];
    const later = [];
    for (let i = 0; i < queries.length; i++) {
      const prev = queries[(i + queries.length - 1) % queries.length];
      const log = [];
      const e = engine(log);
      const run = (q) => (mode === 'at once' ? show(e, q) : typeInto(e, q, mode));
      await run(queries[i]);
      first.push(log.reduce((a, l) => a + l.gzip, 0));
      const warm = [];
      const e2 = engine(warm);
      await show(e2, prev);
      warm.length = 0;
      await (mode === 'at once' ? show(e2, queries[i]) : typeInto(e2, queries[i], mode));
      later.push(warm.reduce((a, l) => a + l.gzip, 0));
      if (mode === 'at once' && process.env.SEARCH_QUALITY_FILES) {
        console.log(`${queries[i]}: first ${kb(first[i])} kB ${log.map((l) => l.path).join(' ')}; later ${kb(later[i])} kB ${warm.map((l) => l.path).join(' ')}`);
      }
    }
    bytes[mode] = { first, later };
  }

  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '—');
  console.log(`search quality: ${label} (${pages.size} distinct words in ${contentDir})`);
  console.log(`queries: ${singles.length} words and ${twos.length} word pairs from the site, as typed (no space after)`);
  console.log(`top-5 results whose excerpt shows a matched word: ${marked} of ${shown} (${pct(marked, shown)}%)   target >= 99%`);
  console.log(`top-5 results whose title or excerpt shows a matched word: ${titled} of ${shown} (${pct(titled, shown)}%)`);
  for (const u of unmarked.slice(0, 8)) console.log(`  excerpt shows no match: ${u}`);
  console.log(
    `forms with one Snowball stem (${groups.length} groups of 2-4 forms): identical page sets ${same} of ${groups.length} (${pct(same, groups.length)}%), identical top 5 ${sameTop} of ${groups.length}`
  );
  for (const d of differ.slice(0, 12)) console.log(`  differ: ${d}`);
  console.log(
    `base form and ending Snowball keeps (${basePairs.length} pairs like frånvaro/frånvaron): identical ${baseSame} of ${basePairs.length}, mean overlap (Jaccard) ${pct(baseOverlap, basePairs.length)}%`
  );
  for (const mode of ['at once', 100, 250]) {
    const b = bytes[mode];
    const name = mode === 'at once' ? 'sent at once     ' : `typed at ${mode} ms/key`;
    console.log(
      `bytes per query, ${name}: first median ${kb(median(b.first))} kB, max ${kb(Math.max(...b.first))} kB; later median ${kb(median(b.later))} kB, max ${kb(Math.max(...b.later))} kB   targets first <= 40, later <= 30 kB`
    );
  }
})().catch((e) => {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
