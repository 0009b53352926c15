//! Markdown's own characters typed in a committee's document show on the built page as typed:
//! the same lines in a text file, a Word document and a PDF printed by Chromium, each given to
//! `uppsikt import` in a site in a temporary folder, the site built with `--drafts` and the
//! report page read with `scraper`. No line becomes strikethrough, emphasis, a heading, a list,
//! a quote, a link, an image, a table, code or HTML; a web address becomes a link to itself.

mod common;

use std::path::Path;
use std::process::Command;

use common::documents::{docx_with_body, html_of_paragraphs, print_pdf, word_paragraph};
use common::html::{page, sel, text};

const TITLE: &str = "Uppföljning av tecken 2027";

/// Lines a committee may well type, each a sentence of its own.
const LINES: &[&str] = &[
    "Det är ~~inte struket~~ och ~inte heller~ i texten.",
    "~~~ är inget kodblock.",
    "Stjärnor * och *inte kursiv* eller **inte fet** här.",
    "_Inte kursiv_ och ett snake_case_namn i texten.",
    "# inte en rubrik utan en mening.",
    "1. inte en numrerad lista utan en mening.",
    "2025) är inget listnummer och 3.5 procent inget heller.",
    "<b>Inte fet</b> och <script>alert(1)</script> i texten.",
    "[a](b) är ingen länk och ![c](d) ingen bild.",
    "Kolumner a | b | c är ingen tabell.",
    "> inte ett citat utan en mening.",
    "= inte en understrykning och + inget listtecken.",
    "&amp; är ingen entitet och `kod` ingen kod.",
    "Läs mer på https://www.alingsas.se/skola_och_forskola/*nytt* och www.lerum.se/barn_och_utbildning.",
];

fn uppsikt(args: &[&str], root: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run uppsikt");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "uppsikt {args:?}:\n{said}");
    said
}

/// Imports `file` (named `name`, holding `bytes`) into a new site, builds it with its drafts
/// and checks the report's text on the page: the heading, then each line as a paragraph of
/// plain text, as typed.
fn imported_lines_show_as_typed(name: &str, bytes: &[u8]) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("site.toml"), "title = \"Test\"\n").unwrap();
    std::fs::write(site.join("content/areas.toml"), "").unwrap();
    let file = tmp.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let into = [
        "import",
        file.to_str().unwrap(),
        "--into",
        "content/2027/tecken",
    ];
    uppsikt(&into, &site);
    let out = tmp.path().join("public");
    uppsikt(
        &["build", "--drafts", "--output", out.to_str().unwrap()],
        &site,
    );

    let doc = page(&out, "2027/tecken/index.html");
    let prose = doc
        .select(&sel("main .prose"))
        .next()
        .unwrap_or_else(|| panic!("{name}: the report page has no text"));
    let shown: Vec<String> = prose.select(&sel("p")).map(text).collect();
    assert_eq!(
        shown, LINES,
        "{name}: the paragraphs are not the lines as typed"
    );
    // A web address is the one link: to itself, shown as typed (Markdown's autolinks).
    let address = |e: &scraper::ElementRef| {
        let href = e.value().attr("href").unwrap_or("");
        let shown = text(*e);
        e.value().name() == "a" && (href == shown || href == format!("http://{shown}"))
    };
    let links = prose.select(&sel("a")).filter(address).count();
    assert_eq!(
        links,
        2,
        "{name}: the web addresses are not links:\n{}",
        prose.html()
    );
    let markup: Vec<String> = prose
        .select(&sel("*"))
        .filter(|e| !address(e))
        .map(|e| e.value().name().to_string())
        .filter(|n| !matches!(n.as_str(), "p" | "h2"))
        .collect();
    assert!(
        markup.is_empty(),
        "{name}: typed characters became markup {markup:?}:\n{}",
        prose.html()
    );
}

#[test]
fn markdown_characters_in_a_text_file_show_as_typed() {
    let text = format!("{TITLE}\n\nBakgrund\n\n{}\n", LINES.join("\n\n"));
    imported_lines_show_as_typed("tecken.txt", text.as_bytes());
}

#[test]
fn markdown_characters_in_a_word_document_show_as_typed() {
    let mut body = word_paragraph("Rubrik1", TITLE) + &word_paragraph("Rubrik2", "Bakgrund");
    for line in LINES {
        body.push_str(&word_paragraph("", line));
    }
    imported_lines_show_as_typed("tecken.docx", &docx_with_body(&body));
}

#[test]
fn markdown_characters_in_a_pdf_show_as_typed() {
    let mut paragraphs = vec![TITLE, "Bakgrund"];
    paragraphs.extend(LINES);
    let Some(pdf) = print_pdf(
        &html_of_paragraphs(TITLE, &paragraphs),
        "characters in a PDF",
    ) else {
        return;
    };
    imported_lines_show_as_typed("tecken.pdf", &pdf);
}
