//! `uppsikt build` end to end: build fixture sites with the real binary and read the HTML
//! with a parser, as a browser would.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::Html;

mod common;
use common::cli::{build, built, files_under, fixture, uppsikt};
use common::copy_dir;
use common::html::{page, sel, texts};
use common::test_site::TestSite;

#[test]
fn builds_every_page_at_its_pretty_url() {
    let (_tmp, out) = built(&fixture("lineage"), &[]);
    for rel in [
        "index.html",
        "2024/index.html",
        "2025/index.html",
        "2025/april/index.html",
        "2025/april/hog-franvaro/index.html",
        "omraden/index.html",
        "omraden/tidiga-insatser/index.html",
        "sok/index.html",
        "tillganglighet/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "data/index.json",
        "data/2025/april.json",
        "data/2025/poster.csv",
        "static/style.css",
    ] {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
    let entry = page(&out, "2025/april/hog-franvaro/index.html");
    assert_eq!(
        texts(&entry, "h1"),
        ["Elever med hög frånvaro"],
        "one h1, the entry's title"
    );
    assert_eq!(entry.root_element().value().attr("lang"), Some("sv"));
    let direction = texts(&entry, ".direction");
    assert!(
        direction[0].contains("Fler elever ska återfå en positiv skolanknytning."),
        "{direction:?}"
    );
    assert_eq!(
        texts(&entry, ".breadcrumbs li"),
        [
            "Start",
            "2025",
            "Uppföljning per april 2025",
            "Elever med hög frånvaro"
        ]
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let (_tmp, out) = built(&fixture("lineage"), &[]);
    assert!(!out.join("2025/delarsbokslut").exists());
    let (_tmp, out) = built(&fixture("lineage"), &["--drafts"]);
    assert!(out.join("2025/delarsbokslut/index.html").is_file());
}

/// The year-over-year links of an entry, as (year label, link text, href).
fn year_over_year(out: &Path, rel: &str) -> Vec<(String, String)> {
    let doc = page(out, rel);
    doc.select(&sel(".year-over-year li"))
        .filter_map(|li| {
            let a = li.select(&sel("a")).next()?;
            Some((
                li.select(&sel(".yoy-label"))
                    .next()?
                    .text()
                    .collect::<String>(),
                a.value().attr("href")?.to_string(),
            ))
        })
        .collect()
}

#[test]
fn year_over_year_follows_a_rename() {
    let (_tmp, out) = built(&fixture("lineage"), &[]);
    assert_eq!(
        year_over_year(&out, "2025/april/hog-franvaro/index.html"),
        [(
            "Föregående: 2024".to_string(),
            "/2024/arsbokslut/franvaro/".to_string()
        )]
    );
    assert_eq!(
        year_over_year(&out, "2024/arsbokslut/franvaro/index.html"),
        [(
            "Följande: 2025".to_string(),
            "/2025/april/hog-franvaro/".to_string()
        )]
    );
}

#[test]
fn year_over_year_follows_a_merge_and_a_split() {
    let (_tmp, out) = built(&fixture("lineage"), &[]);
    let merged: Vec<String> = year_over_year(&out, "2025/april/tidiga-insatser/index.html")
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert_eq!(merged, ["/2024/arsbokslut/lasa/", "/2024/arsbokslut/stod/"]);
    let split: Vec<String> = year_over_year(&out, "2024/arsbokslut/kvalitet/index.html")
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert_eq!(
        split,
        ["/2025/april/arbetsmiljo/", "/2025/april/kompetens/"]
    );
    let half: Vec<String> = year_over_year(&out, "2025/april/kompetens/index.html")
        .into_iter()
        .map(|(_, h)| h)
        .collect();
    assert_eq!(half, ["/2024/arsbokslut/kvalitet/"]);
}

#[test]
fn timeline_is_oldest_first_with_the_change_explained() {
    let (_tmp, out) = built(&fixture("lineage"), &[]);
    let doc = page(&out, "omraden/tidiga-insatser/index.html");
    let items = texts(&doc, ".timeline > li");
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(
        items[0].starts_with("2024 Läsa, skriva, räkna"),
        "{items:?}"
    );
    assert!(items[1].starts_with("2024 Särskilt stöd"), "{items:?}");
    assert_eq!(
        items[2],
        "Sammanslagning: Områdena Läsa, skriva, räkna och Särskilt stöd slogs samman till Tidiga insatser."
    );
    assert!(items[3].starts_with("2025 Tidiga insatser"), "{items:?}");

    let doc = page(&out, "omraden/kvalitet/index.html");
    let changes = texts(&doc, ".timeline-change");
    assert_eq!(changes, ["Uppdelning: Kvalitet och arbetsmiljö delades upp i Förbättra arbetsmiljön och Kompetensförsörjning."]);
}

#[test]
fn report_page_has_metadata_contents_and_every_direction() {
    let (_tmp, out) = built(&fixture("lineage"), &[]);
    let doc = page(&out, "2025/april/index.html");
    let meta = texts(&doc, ".meta dd");
    assert!(meta.contains(&"2025-06-17 § 44".to_string()), "{meta:?}");
    assert!(meta.contains(&"september 2025".to_string()), "{meta:?}");
    assert_eq!(texts(&doc, ".toc li").len(), 4);
    assert!(texts(&doc, ".citation code")[0].contains("2025-06-17 § 44"));
    let areas = texts(&doc, ".report-area");
    assert!(areas[0].contains("Fler elever ska återfå en positiv skolanknytning."));
    // The full text is there for print.
    assert!(areas[0].contains("Socialpedagoger arbetar med elever"));
}

#[test]
fn raw_html_in_content_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("lineage"), &root);
    let file = root.join("content/2025/april/04-kompetens.md");
    let text = std::fs::read_to_string(&file).unwrap()
        + "\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>\n";
    std::fs::write(&file, text).unwrap();
    let out = tmp.path().join("public");
    assert!(build(&root, &out, &[]).status.success());
    let doc = page(&out, "2025/april/kompetens/index.html");
    assert_eq!(doc.select(&sel("main script, main img")).count(), 0);
    assert!(texts(&doc, "main")
        .join(" ")
        .contains("<script>alert(1)</script>"));
}

/// Every internal href and src resolves to a file of the output, and every #fragment to an
/// element id of the target page — checked under a sub-path base_url.
#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let (_tmp, out) = built(&fixture("lineage"), &["--base-url", "/uppfoljning/"]);
    let base = "/uppfoljning/";
    let mut ids: BTreeMap<PathBuf, HashSet<String>> = BTreeMap::new();
    let pages: Vec<PathBuf> = files_under(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    let mut docs = Vec::new();
    for p in &pages {
        let doc = Html::parse_document(&std::fs::read_to_string(p).unwrap());
        ids.insert(
            p.clone(),
            doc.select(&sel("[id]"))
                .map(|e| e.value().attr("id").unwrap().to_string())
                .collect(),
        );
        docs.push((p.clone(), doc));
    }
    let mut checked = 0;
    let mut broken = Vec::new();
    for (p, doc) in &docs {
        for e in doc.select(&sel("[href], [src]")) {
            let link = e.value().attr("href").or(e.value().attr("src")).unwrap();
            if link.starts_with("http") || link.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = link
                .split_once('#')
                .map_or((link, None), |(a, b)| (a, Some(b)));
            let target = if path.is_empty() {
                p.clone()
            } else {
                let Some(rel) = path.strip_prefix(base) else {
                    broken.push(format!("{}: {link} is outside {base}", p.display()));
                    continue;
                };
                let t = out.join(rel);
                if rel.is_empty() || rel.ends_with('/') {
                    t.join("index.html")
                } else {
                    t
                }
            };
            checked += 1;
            if !target.is_file() {
                broken.push(format!("{}: {link} → no file", p.display()));
            } else if let Some(f) = fragment {
                if !ids.get(&target).is_some_and(|s| s.contains(f)) {
                    broken.push(format!("{}: {link} → no id {f}", p.display()));
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>/uppfoljning/2025/april/hog-franvaro/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn version_and_help() {
    let o = uppsikt(&["--version"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains(env!("CARGO_PKG_VERSION")));
    let o = uppsikt(&["build", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("--base-url"));
}

#[test]
fn hidden_underscored_and_ignored_files_are_skipped_assets_are_copied() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("lineage"), &root);
    // Each of these would fail the build (no front matter) if it were read.
    for junk in [
        "content/2025/april/.05-dold.md",
        "content/2025/april/_utkast.md",
        "content/2025/april/06-ignorerad.md",
        "content/_mallar/x/y/z.md",
    ] {
        let path = root.join(junk);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "not front matter").unwrap();
    }
    std::fs::write(root.join("content/.ignore"), "06-ignorerad.md\n").unwrap();
    std::fs::write(root.join("content/2025/april/underlag.pdf"), b"%PDF-1.4").unwrap();
    let out = tmp.path().join("public");
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read(out.join("2025/april/underlag.pdf")).unwrap(),
        b"%PDF-1.4"
    );
}

#[test]
fn a_site_without_reports_has_a_search_index_that_finds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::copy(fixture("lineage").join("site.toml"), root.join("site.toml")).unwrap();
    std::fs::write(root.join("content/areas.toml"), "").unwrap();
    let out = tmp.path().join("public");
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The search page loads meta first; without it the client could only report an error.
    let meta = std::fs::read(out.join("search/meta.json.gz")).expect("search/meta.json.gz");
    let meta: serde_json::Value =
        serde_json::from_slice(&uppsikt::search::gunzip(&meta).unwrap()).unwrap();
    assert_eq!(meta["n"], 0, "{meta}");
}

#[test]
fn an_english_site_names_its_tables_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("lineage"), &root);
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("language = \"en\"\n{config}"),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = page(&out, "2025/april/hog-franvaro/index.html");
    let labels: Vec<_> = doc
        .select(&sel("div.table-wrap"))
        .map(|d| d.value().attr("aria-label").unwrap_or_default().to_string())
        .collect();
    assert!(!labels.is_empty(), "the fixture entry has a table");
    assert!(labels.iter().all(|l| l == "Table"), "{labels:?}");
}

#[test]
fn a_reader_that_goes_away_is_a_clean_end() {
    // `true` exits at once without reading: the summary line meets a closed pipe.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = Command::new("bash")
        .args(["-c", "set -o pipefail; \"$@\" | true", "_"])
        .arg(env!("CARGO_BIN_EXE_uppsikt"))
        .args(["build", "--root"])
        .arg(fixture("lineage"))
        .arg("--output")
        .arg(&out)
        .output()
        .expect("run bash");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{:?}: {stderr}", o.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.join("index.html").is_file());
}

#[test]
fn year_over_year_links_reports_of_the_same_committee_only() {
    // Gymnasienämnden follows up frånvaro in between: nearer in time, another committee.
    let site = TestSite::new()
        .area("franvaro", "Frånvaro")
        .report("Grundskolenämnden", "2023/april", "2023-04")
        .entry(
            "franvaro",
            "Färre elever med hög frånvaro.",
            "Kartläggning.\n",
        )
        .report("Gymnasienämnden", "2024/februari", "2024-02")
        .entry("franvaro", "Närvaron i gymnasiet ska öka.", "Mentorer.\n")
        .report("Grundskolenämnden", "2024/april", "2024-04")
        .entry(
            "franvaro",
            "Färre elever med hög frånvaro.",
            "Uppföljning.\n",
        )
        .build(&[]);
    let links = |url: &str| {
        let labels = site.texts(url, ".year-over-year li .yoy-label");
        let hrefs = site.attrs(url, ".year-over-year li a", "href");
        labels.into_iter().zip(hrefs).collect::<Vec<_>>()
    };
    assert_eq!(
        links("2024/april/franvaro/"),
        [("Föregående: 2023".into(), "/2023/april/franvaro/".into())]
    );
    assert_eq!(
        links("2023/april/franvaro/"),
        [("Följande: 2024".into(), "/2024/april/franvaro/".into())]
    );
    assert_eq!(
        links("2024/februari/franvaro/"),
        Vec::<(String, String)>::new()
    );
}

#[test]
fn entries_on_one_report_page_keep_their_heading_and_footnote_ids_apart() {
    // Two entries with the same heading and footnote, and a direction with a footnote: on the
    // report page, which shows them all, every id is still unique and every #link finds it.
    let body = "## Genomfört\n\nInsatser[^1].\n\n[^1]: Källa.\n";
    let site = TestSite::new()
        .area("franvaro", "Frånvaro")
        .area("lasning", "Läsning")
        .report("Grundskolenämnden", "2024/april", "2024-04")
        .entry(
            "franvaro",
            "Färre elever med hög frånvaro[^1].\n\n[^1]: Beslut.",
            body,
        )
        .entry("lasning", "Fler elever ska läsa.", body)
        .build(&[]);
    let ids = site.attrs("2024/april/", "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    for id in ["franvaro--genomfort", "lasning--genomfort"] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    let fragments = site.attrs("2024/april/", "main a[href^='#']", "href");
    assert!(fragments.len() >= 6, "{fragments:?}");
    for href in &fragments {
        assert!(ids.contains(&href[1..].to_string()), "{href} in {ids:?}");
    }
    // An entry's page uses the same ids as its part of the report page.
    let entry_ids = site.attrs("2024/april/franvaro/", "main [id]", "id");
    let entry_ids: HashSet<&String> = entry_ids.iter().collect();
    assert!(
        entry_ids.contains(&"franvaro--genomfort".to_string()),
        "{entry_ids:?}"
    );
    let direction_notes: Vec<_> = ids
        .iter()
        .filter(|i| i.contains("franvaro--inriktning-"))
        .collect();
    assert!(!direction_notes.is_empty(), "{ids:?}");
    assert!(
        direction_notes.iter().all(|i| entry_ids.contains(i)),
        "{entry_ids:?}"
    );
}

/// The home page of a site of many areas (a portal of many committees) lists the committees with
/// how many areas each follows up and links to all areas, instead of every area: its size does
/// not grow with the number of areas. A site of a few areas lists them on the home page.
/// Likewise a site of many reports lists its years, each with its number of reports; the
/// open-data page shows one report's file and one area's feed, and says where the others are.
#[test]
fn the_home_page_of_many_areas_lists_committees_not_areas() {
    let with_areas = |n: usize| {
        let mut site = TestSite::new();
        for i in 0..n {
            site = site.area(&format!("yta-{i}"), &format!("Yta {i}"));
        }
        site = site.report("Grundskolenämnden", "2024/april", "2024-04");
        for i in 0..n / 2 {
            site = site.entry(&format!("yta-{i}"), "Inriktning.", "Text.\n");
        }
        site = site.report("Gymnasienämnden", "2024/maj", "2024-05");
        for i in n / 2..n {
            site = site.entry(&format!("yta-{i}"), "Inriktning.", "Text.\n");
        }
        site.build(&[])
    };
    let few = with_areas(8);
    let links = few.attrs("", "#areas-h ~ ul.area-index a", "href");
    assert_eq!(links.len(), 8, "every area, under its committee: {links:?}");
    assert!(links.contains(&"/omraden/yta-7/".to_string()), "{links:?}");

    let many = with_areas(80);
    let items = many.texts("", "#areas-h ~ ul.area-index li");
    assert_eq!(
        items,
        [
            "Grundskolenämnden Områden: 40",
            "Gymnasienämnden Områden: 40"
        ]
    );
    let links = many.attrs("", "#areas-h ~ p a", "href");
    assert_eq!(links, ["/omraden/"]);
    let home = std::fs::read_to_string(many.out.join("index.html")).expect("home page");
    assert!(
        !home.contains("/omraden/yta-"),
        "no area is listed on the home page"
    );
    // Two reports are few: the home page lists them under their year.
    assert_eq!(
        many.attrs("", "#years-h ~ ul.report-list a", "href"),
        ["/2024/april/", "/2024/maj/"]
    );
    // The open-data page says where the area feeds are and shows one; with few areas, all.
    let feeds = |site: &common::test_site::Built| {
        let links = site.attrs("data/", "main a[href$='/atom.xml']", "href");
        links
            .into_iter()
            .filter(|l| l.starts_with("/omraden/"))
            .count()
    };
    assert_eq!((feeds(&few), feeds(&many)), (8, 1));
    let text = many.texts("data/", "main p").join(" ");
    assert!(text.contains("varje års katalog listar dem"), "{text}");
    // Each committee's page lists its areas.
    let committee = many.attrs("", "#areas-h ~ ul.area-index a", "href");
    let areas = many.attrs(
        committee[0].trim_start_matches('/'),
        "main a[href^='/omraden/yta-']",
        "href",
    );
    assert_eq!(areas.len(), 40, "{areas:?}");
}

#[test]
fn the_home_page_of_many_reports_lists_years_not_reports() {
    let mut site = TestSite::new().area("franvaro", "Frånvaro");
    for year in 2000..2031 {
        for (kind, month) in [("april", "04"), ("augusti", "08")] {
            site = site
                .report(
                    "Grundskolenämnden",
                    &format!("{year}/{kind}"),
                    &format!("{year}-{month}"),
                )
                .entry("franvaro", "Färre elever med hög frånvaro.", "Text.\n");
        }
    }
    let site = site.build(&[]);
    let years = site.texts("", "#years-h ~ ul.report-list li");
    assert_eq!(years.len(), 31, "{years:?}");
    assert!(
        years.contains(&"2030 Uppföljningar: 2".to_string()),
        "{years:?}"
    );
    // The open-data page shows one report's file and says where the others are; it links
    // each year's files (a year's catalogue is its index.json).
    let files = site.attrs("data/", "main a[href$='.json']", "href");
    let (catalogues, files): (Vec<_>, Vec<_>) = (files.iter())
        .filter(|f| f.matches('/').count() == 3)
        .partition(|f| f.ends_with("/index.json"));
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(catalogues.len(), 31, "{catalogues:?}");
    let links = site.attrs("", "#years-h ~ ul.report-list a", "href");
    assert!(
        links.iter().all(|l| l.matches('/').count() == 2),
        "years only: {links:?}"
    );
}

/// A list longer than a page (every area, a year's reports) is cut into pages of 50: the first
/// at the list's URL, the next at `sida/2/`, each saying which page it is, linked both ways
/// (`rel=prev`/`next`, `aria-current` on its own number), and every page in the sitemap.
#[test]
fn a_long_list_is_cut_into_pages_linked_by_a_pager() {
    let mut site = TestSite::new();
    for i in 0..51 {
        site = site.area(&format!("yta-{i:02}"), &format!("Yta {i:02}"));
    }
    for i in 0..51 {
        site = site
            .report("Grundskolenämnden", &format!("2025/r{i:02}"), "2025-04")
            .entry(&format!("yta-{i:02}"), "Inriktning.", "Text.\n");
    }
    let site = site.build(&[]);
    for (first, second) in [("omraden/", "omraden/sida/2/"), ("2025/", "2025/sida/2/")] {
        assert_eq!(site.texts(first, "main .cards > li").len(), 50, "{first}");
        assert_eq!(site.texts(second, "main .cards > li").len(), 1, "{second}");
        let next = site.attrs(first, "nav.pagination a[rel=next]", "href");
        assert_eq!(next, [format!("/{second}")]);
        let prev = site.attrs(second, "nav.pagination a[rel=prev]", "href");
        assert_eq!(prev, [format!("/{first}")]);
        let current = site.texts(second, "nav.pagination a[aria-current=page]");
        assert_eq!(current, ["Sida 2"]);
        let title = site.texts(second, "h1");
        assert!(title[0].ends_with(", sida 2 av 2"), "{title:?}");
    }
    assert_eq!(site.texts("omraden/sida/2/", "main .cards h2"), ["Yta 50"]);
    assert!(site.texts("omraden/", "nav.pagination").len() == 1);
    let sitemap = std::fs::read_to_string(site.out.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("/omraden/sida/2/") && sitemap.contains("/2025/sida/2/"));
    // The committee's page: its reports likewise, under their year; its areas on the first.
    let (first, second) = (
        "namnder/grundskolenamnden/",
        "namnder/grundskolenamnden/sida/2/",
    );
    assert_eq!(site.texts(first, "main .report-list li").len(), 50);
    assert_eq!(site.texts(second, "main .report-list li").len(), 1);
    assert_eq!(site.texts(second, "main h3"), ["2025"]);
    let next = site.attrs(first, "nav.pagination a[rel=next]", "href");
    assert_eq!(next, [format!("/{second}")]);
    assert_eq!(site.texts(first, "main .area-index li").len(), 51);
    assert!(site.texts(second, "#committee-areas-h").is_empty());
    assert!(sitemap.contains(second));
}

/// Areas of one name (each organisation's committee has its own) are told apart where they
/// are listed without their pages: the search's area filter names each with its committee.
#[test]
fn the_search_filter_tells_areas_of_one_name_apart() {
    let site = TestSite::new()
        .area("franvaro-a", "Frånvaro")
        .area("franvaro-b", "Frånvaro")
        .area("lasa", "Läsa")
        .report("Grundskolenämnden", "2025/april", "2025-04")
        .entry("franvaro-a", "Inriktning.", "Text.\n")
        .entry("lasa", "Inriktning.", "Text.\n")
        .report("Gymnasienämnden", "2025/maj", "2025-05")
        .entry("franvaro-b", "Inriktning.", "Text.\n")
        .build(&[]);
    let meta = std::fs::read(site.out.join("search/meta.json.gz")).expect("search meta");
    let meta = uppsikt::search::gunzip(&meta).expect("gzip");
    let meta: serde_json::Value = serde_json::from_slice(&meta).expect("JSON");
    let areas: Vec<&str> = (meta["facets"]["areas"].as_array().expect("areas").iter())
        .map(|a| a[1].as_str().expect("a name"))
        .collect();
    assert_eq!(
        areas,
        [
            "Frånvaro (Grundskolenämnden)",
            "Frånvaro (Gymnasienämnden)",
            "Läsa"
        ]
    );
    // The pages keep the area's own name.
    assert_eq!(site.texts("omraden/franvaro-b/", "h1"), ["Frånvaro"]);
}

/// A committee of more areas than a page lists (one committee name shared by many
/// organisations) says how many and links to all areas instead of listing its own.
#[test]
fn a_committee_of_many_areas_names_their_number() {
    let mut site = TestSite::new();
    for i in 0..61 {
        site = site.area(&format!("yta-{i:02}"), &format!("Yta {i:02}"));
    }
    site = site.report("Grundskolenämnden", "2025/april", "2025-04");
    for i in 0..61 {
        site = site.entry(&format!("yta-{i:02}"), "Inriktning.", "Text.\n");
    }
    let site = site.build(&[]);
    let page = "namnder/grundskolenamnden/";
    let text = site.texts(page, "#committee-areas-h ~ p").join(" ");
    assert!(text.contains("Nämnden följer upp 61 områden"), "{text}");
    assert_eq!(
        site.attrs(page, "#committee-areas-h ~ p a", "href"),
        ["/omraden/"]
    );
    assert!(site.texts(page, "main .area-index li").is_empty());
}

/// A report folder named like a list's later pages (`sida`) with an entry at `sida/2/` stops
/// the build, and the error names both pages by their titles, so that the editor can tell the
/// year's second page of reports from the entry.
#[test]
fn an_entry_where_a_list_page_is_names_both_pages() {
    let mut site = TestSite::new().area("2", "Två");
    for i in 0..51 {
        site = site.area(&format!("yta-{i:02}"), &format!("Yta {i:02}"));
        site = site
            .report("Grundskolenämnden", &format!("2025/r{i:02}"), "2025-04")
            .entry(&format!("yta-{i:02}"), "Inriktning.", "Text.\n");
    }
    let site = site
        .report("Grundskolenämnden", "2025/sida", "2025-04")
        .entry("2", "Inriktning.", "Text.\n")
        .try_build(&[]);
    let stderr = String::from_utf8_lossy(&site.output.stderr);
    assert!(!site.output.status.success(), "{stderr}");
    assert!(
        stderr.contains("två filer vill ha adressen /2025/sida/2/index.html: sidan «Uppföljningar 2025, sida 2 av 2» (2025/sida/2/index.html) och sidan «Om 2» (2025/sida/2/index.html)"),
        "{stderr}"
    );
}

/// On a portal of several organisations, committees of one name are told apart: each
/// organisation's committee has its own page and feed, named with its organisation, listing
/// its own reports only, and its reports link to it; a name only one organisation uses stays
/// bare.
#[test]
fn committees_of_one_name_in_two_organisations_have_a_page_each() {
    let bun = "Barn- och ungdomsnämnden";
    let site = TestSite::new()
        .area("lasa", "Läsa")
        .area("simma", "Simma")
        .report(bun, "2025/boras", "2025-04")
        .organisation("Borås kommun")
        .entry("lasa", "Inriktning.", "Text.\n")
        .report(bun, "2025/alingsas", "2025-04")
        .organisation("Alingsås kommun")
        .entry("simma", "Inriktning.", "Text.\n")
        .report("Kommunstyrelsen", "2025/ks", "2025-04")
        .organisation("Borås kommun")
        .entry("lasa", "Inriktning.", "Text.\n")
        .build(&[]);
    for (page, own, other, name) in [
        (
            "namnder/barn-och-ungdomsnamnden-boras-kommun/",
            "/2025/boras/",
            "/2025/alingsas/",
            "Borås kommun",
        ),
        (
            "namnder/barn-och-ungdomsnamnden-alingsas-kommun/",
            "/2025/alingsas/",
            "/2025/boras/",
            "Alingsås kommun",
        ),
    ] {
        assert_eq!(site.texts(page, "h1"), [format!("{bun} ({name})")]);
        let links = site.attrs(page, "main a", "href");
        assert!(links.iter().any(|l| l == own), "{page}: {links:?}");
        assert!(!links.iter().any(|l| l == other), "{page}: {links:?}");
        assert!(site.exists(&format!("{page}atom.xml")), "{page}");
    }
    assert!(!site.exists("namnder/barn-och-ungdomsnamnden/"));
    assert!(site.exists("namnder/kommunstyrelsen/index.html"));
    let catalogue = std::fs::read_to_string(site.out.join("data/index.json")).unwrap();
    let catalogue: serde_json::Value = serde_json::from_str(&catalogue).unwrap();
    let names: Vec<&str> = (catalogue["committees"].as_array().unwrap().iter())
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Barn- och ungdomsnämnden (Alingsås kommun)",
            "Barn- och ungdomsnämnden (Borås kommun)",
            "Kommunstyrelsen"
        ]
    );
}

/// A portal of more committees than the home page lists (60) lists the first ones there and
/// links to the list of all, `/namnder/`, cut into pages of 50 like the areas'.
#[test]
fn a_portal_of_many_committees_lists_them_on_pages_of_their_own() {
    let mut site = TestSite::new();
    for i in 0..61 {
        site = site
            .area(&format!("yta-{i:02}"), &format!("Yta {i:02}"))
            .report(
                &format!("Nämnd {i:02}"),
                &format!("2025/r{i:02}"),
                "2025-04",
            )
            .entry(&format!("yta-{i:02}"), "Inriktning.", "Text.\n");
    }
    let site = site.build(&[]);
    let home = site.attrs("", "main a[href^='/namnder/']", "href");
    assert_eq!(
        home.len(),
        60 + 1,
        "60 committees and the link to all: {home:?}"
    );
    assert_eq!(home.last().map(String::as_str), Some("/namnder/"));
    assert!(site.texts("", "main a[href='/namnder/']")[0].ends_with("(61)"));
    assert_eq!(site.texts("namnder/", "main .cards > li").len(), 50);
    let second = site.texts("namnder/sida/2/", "main .cards h2");
    assert_eq!(second.len(), 11);
    assert_eq!(second.last().map(String::as_str), Some("Nämnd 60"));
    let next = site.attrs("namnder/", "nav.pagination a[rel=next]", "href");
    assert_eq!(next, ["/namnder/sida/2/"]);
    // A committee's page leads back to the list, as an area's page to the areas'.
    let crumbs = site.attrs("namnder/namnd-00/", "nav.breadcrumbs a", "href");
    assert_eq!(crumbs, ["/", "/namnder/"]);
}
