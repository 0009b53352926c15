//! Reading a built site as a browser does: a page of the output parsed with `scraper`, and the
//! text and attributes of what a CSS selector finds on it.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

/// The file `rel` of the output folder `out` ("2026/april/index.html"), parsed; a missing page
/// fails the test with its path.
pub fn page(out: &Path, rel: &str) -> Html {
    let path = out.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

/// A CSS selector; a typo in it fails the test with the selector.
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// The visible text of an element, its white space collapsed as a browser shows it.
pub fn text(e: ElementRef) -> String {
    words(&e.text().collect::<String>())
}

/// White space collapsed to single spaces, none at the ends.
pub fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each element `css` finds, in document order.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(text).collect()
}

/// The value of `attr` of each element `css` finds that has it, in document order.
pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
