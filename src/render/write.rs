//! The write: every page rendered in parallel straight into the sink, the generated files and
//! the copies beside them, and for a one-off build the search index made meanwhile.

use rayon::prelude::*;

use super::{data, Counts, Page, Prepared, Theme};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::search::SearchDoc;

/// The pages to write: kept for later updates (serve), or given up one by one as they are
/// written (a one-off build), which frees what only they hold — an entry's HTML once its
/// report's pages are out — as the build goes.
enum Pages<'a> {
    Kept(&'a [Page]),
    Once(Vec<Page>),
}

/// Renders every page of `prepared` and writes it, the generated files and the copies, keeping
/// the pages for updates; with `index_docs`, also the search index, made meanwhile (each fills
/// the other's waits: on the disk, on serial steps).
pub fn write(
    prepared: &Prepared,
    theme: &Theme,
    site: &Site,
    sink: Sink,
    index_docs: Option<Vec<SearchDoc>>,
) -> Result<Counts, Diagnostics> {
    let pages = Pages::Kept(&prepared.pages);
    write_with(pages, prepared, theme, site, sink, index_docs)
}

/// `write` for a one-off build: the pages (and the values only they share) are given up as
/// they are written; what is left of `prepared` is the caller's to drop or not.
pub fn write_once(
    prepared: &mut Prepared,
    theme: &Theme,
    site: &Site,
    sink: Sink,
    index_docs: Option<Vec<SearchDoc>>,
) -> Result<Counts, Diagnostics> {
    let pages = std::mem::take(&mut prepared.pages);
    prepared.report_values = Vec::new();
    prepared.entry_values = Vec::new();
    write_with(Pages::Once(pages), prepared, theme, site, sink, index_docs)
}

fn write_with(
    pages: Pages,
    prepared: &Prepared,
    theme: &Theme,
    site: &Site,
    sink: Sink,
    index_docs: Option<Vec<SearchDoc>>,
) -> Result<Counts, Diagnostics> {
    let count = match &pages {
        Pages::Kept(p) => p.len(),
        Pages::Once(p) => p.len(),
    };
    let mut errors = Diagnostics::default();
    let (index, rest) = rayon::join(
        || write_index(index_docs, sink),
        || write_pages(pages, prepared, theme, site, sink),
    );
    let mut results = rest;
    results.extend(index);
    let files = results.len();
    for r in results {
        if let Err(d) = r {
            // A broken template fails every page that uses it: report it once.
            if !errors.0.contains(&d) {
                errors.push(d);
            }
        }
    }
    errors.into_result(Counts {
        pages: count,
        files,
    })
}

/// The search index of `docs`, each file compressed as it is written. An empty site has an
/// index too: it answers every query with no results.
fn write_index(docs: Option<Vec<SearchDoc>>, sink: Sink) -> Vec<Result<(), Diagnostic>> {
    let Some(docs) = docs else {
        return Vec::new();
    };
    crate::search::index_files(docs)
        .par_iter()
        .map(|f| {
            let packed = crate::search::pack_file(f);
            let path = packed.path.clone();
            sink.put(packed).map_err(|e| write_error(&path, e))
        })
        .collect()
}

/// The pages, the generated files (each report's open data made as it is written) and the
/// copies.
fn write_pages(
    pages: Pages,
    prepared: &Prepared,
    theme: &Theme,
    site: &Site,
    sink: Sink,
) -> Vec<Result<(), Diagnostic>> {
    let facts = data::EntryFacts {
        summaries: &prepared.summaries,
        statuses: &prepared.statuses,
    };
    let report_data = data::ReportFiles::new(&prepared.base, site, facts);
    let put = |f: OutputFile| {
        let path = f.path.clone();
        sink.put(f).map_err(|e| write_error(&path, e))
    };
    let page = |p: &Page| {
        let html = theme.render(p.template, &p.context)?;
        sink.put(OutputFile::new(p.path.clone(), html))
            .map_err(|e| write_error(&p.path, e))
    };
    let mut results: Vec<Result<(), Diagnostic>> = match pages {
        Pages::Kept(pages) => pages.par_iter().map(page).collect(),
        Pages::Once(pages) => {
            // The pages that show many reports (home, years, areas, committees, comparisons)
            // first: then each entry's HTML is freed with its report's and its own page.
            let (shared, own): (Vec<Page>, Vec<Page>) = pages
                .into_iter()
                .partition(|p| p.report.is_none() && p.entry.is_none());
            let mut results: Vec<_> = shared.into_par_iter().map(|p| page(&p)).collect();
            results.par_extend(own.into_par_iter().map(|p| page(&p)));
            results
        }
    };
    let extra = prepared
        .extra
        .par_iter()
        .map(|f| sink.put(f.clone()).map_err(|e| write_error(&f.path, e)));
    let data = (0..site.reports.len())
        .into_par_iter()
        .map(|ri| put(report_data.file(ri)));
    let copies = prepared
        .copies
        .par_iter()
        .map(|(from, to)| sink.copy(from, to).map_err(|e| write_error(to, e)));
    results.par_extend(extra.chain(data).chain(copies));
    results
}

pub(crate) fn write_error(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(format!("cannot write {path}: {e}"))
        .with_hint("check that the output folder is writable and the disk has space")
}
