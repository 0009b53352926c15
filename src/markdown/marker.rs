//! The areas marker: a line `<!-- areas -->` in a report's body splits it around the areas.

use super::{render, whitespace::collapse_space, Rendered, Settings};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TEST_SETTINGS as S;

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
}
