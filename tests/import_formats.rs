//! The Word and PDF readers of `uppsikt import` on real files made from the seed texts inside
//! the test: .docx files written by a docx writer (docx-rs) with Word's heading styles, emphasis,
//! lists, a table, a footnote and pictures; PDF files printed by headless Chromium from an HTML
//! page of the seed. Every seed sentence of five words or more must come back out, with the
//! structure the writer put in. Then hostile inputs: every one must give a plain error, never a
//! panic.

mod common;
#[path = "import_formats/hostile.rs"]
mod hostile;
#[path = "import_formats/make.rs"]
mod make;

use common::documents::{self, print_pdf};
use common::fidelity::seeds;
use make::{sentences, Unit};
use uppsikt::import::doc::{Block, Document};
use uppsikt::import::docx::read_docx;
use uppsikt::import::pdf::pdf_text;

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain text of inline Markdown as a reader sees it: emphasis, escapes, footnote
/// references and link targets taken away.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '*' => {}
            '[' if chars.peek() == Some(&'^') => {
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            '[' => {}
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// All the text of a read document, as plain text.
fn document_text(doc: &Document) -> String {
    let mut parts = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => parts.push(plain(text)),
            Block::List { items, .. } => parts.extend(items.iter().map(|i| plain(i))),
            Block::Table { rows } => parts.extend(rows.iter().flatten().map(|c| plain(c))),
            Block::Lines(lines) => parts.extend(lines.iter().cloned()),
            Block::Image(_) => {}
        }
    }
    parts.extend(doc.footnotes.iter().map(|(_, t)| plain(t)));
    normalise(&parts.join(" "))
}

/// Every sentence of five words or more of `units` that is not in `text`.
fn missing_sentences(units: &[Unit], text: &str) -> Vec<String> {
    // A line may end at a real hyphen ("förskole-" / "och"); the comparison ignores the space.
    let text = text.replace("- ", "-");
    sentences(units)
        .into_iter()
        .filter(|s| !text.contains(&s.replace("- ", "-")))
        .collect()
}

#[test]
fn word_documents_made_from_the_seeds_come_back_whole_with_their_structure() {
    let Some(seeds) = seeds("import format tests") else {
        return;
    };
    let mut checked = 0;
    for (name, text) in &seeds {
        let units = make::seed_units(text);
        let made = make::seed_docx(&units, name);
        let doc = read_docx(&made.bytes).unwrap_or_else(|e| panic!("{name}: {e}"));

        let missing = missing_sentences(&units, &document_text(&doc));
        checked += sentences(&units).len();
        assert!(
            missing.is_empty(),
            "{name}: {} sentences missing from the .docx read back:\n{}",
            missing.len(),
            missing.join("\n")
        );

        let headings: Vec<(u8, String)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((*level, plain(text))),
                _ => None,
            })
            .collect();
        assert_eq!(headings, made.headings, "{name}: headings and their levels");
        assert_eq!(
            doc.title, made.title,
            "{name}: the title from the document properties"
        );

        assert!(
            doc.blocks.contains(&Block::List {
                ordered: false,
                items: made.bullets.clone()
            }),
            "{name}: the bullet list {:?} in {:#?}",
            made.bullets,
            doc.blocks
        );
        assert!(
            doc.blocks.contains(&Block::List {
                ordered: true,
                items: made.numbered.clone()
            }),
            "{name}: the numbered list {:?} in {:#?}",
            made.numbered,
            doc.blocks
        );
        assert!(
            doc.blocks.contains(&Block::Table {
                rows: made.table.clone()
            }),
            "{name}: the table {:?}",
            made.table
        );
        assert!(
            doc.blocks
                .contains(&Block::Paragraph(made.emphasised.clone())),
            "{name}: the paragraph with bold, italics and a link: {:?}",
            made.emphasised
        );

        // The footnote: its reference where the writer put it, its text in the footnotes.
        assert_eq!(
            doc.footnotes,
            vec![("1".to_string(), made.footnote.clone())],
            "{name}"
        );
        let referring = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(t) if t.ends_with("[^1]")))
            .count();
        assert_eq!(
            referring, 1,
            "{name}: one paragraph ends with the footnote reference"
        );

        // The pictures: bytes, alt text where given, and a Block::Image at their place.
        assert_eq!(doc.images.len(), 2, "{name}: two pictures");
        assert_eq!(doc.images[0].bytes, make::PNG);
        assert_eq!(doc.images[0].alt.as_deref(), Some(make::ALT));
        assert_eq!(
            doc.images[1].alt, None,
            "{name}: the picture without alt text"
        );
        assert!(doc.images.iter().all(|i| i.name.ends_with(".png")));
        let placed: Vec<usize> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Image(i) => Some(*i),
                _ => None,
            })
            .collect();
        assert_eq!(placed, vec![0, 1], "{name}");
    }
    assert!(checked > 400, "suspiciously few sentences: {checked}");
}

#[test]
fn word_constructs_beyond_the_writer_are_read_as_word_means_them() {
    let bytes = make::hand_docx();
    let doc = read_docx(&bytes).unwrap();
    assert_eq!(doc.title, "");
    assert_eq!(
        doc.blocks,
        vec![
            Block::Heading { level: 1, text: "Uppföljning av nämndens inriktning".into() },
            Block::Heading { level: 2, text: "Stödprocesser".into() },
            Block::Paragraph(
                "KIR\u{2011}utläsning och arbetsmiljö: se [Skolverket](https://www.skolverket.se/)."
                    .into()
            ),
            Block::Paragraph("1\\. Inledning med \\*stjärnor\\* och \\_understreck\\_ \\<b\\>".into()),
            Block::Table {
                rows: vec![
                    vec!["Insats".into(), "".into(), "Kostnad".into()],
                    vec!["Elevhälsa".into(), "personal".into(), "2 400 tkr".into()],
                    vec!["".into(), "material".into(), "100 tkr".into()],
                ]
            },
            Block::Paragraph("Text i en ram.".into()),
            Block::Paragraph("Efter ramen.[^1]".into()),
        ]
    );
    assert_eq!(doc.footnotes, vec![("1".into(), "En slutnot.".into())]);
}

#[test]
fn pdfs_printed_from_the_seeds_give_every_sentence_back_in_reading_order() {
    let Some(seeds) = seeds("import format tests") else {
        return;
    };
    let mut checked = 0;
    for (name, text) in &seeds {
        let units = make::seed_units(text);
        let Some(pdf) = print_pdf(&make::seed_html(&units, name), "pdf seeds") else {
            return;
        };
        let text = pdf_text(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!text.contains('\u{fffd}'), "{name}: undecodable characters");
        let joined = normalise(&text.replace('\u{c}', " "));
        let missing = missing_sentences(&units, &joined);
        checked += sentences(&units).len();
        assert!(
            missing.is_empty(),
            "{name}: {} sentences missing from the PDF text:\n{}",
            missing.len(),
            missing.join("\n")
        );

        // Lines in reading order: the units come in the order they were written.
        let mut at = 0;
        for unit in &units {
            let probe = normalise(unit.text()).replace("- ", "-");
            let probe: String = probe.chars().take(40).collect();
            let found = joined.replace("- ", "-")[at..].find(&probe);
            let found = found.unwrap_or_else(|| panic!("{name}: {probe:?} not after byte {at}"));
            at += found;
        }
        // The table printed in columns: a row is one line, its cells apart.
        let row = text
            .lines()
            .find(|l| l.starts_with(make::TABLE_PROBE))
            .unwrap_or_else(|| panic!("{name}: no table row line"));
        assert!(
            row.contains("  ") && row.trim_end().ends_with("tkr"),
            "{name}: table row {row:?}"
        );
        if name.starts_with("000") {
            assert!(
                text.matches('\u{c}').count() >= 2,
                "{name}: pages are separated by form feeds"
            );
            assert!(
                ['å', 'ä', 'ö'].iter().all(|c| text.contains(*c)),
                "{name}: Swedish letters"
            );
        }
    }
    if checked > 0 {
        assert!(checked > 400, "suspiciously few sentences: {checked}");
    }
}

#[test]
fn pdf_with_only_a_picture_asks_for_ocr() {
    let html = format!(
        "<!doctype html><html lang=sv><body><img alt='' style='width:600px' src='data:image/png;base64,{}'></body></html>",
        hostile::base64(make::PNG)
    );
    let Some(pdf) = print_pdf(&html, "pdf ocr error") else {
        return;
    };
    let err = pdf_text(&pdf).unwrap_err();
    assert!(
        err.message.contains("inskannat") && err.hint.contains("OCR"),
        "{err}"
    );
}

#[test]
fn password_protected_pdfs_are_refused_and_owner_only_protection_is_read() {
    let Some(pdf) = print_pdf(
        "<!doctype html><html lang=sv><body><p>Nämndens inriktning för året är tydlig och kort.</p></body></html>",
        "pdf encryption",
    ) else {
        return;
    };
    let encrypted = |user: &str| -> Vec<u8> {
        let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
        let id = lopdf::Object::String(
            b"uppsikt-test-id!".to_vec(),
            lopdf::StringFormat::Hexadecimal,
        );
        doc.trailer
            .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "ägare",
            user_password: user,
            key_length: 128,
            permissions: lopdf::Permissions::PRINTABLE,
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let err = pdf_text(&encrypted("hemligt")).unwrap_err();
    assert!(err.message.contains("lösenord"), "{err}");
    let text = pdf_text(&encrypted("")).unwrap();
    assert!(
        text.contains("Nämndens inriktning för året är tydlig och kort."),
        "{text:?}"
    );
}

#[test]
fn hostile_and_wrong_files_get_plain_errors_never_a_panic() {
    let docx = make::hand_docx();
    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "inte ett Word-dokument"),
        (
            "random bytes",
            hostile::random_bytes(4096, 7),
            "inte ett Word-dokument",
        ),
        ("a PDF", b"%PDF-1.7\n".to_vec(), "PDF"),
        ("an OLE file (old .doc)", hostile::ole(false), "97–2003"),
        ("an encrypted docx", hostile::ole(true), "lösenord"),
        (
            "a zip of other files",
            documents::zip(&[("a.txt", b"hej".to_vec())]),
            "inte ett Word-dokument",
        ),
        (
            "an Excel workbook",
            documents::zip(&[("xl/workbook.xml", b"<workbook/>".to_vec())]),
            "Excel",
        ),
        ("a zip bomb", hostile::zip_bomb(), "för stort"),
        (
            "broken XML",
            documents::docx_with_body("<w:p><w:r><w:t>oj</w:p>"),
            "skadat",
        ),
        (
            "no text",
            documents::docx_with_body("<w:p/><w:sectPr/>"),
            "ingen text",
        ),
    ];
    for cut in [10, docx.len() / 3, docx.len() / 2, docx.len() - 30] {
        cases.push(("a truncated docx", docx[..cut].to_vec(), ""));
    }
    for (what, bytes, expected) in cases {
        let result = std::panic::catch_unwind(|| read_docx(&bytes));
        let err = match result {
            Ok(Err(e)) => e,
            Ok(Ok(_)) => panic!("{what}: read without an error"),
            Err(_) => panic!("{what}: the reader panicked"),
        };
        assert!(err.message.contains(expected), "{what}: {err}");
        assert!(!err.hint.is_empty(), "{what}: a hint says what to do");
    }
    // Random damage anywhere in a real file: errors or partial text, never a panic.
    for seed in 0..64 {
        let mut bytes = docx.clone();
        hostile::scramble(&mut bytes, seed);
        assert!(
            std::panic::catch_unwind(|| read_docx(&bytes)).is_ok(),
            "docx damage {seed}"
        );
    }

    let pdf_cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "inte en PDF"),
        (
            "random bytes",
            hostile::random_bytes(4096, 9),
            "inte en PDF",
        ),
        ("a docx", docx.clone(), "inte en PDF"),
        ("a header only", b"%PDF-1.7\n%%EOF".to_vec(), "skadad"),
        (
            "garbage after the header",
            [b"%PDF-1.4\n".to_vec(), hostile::random_bytes(8192, 3)].concat(),
            "skadad",
        ),
    ];
    for (what, bytes, expected) in pdf_cases {
        let err = pdf_text(&bytes).expect_err(what);
        assert!(err.message.contains(expected), "{what}: {err}");
    }
    let pdf = documents::minimal_pdf("Hej du glada");
    assert_eq!(pdf_text(&pdf).unwrap(), "Hej du glada");
    for cut in [20, pdf.len() / 2, pdf.len() - 10] {
        let result = std::panic::catch_unwind(|| pdf_text(&pdf[..cut]));
        assert!(result.is_ok(), "truncated PDF at {cut}: panicked");
    }
    for seed in 0..64 {
        let mut bytes = pdf.clone();
        hostile::scramble(&mut bytes, seed);
        assert!(
            std::panic::catch_unwind(|| pdf_text(&bytes)).is_ok(),
            "pdf damage {seed}"
        );
    }
}

#[test]
fn word_paragraphs_set_apart_by_indentation_or_a_quote_style_are_marked() {
    let p = |ppr: &str, text: &str| {
        format!("<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let body = [
        p(r#"<w:pStyle w:val="Rubrik2"/>"#, "Läsa, skriva, räkna"),
        p(r#"<w:ind w:left="720" w:right="720"/>"#, "Indraget."),
        p("", "Brödtext."),
        p(r#"<w:ind w:firstLine="284"/>"#, "Första raden indragen."),
        p(r#"<w:ind w:left="113"/>"#, "Knappt indraget."),
        p(r#"<w:pStyle w:val="Citat"/>"#, "Citat."),
        p(
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="720"/>"#,
            "Punkt.",
        ),
    ]
    .concat();
    let doc = read_docx(&documents::docx_with_body(&body)).unwrap();
    let marked: Vec<(String, bool)> = doc
        .blocks
        .iter()
        .zip(&doc.set_apart)
        .map(|(b, s)| (format!("{b:?}"), *s))
        .collect();
    assert_eq!(doc.set_apart.len(), doc.blocks.len(), "{marked:?}");
    let apart: Vec<&str> = marked
        .iter()
        .filter(|(_, s)| *s)
        .map(|(b, _)| b.as_str())
        .collect();
    assert_eq!(
        apart,
        [r#"Paragraph("Indraget.")"#, r#"Paragraph("Citat.")"#],
        "{marked:?}"
    );
}

#[test]
fn in_a_template_that_indents_all_body_text_only_a_paragraph_indented_more_is_set_apart() {
    let p = |ind: &str, text: &str| {
        format!(r#"<w:p><w:pPr><w:ind w:left="{ind}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    let body = [
        r#"<w:p><w:pPr><w:pStyle w:val="Rubrik2"/></w:pPr><w:r><w:t>Trygghet</w:t></w:r></w:p>"#
            .to_string(),
        p("1418", "Inriktningen."),
        p("851", "Ett."),
        p("851", "Två."),
        p("851", "Tre."),
    ]
    .concat();
    let doc = read_docx(&documents::docx_with_body(&body)).unwrap();
    assert_eq!(doc.set_apart, [false, true, false, false, false], "{doc:?}");

    let all_same: String = ["Ett.", "Två.", "Tre."]
        .iter()
        .map(|t| p("851", t))
        .collect();
    let doc = read_docx(&documents::docx_with_body(&all_same)).unwrap();
    assert_eq!(doc.set_apart, [false, false, false], "{doc:?}");
}
