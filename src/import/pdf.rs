//! The PDF reader: the text of each page, line by line in reading order, pages separated by a
//! form feed. lopdf parses the file and decodes the fonts' encodings; this module follows the
//! content streams itself to place every piece of text on the page, because the order text is
//! drawn in is not always the order it is read in, and words are often set apart by position
//! alone (no space character between them).

mod font;
mod justify;
mod layout;
mod state;

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object};

use super::doc::ImportError;
use crate::messages::{self, Lang};
use font::{font, number, Font};
use layout::{lines, plain_letters, Piece};
use state::{apply, multiply, next_line, operand, text_state, Matrix, State, IDENTITY};

/// Larger input than this is not a committee's report.
const MAX_INPUT: usize = 200 * 1024 * 1024;
/// What one page's content (or one stream while loading) may unpack to.
pub(crate) const MAX_UNPACKED: usize = 64 * 1024 * 1024;
const MAX_PAGES: usize = 5_000;
/// Form XObjects drawn inside each other deeper than this are not followed (they may loop).
const MAX_FORM_DEPTH: usize = 8;

/// The text of a PDF file: lines in reading order, pages separated by '\u{c}'.
pub fn pdf_text(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_INPUT {
        let (mb, max) = (bytes.len() / (1024 * 1024), MAX_INPUT / (1024 * 1024));
        return Err(ImportError::new(|l| {
            (
                messages::pdf_too_large(l, mb, max),
                messages::pdf_committee_report_hint(l),
            )
        }));
    }
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(ImportError::new(|l| {
            (messages::pdf_not_pdf(l), messages::pdf_not_pdf_hint(l))
        }));
    }
    // lopdf parses whatever the file holds; a parser bug on a hostile file must not take the
    // whole import down.
    std::panic::catch_unwind(|| read(bytes))
        .unwrap_or_else(|_| Err(damaged(&messages::pdf_reader_stopped)))
}

/// The file cannot be read; `detail` says why in plain words, in a language.
fn damaged(detail: &dyn Fn(Lang) -> String) -> ImportError {
    ImportError::new(|l| {
        (
            messages::pdf_damaged(l, detail(l)),
            messages::pdf_damaged_hint(l),
        )
    })
}

/// Does the file end as a PDF does (`%%EOF` in its last kilobyte)? A file cut off when it was
/// downloaded or copied does not.
fn ends_whole(bytes: &[u8]) -> bool {
    bytes[bytes.len().saturating_sub(1024)..]
        .windows(5)
        .any(|w| w == b"%%EOF")
}

/// Why lopdf could not load the file, in plain words: a file cut off, a broken packed part, a
/// broken table of the file's parts; lopdf's own words only as a detail where nothing plainer
/// fits.
fn load_error(e: lopdf::Error, bytes: &[u8]) -> ImportError {
    use lopdf::{Error, ParseError};
    match e {
        _ if !ends_whole(bytes) => damaged(&messages::pdf_cut_off),
        Error::InvalidPassword | Error::Decryption(_) => password_protected(),
        Error::Parse(ParseError::EndOfInput) | Error::IO(_) => damaged(&messages::pdf_cut_off),
        Error::Decompress(_) | Error::InvalidStream(_) | Error::InvalidObjectStream(_) => {
            damaged(&messages::pdf_packed_broken)
        }
        Error::Xref(_)
        | Error::MissingXrefEntry
        | Error::InvalidOffset(_)
        | Error::Parse(ParseError::InvalidXref | ParseError::InvalidTrailer) => {
            damaged(&messages::pdf_parts_broken)
        }
        Error::Unimplemented(what) => damaged(&|l| messages::pdf_unsupported(l, what)),
        e => damaged(&|l| messages::pdf_structure_broken(l, &e)),
    }
}

fn read(bytes: &[u8]) -> Result<String, ImportError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_UNPACKED),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| load_error(e, bytes))?;
    // lopdf rebuilds a cut-off file from the objects left, and text drawn with a lost font or
    // on a lost page would then be dropped without a word: a file that does not end as a PDF
    // does is refused, as Word's reader refuses a cut-off package.
    if !ends_whole(bytes) {
        return Err(damaged(&messages::pdf_cut_off));
    }
    // An empty password opens a document that is only protected from changes; lopdf then
    // decrypts it and drops /Encrypt. Still encrypted means a password is needed to read it.
    if doc.is_encrypted() {
        return Err(password_protected());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(damaged(&messages::pdf_no_pages));
    }
    if pages.len() > MAX_PAGES {
        let n = pages.len();
        return Err(ImportError::new(|l| {
            (
                messages::pdf_too_many_pages(l, n, MAX_PAGES),
                messages::pdf_too_many_pages_hint(l),
            )
        }));
    }
    let mut texts = Vec::new();
    let mut failures = 0;
    let mut pictures = false;
    for &page_id in pages.values() {
        match page_lines(&doc, page_id) {
            Ok((lines, drawn)) => {
                texts.push(lines.join("\n"));
                pictures |= drawn;
            }
            Err(_) => {
                failures += 1;
                texts.push(String::new());
            }
        }
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        if failures > 0 || !pictures {
            return Err(damaged(&messages::pdf_pages_unreadable));
        }
        return Err(ImportError::new(|l| {
            (messages::pdf_scanned(l), messages::pdf_scanned_hint(l))
        }));
    }
    Ok(texts.join("\u{c}"))
}

fn password_protected() -> ImportError {
    ImportError::new(|l| (messages::pdf_password(l), messages::pdf_password_hint(l)))
}

struct Page<'a> {
    doc: &'a Document,
    fonts: HashMap<Vec<u8>, Font<'a>>,
    pieces: Vec<Piece>,
    /// Does the page draw a picture? A page of pictures without text is a scanned one.
    pictures: bool,
}

/// A page's lines of text in reading order, and whether it draws a picture.
fn page_lines(
    doc: &Document,
    page_id: lopdf::ObjectId,
) -> Result<(Vec<String>, bool), lopdf::Error> {
    contents_readable(doc, page_id)?;
    let content = doc.get_page_content_with_limit(page_id, MAX_UNPACKED)?;
    let mut page = Page {
        doc,
        fonts: HashMap::new(),
        pieces: Vec::new(),
        pictures: false,
    };
    let font_dicts = doc.get_page_fonts(page_id)?;
    let resources = doc.get_page_resources(page_id)?.0;
    page.run(&content, &font_dicts, resources, IDENTITY, 0)?;
    Ok((lines(page.pieces), page.pictures))
}

/// lopdf skips a page's content stream that is missing, reads one it cannot unpack as its
/// packed bytes, and unpacks a broken Flate stream to what it could (nothing, when it breaks
/// at the start): the page's text is lost, and the page must not pass for one without text
/// (which would call a damaged file a scanned one).
fn contents_readable(doc: &Document, page_id: lopdf::ObjectId) -> Result<(), lopdf::Error> {
    for id in doc.get_page_contents(page_id) {
        let stream = doc.get_object(id).and_then(Object::as_stream)?;
        if stream.filters().is_ok_and(|f| !f.is_empty())
            && stream
                .decompressed_content_with_limit(MAX_UNPACKED)?
                .is_empty()
            && !stream.content.is_empty()
        {
            return Err(lopdf::Error::InvalidStream("unpacks to nothing".into()));
        }
    }
    Ok(())
}

impl<'a> Page<'a> {
    /// Follows one content stream (a page's, or a form's inside it at `depth`), collecting the
    /// text it draws.
    fn run(
        &mut self,
        content: &[u8],
        font_dicts: &BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), lopdf::Error> {
        let content = lopdf::content::Content::decode(content)?;
        let mut state = State::at(ctm);
        let mut saved = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "q" if saved.len() < 1024 => saved.push(state.clone()),
                "Q" => state = saved.pop().unwrap_or(state),
                "Tf" => self.set_font(&mut state, op, font_dicts),
                "Tj" | "'" | "\"" | "TJ" => self.show_op(&mut state, op),
                "BI" | "EI" => self.pictures = true,
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, font_dicts, resources, &state, depth);
                    }
                }
                _ => text_state(&mut state, op),
            }
        }
        Ok(())
    }

    /// `Tf`: the font and size to draw with; the font is read the first time it is used.
    fn set_font(
        &mut self,
        state: &mut State,
        op: &Operation,
        font_dicts: &BTreeMap<Vec<u8>, &'a Dictionary>,
    ) {
        let name = op.operands.first().and_then(|o| o.as_name().ok());
        state.font = name.map(<[u8]>::to_vec);
        state.size = operand(op, 1);
        let Some(name) = name else {
            return;
        };
        if let (false, Some(dict)) = (self.fonts.contains_key(name), font_dicts.get(name)) {
            if let Some(font) = font(self.doc, dict) {
                self.fonts.insert(name.to_vec(), font);
            }
        }
    }

    /// The operators that draw text: `Tj` and `TJ`, and `'` and `"`, which move to the next
    /// line first (`"` also sets the spacing).
    fn show_op(&mut self, state: &mut State, op: &Operation) {
        if op.operator == "'" || op.operator == "\"" {
            if op.operator == "\"" {
                state.word_spacing = operand(op, 0);
                state.char_spacing = operand(op, 1);
            }
            let leading = state.leading;
            next_line(state, 0.0, -leading);
        }
        for item in &op.operands {
            match item {
                Object::String(bytes, _) => self.show(state, bytes),
                Object::Array(items) => self.show_array(state, items),
                _ => {}
            }
        }
    }

    /// Text drawn inside a form XObject (a reused piece of a page), with the form's own fonts.
    fn form(
        &mut self,
        name: &[u8],
        font_dicts: &BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: Option<&'a Dictionary>,
        state: &State,
        depth: usize,
    ) {
        let doc = self.doc;
        let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
        let Some(stream) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(deref)
            .and_then(|o| o.as_dict().ok())
            .and_then(|x| x.get(name).ok())
            .and_then(deref)
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Form") => {}
            Some(b"Image") => {
                self.pictures = true;
                return;
            }
            _ => return,
        }
        let Ok(content) = stream.decompressed_content_with_limit(MAX_UNPACKED) else {
            return;
        };
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_dict().ok());
        // The form's fonts are its own: a name may mean another font than on the page.
        let mut fonts = font_dicts.clone();
        if let Some(dict) = own
            .and_then(|r| r.get(b"Font").ok())
            .and_then(deref)
            .and_then(|o| o.as_dict().ok())
        {
            for (k, v) in dict.iter() {
                if let Some(f) = deref(v).and_then(|o| o.as_dict().ok()) {
                    fonts.insert(k.clone(), f);
                    self.fonts.remove(k);
                }
            }
        }
        let matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .ok()
            .filter(|m| m.len() == 6)
            .map(|m| std::array::from_fn(|i| number(&m[i]).unwrap_or(0.0)))
            .unwrap_or(IDENTITY);
        let ctm = multiply(&matrix, &state.ctm);
        let saved_fonts = std::mem::take(&mut self.fonts);
        let _ = self.run(&content, &fonts, own.or(resources), ctm, depth + 1);
        self.fonts = saved_fonts;
    }

    fn show_array(&mut self, state: &mut State, items: &[Object]) {
        for item in items {
            match item {
                Object::String(bytes, _) => self.show(state, bytes),
                other => {
                    // A number moves the next glyph back (positive) or on (negative).
                    let shift = -number(other).unwrap_or(0.0) / 1000.0 * state.size * state.scale;
                    state.tm = multiply(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &state.tm);
                }
            }
        }
    }

    /// Places one string: its decoded text, and its width from the font's glyph widths.
    fn show(&mut self, state: &mut State, bytes: &[u8]) {
        let Some(font) = state.font.as_ref().and_then(|f| self.fonts.get(f)) else {
            return;
        };
        let mut text = String::new();
        if font.encoding.write_to_string(bytes, &mut text).is_err() {
            return;
        }
        let codes: Vec<u32> = if font.two_byte {
            bytes
                .chunks(2)
                .map(|c| c.iter().fold(0, |a, &b| a * 256 + u32::from(b)))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        };
        let mut advance = 0.0;
        for code in codes {
            let width = font
                .widths
                .get(&code)
                .copied()
                .unwrap_or(font.default_width);
            let space = if !font.two_byte && code == 32 {
                state.word_spacing
            } else {
                0.0
            };
            advance += (width / 1000.0 * state.size + state.char_spacing + space) * state.scale;
        }
        let render = multiply(&state.tm, &state.ctm);
        let (x0, y) = apply(&render, 0.0, state.rise);
        let (x1, _) = apply(&render, advance, state.rise);
        let size = (state.size * (render[2].powi(2) + render[3].powi(2)).sqrt()).abs();
        state.tm = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &state.tm);
        let text = plain_letters(&text);
        if !text.is_empty() && self.pieces.len() < 2_000_000 {
            self.pieces.push(Piece {
                x0,
                x1,
                y,
                size: size.max(1.0),
                text,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_and_broken_pdfs_get_plain_errors() {
        assert!(pdf_text(b"hello")
            .unwrap_err()
            .message
            .contains("inte en PDF"));
        let err = pdf_text(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF").unwrap_err();
        assert!(err.message.contains("skadad"), "{err}");
    }
}
