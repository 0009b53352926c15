// Self-test of the browser checks: the hand-written fixture site passes every check, and each
// deliberate defect below, applied alone to a copy of it, is caught by the check meant to catch it.
// Run: node tests/browser/run.mjs --self-test

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSite, formatFailures, launchBrowser, pagePath, runVnu } from './check.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, 'fixture');
const BASE = '/uppfoljning/';

// Each defect: edits to fixture files ([file, from, to]) and the failure it must produce.
export const DEFECTS = [
  {
    name: 'missing skip link',
    edits: [['index.html', '<a class="skip" href="#main">Hoppa till innehållet</a>\n', '']],
    expect: { check: 'skip', page: '/uppfoljning/', text: 'not a skip link' },
  },
  {
    name: 'skip link whose target cannot take focus',
    edits: [['2026/index.html', '<main id="main" tabindex="-1">', '<main id="main">']],
    expect: { check: 'skip', page: '/uppfoljning/2026/', text: 'after Enter' },
  },
  {
    name: 'skip link hidden even when focused',
    edits: [['assets/style.css', '.skip:focus { top: 0.5rem; }', '']],
    expect: { check: 'skip', page: '/uppfoljning/', text: 'not visible' },
  },
  {
    name: 'text contrast below 4.5:1',
    edits: [['assets/style.css', '--muted: #4a4a4a;', '--muted: #9a9a9a;']],
    expect: { check: 'axe', page: '/uppfoljning/', text: 'color-contrast' },
  },
  {
    name: 'image without alt text',
    edits: [['2026/index.html', '<h1>2026</h1>', '<h1>2026</h1>\n<img src="/uppfoljning/assets/style.css" width="1" height="1">']],
    expect: { check: 'axe', page: '/uppfoljning/2026/', text: 'image-alt' },
  },
  {
    name: 'page that scrolls sideways at 320 px',
    edits: [['2026/april/lasning/index.html', '<p>Läsdagar har införts på alla skolor.</p>', '<p>Läsdagar har införts på alla skolor.</p>\n<pre>Läsdagar;Skola;Antal;Andel;Kommentar;Läsdagar;Skola;Antal;Andel;Kommentar</pre>']],
    expect: { check: 'reflow', page: '/uppfoljning/2026/april/lasning/', text: 'scrolls sideways' },
  },
  {
    name: 'JavaScript error',
    edits: [['2026/index.html', '</body>', '<script>window.uppsiktMissingFunction();</script>\n</body>']],
    expect: { check: 'console', page: '/uppfoljning/2026/', text: 'uncaught exception' },
  },
  {
    name: 'console error',
    edits: [['2026/index.html', '</body>', '<script>console.error("sökindex saknas");</script>\n</body>']],
    expect: { check: 'console', page: '/uppfoljning/2026/', text: 'sökindex saknas' },
  },
  {
    name: 'navigation printed',
    edits: [['assets/style.css', '.site-header nav, .site-header form, .site-footer nav, .skip,', '.skip,']],
    expect: { check: 'print', page: '/uppfoljning/2026/april/', text: 'header navigation' },
  },
  {
    name: 'report that prints without its areas',
    edits: [['assets/style.css', '.print-only { display: block; }', '']],
    expect: { check: 'print', page: '/uppfoljning/2026/april/', text: 'lacks text of the area' },
  },
  {
    name: 'invalid HTML (stray end tag)',
    edits: [['2026/april/franvaro/index.html', '<h1>Elever med hög frånvaro</h1>', '<h1>Elever med hög frånvaro</h1></span>']],
    expect: { check: 'html', page: '/uppfoljning/2026/april/franvaro/', text: 'Stray end tag' },
  },
  {
    name: 'duplicate id',
    edits: [['2026/april/index.html', '<section id="print-lasning">', '<section id="print-franvaro">']],
    expect: { check: 'html', page: '/uppfoljning/2026/april/', text: 'Duplicate ID' },
  },
  {
    name: 'broken link',
    edits: [['2026/index.html', '<li><a href="/uppfoljning/2026/april/">', '<li><a href="/uppfoljning/2026/september/">']],
    expect: { check: 'link', page: '/uppfoljning/2026/', text: 'no such file' },
  },
  {
    name: 'broken #fragment',
    edits: [['index.html', '/uppfoljning/2026/april/lasning/#insatser', '/uppfoljning/2026/april/lasning/#resultat']],
    expect: { check: 'link', page: '/uppfoljning/', text: 'no element with id="resultat"' },
  },
  {
    name: 'link that ignores the base path',
    edits: [['2026/april/franvaro/index.html', '<a href="/uppfoljning/2026/april/lasning/">', '<a href="/2026/april/lasning/">']],
    expect: { check: 'link', page: '/uppfoljning/2026/april/franvaro/', text: 'outside the base path' },
  },
  {
    name: 'missing stylesheet',
    edits: [['2026/index.html', '/uppfoljning/assets/style.css', '/uppfoljning/assets/stil.css']],
    expect: { check: 'console', page: '/uppfoljning/2026/', text: 'answered 404' },
  },
  {
    name: 'relative link on the 404 page',
    edits: [['404.html', '<a href="/uppfoljning/">startsidan</a>', '<a href="index.html">startsidan</a>']],
    expect: { check: 'link', page: '/uppfoljning/404.html', text: '404.html is served at any depth' },
  },
];

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

function applyEdits(root, edits) {
  for (const [file, from, to] of edits) {
    const p = path.join(root, file);
    const text = fs.readFileSync(p, 'utf8');
    if (!text.includes(from)) throw new Error(`self-test edit does not apply: ${file} lacks ${JSON.stringify(from)}`);
    fs.writeFileSync(p, text.replace(from, to));
  }
}

export async function selfTest({ jobs = 3 } = {}) {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'uppsikt-browser-selftest-'));
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    console.log(`self-test of the browser checks on the fixture site (${path.relative(process.cwd(), FIXTURE) || FIXTURE})`);
    // Copies: the unchanged fixture and one per defect, each with that defect alone.
    const clean = path.join(tmp, 'clean');
    copyDir(FIXTURE, clean);
    const sites = DEFECTS.map((d, i) => {
      const root = path.join(tmp, `defect-${i}`);
      copyDir(FIXTURE, root);
      applyEdits(root, d.edits);
      return root;
    });
    // The Nu Html Checker once over all copies (one JVM start), its errors shared out per copy.
    const vnuPromise = runVnu(tmp);
    const vnuFor = async (root) => {
      const v = await vnuPromise;
      if (v.fatal) return [{ page: '(all pages)', check: 'html', message: v.fatal }];
      return v.failures
        .filter((f) => f.file && f.file.startsWith(root + path.sep))
        .map((f) => ({ page: pagePath(root, f.file, BASE), check: 'html', message: f.message }));
    };
    // The unchanged fixture passes every check, on every page.
    {
      const r = await checkSite({ root: clean, base: BASE, browser, jobs, vnu: false });
      const failures = [...r.failures, ...(await vnuFor(clean))];
      if (failures.length === 0) {
        passed++;
        console.log(`  ok   the fixture passes every check (${r.pages.length} pages)`);
      } else {
        failed++;
        console.log(`  FAIL the fixture itself fails the checks:\n${formatFailures(failures).replace(/^/gm, '       ')}`);
      }
    }
    // Each defect alone: the static checks on every page, the browser on the page it breaks.
    const results = new Array(DEFECTS.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: jobs }, async () => {
        while (next < DEFECTS.length) {
          const i = next++;
          const d = DEFECTS[i];
          try {
            const r = await checkSite({ root: sites[i], base: BASE, browser, jobs: 1, vnu: false, only: [d.expect.page] });
            const failures = [...r.failures, ...(await vnuFor(sites[i]))];
            const hit = failures.find((f) => f.check === d.expect.check && f.page === d.expect.page && f.message.includes(d.expect.text));
            results[i] = { d, hit, failures };
          } catch (e) {
            results[i] = { d, error: e };
          }
        }
      }),
    );
    for (const { d, hit, failures, error } of results) {
      if (hit) {
        passed++;
        console.log(`  ok   caught: ${d.name}\n         [${hit.check}] ${hit.page}: ${hit.message.split('\n')[0].slice(0, 150)}`);
      } else {
        failed++;
        const got = error ? `error: ${error.message}` : failures.length ? formatFailures(failures) : 'no failure at all';
        console.log(`  FAIL not caught: ${d.name} (expected [${d.expect.check}] on ${d.expect.page} mentioning "${d.expect.text}")\n${got.replace(/^/gm, '       ')}`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`self-test: ${passed} passed, ${failed} failed (${secs} s)`);
  return failed === 0 ? 0 : 1;
}
