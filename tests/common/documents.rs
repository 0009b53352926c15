//! The documents a committee hands to `uppsikt import`, made inside the tests: a .docx written
//! as OOXML by hand (zipped as Word zips it), a one-page PDF written byte by byte, and PDFs
//! printed by headless Chromium from an HTML page. The seed-based makers build on these
//! (tests/import_formats/make.rs and report.rs).

use std::io::Write;

use docx_rs::{AbstractNumbering, Level, LevelJc, LevelText, NumberFormat, Numbering, Start};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A zip archive of `files`, compressed as Word does.
pub fn zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
pub const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
/// The namespaces of a Word part, for its root element.
pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// `word/document.xml` with `body` (OOXML) as its body.
pub fn document_xml(body: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
    .into_bytes()
}

/// The smallest .docx Word opens: `body` (OOXML) and nothing else.
pub fn docx_with_body(body: &str) -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", PACKAGE_RELS.into()),
        ("word/document.xml", document_xml(body)),
    ])
}

/// One Word paragraph of `text`, typed as given (spaces kept, no formatting), in the paragraph
/// style `style` ("Rubrik1" is Word's Swedish "heading 1"; "" for body text).
pub fn word_paragraph(style: &str, text: &str) -> String {
    let style = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!(
        r#"<w:p>{style}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        xml_text(text)
    )
}

/// A one-level list numbering of docx-rs ("bullet" or "decimal"), its id both the abstract
/// numbering's and the numbering's.
pub fn list_numbering(id: usize, format: &str) -> (AbstractNumbering, Numbering) {
    let level = Level::new(
        0,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new("%1."),
        LevelJc::new("left"),
    );
    (
        AbstractNumbering::new(id).add_level(level),
        Numbering::new(id, id),
    )
}

/// Text as XML (and HTML) character data.
pub fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A one-page PDF with `text` in Helvetica, written by hand with a correct cross-reference table.
pub fn minimal_pdf(text: &str) -> Vec<u8> {
    two_font_pdf(text, "")
}

/// A one-page PDF with `first` in Helvetica and, when not empty, `second` below it in Times, the
/// Times font the file's last object; written by hand with a correct cross-reference table.
pub fn two_font_pdf(first: &str, second: &str) -> Vec<u8> {
    let mut content = format!("BT /F1 12 Tf 72 720 Td ({first}) Tj ET");
    if !second.is_empty() {
        content.push_str(&format!(" BT /F2 12 Tf 72 700 Td ({second}) Tj ET"));
    }
    let font = |name: &str| {
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>")
    };
    let fonts = if second.is_empty() {
        "/F1 5 0 R"
    } else {
        "/F1 5 0 R /F2 6 0 R"
    };
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << {fonts} >> >> >>"),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        font("Helvetica"),
    ];
    if !second.is_empty() {
        objects.push(font("Times-Roman"));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// An HTML page of paragraphs, each typed as given, for Chromium to print in a font that has
/// every character of the seeds.
pub fn html_of_paragraphs(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", xml_text(p)))
        .collect();
    format!(
        "<!doctype html><html lang=sv><head><meta charset=utf-8><title>{}</title><style>\
         body{{font-family:'DejaVu Serif',serif;font-size:11pt}}</style></head><body>{body}</body></html>",
        xml_text(title)
    )
}

/// Chromium prints `html` to a PDF; None when the test is skipped for want of Chromium (a
/// failure when UPPSIKT_REQUIRE_BROWSER=1).
pub fn print_pdf(html: &str, test: &str) -> Option<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let pdfs = print_pdfs(&[("page".to_string(), html.to_string())], dir.path(), test)?;
    Some(std::fs::read(&pdfs[0]).expect("chromium wrote no PDF"))
}

/// Chromium prints each page of `pages` (name, HTML) to `<name>.pdf` in `dir`; None when the
/// test is skipped for want of Chromium (a failure when UPPSIKT_REQUIRE_BROWSER=1).
pub fn print_pdfs(pages: &[(String, String)], dir: &Path, test: &str) -> Option<Vec<PathBuf>> {
    if super::browser::prerequisites(test, "printing PDFs with Chromium", false, &[]).is_err() {
        return None;
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut out = Vec::new();
    for (name, html) in pages {
        let page = dir.join(format!("{name}.html"));
        let pdf = dir.join(format!("{name}.pdf"));
        std::fs::write(&page, html).unwrap();
        let status = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&page)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run chromium");
        assert!(
            status.success(),
            "chromium failed to print {name}: {status}"
        );
        assert!(pdf.is_file(), "chromium wrote no PDF for {name}");
        out.push(pdf);
    }
    Some(out)
}
