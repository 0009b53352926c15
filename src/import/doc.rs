//! The imported document as plain data: what every reader produces and what the structure
//! finder reads. Inline text is Markdown (bold, italics and links kept, other Markdown
//! characters escaped by the reader).

use crate::messages::{self, Lang};

/// A whole document, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Footnote texts by their label ("1"), referred to as `[^1]` in the inline text.
    pub footnotes: Vec<(String, String)>,
    /// Images found in the document (Word), saved beside the entry that shows them.
    pub images: Vec<Image>,
    /// Document properties where the format has them (Word's title), else empty.
    pub title: String,
    /// Per block of `blocks` where the format says so (Word): a paragraph set apart from the
    /// body text, indented or in a quote style, as a committee's direction often is. Empty
    /// where the format does not say (text and PDF measure it from the layout instead).
    pub set_apart: Vec<bool>,
    /// The block the format marks as the document's title (Word's Title style), if one does:
    /// it is the title even where body text follows it, as a date line often does.
    pub title_block: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading: `level` 1–6 where the format says so (Word heading styles), 0 where it was
    /// only guessed from layout (text and PDF).
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    List {
        ordered: bool,
        items: Vec<String>,
    },
    /// A table; the first row is the header row.
    Table {
        rows: Vec<Vec<String>>,
    },
    /// An image at this place: an index into `Document::images`.
    Image(usize),
    /// Raw lines of text whose structure is not known yet (text and PDF readers): the text
    /// repair and the heading finder turn them into the blocks above.
    Lines(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// A file name to save it under ("image1.png").
    pub name: String,
    pub bytes: Vec<u8>,
    /// The alt text (Word's "description"), if the author gave one.
    pub alt: Option<String>,
}

/// Why a document could not be read, in plain words for the person importing it, in both
/// of the site languages: the site's is chosen where it is shown (`in_language`).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// In Swedish, the default language (what `Display` shows).
    pub message: String,
    /// What to do; empty when there is nothing to say.
    pub hint: String,
    /// The message and the hint in English.
    english: (String, String),
}

impl ImportError {
    /// `words` gives the message and the hint in a language (the texts of `messages`).
    pub fn new(words: impl Fn(Lang) -> (String, String)) -> Self {
        let (message, hint) = words(Lang::Sv);
        ImportError {
            message,
            hint,
            english: words(Lang::En),
        }
    }

    /// The message, and the hint on a line of its own as the other diagnostics show it.
    pub fn in_language(&self, lang: Lang) -> String {
        let (message, hint) = match lang {
            Lang::Sv => (&self.message, &self.hint),
            Lang::En => (&self.english.0, &self.english.1),
        };
        if hint.is_empty() {
            return message.clone();
        }
        format!("{message}\n  = {}: {hint}", messages::hint_label(lang))
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.in_language(Lang::Sv))
    }
}
