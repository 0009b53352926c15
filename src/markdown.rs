//! Markdown stage: comrak options in one place.

/// A run of plain text under one heading, as search needs it. The text before the first
/// heading has `heading: None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    pub heading: Option<String>,
    /// The id of the heading element, so a search result can link to `page/#anchor`.
    pub anchor: Option<String>,
    pub text: String,
}
