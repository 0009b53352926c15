//! Fix-ups of comrak's HTML: heading ids, valid and accessible markup in the page's language,
//! headings moved down under another heading.

use std::collections::HashSet;

use super::Settings;

/// `prefix` + the slug of `text`, numbered (`-2`, `-3`, …) until it is not in `used`.
pub(super) fn unique_id(prefix: &str, text: &str, used: &mut HashSet<String>) -> String {
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
pub(super) fn polish_html(html: String, settings: Settings) -> String {
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
    use crate::markdown::render;
    use crate::markdown::TEST_SETTINGS as S;

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
