//! Reading one Markdown file: its text (UTF-8, a regular file), the `+++` front matter split
//! from the body and parsed with spans, its problems in plain words (`toml_errors`).

use std::path::Path;

use super::sources::{EntryFront, EntrySource, SourceFile};
use crate::config::{read_regular, utf8, Unreadable};
use crate::diagnostics::{display_path, Diagnostic};
use crate::messages::{self, Lang};
use crate::toml_errors::{explain, Place};

const DELIMITER: &str = "+++";

/// An entry read from `path`, its default order the number its name starts with ("03" of
/// "03-franvaro.md"); `model` uses it when the front matter states no `weight`.
pub fn entry_source(path: &Path, file: SourceFile, front: EntryFront, body: String) -> EntrySource {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let prefix_weight = stem.split('-').next().and_then(|p| p.parse().ok());
    EntrySource {
        file,
        front,
        body,
        prefix_weight,
    }
}

/// Reads a file as UTF-8, pointing at the first bad byte when it is not.
pub fn read_text(root: &Path, path: &Path, lang: Lang) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = read_regular(path).map_err(|e| match e {
        Unreadable::Special => Diagnostic::new(messages::not_a_regular_file(lang, shown.display()))
            .in_file(&shown)
            .with_hint(messages::not_a_regular_file_hint(lang)),
        Unreadable::Io(e) => {
            Diagnostic::new(messages::cannot_read_file(lang, messages::io(lang, &e)))
                .in_file(&shown)
        }
    })?;
    utf8(bytes, &shown, lang)
}

/// Splits `+++` front matter from the body and deserialises it; every problem of the front
/// matter when it cannot be read.
pub fn parse_file<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    lang: Lang,
) -> Result<(SourceFile, T, String), Vec<Diagnostic>> {
    let shown = display_path(root, path);
    let text = read_text(root, path, lang).map_err(|d| vec![d])?;
    let (text, split) = split_file(&text);
    let (front_offset, front_end, body_start) = split.map_err(|closed| {
        let (message, hint) = if closed {
            (
                messages::front_matter_not_closed(lang),
                messages::front_matter_not_closed_hint(lang),
            )
        } else {
            (
                messages::no_front_matter(lang),
                messages::no_front_matter_hint(lang),
            )
        };
        vec![Diagnostic::new(message)
            .in_file(&shown)
            .at_offset(text, 0)
            .with_hint(hint)]
    })?;
    let front = &text[front_offset..front_end];
    let file = SourceFile {
        path: shown.clone(),
        head: text[..body_start].to_string(),
        front_offset,
    };
    let value: T = toml::from_str(front).map_err(|e| {
        let place = Place {
            file: &shown,
            file_text: text,
            offset: front_offset,
            lang,
        };
        explain(&e, front, &place)
    })?;
    Ok((file, value, text[body_start..].to_string()))
}

/// A file's text without its byte-order mark, and `split_front_matter` of it: the one way a
/// file is split, when it is read and when its body is read again (`bodies`).
pub(super) fn split_file(text: &str) -> (&str, Result<(usize, usize, usize), bool>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    (text, split_front_matter(text))
}

/// (start of TOML, end of TOML, start of body); Err(true) when the front matter is opened
/// but never closed, Err(false) when the file does not start with it.
fn split_front_matter(text: &str) -> Result<(usize, usize, usize), bool> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != DELIMITER {
        return Err(false);
    }
    let start = (first_line_end + 1).min(text.len());
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == DELIMITER {
            return Ok((start, pos, (end + 1).min(text.len())));
        }
        pos = end + 1;
    }
    Err(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_at_the_closing_line() {
        let t = "+++\ntitle = \"a\"\n+++\nBody\n";
        let (s, e, b) = split_front_matter(t).unwrap();
        assert_eq!(&t[s..e], "title = \"a\"\n");
        assert_eq!(&t[b..], "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(split_front_matter("+++\ntitle = \"a\"\nBody\n"), Err(true));
        assert_eq!(split_front_matter("title = 1"), Err(false));
    }
}
