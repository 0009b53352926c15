//! The PDF reader: the text of each page, line by line in reading order, pages separated by a
//! form feed. lopdf parses the file and decodes the fonts' encodings; this module follows the
//! content streams itself to place every piece of text on the page, because the order text is
//! drawn in is not always the order it is read in, and words are often set apart by position
//! alone (no space character between them).

mod font;
mod layout;

use std::collections::{BTreeMap, HashMap};

use lopdf::{Dictionary, Document, Object};

use super::doc::ImportError;
use font::{font, number, Font};
use layout::{lines, plain_letters, Piece};

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
        return Err(ImportError::new(
            format!(
                "PDF-filen är för stor för att importeras ({} MB; högst {} MB)",
                bytes.len() / (1024 * 1024),
                MAX_INPUT / (1024 * 1024)
            ),
            "kontrollera att det är nämndens rapport",
        ));
    }
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(ImportError::new(
            "filen är inte en PDF-fil",
            "importera den PDF som nämnden publicerade, eller ett Word-dokument med ett namn som \
             slutar på .docx",
        ));
    }
    // lopdf parses whatever the file holds; a parser bug on a hostile file must not take the
    // whole import down.
    std::panic::catch_unwind(|| read(bytes))
        .unwrap_or_else(|_| Err(damaged("läsaren stannade på den")))
}

fn damaged(detail: &str) -> ImportError {
    ImportError::new(
        format!("PDF-filen är skadad och texten går inte att läsa ({detail})"),
        "öppna den i ett PDF-program, spara eller skriv ut den som en ny PDF och importera den filen",
    )
}

fn read(bytes: &[u8]) -> Result<String, ImportError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_UNPACKED),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => password_protected(),
        e => damaged(&e.to_string()),
    })?;
    // An empty password opens a document that is only protected from changes; lopdf then
    // decrypts it and drops /Encrypt. Still encrypted means a password is needed to read it.
    if doc.is_encrypted() {
        return Err(password_protected());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(damaged("den har inga sidor"));
    }
    if pages.len() > MAX_PAGES {
        return Err(ImportError::new(
            format!(
                "PDF-filen har {} sidor; högst {MAX_PAGES} kan importeras",
                pages.len()
            ),
            "importera själva rapporten, inte en samling dokument",
        ));
    }
    let mut texts = Vec::new();
    let mut failures = 0;
    for &page_id in pages.values() {
        match page_lines(&doc, page_id) {
            Ok(lines) => texts.push(lines.join("\n")),
            Err(_) => {
                failures += 1;
                texts.push(String::new());
            }
        }
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        if failures > 0 {
            return Err(damaged("sidornas innehåll går inte att läsa"));
        }
        return Err(ImportError::new(
            "PDF-filen har ingen text att läsa: sidorna är bilder (ett inskannat dokument)",
            "kör först textigenkänning (OCR) på den, till exempel i Adobe Acrobat (Skanna och OCR) \
             eller med OCRmyPDF, och importera den PDF som det ger",
        ));
    }
    Ok(texts.join("\u{c}"))
}

fn password_protected() -> ImportError {
    ImportError::new(
        "PDF-filen är skyddad med lösenord, så texten går inte att läsa",
        "öppna den med lösenordet, spara eller skriv ut den som en PDF utan lösenord och \
         importera den filen",
    )
}

/// An affine matrix [a b c d e f] as PDF writes them (row vectors: p' = p × M).
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// The graphics and text state the content stream changes.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    tm: Matrix,
    line: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

struct Page<'a> {
    doc: &'a Document,
    fonts: HashMap<Vec<u8>, Font<'a>>,
    pieces: Vec<Piece>,
}

fn page_lines(doc: &Document, page_id: lopdf::ObjectId) -> Result<Vec<String>, lopdf::Error> {
    let content = doc.get_page_content_with_limit(page_id, MAX_UNPACKED)?;
    let mut page = Page {
        doc,
        fonts: HashMap::new(),
        pieces: Vec::new(),
    };
    let font_dicts = doc.get_page_fonts(page_id)?;
    let resources = doc.get_page_resources(page_id)?.0;
    page.run(&content, &font_dicts, resources, IDENTITY, 0)?;
    Ok(lines(page.pieces))
}

impl<'a> Page<'a> {
    fn run(
        &mut self,
        content: &[u8],
        font_dicts: &BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), lopdf::Error> {
        let content = lopdf::content::Content::decode(content)?;
        let mut state = State {
            ctm,
            tm: IDENTITY,
            line: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut saved = Vec::new();
        for op in &content.operations {
            let n = |i: usize| op.operands.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if saved.len() < 1024 => saved.push(state.clone()),
                "Q" => state = saved.pop().unwrap_or(state),
                "cm" => state.ctm = multiply(&[n(0), n(1), n(2), n(3), n(4), n(5)], &state.ctm),
                "BT" => {
                    state.tm = IDENTITY;
                    state.line = IDENTITY;
                }
                "Tf" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    state.font = name.map(<[u8]>::to_vec);
                    state.size = n(1);
                    if let Some(name) = name {
                        if let (false, Some(dict)) =
                            (self.fonts.contains_key(name), font_dicts.get(name))
                        {
                            if let Some(font) = font(self.doc, dict) {
                                self.fonts.insert(name.to_vec(), font);
                            }
                        }
                    }
                }
                "Tc" => state.char_spacing = n(0),
                "Tw" => state.word_spacing = n(0),
                "Tz" => state.scale = n(0) / 100.0,
                "TL" => state.leading = n(0),
                "Ts" => state.rise = n(0),
                "Td" => next_line(&mut state, n(0), n(1)),
                "TD" => {
                    state.leading = -n(1);
                    next_line(&mut state, n(0), n(1));
                }
                "Tm" => {
                    state.line = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.tm = state.line;
                }
                "T*" => {
                    let leading = state.leading;
                    next_line(&mut state, 0.0, -leading);
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        let leading = state.leading;
                        next_line(&mut state, 0.0, -leading);
                    }
                    for operand in &op.operands {
                        match operand {
                            Object::String(bytes, _) => self.show(&mut state, bytes),
                            Object::Array(items) => self.show_array(&mut state, items),
                            _ => {}
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, font_dicts, resources, &state, depth);
                    }
                }
                _ => {}
            }
        }
        Ok(())
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
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
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

fn next_line(state: &mut State, tx: f32, ty: f32) {
    state.line = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &state.line);
    state.tm = state.line;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_does() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        assert_eq!(apply(&multiply(&scale, &shift), 1.0, 1.0), (12.0, 22.0));
        assert_eq!(apply(&multiply(&shift, &scale), 1.0, 1.0), (22.0, 42.0));
    }

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
