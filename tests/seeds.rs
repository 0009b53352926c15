//! Faithfulness of the shipped site to its source documents.
//!
//! `../shared/seeds/*.txt` (beside the repository) holds the text extracted from the PDFs that the
//! committees published. This test reads that text as a reader would, splits it into sentences and
//! requires every sentence of five words or more to appear, word for word, in the visible text of
//! the site that `uppsikt build` makes from this repository's `site.toml` and `content/`.
//!
//! Joining the extracted text "as a reader would" means repairing the extraction artefacts that
//! the content repairs too (see `shared/seeds/README.md`):
//! - words hyphenated across a line break are joined ("arbetsgivarvaru-" + "märket"), while a
//!   hyphen before "och"/"eller" is a real one ("förskole- och skolorganisation");
//! - page numbers, whitespace-only lines and the repeated table of contents at the end of 001 (its
//!   lines start with a tab) are dropped;
//! - footnote texts, which the extraction put wherever the page ended (after a long line of
//!   spaces), are taken out of the running text and checked on their own, without their number;
//! - bullet glyphs are dropped, and a new list item, a heading or a table row starts a new unit.
//!
//! Footnote markers were glued to the word before them by the extraction ("föreläsare2",
//! "KIR‑utläsning1", "§ 10" + "1" read as "§ 101"). In the content they are real footnote
//! references (`[^1]`), and on the page a reference is a separate `<sup>` link, not part of the
//! word. So the test strips exactly those glued markers from the seed text (see `GLUED_MARKERS`)
//! and leaves footnote references out of the page text; otherwise the comparison would demand the
//! very artefact that the content had to repair.
//!
//! When the seeds folder is missing (a checkout without `shared/`), the test says so loudly and
//! passes without checking anything, unless `UPPSIKT_REQUIRE_BROWSER=1` (as in CI): then it fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Node, Selector};

/// Footnote markers glued to a word in the extracted text: (file name prefix, as extracted, as a
/// reader reads the sentence without the reference mark).
const GLUED_MARKERS: &[(&str, &str, &str)] = &[
    // "utifrån skollagen kapitel 2 § 10" + footnote 1 (the footnote quotes that paragraph).
    ("001_", "§ 101.", "§ 10."),
    // "externa föreläsare" + footnote 2 (the footnote names the lecturers).
    ("001_", "föreläsare2", "föreläsare"),
    // "KIR‑utläsning" (U+2011) + footnote 1 (the footnote explains KIR).
    ("000_", "KIR\u{2011}utläsning1", "KIR\u{2011}utläsning"),
];

/// Sentences shorter than this (in words) are not checked: headings split by the extraction,
/// signature lines and the like.
const MIN_WORDS: usize = 5;

const BULLETS: &[char] = &['•', '\u{f0b7}'];

/// Elements whose boundaries separate words in the visible text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits one seed document into the sentences a reader reads.
fn seed_sentences(file_name: &str, text: &str) -> Vec<String> {
    let mut body: Vec<&str> = Vec::new();
    let mut notes: Vec<Vec<&str>> = Vec::new();
    let mut in_footnotes = false;
    for raw in text.split('\n') {
        let raw = raw.trim_end_matches('\r');
        if raw.starts_with('\t') {
            continue; // the repeated table of contents
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            // A long run of spaces is the footnote separator of the extraction.
            if raw.chars().count() >= 20 {
                in_footnotes = true;
            }
            continue;
        }
        if trimmed.chars().all(|c| c.is_ascii_digit()) {
            continue; // a page number
        }
        if in_footnotes {
            // The running text resumes on a line with one leading space (a page-break leftover).
            if raw.starts_with(' ') && !raw.starts_with("  ") {
                in_footnotes = false;
            } else {
                let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
                if digits > 0 && trimmed[digits..].starts_with(' ') {
                    notes.push(vec![trimmed[digits..].trim_start()]);
                } else if let Some(last) = notes.last_mut() {
                    last.push(trimmed);
                } else {
                    notes.push(vec![trimmed]);
                }
                continue;
            }
        }
        body.push(trimmed);
    }

    let mut units = join_lines(&body);
    units.extend(notes.iter().map(|n| n.join(" ")));

    let mut sentences = Vec::new();
    for unit in units {
        let mut unit = unit;
        for (prefix, from, to) in GLUED_MARKERS {
            if file_name.starts_with(prefix) {
                unit = unit.replace(from, to);
            }
        }
        for sentence in split_sentences(&normalise(&unit)) {
            if sentence.split_whitespace().count() >= MIN_WORDS {
                sentences.push(sentence);
            }
        }
    }
    sentences
}

/// Joins lines into units: line-break hyphenation is repaired, and a new unit starts at a list
/// item or where a line without closing punctuation (a heading, a table row) is followed by a line
/// that starts with a capital letter or a digit.
fn join_lines(lines: &[&str]) -> Vec<String> {
    let mut units = Vec::new();
    let mut cur = String::new();
    for line in lines {
        let bullet = line.starts_with(BULLETS);
        let line = line.trim_start_matches(BULLETS).trim_start();
        if line.is_empty() {
            continue;
        }
        if cur.is_empty() {
            cur.push_str(line);
            continue;
        }
        let first_word = line.split_whitespace().next().unwrap_or("");
        let starts_lower = first_word.chars().next().is_some_and(char::is_lowercase);
        // A capital letter or a digit: "Elever med hög frånvaro" + "2025 års satsning …".
        let starts_upper = first_word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let mut tail = cur.chars().rev();
        let last = tail.next();
        let before_last = tail.next();
        let hyphenated = last == Some('-')
            && before_last.is_some_and(char::is_alphabetic)
            && starts_lower
            && first_word != "och"
            && first_word != "eller";
        let closed = last.is_some_and(|c| ".,;:!?-\u{2011}".contains(c));
        if hyphenated {
            cur.pop();
            cur.push_str(line);
        } else if bullet || (!closed && starts_upper) {
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
}

/// Splits after `.`, `!` or `?` when whitespace and a capital letter or a digit follow.
fn split_sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '!' | '?')
            && i + 2 < chars.len()
            && chars[i + 1] == ' '
            && (chars[i + 2].is_uppercase() || chars[i + 2].is_ascii_digit())
        {
            out.push(chars[start..=i].iter().collect::<String>());
            start = i + 2;
            i += 2;
            continue;
        }
        i += 1;
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect::<String>());
    }
    out
}

/// The visible text of one page: the text of `main` (or `body`), without scripts and styles and
/// without footnote reference marks and back-links (see the module comment).
fn visible_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let main = Selector::parse("main").unwrap();
    let body = Selector::parse("body").unwrap();
    let root = doc
        .select(&main)
        .next()
        .or_else(|| doc.select(&body).next());
    let mut out = String::new();
    if let Some(root) = root {
        collect_text(root, &mut out);
    }
    normalise(&out)
}

fn collect_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                let is_footnote_mark = el.attr("data-footnote-ref").is_some()
                    || el.attr("data-footnote-backref").is_some()
                    || el
                        .classes()
                        .any(|c| c == "footnote-ref" || c == "footnote-backref");
                if matches!(name, "script" | "style" | "template" | "noscript")
                    || el.attr("hidden").is_some()
                    || is_footnote_mark
                {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push(' ');
                }
                if let Some(child) = ElementRef::wrap(child) {
                    collect_text(child, out);
                }
                if block {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn every_seed_sentence_is_on_the_built_site() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = repo.join("../shared/seeds");
    if !seeds.is_dir() {
        // CI has the seeds beside the clone: there a missing folder is a failure, not a skip.
        if std::env::var("UPPSIKT_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!(
                "UPPSIKT_REQUIRE_BROWSER=1 but the seeds faithfulness test cannot run: {} does not exist",
                seeds.display()
            );
        }
        eprintln!();
        eprintln!("==================================================================");
        eprintln!("SKIPPED: seeds faithfulness test.");
        eprintln!(
            "The source documents are not here: {} does not exist.",
            seeds.display()
        );
        eprintln!("Put the `shared/seeds/*.txt` folder beside the repository to run it.");
        eprintln!("==================================================================");
        eprintln!();
        return;
    }

    let mut seed_files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seed_files.sort();
    assert!(!seed_files.is_empty(), "no *.txt in {}", seeds.display());

    // Build the shipped site.
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("site");
    let result = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .arg("build")
        .arg("--root")
        .arg(repo)
        .arg("--output")
        .arg(&output)
        .output()
        .expect("run uppsikt build");
    assert!(
        result.status.success(),
        "uppsikt build failed ({}):\n{}\n{}",
        result.status,
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );

    let mut pages = Vec::new();
    html_files(&output, &mut pages);
    assert!(!pages.is_empty(), "the build wrote no HTML pages");
    let site: String = pages
        .iter()
        .map(|p| visible_text(&std::fs::read_to_string(p).unwrap()))
        .collect::<Vec<_>>()
        .join("\u{1}");

    let mut checked = 0;
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &seed_files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        for sentence in seed_sentences(&name, &text) {
            checked += 1;
            if !site.contains(&sentence) {
                missing.entry(name.clone()).or_default().push(sentence);
            }
        }
    }
    let missing_count: usize = missing.values().map(Vec::len).sum();
    eprintln!(
        "seeds: {checked} sentences of {MIN_WORDS}+ words checked in {} files against {} pages; {missing_count} missing",
        seed_files.len(),
        pages.len()
    );
    if !missing.is_empty() {
        let mut report = String::new();
        for (file, sentences) in &missing {
            for s in sentences {
                report.push_str(&format!("\n  {file}: {s}"));
            }
        }
        panic!("{missing_count} of {checked} seed sentences are not on the built site:{report}");
    }
    assert!(
        checked > 100,
        "suspiciously few sentences checked: {checked}"
    );
}

#[test]
fn seed_reading_repairs_the_extraction_artefacts() {
    let text = "Rubrik\nFör att stärka arbetsgivarvaru-\nmärket och förskole- \noch skolorganisation \
                finns föreläsare2 här.  \n 6 \nInsatserna syftar \n                                      \n\
                1 En fotnot som hamnade mitt i \ntexten.\n sammantaget till att höja kvaliteten.\n\
                \tBakgrund\n";
    let got = seed_sentences("001_x.txt", text);
    assert_eq!(
        got,
        vec![
            "För att stärka arbetsgivarvarumärket och förskole- och skolorganisation finns föreläsare här.",
            "Insatserna syftar sammantaget till att höja kvaliteten.",
            "En fotnot som hamnade mitt i texten.",
        ]
    );
}
