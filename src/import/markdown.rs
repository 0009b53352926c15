//! Blocks → Markdown for the content files, and plain text ↔ Markdown inline text.

use super::doc::{Block, Document};

/// Escapes plain text so that Markdown shows it as written: the characters that would start
/// emphasis, links, code, HTML or a table cell, and a line start that would make a heading, a
/// list or a quote.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    // Entities ("&amp;") would be decoded: escape an ampersand before a name and a semicolon.
    let out = escape_entities(&out);
    escape_line_start(&out)
}

fn escape_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '&' {
            let rest = &s[i + 1..];
            let name = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                .count();
            if name > 0 && rest[name..].starts_with(';') {
                out.push('\\');
            }
        }
        out.push(c);
    }
    out
}

fn escape_line_start(s: &str) -> String {
    let t = s.trim_start();
    let lead = &s[..s.len() - t.len()];
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if t.starts_with(['#', '+', '-', '=', '~']) {
        return format!("{lead}\\{t}");
    }
    if digits > 0 && digits <= 9 && t[digits..].starts_with(['.', ')']) {
        let (n, rest) = t.split_at(digits);
        return format!("{lead}{n}\\{rest}");
    }
    s.to_string()
}

/// Removes Markdown backslash escapes (for comparing names and printing).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Markdown of blocks; headings at `base` + their depth below the shallowest heading given.
/// `images` are the file names the document's images are saved under (None: not saved).
pub fn blocks(doc: &Document, blocks: &[Block], base: u8, images: &[Option<String>]) -> String {
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some((*level).max(1)),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { level, text } => {
                let depth = (*level).max(1) - top;
                let n = (base + depth).min(6) as usize;
                parts.push(format!("{} {}", "#".repeat(n), text.trim()));
            }
            Block::Paragraph(t) => parts.push(t.trim().to_string()),
            Block::List { ordered, items } => {
                let lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let mark = if *ordered {
                            format!("{}.", i + 1)
                        } else {
                            "-".into()
                        };
                        let pad = " ".repeat(mark.len() + 1);
                        format!("{mark} {}", t.trim().replace('\n', &format!("\n{pad}")))
                    })
                    .collect();
                parts.push(lines.join("\n"));
            }
            Block::Table { rows } => parts.push(table(rows)),
            Block::Image(i) => {
                if let (Some(img), Some(Some(name))) = (doc.images.get(*i), images.get(*i)) {
                    let alt = match &img.alt {
                        Some(a) if !a.trim().is_empty() => escape(a.trim()),
                        _ => "TODO: beskriv bilden (alternativtext)".to_string(),
                    };
                    parts.push(format!("![{alt}]({name})"));
                }
            }
            Block::Lines(lines) => parts.push(escape(&lines.join(" "))),
        }
    }
    parts.join("\n\n")
}

/// A Markdown table; the first row is the header. Columns whose cells are all amounts are
/// right-aligned.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return String::new();
    }
    let cell =
        |r: &Vec<String>, c: usize| r.get(c).map(|s| s.replace('\n', " ")).unwrap_or_default();
    let numeric = |c: usize| {
        rows.iter().skip(1).all(|r| {
            let v = cell(r, c);
            v.chars().any(|ch| ch.is_ascii_digit())
                && v.chars().filter(|ch| ch.is_alphabetic()).count() <= 7
        }) && rows.len() > 1
    };
    let mut out = String::new();
    let line = |r: &Vec<String>| {
        let cells: Vec<String> = (0..cols).map(|c| cell(r, c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    out.push_str(&line(&rows[0]));
    out.push('\n');
    let marks: Vec<&str> = (0..cols)
        .map(|c| if numeric(c) { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("| {} |", marks.join(" | ")));
    for r in &rows[1..] {
        out.push('\n');
        out.push_str(&line(r));
    }
    out
}

/// Footnote definitions for the labels used in `text`, in Markdown.
pub fn footnotes(doc: &Document, text: &str) -> String {
    let mut out = Vec::new();
    for (label, note) in &doc.footnotes {
        if text.contains(&format!("[^{label}]")) {
            let body = note.trim().replace("\n\n", "\n\n    ");
            out.push(format!("[^{label}]: {body}"));
        }
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_read() {
        assert_eq!(escape("1. Insatser"), "1\\. Insatser");
        assert_eq!(escape("# inte rubrik"), "\\# inte rubrik");
        assert_eq!(
            escape("a*b_c [x] <b> &amp; & |"),
            "a\\*b\\_c \\[x\\] \\<b\\> \\&amp; & \\|"
        );
        assert_eq!(escape("- streck"), "\\- streck");
        assert_eq!(
            escape("SU‑grupperna 2025-06-17 § 44"),
            "SU‑grupperna 2025-06-17 § 44"
        );
        assert_eq!(unescape(&escape("a*b [c] 1. x")), "a*b [c] 1. x");
    }

    #[test]
    fn tables_have_a_header_and_right_aligned_amounts() {
        let rows = vec![
            vec!["Insats".to_string(), "Kostnad".to_string()],
            vec!["IT".to_string(), "1 300 tkr".to_string()],
        ];
        assert_eq!(
            table(&rows),
            "| Insats | Kostnad |\n| --- | ---: |\n| IT | 1 300 tkr |"
        );
    }
}
