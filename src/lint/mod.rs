//! Warnings about what should not be published: personal identity numbers, placeholders left
//! in site.toml, leftover TODO marks, empty entries, images without alt text, a direction
//! missing where the area had one the year before, and Word bullets or pasted tables that
//! Markdown shows as run-on text. `build` and `check` print them; `--strict` makes them errors.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::content::{Loaded, SourceFile, AREAS_FILE, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Severity};
use crate::messages::{self, Lang};
use crate::model::Site;

pub mod personnummer;
mod scan;

use scan::{Finding, Found};

/// The keys of front matter whose values are Markdown.
const MARKDOWN_KEYS: &[&str] = &["direction"];

/// Warnings about the loaded content (reports, entries, areas.toml) and site.toml. Drafts are
/// looked at only when they are built (`drafts`).
pub fn content(root: &Path, loaded: &Loaded, drafts: bool, lang: Lang) -> Vec<Diagnostic> {
    let mut files: Vec<(&SourceFile, &str, bool)> = Vec::new();
    for r in loaded.reports.iter().filter(|r| drafts || !r.front.draft) {
        files.push((&r.file, &r.body, false));
        for e in r.entries.iter().filter(|e| drafts || !e.front.draft) {
            files.push((&e.file, &e.body, true));
        }
    }
    let mut warnings: Vec<Diagnostic> = files
        .par_iter()
        .flat_map_iter(|&(file, body, is_entry)| markdown_file(file, body, is_entry, lang))
        .collect();
    warnings.extend(file_names(&loaded.assets, lang));
    let areas = Path::new(CONTENT_DIR).join(AREAS_FILE);
    warnings.extend(toml_file(&areas, &loaded.areas_source, lang));
    // Only a regular file is read: a named pipe there would never end (config reports it).
    let config = root.join(CONFIG_FILE);
    let regular = std::fs::metadata(&config).is_ok_and(|m| m.is_file());
    if let Some(text) = regular
        .then(|| std::fs::read_to_string(&config).ok())
        .flatten()
    {
        warnings.extend(toml_file(Path::new(CONFIG_FILE), &text, lang));
    }
    warnings
}

/// A warning for each entry without a direction whose area (or the area it continues) had one
/// in the committee's previous report. `heads` holds each entry file's front matter.
pub fn directions(site: &Site, heads: &HashMap<PathBuf, String>, lang: Lang) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for r in &site.reports {
        for e in r.entries.iter().filter(|e| e.direction.is_none()) {
            let Some(before) = e
                .previous
                .iter()
                .find(|p| site.reports[p.report].entries[p.entry].direction.is_some())
            else {
                continue;
            };
            let prev = &site.reports[before.report];
            let head = heads.get(Path::new(&e.file)).map_or("", String::as_str);
            // At the empty `direction`, or else at the title the direction would follow.
            let at = key_offset(head, "direction")
                .or_else(|| key_offset(head, "title"))
                .unwrap_or(0);
            warnings.push(
                Diagnostic::warning(messages::lint_no_direction(lang, &prev.title, prev.year))
                    .in_file(&e.file)
                    .at_offset(head, at)
                    .with_hint(messages::lint_no_direction_hint(lang)),
            );
        }
    }
    warnings
}

/// Makes every warning an error, for `--strict`.
pub fn strict(warnings: Vec<Diagnostic>, lang: Lang) -> Vec<Diagnostic> {
    let why = messages::lint_strict(lang);
    warnings
        .into_iter()
        .map(|mut d| {
            d.severity = Severity::Error;
            d.hint = Some(match d.hint {
                Some(h) => format!("{h} ({why})"),
                None => why.clone(),
            });
            d
        })
        .collect()
}

/// The start of the line that sets `key` in a TOML text.
fn key_offset(toml: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in toml.split_inclusive('\n') {
        let rest = line.trim_start();
        if let Some(after) = rest.strip_prefix(key) {
            if after.trim_start().starts_with('=') {
                return Some(offset + line.len() - rest.len());
            }
        }
        offset += line.len();
    }
    None
}

/// The warnings of one Markdown file: its front matter (`file.head`) and its body.
fn markdown_file(file: &SourceFile, body: &str, is_entry: bool, lang: Lang) -> Vec<Diagnostic> {
    let mut head = Vec::new();
    scan::toml(&file.head, MARKDOWN_KEYS, &mut head);
    let mut text = Vec::new();
    scan::markdown(body, 0, &mut text);
    let head_lines = file.head.matches('\n').count();
    let mut out: Vec<Diagnostic> = head
        .into_iter()
        .map(|f| diagnostic(&f, &file.head, lang).in_file(&file.path))
        .collect();
    for f in text {
        let mut d = diagnostic(&f, body, lang).in_file(&file.path);
        d.line += head_lines;
        out.push(d);
    }
    if is_entry && is_empty_text(body) {
        let mut d = Diagnostic::warning(messages::lint_empty_entry(lang))
            .in_file(&file.path)
            .at_offset(body, 0)
            .with_hint(messages::lint_empty_entry_hint(lang));
        d.line += head_lines;
        out.push(d);
    }
    out
}

/// A TOML file's warnings (areas.toml, site.toml).
fn toml_file(path: &Path, text: &str, lang: Lang) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    scan::toml(text, &[], &mut found);
    found
        .iter()
        .map(|f| diagnostic(f, text, lang).in_file(path))
        .collect()
}

/// Whether a body holds nothing a reader would see: only whitespace and HTML comments (the
/// notes `uppsikt new` leaves for the writer).
fn is_empty_text(body: &str) -> bool {
    let mut rest = body.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim(),
            None => return false,
        }
    }
    rest.is_empty()
}

/// A warning for each file of content/ (`assets`, relative to it) whose path holds an
/// identity number: every such file is published under that path, linked or not. The path
/// is shown with the number's last four digits hidden, as a snippet is.
fn file_names(assets: &[PathBuf], lang: Lang) -> Vec<Diagnostic> {
    let names = assets.iter().map(|a| a.to_string_lossy());
    let found = names.filter(|name| !personnummer::find(name).is_empty());
    found
        .map(|name| {
            let shown = Path::new(CONTENT_DIR).join(mask(&name));
            Diagnostic::warning(messages::lint_identity_number_in_name(lang))
                .in_file(shown)
                .with_hint(messages::lint_identity_number_in_name_hint(lang))
        })
        .collect()
}

/// The warning for a finding at its offset of `text`, in plain words with what to do.
fn diagnostic(finding: &Finding, text: &str, lang: Lang) -> Diagnostic {
    let (offset, found) = finding;
    let (message, hint) = match found {
        Found::IdentityNumber(_) => (
            messages::lint_identity_number(lang),
            messages::lint_identity_number_hint(lang),
        ),
        Found::Leftover(mark) => (
            messages::lint_leftover(lang, mark),
            messages::lint_leftover_hint(lang),
        ),
        Found::WordBullet(c) => (
            messages::lint_word_bullet(lang, c),
            messages::lint_word_bullet_hint(lang),
        ),
        Found::PastedTable => (
            messages::lint_pasted_table(lang),
            messages::lint_pasted_table_hint(lang),
        ),
        Found::ImageWithoutAlt => (
            messages::lint_image_without_alt(lang),
            messages::lint_image_without_alt_hint(lang),
        ),
        Found::Placeholder(value) => (
            messages::lint_placeholder(lang, value),
            messages::lint_placeholder_hint(lang),
        ),
    };
    let mut d = Diagnostic::warning(message)
        .at_offset(text, *offset)
        .with_hint(hint);
    d.source_line = d.source_line.map(|l| mask(&l));
    d
}

/// `line` with the last four digits of every identity number hidden ("121212-****"): the
/// snippet must not repeat a number in full (terminals and CI logs are kept); the birth date
/// stays, to find it by.
fn mask(line: &str) -> String {
    let mut out = line.to_string();
    for r in personnummer::find(line) {
        out.replace_range(r.end - 4..r.end, "****");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_whitespace_and_comments() {
        assert!(is_empty_text("\n  \n"));
        assert!(is_empty_text(
            "<!-- Skriv vad som gjorts. -->\n\n<!-- och planeras -->\n"
        ));
        assert!(!is_empty_text("<!-- not -->Text"));
        assert!(!is_empty_text("<!-- unclosed"));
    }

    #[test]
    fn numbers_are_masked_in_the_snippet() {
        let n = format!(
            "121212-121{}",
            personnummer::luhn_digit(&[1, 2, 1, 2, 1, 2, 1, 2, 1])
        );
        let text = format!("Elev {n} har frånvaro.\n");
        let d = diagnostic(&(5, Found::IdentityNumber(n.len())), &text, Lang::En);
        assert_eq!(
            d.source_line.as_deref(),
            Some("Elev 121212-**** har frånvaro.")
        );
        assert_eq!((d.line, d.column), (1, 6));
        assert!(!d.to_string().contains(&n));
    }

    #[test]
    fn keys_are_found_at_their_line() {
        let head = "+++\narea = \"x\"\ntitle = \"T\"\n  direction = \"\"\n+++\n";
        assert_eq!(
            key_offset(head, "direction"),
            Some(head.find("direction").unwrap())
        );
        assert_eq!(key_offset(head, "title"), Some(head.find("title").unwrap()));
        assert_eq!(key_offset(head, "weight"), None);
    }
}
