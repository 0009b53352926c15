//! Content stage: walk `content/` with `ignore`, split and parse front matter, keep positions
//! for diagnostics. Out comes plain, unchecked source data; `model` checks and links it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::toml_diagnostic;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

pub const CONTENT_DIR: &str = "content";
pub const AREAS_FILE: &str = "areas.toml";
const DELIMITER: &str = "+++";

/// Everything read from `content/`, before cross-checks.
#[derive(Debug, Default)]
pub struct Loaded {
    pub areas: Vec<AreaSource>,
    /// The text of areas.toml, for diagnostics that point into it.
    pub areas_source: String,
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

/// Reads `<root>/content`: areas.toml, reports and entries. Collects every error it meets.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    let content = root.join(CONTENT_DIR);
    let mut errors = Diagnostics::default();
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        return Err(Diagnostic::new("there is no content/ folder")
            .in_file(CONTENT_DIR)
            .with_hint(format!(
                "create {} with areas.toml and one folder per year",
                content.display()
            ))
            .into());
    }

    let mut report_files: Vec<(u16, String, PathBuf)> = Vec::new();
    let mut entry_files: Vec<(u16, String, PathBuf)> = Vec::new();
    let walker = ignore::WalkBuilder::new(&content)
        .hidden(true)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !name.starts_with('_') || name == "_index.md"
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::new(format!(
                    "cannot read the content folder: {e}"
                )));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path().to_path_buf();
        let rel = path.strip_prefix(&content).unwrap_or(&path).to_path_buf();
        let shown = display_path(root, &path);
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let is_md = path.extension().is_some_and(|e| e == "md");
        match (parts.as_slice(), is_md) {
            ([name], false) if name == AREAS_FILE => {}
            ([year, report, file], true) => {
                let Some(year_num) = parse_year(year) else {
                    errors.push(Diagnostic::new(format!("`{year}` is not a year")).in_file(&shown).with_hint(
                        "put reports in a folder named by four-digit year: content/2026/<report>/_index.md",
                    ));
                    continue;
                };
                if crate::slug::slugify(report) != *report {
                    errors.push(
                        Diagnostic::new(format!("the report folder `{report}` is not a URL slug"))
                            .in_file(&shown)
                            .with_hint(format!(
                                "rename the folder to `{}` (lower-case a-z, 0-9 and '-')",
                                crate::slug::slugify(report)
                            )),
                    );
                    continue;
                }
                let list = if file == "_index.md" { &mut report_files } else { &mut entry_files };
                list.push((year_num, report.clone(), path));
            }
            (_, true) => errors.push(
                Diagnostic::new("a Markdown file outside any report")
                    .in_file(&shown)
                    .with_hint("reports are content/<year>/<report>/_index.md, their areas content/<year>/<report>/NN-slug.md"),
            ),
            (_, false) => loaded.assets.push(rel),
        }
    }

    let areas_path = content.join(AREAS_FILE);
    match read_text(root, &areas_path) {
        Ok(source) => {
            let shown = display_path(root, &areas_path);
            match toml::from_str::<AreasFile>(&source) {
                Ok(file) => loaded.areas = file.area,
                Err(e) => errors.push(toml_diagnostic(&e, &source, shown)),
            }
            loaded.areas_source = source;
        }
        Err(d) => errors.push(
            d.with_hint("create content/areas.toml with one [[area]] table (id, name) per area"),
        ),
    }

    // Parsing is per file and independent; files are read several at a time (`read_many`).
    let parsed_reports = read_many(&report_files, |(year, slug, path)| {
        parse_file::<ReportFront>(root, path).map(|(file, front, body)| ReportSource {
            year: *year,
            slug: slug.clone(),
            file,
            front,
            body,
            entries: Vec::new(),
        })
    });
    let parsed_entries = read_many(&entry_files, |(year, slug, path)| {
        parse_file::<EntryFront>(root, path).map(|(file, front, body)| {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            let prefix_weight = stem.split('-').next().and_then(|p| p.parse().ok());
            (
                *year,
                slug.clone(),
                EntrySource {
                    file,
                    front,
                    body,
                    prefix_weight,
                },
            )
        })
    });

    for r in parsed_reports {
        match r {
            Ok(r) => loaded.reports.push(r),
            Err(d) => errors.push(d),
        }
    }
    for e in parsed_entries {
        match e {
            Ok((year, slug, entry)) => {
                match loaded.reports.iter_mut().find(|r| r.year == year && r.slug == slug) {
                    Some(r) => r.entries.push(entry),
                    None if !errors.0.iter().any(|d| {
                        d.file.as_deref().is_some_and(|f| f.ends_with(Path::new(&year.to_string()).join(&slug).join("_index.md")))
                    }) => errors.push(
                        Diagnostic::new("an area entry in a folder without _index.md")
                            .in_file(&entry.file.path)
                            .with_hint(format!(
                                "add content/{year}/{slug}/_index.md with the report's title, kind, date and committee"
                            )),
                    ),
                    None => {}
                }
            }
            Err(d) => errors.push(d),
        }
    }
    errors.into_result(loaded)
}

/// Reads one area entry file again (for `serve`'s incremental rebuild).
pub fn load_entry(root: &Path, path: &Path) -> Result<EntrySource, Diagnostic> {
    let (file, front, body) = parse_file::<EntryFront>(root, path)?;
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let prefix_weight = stem.split('-').next().and_then(|p| p.parse().ok());
    Ok(EntrySource {
        file,
        front,
        body,
        prefix_weight,
    })
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
fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::new(format!("cannot read the file: {e}")).in_file(&shown))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        Diagnostic::new("the file is not UTF-8 text")
            .in_file(&shown)
            .at_offset(&prefix, good)
            .with_hint("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    })
}

/// Splits `+++` front matter from the body and deserialises it.
fn parse_file<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
) -> Result<(SourceFile, T, String), Diagnostic> {
    let shown = display_path(root, path);
    let text = read_text(root, path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (front_offset, front_end, body_start) =
        split_front_matter(text).map_err(|(msg, hint)| {
            Diagnostic::new(msg)
                .in_file(&shown)
                .at_offset(text, 0)
                .with_hint(hint)
        })?;
    let front = &text[front_offset..front_end];
    let file = SourceFile {
        path: shown.clone(),
        head: text[..body_start].to_string(),
        front_offset,
    };
    let value: T = toml::from_str(front).map_err(|e| {
        let mut d = toml_diagnostic(&e, front, &shown);
        if let Some(span) = e.span() {
            d = d.at_offset(text, front_offset + span.start);
        }
        d
    })?;
    Ok((file, value, text[body_start..].to_string()))
}

/// (start of TOML, end of TOML, start of body) or what is wrong and how to fix it.
fn split_front_matter(text: &str) -> Result<(usize, usize, usize), (String, String)> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != DELIMITER {
        return Err((
            "the file does not start with `+++` front matter".into(),
            "begin the file with a line `+++`, the TOML keys, and another line `+++`".into(),
        ));
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
    Err((
        "the front matter opened with `+++` on line 1 is never closed".into(),
        "add a line with only `+++` after the last key".into(),
    ))
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
        let err = split_front_matter("+++\ntitle = \"a\"\nBody\n").unwrap_err();
        assert!(err.0.contains("never closed"));
        assert!(split_front_matter("title = 1").is_err());
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
