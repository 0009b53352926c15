//! PDF-extracted text → `doc::Document`: the extraction's artefacts removed the way the seed
//! content was repaired by hand (page numbers, running headers, a repeated table of contents,
//! footnote texts that landed mid-page), then the lines joined into paragraphs, lists, tables and
//! headings (see `lines.rs`). A PDF read by `pdf::pdf_text` comes through here too.

use super::doc::{Document, ImportError};
use super::lines::{self, Line};
use crate::messages;

/// What the text reader found, beside the document.
#[derive(Debug, Default)]
pub struct TextDoc {
    pub doc: Document,
    /// Per block of `doc.blocks`: set in a narrower measure than the body text (an indented or
    /// boxed paragraph, as the committee's direction is in the follow-ups).
    pub narrow: Vec<bool>,
    /// Things a person should look at.
    pub warnings: Vec<ReadWarning>,
}

/// Something the reader could not settle, for a person to look at.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadWarning {
    /// Footnote `note` was placed, as `[^label]`, at the end of the paragraph before it.
    FootnoteUnplaced { note: String, label: String },
}

impl ReadWarning {
    pub fn text(&self, lang: crate::messages::Lang) -> String {
        match self {
            ReadWarning::FootnoteUnplaced { note, label } => {
                crate::messages::import_footnote_unplaced(lang, note, label)
            }
        }
    }
}

/// A footnote whose text was found in the page flow, before the body line `anchor`.
pub(super) struct Note {
    pub label: String,
    pub lines: Vec<Line>,
    pub anchor: usize,
}

/// Reads PDF-extracted text (pages separated by form feeds, or not). `known` are the area names
/// of areas.toml: a line (or two) equal to one of them is a heading.
pub fn read_text(text: &str, known: &[String]) -> Result<TextDoc, ImportError> {
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    if text.contains('\0') {
        return Err(ImportError::new(|l| {
            (
                messages::import_binary_text(l),
                messages::import_binary_text_hint(l),
            )
        }));
    }
    let pages: Vec<Vec<&str>> = text
        .split('\u{c}')
        .map(|p| p.split('\n').collect())
        .collect();
    let mut raw = clean_pages(&pages);
    if pages.len() > 1 {
        mark_page_end_notes(&mut raw);
    }
    let (body, notes) = split_footnotes(&raw);
    if body.iter().all(|l| l.text.is_empty()) {
        return Err(ImportError::new(|l| {
            (
                messages::import_no_text(l),
                messages::import_no_text_hint(l),
            )
        }));
    }
    Ok(lines::build(body, notes, known))
}

/// One raw line of a page with what the layout says about it.
struct RawLine<'a> {
    page: usize,
    raw: &'a str,
}

/// The footnote rule every extraction does not keep: with pages (form feeds), numbered lines at
/// the end of a page ("1 KIR står för …") whose number is glued to a word earlier on the page are
/// its footnotes. A rule line is put before them, as the seeds' extraction has it. The marker may
/// also be on the page before, when the paragraph that refers to the note runs on to the note's
/// page (a printer that cannot keep the note on the marker's page puts it where the paragraph
/// ends).
fn mark_page_end_notes(raw: &mut Vec<RawLine>) {
    const RULE: &str = "                              ";
    let mut inserts = Vec::new();
    let mut start = 0;
    let mut page_before = 0;
    while start < raw.len() {
        let page = raw[start].page;
        let end = raw[start..]
            .iter()
            .position(|r| r.page != page)
            .map_or(raw.len(), |n| start + n);
        let lines: Vec<usize> = (start..end)
            .filter(|&i| !raw[i].raw.trim().is_empty())
            .collect();
        let has_rule =
            (start..end).any(|i| raw[i].raw.trim().is_empty() && raw[i].raw.chars().count() >= 20);
        let tail = &lines[lines.len().saturating_sub(15)..];
        if !has_rule {
            // The first numbered line of the page's tail whose number the text before it has glued.
            let found = tail.iter().find(|&&i| {
                label_of(raw[i].raw.trim()).is_some_and(|(label, _)| {
                    let before: String = raw[page_before..i]
                        .iter()
                        .map(|r| r.raw)
                        .collect::<Vec<_>>()
                        .join("\n");
                    before
                        .match_indices(label)
                        .any(|(pos, _)| super::notes::glued(&before, pos, label.len()))
                })
            });
            if let Some(&i) = found {
                inserts.push((i, page));
            }
        }
        page_before = start;
        start = end;
    }
    for (i, page) in inserts.into_iter().rev() {
        raw.insert(i, RawLine { page, raw: RULE });
    }
}

/// Drops page numbers, running headers and footers, and table-of-contents lines that repeat
/// headings of the text. Keeps blank lines (as empty text) for the paragraph joiner.
fn clean_pages<'a>(pages: &[Vec<&'a str>]) -> Vec<RawLine<'a>> {
    let running = running_lines(pages);
    let headings: std::collections::HashSet<String> = pages
        .iter()
        .flatten()
        .filter(|l| !l.starts_with('\t'))
        .map(|l| norm_key(l))
        .filter(|k| !k.is_empty())
        .collect();
    let mut out = Vec::new();
    for (page, lines) in pages.iter().enumerate() {
        for raw in lines {
            let trimmed = raw.trim();
            if is_page_number(trimmed) || running.contains(&norm_key(trimmed)) {
                out.push(RawLine { page, raw: "" });
                continue;
            }
            if let Some(entry) = toc_entry(raw) {
                // A table-of-contents line names a heading found elsewhere in the text.
                if headings.contains(&norm_key(entry)) || entry.is_empty() {
                    continue;
                }
            }
            if matches!(
                norm_key(trimmed).as_str(),
                "innehåll" | "innehållsförteckning"
            ) {
                continue;
            }
            out.push(RawLine { page, raw });
        }
    }
    out
}

/// The heading named by a table-of-contents line: tab-led ("\tBakgrund") or with a dotted leader
/// and page number ("Bakgrund ........ 3").
fn toc_entry(raw: &str) -> Option<&str> {
    let t = raw.trim_end();
    if let Some(dots) = t.find("....") {
        return Some(t[..dots].trim());
    }
    if raw.starts_with('\t') {
        let t = t.trim();
        // A page number follows the heading after a tab.
        let t = match t.rsplit_once('\t') {
            Some((head, page)) if page.trim().chars().all(|c| c.is_ascii_digit()) => head.trim(),
            _ => t,
        };
        return Some(t);
    }
    None
}

fn norm_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "6", "- 6 -", "Sida 6", "Sida 6 av 12", "6 (12)", "6/12".
pub(super) fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Sida ")
        .or_else(|| t.strip_prefix("sida "))
        .unwrap_or(t);
    let words: Vec<&str> = t.split_whitespace().collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        // "3/12", but not a school year ("2024/2025", a heading's wrapped last line).
        [n] => {
            num(n)
                || n.split_once('/').is_some_and(|(a, b)| {
                    num(a) && num(b) && a.len() <= b.len() && !(a.len() == 4 && b.len() == 4)
                })
        }
        [n, m] => num(n) && m.starts_with('(') && m.ends_with(')') && num(&m[1..m.len() - 1]),
        [n, "av", m] => num(n) && num(m),
        _ => false,
    }
}

/// Lines at the top or bottom of most pages, the same but for their digits: running headers and
/// footers ("Barn- och ungdomsnämnden 2026-04-14", "Sida 3"). Needs pages (form feeds); in a
/// document of two or three pages, on every page (a two-page memo has its header too).
fn running_lines(pages: &[Vec<&str>]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    if pages.len() < 2 {
        return Default::default();
    }
    for lines in pages {
        let ends = if pages.len() < 3 {
            set_apart_ends(lines)
        } else {
            let nonblank: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| !l.trim().is_empty())
                .collect();
            let n = nonblank.len();
            let mut ends: Vec<&str> = nonblank[..n.min(2)].to_vec();
            ends.extend(&nonblank[n.saturating_sub(2)..]);
            ends
        };
        let mut seen = std::collections::HashSet::new();
        for l in ends {
            let key: String = norm_key(l)
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect();
            if !key.trim().is_empty() && key.chars().count() <= 100 && seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let min = (pages.len() / 2).max(3).min(pages.len());
    let repeated: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|(_, n)| *n >= min)
        .map(|(k, _)| k)
        .collect();
    // Keyed by the line without digits; callers look up the line as it is, so list both forms.
    let mut out = std::collections::HashSet::new();
    for lines in pages {
        for l in lines {
            let key: String = norm_key(l)
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect();
            if repeated.contains(&key) {
                out.insert(norm_key(l));
            }
        }
    }
    out
}

/// The lines at a page's top and bottom that a blank line sets apart from its text (at most two
/// each): in a short document, a line the pages share elsewhere is as likely the text's own
/// (two pages that end a paragraph with the same word).
fn set_apart_ends<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let blank = |l: &&str| l.trim().is_empty();
    let nonblank =
        |part: &[&'a str]| -> Vec<&'a str> { part.iter().copied().filter(|l| !blank(l)).collect() };
    // The blank lines around the page's lines are no gap between them.
    let start = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !blank(l))
        .map_or(start, |e| e + 1);
    let lines = &lines[start..end.max(start)];
    let (Some(first), Some(last)) = (lines.iter().position(blank), lines.iter().rposition(blank))
    else {
        return Vec::new();
    };
    let mut ends = Vec::new();
    for part in [nonblank(&lines[..first]), nonblank(&lines[last + 1..])] {
        if part.len() <= 2 {
            ends.extend(part);
        }
    }
    ends
}

/// Takes footnote texts out of the page flow. The extraction puts them where the page ended: after
/// a line of many spaces (the footnote rule), numbered "1 …", up to the end of the page or the
/// next page's first line (which the extraction starts with a single space).
fn split_footnotes(raw: &[RawLine]) -> (Vec<Line>, Vec<Note>) {
    let mut body: Vec<Line> = Vec::new();
    let mut notes: Vec<Note> = Vec::new();
    let mut blanks = 0;
    let mut i = 0;
    while i < raw.len() {
        let r = &raw[i];
        let trimmed = r.raw.trim();
        if trimmed.is_empty() {
            let rule = r.raw.chars().count() >= 20;
            if rule {
                if let Some(end) = footnote_block(raw, i + 1, &mut notes, body.len()) {
                    i = end;
                    continue;
                }
            }
            blanks += 1;
            i += 1;
            continue;
        }
        body.push(Line::new(r.raw, blanks));
        blanks = 0;
        i += 1;
    }
    (body, notes)
}

/// Reads the footnotes after a rule at `start`; returns where the running text resumes, or None
/// when no numbered note follows (then the rule was only white space).
fn footnote_block(
    raw: &[RawLine],
    start: usize,
    notes: &mut Vec<Note>,
    anchor: usize,
) -> Option<usize> {
    let first = raw[start..].iter().position(|r| !r.raw.trim().is_empty())? + start;
    label_of(raw[first].raw.trim())?;
    let page = raw[first].page;
    let mut blanks = 0;
    let mut i = first;
    while i < raw.len() {
        let r = &raw[i];
        if r.page != page {
            break;
        }
        let t = r.raw.trim();
        if t.is_empty() {
            blanks += 1;
            i += 1;
            continue;
        }
        let lead = r.raw.len() - r.raw.trim_start_matches(' ').len();
        if i > first && lead == 1 {
            break; // the next page's first line
        }
        match label_of(t) {
            Some((label, rest))
                if notes
                    .last()
                    .is_none_or(|n| i == first || next_label(&n.label) == label) =>
            {
                notes.push(Note {
                    label: label.to_string(),
                    lines: vec![Line::new(rest, 0)],
                    anchor,
                });
            }
            _ => {
                if let Some(n) = notes.last_mut() {
                    n.lines.push(Line::new(t, blanks));
                }
            }
        }
        blanks = 0;
        i += 1;
    }
    Some(i)
}

fn next_label(label: &str) -> String {
    label
        .parse::<u32>()
        .map(|n| (n + 1).to_string())
        .unwrap_or_default()
}

/// "1 KIR står för …" → ("1", "KIR står för …").
fn label_of(t: &str) -> Option<(&str, &str)> {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = t[digits..].strip_prefix(' ')?;
    rest.chars().next().filter(|c| !c.is_ascii_digit())?;
    Some((&t[..digits], rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised_and_years_are_not_text() {
        for p in [
            "6",
            " 12 ",
            "- 3 -",
            "Sida 4",
            "Sida 4 av 9",
            "4 (9)",
            "4/9",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in [
            "2025 års satsning",
            "Totalt 8 464 tkr",
            "6 heldagar",
            "12345",
            "2024/2025",
        ] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn running_headers_repeat_on_most_pages_and_go() {
        let text = "Barn- och ungdomsnämnden\nBakgrund\nText ett.\n1\u{c}Barn- och ungdomsnämnden\nText två.\n2\u{c}Barn- och ungdomsnämnden\nText tre.\n3";
        let got = read_text(text, &[]).unwrap();
        let all = format!("{:?}", got.doc.blocks);
        assert!(!all.contains("ungdomsnämnden"), "{all}");
        assert!(all.contains("Text tre."), "{all}");
    }

    /// Hostile text (pieces that trip the joiner: hyphens, bullets, digits, multi-byte letters,
    /// form feeds, footnote rules) never panics, through the reader and the structure finder.
    #[test]
    fn any_text_is_read_without_a_panic() {
        const PIECES: &[&str] = &[
            "-",
            "\n",
            " ",
            "•",
            "1",
            "§ ",
            "ä",
            "Ö",
            "\u{c}",
            "\t",
            "  ",
            "....",
            ")",
            "(",
            "2025-06-17",
            "                         ",
            "Läsa, skriva, räkna",
            "tkr",
            "1 300",
            ".",
            "\u{2011}",
            "\u{ad}",
            "*",
            "[",
            "&amp;",
            "Inriktning:",
            "1. ",
            "nämnden",
            "Barn- och ",
            "Dnr",
            "\u{e000}",
            "\u{e001}",
            "Sammanfattning",
            "\n 2. Ny rubrik\n",
        ];
        let known = vec!["Läsa, skriva, räkna".to_string()];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let site = crate::content::Loaded::default();
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 120) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            if let Ok(read) = read_text(&text, &known) {
                let draft = super::super::structure::find(&read.doc, &read.narrow, &known);
                let all = super::super::structure::plain(&read.doc.blocks);
                super::super::meta::find(&all, &all, 2026);
                assert!(draft.areas.len() <= read.doc.blocks.len());
                super::super::compose::compose(
                    &read,
                    &site,
                    (2026, "x"),
                    "x.txt",
                    crate::messages::Lang::Sv,
                );
            }
        }
    }

    #[test]
    fn footnotes_at_the_end_of_a_page_without_a_rule_are_found() {
        let wide =
            "Det här är en rad som är lika bred som brödtexten i hela dokumentet och fortsätter";
        let text = format!(
            "{wide} med externa föreläsare2 och\nmer text på en rad som är ungefär lika bred som de andra raderna här.\n2 Christan Eidevald och Anna Lund.\n6\n\u{c}{wide} vidare.\n\u{c}{wide} slut."
        );
        let got = read_text(&text, &[]).unwrap();
        assert_eq!(
            got.doc.footnotes,
            vec![(
                "2".to_string(),
                "Christan Eidevald och Anna Lund.".to_string()
            )]
        );
        let all = format!("{:?}", got.doc.blocks);
        assert!(all.contains("föreläsare[^2] och"), "{all}");
        assert!(!all.contains("Christan"), "{all}");
    }

    #[test]
    fn empty_and_binary_text_are_refused() {
        assert!(read_text(" \n\n 3 \n", &[])
            .unwrap_err()
            .message
            .contains("ingen text"));
        assert!(read_text("PK\0\u{3}", &[])
            .unwrap_err()
            .message
            .contains("binära"));
    }
}
