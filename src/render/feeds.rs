//! The sitemap (split into parts for a large site) and the Atom feeds: all reports, per
//! committee and per area.

use std::collections::BTreeMap;

use super::theme::Text;
use super::PageAt;
use crate::config::{BaseUrl, Config};
use crate::model::Site;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// URLs per sitemap file. The protocol allows 50,000; a smaller file keeps every sitemap file a
/// size that does not grow with the site: past this, `sitemap.xml` becomes an index of
/// `sitemap-1.xml`, `sitemap-2.xml`, ….
pub(super) const SITEMAP_URLS: usize = 10_000;

/// The sitemap: `sitemap.xml` with every page, or, for a large site, an index of parts.
pub(super) fn sitemaps(
    base: &BaseUrl,
    pages: &[PageAt],
    site: &Site,
) -> Vec<crate::output::OutputFile> {
    use crate::output::OutputFile;
    let dates: BTreeMap<&str, String> = site
        .reports
        .iter()
        .flat_map(|r| {
            std::iter::once(r.url.as_str())
                .chain(r.entries.iter().map(|e| e.url.as_str()))
                .map(move |u| (u, r.date.rfc3339()))
        })
        .collect();
    let listed: Vec<&PageAt> = pages
        .iter()
        .filter(|p| p.path != crate::paths::NOT_FOUND)
        .collect();
    if listed.len() <= SITEMAP_URLS {
        return vec![OutputFile::new(
            crate::paths::SITEMAP,
            urlset(base, &listed, &dates),
        )];
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, part) in listed.chunks(SITEMAP_URLS).enumerate() {
        let path = crate::paths::sitemap_part(i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml_escape(&base.absolute(&path))
        ));
        files.push(OutputFile::new(path, urlset(base, part, &dates)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile::new(crate::paths::SITEMAP, index));
    files
}

fn urlset(base: &BaseUrl, pages: &[&PageAt], dates: &BTreeMap<&str, String>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&base.absolute(&p.url))
        ));
        if let Some(d) = dates.get(p.url.as_str()) {
            out.push_str(&format!("<lastmod>{}</lastmod>", &d[..10]));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub(super) fn atom(config: &Config, base: &BaseUrl, site: &Site, text: &Text) -> String {
    let items: Vec<FeedItem> = site
        .reports
        .iter()
        .rev()
        .take(config.feed.limit)
        .map(|r| report_item(r, text))
        .collect();
    atom_feed(
        config,
        base,
        &config.title,
        "",
        crate::paths::SITE_FEED,
        &items,
    )
}

/// One entry of an Atom feed: a report or an area's entry, at its site-relative URL.
pub(super) struct FeedItem {
    pub title: String,
    pub url: String,
    pub date: crate::model::PartialDate,
    pub summary: String,
}

/// A report as a feed entry: its committee, date and areas.
pub(super) fn report_item(r: &crate::model::Report, text: &Text) -> FeedItem {
    let areas: Vec<&str> = r.entries.iter().map(|e| e.title.as_str()).collect();
    let summary = format!(
        "{}, {}. {}",
        r.committee,
        text.date(&r.date),
        areas.join(" · ")
    );
    FeedItem {
        title: r.title.clone(),
        url: r.url.clone(),
        date: r.date,
        summary: summary.trim_end_matches(". ").to_string(),
    }
}

/// An Atom feed titled `title` of the page at `page` (site-relative), itself at `path`, with
/// `items` newest first.
pub(super) fn atom_feed(
    config: &Config,
    base: &BaseUrl,
    title: &str,
    page: &str,
    path: &str,
    items: &[FeedItem],
) -> String {
    let updated = items
        .iter()
        .map(|r| r.date)
        .max()
        .map(|d| d.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        xml_escape(&config.language),
        xml_escape(title),
        xml_escape(&base.absolute(page)),
        xml_escape(&base.absolute(page)),
        xml_escape(&base.absolute(path)),
    );
    let author = if config.organisation.is_empty() {
        &config.title
    } else {
        &config.organisation
    };
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(author)
    ));
    for item in items {
        let url = base.absolute(&item.url);
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&item.title),
            xml_escape(&url),
            xml_escape(&url),
            item.date.rfc3339(),
            xml_escape(&item.summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// A feed per committee (its reports) and per area (its entries and its lineage's), so that
/// a resident can follow one of them. `committee_urls`: each committee's page, in the order of
/// `Site::committees` (its feed is beside it).
pub(super) fn lineage_feeds(
    config: &Config,
    base: &BaseUrl,
    site: &Site,
    text: &Text,
    committee_urls: &[String],
) -> Vec<crate::output::OutputFile> {
    use crate::paths::area_feed as area_feed_path;
    let mut out = Vec::new();
    // Each committee's reports, newest first, gathered in one pass over the reports.
    let mut by_committee: BTreeMap<&str, Vec<FeedItem>> = BTreeMap::new();
    for r in site.reports.iter().rev() {
        let items = by_committee.entry(r.committee_key.as_str()).or_default();
        if items.len() < config.feed.limit {
            items.push(report_item(r, text));
        }
    }
    for (committee, url) in site.committees.iter().zip(committee_urls) {
        let items = by_committee.remove(committee.as_str()).unwrap_or_default();
        let path = crate::paths::feed_beside(url);
        let title = format!("{} – {committee}", config.title);
        let feed = atom_feed(config, base, &title, "", &path, &items);
        out.push(crate::output::OutputFile::new(path, feed));
    }
    for area in &site.areas {
        let items: Vec<FeedItem> = area
            .timeline
            .iter()
            .rev()
            .filter_map(|item| match item {
                crate::model::TimelineItem::Entry { entry, .. } => Some(*entry),
                crate::model::TimelineItem::Change { .. } => None,
            })
            .take(config.feed.limit)
            .map(|at| {
                let r = &site.reports[at.report];
                let e = &r.entries[at.entry];
                FeedItem {
                    title: format!("{} – {}", e.title, r.title),
                    url: e.url.clone(),
                    date: r.date,
                    summary: e.direction.as_deref().unwrap_or("").trim().to_string(),
                }
            })
            .collect();
        let path = area_feed_path(&area.id);
        let title = format!("{} – {}", config.title, area.name);
        let feed = atom_feed(config, base, &title, &area.url, &path, &items);
        out.push(crate::output::OutputFile::new(path, feed));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: String) -> PageAt {
        PageAt {
            path: format!("{url}index.html"),
            url,
        }
    }

    fn locs(xml: &str) -> Vec<String> {
        xml.split("<loc>")
            .skip(1)
            .map(|l| l.split("</loc>").next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index_of_parts_within_the_limit() {
        let base = BaseUrl::parse("https://example.se/uppfoljning/").unwrap();
        let site = Site {
            reports: Vec::new(),
            areas: Vec::new(),
            years: Vec::new(),
            committees: Vec::new(),
        };
        let mut pages: Vec<PageAt> = (0..2 * SITEMAP_URLS + 1)
            .map(|i| page(format!("sida-{i}/")))
            .collect();
        pages.push(PageAt {
            path: "404.html".into(),
            ..page("404.html".into())
        });
        let files = sitemaps(&base, &pages, &site);
        assert_eq!(files.len(), 4, "three parts and the index");
        let index = files.iter().find(|f| f.path == "sitemap.xml").unwrap();
        let index = String::from_utf8(index.contents.clone()).unwrap();
        assert!(index.contains("<sitemapindex"), "{index}");
        let parts = locs(&index);
        assert_eq!(parts[0], "https://example.se/uppfoljning/sitemap-1.xml");
        let mut listed = Vec::new();
        for part in &parts {
            let name = part.rsplit('/').next().unwrap();
            let file = files.iter().find(|f| f.path == name).unwrap();
            let urls = locs(std::str::from_utf8(&file.contents).unwrap());
            assert!(urls.len() <= SITEMAP_URLS);
            listed.extend(urls);
        }
        assert_eq!(
            listed.len(),
            2 * SITEMAP_URLS + 1,
            "every page once, not the 404"
        );
        assert!(!listed.iter().any(|u| u.ends_with("404.html")));

        // A site within the limit keeps its single sitemap.xml.
        let small = sitemaps(&base, &pages[..3], &site);
        assert_eq!(small.len(), 1);
        assert!(std::str::from_utf8(&small[0].contents)
            .unwrap()
            .contains("<urlset"));
    }
}
