//! The parser's own error in plain words: an unknown key (with the other unknown keys of the
//! same table), a missing key, a key twice, an impossible date, a value of the wrong type, or
//! any other syntax error.

use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::messages;

use super::Place;

/// The parser stops at the first unknown key; the other unknown keys of the same (top-level)
/// table, so that a file with two misspelt keys needs one round, not two.
pub fn more_unknown_keys(error: &toml::de::Error, toml: &str, place: &Place) -> Vec<Diagnostic> {
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

/// The parser's own error, in plain words where its kind is known.
pub fn reworded(error: &toml::de::Error, toml: &str, place: &Place) -> Diagnostic {
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
        // Front matter starts after its `+++` line; site.toml and areas.toml at their start.
        let hint = if place.offset > 0 {
            messages::missing_key_hint(lang, missing)
        } else {
            messages::missing_key_in_file_hint(lang, missing, place.file.display())
        };
        return at(messages::missing_key(lang, missing)).with_hint(hint);
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
    // "invalid value: integer `-1`, expected usize": a count below 0 (or past its type).
    if message.starts_with("invalid value: integer") {
        let expected = match message.rsplit("expected ").next() {
            Some(e) if e.starts_with('u') => messages::type_count(lang),
            _ => messages::type_number(lang),
        };
        return at(messages::wrong_type(lang, line_key(), expected))
            .with_hint(messages::wrong_type_hint(lang));
    }
    let detail = message.lines().next().unwrap_or(message).trim();
    at(messages::toml_syntax(lang, detail)).with_hint(messages::toml_syntax_hint(lang))
}
