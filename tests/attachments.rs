//! Attachments and images beside a report's Markdown files: the links and images written
//! relative to the file work from the report page, the entry pages and under a sub-path
//! base_url; the report's `source` file becomes a link; a link to a file that is not there is
//! an error at file:line:column in build and check. The CLI on temp sites; the built HTML
//! read with scraper, every local link followed to a file of the output.

mod common;

use std::path::{Path, PathBuf};

use common::html::sel;
use common::site::{Run, Site};
use scraper::Html;

/// A report with an image beside an entry, an attachment in a subfolder, links between
/// the report's files and to an earlier report's attachment, and its source document.
fn site() -> Site {
    let site = Site::empty();
    site.write("site.toml", "language = \"en\"\ntitle = \"Test\"\n");
    site.write(
        "content/areas.toml",
        "[[area]]\nid = \"franvaro\"\nname = \"Frånvaro\"\n\n[[area]]\nid = \"trygghet\"\nname = \"Trygghet\"\n",
    );
    site.write(
        "content/2025/delarsbokslut/_index.md",
        "+++\ntitle = \"Delårsbokslut 2025\"\nkind = \"delarsbokslut\"\ndate = \"2025-08\"\ncommittee = \"BUN\"\n+++\nText.\n",
    );
    site.write(
        "content/2025/delarsbokslut/enkat 2025.pdf",
        "%PDF-1.4 enkät",
    );
    site.write(
        "content/2026/april/_index.md",
        "+++\ntitle = \"April 2026\"\nkind = \"april\"\ndate = \"2026-04\"\ncommittee = \"BUN\"\n\
         source = \"Uppföljning april.pdf\"\n+++\n\
         Se [handlingsplanen](bilagor/plan.pdf) och [frånvaron](01-franvaro.md#insatser).\n\n\
         ![Karta över skolorna](karta.png \"Skolorna\")\n\n<!-- areas -->\n\nFjolårets [enkät](../../2025/delarsbokslut/enkat%202025.pdf).\n",
    );
    site.write("content/2026/april/Uppföljning april.pdf", "%PDF-1.4 källa");
    site.write("content/2026/april/karta.png", "png karta");
    site.write("content/2026/april/bilagor/plan.pdf", "%PDF-1.4 plan");
    site.write("content/2026/april/diagram-franvaro.svg", "<svg/>");
    site.write(
        "content/2026/april/01-franvaro.md",
        "+++\narea = \"franvaro\"\ntitle = \"Frånvaro\"\ndirection = \"\"\"\nSe [planen](bilagor/plan.pdf).\n\"\"\"\n+++\n\
         ## Insatser\n\n![Diagram över frånvaron](diagram-franvaro.svg)\n\n\
         Läs [rapporten](_index.md), [trygghet](02-trygghet.md) och [bilagan][b].\n\n[b]: ./bilagor/plan.pdf\n",
    );
    site.write(
        "content/2026/april/02-trygghet.md",
        "+++\narea = \"trygghet\"\ntitle = \"Trygghet\"\n+++\nSe [sökningen](/sok/) och [kartan](<karta.png>).\n",
    );
    site
}

/// `%20` → ` `, `%C3%B6` → `ö`, as a web server maps a URL path to a file.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// The file of the output that `link` (a URL path under `base`) serves, if it is there.
fn target(out: &Path, base: &str, link: &str) -> Option<PathBuf> {
    let path = link.split(['#', '?']).next().unwrap();
    let rel = decode(path.strip_prefix(base)?);
    let t = out.join(&rel);
    let t = if rel.is_empty() || rel.ends_with('/') {
        t.join("index.html")
    } else {
        t
    };
    t.is_file().then_some(t)
}

/// The local links and images of a page's main content: (element, URL).
fn content_links(doc: &Html) -> Vec<(String, String)> {
    doc.select(&sel("main a[href], main img[src]"))
        .filter_map(|e| {
            let url = e.value().attr("href").or(e.value().attr("src"))?;
            (!url.starts_with('#') && !url.starts_with("http"))
                .then(|| (e.value().name().to_string(), url.to_string()))
        })
        .collect()
}

fn check_links_resolve(base: &str) {
    let site = site();
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &["--base-url", base]);
    assert!(ok, "{err}");
    let report = site.page("2026/april/index.html");
    let entry = site.page("2026/april/franvaro/index.html");
    let other = site.page("2026/april/trygghet/index.html");
    let mut seen = Vec::new();
    for (name, doc) in [
        ("report", &report),
        ("entry", &entry),
        ("other entry", &other),
    ] {
        for (el, url) in content_links(doc) {
            let file = target(&site.out, base, &url)
                .unwrap_or_else(|| panic!("{name} page: <{el}> {url} resolves to no file"));
            seen.push((name, decode(&url), file));
        }
    }
    let has = |page: &str, url: &str| seen.iter().any(|(n, u, _)| *n == page && u == url);
    let b = base;
    // The report page shows the entries' text too (for print): the same URLs work there.
    for page in ["report", "entry"] {
        assert!(
            has(page, &format!("{b}2026/april/diagram-franvaro.svg")),
            "{page}: {seen:#?}"
        );
        assert!(
            has(page, &format!("{b}2026/april/bilagor/plan.pdf")),
            "{page}: {seen:#?}"
        );
        assert!(has(page, &format!("{b}2026/april/")), "{page}: {seen:#?}");
        assert!(
            has(page, &format!("{b}2026/april/trygghet/")),
            "{page}: {seen:#?}"
        );
    }
    assert!(has("report", &format!("{b}2026/april/karta.png")));
    assert!(has(
        "report",
        &format!("{b}2026/april/franvaro/#franvaro--insatser")
    ));
    assert!(has(
        "report",
        &format!("{b}2025/delarsbokslut/enkat 2025.pdf")
    ));
    assert!(has(
        "report",
        &format!("{b}2026/april/Uppföljning april.pdf")
    ));
    assert!(has("other entry", &format!("{b}sok/")));
    assert!(has("other entry", &format!("{b}2026/april/karta.png")));
    // The #insatser fragment names the heading on the entry page.
    let ids = sel("h2[id=\"franvaro--insatser\"]");
    assert!(entry.select(&ids).next().is_some());
    // The attachments are copied byte for byte.
    let plan = seen
        .iter()
        .find(|(_, u, _)| u.ends_with("plan.pdf"))
        .unwrap();
    assert_eq!(std::fs::read(&plan.2).unwrap(), b"%PDF-1.4 plan");
    // Images keep their alt text and title.
    let img = sel("main img[alt=\"Karta över skolorna\"][title=\"Skolorna\"]");
    assert!(report.select(&img).next().is_some());
}

#[test]
fn links_and_images_resolve_from_report_and_entry_pages_at_the_root() {
    check_links_resolve("/");
}

#[test]
fn links_and_images_resolve_under_a_sub_path() {
    check_links_resolve("/uppfoljning/");
}

#[test]
fn the_source_document_is_a_link_when_the_file_is_there() {
    let site = site();
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &["--base-url", "/uppfoljning/"]);
    assert!(ok, "{err}");
    let source_links = sel("dl.meta dd a");
    for rel in ["2026/april/index.html", "2026/april/franvaro/index.html"] {
        let doc = site.page(rel);
        let links: Vec<(String, String)> = doc
            .select(&source_links)
            .map(|a| {
                (
                    a.value().attr("href").unwrap().to_string(),
                    a.text().collect(),
                )
            })
            .collect();
        let source = links.iter().find(|(_, t)| t == "Uppföljning april.pdf");
        if rel.contains("franvaro") && source.is_none() {
            continue; // the entry page need not show the report's metadata
        }
        let (href, _) = source.unwrap_or_else(|| panic!("{rel}: no source link in {links:?}"));
        // Encoded as a URL path must be (the Nu Html Checker rejects a space in href).
        assert_eq!(
            href, "/uppfoljning/2026/april/Uppf%C3%B6ljning%20april.pdf",
            "{rel}"
        );
        assert!(target(&site.out, "/uppfoljning/", href).is_some(), "{href}");
    }
    // A source that is only a name (the file is not in the folder) stays text.
    site.write(
        "content/2025/delarsbokslut/_index.md",
        "+++\ntitle = \"Delårsbokslut 2025\"\nkind = \"delarsbokslut\"\ndate = \"2025-08\"\ncommittee = \"BUN\"\nsource = \"delarsbokslut.pdf\"\n+++\nText.\n",
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &[]);
    assert!(ok, "{err}");
    let doc = site.page("2025/delarsbokslut/index.html");
    let dd = sel("dl.meta dd");
    assert!(doc
        .select(&dd)
        .any(|d| d.text().collect::<String>() == "delarsbokslut.pdf"
            && d.inner_html() == "delarsbokslut.pdf"));
}

#[test]
fn a_link_to_a_missing_file_is_an_error_at_its_place() {
    let site = site();
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &[]);
    assert!(ok, "{err}");
    let before = std::fs::read(site.out.join("2026/april/index.html")).unwrap();
    // A wrong case in the body, a missing file in the direction and in the report's body.
    site.write(
        "content/2026/april/01-franvaro.md",
        "+++\narea = \"franvaro\"\ntitle = \"Frånvaro\"\ndirection = \"\"\"\nSe [planen](bilagor/plan2.pdf).\n\"\"\"\n+++\n\
         Text.\n\n![Diagram](Diagram-Franvaro.svg)\n",
    );
    site.write(
        "content/2026/april/02-trygghet.md",
        "+++\narea = \"trygghet\"\ntitle = \"Trygghet\"\ndirection = \"Se [x](saknas.pdf).\"\n+++\nSe [utkastet](03-utkast.md).\n",
    );
    for cmd in ["check", "build"] {
        let Run {
            ok, stderr: err, ..
        } = site.run_with(cmd, &[]);
        assert!(!ok, "{cmd} must fail: {err}");
        for (loc, words) in [
            (
                "content/2026/april/01-franvaro.md:5:4",
                "content/2026/april/bilagor/plan2.pdf",
            ),
            ("content/2026/april/01-franvaro.md:10:1", "does not exist"),
            ("content/2026/april/02-trygghet.md:4:17", "saknas.pdf"),
            (
                "content/2026/april/02-trygghet.md:6:4",
                "not a page of the site",
            ),
        ] {
            let at = err
                .find(&format!("\n  --> {loc}\n"))
                .unwrap_or_else(|| panic!("{cmd}: no error at {loc}:\n{err}"));
            let message = err[..at].lines().last().unwrap();
            assert!(
                message.starts_with("error: ") && message.contains(words),
                "{cmd}: {loc}: {message}\n{err}"
            );
        }
        assert!(
            err.contains("did you mean `diagram-franvaro.svg`?"),
            "{err}"
        );
        assert!(err.contains("4 errors"), "{err}");
    }
    assert_eq!(
        std::fs::read(site.out.join("2026/april/index.html")).unwrap(),
        before,
        "the failed build left the previous output"
    );
}

#[test]
fn links_outside_the_site_and_other_schemes() {
    let site = site();
    site.write(
        "content/2026/april/02-trygghet.md",
        "+++\narea = \"trygghet\"\ntitle = \"Trygghet\"\n+++\n[a](https://alingsas.se/x.pdf) [b](mailto:a@b.se) [c](../../../../etc/passwd)\n",
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &[]);
    assert!(!ok);
    assert!(err.contains("02-trygghet.md:5:51"), "{err}");
    assert!(err.contains("points outside the site"), "{err}");
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn serve_rebuilding_after_an_edit_reports_a_broken_link_and_then_its_fix() {
    use uppsikt::pipeline::{BuildOptions, Session};
    let site = site();
    let mut session = Session::new(BuildOptions {
        root: site.root.clone(),
        output: PathBuf::new(),
        base_url: Some("/uppfoljning/".into()),
        drafts: false,
    });
    assert!(session.rebuild(&[]).is_ok());
    let rel = PathBuf::from("content/2026/april/02-trygghet.md");
    let text = "+++\narea = \"trygghet\"\ntitle = \"Trygghet\"\n+++\nNy text.\n\n![Karta](karta.png) ![Plan](plan.png)\n";
    site.write(rel.to_str().unwrap(), text);
    let errors = match session.rebuild(std::slice::from_ref(&rel)) {
        Ok(_) => panic!("a broken image must fail the rebuild"),
        Err(e) => e,
    };
    assert_eq!(errors.len(), 1, "{errors}");
    assert_eq!(errors.0[0].location(), format!("{}:7:21", rel.display()));
    // Fixed: the page has the image at its site path.
    site.write(
        rel.to_str().unwrap(),
        text.replace("plan.png", "bilagor/plan.pdf"),
    );
    let (rebuilt, _) = session.rebuild(std::slice::from_ref(&rel)).unwrap();
    let (_, files) = common::session::files(rebuilt);
    let html = String::from_utf8_lossy(&files["2026/april/trygghet/index.html"]);
    assert!(
        html.contains("src=\"/uppfoljning/2026/april/karta.png\""),
        "{html}"
    );
}
