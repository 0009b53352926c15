// The browser checks of a built uppsikt site.
//
// checkSite() serves an output directory under its base path on 127.0.0.1 and checks every page:
//   axe      axe-core, tags wcag2a wcag2aa wcag21a wcag21aa: 0 violations
//   skip     the first Tab focuses a visible skip link; Enter moves focus into <main>
//   reflow   at 320 CSS px (400 % zoom of 1280 px) the page does not scroll sideways
//   console  no console errors, no uncaught exceptions, no sub-resource that fails to load
//   print    report pages (/<year>/<report>/): print media hides the header nav, the search form
//            and the footer nav, and shows the report's own text and the full text of each of
//            its areas (every passage of the area pages, see areaPassages)
//   html     the Nu Html Checker (vnu.jar on the machine's Java): 0 errors
//   link     every internal href/src resolves to a file of the output under the base path, and
//            every #fragment to an id on the target page
// It returns the failures; it never throws for a failing page, only when it cannot run at all.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const REFLOW_WIDTH = 320;
// Path of a page that does not exist; the server answers with the site's 404.html.
const MISSING_PAGE = 'finns-inte/denna-sida-saknas/';

export function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

export function vnuJar() {
  return path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
}

export function normaliseBase(base) {
  let p = base || '/';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) p = new URL(p).pathname;
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

// ---------------------------------------------------------------------------------------------
// A plain static host: the output directory under the base path, index.html for directories,
// a redirect from /dir to /dir/, the site's 404.html with status 404 for anything else.

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

// `ranges`: answer a single `Range: bytes=a-b` with 206 and those bytes, as most static hosts
// do; without it every file is sent whole, as by a host that ignores `Range`.
export function startServer(root, basePath, { ranges = false } = {}) {
  const server = http.createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      const type = file ? TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' : 'text/plain; charset=utf-8';
      const range = ranges && file && status === 200 && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
      const size = range && fs.statSync(file).size;
      if (range && Number(range[1]) <= Number(range[2]) && Number(range[1]) < size) {
        const [start, end] = [Number(range[1]), Math.min(Number(range[2]), size - 1)];
        res.writeHead(206, { 'content-type': type, 'cache-control': 'no-store', 'content-range': `bytes ${start}-${end}/${size}`, ...headers });
        if (req.method === 'HEAD') return res.end();
        return fs.createReadStream(file, { start, end }).pipe(res);
      }
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      if (req.method === 'HEAD') return res.end();
      if (file) fs.createReadStream(file).pipe(res);
      else res.end(status === 404 ? 'Not found\n' : '');
    };
    const notFound = () => {
      const page = path.join(root, '404.html');
      send(404, fs.existsSync(page) ? page : null);
    };
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, null);
    }
    if (urlPath + '/' === basePath) return send(301, null, { location: basePath });
    if (!urlPath.startsWith(basePath)) return send(404, null); // not this site's part of the host
    const rel = urlPath.slice(basePath.length);
    const file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(404, null);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) return send(301, null, { location: encodeURI(urlPath) + '/' });
      const index = path.join(file, 'index.html');
      return fs.existsSync(index) ? send(200, index) : notFound();
    }
    return send(200, file);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The pages of the output.

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

// URL path (under basePath) of an HTML file of the output.
export function pagePath(root, file, basePath) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel === 'index.html') return basePath;
  if (rel.endsWith('/index.html')) return basePath + rel.slice(0, -'index.html'.length);
  return basePath + rel;
}

// A report page: /<year>/<report>/ (its areas are /<year>/<report>/<area>/).
function isReportPage(rel) {
  return /^\d{4}\/[^/]+\/index\.html$/.test(rel);
}

// ---------------------------------------------------------------------------------------------
// Links (static, with an HTML parser).

const LINK_ATTRS = [
  ['a', 'href'],
  ['area', 'href'],
  ['link', 'href'],
  ['img', 'src'],
  ['img', 'srcset'],
  ['source', 'src'],
  ['source', 'srcset'],
  ['script', 'src'],
  ['iframe', 'src'],
  ['video', 'src'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['track', 'src'],
  ['embed', 'src'],
  ['object', 'data'],
  ['form', 'action'],
  ['use', 'href'],
  ['image', 'href'],
  ['blockquote', 'cite'],
  ['q', 'cite'],
];

function parseHtml(text) {
  const { parse } = require('node-html-parser');
  return parse(text, { comment: false, blockTextElements: { script: true, style: true, pre: true } });
}

function fileForPath(root, basePath, urlPath) {
  // -> { file } | { error }
  if (!urlPath.startsWith(basePath)) {
    return { error: `points outside the base path ${basePath} (is base_url applied to this link?)` };
  }
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(basePath.length));
  } catch {
    return { error: 'is not a valid percent-encoded path' };
  }
  const file = path.join(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return { error: 'escapes the output directory' };
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return { error: `no such file in the output (${rel || '.'})` };
  }
  if (stat.isDirectory()) {
    if (!urlPath.endsWith('/')) return { error: `is a directory without its trailing slash (link to ${urlPath}/)` };
    const index = path.join(file, 'index.html');
    if (!fs.existsSync(index)) return { error: `directory ${rel || '.'} has no index.html` };
    return { file: index };
  }
  return { file };
}

function idsOf(root) {
  const ids = new Set();
  for (const el of root.querySelectorAll('[id]')) ids.add(el.getAttribute('id'));
  for (const el of root.querySelectorAll('a[name]')) ids.add(el.getAttribute('name'));
  return ids;
}

export function checkLinks({ root, basePath, origin, files, extra = [] }) {
  const failures = [];
  const parsed = new Map(); // file -> parsed root
  const parsedOf = (file) => {
    if (!parsed.has(file)) parsed.set(file, parseHtml(fs.readFileSync(file, 'utf8')));
    return parsed.get(file);
  };
  const idCache = new Map();
  const idsFor = (file) => {
    if (!idCache.has(file)) idCache.set(file, idsOf(parsedOf(file)));
    return idCache.get(file);
  };
  const isHtml = (file) => /\.html?$/i.test(file);

  const checkUrl = (raw, baseUrl, page, what, extra = {}) => {
    const value = raw.trim();
    const shown = `<${what}="${value}">`;
    if (value === '') return failures.push({ page, check: 'link', message: `${shown}: empty URL` });
    if (/^(mailto|tel|data|sms|geo):/i.test(value)) return;
    if (/^javascript:/i.test(value)) return failures.push({ page, check: 'link', message: `${shown}: javascript: URL` });
    let url;
    try {
      url = new URL(value, baseUrl);
    } catch {
      return failures.push({ page, check: 'link', message: `${shown} is not a valid URL` });
    }
    if (url.origin !== origin) return; // external: not checked (no network here)
    if (extra.deep && !/^(\/|#|[a-z][a-z0-9+.-]*:)/i.test(value)) {
      failures.push({ page, check: 'link', message: `${shown} is relative, but 404.html is served at any depth: use a root-relative URL` });
      return;
    }
    const target = fileForPath(root, basePath, url.pathname);
    if (target.error) return failures.push({ page, check: 'link', message: `${shown} ${target.error}` });
    if (value.includes('#')) {
      let frag;
      try {
        frag = decodeURIComponent(url.hash.slice(1));
      } catch {
        return failures.push({ page, check: 'link', message: `${shown}: fragment is not valid percent-encoding` });
      }
      if (frag === '') return failures.push({ page, check: 'link', message: `${shown}: empty #fragment` });
      if (!isHtml(target.file)) return; // fragments into non-HTML files are not checked
      if (!idsFor(target.file).has(frag)) {
        const where = target.file === extra.self ? 'this page' : pagePath(root, target.file, basePath);
        failures.push({ page, check: 'link', message: `${shown}: no element with id="${frag}" on ${where}` });
      }
    }
  };

  for (const file of files) {
    const page = pagePath(root, file, basePath);
    const doc = parsedOf(file);
    const deep = path.relative(root, file) === '404.html';
    const baseEl = doc.querySelector('base[href]');
    const pageUrl = new URL(baseEl ? baseEl.getAttribute('href') : page, origin + page).href;
    for (const [tag, attr] of LINK_ATTRS) {
      for (const el of doc.querySelectorAll(`${tag}[${attr}]`)) {
        const value = el.getAttribute(attr);
        if (attr === 'srcset') {
          for (const part of value.split(',')) {
            const u = part.trim().split(/\s+/)[0];
            if (u) checkUrl(u, pageUrl, page, `${tag} srcset`, { deep, self: file });
          }
        } else {
          checkUrl(value, pageUrl, page, `${tag} ${attr}`, { deep, self: file });
        }
      }
    }
    // <meta http-equiv=refresh content="0; url=...">
    for (const el of doc.querySelectorAll('meta[http-equiv]')) {
      if ((el.getAttribute('http-equiv') || '').toLowerCase() !== 'refresh') continue;
      const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute('content') || '');
      if (m) checkUrl(m[1], pageUrl, page, 'meta http-equiv=refresh content', { deep, self: file });
    }
  }

  // Links that scripts made, read from the live DOM: [{ page, href (absolute) }].
  for (const { page, href, text } of extra) {
    checkUrl(href, origin + '/', page, `a href (made by script, "${text}")`, {});
  }

  // sitemap.xml: every <loc> must resolve.
  const sitemap = path.join(root, 'sitemap.xml');
  if (fs.existsSync(sitemap)) {
    const page = basePath + 'sitemap.xml';
    const xml = fs.readFileSync(sitemap, 'utf8');
    for (const m of xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)) {
      const loc = m[1].replace(/&amp;/g, '&');
      let p;
      try {
        p = new URL(loc, origin + page).pathname;
      } catch {
        failures.push({ page, check: 'link', message: `<loc>${loc}</loc> is not a valid URL` });
        continue;
      }
      const target = fileForPath(root, basePath, p);
      if (target.error) failures.push({ page, check: 'link', message: `<loc>${loc}</loc> ${target.error}` });
    }
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------
// The Nu Html Checker, once over the whole output directory.

export function runVnu(root, files = []) {
  return new Promise((resolve) => {
    const args = ['-jar', vnuJar(), '--errors-only', '--format', 'json', '--skip-non-html', root];
    const child = spawn(process.env.JAVA || 'java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve({ fatal: `could not start java for the Nu Html Checker: ${e.message}` }));
    child.on('close', (code) => {
      const text = err.trim() || out.trim();
      let report;
      try {
        report = JSON.parse(text);
      } catch {
        return resolve({ fatal: `the Nu Html Checker exited ${code} without a JSON report:\n${(err + out).slice(0, 2000)}` });
      }
      const failures = [];
      const known = new Set(files.map((f) => path.resolve(f)));
      for (const msg of report.messages || []) {
        if (msg.type === 'info' || (msg.type !== 'error' && msg.type !== 'non-document-error')) continue;
        let file = null;
        try {
          if (msg.url) file = fileURLToPath(msg.url);
        } catch {}
        const page = file ? pagePath(root, file, '/') : '(vnu)';
        const line = msg.lastLine ? `line ${msg.firstLine && msg.firstLine !== msg.lastLine ? msg.firstLine + '-' : ''}${msg.lastLine}: ` : '';
        const extract = msg.extract ? ` [${msg.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}]` : '';
        failures.push({ file, known: !!file && known.has(file), pageRel: page, check: 'html', message: `${line}${msg.message}${extract}` });
      }
      resolve({ failures, code });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The in-browser checks of one page.

async function withPage(browser, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    return await fn(page);
  } finally {
    await context.close();
  }
}

async function checkPageInBrowser(browser, axeSource, { url, page: pageName, report, expectStatus, areaTexts, ownTexts, settle, domLinks }) {
  const failures = [];
  const fail = (check, message) => failures.push({ page: pageName, check, message });
  await withPage(browser, async (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        const where = loc && loc.url ? ` (${loc.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}:${loc.lineNumber})` : '';
        // Failed sub-resources are reported once, below, by their URL.
        if (/Failed to load resource/.test(msg.text())) return;
        fail('console', `console error: ${msg.text()}${where}`);
      }
    });
    page.on('pageerror', (err) => fail('console', `uncaught exception: ${err.message}`));
    page.on('requestfailed', (req) => fail('console', `request failed: ${req.url()} (${req.failure()?.errorText})`));
    let mainRequest = null;
    page.on('request', (req) => {
      if (!mainRequest && req.isNavigationRequest()) mainRequest = req;
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && res.request() !== mainRequest) {
        fail('console', `sub-resource answered ${res.status()}: ${res.url().replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}`);
      }
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response) return fail('console', `no response for ${url}`);
    if (response.status() !== expectStatus) fail('console', `answered HTTP ${response.status()}, expected ${expectStatus}`);
    if (settle) {
      // A page that a script fills in (search results): wait until it is done.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200);
      const state = await page.evaluate((sel) => {
        const el = document.querySelector(sel);
        return el ? el.querySelectorAll('a[href]').length : -1;
      }, settle);
      if (state <= 0) fail('console', `the script-made content (${settle}) has no links after loading: did the script run?`);
      if (domLinks) {
        const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.href, text: a.textContent.trim().slice(0, 40) })));
        for (const l of links) domLinks.push({ page: pageName, ...l });
      }
    }

    // 1. Skip link: the first Tab from a fresh page.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const href = el.getAttribute('href');
      let targetId = null;
      if (el.tagName === 'A' && href && el.hash && el.pathname === location.pathname) {
        try {
          targetId = decodeURIComponent(el.hash.slice(1));
        } catch {}
      }
      const target = targetId ? document.getElementById(targetId) : null;
      const main = document.querySelector('main, [role=main]');
      return {
        html: el.outerHTML.slice(0, 160),
        href,
        text: (el.innerText || '').trim(),
        visible: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && r.width > 1 && r.height > 1 &&
          r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        targetId,
        hasTarget: !!target,
        targetInMain: !!(target && main && (main === target || main.contains(target) || target.contains(main))),
        hasMain: !!main,
      };
    });
    if (!first) {
      fail('skip', 'the first Tab focused nothing; expected a skip link to the main content');
    } else if (!first.targetId) {
      fail('skip', `the first Tab focused ${first.html}, not a skip link (an <a href="#…"> to the main content)`);
    } else if (!first.hasTarget) {
      fail('skip', `the skip link ${first.html} points to #${first.targetId}, which is not on the page`);
    } else if (!first.hasMain) {
      fail('skip', 'the page has no <main> landmark');
    } else if (!first.targetInMain) {
      fail('skip', `the skip link's target #${first.targetId} is not the main content (<main> or inside it)`);
    } else {
      if (!first.visible) fail('skip', `the skip link ${first.html} is not visible when focused`);
      if (!first.text) fail('skip', `the skip link ${first.html} has no visible text`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
      const after = await page.evaluate(() => {
        const el = document.activeElement;
        const main = document.querySelector('main, [role=main]');
        return {
          html: el ? el.outerHTML.slice(0, 120) : 'nothing',
          inMain: !!(el && main && (el === main || main.contains(el))),
          hash: location.hash,
        };
      });
      if (!after.inMain) {
        fail('skip', `after Enter on the skip link, focus is on ${after.html}, not in <main> (give the target tabindex="-1")`);
      }
    }

    // 2. axe-core at desktop width.
    await page.evaluate(() => {
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    });
    await page.addScriptTag({ content: axeSource });
    const axeResult = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim() })),
      }));
    }, AXE_TAGS);
    for (const v of axeResult) {
      const shown = v.nodes.slice(0, 5).map((n) => `\n      ${n.target}: ${n.summary.slice(0, 300)}`).join('');
      const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
      fail('axe', `${v.id} (${v.impact}): ${v.help}, ${v.nodes.length} element(s)${shown}${more}`);
    }

    // 3. Reflow at 320 CSS px.
    await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const reflow = await page.evaluate((width) => {
      const sw = document.documentElement.scrollWidth;
      if (sw <= width) return { sw };
      // How far right an element reaches: its box, or its content where overflow lets it show.
      const reach = (el) => {
        const r = el.getBoundingClientRect();
        return getComputedStyle(el).overflowX === 'visible' ? Math.max(r.right, r.left + el.scrollWidth) : r.right;
      };
      const clipsX = (el) => {
        const o = getComputedStyle(el).overflowX;
        return o !== 'visible';
      };
      const offenders = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (reach(el) <= width + 0.5 || r.width === 0) continue;
        // Ignore what a scrolling/clipping ancestor keeps inside its own box.
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (clipsX(a) && a.getBoundingClientRect().right <= width + 0.5) {
            clipped = true;
            break;
          }
        }
        if (clipped) continue;
        // Only the outermost offender of each branch.
        if (offenders.some((o) => o.contains(el))) continue;
        offenders.push(el);
      }
      const describe = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += '#' + el.id;
        if (el.classList.length) s += '.' + [...el.classList].join('.');
        return `${s} (reaches ${Math.round(reach(el))} px)`;
      };
      // The deepest element that still overflows, per offender, is the most useful pointer.
      const deepest = offenders.slice(0, 5).map((o) => {
        let el = o;
        for (;;) {
          const child = [...el.children].find((c) => reach(c) > width + 0.5);
          if (!child) break;
          el = child;
        }
        return el === o ? describe(o) : `${describe(o)} > … > ${describe(el)}`;
      });
      return { sw, offenders: deepest };
    }, REFLOW_WIDTH);
    if (reflow.sw > REFLOW_WIDTH) {
      fail('reflow', `at ${REFLOW_WIDTH} px the page is ${reflow.sw} px wide and scrolls sideways; widest: ${reflow.offenders.join('; ') || '(no element found)'}`);
    }

    // 4. Print, for report pages.
    if (report) {
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      const print = await page.evaluate(() => {
        const shown = (el) => el.checkVisibility({ visibilityProperty: true });
        const chrome = [];
        const add = (selector, what) => {
          for (const el of document.querySelectorAll(selector)) {
            if (shown(el)) chrome.push(`${what} (${el.outerHTML.slice(0, 80)}…)`);
          }
        };
        add('header nav, [role=banner] nav', 'the header navigation');
        add('form[role=search], search, header form, [role=banner] form', 'the search form');
        add('footer nav, [role=contentinfo] nav', 'the footer navigation');
        const main = document.querySelector('main, [role=main]');
        return {
          chrome: [...new Set(chrome)],
          mainShown: !!(main && shown(main)),
          text: document.body.innerText.replace(/\s+/g, ' '),
        };
      });
      for (const c of print.chrome) fail('print', `${c} is visible in print; hide it with @media print`);
      if (!print.mainShown) fail('print', 'the main content is not visible in print');
      for (const area of areaTexts || []) {
        const missing = area.texts.filter((t) => !print.text.includes(t));
        if (missing.length) {
          fail('print', `the printed report lacks text of the area ${area.path} (${missing.length} of ${area.texts.length} passages), first: "${missing[0].slice(0, 100)}"`);
        }
      }
      const ownMissing = (ownTexts || []).filter((t) => !print.text.includes(t));
      if (ownMissing.length) {
        fail('print', `the printed report lacks ${ownMissing.length} of the ${ownTexts.length} text passages of its own page, first: "${ownMissing[0].slice(0, 100)}"`);
      }
    }
  });
  return failures;
}

// Text passages of a page (an area page, or the report page itself) that the printed report must
// contain: its h1, and each heading,
// paragraph, list item, table cell, quote and code block of <main> that Markdown produced. Markup
// of the theme's own (kickers, "Area: …" lines, labels) carries a class attribute and is left out,
// as is anything inside nav, header, footer, aside or form; Markdown's output has no classes.
function areaPassages(file) {
  const doc = parseHtml(fs.readFileSync(file, 'utf8'));
  const main = doc.querySelector('main') || doc.querySelector('[role=main]');
  if (!main) return [];
  const texts = [];
  const norm = (s) => s.replace(/↩\uFE0E?/g, '').replace(/\s+/g, ' ').trim();
  const h1 = main.querySelector('h1');
  if (h1) texts.push(norm(h1.text));
  const BLOCKS = ['p', 'li', 'td', 'th', 'blockquote', 'pre', 'h2', 'h3', 'h4', 'h5', 'h6'];
  for (const el of main.querySelectorAll(BLOCKS.join(', '))) {
    if (el.hasAttribute('class')) continue;
    let skip = false;
    for (let a = el.parentNode; a && a !== main; a = a.parentNode) {
      const tag = (a.rawTagName || '').toLowerCase();
      if (['nav', 'header', 'footer', 'aside', 'form'].includes(tag) || a.getAttribute?.('role') === 'navigation' || a.hasAttribute?.('hidden')) {
        skip = true;
        break;
      }
      // Blocks inside blocks (a paragraph in a list item) are covered by the outer one.
      if (BLOCKS.includes(tag)) {
        skip = true;
        break;
      }
    }
    if (skip) continue;
    const t = norm(el.text);
    if (t) texts.push(t);
  }
  return texts;
}

// A word to search for that the site surely has: the longest word of the first report's <h1>
// (or of the home page's).
function searchWord(root) {
  const years = fs.readdirSync(root).filter((d) => /^\d{4}$/.test(d)).sort().reverse();
  let h1 = '';
  for (const y of years) {
    const reports = fs.readdirSync(path.join(root, y), { withFileTypes: true }).filter((d) => d.isDirectory());
    for (const r of reports) {
      const f = path.join(root, y, r.name, 'index.html');
      if (fs.existsSync(f)) {
        h1 = parseHtml(fs.readFileSync(f, 'utf8')).querySelector('h1')?.text || '';
        if (h1) break;
      }
    }
    if (h1) break;
  }
  if (!h1) h1 = parseHtml(fs.readFileSync(path.join(root, 'index.html'), 'utf8')).querySelector('h1')?.text || '';
  const words = h1.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 4);
  return words.sort((a, b) => b.length - a.length)[0] || 'skola';
}

// ---------------------------------------------------------------------------------------------

async function pool(items, size, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
}

// Checks a built site. Returns { pages, failures, warnings }; failures are { page, check, message }.
// Options: browser (reuse one), jobs (pages in parallel), only (check only these page names in the
// browser; the static checks always cover every page), vnu (false: leave the Nu Html Checker out).
export async function checkSite({ root, base, browser, jobs = 3, log = () => {}, only = null, vnu: useVnu = true }) {
  root = path.resolve(root);
  const basePath = normaliseBase(base);
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root} has no index.html: is it a built site?`);
  const all = walk(root);
  const htmlFiles = all.filter((f) => /\.html$/i.test(f)).sort();
  const { server, origin } = await startServer(root, basePath);
  const vnuPromise = useVnu ? runVnu(root, htmlFiles) : Promise.resolve({ failures: [] });
  const failures = [];
  const warnings = [];
  try {
    failures.push(...checkLinks({ root, basePath, origin, files: htmlFiles }));

    const axeSource = require('axe-core').source;
    let targets = htmlFiles.map((file) => {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const pageName = pagePath(root, file, basePath);
      const t = { url: origin + pageName, page: pageName, report: isReportPage(rel), expectStatus: 200 };
      if (t.report) {
        const dir = path.dirname(file);
        const areas = fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
          .map((d) => d.name)
          .sort();
        t.ownTexts = areaPassages(file);
        t.areaTexts = areas.map((name) => ({ path: `${pageName}${name}/`, texts: areaPassages(path.join(dir, name, 'index.html')) }));
      }
      return t;
    });
    const domLinks = [];
    if (fs.existsSync(path.join(root, 'sok', 'index.html'))) {
      // The search page with results, as a resident gets it from a shared link.
      const q = searchWord(root);
      targets.push({
        url: `${origin}${basePath}sok/?q=${encodeURIComponent(q)}`,
        page: `${basePath}sok/?q=${q} (search results)`,
        report: false,
        expectStatus: 200,
        settle: 'main',
        domLinks,
      });
    }
    if (fs.existsSync(path.join(root, '404.html'))) {
      // The 404 page as a static host serves it: at an unknown URL, deep in the tree, status 404.
      targets.push({ url: origin + basePath + MISSING_PAGE, page: `${basePath}${MISSING_PAGE} (unknown URL → 404.html)`, report: false, expectStatus: 404 });
    } else {
      warnings.push('the output has no 404.html');
    }
    if (only) targets = targets.filter((t) => only.includes(t.page));
    const ownBrowser = !browser;
    if (ownBrowser) browser = await launchBrowser();
    try {
      let done = 0;
      await pool(targets, jobs, async (t) => {
        let fs_;
        try {
          fs_ = await checkPageInBrowser(browser, axeSource, t);
        } catch (e) {
          fs_ = [{ page: t.page, check: 'browser', message: `the browser check stopped: ${e.message.split('\n')[0]}` }];
        }
        failures.push(...fs_);
        done++;
        log(`  ${fs_.length ? 'FAIL' : 'ok  '} ${t.page}${fs_.length ? ` (${fs_.length})` : ''}   [${done}/${targets.length}]`);
      });
    } finally {
      if (ownBrowser) await browser.close();
    }

    if (domLinks.length) failures.push(...checkLinks({ root, basePath, origin, files: [], extra: domLinks }));

    const vnu = await vnuPromise;
    if (vnu.fatal) {
      failures.push({ page: '(all pages)', check: 'html', message: vnu.fatal });
    } else {
      for (const f of vnu.failures) {
        failures.push({ page: f.file ? pagePath(root, f.file, basePath) : f.pageRel, check: 'html', message: f.message });
      }
    }
  } finally {
    server.close();
  }
  return { pages: htmlFiles.map((f) => pagePath(root, f, basePath)), targets: htmlFiles.length + 1, failures, warnings, basePath };
}

// Failures grouped per page, as text.
export function formatFailures(failures) {
  const byPage = new Map();
  for (const f of failures) {
    if (!byPage.has(f.page)) byPage.set(f.page, []);
    byPage.get(f.page).push(f);
  }
  const order = ['html', 'link', 'skip', 'axe', 'reflow', 'print', 'console', 'browser'];
  const lines = [];
  for (const page of [...byPage.keys()].sort()) {
    const list = byPage.get(page).sort((a, b) => order.indexOf(a.check) - order.indexOf(b.check));
    lines.push(`FAIL ${page}`);
    for (const f of list) lines.push(`  [${f.check}] ${f.message}`);
  }
  return lines.join('\n');
}

export function countByCheck(failures) {
  const counts = {};
  for (const f of failures) counts[f.check] = (counts[f.check] || 0) + 1;
  return counts;
}

export { here, pathToFileURL };
