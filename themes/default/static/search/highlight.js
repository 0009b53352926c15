/*
 * uppsikt search, what a result shows: its matched words marked (the query's terms, the words
 * completed from a typed beginning, compounds holding a term), the section it links to and the
 * excerpt around the first matched word. Returns [{text, mark}] segments; the page builds them
 * with textContent, so page text never becomes markup.
 */
import { tokenize, stem, foldDiacritics, isStopWord } from './text.js';

var WORD_RE = /[\p{Alphabetic}\p{N}\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]+(?:[-\u2010\u2011][\p{Alphabetic}\p{N}\u00ad\u0300-\u036f]+)*/gu;

export function isMatch(word, highlight) {
  var toks = tokenize(word);
  return toks.some(function (t) {
    var forms = [t.word].concat(t.parts);
    return forms.some(function (f) {
      if (isStopWord(f)) return false;
      var s = stem(f);
      var again = stem(s);
      return highlight.terms.some(function (term) {
        // The term itself (a stem, or the stem of a stem the build joined with it, see
        // `termsFor`), a word it was completed to, or a compound containing it.
        if (s === term || again === term) return true;
        if (f.indexOf(term) < 0) return false;
        return Array.from(term).length >= 4 || hasPart(f, term);
      }) || highlight.prefixes.some(function (p) {
        return highlight.fold ? foldDiacritics(f).startsWith(foldDiacritics(p)) : f.startsWith(p);
      });
    });
  });
}

/**
 * Whether compound `word` has a part (a beginning or an ending of at least two letters, the
 * other side at least two) that stems to `term`: a short term such as "dag" or "tyd" inside a
 * word marks it only as a part ("skoldagen", "otydlig", "tydliggöra"), as the build's compound
 * split found it, not wherever its letters happen to stand ("idag" is no part "dag").
 */
function hasPart(word, term) {
  for (var i = 2; i + 2 <= word.length; i++) {
    if (stem(word.slice(i)) === term || stem(word.slice(0, i)) === term) return true;
  }
  return false;
}

/** How many words of `text` match the query. */
export function countMatches(text, highlight) {
  var n = 0;
  var w;
  WORD_RE.lastIndex = 0;
  while ((w = WORD_RE.exec(text || ''))) if (isMatch(w[0], highlight)) n++;
  return n;
}

/**
 * The section (1-based; 0 = none) a result links to: of the sections whose stored heading or
 * text shows a matched word, the one where they weigh most (the build's field boosts, from
 * meta's `fmt`); ties go to the earlier section. A match only in the title or the
 * direction links to the top of the page.
 */
export function bestSection(fmt, f, highlight) {
  var best = 0;
  var top = 0;
  f[3].forEach(function (s, i) {
    var w = fmt.heading * countMatches(s[1], highlight) + fmt.body * countMatches(s[2], highlight);
    if (w > top) {
      top = w;
      best = i + 1;
    }
  });
  return best;
}

var BEFORE = 80;
var AFTER = 180;

/** A short excerpt around the first matched word, as [{text, mark}] segments. */
export function excerpt(f, section, highlight, phrases) {
  var texts = [];
  if (section > 0 && f[3][section - 1]) texts.push(f[3][section - 1][2]);
  if (f[2]) texts.push(f[2]);
  f[3].forEach(function (s) {
    texts.push(s[2]);
  });
  // A word only in a heading: the heading, then its section's text.
  f[3].forEach(function (s) {
    if (s[1]) texts.push(s[1] + ' — ' + s[2]);
  });
  var text = '';
  var first = -1;
  for (var i = 0; i < texts.length && first < 0; i++) {
    if (!texts[i]) continue;
    WORD_RE.lastIndex = 0;
    var mt;
    while ((mt = WORD_RE.exec(texts[i]))) {
      if (isMatch(mt[0], highlight)) {
        text = texts[i];
        first = mt.index;
        break;
      }
    }
  }
  if (first < 0) {
    text = texts.filter(Boolean)[0] || '';
    first = 0;
  }
  var start = first <= BEFORE ? 0 : text.lastIndexOf(' ', first - BEFORE) + 1;
  var end = Math.min(text.length, first + AFTER);
  if (end < text.length) {
    var sp = text.lastIndexOf(' ', end);
    if (sp > first) end = sp;
  }
  var segs = [];
  if (start > 0) segs.push({ text: '… ', mark: false });
  segs.push.apply(segs, marked(text.slice(start, end), highlight));
  if (end < text.length) segs.push({ text: ' …', mark: false });
  return segs;
}

/** A text as [{text, mark}] segments, its matched words marked. */
export function marked(text, highlight) {
  var segs = [];
  var at = 0;
  WORD_RE.lastIndex = 0;
  var w;
  while ((w = WORD_RE.exec(text))) {
    if (isMatch(w[0], highlight)) {
      if (w.index > at) segs.push({ text: text.slice(at, w.index), mark: false });
      segs.push({ text: w[0], mark: true });
      at = w.index + w[0].length;
    }
  }
  if (at < text.length) segs.push({ text: text.slice(at), mark: false });
  return segs;
}
