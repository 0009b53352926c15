//! Blocks → Markdown for the content files, and plain text ↔ Markdown inline text.

use super::doc::{Block, Document};
use crate::messages::Lang;

/// Escapes plain text so that Markdown shows it as written: every line with
/// [`escape_inline`], then its start with [`escape_line_start`]. The one escaper of the import:
/// text and PDF use it whole, Word per run of text (its bold, italics and links come between).
pub fn escape(text: &str) -> String {
    escape_inline(text)
        .split('\n')
        .map(escape_line_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes the characters Markdown reads anywhere in a line: emphasis (`*`, `_`),
/// strikethrough (`~`: the site reads one tilde or two, so "~~x~~" in a document must not strike
/// through), code, links, raw HTML, table cells, the backslash itself, and `&` where it would
/// start an entity ("&amp;" would be decoded). A web address is left whole as a link instead:
/// a backslash inside it would show in its text and break its target.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        // Where GitHub's Markdown starts an address: after a space, `(`, `*`, `_` or `~`.
        let before = text[..i].chars().next_back();
        if before.is_none_or(|b| b.is_whitespace() || "(*_~".contains(b)) {
            if let Some(len) = web_address(&text[i..]) {
                push_address(&mut out, &text[i..i + len]);
                skip_to = i + len;
                continue;
            }
        }
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|'
        );
        if special || (c == '&' && starts_entity(&text[i + 1..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The length of the web address `rest` starts with (`http://`, `https://` or `www.`), as
/// GitHub's Markdown reads one: up to a space, without the punctuation that ends a sentence
/// or a closing parenthesis it does not open.
fn web_address(rest: &str) -> Option<usize> {
    let lower = |n: usize| rest.get(..n).map(str::to_ascii_lowercase);
    let scheme = ["http://", "https://", "www."]
        .iter()
        .find(|p| lower(p.len()).as_deref() == Some(**p))?;
    let mut end = rest
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(rest.len());
    loop {
        let url = &rest[..end];
        let last = url.chars().next_back()?;
        let unbalanced = last == ')' && url.matches(')').count() > url.matches('(').count();
        if unbalanced || "?!.,:;*_~'\"".contains(last) {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    (end > scheme.len() && rest[scheme.len()..end].contains(|c: char| c.is_alphanumeric()))
        .then_some(end)
}

/// A web address as a Markdown link that shows it as typed.
fn push_address(out: &mut String, url: &str) {
    if url.len() > 4 && url[..4].eq_ignore_ascii_case("www.") {
        // Markdown's own autolink needs a scheme: the link gets one, its text stays as typed.
        let shown: String = url.chars().fold(String::new(), |mut s, c| {
            if c.is_ascii_punctuation() {
                s.push('\\');
            }
            s.push(c);
            s
        });
        out.push_str(&format!("[{shown}](<http://{url}>)"));
    } else {
        out.push_str(&format!("<{url}>"));
    }
}

/// Whether the text after an `&` makes an entity with it: a name or number and a semicolon.
fn starts_entity(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    name > 0 && rest[name..].starts_with(';')
}

/// Escapes what would make a heading, a list or a setext underline of a line where it starts:
/// `#`, `-`, `+`, `=`, and a number followed by `.` or `)` and a space ("1. ", "2025) "; not
/// "3.5" or "2025-06-17", which Markdown leaves alone). The spaces and tabs before the line go:
/// Markdown drops up to three and reads four as code, and in a document they are layout.
pub fn escape_line_start(line: &str) -> String {
    let t = line.trim_start_matches([' ', '\t']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let mut rest = t[digits..].chars();
        if matches!(rest.next(), Some('.' | ')')) && rest.next().is_none_or(char::is_whitespace) {
            return format!("{}\\{}", &t[..digits], &t[digits..]);
        }
    }
    if t.starts_with(['#', '-', '+', '=']) {
        return format!("\\{t}");
    }
    t.to_string()
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
/// `images` are the file names the document's images are saved under (None: not saved); a
/// picture without alt text gets a TODO in `lang`, the site's language.
pub fn blocks(
    doc: &Document,
    blocks: &[Block],
    base: u8,
    (images, lang): (&[Option<String>], Lang),
) -> String {
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
                        _ => crate::messages::import_image_alt_todo(lang),
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
        assert_eq!(escape("2025) text"), "2025\\) text");
        assert_eq!(escape("# inte rubrik"), "\\# inte rubrik");
        assert_eq!(
            escape("a*b_c [x](y) <b> | ~ `c` \\ &amp; & x"),
            "a\\*b\\_c \\[x\\](y) \\<b\\> \\| \\~ \\`c\\` \\\\ \\&amp; & x"
        );
        assert_eq!(escape("- streck"), "\\- streck");
        assert_eq!(escape("    1. indraget"), "1\\. indraget");
        assert_eq!(escape("rad ett\n= rad två"), "rad ett\n\\= rad två");
        // What Markdown leaves alone keeps no backslash, so the draft stays easy to edit.
        assert_eq!(escape("3.5 procent"), "3.5 procent");
        assert_eq!(
            escape("SU‑grupperna 2025-06-17 § 44"),
            "SU‑grupperna 2025-06-17 § 44"
        );
        assert_eq!(unescape(&escape("a*b [c] 1. x")), "a*b [c] 1. x");
    }

    /// Renders Markdown with the extensions the site turns on (src/markdown/mod.rs).
    fn render(markdown: &str) -> String {
        let mut o = comrak::Options::default();
        o.extension.table = true;
        o.extension.strikethrough = true;
        o.extension.autolink = true;
        o.extension.tasklist = true;
        o.extension.footnotes = true;
        comrak::markdown_to_html(markdown, &o)
    }

    #[test]
    fn escaped_text_renders_as_one_paragraph_of_the_characters_as_typed() {
        let texts = [
            "~~inte struken~~ och ~en~",
            "* inte en punkt",
            "_inte kursiv_ och **inte fet**",
            "# inte en rubrik",
            "1. inte en numrerad lista",
            "12) inte heller",
            "<b>inte fet</b> <script>x</script>",
            "[a](b) ![c](d) [^1] [ ] <x@y.se>",
            "a | b | c",
            "> inte ett citat",
            "- - -",
            "    fyra mellanslag",
            "+ plus",
            "=====",
            "&amp; &#65; &copy och &",
            "`kod` och \\ och \\*",
            "~~~",
            "***",
            "se https://x.se/skola_och_forskola*2~a.",
            "(www.alingsas.se/barn_och_utbildning) och HTTPS://X.SE/A_B?c=1&d=2, slut",
        ];
        for text in texts {
            let shown = text.trim_start();
            let want = format!(
                "<p>{}</p>\n",
                shown
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
            );
            // An e-mail or web address becomes a link with the text as typed: that is fine.
            let shown = without_links(&render(&escape(text)));
            assert_eq!(shown, want, "{text:?} → {:?}", escape(text));
        }
    }

    /// The HTML with each link replaced by its text.
    fn without_links(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(a) = rest.find("<a ") {
            let text_at = a + rest[a..].find('>').unwrap() + 1;
            let end = text_at + rest[text_at..].find("</a>").unwrap();
            out.push_str(&rest[..a]);
            out.push_str(&rest[text_at..end]);
            rest = &rest[end + 4..];
        }
        out + rest
    }

    #[test]
    fn web_addresses_stay_whole_links() {
        let cases = [
            (
                "se https://x.se/skola_och_forskola.",
                "https://x.se/skola_och_forskola",
                "https://x.se/skola_och_forskola",
            ),
            (
                "(www.a.se/b_c*d)",
                "http://www.a.se/b_c*d",
                "www.a.se/b_c*d",
            ),
            (
                "HTTPS://X.SE/A_(B)_C), slut",
                "HTTPS://X.SE/A_(B)_C",
                "HTTPS://X.SE/A_(B)_C",
            ),
            (
                "https://x.se/?a=1&b=~2",
                "https://x.se/?a=1&amp;b=~2",
                "https://x.se/?a=1&amp;b=~2",
            ),
        ];
        for (text, href, shown) in cases {
            let html = render(&escape(text));
            assert!(
                html.contains(&format!("<a href=\"{href}\">{shown}</a>")),
                "{text:?} → {:?} → {html}",
                escape(text)
            );
        }
        // Not an address: nothing but the scheme, or inside a word.
        assert_eq!(
            escape("https:// och xhttps://a_b"),
            "https:// och xhttps://a\\_b"
        );
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
