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
pub use write::{front, site_loads, toml_string, write_report, FileOut};

use std::path::{Path, PathBuf};

use crate::messages::{self, Lang};
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
    let lang = crate::config::language(&opts.root);
    let (year, slug) = folder_of(&opts.into, lang)?;
    let shown = opts.file.display().to_string();
    let fail = |e: ImportError| format!("{shown}: {}", e.in_language(lang));
    let bytes = read_file(&opts.file).map_err(fail)?;
    let site = crate::content::load_clean(&opts.root)
        .map_err(|d| messages::import_site_has_errors(lang, d.in_language(lang)))?;
    let known: Vec<String> = site.areas.iter().map(|a| a.name.clone()).collect();
    let read = read_document(&opts.file, &bytes, &known).map_err(fail)?;
    let source = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let composed = compose::compose(&read, &site, (year, &slug), &source, lang);
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
    let check = || write::site_loads(&opts.root, lang, |e| messages::import_taken_back(lang, e));
    let kept = write::write_report(&target, &composed.files, opts.force, areas, &check, lang)?;
    Ok(composed.summary(&shown, &format!("content/{year}/{slug}"), &kept, lang))
}

/// The file's bytes, refused when missing, empty, a folder or too large.
fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImportError::new(|l| {
            (
                messages::import_no_file(l),
                messages::import_no_file_hint(l),
            )
        }),
        std::io::ErrorKind::PermissionDenied => ImportError::new(|l| {
            (
                messages::import_no_permission(l),
                messages::import_no_permission_hint(l),
            )
        }),
        _ => cannot_read(&e),
    })?;
    if meta.is_dir() {
        return Err(ImportError::new(|l| {
            (messages::import_folder(l), messages::import_folder_hint(l))
        }));
    }
    if meta.len() > MAX_BYTES {
        let (mb, max) = (meta.len() / 1_048_576, MAX_BYTES / 1_048_576);
        return Err(ImportError::new(|l| {
            (
                messages::import_too_large(l, mb, max),
                messages::import_too_large_hint(l),
            )
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| cannot_read(&e))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::new(|l| {
            (
                messages::import_empty(l),
                messages::import_right_file_hint(l),
            )
        }));
    }
    Ok(bytes)
}

/// A read that failed for a reason without plain words of its own: the system's are the detail.
fn cannot_read(e: &std::io::Error) -> ImportError {
    ImportError::new(|l| (messages::import_cannot_read(l, e), String::new()))
}

/// The document by the file's type (its extension, checked against its first bytes).
fn read_document(
    path: &Path,
    bytes: &[u8],
    known: &[String],
) -> Result<text::TextDoc, ImportError> {
    let ext = match path.extension() {
        Some(e) => e.to_string_lossy().to_lowercase(),
        None => kind_by_bytes(bytes)?.to_string(),
    };
    match ext.as_str() {
        "txt" | "text" if bytes.len() > MAX_TEXT_BYTES => {
            let (mb, max) = (bytes.len() / 1_048_576, MAX_TEXT_BYTES / 1_048_576);
            Err(ImportError::new(|l| {
                (
                    messages::import_text_too_large(l, mb, max),
                    messages::import_text_too_large_hint(l),
                )
            }))
        }
        "txt" | "text" => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                ImportError::new(|l| {
                    (
                        messages::import_not_utf8(l, e.valid_up_to()),
                        messages::import_not_utf8_hint(l),
                    )
                })
            })?;
            text::read_text(text, known)
        }
        // Word's macro-enabled documents and its templates are the same package; the reader
        // reads text and never runs a macro.
        "docx" | "docm" | "dotx" | "dotm" => {
            if !bytes.starts_with(b"PK\x03\x04") {
                return Err(not_a(messages::import_a_word_file, bytes));
            }
            read_docx(bytes)
        }
        "pdf" => {
            if !looks_like_pdf(bytes) {
                return Err(not_a(messages::import_a_pdf_file, bytes));
            }
            let text = read_pdf(bytes)?;
            text::read_text(&text, known)
        }
        "doc" => Err(ImportError::new(|l| {
            (
                messages::import_old_doc(l),
                messages::import_save_as_docx_hint(l),
            )
        })),
        _ => Err(ImportError::new(|l| {
            (
                messages::import_unknown_type(l, &ext),
                messages::import_unknown_type_hint(l),
            )
        })),
    }
}

/// The reader for a file without an extension, by its first bytes: a zip package is read as a
/// Word document, a PDF as PDF; text needs its `.txt` (any file is text of some kind).
fn kind_by_bytes(bytes: &[u8]) -> Result<&'static str, ImportError> {
    if bytes.starts_with(b"PK\x03\x04") {
        Ok("docx")
    } else if looks_like_pdf(bytes) {
        Ok("pdf")
    } else {
        Err(ImportError::new(|l| {
            (
                messages::import_no_extension(l),
                messages::import_unknown_type_hint(l),
            )
        }))
    }
}

/// A PDF as PDF readers find one: the header in the first kilobyte (a byte order mark or a line
/// a mail program left may come before it).
fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The file is not the `what` its extension says (`what` names it in a language); the hint says
/// what it is where its first bytes tell (a PDF named .docx, a Word file named .pdf).
fn not_a(what: fn(Lang) -> String, bytes: &[u8]) -> ImportError {
    let hint: fn(Lang) -> String = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        messages::import_not_a_encrypted_hint
    } else if looks_like_pdf(bytes) {
        messages::import_is_pdf_hint
    } else if bytes.starts_with(b"PK\x03\x04") {
        messages::import_is_zip_hint
    } else {
        messages::import_not_a_damaged_hint
    };
    ImportError::new(|l| (messages::import_not_a(l, what(l)), hint(l)))
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
