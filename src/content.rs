//! Content stage: walk `content/` with `ignore`, split and parse front matter, keep positions
//! for diagnostics. Out comes plain, unchecked source data; `model` checks and links it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::{read_regular, utf8, Unreadable};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::messages::{self, Lang};
use crate::toml_errors::{explain, Place};

pub const CONTENT_DIR: &str = "content";
pub const AREAS_FILE: &str = "areas.toml";
const DELIMITER: &str = "+++";

/// Everything read from `content/`, before cross-checks.
#[derive(Debug, Default)]
pub struct Loaded {
    pub areas: Vec<AreaSource>,
    /// The text of areas.toml, for diagnostics that point into it.
    pub areas_source: String,
    /// Whether areas.toml was read: when it was not, no area id can be said to be unknown.
    pub areas_read: bool,
    pub reports: Vec<ReportSource>,
    /// Other files (PDFs, images), relative to content/, copied to the same place in the output.
    pub assets: Vec<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasFile {
    #[serde(default)]
    area: Vec<AreaSource>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSource {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub continues: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    pub title: String,
    pub kind: Spanned<String>,
    /// A string ("2026-04") or a TOML date (2026-02-09).
    pub date: Spanned<toml::Value>,
    pub committee: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub diary_number: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub next_follow_up: Option<String>,
    #[serde(default)]
    pub signatories: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub weight: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFront {
    pub area: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub direction: Option<String>,
    /// What was done, in a sentence or two of plain text (else the first paragraph is used).
    #[serde(default)]
    pub summary: Option<String>,
    /// One of the ids of site.toml's `[[status]]`.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
}

/// The parts of a Markdown file that diagnostics need after parsing.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root: "content/2025/delarsbokslut/03-franvaro.md".
    pub path: PathBuf,
    /// The text up to the end of the front matter; spans below index into it.
    pub head: String,
    /// Byte offset of the front matter TOML within `head`.
    pub front_offset: usize,
}

impl SourceFile {
    /// A diagnostic pointing at a span of the front matter.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(&self.path)
            .at_offset(&self.head, self.front_offset + span.start)
    }
}

#[derive(Debug, Clone)]
pub struct ReportSource {
    pub year: u16,
    pub slug: String,
    pub file: SourceFile,
    pub front: ReportFront,
    pub body: String,
    pub entries: Vec<EntrySource>,
}

#[derive(Debug, Clone)]
pub struct EntrySource {
    pub file: SourceFile,
    pub front: EntryFront,
    pub body: String,
    /// "03" of "03-franvaro.md", the default order.
    pub prefix_weight: Option<i64>,
}

/// `load` for the commands that change content (`import`, `new`): the content, or all its
/// errors in the site's language when any file could not be read.
pub fn load_clean(root: &Path) -> Result<Loaded, Diagnostics> {
    let lang = crate::config::language(root);
    let (loaded, errors) = load(root, lang);
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors.in_language(lang))
    }
}

/// Reads `<root>/content`: areas.toml, reports and entries, with the errors of every file
/// that could not be read. What was read is returned too, so that the model can check it in
/// the same round.
pub fn load(root: &Path, lang: Lang) -> (Loaded, Diagnostics) {
    let content = root.join(CONTENT_DIR);
    let mut errors = Diagnostics::default();
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        errors.push(
            Diagnostic::new(messages::no_content_folder(lang))
                .in_file(CONTENT_DIR)
                .with_hint(messages::no_content_folder_hint(lang, content.display())),
        );
        return (loaded, errors);
    }
    let (report_files, entry_files) = walk(root, &content, lang, &mut loaded, &mut errors);

    let areas_path = content.join(AREAS_FILE);
    let shown = display_path(root, &areas_path);
    match read_text(root, &areas_path, lang) {
        Ok(source) => {
            match toml::from_str::<AreasFile>(&source) {
                Ok(file) => {
                    loaded.areas = file.area;
                    loaded.areas_read = true;
                }
                Err(e) => errors.0.extend(explain(
                    &e,
                    &source,
                    &Place {
                        file: &shown,
                        file_text: &source,
                        offset: 0,
                        lang,
                    },
                )),
            }
            loaded.areas_source = source;
        }
        Err(d) if d.hint.is_some() => errors.push(d),
        Err(d) => errors.push(d.with_hint(messages::no_areas_file_hint(lang))),
    }

    // Parsing is per file and independent; files are read several at a time (`read_many`).
    let parsed_reports = read_many(&report_files, |(year, slug, path)| {
        parse_file::<ReportFront>(root, path, lang).map(|(file, front, body)| ReportSource {
            year: *year,
            slug: slug.clone(),
            file,
            front,
            body,
            entries: Vec::new(),
        })
    });
    let parsed_entries = read_many(&entry_files, |(year, slug, path)| {
        parse_file::<EntryFront>(root, path, lang)
            .map(|(file, front, body)| (*year, slug.clone(), entry_source(path, file, front, body)))
    });

    let mut unread_reports: Vec<(u16, &str)> = Vec::new();
    for (r, (year, slug, _)) in parsed_reports.into_iter().zip(&report_files) {
        match r {
            Ok(r) => loaded.reports.push(r),
            Err(d) => {
                unread_reports.push((*year, slug));
                errors.0.extend(d);
            }
        }
    }
    for e in parsed_entries {
        match e {
            Ok((year, slug, entry)) => {
                match loaded
                    .reports
                    .iter_mut()
                    .find(|r| r.year == year && r.slug == slug)
                {
                    Some(r) => r.entries.push(entry),
                    // The report's own file has an error already.
                    None if unread_reports.contains(&(year, slug.as_str())) => {}
                    None => errors.push(
                        Diagnostic::new(messages::entry_without_report(lang))
                            .in_file(&entry.file.path)
                            .with_hint(messages::entry_without_report_hint(lang, year, slug)),
                    ),
                }
            }
            Err(d) => errors.0.extend(d),
        }
    }
    (loaded, errors)
}

/// (year, report folder, path) of each report and each entry file.
type Found = Vec<(u16, String, PathBuf)>;

/// Walks content/: sorts its files into reports, entries and assets, and reports files in
/// the wrong place, folders that cannot be URLs and special files.
fn walk(
    root: &Path,
    content: &Path,
    lang: Lang,
    loaded: &mut Loaded,
    errors: &mut Diagnostics,
) -> (Found, Found) {
    let mut report_files: Found = Vec::new();
    let mut entry_files: Found = Vec::new();
    let mut bad_folders: Vec<PathBuf> = Vec::new();
    let (walker, special_ignores) = walker(content);
    let above: Vec<PathBuf> = content.ancestors().flat_map(special_ignore_files).collect();
    let special_file = |path: &Path| {
        let shown = display_path(root, path);
        Diagnostic::new(messages::not_a_regular_file(lang, shown.display()))
            .in_file(&shown)
            .with_hint(messages::not_a_regular_file_hint(lang))
    };
    if !above.is_empty() {
        errors.0.extend(above.iter().map(|p| special_file(p)));
        return (Vec::new(), Vec::new());
    }
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::new(messages::cannot_read_content(lang, e)));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let shown = display_path(root, &path);
        match entry.file_type() {
            Some(t) if t.is_file() => {}
            // Read below, where a special file is an error of its own.
            _ if entry.depth() == 1 && entry.file_name() == AREAS_FILE => continue,
            // A named pipe or a device would make the build wait for ever when read.
            Some(t) if !t.is_dir() && !t.is_symlink() => {
                // An ignore file is reported once, below.
                let name = entry.file_name();
                if !IGNORE_FILES.iter().any(|f| name == *f) {
                    errors.push(special_file(&path));
                }
                continue;
            }
            _ => continue,
        }
        let rel = path.strip_prefix(content).unwrap_or(&path).to_path_buf();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let is_md = path.extension().is_some_and(|e| e == "md");
        match (parts.as_slice(), is_md) {
            ([name], false) if name == AREAS_FILE => {}
            ([year, report, file], true) => {
                let Some(year_num) = parse_year(year) else {
                    errors.push(
                        Diagnostic::new(messages::not_a_year(lang, year))
                            .in_file(&shown)
                            .with_hint(messages::not_a_year_hint(lang)),
                    );
                    continue;
                };
                let slug = crate::slug::slugify(report);
                if slug != *report {
                    // Once per folder, not once per file in it.
                    let folder = shown.parent().unwrap_or(&shown).to_path_buf();
                    if !bad_folders.contains(&folder) {
                        let hint = if slug.is_empty() {
                            messages::folder_empty_slug_hint(lang)
                        } else {
                            messages::folder_not_slug_hint(lang, slug)
                        };
                        errors.push(
                            Diagnostic::new(messages::folder_not_slug(lang, report))
                                .in_file(&folder)
                                .with_hint(hint),
                        );
                        bad_folders.push(folder);
                    }
                    continue;
                }
                let list = if file == "_index.md" {
                    &mut report_files
                } else {
                    &mut entry_files
                };
                list.push((year_num, report.clone(), path));
            }
            (_, true) => errors.push(
                Diagnostic::new(messages::markdown_outside_report(lang))
                    .in_file(&shown)
                    .with_hint(messages::markdown_outside_report_hint(lang)),
            ),
            (_, false) => loaded.assets.push(rel),
        }
    }
    if let Ok(list) = special_ignores.lock() {
        errors.0.extend(list.iter().map(|p| special_file(p)));
    }
    (report_files, entry_files)
}

/// Special ignore files found in the folders the walker did not enter because of them.
type SpecialIgnores = std::sync::Arc<std::sync::Mutex<Vec<PathBuf>>>;

/// The walk of content/: hidden files and those of .gitignore/.ignore skipped, and files whose
/// name starts with `_` (but `_index.md`). The walker reads the ignore files of content/, of
/// the folders above it and of every folder it enters: one that is a named pipe would make it
/// wait for ever, so each folder's are looked at first (the caller checks those above), and a
/// folder holding one is not entered.
fn walker(content: &Path) -> (ignore::Walk, SpecialIgnores) {
    let special_ignores = SpecialIgnores::default();
    let walker = ignore::WalkBuilder::new(content)
        .hidden(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry({
            let special_ignores = special_ignores.clone();
            move |e| {
                let name = e.file_name().to_string_lossy();
                if e.file_type().is_some_and(|t| t.is_dir()) {
                    let found = special_ignore_files(e.path());
                    if !found.is_empty() {
                        if let Ok(mut list) = special_ignores.lock() {
                            list.extend(found);
                        }
                        return false;
                    }
                }
                e.depth() == 0 || !name.starts_with('_') || name == "_index.md"
            }
        })
        .build();
    (walker, special_ignores)
}

/// The ignore files the walker reads in each folder (`.gitignore` also outside a git work tree).
const IGNORE_FILES: [&str; 2] = [".gitignore", ".ignore"];

/// The ignore files in `dir` that are not regular files (a named pipe, a device).
fn special_ignore_files(dir: &Path) -> Vec<PathBuf> {
    IGNORE_FILES
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_file()))
        .collect()
}

fn entry_source(path: &Path, file: SourceFile, front: EntryFront, body: String) -> EntrySource {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let prefix_weight = stem.split('-').next().and_then(|p| p.parse().ok());
    EntrySource {
        file,
        front,
        body,
        prefix_weight,
    }
}

/// Reads one area entry file again (for `serve`'s incremental rebuild).
pub fn load_entry(root: &Path, path: &Path, lang: Lang) -> Result<EntrySource, Diagnostics> {
    let (file, front, body) = parse_file::<EntryFront>(root, path, lang).map_err(Diagnostics)?;
    Ok(entry_source(path, file, front, body))
}

/// How many files are read at once. A file not in the page cache (the first build in a while)
/// is waited for, and the disk serves several requests at once: with one reader per core
/// (rayon's), 1,000 pages took 70 ms to load cold (15 ms warm), with 8 readers 36 ms; 10,000
/// pages 0.72 s, with 8 readers 0.33 s.
const READERS: usize = 8;

/// `f` applied to every item on up to READERS threads of their own, the results in item order.
fn read_many<I: Sync, T: Send>(items: &[I], f: impl Fn(&I) -> T + Sync) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<(usize, T)> = std::thread::scope(|s| {
        let readers: Vec<_> = (0..READERS.min(items.len()))
            .map(|_| s.spawn(work))
            .collect();
        readers
            .into_iter()
            .flat_map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    results.sort_unstable_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

fn parse_year(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// Reads a file as UTF-8, pointing at the first bad byte when it is not.
fn read_text(root: &Path, path: &Path, lang: Lang) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = read_regular(path).map_err(|e| match e {
        Unreadable::Special => Diagnostic::new(messages::not_a_regular_file(lang, shown.display()))
            .in_file(&shown)
            .with_hint(messages::not_a_regular_file_hint(lang)),
        Unreadable::Io(e) => Diagnostic::new(messages::cannot_read_file(lang, e)).in_file(&shown),
    })?;
    utf8(bytes, &shown, lang)
}

/// Splits `+++` front matter from the body and deserialises it; every problem of the front
/// matter when it cannot be read.
fn parse_file<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    lang: Lang,
) -> Result<(SourceFile, T, String), Vec<Diagnostic>> {
    let shown = display_path(root, path);
    let text = read_text(root, path, lang).map_err(|d| vec![d])?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (front_offset, front_end, body_start) = split_front_matter(text).map_err(|closed| {
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

    #[test]
    fn files_read_together_come_back_in_order() {
        let items: Vec<u64> = (0..500).collect();
        // Uneven work, so that the readers finish out of order.
        let out = read_many(&items, |&i| {
            std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 200));
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(read_many(&[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("25"), None);
        assert_eq!(parse_year("20x5"), None);
    }
}
