// The search client's engine over a built index folder on disk, as a browser would read it:
// whole files (gzip, what any host transfers) and byte ranges of fragment files (HTTP Range).
// Each read is given to `record` as { path, gzip, raw }: `gzip` the bytes transferred, `raw`
// their unpacked size. Used by tests/search_js/driver.cjs and benches/search_quality.cjs.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// Bytes [start, end) of an index file, as an HTTP Range request returns them.
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

function diskEngine(api, indexDir, record) {
  return api.createEngine(async (p) => {
    const buf = fs.readFileSync(path.join(indexDir, p));
    record({ path: p, raw: zlib.gunzipSync(buf).length, gzip: buf.length });
    return api.readIndexFile(buf);
  }, async (p, start, end) => {
    const buf = readRange(path.join(indexDir, p), start, end);
    record({ path: p, raw: unpackedSize(buf), gzip: buf.length });
    return buf;
  });
}

module.exports = { diskEngine };
