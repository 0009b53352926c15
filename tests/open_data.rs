//! The open data a build publishes: the catalogues, one JSON file per report, each year's CSV tables,
//! the DCAT-AP-SE description and the feeds per committee and per area, each read back the way
//! a reuser would (JSON parsed, CSV parsed by an independent reader, every link resolved to a
//! file of the output).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

mod common;
use common::cli::{build, fixture};
use common::copy_dir;
use common::test_site::TestSite;

const BASE: &str = "https://example.se/uppfoljning/";

/// The lineage fixture with an entry title and direction that CSV must quote, built under a
/// full base URL.
fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("lineage"), &root);
    let entry = root.join("content/2025/april/01-hog-franvaro.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let text = text.replacen("title = \"", "title = \"Frånvaro, \\\"hög\\\" och låg: ", 1);
    std::fs::write(&entry, text).unwrap();
    let out = tmp.path().join("public");
    let o = build(&root, &out, &["--base-url", BASE]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, out)
}

fn json(out: &Path, rel: &str) -> Value {
    let bytes = std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The output file an absolute URL of the site names (a folder URL names its index.html).
fn file_of(out: &Path, url: &str) -> PathBuf {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    if rel.is_empty() || rel.ends_with('/') {
        out.join(rel).join("index.html")
    } else {
        out.join(rel)
    }
}

/// RFC 4180 read independently of the writer: quoted fields, doubled quotes, CRLF rows.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The site's catalogue and each year's, as a reuser walks them: from the first to the second
/// by their links.
fn catalogues(out: &Path) -> (Value, Vec<Value>) {
    let site = json(out, "data/index.json");
    let years = (site["years"].as_array().unwrap().iter())
        .map(|y| {
            let url = y["catalogue"].as_str().unwrap();
            let bytes = std::fs::read(file_of(out, url)).unwrap();
            serde_json::from_slice(&bytes).unwrap()
        })
        .collect();
    (site, years)
}

#[test]
fn the_catalogues_link_every_year_report_area_and_file() {
    let (_tmp, out) = built();
    let (site, years) = catalogues(&out);
    let listed: Vec<u64> = (site["years"].as_array().unwrap().iter())
        .map(|y| y["year"].as_u64().unwrap())
        .collect();
    assert_eq!(listed, [2025, 2024], "newest first: {site}");
    for y in site["years"].as_array().unwrap() {
        for key in [
            "url",
            "catalogue",
            "reports_csv",
            "areas_csv",
            "entries_csv",
        ] {
            let url = y[key].as_str().unwrap();
            assert!(file_of(&out, url).is_file(), "{key} {url}");
        }
    }
    let mut reports = Vec::new();
    let mut areas = Vec::new();
    for (year, catalogue) in listed.iter().zip(&years) {
        // A year's catalogue holds that year's reports only.
        for r in catalogue["reports"].as_array().unwrap() {
            assert_eq!(r["year"].as_u64(), Some(*year), "{r}");
            reports.push(r.clone());
        }
        areas.extend(catalogue["areas"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(reports.len(), 2, "{years:?}");
    for r in &reports {
        for key in ["url", "data"] {
            let url = r[key].as_str().unwrap();
            assert!(file_of(&out, url).is_file(), "{key} {url}");
        }
    }
    let merged = areas.iter().find(|a| a["id"] == "tidiga-insatser").unwrap();
    assert_eq!(merged["continues"], serde_json::json!(["lasa", "stod"]));
    let split = areas.iter().find(|a| a["id"] == "kvalitet").unwrap();
    assert_eq!(
        split["continued_by"],
        serde_json::json!(["arbetsmiljo", "kompetens"])
    );
    for a in &areas {
        assert!(file_of(&out, a["url"].as_str().unwrap()).is_file());
        assert!(file_of(&out, a["feed"].as_str().unwrap()).is_file());
    }
    for f in site["files"].as_object().unwrap().values() {
        assert!(file_of(&out, f.as_str().unwrap()).is_file(), "{f}");
    }
    assert_eq!(site["committees"][0]["name"], "Testnämnden");
}

#[test]
fn each_report_has_its_own_file_with_its_entries_whole() {
    let (_tmp, out) = built();
    let report = json(&out, "data/2025/april.json");
    assert_eq!(report["committee"], "Testnämnden");
    let entries = report["entries"].as_array().unwrap();
    let entry = entries
        .iter()
        .find(|e| e["area"] == "hog-franvaro")
        .unwrap();
    assert!(
        entry["text"].as_str().unwrap().contains("Socialpedagoger"),
        "{entry}"
    );
    assert_eq!(entry["area_name"], "Elever med hög frånvaro");
    assert!(entry["title"]
        .as_str()
        .unwrap()
        .starts_with("Frånvaro, \"hög\""));
    // Year over year through the rename: the previous entry is franvaro's of 2024.
    let previous = entry["previous"].as_array().unwrap();
    assert_eq!(previous.len(), 1, "{entry}");
    assert!(file_of(&out, previous[0].as_str().unwrap()).is_file());
    // A report file is one report: no other report's text is in it.
    let all = std::fs::read_to_string(out.join("data/2025/april.json")).unwrap();
    assert!(!all.contains("\"2024\""));
}

#[test]
fn each_years_tables_parse_back_one_row_per_report_area_and_entry() {
    let (_tmp, out) = built();
    let read = |url: &Value| {
        let text = std::fs::read_to_string(file_of(&out, url.as_str().unwrap())).unwrap();
        parse_csv(&text)
    };
    let (site, years) = catalogues(&out);
    let mut all_entries = 0;
    for (y, catalogue) in site["years"].as_array().unwrap().iter().zip(&years) {
        let files = &catalogue["files"];
        let reports = read(&files["reports_csv"]);
        let listed = catalogue["reports"].as_array().unwrap();
        assert_eq!(reports.len() - 1, listed.len());
        let areas = read(&files["areas_csv"]);
        assert_eq!(
            areas.len() - 1,
            catalogue["areas"].as_array().unwrap().len()
        );
        let entries = read(&files["entries_csv"]);
        let total: u64 = listed.iter().map(|r| r["entries"].as_u64().unwrap()).sum();
        assert_eq!(entries.len() as u64 - 1, total);
        all_entries += total;
        assert!(entries.iter().all(|r| r.len() == entries[0].len()));
        // One year's entries, of the areas its table lists.
        let (year, area) = (column(&entries, "year"), column(&entries, "area"));
        let ids: HashSet<&str> = areas[1..].iter().map(|r| r[0].as_str()).collect();
        for r in &entries[1..] {
            assert_eq!(r[year], y["year"].to_string());
            assert!(ids.contains(r[area].as_str()), "{r:?}");
            let url = column(&entries, "url");
            assert!(file_of(&out, &r[url]).is_file(), "{}", r[url]);
        }
    }
    assert!(all_entries > 0);
    let entries = read(&years[0]["files"]["entries_csv"]);
    // The quoted title survives the round trip whole, in its own column.
    let title = column(&entries, "title");
    assert!(entries
        .iter()
        .any(|r| r[title].starts_with("Frånvaro, \"hög\" och låg: ")));
    // What was done: the first paragraph of an entry that states no summary, as on the page.
    let summary = column(&entries, "summary");
    let area_col = column(&entries, "area");
    let franvaro = entries
        .iter()
        .find(|r| r[area_col] == "hog-franvaro")
        .unwrap();
    assert!(!franvaro[summary].is_empty(), "{franvaro:?}");
}

#[test]
fn dcat_describes_every_table_for_the_national_data_portal() {
    let (_tmp, out) = built();
    let dcat = json(&out, "data/dcat.jsonld");
    let context = &dcat["@context"];
    assert_eq!(context["dcat"], "http://www.w3.org/ns/dcat#");
    assert_eq!(context["dcterms"], "http://purl.org/dc/terms/");
    assert_eq!(dcat["@type"], "dcat:Catalog");
    for key in ["dcterms:title", "dcterms:description"] {
        assert!(!dcat[key].as_str().unwrap_or_default().is_empty(), "{key}");
    }
    let dataset = &dcat["dcat:dataset"][0];
    assert_eq!(dataset["@type"], "dcat:Dataset");
    // DCAT-AP-SE's mandatory properties of a dataset.
    for key in ["dcterms:title", "dcterms:description"] {
        assert!(
            !dataset[key].as_str().unwrap_or_default().is_empty(),
            "{key}"
        );
    }
    assert_eq!(dataset["dcterms:publisher"]["@type"], "foaf:Agent");
    assert!(dataset["dcterms:publisher"]["foaf:name"].is_string());
    let distributions = dataset["dcat:distribution"].as_array().unwrap();
    let mut formats = HashSet::new();
    for d in distributions {
        assert_eq!(d["@type"], "dcat:Distribution");
        let url = d["dcat:accessURL"]["@id"].as_str().unwrap();
        assert!(file_of(&out, url).is_file(), "{url}");
        formats.insert(d["dcat:mediaType"]["@id"].as_str().unwrap().to_string());
    }
    // The site's catalogue, then each year's catalogue and three tables.
    assert_eq!(distributions.len(), 1 + 2 * 4);
    assert!(
        formats.iter().any(|f| f.ends_with("/text/csv")),
        "{formats:?}"
    );
}

#[test]
fn a_resident_can_follow_one_area_or_one_committee() {
    let (_tmp, out) = built();
    let feed = std::fs::read_to_string(out.join("omraden/hog-franvaro/atom.xml")).unwrap();
    // The area's own entry and its predecessor's (a rename), newest first.
    let links: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            e.split("<link href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(links.len(), 2, "{feed}");
    assert!(
        links[0].contains("/2025/") && links[1].contains("/2024/"),
        "{links:?}"
    );
    for l in &links {
        assert!(file_of(&out, l).is_file(), "{l}");
    }
    assert!(feed.contains("<link rel=\"self\" href=\"https://example.se/uppfoljning/omraden/hog-franvaro/atom.xml\"/>"));
    // The area's page announces its feed to browsers and feed readers.
    let page = std::fs::read_to_string(out.join("omraden/hog-franvaro/index.html")).unwrap();
    let page = scraper::Html::parse_document(&page);
    let alternate =
        scraper::Selector::parse("link[rel=alternate][type='application/atom+xml']").unwrap();
    let feeds: Vec<&str> = page
        .select(&alternate)
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(
        feeds.contains(&"/uppfoljning/omraden/hog-franvaro/atom.xml"),
        "{feeds:?}"
    );
    let page = std::fs::read_to_string(out.join("namnder/testnamnden/index.html")).unwrap();
    let page = scraper::Html::parse_document(&page);
    let feeds: Vec<&str> = page
        .select(&alternate)
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert!(
        feeds.contains(&"/uppfoljning/namnder/testnamnden/atom.xml"),
        "{feeds:?}"
    );
    let committee = std::fs::read_to_string(out.join("namnder/testnamnden/atom.xml")).unwrap();
    assert_eq!(committee.matches("<entry>").count(), 2, "{committee}");
}

#[test]
fn the_tables_carry_each_entrys_status_and_summary_as_the_pages_show_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(&fixture("residents"), &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = parse_csv(&std::fs::read_to_string(out.join("data/2025/poster.csv")).unwrap());
    let (status, summary) = (column(&rows, "status"), column(&rows, "summary"));
    let labels: HashSet<&str> = rows[1..].iter().map(|r| r[status].as_str()).collect();
    // Labels as site.toml defines them, not the ids entries write.
    assert!(labels.contains("Genomförd"), "{labels:?}");
    let (area, year) = (column(&rows, "area"), column(&rows, "year"));
    let stated = rows
        .iter()
        .find(|r| r[area] == "hog-franvaro" && r[year] == "2025")
        .expect("the 2025 entry of hog-franvaro");
    assert_eq!(stated[status], "Genomförd");
    assert_eq!(
        stated[summary],
        "Socialpedagoger arbetar nu på alla skolor."
    );
    assert!(
        rows[1..].iter().all(|r| !r[summary].contains('\n')),
        "summaries are plain text"
    );
    let report = json(&out, "data/2025/april.json");
    let stated: Vec<&Value> = report["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"].is_string())
        .collect();
    assert!(!stated.is_empty(), "{report}");
}

/// A year of more reports than a part holds (100) has its catalogue and tables once per part,
/// in `data/<year>/del-<n>/`, and its own catalogue lists the parts: a reuser who follows the
/// links finds every report once, and no table holds more than a part's reports. A year of
/// few reports keeps its files in `data/<year>/`.
#[test]
fn a_year_of_many_reports_has_its_files_in_parts() {
    let mut site = TestSite::new();
    for i in 0..5 {
        site = site.area(&format!("yta-{i}"), &format!("Yta {i}"));
    }
    for i in 0..130 {
        site = site
            .report("Grundskolenämnden", &format!("2025/r{i:03}"), "2025-04")
            .entry(&format!("yta-{}", i % 5), "Inriktning.", "Text.\n")
            .entry(&format!("yta-{}", (i + 1) % 5), "Inriktning.", "Text.\n");
    }
    let site = site
        .report("Grundskolenämnden", "2024/april", "2024-04")
        .entry("yta-0", "Inriktning.", "Text.\n")
        .build(&["--base-url", BASE]);
    let out = &site.out;
    let (catalogue, years) = catalogues(out);
    let whole = &catalogue["years"][1];
    assert_eq!(whole["year"], 2024);
    assert!(file_of(out, whole["entries_csv"].as_str().unwrap()).is_file());
    let (listed, year) = (&catalogue["years"][0], &years[0]);
    assert!(
        year["parts"].is_array(),
        "the year's catalogue lists its parts"
    );
    assert_eq!(listed["parts"], 2, "the site's catalogue says how many");
    assert_eq!(year["reports"], 130);
    assert!(
        !out.join("data/2025/poster.csv").exists(),
        "the year is in parts"
    );
    let mut reports = HashSet::new();
    for (n, part) in year["parts"].as_array().unwrap().iter().enumerate() {
        let read = |key: &str| {
            let url = part["files"][key].as_str().unwrap();
            assert!(url.contains(&format!("/data/2025/del-{}/", n + 1)), "{url}");
            std::fs::read_to_string(file_of(out, url)).unwrap()
        };
        let own: Value = serde_json::from_str(&read("catalogue")).unwrap();
        assert_eq!(
            (&own["part"], &part["part"]),
            (&json!(n + 1), &json!(n + 1))
        );
        let in_part = own["reports"].as_array().unwrap();
        assert_eq!(in_part.len(), [100, 30][n], "{part}");
        assert_eq!(part["reports"], in_part.len());
        for r in in_part {
            assert!(file_of(out, r["data"].as_str().unwrap()).is_file(), "{r}");
            assert!(reports.insert(r["data"].to_string()), "listed twice: {r}");
        }
        assert_eq!(parse_csv(&read("reports_csv")).len() - 1, in_part.len());
        let entries = parse_csv(&read("entries_csv"));
        assert_eq!(entries.len() - 1, 2 * in_part.len());
        assert_eq!(part["entries"], 2 * in_part.len());
        let areas = parse_csv(&read("areas_csv"));
        assert_eq!(areas.len() - 1, own["areas"].as_array().unwrap().len());
    }
    assert_eq!(reports.len(), 130);
    // DCAT: the site's catalogue; 2025's, which links its parts; 2024's four files.
    let dcat = json(out, "data/dcat.jsonld");
    let distributions = dcat["dcat:dataset"][0]["dcat:distribution"]
        .as_array()
        .unwrap();
    assert_eq!(distributions.len(), 1 + 1 + 4);
    for d in distributions {
        let url = d["dcat:downloadURL"]["@id"].as_str().unwrap();
        assert!(file_of(out, url).is_file(), "{url}");
    }
    // The data page links the year's page (it stays one line a year), which links each
    // part's tables.
    let links = site.attrs("data/", ".data-years a", "href");
    assert!(
        links.contains(&"/uppfoljning/data/2025/".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"/uppfoljning/data/2024/poster.csv".to_string()));
    assert!(!links.iter().any(|l| l.contains("del-")), "{links:?}");
    let crumbs = site.attrs("data/2025/", "nav.breadcrumbs a", "href");
    assert!(
        crumbs.contains(&"/uppfoljning/data/".to_string()),
        "{crumbs:?}"
    );
    let links = site.attrs("data/2025/", ".data-years a", "href");
    assert_eq!(links.len(), 2 * 4, "{links:?}");
    for part in ["del-1", "del-2"] {
        let csv = format!("{BASE}data/2025/{part}/poster.csv");
        assert!(
            links.iter().any(|l| l.ends_with(&csv[BASE.len() - 1..])),
            "{links:?}"
        );
    }
}

/// A portal of more committees than the site's catalogue lists (100) lists them in parts, as a
/// sitemap index lists sitemaps: the catalogue names each part and its number of committees,
/// and each part's committees lead to their pages and feeds; every committee is listed once.
/// The data page then shows one committee's feed and says where the others' are.
#[test]
fn a_portal_of_many_committees_lists_them_in_parts() {
    let mut site = TestSite::new().area("yta", "Yta");
    for i in 0..101 {
        site = site
            .report(
                &format!("Nämnd {i:03}"),
                &format!("2025/r{i:03}"),
                "2025-04",
            )
            .entry("yta", "Inriktning.", "Text.\n");
    }
    let site = site.build(&["--base-url", BASE]);
    let out = &site.out;
    let catalogue = json(out, "data/index.json");
    assert!(catalogue.get("committees").is_none(), "listed in parts");
    let parts = catalogue["committee_parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2, "{parts:?}");
    let mut names = HashSet::new();
    for (n, part) in parts.iter().enumerate() {
        assert_eq!(part["part"], n + 1);
        let url = part["url"].as_str().unwrap();
        assert!(url.ends_with(&format!("/data/namnder/del-{}.json", n + 1)));
        let list: Value =
            serde_json::from_slice(&std::fs::read(file_of(out, url)).unwrap()).unwrap();
        assert_eq!(list["part"], n + 1);
        assert_eq!(list["site_catalogue"], format!("{BASE}data/index.json"));
        let committees = list["committees"].as_array().unwrap();
        assert_eq!(committees.len(), [100, 1][n]);
        assert_eq!(part["committees"], committees.len());
        for c in committees {
            assert!(names.insert(c["name"].to_string()), "listed twice: {c}");
            for key in ["url", "feed"] {
                let url = c[key].as_str().unwrap();
                assert!(file_of(out, url).is_file(), "{url}");
            }
        }
    }
    assert_eq!(names.len(), 101);
    let feeds = site.texts("data/", "main h3 + p + ul a");
    assert_eq!(feeds.len(), 1, "one committee's feed shown: {feeds:?}");
    assert!(site
        .texts("data/", "main p")
        .iter()
        .any(|p| p.contains("atom.xml")));
}
