//! What the styles and numbering parts say about a paragraph: its heading level (Word's
//! "heading 1" whatever the language calls it, or an outline level) and whether a numbered
//! paragraph is a bullet or an ordered list.

use std::collections::HashMap;

use super::xml::Element;

/// How far a `basedOn` chain is followed: real chains are a few styles long, a hostile one may
/// be a cycle.
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbering: Option<(String, u8)>,
    /// Left indentation in twentieths of a point, where the style sets it.
    indent: Option<i64>,
    bold: bool,
    italic: bool,
}

/// Quote styles: Word's built-in names ("Quote", "Intense Quote") in any language, and the
/// Swedish display names other programs write.
const QUOTE_STYLES: &[&str] = &[
    "quote",
    "intensequote",
    "citat",
    "starktcitat",
    "blockquote",
];

/// A paragraph's own left indentation (`w:ind w:left` or `w:start`), in twentieths of a point.
fn indent_of(ppr: Option<&Element>) -> Option<i64> {
    let ind = ppr?.child("ind")?;
    ind.attr("left")
        .or_else(|| ind.attr("start"))
        .and_then(|v| v.parse().ok())
}

#[derive(Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
}

/// The level in a heading style's name: "heading 2" (how Word stores its built-in names in any
/// language), "Rubrik 2" or "Heading2" (style ids and names from other programs).
fn level_in_name(name: &str) -> Option<u8> {
    let folded: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if matches!(folded.as_str(), "title" | "rubrik") {
        return Some(1);
    }
    let digits = folded.trim_start_matches(|c: char| !c.is_ascii_digit());
    let word = &folded[..folded.len() - digits.len()];
    if !matches!(word, "heading" | "rubrik" | "overskrift" | "otsikko") {
        return None;
    }
    match digits.parse::<u8>() {
        Ok(n @ 1..=9) => Some(n.min(6)),
        _ => None,
    }
}

/// Word's outline level 0–8 is heading level 1–9 (shown as at most 6); 9 is body text.
fn outline_level(ppr: Option<&Element>) -> Option<Option<u8>> {
    let value = ppr?.val("outlineLvl")?;
    Some(match value.parse::<u8>() {
        Ok(n @ 0..=8) => Some((n + 1).min(6)),
        _ => None,
    })
}

/// (numId, ilvl) of a `w:numPr`.
pub fn numbering_of(ppr: Option<&Element>) -> Option<(String, u8)> {
    let num = ppr?.child("numPr")?;
    let id = num.val("numId")?.to_string();
    let level = num.val("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
    Some((id, level))
}

impl Styles {
    pub fn read(root: &Element) -> Styles {
        let mut by_id = HashMap::new();
        for s in root.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let rpr = s.child("rPr");
            let style = Style {
                name: s.val("name").unwrap_or_default().to_string(),
                based_on: s.val("basedOn").map(str::to_string),
                outline: outline_level(ppr).flatten(),
                numbering: numbering_of(ppr),
                indent: indent_of(ppr),
                bold: rpr.is_some_and(|r| r.flag("b")),
                italic: rpr.is_some_and(|r| r.flag("i")),
            };
            by_id.insert(id.to_string(), style);
        }
        Styles { by_id }
    }

    /// The style and those it is based on, nearest first.
    fn chain<'a>(&'a self, id: &str) -> impl Iterator<Item = (&'a str, &'a Style)> + 'a {
        let mut next = Some(id.to_string());
        std::iter::from_fn(move || {
            let id = next.take()?;
            let (key, style) = self.by_id.get_key_value(&id)?;
            next = style.based_on.clone();
            Some((key.as_str(), style))
        })
        .take(MAX_CHAIN)
    }

    /// The heading level of a paragraph style, from its name, its id (when styles.xml is
    /// missing or does not name it) or an outline level, through the styles it is based on.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        if !self.by_id.contains_key(id) {
            return level_in_name(id);
        }
        self.chain(id).find_map(|(id, style)| {
            level_in_name(&style.name)
                .or_else(|| level_in_name(id))
                .or(style.outline)
        })
    }

    /// Word's Title style ("Title", "Rubrik" in a Swedish Word), or a style based on it.
    pub fn is_title(&self, id: &str) -> bool {
        let title = |name: &str| {
            matches!(
                name.to_lowercase().replace(' ', "").as_str(),
                "title" | "rubrik"
            )
        };
        if !self.by_id.contains_key(id) {
            return title(id);
        }
        self.chain(id).any(|(id, style)| {
            if style.name.is_empty() {
                title(id)
            } else {
                title(&style.name)
            }
        })
    }

    /// Table-of-contents paragraphs ("toc 1", "TOC Heading"): the site makes its own.
    pub fn is_contents(&self, id: &str) -> bool {
        let name = self.by_id.get(id).map_or(id, |s| s.name.as_str());
        let folded = name.to_lowercase().replace(' ', "");
        folded.starts_with("toc") || folded.starts_with("innehåll")
    }

    /// A list numbering a paragraph style carries ("List Bullet", "Punktlista").
    pub fn numbering(&self, id: &str) -> Option<(String, u8)> {
        self.chain(id).find_map(|(_, s)| s.numbering.clone())
    }

    /// A body paragraph's measure: whether it is in a quote style, and its left indentation in
    /// twips (its own setting, else its style's, else none).
    pub fn measure(&self, id: &str, ppr: Option<&Element>) -> (bool, i64) {
        let indent = indent_of(ppr)
            .or_else(|| self.chain(id).find_map(|(_, s)| s.indent))
            .unwrap_or(0);
        let folded = |n: &str| n.to_lowercase().replace([' ', '-', '_'], "");
        let quote = QUOTE_STYLES.contains(&folded(id).as_str())
            || self.chain(id).any(|(id, s)| {
                [id, s.name.as_str()]
                    .iter()
                    .any(|n| QUOTE_STYLES.contains(&folded(n).as_str()))
            });
        (quote, indent)
    }

    /// Bold and italics of a character style.
    pub fn emphasis(&self, id: &str) -> (bool, bool) {
        self.chain(id).fold((false, false), |(b, i), (_, s)| {
            (b || s.bold, i || s.italic)
        })
    }
}

/// numId → ordered per level, from numbering.xml.
#[derive(Debug, Default)]
pub struct Numbering {
    ordered: HashMap<String, HashMap<u8, bool>>,
}

fn levels(parent: &Element) -> impl Iterator<Item = (u8, bool)> + '_ {
    parent
        .elements()
        .filter(|e| e.name == "lvl")
        .filter_map(|l| {
            let level = l.attr("ilvl")?.parse().ok()?;
            let format = l.val("numFmt").unwrap_or("decimal");
            Some((level, !matches!(format, "bullet" | "none")))
        })
}

impl Numbering {
    pub fn read(root: &Element) -> Numbering {
        let abstracts: HashMap<&str, HashMap<u8, bool>> = root
            .elements()
            .filter(|e| e.name == "abstractNum")
            .filter_map(|a| Some((a.attr("abstractNumId")?, levels(a).collect())))
            .collect();
        let mut ordered = HashMap::new();
        for num in root.elements().filter(|e| e.name == "num") {
            let Some(id) = num.attr("numId") else {
                continue;
            };
            let mut map = num
                .val("abstractNumId")
                .and_then(|a| abstracts.get(a))
                .cloned()
                .unwrap_or_default();
            for over in num.elements().filter(|e| e.name == "lvlOverride") {
                map.extend(levels(over));
            }
            ordered.insert(id.to_string(), map);
        }
        Numbering { ordered }
    }

    /// Whether (numId, level) numbers its items; None when it is no list (numId 0 switches
    /// numbering off). An unknown numbering is taken as bullets.
    pub fn is_ordered(&self, num_id: &str, level: u8) -> Option<bool> {
        if num_id == "0" {
            return None;
        }
        let levels = self.ordered.get(num_id);
        Some(levels.and_then(|l| l.get(&level)).copied().unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    #[test]
    fn heading_levels_come_from_names_ids_outline_levels_and_base_styles() {
        let styles = Styles::read(
            &parse(
                r#"<w:styles xmlns:w="w">
                <w:style w:styleId="Rubrik1"><w:name w:val="heading 1"/></w:style>
                <w:style w:styleId="Rubrik"><w:name w:val="Title"/></w:style>
                <w:style w:styleId="Omrade"><w:name w:val="Område"/><w:basedOn w:val="Rubrik2x"/></w:style>
                <w:style w:styleId="Rubrik2x"><w:name w:val="Min rubrik"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
                <w:style w:styleId="Brodtext"><w:name w:val="Brödtext"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
                <w:style w:styleId="Loop"><w:name w:val="x"/><w:basedOn w:val="Loop"/></w:style>
                <w:style w:styleId="Innehll1"><w:name w:val="toc 1"/></w:style>
                <w:style w:styleId="Stark"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
                </w:styles>"#,
            )
            .unwrap(),
        );
        assert_eq!(styles.heading_level("Rubrik1"), Some(1));
        assert_eq!(styles.heading_level("Rubrik"), Some(1));
        assert_eq!(styles.heading_level("Omrade"), Some(2));
        assert_eq!(styles.heading_level("Brodtext"), None);
        assert_eq!(styles.heading_level("Loop"), None);
        assert_eq!(styles.heading_level("Heading3"), Some(3));
        assert_eq!(styles.heading_level("Rubrik 8"), Some(6));
        assert_eq!(styles.heading_level("Normal"), None);
        assert!(styles.is_title("Rubrik") && styles.is_title("Title"));
        assert!(!styles.is_title("Rubrik1") && !styles.is_title("Omrade"));
        assert!(styles.is_contents("Innehll1"));
        assert!(!styles.is_contents("Rubrik1"));
        assert_eq!(styles.emphasis("Stark"), (true, false));
    }

    #[test]
    fn list_kinds_come_from_the_abstract_numbering_and_overrides() {
        let numbering = Numbering::read(
            &parse(
                r#"<w:numbering xmlns:w="w">
                <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
                <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
                <w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="lowerLetter"/></w:lvl></w:lvlOverride></w:num>
                </w:numbering>"#,
            )
            .unwrap(),
        );
        assert_eq!(numbering.is_ordered("1", 0), Some(false));
        assert_eq!(numbering.is_ordered("1", 1), Some(true));
        assert_eq!(numbering.is_ordered("2", 0), Some(true));
        assert_eq!(numbering.is_ordered("0", 0), None);
        assert_eq!(numbering.is_ordered("99", 0), Some(false));
    }
}
