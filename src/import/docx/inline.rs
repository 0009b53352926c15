//! The inline text of a paragraph as Markdown: runs of text with their bold, italics and link,
//! Markdown's own characters escaped, emphasis markers kept off the surrounding spaces (where
//! CommonMark would not read them as emphasis).

use crate::import::markdown::{escape_inline, escape_line_start};

#[derive(Debug, Clone, PartialEq)]
struct Span {
    text: String,
    bold: bool,
    italic: bool,
    link: Option<String>,
    /// Markdown written by the reader itself (a footnote reference): not escaped.
    raw: bool,
}

#[derive(Debug, Default)]
pub struct Inline {
    spans: Vec<Span>,
}

/// Links the site may publish: web and e-mail addresses, not `javascript:` or local files. A
/// web address written without its scheme ("www.kommun.se", as some editors store what was
/// typed) is a web address, not a page of the site: it gets https://.
fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("www.") {
        return safe_url(&format!("https://{url}"));
    }
    if !["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return None;
    }
    let mut out = String::new();
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

impl Inline {
    pub fn text(&mut self, text: &str, bold: bool, italic: bool, link: Option<&str>) {
        let link = link.and_then(safe_url);
        match self.spans.last_mut() {
            Some(last)
                if !last.raw && last.bold == bold && last.italic == italic && last.link == link =>
            {
                last.text.push_str(text);
            }
            _ => self.spans.push(Span {
                text: text.to_string(),
                bold,
                italic,
                link,
                raw: false,
            }),
        }
    }

    /// Whether all the text is bold and none of it a link: a line set wholly in bold.
    pub fn all_bold(&self) -> bool {
        let mut text = self
            .spans
            .iter()
            .filter(|s| !s.raw && !s.text.trim().is_empty());
        text.clone().next().is_some() && text.all(|s| s.bold && s.link.is_none())
    }

    /// Markdown written as is (a footnote reference `[^1]`).
    pub fn raw(&mut self, markdown: &str) {
        self.spans.push(Span {
            text: markdown.to_string(),
            bold: false,
            italic: false,
            link: None,
            raw: true,
        });
    }

    /// The Markdown; `emphasis` false for headings, whose look is the heading's own.
    pub fn markdown(&self, emphasis: bool) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.spans.len() {
            let link = self.spans[i].link.clone();
            let end = (i..self.spans.len())
                .find(|&j| self.spans[j].link != link)
                .unwrap_or(self.spans.len());
            let mut inner = String::new();
            for span in &self.spans[i..end] {
                if span.raw {
                    inner.push_str(&span.text);
                } else {
                    let (b, it) = (span.bold && emphasis, span.italic && emphasis);
                    emphasised(&mut inner, &escape_inline(&span.text), b, it);
                }
            }
            match link {
                Some(url) if !inner.trim().is_empty() => {
                    let (lead, core, trail) = split_spaces(&inner);
                    out.push_str(&format!("{lead}[{core}]({url}){trail}"));
                }
                _ => out.push_str(&inner),
            }
            i = end;
        }
        let out = escape_line_start(&collapse_spaces(&out));
        // Only non-breaking or other wide spaces is no text: an empty line typed with them
        // must not make a paragraph, nor a document of them pass for one with text.
        if out.trim().is_empty() {
            return String::new();
        }
        out
    }
}

/// Collapses runs of spaces, tabs and line breaks; a non-breaking space stays where the author
/// put it ("2 300 tkr").
pub fn collapse_spaces(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn split_spaces(s: &str) -> (&str, &str, &str) {
    let space = |c: char| c == ' ';
    let core = s.trim_matches(space);
    let lead = &s[..s.len() - s.trim_start_matches(space).len()];
    let trail = &s[s.trim_end_matches(space).len()..];
    (lead, core, trail)
}

fn emphasised(out: &mut String, text: &str, bold: bool, italic: bool) {
    let marker = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let (lead, core, trail) = split_spaces(text);
    if marker.is_empty() || core.is_empty() {
        out.push_str(text);
    } else {
        out.push_str(&format!("{lead}{marker}{core}{marker}{trail}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_and_links_become_markdown_with_spaces_outside_the_markers() {
        let mut inline = Inline::default();
        inline.text("Nämnden ", false, false, None);
        inline.text("beslutade ", true, false, None);
        inline.text("att", false, true, None);
        inline.text(" läsa ", false, false, Some("https://example.se/a b"));
        inline.text("mer", true, false, Some("https://example.se/a b"));
        inline.raw("[^1]");
        inline.text(".", false, false, None);
        assert_eq!(
            inline.markdown(true),
            "Nämnden **beslutade** *att* [läsa **mer**](https://example.se/a%20b)[^1]."
        );
        assert_eq!(
            inline.markdown(false),
            "Nämnden beslutade att [läsa mer](https://example.se/a%20b)[^1]."
        );
    }

    #[test]
    fn unsafe_links_keep_only_their_text() {
        let mut inline = Inline::default();
        inline.text("klicka", false, false, Some("javascript:alert(1)"));
        inline.text(" här", false, false, Some("file:///C:/x.docx"));
        assert_eq!(inline.markdown(true), "klicka här");
        let mut inline = Inline::default();
        inline.text("kommunen", false, false, Some("www.kommun.se/plan"));
        assert_eq!(
            inline.markdown(true),
            "[kommunen](https://www.kommun.se/plan)"
        );
    }

    #[test]
    fn markdown_characters_in_runs_and_at_the_start_are_escaped() {
        let mut inline = Inline::default();
        inline.text("1. ~~x~~ ", false, false, None);
        inline.text("<b>", true, false, None);
        inline.text(" [a](b) | &amp;", false, false, None);
        assert_eq!(
            inline.markdown(true),
            "1\\. \\~\\~x\\~\\~ **\\<b\\>** \\[a\\](b) \\| \\&amp;"
        );
        let mut heading = Inline::default();
        heading.text("  # Rubrik", false, false, None);
        assert_eq!(heading.markdown(false), "\\# Rubrik");
    }
}
