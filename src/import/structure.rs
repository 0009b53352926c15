//! The document's structure, found the way a reader finds it: the title, the report's own text,
//! the areas (numbered headings, headings with the names of known areas, or the headings of an
//! "Uppföljning per område" part), each area's direction, and the text after the areas.

use super::doc::{Block, Document};
use super::lines::{name_key, strip_number};
use super::markdown::unescape;
use super::notes::{attach_refs, heading_refs};

#[derive(Debug, Default)]
pub struct Draft {
    pub title: Option<String>,
    pub intro: Vec<Block>,
    pub areas: Vec<AreaDraft>,
    pub outro: Vec<Block>,
    /// Footnote references taken off a heading that became a title (`[^2]`, the heading):
    /// they stand at the end of the first paragraph below it now.
    pub moved_notes: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct AreaDraft {
    /// The heading as written, without its number ("Läsa, skriva, räkna"), plain text.
    pub title: String,
    /// The committee's direction, Markdown.
    pub direction: Option<String>,
    /// Why the direction was taken, for the printout; None when there is none.
    pub direction_why: Option<DirectionFound>,
    pub body: Vec<Block>,
}

/// Where an area's direction was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DirectionFound {
    UnderHeading,
    Labelled,
    Indented,
    RepeatsIntro,
    Emphasised,
}

impl DirectionFound {
    pub fn text(self, lang: crate::messages::Lang) -> String {
        use crate::messages as m;
        match self {
            DirectionFound::UnderHeading => m::direction_under_heading(lang),
            DirectionFound::Labelled => m::direction_labelled(lang),
            DirectionFound::Indented => m::direction_indented(lang),
            DirectionFound::RepeatsIntro => m::direction_repeats_intro(lang),
            DirectionFound::Emphasised => m::direction_emphasised(lang),
        }
    }
}

/// Headings that end the areas: what follows belongs to the report again.
const CLOSING: &[&str] = &[
    "sammanfattning",
    "sammanställning",
    "avslutning",
    "avslutande",
    "slutsats",
    "slutord",
    "samlad bedömning",
    "ekonomisk bedömning",
    "förslag till beslut",
    "styrkor",
    "risker",
    "tidplan",
    "bilaga",
    "beslutet ska skickas",
];

/// Section names that are not a document's title.
const SECTIONS: &[&str] = &[
    "bakgrund",
    "inledning",
    "sammanfattning",
    "ärendebeskrivning",
    "syfte",
];

pub fn find(doc: &Document, narrow: &[bool], known: &[String]) -> Draft {
    let known: Vec<String> = known.iter().map(|k| name_key(k)).collect();
    let mut blocks: Vec<(Block, bool)> = doc
        .blocks
        .iter()
        .cloned()
        .zip(narrow.iter().copied().chain(std::iter::repeat(false)))
        .collect();
    // The heading the format marks as the title (Word's Title style); else a first heading
    // followed by another; Word's title property (often left from a template) only when the
    // text has none.
    let mut title = None;
    let mut title_refs = String::new();
    let marked = doc
        .title_block
        .filter(|&i| matches!(blocks.get(i), Some((Block::Heading { .. }, _))));
    if let Some((Block::Heading { text, .. }, _)) = marked.map(|i| blocks.remove(i)) {
        let (text, refs) = heading_refs(&text);
        title = Some(unescape(&text).trim().to_string());
        title_refs = refs;
    } else if let [(Block::Heading { text, .. }, _), (Block::Heading { .. }, _), ..] =
        blocks.as_slice()
    {
        if !SECTIONS.contains(&name_key(&unescape(text)).as_str()) {
            let (text, refs) = heading_refs(text);
            title = Some(unescape(&text).trim().to_string());
            title_refs = refs;
            blocks.remove(0);
        }
    }
    let mut moved_notes = Vec::new();
    if let Some(title) = title.as_ref().filter(|_| !title_refs.is_empty()) {
        moved_notes.push((title_refs.clone(), title.clone()));
    }
    if title.is_none() {
        title = Some(doc.title.trim().to_string()).filter(|t| !t.is_empty());
    }
    let headings: Vec<(usize, u8, String)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, (b, _))| match b {
            Block::Heading { level, text } => Some((i, *level, unescape(text))),
            _ => None,
        })
        .collect();
    let (areas_at, end) = area_headings(&headings, &known);
    let Some(&first) = areas_at.first() else {
        let mut intro = blocks.into_iter().map(|(b, _)| b).collect();
        attach_refs(&mut intro, &title_refs);
        return Draft {
            title,
            intro,
            moved_notes,
            ..Draft::default()
        };
    };
    let end = end.unwrap_or(blocks.len());
    let mut intro: Vec<Block> = blocks[..first].iter().map(|(b, _)| b.clone()).collect();
    let intro_text = plain(&intro);
    attach_refs(&mut intro, &title_refs);
    let mut areas = Vec::new();
    for (k, &at) in areas_at.iter().enumerate() {
        let stop = areas_at.get(k + 1).copied().unwrap_or(end);
        let Block::Heading { text, .. } = &blocks[at].0 else {
            continue;
        };
        let (heading, refs) = heading_refs(text);
        let mut area = area(&unescape(&heading), &blocks[at + 1..stop], &intro_text);
        if !refs.is_empty() {
            attach_refs(&mut area.body, &refs);
            moved_notes.push((refs, area.title.clone()));
        }
        areas.push(area);
    }
    Draft {
        title,
        intro,
        areas,
        outro: blocks[end..].iter().map(|(b, _)| b.clone()).collect(),
        moved_notes,
    }
}

/// The block indices of the area headings, and where the areas end (None: at the end).
fn area_headings(
    headings: &[(usize, u8, String)],
    known: &[String],
) -> (Vec<usize>, Option<usize>) {
    // Numbered areas: "1. …", "2. …" in order; the headings after the last that the earlier
    // areas also had ("Ansvar", "Mål och förväntade effekter") belong to it.
    let mut numbered = Vec::new();
    for (k, (i, _, text)) in headings.iter().enumerate() {
        if strip_number(text) != text.trim() && number_of(text) == Some(numbered.len() + 1) {
            numbered.push((k, *i));
        }
    }
    if numbered.len() >= 2 {
        let first_k = numbered[0].0;
        let last_k = numbered[numbered.len() - 1].0;
        let inside: std::collections::HashSet<String> = headings[first_k..last_k]
            .iter()
            .map(|h| name_key(&h.2))
            .collect();
        let end = headings[last_k + 1..]
            .iter()
            .find(|h| !inside.contains(&name_key(&h.2)))
            .map(|h| h.0);
        return (numbered.into_iter().map(|(_, i)| i).collect(), end);
    }
    let is_known = |t: &str| {
        let key = name_key(t);
        known
            .iter()
            .any(|n| key == *n || contains_phrase(&key, n) && n.len() >= 6)
    };
    let per_area = headings.iter().position(|h| {
        let key = name_key(&h.2);
        key.contains("per område") || key.ends_with("områden") || key.ends_with("områdena")
    });
    let first_known = headings.iter().position(|h| is_known(&h.2));
    let start = match (first_known, per_area.map(|p| p + 1)) {
        (Some(a), Some(b)) if b < headings.len() => a.min(b),
        (Some(a), _) => a,
        (None, Some(b)) if b < headings.len() => b,
        _ => return (Vec::new(), None),
    };
    let level = headings[start].1;
    let mut at = Vec::new();
    let mut end = None;
    for h in &headings[start..] {
        let key = name_key(&h.2);
        if h.1 < level
            || (h.1 == level && CLOSING.iter().any(|c| key.starts_with(c)) && !is_known(&h.2))
        {
            end = Some(h.0);
            break;
        }
        if h.1 == level {
            at.push(h.0);
        }
    }
    (at, end)
}

fn number_of(text: &str) -> Option<usize> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Whether `phrase` occurs in `text` as whole words.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(pos, _)| {
        let before = text[..pos].chars().next_back();
        let after = text[pos + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// One area: its direction (a first paragraph headed or labelled "Inriktning", set apart from
/// the body text, or repeating the report's own text about the direction) and its body.
fn area(heading: &str, blocks: &[(Block, bool)], intro: &str) -> AreaDraft {
    let title = strip_number(heading.trim()).to_string();
    let mut body: Vec<Block> = blocks.iter().map(|(b, _)| b.clone()).collect();
    let mut direction = None;
    let mut why = None;
    match blocks.first() {
        Some((Block::Heading { text, .. }, _))
            if name_key(&unescape(text)).starts_with("inriktning")
                || name_key(&unescape(text)).starts_with("nämndens inriktning") =>
        {
            let n = blocks[1..]
                .iter()
                .take_while(|(b, _)| !matches!(b, Block::Heading { .. }))
                .count();
            let parts: Vec<String> = blocks[1..1 + n]
                .iter()
                .filter_map(|(b, _)| match b {
                    Block::Paragraph(t) => Some(t.clone()),
                    _ => None,
                })
                .collect();
            if !parts.is_empty() {
                direction = Some(parts.join("\n\n"));
                why = Some(DirectionFound::UnderHeading);
                body.drain(..1 + n);
            }
        }
        Some((Block::Paragraph(t), narrow)) => {
            let plain_t = unescape(t);
            let label = ["Inriktning:", "Nämndens inriktning:", "Inriktning –"]
                .iter()
                .find_map(|l| plain_t.strip_prefix(l));
            if label.is_some() {
                let cut = t
                    .find(':')
                    .or_else(|| t.find('–'))
                    .map_or(0, |p| p + t[p..].chars().next().map_or(1, char::len_utf8));
                direction = Some(t[cut..].trim().to_string());
                why = Some(DirectionFound::Labelled);
            } else if *narrow {
                direction = Some(t.clone());
                why = Some(DirectionFound::Indented);
            } else if overlap(&plain_t, intro) >= 0.5 {
                direction = Some(t.clone());
                why = Some(DirectionFound::RepeatsIntro);
            } else if emphasised(t) {
                direction = Some(t.clone());
                why = Some(DirectionFound::Emphasised);
            }
            if direction.is_some() {
                body.remove(0);
            }
        }
        _ => {}
    }
    AreaDraft {
        title,
        direction,
        direction_why: why,
        body,
    }
}

fn emphasised(t: &str) -> bool {
    let t = t.trim();
    ["**", "*", "_"].iter().any(|m| {
        t.len() > 2 * m.len() + 10
            && t.starts_with(m)
            && t.ends_with(m)
            && !t[m.len()..t.len() - m.len()].contains(m)
    })
}

/// The share of the paragraph's word pairs that the other text also has.
pub fn overlap(paragraph: &str, other: &str) -> f64 {
    let pairs = |s: &str| -> Vec<String> {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words
            .windows(2)
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect()
    };
    let mine = pairs(paragraph);
    if mine.is_empty() {
        return 0.0;
    }
    let theirs: std::collections::HashSet<String> = pairs(other).into_iter().collect();
    mine.iter().filter(|p| theirs.contains(*p)).count() as f64 / mine.len() as f64
}

/// The plain text of blocks (for comparing and for finding metadata).
pub fn plain(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading { text, .. } | Block::Paragraph(text) => out.push_str(&unescape(text)),
            Block::List { items, .. } => out.push_str(&unescape(&items.join("\n"))),
            Block::Table { rows } => {
                for r in rows {
                    out.push_str(&unescape(&r.join(" ")));
                    out.push('\n');
                }
            }
            Block::Lines(l) => out.push_str(&l.join("\n")),
            Block::Image(_) => {}
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(t: &str) -> Block {
        Block::Heading {
            level: 0,
            text: t.into(),
        }
    }
    fn p(t: &str) -> Block {
        Block::Paragraph(t.into())
    }

    #[test]
    fn numbered_areas_keep_their_subheadings_and_end_at_a_new_heading() {
        let doc = Document {
            blocks: vec![
                h("Bakgrund"),
                p("Inledning."),
                h("1. Insatser för IT"),
                h("Ansvar"),
                p("Rektor."),
                h("2. Insatser för matematik"),
                h("Ansvar"),
                p("Lärare."),
                h("Risker"),
                p("Många insatser."),
            ],
            ..Document::default()
        };
        let d = find(&doc, &[], &[]);
        assert_eq!(d.areas.len(), 2);
        assert_eq!(d.areas[1].title, "Insatser för matematik");
        assert_eq!(d.areas[1].body.len(), 2);
        assert_eq!(d.outro, vec![h("Risker"), p("Många insatser.")]);
        assert_eq!(d.intro.len(), 2);
    }

    #[test]
    fn directions_by_label_by_layout_and_by_repetition() {
        let doc = Document {
            blocks: vec![
                h("Bakgrund"),
                p("Nämnden vill att fler elever klarar proven i matematik."),
                h("Uppföljning per område"),
                p("Varje område beskrivs."),
                h("Matematik"),
                p("Nämnden vill att fler elever klarar proven i matematik."),
                p("Vi har gjort mycket."),
                h("Läsning"),
                p("Inriktning: Alla ska läsa."),
                p("Gjort."),
                h("Digitalisering"),
                p("Indraget stycke."),
                p("Brödtext."),
                h("Ledarskap"),
                p("Arbetet under året handlar om annat."),
                h("Sammanfattning"),
                p("Slut."),
            ],
            ..Document::default()
        };
        let narrow: Vec<bool> = (0..doc.blocks.len()).map(|i| i == 11).collect();
        let d = find(&doc, &narrow, &[]);
        let dirs: Vec<Option<&str>> = d.areas.iter().map(|a| a.direction.as_deref()).collect();
        assert_eq!(
            dirs,
            vec![
                Some("Nämnden vill att fler elever klarar proven i matematik."),
                Some("Alla ska läsa."),
                Some("Indraget stycke."),
                None
            ]
        );
        assert_eq!(d.outro.len(), 2);
    }
}
