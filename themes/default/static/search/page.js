/*
 * uppsikt search, the search page's parts: its elements and UI strings, the query state in the
 * form and in the URL, and the DOM of filters and results. All text goes in with textContent:
 * page text can never become markup.
 */

/** The search page's elements and a translator of its UI strings, or null when not a search page. */
export function findPage(doc) {
  var root = doc.getElementById('search');
  if (!root) return null;
  var strings = {};
  try {
    var el = doc.getElementById('search-strings');
    if (el) strings = JSON.parse(el.textContent) || {};
  } catch (e) {
    strings = {};
  }
  return {
    root: root,
    form: root.querySelector('form'),
    input: root.querySelector('input[name=q]'),
    status: doc.getElementById('search-status'),
    notice: doc.getElementById('search-notice'),
    list: doc.getElementById('search-results'),
    more: doc.getElementById('search-more'),
    filters: doc.getElementById('search-filters'),
    selects: {
      ar: root.querySelector('select[name=ar]'),
      omrade: root.querySelector('select[name=omrade]'),
      typ: root.querySelector('select[name=typ]')
    },
    t: function (key, vars) {
      var s = strings[key] || key;
      Object.keys(vars || {}).forEach(function (k) {
        s = s.split('{' + k + '}').join(String(vars[k]));
      });
      return s;
    }
  };
}

var FILTERS = ['ar', 'omrade', 'typ'];

/** The query state in the URL: ?q=…&ar=…&omrade=…&typ=… */
export function readUrl() {
  var p = new URLSearchParams(location.search);
  return { q: p.get('q') || '', ar: p.get('ar') || '', omrade: p.get('omrade') || '', typ: p.get('typ') || '' };
}

/** The query state in the form. */
export function formState(page) {
  var sel = page.selects;
  return { q: page.input.value, ar: sel.ar.value, omrade: sel.omrade.value, typ: sel.typ.value };
}

/** Puts the state in the URL: a new history entry (`push`) or in place of the current one. */
export function writeUrl(s, push) {
  var p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  FILTERS.forEach(function (k) {
    if (s[k]) p.set(k, s[k]);
  });
  var qs = p.toString();
  var url = location.pathname + (qs ? '?' + qs : '');
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Puts the state in the form; a filter value gets an option, so that it sticks before the counts arrive. */
export function applyState(page, s) {
  page.input.value = s.q;
  FILTERS.forEach(function (k) {
    var sel = page.selects[k];
    if (s[k] && !Array.prototype.some.call(sel.options, function (o) { return o.value === s[k]; })) {
      var o = document.createElement('option');
      o.value = s[k];
      o.textContent = s[k];
      sel.appendChild(o);
    }
    sel.value = s[k];
  });
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/**
 * The filters' options with the result's counts, keeping each chosen value even at zero; a
 * result without counts (the facets not read yet) leaves them as they are.
 */
export function fillFilters(page, r, s) {
  var fa = r.meta.fa;
  if (!r.counts || !fa) return;
  var years = fa.years.slice().reverse().map(function (y) {
    return [y, y];
  });
  fillSelect(page, page.selects.ar, years, r.counts.ar, s.ar);
  // In the site's order of area ids, whichever facet files were read first.
  var areas = fa.areas.slice().sort(function (a, b) {
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  });
  fillSelect(page, page.selects.omrade, areas, r.counts.omrade, s.omrade);
  fillSelect(page, page.selects.typ, fa.kinds, r.counts.typ, s.typ);
}

/** Whether the state chooses a filter. */
export function filtered(s) {
  return FILTERS.some(function (k) {
    return !!s[k];
  });
}

function fillSelect(page, sel, entries, counts, chosen) {
  clear(sel);
  var all = document.createElement('option');
  all.value = '';
  all.textContent = page.t('filter_all');
  sel.appendChild(all);
  entries.forEach(function (e) {
    var c = counts.get(e[0]) || 0;
    if (!c && e[0] !== chosen) return;
    var o = document.createElement('option');
    o.value = e[0];
    o.textContent = e[1] + ' (' + c + ')';
    sel.appendChild(o);
  });
  sel.value = chosen;
}

/** The notice of a fallback (without å/ä/ö, or the words a typo was corrected to), and the count. */
export function showSummary(page, r, q) {
  var t = page.t;
  if (r.fallback === 'fold') {
    page.notice.textContent = t('fallback_diacritics');
    page.notice.hidden = false;
  } else if (r.fallback === 'typo') {
    page.notice.textContent = t('fallback_typo', { words: r.corrected.join(', ') });
    page.notice.hidden = false;
  } else page.notice.hidden = true;
  page.status.textContent =
    r.total === 0 ? t('no_results', { q: q }) : r.total === 1 ? t('results_one') : t('results_many', { n: r.total });
}

function appendSegments(el, segs) {
  segs.forEach(function (seg) {
    if (!seg.mark) {
      el.appendChild(document.createTextNode(seg.text));
      return;
    }
    var mk = document.createElement('mark');
    mk.textContent = seg.text;
    el.appendChild(mk);
  });
}

/** One result: its title linked (to its section), its report line and its excerpt. */
export function resultItem(it, basePath) {
  var li = document.createElement('li');
  var h = document.createElement('h2');
  var a = document.createElement('a');
  a.href = basePath + it.url + (it.anchor ? '#' + encodeURIComponent(it.anchor) : '');
  // The title's matched words are marked too: a page found by its title shows why.
  appendSegments(a, it.titleMarked);
  h.appendChild(a);
  li.appendChild(h);
  var meta = document.createElement('p');
  meta.className = 'search-result-meta';
  meta.textContent = [it.report, it.year, it.area || it.kind].filter(Boolean).join(' · ');
  li.appendChild(meta);
  var p = document.createElement('p');
  p.className = 'search-excerpt';
  appendSegments(p, it.excerpt);
  li.appendChild(p);
  return li;
}
