//! Makes the files the import format tests read: the seed texts as units (headings and
//! paragraphs, read as `tests/seeds.rs` reads them), a .docx of them written with docx-rs, an
//! HTML page of them for Chromium to print, a hand-written .docx of the constructs docx-rs cannot
//! write, and hostile files.

use docx_rs::{
    Docx, Footnote, Hyperlink, HyperlinkType, IndentLevel, NumberingId, Paragraph, Pic, Run, Style,
    StyleType, Table, TableCell, TableRow,
};

use crate::common::documents::{document_xml, list_numbering, zip, CONTENT_TYPES, PACKAGE_RELS, W};
use crate::common::fidelity::{normalise, split_sentences, MIN_WORDS};

/// A 2×2 PNG.
pub const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 253, 212, 154, 115, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 4, 34, 6,
    8, 5, 0, 23, 206, 3, 153, 27, 108, 163, 207, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];
/// Another 2×2 PNG (docx-rs stores the same picture once).
pub const PNG2: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 253, 212, 154, 115, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 56, 96, 96, 0, 68, 12, 16,
    10, 0, 33, 206, 4, 129, 83, 236, 83, 235, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];
pub const ALT: &str = "Diagram: andel elever med hög frånvaro per termin";
/// The first cell of the table row the PDF test looks for on one line.
pub const TABLE_PROBE: &str = "Summa insatser";
const LINK: &str = "https://www.alingsas.se/";

#[derive(Debug, Clone)]
pub enum Unit {
    Heading(u8, String),
    Paragraph(String),
}

impl Unit {
    pub fn text(&self) -> &str {
        match self {
            Unit::Heading(_, t) | Unit::Paragraph(t) => t,
        }
    }
}

/// The seed as a reader reads it: page numbers, blank lines and the repeated table of contents
/// dropped, words hyphenated across lines joined, a unit per paragraph or heading.
pub fn seed_units(text: &str) -> Vec<Unit> {
    let mut units: Vec<String> = Vec::new();
    let mut cur = String::new();
    for raw in text.lines() {
        if raw.starts_with('\t') {
            continue;
        }
        let line = raw.trim().trim_start_matches(['•', '\u{f0b7}']).trim();
        if line.is_empty() || line.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        let lower = first.chars().next().is_some_and(char::is_lowercase);
        let upper = first
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let last = cur.chars().last();
        let closed = last.is_some_and(|c| ".,;:!?-\u{2011}".contains(c));
        if cur.is_empty() {
            cur.push_str(line);
        } else if cur.ends_with('-') && lower && first != "och" && first != "eller" {
            cur.pop();
            cur.push_str(line);
        } else if !closed && upper {
            units.push(std::mem::take(&mut cur));
            cur.push_str(line);
        } else {
            cur.push(' ');
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        units.push(cur);
    }
    units
        .into_iter()
        .map(|u| u.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|u| {
            let words = u.split_whitespace().count();
            let heading = words <= 10 && !u.ends_with(['.', ':', ',', ';']);
            match (heading, words) {
                (true, 1..=3) => Unit::Heading(1, u),
                (true, _) => Unit::Heading(2, u),
                (false, _) => Unit::Paragraph(u),
            }
        })
        .collect()
}

/// The sentences of five words or more.
pub fn sentences(units: &[Unit]) -> Vec<String> {
    units
        .iter()
        .flat_map(|u| split_sentences(&normalise(u.text())))
        .filter(|s| s.split_whitespace().count() >= MIN_WORDS)
        .collect()
}

/// Markdown escaping as the readers' contract says (see `src/import/markdown.rs`), written here
/// on its own so that the test does not take its expectation from the code it tests: the
/// characters Markdown reads anywhere, and at the start what makes a heading or a list.
pub fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if "\\`*_[]<>|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let rest = &out[digits..];
    if digits > 0
        && [". ", ") ", ".", ")"]
            .iter()
            .any(|m| rest.starts_with(m) && (m.len() == 2 || rest.len() == 1))
    {
        out.insert(digits, '\\');
    } else if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    }
    out
}

/// What a seed paragraph becomes in the files made of it, besides a plain paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    Plain,
    /// Bold first word, italic second, third a link; a picture with alt text after it.
    Emphasised,
    /// Ends with a footnote reference whose text is the next paragraph.
    FootnoteReference,
    FootnoteText,
    /// Its sentences become a bullet list (the first half) and a numbered list (the rest).
    Lists,
}

/// The sentences of a paragraph, as list items.
pub fn items(text: &str) -> (Vec<String>, Vec<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    for i in 0..words.len() {
        let next_starts = words.get(i + 1).and_then(|w| w.chars().next());
        let ends = words[i].ends_with(['.', '!', '?'])
            && next_starts.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if ends || i + 1 == words.len() {
            sentences.push(words[start..=i].join(" "));
            start = i + 1;
        }
    }
    let half = sentences.len().div_ceil(2);
    let numbered = sentences.split_off(half);
    (sentences, numbered)
}

/// The role of each unit: the first paragraphs of four words or more get the special ones, the
/// lists going to the first after them that has two sentences or more.
pub fn roles(units: &[Unit]) -> Vec<Role> {
    let mut next = [
        Role::Emphasised,
        Role::FootnoteReference,
        Role::FootnoteText,
    ]
    .into_iter();
    let mut lists = false;
    units
        .iter()
        .map(|u| match u {
            Unit::Paragraph(t) if t.split_whitespace().count() >= 4 => match next.next() {
                Some(role) => role,
                None if !lists && !items(t).1.is_empty() => {
                    lists = true;
                    Role::Lists
                }
                None => Role::Plain,
            },
            _ => Role::Plain,
        })
        .collect()
}

/// A .docx made from a seed and what the reader must find in it.
pub struct Made {
    pub bytes: Vec<u8>,
    pub title: String,
    pub headings: Vec<(u8, String)>,
    pub bullets: Vec<String>,
    pub numbered: Vec<String>,
    pub table: Vec<Vec<String>>,
    pub emphasised: String,
    pub footnote: String,
}

fn text_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// The table both the .docx and the HTML page carry: seed headings with costs, a sum, and a
/// row merged across both columns.
fn table_rows(units: &[Unit]) -> Vec<Vec<String>> {
    let headings: Vec<&str> = units
        .iter()
        .filter_map(|u| match u {
            Unit::Heading(_, t) => Some(t.as_str()),
            _ => None,
        })
        .chain(["Övriga insatser", "Gemensamma kostnader"])
        .take(2)
        .collect();
    vec![
        vec!["Insats".into(), "Kostnad".into()],
        vec![headings[0].into(), "1 300 tkr".into()],
        vec![headings[1].into(), "264 tkr".into()],
        vec![TABLE_PROBE.into(), "1 564 tkr".into()],
        vec!["Kostnaderna gäller helår.".into(), String::new()],
    ]
}

pub fn seed_docx(units: &[Unit], name: &str) -> Made {
    let (bullet_abstract, bullet_num) = list_numbering(1, "bullet");
    let (number_abstract, number_num) = list_numbering(2, "decimal");
    let mut docx = Docx::new()
        .add_style(
            Style::new("Rubrik1", StyleType::Paragraph)
                .name("heading 1")
                .bold(),
        )
        .add_style(Style::new("Rubrik2", StyleType::Paragraph).name("heading 2"))
        .add_style(
            Style::new("Omradesrubrik", StyleType::Paragraph)
                .name("Områdesrubrik")
                .based_on("Rubrik2"),
        )
        .add_abstract_numbering(bullet_abstract)
        .add_numbering(bullet_num)
        .add_abstract_numbering(number_abstract)
        .add_numbering(number_num);
    let mut made = Made {
        bytes: Vec::new(),
        title: format!("Uppföljning {name}"),
        headings: Vec::new(),
        bullets: Vec::new(),
        numbered: Vec::new(),
        table: table_rows(units),
        emphasised: String::new(),
        footnote: String::new(),
    };
    let roles = roles(units);
    let mut level2 = 0;
    for (i, unit) in units.iter().enumerate() {
        match unit {
            Unit::Heading(level, text) => {
                let style = match level {
                    1 => "Rubrik1",
                    _ => {
                        level2 += 1;
                        if level2 % 3 == 0 {
                            "Omradesrubrik"
                        } else {
                            "Rubrik2"
                        }
                    }
                };
                docx = docx.add_paragraph(text_paragraph(text).style(style));
                made.headings.push((*level, text.clone()));
            }
            Unit::Paragraph(text) => {
                docx = match roles[i] {
                    Role::Emphasised => {
                        let words: Vec<&str> = text.split_whitespace().collect();
                        let rest = words[3..].join(" ");
                        made.emphasised = format!(
                            "**{}** *{}* [{}]({LINK}) {}",
                            escape(words[0]),
                            escape(words[1]),
                            escape(words[2]),
                            escape(&rest)
                        );
                        let p = Paragraph::new()
                            .add_run(Run::new().add_text(words[0]).bold())
                            .add_run(Run::new().add_text(" "))
                            .add_run(Run::new().add_text(words[1]).italic())
                            .add_run(Run::new().add_text(" "))
                            .add_hyperlink(
                                Hyperlink::new(LINK, HyperlinkType::External)
                                    .add_run(Run::new().add_text(words[2])),
                            )
                            .add_run(Run::new().add_text(format!(" {rest}")));
                        let picture = Paragraph::new().add_run(
                            Run::new().add_image(Pic::new_with_dimensions(PNG.to_vec(), 2, 2)),
                        );
                        docx.add_paragraph(p).add_paragraph(picture)
                    }
                    Role::FootnoteReference => {
                        let note_text = units[i + 1..]
                            .iter()
                            .zip(&roles[i + 1..])
                            .find(|(_, r)| **r == Role::FootnoteText)
                            .map(|(u, _)| u.text())
                            .expect("the footnote text follows");
                        made.footnote = escape(note_text);
                        let note = Footnote::new().add_content(text_paragraph(note_text));
                        docx.add_paragraph(
                            text_paragraph(text).add_run(Run::new().add_footnote_reference(note)),
                        )
                    }
                    Role::FootnoteText => docx,
                    Role::Lists => {
                        let (bullets, numbered) = items(text);
                        for (id, items) in [(1, &bullets), (2, &numbered)] {
                            for item in items {
                                docx = docx.add_paragraph(
                                    text_paragraph(item)
                                        .numbering(NumberingId::new(id), IndentLevel::new(0)),
                                );
                            }
                        }
                        made.bullets = bullets.iter().map(|i| escape(i)).collect();
                        made.numbered = numbered.iter().map(|i| escape(i)).collect();
                        docx
                    }
                    Role::Plain => docx.add_paragraph(text_paragraph(text)),
                };
            }
        }
    }
    let rows: Vec<TableRow> = made
        .table
        .iter()
        .map(|row| {
            if row[1].is_empty() {
                TableRow::new(vec![TableCell::new()
                    .grid_span(2)
                    .add_paragraph(text_paragraph(&row[0]))])
            } else {
                TableRow::new(
                    row.iter()
                        .map(|c| TableCell::new().add_paragraph(text_paragraph(c)))
                        .collect(),
                )
            }
        })
        .collect();
    docx = docx.add_table(Table::new(rows));
    let last = Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(
        PNG2.to_vec(),
        2,
        2,
    )));
    docx = docx.add_paragraph(last);
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .expect("docx-rs writes the document");
    made.bytes = patch(bytes.into_inner(), &made.title);
    made
}

/// What docx-rs does not write: the alt text of the first picture (Word's "description") and the
/// title in the document properties.
fn patch(docx: Vec<u8>, title: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut files = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let at = xml.find("<wp:docPr ").expect("a picture") + "<wp:docPr ".len();
            bytes = format!("{}descr=\"{ALT}\" {}", &xml[..at], &xml[at..]).into_bytes();
        }
        if name == "docProps/core.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            bytes = xml
                .replace(
                    "</cp:coreProperties>",
                    &format!("<dc:title>{title}</dc:title></cp:coreProperties>"),
                )
                .into_bytes();
        }
        files.push((name, bytes));
    }
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    zip(&files)
}

pub fn seed_html(units: &[Unit], name: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut body = String::new();
    let roles = roles(units);
    for (unit, role) in units.iter().zip(roles) {
        match unit {
            Unit::Heading(level, text) => {
                body.push_str(&format!("<h{level}>{}</h{level}>\n", esc(text)))
            }
            Unit::Paragraph(text) => {
                if role == Role::Lists {
                    let (bullets, numbered) = items(text);
                    for (tag, items) in [("ul", bullets), ("ol", numbered)] {
                        body.push_str(&format!("<{tag}>"));
                        for item in items {
                            body.push_str(&format!("<li>{}</li>", esc(&item)));
                        }
                        body.push_str(&format!("</{tag}>\n"));
                    }
                } else {
                    body.push_str(&format!("<p>{}</p>\n", esc(text)));
                }
            }
        }
    }
    body.push_str("<table>");
    for row in table_rows(units) {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&row[0]),
            esc(&row[1])
        ));
    }
    body.push_str("</table>");
    format!(
        "<!doctype html><html lang=sv><head><meta charset=utf-8><title>{name}</title><style>\
         body{{font-family:'DejaVu Serif',serif;font-size:11pt}} td{{padding:0 1em}} \
         td:first-child{{width:22em}}</style></head><body>{body}</body></html>"
    )
}

/// Word's constructs that docx-rs does not write, in OOXML as Word writes it, with no
/// styles.xml (the heading style is known by its id alone).
pub fn hand_docx() -> Vec<u8> {
    let body = r#"
<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>Innehåll</w:t></w:r><w:r><w:tab/><w:t>3</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr><w:r><w:t>Uppföljning av nämndens inriktning</w:t></w:r></w:p>
<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Stöd</w:t></w:r><w:r><w:softHyphen/><w:t>processer</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t>KIR</w:t><w:noBreakHyphen/><w:t xml:space="preserve">utläsning och</w:t><w:tab/><w:t xml:space="preserve">arbets&#173;miljö: se </w:t></w:r><w:r><w:br w:type="page"/><w:lastRenderedPageBreak/></w:r><w:del><w:r><w:delText>bort</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>dold</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.skolverket.se/" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Skolverket</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:r><w:t>1. Inledning med *stjärnor* och _understreck_ &lt;b&gt;</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Insats</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Kostnad</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Elevhälsa</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>personal</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2 400 tkr</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>material</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>100 tkr</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sdt><w:sdtContent><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Text i en ram.</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>
<w:p><w:r><w:t>Efter ramen.</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>
<w:sectPr/>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>"#;
    let endnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:endnotes {W}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> En slutnot.</w:t></w:r></w:p></w:endnote></w:endnotes>"#
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", PACKAGE_RELS.into()),
        ("word/_rels/document.xml.rels", rels.into()),
        ("word/endnotes.xml", endnotes.into_bytes()),
        ("word/document.xml", document_xml(body)),
    ])
}
