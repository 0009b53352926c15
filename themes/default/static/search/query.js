/*
 * uppsikt search, queries: parsing (AND, "phrases", the last word as a prefix while typed) and
 * the word-level rules the engine applies: base forms, one-edit typos, phrase matching.
 */
import { tokenize, stem, isStopWord, isTooLong, VOWELS } from './text.js';

export function containsSequence(words, seq) {
  outer: for (var i = 0; i + seq.length <= words.length; i++) {
    for (var j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The terms of a word's base forms: the word without one of the endings Snowball leaves on a
 * vowel-final word ("frånvaron" → "frånvaro", "hyran" → "hyra"), when the stems differ. The
 * build indexes a page's "frånvaron" under "frånvaro" too, at part weight (src/search/
 * compound.rs `base`, endings from meta's `fmt`); a query for "frånvaron" looks up
 * "frånvaro" the same way, so that both forms find the same pages.
 */
export function baseStems(fmt, word, st) {
  var out = [];
  var letters = Array.from(word);
  (fmt.endings || []).forEach(function (e) {
    var n = Array.from(e).length;
    if (letters.length - n <= 3 || !word.endsWith(e)) return;
    var base = letters.slice(0, letters.length - n).join('');
    if (!VOWELS.has(letters[letters.length - n - 1])) return;
    var b = stem(base);
    if (b === st) return;
    out.push(b);
  });
  return out;
}

/** True when a and b differ by exactly one insertion, deletion, substitution or transposition. */
export function oneEdit(a, b) {
  a = Array.from(a);
  b = Array.from(b);
  if (Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return false;
    var restEq = function (x, y) {
      return a.slice(x).join('') === b.slice(y).join('');
    };
    if (restEq(i + 1, i + 1)) return true;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && restEq(i + 2, i + 2);
  }
  if (a.length < b.length) return a.slice(i).join('') === b.slice(i + 1).join('');
  return a.slice(i + 1).join('') === b.slice(i).join('');
}

/**
 * Parses a query: words are ANDed, "quoted phrases" must appear as written, and the last word
 * (when not inside quotes and not followed by a space) matches as a prefix, for search as you type.
 */
export function parseQuery(query) {
  var q = String(query || '');
  var words = [];
  var phrases = [];
  var re = /"([^"]*)"?|[^\s"]+/g;
  var mt;
  var lastEnd = 0;
  var lastQuoted = false;
  while ((mt = re.exec(q))) {
    var quoted = mt[0][0] === '"';
    var toks = tokenize(quoted ? mt[1] : mt[0]);
    if (quoted && toks.length > 1) phrases.push(toks.map(function (t) { return t.word; }));
    toks.forEach(function (t) {
      if (isStopWord(t.word) || isTooLong(t.word)) return;
      words.push({ word: t.word, stem: stem(t.word), prefix: false, quoted: quoted });
    });
    lastEnd = re.lastIndex;
    lastQuoted = quoted;
  }
  var typing = !lastQuoted && lastEnd === q.length;
  if (words.length && typing && !words[words.length - 1].quoted) words[words.length - 1].prefix = true;
  // The same word twice adds nothing to an AND query.
  var seen = new Set();
  words = words.filter(function (w) {
    if (seen.has(w.stem)) return false;
    seen.add(w.stem);
    return true;
  });
  return { words: words, phrases: phrases };
}

// Words of the original text, for excerpts: letters and digits, with the invisible characters
