//! Search stage: Swedish full-text search that works on any static host, at any size.
//!
//! At build time `build_index` turns one `SearchDoc` per page into a chunked index under
//! `search/` in the output; the theme's `static/search/` ES modules (no dependencies) answer
//! queries in the browser and the page `/sok/` shows the results. The same text processing runs on both
//! sides: Swedish tokenising (å, ä, ö kept; é → e, ü → y, æ → ä, ø → ö; soft hyphens removed;
//! hyphenated words indexed whole and by parts), Snowball Swedish stemming, and compound parts
//! found against the site's own vocabulary ("frånvaro" finds "skolfrånvaro"). Ranking is BM25
//! with boosts for title, headings and the area's direction. Where nothing matches, the client
//! retries without å/ä/ö ("franvaro") and then with one typo (words of five letters or more).
//!
//! Loading: the client loads index files with `fetch`, relative to the site's base URL (the
//! search page's `data-base-url`, else two folders above `<base_url>static/search/ui.js`).
//! Search therefore needs the site to be served over HTTP(S) by any static host (or `uppsikt
//! serve`); it does not work when the pages are opened from disk (file://), where browsers refuse
//! `fetch`. Reading the site never needs JavaScript. A query downloads `search/meta.json.gz` once, then only the term chunks of its
//! words and, by range, the fragments of the results it shows; all index files are
//! gzip-compressed (`pack`; fragment files page by page) and unpacked by the client.

mod analyse;
mod cache;
mod compound;
mod excerpt;
mod index;
mod meta;
mod pack;
pub mod text;
mod vocab;

pub use cache::{IndexCache, OnceIndex, OncePage, StageTime};
pub use compound::Vocabulary;
pub use index::term_scores;
pub use pack::{
    gunzip, gzip_fast, pack_file, unpack_ranged, RANGED_SUFFIX, SUFFIX as PACKED_SUFFIX,
};

use crate::markdown::Section;
use crate::output::OutputFile;

/// The folder of the index files in the output; nothing else may be put there.
pub const DIR: &str = crate::paths::SEARCH_INDEX;

/// One page as the search index sees it. Built by the render stage from the model.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    /// Site-relative URL without base_url and without a leading slash: "2025/delarsbokslut/elever-med-hog-franvaro/".
    pub url: String,
    pub title: String,
    pub year: String,
    pub report_title: String,
    /// Report kind id ("april", "delarsbokslut", ...) and its display label.
    pub report_kind: String,
    pub report_kind_label: String,
    /// Area id and name when the page is an area entry; None for report pages.
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    /// The committee's direction as plain text (empty when there is none).
    pub direction: String,
    pub sections: Vec<Section>,
}

/// Builds the search index files (paths under "search/", compressed) from a copy of `docs`.
/// Any content is indexable, so this cannot fail; an empty site gives an index that answers
/// every query with no results.
pub fn build_index(docs: &[SearchDoc]) -> Vec<OutputFile> {
    pack::pack_once(index_files(docs.to_vec()))
}

/// The index files before compression (see `cache` for the stages). A build compresses each
/// with `pack_file` as it writes it, so that compression runs beside the writing of the pages
/// and fills the time they wait on the disk. The documents are dropped as soon as the index no
/// longer needs them.
pub fn index_files(docs: Vec<SearchDoc>) -> Vec<OutputFile> {
    cache::IndexCache::files_once(docs)
}

/// A page with one section, for the search modules' tests.
#[cfg(test)]
pub(crate) fn one_section_page(
    url: &str,
    area: &str,
    title: &str,
    direction: &str,
    heading: &str,
    body: &str,
) -> SearchDoc {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        year: "2025".into(),
        report_title: "Rapport".into(),
        report_kind: "april".into(),
        report_kind_label: "April".into(),
        area_id: Some(area.into()),
        area_name: Some(area.into()),
        direction: direction.into(),
        sections: vec![Section {
            heading: Some(heading.into()),
            anchor: Some(crate::slug::slugify(heading)),
            text: body.into(),
        }],
    }
}
