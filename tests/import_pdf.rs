//! The PDF reader on layouts the seed PDFs do not have, printed by headless Chromium (skipped
//! without it, a failure with UPPSIKT_REQUIRE_BROWSER=1): justified text in a narrow column,
//! whose stretched word spaces must not read as a table's columns.

mod common;

use common::documents::print_pdf;
use uppsikt::import::doc::Block;
use uppsikt::import::pdf::pdf_text;
use uppsikt::import::text::read_text;

/// Paragraphs of long Swedish compounds, which stretch a justified line's spaces wide, on
/// several lines in a row (as a table's rows would be).
const JUSTIFIED: [&str; 2] = [
    "Mening23 målet officiella kommunfullmäktigeförsamlingen nämnden året läsning läsning nämnden kommunfullmäktigeförsamlingen eleverna frånvaron årskurs läsning.",
    "Mening11 stödet skolan planen officiella officiella kommunfullmäktigeförsamlingen personalen effektiviseringen kommunfullmäktigeförsamlingen kommunfullmäktigeförsamlingen. Mening12 effektiviseringen översyn officiella planen frånvaron målet kvaliteten planen affischering frånvaron skolan arbetet.",
];

#[test]
fn justified_text_in_a_narrow_column_is_read_as_its_paragraph_not_as_a_table() {
    let html = format!(
        "<!doctype html><html lang=sv><head><meta charset=utf-8><style>body{{font-family:'DejaVu Serif',serif;\
         font-size:11pt;width:12cm;text-align:justify}}</style></head><body><p>{}</p></body></html>",
        JUSTIFIED.join("</p><p>")
    );
    let Some(pdf) = print_pdf(&html, "justified PDF text") else {
        return;
    };
    let text = pdf_text(&pdf).unwrap();
    let doc = read_text(&text, &[]).unwrap().doc;
    let tables: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table { .. }))
        .collect();
    assert!(
        tables.is_empty(),
        "no table in justified text: {tables:?}\n{text}"
    );
    let paragraphs: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t.split_whitespace().collect::<Vec<_>>().join(" ")),
            _ => None,
        })
        .collect();
    let all = paragraphs.join(" ");
    for paragraph in JUSTIFIED {
        assert!(
            all.contains(paragraph),
            "{paragraph:?} not in {paragraphs:#?}"
        );
    }
}

#[test]
fn a_table_set_right_under_justified_text_stays_a_table() {
    // No space between the paragraph and the table, the table as wide as the text, its last
    // column at the right margin: the rows' edges are the justified text's.
    let html = "<!doctype html><html lang=sv><head><meta charset=utf-8><style>body{font-family:'DejaVu Serif',serif;\
        font-size:11pt;width:12cm;text-align:justify} p{margin:0} table{width:100%;border-collapse:collapse}\
        td{padding:0} td+td{text-align:right}</style></head><body>\
        <p>Nämnden följer upp sina utvecklingsområden och redovisar här ansvaret för varje område inom förvaltningen under det gångna året enligt planen.</p>\
        <table><tr><td>Område</td><td>Ansvarig</td></tr><tr><td>Frånvaro</td><td>Rektorerna</td></tr>\
        <tr><td>Läsning</td><td>Förskolecheferna</td></tr><tr><td>Arbetsmiljö</td><td>Förvaltningschefen</td></tr></table>\
        </body></html>";
    let Some(pdf) = print_pdf(html, "a table under justified PDF text") else {
        return;
    };
    let text = pdf_text(&pdf).unwrap();
    let doc = read_text(&text, &[]).unwrap().doc;
    let rows = doc.blocks.iter().find_map(|b| match b {
        Block::Table { rows } => Some(rows.clone()),
        _ => None,
    });
    let rows = rows.unwrap_or_else(|| panic!("no table in {:#?}\n{text}", doc.blocks));
    assert!(
        rows.contains(&vec!["Läsning".to_string(), "Förskolecheferna".to_string()]),
        "{rows:?}"
    );
}
