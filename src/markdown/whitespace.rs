//! Whitespace as a reader sees it: each run made one space. Runs on all text of every page,
//! so the common case (words one ASCII space apart) is copied in whole stretches.

/// `s` with each run of whitespace (as `char::is_whitespace`) made one space, and trimmed.
/// Runs on all text of every page: ASCII bytes are tested as bytes, words copied whole.
pub fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s, &mut false);
    out
}

/// Appends `s` to `out` with each run of whitespace made one space. `space` carries a space owed
/// before the next word from one call to the next; none is written at the start of `out`.
/// Runs on all text of every page, so text whose words are one ASCII space apart is copied in
/// whole stretches; only bytes that may start whitespace are looked at closely.
pub(super) fn push_collapsed(out: &mut String, s: &str, space: &mut bool) {
    if is_plain(s.as_bytes()) {
        // Words one space apart: the text is its own collapsed form, but for the ends.
        let words = s.trim_matches(' ');
        if s.starts_with(' ') {
            *space = true;
        }
        if !words.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(words);
            *space = s.ends_with(' ');
        }
        return;
    }
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let (white, len) = whitespace_at(s, i);
        if white {
            *space = true;
            i += len;
            continue;
        }
        let start = i;
        i += len;
        loop {
            while i < n && !MAY_START_WHITESPACE[b[i] as usize] {
                i += 1;
            }
            if i == n {
                break;
            }
            let (white, len) = whitespace_at(s, i);
            if !white {
                i += len;
            } else if b[i] == b' ' && i + 1 < n && !whitespace_at(s, i + 1).0 {
                // One space between two words: part of the stretch.
                i += 1;
            } else {
                break;
            }
        }
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(&s[start..i]);
    }
}

/// Whether `b` has no byte that may begin whitespace (`MAY_START_WHITESPACE`) other than single
/// spaces: most text nodes. Written without early exit or table, so that it compiles to vector
/// compares (the Markdown stage of 1,000 pages went from 46–47 to 41–43 ms).
fn is_plain(b: &[u8]) -> bool {
    let special = b.iter().fold(false, |bad, &c| {
        bad | (c < b' ') | (c == 0xc2) | (c.wrapping_sub(0xe1) < 3)
    });
    let doubled = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(false, |bad, (&x, &y)| bad | ((x == b' ') & (y == b' ')));
    !special && !doubled
}

/// Bytes that may begin a whitespace character: ASCII controls and space, and the lead bytes of
/// the other Unicode whitespace (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000). Continuation bytes never match, so a match is at a character boundary.
const MAY_START_WHITESPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i <= 0x20 {
        t[i] = true;
        i += 1;
    }
    t[0xc2] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t
};

/// (is whitespace, length in bytes) of the character at byte `i` of `s` (a character boundary).
fn whitespace_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (matches!(b, b'\t'..=b'\r' | b' '), 1)
    } else {
        let c = s[i..].chars().next().unwrap_or_default();
        (c.is_whitespace(), c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_space_is_split_whitespace_joined() {
        for s in [
            "",
            "  ",
            "ett",
            " två  ord\t\n",
            "a\u{0B}b\u{0C}c\rd",
            "å\u{A0}ä\u{2003}ö\u{3000}x\u{85}y",
            "\u{200B}noll-bredd\u{200B} är inget blanksteg",
            "två  mellanslag och slut ",
            " början,\u{A0}hårt\u{2009}smalt\u{205F}och\u{1680}ogham",
            "ord \u{2028}rad\u{3000} ",
            "\u{1}kontroll\u{1F} tecken",
        ] {
            assert_eq!(
                collapse_space(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn collapse_space_agrees_with_split_whitespace_on_mixed_text() {
        // Every mix of words, single and repeated spaces and other whitespace, in short strings.
        let pieces = [
            "ord", "å", " ", "  ", "\t", "\n", "\u{A0}", "\u{2003}", "é", "\u{1}", "x",
        ];
        let mut state = 0x9e37_79b9u32;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                s.push_str(pieces[state as usize % pieces.len()]);
            }
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_space(&s), want, "{s:?}");
        }
    }

    #[test]
    fn collapsing_in_pieces_is_collapsing_the_whole() {
        // As block_text calls it: one text node after another, the owed space carried along.
        let pieces = [
            "ord", "två ord", " ", "  ", "\t", "å ä", "\u{A0}", "é", " sist ", "x",
        ];
        let mut state = 0x2545_f491u32;
        for _ in 0..5000 {
            let (mut whole, mut out, mut space) = (String::new(), String::new(), false);
            for _ in 0..6 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let p = pieces[state as usize % pieces.len()];
                whole.push_str(p);
                push_collapsed(&mut out, p, &mut space);
            }
            let want = whole.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(out, want, "{whole:?}");
        }
        assert!(is_plain(b"ett tv\xc3\xa5 ord") && !is_plain(b"a  b") && !is_plain(b"a\tb"));
        // The same bytes as the slow path's table, but for the single space.
        for c in 0..=255u8 {
            assert_eq!(
                is_plain(&[c]),
                !MAY_START_WHITESPACE[c as usize] || c == b' ',
                "{c:#x}"
            );
        }
    }
}
