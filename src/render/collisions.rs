//! Two things at one URL: pages, generated files and copied files compared as a host sees
//! their paths.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Input, PageAt};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::messages;

/// Two things at one URL is an error, named with both sources (a page by its title as well:
/// an entry's page and a year's second page of reports can have one path). URLs are compared as a host
/// would see them: `a//b` is `a/b`, and upper and lower case are one on many hosts (and on
/// the disks of Windows and macOS); a file where another needs a folder is an error too.
pub(super) fn url_collisions(
    input: &Input,
    pages: &[PageAt],
    titles: &[&str],
    generated: &[&str],
    copies: &[(PathBuf, String)],
) -> Diagnostics {
    let lang = crate::messages::Lang::of(&input.config.language);
    // Who wants a path, named in words only when there is a clash: a site of 200,000 pages
    // would otherwise hold a sentence per page and per folder.
    let name = |owner: Owner| match owner {
        Owner::Page(i) => messages::the_page(lang, &pages[i].path, titles.get(i).unwrap_or(&"")),
        Owner::Generated(path) => messages::the_generated_file(lang, path),
        Owner::Copy(from) => display_path(input.root, from).display().to_string(),
    };
    let all = (pages.iter().enumerate())
        .map(|(i, p)| (p.path.as_str(), Owner::Page(i)))
        .chain(generated.iter().map(|&path| (path, Owner::Generated(path))))
        .chain(
            copies
                .iter()
                .map(|(from, to)| (to.as_str(), Owner::Copy(from))),
        );
    let mut errors = Diagnostics::default();
    // Normalised path → (path as written, owner), for files and for the folders they need.
    let mut files: HashMap<String, (&str, Owner)> = HashMap::new();
    let mut folders: HashMap<String, (&str, Owner)> = HashMap::new();
    for (path, owner) in all {
        let norm = normalise(path);
        if path.starts_with(crate::search::DIR) || norm.starts_with(crate::search::DIR) {
            let owner = name(owner);
            let message = messages::in_search_folder(lang, path, crate::search::DIR, &owner);
            errors.push(
                Diagnostic::new(message)
                    .in_file(owner)
                    .with_hint(messages::in_search_folder_hint(lang)),
            );
            continue;
        }
        for (i, _) in norm.match_indices('/') {
            // Most files share their folders with others: look before allocating.
            if !folders.contains_key(&norm[..i]) {
                folders.insert(norm[..i].to_string(), (path, owner));
            }
        }
        if let Some(&(_, first)) = files.get(&norm) {
            let (owner, first) = (name(owner), name(first));
            // Alike once composed, the two are files that `to_url_path` made one address.
            let composed = crate::paths::composed;
            let hint = if composed(&owner) == composed(&first) {
                messages::same_url_composed_hint(lang)
            } else {
                messages::same_url_hint(lang)
            };
            errors.push(
                Diagnostic::new(messages::same_url(lang, path, &first, &owner))
                    .in_file(owner)
                    .with_hint(hint),
            );
        } else {
            files.insert(norm, (path, owner));
        }
    }
    let mut clashes: Vec<_> = files
        .iter()
        .filter_map(|(norm, &(path, owner))| Some((path, owner, folders.get(norm)?.1)))
        .collect();
    clashes.sort_by_key(|c| c.0);
    for (path, owner, other) in clashes {
        let owner = name(owner);
        errors.push(
            Diagnostic::new(messages::file_and_folder(lang, path, &owner, name(other)))
                .in_file(owner)
                .with_hint(messages::same_url_hint(lang)),
        );
    }
    errors
}

/// What wants a path: a page (by its position), a generated file, or a file copied from the
/// site's folders.
#[derive(Clone, Copy)]
enum Owner<'a> {
    Page(usize),
    Generated(&'a str),
    Copy(&'a PathBuf),
}

/// A URL path as a host compares it: empty and `.` segments dropped, lower case.
fn normalise(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase()
}
