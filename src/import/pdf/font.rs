//! What the content stream needs of a font: how its bytes decode to text (lopdf reads the
//! encodings and ToUnicode maps) and how wide its glyphs are.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::MAX_UNPACKED;

/// What the content stream needs to know of a font: how to decode it and how wide its glyphs
/// are (in thousandths of the font size).
pub struct Font<'a> {
    pub encoding: Encoding<'a>,
    pub two_byte: bool,
    pub widths: HashMap<u32, f32>,
    pub default_width: f32,
}

pub fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|f| f.is_finite())
}

/// None when the font's encoding cannot be read (its map unpacks past the limit).
pub fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<Font<'a>> {
    let encoding = dict.get_font_encoding_with_limit(doc, MAX_UNPACKED).ok()?;
    let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
    let mut widths = HashMap::new();
    let two_byte = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
    let mut default_width = if two_byte { 1000.0 } else { 500.0 };
    if two_byte {
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(deref)
            .and_then(|o| o.as_dict().ok());
        if let Some(cid) = descendant {
            if let Some(dw) = cid.get(b"DW").ok().and_then(number) {
                default_width = dw;
            }
            let w = cid
                .get(b"W")
                .ok()
                .and_then(deref)
                .and_then(|o| o.as_array().ok());
            cid_widths(w.map_or(&[][..], Vec::as_slice), &deref, &mut widths);
        }
    } else {
        let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
        let list = dict
            .get(b"Widths")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_array().ok());
        for (i, w) in list.into_iter().flatten().enumerate().take(65_536) {
            if let Some(w) = deref(w).and_then(number) {
                widths.insert(first + i as u32, w);
            }
        }
    }
    Some(Font {
        encoding,
        two_byte,
        widths,
        default_width,
    })
}

/// A CID font's /W array: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths<'a>(
    w: &'a [Object],
    deref: &dyn Fn(&'a Object) -> Option<&'a Object>,
    widths: &mut HashMap<u32, f32>,
) {
    let mut i = 0;
    while i + 1 < w.len() && widths.len() < 65_536 {
        let start = number(&w[i]).unwrap_or(0.0) as u32;
        if let Some(list) = deref(&w[i + 1]).and_then(|o| o.as_array().ok()) {
            for (k, v) in list.iter().enumerate().take(65_536) {
                if let Some(v) = number(v) {
                    widths.insert(start + k as u32, v);
                }
            }
            i += 2;
        } else if i + 2 < w.len() {
            let end = (number(&w[i + 1]).unwrap_or(0.0) as u32).min(start.saturating_add(65_536));
            let v = number(&w[i + 2]).unwrap_or(0.0);
            for c in start..=end {
                widths.insert(c, v);
            }
            i += 3;
        } else {
            break;
        }
    }
}
