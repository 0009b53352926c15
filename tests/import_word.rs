//! The Word reader on constructs a committee's document may hold that the other tests' files do
//! not: markup-compatibility blocks around paragraphs and runs, symbol characters. Each document
//! is written as OOXML by hand and read with `read_docx`; its text must come back whole.

mod common;

use common::documents::docx_with_body;
use uppsikt::import::doc::Block;
use uppsikt::import::docx::read_docx;

/// The paragraphs' texts of the document with `body`.
fn paragraphs(body: &str) -> Vec<String> {
    let doc = read_docx(&docx_with_body(body)).unwrap_or_else(|e| panic!("{e}"));
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// `inner` wrapped in markup compatibility: the choice for a newer Word, the fallback for others.
fn alternate(choice: &str, fallback: &str) -> String {
    format!(
        r#"<mc:AlternateContent xmlns:mc="mc"><mc:Choice Requires="w14">{choice}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"#
    )
}

#[test]
fn text_inside_markup_compatibility_blocks_is_read_once() {
    let run = |t: &str| format!("<w:r><w:t>{t}</w:t></w:r>");
    let body = [
        // Runs of a paragraph inside one: the choice is read, its fallback repeats it.
        format!(
            "<w:p>{}{}</w:p>",
            run("Före. "),
            alternate(&run("Valet."), &run("Reserven."))
        ),
        // Whole paragraphs inside one, and a fallback alone.
        alternate("<w:p><w:r><w:t>Ett stycke.</w:t></w:r></w:p>", ""),
        format!(
            "<w:p>{}</w:p>",
            r#"<mc:AlternateContent xmlns:mc="mc"><mc:Fallback><w:r><w:t>Bara reserv.</w:t></w:r></mc:Fallback></mc:AlternateContent>"#
        ),
    ]
    .concat();
    assert_eq!(
        paragraphs(&body),
        ["Före. Valet.", "Ett stycke.", "Bara reserv."]
    );
    // In a table's cell too.
    let cell = |inner: &str| format!("<w:tc>{inner}</w:tc>");
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell("<w:p><w:r><w:t>A</w:t></w:r></w:p>"),
        cell(&alternate("<w:p><w:r><w:t>B</w:t></w:r></w:p>", "<w:p/>"))
    );
    let doc = read_docx(&docx_with_body(&table)).unwrap();
    assert_eq!(
        doc.blocks,
        [Block::Table {
            rows: vec![vec!["A".into(), "B".into()]]
        }]
    );
}

#[test]
fn symbol_characters_are_read_as_the_characters_they_show() {
    let sym =
        |font: &str, code: &str| format!(r#"<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>"#);
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let body = format!(
        "<w:p>{}{}{}{}{}{}</w:p>",
        run("Andelen "),
        sym("Symbol", "F0B3"),
        run(" 80 % "),
        sym("Symbol", "F0AE"),
        run(" klart "),
        sym("Wingdings", "F0FC"),
    );
    assert_eq!(paragraphs(&body), ["Andelen ≥ 80 % → klart ✓"]);
}

#[test]
fn a_one_column_table_around_the_text_is_read_as_its_headings_and_paragraphs() {
    // A template that sets the report in a one-column table, a row per section.
    let p = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let row = |inner: String| format!("<w:tr><w:tc>{inner}</w:tc></w:tr>");
    let body = format!(
        "<w:tbl>{}{}</w:tbl>",
        row(p("Rubrik1", "Bakgrund") + &p("", "Nämnden följer upp.")),
        row(p("Rubrik2", "Tidiga insatser") + &p("", "Läsinsatser har gjorts."))
    );
    let doc = read_docx(&docx_with_body(&body)).unwrap();
    assert_eq!(
        doc.blocks,
        [
            Block::Heading {
                level: 1,
                text: "Bakgrund".into()
            },
            Block::Paragraph("Nämnden följer upp.".into()),
            Block::Heading {
                level: 2,
                text: "Tidiga insatser".into()
            },
            Block::Paragraph("Läsinsatser har gjorts.".into()),
        ]
    );
}

#[test]
fn a_table_of_contents_in_plain_paragraphs_is_left_out_as_the_styled_one_is() {
    // Word's TOC field, its entries in the body text's style (a template's, or Google Docs'
    // export): each entry a link to the heading's bookmark, page number and all.
    let entry = |anchor: &str, text: &str, page: u8| {
        format!(
            r#"<w:hyperlink w:anchor="{anchor}"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{page}</w:t></w:r></w:hyperlink>"#
        )
    };
    let field = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#;
    let body = [
        format!("<w:p>{field}{}</w:p>", entry("_Toc101", "Bakgrund", 2)),
        format!(
            r#"<w:p>{}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            entry("_heading=h.gjdgxs", "Tidiga insatser", 3)
        ),
        r#"<w:p><w:r><w:t xml:space="preserve">Se </w:t></w:r><w:hyperlink w:anchor="_Toc101"><w:r><w:t>Bakgrund</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    assert_eq!(paragraphs(&body), ["Se Bakgrund."]);
}
