//! TOML errors in plain words. The TOML parser stops at the first problem and names it in
//! parser terms ("invalid unquoted key, expected letters, numbers, `-`, `_`"); the people who
//! write front matter paste from Word, so the usual causes are quotes inside a text, typographic
//! quotes around it, a text without quotes and an invisible character such as a non-breaking
//! space. When parsing fails, every line is checked for these, so that all of them are
//! reported at once with the fixed line; anything else is the parser's error, reworded.

mod lines;
mod mask;
mod reworded;

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::messages::Lang;
use lines::{check_line, control_chars};
use mask::{quoted, Mask};
use reworded::{more_unknown_keys, reworded};

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
        let before = found.len();
        // A line that starts inside a multi-line string is text, whatever it holds, but for
        // a control character, which no TOML text may hold.
        if range.start > 0 && mask[range.start - 1] == Mask::LongString {
            control_chars(toml, range.clone(), place, &mut found);
        } else {
            check_line(toml, range.clone(), &mask, place, &mut found);
        }
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

/// Whether `line` is TOML on its own.
fn parses(line: &str) -> bool {
    toml::from_str::<toml::Table>(line).is_ok()
}

/// Where the value of `key = …` starts in the TOML `toml` (after the `=` and its spaces), if
/// a line sets it.
pub fn value_offset(toml: &str, key: &str) -> Option<usize> {
    let mut start = 0;
    for line in toml.split_inclusive('\n') {
        let rest = line.trim_start().strip_prefix(key).map(str::trim_start);
        if let Some(value) = rest.and_then(|r| r.strip_prefix('=')) {
            return Some(start + line.len() - value.trim_start().len());
        }
        start += line.len();
    }
    None
}

/// The line and the column before the first character of the string value of `key` in the
/// TOML `toml` (a front matter, site.toml; a multi-line string's text starts on the next line,
/// at column 0), as `BrokenLink::diagnostic` takes a text's start; (1, 0) when the key is not
/// there.
pub fn value_start(toml: &str, key: &str) -> (usize, usize) {
    let Some(at) = value_offset(toml, key) else {
        return (1, 0);
    };
    let line_start = toml[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = toml[..at].matches('\n').count() + 1;
    let value = toml[at..].lines().next().unwrap_or("");
    let open = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| value.starts_with(q))
        .unwrap_or("");
    if open.len() == 3 && value[3..].trim().is_empty() {
        return (line + 1, 0);
    }
    (line, toml[line_start..at].chars().count() + open.len())
}

#[cfg(test)]
mod tests;
