//! The comparison pages and the summaries: the text of a rendered fragment as plain blocks, an
//! entry's first paragraph, two directions diffed word by word, and each comparison's values.

use std::collections::HashMap;

use minijinja::value::Serde;
use minijinja::Value;
use similar::{ChangeTag, TextDiff};

use super::values::{change_view, Inputs, Values};
use super::views::{ChangeView, CompareLink, Comparison, ComparisonView, Side};
use crate::model::{Area, EntryRef, Site, TimelineItem};

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
    // Line breaks in the source are spaces; only block ends break lines.
    let text =
        |t: &str, out: &mut String| out.extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }));
    while let Some(lt) = rest.find('<') {
        text(&rest[..lt], &mut out);
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
    text(rest, &mut out);
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
        crate::markdown::escape_html(token, &mut out);
    }
    close(&mut out, &mut open);
    out.push_str("</p>");
    out.replace("<p></p>", "").trim().to_string()
}

pub(super) type CompareLinks = HashMap<EntryRef, Vec<CompareLink>>;

/// The comparison page of two consecutive entries of a lineage.
fn compare_url(site: &Site, earlier: EntryRef, later: EntryRef) -> String {
    let l = &site.reports[later.report].entries[later.entry];
    let e = &site.reports[earlier.report].entries[earlier.entry];
    crate::paths::comparison(&l.url, &e.area)
}

/// Each entry's links to its comparisons with the entries before it and after it.
pub(super) fn compare_links(
    site: &Site,
    pairs: &[(EntryRef, EntryRef)],
) -> (CompareLinks, CompareLinks) {
    let link = |other: EntryRef, url: String| {
        let r = &site.reports[other.report];
        CompareLink {
            url,
            year: r.year,
            title: r.entries[other.entry].title.clone(),
            committee: r.committee.clone(),
        }
    };
    let mut previous: CompareLinks = HashMap::new();
    let mut next: CompareLinks = HashMap::new();
    for &(a, b) in pairs {
        previous
            .entry(b)
            .or_default()
            .push(link(a, compare_url(site, a, b)));
        next.entry(a)
            .or_default()
            .push(link(b, compare_url(site, a, b)));
    }
    (previous, next)
}

/// Each comparison page's pair, URL and title. Its context (`Comparer::context`, the
/// directions diffed) is made when the page is rendered, so that a build never holds every
/// comparison's diff at once.
pub(super) fn comparisons(inputs: &Inputs, pairs: &[(EntryRef, EntryRef)]) -> Vec<Comparison> {
    pairs
        .iter()
        .map(|&(a, b)| Comparison {
            earlier: a,
            later: b,
            url: compare_url(inputs.site, a, b),
            title: comparison_title(inputs, a, b),
        })
        .collect()
}

/// Makes comparison pages' contexts from the values of the entries compared.
pub(super) struct Comparer<'a> {
    inputs: &'a Inputs<'a>,
    values: &'a Values,
    /// Each area's index in `Site::areas`, by id.
    areas: HashMap<&'a str, usize>,
    labels: [String; 3],
}

impl<'a> Comparer<'a> {
    pub fn new(inputs: &'a Inputs<'a>, values: &'a Values) -> Self {
        let areas = (inputs.site.areas.iter().enumerate())
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let labels = ["diff_removed", "diff_added", "diff_end"].map(|k| inputs.text.get(k));
        Comparer {
            inputs,
            values,
            areas,
            labels,
        }
    }

    /// The context of the page comparing the entries `a` (earlier) and `b`.
    pub fn context(&self, (a, b): (EntryRef, EntryRef)) -> Value {
        let Comparer { inputs, values, .. } = *self;
        let site = inputs.site;
        let entry = |r: EntryRef| &site.reports[r.report].entries[r.entry];
        let (old, new) = (entry(a), entry(b));
        let direction = |r: EntryRef| {
            values.entry[r.report][r.entry]
                .get_attr("direction_html")
                .unwrap_or_default()
        };
        let (old_html, new_html) = if old.direction.is_some() && new.direction.is_some() {
            let text = |r: EntryRef| text_blocks(direction(r).as_str().unwrap_or(""));
            let [removed, added, end] = &self.labels;
            let labels = DiffLabels {
                removed,
                added,
                end,
            };
            let (o, n) = word_diff(&text(a), &text(b), &labels);
            (Value::from_safe_string(o), Value::from_safe_string(n))
        } else {
            // One side states no direction: the other is shown as it is, unmarked.
            (direction(a), direction(b))
        };
        let area = self.areas.get(new.area.as_str()).copied();
        let side = |r: EntryRef, direction_diff: Value| Side {
            entry: values.entry[r.report][r.entry].clone(),
            report: values.report[r.report].clone(),
            direction_diff,
        };
        let view = ComparisonView {
            earlier: side(a, old_html),
            later: side(b, new_html),
            change: area.and_then(|i| change_between(inputs, &old.area, &site.areas[i])),
            area: Value::from(area.map(|i| values.areas[i].clone())),
        };
        Value::from(Serde(&view))
    }
}

/// How `later` formed from the area `earlier`, told as its timeline tells it; none when they
/// are the same area.
fn change_between(inputs: &Inputs, earlier: &str, later: &Area) -> Option<ChangeView> {
    if earlier == later.id {
        return None;
    }
    later.timeline.iter().find_map(|item| match item {
        TimelineItem::Change {
            kind,
            area,
            from,
            siblings,
        } if *area == later.id && from.iter().any(|f| f == earlier) => {
            Some(change_view(inputs.areas, *kind, area, from, siblings))
        }
        _ => None,
    })
}

/// "Jämförelse: Elever med hög frånvaro 2025 och 2026", with both titles when they differ.
fn comparison_title(inputs: &Inputs, a: EntryRef, b: EntryRef) -> String {
    let Inputs { site, text, .. } = *inputs;
    let (ra, rb) = (&site.reports[a.report], &site.reports[b.report]);
    let (old, new) = (&ra.entries[a.entry].title, &rb.entries[b.entry].title);
    let (ya, yb, and) = (ra.year, rb.year, text.get("and"));
    let title = if old == new {
        format!("{new} {ya} {and} {yb}")
    } else {
        format!("{old} {ya} {and} {new} {yb}")
    };
    format!("{}: {title}", text.get("compare_title"))
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
            new.contains("</span>målen i tid.<span"),
            "adjacent changed words form one run: {new}"
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
