//! Reading the seed documents as a reader does and the built site's visible text: the logic of
//! the fidelity check (every seed sentence of five words or more on the site), shared by
//! tests/seeds.rs (the shipped content) and tests/import.rs (imported reports).

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node, Selector};

/// Where the seed documents are: `../shared/seeds/` beside the repository.
pub fn seeds_dir() -> PathBuf {
    super::repo_root().join("../shared/seeds")
}

/// The seed documents (`../shared/seeds/*.txt`, beside the repository) as (file name, text), in
/// name order. None when they are not there, after saying so loudly; a failure when
/// UPPSIKT_REQUIRE_BROWSER=1 (CI has them beside the clone).
pub fn seeds(test: &str) -> Option<Vec<(String, String)>> {
    let dir = seeds_dir();
    if !dir.is_dir() {
        let message = format!(
            "the seed documents are not here: {} does not exist",
            dir.display()
        );
        if std::env::var("UPPSIKT_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("UPPSIKT_REQUIRE_BROWSER=1 but {test} cannot run: {message}");
        }
        let bar = "!".repeat(78);
        super::browser::shout(&format!(
            "\n{bar}\n!! SKIPPED: {test}: {message}.\n\
             !! Put the shared/seeds folder beside the repository to run it.\n{bar}\n\n"
        ));
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no seed texts (*.txt) in {}",
        dir.display()
    );
    let read = |p: &PathBuf| {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        (name, std::fs::read_to_string(p).unwrap())
    };
    Some(files.iter().map(read).collect())
}

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
pub const MIN_WORDS: usize = 5;

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

/// White space collapsed to single spaces.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits one seed document into the sentences a reader reads.
pub fn seed_sentences(file_name: &str, text: &str) -> Vec<String> {
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
pub fn split_sentences(text: &str) -> Vec<String> {
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
pub fn visible_text(html: &str) -> String {
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

pub fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
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
