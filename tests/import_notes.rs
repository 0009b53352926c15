//! Footnotes a Word document puts where a draft has no text to hold them: on an area's heading
//! (which becomes the entry's title) or on the report's title. The note's text must not be
//! lost, nor its marker shown in a title.

mod common;

use std::path::Path;

use common::documents::{document_xml, zip, CONTENT_TYPES, PACKAGE_RELS, W};
use common::site::Site;

/// A paragraph in `style` with `text` and a reference to footnote `note`.
fn noted(style: &str, text: &str, note: u8) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r><w:r><w:footnoteReference w:id="{note}"/></w:r></w:p>"#
    )
}

fn paragraph(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

/// The document with `body` and footnotes 1 and 2.
fn with_notes(body: &str) -> Vec<u8> {
    let notes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>Not om titeln.</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>Not om frånvaron.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", PACKAGE_RELS.into()),
        ("word/document.xml", document_xml(body)),
        ("word/footnotes.xml", notes.into_bytes()),
    ])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_footnote_on_a_title_or_an_area_heading_is_kept_in_the_text_below_it() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let body = [
        noted("Rubrik", "Uppföljning av verksamhetsplan 2027", 1),
        paragraph("Rubrik1", "Bakgrund"),
        paragraph("", "Nämnden följer upp sin budget."),
        noted("Rubrik2", "Elever med hög frånvaro", 2),
        paragraph("", "Vi har arbetat med frånvaron."),
        paragraph("Rubrik2", "Tidiga insatser"),
        paragraph("", "Läsinsatser har genomförts."),
    ]
    .concat();
    let docx = dir.path().join("rapport.docx");
    std::fs::write(&docx, with_notes(&body)).unwrap();
    let run = site.run_with(
        "import",
        &[docx.to_str().unwrap(), "--into", "content/2027/ny"],
    );
    assert!(run.ok, "{}", run.stderr);
    let folder = site.root.join("content/2027/ny");
    let index = read(&folder.join("_index.md"));
    assert!(
        index.contains("title = \"Uppföljning av verksamhetsplan 2027\"\n"),
        "{index}"
    );
    assert!(index.contains("[^1]: Not om titeln."), "{index}");
    let area = read(&folder.join("01-hog-franvaro.md"));
    assert!(
        area.contains("title = \"Elever med hög frånvaro\"\n"),
        "{area}"
    );
    assert!(area.contains("[^2]: Not om frånvaron."), "{area}");
    assert!(
        run.stdout.contains("Elever med hög frånvaro") && run.stdout.contains("Fotnot 2"),
        "the printout says where the note went:\n{}",
        run.stdout
    );
    let check = site.run_with("check", &["--drafts"]);
    assert!(check.ok, "{}", check.stderr);
}
