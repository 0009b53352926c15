//! The state a PDF content stream changes as it is followed: the matrices that place text on
//! the page, the font and the spacing, and the operators that change only them.

use lopdf::content::Operation;

use super::font::number;

/// An affine matrix [a b c d e f] as PDF writes them (row vectors: p' = p × M).
pub(super) type Matrix = [f32; 6];
pub(super) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

pub(super) fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

pub(super) fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// The graphics and text state the content stream changes.
#[derive(Clone)]
pub(super) struct State {
    pub(super) ctm: Matrix,
    pub(super) tm: Matrix,
    pub(super) line: Matrix,
    pub(super) font: Option<Vec<u8>>,
    pub(super) size: f32,
    pub(super) char_spacing: f32,
    pub(super) word_spacing: f32,
    pub(super) scale: f32,
    pub(super) leading: f32,
    pub(super) rise: f32,
}

impl State {
    /// The state at the start of a content stream drawn with the matrix `ctm`.
    pub(super) fn at(ctm: Matrix) -> State {
        State {
            ctm,
            tm: IDENTITY,
            line: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// The `i`th operand as a number (0 when missing or not a number).
pub(super) fn operand(op: &Operation, i: usize) -> f32 {
    op.operands.get(i).and_then(number).unwrap_or(0.0)
}

/// The operators that only move the text position or change the spacing and the matrices.
pub(super) fn text_state(state: &mut State, op: &Operation) {
    let n = |i: usize| operand(op, i);
    match op.operator.as_str() {
        "cm" => state.ctm = multiply(&[n(0), n(1), n(2), n(3), n(4), n(5)], &state.ctm),
        "BT" => {
            state.tm = IDENTITY;
            state.line = IDENTITY;
        }
        "Tc" => state.char_spacing = n(0),
        "Tw" => state.word_spacing = n(0),
        "Tz" => state.scale = n(0) / 100.0,
        "TL" => state.leading = n(0),
        "Ts" => state.rise = n(0),
        "Td" => next_line(state, n(0), n(1)),
        "TD" => {
            state.leading = -n(1);
            next_line(state, n(0), n(1));
        }
        "Tm" => {
            state.line = [n(0), n(1), n(2), n(3), n(4), n(5)];
            state.tm = state.line;
        }
        "T*" => {
            let leading = state.leading;
            next_line(state, 0.0, -leading);
        }
        _ => {}
    }
}

/// Moves to the start of the next line, `tx`, `ty` from the start of this one.
pub(super) fn next_line(state: &mut State, tx: f32, ty: f32) {
    state.line = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &state.line);
    state.tm = state.line;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_does() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        assert_eq!(apply(&multiply(&scale, &shift), 1.0, 1.0), (12.0, 22.0));
        assert_eq!(apply(&multiply(&shift, &scale), 1.0, 1.0), (22.0, 42.0));
    }
}
