//! What `content/` holds, as read and before any cross-check: the register of areas, each
//! report's and entry's front matter (with spans, for errors at their place) and body.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;

/// Everything read from `content/`, before cross-checks.
#[derive(Debug, Default)]
pub struct Loaded {
    pub areas: Vec<AreaSource>,
    /// The text of areas.toml, for diagnostics that point into it.
    pub areas_source: String,
    /// Whether areas.toml was read: when it was not, no area id can be said to be unknown.
    pub areas_read: bool,
    pub reports: Vec<ReportSource>,
    /// Other files (PDFs, images), relative to content/, copied to the same place in the output.
    pub assets: Vec<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSource {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub continues: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    pub title: String,
    pub kind: Spanned<String>,
    /// A string ("2026-04") or a TOML date (2026-02-09).
    pub date: Spanned<toml::Value>,
    pub committee: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub decision: Option<String>,
    #[serde(default)]
    pub diary_number: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub next_follow_up: Option<String>,
    #[serde(default)]
    pub signatories: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub weight: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFront {
    pub area: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub direction: Option<String>,
    /// What was done, in a sentence or two of plain text (else the first paragraph is used).
    #[serde(default)]
    pub summary: Option<String>,
    /// One of the ids of site.toml's `[[status]]`.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
}

/// The parts of a Markdown file that diagnostics need after parsing.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root: "content/2025/delarsbokslut/03-franvaro.md".
    pub path: PathBuf,
    /// The text up to the end of the front matter; spans below index into it.
    pub head: String,
    /// Byte offset of the front matter TOML within `head`.
    pub front_offset: usize,
}

impl SourceFile {
    /// A diagnostic pointing at a span of the front matter.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(&self.path)
            .at_offset(&self.head, self.front_offset + span.start)
    }
}

#[derive(Debug, Clone)]
pub struct ReportSource {
    pub year: u16,
    pub slug: String,
    pub file: SourceFile,
    pub front: ReportFront,
    pub body: String,
    pub entries: Vec<EntrySource>,
}

#[derive(Debug, Clone)]
pub struct EntrySource {
    pub file: SourceFile,
    pub front: EntryFront,
    pub body: String,
    /// "03" of "03-franvaro.md", the default order.
    pub prefix_weight: Option<i64>,
}
