/*
 * uppsikt search client: Swedish full-text search over the static index under <base>/search/,
 * loaded by the search page as an ES module (`<script type="module">`), no dependencies, no
 * bundler: the browser loads the modules of this folder as they are. Index files load with
 * fetch, so search works on any static web host but not from file:// (browsers refuse fetch
 * there); reading the site never needs this script. api.js gathers the same functions for node
 * (tests, benchmarks).
 */
import { readIndexFile } from './format.js';
import { createEngine, STALE } from './engine.js';
import { PAGE_SIZE } from './results.js';
import { createPace } from './pace.js';
import {
  applyState, clear, fillFilters, filtered, findPage, formState, readUrl, resultItem, showSummary, writeUrl
} from './page.js';

/** The search page at work: its engine, the query on screen and the results shown of it. */
function start(page) {
  // Where the site lives: the template says so; otherwise two levels above this module
  // (<base>static/search/ui.js).
  var base = page.root.getAttribute('data-base-url');
  var baseAbs = base ? new URL(base, document.baseURI) : new URL('../../', import.meta.url);
  var indexUrl = new URL('search/', baseAbs);
  var engine = createEngine(function (path) {
    return fetch(new URL(path, indexUrl)).then(function (r) {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return r.arrayBuffer().then(readIndexFile);
    });
  }, rangeLoader(indexUrl));
  // `seq` counts queries: an answer to an older one is dropped, and its fetching stops.
  var ui = { page: page, engine: engine, basePath: baseAbs.pathname, seq: 0, current: null, shown: 0 };
  listen(ui);
  page.root.classList.add('search-ready');
  applyState(page, readUrl());
  // A chosen filter is shown; otherwise the filters open on request (see `openFilters`).
  if (filtered(readUrl())) page.filters.open = true;
  run(ui, readUrl());
}

/**
 * The filters are open and the shown result has no counts: the facets of its pages (a large
 * site's facet files, engine.js `facetsOf`) are read now, not with every query, and the
 * result gets its counts.
 */
function openFilters(ui) {
  var r = ui.current;
  if (!r || r.counts) return;
  ui.engine.counts(r).then(function () {
    if (ui.current === r) fillFilters(ui.page, r, formState(ui.page));
  }, function (e) {
    if (window.console) console.warn('uppsikt search:', e);
  });
}

/**
 * Reads bytes [start, end) of an index file with an HTTP Range request. A host that ignores
 * Range sends the whole file (200): it is kept and sliced, and later files are fetched whole.
 */
function rangeLoader(indexUrl) {
  var whole = new Map();
  var ranges = true;
  function wholeFile(path) {
    if (!whole.has(path)) {
      var p = fetch(new URL(path, indexUrl)).then(function (r) {
        if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
      p.catch(function () {
        whole.delete(path);
      });
      whole.set(path, p);
    }
    return whole.get(path);
  }
  return function (path, start, end) {
    var slice = function (b) {
      var from = Math.min(start, b.byteLength);
      return new Uint8Array(b, from, Math.max(0, Math.min(end, b.byteLength) - from));
    };
    if (!ranges || whole.has(path)) return wholeFile(path).then(slice);
    var headers = { Range: 'bytes=' + start + '-' + (end - 1) };
    return fetch(new URL(path, indexUrl), { headers: headers }).then(function (r) {
      // A 206 of other bytes than asked (a proxy's own idea of the range) is not trusted.
      if (r.status === 206) return r.arrayBuffer().then(function (b) {
        return b.byteLength === end - start ? new Uint8Array(b) : wholeFile(path).then(slice);
      });
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      ranges = false;
      var p = r.arrayBuffer();
      whole.set(path, p);
      return p.then(slice);
    });
  };
}

/** Searches the state `s` and shows its first results. */
function run(ui, s) {
  var page = ui.page;
  var my = ++ui.seq;
  if (!s.q.trim()) {
    ui.current = null;
    clear(page.list);
    page.notice.hidden = true;
    page.more.hidden = true;
    page.status.textContent = '';
    return Promise.resolve();
  }
  page.status.textContent = page.t('searching');
  return ui.engine
    .search(s.q, s, function () {
      return my === ui.seq;
    })
    .then(function (r) {
      if (my !== ui.seq) return;
      ui.current = r;
      fillFilters(page, r, s);
      if (page.filters.open) openFilters(ui);
      showSummary(page, r, s.q);
      clear(page.list);
      ui.shown = 0;
      return showMore(ui, my);
    })
    .catch(function (e) {
      if (my !== ui.seq || e === STALE) return;
      // Scripts kept from before a deploy that changed the index: a reload fetches both anew
      // (a theme without the string says its general error).
      var stale = e && e.indexVersion && page.t('error_version');
      page.status.textContent = stale && stale !== 'error_version' ? stale : page.t('error');
      if (window.console) console.warn('uppsikt search:', e);
    });
}

/** Adds the next PAGE_SIZE results; resolves to the first added item. */
function showMore(ui, my) {
  var r = ui.current;
  if (!r) return Promise.resolve();
  return ui.engine.details(r, ui.shown, PAGE_SIZE).then(function (items) {
    if (my !== ui.seq) return;
    var firstNew = null;
    items.forEach(function (it) {
      var li = resultItem(it, ui.basePath);
      if (!firstNew) firstNew = li;
      ui.page.list.appendChild(li);
    });
    ui.shown += items.length;
    ui.page.more.hidden = ui.shown >= r.total;
    return firstNew;
  });
}

/**
 * Typing searches when the visitor pauses (pace.js), Enter and the filters at once; "more"
 * moves the keyboard focus to the first new result; Back and Forward restore a query.
 */
function listen(ui) {
  var page = ui.page;
  var timer = null;
  var pace = createPace();
  var runNow = function (push) {
    var s = formState(page);
    writeUrl(s, push);
    run(ui, s);
  };
  page.input.addEventListener('input', function () {
    clearTimeout(timer);
    // What is on screen stays until the new query has its results; a query still running for
    // an earlier text fetches nothing more.
    ui.seq++;
    var s = formState(page);
    // A finished word will be searched: its term chunks can come now.
    if (/\s$/.test(s.q)) ui.engine.prefetch(s.q);
    timer = setTimeout(function () {
      writeUrl(s, false);
      run(ui, s);
    }, pace.key(Date.now()));
  });
  page.form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    runNow(true);
  });
  Object.keys(page.selects).forEach(function (k) {
    page.selects[k].addEventListener('change', function () {
      runNow(true);
    });
  });
  page.filters.addEventListener('toggle', function () {
    if (page.filters.open) openFilters(ui);
  });
  page.more.addEventListener('click', function () {
    showMore(ui, ui.seq).then(function (firstNew) {
      var a = firstNew && firstNew.querySelector('a');
      if (a) a.focus();
    });
  });
  window.addEventListener('popstate', function () {
    var s = readUrl();
    applyState(page, s);
    if (filtered(s)) page.filters.open = true;
    run(ui, s);
  });
}

function init() {
  var page = findPage(document);
  if (page) start(page);
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}
