// Live reload of `uppsikt serve` in a real browser: the client (src/serve/reload.js, inlined
// into served pages) on an entry page, while this script edits the site's files as a user
// would. Run by tests/serve_browser.rs as
//   node tests/browser/reload.mjs <origin of a running uppsikt serve> <site root>
// The site must have its own copy of the default theme (for the stylesheet change).
// Checks, in order: a stylesheet change is swapped in without a reload; a text change reloads
// the page and keeps its scroll position; a broken file shows the error overlay (the message
// as text, never markup) over the page; the fix removes it; after 130 navigations (more than
// the 128 streams that may be open at once) a change still reloads the page.
import { launchBrowser } from './check.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [origin, root] = process.argv.slice(2);
if (!origin || !root) throw new Error('usage: reload.mjs <origin> <site root>');
const entry = path.join(root, 'content/2025/april/01-hog-franvaro.md');
const css = path.join(root, 'themes/default/static/style.css');
const pageUrl = `${origin}/2025/april/hog-franvaro/`;

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
  page.setDefaultTimeout(20000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught exception: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });

  const connected = () => page.waitForResponse((r) => r.url().includes('__uppsikt/events') && r.status() === 200);
  let stream = connected();
  await page.goto(pageUrl);
  await stream;
  await page.evaluate(() => {
    window.uppsiktNotReloaded = true;
  });

  // 1. Only a stylesheet changes: swapped in place, no reload.
  fs.appendFileSync(css, '\nbody { outline: 7px solid rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === '7px');
  check(await page.evaluate(() => window.uppsiktNotReloaded === true), 'a stylesheet change reloaded the page');
  console.log('ok: a stylesheet change is swapped in without a reload');

  // 2. The text changes: the page reloads where it was scrolled to.
  const y = await page.evaluate(() => {
    window.scrollTo(0, 250);
    return window.scrollY;
  });
  check(y > 0, 'the entry page is too short to scroll');
  const good = fs.readFileSync(entry, 'utf8');
  stream = connected();
  fs.writeFileSync(entry, `${good}\nUppdaterad i webbläsaren.\n`);
  await page.waitForFunction(() => document.body.textContent.includes('Uppdaterad i webbläsaren'));
  check(await page.evaluate(() => window.uppsiktNotReloaded !== true), 'the text changed without a reload');
  await page.waitForFunction((want) => Math.abs(window.scrollY - want) < 2, y);
  await stream;
  console.log(`ok: a text change reloads the page at the same scroll position (${y}px)`);

  // 3. A broken file: the overlay, with the message as text, over the last good page.
  const broken = good.replace('area = "hog-franvaro"', 'area = "<img src=x onerror=alert(1)>"');
  check(broken !== good, 'the entry has no area = "hog-franvaro" to break');
  fs.writeFileSync(entry, broken);
  const overlay = page.locator('#uppsikt-overlay');
  await overlay.waitFor({ state: 'visible' });
  const text = await overlay.textContent();
  check(text.includes('01-hog-franvaro.md:'), `the overlay does not name the file: ${text}`);
  check(text.includes('<img src=x onerror=alert(1)>'), `the overlay does not quote the value: ${text}`);
  check((await overlay.locator('img').count()) === 0, 'the error message became markup');
  // The fixture is a Swedish site: the script's overlay speaks Swedish.
  check(text.startsWith('uppsikt: webbplatsen kunde inte byggas om'), `the overlay is not in Swedish: ${text}`);
  check((await overlay.getAttribute('lang')) === 'sv', 'the overlay is not marked lang="sv"');
  check(await page.evaluate(() => document.body.textContent.includes('Uppdaterad i webbläsaren')), 'the last good page is gone');
  console.log('ok: a broken file shows the overlay over the last good page');

  // 4. Fixed: the overlay goes.
  fs.writeFileSync(entry, good);
  await overlay.waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.body.textContent.includes('Uppdaterad i webbläsaren'));
  console.log('ok: the fix removes the overlay');

  // 5. A tab that navigates more times than there may be open streams (128): each page's
  // stream closes as it goes, so live reload still works after.
  for (let i = 0; i < 130; i++) await page.goto(i % 2 ? pageUrl : `${origin}/`, { waitUntil: 'domcontentloaded' });
  stream = connected();
  await page.goto(pageUrl);
  await stream;
  fs.writeFileSync(entry, `${good}\nEfter 130 sidbyten.\n`);
  await page.waitForFunction(() => document.body.textContent.includes('Efter 130 sidbyten'));
  console.log('ok: live reload still works after 130 navigations');

  check(errors.length === 0, `the page logged errors:\n  ${errors.join('\n  ')}`);
} finally {
  await browser.close();
}
