//! Lines of extracted text → blocks, as a reader sees them: words hyphenated at a line break
//! joined ("arbets-" + "miljön") while real hyphens stay ("förskole- och", "SU-grupperna");
//! blank lines inside a paragraph joined; lists (also where the extraction lost the bullet glyph
//! and left one space), column tables, headings by layout and by the area names; footnote markers
//! glued to a word ("föreläsare2") turned into Markdown footnotes.

use super::doc::{Block, Document};
use super::markdown::escape;
use super::text::{Note, TextDoc};

/// One line of text with what the layout says about it.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line without leading and trailing white space (inner runs kept: table columns).
    pub text: String,
    /// Spaces before the text: one is a lost bullet glyph or a page break's leftover.
    pub lead: usize,
    /// Blank lines before this one.
    pub blanks: usize,
}

impl Line {
    pub fn new(raw: &str, blanks: usize) -> Line {
        let lead = raw.len() - raw.trim_start_matches(' ').len();
        Line {
            text: raw.trim().to_string(),
            lead,
            blanks,
        }
    }
}

const BULLETS: &[&str] = &[
    "•", "\u{f0b7}", "\u{f0a7}", "▪", "◦", "●", "■", "–", "-", "*", "o",
];

/// Marks a footnote reference in text until the text is escaped for Markdown.
pub(super) const NOTE_OPEN: char = '\u{e000}';
pub(super) const NOTE_CLOSE: char = '\u{e001}';

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Para,
    Item,
    Row(Vec<String>),
}

#[derive(Debug)]
pub(super) struct Unit {
    pub kind: Kind,
    pub text: String,
    /// Character widths of the unit's lines.
    pub widths: Vec<usize>,
    /// Index of its first body line (footnote anchors refer to body lines).
    pub first: usize,
}

pub fn build(body: Vec<Line>, notes: Vec<Note>, known: &[String]) -> TextDoc {
    let width = typical_width(&body);
    let double = double_spaced(&body);
    let kinds = line_kinds(&body);
    let mut units = join(&body, &kinds, width, double);
    let mut warnings = Vec::new();
    let footnotes = super::notes::place_notes(&mut units, &notes, width, double, &mut warnings);
    let (blocks, narrow) = to_blocks(&units, width, known);
    TextDoc {
        doc: Document {
            blocks,
            footnotes,
            images: Vec::new(),
            title: String::new(),
            set_apart: Vec::new(),
            title_block: None,
        },
        narrow,
        warnings,
    }
}

/// The body text's line width: most full lines reach it.
fn typical_width(body: &[Line]) -> usize {
    let mut w: Vec<usize> = body
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if w.is_empty() {
        return 80;
    }
    w.sort_unstable();
    w[w.len() * 9 / 10].max(40)
}

/// Some extractions put a blank line after every line; then a blank line is no paragraph break.
/// Seen by how often a line after a blank line continues a sentence in lower case.
fn double_spaced(body: &[Line]) -> bool {
    let after_blank: Vec<&Line> = body.iter().skip(1).filter(|l| l.blanks > 0).collect();
    let lower = after_blank.iter().filter(|l| starts_lower(&l.text)).count();
    after_blank.len() >= 4 && lower * 4 >= after_blank.len()
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

fn starts_upper(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Bullets (glyphs, or one leading space where the glyph was lost: two or more such lines close
/// together; a page break's leftover space is alone on its page) and table rows.
fn line_kinds(body: &[Line]) -> Vec<Kind> {
    let mut kinds = vec![Kind::Para; body.len()];
    let lost: Vec<usize> = (0..body.len())
        .filter(|&i| {
            body[i].lead == 1 && starts_upper(&body[i].text) && bullet(&body[i].text).is_none()
        })
        .collect();
    for (k, &i) in lost.iter().enumerate() {
        let near = |j: Option<&usize>| j.is_some_and(|&j| i.abs_diff(j) <= 8);
        if near(lost.get(k + 1)) || (k > 0 && near(lost.get(k - 1))) {
            kinds[i] = Kind::Item;
        }
    }
    for (i, line) in body.iter().enumerate() {
        if bullet(&line.text).is_some() {
            kinds[i] = Kind::Item;
        }
    }
    for (start, end, rows) in tables(body) {
        for (i, row) in (start..end).zip(rows) {
            kinds[i] = Kind::Row(row);
        }
    }
    kinds
}

/// The text after a bullet glyph, if the line starts with one.
fn bullet(t: &str) -> Option<&str> {
    BULLETS.iter().find_map(|b| {
        t.strip_prefix(b)
            .filter(|rest| rest.starts_with([' ', '\t']))
            .map(str::trim_start)
    })
}

/// Runs of three or more lines that split into the same columns: by two or more spaces (or
/// tabs), or a label followed by an amount ("Elevhälsopersonal 2 400 tkr").
fn tables(body: &[Line]) -> Vec<(usize, usize, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let mut j = i;
        let mut rows = Vec::new();
        let cols = split_row(&body[i].text).map(|r| r.len());
        while j < body.len() && (j == i || body[j].blanks == 0) {
            match split_row(&body[j].text) {
                Some(r) if Some(r.len()) == cols => rows.push(r),
                _ => break,
            }
            j += 1;
        }
        if rows.len() >= 3 {
            out.push((i, j, rows));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn split_row(t: &str) -> Option<Vec<String>> {
    let cells: Vec<String> = t
        .split('\t')
        .flat_map(|c| c.split("  "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    if cells.len() >= 2 {
        return Some(cells);
    }
    let (label, amount) = split_amount(t)?;
    Some(vec![label.to_string(), amount.to_string()])
}

/// "Stöd till lärare, enhet 2 264 tkr" → ("Stöd till lärare, enhet", "2 264 tkr").
fn split_amount(t: &str) -> Option<(&str, &str)> {
    const UNITS: &[&str] = &["tkr", "mnkr", "mkr", "kr", "%", "procent", "st", "kronor"];
    let words: Vec<&str> = t.split(' ').filter(|w| !w.is_empty()).collect();
    let mut n = words.len();
    if n > 0 && UNITS.contains(&words[n - 1]) {
        n -= 1;
    }
    let is_group = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_digit());
    let is_lead = |w: &str| {
        let w = w.trim_start_matches('-');
        !w.is_empty()
            && w.len() <= 3
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && w.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut k = n;
    while k > 1 && is_group(words[k - 1]) && is_lead(words[k - 2]) {
        k -= 1;
    }
    if k == n {
        // A single number: at most three digits before a decimal part ("12,5").
        let w = words.get(n.checked_sub(1)?)?;
        let digits = w.split([',', '.']).next().unwrap_or("");
        if !(is_lead(w)
            || (digits.len() <= 6
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())))
        {
            return None;
        }
    }
    let start = if k == n { n - 1 } else { k - 1 };
    if start == 0 || n == words.len() && k == n && words.len() < 2 {
        return None;
    }
    let label_words = &words[..start];
    if !label_words
        .iter()
        .any(|w| w.chars().any(char::is_alphabetic))
    {
        return None;
    }
    let first_amount = words[start];
    let pos = t.rfind(&format!(" {first_amount}")).map(|p| p + 1)?;
    let label = t[..pos].trim();
    let amount = t[pos..].trim();
    if label.ends_with(['.', ',', ':', ';']) || label.chars().count() > 80 {
        return None;
    }
    Some((label, amount))
}

/// Joins lines into paragraphs, list items and table rows.
fn join(body: &[Line], kinds: &[Kind], width: usize, double: bool) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        let kind = kinds[i].clone();
        let text = match &kind {
            Kind::Item => bullet(&line.text).unwrap_or(&line.text).to_string(),
            _ => line.text.clone(),
        };
        let len = line.text.chars().count();
        let continues = match (units.last(), &kind) {
            (Some(u), Kind::Para) if !matches!(u.kind, Kind::Row(_)) => {
                continues(&u.widths, &u.text, line, width, double)
            }
            _ => false,
        };
        if continues {
            let u = units.last_mut().expect("a unit to continue");
            append(&mut u.text, &text);
            u.widths.push(len);
        } else {
            units.push(Unit {
                kind,
                text,
                widths: vec![len],
                first: i,
            });
        }
    }
    units
}

/// Whether `next` continues the paragraph (or list item) whose text so far is `prev`, whose
/// lines so far were `widths` characters wide.
pub(super) fn continues(
    widths: &[usize],
    prev: &str,
    next: &Line,
    width: usize,
    double: bool,
) -> bool {
    let t = &next.text;
    let last_width = widths.last().copied().unwrap_or(0);
    let measure = widths.iter().copied().max().unwrap_or(0);
    let end = prev
        .trim_end_matches(['"', '”', '’', ')', '»'])
        .chars()
        .last();
    let sentence_end = end.is_some_and(|c| ".!?:".contains(c));
    let short = last_width * 4 < width * 3;
    if starts_lower(t) || t.starts_with(['(', '–', '"', '”', '“']) && !sentence_end {
        return !(sentence_end && next.blanks > 0 && !double);
    }
    if next.blanks > 0 && !double {
        return false;
    }
    if sentence_end {
        // A paragraph set narrower than the body (an indented direction) ends where the lines
        // become wider again.
        let narrower = widths.len() >= 2 && measure * 10 < width * 9;
        let wider = next.text.chars().count() > measure + 3;
        return !(short || narrower && wider);
    }
    if end.is_some_and(|c| ",;-\u{2011}–".contains(c)) {
        return true;
    }
    // No closing punctuation: a full line runs on; a short one is a heading or a label.
    !short
}

/// Appends a line to a paragraph: a word hyphenated at the line break is joined, unless the
/// hyphen is a real one ("förskole- och", "SU-grupperna", "‑" U+2011).
pub(super) fn append(text: &mut String, line: &str) {
    let first = line.split_whitespace().next().unwrap_or("");
    if text.ends_with('\u{ad}') {
        text.pop();
        text.push_str(line);
        return;
    }
    if text.ends_with('-')
        && starts_lower(line)
        && !matches!(
            first,
            "och" | "eller" | "samt" | "respektive" | "resp." | "till"
        )
    {
        let word: String = text[..text.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let abbreviation = word.chars().count() >= 2 && word.chars().all(|c| !c.is_lowercase());
        if word.chars().next().is_some_and(char::is_alphabetic) && !abbreviation {
            text.pop();
            text.push_str(line);
            return;
        }
        if abbreviation {
            text.push_str(line);
            return;
        }
    }
    text.push(' ');
    text.push_str(line);
}

/// Turns the units into blocks: consecutive items into a list, rows into a table, and a short
/// line without closing punctuation into a heading (also one that names a known area).
fn to_blocks(units: &[Unit], width: usize, known: &[String]) -> (Vec<Block>, Vec<bool>) {
    let known: Vec<String> = known.iter().map(|k| name_key(k)).collect();
    let heading: Vec<bool> = heading_flags(units, &known);
    let mut blocks = Vec::new();
    let mut narrow = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        match &u.kind {
            Kind::Item => {
                let mut items = Vec::new();
                while i < units.len() && units[i].kind == Kind::Item {
                    items.push(finish(&units[i].text));
                    i += 1;
                }
                blocks.push(Block::List {
                    ordered: false,
                    items,
                });
                narrow.push(false);
                continue;
            }
            Kind::Row(_) => {
                let mut rows = Vec::new();
                while let Some(Kind::Row(cells)) = units.get(i).map(|u| &u.kind) {
                    rows.push(cells.iter().map(|c| finish(c)).collect::<Vec<_>>());
                    i += 1;
                }
                // Rows of amounts have no header row in the text: Markdown needs one, empty.
                if rows[0]
                    .iter()
                    .any(|c| c.chars().any(|ch| ch.is_ascii_digit()))
                {
                    rows.insert(0, vec![String::new(); rows[0].len()]);
                }
                blocks.push(Block::Table { rows });
                narrow.push(false);
                continue;
            }
            Kind::Para if heading[i] => {
                blocks.push(Block::Heading {
                    level: 0,
                    text: finish(&u.text),
                });
                narrow.push(false);
            }
            Kind::Para => {
                let body = &u.widths[..u.widths.len() - 1];
                let is_narrow = !body.is_empty()
                    && body.iter().all(|&w| w * 100 < width * 92)
                    && body.iter().all(|&w| w * 100 > width * 60);
                blocks.push(Block::Paragraph(finish(&u.text)));
                narrow.push(is_narrow);
            }
        }
        i += 1;
    }
    (blocks, narrow)
}

/// A name for comparing headings: lower case, one kind of dash, single spaces, no numbering.
pub fn name_key(s: &str) -> String {
    let s = s
        .replace(['\u{2011}', '\u{2010}', '–', '—'], "-")
        .replace('\\', "");
    let s = strip_number(s.trim()).to_lowercase();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ':'])
        .to_string()
}

/// "1. Insatser …" / "2 Insatser …" → "Insatser …".
pub fn strip_number(s: &str) -> &str {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return s;
    }
    let rest = s[digits..].strip_prefix('.').unwrap_or(&s[digits..]);
    match rest.strip_prefix(' ') {
        Some(r) if r.chars().next().is_some_and(char::is_uppercase) => r.trim_start(),
        _ => s,
    }
}

fn heading_like(u: &Unit, known: &[String]) -> bool {
    if u.kind != Kind::Para {
        return false;
    }
    let t = u.text.trim();
    if known.contains(&name_key(t)) {
        return true;
    }
    let words = t.split_whitespace().count();
    u.widths.len() <= 3
        && t.chars().count() <= 150
        && words <= 18
        && !t.ends_with(['.', ',', ';', ':', '!', '?'])
        && starts_upper(strip_number(t))
        && t.chars().any(char::is_alphabetic)
        && !t.contains("  ")
        && !t.contains(NOTE_OPEN)
}

/// Headings among the units: heading-like units, except in a run of three or more (a signature
/// block, short lines of a form), where only the first is one, and not the last unit.
fn heading_flags(units: &[Unit], known: &[String]) -> Vec<bool> {
    let like: Vec<bool> = units.iter().map(|u| heading_like(u, known)).collect();
    let mut out = like.clone();
    let mut i = 0;
    while i < units.len() {
        if !like[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < units.len() && like[j] {
            j += 1;
        }
        if j - i >= 3 {
            for k in i + 1..j {
                out[k] = known.contains(&name_key(&units[k].text));
            }
        }
        i = j;
    }
    if let Some(last) = out.last_mut() {
        *last = *last && known.contains(&name_key(&units[units.len() - 1].text));
    }
    out
}

/// Escapes the text for Markdown and turns the footnote marks into references.
fn finish(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len());
    for c in escaped.chars() {
        match c {
            NOTE_OPEN => out.push_str("[^"),
            NOTE_CLOSE => out.push(']'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
