// Runs the shipped search client (the ES modules of themes/default/static/search/, through their
// api.js) in node against an index on disk, as the browser would: same code, same fetch plan,
// files read instead of fetched.
// Used by tests/search_js.rs and examples/bench_search.rs.
//
// Usage: node driver.cjs <search/api.js> <index dir (the output's search/ folder)>
// stdin: JSON array of requests {q, filters?, show?, fresh?, facets?, expectError?} (`show`: how many results
// get their details, by default one page as the search page shows); `fresh` starts a new
// visitor with an empty cache; `facets` then reads the filters' data of the pages found, as
// opening the search page's filters does (`counts` is null on a large site until then);
// `expectError` gives {error: the message the query failed with, or null}. {prefetch: text} runs what the search page does when a word is finished
// (`files` says what it read); {pace: [ms, ...]} gives the waits the search page takes after keys
// at those times. stdout: JSON array of results, with the bytes each request downloaded
// (gzip: the files as written and transferred; raw: their unpacked size) and the files it read.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { diskEngine } = require('./disk.cjs');

const [scriptPath, indexDir] = process.argv.slice(2);
let api; // the client's modules, imported below
const requests = JSON.parse(fs.readFileSync(0, 'utf8'));

let log = [];
// The gzip sizes are what any host transfers; `raw` what a query would cost if the index were
// plain JSON on a host without compression.
function session() {
  return diskEngine(api, indexDir, (read) => log.push(read));
}

(async () => {
  api = await import(pathToFileURL(path.resolve(scriptPath)).href);
  let engine = session();
  const out = [];
  for (const r of requests) {
    if (r.fresh) engine = session();
    log = [];
    if (r.pace) {
      const pace = api.createPace();
      out.push({ waits: r.pace.map((t) => pace.key(t)) });
      continue;
    }
    if (r.prefetch !== undefined) {
      await engine.prefetch(r.prefetch);
      out.push({ files: log.map((l) => l.path) });
      continue;
    }
    if (r.expectError) {
      const error = await engine.search(r.q, r.filters || {}).then(() => null, (e) => String(e.message));
      out.push({ error });
      continue;
    }
    const t0 = process.hrtime.bigint();
    const res = await engine.search(r.q, r.filters || {});
    if (r.facets) await engine.counts(res);
    const items = await engine.details(res, 0, r.show === undefined ? api.pageSize : r.show);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    let counts = null;
    if (res.counts) {
      counts = {};
      for (const k of Object.keys(res.counts)) counts[k] = Object.fromEntries(res.counts[k]);
    }
    out.push({
      q: r.q,
      total: res.total,
      docs: res.hits.map((h) => h.doc),
      fallback: res.fallback,
      corrected: res.corrected,
      counts,
      hits: items.map((it) => ({
        url: it.url,
        score: it.score,
        anchor: it.anchor,
        title: it.title,
        report: it.report,
        year: it.year,
        area: it.area,
        kind: it.kind,
        excerpt: it.excerpt,
        marked: it.excerpt.filter((s) => s.mark).map((s) => s.text),
        titleMarked: it.titleMarked.filter((s) => s.mark).map((s) => s.text),
      })),
      files: log.map((l) => l.path),
      raw: log.reduce((a, l) => a + l.raw, 0),
      gzip: log.reduce((a, l) => a + l.gzip, 0),
      ms,
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
