#!/usr/bin/env node
// Search quality on a built site, with the shipped client (the modules of
// themes/default/static/search/, through api.js) run in node over the index files on disk
// (issue 19). Prints, over queries drawn from the site's own
// Markdown:
// - the share of top-5 results whose excerpt shows a matched word (<mark>);
//   (again over a second, larger sample drawn with another seed: queries the index was not
//   tuned on);
// - whether the forms of a word find the same pages, with the rule that joins them printed:
//   forms Snowball stems alike, and base forms with an ending Snowball keeps
//   ("frånvaro"/"frånvaron"), each as typed (no space after), and whether their results' excerpts
//   mark the form the page writes;
// - bytes per query when typed key by key at 100 and 250 ms a key, with the search page's own
//   pacing (`createPace`, the prefetch of finished words), against the query sent at once.
//
// Usage: node benches/search_quality.cjs <search/api.js> <output dir> <content dir> [label]
// e.g.   node benches/search_quality.cjs themes/default/static/search/api.js public content shipped
// Queries are drawn with a fixed seed (SEARCH_QUALITY_SEED, default 19; the second sample uses
// the next seed), so two runs over the same site ask the same. SEARCH_QUALITY_SAMPLE=k draws
// them from every k-th Markdown file only (in path order), for a site too large to tokenise
// whole in good time (100,000 entries); compare runs with the same k.
// SEARCH_QUALITY_RUNNING_TEXT=n measures bytes per query only, over n queries of one to three
// consecutive words (of four letters or more) from the running text of Markdown files drawn
// with the seed: most are words on many pages, which single-word samples leave out. It reads
// only the files drawn, so it takes seconds at 100,000 entries.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { diskEngine } = require('../tests/search_js/disk.cjs');

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
  const every = Math.max(1, Number(process.env.SEARCH_QUALITY_SAMPLE || 1));
  const files = markdownFiles(contentDir).sort().filter((_, i) => i % every === 0);
  for (const file of files) {
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

/** `n` queries of 1–3 consecutive words from the running text of files drawn with `pick`. */
function runningTextQueries(n, pick) {
  const files = markdownFiles(contentDir).sort();
  const out = [];
  for (let tries = 0; out.length < n && tries < 10 * n; tries++) {
    const text = fs.readFileSync(files[pick(files.length)], 'utf8').replace(/^\+\+\+[\s\S]*?\+\+\+/, ' ');
    const words = (text.match(/\p{L}{4,}/gu) || []).map((w) => w.toLowerCase());
    const k = [1, 2, 2, 3][pick(4)];
    if (words.length <= k) continue;
    const at = pick(words.length - k);
    out.push(words.slice(at, at + k).join(' '));
  }
  return out;
}

// ------------------------------------------------------------------ running queries

function engine(log) {
  return diskEngine(api, indexDir, (read) => log.push(read));
}

async function show(e, q) {
  const r = await e.search(q, {});
  const items = await e.details(r, 0, api.pageSize);
  return { r, items };
}

/**
 * Bytes each query transfers, sent at once (`mode` 'at once') or typed at `mode` ms a key: as
 * the first query of a new visitor, and as a later one (after the previous query).
 */
async function measureBytes(queries, mode) {
  const first = [];
  const later = [];
  for (let i = 0; i < queries.length; i++) {
    const prev = queries[(i + queries.length - 1) % queries.length];
    const log = [];
    const e = engine(log);
    await (mode === 'at once' ? show(e, queries[i]) : typeInto(e, queries[i], mode));
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
  return { first, later };
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

/** Of the top five results of each query, how many show a matched word in the excerpt. */
async function excerptShare(queries) {
  const out = { queries: queries.length, shown: 0, marked: 0, titled: 0, unmarked: [] };
  const e = engine([]);
  for (const q of queries) {
    const { items } = await show(e, q);
    for (const it of items) {
      out.shown++;
      const inExcerpt = it.excerpt.some((s) => s.mark);
      if (inExcerpt) out.marked++;
      else out.unmarked.push(`${q} → ${it.url}`);
      if (inExcerpt || (it.titleMarked || []).some((s) => s.mark)) out.titled++;
    }
  }
  return out;
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
  const seed = Number(process.env.SEARCH_QUALITY_SEED || 19);
  const pick = rng(seed);
  const running = Number(process.env.SEARCH_QUALITY_RUNNING_TEXT || 0);
  if (running > 0) {
    const queries = runningTextQueries(running, pick);
    const b = await measureBytes(queries, 'at once');
    const mean = (v) => v.reduce((a, x) => a + x, 0) / Math.max(1, v.length);
    console.log(
      `bytes per query, ${queries.length} queries of 1-3 consecutive words of the text (seed ${seed}), sent at once: first median ${kb(median(b.first))} kB, max ${kb(Math.max(...b.first))} kB, mean ${kb(mean(b.first))} kB; later median ${kb(median(b.later))} kB, max ${kb(Math.max(...b.later))} kB, mean ${kb(mean(b.later))} kB   targets first <= 40, later <= 30 kB`
    );
    return;
  }
  const { pages, pairs } = siteWords();
  const byFreq = [...pages.entries()].filter(([w]) => fit(w)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const pairList = [...pairs.entries()]
    .filter((e) => e[1] >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map((e) => e[0]);
  const sample = (words, twos, p) =>
    stratified(byFreq.map((e) => e[0]), words, p).concat(stratified(pairList, twos, p));
  const queries = sample(40, 10, pick);
  const singles = queries.filter((q) => !q.includes(' '));
  const twos = queries.filter((q) => q.includes(' '));

  // 1. Excerpts: of the top five results, how many show a matched word; then the same over a
  // second sample, drawn with the next seed.
  const ex = await excerptShare(queries);
  const other = await excerptShare(sample(100, 30, rng(seed + 1)));

  // 2. Forms of a word: groups of site words with one Snowball stem; pairs that add an ending
  // Snowball keeps (the index's own list, meta's `fmt.endings`) to a vowel-final word. Each
  // form's top five results must mark the form their page writes.
  const fmt = (await engine([]).meta()).fmt;
  const stems = new Map();
  for (const [w] of byFreq) {
    const s = api.stem(w);
    if (!stems.has(s)) stems.set(s, []);
    stems.get(s).push(w);
  }
  const groups = stratified([...stems.values()].filter((g) => g.length >= 2), 40, pick).map((g) => g.slice(0, 4));
  const endings = fmt.endings || [];
  const basePairs = stratified(
    byFreq
      .map((e) => e[0])
      .filter((w) => /[aeiouyåäö]$/.test(w))
      .flatMap((w) => endings.map((x) => [w, w + x]))
      .filter(([a, b]) => pages.has(b) && api.stem(a) !== api.stem(b)),
    20,
    pick
  );
  const forms = { same: 0, sameTop: 0, shown: 0, marked: 0, differ: [] };
  const base = { same: 0, overlap: 0, shown: 0, marked: 0, differ: [] };
  {
    const e = engine([]);
    // A form's results, and how many of its top five mark a matched word in the excerpt.
    const run = async (w, tally) => {
      const { r, items } = await show(e, w);
      tally.shown += items.length;
      tally.marked += items.filter((it) => it.excerpt.some((s) => s.mark)).length;
      return r;
    };
    for (const g of groups) {
      const results = [];
      for (const w of g) results.push((await run(w, forms)).hits);
      const sets = results.map((h) => h.map((x) => x.doc).sort((a, b) => a - b).join(','));
      const tops = results.map((h) => h.slice(0, 5).map((x) => x.doc).join(','));
      if (sets.every((s) => s === sets[0])) forms.same++;
      else forms.differ.push(`${g.join('/')}: ${results.map((h) => h.length).join('/')} pages`);
      if (tops.every((s) => s === tops[0])) forms.sameTop++;
      else forms.differ.push(`${g.join('/')}: top 5 ${tops.join(' | ')}`);
    }
    for (const [a, b] of basePairs) {
      const [ra, rb] = [await run(a, base), await run(b, base)];
      if (setOf(ra) === setOf(rb)) base.same++;
      else base.differ.push(`${a}/${b}: ${ra.total}/${rb.total} pages`);
      const A = new Set(ra.hits.map((h) => h.doc));
      const inter = rb.hits.filter((h) => A.has(h.doc)).length;
      const union = A.size + rb.hits.length - inter;
      base.overlap += union ? inter / union : 1;
    }
  }

  // 3. Bytes per query: sent at once, and typed at 100 and 250 ms a key.
  const bytes = {};
  for (const mode of ['at once', 100, 250]) bytes[mode] = await measureBytes(queries, mode);

  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '—');
  console.log(`search quality: ${label} (${pages.size} distinct words in ${contentDir})`);
  console.log(`queries: ${singles.length} words and ${twos.length} word pairs from the site (seed ${seed}), as typed (no space after)`);
  console.log(`top-5 results whose excerpt shows a matched word: ${ex.marked} of ${ex.shown} (${pct(ex.marked, ex.shown)}%)   target >= 99%`);
  console.log(`top-5 results whose title or excerpt shows a matched word: ${ex.titled} of ${ex.shown} (${pct(ex.titled, ex.shown)}%)`);
  for (const u of ex.unmarked.slice(0, 8)) console.log(`  excerpt shows no match: ${u}`);
  console.log(
    `the same over ${other.queries} other queries (seed ${seed + 1}): ${other.marked} of ${other.shown} (${pct(other.marked, other.shown)}%)`
  );
  for (const u of other.unmarked.slice(0, 8)) console.log(`  excerpt shows no match: ${u}`);
  console.log('forms of a word, the rule: forms Snowball stems alike are one term of the index, so they find the same pages,');
  console.log('  ranked alike. Snowball leaves an ending on a vowel-final word ("frånvaro"/"frånvaron", "skola"/"skolan";');
  console.log(`  endings ${endings.join(' ')}): where the base is a word of the site, a page writing the longer form is indexed`);
  console.log('  under the base too (so the base finds the pages of both forms), and a query for the longer form looks the base');
  console.log('  up too, from its own term chunk when it lies in another (then both find the same pages, each ranked by its');
  console.log('  own form first; a base in another chunk costs that query one more chunk, a few kB).');
  console.log('  Forms Snowball stems apart otherwise (umlaut plurals: "bok"/"böcker", "stad"/"städer")');
  console.log('  are not joined: each finds its own pages.');
  console.log(
    `forms with one Snowball stem (${groups.length} groups of 2-4 forms): identical page sets ${forms.same} of ${groups.length} (${pct(forms.same, groups.length)}%), identical top 5 ${forms.sameTop} of ${groups.length}; top-5 excerpts marking the page's form ${forms.marked} of ${forms.shown}`
  );
  for (const d of forms.differ.slice(0, 12)) console.log(`  differ: ${d}`);
  console.log(
    `base form and an ending Snowball keeps (${basePairs.length} pairs like frånvaro/frånvaron): identical page sets ${base.same} of ${basePairs.length} (${pct(base.same, basePairs.length)}%), mean overlap (Jaccard) ${pct(base.overlap, basePairs.length)}%; top-5 excerpts marking the page's form ${base.marked} of ${base.shown}`
  );
  for (const d of base.differ.slice(0, 12)) console.log(`  differ: ${d}`);
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
