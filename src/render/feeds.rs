//! The sitemap and the Atom feed of reports.

use std::collections::BTreeMap;

use super::theme::Text;
use super::Page;
use crate::config::{BaseUrl, Config};
use crate::model::Site;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(super) fn sitemap(base: &BaseUrl, pages: &[Page], site: &Site) -> String {
    let dates: BTreeMap<&str, String> = site
        .reports
        .iter()
        .flat_map(|r| {
            std::iter::once(r.url.as_str())
                .chain(r.entries.iter().map(|e| e.url.as_str()))
                .map(move |u| (u, r.date.rfc3339()))
        })
        .collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages.iter().filter(|p| p.path != "404.html") {
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
    let mut reports: Vec<&crate::model::Report> = site.reports.iter().collect();
    reports.reverse();
    reports.truncate(config.feed.limit);
    let updated = reports
        .iter()
        .map(|r| r.date)
        .max()
        .map(|d| d.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        xml_escape(&config.language),
        xml_escape(&config.title),
        xml_escape(&base.absolute("")),
        xml_escape(&base.absolute("")),
        xml_escape(&base.absolute("atom.xml")),
    );
    if !config.organisation.is_empty() {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml_escape(&config.organisation)
        ));
    } else {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml_escape(&config.title)
        ));
    }
    for r in reports {
        let url = base.absolute(&r.url);
        let areas: Vec<&str> = r.entries.iter().map(|e| e.title.as_str()).collect();
        let summary = format!(
            "{}, {}. {}",
            r.committee,
            text.date(&r.date),
            areas.join(" · ")
        );
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&r.title),
            xml_escape(&url),
            xml_escape(&url),
            r.date.rfc3339(),
            xml_escape(summary.trim_end_matches(". ")),
        ));
    }
    out.push_str("</feed>\n");
    out
}
