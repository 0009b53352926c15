// Prints the JS client's text processing for each input line, for comparison with Rust.
// Usage: node text.cjs <search.js> stem|tokenize < lines
'use strict';
const fs = require('fs');
const path = require('path');
const [scriptPath, mode] = process.argv.slice(2);
const api = require(path.resolve(scriptPath));
const lines = fs.readFileSync(0, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const out = lines.map((l) => {
  if (mode === 'stem') return api.stem(l);
  return JSON.stringify(api.tokenize(l).map((t) => [t.word, t.parts]));
});
process.stdout.write(out.join('\n') + '\n');
