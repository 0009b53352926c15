//! Which bytes of a TOML text are code and which are inside a string or a comment, so that
//! the line checks look only at what the parser reads as code.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    /// Keys, `=`, values that are not strings, brackets.
    Code,
    /// A one-line string or a comment.
    String,
    /// A multi-line string ("""…""" or '''…''').
    LongString,
}

/// For each byte of `toml`, whether it is code or inside a string or comment. Forgiving: an
/// unclosed one-line string ends at the end of its line, as a reader would take it.
pub fn quoted(toml: &str) -> Vec<Mask> {
    let b = toml.as_bytes();
    let mut mask = vec![Mask::Code; b.len()];
    let mut i = 0;
    while i < b.len() {
        let (end, kind) = match b[i] {
            b'#' => (memchr(b, i, b'\n'), Mask::String),
            b'"' if b[i..].starts_with(b"\"\"\"") => {
                (closing(b, i + 3, b"\"\"\"", true), Mask::LongString)
            }
            b'\'' if b[i..].starts_with(b"'''") => {
                (closing(b, i + 3, b"'''", false), Mask::LongString)
            }
            b'"' => (one_line(b, i + 1, b'"', true), Mask::String),
            b'\'' => (one_line(b, i + 1, b'\'', false), Mask::String),
            _ => {
                i += 1;
                continue;
            }
        };
        mask[i..end].fill(kind);
        i = end;
    }
    mask
}

fn memchr(b: &[u8], from: usize, c: u8) -> usize {
    b[from..]
        .iter()
        .position(|&x| x == c)
        .map_or(b.len(), |p| from + p)
}

/// The end (exclusive) of a one-line string whose text starts at `from`.
fn one_line(b: &[u8], from: usize, quote: u8, escapes: bool) -> usize {
    let mut i = from;
    while i < b.len() && b[i] != b'\n' {
        if escapes && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == quote {
            return i + 1;
        }
        i += 1;
    }
    i.min(b.len())
}

/// The end (exclusive) of a multi-line string whose text starts at `from`.
fn closing(b: &[u8], from: usize, delimiter: &[u8], escapes: bool) -> usize {
    let mut i = from;
    while i < b.len() {
        if escapes && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(delimiter) {
            return i + delimiter.len();
        }
        i += 1;
    }
    b.len()
}
