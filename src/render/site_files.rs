//! The files of a build that are no template page: those generated beside the pages
//! (sitemaps, feeds, the theme's files) and those copied as they are (the theme's static
//! folders, content/'s assets).

use std::path::{Path, PathBuf};

use super::feeds::{self, atom, sitemaps};
use super::{theme, Input, PageAt};
use crate::output::OutputFile;

/// Everything that is not a template page nor open data: sitemaps, feeds, the theme's files;
/// and where the open-data files (made as they are written) come among them.
pub(super) fn generated_files(
    input: &Input,
    text: &theme::Text,
    pages: &[PageAt],
    committee_urls: &[String],
) -> (Vec<OutputFile>, usize) {
    let Input {
        config, base, site, ..
    } = *input;
    let mut extra = Vec::new();
    extra.extend(sitemaps(base, pages, site));
    if config.feed.enabled {
        extra.push(OutputFile::new(
            crate::paths::SITE_FEED,
            atom(config, base, site, text),
        ));
        extra.extend(feeds::lineage_feeds(
            config,
            base,
            site,
            text,
            committee_urls,
        ));
    }
    let data_at = extra.len();
    for (path, bytes) in &input.theme.static_files {
        extra.push(OutputFile::new(path.clone(), bytes.clone()));
    }
    (extra, data_at)
}

/// The files copied as they are: the theme's static folders and content/'s assets.
pub(super) fn copied_files(input: &Input) -> Vec<(PathBuf, String)> {
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    for dir in &input.theme.static_dirs {
        for entry in ignore::WalkBuilder::new(dir).hidden(true).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                copies.push((
                    entry.path().to_path_buf(),
                    crate::paths::static_file(&to_url_path(rel)),
                ));
            }
        }
    }
    let content_dir = input.root.join(crate::content::CONTENT_DIR);
    for asset in input.assets {
        copies.push((content_dir.join(asset), to_url_path(asset)));
    }
    copies
}

/// A relative path as a URL path: its components joined with `/`, composed (see
/// `paths::composed`), so that a file saved decomposed is published as links name it.
pub(super) fn to_url_path(p: &Path) -> String {
    p.iter()
        .map(|c| crate::paths::composed(&c.to_string_lossy()))
        .collect::<Vec<_>>()
        .join("/")
}
