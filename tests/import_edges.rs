//! `uppsikt import` on the documents and folder names an independent reviewer tries: a file of
//! one kind named as another, a PDF with bytes before its header, a year folder that is not one.
//! Each on a copy of the lineage fixture, through the binary, as a user runs it.

mod common;

use std::path::{Path, PathBuf};

use common::documents::{
    document_xml, docx_with_body, minimal_pdf, word_paragraph, zip, CONTENT_TYPES, PACKAGE_RELS, W,
};
use common::site::{Run, Site};

/// `uppsikt import <file> --into <into>` on `site`.
fn import(site: &Site, file: &Path, into: &str) -> Run {
    site.run_with("import", &[file.to_str().unwrap(), "--into", into])
}

/// `bytes` written as `name` in a folder of the test's own.
fn file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A refused import: exit code 1, `said` in the message, nothing written.
fn refused(
    site: &Site,
    run: &Run,
    said: &str,
    before: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(said),
        "expected {said:?} in:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(
        &common::site::snapshot(&site.root),
        before,
        "something was written"
    );
}

#[test]
fn a_file_of_the_other_kind_is_named_with_the_extension_it_needs() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let before = common::site::snapshot(&site.root);
    let docx = docx_with_body(&word_paragraph("", "Nämnden följer upp sin budget."));
    let pdf_as_docx = file(&dir, "rapport.docx", &minimal_pdf("Hej du glada"));
    let run = import(&site, &pdf_as_docx, "content/2027/ny");
    refused(
        &site,
        &run,
        "det är en PDF-fil: importera den med ett namn som slutar på .pdf",
        &before,
    );
    let docx_as_pdf = file(&dir, "rapport.pdf", &docx);
    let run = import(&site, &docx_as_pdf, "content/2027/ny");
    refused(&site, &run, "slutar på .docx", &before);
}

#[test]
fn a_pdf_with_bytes_before_its_header_is_read_as_pdf_readers_read_it() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    // A byte order mark, or a line a mail program left: PDF readers look for the header in the
    // first kilobyte.
    let bytes = [b"\xEF\xBB\xBF".as_slice(), &minimal_pdf("Hej du glada")].concat();
    let pdf = file(&dir, "bom.pdf", &bytes);
    let run = import(&site, &pdf, "content/2027/ny");
    assert!(run.ok, "{}", run.stderr);
    assert!(index(&site).contains("Hej du glada"), "{}", index(&site));
}

#[test]
fn a_year_folder_that_is_no_year_of_four_digits_is_refused_before_anything_is_written() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let before = common::site::snapshot(&site.root);
    let docx = docx_with_body(&word_paragraph("", "Nämnden följer upp sin budget."));
    let docx = file(&dir, "rapport.docx", &docx);
    for into in [
        "content/0999/ny",
        "content/0000/ny",
        "content/+202/ny",
        "2027/../ny",
    ] {
        let run = import(&site, &docx, into);
        refused(
            &site,
            &run,
            &format!("”{into}” är ingen rapportmapp"),
            &before,
        );
        assert!(!run.stderr.contains("fel: fel:"), "{}", run.stderr);
    }
}

/// Imports a Word document of the paragraphs `body` into content/2027/ny; it must succeed.
fn imported(site: &Site, body: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let docx = file(&dir, "rapport.docx", &docx_with_body(body));
    let run = import(site, &docx, "content/2027/ny");
    assert!(run.ok, "{}", run.stderr);
    run
}

/// The `_index.md` an import wrote into `content/2027/ny`.
fn index(site: &Site) -> String {
    std::fs::read_to_string(site.root.join("content/2027/ny/_index.md")).unwrap()
}

#[test]
fn a_diary_number_ends_with_its_line() {
    let site = Site::new();
    let body = [
        word_paragraph("", "Barn- och ungdomsnämnden, Dnr BUN 2027.012"),
        word_paragraph("Rubrik1", "Bakgrund"),
        word_paragraph("", "Nämnden följer upp sin budget."),
    ]
    .concat();
    imported(&site, &body);
    assert!(
        index(&site).contains("diary_number = \"BUN 2027.012\"\n"),
        "{}",
        index(&site)
    );
}

#[test]
fn a_paragraph_in_words_title_style_is_the_title_also_when_text_follows_it() {
    let site = Site::new();
    // "Rubrik" is the Title style's id in a Swedish Word; a date line under the title is usual.
    let body = [
        word_paragraph("Rubrik", "Uppföljning av verksamhetsplan 2027"),
        word_paragraph("", "Barn- och ungdomsnämnden 2027-03-15"),
        word_paragraph("Rubrik1", "Bakgrund"),
        word_paragraph("", "Nämnden följer upp sin budget."),
    ]
    .concat();
    let run = imported(&site, &body);
    let index = index(&site);
    assert!(
        index.contains("title = \"Uppföljning av verksamhetsplan 2027\"\n"),
        "{index}"
    );
    assert!(!index.contains("## Uppföljning"), "the title once: {index}");
    assert!(index.contains("## Bakgrund"), "{index}");
    assert!(
        !run.stdout.contains("Titel: hittades inte"),
        "{}",
        run.stdout
    );
}

/// A Word list item: `text` at `level` of the numbering `num`.
fn list_item(num: u8, level: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

#[test]
fn nested_word_lists_keep_their_levels_and_the_outer_numbers() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    // A decision's points numbered 1–3, bullets under them, letters under a bullet.
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let body = [
        word_paragraph("", "Nämnden beslutar:"),
        list_item(1, 0, "Första punkten"),
        list_item(1, 1, "Underpunkt ett"),
        list_item(1, 1, "Underpunkt två"),
        list_item(1, 2, "Djup a"),
        list_item(1, 0, "Andra punkten"),
        list_item(1, 1, "Underpunkt tre"),
        list_item(1, 0, "Tredje punkten"),
    ]
    .concat();
    let docx = zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", PACKAGE_RELS.into()),
        ("word/document.xml", document_xml(&body)),
        ("word/numbering.xml", numbering.into_bytes()),
    ]);
    let docx = file(&dir, "rapport.docx", &docx);
    let run = import(&site, &docx, "content/2027/ny");
    assert!(run.ok, "{}", run.stderr);
    let list = "1. Första punkten\n   - Underpunkt ett\n   - Underpunkt två\n     1. Djup a\n\
                2. Andra punkten\n   - Underpunkt tre\n3. Tredje punkten\n";
    assert!(index(&site).contains(list), "{}", index(&site));
    let check = site.run_with("check", &["--drafts"]);
    assert!(check.ok, "{}", check.stderr);
}

#[test]
fn a_word_document_of_only_spaces_has_no_text_to_import() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let before = common::site::snapshot(&site.root);
    // Non-breaking spaces (Word's Ctrl+Shift+Space), an ideographic and an em space.
    let body = [
        word_paragraph("", "\u{a0}\u{a0}"),
        word_paragraph("Rubrik1", "\u{a0}"),
        word_paragraph("", " \u{3000}\u{2003} "),
    ]
    .concat();
    let docx = file(&dir, "tom.docx", &docx_with_body(&body));
    let run = import(&site, &docx, "content/2027/ny");
    refused(
        &site,
        &run,
        "Word-dokumentet har ingen text att importera",
        &before,
    );
    let txt = file(&dir, "tom.txt", "\u{a0}\n\u{3000}\n".as_bytes());
    let run = import(&site, &txt, "content/2027/ny");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(common::site::snapshot(&site.root), before, "{}", run.stderr);
}

/// A 2×2 PNG.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 253, 212, 154, 115, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 4, 34, 6,
    8, 5, 0, 23, 206, 3, 153, 27, 108, 163, 207, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn a_picture_without_alt_text_gets_its_todo_in_the_sites_language() {
    let site = Site::english();
    let dir = tempfile::tempdir().unwrap();
    let picture = r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="wp"><wp:docPr id="1" name="Bild 1"/><a:graphic xmlns:a="a"><a:graphicData><a:blip r:embed="rId7"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let body = [
        word_paragraph("", "The committee follows up its budget."),
        picture.to_string(),
    ]
    .concat();
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#;
    let docx = zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", PACKAGE_RELS.into()),
        ("word/document.xml", document_xml(&body)),
        ("word/_rels/document.xml.rels", rels.into()),
        ("word/media/image1.png", PNG.to_vec()),
    ]);
    let docx = file(&dir, "report.docx", &docx);
    let run = import(&site, &docx, "content/2027/ny");
    assert!(run.ok, "{}", run.stderr);
    let index = index(&site);
    assert!(
        index.contains("![TODO: describe the picture (alt text)](image1.png)"),
        "{index}"
    );
}

#[test]
fn identity_numbers_in_the_document_are_pointed_out_by_the_import() {
    let site = Site::new();
    // 19121212-1212 is the Tax Agency's test number: a real shape and check digit.
    let body = [
        word_paragraph("", "Kontaktperson är 19121212-1212, som rapporterar."),
        word_paragraph(
            "",
            "Ärendet har Dnr BUN 2027.012 och beslutades 2027-03-15.",
        ),
    ]
    .concat();
    let run = imported(&site, &body);
    let note = run
        .stdout
        .lines()
        .find(|l| l.contains("personnummer"))
        .unwrap_or_else(|| panic!("no note of the personnummer:\n{}", run.stdout));
    assert!(note.starts_with("Obs: "), "{note}");
    assert!(note.contains("content/2027/ny/_index.md"), "{note}");
    assert!(
        !note.contains("1212-1212"),
        "the printout does not repeat it: {note}"
    );
}

#[test]
fn counts_in_the_printout_take_the_number_of_their_noun() {
    let dir = tempfile::tempdir().unwrap();
    let body = word_paragraph("", "Contact 19121212-1212 about the budget.");
    let docx = file(&dir, "rapport.docx", &docx_with_body(&body));
    let site = Site::new();
    let run = import(&site, &docx, "content/2027/ny");
    assert!(
        run.stdout.contains("(1 fil, draft = true)"),
        "{}",
        run.stdout
    );
    let site = Site::english();
    let run = import(&site, &docx, "content/2027/ny");
    assert!(
        run.stdout.contains("(1 file, draft = true)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("has 1 number shaped like"),
        "{}",
        run.stdout
    );
}

/// A Word paragraph wholly in bold, as a heading is typed where no heading style is used.
fn bold_paragraph(text: &str) -> String {
    format!(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"#)
}

#[test]
fn in_a_word_document_without_heading_styles_bold_lines_are_its_headings() {
    let site = Site::new();
    let body = [
        word_paragraph(
            "",
            "Nämnden följer upp sina utvecklingsområden i denna rapport.",
        ),
        bold_paragraph("Elever med hög frånvaro"),
        word_paragraph("", "Vi har arbetat med frånvaron hela året."),
        bold_paragraph("Tidiga insatser"),
        word_paragraph("", "Läsinsatser i förskoleklass har genomförts."),
        // Bold inside a paragraph, and a bold sentence, stay text.
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">Det är </w:t></w:r>{}</w:p>",
            r#"<w:r><w:rPr><w:b/></w:rPr><w:t>viktigt</w:t></w:r>"#
        ),
        bold_paragraph("Nämnden ska följa upp arbetet under hösten."),
    ]
    .concat();
    let run = imported(&site, &body);
    let folder = site.root.join("content/2027/ny");
    let frånvaro = std::fs::read_to_string(folder.join("01-hog-franvaro.md"))
        .unwrap_or_else(|_| panic!("no area file for the first bold heading:\n{}", run.stdout));
    assert!(
        frånvaro.contains("Vi har arbetat med frånvaron"),
        "{frånvaro}"
    );
    let tidiga = std::fs::read_to_string(folder.join("02-tidiga-insatser.md")).unwrap();
    assert!(tidiga.contains("Det är **viktigt**"), "{tidiga}");
    assert!(
        tidiga.contains("**Nämnden ska följa upp arbetet under hösten.**"),
        "{tidiga}"
    );
}

#[test]
fn the_reports_date_is_one_its_year_folder_can_hold() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    // A January follow-up names the decision of the autumn before (and a date that is none).
    let body = [
        word_paragraph(
            "",
            "Fullmäktige beslutade 2026-11-20 om budgeten, ändrad 2027-02-31.",
        ),
        word_paragraph("", "Rapporten lämnas 2027-01-20 till nämnden."),
    ]
    .concat();
    imported(&site, &body);
    assert!(
        index(&site).contains("date = \"2027-01-20\"\n"),
        "{}",
        index(&site)
    );
    // Only dates of other years: the folder's year.
    let body = word_paragraph("", "Fullmäktige beslutade 2025-11-20 om budgeten.");
    let docx = file(&dir, "gammal.docx", &docx_with_body(&body));
    let run = import(&site, &docx, "content/2027/annan");
    assert!(run.ok, "{}", run.stderr);
    let index = std::fs::read_to_string(site.root.join("content/2027/annan/_index.md")).unwrap();
    assert!(index.contains("date = \"2027\"\n"), "{index}");
}

#[test]
fn a_running_header_and_footer_of_a_two_page_document_go() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let page = |n: u8, text: &str| {
        format!(
            "Barn- och ungdomsnämnden 2027-03-15\n\n{text}\n\nTjänsteskrivelse, sida {n} av 2\n"
        )
    };
    // Both pages' text ends with the same line, glued to the text above it: no footer.
    let text = [
        page(1, "Bakgrund\n\nNämnden följer upp sin budget för\nåret."),
        page(2, "Nämnden ser att arbetet går framåt\nåret."),
    ]
    .join("\u{c}");
    let txt = file(&dir, "rapport.txt", text.as_bytes());
    let run = import(&site, &txt, "content/2027/ny");
    assert!(run.ok, "{}", run.stderr);
    let index = index(&site);
    assert!(index.contains("arbetet går framåt året."), "{index}");
    assert!(index.contains("budget för året."), "{index}");
    assert!(
        !index.contains("2027-03-15\n"),
        "the header is gone: {index}"
    );
    assert!(!index.contains("sida"), "the footer is gone: {index}");
}

#[test]
fn force_over_a_file_where_the_folder_goes_leaves_nothing_beside_it() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    site.write("content/2027/ny", "en fil, ingen mapp");
    let body = word_paragraph("", "Nämnden följer upp sin budget.");
    let docx = file(&dir, "rapport.docx", &docx_with_body(&body));
    let run = site.run_with(
        "import",
        &[
            docx.to_str().unwrap(),
            "--into",
            "content/2027/ny",
            "--force",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(index(&site).contains("Nämnden följer upp sin budget."));
    let beside: Vec<String> = std::fs::read_dir(site.root.join("content/2027"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["ny"], "nothing left beside the report");
}

#[test]
fn word_files_with_macros_or_as_templates_and_files_without_an_extension_are_read() {
    let site = Site::new();
    let dir = tempfile::tempdir().unwrap();
    let docx = docx_with_body(&word_paragraph("", "Nämnden följer upp sin budget."));
    for (k, name) in ["rapport.docm", "mall.dotx", "utan-filandelse"]
        .iter()
        .enumerate()
    {
        let path = file(&dir, name, &docx);
        let run = import(&site, &path, &format!("content/2027/ny{k}"));
        assert!(run.ok, "{name}: {}", run.stderr);
    }
    let pdf = file(&dir, "pdf-utan-filandelse", &minimal_pdf("Hej du glada"));
    assert!(import(&site, &pdf, "content/2027/pdf").ok);
    let before = common::site::snapshot(&site.root);
    let text = file(&dir, "README", b"Bara text.");
    let run = import(&site, &text, "content/2027/text");
    refused(&site, &run, "filen har ingen filändelse", &before);
}
