//! Search stage: Swedish text processing and the chunked static index.

use crate::markdown::Section;
use crate::output::OutputFile;

/// One page as the search index sees it. Built by the render stage from the model.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    /// Site-relative URL without base_url and without a leading slash: "2025/delarsbokslut/elever-med-hog-franvaro/".
    pub url: String,
    pub title: String,
    pub year: String,
    pub report_title: String,
    /// Report kind id ("april", "delarsbokslut", ...) and its display label.
    pub report_kind: String,
    pub report_kind_label: String,
    /// Area id and name when the page is an area entry; None for report pages.
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    /// The committee's direction as plain text (empty when there is none).
    pub direction: String,
    pub sections: Vec<Section>,
}

/// Builds the search index files (paths under "search/").
pub fn build_index(_docs: &[SearchDoc]) -> Vec<OutputFile> {
    Vec::new()
}
