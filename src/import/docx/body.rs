//! The walk over a Word document's body: paragraphs become headings, paragraphs or list items
//! (consecutive items grouped into one list), tables become rows of cell text, footnote and
//! endnote references become `[^N]` with their text, pictures become images with their alt text
//! (those two in `embedded`).

use std::collections::HashMap;

use super::inline::Inline;
use super::styles::{numbering_of, Numbering, Styles};
use super::xml::Element;
use super::{Package, Relationships};
use crate::import::doc::{Block, Document, ImportError};

mod bold;
mod embedded;
mod list;

use list::List;

/// A field (`w:fldChar` begin … separate … end) the walk is inside of: its instruction, and the
/// link it makes when it is a HYPERLINK field.
struct Field {
    instruction: String,
    link: Option<String>,
}

/// What one paragraph collects besides its text.
#[derive(Default)]
struct Found<'t> {
    images: Vec<usize>,
    /// Text boxes anchored in the paragraph, read as blocks after it.
    text_boxes: Vec<&'t Element>,
    fields: Vec<Field>,
}

pub struct Walk<'p, 'a> {
    package: &'p mut Package<'a>,
    styles: &'p Styles,
    numbering: &'p Numbering,
    rels: &'p Relationships,
    /// The footnotes and the endnotes part.
    notes: [Option<&'p Element>; 2],
    doc: Document,
    list: Option<List>,
    note_labels: HashMap<(usize, String), Option<String>>,
    image_by_target: HashMap<String, usize>,
    in_note: bool,
    /// Per block: a body paragraph's (quote style, left indentation in twips), else None.
    measures: Vec<Option<(bool, i64)>>,
    /// Body paragraphs set wholly in bold that read as headings: (block, text without bold).
    bold_lines: Vec<(usize, String)>,
}

/// Indented this much more than the body text (a quarter inch, in twips) a paragraph is set
/// apart; less is a nudge.
const SET_APART_TWIPS: i64 = 360;

/// Which body paragraphs are set apart: in a quote style, or indented clearly more than most body
/// paragraphs are (a template may indent all its body text; then only more counts).
fn set_apart(measures: &[Option<(bool, i64)>]) -> Vec<bool> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for (_, indent) in measures.iter().flatten().filter(|(quote, _)| !quote) {
        *counts.entry(*indent).or_default() += 1;
    }
    let body = counts
        .into_iter()
        .max_by_key(|&(indent, n)| (n, -indent))
        .map_or(0, |(indent, _)| indent);
    measures
        .iter()
        .map(|m| m.is_some_and(|(quote, indent)| quote || indent >= body + SET_APART_TWIPS))
        .collect()
}

/// The URL of a HYPERLINK field instruction (`HYPERLINK "https://…" \o "tip"`).
fn hyperlink_in(instruction: &str) -> Option<String> {
    let rest = instruction.trim_start().strip_prefix("HYPERLINK")?;
    let rest = rest.trim_start();
    if rest.starts_with("\\l") {
        return None; // a place in the document itself
    }
    let url = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    Some(url.to_string())
}

/// The paragraphs in a table cell, in order, through nested tables and content controls.
fn paragraphs_in<'t>(el: &'t Element, out: &mut Vec<&'t Element>) {
    for child in el.elements() {
        match child.name.as_str() {
            "p" => out.push(child),
            "tbl" | "tr" | "tc" | "sdt" | "sdtContent" | "customXml" | "ins" => {
                paragraphs_in(child, out)
            }
            "AlternateContent" => {
                if let Some(content) = chosen(child) {
                    paragraphs_in(content, out)
                }
            }
            _ => {}
        }
    }
}

/// Rows of a table or cells of a row, through the content controls that may wrap them.
fn children_named<'t>(el: &'t Element, name: &str, out: &mut Vec<&'t Element>) {
    for child in el.elements() {
        if child.name == name {
            out.push(child);
        } else if matches!(
            child.name.as_str(),
            "sdt" | "sdtContent" | "customXml" | "ins"
        ) {
            children_named(child, name, out);
        }
    }
}

/// What a markup-compatibility block stands for: its first choice (the form a newer Word
/// writes; the fallback repeats it for older readers), else its fallback.
fn chosen(alternate: &Element) -> Option<&Element> {
    alternate
        .child("Choice")
        .or_else(|| alternate.child("Fallback"))
}

/// Whether an element holds text (a `w:t` with more than white space) at any depth.
fn holds_text(el: &Element) -> bool {
    el.elements()
        .any(|e| (e.name == "t" && !e.text().trim().is_empty()) || holds_text(e))
}

/// A table-of-contents entry in a style that does not say so (a template's own, or Google Docs'
/// export): all its text in links to the headings' bookmarks (Word's "_Toc…", Google's
/// "_heading=…"). The site makes its own contents; a cross-reference has text around its link.
fn is_contents_entry(p: &Element) -> bool {
    let mut linked = false;
    for child in p.elements().filter(|c| c.name != "pPr") {
        let anchor = child.attr("anchor").unwrap_or_default();
        if child.name == "hyperlink"
            && (anchor.starts_with("_Toc") || anchor.starts_with("_heading="))
        {
            linked = true;
        } else if holds_text(child) {
            return false;
        }
    }
    linked
}

pub fn has_text(doc: &Document) -> bool {
    doc.blocks.iter().any(|b| match b {
        Block::Heading { text, .. } | Block::Paragraph(text) => !text.is_empty(),
        Block::List { items, .. } => !items.is_empty(),
        Block::Table { rows } => rows.iter().flatten().any(|c| !c.is_empty()),
        Block::Lines(lines) => !lines.is_empty(),
        Block::Image(_) => false,
    })
}

impl<'p, 'a> Walk<'p, 'a> {
    pub fn new(
        package: &'p mut Package<'a>,
        styles: &'p Styles,
        numbering: &'p Numbering,
        rels: &'p Relationships,
        notes: [Option<&'p Element>; 2],
    ) -> Self {
        Walk {
            package,
            styles,
            numbering,
            rels,
            notes,
            doc: Document::default(),
            list: None,
            note_labels: HashMap::new(),
            image_by_target: HashMap::new(),
            in_note: false,
            measures: Vec::new(),
            bold_lines: Vec::new(),
        }
    }

    pub fn finish(mut self) -> Document {
        self.flush_list();
        let lines = std::mem::take(&mut self.bold_lines);
        bold::make_headings(&mut self.doc.blocks, &mut self.measures, lines);
        self.doc.set_apart = set_apart(&self.measures);
        self.doc
    }

    fn flush_list(&mut self) {
        if let Some(list) = self.list.take() {
            self.doc.blocks.push(list.into_block());
            self.measures.push(None);
        }
    }

    fn push(&mut self, block: Block) {
        self.push_measured(block, None);
    }

    fn push_measured(&mut self, block: Block, measure: Option<(bool, i64)>) {
        self.flush_list();
        self.doc.blocks.push(block);
        self.measures.push(measure);
    }

    /// The blocks of a container: the body, a text box, a content control, a one-cell table.
    pub fn blocks(&mut self, container: &Element, depth: usize) -> Result<(), ImportError> {
        for child in container.elements() {
            match child.name.as_str() {
                "p" => self.paragraph(child, depth)?,
                "tbl" => self.table(child, depth)?,
                "sdt" => {
                    if let Some(content) = child.child("sdtContent") {
                        self.blocks(content, depth + 1)?;
                    }
                }
                "customXml" | "ins" | "moveTo" | "smartTag" => self.blocks(child, depth + 1)?,
                "AlternateContent" => {
                    if let Some(content) = chosen(child) {
                        self.blocks(content, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &Element, depth: usize) -> Result<(), ImportError> {
        let ppr = p.child("pPr");
        let style = ppr.and_then(|ppr| ppr.val("pStyle")).unwrap_or_default();
        if (!style.is_empty() && self.styles.is_contents(style)) || is_contents_entry(p) {
            return Ok(());
        }
        let mut inline = Inline::default();
        let mut found = Found::default();
        self.inline(p, &mut inline, &mut found, None)?;

        let direct_outline = ppr.and_then(|ppr| ppr.val("outlineLvl")).map(|v| {
            v.parse::<u8>()
                .ok()
                .filter(|n| *n <= 8)
                .map(|n| (n + 1).min(6))
        });
        let level = direct_outline.unwrap_or_else(|| self.styles.heading_level(style));
        let list = numbering_of(ppr)
            .or_else(|| self.styles.numbering(style))
            .and_then(|(id, level)| Some((self.numbering.is_ordered(&id, level)?, level)));

        let text = inline.markdown(level.is_none());
        if !text.is_empty() {
            match (level, list) {
                (Some(level), _) => {
                    self.flush_list();
                    if self.doc.title_block.is_none() && self.styles.is_title(style) {
                        self.doc.title_block = Some(self.doc.blocks.len());
                    }
                    self.push(Block::Heading { level, text })
                }
                (None, Some((ordered, level))) => {
                    let other = match &mut self.list {
                        Some(list) => list.add(ordered, level, text),
                        None => Some(text),
                    };
                    if let Some(text) = other {
                        self.flush_list();
                        self.list = Some(List::new(ordered, level, text));
                    }
                }
                (None, None) => {
                    // Only body paragraphs count: a table cell or a text box is set apart by
                    // its frame, not as a direction is.
                    let measure = (depth == 0).then(|| self.styles.measure(style, ppr));
                    self.push_measured(Block::Paragraph(text), measure);
                    let plain = inline.markdown(false);
                    if depth == 0 && inline.all_bold() && bold::looks_like_heading(&plain) {
                        self.bold_lines.push((self.doc.blocks.len() - 1, plain));
                    }
                }
            }
        }
        for image in found.images {
            self.push(Block::Image(image));
        }
        for text_box in found.text_boxes {
            self.blocks(text_box, depth + 1)?;
        }
        Ok(())
    }

    /// The inline content of a paragraph (or of a hyperlink, field or revision inside it).
    fn inline<'t>(
        &mut self,
        el: &'t Element,
        inline: &mut Inline,
        found: &mut Found<'t>,
        link: Option<&str>,
    ) -> Result<(), ImportError> {
        for child in el.elements() {
            match child.name.as_str() {
                "r" => self.run(child, inline, found, link)?,
                "hyperlink" => {
                    let target = child
                        .attr("id")
                        .and_then(|id| self.rels.get(id))
                        .filter(|(_, external)| *external)
                        .map(|(url, _)| url.to_string());
                    self.inline(child, inline, found, target.as_deref().or(link))?;
                }
                "fldSimple" => {
                    let target = child.attr("instr").and_then(hyperlink_in);
                    self.inline(child, inline, found, target.as_deref().or(link))?;
                }
                "sdt" => {
                    if let Some(content) = child.child("sdtContent") {
                        self.inline(content, inline, found, link)?;
                    }
                }
                "ins" | "smartTag" | "customXml" | "moveTo" | "dir" | "bdo" => {
                    self.inline(child, inline, found, link)?
                }
                "AlternateContent" => {
                    if let Some(content) = chosen(child) {
                        self.inline(content, inline, found, link)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn run<'t>(
        &mut self,
        r: &'t Element,
        inline: &mut Inline,
        found: &mut Found<'t>,
        link: Option<&str>,
    ) -> Result<(), ImportError> {
        let rpr = r.child("rPr");
        if rpr.is_some_and(|rpr| rpr.flag("vanish")) {
            return Ok(());
        }
        let (style_bold, style_italic) = rpr
            .and_then(|rpr| rpr.val("rStyle"))
            .map_or((false, false), |s| self.styles.emphasis(s));
        let bold = rpr.map_or(style_bold, |rpr| {
            rpr.child("b").map_or(style_bold, |_| rpr.flag("b"))
        });
        let italic = rpr.map_or(style_italic, |rpr| {
            rpr.child("i").map_or(style_italic, |_| rpr.flag("i"))
        });
        for child in r.elements() {
            let field_link = found.fields.iter().rev().find_map(|f| f.link.clone());
            let link = field_link.as_deref().or(link);
            match child.name.as_str() {
                "t" => inline.text(&child.text().replace('\u{ad}', ""), bold, italic, link),
                "tab" | "ptab" | "br" | "cr" => inline.text(" ", bold, italic, link),
                "noBreakHyphen" => inline.text("\u{2011}", bold, italic, link),
                "sym" => {
                    let c = super::symbol::char_of(child.attr("font"), child.attr("char"));
                    if let Some(c) = c {
                        inline.text(c.encode_utf8(&mut [0; 4]), bold, italic, link);
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let kind = usize::from(child.name == "endnoteReference");
                    if let Some(id) = child.attr("id") {
                        if let Some(label) = self.note(kind, id)? {
                            inline.raw(&format!("[^{label}]"));
                        }
                    }
                }
                "fldChar" => match child.attr("fldCharType") {
                    Some("begin") => found.fields.push(Field {
                        instruction: String::new(),
                        link: None,
                    }),
                    Some("separate") => {
                        if let Some(field) = found.fields.last_mut() {
                            field.link = hyperlink_in(&field.instruction);
                        }
                    }
                    Some("end") => {
                        found.fields.pop();
                    }
                    _ => {}
                },
                "instrText" => {
                    if let Some(field) = found.fields.last_mut() {
                        field.instruction.push_str(&child.text());
                    }
                }
                "drawing" | "pict" | "object" => self.picture(child, found)?,
                "AlternateContent" => {
                    // The modern form is the first choice; the fallback repeats it for old readers.
                    if let Some(choice) = child.child("Choice") {
                        for part in choice.elements() {
                            if matches!(part.name.as_str(), "drawing" | "pict") {
                                self.picture(part, found)?;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn table(&mut self, tbl: &Element, depth: usize) -> Result<(), ImportError> {
        let mut trs = Vec::new();
        children_named(tbl, "tr", &mut trs);
        let cells: Vec<Vec<&Element>> = trs
            .iter()
            .map(|tr| {
                let mut tcs = Vec::new();
                children_named(tr, "tc", &mut tcs);
                tcs
            })
            .collect();
        // A one-column table is a frame around text (a one-cell box, or a template's table
        // with a row per section, headings and all), not a table: its cells are read in turn.
        let framed = |tr: &&Element| tr.child("trPr").and_then(|p| p.val("gridBefore")).is_none();
        if cells.iter().all(|row| row.len() == 1) && trs.iter().all(framed) {
            for row in &cells {
                self.blocks(row[0], depth + 1)?;
            }
            return Ok(());
        }
        let mut rows = Vec::new();
        let mut images = Vec::new();
        for (tr, tcs) in trs.iter().zip(&cells) {
            let before = tr
                .child("trPr")
                .and_then(|p| p.val("gridBefore"))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            let mut row = vec![String::new(); before.min(64)];
            for tc in tcs {
                let props = tc.child("tcPr");
                let continued = props
                    .and_then(|p| p.child("vMerge"))
                    .is_some_and(|m| m.attr("val") != Some("restart"));
                let span = props
                    .and_then(|p| p.val("gridSpan"))
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let text = if continued {
                    String::new()
                } else {
                    self.cell_text(tc, &mut images)?
                };
                row.push(text);
                row.extend(std::iter::repeat_n(String::new(), span - 1));
            }
            rows.push(row);
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            row.resize(width, String::new());
        }
        if rows.iter().flatten().any(|c| !c.is_empty()) {
            self.push(Block::Table { rows });
        }
        for image in images {
            self.push(Block::Image(image));
        }
        Ok(())
    }

    /// The text of a cell: its paragraphs (and list items) joined by spaces.
    fn cell_text(&mut self, tc: &Element, images: &mut Vec<usize>) -> Result<String, ImportError> {
        let mut paragraphs = Vec::new();
        paragraphs_in(tc, &mut paragraphs);
        let mut texts = Vec::new();
        for p in paragraphs {
            let mut inline = Inline::default();
            let mut found = Found::default();
            self.inline(p, &mut inline, &mut found, None)?;
            images.extend(found.images);
            let text = inline.markdown(true);
            if !text.is_empty() {
                texts.push(text);
            }
        }
        Ok(texts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_fields_give_their_address() {
        assert_eq!(
            hyperlink_in(r#" HYPERLINK "https://www.alingsas.se/" \o "Tips" "#).as_deref(),
            Some("https://www.alingsas.se/")
        );
        assert_eq!(hyperlink_in(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_in("PAGEREF _Toc1 \\h"), None);
    }
}
