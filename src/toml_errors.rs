//! TOML errors in plain words. The TOML parser stops at the first problem and names it in
//! parser terms ("invalid unquoted key, expected letters, numbers, `-`, `_`"); the people who
//! write front matter paste from Word, so the usual causes are quotes inside a text, typographic
//! quotes around it, a text without quotes and an invisible character such as a non-breaking
//! space. When parsing fails, every line is checked for these, so that all of them are
//! reported at once with the fixed line; anything else is the parser's error, reworded.

use std::ops::Range;
use std::path::Path;

use crate::diagnostics::{did_you_mean, invisible_name, line_col, Diagnostic};
use crate::messages::{self, Lang};

/// Where the TOML is: `toml` starts at byte `offset` of `file_text` (front matter sits after
/// a `+++` line), and diagnostics name `file`.
pub struct Place<'a> {
    pub file: &'a Path,
    pub file_text: &'a str,
    pub offset: usize,
    pub lang: Lang,
}

impl Place<'_> {
    fn at(&self, toml_offset: usize, message: String) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(self.file)
            .at_offset(self.file_text, self.offset + toml_offset)
    }
}

/// What is wrong with `toml`, which failed to parse with `error`, in plain words.
pub fn explain(error: &toml::de::Error, toml: &str, place: &Place) -> Vec<Diagnostic> {
    let mask = quoted(toml);
    let mut found = Vec::new();
    let mut found_lines = Vec::new();
    let mut line_start = 0;
    for line in toml.split_inclusive('\n') {
        let range = line_start..line_start + line.trim_end_matches(['\n', '\r']).len();
        line_start += line.len();
        // A line that starts inside a multi-line string is text, whatever it holds.
        if range.start > 0 && mask[range.start - 1] == Mask::LongString {
            continue;
        }
        let before = found.len();
        check_line(toml, range.clone(), &mask, place, &mut found);
        if found.len() > before {
            found_lines.push(range);
        }
    }
    let error_at = error.span().map_or(0, |s| s.start);
    let explained = found_lines
        .iter()
        .any(|r| r.start <= error_at && error_at <= r.end);
    if !explained {
        found.insert(0, reworded(error, toml, place));
        found.extend(more_unknown_keys(error, toml, place));
    }
    found
}

/// The parser stops at the first unknown key; the other unknown keys of the same (top-level)
/// table, so that a file with two misspelt keys needs one round, not two.
fn more_unknown_keys(error: &toml::de::Error, toml: &str, place: &Place) -> Vec<Diagnostic> {
    let Some((first, known)) = unknown_field(error.message()) else {
        return Vec::new();
    };
    let top_end = toml
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| toml[i..].trim_start().starts_with('['))
        .unwrap_or(toml.len());
    let at_top = error.span().is_some_and(|s| s.start < top_end);
    let Ok(table) = toml::from_str::<toml::Table>(toml) else {
        return Vec::new();
    };
    if !at_top {
        return Vec::new();
    }
    let mut found: Vec<(usize, Diagnostic)> = table
        .iter()
        .filter(|(k, v)| !v.is_table() && *k != first && !known.contains(&k.as_str()))
        .filter_map(|(k, _)| {
            let at = key_line(&toml[..top_end], k)?;
            Some((at, unknown_key(place, at, k, &known)))
        })
        .collect();
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|f| f.1).collect()
}

/// ("titel", ["title", "area", …]) of "unknown field `titel`, expected one of `title`, …".
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let unknown = rest.split('`').next()?;
    let known = message.split('`').skip(1).step_by(2).skip(1).collect();
    Some((unknown, known))
}

/// Where the line `key = …` starts in `toml`.
fn key_line(toml: &str, key: &str) -> Option<usize> {
    let mut start = 0;
    for line in toml.split_inclusive('\n') {
        let t = line.trim_start();
        let rest = t
            .strip_prefix(key)
            .or_else(|| t.strip_prefix(&format!("\"{key}\"")));
        if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
            return Some(start + line.len() - t.len());
        }
        start += line.len();
    }
    None
}

fn unknown_key(place: &Place, at: usize, key: &str, known: &[&str]) -> Diagnostic {
    let lang = place.lang;
    let hint = did_you_mean(lang, key, known.iter().copied()).unwrap_or_else(|| {
        let list = known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        messages::unknown_key_hint(lang, list)
    });
    place
        .at(at, messages::unknown_key(lang, key))
        .with_hint(hint)
}

/// The checks of one `key = value` line: invisible characters, typographic quotes, quotes
/// inside a text, a text without quotes.
fn check_line(
    toml: &str,
    range: Range<usize>,
    mask: &[Mask],
    place: &Place,
    out: &mut Vec<Diagnostic>,
) {
    let lang = place.lang;
    let line = &toml[range.clone()];
    let outside = |i: usize| mask[range.start + i] == Mask::Code;
    let before = out.len();
    for (i, c) in line.char_indices().filter(|(i, _)| outside(*i)) {
        if let Some((sv, en)) = invisible_name(c) {
            let (l, col, _) = line_col(place.file_text, place.offset + range.start + i);
            let name = if lang == Lang::Sv { sv } else { en };
            let code = format!("U+{:04X}", c as u32);
            let message = messages::invisible_char(lang, name, code, l, col);
            let d = place.at(range.start + i, message);
            out.push(d.with_hint(messages::invisible_char_hint(lang)));
        }
    }
    if out.len() > before || line.trim_start().starts_with('[') {
        return;
    }
    let Some(eq) = line
        .char_indices()
        .find(|&(i, c)| c == '=' && outside(i))
        .map(|(i, _)| i)
    else {
        return;
    };
    let key = line[..eq].trim();
    let value = line[eq + 1..].trim();
    if key.is_empty() || value.is_empty() {
        return;
    }
    let value_at =
        range.start + eq + 1 + (line[eq + 1..].len() - line[eq + 1..].trim_start().len());
    // Typographic quotes outside any string: every one becomes a straight quote.
    if let Some((i, q)) = line
        .char_indices()
        .find(|&(i, c)| outside(i) && is_curly_quote(c))
    {
        let straight: String = line
            .char_indices()
            .map(|(i, c)| {
                if outside(i) && is_curly_quote(c) {
                    '"'
                } else {
                    c
                }
            })
            .collect();
        let straight = straight.trim();
        // Word's quotes around a text with straight quotes inside it need both fixes.
        let fixed = match straight.split_once('=') {
            Some((_, v)) if !parses(straight) => {
                quotes_inside_fix(key, v.trim()).map_or(straight.to_string(), |f| f.0)
            }
            _ => straight.to_string(),
        };
        let d = place.at(range.start + i, messages::curly_quotes(lang, key, q));
        out.push(d.with_hint(messages::curly_quotes_hint(lang, fixed)));
        return;
    }
    if parses(line) || value.starts_with("\"\"\"") || value.starts_with("'''") {
        return;
    }
    if let Some((fixed, single, at)) = quotes_inside_fix(key, value) {
        let d = place.at(value_at + at, messages::quotes_inside(lang, key));
        let hint = match single {
            Some(single) => messages::quotes_inside_hint(lang, fixed, single),
            None => messages::quotes_inside_hint_escaped(lang, fixed),
        };
        out.push(d.with_hint(hint));
        return;
    }
    let first = value.chars().next().unwrap_or(' ');
    let looks_like_text = !(first.is_ascii_digit()
        || "+-\"'[{".contains(first)
        || ["true", "false", "inf", "nan"]
            .iter()
            .any(|w| value.starts_with(w)));
    let fixed = format!("{key} = {}", basic_string(value, true));
    if looks_like_text && parses(&fixed) {
        let d = place.at(value_at, messages::unquoted_text(lang, key));
        out.push(d.with_hint(messages::unquoted_text_hint(lang, fixed)));
    }
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

/// The parser's own error, in plain words where its kind is known.
fn reworded(error: &toml::de::Error, toml: &str, place: &Place) -> Diagnostic {
    let lang = place.lang;
    let message = error.message();
    let span = error.span().unwrap_or(0..0);
    let at = |m: String| place.at(span.start, m);
    // The key of the line the error points into, for "`title` must be text in quotes".
    let line_key = || {
        let start = toml[..span.start.min(toml.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line = &toml[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        line.split('=').next().unwrap_or("").trim().to_string()
    };
    if let Some((unknown, known)) = unknown_field(message) {
        return unknown_key(place, span.start, unknown, &known);
    }
    if let Some(missing) = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next())
    {
        return at(messages::missing_key(lang, missing))
            .with_hint(messages::missing_key_hint(lang, missing));
    }
    if message.starts_with("duplicate key") {
        return at(messages::duplicate_key(lang, line_key()))
            .with_hint(messages::duplicate_key_hint(lang));
    }
    if message.starts_with("invalid date") || message.starts_with("invalid time") {
        let value = toml.get(span.clone()).unwrap_or("").trim();
        return at(messages::impossible_date(lang, line_key(), value))
            .with_hint(messages::bad_date_hint(lang));
    }
    if let Some(expected) = message
        .strip_prefix("invalid type: ")
        .and_then(|m| m.rsplit("expected ").next())
    {
        let expected = match expected {
            "a string" => messages::type_text(lang),
            "a sequence" => messages::type_list(lang),
            "a boolean" => messages::type_bool(lang),
            "a map" | "a table" => messages::type_table(lang),
            e if e.starts_with('i') || e.starts_with('u') || e.contains("integer") => {
                messages::type_number(lang)
            }
            e => e.to_string(),
        };
        return at(messages::wrong_type(lang, line_key(), expected))
            .with_hint(messages::wrong_type_hint(lang));
    }
    let detail = message.lines().next().unwrap_or(message).trim();
    at(messages::toml_syntax(lang, detail)).with_hint(messages::toml_syntax_hint(lang))
}

fn parses(line: &str) -> bool {
    toml::from_str::<toml::Table>(line).is_ok()
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mask {
    /// Keys, `=`, values that are not strings, brackets.
    Code,
    /// A one-line string or a comment.
    String,
    /// A multi-line string ("""…""" or '''…''').
    LongString,
}

/// For each byte of `toml`, whether it is code or inside a string or comment. Forgiving: an
/// unclosed one-line string ends at the end of its line, as a reader would take it.
fn quoted(toml: &str) -> Vec<Mask> {
    let b = toml.as_bytes();
    let mut mask = vec![Mask::Code; b.len()];
    let mut i = 0;
    while i < b.len() {
        let (end, kind) = match b[i] {
            b'#' => (memchr(b, i, b'\n'), Mask::String),
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                (closing(b, i + 3, b"\"\"\"", true), Mask::LongString)
            }
            b'\'' if b[i..].starts_with(b"'''") => {
                (closing(b, i + 3, b"'''", false), Mask::LongString)
            }
            b'"' => (one_line(b, i + 1, b'"', true), Mask::String),
            b'\'' => (one_line(b, i + 1, b'\'', false), Mask::String),
            _ => {
                i += 1;
                continue;
            }
        };
        mask[i..end].fill(kind);
        i = end;
    }
    mask
}

fn memchr(b: &[u8], from: usize, c: u8) -> usize {
    b[from..]
        .iter()
        .position(|&x| x == c)
        .map_or(b.len(), |p| from + p)
}

/// The end (exclusive) of a one-line string whose text starts at `from`.
fn one_line(b: &[u8], from: usize, quote: u8, escapes: bool) -> usize {
    let mut i = from;
    while i < b.len() && b[i] != b'\n' {
        if escapes && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == quote {
            return i + 1;
        }
        i += 1;
    }
    i.min(b.len())
}

/// The end (exclusive) of a multi-line string whose text starts at `from`.
fn closing(b: &[u8], from: usize, delimiter: &[u8], escapes: bool) -> usize {
    let mut i = from;
    while i < b.len() {
        if escapes && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(delimiter) {
            return i + delimiter.len();
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_en(toml: &str) -> Vec<Diagnostic> {
        let error = toml::from_str::<toml::Table>(toml).unwrap_err();
        let place = Place {
            file: Path::new("x.md"),
            file_text: toml,
            offset: 0,
            lang: Lang::En,
        };
        explain(&error, toml, &place)
    }

    #[test]
    fn quotes_inside_a_text_get_the_escaped_and_the_single_quoted_line() {
        let d = explain_en("title = \"Elever med \"hög\" frånvaro\"\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("has quotes inside"), "{d:?}");
        let hint = d[0].hint.as_deref().unwrap();
        assert!(
            hint.contains(r#"title = "Elever med \"hög\" frånvaro""#),
            "{hint}"
        );
        assert!(
            hint.contains(r#"title = 'Elever med "hög" frånvaro'"#),
            "{hint}"
        );
        assert_eq!((d[0].line, d[0].column), (1, 21));
    }

    #[test]
    fn every_broken_line_is_reported_not_only_the_first() {
        let d =
            explain_en("title = ”Ett”\nname\u{a0}= \"x\"\ncommittee = Barn- och ungdomsnämnden\n");
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("typographic quotes (”)"));
        assert!(messages[1].contains("a non-breaking space (U+00A0) at 2:5"));
        assert!(messages[2].contains("`committee` is not in quotes"));
        assert!(d[2]
            .hint
            .as_deref()
            .unwrap()
            .contains("committee = \"Barn- och ungdomsnämnden\""));
    }

    #[test]
    fn typographic_quotes_around_a_text_with_quotes_inside_get_both_fixes() {
        let d = explain_en("title = ”Elever med \"hög\" frånvaro”\n");
        assert_eq!(d.len(), 1, "{d:?}");
        let hint = d[0].hint.as_deref().unwrap();
        assert!(
            hint.contains(r#"title = "Elever med \"hög\" frånvaro""#),
            "{hint}"
        );
    }

    #[test]
    fn strings_and_comments_are_left_alone() {
        // A non-breaking space and typographic quotes inside strings are text.
        let toml = "a = \"x\u{a0}”y”\" # ”\nb = \"\"\"\nc = ”z”\n\"\"\"\nd = oops\n";
        let d = explain_en(toml);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("`d` is not in quotes"), "{d:?}");
    }

    #[test]
    fn no_input_makes_it_panic() {
        // Lines built from the pieces that trip TOML up, in many orders (a fixed-seed LCG).
        let pieces = [
            "title",
            " = ",
            "\"",
            "'",
            "\"\"\"",
            "'''",
            "”",
            "“",
            "\u{a0}",
            "\u{200b}",
            "\\",
            "#",
            "[",
            "]",
            "{",
            "}",
            ",",
            "\n",
            "å",
            "2026-02-30",
            "x",
            "=",
            "\r\n",
            "\u{1b}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut toml = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                toml.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            if let Err(error) = toml::from_str::<toml::Table>(&toml) {
                let place = Place {
                    file: Path::new("x.md"),
                    file_text: &toml,
                    offset: 0,
                    lang: Lang::Sv,
                };
                let found = explain(&error, &toml, &place);
                assert!(!found.is_empty(), "{toml:?}");
                for d in found {
                    let _ = d.to_string();
                }
            }
        }
    }

    #[test]
    fn every_unknown_key_of_a_table_is_reported() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Front {
            title: String,
            weight: Option<i64>,
        }
        let toml = "titel = \"x\"\nweight = 1\nvikt = 2\n";
        let error = toml::from_str::<Front>(toml).unwrap_err();
        let place = Place {
            file: Path::new("x.md"),
            file_text: toml,
            offset: 0,
            lang: Lang::En,
        };
        let d = explain(&error, toml, &place);
        let shown: Vec<_> = d
            .iter()
            .map(|d| (d.message.as_str(), d.line, d.hint.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            shown,
            [
                ("`titel` is not a setting here", 1, "did you mean `title`?"),
                (
                    "`vikt` is not a setting here",
                    3,
                    "remove the line or correct the spelling; the settings are `title`, `weight`"
                ),
            ]
        );
    }

    #[test]
    fn other_errors_are_reworded() {
        let d = explain_en("a = 1\na = 2\n");
        assert!(d[0].message.contains("`a` is there twice"), "{d:?}");
        let d = explain_en("a = [1,\n");
        assert!(d[0].message.starts_with("the line cannot be read"), "{d:?}");
    }
}
