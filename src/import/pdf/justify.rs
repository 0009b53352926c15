//! Justified text told from a table. A justified line's word spaces are stretched to fill the
//! column, and with a few long words ("kommunfullmäktigeförsamlingen") they grow as wide as a
//! table's columns are apart; read as columns, three such lines in a row become a table of a
//! sentence's words. A line is stretched only because the next word did not fit on it: so a
//! line whose wide spaces are even, followed in its paragraph by a line that starts where it
//! does and whose first word would not have fitted at ordinary spacing, is justified text. A
//! table's next row would have fitted.

use super::layout::{Piece, Row};

/// A gap this many sizes wide is a column's; narrower, a word's (as `Row::text` reads it).
const COLUMN_GAP: f32 = 1.5;
const WORD_GAP: f32 = 0.15;
/// An ordinary word space, in sizes (a quarter to a third of an em; taken wide, so that a line
/// filled to the last point is not taken for one that had room).
const SPACE: f32 = 0.35;

/// Per row: whether its wide spaces are a justified line's stretched word spaces. `apart[i]`:
/// a paragraph's space above row `i`.
pub(super) fn justified(rows: &[Row], apart: &[bool]) -> Vec<bool> {
    (0..rows.len())
        .map(|i| {
            let next = rows.get(i + 1).filter(|_| !apart[i + 1]);
            next.is_some_and(|next| stretched(&rows[i], next))
        })
        .collect()
}

fn stretched(row: &Row, next: &Row) -> bool {
    let wide = row.gaps().any(|(gap, size)| gap > COLUMN_GAP * size);
    let (Some(first), Some(last), Some(next_first)) =
        (row.pieces.first(), row.pieces.last(), next.pieces.first())
    else {
        return false;
    };
    let same_start = (first.x0 - next_first.x0).abs() <= 0.5 * row.size.max(next.size);
    wide && same_start && even_words(row) && !fits(row, last.x1 - first.x0, next)
}

/// Words evenly apart: a justified line stretches every space alike.
fn even_words(row: &Row) -> bool {
    let spaces: Vec<f32> = row
        .gaps()
        .filter(|(gap, size)| *gap > WORD_GAP * size)
        .map(|(gap, _)| gap)
        .collect();
    let (min, max) = spaces
        .iter()
        .fold((f32::MAX, 0.0f32), |(lo, hi), &g| (lo.min(g), hi.max(g)));
    !spaces.is_empty() && max <= min * 1.15 + 0.5
}

/// Whether the next line's first word would have fitted on `row` (as wide as `width`) with
/// ordinary spaces between its words.
fn fits(row: &Row, width: f32, next: &Row) -> bool {
    let letters: f32 = row
        .pieces
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .map(|p| p.x1 - p.x0)
        .sum();
    let words = row.text(true).split_whitespace().count() as f32;
    letters + words * SPACE * row.size + first_word(next) <= width
}

/// The width of a line's first word: its pieces up to a space (a drawn one, or a gap).
fn first_word(row: &Row) -> f32 {
    let mut width = 0.0;
    let mut previous: Option<&Piece> = None;
    for piece in &row.pieces {
        let gap = previous.map_or(0.0, |p| piece.x0 - p.x1);
        if piece.text.starts_with(char::is_whitespace) || gap > WORD_GAP * row.size {
            break;
        }
        let chars = piece.text.chars().count().max(1) as f32;
        match piece.text.find(char::is_whitespace) {
            // The word ends inside the piece: its share of the piece's width.
            Some(end) => {
                width += (piece.x1 - piece.x0) * piece.text[..end].chars().count() as f32 / chars;
                break;
            }
            None => width += piece.x1 - piece.x0,
        }
        previous = Some(piece);
    }
    width
}

#[cfg(test)]
mod tests {
    use super::super::layout::lines;
    use super::*;

    /// Words of a line at `y`, each `(x0, text)` 6 units a letter wide, size 10.
    fn line(y: f32, words: &[(f32, &str)]) -> Vec<Piece> {
        words
            .iter()
            .map(|&(x0, text)| Piece {
                x0,
                x1: x0 + 6.0 * text.chars().count() as f32,
                y,
                size: 10.0,
                text: text.into(),
            })
            .collect()
    }

    #[test]
    fn stretched_lines_are_text_and_rows_with_room_to_spare_a_table() {
        // A column 300 wide: "kommunfullmäktigeförsamlingen" (174) and "nämnden" (42) are
        // stretched apart because "effektiviseringen" (102) did not fit after them.
        let mut pieces = line(
            700.0,
            &[(0.0, "kommunfullmäktigeförsamlingen"), (258.0, "nämnden")],
        );
        pieces.extend(line(
            688.0,
            &[
                (0.0, "effektiviseringen"),
                (108.0, "av"),
                (126.0, "flöden."),
            ],
        ));
        // A table: each row had room for the next row's first cell.
        pieces.extend(line(660.0, &[(0.0, "Område"), (252.0, "Ansvarig")]));
        pieces.extend(line(648.0, &[(0.0, "Frånvaro"), (240.0, "Rektorerna")]));
        assert_eq!(
            lines(pieces),
            [
                "kommunfullmäktigeförsamlingen nämnden",
                "effektiviseringen av flöden.",
                "",
                &format!("Område{}Ansvarig", " ".repeat(20)),
                &format!("Frånvaro{}Rektorerna", " ".repeat(20)),
            ]
        );
    }
}
