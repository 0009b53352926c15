// Prints the JS client's text processing for each input line, for comparison with Rust.
// Usage: node text.cjs <search/api.js> stem|tokenize|read < lines
// `read`: each line is the hex of an index file's bytes; prints the JSON the client reads from it.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const [scriptPath, mode] = process.argv.slice(2);
const lines = fs.readFileSync(0, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
(async () => {
  const api = await import(pathToFileURL(path.resolve(scriptPath)).href);
  const out = [];
  for (const l of lines) {
    if (mode === 'stem') out.push(api.stem(l));
    else if (mode === 'read') out.push(JSON.stringify(await api.readIndexFile(Buffer.from(l, 'hex'))));
    else out.push(JSON.stringify(api.tokenize(l).map((t) => [t.word, t.parts])));
  }
  process.stdout.write(out.join('\n') + '\n');
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
