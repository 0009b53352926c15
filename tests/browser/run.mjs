#!/usr/bin/env node
// Browser checks of a built uppsikt site (see check.mjs for what is checked).
//
//   node tests/browser/run.mjs <output dir> <base path>   check a built site, e.g. public /uppfoljning/
//   node tests/browser/run.mjs <output dir> <base path> --only <page,page,...>
//                                                         the same, in the browser only these pages
//                                                         (the links and the Nu Html Checker: all)
//   node tests/browser/run.mjs --self-test                prove that each check catches its defect
//
// Exit status: 0 all checks passed, 1 some check failed, 2 the checks could not run.
// Environment: CHROMIUM (default /usr/bin/chromium), JAVA (default java), BROWSER_JOBS (default 3).

import { checkSite, countByCheck, formatFailures } from './check.mjs';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args.splice(onlyAt, 2)[1] || '').split(',').filter(Boolean) : null;
const jobs = Number(process.env.BROWSER_JOBS || 3);

async function main() {
  if (args[0] === '--self-test') {
    const { selfTest } = await import('./selftest.mjs');
    return selfTest({ jobs });
  }
  if (args.length < 1 || args.length > 2 || args[0].startsWith('-')) {
    console.error('usage: node run.mjs <output dir> [<base path>]   |   node run.mjs --self-test');
    return 2;
  }
  const [root, base = '/'] = args;
  const started = Date.now();
  console.log(`uppsikt browser checks: ${root} served under ${base}`);
  const result = await checkSite({ root, base, jobs, only, log: (l) => console.log(l) });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  for (const w of result.warnings) console.log(`warning: ${w}`);
  if (result.failures.length) {
    console.log('');
    console.log(formatFailures(result.failures));
    console.log('');
    const pages = new Set(result.failures.map((f) => f.page)).size;
    const counts = Object.entries(countByCheck(result.failures)).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`browser checks: ${result.pages.length} pages, ${pages} with failures, ${result.failures.length} failures (${counts}) in ${secs} s`);
    return 1;
  }
  const inBrowser = only ? `, in the browser ${only.length} of them` : ' (+ an unknown URL)';
  console.log(`browser checks: ${result.pages.length} pages${inBrowser}, all passed: axe (${'wcag2a wcag2aa wcag21a wcag21aa'}), skip link, 320 px reflow, console, print, Nu Html Checker, links; ${secs} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`browser checks could not run: ${e.stack || e}`);
    process.exit(2);
  },
);
