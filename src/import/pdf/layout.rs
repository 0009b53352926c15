//! Text placed on a page, made into lines a reader reads: top to bottom, left to right, with
//! the spaces the gaps between the pieces stand for.

use super::justify;

/// A piece of text placed on the page: baseline start and end, size, in page units.
#[derive(Debug, Clone)]
pub struct Piece {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
}

/// Text as a reader types it: typographic ligatures (a font's "ﬂ" glyph maps to U+FB02) spelled
/// out, a letter followed by a combining ring or diaeresis (as some producers write å, ä, ö)
/// made the one letter it is, a soft hyphen (drawn only where a word was broken at the end of a
/// line) written as the hyphen it shows, and control characters of badly mapped fonts dropped.
pub fn plain_letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let composed = match (out.chars().last(), c) {
            (Some(base), '\u{30a}') => match base {
                'a' => Some('å'),
                'A' => Some('Å'),
                _ => None,
            },
            (Some(base), '\u{308}') => match base {
                'a' => Some('ä'),
                'A' => Some('Ä'),
                'o' => Some('ö'),
                'O' => Some('Ö'),
                'u' => Some('ü'),
                'U' => Some('Ü'),
                _ => None,
            },
            (Some(base), '\u{301}') => match base {
                'e' => Some('é'),
                'E' => Some('É'),
                _ => None,
            },
            _ => None,
        };
        if let Some(letter) = composed {
            out.pop();
            out.push(letter);
            continue;
        }
        match c {
            '\u{ad}' => out.push('-'),
            c if c.is_control() => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// One line of text on the page: its pieces left to right (text printed twice a hair apart, a
/// faked bold, once), its baseline and its largest size.
pub(super) struct Row {
    pub(super) pieces: Vec<Piece>,
    y: f32,
    pub(super) size: f32,
}

impl Row {
    fn new(mut line: Vec<Piece>) -> Row {
        let y = line[0].y;
        let size = line.iter().map(|p| p.size).fold(0.0, f32::max);
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut pieces: Vec<Piece> = Vec::with_capacity(line.len());
        for piece in line {
            let twice = pieces.last().is_some_and(|prev| {
                prev.text == piece.text && (piece.x0 - prev.x0).abs() < 0.1 * piece.size
            });
            if !twice {
                pieces.push(piece);
            }
        }
        Row { pieces, y, size }
    }

    /// The gaps between neighbouring pieces, each with the size it is measured against.
    pub(super) fn gaps(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        self.pieces
            .windows(2)
            .map(|w| (w[1].x0 - w[0].x1, w[0].size.max(w[1].size)))
    }

    /// The line's text: a space where a gap is a word space, several where it is a column's
    /// (or one, where `justified` says the line's spaces were only stretched).
    pub(super) fn text(&self, justified: bool) -> String {
        let mut text = String::new();
        let mut previous: Option<&Piece> = None;
        for piece in &self.pieces {
            if let Some(prev) = previous {
                let gap = piece.x0 - prev.x1;
                let size = prev.size.max(piece.size);
                let spaced = text.ends_with(char::is_whitespace)
                    || piece.text.starts_with(char::is_whitespace);
                if gap > 1.5 * size && !justified {
                    let spaces = (gap / (0.5 * size)).round().clamp(2.0, 20.0) as usize;
                    text.truncate(text.trim_end().len());
                    text.push_str(&" ".repeat(spaces));
                } else if gap > 0.15 * size && !spaced {
                    text.push(' ');
                }
            }
            text.push_str(if text.ends_with("  ") {
                piece.text.trim_start()
            } else {
                &piece.text
            });
            previous = Some(piece);
        }
        text.trim_end().to_string()
    }
}

/// Groups the pieces into lines (top of the page first) and each line's pieces left to right,
/// with a space where the gap between two pieces is a word space and more where it is a column,
/// and an empty line where the space above a line is more than a line's (a new paragraph or a
/// heading: the text path reads blank lines as PDF-extracted text has them).
pub fn lines(mut pieces: Vec<Piece>) -> Vec<String> {
    pieces.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut grouped: Vec<Vec<Piece>> = Vec::new();
    for piece in pieces {
        match grouped.last_mut() {
            // Within half a line: a raised footnote number stays on its line.
            Some(line) if line[0].y - piece.y <= 0.5 * line[0].size.max(piece.size) => {
                line.push(piece)
            }
            _ => grouped.push(vec![piece]),
        }
    }
    let rows: Vec<Row> = grouped.into_iter().map(Row::new).collect();
    // Single-spaced lines are some 1.2 sizes apart; 1.6 is past any line spacing a report uses
    // within a paragraph and short of a paragraph's space below.
    let apart: Vec<bool> = (0..rows.len())
        .map(|i| i > 0 && rows[i - 1].y - rows[i].y > 1.6 * rows[i].size.max(rows[i - 1].size))
        .collect();
    let justified = justify::justified(&rows, &apart);
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if apart[i] && out.last().is_some_and(|l: &String| !l.is_empty()) {
            out.push(String::new());
        }
        let text = row.text(justified[i]);
        if !text.trim().is_empty() {
            out.push(text);
        }
    }
    if out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(x0: f32, x1: f32, y: f32, text: &str) -> Piece {
        Piece {
            x0,
            x1,
            y,
            size: 10.0,
            text: text.into(),
        }
    }

    #[test]
    fn pieces_make_lines_in_reading_order_with_word_and_column_spaces() {
        let got = lines(vec![
            piece(105.0, 135.0, 700.0, "andra"),
            piece(10.0, 50.0, 700.0, "Första"),
            piece(52.0, 98.0, 700.0, "raden"),
            piece(98.0, 100.0, 703.0, "1"),
            piece(10.0, 60.0, 688.0, "Matematik"),
            piece(200.0, 240.0, 688.0, "100 tkr"),
            piece(10.0, 60.0, 660.0, "Nästa"),
            piece(10.0, 50.0, 720.0, "Rubrik"),
            piece(10.3, 50.3, 720.0, "Rubrik"),
        ]);
        assert_eq!(
            lines_text(&got),
            "Rubrik\n\nFörsta raden1 andra\nMatematik".to_string()
                + &" ".repeat(20)
                + "100 tkr\n\nNästa"
        );
    }

    fn lines_text(lines: &[String]) -> String {
        lines.join("\n")
    }

    #[test]
    fn ligatures_are_spelled_out_and_swedish_letters_composed() {
        assert_eq!(
            plain_letters("\u{fb02}er e\u{fb00}ekter \u{fb01}nns"),
            "fler effekter finns"
        );
        assert_eq!(
            plain_letters("ga\u{30a}r a\u{308}r o\u{308}ver A\u{30a}\u{0}"),
            "går är över Å"
        );
        assert_eq!(plain_letters("arbets\u{ad}\u{7}"), "arbets-");
    }
}
