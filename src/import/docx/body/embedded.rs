//! What a paragraph of a Word document's body refers to outside its text: pictures (saved
//! once each, under safe names, with their alt text) and footnotes and endnotes (numbered in
//! the order the text refers to them, their text read as the body's is).

use super::super::inline::{collapse_spaces, Inline};
use super::super::xml::Element;
use super::{paragraphs_in, Found, Walk};
use crate::import::doc::{Image, ImportError};

/// What one picture may unpack to.
const MAX_IMAGE: u64 = 32 * 1024 * 1024;

/// A name to save a picture under: the file name in the package, kept to safe characters.
fn image_name(target: &str, index: usize, taken: &[Image]) -> String {
    let file = target.rsplit('/').next().unwrap_or_default();
    let safe: String = file
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() || !safe.contains('.') || taken.iter().any(|i| i.name == safe) {
        let ext = safe.rsplit_once('.').map_or("bin", |(_, e)| e);
        return format!("image{}.{ext}", index + 1);
    }
    safe.to_string()
}

impl Walk<'_, '_> {
    /// A picture (DrawingML or the older VML) and any text box inside a drawing.
    pub(super) fn picture<'t>(
        &mut self,
        el: &'t Element,
        found: &mut Found<'t>,
    ) -> Result<(), ImportError> {
        if let Some(text_box) = el.find("txbxContent") {
            if !self.in_note {
                found.text_boxes.push(text_box);
            }
        }
        let (id, alt) = match el.find("blip") {
            Some(blip) => {
                let props = el.find("docPr");
                let alt = props.and_then(|p| p.attr("descr").filter(|d| !d.trim().is_empty()));
                (blip.attr("embed"), alt)
            }
            None => {
                let alt = el.find("shape").and_then(|s| s.attr("alt"));
                (el.find("imagedata").and_then(|i| i.attr("id")), alt)
            }
        };
        let Some((target, false)) = id.and_then(|id| self.rels.get(id)) else {
            return Ok(());
        };
        if let Some(&index) = self.image_by_target.get(target) {
            found.images.push(index);
            return Ok(());
        }
        let target = target.to_string();
        let Some(bytes) = self.package.part(&target, MAX_IMAGE)? else {
            return Ok(());
        };
        let index = self.doc.images.len();
        self.doc.images.push(Image {
            name: image_name(&target, index, &self.doc.images),
            bytes,
            alt: alt.map(collapse_spaces).filter(|a| !a.is_empty()),
        });
        self.image_by_target.insert(target, index);
        found.images.push(index);
        Ok(())
    }

    /// The label of footnote (`kind` 0) or endnote (1) `id`, numbered in the order the text
    /// refers to them; its text is added to the document's footnotes the first time. None when
    /// the note is missing (or referred to from inside a note).
    pub(super) fn note(&mut self, kind: usize, id: &str) -> Result<Option<String>, ImportError> {
        let key = (kind, id.to_string());
        if let Some(label) = self.note_labels.get(&key) {
            return Ok(label.clone());
        }
        if self.in_note {
            return Ok(None);
        }
        let element = self.notes[kind].and_then(|root| {
            root.elements()
                .find(|n| n.attr("id") == Some(id) && n.attr("type").is_none_or(|t| t == "normal"))
        });
        let Some(element) = element else {
            self.note_labels.insert(key, None);
            return Ok(None);
        };
        self.in_note = true;
        let mut paragraphs = Vec::new();
        paragraphs_in(element, &mut paragraphs);
        let mut texts = Vec::new();
        for p in paragraphs {
            let mut inline = Inline::default();
            self.inline(p, &mut inline, &mut Found::default(), None)?;
            texts.push(inline.markdown(true));
        }
        self.in_note = false;
        let text = collapse_spaces(&texts.join(" "));
        let label = (!text.is_empty()).then(|| (self.doc.footnotes.len() + 1).to_string());
        if let Some(label) = &label {
            self.doc.footnotes.push((label.clone(), text));
        }
        self.note_labels.insert(key, label.clone());
        Ok(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names_are_safe_and_unique() {
        assert_eq!(image_name("word/media/image1.png", 0, &[]), "image1.png");
        assert_eq!(image_name("word/media/../a b?.jpeg", 3, &[]), "ab.jpeg");
        assert_eq!(image_name("word/media/...", 1, &[]), "image2.bin");
        let taken = [Image {
            name: "x.png".into(),
            bytes: vec![],
            alt: None,
        }];
        assert_eq!(image_name("other/x.png", 1, &taken), "image2.png");
    }
}
