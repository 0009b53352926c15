/*
 * uppsikt search, text processing: Swedish normalising, tokenising, stop words and the Snowball
 * Swedish stemmer. Mirrors src/search/text.rs exactly; tests/search_js.rs runs both over the same
 * 30,738 words of Snowball's reference list and requires identical output.
 */
var FOLD = {};
function foldAll(chars, to) {
  for (var i = 0; i < chars.length; i++) FOLD[chars[i]] = to;
}
foldAll('àáâãāăą', 'a');
foldAll('æ', 'ä');
foldAll('çćč', 'c');
foldAll('ďđð', 'd');
foldAll('èéêëēėęě', 'e');
foldAll('ìíîïīįı', 'i');
foldAll('łľĺ', 'l');
foldAll('ñńň', 'n');
foldAll('òóôõōő', 'o');
foldAll('ø', 'ö');
foldAll('řŕ', 'r');
foldAll('śšşș', 's');
foldAll('ß', 'ss');
foldAll('ťţț', 't');
foldAll('ùúûūůűų', 'u');
foldAll('üýÿ', 'y');
foldAll('źżž', 'z');

var INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;
var COMPOSE = { 'a\u030a': 'å', 'a\u0308': 'ä', 'o\u0308': 'ö', 'u\u0308': 'y' };

/** Lower-cases and folds (é → e, ü → y, æ → ä, ø → ö; å, ä, ö kept), as text.rs `normalize`. */
export function normalize(text) {
  var out = [];
  for (var c of String(text)) {
    if (INVISIBLE.test(c)) continue;
    var cp = c.codePointAt(0);
    if (cp >= 0x300 && cp <= 0x36f) {
      if (out.length) {
        var prev = out.pop();
        out.push(COMPOSE[prev + c] || prev);
      }
      continue;
    }
    for (var l of c.toLowerCase()) {
      var f = FOLD[l];
      if (f === undefined) out.push(l);
      else for (var fc of f) out.push(fc);
    }
  }
  return out.join('');
}

/** Folds å/ä → a and ö → o, for the diacritic-insensitive fallback only. */
export function foldDiacritics(word) {
  return word.replace(/[åä]/g, 'a').replace(/ö/g, 'o');
}

// Rust's char::is_alphanumeric is exactly Alphabetic or a numeric general category.
var WORD_CHAR = /^[\p{Alphabetic}\p{N}]$/u;
var HYPHEN = /^[-\u2010\u2011]$/;

/** Splits a normalised text into words; hyphenated words get their parts, as text.rs. */
function tokenizeNormalized(text) {
  var chars = Array.from(text);
  var tokens = [];
  var i = 0;
  while (i < chars.length) {
    if (!WORD_CHAR.test(chars[i])) {
      i++;
      continue;
    }
    var parts = [];
    for (;;) {
      var start = i;
      while (i < chars.length && WORD_CHAR.test(chars[i])) i++;
      parts.push(chars.slice(start, i).join(''));
      if (i + 1 < chars.length && HYPHEN.test(chars[i]) && WORD_CHAR.test(chars[i + 1])) i++;
      else break;
    }
    tokens.push(parts.length === 1 ? { word: parts[0], parts: [] } : { word: parts.join('-'), parts: parts });
  }
  return tokens;
}

export function tokenize(text) {
  return tokenizeNormalized(normalize(text));
}

var STOP_WORDS = new Set(
  ('och det att i en jag hon som han på den med var sig för så till är men ett om hade de av ' +
    'icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde ' +
    'något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under ' +
    'någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli ' +
    'blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom ' +
    'mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ' +
    'ert era vilkas').split(' ')
);

// Snowball Swedish stemmer (snowballstem.org, current algorithm incl. the "-et" rule), ported by
// hand from the algorithm description: the Rust side uses the pagefind_stem crate, and the test
// over Snowball's own word list keeps the two identical.
export var VOWELS = new Set(Array.from('aeiouyäåö'));
var S_ENDING = new Set(Array.from('bcdfghjklmnoprtvy'));
var OST_ENDING = new Set(Array.from('iklnprtuv'));
// Step 1 suffixes: 1 = delete; 2 = "s" (delete "ets" after an et-stem, else "s" after a valid
// s-ending); 3 = "et" (delete after an et-stem).
var STEP1 = {};
('a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or ' +
  'as arnas ernas ornas es ades andes ens arens hetens erns at andet het ast')
  .split(' ')
  .forEach(function (s) {
    STEP1[s] = 1;
  });
STEP1.s = 2;
STEP1.et = 3;
var STEP1_MAX = 7;
var ET_EXCEPTIONS = ('fab h pak rak stak kom iet cit dit alit ilit mit nit pit rit sit tit uit ivit kvit xit').split(' ');
var PAIRS = new Set(['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt']);
var STEP3 = { ig: 1, lig: 1, els: 1, fullt: 3, 'öst': 2 };

function endsWith(w, end, suffix) {
  var s = Array.from(suffix);
  if (end < s.length) return false;
  for (var i = 0; i < s.length; i++) if (w[end - s.length + i] !== s[i]) return false;
  return true;
}

/** The stem w[0..end) may lose a following "et": consonant after a vowel, and not an exception. */
function etCondition(w, end) {
  if (end < 3 || VOWELS.has(w[end - 1]) || !VOWELS.has(w[end - 2])) return false;
  for (var i = 0; i < ET_EXCEPTIONS.length; i++) if (endsWith(w, end, ET_EXCEPTIONS[i])) return false;
  return true;
}

/** Longest suffix of w[0..end) in `table` lying wholly in R1 (at or after p1). */
function longestSuffix(w, end, p1, table, maxLen) {
  for (var len = Math.min(maxLen, end - p1); len >= 1; len--) {
    var s = w.slice(end - len, end).join('');
    if (table[s]) return s;
  }
  return null;
}

export function stem(word) {
  var w = Array.from(word);
  var n = w.length;
  // R1: after the first non-vowel following a vowel, but at least three letters in.
  var p1 = n;
  if (n >= 3) {
    var i = 0;
    while (i < n && !VOWELS.has(w[i])) i++;
    if (i < n) {
      i++;
      while (i < n && VOWELS.has(w[i])) i++;
      if (i < n) p1 = Math.max(i + 1, 3);
    }
  }
  var end = n;
  var s;
  if (end >= p1 && (s = longestSuffix(w, end, p1, STEP1, STEP1_MAX))) {
    var len = Array.from(s).length;
    var action = STEP1[s];
    if (action === 1) end -= len;
    else if (action === 2) {
      var before = end - 1;
      if (endsWith(w, before, 'et') && etCondition(w, before - 2)) end = before - 2;
      else if (before >= 1 && S_ENDING.has(w[before - 1])) end = before;
    } else if (etCondition(w, end - 2)) end -= 2;
  }
  if (end - 2 >= p1 && PAIRS.has(w[end - 2] + w[end - 1])) end -= 1;
  if (end >= p1 && (s = longestSuffix(w, end, p1, STEP3, 5))) {
    var act = STEP3[s];
    if (act === 1) end -= Array.from(s).length;
    else if (act === 3) end -= 1; // fullt → full
    else if (end >= 4 && OST_ENDING.has(w[end - 4])) end -= 1; // öst → ös
  }
  return w.slice(0, end).join('');
}

/** Whether a (normalised) word is a Swedish stop word, left out of the index and of queries. */
export function isStopWord(word) {
  return STOP_WORDS.has(word);
}

/**
 * Whether a word is longer than the index takes (src/search/text.rs `MAX_WORD_CHARS`, 255
 * characters): left out of queries as it is of the index.
 */
export function isTooLong(word) {
  return word.length > 255 && Array.from(word).length > 255;
}
