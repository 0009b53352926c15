//! Markdown stage: comrak options in one place; one parse gives the HTML and the plain-text
//! sections that search needs.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::Mutex;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{NodeValue, Sourcepos};
use comrak::{Arena, Options};

mod links;
pub use links::{BrokenLink, Links, Targets};

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

/// A report's body may hold a line `<!-- areas -->`: the text after it (a summary, say)
/// belongs after the report's areas, as in the source document.
pub const AREAS_MARKER: &str = "<!-- areas -->";
const MARKER_TEXT: &str = "uppsikt-areas-marker-7c1f";

/// Renders a report body and splits the HTML at the areas marker: (before, after).
pub fn render_split(source: &str, settings: Settings) -> (Rendered, String) {
    let Some(pos) = marker_line(source) else {
        return (render(source, settings), String::new());
    };
    // One parse for both halves keeps heading ids unique and footnotes numbered once. Blank
    // lines around the stand-in make it a paragraph of its own even where the author wrote the
    // marker right under a line of text.
    let marked: Vec<&str> = source
        .lines()
        .enumerate()
        .flat_map(|(i, l)| {
            if i == pos {
                ["", MARKER_TEXT, ""].to_vec()
            } else {
                [l].to_vec()
            }
        })
        .collect();
    let mut rendered = render(&marked.join("\n"), settings);
    for section in &mut rendered.sections {
        section.text = collapse_space(&section.text.replace(MARKER_TEXT, ""));
    }
    rendered
        .sections
        .retain(|s| s.heading.is_some() || !s.text.is_empty());
    let paragraph = format!("<p>{MARKER_TEXT}</p>\n");
    let after = match rendered.html.split_once(&paragraph) {
        Some((before, after)) => {
            let after = after.to_string();
            rendered.html = before.to_string();
            after
        }
        // Not a paragraph of its own after all (say, inside a footnote): the text stays whole,
        // but the stand-in is never published.
        None => {
            rendered.html = rendered.html.replace(MARKER_TEXT, "");
            String::new()
        }
    };
    (rendered, after)
}

/// The line that holds the areas marker: on its own, at the top level (indented less than a
/// code block), and not inside a fenced code block, where it is an example, not the marker.
fn marker_line(source: &str) -> Option<usize> {
    let mut fence: Option<(u8, usize)> = None;
    for (i, line) in source.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line.trim_start_matches(' ');
        let run = |b: u8| rest.bytes().take_while(|&c| c == b).count();
        if indent < 4 {
            for b in [b'`', b'~'] {
                let n = run(b);
                match fence {
                    None if n >= 3 => fence = Some((b, n)),
                    Some((f, open)) if f == b && n >= open && rest[n..].trim().is_empty() => {
                        fence = None
                    }
                    _ => continue,
                }
                break;
            }
        }
        if fence.is_none() && indent < 4 && rest.trim_end() == AREAS_MARKER {
            return Some(i);
        }
    }
    None
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
            block_text(child, !settings.unsafe_html, &mut section.text);
        }
    }
    if sections[0].text.is_empty() && sections.len() > 1 {
        sections.remove(0);
    }

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

/// Removes HTML comments (`<!-- what to write here -->`): a note to the author, never for the
/// page, also where raw HTML is escaped and would otherwise show it as text.
fn drop_comments<'a>(root: &'a comrak::nodes::AstNode<'a>) {
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
fn block_text<'a>(node: &'a comrak::nodes::AstNode<'a>, html_as_text: bool, out: &mut String) {
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

/// `s` with each run of whitespace (as `char::is_whitespace`) made one space, and trimmed.
/// Runs on all text of every page: ASCII bytes are tested as bytes, words copied whole.
pub fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s, &mut false);
    out
}

/// Appends `s` to `out` with each run of whitespace made one space. `space` carries a space owed
/// before the next word from one call to the next; none is written at the start of `out`.
/// Runs on all text of every page, so text whose words are one ASCII space apart is copied in
/// whole stretches; only bytes that may start whitespace are looked at closely.
fn push_collapsed(out: &mut String, s: &str, space: &mut bool) {
    if is_plain(s.as_bytes()) {
        // Words one space apart: the text is its own collapsed form, but for the ends.
        let words = s.trim_matches(' ');
        if s.starts_with(' ') {
            *space = true;
        }
        if !words.is_empty() {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(words);
            *space = s.ends_with(' ');
        }
        return;
    }
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let (white, len) = whitespace_at(s, i);
        if white {
            *space = true;
            i += len;
            continue;
        }
        let start = i;
        i += len;
        loop {
            while i < n && !MAY_START_WHITESPACE[b[i] as usize] {
                i += 1;
            }
            if i == n {
                break;
            }
            let (white, len) = whitespace_at(s, i);
            if !white {
                i += len;
            } else if b[i] == b' ' && i + 1 < n && !whitespace_at(s, i + 1).0 {
                // One space between two words: part of the stretch.
                i += 1;
            } else {
                break;
            }
        }
        if *space && !out.is_empty() {
            out.push(' ');
        }
        *space = false;
        out.push_str(&s[start..i]);
    }
}

/// Whether `b` has no byte that may begin whitespace (`MAY_START_WHITESPACE`) other than single
/// spaces: most text nodes. Written without early exit or table, so that it compiles to vector
/// compares (the Markdown stage of 1,000 pages went from 46–47 to 41–43 ms).
fn is_plain(b: &[u8]) -> bool {
    let special = b.iter().fold(false, |bad, &c| {
        bad | (c < b' ') | (c == 0xc2) | (c.wrapping_sub(0xe1) < 3)
    });
    let doubled = b
        .iter()
        .zip(b.iter().skip(1))
        .fold(false, |bad, (&x, &y)| bad | ((x == b' ') & (y == b' ')));
    !special && !doubled
}

/// Bytes that may begin a whitespace character: ASCII controls and space, and the lead bytes of
/// the other Unicode whitespace (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000). Continuation bytes never match, so a match is at a character boundary.
const MAY_START_WHITESPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i <= 0x20 {
        t[i] = true;
        i += 1;
    }
    t[0xc2] = true;
    t[0xe1] = true;
    t[0xe2] = true;
    t[0xe3] = true;
    t
};

/// (is whitespace, length in bytes) of the character at byte `i` of `s` (a character boundary).
fn whitespace_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (matches!(b, b'\t'..=b'\r' | b' '), 1)
    } else {
        let c = s[i..].chars().next().unwrap_or_default();
        (c.is_whitespace(), c.len_utf8())
    }
}

fn unique_id(prefix: &str, text: &str, used: &mut HashSet<String>) -> String {
    let base = crate::slug::slugify(text);
    let base = if base.is_empty() {
        "avsnitt".to_string()
    } else {
        base
    };
    let mut id = format!("{prefix}{base}");
    let mut n = 1;
    while !used.insert(id.clone()) {
        n += 1;
        id = format!("{prefix}{base}-{n}");
    }
    id
}

/// Small fixes to comrak's HTML for valid, accessible, localised pages: `align` is obsolete in
/// HTML5, wide tables scroll in their own box (reflow at 320 px), footnote back-links speak
/// the page's language, and a task list's state is a ballot-box character (☑/☐, which screen
/// readers name), not an unlabelled disabled checkbox (axe: "Form elements must have labels").
fn polish_html(html: String, settings: Settings) -> String {
    let footnotes = format!(
        "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">{}</h2>",
        settings.footnotes_label
    );
    let backref = format!(" aria-label=\"{} ", settings.backref_label);
    let table = format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table>",
        settings.table_label
    );
    let rules: [(&str, &str); 9] = [
        (
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            "<span class=\"task\">\u{2611}</span>",
        ),
        (
            "<input type=\"checkbox\" disabled=\"\" />",
            "<span class=\"task\">\u{2610}</span>",
        ),
        (" align=\"right\"", " class=\"num\""),
        (" align=\"center\"", " class=\"center\""),
        (" align=\"left\"", ""),
        ("<section class=\"footnotes\" data-footnotes>", &footnotes),
        ("<table>", &table),
        ("</table>", "</table></div>"),
        (" aria-label=\"Back to reference ", &backref),
    ];
    replace_all(&html, &rules).unwrap_or(html)
}

/// Replaces every occurrence of each `(from, to)` in one pass; None when nothing matched, so
/// the common case allocates nothing. Every pattern lies inside one tag and starts at its `<`
/// or at a space within it, so the text between tags is skipped whole.
fn replace_all(text: &str, rules: &[(&str, &str)]) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut next = 0;
    while let Some(lt) = text[next..].find('<') {
        let lt = next + lt;
        let end = text[lt..].find('>').map_or(text.len(), |e| lt + e + 1);
        let mut i = lt;
        while i < end {
            if bytes[i] == b'<' || bytes[i] == b' ' {
                // The second byte rules out most rules before a full comparison.
                let second = bytes.get(i + 1);
                if let Some((from, to)) = rules.iter().find(|(from, _)| {
                    from.as_bytes().get(1) == second && bytes[i..].starts_with(from.as_bytes())
                }) {
                    let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 256));
                    o.push_str(&text[copied..i]);
                    o.push_str(to);
                    i += from.len();
                    copied = i;
                    continue;
                }
            }
            i += 1;
        }
        next = end.max(i);
    }
    let mut o = out?;
    o.push_str(&text[copied..]);
    Some(o)
}

/// Moves every heading down `by` levels (h2 → h3), for a fragment placed under another
/// heading. Only comrak's own tags are touched: text is escaped, so `<h2` cannot occur in it.
/// Runs on every area's text of every report page: only the level digits change, so the text
/// between them is copied in whole runs.
pub fn shift_headings(html: &str, by: u8) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(lt) = html[from..].find('<') {
        // `<h2 …>` or `</h2>`: where the level digit is.
        let h = from + lt + 1 + (b.get(from + lt + 1) == Some(&b'/')) as usize;
        if by > 0
            && b.get(h) == Some(&b'h')
            && matches!(b.get(h + 1), Some(b'1'..=b'6'))
            && matches!(b.get(h + 2), Some(b' ' | b'>'))
        {
            out.push_str(&html[copied..=h]);
            out.push(char::from(b[h + 1].saturating_add(by).min(b'6')));
            copied = h + 2;
        }
        from += lt + 1;
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Settings = Settings {
        id_prefix: "",
        unsafe_html: false,
        backref_label: "Tillbaka",
        footnotes_label: "Fotnoter",
        table_label: "Tabell",
        reserved_ids: &[],
        links: None,
    };

    #[test]
    fn collapse_space_is_split_whitespace_joined() {
        for s in [
            "",
            "  ",
            "ett",
            " två  ord\t\n",
            "a\u{0B}b\u{0C}c\rd",
            "å\u{A0}ä\u{2003}ö\u{3000}x\u{85}y",
            "\u{200B}noll-bredd\u{200B} är inget blanksteg",
            "två  mellanslag och slut ",
            " början,\u{A0}hårt\u{2009}smalt\u{205F}och\u{1680}ogham",
            "ord \u{2028}rad\u{3000} ",
            "\u{1}kontroll\u{1F} tecken",
        ] {
            assert_eq!(
                collapse_space(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }

    #[test]
    fn collapse_space_agrees_with_split_whitespace_on_mixed_text() {
        // Every mix of words, single and repeated spaces and other whitespace, in short strings.
        let pieces = [
            "ord", "å", " ", "  ", "\t", "\n", "\u{A0}", "\u{2003}", "é", "\u{1}", "x",
        ];
        let mut state = 0x9e37_79b9u32;
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                s.push_str(pieces[state as usize % pieces.len()]);
            }
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_space(&s), want, "{s:?}");
        }
    }

    #[test]
    fn collapsing_in_pieces_is_collapsing_the_whole() {
        // As block_text calls it: one text node after another, the owed space carried along.
        let pieces = [
            "ord", "två ord", " ", "  ", "\t", "å ä", "\u{A0}", "é", " sist ", "x",
        ];
        let mut state = 0x2545_f491u32;
        for _ in 0..5000 {
            let (mut whole, mut out, mut space) = (String::new(), String::new(), false);
            for _ in 0..6 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let p = pieces[state as usize % pieces.len()];
                whole.push_str(p);
                push_collapsed(&mut out, p, &mut space);
            }
            let want = whole.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(out, want, "{whole:?}");
        }
        assert!(is_plain(b"ett tv\xc3\xa5 ord") && !is_plain(b"a  b") && !is_plain(b"a\tb"));
        // The same bytes as the slow path's table, but for the single space.
        for c in 0..=255u8 {
            assert_eq!(
                is_plain(&[c]),
                !MAY_START_WHITESPACE[c as usize] || c == b' ',
                "{c:#x}"
            );
        }
    }

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
    fn tables_scroll_and_align_without_obsolete_attributes() {
        let r = render("| a | tkr |\n|---|---:|\n| x | 100 |\n", S);
        assert!(r.html.contains("class=\"table-wrap\""));
        assert!(r.html.contains("<td class=\"num\">100</td>"), "{}", r.html);
        assert!(!r.html.contains("align="));
    }

    #[test]
    fn task_lists_show_their_state_without_unlabelled_checkboxes() {
        let r = render("- [x] Klart\n- [ ] Kvar\n", S);
        assert!(!r.html.contains("<input"), "{}", r.html);
        assert!(r.html.contains("\u{2611}</span> Klart"), "{}", r.html);
        assert!(r.html.contains("\u{2610}</span> Kvar"), "{}", r.html);
    }

    #[test]
    fn the_areas_marker_splits_even_right_under_a_line_of_text() {
        let (before, after) = render_split("Inledning.\n<!-- areas -->\nSammanfattning.", S);
        assert!(!before.html.contains(MARKER_TEXT) && !after.contains(MARKER_TEXT));
        assert!(before.html.contains("Inledning.") && !before.html.contains("Sammanfattning"));
        assert!(after.contains("Sammanfattning."), "{after}");
    }

    #[test]
    fn an_areas_marker_in_a_code_block_is_an_example_not_the_marker() {
        let source = "Så här:\n\n```\n<!-- areas -->\n```\n\nSlut.";
        let (before, after) = render_split(source, S);
        assert!(after.is_empty(), "{after}");
        assert!(
            before.html.contains("&lt;!-- areas --&gt;"),
            "{}",
            before.html
        );
        assert!(!before.html.contains(MARKER_TEXT));
        let indented = "Kod:\n\n    <!-- areas -->\n\nSlut.";
        assert!(render_split(indented, S).1.is_empty());
    }

    #[test]
    fn the_areas_marker_stand_in_is_never_published() {
        // Inside a footnote the stand-in cannot be a paragraph of the body.
        let source = "Text[^1].\n\n[^1]: Not.\n<!-- areas -->\n";
        let (before, after) = render_split(source, S);
        assert!(!before.html.contains(MARKER_TEXT) && !after.contains(MARKER_TEXT));
        assert!(before
            .sections
            .iter()
            .all(|s| !s.text.contains(MARKER_TEXT)));
    }

    #[test]
    fn the_areas_marker_splits_a_report_body() {
        let (before, after) = render_split("## Bakgrund\n\nText[^1].\n\n<!-- areas -->\n\n## Sammanfattning\n\nSlut.\n\n[^1]: Not.", S);
        assert!(
            before.html.contains("Bakgrund") && !before.html.contains("Sammanfattning"),
            "{}",
            before.html
        );
        assert!(
            after.contains("<h2 id=\"sammanfattning\">") && after.contains("id=\"fn-1\""),
            "{after}"
        );
        assert!(!before.html.contains("marker") && !after.contains("marker"));
        assert_eq!(
            before
                .sections
                .iter()
                .filter_map(|s| s.heading.as_deref())
                .collect::<Vec<_>>(),
            ["Bakgrund", "Sammanfattning"]
        );
    }

    #[test]
    fn reserved_ids_are_avoided() {
        let r = render(
            "## IT\n",
            Settings {
                reserved_ids: &["it".to_string()],
                ..S
            },
        );
        assert!(r.html.contains("<h2 id=\"it-2\">"), "{}", r.html);
    }

    #[test]
    fn smart_punctuation_is_off() {
        let r = render("\"citat\" -- och...", S);
        assert!(r.html.contains("&quot;citat&quot; -- och..."), "{}", r.html);
    }

    #[test]
    fn level_one_headings_are_shifted_and_can_be_moved_down() {
        let r = render("# Rubrik\n", S);
        assert!(r.html.contains("<h2 id=\"rubrik\">"), "{}", r.html);
        assert!(shift_headings(&r.html, 1).contains("<h3 id=\"rubrik\">Rubrik</h3>"));
        assert_eq!(
            shift_headings("<h6>x</h6><hr><p>ö</p>", 1),
            "<h6>x</h6><hr><p>ö</p>"
        );
        assert_eq!(
            shift_headings("<h2 id=\"a\">å</h2>", 2),
            "<h4 id=\"a\">å</h4>"
        );
    }
}
