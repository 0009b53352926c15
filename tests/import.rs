//! `uppsikt import` and `uppsikt new`, run as a user runs them: the binary on temporary copies of
//! the shipped site, the written files read back, the site built with `--drafts` and its HTML
//! read with `scraper`.
//!
//! The seeds test imports each text in `../shared/seeds/` in place of the hand-made report made
//! from it (found by the text they share, not by name) and requires the same area mapping and
//! directions as the hand-made content, and every seed sentence of five words or more on the
//! built site. Without `../shared` it is skipped loudly, or fails with `UPPSIKT_REQUIRE_BROWSER=1`.

mod common;
#[path = "import_formats/report.rs"]
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::fidelity::{html_files, seed_sentences, seeds, seeds_dir, visible_text};

fn uppsikt(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run uppsikt")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A copy of the shipped site (site.toml and content/) in a temporary folder.
fn shipped_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = common::repo_root();
    std::fs::copy(repo.join("site.toml"), tmp.path().join("site.toml")).unwrap();
    common::copy_dir(&repo.join("content"), &tmp.path().join("content"));
    tmp
}

fn front(file: &Path) -> toml::Table {
    let s = std::fs::read_to_string(file).unwrap();
    let rest = s
        .strip_prefix("+++\n")
        .unwrap_or_else(|| panic!("{}: no front matter", file.display()));
    let end = rest.find("\n+++").unwrap();
    toml::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn norm(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (area id, direction) of each entry of a report folder, in file order.
fn entries(dir: &Path) -> Vec<(String, Option<String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let t = front(f);
            (
                t["area"].as_str().unwrap().to_string(),
                t.get("direction").and_then(|d| d.as_str()).map(norm),
            )
        })
        .collect()
}

/// The report folder of the shipped content that holds most of the seed's sentences.
fn hand_made_report(content: &Path, sentences: &[String]) -> PathBuf {
    let mut best = (0, PathBuf::new());
    for year in std::fs::read_dir(content)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        for report in std::fs::read_dir(year.path()).unwrap().flatten() {
            let all: String = std::fs::read_dir(report.path())
                .unwrap()
                .flatten()
                .map(|f| norm(&std::fs::read_to_string(f.path()).unwrap_or_default()))
                .collect();
            let shared = sentences
                .iter()
                .filter(|s| all.contains(s.as_str()))
                .count();
            if shared > best.0 {
                best = (shared, report.path());
            }
        }
    }
    best.1
}

/// A seed with its sentences and the hand-made report made from it, taken out of a fresh copy
/// of the shipped site so that the import takes its place.
struct Case {
    name: String,
    text: String,
    sentences: Vec<String>,
    site: tempfile::TempDir,
    year: String,
    expected: Vec<(String, Option<String>)>,
    /// The hand-made entries' titles and the headings inside them.
    areas: Vec<String>,
    subheadings: Vec<String>,
}

fn cases() -> Option<Vec<Case>> {
    let seeds = seeds("seeds import test")?;
    let cases = seeds.into_iter().map(|(name, text)| {
        let sentences: Vec<String> = seed_sentences(&name, &text)
            .iter()
            .map(|s| norm(s))
            .collect();
        let site = shipped_site();
        let hand = hand_made_report(&site.path().join("content"), &sentences);
        let year = hand
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let expected = entries(&hand);
        let (mut areas, mut subheadings) = (Vec::new(), Vec::new());
        for f in std::fs::read_dir(&hand).unwrap().flatten() {
            if f.path().ends_with("_index.md") || f.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            areas.push(front(&f.path())["title"].as_str().unwrap().to_string());
            let body = std::fs::read_to_string(f.path()).unwrap();
            subheadings.extend(body.lines().filter_map(|l| l.strip_prefix("## ")).map(norm));
        }
        std::fs::remove_dir_all(&hand).unwrap();
        Case {
            name,
            text,
            sentences,
            site,
            year,
            expected,
            areas,
            subheadings,
        }
    });
    Some(cases.collect())
}

/// Imports `file` in place of the case's hand-made report and requires the hand-made mapping
/// and directions, and every seed sentence on the site built with `--drafts`.
fn import_matches_the_hand_made_report(case: &Case, file: &Path) {
    let (name, site, year) = (&case.name, case.site.path(), &case.year);
    let shown = file.file_name().unwrap().to_string_lossy().into_owned();
    let into = format!("content/{year}/importerad");
    let _ = std::fs::remove_dir_all(site.join(&into));
    let _ = std::fs::remove_dir_all(site.join("public"));
    let out = uppsikt(&["import", file.to_str().unwrap(), "--into", &into], site);
    assert!(out.status.success(), "{shown}: {}", text(&out));
    assert!(
        !text(&out).contains("nästan densamma"),
        "{shown}: no other report has its text"
    );
    let got = entries(&site.join(&into));
    assert_eq!(
        got,
        case.expected,
        "{shown} ({name}): the mapping or the directions differ\n{}",
        text(&out)
    );
    let index = front(&site.join(&into).join("_index.md"));
    eprintln!(
        "DEBUG {shown}: {:?} / {:?}",
        index.get("title"),
        index.get("committee")
    );
    assert_eq!(index["draft"].as_bool(), Some(true), "{shown}");

    let public = site.join("public");
    let built = uppsikt(
        &["build", "--drafts", "--output", public.to_str().unwrap()],
        site,
    );
    assert!(built.status.success(), "{shown}: {}", text(&built));
    let mut pages = Vec::new();
    html_files(&public.join(year).join("importerad"), &mut pages);
    assert!(
        !pages.is_empty(),
        "{shown}: no pages of the imported report"
    );
    let site_text: String = pages
        .iter()
        .map(|p| visible_text(&std::fs::read_to_string(p).unwrap()))
        .collect::<Vec<_>>()
        .join("\u{1}");
    let missing: Vec<&String> = case
        .sentences
        .iter()
        .filter(|s| !site_text.contains(s.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{shown} ({name}): {} of {} sentences missing: {missing:#?}",
        missing.len(),
        case.sentences.len()
    );
}

#[test]
fn importing_each_seed_gives_the_hand_made_mapping_and_directions_and_all_its_text() {
    let Some(cases) = cases() else { return };
    for case in &cases {
        import_matches_the_hand_made_report(case, &seeds_dir().join(&case.name));
    }
}

/// The area names of the shipped areas.toml, as the import knows them.
fn known_areas(site: &Path) -> Vec<String> {
    let t: toml::Table =
        toml::from_str(&std::fs::read_to_string(site.join("content/areas.toml")).unwrap()).unwrap();
    let mut names = Vec::new();
    for v in t.values().filter_map(|v| v.as_array()) {
        names.extend(
            v.iter()
                .filter_map(|a| a.get("name")?.as_str().map(str::to_string)),
        );
    }
    names
}

fn made_report(case: &Case) -> report::Report {
    let known = known_areas(case.site.path());
    report::seed_report(&case.text, &known, &case.areas, &case.subheadings)
}

#[test]
fn importing_each_seed_as_a_word_document_gives_the_same_as_the_hand_made_content() {
    let Some(cases) = cases() else { return };
    for case in &cases {
        let file = case.site.path().join(case.name.replace(".txt", ".docx"));
        std::fs::write(&file, report::report_docx(&made_report(case))).unwrap();
        import_matches_the_hand_made_report(case, &file);
    }
}

#[test]
fn importing_each_seed_as_a_pdf_printed_by_chromium_gives_the_same_as_the_hand_made_content() {
    let Some(cases) = cases() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pages: Vec<(String, String)> = cases
        .iter()
        .map(|c| {
            let stem = c.name.trim_end_matches(".txt").to_string();
            (stem.clone(), report::report_html(&made_report(c), &stem))
        })
        .collect();
    let Some(pdfs) = common::documents::print_pdfs(&pages, dir.path(), "seeds as PDF") else {
        return;
    };
    for (case, pdf) in cases.iter().zip(&pdfs) {
        import_matches_the_hand_made_report(case, pdf);
    }
}

const WIDE: &str =
    "Förvaltningen har arbetat med frågan under hela året och redovisar här vad som har gjorts";

/// A follow-up by a committee the shipped site does not have, with an area whose name another
/// committee's area has, and a new area.
fn other_committee_text() -> String {
    format!(
        "Uppföljning av socialnämndens inriktning 2026\n\nBakgrund\n{WIDE}.\n\nSocialnämnden följer upp \
         sin inriktning två gånger om året.\n\nUppföljning per område\n{WIDE}.\n\nElevhälsan\n{WIDE} \
         inom elevhälsan.\n\nHemlöshet bland unga\n{WIDE} för unga utan bostad.\n\nSammanfattning\n\
         {WIDE}. Socialnämnden beslutar i juni.\n"
    )
}

#[test]
fn another_committees_area_is_not_the_same_area_and_new_areas_go_to_areas_toml() {
    let site = shipped_site();
    let file = site.path().join("uppfoljning.txt");
    std::fs::write(&file, other_committee_text()).unwrap();
    let out = uppsikt(
        &[
            "import",
            file.to_str().unwrap(),
            "--into",
            "content/2026/social",
        ],
        site.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("hör till en annan nämnd"), "{said}");
    let got = entries(&site.path().join("content/2026/social"));
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["elevhalsan-2", "hemloshet-bland-unga"], "{said}");
    let areas = std::fs::read_to_string(site.path().join("content/areas.toml")).unwrap();
    assert!(
        areas.contains("# Tillagt av uppsikt import från uppfoljning.txt"),
        "{areas}"
    );
    assert!(
        areas.contains("id = \"hemloshet-bland-unga\"\nname = \"Hemlöshet bland unga\""),
        "{areas}"
    );
    let index = front(&site.path().join("content/2026/social/_index.md"));
    assert_eq!(index["committee"].as_str(), Some("Socialnämnden"));
    assert_eq!(
        index["title"].as_str(),
        Some("Uppföljning av socialnämndens inriktning 2026")
    );

    // The draft builds, and only with --drafts.
    let public = site.path().join("public");
    let built = uppsikt(
        &["build", "--drafts", "--output", public.to_str().unwrap()],
        site.path(),
    );
    assert!(built.status.success(), "{}", text(&built));
    let html = std::fs::read_to_string(public.join("2026/social/hemloshet-bland-unga/index.html"))
        .unwrap();
    assert!(visible_text(&html).contains("för unga utan bostad"));
    // The same document again: it says so.
    let out = uppsikt(
        &[
            "import",
            file.to_str().unwrap(),
            "--into",
            "content/2026/social-igen",
        ],
        site.path(),
    );
    assert!(
        text(&out).contains("nästan densamma som i content/2026/social"),
        "{}",
        text(&out)
    );
    std::fs::remove_dir_all(site.path().join("content/2026/social-igen")).unwrap();
    let public2 = site.path().join("public2");
    let built = uppsikt(
        &["build", "--output", public2.to_str().unwrap()],
        site.path(),
    );
    assert!(built.status.success(), "{}", text(&built));
    assert!(
        !public2.join("2026/social").exists(),
        "a draft is not published"
    );
}

#[test]
fn an_existing_report_is_kept_without_force_and_replaced_with_it() {
    let site = shipped_site();
    let file = site.path().join("uppfoljning.txt");
    std::fs::write(&file, other_committee_text()).unwrap();
    let before = common::site::snapshot(site.path());
    let out = uppsikt(
        &[
            "import",
            file.to_str().unwrap(),
            "--into",
            "content/2026/april",
        ],
        site.path(),
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("finns redan"), "{}", text(&out));
    assert!(text(&out).contains("--force"), "{}", text(&out));
    assert_eq!(
        common::site::snapshot(site.path()),
        before,
        "nothing was written"
    );

    // Attachments the staff put beside the report (as the README tells them to) stay.
    let dir = site.path().join("content/2026/april");
    std::fs::write(dir.join("bilaga.pdf"), b"%PDF-1.4 bilaga").unwrap();
    std::fs::create_dir_all(dir.join("bilagor")).unwrap();
    std::fs::write(dir.join("bilagor/plan.xlsx"), b"plan").unwrap();
    let out = uppsikt(
        &[
            "import",
            file.to_str().unwrap(),
            "--into",
            "content/2026/april",
            "--force",
        ],
        site.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        entries(&dir).len(),
        2,
        "the old entries are gone, the new ones there"
    );
    assert_eq!(
        std::fs::read(dir.join("bilaga.pdf")).unwrap(),
        b"%PDF-1.4 bilaga"
    );
    assert_eq!(
        std::fs::read(dir.join("bilagor/plan.xlsx")).unwrap(),
        b"plan"
    );
    let said = text(&out);
    assert!(said.contains("behöll de filer du lagt i mappen"), "{said}");
    assert!(
        said.contains("content/2026/april/bilagor/plan.xlsx"),
        "{said}"
    );
    let hidden: Vec<_> = std::fs::read_dir(site.path().join("content/2026"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "no staging folder left behind");
}

#[test]
fn bad_input_gets_a_clear_message_and_nothing_is_written() {
    let site = shipped_site();
    let dir = site.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let huge = dir.join("stor.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let long_text = dir.join("lang.txt");
    std::fs::write(&long_text, "Bakgrund\n".repeat(3_000_000)).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            write("text.docx", b"Det har ar inte Word."),
            "inte en Word-fil",
        ),
        (
            write(
                "krypterad.docx",
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            ),
            "krypterad",
        ),
        (write("trasig.pdf", b"\x00\x01garbage"), "inte en PDF-fil"),
        (
            write("gammal.doc", b"\xD0\xCF\x11\xE0"),
            "gamla Word-formatet",
        ),
        (write("bild.png", b"\x89PNG\r\n"), "kan inte importeras"),
        (write("tom.txt", b""), "tom"),
        (write("blank.txt", b"  \n\n \t\n"), "tom"),
        (write("sidnummer.txt", b" 3 \n\n 4 \n"), "ingen text"),
        (write("binar.txt", b"abc\x00def"), "binära"),
        (write("latin1.txt", b"Bakgrund \xe5r \xf6ver"), "UTF-8"),
        (dir.join("finns-inte.txt"), "filen finns inte"),
        (dir.clone(), "mapp"),
        (huge, "för stor"),
        (long_text, "texten är för stor"),
    ];
    let before = common::site::snapshot(&site.path().join("content"));
    for (file, expected) in &cases {
        let out = uppsikt(
            &[
                "import",
                file.to_str().unwrap(),
                "--into",
                "content/2027/ny",
            ],
            site.path(),
        );
        let said = text(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {said}", file.display());
        assert!(
            said.contains(expected),
            "{}: expected {expected:?} in:\n{said}",
            file.display()
        );
        assert!(said.contains("Inget skrevs"), "{said}");
        assert!(!said.contains("panicked"), "{said}");
        assert_eq!(
            common::site::snapshot(&site.path().join("content")),
            before,
            "{}",
            file.display()
        );
    }
    let good = write("bra.txt", other_committee_text().as_bytes());
    for (into, expected) in [
        ("2027", "ingen rapportmapp"),
        ("content/27/ny", "ingen rapportmapp"),
        ("content/2027/Ny Mapp", "små bokstäver"),
    ] {
        let out = uppsikt(
            &["import", good.to_str().unwrap(), "--into", into],
            site.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{into}");
        assert!(text(&out).contains(expected), "{into}: {}", text(&out));
    }
    assert_eq!(common::site::snapshot(&site.path().join("content")), before);
}

#[test]
fn new_starts_the_next_follow_up_from_the_committees_latest_report() {
    let site = shipped_site();
    // Two committees: it asks which.
    let out = uppsikt(&["new", "2027/april"], site.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("--committee"), "{}", text(&out));

    let out = uppsikt(
        &[
            "new",
            "2027/april",
            "--committee",
            "Barn- och ungdomsnämnden",
            "--date",
            "2027-04",
        ],
        site.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("från 2026/april") && said.contains("serve --drafts"),
        "{said}"
    );
    let dir = site.path().join("content/2027/april");
    let index = front(&dir.join("_index.md"));
    assert_eq!(
        index["title"].as_str(),
        Some("Uppföljning av nämndens inriktning i budget 2027 per april")
    );
    assert_eq!(
        index["committee"].as_str(),
        Some("Barn- och ungdomsnämnden")
    );
    assert_eq!(index["kind"].as_str(), Some("april"));
    assert_eq!(index["date"].as_str(), Some("2027-04"));
    assert_eq!(index["draft"].as_bool(), Some(true));
    assert_eq!(
        entries(&dir),
        entries(&site.path().join("content/2026/april")),
        "areas and directions carried over"
    );

    // It builds with --drafts; the year-over-year links reach the new report.
    let public = site.path().join("public");
    let built = uppsikt(
        &["build", "--drafts", "--output", public.to_str().unwrap()],
        site.path(),
    );
    assert!(built.status.success(), "{}", text(&built));
    let html =
        std::fs::read_to_string(public.join("2027/april/elever-med-hog-franvaro/index.html"))
            .unwrap();
    assert!(visible_text(&html).contains("2025 års satsning på socialpedagoger"));
    // The notes of what to write are in the files, not on the pages.
    let entry = std::fs::read_to_string(dir.join("03-elever-med-hog-franvaro.md")).unwrap();
    assert!(
        entry.contains("TODO: skriv här vad som har gjorts"),
        "{entry}"
    );
    assert!(!visible_text(&html).contains("TODO"), "{html}");
    let report = std::fs::read_to_string(public.join("2027/april/index.html")).unwrap();
    assert!(!visible_text(&report).contains("TODO"));

    // Never over an existing report, never a second identical one.
    let before = common::site::snapshot(&site.path().join("content"));
    let out = uppsikt(&["new", "2026/april", "--from", "2026/april"], site.path());
    assert!(text(&out).contains("finns redan"), "{}", text(&out));
    let out = uppsikt(
        &["new", "2026/april-kopia", "--from", "2026/april"],
        site.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("--title"), "{}", text(&out));
    let out = uppsikt(&["new", "2027/x", "--from", "2019/inget"], site.path());
    assert!(
        text(&out).contains("det finns ingen rapport"),
        "{}",
        text(&out)
    );
    let out = uppsikt(
        &[
            "new",
            "2027/x",
            "--from",
            "2026/april",
            "--date",
            "april 2027",
        ],
        site.path(),
    );
    assert!(text(&out).contains("går inte att läsa"), "{}", text(&out));
    assert_eq!(common::site::snapshot(&site.path().join("content")), before);
}

/// The shipped site made an English one (`language = "en"`).
fn english_site() -> tempfile::TempDir {
    let site = shipped_site();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("language = \"en\"\n{text}")).unwrap();
    site
}

/// Words only the Swedish printouts of import and new use (the content itself is Swedish).
const SWEDISH: &[&str] = &[
    "Läste",
    "Områden",
    "inriktning:",
    "Skrev",
    "Nästa steg",
    "nämnden ”",
    "Obs:",
    "Började",
    "rapporten",
    "liknande",
    "samma",
    "mappnamn",
    "finns redan",
];

fn no_swedish(said: &str) {
    for w in SWEDISH {
        assert!(
            !said.contains(w),
            "Swedish “{w}” on an English site:\n{said}"
        );
    }
}

#[test]
fn import_and_new_speak_english_on_an_english_site() {
    let site = english_site();
    let file = site.path().join("follow-up.txt");
    std::fs::write(&file, other_committee_text()).unwrap();
    let import = |into: &str| {
        uppsikt(
            &["import", file.to_str().unwrap(), "--into", into],
            site.path(),
        )
    };
    let out = import("content/2026/social");
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    for w in [
        "Read ",
        "Report: “Uppföljning av socialnämndens inriktning 2026”",
        "Areas (2):",
        "new area: “",
        "belongs to another committee",
        "Wrote the draft content/2026/social/",
        "Added 2 new areas",
        "Next steps:",
    ] {
        assert!(said.contains(w), "“{w}” missing:\n{said}");
    }
    no_swedish(&said);
    let areas = std::fs::read_to_string(site.path().join("content/areas.toml")).unwrap();
    assert!(
        areas.contains("# Added by uppsikt import from follow-up.txt (2026/social)"),
        "{areas}"
    );
    // The same document again: the note is in English too.
    let again = text(&import("content/2026/social-again"));
    assert!(
        again.contains("Note: the text is nearly the same as in content/2026/social"),
        "{again}"
    );
    no_swedish(&again);

    let out = uppsikt(
        &[
            "new",
            "2027/april",
            "--committee",
            "Barn- och ungdomsnämnden",
        ],
        site.path(),
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("Started content/2027/april from 2026/april (the committee's latest report)")
            && said.contains("Wrote:")
            && said.contains("Next steps:"),
        "{said}"
    );
    no_swedish(&said);
    let entry = std::fs::read_to_string(
        site.path()
            .join("content/2027/april/03-elever-med-hog-franvaro.md"),
    )
    .unwrap();
    assert!(
        entry.contains("TODO: write here what has been done"),
        "{entry}"
    );
    for (args, expected) in [
        (
            &["new", "2027/april", "--from", "2026/april"][..],
            "already exists",
        ),
        (&["new", "2027/x"][..], "the site has several committees"),
        (
            &["new", "2027/x", "--from", "2019/none"][..],
            "there is no report content/2019/none",
        ),
        (
            &["new", "2027/Stor Bokstav", "--from", "2026/april"][..],
            "the folder name",
        ),
    ] {
        let out = uppsikt(args, site.path());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = text(&out);
        assert!(
            said.contains(expected) && said.contains("Nothing was written."),
            "{args:?}: {said}"
        );
        no_swedish(&said);
    }
}
