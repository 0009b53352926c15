#!/usr/bin/env node
// Browser test of the search client (the ES modules of themes/default/static/search/) on a built
// site, in headless Chromium, served under its base path by check.mjs's static server.
//
//   node tests/browser/search.mjs shipped <output dir> <base path>
//       on <base>sok/: "frånvaro" gives results with <mark> and links that resolve, one page at
//       a time ("more", by keyboard, adds the next and focuses it); "franvaro"
//       shows the fallback notice and results; "Östlyckeskolan" and "elevpeng" find something;
//       a year filter changes the count and puts ar= in the URL; Back restores the query state;
//       the header search box on the home page (keyboard only) leads to <base>sok/?q=… with
//       results; the count is in an aria-live region; no console errors or page errors; forms
//       of a word find the same pages, first-letter typos (wrong, left out, one too many) are
//       corrected, title words are marked, a beginning of a word reads at most three term chunks,
//       and typing key by key (100 and 250 ms a key) fetches only what the finished query needs.
//   node tests/browser/search.mjs excerpts <output dir> <base path> <word,word,…>
//       a site of long pages, stored as excerpts: each word (written once, deep inside a page)
//       finds its page, and every result's excerpt marks it; an item of several words (a pair
//       only one page's whole text shows) has one of them marked. Served with `Range`.
//   node tests/browser/search.mjs filters <output dir> <base path>
//       a site of more than 4,096 pages, whose filters' data is in files of its own: a query reads
//       none of it and shows each result's report line; opening the filters by keyboard reads the
//       file of the pages found, a later query the others, each once, and fills them with
//       counts; a year chosen gives the count its option promised.
//   node tests/browser/search.mjs xss <output dir> <base path>
//       a site whose content holds `<img src=x onerror=…>` and `<script>` text: searching
//       "farligt" shows that text literally, and nothing of it runs or becomes an element.
//   node tests/browser/search.mjs version <output dir> <base path>
//       a site whose index is of another version than its scripts: the status asks the
//       visitor to reload the page, and no result is listed.
//
// Exit status: 0 passed, 1 a check failed (the message says which and why) or the test stopped,
// 2 wrong arguments.

import { launchBrowser, normaliseBase, startServer } from './check.mjs';
import path from 'node:path';

class CheckFailed extends Error {}

function check(cond, message) {
  if (!cond) throw new CheckFailed(message);
}

// Waits until the search has settled: the status is a count or "no results" (not "Söker …"),
// and, when there are hits, the first page of results is in the list.
async function settled(page, what) {
  try {
    await page.waitForFunction(
      () => {
        const status = document.getElementById('search-status');
        const list = document.getElementById('search-results');
        if (!status || !list) return false;
        const s = status.textContent.trim();
        if (!s || /…$/.test(s)) return false;
        const m = /^(\d+)\s/.exec(s);
        const n = m ? Number(m[1]) : /^1\s/.test(s) ? 1 : 0;
        return n === 0 || list.children.length > 0;
      },
      null,
      { timeout: 15000 }
    );
  } catch {
    const status = await page.locator('#search-status').textContent().catch(() => '(no #search-status)');
    throw new CheckFailed(`${what}: the search did not settle within 15 s (status: "${status}")`);
  }
  return state(page);
}

// What the page shows: status text, count parsed from it, results, notice.
async function state(page) {
  return page.evaluate(() => {
    const status = document.getElementById('search-status').textContent.trim();
    const m = /^(\d+)\s/.exec(status);
    const notice = document.getElementById('search-notice');
    const items = [...document.querySelectorAll('#search-results > li')];
    return {
      status,
      count: m ? Number(m[1]) : 0,
      noticeShown: !!notice && !notice.hidden && notice.textContent.trim() !== '',
      notice: notice ? notice.textContent.trim() : '',
      results: items.length,
      marks: document.querySelectorAll('#search-results mark').length,
      markTexts: [...document.querySelectorAll('#search-results mark')].slice(0, 5).map((e) => e.textContent),
      links: items.map((li) => li.querySelector('a')?.href).filter(Boolean),
      excerpts: items.map((li) => li.querySelector('.search-excerpt')?.textContent || ''),
      excerptsMarked: items.filter((li) => li.querySelector('.search-excerpt mark')).length,
      titleMarks: document.querySelectorAll('#search-results h2 mark').length,
      input: document.getElementById('search-q').value,
      url: location.pathname + location.search,
    };
  });
}

// Types a query into the search page's input (replacing what is there) and waits for results.
async function typeQuery(page, q) {
  const input = page.locator('#search-q');
  await input.fill('');
  await input.pressSequentially(q, { delay: 20 });
  // The client debounces input by 200 ms; wait until it has picked up this query.
  await page
    .waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, q, { timeout: 5000 })
    .catch(() => {
      throw new CheckFailed(`typing "${q}" into #search-q did not put q=${q} into the URL (is the input handler running?)`);
    });
  return settled(page, `query "${q}"`);
}

// Opens the search page's filters by keyboard (Tab to their summary, Enter) and waits until the
// year filter lists a year.
async function openFilters(page) {
  const closed = await page.evaluate(() => !document.getElementById('search-filters').open);
  check(closed, 'the filters were open before they were asked for (no filter chosen)');
  await page.focus('#search-filters > summary');
  await page.keyboard.press('Enter');
  await page
    .waitForFunction(() => document.querySelectorAll('#search-ar option').length > 1, null, { timeout: 10000 })
    .catch(() => {
      throw new CheckFailed('opening the filters (Enter on their summary) listed no year within 10 s');
    });
}

// The index files (under search/) a page fetches, in a fresh browser context (empty cache).
function watchIndex(page) {
  const files = [];
  page.on('request', (r) => {
    // Term chunks and meta (.json.gz), and fragment files read by range (.bin).
    const m = /\/search\/(.+\.(?:json\.gz|bin))$/.exec(new URL(r.url()).pathname);
    if (m) files.push(m[1]);
  });
  return files;
}

// What a query sent at once (from the URL) fetches.
async function fetchedFor(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const files = watchIndex(page);
    await page.goto(url);
    await settled(page, `${url} at once`);
    return [...new Set(files)];
  } finally {
    await context.close();
  }
}

// Types `q` key by key, `delay` ms apart, on a fresh search page; what it fetched and how long
// after the last key the first result was listed.
async function typedFetches(browser, url, q, delay) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('#search.search-ready');
    // meta.json.gz is fetched by any first query; count what typing adds.
    const files = watchIndex(page);
    await page.evaluate(() => {
      window.__lastKey = 0;
      window.__firstResult = null;
      document.getElementById('search-q').addEventListener('input', () => {
        window.__lastKey = performance.now();
        window.__firstResult = null;
      });
      new MutationObserver(() => {
        if (window.__firstResult === null && document.querySelector('#search-results > li')) window.__firstResult = performance.now();
      }).observe(document.getElementById('search-results'), { childList: true });
    });
    await page.locator('#search-q').pressSequentially(q, { delay });
    await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, q, { timeout: 5000 });
    await settled(page, `"${q}" typed at ${delay} ms a key`);
    const first = await page.evaluate(() => (window.__firstResult === null ? null : window.__firstResult - window.__lastKey));
    return { files: [...new Set(files)], firstResultMs: first };
  } finally {
    await context.close();
  }
}

function describe(s) {
  return `status "${s.status}", ${s.results} results listed, notice ${s.noticeShown ? `"${s.notice}"` : 'hidden'}, URL ${s.url}`;
}

async function withSite(root, base, fn, serverOptions) {
  const basePath = normaliseBase(base);
  const { server, origin } = await startServer(path.resolve(root), basePath, serverOptions);
  const browser = await launchBrowser();
  const errors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    page.on('console', (msg) => {
      // Failed sub-resources are reported by the response handler, with their URL (as check.mjs).
      if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(`console error: ${msg.text()} (${msg.location().url || 'inline'})`);
    });
    page.on('pageerror', (e) => errors.push(`uncaught exception: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    await fn({ page, origin, basePath, errors });
    check(errors.length === 0, `the pages logged errors:\n    ${errors.join('\n    ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

async function shipped(root, base) {
  await withSite(root, base, async ({ page, origin, basePath }) => {
    const searchUrl = `${origin}${basePath}sok/`;
    const resp = await page.goto(searchUrl);
    check(resp && resp.status() === 200, `${basePath}sok/ answered HTTP ${resp && resp.status()}, expected 200`);
    await page.waitForSelector('#search.search-ready', { timeout: 10000 }).catch(() => {
      throw new CheckFailed(`${basePath}sok/: the search modules did not initialise (#search never got class search-ready)`);
    });

    // The result count is announced.
    const live = await page.evaluate(() => {
      const el = document.getElementById('search-status');
      return el && { live: el.getAttribute('aria-live'), role: el.getAttribute('role') };
    });
    check(live, '#search-status (where the result count is written) is missing');
    check(
      live.live === 'polite' || live.live === 'assertive' || live.role === 'status',
      `#search-status is not an aria-live region (aria-live="${live.live}", role="${live.role}")`
    );

    // 1. "frånvaro": results, highlighted, links that resolve.
    const franvaro = await typeQuery(page, 'frånvaro');
    check(franvaro.count > 0 && franvaro.results > 0, `"frånvaro" found nothing: ${describe(franvaro)}`);
    check(!franvaro.noticeShown, `"frånvaro" matches exactly, yet a fallback notice is shown: ${describe(franvaro)}`);
    check(franvaro.marks > 0, `"frånvaro": no <mark> in the result excerpts: ${describe(franvaro)}`);
    check(
      franvaro.markTexts.some((t) => /frånvaro/i.test(t)),
      `"frånvaro": the <mark>ed words (${JSON.stringify(franvaro.markTexts)}) do not contain "frånvaro"`
    );
    const statusInLive = await page.locator('[aria-live] >> text=/\\d+ träff/').count();
    check(statusInLive > 0, `"frånvaro": the result count "${franvaro.status}" is not inside an aria-live region`);
    console.log(`  ok   "frånvaro": ${describe(franvaro)}, <mark>: ${JSON.stringify(franvaro.markTexts)}`);
    for (const href of franvaro.links) {
      const u = new URL(href);
      check(u.origin === origin && u.pathname.startsWith(basePath), `result link ${href} is outside the site's base path ${basePath}`);
      const r = await page.request.get(u.origin + u.pathname);
      check(r.status() === 200, `result link ${href} answered HTTP ${r.status()}, expected 200`);
      if (u.hash) {
        const id = decodeURIComponent(u.hash.slice(1));
        const html = await r.text();
        check(html.includes(`id="${id}"`), `result link ${href}: the target page has no element with id="${id}"`);
      }
    }

    // 1b. One page of results at a time: "more" (keyboard) adds the next page and moves focus to it.
    check(
      franvaro.count > franvaro.results,
      `"frånvaro": all ${franvaro.count} hits listed at once; expected one page and a "more" button: ${describe(franvaro)}`
    );
    const more = page.locator('#search-more');
    check(await more.isVisible(), `"frånvaro": ${franvaro.results} of ${franvaro.count} hits listed, but #search-more is not visible`);
    await more.focus();
    await page.keyboard.press('Enter');
    await page
      .waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, franvaro.results, { timeout: 10000 })
      .catch(() => {
        throw new CheckFailed(`"frånvaro": Enter on #search-more did not add results (still ${franvaro.results})`);
      });
    const grown = await state(page);
    const focus = await page.evaluate(() => {
      const li = document.activeElement && document.activeElement.closest('#search-results > li');
      return li ? [...li.parentNode.children].indexOf(li) : -1;
    });
    check(focus === franvaro.results, `after "more", focus is on result ${focus}, expected the first new one (${franvaro.results})`);
    check(
      grown.results === Math.min(franvaro.count, 2 * franvaro.results),
      `after "more": ${grown.results} results listed, expected ${Math.min(franvaro.count, 2 * franvaro.results)}`
    );
    console.log(`  ok   "more": ${franvaro.results} → ${grown.results} of ${franvaro.count}, focus on the first new result`);

    // 2. "franvaro" without å: the diacritic fallback, and says so.
    const folded = await typeQuery(page, 'franvaro');
    check(folded.noticeShown, `"franvaro": no fallback notice shown (expected one saying å/ä/ö were folded): ${describe(folded)}`);
    check(folded.count > 0 && folded.results > 0, `"franvaro": the fallback found nothing: ${describe(folded)}`);
    console.log(`  ok   "franvaro": ${describe(folded)}`);

    // 3. Words residents search for.
    for (const q of ['Östlyckeskolan', 'elevpeng']) {
      const s = await typeQuery(page, q);
      check(s.count > 0 && s.results > 0, `"${q}" found nothing: ${describe(s)}`);
      console.log(`  ok   "${q}": ${describe(s)}`);
    }

    // 4. A year filter narrows the results and goes into the URL; Back undoes it. The filters
    // are closed until opened (by keyboard here).
    const before = await typeQuery(page, 'frånvaro');
    await openFilters(page);
    const options = await page.evaluate(() =>
      [...document.querySelectorAll('#search-ar option')].map((o) => ({ value: o.value, label: o.textContent }))
    );
    const year = options
      .map((o) => ({ ...o, n: Number((/\((\d+)\)\s*$/.exec(o.label) || [])[1]) }))
      .find((o) => o.value && o.n > 0 && o.n < before.count);
    check(
      year,
      `"frånvaro" (${before.count} hits): no year option with fewer hits than all years, so the filter cannot be tested; options: ${JSON.stringify(options)}`
    );
    await page.selectOption('#search-ar', year.value);
    await page
      .waitForFunction((y) => new URLSearchParams(location.search).get('ar') === y, year.value, { timeout: 5000 })
      .catch(() => {
        throw new CheckFailed(`choosing year ${year.value} did not put ar=${year.value} into the URL (URL: ${page.url()})`);
      });
    await page.waitForFunction((n) => {
      const m = /^(\d+)\s/.exec(document.getElementById('search-status').textContent.trim());
      return (m ? Number(m[1]) : -1) !== n;
    }, before.count).catch(() => {});
    const filtered = await settled(page, `"frånvaro" filtered to ${year.value}`);
    check(
      filtered.count !== before.count,
      `year filter ${year.value}: the count stayed ${before.count} (${describe(filtered)})`
    );
    check(
      filtered.count === year.n,
      `year filter ${year.value}: the option promised ${year.n} hits, the status says ${filtered.count} (${describe(filtered)})`
    );

    console.log(`  ok   year ${year.value}: ${before.count} → ${filtered.count} hits, URL ${filtered.url}`);
    await page.goBack();
    await page
      .waitForFunction(() => !new URLSearchParams(location.search).has('ar'), null, { timeout: 5000 })
      .catch(() => {
        throw new CheckFailed(`Back after the year filter left ar= in the URL (URL: ${page.url()})`);
      });
    await page.waitForFunction((n) => {
      const m = /^(\d+)\s/.exec(document.getElementById('search-status').textContent.trim());
      return m && Number(m[1]) === n;
    }, before.count, { timeout: 10000 }).catch(() => {});
    const back = await settled(page, 'after Back');
    const yearSelected = await page.locator('#search-ar').inputValue();
    check(
      back.input === 'frånvaro' && yearSelected === '' && back.count === before.count,
      `Back did not restore the previous state: expected q "frånvaro", all years, ${before.count} hits; got q "${back.input}", year "${yearSelected}", ${describe(back)}`
    );

    console.log(`  ok   Back: ${describe(back)}`);

    // 4b. Every form of a word finds the same pages, ranked alike, each marking its own form.
    const forms = [];
    for (const q of ['elever', 'eleverna', 'elevernas', 'eleven']) forms.push({ q, s: await typeQuery(page, q) });
    for (const f of forms) {
      check(
        f.s.count === forms[0].s.count && JSON.stringify(f.s.links) === JSON.stringify(forms[0].s.links),
        `"${f.q}" finds ${f.s.count} pages (${f.s.links.join(', ')}), "${forms[0].q}" ${forms[0].s.count} (${forms[0].s.links.join(', ')}): forms of one word should find the same pages in the same order`
      );
      check(f.s.excerptsMarked === f.s.results, `"${f.q}": ${f.s.excerptsMarked} of ${f.s.results} excerpts show a matched word`);
    }
    console.log(`  ok   forms ${forms.map((f) => `"${f.q}"`).join(', ')}: ${forms[0].s.count} pages each, same order, every excerpt marked`);

    // 4b, continued. A base form and the form with an ending Snowball keeps ("frånvaro",
    // "frånvaron": two stems) find the same pages, each ranked by its own form first, and every
    // excerpt marks the form its page writes.
    const base = [];
    for (const q of ['frånvaro', 'frånvaron']) base.push({ q, s: await typeQuery(page, q) });
    check(
      base[0].s.count > 0 && base[1].s.count === base[0].s.count,
      `"frånvaro" finds ${base[0].s.count} pages, "frånvaron" ${base[1].s.count}: a base form and its inflection should find the same pages`
    );
    for (const f of base) {
      check(f.s.excerptsMarked === f.s.results, `"${f.q}": ${f.s.excerptsMarked} of ${f.s.results} excerpts show a matched word`);
      check(
        f.s.markTexts.length > 0 && f.s.markTexts.every((t) => /frånvaro/i.test(t)),
        `"${f.q}": the <mark>ed words ${JSON.stringify(f.s.markTexts)} are not all forms of "frånvaro"`
      );
    }
    console.log(`  ok   "frånvaro", "frånvaron": ${base[0].s.count} pages each, marks ${JSON.stringify(base[1].s.markTexts)}`);

    // 4c. A typo in the first letter (wrong, left out, one too many) is caught, and said.
    for (const [q, what] of [['Pstlyckeskolan', 'wrong'], ['stlyckeskolan', 'left out'], ['Göstlyckeskolan', 'one too many']]) {
      const typo = await typeQuery(page, q);
      check(typo.noticeShown && typo.count > 0, `"${q}" (first letter ${what}): ${describe(typo)}`);
      console.log(`  ok   "${q}": ${describe(typo)}`);
    }

    // 4d. A word in a result's title is marked there too.
    const titled = await typeQuery(page, 'matematikområdet');
    check(titled.titleMarks > 0, `"matematikområdet": no <mark> in any result title: ${describe(titled)}`);

    // 4d'. A word typed in part ("skolfrånv") is completed from at most three term chunks.
    const part = 'skolfrånv';
    const partFiles = await fetchedFor(page.context().browser(), `${origin}${basePath}sok/?q=${encodeURIComponent(part)}`);
    const partChunks = partFiles.filter((f) => f.startsWith('t/'));
    const partial = await typeQuery(page, part);
    check(partial.count > 0 && partial.marks > 0, `"${part}" (a beginning) found or marked nothing: ${describe(partial)}`);
    check(partChunks.length >= 1 && partChunks.length <= 3, `"${part}" read ${partChunks.length} term chunks (at most 3): ${partChunks.join(', ')}`);
    console.log(`  ok   "${part}": ${describe(partial)}, ${partChunks.length} term chunk(s) read`);

    // 4e. Typing key by key at 100 and 250 ms a key fetches no index file for a word not yet
    // finished: only what the same query sent at once fetches. The first result shows soon after
    // the last key.
    for (const delay of [100, 250]) {
      const q = 'tidiga insatser';
      const once = await fetchedFor(page.context().browser(), `${origin}${basePath}sok/?q=${encodeURIComponent(q)}`);
      const typed = await typedFetches(page.context().browser(), `${origin}${basePath}sok/`, q, delay);
      const extra = typed.files.filter((f) => !once.includes(f));
      check(extra.length === 0, `typing "${q}" at ${delay} ms a key fetched ${extra.join(', ')}, which the query sent at once does not need`);
      check(typed.firstResultMs !== null && typed.firstResultMs < 700, `typing "${q}" at ${delay} ms a key: the first result showed ${typed.firstResultMs} ms after the last key`);
      console.log(`  ok   typed at ${delay} ms a key: ${typed.files.length} index files (the query at once: ${once.length}), first result ${Math.round(typed.firstResultMs)} ms after the last key`);
    }

    // 5. The header search box on the home page, keyboard only.
    await page.goto(`${origin}${basePath}`);
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'site-search-q');
    }
    check(reached, 'the header search box (#site-search-q) on the home page was not reached within 10 presses of Tab');
    await page.keyboard.type('frånvaro', { delay: 20 });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const landed = new URL(page.url());
    check(
      landed.pathname === `${basePath}sok/` && landed.searchParams.get('q') === 'frånvaro',
      `Enter in the header search box went to ${landed.pathname}${landed.search}, expected ${basePath}sok/?q=frånvaro`
    );
    const header = await settled(page, 'the header search');
    check(header.count > 0 && header.results > 0, `the header search for "frånvaro" showed no results: ${describe(header)}`);
    check(header.input === 'frånvaro', `the search page's input shows "${header.input}", not the query "frånvaro" from the URL`);
    console.log(`  ok   header search (Tab, type, Enter): ${describe(header)}`);
  });
}

async function excerpts(root, base, words) {
  await withSite(root, base, async ({ page, origin, basePath }) => {
    const ranged = [];
    page.on('response', (r) => {
      const m = /\/search\/([xp]\/.+\.bin)$/.exec(new URL(r.url()).pathname);
      if (m) ranged.push(`${m[1]} ${r.status()}`);
    });
    await page.goto(`${origin}${basePath}sok/`);
    await page.waitForSelector('#search.search-ready', { timeout: 10000 });
    for (const w of words) {
      const s = await typeQuery(page, w);
      check(s.count > 0 && s.results > 0, `"${w}" found nothing: ${describe(s)}`);
      check(s.excerptsMarked === s.results, `"${w}": ${s.excerptsMarked} of ${s.results} excerpts show it marked; excerpts: ${JSON.stringify(s.excerpts)}`);
      check(
        s.markTexts.some((t) => w.toLowerCase().split(' ').includes(t.toLowerCase())),
        `"${w}": the <mark>ed words are ${JSON.stringify(s.markTexts)}`
      );
    }
    check(
      ranged.some((r) => r.startsWith('p/')) && ranged.every((r) => r.endsWith(' 206')),
      `fragments and whole texts should be read by range (206), read: ${JSON.stringify(ranged)}`
    );
    console.log(`  ok   ${words.length} queries of words written once deep inside long pages: every result's excerpt marks one, a whole text read by range`);
  }, { ranges: true });
}

// A site whose filters' data is in files of its own (search/f/NNN.json.gz, 4,096 pages each,
// written past 2,048 pages): read only when the filters are opened, only the files of the
// pages found, each once; a later query with the filters open reads the files its pages need.
async function filters(root, base) {
  await withSite(root, base, async ({ page, origin, basePath }) => {
    const files = watchIndex(page);
    const facetFiles = () => files.filter((f) => f.startsWith('f/'));
    await page.goto(`${origin}${basePath}sok/?q=vattenrutschkana`);
    const one = await settled(page, '"vattenrutschkana"');
    check(one.count >= 1 && one.count < 10, `"vattenrutschkana" should find its one area's pages: ${describe(one)}`);
    const line = await page.locator('#search-results .search-result-meta').first().textContent();
    check(/Yta \d+/.test(line) && /\b202[45]\b/.test(line), `a result's report line "${line}" lacks its area or year`);
    check(facetFiles().length === 0, `the filters' data was read before the filters were opened: ${files.join(', ')}`);
    await openFilters(page);
    check(
      facetFiles().length === 1,
      `opening the filters for pages of one area should read one file of their data (f/…); read: ${files.join(', ')}`
    );
    const s = await typeQuery(page, 'gemensamt');
    check(s.count > 4096 && s.results > 0, `"gemensamt" should find every added page: ${describe(s)}`);
    // The year options count the new query's hits once its pages' filter files are read.
    await page.waitForFunction((total) => {
      const options = [...document.querySelectorAll('#search-ar option')].filter((o) => o.value);
      const n = (o) => Number((/\((\d+)\)\s*$/.exec(o.textContent) || [0, 0])[1]);
      return options.reduce((sum, o) => sum + n(o), 0) === total;
    }, s.count, { timeout: 10000 }).catch(() => {});
    const years = await page.evaluate(() =>
      [...document.querySelectorAll('#search-ar option')].map((o) => ({ value: o.value, label: o.textContent }))
    );
    const withCounts = years
      .map((o) => ({ ...o, n: Number((/\((\d+)\)\s*$/.exec(o.label) || [])[1]) }))
      .filter((o) => o.value);
    const sum = withCounts.reduce((n, o) => n + o.n, 0);
    check(sum === s.count, `with the filters open, "gemensamt" (${s.count} hits) should count every hit by year; options: ${JSON.stringify(years)}`);
    check(
      facetFiles().length >= 2 && new Set(facetFiles()).size === facetFiles().length,
      `"gemensamt" should have read the rest of the filters' files, each once; read: ${files.join(', ')}`
    );
    const year = withCounts.find((o) => o.n > 0 && o.n < s.count);
    check(year, `"gemensamt" (${s.count} hits): no year option with fewer hits; options: ${JSON.stringify(years)}`);
    await page.selectOption('#search-ar', year.value);
    await page.waitForFunction((n) => {
      const m = /^(\d+)\s/.exec(document.getElementById('search-status').textContent.trim());
      return m && Number(m[1]) === n;
    }, year.n, { timeout: 10000 }).catch(() => {
      throw new CheckFailed(`year ${year.value}: the option promised ${year.n} hits, the status never said so`);
    });
    console.log(`  ok   one area's pages: 1 filter file read when opened; ${s.count} pages: ${facetFiles().length} files, ${withCounts.length} years counted, year ${year.value} → ${year.n} hits`);
  });
}

// A site whose index is of another version than its scripts (the test raised meta's "v"):
// the status says to reload the page, in the site's words.
async function version(root, base) {
  await withSite(root, base, async ({ page, origin, basePath }) => {
    await page.goto(`${origin}${basePath}sok/?q=frånvaro`);
    const want = await page.evaluate(() => JSON.parse(document.getElementById('search-strings').textContent).error_version);
    check(typeof want === 'string' && /ladda om/i.test(want), `the search page's strings have no error_version: ${want}`);
    await page.waitForFunction((w) => document.getElementById('search-status').textContent.trim() === w, want, { timeout: 10000 }).catch(async () => {
      const status = await page.locator('#search-status').textContent();
      throw new CheckFailed(`an index of another version: the status says "${status}", not "${want}"`);
    });
    const live = await page.evaluate(() => document.getElementById('search-status').getAttribute('aria-live'));
    check(live === 'polite' || live === 'assertive', `the status saying so is not aria-live (${live})`);
    const results = await page.locator('#search-results > li').count();
    check(results === 0, `an index of another version listed ${results} results`);
    console.log(`  ok   an index of another version: "${want}"`);
  });
}

async function xss(root, base) {
  await withSite(root, base, async ({ page, origin, basePath }) => {
    await page.goto(`${origin}${basePath}sok/`);
    await page.waitForSelector('#search.search-ready', { timeout: 10000 });
    const s = await typeQuery(page, 'farligt');
    check(s.count > 0 && s.results > 0, `"farligt" found nothing (the entry with the injected markup): ${describe(s)}`);
    check(
      s.excerpts.some((e) => e.includes('<img') && e.includes('onerror')),
      `"farligt": no result excerpt shows the literal text "<img … onerror…>"; excerpts: ${JSON.stringify(s.excerpts)}`
    );
    // Give a would-be onerror handler time to run.
    await page.waitForTimeout(500);
    const result = await page.evaluate(() => ({
      xss: typeof window.__xss,
      imgs: document.querySelectorAll('#search-results img').length,
      imgX: document.querySelectorAll('img[src=x], img[src="x"]').length,
      scripts: document.querySelectorAll('#search-results script').length,
    }));
    check(result.xss === 'undefined', `window.__xss is ${result.xss}: content markup ran as script in the search results`);
    check(result.imgX === 0 && result.imgs === 0, `the search results contain ${result.imgs} <img> element(s) (${result.imgX} with src=x): content became markup`);
    console.log(`  ok   "farligt": ${describe(s)}; excerpt: ${JSON.stringify(s.excerpts.find((e) => e.includes('<img')))}`);
    check(result.scripts === 0, `the search results contain ${result.scripts} <script> element(s): content became markup`);
  });
}

async function main() {
  const [mode, root, base = '/', words = ''] = process.argv.slice(2);
  if (!['shipped', 'excerpts', 'filters', 'xss', 'version'].includes(mode) || !root || (mode === 'excerpts' && !words)) {
    console.error('usage: node search.mjs shipped|filters|xss|version <output dir> [<base path>]\n       node search.mjs excerpts <output dir> <base path> <word,word,…>');
    return 2;
  }
  const started = Date.now();
  try {
    if (mode === 'shipped') await shipped(root, base);
    else if (mode === 'excerpts') await excerpts(root, base, words.split(','));
    else if (mode === 'filters') await filters(root, base);
    else if (mode === 'version') await version(root, base);
    else await xss(root, base);
  } catch (e) {
    if (e instanceof CheckFailed) {
      console.log(`FAIL search (${mode}): ${e.message}`);
      return 1;
    }
    // A Playwright timeout or a browser that would not start: say where, with the stack.
    console.log(`FAIL search (${mode}): stopped: ${e.stack || e}`);
    return 1;
  }
  console.log(`search (${mode}): all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = await main();
