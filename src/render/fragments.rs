//! How the site's Markdown fragments are rendered: the settings every fragment shares (the
//! page language's labels, raw HTML or not, where local links point), and the one place an
//! entry's text is rendered, for a whole build (`prepare`) and for serve's partial update
//! (`update_entries`) alike.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostics;
use crate::markdown::{self, Rendered, Targets};

/// What every fragment of a site is rendered with.
pub(super) struct Fragments {
    pub unsafe_html: bool,
    pub backref: String,
    pub footnotes: String,
    pub table: String,
    /// What local links resolve against.
    pub targets: Targets,
}

/// Which part of an entry a text is.
#[derive(Debug, Clone, Copy)]
pub(super) enum EntryPart {
    Direction,
    Body,
}

/// The prefix of every id inside an area's entry text: "<area>--". Slugs never hold "--", so
/// these ids cannot meet the report's own heading ids, which only need to avoid the area
/// anchors. Links to an entry's Markdown file with a `#fragment` use it too.
pub(super) fn entry_id_prefix(area: &str) -> String {
    format!("{area}--")
}

impl Fragments {
    fn settings<'a>(&'a self, report_url: &'a str) -> markdown::Settings<'a> {
        markdown::Settings {
            id_prefix: "",
            unsafe_html: self.unsafe_html,
            backref_label: &self.backref,
            footnotes_label: &self.footnotes,
            table_label: &self.table,
            reserved_ids: &[],
            links: Some(self.targets.at(report_url)),
        }
    }

    /// A report's body, split at the areas marker; its headings avoid the area anchors.
    pub fn report(&self, body: &str, url: &str, anchors: &[String]) -> (Rendered, String) {
        markdown::render_split(
            body,
            markdown::Settings {
                reserved_ids: anchors,
                ..self.settings(url)
            },
        )
    }

    /// The home page's introduction from site.toml: its ids apart from every report's, its
    /// local links resolved from content/ itself, the home page's folder, as an entry's are
    /// from its report's: `/omraden/` gets the base path, `2025/april/plan.pdf` is checked.
    pub fn intro(&self, source: &str) -> Rendered {
        markdown::render(
            source,
            markdown::Settings {
                id_prefix: "intro--",
                ..self.settings("")
            },
        )
    }

    /// The intro's broken links (see `intro`), at their place in the site's site.toml.
    pub fn intro_errors(&self, intro: &str, root: &Path) -> Diagnostics {
        let broken = self.intro(intro).broken;
        if broken.is_empty() {
            return Diagnostics::default();
        }
        let config = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        let start = crate::toml_errors::value_start(&config, "intro");
        Diagnostics(
            broken
                .iter()
                .map(|b| b.diagnostic(CONFIG_FILE, start))
                .collect(),
        )
    }

    /// One part of an entry of the area `area` in the report at `report_url` (local links
    /// resolve from the report's folder, where the entry's file is).
    pub fn entry(&self, source: &str, area: &str, part: EntryPart, report_url: &str) -> Rendered {
        let mut prefix = entry_id_prefix(area);
        if let EntryPart::Direction = part {
            prefix.push_str("inriktning-");
        }
        markdown::render(
            source,
            markdown::Settings {
                id_prefix: &prefix,
                ..self.settings(report_url)
            },
        )
    }
}
