//! A small tree of one XML part of a Word file. Word nests what matters (paragraphs in table
//! cells, in text boxes, in content controls), so the reader walks a tree rather than a stream.
//! Names are kept without their namespace prefix: Word writes `w:p`, other writers may not.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Deeper than any real document goes; a hostile file nested deeper is refused instead of
/// exhausting the stack of the walk over it.
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute by its local name (`w:val` → "val").
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element called `name` at any depth below this one.
    pub fn find(&self, name: &str) -> Option<&Element> {
        let mut stack: Vec<&Element> = self.elements().collect();
        stack.reverse();
        while let Some(e) = stack.pop() {
            if e.name == name {
                return Some(e);
            }
            stack.extend(e.elements().collect::<Vec<_>>().into_iter().rev());
        }
        None
    }

    /// The text directly inside this element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|c| match c {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// A toggle property such as `<w:b/>`: on unless its value says off.
    pub fn flag(&self, name: &str) -> bool {
        self.child(name)
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "off" | "none")))
    }

    /// The `val` attribute of the child `name` (`<w:pStyle w:val="Rubrik1"/>`).
    pub fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|e| e.attr("val"))
    }
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

fn start(e: &BytesStart) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    })
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(t)) = parent.children.last_mut() {
            t.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_string()));
        }
    }
}

/// Parses a whole part into its root element; the error is quick-xml's, for the message that
/// names the part.
pub fn parse(xml: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested more than {MAX_DEPTH} deep"));
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                let element = start(&e)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Element(element));
                }
            }
            Event::End(_) => {
                let done = stack.pop().filter(|_| !stack.is_empty());
                match (done, stack.last_mut()) {
                    (Some(done), Some(parent)) => parent.children.push(Node::Element(done)),
                    _ => return Err("an end tag without its start".into()),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(t) => push_text(&mut stack, &t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| e.to_string())?
                } else {
                    entity(&r.decode().map_err(|e| e.to_string())?)
                };
                let c = c.ok_or("an unknown entity reference")?;
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("the part ends before its elements are closed".into());
    }
    let mut root = stack.pop().unwrap_or_default();
    match root
        .children
        .iter()
        .position(|c| matches!(c, Node::Element(_)))
    {
        Some(i) => match root.children.swap_remove(i) {
            Node::Element(e) => Ok(e),
            Node::Text(_) => Err("no root element".into()),
        },
        None => Err("no root element".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_without_prefixes_attributes_and_entities() {
        let root = parse(
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t xml:space="preserve">a &amp; b &#229;</w:t></w:r><w:b w:val="0"/></w:p></w:body></w:document>"#,
        )
        .unwrap();
        assert_eq!(root.name, "document");
        let p = root.find("p").unwrap();
        assert_eq!(p.find("t").unwrap().text(), "a & b å");
        assert!(!p.flag("b"));
        assert_eq!(p.child("b").unwrap().attr("val"), Some("0"));
    }

    #[test]
    fn refuses_broken_and_too_deep_xml() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a><b>").is_err());
        assert!(parse("").is_err());
        assert!(parse("<a>&bogus;</a>").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 10) + &"</a>".repeat(MAX_DEPTH + 10);
        assert!(parse(&deep).unwrap_err().contains("nested"));
    }
}
