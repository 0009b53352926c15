//! Bad content gets a clear error naming file:line:column, with a hint, a non-zero exit — and
//! the previous output stays byte for byte as it was. The fixture is a Swedish site, so the
//! messages are Swedish (tests/messages.rs has the English ones and the plain-word TOML errors).

mod common;
use common::site::{assert_has, count, Site};

const ENTRY: &str = "content/2025/april/01-hog-franvaro.md";

#[test]
fn unknown_area_names_the_place_and_suggests_the_id() {
    let site = Site::new();
    site.edit(ENTRY, "area = \"hog-franvaro\"", "area = \"franvar\"");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: okänt område `franvar`",
            "content/2025/april/01-hog-franvaro.md:2:8",
            "= gör så här: menade du `franvaro`?",
        ],
    );
}

#[test]
fn invalid_toml_in_front_matter() {
    let site = Site::new();
    site.edit(
        ENTRY,
        "title = \"Elever med hög frånvaro\"",
        "title = Elever med hög frånvaro",
    );
    let err = site.fails();
    assert_has(
        &err,
        &[
            "texten i `title` saknar citattecken",
            "content/2025/april/01-hog-franvaro.md:3:9",
            "title = \"Elever med hög frånvaro\"",
        ],
    );
}

#[test]
fn front_matter_never_closed() {
    let site = Site::new();
    site.write(
        ENTRY,
        "+++\narea = \"hog-franvaro\"\ntitle = \"x\"\n\nText.\n",
    );
    assert_has(
        &site.fails(),
        &[
            "avslutas aldrig",
            "content/2025/april/01-hog-franvaro.md:1:1",
            "lägg till en rad med bara `+++`",
        ],
    );
}

#[test]
fn unknown_and_missing_keys() {
    let site = Site::new();
    site.edit(ENTRY, "title = ", "titel = ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "content/2025/april/01-hog-franvaro.md:3:1",
            "`titel` är ingen inställning som finns här",
            "menade du `title`?",
        ],
    );

    site.edit(ENTRY, "titel = \"Elever med hög frånvaro\"\n", "");
    assert_has(
        &site.fails(),
        &[
            "inställningen `title` saknas",
            "content/2025/april/01-hog-franvaro.md:2:1",
            "lägg till en rad title = \"…\"",
        ],
    );
}

#[test]
fn the_same_area_twice_in_one_report() {
    let site = Site::new();
    site.edit(
        "content/2025/april/04-kompetens.md",
        "area = \"kompetens\"",
        "area = \"arbetsmiljo\"",
    );
    assert_has(
        &site.fails(),
        &[
            "området `arbetsmiljo` finns två gånger i den här rapporten",
            "content/2025/april/04-kompetens.md:2:8",
        ],
    );
}

#[test]
fn lineage_with_an_unknown_id_or_a_cycle() {
    let site = Site::new();
    site.edit(
        "content/areas.toml",
        "continues = [\"franvaro\"]",
        "continues = [\"franvaron\"]",
    );
    assert_has(
        &site.fails(),
        &[
            "fortsätter det okända området `franvaron`",
            "content/areas.toml:9:14",
            "menade du `franvaro`?",
        ],
    );

    site.edit(
        "content/areas.toml",
        "continues = [\"franvaron\"]",
        "continues = [\"franvaro\"]",
    );
    site.edit(
        "content/areas.toml",
        "id = \"franvaro\"\nname = \"Frånvaro\"",
        "id = \"franvaro\"\nname = \"Frånvaro\"\ncontinues = [\"hog-franvaro\"]",
    );
    assert_has(
        &site.fails(),
        &[
            "områdenas historik går i cirkel: franvaro → hog-franvaro → franvaro",
            "content/areas.toml:3:6",
        ],
    );
}

#[test]
fn two_files_with_one_url() {
    let site = Site::new();
    site.write(
        "content/2025/april/hog-franvaro/index.html",
        "<p>hand-made</p>",
    );
    assert_has(
        &site.fails(),
        &["två filer vill ha adressen /2025/april/hog-franvaro/index.html"],
    );
}

#[test]
fn a_file_in_the_search_index_folder() {
    // Even a name the index does not use: the client may load any file under search/.
    let site = Site::new();
    site.write("content/search/x/999.json.gz", "not an index file");
    assert_has(
        &site.fails(),
        &[
            "/search/x/999.json.gz ligger i sökindexets mapp /search/",
            "content/search/x/999.json.gz",
            "sökindexet äger den mappen",
        ],
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = Site::new();
    let mut bytes = b"+++\narea = \"kompetens\"\ntitle = \"Kompetensf".to_vec();
    bytes.push(0xf6); // "ö" in Latin-1
    bytes.extend_from_slice(b"rs\"\n+++\n");
    site.write("content/2025/april/04-kompetens.md", bytes);
    assert_has(
        &site.fails(),
        &[
            "filen är inte UTF-8-text",
            "content/2025/april/04-kompetens.md:3:20",
            "spara filen som UTF-8",
        ],
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = Site::new();
    site.write(
        "templates/entry.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ entry.title }\n{% endblock %}\n",
    );
    assert_has(
        &site.fails(),
        &[
            "fel i mallen entry.html",
            "templates/entry.html:3",
            "rätta mallens syntax",
        ],
    );
}

#[test]
fn all_errors_are_reported_together() {
    let site = Site::new();
    site.edit(ENTRY, "area = \"hog-franvaro\"", "area = \"nope\"");
    site.edit(
        "content/2025/april/04-kompetens.md",
        "area = \"kompetens\"",
        "area = \"nix\"",
    );
    site.edit("site.toml", "title = ", "titel = ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "okänt område `nope`",
            "okänt område `nix`",
            "site.toml:1:1",
            "3 fel",
            "Bygget misslyckades; ingenting skrevs.",
        ],
    );
}

#[test]
fn the_site_overrides_a_theme_template() {
    let site = Site::new();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Egen 404</h1>{% endblock %}",
    );
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
    assert!(std::fs::read_to_string(site.out.join("404.html"))
        .unwrap()
        .contains("<h1>Egen 404</h1>"));
}

#[test]
fn an_empty_area_id_is_an_error_not_an_overwritten_page() {
    // Before, `id = ""` made the area's page /omraden/ itself and its entry the report page.
    let site = Site::new();
    let areas = std::fs::read_to_string(site.root.join("content/areas.toml")).unwrap();
    let line = areas.lines().count() + 3;
    site.write(
        "content/areas.toml",
        format!("{areas}\n[[area]]\nid = \"\"\nname = \"Läsa och skriva\"\n"),
    );
    site.edit(ENTRY, "area = \"hog-franvaro\"", "area = \"\"");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: områdets id är tomt",
            &format!("content/areas.toml:{line}:6"),
            "id = \"lasa-och-skriva\"",
        ],
    );
    assert_eq!(count(&err), 1, "{err}");
}

#[test]
fn urls_that_differ_only_in_case_or_slashes_collide() {
    let site = Site::new();
    site.write("content/Omraden/index.html", "<p>hand-made</p>");
    assert_has(
        &site.fails(),
        &[
            "två filer vill ha adressen /Omraden/index.html: sidan «Områden» (omraden/index.html) och content/Omraden/index.html",
            "stora och små bokstäver räknas som samma",
        ],
    );

    // A file where a page needs a folder.
    std::fs::remove_dir_all(site.root.join("content/Omraden")).unwrap();
    site.write(
        "content/2025/april/hog-franvaro",
        "a file without extension",
    );
    assert_has(
        &site.fails(),
        &["/2025/april/hog-franvaro är både en fil och en mapp: content/2025/april/hog-franvaro"],
    );
}

#[test]
fn a_javascript_link_in_site_toml_is_refused() {
    let site = Site::new();
    site.edit(
        "site.toml",
        "known_gaps",
        "enforcement_url = \"javascript:alert(document.cookie)\"\nknown_gaps",
    );
    assert_has(
        &site.fails(),
        &[
            "`enforcement_url` är inte en webbadress: `javascript:alert(document.cookie)`",
            "site.toml:10:1",
            "https://",
        ],
    );
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let _ = std::fs::remove_file(path);
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// A named pipe is never opened: the build would wait for ever for a writer. (`Site::run`
/// kills a build after 60 s, so a regression fails instead of hanging.)
#[cfg(unix)]
#[test]
fn a_named_pipe_instead_of_a_file_is_an_error_not_a_hang() {
    let site = Site::new();
    for (rel, shown) in [
        ("content/areas.toml", "--> content/areas.toml\n"),
        (ENTRY, "content/2025/april/01-hog-franvaro.md"),
        (
            "content/2025/april/bilaga.pdf",
            "content/2025/april/bilaga.pdf",
        ),
        // The walker itself reads these, in content/, above it and in every folder under it.
        ("content/2025/.ignore", "--> content/2025/.ignore\n"),
        ("content/.gitignore", "--> content/.gitignore\n"),
        (".gitignore", "--> .gitignore\n"),
    ] {
        mkfifo(&site.root.join(rel));
        let err = site.fails();
        assert_has(
            &err,
            &[
                shown,
                "är inte en vanlig fil",
                "ersätt den med en vanlig textfil",
            ],
        );
        assert_eq!(count(&err), 1, "{err}");
        std::fs::remove_file(site.root.join(rel)).unwrap();
        let fixture = common::repo_root().join("tests/fixtures/lineage").join(rel);
        if fixture.exists() {
            std::fs::copy(fixture, site.root.join(rel)).unwrap();
        }
    }
    mkfifo(&site.root.join("site.toml"));
    let err = site.fails();
    assert_has(&err, &["site.toml är inte en vanlig fil", "--> site.toml"]);
}

#[test]
fn a_day_that_does_not_exist_is_an_error() {
    let site = Site::new();
    let report = "content/2025/april/_index.md";
    site.edit(report, "date = \"2025-04\"", "date = \"2025-02-30\"");
    assert_has(
        &site.fails(),
        &[
            "`date` är ett datum som inte finns: 2025-02-30",
            "content/2025/april/_index.md:4:8",
            "2025-02 har 28 dagar",
            "\"2025-02-28\"",
        ],
    );
    // Also as a TOML date without quotes, which the TOML reader itself refuses.
    site.edit(report, "date = \"2025-02-30\"", "date = 2025-04-31");
    assert_has(
        &site.fails(),
        &[
            "`date` är ett datum som inte finns: 2025-04-31",
            "content/2025/april/_index.md:4:8",
        ],
    );
}

#[test]
fn a_date_outside_the_year_folder_is_an_error() {
    let site = Site::new();
    let report = "content/2025/april/_index.md";
    // A copied folder whose date was not changed.
    site.edit(report, "date = \"2025-04\"", "date = \"2024-04\"");
    assert_has(
        &site.fails(),
        &[
            "rapporten är daterad 2024-04 men ligger i mappen för år 2025",
            "content/2025/april/_index.md:4:8",
            "flytta rapportens mapp till content/2024/",
        ],
    );
    site.edit(report, "date = \"2024-04\"", "date = \"2026-09\"");
    assert_has(&site.fails(), &["daterad 2026-09", "content/2026/"]);
    // The first half of the next year is when a year's annual report is decided.
    site.edit(report, "date = \"2026-09\"", "date = \"2026-03\"");
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn control_characters_from_content_are_shown_not_sent_to_the_terminal() {
    let site = Site::new();
    // An escape sequence that would colour the terminal and one that would clear it.
    site.edit(
        ENTRY,
        "area = \"hog-franvaro\"",
        "area = \"\\u001b[31mröd\\u001b[2J\"",
    );
    let err = site.fails();
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert_has(
        &err,
        &[
            "okänt område `<U+001B>[31mröd<U+001B>[2J`",
            "content/2025/april/01-hog-franvaro.md:2:8",
        ],
    );
}

#[test]
fn a_very_long_line_is_shortened_around_the_column() {
    let site = Site::new();
    let long = "lång text ".repeat(1000);
    site.edit(
        ENTRY,
        "title = \"Elever med hög frånvaro\"",
        &format!("title = \"{long}\" x = 1 \"{long}\""),
    );
    let err = site.fails();
    // The quote that ends the title early, after 10,000 characters.
    let column = 9 + long.chars().count() + 1;
    assert_has(
        &err,
        &[&format!("content/2025/april/01-hog-franvaro.md:3:{column}")],
    );
    let lines: Vec<&str> = err.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("3 | ")).unwrap();
    let (source, caret) = (lines[at], lines[at + 1]);
    assert!(source.chars().count() < 120, "{source}");
    assert!(source.starts_with("3 | …"), "{source}");
    assert!(source.ends_with('…'), "{source}");
    let caret_at = caret.chars().count() - 1;
    assert_eq!(caret.chars().last(), Some('^'));
    let under: String = source.chars().skip(caret_at).take(7).collect();
    assert_eq!(under, "\" x = 1", "{source}\n{caret}");
    assert!(err.len() < 4000, "{} bytes of messages", err.len());
}

#[test]
fn a_report_folder_whose_name_is_no_url_gets_a_usable_hint() {
    let site = Site::new();
    let from = site.root.join("content/2025/april");
    std::fs::rename(&from, site.root.join("content/2025/-")).unwrap();
    let err = site.fails();
    assert_has(
        &err,
        &[
            "rapportmappen `-` kan inte bli en webbadress",
            "--> content/2025/-",
            "ge mappen ett namn med bokstäver eller siffror",
        ],
    );
    // Once for the folder, not once for each of its five files.
    assert_eq!(count(&err), 1, "{err}");
    assert!(!err.contains("till ``"), "{err}");
}
