//! `uppsikt check` and `build` warn about what must not be published, each warning at its
//! file:line:column with a hint; the site is built anyway unless `--strict`, which makes
//! them errors (non-zero exit, nothing written). The CLI runs on real files in a temp folder.

mod common;

use common::cli::uppsikt;
use common::site::{Run, Site};

/// A valid test number: Skatteverket's well-known 19121212-1212, written as given.
const TEST_NUMBER: &str = "121212-1212";

/// The Luhn check digit (weights 2, 1, 2, … from the left), written here independently of
/// uppsikt's own, so that test numbers are made, never copied from a real person.
fn luhn(nine: &str) -> char {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let p = u32::from(c - b'0') * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// A samordningsnummer (day + 60) for 1 January 2001, made with its check digit.
fn samordningsnummer() -> String {
    format!("20010161-999{}", luhn("010161999"))
}

const SITE_TOML: &str = "language = \"en\"\ntitle = \"Test\"\norganisation = \"Testkommun\"\n\n[accessibility]\ncontact_email = \"registrator@alingsas.se\"\n";

const AREAS: &str = "[[area]]\nid = \"franvaro\"\nname = \"Frånvaro\"\n\n[[area]]\nid = \"hog-franvaro\"\nname = \"Hög frånvaro\"\ncontinues = [\"franvaro\"]\n";

/// A small clean site: two reports of one committee, an area renamed between them.
fn site() -> Site {
    let site = Site::empty();
    site.write("site.toml", SITE_TOML);
    site.write("content/areas.toml", AREAS);
    site.write(
        "content/2025/april/_index.md",
        report("April 2025", "2025-04"),
    );
    site.write(
        "content/2025/april/01-franvaro.md",
        "+++\narea = \"franvaro\"\ntitle = \"Frånvaro\"\ndirection = \"\"\"\nMinska frånvaron.\n\"\"\"\n+++\nBeslut 2025-06-17 § 44, dnr BUN 2026.012, telefon 0322-61 60 00 och 0701234560.\n",
    );
    site.write(
        "content/2026/april/_index.md",
        report("April 2026", "2026-04"),
    );
    site.write(
        "content/2026/april/01-hog-franvaro.md",
        "+++\narea = \"hog-franvaro\"\ntitle = \"Hög frånvaro\"\ndirection = \"Fortsätt.\"\n+++\nText om insatserna.\n",
    );
    site
}

fn report(title: &str, date: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nkind = \"april\"\ndate = \"{date}\"\ncommittee = \"Barn- och ungdomsnämnden\"\n+++\nRapportens text.\n")
}

/// The locations of the warnings in `stderr`, each with its message line.
fn warnings(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(msg) = l.strip_prefix("warning: ") {
            let loc = lines
                .get(i + 1)
                .and_then(|n| n.trim().strip_prefix("--> "))
                .unwrap_or("")
                .to_string();
            out.push((loc, msg.to_string()));
        }
    }
    out
}

fn has(found: &[(String, String)], loc: &str, words: &str) -> bool {
    found.iter().any(|(l, m)| l == loc && m.contains(words))
}

#[test]
fn a_clean_site_has_no_warnings_even_with_dates_diary_and_phone_numbers() {
    let site = site();
    let Run {
        ok,
        stdout: out,
        stderr: err,
        ..
    } = site.run_with("check", &["--strict"]);
    assert!(ok, "{err}");
    assert!(out.contains("no errors"), "{out}");
    assert!(!err.contains("warning"), "{err}");
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &["--strict"]);
    assert!(ok && site.out.join("index.html").is_file(), "{err}");
}

#[test]
fn every_kind_of_warning_is_reported_at_its_place() {
    let site = site();
    let sam = samordningsnummer();
    site.write(
        "site.toml",
        "language = \"en\"\ntitle = \"Test\"\norganisation = \"Testkommun\"\ndescription = \"…\"\n\
         # Kontakt: info@example.invalid is only a comment\n\n\
         [accessibility]\ncontact_email = \"uppsikt@example.invalid\"\n",
    );
    site.write(
        "content/areas.toml",
        AREAS.replace(
            "name = \"Frånvaro\"",
            &format!("name = \"Frånvaro\"\ndescription = \"Ansvarig 19{TEST_NUMBER}\""),
        ),
    );
    // Renamed area, no direction this year though `franvaro` had one in April 2025.
    site.write(
        "content/2026/april/01-hog-franvaro.md",
        format!(
            "+++\narea = \"hog-franvaro\"\ntitle = \"Hög frånvaro\"\n+++\nEleven {TEST_NUMBER} och {sam}.\n\nTODO: siffror från Excel\n\n• punkt ett\n• punkt två\n\nÅr\tAntal\n2025\t12\n2026\t9\n\n![](diagram.png)\n"
        ),
    );
    site.write("content/2026/april/diagram.png", "png");
    site.write(
        "content/2026/april/02-franvaro-tom.md",
        "+++\narea = \"franvaro\"\ntitle = \"Tom\"\ndirection = \"\"\"\nXXX skriv inriktningen\n\"\"\"\n+++\n<!-- Skriv här vad som gjorts. -->\n",
    );

    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &[]);
    assert!(ok, "warnings do not fail a check: {err}");
    let found = warnings(&err);
    let entry = "content/2026/april/01-hog-franvaro.md";
    let expect = [
        ("site.toml:4:16", "`…` looks like a placeholder"),
        (
            "site.toml:8:18",
            "`uppsikt@example.invalid` looks like a placeholder",
        ),
        ("content/areas.toml:4:25", "personal identity number"),
        (
            &format!("{entry}:3:1") as &str,
            "no direction, but the area had one in April 2025 (2025)",
        ),
        (&format!("{entry}:5:8"), "personal identity number"),
        (&format!("{entry}:5:24"), "personal identity number"),
        (&format!("{entry}:7:1"), "`TODO` is left"),
        (&format!("{entry}:9:1"), "Word bullet `•`"),
        (&format!("{entry}:10:1"), "Word bullet `•`"),
        (&format!("{entry}:12:1"), "pasted from Word or Excel"),
        (&format!("{entry}:16:1"), "no alt text"),
        ("content/2026/april/02-franvaro-tom.md:5:1", "`XXX` is left"),
        ("content/2026/april/02-franvaro-tom.md:8:1", "has no text"),
    ];
    for (loc, words) in expect {
        assert!(
            has(&found, loc, words),
            "missing {loc} {words}:\n{found:#?}\n{err}"
        );
    }
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    assert!(err.contains("13 warnings"), "{err}");
    // The comment in site.toml is not a value: it is not published.
    assert!(
        !found.iter().any(|(l, _)| l.starts_with("site.toml:5")),
        "{found:?}"
    );
    // The numbers are not repeated whole in the output.
    assert!(!err.contains(TEST_NUMBER) && !err.contains(&sam), "{err}");
    assert!(err.contains("121212-****"), "{err}");
    assert!(
        err.contains("hint: personal identity numbers must never be published"),
        "{err}"
    );

    // build prints the same warnings and builds.
    let Run {
        ok,
        stdout: out,
        stderr: berr,
        ..
    } = site.run_with("build", &[]);
    assert!(ok, "{berr}");
    assert!(out.starts_with("Built "), "{out}");
    assert_eq!(warnings(&berr), found);
    assert!(site.out.join("2026/april/index.html").is_file());
}

#[test]
fn strict_makes_warnings_errors_and_writes_nothing() {
    let site = site();
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &[]);
    assert!(ok, "{err}");
    let before = std::fs::read(site.out.join("2026/april/index.html")).unwrap();
    site.write(
        "content/2026/april/01-hog-franvaro.md",
        format!("+++\narea = \"hog-franvaro\"\ntitle = \"Hög frånvaro\"\ndirection = \"Fortsätt.\"\n+++\nNy text med 19{TEST_NUMBER}.\n"),
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &["--strict"]);
    assert!(!ok, "{err}");
    assert!(
        err.contains("error: this looks like a personal identity number"),
        "{err}"
    );
    assert!(
        err.contains("content/2026/april/01-hog-franvaro.md:6:13"),
        "{err}"
    );
    assert!(err.contains("--strict"), "{err}");
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &["--strict"]);
    assert!(!ok, "{err}");
    assert!(err.contains("1 error"), "{err}");
    assert_eq!(
        std::fs::read(site.out.join("2026/april/index.html")).unwrap(),
        before,
        "a strict build that fails leaves the previous output"
    );
    // Without --strict it builds, with the warning.
    let Run {
        ok, stderr: err, ..
    } = site.run_with("build", &[]);
    assert!(ok && err.contains("1 warning"), "{err}");
}

#[test]
fn strict_warnings_come_with_the_other_errors() {
    let site = site();
    site.write(
        "content/2026/april/02-x.md",
        "+++\narea = \"okant\"\ntitle = \"X\"\n+++\nTODO\n",
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &["--strict"]);
    assert!(!ok);
    assert!(err.contains("unknown area `okant`"), "{err}");
    assert!(err.contains("`TODO` is left"), "{err}");
}

#[test]
fn drafts_are_looked_at_only_when_built() {
    let site = site();
    site.write(
        "content/2026/utkast/_index.md",
        report("Utkast", "2026-09").replace("+++\nRapportens", "draft = true\n+++\nTODO"),
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &["--strict"]);
    assert!(ok, "{err}");
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &["--drafts"]);
    assert!(ok);
    assert!(
        has(
            &warnings(&err),
            "content/2026/utkast/_index.md:8:1",
            "`TODO`"
        ),
        "{err}"
    );
}

#[test]
fn the_shipped_site_warns_only_about_its_placeholder_address() {
    let root = common::repo_root();
    let o = uppsikt(&["check", "--root", root.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // site.toml's contact address is a placeholder on .invalid until the owner sets one.
    let found = warnings(&err);
    assert!(
        found
            .iter()
            .all(|(l, m)| l.starts_with("site.toml:") && m.contains("example.invalid")),
        "{err}"
    );
}

#[test]
fn an_identity_number_written_with_a_word_dash_is_found_too() {
    // Word writes a non-breaking hyphen (U+2011, which `uppsikt import` keeps) where a number
    // must not break over two lines, and its autocorrect makes "-" an en dash (U+2013); a
    // minus sign (U+2212) or a figure dash (U+2012) comes from other editors. Each is still
    // the number, on the page and in the search index and the open data.
    // A space, or Word's no-break space, between the date and the last four is one too.
    let site = site();
    let dashes = [
        '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}', ' ', '\u{a0}',
    ];
    let lines: Vec<String> = dashes
        .iter()
        .map(|d| format!("Eleven {}.\n", TEST_NUMBER.replace('-', &d.to_string())))
        .collect();
    site.write(
        "content/2026/april/01-hog-franvaro.md",
        format!(
            "+++\narea = \"hog-franvaro\"\ntitle = \"Hög frånvaro\"\ndirection = \"Fortsätt.\"\n+++\n{}",
            lines.join("\n")
        ),
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &[]);
    assert!(ok, "{err}");
    let found = warnings(&err);
    for line in [6, 8, 10, 12, 14, 16, 18] {
        let loc = format!("content/2026/april/01-hog-franvaro.md:{line}:8");
        assert!(
            has(&found, &loc, "personal identity number"),
            "missing {loc}:\n{found:#?}"
        );
    }
    assert_eq!(found.len(), dashes.len(), "{found:#?}");
    // The warning hides the last four digits, whatever the dash.
    assert!(!err.contains("1212."), "{err}");
}

#[test]
fn an_identity_number_in_a_published_file_name_is_found() {
    // Every file of content/ is published under its own name: "intyg-121212-1212.pdf" puts
    // the number in the file's address, whether a page links it or not.
    let site = site();
    site.write(
        &format!("content/2026/april/intyg-{TEST_NUMBER}.pdf"),
        "pdf",
    );
    site.write(
        &format!("content/2026/april/bilagor/19{TEST_NUMBER}/a.pdf"),
        "pdf",
    );
    let Run {
        ok, stderr: err, ..
    } = site.run_with("check", &[]);
    assert!(ok, "{err}");
    let found = warnings(&err);
    for loc in [
        "content/2026/april/bilagor/19121212-****/a.pdf",
        "content/2026/april/intyg-121212-****.pdf",
    ] {
        assert!(
            has(&found, loc, "file name holds a personal identity number"),
            "missing {loc}:\n{found:#?}"
        );
    }
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        !err.contains(TEST_NUMBER),
        "the warning hides the last four digits: {err}"
    );
    assert!(err.contains("hint: rename it"), "{err}");
}
