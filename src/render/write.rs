//! The write: every page rendered in parallel straight into the sink, the generated files and
//! the copies beside them. A one-off build (`write_once`) renders its entries' text here,
//! report by report, and analyses the search documents that come out of it as it goes.

use rayon::prelude::*;

use super::compare::Comparer;
use super::{
    data, pages, report, values, Counts, DataInputs, Page, Planned, Prepared, ReportHtml, Theme,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::search::{OnceIndex, OncePage};

type Written = Result<(), Diagnostic>;

/// Each report's rendered text (`ReportHtml`) and its own pages.
type ReportsToWrite = (Vec<ReportHtml>, Vec<Vec<pages::PageSpec>>);

/// Renders every page of `prepared` and writes it, the generated files and the copies, keeping
/// the pages for updates (serve, which makes its search index itself).
pub fn write(
    prepared: &Prepared,
    theme: &Theme,
    site: &Site,
    sink: Sink,
) -> Result<Counts, Diagnostics> {
    let mut results: Vec<Written> = (prepared.pages.par_iter())
        .map(|p| write_page(p, theme, sink))
        .collect();
    let facts = || data::EntryFacts {
        summaries: &prepared.summaries,
        statuses: &prepared.data.statuses,
    };
    let report_data = data::ReportFiles::new(&prepared.data.base, site, facts());
    let reports = (0..site.reports.len()).into_par_iter().map(|ri| {
        let bodies: Vec<&str> = (site.reports[ri].entries.iter())
            .map(|e| e.body.as_str())
            .collect();
        put(sink, report_data.file(ri, &bodies))
    });
    results.par_extend(reports);
    results.par_extend(prepared.extra.par_iter().map(|f| put(sink, f.clone())));
    results.extend(write_tables(&prepared.data, site, &facts(), sink));
    let copies = prepared.copies.par_iter();
    results.par_extend(copies.map(|(from, to)| copy(sink, from, to)));
    counted(prepared.pages.len(), results, Diagnostics::default())
}

/// `write` for a one-off build, which renders its entries' text here: report by report, its
/// entries' text is rendered, its page and its entries' pages are written, its open-data
/// file, and its search documents analysed (`OnceIndex`: what the index needs of them is
/// kept, not their text); then the text is dropped. The pages of many reports come after
/// (they show the entries' summaries, known then), then the search index, once what only
/// the pages needed is freed: the index's peak is the build's, and at a national portal's
/// size the template values are as large as the analysed pages.
/// `bodies`: where each report's entries' text is read again (`content::Bodies`).
pub fn write_once(
    mut planned: Planned,
    theme: &Theme,
    site: &Site,
    bodies: &crate::content::Bodies,
    sink: Sink,
) -> Result<Counts, Diagnostics> {
    let count =
        planned.shared_pages.len() + planned.report_pages.iter().map(Vec::len).sum::<usize>();
    let index = scratch(OnceIndex::new(search_pages(site)), sink);
    // The generated files are made already: written first, they are not held beside the
    // search index (a national portal's feeds and sitemaps are tens of megabytes).
    let extra = std::mem::take(&mut planned.extra);
    let mut results: Vec<Written> = extra.into_par_iter().map(|f| put(sink, f)).collect();
    let reports = (
        std::mem::take(&mut planned.html),
        std::mem::take(&mut planned.report_pages),
    );
    let shared = std::mem::take(&mut planned.shared_pages);
    let (docs, broken) = {
        let (text, areas) = (theme.text(), values::AreaNames::new(site));
        let report_inputs = report::Inputs {
            site,
            fragments: &planned.fragments,
            text: &text,
            areas: &areas,
            values: &planned.values,
        };
        let (docs, broken, written) = write_reports(
            &planned,
            &report_inputs,
            (reports, bodies),
            theme,
            &index,
            sink,
        );
        results.extend(written);
        crate::timing::lap("reports' and entries' pages written");
        let inputs = values::Inputs {
            site,
            config: &planned.data.config,
            text: &text,
            areas: &areas,
            targets: &planned.fragments.targets,
        };
        results.extend(write_shared(&planned, shared, &inputs, theme, sink));
        crate::timing::lap("pages of many reports written, tables, copies");
        (docs, broken)
    };
    // Freeing the values one by one takes a while: on a thread beside the index (here when
    // no thread can be made: the closure is dropped).
    let _ = std::thread::Builder::new().spawn(move || drop(planned));
    results.extend(write_index(index, docs, sink));
    counted(count, results, broken)
}

/// The pages of many reports (`shared`), the open-data tables and the copied files.
fn write_shared(
    planned: &Planned,
    shared: Vec<pages::PageSpec>,
    inputs: &values::Inputs,
    theme: &Theme,
    sink: Sink,
) -> Vec<Written> {
    let comparer = Comparer::new(inputs, &planned.values);
    let mut results: Vec<Written> = (shared.into_par_iter())
        .map(|spec| {
            let spec = spec.with_comparison(&comparer);
            write_page(&planned.contexts.page(spec), theme, sink)
        })
        .collect();
    let facts = data::EntryFacts {
        summaries: &planned.values.summaries,
        statuses: &planned.data.statuses,
    };
    results.extend(write_tables(&planned.data, inputs.site, &facts, sink));
    let copies = planned.copies.par_iter();
    results.par_extend(copies.map(|(from, to)| copy(sink, from, to)));
    results
}

/// The index, keeping its analysed pages in a scratch file beside the site it writes (in
/// memory when it writes none, or the file cannot be made).
fn scratch(index: OnceIndex, sink: Sink) -> OnceIndex {
    match sink {
        Sink::Staging(staging) => match staging.scratch_file() {
            Ok(file) => index.spilling_to(file),
            Err(_) => index,
        },
        _ => index,
    }
}

/// The search documents of a build (`report::part`): one per entry and per report.
fn search_pages(site: &Site) -> usize {
    site.reports.len() + site.reports.iter().map(|r| r.entries.len()).sum::<usize>()
}

/// Each report's part (`report::part`) and its pages and open-data file, written as it is
/// made, its search documents analysed beside; returns those, the broken links (and the
/// entries whose files changed since they were read) and what was written. `reports`: each
/// report's text and pages, moved out of `planned`, and where its entries' text is.
fn write_reports(
    planned: &Planned,
    inputs: &report::Inputs,
    ((html, specs), bodies): (ReportsToWrite, &crate::content::Bodies),
    theme: &Theme,
    index: &OnceIndex,
    sink: Sink,
) -> (Vec<OncePage>, Diagnostics, Vec<Written>) {
    let site = inputs.site;
    let facts = data::EntryFacts {
        summaries: &planned.values.summaries,
        statuses: &planned.data.statuses,
    };
    let report_data = data::ReportFiles::new(&planned.data.base, site, facts);
    let contexts = &planned.contexts;
    let one = |ri: usize, html, specs: Vec<pages::PageSpec>| {
        let (bodies, mut broken) = super::read_bodies(bodies, site, ri);
        let texts: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let part = report::part(inputs, ri, html, &texts);
        let (docs, mut results) = rayon::join(
            || -> Vec<OncePage> {
                (part.docs.into_par_iter())
                    .map(|d| index.analyse(d))
                    .collect()
            },
            || -> Vec<Written> {
                (specs.into_par_iter())
                    .map(|spec| {
                        let spec = spec.with_text(&part.report, &part.entries);
                        write_page(&contexts.page(spec), theme, sink)
                    })
                    .collect()
            },
        );
        results.push(put(sink, report_data.file(ri, &texts)));
        broken.extend(part.broken);
        (docs, broken, results)
    };
    let parts: Vec<_> = (html.into_par_iter().zip(specs).enumerate())
        .map(|(ri, (html, specs))| one(ri, html, specs))
        .collect();
    let mut docs = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
    let mut broken = Diagnostics::default();
    let mut results = Vec::new();
    for (d, b, r) in parts {
        docs.extend(d);
        broken.extend(b);
        results.extend(r);
    }
    (docs, broken, results)
}

/// The open-data tables (made once every entry's summary is known).
fn write_tables(d: &DataInputs, site: &Site, facts: &data::EntryFacts, sink: Sink) -> Vec<Written> {
    let tables = data::files(&d.config, &d.base, site, &d.committee_urls, facts);
    tables.into_par_iter().map(|f| put(sink, f)).collect()
}

/// The counts of a write, or its errors: `broken` first, then each failed file's (a broken
/// template fails every page that uses it: reported once).
fn counted(
    pages: usize,
    results: Vec<Written>,
    broken: Diagnostics,
) -> Result<Counts, Diagnostics> {
    let mut errors = broken;
    let files = results.len();
    for r in results {
        if let Err(d) = r {
            if !errors.0.contains(&d) {
                errors.push(d);
            }
        }
    }
    errors.into_result(Counts { pages, files })
}

fn write_page(p: &Page, theme: &Theme, sink: Sink) -> Written {
    let html = theme.render(p.template, &p.context)?;
    sink.put(OutputFile::new(p.path.clone(), html))
        .map_err(|e| write_error(&p.path, e))
}

fn put(sink: Sink, f: OutputFile) -> Written {
    let path = f.path.clone();
    sink.put(f).map_err(|e| write_error(&path, e))
}

fn copy(sink: Sink, from: &std::path::Path, to: &str) -> Written {
    sink.copy(from, to).map_err(|e| write_error(to, e))
}

/// The search index of the analysed `pages`, each file compressed as it is written. An empty
/// site has an index too: it answers every query with no results.
fn write_index(index: OnceIndex, pages: Vec<OncePage>, sink: Sink) -> Vec<Written> {
    let files = match index.files(pages) {
        Ok(files) => files,
        Err(e) => return vec![Err(write_error(crate::paths::SEARCH_INDEX, e))],
    };
    (files.par_iter())
        .map(|f| {
            let packed = crate::search::pack_file(f);
            let path = packed.path.clone();
            sink.put(packed).map_err(|e| write_error(&path, e))
        })
        .collect()
}

pub(crate) fn write_error(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(format!("cannot write {path}: {e}"))
        .with_hint("check that the output folder is writable and the disk has space")
}
