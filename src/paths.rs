//! Every output path and URL of a site, in one place: the pages (home, years, reports,
//! entries, comparisons, areas, committees, search, accessibility, open data, 404), the feeds
//! and sitemaps, the open-data files and the folders the build fills (search index, static).
//!
//! A URL here is site-relative, without `base_url` and without a leading slash ("omraden/x/"),
//! as pages, feeds, sitemaps and templates (`{{ base_url }}{{ url }}`) use it. A page's file is
//! its URL with `index.html` (`page_file`). Templates read the fixed URLs as `site.urls`
//! (`SiteUrls`), the others from the views that carry them (`area.url`, `committee.feed_url`…).

use std::collections::HashMap;

use serde::Serialize;

/// `name` composed (Unicode NFC), as the URL of a file of content/ names it. A Mac may save
/// "bilåga.pdf" with å as a + ring (NFD); the author's link and the browser's request write
/// å as one letter, and a static host compares bytes. So a file is published, and every link
/// to it resolved, under the composed name.
pub fn composed(name: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(name.chars()) {
        IsNormalized::Yes => name.to_string(),
        _ => name.nfc().collect(),
    }
}

/// The open-data folder, spelled once for the constants below.
macro_rules! open_data_dir {
    () => {
        "data/"
    };
}

/// The home page.
pub const HOME: &str = "";
/// The list of every area; each area's page is under it (`area`).
pub const AREAS: &str = "omraden/";
/// Committee pages are under it (`committee_urls`).
pub const COMMITTEES: &str = "namnder/";
/// The search page.
pub const SEARCH: &str = "sok/";
/// The accessibility statement (tillgänglighetsredogörelse).
pub const ACCESSIBILITY: &str = "tillganglighet/";
/// The open-data page, in the folder of the open-data files.
pub const OPEN_DATA: &str = open_data_dir!();
/// The page a host shows for a missing URL; a file, not a folder, as hosts expect it.
pub const NOT_FOUND: &str = "404.html";

/// The name of every Atom feed: the site's at the root, a committee's and an area's beside
/// their page.
pub const FEED_FILE: &str = "atom.xml";
/// The feed of all reports.
pub const SITE_FEED: &str = FEED_FILE;
/// The sitemap, or for a large site the index of its parts (`sitemap_part`).
pub const SITEMAP: &str = "sitemap.xml";

/// The search index's folder; nothing else may be put there.
pub const SEARCH_INDEX: &str = "search/";
/// The theme's static files and the site's `static/` folder.
pub const STATIC: &str = "static/";

/// The open-data catalogue: the site, its committees, and its years with their files.
pub const CATALOGUE: &str = concat!(open_data_dir!(), "index.json");
/// The names of a year's open-data files, in `data/<year>/` (`year_data`) beside the year's
/// reports' files: its catalogue (reports and areas) and its tables.
pub const YEAR_CATALOGUE: &str = "index.json";
pub const REPORTS_CSV: &str = "rapporter.csv";
pub const AREAS_CSV: &str = "omraden.csv";
pub const ENTRIES_CSV: &str = "poster.csv";
/// The DCAT-AP-SE description of the open data.
pub const DCAT: &str = concat!(open_data_dir!(), "dcat.jsonld");
/// The id of the open data's dataset in the DCAT description.
pub const DATASET: &str = concat!(open_data_dir!(), "#dataset");

/// The fixed URLs, as templates read them: `{{ base_url }}{{ site.urls.search }}`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SiteUrls {
    pub home: &'static str,
    pub areas: &'static str,
    pub committees: &'static str,
    pub search: &'static str,
    pub accessibility: &'static str,
    pub open_data: &'static str,
    pub feed: &'static str,
    pub sitemap: &'static str,
}

pub const SITE_URLS: SiteUrls = SiteUrls {
    home: HOME,
    areas: AREAS,
    committees: COMMITTEES,
    search: SEARCH,
    accessibility: ACCESSIBILITY,
    open_data: OPEN_DATA,
    feed: SITE_FEED,
    sitemap: SITEMAP,
};

/// The file a page is written to: `<url>index.html` for a folder URL, the URL itself for a
/// file (the 404 page).
pub fn page_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// A year's page: `2026/`.
pub fn year(year: u16) -> String {
    format!("{year}/")
}

/// A report's page: `2026/april/`.
pub fn report(year: u16, slug: &str) -> String {
    format!("{year}/{slug}/")
}

/// An entry's page, under its report's: `2026/april/elever-med-hog-franvaro/`.
pub fn entry(report_url: &str, area: &str) -> String {
    format!("{report_url}{area}/")
}

/// The comparison of two consecutive entries of a lineage, under the later entry's page and
/// named by the earlier entry's area: `2026/april/b/jamfor-a/`. One level below the entry, so
/// that a visitor who trims the address lands on the entry's page (a `jamfor/` level between
/// them would be a folder without a page).
pub fn comparison(later_entry_url: &str, earlier_area: &str) -> String {
    format!("{later_entry_url}jamfor-{earlier_area}/")
}

/// An area's page (its timeline): `omraden/<id>/`.
pub fn area(id: &str) -> String {
    format!("{AREAS}{id}/")
}

/// An area's feed, beside its page.
pub fn area_feed(id: &str) -> String {
    feed_beside(&area(id))
}

/// The feed beside the page at `page_url` (a committee's, an area's).
pub fn feed_beside(page_url: &str) -> String {
    format!("{page_url}{FEED_FILE}")
}

/// `namnder/<slug>/` for each committee, by name, in the order given; a slug two names share
/// gets a number (`-2`, `-3`…), and a name without letters or digits is `namnd`.
pub fn committee_urls(committees: &[String]) -> HashMap<String, String> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    committees
        .iter()
        .map(|c| {
            let slug = crate::slug::slugify(c);
            let slug = if slug.is_empty() {
                "namnd".into()
            } else {
                slug
            };
            let n = taken.entry(slug.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { slug } else { format!("{slug}-{n}") };
            (c.clone(), format!("{COMMITTEES}{slug}/"))
        })
        .collect()
}

/// Part `n` (from 1) of a large site's sitemap.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// A report's open-data file: `data/<year>/<report>.json`.
pub fn report_data(year: u16, slug: &str) -> String {
    format!("{OPEN_DATA}{year}/{slug}.json")
}

/// A year's open-data file `name` (`YEAR_CATALOGUE`, `REPORTS_CSV`, …): `data/<year>/<name>`.
pub fn year_data(year: u16, name: &str) -> String {
    format!("{OPEN_DATA}{year}/{name}")
}

/// Part `part` (from 1) of the site's list of committees, when the site's catalogue lists them
/// in parts: `data/namnder/del-<part>.json`.
pub fn committee_list_part(part: usize) -> String {
    format!("{OPEN_DATA}{COMMITTEES}del-{part}.json")
}

/// The page of a year whose open data is cut in parts, listing the parts' files: `data/<year>/`.
pub fn year_data_page(year: u16) -> String {
    year_data(year, "")
}

/// The file `name` of part `part` (from 1) of a year whose open data is cut in parts:
/// `data/<year>/del-<part>/<name>`; `None`: the year is whole (`year_data`).
pub fn year_part_data(year: u16, part: Option<usize>, name: &str) -> String {
    match part {
        Some(n) => format!("{OPEN_DATA}{year}/del-{n}/{name}"),
        None => year_data(year, name),
    }
}

/// A file of the theme's or the site's `static/` folder, at `rel` inside it.
pub fn static_file(rel: &str) -> String {
    format!("{STATIC}{rel}")
}

/// Whether the build itself makes the file at the site path `path` (static files, the search
/// index, open data, feeds, sitemaps): a link to it is not checked against content's files.
pub fn is_generated(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    path.starts_with(STATIC)
        || path.starts_with(SEARCH_INDEX)
        || path.starts_with(OPEN_DATA)
        || name == FEED_FILE
        || path == SITEMAP
        || (path.starts_with("sitemap-") && path.ends_with(".xml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_nest_under_their_parents() {
        let report = report(2026, "april");
        assert_eq!(report, "2026/april/");
        let entry = entry(&report, "franvaro");
        assert_eq!(entry, "2026/april/franvaro/");
        assert_eq!(
            comparison(&entry, "hog-franvaro"),
            "2026/april/franvaro/jamfor-hog-franvaro/"
        );
        assert_eq!(year(2026), "2026/");
        assert_eq!(area("franvaro"), "omraden/franvaro/");
        assert_eq!(area_feed("franvaro"), "omraden/franvaro/atom.xml");
        assert_eq!(report_data(2026, "april"), "data/2026/april.json");
    }

    #[test]
    fn a_page_is_written_to_its_folders_index_except_a_file() {
        assert_eq!(page_file(HOME), "index.html");
        assert_eq!(page_file(SEARCH), "sok/index.html");
        assert_eq!(page_file(NOT_FOUND), "404.html");
    }

    #[test]
    fn committees_sharing_a_slug_get_numbers() {
        let names: Vec<String> = ["Barn- och ungdomsnämnden", "Barn och ungdomsnämnden", "–"]
            .map(String::from)
            .to_vec();
        let urls = committee_urls(&names);
        assert_eq!(urls[&names[0]], "namnder/barn-och-ungdomsnamnden/");
        assert_eq!(urls[&names[1]], "namnder/barn-och-ungdomsnamnden-2/");
        assert_eq!(urls[&names[2]], "namnder/namnd/");
    }

    #[test]
    fn generated_files_are_known_and_content_files_are_not() {
        for path in [
            "atom.xml",
            "omraden/x/atom.xml",
            "sitemap.xml",
            "sitemap-2.xml",
            "data/2025/poster.csv",
            "search/meta.json.gz",
            "static/style.css",
        ] {
            assert!(is_generated(path), "{path}");
        }
        for path in [
            "2026/april/bilaga.pdf",
            "atom.xml.pdf",
            "kartor/sitemap.xml",
        ] {
            assert!(!is_generated(path), "{path}");
        }
    }
}
