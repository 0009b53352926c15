//! Footnotes of extracted text: each note's marker found where the extraction glued it to a word
//! ("föreläsare2", "KIR‑utläsning1", "§ 10" + 1 read as "§ 101") and made a Markdown reference.
//! And footnote references on a heading that becomes a title, which cannot hold them.

use super::doc::Block;
use super::lines::{append, continues, Kind, Line, Unit, NOTE_CLOSE, NOTE_OPEN};
use super::markdown::escape;
use super::text::{Note, ReadWarning};

/// A heading's Markdown without its footnote references, and the references (`[^1]`): a
/// heading that becomes a title (the report's, an entry's) cannot hold them. An escaped bracket
/// (`\[^1\]`, typed by the author) is text, no reference.
pub(super) fn heading_refs(raw: &str) -> (String, String) {
    let mut text = String::new();
    let mut refs = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find("[^") {
        let escaped = rest[..at].ends_with('\\');
        let label = rest[at + 2..].split(']').next().unwrap_or("");
        let closed = rest[at + 2 + label.len()..].starts_with(']');
        if escaped || !closed || label.is_empty() || !label.chars().all(char::is_alphanumeric) {
            text.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        }
        text.push_str(&rest[..at]);
        refs.push_str(&rest[at..at + label.len() + 3]);
        rest = &rest[at + label.len() + 3..];
    }
    text.push_str(rest);
    (text, refs)
}

/// Puts a heading's footnote references at the end of the first paragraph below it, or, where
/// there is none, in a paragraph of their own at the start.
pub(super) fn attach_refs(blocks: &mut Vec<Block>, refs: &str) {
    if refs.is_empty() {
        return;
    }
    match blocks.iter_mut().find_map(|b| match b {
        Block::Paragraph(text) => Some(text),
        _ => None,
    }) {
        Some(text) => text.push_str(refs),
        None => blocks.insert(0, Block::Paragraph(refs.to_string())),
    }
}

/// Finds each footnote's marker in the text before the place its text was found (going back,
/// the last note first) and marks it; returns the footnote texts. A note whose marker is not
/// found gets its reference at the end of the paragraph before it, with a warning.
pub(super) fn place_notes(
    units: &mut [Unit],
    notes: &[Note],
    width: usize,
    double: bool,
    warnings: &mut Vec<ReadWarning>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut labels = std::collections::HashSet::new();
    let mut i = 0;
    while i < notes.len() {
        // The notes of one block share an anchor; their markers come in order before it.
        let anchor = notes[i].anchor;
        let end = notes[i..].iter().take_while(|n| n.anchor == anchor).count() + i;
        let before = units.iter().take_while(|u| u.first < anchor).count();
        let mut limit = (before, usize::MAX);
        for note in notes[i..end].iter().rev() {
            let mut label = note.label.clone();
            while !labels.insert(label.clone()) {
                label.push('b');
            }
            match find_marker(units, limit, &note.label) {
                Some((u, pos, len)) => {
                    let text = &mut units[u].text;
                    text.replace_range(pos..pos + len, &format!("{NOTE_OPEN}{label}{NOTE_CLOSE}"));
                    limit = (u + 1, pos);
                }
                None => {
                    if let Some(u) = units[..before]
                        .iter_mut()
                        .rev()
                        .find(|u| u.kind != Kind::Item)
                    {
                        u.text.push_str(&format!("{NOTE_OPEN}{label}{NOTE_CLOSE}"));
                    }
                    warnings.push(ReadWarning::FootnoteUnplaced {
                        note: note.label.clone(),
                        label: label.clone(),
                    });
                }
            }
            let text = join_note(&note.lines, width, double);
            out.push((label, text));
        }
        i = end;
    }
    out.sort_by_key(|(l, _)| (l.len(), l.clone()));
    out
}

/// A note's lines joined into paragraphs (a blank line between paragraphs), escaped.
fn join_note(lines: &[Line], width: usize, double: bool) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut widths = Vec::new();
    for l in lines {
        match paras.last_mut() {
            Some(p) if continues(&widths, p, l, width, double) => append(p, &l.text),
            _ => {
                paras.push(l.text.clone());
                widths.clear();
            }
        }
        widths.push(l.text.chars().count());
    }
    paras
        .iter()
        .map(|p| escape(p))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The last place before `limit` (unit index, byte offset in it) where `label` is glued to a
/// word ("föreläsare2", "KIR‑utläsning1") or to a section number ("§ 101." for "§ 10" + 1).
/// Searches at most 40 units back. Returns (unit, byte offset of the label, its length).
fn find_marker(
    units: &[Unit],
    limit: (usize, usize),
    label: &str,
) -> Option<(usize, usize, usize)> {
    let (end, offset) = limit;
    for u in (end.saturating_sub(40)..end).rev() {
        if matches!(units[u].kind, Kind::Row(_)) {
            continue;
        }
        let text = &units[u].text;
        let stop = if u + 1 == end {
            offset.min(text.len())
        } else {
            text.len()
        };
        let mut found = None;
        for (pos, _) in text[..stop].match_indices(label) {
            if glued(text, pos, label.len()) {
                found = Some(pos);
            }
        }
        if let Some(pos) = found {
            return Some((u, pos, label.len()));
        }
    }
    None
}

pub(super) fn glued(text: &str, pos: usize, len: usize) -> bool {
    let after = text[pos + len..].chars().next();
    if after.is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    let before: Vec<char> = text[..pos].chars().rev().take(12).collect();
    match before.first() {
        Some(c) if c.is_alphabetic() => true,
        Some('”' | '"' | '’' | ')') => before.get(1).is_some_and(|c| c.is_alphanumeric()),
        Some(c) if c.is_ascii_digit() => {
            // "§ 101": the number after the section sign is longer than the label.
            let digits = before.iter().take_while(|c| c.is_ascii_digit()).count();
            before.get(digits) == Some(&' ') && before.get(digits + 1) == Some(&'§') && digits <= 3
        }
        _ => false,
    }
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    #[test]
    fn references_leave_a_heading_and_go_below_it() {
        assert_eq!(
            heading_refs("Elever[^1] med hög frånvaro[^2]"),
            (
                "Elever med hög frånvaro".to_string(),
                "[^1][^2]".to_string()
            )
        );
        assert_eq!(
            heading_refs("Typat \\[^1\\] och [^ ] och [^"),
            ("Typat \\[^1\\] och [^ ] och [^".to_string(), String::new())
        );
        let mut blocks = vec![Block::Heading {
            level: 3,
            text: "x".into(),
        }];
        attach_refs(&mut blocks, "[^2]");
        assert_eq!(blocks[0], Block::Paragraph("[^2]".into()));
        attach_refs(&mut blocks, "[^3]");
        assert_eq!(blocks[0], Block::Paragraph("[^2][^3]".into()));
    }
}
