//! What the comparison pages and the summaries show: the text of a rendered fragment as plain
//! blocks, an entry's first paragraph, and two directions diffed word by word.

use similar::{ChangeTag, TextDiff};

/// Labels of the changed words, read by screen readers (the marks themselves are not).
pub(super) struct DiffLabels<'a> {
    pub removed: &'a str,
    pub added: &'a str,
    pub end: &'a str,
}

/// The text of our own rendered HTML, one line per block (paragraph, list item, heading, table
/// row), tags dropped and the escapes comrak writes undone.
pub(super) fn text_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if matches!(
            name,
            "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr" | "br" | "blockquote"
        ) {
            out.push('\n');
        } else if matches!(name, "td" | "th") {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    let text = unescape(&out);
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The plain text of the first paragraph of an entry's rendered text, without footnote marks;
/// empty when it has none.
pub(super) fn first_paragraph(html: &str) -> String {
    let Some(start) = html.find("<p>") else {
        return String::new();
    };
    let inner = &html[start + 3..];
    let inner = &inner[..inner.find("</p>").unwrap_or(inner.len())];
    // Footnote references are links to the note: a number without it.
    let mut kept = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(i) = rest.find("<sup class=\"footnote-ref\">") {
        kept.push_str(&rest[..i]);
        rest = match rest[i..].find("</sup>") {
            Some(end) => &rest[i + end + "</sup>".len()..],
            None => "",
        };
    }
    kept.push_str(rest);
    text_blocks(&kept).replace('\n', " ")
}

/// Escapes text for HTML.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The earlier and the later text as HTML paragraphs, words the later one dropped in `<del>`
/// in the first and words it added in `<ins>` in the second. Both texts are lines of words
/// (`text_blocks`); the diff is of words, so a changed word is marked whole.
pub(super) fn word_diff(old: &str, new: &str, labels: &DiffLabels) -> (String, String) {
    let diff = TextDiff::from_words(old, new);
    let mut old_side: Vec<(bool, &str)> = Vec::new();
    let mut new_side: Vec<(bool, &str)> = Vec::new();
    for change in diff.iter_all_changes() {
        let token = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                old_side.push((false, token));
                new_side.push((false, token));
            }
            ChangeTag::Delete => old_side.push((true, token)),
            ChangeTag::Insert => new_side.push((true, token)),
        }
    }
    (
        side_html(
            &old_side,
            "del",
            "diff-cue",
            "−",
            labels.removed,
            labels.end,
        ),
        side_html(&new_side, "ins", "diff-cue", "+", labels.added, labels.end),
    )
}

/// One side's tokens as paragraphs (a token holding a line break ends one), each run of
/// changed words in one `tag` with a visible cue and words for screen readers.
fn side_html(
    tokens: &[(bool, &str)],
    tag: &str,
    cue_class: &str,
    cue: &str,
    label: &str,
    end: &str,
) -> String {
    let mut out = String::from("<p>");
    let mut open = false;
    let close = |out: &mut String, open: &mut bool| {
        if *open {
            out.push_str(&format!(
                "<span class=\"visually-hidden\"> {end}</span></{tag}>"
            ));
            *open = false;
        }
    };
    for (i, &(changed, token)) in tokens.iter().enumerate() {
        let space = token.trim().is_empty();
        if space && token.contains('\n') {
            close(&mut out, &mut open);
            out.push_str("</p>\n<p>");
            continue;
        }
        // A space between two changed words belongs to their run.
        let next_changed = tokens
            .get(i + 1)
            .is_some_and(|(c, t)| *c && !t.contains('\n'));
        let in_run = if space { open && next_changed } else { changed };
        if in_run && !open {
            out.push_str(&format!(
                "<{tag}><span class=\"{cue_class}\" aria-hidden=\"true\">{cue}</span><span class=\"visually-hidden\">{label} </span>"
            ));
            open = true;
        } else if !in_run {
            close(&mut out, &mut open);
        }
        escape(token, &mut out);
    }
    close(&mut out, &mut open);
    out.push_str("</p>");
    out.replace("<p></p>", "").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: DiffLabels = DiffLabels {
        removed: "borttaget:",
        added: "tillagt:",
        end: "slut",
    };

    #[test]
    fn blocks_keep_paragraphs_and_undo_escapes() {
        let html = "<p>Fler &amp; <em>bättre</em>\nelever.</p>\n<ul>\n<li>Ett</li>\n<li>Två &lt;3</li>\n</ul>\n";
        assert_eq!(text_blocks(html), "Fler & bättre elever.\nEtt\nTvå <3");
    }

    #[test]
    fn first_paragraph_skips_headings_and_footnote_marks() {
        let html = "<h2 id=\"a\">Genomfört</h2>\n<p>Socialpedagoger arbetar<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> med elever.</p>\n<p>Mer.</p>";
        assert_eq!(first_paragraph(html), "Socialpedagoger arbetar med elever.");
        assert_eq!(first_paragraph("<h2>Bara rubrik</h2>"), "");
    }

    #[test]
    fn changed_words_are_marked_whole_on_their_side() {
        let (old, new) = word_diff(
            "Fler elever ska nå målen.",
            "Alla elever ska nå målen i tid.",
            &LABELS,
        );
        assert!(old.contains("<del><span class=\"diff-cue\" aria-hidden=\"true\">−</span><span class=\"visually-hidden\">borttaget: </span>Fler<span class=\"visually-hidden\"> slut</span></del> elever"), "{old}");
        assert!(!old.contains("<ins>"));
        assert!(new.contains(">Alla<"), "{new}");
        assert!(
            new.contains("</span>i tid.<span"),
            "adjacent added words form one run: {new}"
        );
        assert!(!new.contains("<del>"));
    }

    #[test]
    fn paragraphs_survive_the_diff_and_text_is_escaped() {
        let (old, new) = word_diff("Ett <b>\nTvå", "Ett <b>\nTre", &LABELS);
        assert!(old.starts_with("<p>Ett &lt;b&gt;</p>\n<p>"), "{old}");
        assert!(new.contains("Tre"), "{new}");
        let (same, _) = word_diff("Lika text.", "Lika text.", &LABELS);
        assert_eq!(same, "<p>Lika text.</p>");
    }
}
