//! Content stage: walk `content/` with `ignore` (`walk`), split and parse each file's front
//! matter keeping positions for diagnostics (`front`), and gather what was read (`load`). Out
//! comes plain, unchecked source data (`sources`); `model` checks and links it.

mod bodies;
mod front;
mod sources;
mod walk;

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::messages::{self, Lang};
use crate::toml_errors::{explain, Place};
pub use bodies::{body_hash, Bodies};
use front::{entry_source, parse_file, read_text};
pub use sources::{
    AreaSource, EntryFront, EntrySource, Loaded, ReportFront, ReportSource, SourceFile,
};
use walk::Found;

pub const CONTENT_DIR: &str = "content";
pub const AREAS_FILE: &str = "areas.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasFile {
    #[serde(default)]
    area: Vec<AreaSource>,
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
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        let error = Diagnostic::new(messages::no_content_folder(lang))
            .in_file(CONTENT_DIR)
            .with_hint(messages::no_content_folder_hint(lang, content.display()));
        return (loaded, Diagnostics::from(error));
    }
    let walked = walk::walk(root, &content, lang);
    let mut errors = walked.errors;
    loaded.assets = walked.assets;
    read_areas(root, &content, lang, &mut loaded, &mut errors);
    read_reports(
        root,
        &walked.reports,
        &walked.entries,
        lang,
        &mut loaded,
        &mut errors,
    );
    (loaded, errors)
}

/// Reads areas.toml into `loaded`, its text kept for errors that point into it.
fn read_areas(
    root: &Path,
    content: &Path,
    lang: Lang,
    loaded: &mut Loaded,
    errors: &mut Diagnostics,
) {
    let areas_path = content.join(AREAS_FILE);
    let source = match read_text(root, &areas_path, lang) {
        Ok(source) => source,
        Err(d) if d.hint.is_some() => return errors.push(d),
        Err(d) => return errors.push(d.with_hint(messages::no_areas_file_hint(lang))),
    };
    match toml::from_str::<AreasFile>(&source) {
        Ok(file) => {
            loaded.areas = file.area;
            loaded.areas_read = true;
        }
        Err(e) => {
            let shown = display_path(root, &areas_path);
            let place = Place {
                file: &shown,
                file_text: &source,
                offset: 0,
                lang,
            };
            errors.0.extend(explain(&e, &source, &place));
        }
    }
    loaded.areas_source = source;
}

/// Reads every report and entry file (several at a time: `read_many`) into `loaded`, each
/// entry with its report; an entry whose report has no `_index.md` is an error.
fn read_reports(
    root: &Path,
    report_files: &Found,
    entry_files: &Found,
    lang: Lang,
    loaded: &mut Loaded,
    errors: &mut Diagnostics,
) {
    let parsed_reports = read_many(report_files, |(year, slug, path)| {
        parse_file::<ReportFront>(root, path, lang).map(|(file, front, body)| ReportSource {
            year: *year,
            slug: slug.clone(),
            file,
            front,
            body,
            entries: Vec::new(),
        })
    });
    let parsed_entries = read_many(entry_files, |(year, slug, path)| {
        parse_file::<EntryFront>(root, path, lang)
            .map(|(file, front, body)| (*year, slug.clone(), entry_source(path, file, front, body)))
    });
    let mut unread_reports: Vec<(u16, &str)> = Vec::new();
    for (r, (year, slug, _)) in parsed_reports.into_iter().zip(report_files) {
        match r {
            Ok(r) => loaded.reports.push(r),
            Err(d) => {
                unread_reports.push((*year, slug));
                errors.0.extend(d);
            }
        }
    }
    // Each report's place, by (year, slug): an entry finds its report at once.
    let mut places = std::collections::HashMap::new();
    for (i, r) in loaded.reports.iter().enumerate() {
        places.entry((r.year, r.slug.clone())).or_insert(i);
    }
    for e in parsed_entries {
        let (year, slug, entry) = match e {
            Ok(e) => e,
            Err(d) => {
                errors.0.extend(d);
                continue;
            }
        };
        let report = (places.get(&(year, slug.clone()))).map(|&i| &mut loaded.reports[i]);
        match report {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
