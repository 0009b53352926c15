/*
 * uppsikt search client: Swedish full-text search over the static index under <base>/search/.
 * No dependencies. Loads index files with fetch, so search works on any static web host but not
 * from file:// (browsers refuse fetch there); reading the site never needs this script. Index
 * files are gzip-compressed (`*.json.gz`) and unpacked here with DecompressionStream, so a query
 * transfers the compressed size whether or not the host compresses responses.
 *
 * The text processing (normalize, tokenize, stem) mirrors src/search/text.rs exactly; the Rust
 * test tests/search_js.rs runs both over the same 30,738 words and requires identical output.
 * All result markup is built with DOM APIs and textContent: page text can never become markup.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- text processing

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
  function normalize(text) {
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
  function foldDiacritics(word) {
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

  function tokenize(text) {
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
  var VOWELS = new Set(Array.from('aeiouyäåö'));
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

  function stem(word) {
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

  // ---------------------------------------------------------------- index access

  /**
   * How the index encodes postings and lengths and how it scores, from meta's `fmt` (written by
   * src/search/index.rs `format_json`): read from the index, not repeated here, so the two
   * cannot drift apart. Adds the digit table the decoders use.
   */
  function readFormat(fmt) {
    if (!fmt || typeof fmt.alphabet !== 'string' || fmt.alphabet.length !== 64) {
      throw new Error('search index without its format (built by another version): rebuild the site');
    }
    var digit = {};
    for (var d = 0; d < 64; d++) digit[fmt.alphabet[d]] = d;
    fmt.digit = digit;
    return fmt;
  }

  /**
   * Decodes a term's postings (see src/search/index.rs `encode_postings`): the pages as varint
   * deltas and one frequency character a page. Returns [{doc, tf}].
   */
  function decodePostings(fmt, pages, freqs) {
    var out = [];
    var i = 0;
    var doc = 0;
    function digit(s, at) {
      var x = fmt.digit[s[at]];
      if (x === undefined) throw new Error('corrupt postings');
      return x;
    }
    while (i < pages.length) {
      var delta = 0;
      var shift = 0;
      for (;;) {
        var x = digit(pages, i++);
        delta += (x & 31) * Math.pow(2, shift);
        if (x < 32) break;
        shift += 5;
      }
      doc = out.length === 0 ? delta : doc + delta;
      out.push({ doc: doc, tf: fmt.tfMin * Math.pow(2, digit(freqs, out.length) / fmt.tfSteps) });
    }
    if (out.length !== freqs.length) throw new Error('corrupt postings');
    return out;
  }

  // Tuning of the query side.
  var PREFIX_WEIGHT = 0.8; // a completion counts a little less than the word as typed
  var FALLBACK_WEIGHT = 0.7; // matches found only without å/ä/ö or with a typo
  var MAX_PREFIX_CHUNKS = 3; // a one- or two-letter prefix would otherwise read much of the index
  var MIN_PREFIX = 2;
  var MIN_TYPO = 5;
  var MAX_TYPO_CANDIDATES = 12;
  // Results shown at a time (then "more"). Each result reads a fragment file of several pages'
  // excerpts, so this is most of what a query transfers; 5 is also Pagefind's default.
  var PAGE_SIZE = 5;
  var MAX_PHRASE_CHECKS = 30; // each check may read a fragment file
  // Thrown inside a query the visitor has typed past (see `search`'s `current`).
  var STALE = { stale: true };

  /**
   * The JSON of one index file from its bytes (an ArrayBuffer or Uint8Array): gzip as written
   * by the build, or already unpacked when the host sent it with Content-Encoding: gzip.
   */
  function readIndexFile(bytes) {
    var b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (b.length > 1 && b[0] === 0x1f && b[1] === 0x8b) {
      if (typeof DecompressionStream === 'undefined') {
        return Promise.reject(new Error('this browser cannot unpack gzip (DecompressionStream)'));
      }
      var stream = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(stream).text().then(JSON.parse);
    }
    return Promise.resolve(JSON.parse(new TextDecoder().decode(b)));
  }

  /**
   * The query engine over one index. `loadJson(path)` returns a promise of the parsed JSON of an
   * index file, path relative to the index root ("meta.json.gz", "t/003.json.gz"); see
   * `readIndexFile`.
   */
  function createEngine(loadJson) {
    var cache = new Map();
    function load(path) {
      if (!cache.has(path)) {
        var p = Promise.resolve()
          .then(function () {
            return loadJson(path);
          })
          .catch(function (e) {
            cache.delete(path); // let a later query retry a failed request
            throw e;
          });
        cache.set(path, p);
      }
      return cache.get(path);
    }
    function pad(i) {
      return String(i).padStart(3, '0');
    }

    var metaPromise = null;
    function meta() {
      if (!metaPromise) {
        metaPromise = load('meta.json.gz').then(function (m) {
          var fmt = readFormat(m.fmt);
          var DIGIT = fmt.digit;
          // Expand each page's report and area once: needed for filters and result lines.
          var n = m.n;
          var docReport = new Int32Array(n);
          var docArea = new Int32Array(n);
          for (var i = 0; i < n; i++) {
            var r = 0;
            for (var k = 0; k < m.rw; k++) r = r * 64 + DIGIT[m.docReports[i * m.rw + k]];
            docReport[i] = r;
          }
          var at = 0;
          m.docAreas.forEach(function (run) {
            for (var j = 0; j < run[1]; j++) docArea[at++] = run[0];
          });
          m.docReport = docReport;
          m.docArea = docArea;
          // BM25's length normalisation per page, from its length relative to the average.
          var norm = new Float32Array(n);
          for (var p = 0; p < n; p++) {
            var ratio = Math.pow(2, (DIGIT[m.dl[p]] - 32) / fmt.lengthSteps);
            norm[p] = fmt.k1 * (1 - fmt.b + fmt.b * ratio);
          }
          m.norm = norm;
          return m;
        });
        metaPromise.catch(function () {
          metaPromise = null;
        });
      }
      return metaPromise;
    }

    /** Index of the chunk that would hold a folded key: the last whose first key is ≤ key. */
    function chunkFor(m, key) {
      var lo = 0;
      var hi = m.chunks.length - 1;
      var found = 0;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (m.chunks[mid] <= key) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    }

    function chunk(i) {
      return load('t/' + pad(i) + '.json.gz');
    }

    /** Terms (entries [term, pages, frequencies]) passing `test`, from chunks first..last. */
    function scan(first, last, test) {
      var ps = [];
      for (var i = first; i <= last; i++) ps.push(chunk(i));
      return Promise.all(ps).then(function (chunks) {
        var out = [];
        chunks.forEach(function (entries) {
          entries.forEach(function (e) {
            if (test(e[0])) out.push(e);
          });
        });
        return out;
      });
    }

    /** The chunks [first, last] that hold a query word's exact terms (see `termsFor`). */
    function exactRange(m, qt) {
      if (m.chunks.length === 0) return null;
      var keys = [qt.stem, qt.word];
      var cs = keys.map(function (k) {
        return chunkFor(m, foldDiacritics(k));
      });
      return [Math.min.apply(null, cs), Math.max.apply(null, cs)];
    }

    /**
     * Terms that complete a typed prefix (already folded when `f` folds), from at most
     * MAX_PREFIX_CHUNKS chunk files: a one- or two-letter prefix would otherwise read much of
     * the index. A completion counts less the more it adds.
     */
    function completions(m, prefix, f, weight) {
      var from = chunkFor(m, foldDiacritics(prefix));
      var to = Math.min(chunkFor(m, foldDiacritics(prefix) + '\uffff'), from + MAX_PREFIX_CHUNKS - 1);
      var typed = Array.from(prefix).length;
      return scan(from, to, function (t) {
        return f(t).startsWith(prefix);
      }).then(function (entries) {
        return entries.map(function (e) {
          var w = weight * PREFIX_WEIGHT * Math.min(1, typed / Array.from(e[0]).length);
          return { entry: e, weight: w, completion: true };
        });
      });
    }

    /**
     * Index terms for one query word, as [{entry, weight}]. Modes: "exact" (the stem, and
     * completions of the last word), "fold" (the same without å/ä/ö), and "typo" (one edit).
     */
    function termsFor(m, qt, mode) {
      if (m.chunks.length === 0) return Promise.resolve([]);
      var st = qt.stem;
      var w = qt.word;
      if (mode === 'exact' || mode === 'fold') {
        var f = mode === 'fold' ? foldDiacritics : function (x) {
          return x;
        };
        // The word's term is its stem, or the stem of that stem when the build joined them
        // (src/search/compound.rs `term`): then the first stem is no term of the index.
        var again = stem(st);
        var bases = baseStems(m.fmt, w, st).map(f);
        var r = exactRange(m, qt);
        var wanted = function (t) {
          var ft = f(t);
          return ft === f(st) || ft === f(w) || bases.indexOf(ft) >= 0;
        };
        return scan(r[0], r[1], wanted)
          .then(function (entries) {
            if (entries.some(function (e) { return f(e[0]) === f(st) || f(e[0]) === f(w); })) return entries;
            // The word is no term: its base forms may lie in an earlier chunk (the build keeps
            // a term and its inflections in one chunk), and the stem of its stem chunks away.
            var keys = bases.concat(again === st ? [] : [again]);
            if (!keys.length) return entries;
            var cs = keys.map(function (k) {
              return chunkFor(m, foldDiacritics(k));
            });
            return scan(Math.min.apply(null, cs), Math.max.apply(null, cs), function (t) {
              return keys.indexOf(f(t)) >= 0;
            }).then(function (more) {
              return entries.concat(more.filter(function (e) {
                return entries.indexOf(e) < 0;
              }));
            });
          })
          .then(function (entries) {
          // The stem's term; else the word as typed (the stem of another word), else the stem
          // of the stem: only one of them, so that all forms of a word score alike.
          var exact = [st, w, again].reduce(function (found, key) {
            return found.length
              ? found
              : entries.filter(function (e) {
                  return f(e[0]) === f(key);
                });
          }, []);
          var weight = mode === 'fold' ? FALLBACK_WEIGHT : 1;
          var out = exact.map(function (e) {
            return { entry: e, weight: weight };
          });
          // The word's base form at part weight, as the build indexes a form under its base.
          entries.forEach(function (e) {
            if (bases.indexOf(f(e[0])) >= 0 && exact.indexOf(e) < 0) out.push({ entry: e, weight: weight * m.fmt.part });
          });
          // A word the site has is searched as that word, whether or not it is still being
          // typed: then all forms of a word find the same pages. Only a word that is no term of
          // the site is completed ("skolfrånv").
          if (out.length || !qt.prefix || Array.from(w).length < MIN_PREFIX) return out;
          return completions(m, f(w), f, weight);
        });
      }
      // Typo tolerance: one insertion, deletion, substitution or transposition.
      if (Array.from(w).length < MIN_TYPO) return Promise.resolve([]);
      return typoCandidates(m, w, st).then(function (cands) {
        return Promise.all(
          cands.slice(0, MAX_TYPO_CANDIDATES).map(function (t) {
            return scan(chunkFor(m, foldDiacritics(t)), chunkFor(m, foldDiacritics(t)), function (x) {
              return x === t;
            });
          })
        ).then(function (lists) {
          var out = [];
          lists.forEach(function (l) {
            l.forEach(function (e) {
              out.push({ entry: e, weight: FALLBACK_WEIGHT });
            });
          });
          return out;
        });
      });
    }

    /**
     * Terms one edit away from a word (or its stem), from the vocabulary files (see
     * src/search/vocab.rs): first the file of the word's first letter, where a typo after the
     * first letter is found. Only when that has none, the first letter itself may be wrong: a
     * wrong first letter keeps the second ("nyndighet"), found in the file of terms by second
     * letter; a swapped or extra first letter puts the term's first letter second ("ymndighet",
     * "emyndighet"), found in that letter's first-letter file; an omitted first letter puts the
     * term's second letter first ("yndighet"), found in the second-letter file of the word's
     * first letter. At most four small files.
     */
    function typoCandidates(m, w, st) {
      var fw = foldDiacritics(w);
      var fs = foldDiacritics(st);
      var letters = Array.from(fw);
      function near(list) {
        return list.filter(function (t, i) {
          var ft = foldDiacritics(t);
          return list.indexOf(t) === i && ft !== fw && ft !== fs && (oneEdit(ft, fw) || oneEdit(ft, fs));
        });
      }
      function file(dir, keys, letter) {
        var i = keys ? keys.indexOf(letter) : -1;
        return i < 0 ? Promise.resolve([]) : load(dir + '/' + pad(i) + '.json.gz');
      }
      return file('v', m.vocab, letters[0]).then(function (list) {
        var found = near(list);
        if (found.length) return found;
        return Promise.all([
          file('w', m.vocab2, letters[1]),
          file('v', m.vocab, letters[1]),
          file('w', m.vocab2, letters[0])
        ]).then(function (lists) {
          return near(lists[0].concat(lists[1], lists[2]));
        });
      });
    }

    /** Per page: the best BM25 score of any of the word's terms, weighted. */
    function scoreMap(m, matches) {
      var map = new Map();
      matches.forEach(function (mt) {
        var postings = decodePostings(m.fmt, mt.entry[1], mt.entry[2]);
        var df = postings.length;
        var idf = Math.log(1 + (m.n - df + 0.5) / (df + 0.5));
        postings.forEach(function (p) {
          var s = mt.weight * idf * p.tf * (m.fmt.k1 + 1) / (p.tf + m.norm[p.doc]);
          var cur = map.get(p.doc);
          if (cur === undefined || s > cur) map.set(p.doc, s);
        });
      });
      return map;
    }

    /**
     * Runs a query. `filters` = {ar, omrade, typ} (year, area id, report kind id; empty = all).
     * Resolves to {hits, total, counts, fallback, corrected, highlight, meta}; `hits` is sorted
     * best first and already filtered.
     */
    function search(query, filters, current) {
      filters = filters || {};
      // A query the visitor has typed past fetches nothing more: no fallbacks, no phrase checks.
      var alive = function () {
        if (current && !current()) throw STALE;
      };
      return meta().then(function (m) {
        var parsed = parseQuery(query);
        var words = parsed.words;
        var empty = {
          hits: [],
          total: 0,
          counts: { ar: new Map(), omrade: new Map(), typ: new Map() },
          fallback: null,
          corrected: [],
          highlight: { terms: [], prefixes: [] },
          phrases: parsed.phrases,
          meta: m,
          query: parsed
        };
        if (words.length === 0) return empty;
        var found = words.map(function () {
          return null;
        });
        var fallback = null;
        var corrected = [];
        function pass(mode) {
          return Promise.all(
            words.map(function (qt, i) {
              return found[i] && found[i].length ? null : termsFor(m, qt, mode);
            })
          ).then(function (lists) {
            lists.forEach(function (l, i) {
              if (l === null) return;
              found[i] = l;
              if (!l.length || mode === 'exact') return;
              if (mode === 'typo') {
                fallback = 'typo';
                l.forEach(function (x) {
                  corrected.push(x.entry[0]);
                });
              } else if (fallback !== 'typo') fallback = 'fold';
            });
          });
        }
        function allFound() {
          return found.every(function (f) {
            return f && f.length;
          });
        }
        return pass('exact')
          .then(function () {
            // Fallbacks only for words that found nothing: first without å/ä/ö, then one typo.
            if (allFound()) return;
            alive();
            return pass('fold').then(function () {
              alive();
              if (!allFound()) return pass('typo');
            });
          })
          .then(function () {
            if (!allFound()) return empty;
            var maps = found.map(function (matches) {
              return scoreMap(m, matches);
            });
            maps.sort(function (a, b) {
              return a.size - b.size;
            });
            var hits = [];
            maps[0].forEach(function (score, doc) {
              var total = score;
              for (var k = 1; k < maps.length; k++) {
                var o = maps[k].get(doc);
                if (o === undefined) return;
                total += o;
              }
              hits.push({ doc: doc, score: total });
            });
            hits.sort(function (a, b) {
              return b.score - a.score || a.doc - b.doc;
            });
            var terms = [];
            var prefixes = [];
            found.forEach(function (l, i) {
              l.forEach(function (x) {
                terms.push(x.entry[0]);
              });
              // Words the page writes with the typed beginning, when the word was completed.
              if (l.some(function (x) { return x.completion; })) prefixes.push(words[i].word);
            });
            var highlight = { terms: terms, prefixes: prefixes, fold: fallback === 'fold' };
            alive();
            return verifyPhrases(hits, parsed.phrases).then(function (verified) {
              var result = facet(m, verified, filters);
              result.fallback = fallback;
              result.corrected = corrected.filter(function (x, i, a) {
                return a.indexOf(x) === i;
              });
              result.highlight = highlight;
              result.phrases = parsed.phrases;
              result.meta = m;
              result.query = parsed;
              return result;
            });
          });
      });
    }

    /**
     * Keeps the pages whose stored text contains each quoted phrase word for word. A page whose
     * stored excerpt text was cut (long pages) and lacks the phrase is kept: the words are all in
     * it, but where cannot be told from the index.
     */
    function verifyPhrases(hits, phrases) {
      if (!phrases.length) return Promise.resolve(hits);
      // Checked in rounds of one result page, best first, and only until a page of results is
      // confirmed: each check may read a fragment file, and the first round reads the files
      // that showing the results needs anyway.
      var keep = [];
      var at = 0;
      function round() {
        var batch = hits.slice(at, Math.min(at + PAGE_SIZE, MAX_PHRASE_CHECKS));
        at += batch.length;
        return Promise.all(batch.map(function (h) {
          return fragment(h.doc);
        })).then(function (frags) {
          batch.forEach(function (h, i) {
            if (hasPhrases(frags[i], phrases)) keep.push(h);
          });
          if (keep.length < PAGE_SIZE && at < hits.length && at < MAX_PHRASE_CHECKS) return round();
          return keep.concat(hits.slice(at));
        });
      }
      return round();
    }

    /** Whether a page's stored text has every phrase, or was cut (then it may, out of sight). */
    function hasPhrases(f, phrases) {
      if (!f) return false;
      var words = tokenize([f[1], f[2]].concat(f[3].map(function (s) {
        return (s[1] || '') + ' \u2029 ' + s[2];
      })).join(' \u2029 ')).map(function (t) {
        return t.word;
      });
      var ok = phrases.every(function (ph) {
        return containsSequence(words, ph);
      });
      return ok || f[4] === 1;
    }

    /** Applies the filters and counts each filter's values among pages passing the other two. */
    function facet(m, hits, filters) {
      var want = {
        ar: filters.ar ? m.years.indexOf(filters.ar) : -1,
        omrade: filters.omrade ? m.areas.findIndex(function (a) { return a[0] === filters.omrade; }) : -1,
        typ: filters.typ ? m.kinds.findIndex(function (k) { return k[0] === filters.typ; }) : -1
      };
      var active = {
        ar: !!filters.ar,
        omrade: !!filters.omrade,
        typ: !!filters.typ
      };
      var counts = { ar: new Map(), omrade: new Map(), typ: new Map() };
      var out = [];
      hits.forEach(function (h) {
        var rep = m.reports[m.docReport[h.doc]];
        var v = { ar: rep ? rep[1] : -1, omrade: m.docArea[h.doc], typ: rep ? rep[2] : -1 };
        var pass = {};
        ['ar', 'omrade', 'typ'].forEach(function (k) {
          pass[k] = !active[k] || v[k] === want[k];
        });
        if (pass.ar && pass.omrade && pass.typ) out.push(h);
        if (pass.omrade && pass.typ) bump(counts.ar, m.years[v.ar]);
        if (pass.ar && pass.typ && v.omrade >= 0) bump(counts.omrade, m.areas[v.omrade][0]);
        if (pass.ar && pass.omrade && v.typ >= 0) bump(counts.typ, m.kinds[v.typ][0]);
      });
      return { hits: out, total: out.length, counts: counts };
    }

    function fragment(doc) {
      return meta().then(function (m) {
        var g = Math.floor(doc / m.g);
        return load('x/' + pad(g) + '.json.gz').then(function (list) {
          return list[doc - g * m.g] || null;
        });
      });
    }

    /**
     * Display data for hits[start..start+count): score, url (site-relative), anchor, title, report, year,
     * area and kind labels, and the excerpt as [{text, mark}] segments.
     */
    function details(result, start, count) {
      var m = result.meta;
      var slice = result.hits.slice(start, start + count);
      return Promise.all(slice.map(function (h) {
        return fragment(h.doc);
      })).then(function (frags) {
        return slice.map(function (h, i) {
          var f = frags[i] || ['', '', '', [], 0];
          var rep = m.reports[m.docReport[h.doc]] || ['', -1, -1];
          var area = m.docArea[h.doc] >= 0 ? m.areas[m.docArea[h.doc]] : null;
          var section = bestSection(m.fmt, f, result.highlight);
          var sec = section > 0 ? f[3][section - 1] : null;
          return {
            doc: h.doc,
            score: h.score,
            url: f[0],
            anchor: sec && sec[0] ? sec[0] : null,
            title: f[1],
            titleMarked: marked(f[1], result.highlight),
            report: rep[0],
            year: m.years[rep[1]] || '',
            area: area ? area[1] : null,
            kind: m.kinds[rep[2]] ? m.kinds[rep[2]][1] : '',
            heading: sec ? sec[1] : null,
            excerpt: excerpt(f, section, result.highlight, result.phrases)
          };
        });
      });
    }

    /**
     * Loads the term chunks of the finished words of a query being typed (those followed by a
     * space), which the query will need once typed: no completions, fallbacks or fragments.
     */
    function prefetch(query) {
      return meta()
        .then(function (m) {
          var words = parseQuery(query).words.filter(function (qt) {
            return !qt.prefix;
          });
          return Promise.all(
            words.map(function (qt) {
              var r = exactRange(m, qt);
              return r && scan(r[0], r[1], function () {
                return false;
              });
            })
          );
        })
        .catch(function () {
          // The query itself will retry and report a failed file.
        });
    }

    return { search: search, details: details, meta: meta, fragment: fragment, prefetch: prefetch };
  }

  function bump(map, key) {
    map.set(key, (map.get(key) || 0) + 1);
  }

  function containsSequence(words, seq) {
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
  function baseStems(fmt, word, st) {
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
  function oneEdit(a, b) {
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
  function parseQuery(query) {
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
        if (STOP_WORDS.has(t.word)) return;
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
  // and combining marks that `normalize` removes, and inner hyphens.
  var WORD_RE = /[\p{Alphabetic}\p{N}\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]+(?:[-\u2010\u2011][\p{Alphabetic}\p{N}\u00ad\u0300-\u036f]+)*/gu;

  function isMatch(word, highlight) {
    var toks = tokenize(word);
    return toks.some(function (t) {
      var forms = [t.word].concat(t.parts);
      return forms.some(function (f) {
        if (STOP_WORDS.has(f)) return false;
        var s = stem(f);
        var again = stem(s);
        return highlight.terms.some(function (term) {
          // The term itself (a stem, or the stem of a stem the build joined with it, see
          // `termsFor`), a word it was completed to, or a compound containing it.
          return s === term || again === term || (Array.from(term).length >= 4 && f.indexOf(term) >= 0);
        }) || highlight.prefixes.some(function (p) {
          return highlight.fold ? foldDiacritics(f).startsWith(foldDiacritics(p)) : f.startsWith(p);
        });
      });
    });
  }

  /** How many words of `text` match the query. */
  function countMatches(text, highlight) {
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
  function bestSection(fmt, f, highlight) {
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
  function excerpt(f, section, highlight, phrases) {
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
  function marked(text, highlight) {
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

  // Typing: a query is searched once the visitor pauses, and a pause is judged by her own pace,
  // so that no index file is fetched for a word she has not finished typing: 1.15 times her
  // usual gap between keys (the median of the last four), at least TYPE_WAIT_MIN (a fast
  // typist's next key comes sooner) and at most TYPE_WAIT_MAX, so that the first results show
  // about 300 ms after the last key. A gap over TYPE_BURST starts afresh; the
  // first key of a burst waits the longest. Enter searches at once.
  var TYPE_WAIT_MIN = 200;
  var TYPE_WAIT_MAX = 300;
  var TYPE_BURST = 1500;

  /** Tracks the pace of typing; `key(now)` records a key and returns how long to wait (ms). */
  function createPace() {
    var last = -Infinity;
    var gaps = [];
    return {
      key: function (now) {
        var gap = now - last;
        last = now;
        if (gap > TYPE_BURST) gaps = [];
        else {
          gaps.push(gap);
          if (gaps.length > 4) gaps.shift();
        }
        if (!gaps.length) return TYPE_WAIT_MAX;
        var sorted = gaps.slice().sort(function (a, b) {
          return a - b;
        });
        var typical = sorted[sorted.length >> 1];
        return Math.min(TYPE_WAIT_MAX, Math.max(TYPE_WAIT_MIN, Math.round(1.15 * typical)));
      }
    };
  }

  var api = {
    normalize: normalize,
    foldDiacritics: foldDiacritics,
    tokenize: tokenize,
    stem: stem,
    isStopWord: function (w) {
      return STOP_WORDS.has(w);
    },
    parseQuery: parseQuery,
    oneEdit: oneEdit,
    decodePostings: decodePostings,
    pageSize: PAGE_SIZE,
    createPace: createPace,
    readIndexFile: readIndexFile,
    createEngine: createEngine
  };

  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') window.uppsiktSearch = api;

  // ---------------------------------------------------------------- page

  if (typeof document === 'undefined') return;
  var script = document.currentScript;

  function init() {
    var root = document.getElementById('search');
    if (!root) return;
    var strings = {};
    try {
      var el = document.getElementById('search-strings');
      if (el) strings = JSON.parse(el.textContent) || {};
    } catch (e) {
      strings = {};
    }
    function t(key, vars) {
      var s = strings[key] || key;
      Object.keys(vars || {}).forEach(function (k) {
        s = s.split('{' + k + '}').join(String(vars[k]));
      });
      return s;
    }
    // Where the site lives: the template says so; otherwise one level above this script's folder.
    var base = root.getAttribute('data-base-url');
    var baseAbs = base
      ? new URL(base, document.baseURI)
      : new URL('../', script && script.src ? script.src : document.baseURI);
    var indexUrl = new URL('search/', baseAbs);
    var engine = createEngine(function (path) {
      return fetch(new URL(path, indexUrl)).then(function (r) {
        if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
        return r.arrayBuffer().then(readIndexFile);
      });
    });

    var form = root.querySelector('form');
    var input = root.querySelector('input[name=q]');
    var status = document.getElementById('search-status');
    var notice = document.getElementById('search-notice');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var selects = {
      ar: root.querySelector('select[name=ar]'),
      omrade: root.querySelector('select[name=omrade]'),
      typ: root.querySelector('select[name=typ]')
    };
    var seq = 0;
    var current = null;
    var shown = 0;

    function readUrl() {
      var p = new URLSearchParams(location.search);
      return { q: p.get('q') || '', ar: p.get('ar') || '', omrade: p.get('omrade') || '', typ: p.get('typ') || '' };
    }
    function state() {
      return { q: input.value, ar: selects.ar.value, omrade: selects.omrade.value, typ: selects.typ.value };
    }
    function writeUrl(s, push) {
      var p = new URLSearchParams();
      if (s.q) p.set('q', s.q);
      ['ar', 'omrade', 'typ'].forEach(function (k) {
        if (s[k]) p.set(k, s[k]);
      });
      var qs = p.toString();
      var url = location.pathname + (qs ? '?' + qs : '');
      if (url === location.pathname + location.search) return;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    function clear(el) {
      while (el.firstChild) el.removeChild(el.firstChild);
    }

    /** Rebuilds a filter's options with counts, keeping the chosen value even at zero. */
    function fillSelect(sel, entries, counts, chosen) {
      clear(sel);
      var all = document.createElement('option');
      all.value = '';
      all.textContent = t('filter_all');
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

    function run(s) {
      var my = ++seq;
      if (!s.q.trim()) {
        current = null;
        clear(list);
        notice.hidden = true;
        more.hidden = true;
        status.textContent = '';
        return Promise.resolve();
      }
      status.textContent = t('searching');
      return engine
        .search(s.q, s, function () {
          return my === seq;
        })
        .then(function (r) {
          if (my !== seq) return;
          current = r;
          var m = r.meta;
          fillSelect(selects.ar, m.years.slice().reverse().map(function (y) { return [y, y]; }), r.counts.ar, s.ar);
          fillSelect(selects.omrade, m.areas, r.counts.omrade, s.omrade);
          fillSelect(selects.typ, m.kinds, r.counts.typ, s.typ);
          if (r.fallback === 'fold') {
            notice.textContent = t('fallback_diacritics');
            notice.hidden = false;
          } else if (r.fallback === 'typo') {
            notice.textContent = t('fallback_typo', { words: r.corrected.join(', ') });
            notice.hidden = false;
          } else notice.hidden = true;
          clear(list);
          shown = 0;
          status.textContent =
            r.total === 0 ? t('no_results', { q: s.q }) : r.total === 1 ? t('results_one') : t('results_many', { n: r.total });
          return showMore(my);
        })
        .catch(function (e) {
          if (my !== seq || e === STALE) return;
          status.textContent = t('error');
          if (window.console) console.warn('uppsikt search:', e);
        });
    }

    function showMore(my) {
      var r = current;
      if (!r) return Promise.resolve();
      return engine.details(r, shown, PAGE_SIZE).then(function (items) {
        if (my !== seq) return;
        var firstNew = null;
        items.forEach(function (it) {
          var li = render(it);
          if (!firstNew) firstNew = li;
          list.appendChild(li);
        });
        shown += items.length;
        more.hidden = shown >= r.total;
        return firstNew;
      });
    }

    function markEl(text) {
      var mk = document.createElement('mark');
      mk.textContent = text;
      return mk;
    }

    function render(it) {
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = baseAbs.pathname + it.url + (it.anchor ? '#' + encodeURIComponent(it.anchor) : '');
      // The title's matched words are marked too: a page found by its title shows why.
      it.titleMarked.forEach(function (seg) {
        a.appendChild(seg.mark ? markEl(seg.text) : document.createTextNode(seg.text));
      });
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement('p');
      meta.className = 'search-result-meta';
      meta.textContent = [it.report, it.year, it.area || it.kind].filter(Boolean).join(' · ');
      li.appendChild(meta);
      var p = document.createElement('p');
      p.className = 'search-excerpt';
      it.excerpt.forEach(function (seg) {
        p.appendChild(seg.mark ? markEl(seg.text) : document.createTextNode(seg.text));
      });
      li.appendChild(p);
      return li;
    }

    function apply(s) {
      input.value = s.q;
      ['ar', 'omrade', 'typ'].forEach(function (k) {
        // An option must exist for the value to stick before the counts arrive.
        if (s[k] && !Array.prototype.some.call(selects[k].options, function (o) { return o.value === s[k]; })) {
          var o = document.createElement('option');
          o.value = s[k];
          o.textContent = s[k];
          selects[k].appendChild(o);
        }
        selects[k].value = s[k];
      });
      return run(s);
    }

    var timer = null;
    var pace = createPace();
    input.addEventListener('input', function () {
      clearTimeout(timer);
      // What is on screen stays until the new query has its results; a query still running for
      // an earlier text fetches nothing more.
      seq++;
      var s = state();
      // A finished word will be searched: its term chunks can come now.
      if (/\s$/.test(s.q)) engine.prefetch(s.q);
      timer = setTimeout(function () {
        writeUrl(s, false);
        run(s);
      }, pace.key(Date.now()));
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      var s = state();
      writeUrl(s, true);
      run(s);
    });
    Object.keys(selects).forEach(function (k) {
      selects[k].addEventListener('change', function () {
        var s = state();
        writeUrl(s, true);
        run(s);
      });
    });
    more.addEventListener('click', function () {
      showMore(seq).then(function (firstNew) {
        // Keyboard users continue at the first new result, not at the top of the page.
        if (firstNew) {
          var a = firstNew.querySelector('a');
          if (a) a.focus();
        }
      });
    });
    window.addEventListener('popstate', function () {
      apply(readUrl());
    });
    root.classList.add('search-ready');
    apply(readUrl());
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
