//! What residents see at a glance, end to end: `tests/fixtures/residents` (a rename, a merge, a
//! split, two committees, statuses, summaries) built with the real binary and read with a parser.

mod common;
use common::cli::{build, built, files_under, fixture};
use common::copy_dir;
use common::html::{attrs, page, sel, text, texts};

use scraper::ElementRef;
use std::path::PathBuf;

#[test]
fn report_page_shows_what_was_done_and_statuses() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    let doc = page(&out, "2025/april/index.html");
    let area = |id: &str| {
        doc.select(&sel(&format!("section.report-area#{id}")))
            .next()
            .unwrap_or_else(|| panic!("no section for {id}"))
    };
    // The entry's own summary wins over its first paragraph.
    let franvaro = text(area("hog-franvaro"));
    assert!(
        franvaro.contains("Vad som gjordes Socialpedagoger arbetar nu på alla skolor."),
        "{franvaro}"
    );
    let summary = area("hog-franvaro")
        .select(&sel(".summary p"))
        .next()
        .map(text);
    assert_eq!(
        summary.as_deref(),
        Some("Socialpedagoger arbetar nu på alla skolor.")
    );
    // Without one, the first paragraph; then the link to the whole entry.
    let tidiga = area("tidiga-insatser");
    assert_eq!(
        tidiga
            .select(&sel(".summary p"))
            .next()
            .map(text)
            .as_deref(),
        Some("Ett nytt arbetssätt prövas.")
    );
    let after: Vec<String> = tidiga.select(&sel(".screen-only a")).map(text).collect();
    assert_eq!(after[0], "Läs hela redovisningen: Tidiga insatser");
    assert_eq!(after[1], "Till innehållet");
    assert_eq!(attrs(&doc, ".back-to-toc a", "href")[0], "#toc--h");
    assert!(doc.select(&sel("#toc--h")).next().is_some());
    // Statuses as text with an icon (the icon hidden from screen readers), counted, explained.
    let status = texts(&doc, "#kompetens .status");
    assert_eq!(status, ["Läge: Försenad"]);
    assert!(doc
        .select(&sel("#kompetens .status svg[aria-hidden=true]"))
        .next()
        .is_some());
    assert_eq!(
        texts(&doc, ".status-overview > ul > li"),
        [
            "Läge: Genomförd: 1 av 4",
            "Läge: Pågår: 2 av 4",
            "Läge: Försenad: 1 av 4"
        ]
    );
    let legend = texts(&doc, ".status-legend dd");
    assert_eq!(
        legend,
        [
            "Det som planerades är gjort.",
            "Arbetet pågår.",
            "Arbetet är försenat."
        ]
    );
    // A report whose entries state no status shows none.
    let doc = page(&out, "2026/april/index.html");
    assert!(doc
        .select(&sel(".status, .status-overview, .status-legend"))
        .next()
        .is_none());
}

#[test]
fn a_site_without_statuses_shows_none() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("residents"), &root);
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let config = &config[..config.find("[[status]]").unwrap()];
    std::fs::write(root.join("site.toml"), config).unwrap();
    for file in files_under(&root.join("content")) {
        if file.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let t = std::fs::read_to_string(&file).unwrap();
        let kept: Vec<&str> = t.lines().filter(|l| !l.starts_with("status = ")).collect();
        std::fs::write(&file, kept.join("\n") + "\n").unwrap();
    }
    let (_t, out) = built(&root, &[]);
    for rel in [
        "2025/april/index.html",
        "2025/april/kompetens/index.html",
        "omraden/kompetens/index.html",
    ] {
        let doc = page(&out, rel);
        assert!(
            doc.select(&sel(".status, .status-overview, .status-legend"))
                .next()
                .is_none(),
            "{rel} shows a status"
        );
    }
}

#[test]
fn an_unknown_status_is_an_error_with_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("residents"), &root);
    let file = root.join("content/2025/april/04-kompetens.md");
    let t = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, t.replace("\"forsenad\"", "\"forsenat\"")).unwrap();
    let out = tmp.path().join("public");
    let o = build(&root, &out, &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("statusen `forsenat` finns inte"), "{err}");
    assert!(err.contains("04-kompetens.md:5:"), "{err}");
    assert!(
        err.contains("forsenad"),
        "the hint names the nearest status: {err}"
    );
    assert!(!out.exists());
}

#[test]
fn entry_pages_have_a_year_switcher_following_lineage() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    let doc = page(&out, "2025/april/hog-franvaro/index.html");
    let nav = doc
        .select(&sel("nav.year-switcher"))
        .next()
        .expect("switcher");
    let items: Vec<String> = nav.select(&sel("ol > li")).map(text).collect();
    // 2024 belongs to another committee, which is named.
    assert_eq!(
        items,
        ["2024 (Barn- och utbildningsnämnden)", "2025", "2026"]
    );
    let current: Vec<String> = nav.select(&sel("a[aria-current=page]")).map(text).collect();
    assert_eq!(current, ["2025"]);
    assert_eq!(
        attrs(&doc, "nav.year-switcher ol a", "href"),
        [
            "/2024/arsbokslut/franvaro/",
            "/2025/april/hog-franvaro/",
            "/2026/april/hog-franvaro/"
        ]
    );
    assert_eq!(
        texts(&doc, "nav.year-switcher .lineage-note"),
        ["Frånvaro fortsätter som Elever med hög frånvaro."]
    );
    assert_eq!(
        attrs(&doc, "nav.year-switcher .compare-links a", "href"),
        [
            "/2025/april/hog-franvaro/jamfor-franvaro/",
            "/2026/april/hog-franvaro/jamfor-hog-franvaro/"
        ]
    );
    // A merge: the year before holds two areas, both linked by name.
    let doc = page(&out, "2025/april/tidiga-insatser/index.html");
    assert_eq!(
        texts(&doc, "nav.year-switcher ol > li"),
        [
            "2024: Läsa, skriva, räkna, Särskilt stöd (Barn- och utbildningsnämnden)",
            "2025"
        ]
    );
    assert_eq!(
        texts(&doc, "nav.year-switcher .lineage-note"),
        ["Områdena Läsa, skriva, räkna och Särskilt stöd slogs samman till Tidiga insatser."]
    );
    // A split: the new area's line holds the old one, not its sibling.
    let doc = page(&out, "2025/april/kompetens/index.html");
    assert_eq!(
        texts(&doc, "nav.year-switcher .lineage-note"),
        ["Kvalitet och arbetsmiljö delades upp i Kompetensförsörjning och Förbättra arbetsmiljön."]
    );
    assert_eq!(
        attrs(&doc, "nav.year-switcher ol a", "href"),
        ["/2024/arsbokslut/kvalitet/", "/2025/april/kompetens/"]
    );
}

#[test]
fn comparison_pages_mark_changed_words_for_a_rename_a_merge_and_a_split() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    // A rename, across committees.
    let doc = page(&out, "2025/april/hog-franvaro/jamfor-franvaro/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["Jämförelse: Frånvaro 2024 och Elever med hög frånvaro 2025"]
    );
    assert_eq!(
        texts(&doc, ".lineage-note"),
        ["Frånvaro fortsätter som Elever med hög frånvaro."]
    );
    let sides = texts(&doc, ".compare-side h2");
    assert_eq!(sides, ["2024 Frånvaro", "2025 Elever med hög frånvaro"]);
    // "Färre elever ska vara frånvarande från skolan." → "Färre elever ska ha hög frånvaro från skolan."
    assert_eq!(
        texts(&doc, ".compare-tidigare .diff del"),
        ["−Borttaget: vara frånvarande slut på ändringen"]
    );
    assert_eq!(
        texts(&doc, ".compare-senare .diff ins"),
        ["+Tillagt: ha hög frånvaro slut på ändringen"]
    );
    assert!(doc
        .select(&sel(
            ".compare-tidigare .diff ins, .compare-senare .diff del"
        ))
        .next()
        .is_none());
    // The unchanged words stay unmarked, the visible cue is hidden from screen readers.
    assert!(
        text(doc.select(&sel(".compare-senare .diff")).next().unwrap())
            .starts_with("Färre elever ska")
    );
    assert!(doc
        .select(&sel(".diff ins .diff-cue[aria-hidden=true]"))
        .next()
        .is_some());
    // Each year's summary, and committees named where they differ.
    assert_eq!(
        texts(&doc, ".compare-side .summary p"),
        [
            "Skolorna började mäta frånvaron varje vecka.",
            "Socialpedagoger arbetar nu på alla skolor."
        ]
    );
    assert!(texts(&doc, ".compare-tidigare .card-meta")[0].contains("Barn- och utbildningsnämnden"));
    // A merge: one page per merged area.
    for (from, old) in [
        ("lasa", "Alla elever ska kunna läsa i årskurs 1."),
        ("stod", "Stödet ska sättas in tidigt."),
    ] {
        let doc = page(
            &out,
            &format!("2025/april/tidiga-insatser/jamfor-{from}/index.html"),
        );
        assert!(texts(&doc, ".lineage-note")[0].contains("slogs samman till Tidiga insatser"));
        let plain: String = doc
            .select(&sel(".compare-tidigare .diff"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        for word in old.trim_end_matches('.').split(' ') {
            assert!(plain.contains(word), "{word} missing from {plain}");
        }
    }
    let doc = page(&out, "2025/april/tidiga-insatser/jamfor-lasa/index.html");
    assert_eq!(
        texts(&doc, ".compare-tidigare .diff del"),
        ["−Borttaget: kunna läsa i årskurs 1. slut på ändringen"]
    );
    assert_eq!(
        texts(&doc, ".compare-senare .diff ins"),
        ["+Tillagt: få stöd tidigt. slut på ändringen"]
    );
    // A split: one page per new area.
    for to in ["arbetsmiljo", "kompetens"] {
        let doc = page(&out, &format!("2025/april/{to}/jamfor-kvalitet/index.html"));
        assert!(texts(&doc, ".lineage-note")[0].contains("delades upp i"));
    }
    // The same area the next year: no lineage note, only the changed word.
    let doc = page(
        &out,
        "2026/april/hog-franvaro/jamfor-hog-franvaro/index.html",
    );
    assert!(doc.select(&sel(".lineage-note")).next().is_none());
    assert_eq!(
        texts(&doc, ".compare-tidigare .diff del"),
        ["−Borttaget: frånvaro från skolan. slut på ändringen"]
    );
    assert_eq!(
        texts(&doc, ".compare-senare .diff ins"),
        ["+Tillagt: frånvaro. slut på ändringen"]
    );
}

/// A visitor who trims a page's address by a level (`…/hog-franvaro/jamfor-franvaro/` →
/// `…/hog-franvaro/`) lands on a page, never on a folder without one.
#[test]
fn every_page_address_trimmed_by_a_level_is_a_page() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    let pages: Vec<PathBuf> = files_under(&out)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .collect();
    assert!(
        pages
            .iter()
            .any(|p| p.to_string_lossy().contains("jamfor-")),
        "the fixture has comparison pages"
    );
    let mut without_page: Vec<String> = Vec::new();
    for p in &pages {
        let mut dir = p.parent().expect("a page is in a folder");
        while let Some(up) = dir.parent().filter(|_| dir != out.as_path()) {
            if !up.join("index.html").is_file() {
                without_page.push(format!("{} (above {})", up.display(), p.display()));
            }
            dir = up;
        }
    }
    without_page.sort();
    without_page.dedup();
    assert!(without_page.is_empty(), "{without_page:#?}");
}

#[test]
fn timelines_show_what_was_done_statuses_committees_and_comparisons() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    let doc = page(&out, "omraden/hog-franvaro/index.html");
    let entries: Vec<ElementRef> = doc.select(&sel(".timeline-entry")).collect();
    assert_eq!(entries.len(), 3);
    let first = text(entries[0]);
    assert!(
        first.contains("Nämnd: Barn- och utbildningsnämnden"),
        "{first}"
    );
    assert!(first.contains("Läge: Pågår"), "{first}");
    assert!(
        first.contains("Vad som gjordes Skolorna började mäta frånvaron varje vecka."),
        "{first}"
    );
    let second = text(entries[1]);
    assert!(
        !second.contains("Nämnd:"),
        "same committee as the area now: {second}"
    );
    assert_eq!(
        entries[1]
            .select(&sel(".compare-links a"))
            .filter_map(|a| a.value().attr("href"))
            .collect::<Vec<_>>(),
        ["/2025/april/hog-franvaro/jamfor-franvaro/"]
    );
    assert_eq!(texts(&doc, ".timeline-change .change-kind"), ["Nytt namn:"]);
    assert!(doc.select(&sel(".status-legend")).next().is_some());
    let doc = page(&out, "omraden/tidiga-insatser/index.html");
    assert_eq!(
        texts(&doc, ".timeline-change .change-kind"),
        ["Sammanslagning:"]
    );
    let doc = page(&out, "omraden/kompetens/index.html");
    assert_eq!(
        texts(&doc, ".timeline-change .change-kind"),
        ["Uppdelning:"]
    );
}

#[test]
fn home_and_committee_pages_orient_residents() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    let doc = page(&out, "index.html");
    assert_eq!(
        texts(&doc, ".intro p"),
        ["En inriktning är det nämnden vill uppnå. En uppföljning berättar vad som gjordes."]
    );
    assert!(
        doc.select(&sel(".intro strong")).next().is_some(),
        "the intro is Markdown"
    );
    // The latest follow-up comes first, with its areas.
    let h2 = texts(&doc, "main h2");
    assert_eq!(h2[0], "Senaste uppföljningen");
    assert_eq!(
        texts(&doc, ".latest .card-title"),
        ["Uppföljning per april 2026"]
    );
    assert_eq!(
        texts(&doc, ".latest .area-links a"),
        ["Elever med hög frånvaro"]
    );
    // Areas grouped by committee, committees linked to their pages.
    let groups = texts(&doc, "#areas-h ~ h3");
    assert_eq!(
        groups,
        [
            "Barn- och utbildningsnämnden",
            "Barn- och ungdomsnämnden",
            "Områden utan uppföljning"
        ]
    );
    assert_eq!(
        attrs(&doc, "#areas-h ~ h3 a", "href"),
        [
            "/namnder/barn-och-utbildningsnamnden/",
            "/namnder/barn-och-ungdomsnamnden/"
        ]
    );
    assert_eq!(
        attrs(&doc, "section[aria-labelledby=committees-h] a", "href"),
        [
            "/namnder/barn-och-utbildningsnamnden/",
            "/namnder/barn-och-ungdomsnamnden/"
        ]
    );
    // The header search box has a visible label; the favicon comes from the theme.
    let label = doc.select(&sel("label[for=site-search-q]")).next().unwrap();
    assert!(!label.value().classes().any(|c| c == "visually-hidden"));
    assert_eq!(
        attrs(&doc, "link[rel=icon]", "href"),
        ["/static/favicon.svg"]
    );
    assert!(out.join("static/favicon.svg").is_file());

    let doc = page(&out, "namnder/barn-och-ungdomsnamnden/index.html");
    assert_eq!(texts(&doc, "h1"), ["Barn- och ungdomsnämnden"]);
    assert_eq!(texts(&doc, "#reports-h ~ h3"), ["2026", "2025"]);
    assert_eq!(
        texts(&doc, ".report-list a"),
        ["Uppföljning per april 2026", "Uppföljning per april 2025"]
    );
    let areas = texts(&doc, "#committee-areas-h ~ ul a");
    assert_eq!(
        areas,
        [
            "Elever med hög frånvaro",
            "Tidiga insatser",
            "Förbättra arbetsmiljön",
            "Kompetensförsörjning"
        ]
    );
}

#[test]
fn print_of_a_report_has_its_address_contents_and_source() {
    let (_tmp, out) = built(&fixture("residents"), &[]);
    let doc = page(&out, "2025/april/index.html");
    let header = text(
        doc.select(&sel(".print-header"))
            .next()
            .expect("print header"),
    );
    assert!(
        header.starts_with("Invånarnas uppföljningar, Testkommun"),
        "{header}"
    );
    assert!(header.contains("Adress: /2025/april/"), "{header}");
    assert!(doc.select(&sel("[data-print-date]")).next().is_some());
    let scripts: Vec<&str> = doc
        .select(&sel("script[src]"))
        .filter_map(|s| s.value().attr("src"))
        .collect();
    assert_eq!(scripts, ["/static/print.js"]);
    assert_eq!(
        attrs(&doc, "a.source-link", "href"),
        ["https://example.invalid/april-2025.pdf"]
    );
    let css = std::fs::read_to_string(out.join("static/style.css")).unwrap();
    let print = &css[css.rfind("@media print").unwrap()..];
    assert!(print.contains("counter(page)") && print.contains("counter(pages)"));
    assert!(
        !print.contains(".toc {display: none"),
        "the contents list prints"
    );
}

#[test]
fn a_status_with_an_unknown_icon_is_an_error_in_site_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("residents"), &root);
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        config.replace("icon = \"delayed\"", "icon = \"red\""),
    )
    .unwrap();
    let o = build(&root, &tmp.path().join("public"), &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("statusen `forsenad` har en ikon som inte finns: `red`"),
        "{err}"
    );
    assert!(err.contains("site.toml:"), "{err}");
    assert!(
        err.contains("done, ongoing, delayed, not-started, dot"),
        "{err}"
    );
}

/// serve's partial rebuild after an edit of an entry's first paragraph (its summary when it
/// states none) re-renders every page that shows the summary, and equals a full build.
#[test]
fn an_edited_first_paragraph_updates_timelines_and_comparisons_in_serve() {
    use common::session::{files, fresh, options};
    use uppsikt::pipeline::Session;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("residents"), &root);
    let mut session = Session::new(options(&root));
    let (_, mut site) = files(session.rebuild(&[]).unwrap().0);
    let rel = PathBuf::from("content/2025/april/02-tidiga-insatser.md");
    let t = std::fs::read_to_string(root.join(&rel)).unwrap();
    std::fs::write(
        root.join(&rel),
        t.replace(
            "Ett nytt arbetssätt prövas.",
            "Ett nytt arbetssätt prövas i tre skolor.",
        ),
    )
    .unwrap();
    let (full, partial) = files(session.rebuild(std::slice::from_ref(&rel)).unwrap().0);
    assert!(!full, "a body-only edit takes the incremental path");
    for page in [
        "2025/april/tidiga-insatser/index.html",
        "2025/april/index.html",
        "omraden/tidiga-insatser/index.html",
        "omraden/lasa/index.html",
        "omraden/stod/index.html",
        "2025/april/tidiga-insatser/jamfor-lasa/index.html",
        "2025/april/tidiga-insatser/jamfor-stod/index.html",
    ] {
        let bytes = partial
            .get(page)
            .unwrap_or_else(|| panic!("{page} was not re-rendered"));
        let html = String::from_utf8_lossy(bytes).into_owned();
        assert!(
            html.contains("prövas i tre skolor."),
            "{page} shows the old summary"
        );
    }
    assert!(
        !partial.contains_key("omraden/kompetens/index.html"),
        "a timeline without the entry was re-rendered"
    );
    site.extend(partial);
    site.extend(
        session
            .refresh_search()
            .into_iter()
            .map(|f| (f.path, f.contents)),
    );
    let fresh = fresh(&root);
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(site[path] == *bytes, "{path} differs from a full build");
    }
}
