//! The Word (.docx) reader: the zip package is opened with bounded reads (a small file may unpack
//! to gigabytes), its XML parts are parsed into small trees (`xml`), and the body is walked into
//! `doc::Block`s (`body`) with inline Markdown (`inline`).

mod body;
mod inline;
mod styles;
mod symbol;
mod xml;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::doc::{Document, ImportError};
use crate::messages::{self, Lang};

/// Larger input than this is not a committee's report (and would be held in memory whole).
const MAX_INPUT: usize = 200 * 1024 * 1024;
/// What all parts together may unpack to: text and images of a long report fit many times over.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// What one XML part may unpack to (the text of thousands of pages).
const MAX_XML_PART: u64 = 64 * 1024 * 1024;

/// The start of every OLE compound file: Word 97–2003 documents, and also encrypted .docx files
/// (Office keeps the encrypted package inside such a file).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const REL_OFFICE_DOCUMENT: &str = "/officeDocument";
const REL_CORE_PROPERTIES: &str = "/core-properties";

/// Reads a Word document into the import's document model.
pub fn read_docx(bytes: &[u8]) -> Result<Document, ImportError> {
    if bytes.len() > MAX_INPUT {
        let (mb, max) = (bytes.len() / (1024 * 1024), MAX_INPUT / (1024 * 1024));
        return Err(ImportError::new(|l| {
            (
                messages::docx_too_large(l, mb, max),
                messages::docx_smaller_pictures_hint(l),
            )
        }));
    }
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?;
    let rels = package.relationships(&main)?;
    let styles = match package.xml_part(&rels.target_of("/styles", "word/styles.xml"))? {
        Some(root) => styles::Styles::read(&root),
        None => styles::Styles::default(),
    };
    let numbering = match package.xml_part(&rels.target_of("/numbering", "word/numbering.xml"))? {
        Some(root) => styles::Numbering::read(&root),
        None => styles::Numbering::default(),
    };
    let footnotes = package.xml_part(&rels.target_of("/footnotes", "word/footnotes.xml"))?;
    let endnotes = package.xml_part(&rels.target_of("/endnotes", "word/endnotes.xml"))?;
    let root = package
        .xml_part(&main)?
        .ok_or_else(|| not_a_word_document(&messages::docx_no_main_part))?;
    let body = root
        .child("body")
        .ok_or_else(|| damaged(&main, &messages::docx_no_body))?;

    let mut walk = body::Walk::new(
        &mut package,
        &styles,
        &numbering,
        &rels,
        [footnotes.as_ref(), endnotes.as_ref()],
    );
    walk.blocks(body, 0)?;
    let mut document = walk.finish();
    document.title = package.title()?;
    if !body::has_text(&document) {
        return Err(ImportError::new(|l| {
            (messages::docx_no_text(l), messages::docx_no_text_hint(l))
        }));
    }
    Ok(document)
}

/// Why a file is not a Word document, in a language.
type Why<'a> = &'a dyn Fn(Lang) -> String;

fn not_a_word_document(why: Why) -> ImportError {
    ImportError::new(|l| {
        (
            messages::docx_not_word(l, why(l)),
            messages::docx_resave_hint(l),
        )
    })
}

/// A part of the package cannot be read; `detail` says why in plain words.
fn damaged(part: &str, detail: Why) -> ImportError {
    ImportError::new(|l| {
        (
            messages::docx_damaged(l, part, detail(l)),
            messages::docx_damaged_hint(l),
        )
    })
}

/// Why a part cannot be unpacked, in plain words: the zip reader's own only as a detail, where
/// it says more than "broken".
fn unpack_error(part: &str, e: &zip::result::ZipError) -> ImportError {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            password_protected()
        }
        ZipError::Io(_) | ZipError::InvalidArchive(_) => {
            damaged(part, &messages::docx_compressed_broken)
        }
        e => damaged(part, &|l| messages::docx_packed_unsupported(l, e)),
    }
}

fn too_large(part: &str) -> ImportError {
    let max = MAX_XML_PART / (1024 * 1024);
    ImportError::new(|l| {
        (
            messages::docx_part_too_large(l, part, max),
            messages::docx_smaller_pictures_hint(l),
        )
    })
}

fn password_protected() -> ImportError {
    ImportError::new(|l| (messages::docx_password(l), messages::docx_password_hint(l)))
}

/// Tells an encrypted .docx from an old binary .doc: both are OLE files, only the encrypted one
/// has the streams Office encryption writes (their names are stored as UTF-16).
fn ole_error(bytes: &[u8]) -> ImportError {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let encrypted = ["EncryptionInfo", "EncryptedPackage"].iter().any(|name| {
        let needle = utf16(name);
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    });
    if encrypted {
        return password_protected();
    }
    ImportError::new(|l| (messages::docx_old_format(l), messages::docx_resave_hint(l)))
}

/// The relationships of one part: id → (type, target part name or external URL).
#[derive(Default)]
pub(crate) struct Relationships {
    by_id: HashMap<String, (String, String, bool)>,
}

impl Relationships {
    /// The part an internal relationship of this type points to, or `fallback`.
    fn target_of(&self, type_suffix: &str, fallback: &str) -> String {
        self.by_id
            .values()
            .find(|(t, _, external)| t.ends_with(type_suffix) && !external)
            .map(|(_, target, _)| target.clone())
            .unwrap_or_else(|| fallback.to_string())
    }

    /// (target, external) of the relationship `id`.
    pub(crate) fn get(&self, id: &str) -> Option<(&str, bool)> {
        self.by_id
            .get(id)
            .map(|(_, target, external)| (target.as_str(), *external))
    }
}

/// Resolves a relationship target against the folder of the part that refers to it
/// ("media/image1.png" from "word/document.xml" is "word/media/image1.png").
fn resolve(from_part: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    } else {
        from_part.split('/').collect()
    };
    parts.pop();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The zip package of a .docx, read with a budget on what it unpacks to.
pub(crate) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ImportError> {
        if bytes.starts_with(OLE_MAGIC) {
            return Err(ole_error(bytes));
        }
        if bytes.is_empty() {
            return Err(not_a_word_document(&messages::docx_is_empty));
        }
        if bytes.starts_with(b"%PDF") {
            return Err(not_a_word_document(&messages::docx_is_pdf));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            zip::result::ZipError::InvalidArchive(_) | zip::result::ZipError::Io(_)
                if bytes.starts_with(b"PK") =>
            {
                ImportError::new(|l| {
                    (
                        messages::docx_damaged(
                            l,
                            messages::docx_the_package(l),
                            messages::docx_cut_off(l),
                        ),
                        messages::docx_damaged_hint(l),
                    )
                })
            }
            _ => not_a_word_document(&messages::docx_not_zip),
        })?;
        Ok(Package { zip, unpacked: 0 })
    }

    /// The name of the part as stored: part names are case-insensitive in Office packages.
    fn stored_name(&self, name: &str) -> Option<String> {
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_string());
        }
        self.zip
            .file_names()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(str::to_string)
    }

    /// The bytes of a part, or None when the package has no such part.
    pub(crate) fn part(&mut self, name: &str, max: u64) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(stored) = self.stored_name(name) else {
            return Ok(None);
        };
        let limit = max.min(MAX_UNPACKED.saturating_sub(self.unpacked));
        let mut file = self
            .zip
            .by_name(&stored)
            .map_err(|e| unpack_error(name, &e))?;
        if file.size() > limit {
            return Err(too_large(name));
        }
        let mut bytes = Vec::with_capacity(file.size() as usize);
        // The declared size may lie: read one byte past the limit to know.
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            // A broken deflate stream or a wrong checksum: nothing more a reader can act on.
            .map_err(|_| damaged(name, &messages::docx_compressed_broken))?;
        if bytes.len() as u64 > limit {
            return Err(too_large(name));
        }
        self.unpacked += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// A part parsed as XML, or None when the package has no such part.
    fn xml_part(&mut self, name: &str) -> Result<Option<xml::Element>, ImportError> {
        let Some(bytes) = self.part(name, MAX_XML_PART)? else {
            return Ok(None);
        };
        let text =
            decode_xml(&bytes).ok_or_else(|| damaged(name, &messages::docx_part_not_utf8))?;
        xml::parse(&text)
            .map(Some)
            .map_err(|detail| damaged(name, &|l| messages::docx_xml_broken(l, &detail)))
    }

    /// The main document part named by the package relationships (word/document.xml in files
    /// Word saves), after telling other zip-based formats apart with a useful message.
    fn main_part(&mut self) -> Result<String, ImportError> {
        if let Some(kind) = self.other_format() {
            return Err(not_a_word_document(&|l| {
                messages::docx_is_other(l, kind(l))
            }));
        }
        let rels = self
            .relationships("")
            .map_err(|_| not_a_word_document(&messages::docx_no_relationships))?;
        let main = rels.target_of(REL_OFFICE_DOCUMENT, "word/document.xml");
        if self.stored_name(&main).is_none() {
            return Err(not_a_word_document(&messages::docx_zip_without_document));
        }
        Ok(main)
    }

    /// Another Office format in a zip package, named in a language.
    fn other_format(&mut self) -> Option<fn(Lang) -> String> {
        if self.stored_name("xl/workbook.xml").is_some() {
            return Some(messages::docx_an_excel_workbook);
        }
        if self.stored_name("ppt/presentation.xml").is_some() {
            return Some(messages::docx_a_powerpoint);
        }
        let mimetype = self.part("mimetype", 256).ok().flatten()?;
        mimetype
            .starts_with(b"application/vnd.oasis.opendocument")
            .then_some(messages::docx_an_opendocument)
    }

    /// The relationships of `part` ("" for the package's own).
    fn relationships(&mut self, part: &str) -> Result<Relationships, ImportError> {
        let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
        let name = if folder.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{folder}/_rels/{file}.rels")
        };
        let mut rels = Relationships::default();
        let Some(root) = self.xml_part(&name)? else {
            return Ok(rels);
        };
        for r in root.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) else {
                continue;
            };
            let external = r.attr("TargetMode") == Some("External");
            let target = if external {
                target.to_string()
            } else {
                resolve(part, target)
            };
            let kind = r.attr("Type").unwrap_or_default().to_string();
            rels.by_id.insert(id.to_string(), (kind, target, external));
        }
        Ok(rels)
    }

    /// The title in the document properties (File → Info → Title), or "".
    fn title(&mut self) -> Result<String, ImportError> {
        let core = self
            .relationships("")?
            .target_of(REL_CORE_PROPERTIES, "docProps/core.xml");
        // Damaged properties are no reason to refuse the document's text.
        let Ok(Some(root)) = self.xml_part(&core) else {
            return Ok(String::new());
        };
        Ok(root
            .child("title")
            .map(|t| t.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default())
    }
}

/// XML parts are UTF-8 (with or without a byte order mark) or, rarely, UTF-16.
fn decode_xml(bytes: &[u8]) -> Option<String> {
    let utf16 = |bytes: &[u8], le: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_the_referring_part() {
        assert_eq!(
            resolve("word/document.xml", "media/image1.png"),
            "word/media/image1.png"
        );
        assert_eq!(
            resolve("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "/word/media/a.png"),
            "word/media/a.png"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word/document.xml", "../../../x"), "x");
    }

    #[test]
    fn xml_parts_decode_from_utf8_and_utf16() {
        assert_eq!(decode_xml(b"\xEF\xBB\xBF<a/>").as_deref(), Some("<a/>"));
        assert_eq!(decode_xml(b"\xFF\xFE<\0a\0/\0>\0").as_deref(), Some("<a/>"));
        assert_eq!(decode_xml(b"\xFF\xFF"), None);
    }

    #[test]
    fn ole_files_are_told_apart() {
        let mut encrypted = OLE_MAGIC.to_vec();
        encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(read_docx(&encrypted)
            .unwrap_err()
            .message
            .contains("lösenord"));
        let mut old = OLE_MAGIC.to_vec();
        old.extend([0; 512]);
        assert!(read_docx(&old).unwrap_err().message.contains("97–2003"));
    }
}
