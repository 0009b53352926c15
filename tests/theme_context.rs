//! What a theme's templates can read, as a site's own template overrides see it: every URL
//! comes from the context and names a file the build wrote, and every field of every view is
//! named in the theme's README (`themes/default/README.md`), which is the theme author's
//! reference.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::test_site::{Built, TestSite};

const BASE: &str = "/uppfoljning/";

/// Overrides that print what they read: a line `name: key key …` per value (a map's `list` is
/// its keys), and a line `href <url>` per URL, as plain text.
const DUMP_ENTRY: &str = "report: {{ report|list|join(' ') }}
entry: {{ entry|list|join(' ') }}
area: {{ area|list|join(' ') }}
";
const DUMP_YEAR: &str = "year: {{ year|list|join(' ') }}\n";
const DUMP_COMPARE: &str = "compare: {{ compare|list|join(' ') }}\n";
const DUMP_AREA: &str =
    "href {{ base_url }}{{ area.url }}\nhref {{ base_url }}{{ area.feed_url }}\n";
const DUMP_COMMITTEE: &str = "committee: {{ committee|list|join(' ') }}
href {{ base_url }}{{ committee.url }}
href {{ base_url }}{{ committee.feed_url }}
";
const DUMP_404: &str = "site: {{ site|list|join(' ') }}
page: {{ page|list|join(' ') }}
urls: {{ site.urls|list|join(' ') }}
{% for k in site.urls %}href {{ base_url }}{{ site.urls[k] }}
{% endfor %}";

/// Two follow-ups of one committee with the same area (so a comparison page), under a sub-path,
/// with every template above in the site's own `templates/`.
fn dumped_site() -> Built {
    TestSite::new()
        .area("franvaro", "Frånvaro")
        .report("Barn- och ungdomsnämnden", "2024/april", "2024-04")
        .entry(
            "franvaro",
            "Färre elever ska vara frånvarande.",
            "Vi har följt upp.",
        )
        .report("Barn- och ungdomsnämnden", "2025/april", "2025-04")
        .entry(
            "franvaro",
            "Alla elever ska vara närvarande.",
            "Vi har gjort mer.",
        )
        .file("templates/entry.html", DUMP_ENTRY)
        .file("templates/year.html", DUMP_YEAR)
        .file("templates/compare.html", DUMP_COMPARE)
        .file("templates/area.html", DUMP_AREA)
        .file("templates/committee.html", DUMP_COMMITTEE)
        .file("templates/404.html", DUMP_404)
        .build(&["--base-url", BASE])
}

fn read(out: &Path, file: &str) -> String {
    let path = out.join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys printed on the line `name: …` of a dump.
fn keys(dump: &str, name: &str) -> BTreeSet<String> {
    let prefix = format!("{name}:");
    let line = dump
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line {prefix} in\n{dump}"));
    let keys: BTreeSet<String> = line[prefix.len()..]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert!(!keys.is_empty(), "{name} has no fields:\n{dump}");
    keys
}

/// The text of the README that documents a value: the paragraph `**Name** (`NameView`): …`
/// or the table row `| `name` | …`.
fn documented<'a>(readme: &'a str, start: &str) -> &'a str {
    let at = readme
        .find(start)
        .unwrap_or_else(|| panic!("the theme README does not document {start}"));
    let rest = &readme[at..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    let text = &rest[..end];
    if start.starts_with('|') {
        text.lines().next().unwrap_or(text)
    } else {
        text
    }
}

fn theme_readme() -> String {
    read(&common::repo_root(), "themes/default/README.md")
}

#[test]
fn every_field_a_template_can_read_is_in_the_theme_readme() {
    let site = dumped_site();
    let readme = theme_readme();
    let entry_page = read(&site.out, "2025/april/franvaro/index.html");
    let dumps = [
        (entry_page.as_str(), "report", "**Report** (`ReportView`):"),
        (entry_page.as_str(), "entry", "**Entry** (`EntryView`):"),
        (entry_page.as_str(), "area", "**Area** (`AreaView`):"),
        (
            &read(&site.out, "2025/index.html"),
            "year",
            "**Year** (`YearView`):",
        ),
        (
            &read(&site.out, "namnder/barn-och-ungdomsnamnden/index.html"),
            "committee",
            "**Committee** (`CommitteeView`):",
        ),
        (
            &read(&site.out, "2025/april/franvaro/jamfor-franvaro/index.html"),
            "compare",
            "**Comparison** (`ComparisonView`):",
        ),
        (&read(&site.out, "404.html"), "site", "| `site` |"),
        (&read(&site.out, "404.html"), "page", "| `page` |"),
    ]
    .map(|(dump, name, doc)| (dump.to_string(), name, doc));
    let mut missing = Vec::new();
    for (dump, name, doc) in &dumps {
        let text = documented(&readme, doc);
        for key in keys(dump, name) {
            if !text.contains(&format!("`{key}`")) {
                missing.push(format!("{name}.{key}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields the theme README does not name: {missing:?}"
    );
}

#[test]
fn every_url_a_template_reads_is_a_file_of_the_output() {
    let site = dumped_site();
    let dumps = [
        read(&site.out, "404.html"),
        read(&site.out, "omraden/franvaro/index.html"),
        read(&site.out, "namnder/barn-och-ungdomsnamnden/index.html"),
    ];
    let hrefs: Vec<&str> = dumps
        .iter()
        .flat_map(|d| d.lines())
        .filter_map(|l| l.strip_prefix("href "))
        .collect();
    // home, areas, committees, search, accessibility, open data, feed, sitemap; an area's page
    // and feed; a committee's page and feed.
    assert_eq!(hrefs.len(), 12, "{hrefs:?}");
    for href in hrefs {
        let rel = href
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{href} is not under {BASE}"));
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        assert!(site.out.join(&file).is_file(), "{href}: no {file}");
    }
}

#[test]
fn the_readme_names_exactly_the_urls_templates_get() {
    let site = dumped_site();
    let readme = theme_readme();
    let row = documented(&readme, "| `site` |");
    let list = row
        .split_once("`urls` (")
        .and_then(|(_, rest)| rest.split_once(':'))
        .map(|(names, _)| names)
        .expect("the README's site row lists `urls` (`name`, …: what they are)");
    let named: BTreeSet<String> = list
        .split(',')
        .map(|n| n.trim().trim_matches('`').to_string())
        .collect();
    assert_eq!(named, keys(&read(&site.out, "404.html"), "urls"));
}
