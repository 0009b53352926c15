//! Headings typed as bold lines: a document written without heading styles marks its headings
//! by setting a short paragraph wholly in bold. Only in such a document (one with no heading of
//! a style or outline level) are they read as headings; where the styles mark the headings, a
//! bold line is the emphasis its author gave it.

use crate::import::doc::Block;

/// Longer than this a bold line is a sentence set in bold, not a heading.
const MAX_WORDS: usize = 12;

/// Whether a wholly bold paragraph's text reads as a heading: a few words, with a letter, not
/// ending as a sentence or a lead-in does.
pub(super) fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=MAX_WORDS).contains(&words)
        && text.chars().any(char::is_alphabetic)
        && !text.trim_end().ends_with(['.', ',', ':', ';', '!'])
}

/// Makes the bold lines (block index, text without emphasis) headings of level 1 when no block
/// is a heading; their measures go, as a heading's (it is no direction set apart).
pub(super) fn make_headings(
    blocks: &mut [Block],
    measures: &mut [Option<(bool, i64)>],
    lines: Vec<(usize, String)>,
) {
    if blocks.iter().any(|b| matches!(b, Block::Heading { .. })) {
        return;
    }
    for (i, text) in lines {
        if let Some(block) = blocks.get_mut(i) {
            *block = Block::Heading { level: 1, text };
        }
        if let Some(measure) = measures.get_mut(i) {
            *measure = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_without_a_sentence_end_read_as_headings() {
        assert!(looks_like_heading("Elever med hög frånvaro"));
        assert!(looks_like_heading("Vad har gjorts?"));
        assert!(!looks_like_heading("Nämnden beslutar:"));
        assert!(!looks_like_heading("Arbetet fortsätter."));
        assert!(!looks_like_heading("2027"));
        assert!(!looks_like_heading(&"ord ".repeat(13)));
    }
}
