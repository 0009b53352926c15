//! The walk of `content/`: its files sorted into reports, entries and assets, with an error for
//! every file in the wrong place, folder that cannot be a URL and special file (a named pipe, a
//! device), which would make a build wait for ever when read.

use std::path::{Path, PathBuf};

use super::AREAS_FILE;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::messages::{self, Lang};

/// (year, report folder, path) of each report and each entry file.
pub type Found = Vec<(u16, String, PathBuf)>;

/// What the walk of content/ found, and what is wrong with it.
#[derive(Default)]
pub struct Walked {
    /// Each report's `_index.md`.
    pub reports: Found,
    /// Each entry file.
    pub entries: Found,
    /// Other files (PDFs, images), relative to content/.
    pub assets: Vec<PathBuf>,
    pub errors: Diagnostics,
    /// Report folders already said to be no slug: once per folder, not once per file in it.
    bad_folders: Vec<PathBuf>,
}

/// Walks content/ (the folder `content` of the site at `root`).
pub fn walk(root: &Path, content: &Path, lang: Lang) -> Walked {
    let mut walked = Walked::default();
    let (walker, special_ignores) = walker(content);
    let above: Vec<PathBuf> = content.ancestors().flat_map(special_ignore_files).collect();
    if !above.is_empty() {
        let errors = above.iter().map(|p| special_file(root, p, lang));
        walked.errors.0.extend(errors);
        return walked;
    }
    for entry in walker {
        match entry {
            Ok(entry) if is_file_to_sort(&entry, root, lang, &mut walked.errors) => {
                walked.sort(entry.path(), root, content, lang);
            }
            Ok(_) => {}
            Err(e) => walked
                .errors
                .push(Diagnostic::new(messages::cannot_read_content(lang, e))),
        }
    }
    if let Ok(list) = special_ignores.lock() {
        let errors = list.iter().map(|p| special_file(root, p, lang));
        walked.errors.0.extend(errors);
    }
    walked
}

/// Whether the walk's `entry` is a file to sort: not a folder or areas.toml (read by `load`,
/// where a special file is an error of its own). A special file is an error, and so is a
/// symbolic link: the walk does not follow it, and skipped without a word it made the file
/// it stands for "missing" to the links and its report's entries "without _index.md".
fn is_file_to_sort(
    entry: &ignore::DirEntry,
    root: &Path,
    lang: Lang,
    errors: &mut Diagnostics,
) -> bool {
    match entry.file_type() {
        Some(t) if t.is_file() => true,
        _ if entry.depth() == 1 && entry.file_name() == AREAS_FILE => false,
        Some(t) if t.is_symlink() => {
            let shown = display_path(root, entry.path());
            let d = Diagnostic::new(messages::symbolic_link(lang, shown.display()));
            errors.push(
                d.in_file(&shown)
                    .with_hint(messages::symbolic_link_hint(lang)),
            );
            false
        }
        // A named pipe or a device would make the build wait for ever when read.
        Some(t) if !t.is_dir() && !t.is_symlink() => {
            // An ignore file is reported once, by `walk`.
            let name = entry.file_name();
            if !IGNORE_FILES.iter().any(|f| name == *f) {
                errors.push(special_file(root, entry.path(), lang));
            }
            false
        }
        _ => false,
    }
}

/// The error for a special file at `path`.
fn special_file(root: &Path, path: &Path, lang: Lang) -> Diagnostic {
    let shown = display_path(root, path);
    Diagnostic::new(messages::not_a_regular_file(lang, shown.display()))
        .in_file(&shown)
        .with_hint(messages::not_a_regular_file_hint(lang))
}

impl Walked {
    /// Sorts the file at `path`: Markdown is a report or an entry when it is in a report's
    /// folder (`<year>/<report>/`) and an error elsewhere; any other file is an asset.
    fn sort(&mut self, path: &Path, root: &Path, content: &Path, lang: Lang) {
        let shown = display_path(root, path);
        let rel = path.strip_prefix(content).unwrap_or(path).to_path_buf();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let is_md = path.extension().is_some_and(|e| e == "md");
        match (parts.as_slice(), is_md) {
            ([name], false) if name == AREAS_FILE => {}
            ([year, report, file], true) => {
                self.sort_markdown(year, report, file, path, &shown, lang);
            }
            (_, true) => self.errors.push(
                Diagnostic::new(messages::markdown_outside_report(lang))
                    .in_file(&shown)
                    .with_hint(messages::markdown_outside_report_hint(lang)),
            ),
            (_, false) => self.assets.push(rel),
        }
    }

    /// A Markdown file `<year>/<report>/<file>`: `_index.md` is the report, any other an entry,
    /// when the year is four digits and the report folder a slug.
    fn sort_markdown(
        &mut self,
        year: &str,
        report: &str,
        file: &str,
        path: &Path,
        shown: &Path,
        lang: Lang,
    ) {
        let Some(year_num) = parse_year(year) else {
            self.errors.push(
                Diagnostic::new(messages::not_a_year(lang, year))
                    .in_file(shown)
                    .with_hint(messages::not_a_year_hint(lang)),
            );
            return;
        };
        let slug = crate::slug::slugify(report);
        if slug != *report {
            let folder = shown.parent().unwrap_or(shown).to_path_buf();
            if !self.bad_folders.contains(&folder) {
                let hint = if slug.is_empty() {
                    messages::folder_empty_slug_hint(lang)
                } else {
                    messages::folder_not_slug_hint(lang, slug)
                };
                self.errors.push(
                    Diagnostic::new(messages::folder_not_slug(lang, report))
                        .in_file(&folder)
                        .with_hint(hint),
                );
                self.bad_folders.push(folder);
            }
            return;
        }
        let list = if file == "_index.md" {
            &mut self.reports
        } else {
            &mut self.entries
        };
        list.push((year_num, report.to_string(), path.to_path_buf()));
    }
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

fn parse_year(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("25"), None);
        assert_eq!(parse_year("20x5"), None);
    }
}
