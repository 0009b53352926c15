//! A seed as the committee's own document: a .docx written with docx-rs and an HTML page for
//! Chromium to print, holding the seed's blocks the way Word holds them. The report's sections
//! ("Bakgrund", "Uppföljning per område", "Sammanfattning"; the seeds start after their title
//! page) are "heading 1", the areas "heading 2", an area's subheadings "heading 3"; the direction (set in a narrower measure in the published PDF, see the seeds' README) an
//! indented paragraph; footnotes real footnotes, lists real numbered lists, tables real tables.
//!
//! The seed's blocks (paragraphs joined, footnotes and lists found) come from the text reader,
//! which tests/import.rs checks on its own against the hand-made content; which headings are
//! areas comes from the hand-made report. What is tested with these files is the rest: the Word
//! and PDF readers and the structure finder on what they give.

use docx_rs::{
    Docx, Footnote, IndentLevel, NumberingId, Paragraph, Run, Style, StyleType, Table, TableCell,
    TableRow,
};

use crate::common::documents::list_numbering;
use uppsikt::import::doc::{Block, Document};

/// The seed's blocks with what Word would know of them.
pub struct Report {
    pub doc: Document,
    /// Per block: its heading level (1–3) in the made document, or 0.
    pub levels: Vec<u8>,
    /// Per block: an indented paragraph.
    pub indented: Vec<bool>,
}

/// Markdown inline text back to plain text, footnote references kept as `[^n]`.
fn unescape(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

fn key(s: &str) -> String {
    let s = unescape(s);
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed read into blocks, with levels from the hand-made report: `areas` its entries'
/// titles, `subheadings` the headings inside its entries.
pub fn seed_report(
    text: &str,
    known: &[String],
    areas: &[String],
    subheadings: &[String],
) -> Report {
    let read = uppsikt::import::text::read_text(text, known).expect("the seed reads as text");
    let areas: Vec<String> = areas.iter().map(|a| key(a)).collect();
    let subheadings: Vec<String> = subheadings.iter().map(|a| key(a)).collect();
    let mut levels = Vec::new();
    let mut in_area = false;
    for block in &read.doc.blocks {
        let level = match block {
            Block::Heading { text, .. } => {
                let k = key(text);
                if areas.contains(&k) {
                    in_area = true;
                    2
                } else if in_area && subheadings.contains(&k) {
                    3
                } else {
                    in_area = false;
                    1
                }
            }
            _ => 0,
        };
        levels.push(level);
    }
    let indented = (0..read.doc.blocks.len())
        .map(|i| read.narrow.get(i).copied().unwrap_or(false))
        .collect();
    Report {
        doc: read.doc,
        levels,
        indented,
    }
}

/// Runs of a paragraph: its text with each `[^n]` a real footnote reference.
fn runs(p: Paragraph, text: &str, notes: &[(String, String)]) -> Paragraph {
    let mut p = p;
    let mut rest = unescape(text);
    while let Some(at) = rest.find("[^") {
        let Some(len) = rest[at..].find(']') else {
            break;
        };
        let label = &rest[at + 2..at + len];
        let note = notes
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, t)| unescape(t));
        p = p.add_run(Run::new().add_text(&rest[..at]));
        if let Some(note) = note {
            let note =
                Footnote::new().add_content(Paragraph::new().add_run(Run::new().add_text(note)));
            p = p.add_run(Run::new().add_footnote_reference(note));
        }
        rest = rest[at + len + 1..].to_string();
    }
    p.add_run(Run::new().add_text(rest))
}

/// The report as a .docx.
pub fn report_docx(report: &Report) -> Vec<u8> {
    let (bullet_abstract, bullet_num) = list_numbering(1, "bullet");
    let (number_abstract, number_num) = list_numbering(2, "decimal");
    let mut docx = Docx::new()
        .add_abstract_numbering(bullet_abstract)
        .add_numbering(bullet_num)
        .add_abstract_numbering(number_abstract)
        .add_numbering(number_num);
    for level in 1..=3 {
        docx = docx.add_style(
            Style::new(format!("Rubrik{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .bold(),
        );
    }
    let notes = &report.doc.footnotes;
    for (i, block) in report.doc.blocks.iter().enumerate() {
        match block {
            Block::Heading { text, .. } => {
                let style = format!("Rubrik{}", report.levels[i]);
                docx = docx.add_paragraph(runs(Paragraph::new(), text, notes).style(&style));
            }
            Block::Paragraph(text) => {
                let mut p = Paragraph::new();
                if report.indented[i] {
                    p = p.indent(Some(1134), None, Some(1134), None);
                }
                docx = docx.add_paragraph(runs(p, text, notes));
            }
            Block::List { ordered, items } => {
                let id = if *ordered { 2 } else { 1 };
                for item in items {
                    let p = Paragraph::new().numbering(NumberingId::new(id), IndentLevel::new(0));
                    docx = docx.add_paragraph(runs(p, item, notes));
                }
            }
            Block::Table { rows } => {
                let rows = rows
                    .iter()
                    .map(|row| {
                        TableRow::new(
                            row.iter()
                                .map(|c| {
                                    TableCell::new().add_paragraph(runs(Paragraph::new(), c, notes))
                                })
                                .collect(),
                        )
                    })
                    .collect();
                docx = docx.add_table(Table::new(rows));
            }
            Block::Lines(lines) => {
                for line in lines {
                    docx = docx.add_paragraph(runs(Paragraph::new(), line, notes));
                }
            }
            Block::Image(_) => {}
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .expect("docx-rs writes the document");
    bytes.into_inner()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Inline HTML: footnote references as superscript numbers glued to the word, as a PDF has them.
fn html_inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = unescape(text);
    while let Some(at) = rest.find("[^") {
        let Some(len) = rest[at..].find(']') else {
            break;
        };
        out.push_str(&html_escape(&rest[..at]));
        out.push_str(&format!(
            "<sup>{}</sup>",
            html_escape(&rest[at + 2..at + len])
        ));
        rest = rest[at + len + 1..].to_string();
    }
    out.push_str(&html_escape(&rest));
    out
}

/// The report as an HTML page for Chromium to print: footnote texts at the foot of the page
/// that refers to them (Chromium has no footnotes: the page ends after the note, in a smaller
/// size, below the paragraph that refers to it), the direction indented on both sides.
pub fn report_html(report: &Report, title: &str) -> String {
    let mut body = String::new();
    for (i, block) in report.doc.blocks.iter().enumerate() {
        match block {
            Block::Heading { text, .. } => {
                let l = report.levels[i];
                body.push_str(&format!("<h{l}>{}</h{l}>\n", html_inline(text)));
            }
            Block::Paragraph(text) => {
                let class = if report.indented[i] { " class=dir" } else { "" };
                body.push_str(&format!("<p{class}>{}</p>\n", html_inline(text)));
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                body.push_str(&format!("<{tag}>"));
                for item in items {
                    body.push_str(&format!("<li>{}</li>", html_inline(item)));
                }
                body.push_str(&format!("</{tag}>\n"));
            }
            Block::Table { rows } => {
                body.push_str("<table>");
                for row in rows {
                    body.push_str("<tr>");
                    for c in row {
                        body.push_str(&format!("<td>{}</td>", html_inline(c)));
                    }
                    body.push_str("</tr>");
                }
                body.push_str("</table>\n");
            }
            Block::Lines(lines) => {
                for line in lines {
                    body.push_str(&format!("<p>{}</p>\n", html_inline(line)));
                }
            }
            Block::Image(_) => {}
        }
        let text = match block {
            Block::Paragraph(t) | Block::Heading { text: t, .. } => t.clone(),
            Block::List { items, .. } => items.join(" "),
            _ => String::new(),
        };
        for (label, note) in &report.doc.footnotes {
            if text.contains(&format!("[^{label}]")) {
                body.push_str(&format!(
                    "<p class=note><sup>{}</sup> {}</p>\n",
                    html_escape(label),
                    html_inline(note)
                ));
            }
        }
    }
    format!(
        "<!doctype html><html lang=sv><head><meta charset=utf-8><title>{}</title><style>\
         body{{font-family:'DejaVu Serif',serif;font-size:11pt}} p.dir{{margin:0 4em}} \
         p.note{{font-size:8pt;break-after:page}} td{{padding:0 1em}}</style></head><body>{body}</body></html>",
        html_escape(title)
    )
}
