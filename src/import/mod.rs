//! Import: a committee's document (Word, PDF or PDF-extracted text) → a draft report in
//! `content/`. The readers (`docx`, `pdf`, plain text) each produce a `doc::Document`; the rest
//! of the import reads only that: `structure` finds the title, the report's own text, the areas
//! and their directions, `meta` the committee, dates and references, `mapping` the areas of
//! areas.toml, `compose` the content files and `write` puts them in place all or nothing.

mod compose;
pub mod doc;
pub mod docx;
mod lines;
mod mapping;
mod markdown;
mod meta;
mod notes;
pub mod pdf;
mod structure;
pub mod text;
mod write;

pub use compose::folder_of;
pub use write::{front, toml_string, write_report, FileOut};

use std::path::{Path, PathBuf};

use doc::ImportError;

/// Larger files are refused: a committee's report is a few MB even with images.
const MAX_BYTES: u64 = 100 * 1024 * 1024;
/// Text is refused above this: 20 MB is some 8,000 pages, far more than any report.
const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

pub struct ImportOptions {
    pub file: PathBuf,
    /// `content/<year>/<slug>` (or `<year>/<slug>`).
    pub into: String,
    pub root: PathBuf,
    pub force: bool,
}

/// Runs the import; returns what to print (the decisions, the files, the next steps) or the
/// error in plain words. Nothing is written unless everything succeeded.
pub fn run(opts: &ImportOptions) -> Result<String, String> {
    let (year, slug) = folder_of(&opts.into)?;
    let shown = opts.file.display().to_string();
    let fail = |e: ImportError| format!("{shown}: {e}");
    let bytes = read_file(&opts.file).map_err(fail)?;
    let site = crate::content::load_clean(&opts.root).map_err(|d| {
        format!("webbplatsens innehåll har fel som måste rättas före importen:\n{d}")
    })?;
    let known: Vec<String> = site.areas.iter().map(|a| a.name.clone()).collect();
    let read = read_document(&opts.file, &bytes, &known).map_err(fail)?;
    let source = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let composed = compose::compose(&read, &site, year, &slug, &source);
    let target = opts
        .root
        .join(crate::content::CONTENT_DIR)
        .join(year.to_string())
        .join(&slug);
    let areas_path = opts
        .root
        .join(crate::content::CONTENT_DIR)
        .join(crate::content::AREAS_FILE);
    let areas = composed
        .areas_toml
        .as_deref()
        .map(|t| (areas_path.as_path(), t));
    // The written report must load with the site (its front matter, its area ids): checked in
    // place, and taken back out if it does not.
    let root = opts.root.clone();
    let check = move || -> Result<(), String> {
        let loaded = crate::content::load_clean(&root).map_err(|d| d.to_string())?;
        crate::model::build(loaded, true, crate::config::language(&root))
            .map(|_| ())
            .map_err(|d| {
                format!(
                    "den importerade rapporten gick inte att läsa in, så den togs bort igen:\n{d}"
                )
            })
    };
    write::write_report(&target, &composed.files, opts.force, areas, &check)?;
    Ok(composed.summary(&shown, &format!("content/{year}/{slug}")))
}

/// The file's bytes, refused when missing, empty, a folder or too large.
fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImportError::new(
            "filen finns inte",
            "kontrollera namnet och sökvägen (skriv den relativt till mappen du står i)",
        ),
        std::io::ErrorKind::PermissionDenied => ImportError::new(
            "du har inte behörighet att läsa filen",
            "kopiera filen till en mapp där du har behörighet och importera kopian",
        ),
        _ => ImportError::new(format!("kan inte läsa filen: {e}"), ""),
    })?;
    if meta.is_dir() {
        return Err(ImportError::new(
            "det är en mapp, inte en fil",
            "ange dokumentets fil",
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(ImportError::new(
            format!(
                "filen är för stor ({} MB; högst {} MB)",
                meta.len() / 1_048_576,
                MAX_BYTES / 1_048_576
            ),
            "kontrollera att det är rätt fil; minska bildernas storlek i Word och spara igen",
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::new(format!("kan inte läsa filen: {e}"), ""))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::new(
            "filen är tom",
            "kontrollera att det är rätt fil",
        ));
    }
    Ok(bytes)
}

/// The document by the file's type (its extension, checked against its first bytes).
fn read_document(
    path: &Path,
    bytes: &[u8],
    known: &[String],
) -> Result<text::TextDoc, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" if bytes.len() > MAX_TEXT_BYTES => Err(ImportError::new(
            format!(
                "texten är för stor ({} MB; högst {} MB)",
                bytes.len() / 1_048_576,
                MAX_TEXT_BYTES / 1_048_576
            ),
            "kontrollera att det är rätt fil: en nämnds rapport är långt mindre",
        )),
        "txt" | "text" => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                ImportError::new(
                    format!("texten är inte UTF-8 (fel vid byte {})", e.valid_up_to()),
                    "spara texten som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)",
                )
            })?;
            text::read_text(text, known)
        }
        "docx" => {
            if !bytes.starts_with(b"PK\x03\x04") {
                return Err(not_a("Word-fil (.docx)", bytes));
            }
            read_docx(bytes)
        }
        "pdf" => {
            if !bytes.starts_with(b"%PDF-") {
                return Err(not_a("PDF-fil", bytes));
            }
            let text = read_pdf(bytes)?;
            text::read_text(&text, known)
        }
        "doc" => Err(ImportError::new(
            "det gamla Word-formatet (.doc) kan inte läsas",
            "öppna filen i Word och spara den som Word-dokument (.docx)",
        )),
        _ => Err(ImportError::new(
            format!("filtypen ”.{ext}” kan inte importeras"),
            "importera ett Word-dokument (.docx), en PDF (.pdf) eller text ur en PDF (.txt)",
        )),
    }
}

fn not_a(what: &str, bytes: &[u8]) -> ImportError {
    let hint = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "filen är krypterad eller i det gamla Word-formatet: ta bort lösenordet och spara som .docx"
    } else {
        "filen är skadad eller har fel filändelse; öppna den i Word och spara den igen"
    };
    ImportError::new(format!("filen är inte en {what}"), hint)
}

/// A Word document through the Word reader; its headings come from the document's styles, and
/// what the text path measures from the layout (a paragraph set apart from the body text, as a
/// direction often is) from the paragraphs' indentation and quote styles.
fn read_docx(bytes: &[u8]) -> Result<text::TextDoc, ImportError> {
    docx::read_docx(bytes).map(|doc| text::TextDoc {
        narrow: doc.set_apart.clone(),
        doc,
        ..Default::default()
    })
}

/// A PDF's text, page by page, read by the text path as PDF-extracted text is.
fn read_pdf(bytes: &[u8]) -> Result<String, ImportError> {
    pdf::pdf_text(bytes)
}
