//! Swedish text processing: one definition used when the index is built and, mirrored line by
//! line in `themes/default/static/search/text.js`, when a query is typed. Any change here must
//! be made there too; `tests/search_js.rs` runs both over the same words and fails on any difference.

/// Stems one normalised word with the Snowball Swedish algorithm.
///
/// We use `pagefind_stem` (Snowball 3.0 generated code) because it gives the expected stem for all
/// 30,738 words of Snowball's own Swedish test vocabulary, including the newer `-et` rule
/// ("arbetet" → "arbet"). `rust-stemmers` was measured too and fails 553 of them: it is built from
/// an older Snowball release. The browser side has a hand-written port of the same algorithm.
pub fn stem(word: &str) -> String {
    with_stem(word, str::to_string)
}

/// `f` of the stem of `word`, without a String of the stem when the stemmer leaves the word
/// as it is: compound splitting looks up the stems of many pieces of every word of the site.
pub(crate) fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static STEMMER: pagefind_stem::Stemmer =
            pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::Swedish);
    }
    STEMMER.with(|s| f(&s.stem(word)))
}

/// Folds one already lower-cased character. Å, ä and ö are letters of their own in Swedish and are
/// kept; other accented Latin letters fold to what a Swede would type (é → e, ü → y, æ → ä, ø → ö).
fn fold_char(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ä",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ő' => "o",
        'ø' => "ö",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ü' | 'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

/// Characters removed without a trace: the soft hyphen that word processors leave inside long
/// compounds ("skol\u{ad}frånvaro" is one word), and zero-width joiners and spaces.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Combining marks (U+0300–U+036F) as left by decomposed (NFD) text, for example from a Mac. The
/// Swedish ones are composed onto the preceding letter; all others are dropped like the accents of
/// `fold_char`. Returns the replacement for `prev`, or None to drop the mark.
fn compose(prev: char, mark: char) -> Option<char> {
    match (prev, mark) {
        ('a', '\u{30a}') => Some('å'),
        ('a', '\u{308}') => Some('ä'),
        ('o', '\u{308}') => Some('ö'),
        ('u', '\u{308}') => Some('y'),
        _ => None,
    }
}

/// Lower-cases and folds a text. Keeps everything else (spaces, punctuation) so that tokenising
/// can find word boundaries afterwards.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// `normalize`, appending to `out`: the index build normalises all fields of a page into one
/// buffer. A combining mark at the very start composes with nothing (as in `normalize`): it meets
/// whatever `out` ends with, which the caller keeps a non-letter (a separator).
pub fn normalize_into(text: &str, out: &mut String) {
    normalize_into_aligned(text, out);
}

/// `normalize_into`, telling whether every character kept its length in bytes: then a byte
/// offset into the normalised text is the same offset into `text` (the index build finds
/// excerpt windows that way). Å, ä, ö and ASCII keep theirs; é → e or a soft hyphen do not.
pub fn normalize_into_aligned(text: &str, out: &mut String) -> bool {
    out.reserve(text.len());
    let mut aligned = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: most Swedish text is ASCII and lower-case å, ä, ö, which only need
        // lower-casing (a whole run at a time, usually a whole paragraph).
        let run = plain_run(&bytes[i..]);
        if run > 0 {
            let start = out.len();
            out.push_str(&text[i..i + run]);
            out[start..].make_ascii_lowercase();
            i += run;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let swedish = match c {
            'å' | 'ä' | 'ö' => Some(c),
            'Å' => Some('å'),
            'Ä' => Some('ä'),
            'Ö' => Some('ö'),
            _ => None,
        };
        if let Some(l) = swedish {
            out.push(l);
            continue;
        }
        if is_invisible(c) {
            aligned = false;
            continue;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            if let Some(prev) = out.pop() {
                out.push(compose(prev, c).unwrap_or(prev));
            }
            aligned = false;
            continue;
        }
        let before = out.len();
        for l in c.to_lowercase() {
            let f = fold_char(l);
            if f.is_empty() {
                out.push(l);
            } else {
                out.push_str(f);
            }
        }
        aligned &= out.len() - before == c.len_utf8();
    }
    aligned
}

/// The length of the run at the start of `bytes` that normalising only lower-cases: ASCII and
/// lower-case å, ä, ö (C3 A5, C3 A4, C3 B6 in UTF-8), which keep their bytes. It ends at a
/// character boundary.
fn plain_run(bytes: &[u8]) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time up to the next non-ASCII byte: Swedish text has one every few
        // words, and the run goes on after it when it is å, ä or ö.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let high =
                u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8])) & 0x8080_8080_8080_8080;
            i += (high.trailing_zeros() / 8) as usize;
            if high == 0 {
                continue;
            }
        } else if bytes[i].is_ascii() {
            i += 1;
            continue;
        }
        if bytes[i] == 0xc3 && matches!(bytes.get(i + 1), Some(0xa4 | 0xa5 | 0xb6)) {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// Folds å/ä/ö too. Used only for the diacritic-insensitive fallback ("franvaro" → frånvaro) and to
/// order the term chunks, so that a term and its unaccented spelling lie in the same chunk.
pub fn fold_diacritics(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c => c,
        })
        .collect()
}

pub(crate) fn is_word_char(c: char) -> bool {
    // Same as `c.is_alphanumeric()`, with the common letters first: this runs for every character
    // of the site at build time.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, 'å' | 'ä' | 'ö') || c.is_alphanumeric()
}

/// One word of the text. `parts` is non-empty for a hyphenated word: "su-grupperna" has the parts
/// "su" and "grupperna", and is indexed whole and by its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub parts: Vec<String>,
}

/// Splits a normalised text into words. A word is a run of letters and digits; hyphens between two
/// such runs join them ("su-grupperna"), while a hyphen at a word's edge ("skol- och fritid") or a
/// dash between spaces does not.
pub fn tokenize_normalized(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |word, parts| {
        tokens.push(Token {
            word: word.into_owned(),
            parts: parts.iter().map(|p| p.to_string()).collect(),
        })
    });
    tokens
}

/// The tokeniser itself, without allocating per word: calls `f(word, parts)` for every word of a
/// normalised text, `parts` empty unless the word is hyphenated. The word borrows from `text`
/// except for the rare hyphenated word written with U+2010/U+2011, which is joined with "-".
/// The index build runs this over every word of the site, so it must stay cheap: a word without
/// a hyphen (nearly all) is found by one scan over its bytes, without the list of parts.
pub fn for_each_token<'t>(text: &'t str, mut f: impl FnMut(std::borrow::Cow<'t, str>, &[&'t str])) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut parts: Vec<&'t str> = Vec::new();
    let mut i = 0;
    while i < n {
        let (word, len) = char_class(text, i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i = word_run_end(text, i);
        // A hyphen continues the word only when a letter or digit follows it.
        let h = hyphen_at(bytes, i);
        if h == 0 || i + h >= n || !char_class(text, i + h).0 {
            f(std::borrow::Cow::Borrowed(&text[start..i]), &[]);
            continue;
        }
        parts.clear();
        parts.push(&text[start..i]);
        loop {
            let h = hyphen_at(bytes, i);
            if h == 0 || i + h >= n || !char_class(text, i + h).0 {
                break;
            }
            let run_start = i + h;
            i = word_run_end(text, run_start);
            parts.push(&text[run_start..i]);
        }
        let span = &text[start..i];
        // Joined by ASCII hyphens only: the text itself is the word.
        let ascii = span.len() == parts.iter().map(|p| p.len() + 1).sum::<usize>() - 1;
        let word = if ascii {
            std::borrow::Cow::Borrowed(span)
        } else {
            std::borrow::Cow::Owned(parts.join("-"))
        };
        f(word, &parts);
    }
}

/// Whether the character at byte `i` of `text` (a char boundary) is part of a word, and its
/// length. Bytes, not chars: ASCII, most of any Swedish text, needs no decoding.
#[inline(always)]
fn char_class(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b.is_ascii_alphanumeric(), 1);
    }
    // å, ä, ö: letters, without decoding.
    if b == 0xc3 && matches!(bytes.get(i + 1), Some(0xa4 | 0xa5 | 0xb6)) {
        return (true, 2);
    }
    text[i..]
        .chars()
        .next()
        .map_or((false, 1), |c| (is_word_char(c), c.len_utf8()))
}

/// The end of the run of letters and digits that starts at byte `i`: a tight loop over ASCII
/// letters and digits, decoding only other characters.
#[inline(always)]
fn word_run_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let (word, len) = char_class(text, i);
        if !word {
            break;
        }
        i += len;
    }
    i
}

/// Length of a hyphen at byte `i`: '-', U+2010 or U+2011 (E2 80 90 / E2 80 91 in UTF-8); 0 for
/// anything else or the text's end.
#[inline(always)]
fn hyphen_at(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..) {
        Some([b'-', ..]) => 1,
        Some([0xe2, 0x80, 0x90 | 0x91, ..]) => 3,
        _ => 0,
    }
}

/// Normalises and tokenises in one go.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_normalized(&normalize(text))
}

/// Snowball's Swedish stop word list. These words are in almost every page, so their postings
/// would be the largest files of the index while telling nothing about a page; they are neither
/// indexed nor looked up (a phrase containing them is still checked against the page's text).
pub const STOP_WORDS: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig",
    "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du",
    "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min",
    "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara",
    "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla", "under", "någon",
    "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit",
    "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir",
    "mina", "samma", "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sådant",
    "varför", "varje", "vilka", "ditt", "vem", "vilket", "sitta", "sådana", "vart", "dina", "vars",
    "vårt", "våra", "ert", "era", "vilkas",
];

/// The longest stop word, in bytes.
const STOP_WORD_MAX: usize = 7;

/// Words longer than this many characters are not indexed, nor looked up in a query
/// (search/text.js `isTooLong`, the same number): no one searches for such a run of letters (a
/// pasted code, a table without its spaces), and one of some megabytes would be a term chunk of
/// that size, and a vocabulary file every typo lookup reads. Their text stays on the page.
pub const MAX_WORD_CHARS: usize = 255;

/// Whether a word is too long to index (`MAX_WORD_CHARS`).
pub fn is_too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS
}

/// Called for every word of the site at build time, hence a hash set rather than a list scan,
/// and no lookup at all for the many words longer than any stop word.
pub fn is_stop_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    word.len() <= STOP_WORD_MAX
        && SET
            .get_or_init(|| STOP_WORDS.iter().copied().collect())
            .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn keeps_swedish_letters_and_folds_others() {
        assert_eq!(normalize("Åsa ÄR Östlyckeskolan"), "åsa är östlyckeskolan");
        assert_eq!(normalize("Café Müller Ærø"), "cafe myller ärö");
        assert_eq!(normalize("straße"), "strasse");
    }

    #[test]
    fn runs_of_plain_text_end_where_other_letters_begin() {
        // Upper-case Å, Ä, Ö and other letters end the run that is only lower-cased; a
        // combining mark after a run's å composes with it as anywhere else.
        assert_eq!(
            normalize("Åtgärderna ÄR klara på Öland, för Émile och SÖDRA älvstranden"),
            "åtgärderna är klara på öland, för emile och södra älvstranden"
        );
        assert_eq!(normalize("på\u{308} väg"), "på väg");
        assert_eq!(normalize("ö\u{ad}ö"), "öö");
        assert_eq!(normalize("\u{c3}\u{e4}"), "aä");
        let words: Vec<String> = tokenize("Åsa-Östlund: ökad närvaro (är) X")
            .into_iter()
            .map(|t| t.word)
            .collect();
        assert_eq!(words, ["åsa-östlund", "ökad", "närvaro", "är", "x"]);
    }

    #[test]
    fn tells_when_byte_offsets_still_match() {
        let mut out = String::new();
        assert!(normalize_into_aligned(
            "Åsa ÄR Östlyckeskolan, 3 %",
            &mut out
        ));
        assert!(!normalize_into_aligned("Café", &mut out));
        assert!(!normalize_into_aligned("skol\u{ad}frånvaro", &mut out));
        assert!(!normalize_into_aligned("fra\u{30a}nvaro", &mut out));
    }

    #[test]
    fn composes_decomposed_swedish_letters() {
        // "frånvaro" and "Östlyckeskolan" as NFD text: a + ring, O + diaeresis.
        assert_eq!(normalize("fra\u{30a}nvaro"), "frånvaro");
        assert_eq!(normalize("O\u{308}stlyckeskolan"), "östlyckeskolan");
        assert_eq!(normalize("cafe\u{301}"), "cafe");
    }

    #[test]
    fn strips_soft_hyphens_inside_words() {
        assert_eq!(words("skol\u{ad}frånvaro ökar"), ["skolfrånvaro", "ökar"]);
    }

    #[test]
    fn hyphenated_words_are_whole_and_parts() {
        let t = tokenize("SU-grupperna träffas");
        assert_eq!(t[0].word, "su-grupperna");
        assert_eq!(t[0].parts, ["su", "grupperna"]);
        assert_eq!(t[1].word, "träffas");
        assert!(t[1].parts.is_empty());
    }

    #[test]
    fn edge_hyphens_and_dashes_do_not_join() {
        assert_eq!(
            words("skol- och fritidsfrågor"),
            ["skol", "och", "fritidsfrågor"]
        );
        assert_eq!(words("2024 - 2025 –  klart"), ["2024", "2025", "klart"]);
        assert_eq!(words("a--b -c d-"), ["a", "b", "c", "d"]);
    }

    #[test]
    fn punctuation_and_digits() {
        assert_eq!(
            words("Beslut (2025-06-17 § 44): 3,5 %."),
            ["beslut", "2025-06-17", "44", "3", "5"]
        );
        assert!(tokenize("").is_empty());
        assert!(tokenize(" — !? ").is_empty());
    }

    #[test]
    fn stems_with_current_snowball() {
        assert_eq!(stem("arbetet"), "arbet");
        assert_eq!(stem("eleverna"), "elev");
        assert_eq!(stem("frånvaron"), "frånvaron");
        assert_eq!(stem("frånvaro"), "frånvaro");
    }

    #[test]
    fn diacritic_fold() {
        assert_eq!(fold_diacritics("frånvaro"), "franvaro");
        assert_eq!(fold_diacritics("östlyckeskolan"), "ostlyckeskolan");
        assert_eq!(fold_diacritics("ärö"), "aro");
    }

    #[test]
    fn stop_words() {
        assert_eq!(
            STOP_WORDS.iter().map(|w| w.len()).max(),
            Some(STOP_WORD_MAX)
        );
        assert!(is_stop_word("och"));
        assert!(is_stop_word("från"));
        assert!(!is_stop_word("frånvaro"));
    }
}
