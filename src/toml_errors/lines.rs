//! The checks of one line of TOML, one function per kind of mistake people make when they paste
//! from Word: an invisible character, typographic quotes, quotes inside a text, a text without
//! quotes. Each finds the mistake and writes the line as it should be.

use std::ops::Range;

use super::mask::Mask;
use super::{parses, Place};
use crate::diagnostics::{invisible_name, line_col, Diagnostic};
use crate::messages::{self, Lang};

/// A `key = value` line: its text, where it starts in the TOML, which of its bytes are code.
struct Line<'a> {
    text: &'a str,
    start: usize,
    mask: &'a [Mask],
    key: &'a str,
    value: &'a str,
    /// Where `value` starts in the TOML.
    value_at: usize,
}

impl Line<'_> {
    /// Whether byte `i` of the line is outside any string and comment.
    fn outside(&self, i: usize) -> bool {
        self.mask[i] == Mask::Code
    }
}

/// The checks of the line at `range` of `toml` (`mask` is the whole text's): its mistakes go
/// to `out`. Invisible characters are reported first and alone: the line is read again once
/// they are gone.
pub fn check_line(
    toml: &str,
    range: Range<usize>,
    mask: &[Mask],
    place: &Place,
    out: &mut Vec<Diagnostic>,
) {
    let text = &toml[range.clone()];
    let mask = &mask[range.clone()];
    let before = out.len();
    invisible_chars(text, range.start, mask, place, out);
    if out.len() > before || text.trim_start().starts_with('[') {
        return;
    }
    let Some(line) = key_and_value(text, range.start, mask) else {
        return;
    };
    if let Some(d) = curly_quotes(&line, place) {
        return out.push(d);
    }
    let long = line.value.starts_with("\"\"\"") || line.value.starts_with("'''");
    if parses(line.text) || long {
        return;
    }
    out.extend(quotes_inside(&line, place).or_else(|| unquoted_text(&line, place)));
}

/// Every invisible character outside strings and comments (a non-breaking space, a zero-width
/// space…) and every control character anywhere (TOML allows none but a tab, in a text or a
/// comment either, and the parser's own words for it are English), named, with its place.
fn invisible_chars(
    text: &str,
    start: usize,
    mask: &[Mask],
    place: &Place,
    out: &mut Vec<Diagnostic>,
) {
    for (i, c) in text.char_indices() {
        let name = match control_name(c) {
            Some(name) => Some(name),
            None if mask[i] == Mask::Code => invisible_name(c),
            None => None,
        };
        if let Some(name) = name {
            out.push(invisible_char(place, start + i, c, name));
        }
    }
}

/// Every control character of the line at `range` of a multi-line text, where the other
/// checks do not look (what such a text holds is the author's), named, with its place.
pub fn control_chars(toml: &str, range: Range<usize>, place: &Place, out: &mut Vec<Diagnostic>) {
    for (i, c) in toml[range.clone()].char_indices() {
        if let Some(name) = control_name(c) {
            out.push(invisible_char(place, range.start + i, c, name));
        }
    }
}

/// The error for the invisible character `c` at byte `at` of the TOML, called `name`
/// (Swedish, English).
fn invisible_char(place: &Place, at: usize, c: char, name: (&str, &str)) -> Diagnostic {
    let lang = place.lang;
    let (l, col, _) = line_col(place.file_text, place.offset + at);
    let name = if lang == Lang::Sv { name.0 } else { name.1 };
    let code = format!("U+{:04X}", c as u32);
    let message = messages::invisible_char(lang, name, code, l, col);
    place
        .at(at, message)
        .with_hint(messages::invisible_char_hint(lang))
}

/// (Swedish, English) name of a control character TOML does not allow: all but the tab and
/// the line ends (a CR before a LF ends a line of a file saved on Windows).
fn control_name(c: char) -> Option<(&'static str, &'static str)> {
    let allowed = matches!(c, '\t' | '\r' | '\n');
    (c.is_control() && !allowed).then_some(("ett styrtecken", "a control character"))
}

/// The line split at its first `=` outside strings, when both sides hold something.
fn key_and_value<'a>(text: &'a str, start: usize, mask: &'a [Mask]) -> Option<Line<'a>> {
    let eq = text
        .char_indices()
        .find(|&(i, c)| c == '=' && mask[i] == Mask::Code)
        .map(|(i, _)| i)?;
    let key = text[..eq].trim();
    let after = &text[eq + 1..];
    let value = after.trim();
    if key.is_empty() || value.is_empty() {
        return None;
    }
    let value_at = start + eq + 1 + (after.len() - after.trim_start().len());
    Some(Line {
        text,
        start,
        mask,
        key,
        value,
        value_at,
    })
}

/// Typographic quotes outside any string: every one becomes a straight quote (and quotes
/// inside the text are escaped, when Word's quotes were around a text with straight ones).
fn curly_quotes(line: &Line, place: &Place) -> Option<Diagnostic> {
    let lang = place.lang;
    let (i, q) = line
        .text
        .char_indices()
        .find(|&(i, c)| line.outside(i) && is_curly_quote(c))?;
    let straight: String = line
        .text
        .char_indices()
        .map(|(i, c)| {
            if line.outside(i) && is_curly_quote(c) {
                '"'
            } else {
                c
            }
        })
        .collect();
    let straight = straight.trim();
    let fixed = match straight.split_once('=') {
        Some((_, v)) if !parses(straight) => {
            quotes_inside_fix(line.key, v.trim()).map_or(straight.to_string(), |f| f.0)
        }
        _ => straight.to_string(),
    };
    let d = place.at(line.start + i, messages::curly_quotes(lang, line.key, q));
    Some(d.with_hint(messages::curly_quotes_hint(lang, fixed)))
}

/// A text in quotes with the same quotes inside it: pointed at where the text ends too early,
/// with the line escaped (and in single quotes, when that works too).
fn quotes_inside(line: &Line, place: &Place) -> Option<Diagnostic> {
    let lang = place.lang;
    let (fixed, single, at) = quotes_inside_fix(line.key, line.value)?;
    let d = place.at(line.value_at + at, messages::quotes_inside(lang, line.key));
    let hint = match single {
        Some(single) => messages::quotes_inside_hint(lang, fixed, single),
        None => messages::quotes_inside_hint_escaped(lang, fixed),
    };
    Some(d.with_hint(hint))
}

/// A text without quotes (a number, a list, a table or `true` is not one), when it reads in
/// quotes.
fn unquoted_text(line: &Line, place: &Place) -> Option<Diagnostic> {
    let value = line.value;
    let first = value.chars().next().unwrap_or(' ');
    let looks_like_text = !(first.is_ascii_digit()
        || "+-\"'[{".contains(first)
        || ["true", "false", "inf", "nan"]
            .iter()
            .any(|w| value.starts_with(w)));
    let fixed = format!("{} = {}", line.key, basic_string(value, true));
    if !(looks_like_text && parses(&fixed)) {
        return None;
    }
    let d = place.at(line.value_at, messages::unquoted_text(place.lang, line.key));
    Some(d.with_hint(messages::unquoted_text_hint(place.lang, fixed)))
}

/// For a `value` in quotes with the same quotes inside it: the line with the inner quotes
/// escaped, the line in single quotes when that works too, and where in `value` the text
/// ends too early.
fn quotes_inside_fix(key: &str, value: &str) -> Option<(String, Option<String>, usize)> {
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    if value.len() < 2 || !value.ends_with(quote) {
        return None;
    }
    let inner = &value[1..value.len() - 1];
    let at = 1 + inner.find(quote)?;
    let fixed = format!("{key} = {}", basic_string(inner, quote == '"'));
    let single = format!("{key} = '{inner}'");
    let single = (!inner.contains(['\'', '\\']) && parses(&single)).then_some(single);
    parses(&fixed).then_some((fixed, single, at))
}

fn is_curly_quote(c: char) -> bool {
    matches!(
        c,
        '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2033}'
    )
}

/// `text` as a TOML basic string: its double quotes escaped (those already escaped stay).
fn basic_string(text: &str, keep_escapes: bool) -> String {
    let mut out = String::from("\"");
    let mut escaped = false;
    for c in text.chars() {
        match c {
            '"' if !escaped => out.push_str("\\\""),
            '\\' if !keep_escapes => out.push_str("\\\\"),
            c => out.push(c),
        }
        escaped = keep_escapes && c == '\\' && !escaped;
    }
    out.push('"');
    out
}
