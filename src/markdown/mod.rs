//! Markdown stage: comrak options in one place; one parse gives the HTML and the plain-text
//! sections that search needs.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::Mutex;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::{Arena, Options};

mod links;
mod marker;
mod polish;
mod whitespace;
pub use links::{BrokenLink, Links, Targets};
pub use marker::{render_split, AREAS_MARKER};
pub use polish::shift_headings;
pub use whitespace::collapse_space;

use polish::{polish_html, unique_id};
use whitespace::push_collapsed;

/// A run of plain text under one heading, as search needs it. The text before the first
/// heading has `heading: None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    pub heading: Option<String>,
    /// The id of the heading element, so a search result can link to `page/#anchor`.
    pub anchor: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub sections: Vec<Section>,
    /// Links and images to local files that are not there (see `Links`).
    pub broken: Vec<BrokenLink>,
}

impl Rendered {
    /// All the text, for excerpts and descriptions.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for s in &self.sections {
            for part in s.heading.iter().chain(std::iter::once(&s.text)) {
                if !part.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(part);
                }
            }
        }
        out
    }
}

/// How a fragment is rendered.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    /// Prefix for heading and footnote ids, so several fragments can share one page.
    pub id_prefix: &'a str,
    /// Raw HTML passes through only when the site opts in; otherwise it shows as text.
    pub unsafe_html: bool,
    /// Label of footnote back-links ("Tillbaka till hänvisning").
    pub backref_label: &'a str,
    /// Heading of the footnotes ("Fotnoter"), for screen-reader navigation.
    pub footnotes_label: &'a str,
    /// Name of a table's scrolling box ("Tabell"), in the page's language.
    pub table_label: &'a str,
    /// Ids other parts of the page use; headings avoid them.
    pub reserved_ids: &'a [String],
    /// Where local links point; None leaves every link as written.
    pub links: Option<Links<'a>>,
}

fn options(unsafe_html: bool) -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    // Headings get ids from our adapter below, not from comrak's (which adds an English
    // "Link to heading" anchor inside each heading).
    o.parse.smart = false;
    o.render.r#unsafe = unsafe_html;
    o.render.escape = !unsafe_html;
    o
}

/// Writes `<hN id="…">`, taking the ids computed in document order before rendering.
struct Headings {
    ids: Mutex<VecDeque<String>>,
}

impl HeadingAdapter for Headings {
    fn enter(
        &self,
        out: &mut dyn fmt::Write,
        h: &HeadingMeta,
        _: Option<Sourcepos>,
    ) -> fmt::Result {
        let id = self
            .ids
            .lock()
            .map(|mut q| q.pop_front())
            .ok()
            .flatten()
            .unwrap_or_default();
        write!(out, "<h{} id=\"{}\">", h.level, id)
    }
    fn exit(&self, out: &mut dyn fmt::Write, h: &HeadingMeta) -> fmt::Result {
        write!(out, "</h{}>", h.level)
    }
}

/// Renders a Markdown fragment. Headings start at h2 (the page's h1 is its title): a fragment
/// that uses `#` is shifted down one level.
pub fn render(source: &str, settings: Settings) -> Rendered {
    let options = options(settings.unsafe_html);
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, source, &options);
    drop_comments(root);
    let (ids, broken) = rewrite_nodes(root, source, &settings);
    let sections = sections(root, &ids, !settings.unsafe_html);

    let adapter = Headings {
        ids: Mutex::new(ids),
    };
    let mut plugins = comrak::options::Plugins::default();
    plugins.render.heading_adapter = Some(&adapter);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    // Writing into a String cannot fail.
    let _ = comrak::html::format_document_with_plugins(root, &options, &mut html, &plugins);
    Rendered {
        html: polish_html(html, settings),
        sections,
        broken,
    }
}

/// Rewrites the tree in place before it is written: local links resolved (the missing ones
/// returned), headings shifted below a level-one heading, footnote names prefixed. Returns the
/// heading ids in document order, unique on the page.
fn rewrite_nodes<'a>(
    root: &'a AstNode<'a>,
    source: &str,
    settings: &Settings,
) -> (VecDeque<String>, Vec<BrokenLink>) {
    let shift = root
        .descendants()
        .any(|n| matches!(n.data().value, NodeValue::Heading(ref h) if h.level == 1))
        as u8;
    let mut ids = VecDeque::new();
    let mut used: HashSet<String> = settings.reserved_ids.iter().cloned().collect();
    let mut broken = Vec::new();
    for node in root.descendants() {
        let mut data = node.data_mut();
        let start = data.sourcepos.start;
        match &mut data.value {
            NodeValue::Link(link) | NodeValue::Image(link) => {
                if let Some(links) = &settings.links {
                    match links.resolve(&link.url) {
                        Ok(Some(href)) => link.url = href,
                        Ok(None) => {}
                        Err((message, hint)) => broken.push(BrokenLink::at(
                            source,
                            start.line,
                            start.column,
                            message,
                            hint,
                        )),
                    }
                }
            }
            NodeValue::Heading(h) => {
                h.level = (h.level + shift).min(6);
                drop(data);
                ids.push_back(unique_id(
                    settings.id_prefix,
                    &node.collect_text(),
                    &mut used,
                ));
            }
            NodeValue::FootnoteReference(f) if !settings.id_prefix.is_empty() => {
                f.name = format!("{}{}", settings.id_prefix, f.name);
            }
            NodeValue::FootnoteDefinition(f) if !settings.id_prefix.is_empty() => {
                f.name = format!("{}{}", settings.id_prefix, f.name);
            }
            _ => {}
        }
    }
    (ids, broken)
}

/// The plain text under each top-level heading, with the heading's id (`ids`, in document
/// order) as its anchor.
fn sections<'a>(root: &'a AstNode<'a>, ids: &VecDeque<String>, html_as_text: bool) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    let mut heading_ids = ids.iter();
    for child in root.children() {
        if matches!(child.data().value, NodeValue::Heading(_)) {
            sections.push(Section {
                heading: Some(collapse_space(&child.collect_text())),
                anchor: heading_ids.next().cloned(),
                text: String::new(),
            });
            // Headings nested in lists or quotes are not section breaks but keep the id order.
        } else {
            for n in child.descendants() {
                if matches!(n.data().value, NodeValue::Heading(_)) {
                    heading_ids.next();
                }
            }
            let section = sections.last_mut().expect("sections starts non-empty");
            block_text(child, html_as_text, &mut section.text);
        }
    }
    if sections[0].text.is_empty() && sections.len() > 1 {
        sections.remove(0);
    }
    sections
}

/// Removes HTML comments (`<!-- what to write here -->`): a note to the author, never for the
/// page, also where raw HTML is escaped and would otherwise show it as text.
fn drop_comments<'a>(root: &'a AstNode<'a>) {
    let is_comment = |html: &str| {
        let html = html.trim();
        html.starts_with("<!--") && html.find("-->").is_some_and(|end| end + 3 == html.len())
    };
    let comments: Vec<_> = root
        .descendants()
        .filter(|n| match &n.data().value {
            NodeValue::HtmlBlock(h) => is_comment(&h.literal),
            NodeValue::HtmlInline(h) => is_comment(h),
            _ => false,
        })
        .collect();
    for node in comments {
        node.detach();
    }
}

/// Appends the text of a block as a reader sees it to `out`, a space apart from what is there:
/// soft breaks are spaces, blocks end in a space, each run of whitespace becomes one space. Raw
/// HTML is part of it when it is escaped (`html_as_text`), as the page then shows it as text.
fn block_text<'a>(node: &'a AstNode<'a>, html_as_text: bool, out: &mut String) {
    let mut space = true;
    for n in node.descendants() {
        match &n.data().value {
            NodeValue::Text(t) => push_collapsed(out, t, &mut space),
            NodeValue::Code(c) => push_collapsed(out, &c.literal, &mut space),
            NodeValue::CodeBlock(c) => push_collapsed(out, &c.literal, &mut space),
            NodeValue::HtmlInline(h) if html_as_text => push_collapsed(out, h, &mut space),
            NodeValue::HtmlBlock(h) if html_as_text => {
                push_collapsed(out, &h.literal, &mut space);
                space = true;
            }
            NodeValue::SoftBreak
            | NodeValue::LineBreak
            | NodeValue::Paragraph
            | NodeValue::TableCell
            | NodeValue::Item(_)
            | NodeValue::Heading(_) => space = true,
            _ => {}
        }
    }
}

/// Plain text as HTML, `&`, `<`, `>`, `"` and `'` escaped: for the few places that write HTML
/// themselves (the diff of directions, serve's own pages) rather than through a template.
pub fn escape_html(text: &str, out: &mut String) {
    // Writing into a String cannot fail.
    let _ = write_escaped_html(text, out);
}

/// `escape_html` into any writer: the templates' formatter (`render::theme`) writes each
/// value through it, text and quoted attributes alike.
pub fn write_escaped_html(text: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])?;
        out.write_str(entity)?;
        last = i + 1;
    }
    out.write_str(&text[last..])
}

#[cfg(test)]
const TEST_SETTINGS: Settings = Settings {
    id_prefix: "",
    unsafe_html: false,
    backref_label: "Tillbaka",
    footnotes_label: "Fotnoter",
    table_label: "Tabell",
    reserved_ids: &[],
    links: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use TEST_SETTINGS as S;

    #[test]
    fn escaped_raw_html_is_part_of_the_section_text() {
        let src = "Farligt <img src=x onerror=\"a()\"> och <script>b()</script> innehåll\n";
        let r = render(src, S);
        assert_eq!(
            r.sections[0].text,
            "Farligt <img src=x onerror=\"a()\"> och <script>b()</script> innehåll"
        );
        let r = render(
            src,
            Settings {
                unsafe_html: true,
                ..S
            },
        );
        assert_eq!(r.sections[0].text, "Farligt och b() innehåll");
    }

    #[test]
    fn headings_get_ids_and_sections() {
        let r = render("Inledning.\n\n## Förbättra arbetsmiljön\n\nText\nsom fortsätter.\n\n## Förbättra arbetsmiljön\n", S);
        assert!(
            r.html
                .contains("<h2 id=\"forbattra-arbetsmiljon\">Förbättra arbetsmiljön</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("id=\"forbattra-arbetsmiljon-2\""),
            "{}",
            r.html
        );
        assert_eq!(r.sections[0].text, "Inledning.");
        assert_eq!(
            r.sections[1].anchor.as_deref(),
            Some("forbattra-arbetsmiljon")
        );
        assert_eq!(r.sections[1].text, "Text som fortsätter.");
    }

    #[test]
    fn comments_are_notes_to_the_author_never_shown() {
        for unsafe_html in [false, true] {
            let settings = Settings { unsafe_html, ..S };
            let source = "<!-- Skriv vad som gjorts. -->\n\nText <!-- inline --> här.\n\n<!-- a --> kvar <!-- b -->\n";
            let r = render(source, settings);
            assert!(
                !r.html.contains("Skriv vad") && !r.html.contains("inline"),
                "{}",
                r.html
            );
            assert!(
                r.html.contains("Text") && r.html.contains("här."),
                "{}",
                r.html
            );
            // Text between two comments on one line is kept (escaped, or raw when opted in).
            assert!(r.html.contains("kvar"), "{}", r.html);
            assert!(r.plain_text().contains("Text här."), "{}", r.plain_text());
        }
    }

    #[test]
    fn raw_html_is_escaped_unless_opted_in() {
        let r = render(
            "<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)>",
            S,
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        let r = render(
            "<b>fet</b>",
            Settings {
                unsafe_html: true,
                ..S
            },
        );
        assert!(r.html.contains("<b>fet</b>"));
    }

    #[test]
    fn footnotes_are_prefixed_per_fragment() {
        let r = render(
            "Text[^1].\n\n[^1]: Not.",
            Settings {
                id_prefix: "omr-",
                ..S
            },
        );
        assert!(r.html.contains("id=\"fn-omr-1\""), "{}", r.html);
        assert!(r.html.contains("href=\"#fn-omr-1\""), "{}", r.html);
        assert!(r.html.contains("aria-label=\"Tillbaka 1\""), "{}", r.html);
    }

    #[test]
    fn smart_punctuation_is_off() {
        let r = render("\"citat\" -- och...", S);
        assert!(r.html.contains("&quot;citat&quot; -- och..."), "{}", r.html);
    }
}
