//! What the warnings look for in one text: pure functions from text to findings (a byte offset
//! and what was found), so that each can be tested without a site.

use std::ops::Range;

use super::personnummer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A personnummer or samordningsnummer of this many bytes.
    IdentityNumber(usize),
    /// `TODO`, `XXX` or `FIXME`.
    Leftover(&'static str),
    /// A Word bullet character at the start of a line.
    WordBullet(char),
    /// Two or more lines in a row with text on both sides of a tab.
    PastedTable,
    /// `![](…)`: an image whose alt text is empty.
    ImageWithoutAlt,
    /// A value such as `uppsikt@example.invalid` or `…`, left from a template.
    Placeholder(String),
}

/// A finding at a byte offset of the scanned text.
pub type Finding = (usize, Found);

const LEFTOVERS: [&str; 3] = ["TODO", "FIXME", "XXX"];
const BULLETS: [char; 3] = ['•', '◦', '▪'];

/// Everything in a Markdown text (a body, or a direction inside front matter, whose offsets
/// start at `base`).
pub fn markdown(text: &str, base: usize, found: &mut Vec<Finding>) {
    identity_numbers(text, base, found);
    leftovers(text, base, found);
    // Most texts have no tab, bullet or image: each search is one fast scan, and only a text
    // with one is read line by line.
    if text.contains('\t') || text.contains("![") || BULLETS.iter().any(|&c| text.contains(c)) {
        lines(text, base, found);
    }
    found.sort_by_key(|f| f.0);
}

/// The line-by-line findings (bullets, pasted tables, images without alt), outside code.
fn lines(text: &str, base: usize, found: &mut Vec<Finding>) {
    let mut in_code = false;
    let mut table_start: Option<usize> = None;
    let mut table_rows = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches([' ', '\u{a0}']);
        let indent = line.len() - trimmed.len();
        if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if let Some(c) = trimmed.chars().next().filter(|c| BULLETS.contains(c)) {
            found.push((base + start + indent, Found::WordBullet(c)));
        }
        if is_table_row(line) {
            table_start.get_or_insert(start);
            table_rows += 1;
        } else {
            if let (Some(s), true) = (table_start, table_rows >= 2) {
                found.push((base + s, Found::PastedTable));
            }
            table_start = None;
            table_rows = 0;
        }
        images_without_alt(line, base + start, found);
    }
    if let (Some(s), true) = (table_start, table_rows >= 2) {
        found.push((base + s, Found::PastedTable));
    }
}

/// A TOML text (front matter, areas.toml, site.toml): identity numbers anywhere (a comment in
/// the repository is published too, if the repository is); everything else only in the
/// values, where it reaches the page. `markdown_keys` are the keys whose values are Markdown.
pub fn toml(text: &str, markdown_keys: &[&str], found: &mut Vec<Finding>) {
    identity_numbers(text, 0, found);
    for (key, range) in toml_strings(text) {
        let value = &text[range.clone()];
        if markdown_keys.contains(&key) {
            let mut inner = Vec::new();
            markdown(value, range.start, &mut inner);
            // Identity numbers were found above, over the whole text.
            found.extend(
                inner
                    .into_iter()
                    .filter(|f| !matches!(f.1, Found::IdentityNumber(_))),
            );
        } else {
            leftovers(value, range.start, found);
        }
        if let Some(p) = placeholder(value) {
            found.push((range.start, Found::Placeholder(p)));
        }
    }
    found.sort_by_key(|f| f.0);
}

fn identity_numbers(text: &str, base: usize, found: &mut Vec<Finding>) {
    for r in personnummer::find(text) {
        found.push((base + r.start, Found::IdentityNumber(r.len())));
    }
}

/// `TODO`, `FIXME` and `XXX` as words of their own, in capitals (as people mark them).
fn leftovers(text: &str, base: usize, found: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    for mark in LEFTOVERS {
        // memmem's vector search: str::find took half the time of all the warnings.
        for at in memchr::memmem::find_iter(b, mark) {
            let end = at + mark.len();
            if (at == 0 || !word(at - 1)) && !word(end) {
                found.push((base + at, Found::Leftover(mark)));
            }
        }
    }
}

/// A line with text on both sides of a tab: a row of a table pasted from Word or Excel. A tab
/// at the start is indentation, not a cell.
fn is_table_row(line: &str) -> bool {
    let line = line.trim_end();
    line.trim_start()
        .split_once('\t')
        .is_some_and(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
}

/// `![](x.png)`, `![ ][ref]`: images whose alt text is empty or only spaces.
fn images_without_alt(line: &str, base: usize, found: &mut Vec<Finding>) {
    let mut from = 0;
    while let Some(i) = line[from..].find("![") {
        let at = from + i;
        let rest = &line[at + 2..];
        if let Some(close) = rest.find(']') {
            let next = rest[close + 1..].chars().next();
            if rest[..close].trim().is_empty() && matches!(next, Some('(' | '[')) {
                found.push((base + at, Found::ImageWithoutAlt));
            }
        }
        from = at + 2;
    }
}

/// Why `value` looks like a placeholder, if it does: only an ellipsis or a template's "…",
/// or an e-mail address or URL on a domain reserved for examples (RFC 2606: .invalid,
/// .example, .test, example.com and the like).
fn placeholder(value: &str) -> Option<String> {
    let v = value.trim();
    if matches!(v, "…" | "..." | "TBD") {
        return Some(v.to_string());
    }
    for word in v.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';')) {
        let host = if let Some((_, rest)) = word.split_once("://") {
            rest.split(['/', ':', '?', '#']).next().unwrap_or("")
        } else if let Some((_, domain)) = word.split_once('@') {
            domain
        } else {
            continue;
        };
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let reserved = host == "example"
            || host.starts_with("example.")
            || host.contains(".example.")
            || [".invalid", ".example", ".test", ".localhost"]
                .iter()
                .any(|t| host.ends_with(t));
        if reserved {
            return Some(word.to_string());
        }
    }
    None
}

/// The string values of a TOML text: (the key they belong to, the byte range of their
/// contents). Comments are skipped; an array's strings belong to the array's key.
pub fn toml_strings(text: &str) -> Vec<(&str, Range<usize>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut key = "";
    let mut line_start = true;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
                continue;
            }
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b'"' | b'\'' => {
                let quote = b[i];
                let triple = b[i..].starts_with(&[quote; 3]);
                let open = if triple { 3 } else { 1 };
                let mut start = i + open;
                // A newline right after the opening quotes is not part of the value.
                if triple && b.get(start) == Some(&b'\n') {
                    start += 1;
                } else if triple && b[start..].starts_with(b"\r\n") {
                    start += 2;
                }
                let end = string_end(b, start, quote, triple);
                out.push((key, start..end.min(b.len())));
                i = (end + open).min(b.len());
                line_start = false;
                continue;
            }
            c if line_start && !c.is_ascii_whitespace() => {
                // A key (or a [table] header, which has no string of its own).
                let line_end = text[i..].find('\n').map_or(b.len(), |n| i + n);
                if let Some(eq) = text[i..line_end].find('=') {
                    key = text[i..i + eq].trim().trim_matches('"');
                    i += eq + 1;
                } else {
                    i = line_end;
                }
                line_start = false;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where the string opened before `start` ends (the offset of its closing quote).
fn string_end(b: &[u8], start: usize, quote: u8, triple: bool) -> usize {
    let mut j = start;
    while j < b.len() {
        if quote == b'"' && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if !triple && b[j] == b'\n' {
            return j;
        }
        if b[j] == quote && (!triple || b[j..].starts_with(&[quote; 3])) {
            // `""""` ends with the last three quotes: the first is part of the value.
            if triple {
                while b.get(j + 3) == Some(&quote) {
                    j += 1;
                }
            }
            return j;
        }
        j += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Found> {
        let mut f = Vec::new();
        markdown(text, 0, &mut f);
        f.into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn leftovers_are_whole_capital_words() {
        assert_eq!(
            kinds("TODO: skriv. Se XXX och FIXME."),
            [
                Found::Leftover("TODO"),
                Found::Leftover("XXX"),
                Found::Leftover("FIXME")
            ]
        );
        assert!(kinds("TODOS, todo, XXXL, MAXXX och XXX_1").is_empty());
    }

    #[test]
    fn word_bullets_and_pasted_tables_outside_code() {
        let text =
            "Text\n• ett\n  ◦ två\n▪ tre\n\nÅr\tAntal\n2025\t12\n\n```\n• kod\na\tb\nc\td\n```\n";
        assert_eq!(
            kinds(text),
            [
                Found::WordBullet('•'),
                Found::WordBullet('◦'),
                Found::WordBullet('▪'),
                Found::PastedTable
            ]
        );
        let mut f = Vec::new();
        markdown(text, 10, &mut f);
        assert_eq!(f[1].0, 10 + text.find('◦').unwrap());
        assert_eq!(f[3].0, 10 + text.find("År").unwrap());
        // One line with a tab, an indented line and a bullet inside a sentence are fine.
        assert!(kinds("Namn\tVärde\n\n\tindrag\n\tindrag\nett • två\n").is_empty());
    }

    #[test]
    fn images_need_alt_text() {
        assert_eq!(
            kinds("![](a.png) och ![ ][b] men ![Diagram](c.png) och [länk](d)"),
            [Found::ImageWithoutAlt, Found::ImageWithoutAlt]
        );
    }

    #[test]
    fn toml_values_are_scanned_comments_are_not() {
        let text = "# TODO: ta bort, se uppsikt@example.invalid\ntitle = \"Rapport TODO\"\n\
                    direction = \"\"\"\n• punkt\nXXX\n\"\"\"\nmail = 'info@alingsas.se'\n";
        let mut f = Vec::new();
        toml(text, &["direction"], &mut f);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            f,
            [
                (at("TODO\""), Found::Leftover("TODO")),
                (at("• punkt"), Found::WordBullet('•')),
                (at("XXX"), Found::Leftover("XXX")),
            ]
        );
    }

    #[test]
    fn placeholders_on_reserved_domains() {
        for (v, p) in [
            ("uppsikt@example.invalid", Some("uppsikt@example.invalid")),
            (
                "https://example.se/uppfoljning/",
                Some("https://example.se/uppfoljning/"),
            ),
            ("kontakt: info@kommun.example", Some("info@kommun.example")),
            ("…", Some("…")),
            ("info@alingsas.se", None),
            ("https://www.digg.se/tdosanmalan", None),
            ("Ett exempel.", None),
        ] {
            assert_eq!(placeholder(v).as_deref(), p, "{v}");
        }
    }

    #[test]
    fn toml_strings_follow_keys_arrays_and_escapes() {
        let text = "a = \"x\\\"y\" # \"no\"\n[t]\nb = ['p', \"q\"]\nc = \"\"\"\nm\"\"\"\"\n";
        let got: Vec<(&str, &str)> = toml_strings(text)
            .into_iter()
            .map(|(k, r)| (k, &text[r]))
            .collect();
        assert_eq!(got, [("a", "x\\\"y"), ("b", "p"), ("b", "q"), ("c", "m\"")]);
    }

    #[test]
    fn identity_numbers_have_their_length() {
        let n = format!(
            "121212-121{}",
            personnummer::luhn_digit(&[1, 2, 1, 2, 1, 2, 1, 2, 1])
        );
        let mut f = Vec::new();
        toml(&format!("# {n}\n"), &[], &mut f);
        assert_eq!(f, [(2, Found::IdentityNumber(11))]);
    }
}
