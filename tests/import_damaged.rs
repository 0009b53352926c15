//! Damaged Word and PDF files given to `uppsikt import` as a user gives them: the binary on a
//! copy of the lineage fixture, a Swedish site and an English one. What went wrong is said in
//! plain words in the site's language, the readers' own (English) words only after "teknisk
//! detalj" / "technical detail" where they help, and nothing is written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::documents::{docx_with_body, minimal_pdf, two_font_pdf};

/// A copy of the lineage fixture; `english` makes it an English site.
fn site(english: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo_root().join("tests/fixtures/lineage"),
        tmp.path(),
    );
    if english {
        let toml = tmp.path().join("site.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        std::fs::write(&toml, format!("language = \"en\"\n{text}")).unwrap();
    }
    tmp
}

/// A Word document whose packed text is damaged in the middle (its zip index still whole).
fn docx_with_damaged_text() -> Vec<u8> {
    let body = "<w:p><w:r><w:t>Nämnden följer upp sin budget område för område. </w:t></w:r></w:p>"
        .repeat(200);
    let mut bytes = docx_with_body(&body);
    let name = b"word/document.xml";
    let at = bytes.windows(name.len()).position(|w| w == name).unwrap() + name.len();
    for b in &mut bytes[at + 40..at + 120] {
        *b ^= 0x5a;
    }
    bytes
}

/// A PDF cut off before its last font (and the table of its parts and `%%EOF`): lopdf still
/// loads what is left, and the line in the first font can be read, but the line in the lost one
/// would be lost without a word.
fn pdf_cut_before_its_last_font() -> Vec<u8> {
    let pdf = two_font_pdf("Hej du glada", "Nu tar texten slut");
    let font = pdf.windows(7).position(|w| w == b"6 0 obj").unwrap();
    pdf[..font].to_vec()
}

/// The damaged files, each with what the Swedish and the English message must say.
fn damaged_files(dir: &Path) -> Vec<(PathBuf, [&'static str; 2])> {
    let pdf = minimal_pdf("Hej du glada");
    let files: Vec<(&str, Vec<u8>, [&str; 2])> = vec![
        (
            "packad.docx",
            docx_with_damaged_text(),
            [
                "Word-dokumentet är skadat: delen word/document.xml går inte att läsa (den packade datan är trasig",
                "the Word document is damaged: its part word/document.xml cannot be read (its packed data is broken",
            ],
        ),
        (
            "avklippt.docx",
            docx_with_body("<w:p><w:r><w:t>Hej</w:t></w:r></w:p>")[..200].to_vec(),
            ["(det är avklippt eller trasigt)", "(it is cut off or broken)"],
        ),
        (
            "xml.docx",
            docx_with_body("<w:p><w:r><w:t>oj</w:p>"),
            [
                "(dess text är inte välformad XML; teknisk detalj: ",
                "(its text is not well-formed XML; technical detail: ",
            ],
        ),
        (
            "avklippt.pdf",
            pdf[..pdf.len() / 2].to_vec(),
            [
                "PDF-filen är skadad och texten går inte att läsa (filen tar slut för tidigt",
                "the PDF file is damaged and its text cannot be read (the file ends too early",
            ],
        ),
        (
            "avklippt-sent.pdf",
            pdf_cut_before_its_last_font(),
            [
                "PDF-filen är skadad och texten går inte att läsa (filen tar slut för tidigt",
                "the PDF file is damaged and its text cannot be read (the file ends too early",
            ],
        ),
        (
            "huvud.pdf",
            b"%PDF-1.7\n%%EOF".to_vec(),
            [
                "(filens förteckning över sina delar är trasig)",
                "(the file's table of its parts is broken)",
            ],
        ),
    ];
    files
        .into_iter()
        .map(|(name, bytes, said)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            (path, said)
        })
        .collect()
}

/// The readers' own words, which must not reach the user outside a technical detail.
const LIBRARY_WORDS: [&str; 8] = [
    "invalid",
    "Invalid",
    "corrupt",
    "deflate",
    "couldn't",
    "ill-formed",
    "unexpected",
    "archive",
];

fn imports_in(english: bool) {
    let site = site(english);
    let files = tempfile::tempdir().unwrap();
    let before = common::site::snapshot(site.path());
    for (file, said) in damaged_files(files.path()) {
        let out = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
            .arg("import")
            .arg(&file)
            .args(["--into", "content/2027/ny", "--root"])
            .arg(site.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let what = file.display();
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
        let (said, label, hint, nothing, foreign) = if english {
            let foreign = ["fel:", "skadad", "gör så här", "Inget skrevs", "teknisk"];
            (
                said[1],
                "error: ",
                "  = hint: ",
                "Nothing was written.",
                foreign,
            )
        } else {
            let foreign = ["error:", "damaged", "hint:", "Nothing was", "technical"];
            (
                said[0],
                "fel: ",
                "  = gör så här: ",
                "Inget skrevs.",
                foreign,
            )
        };
        let name = file.file_name().unwrap().to_string_lossy();
        assert!(
            err.starts_with(&format!("{label}{}: ", file.display())),
            "{err}"
        );
        assert!(err.contains(said), "{what}: expected {said:?} in:\n{err}");
        assert!(err.contains(hint), "{what}: a hint says what to do:\n{err}");
        assert!(err.trim_end().ends_with(nothing), "{what}: {err}");
        for word in foreign {
            assert!(!err.contains(word), "{what}: {word:?} in:\n{err}");
        }
        // The readers' words only as the technical detail at the end of a message.
        for line in err.lines() {
            let plain = line.split("detalj: ").next().unwrap();
            let plain = plain.split("detail: ").next().unwrap();
            for word in LIBRARY_WORDS {
                assert!(!plain.contains(word), "{name}: {word:?} in:\n{err}");
            }
        }
        assert_eq!(
            common::site::snapshot(site.path()),
            before,
            "{what}: something was written"
        );
    }
}

#[test]
fn damaged_word_and_pdf_files_are_told_in_plain_swedish_on_a_swedish_site() {
    imports_in(false);
}

#[test]
fn damaged_word_and_pdf_files_are_told_in_plain_english_on_an_english_site() {
    imports_in(true);
}
