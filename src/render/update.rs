//! What serve's incremental rebuild (`pipeline::session`) changes in a prepared build: an
//! entry's text rendered again into the values its pages share, those pages' contexts, and the
//! files made from them. Which pages and files a change reaches is decided there.

use std::collections::BTreeSet;

use minijinja::Value;

use super::values::{self, with_keys};
use super::{data, EntryPart, Prepared, Theme};
use crate::diagnostics::Diagnostics;
use crate::markdown::Rendered;
use crate::model::Site;
use crate::output::OutputFile;

/// A new body (the Markdown below the front matter) for an existing entry.
pub struct BodyChange {
    pub report: usize,
    pub entry: usize,
    pub body: String,
}

impl Prepared {
    /// Frees the generated files and the list of copies once the first build wrote them: an
    /// update makes again only the files it changes, and serve holds what was written.
    pub fn written(&mut self) {
        self.extra = Vec::new();
        self.copies = Vec::new();
    }

    /// The entry's new body rendered as a build renders it (the one place entry text is
    /// rendered: `Fragments::entry`).
    pub fn render_body(&self, site: &Site, change: &BodyChange) -> Rendered {
        let report = &site.reports[change.report];
        let entry = &report.entries[change.entry];
        self.fragments
            .entry(&change.body, &entry.area, EntryPart::Body, &report.url)
    }

    /// Puts the entry's new HTML into its value; true when its summary (its own, or the first
    /// paragraph of its text) changed, which the pages of `summary_pages` show.
    pub fn set_entry_html(&mut self, site: &Site, change: &BodyChange, html: String) -> bool {
        let entry = &site.reports[change.report].entries[change.entry];
        let summary = values::summary_text(entry.summary.as_deref(), &html);
        // The cell is shared: every page showing it reads the new summary when rendered.
        let changed = self.summaries[change.report][change.entry].set(summary);
        let value = &mut self.entry_values[change.report][change.entry];
        *value = with_keys(value, [("html", Value::from_safe_string(html))]);
        changed
    }

    /// The page of the entry and the page of its report.
    pub fn pages_of_entry(&self, report: usize, entry: usize) -> [usize; 2] {
        [self.entry_pages[report][entry], self.report_pages[report]]
    }

    /// The other pages that show the entry's summary (timelines, comparisons).
    pub fn summary_pages(&self, report: usize, entry: usize) -> &[usize] {
        self.summary_pages
            .get(&(report, entry))
            .map_or(&[], Vec::as_slice)
    }

    /// Gives the report and entry pages among `pages` their entries' current values.
    pub fn refresh_contexts(&mut self, pages: &[usize]) {
        for &i in pages {
            let page = &self.pages[i];
            let (ri, entry) = match (page.entry, page.report) {
                (Some((ri, ei)), _) => (ri, Some(ei)),
                (None, Some(ri)) => (ri, None),
                (None, None) => continue,
            };
            let report = with_keys(
                &self.report_values[ri],
                [("entries", Value::from(self.entry_values[ri].clone()))],
            );
            self.report_values[ri] = report.clone();
            let mut replace = vec![("report", report)];
            if let Some(ei) = entry {
                replace.push(("entry", self.entry_values[ri][ei].clone()));
            }
            self.pages[i].context = with_keys(&self.pages[i].context, replace);
        }
    }

    /// The open-data file of each report in `reports`.
    pub fn open_data(&self, site: &Site, reports: &[usize]) -> Vec<OutputFile> {
        let facts = self.entry_facts();
        reports
            .iter()
            .map(|&ri| data::report_file(&self.data.base, site, ri, &facts))
            .collect()
    }

    /// The entries CSVs (`data/<year>/poster.csv`, or a part's) that hold a report of
    /// `reports` (indexes into `Site::reports`), made again when a summary of theirs changed.
    pub fn entries_csv(&self, site: &Site, reports: &BTreeSet<usize>) -> Vec<OutputFile> {
        data::entries_csv(&self.data.base, site, reports, &self.entry_facts())
    }

    fn entry_facts(&self) -> data::EntryFacts<'_> {
        data::EntryFacts {
            summaries: &self.summaries,
            statuses: &self.data.statuses,
        }
    }

    /// The pages `pages`, rendered.
    pub fn render_pages(
        &self,
        theme: &Theme,
        pages: &[usize],
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = Vec::with_capacity(pages.len());
        let mut errors = Diagnostics::default();
        for &i in pages {
            let p = &self.pages[i];
            match theme.render(p.template, &p.context) {
                Ok(html) => files.push(OutputFile::new(p.path.clone(), html)),
                Err(d) => errors.push(d),
            }
        }
        errors.into_result(files)
    }
}
