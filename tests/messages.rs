//! Messages a communications officer can act on: the TOML mistakes that pasting from Word
//! makes, told in plain words with the fixed line, every problem of every file at once, and
//! in the site's language. Each test runs the CLI on a copy of the lineage fixture.

mod common;
use common::site::{assert_has, count, Site};

const ENTRY: &str = "content/2025/april/01-hog-franvaro.md";
const TITLE: &str = "title = \"Elever med hög frånvaro\"";

/// The line a hint suggests after `prefix` ("… texten: title = \"…\""), up to the end of the
/// hint's line or the first " (" that explains it.
fn suggested<'a>(stderr: &'a str, prefix: &str) -> &'a str {
    let at = stderr
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix:?} in {stderr}"));
    let rest = &stderr[at + prefix.len()..];
    let end = rest.find('\n').unwrap_or(rest.len());
    let line = &rest[..end];
    line.split(" (").next().unwrap()
}

fn page_title(site: &Site) -> String {
    let html =
        std::fs::read_to_string(site.out.join("2025/april/hog-franvaro/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let h1 = scraper::Selector::parse("h1").unwrap();
    doc.select(&h1)
        .next()
        .unwrap()
        .text()
        .collect::<String>()
        .trim()
        .to_string()
}

#[test]
fn quotes_inside_a_title_get_the_fixed_line_and_the_fix_works() {
    let site = Site::new();
    site.edit(ENTRY, TITLE, "title = \"Elever med \"hög\" frånvaro\"");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: texten i `title` innehåller citattecken, och då tar texten slut för tidigt",
            "content/2025/april/01-hog-franvaro.md:3:21",
            "3 | title = \"Elever med \"hög\" frånvaro\"",
            "gör så här: skriv ett \\ före varje citattecken inuti texten: title = \"Elever med \\\"hög\\\" frånvaro\"",
            "eller omge texten med apostrofer: title = 'Elever med \"hög\" frånvaro'",
        ],
    );
    assert_eq!(count(&err), 1, "{err}");

    // Both suggestions, written as they are shown, build.
    for prefix in ["inuti texten: ", "med apostrofer: "] {
        let fixed = suggested(&err, prefix).to_string();
        let now = std::fs::read_to_string(site.root.join(ENTRY)).unwrap();
        let line = now
            .lines()
            .find(|l| l.starts_with("title"))
            .unwrap()
            .to_string();
        site.edit(ENTRY, &line, &fixed);
        let run = site.run("build");
        assert!(run.ok, "{fixed}: {}", run.stderr);
        assert_eq!(page_title(&site), "Elever med \"hög\" frånvaro");
    }
}

#[test]
fn typographic_quotes_around_a_value_say_use_straight_quotes() {
    let site = Site::new();
    site.edit(ENTRY, TITLE, "title = ”Elever med hög frånvaro”");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "texten i `title` står inom typografiska citattecken (”)",
            "content/2025/april/01-hog-franvaro.md:3:9",
            "använd raka citattecken \" runt texten: title = \"Elever med hög frånvaro\"",
        ],
    );
    // Word's opening and closing pair, and typographic quotes inside a straight-quoted text,
    // which are text like any other.
    site.edit(
        ENTRY,
        "title = ”Elever med hög frånvaro”",
        "title = “Elever med hög frånvaro”",
    );
    site.edit(
        ENTRY,
        "direction = \"Fler elever",
        "direction = \"”Fler” elever",
    );
    let err = site.fails();
    assert_has(&err, &["typografiska citattecken (“)", ":3:9"]);
    assert_eq!(count(&err), 1, "{err}");
    let fixed = suggested(&err, "runt texten: ").to_string();
    site.edit(ENTRY, "title = “Elever med hög frånvaro”", &fixed);
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(page_title(&site), "Elever med hög frånvaro");
}

#[test]
fn invisible_characters_are_named_with_their_code_point_and_place() {
    let site = Site::new();
    site.edit(
        ENTRY,
        TITLE,
        "title\u{a0}= \"Elever med hög frånvaro\"\u{200b}",
    );
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: ett osynligt tecken: ett hårt mellanslag (U+00A0) på 3:6",
            "--> content/2025/april/01-hog-franvaro.md:3:6",
            // The snippet shows the character it is about.
            "3 | title<U+00A0>= \"Elever med hög frånvaro\"<U+200B>",
            "radera tecknet och skriv ett vanligt mellanslag",
            "ett mellanslag utan bredd (U+200B) på 3:34",
        ],
    );
    assert_eq!(count(&err), 2, "{err}");
    // Inside a text the same characters are text: "10 000" with a non-breaking space.
    site.edit(
        ENTRY,
        "title\u{a0}= \"Elever med hög frånvaro\"\u{200b}",
        "title = \"Elever med hög frånvaro, 10\u{a0}000\"",
    );
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn a_text_without_quotes_gets_them() {
    let site = Site::new();
    site.edit(
        "content/2025/april/_index.md",
        "committee = \"Testnämnden\"",
        "committee = Barn- och ungdomsnämnden",
    );
    assert_has(
        &site.fails(),
        &[
            "texten i `committee` saknar citattecken",
            "content/2025/april/_index.md:5:13",
            "sätt raka citattecken runt texten: committee = \"Barn- och ungdomsnämnden\"",
        ],
    );
}

#[test]
fn every_error_of_every_file_comes_in_one_round() {
    let site = Site::new();
    // A TOML mistake in one file used to hide the others' problems until it was fixed.
    site.edit(ENTRY, TITLE, "title = \"Elever med \"hög\" frånvaro\"");
    site.edit(
        "content/2025/april/04-kompetens.md",
        "area = \"kompetens\"",
        "area = \"kompetensen\"",
    );
    site.edit(
        "content/2025/april/02-tidiga-insatser.md",
        "+++\n",
        "+++\ntitle\u{a0}= \"x\"\n",
    );
    site.edit(
        "content/2024/arsbokslut/_index.md",
        "date = \"2025-02\"",
        "date = \"2025-02-29\"",
    );
    site.edit("site.toml", "title = ", "titel = ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "content/2025/april/01-hog-franvaro.md:3:21",
            "content/2025/april/02-tidiga-insatser.md:2:6",
            "okänt område `kompetensen`",
            "content/2024/arsbokslut/_index.md:4:8",
            "site.toml:1:1",
            "`titel` är ingen inställning som finns här",
        ],
    );
    assert_eq!(count(&err), 5, "{err}");
}

#[test]
fn a_broken_register_of_areas_does_not_make_every_area_unknown() {
    let site = Site::new();
    site.edit(
        "content/areas.toml",
        "name = \"Frånvaro\"",
        "name = ”Frånvaro”",
    );
    site.edit(ENTRY, TITLE, "title = Elever med hög frånvaro");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "content/areas.toml:4:8",
            "typografiska citattecken",
            "content/2025/april/01-hog-franvaro.md:3:9",
        ],
    );
    assert!(!err.contains("okänt område"), "{err}");
    assert_eq!(count(&err), 2, "{err}");
}

#[test]
fn an_english_site_gets_english_messages() {
    let site = Site::english();
    site.edit(ENTRY, TITLE, "title\u{a0}= \"Elever med \"hög\" frånvaro\"");
    site.edit(
        "content/2025/april/04-kompetens.md",
        "area = \"kompetens\"",
        "area = \"kompetensen\"",
    );
    let err = site.fails();
    assert_has(
        &err,
        &[
            "error: an invisible character: a non-breaking space (U+00A0) at 3:6",
            "= hint: delete the character and type an ordinary space",
            "error: unknown area `kompetensen`",
            "= hint: did you mean `kompetens`?",
            "\n2 errors\n",
            "The build failed; nothing was written.",
        ],
    );
    assert!(!err.contains("fel"), "{err}");

    // Also when site.toml itself is what is broken.
    site.edit("site.toml", "title = ", "title = ”x” # ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "error: the text of `title` is in typographic quotes (”)",
            "--> site.toml:2:9",
            "use straight quotes \" around the text",
        ],
    );
}

#[test]
fn the_summary_line_speaks_the_site_language_too() {
    let site = Site::new();
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Byggde ")
            && run.stdout.contains(" sidor (2 rapporter, 8 områden), ")
            && run.stdout.contains(" filer på "),
        "{}",
        run.stdout
    );
    let run = site.run("check");
    assert!(
        run.stdout.starts_with("Kontrollerade ") && run.stdout.contains(" sidor (2 rapporter"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.trim_end().ends_with(": inga fel"),
        "{}",
        run.stdout
    );

    let site = Site::english();
    let run = site.run("check");
    assert!(
        run.stdout.starts_with("Checked ") && run.stdout.contains(" pages (2 reports, 8 areas), "),
        "{}",
        run.stdout
    );
}

#[test]
fn two_misspelt_keys_in_one_file_come_in_one_round() {
    let site = Site::new();
    site.edit(ENTRY, "title = ", "titel = ");
    site.edit(ENTRY, "direction = ", "riktning = ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "`titel` är ingen inställning som finns här",
            "content/2025/april/01-hog-franvaro.md:3:1",
            "menade du `title`?",
            "`riktning` är ingen inställning som finns här",
            "content/2025/april/01-hog-franvaro.md:4:1",
            "inställningarna som finns är `area`, `title`, `direction`, `summary`, `status`, `weight`, `draft`",
        ],
    );
    assert_eq!(count(&err), 2, "{err}");
}

#[test]
fn publishing_warnings_and_broken_links_speak_the_site_language_too() {
    let site = Site::new();
    let text = std::fs::read_to_string(site.root.join(ENTRY)).unwrap();
    site.write(ENTRY, format!("{text}\nTODO: skriv klart.\n"));
    let run = site.run("check");
    assert!(run.ok, "{}", run.stderr);
    assert_has(
        &run.stderr,
        &[
            "varning: `TODO` står kvar i texten",
            "gör klart eller ta bort det som markeringen gäller",
            "2 varningar",
        ],
    );
    site.write(ENTRY, format!("{text}\nSe [planen](plan.pdf).\n"));
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: `plan.pdf` pekar på en fil som inte finns: content/2025/april/plan.pdf",
            "lägg filen i content/2025/april/",
        ],
    );
    assert!(
        !err.contains("points to") && !err.contains("warning"),
        "{err}"
    );
}

#[test]
fn the_output_folder_refusals_speak_the_site_language_too() {
    let site = Site::new();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .arg("build")
        .arg("--root")
        .arg(&site.root)
        .arg("--output")
        .arg(site.root.join("content"))
        .arg("--force")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert_has(
        &err,
        &[
            "fel: bygger inte i ",
            "det är webbplatsens mapp content/",
            "--force ändrar inte detta",
        ],
    );
    assert!(!err.contains("will not build"), "{err}");
    assert!(site.root.join("content/areas.toml").is_file());
}

/// The operating system's own words are English ("No such file or directory (os error 2)"):
/// a file that is not there is said in the site's language.
#[test]
fn a_missing_file_is_said_in_plain_words_in_the_sites_language() {
    for (site, said) in [
        (Site::new(), "kan inte läsa filen: den finns inte"),
        (Site::english(), "cannot read the file: it does not exist"),
    ] {
        std::fs::remove_file(site.root.join("content/areas.toml")).unwrap();
        let err = site.fails();
        assert_has(&err, &[said, "content/areas.toml"]);
        assert!(!err.contains("os error"), "{err}");
    }
}
