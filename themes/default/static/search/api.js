/*
 * uppsikt search for node: the functions the tests and benchmarks run (tests/search_js/*.cjs,
 * benches/search_quality.cjs), the same modules the search page loads. From CommonJS:
 * `const api = await import(pathToFileURL('…/static/search/api.js').href)`.
 */
export { normalize, foldDiacritics, tokenize, stem, isStopWord } from './text.js';
export { decodePostings, readIndexFile } from './format.js';
export { parseQuery, oneEdit } from './query.js';
export { createEngine } from './engine.js';
export { PAGE_SIZE as pageSize } from './results.js';
export { createPace } from './pace.js';
