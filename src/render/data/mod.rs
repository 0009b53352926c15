//! Open data: the model as files people can reuse, each of a size that follows one report or
//! one year, never the whole site (`catalogue`, `tables`, `dcat`):
//! - `data/index.json`: the site's catalogue (the site, committees, years with their files);
//!   a site of more than `PART_COMMITTEES` committees lists them in parts,
//!   `data/namnder/del-<n>.json`, and its catalogue lists the parts;
//! - `data/<year>/index.json`: a year's catalogue (its reports, the areas it has entries of);
//! - `data/<year>/rapporter.csv`, `omraden.csv`, `poster.csv`: a year's tables, one row per
//!   report, area and entry (the entry table holds direction and summary, not the full text);
//! - `data/<year>/<report>.json`: one report whole, with its entries' text (Markdown);
//! - a year of more than `PART_REPORTS` reports has these catalogue and tables once per part
//!   of its reports, in `data/<year>/del-<n>/`, and its `index.json` lists the parts (as a
//!   sitemap index lists sitemaps), so that a table's size follows a part, not the site;
//! - `data/dcat.jsonld`: a DCAT-AP-SE description of the above, for the national data portal.

mod catalogue;
mod dcat;
mod tables;

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::config::{BaseUrl, Config};
use crate::model::{Report, Site, Year};
use crate::output::OutputFile;

use crate::paths::{
    year_data, year_part_data, AREAS_CSV, CATALOGUE, DCAT, ENTRIES_CSV, REPORTS_CSV, YEAR_CATALOGUE,
};

/// A year's reports are cut in parts of at most this many, each with its own catalogue and
/// tables, so that no file grows with the number of committees (as the sitemaps are cut at
/// 50,000 URLs). A year of fewer reports is one part, its files straight in `data/<year>/`.
pub const PART_REPORTS: usize = 100;

/// The site's catalogue lists at most this many committees; a site of more (a national portal
/// has thousands) lists them in parts of this many (`data/namnder/del-<n>.json`), and the
/// catalogue lists the parts.
pub const PART_COMMITTEES: usize = 100;

/// The parts of the site's list of committees: each part's number (from 1) and its committees
/// (a range of `Site::committees`); none when the site's catalogue lists them all.
pub(super) fn committee_parts(site: &Site) -> Vec<(usize, std::ops::Range<usize>)> {
    let count = site.committees.len();
    if count <= PART_COMMITTEES {
        return Vec::new();
    }
    ((0..count).step_by(PART_COMMITTEES).enumerate())
        .map(|(i, start)| (i + 1, start..count.min(start + PART_COMMITTEES)))
        .collect()
}

/// A part of a year's open data: some of its reports, in the year's order.
pub(super) struct Part<'s> {
    pub year: &'s Year,
    /// From 1; `None` when the year is one part.
    pub number: Option<usize>,
    /// Indexes into `Site::reports`.
    pub reports: &'s [usize],
}

impl Part<'_> {
    /// The path of the part's file `name` (`YEAR_CATALOGUE`, `REPORTS_CSV`, …).
    pub fn file(&self, name: &str) -> String {
        year_part_data(self.year.year, self.number, name)
    }
}

/// Whether the year has more reports than a part holds: then its files are in parts, and its
/// catalogue lists them.
fn in_parts(year: &Year) -> bool {
    year.reports.len() > PART_REPORTS
}

/// The parts of a year's open data: one, or as many as `PART_REPORTS` reports fill.
pub(super) fn parts(year: &Year) -> Vec<Part<'_>> {
    if !in_parts(year) {
        let whole = Part {
            year,
            number: None,
            reports: &year.reports,
        };
        return vec![whole];
    }
    (year.reports.chunks(PART_REPORTS).enumerate())
        .map(|(i, reports)| Part {
            year,
            number: Some(i + 1),
            reports,
        })
        .collect()
}

/// The four files of each part, in the order `files` makes them.
const PART_FILES: [&str; 4] = [YEAR_CATALOGUE, REPORTS_CSV, AREAS_CSV, ENTRIES_CSV];

/// What the tables say of an entry beyond the model, as the pages show them: its summary of
/// what was done (the same cells the pages read, so serve's updates reach both) and its
/// status label, by report and entry.
pub(super) struct EntryFacts<'a> {
    pub summaries: &'a [Vec<std::sync::Arc<super::views::SummaryText>>],
    pub statuses: &'a [Vec<String>],
}

impl EntryFacts<'_> {
    fn summary(&self, ri: usize, ei: usize) -> String {
        self.summaries
            .get(ri)
            .and_then(|r| r.get(ei))
            .map(|s| s.get())
            .unwrap_or_default()
    }

    fn status(&self, ri: usize, ei: usize) -> String {
        self.statuses
            .get(ri)
            .and_then(|r| r.get(ei))
            .cloned()
            .unwrap_or_default()
    }
}

/// `data/<year>/<report>.json` of a report.
pub fn report_path(r: &Report) -> String {
    crate::paths::report_data(r.year, &r.slug)
}

/// The open-data files made from lists of the whole site, once every entry's summary is
/// known: the site's catalogue, the DCAT description, and each year's catalogue and tables.
/// Each report's JSON is made as it is written (`ReportFiles`). `committee_urls`: each
/// committee's page, in the order of `Site::committees`.
pub(super) fn files(
    config: &Config,
    base: &BaseUrl,
    site: &Site,
    committee_urls: &[String],
    facts: &EntryFacts,
) -> Vec<OutputFile> {
    let names = area_names(site);
    let index: HashMap<&str, usize> = (site.areas.iter().enumerate())
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut files = vec![
        OutputFile::new(
            CATALOGUE,
            to_json(&catalogue::site_catalogue(
                config,
                base,
                site,
                committee_urls,
            )),
        ),
        OutputFile::new(DCAT, to_json(&dcat::dcat(config, base, site))),
    ];
    let committee_lists = catalogue::committee_list_parts(base, site, committee_urls);
    files.extend(
        committee_lists
            .into_iter()
            .map(|(path, list)| OutputFile::new(path, to_json(&list))),
    );
    // A part's files apart from the others': on as many threads as there are parts.
    let parts: Vec<Part> = site.years.iter().flat_map(parts).collect();
    files.par_extend(parts.par_iter().flat_map_iter(|p| {
        let areas = catalogue::year_areas(site, p.reports, &index);
        let file = |name: &str, contents| OutputFile::new(p.file(name), contents);
        let entries = tables::entries_csv(base, site, p.reports, facts, &names);
        [
            file(
                YEAR_CATALOGUE,
                to_json(&catalogue::part_catalogue(base, site, p, &areas)),
            ),
            file(REPORTS_CSV, tables::reports_csv(base, site, p.reports)),
            file(AREAS_CSV, tables::areas_csv(base, &areas)),
            file(ENTRIES_CSV, entries),
        ]
    }));
    // A year cut in parts has its own catalogue too: the list of its parts.
    for y in site.years.iter().filter(|y| in_parts(y)) {
        let index = catalogue::year_of_parts(base, site, y);
        files.push(OutputFile::new(
            year_data(y.year, YEAR_CATALOGUE),
            to_json(&index),
        ));
    }
    files
}

/// The paths of `files`, in its order (for the check of URLs made twice).
pub(super) fn paths(site: &Site) -> Vec<String> {
    let mut paths = vec![CATALOGUE.to_string(), DCAT.to_string()];
    let committee_lists = committee_parts(site).into_iter();
    paths.extend(committee_lists.map(|(n, _)| crate::paths::committee_list_part(n)));
    for p in site.years.iter().flat_map(parts) {
        paths.extend(PART_FILES.map(|name| p.file(name)));
    }
    for y in site.years.iter().filter(|y| in_parts(y)) {
        paths.push(year_data(y.year, YEAR_CATALOGUE));
    }
    paths
}

/// The entries CSVs (a year's or a part's) that hold a report of `reports` (indexes into
/// `Site::reports`), made again by serve when a summary of theirs changed.
pub(super) fn entries_csv(
    base: &BaseUrl,
    site: &Site,
    reports: &BTreeSet<usize>,
    facts: &EntryFacts,
) -> Vec<OutputFile> {
    let names = area_names(site);
    (site.years.iter().flat_map(parts))
        .filter(|p| p.reports.iter().any(|ri| reports.contains(ri)))
        .map(|p| {
            let csv = tables::entries_csv(base, site, p.reports, facts, &names);
            OutputFile::new(p.file(ENTRIES_CSV), csv)
        })
        .collect()
}

/// Each report's JSON file, made one at a time as it is written.
pub(super) struct ReportFiles<'a> {
    base: &'a BaseUrl,
    site: &'a Site,
    facts: EntryFacts<'a>,
    names: HashMap<&'a str, &'a str>,
}

impl<'a> ReportFiles<'a> {
    pub fn new(base: &'a BaseUrl, site: &'a Site, facts: EntryFacts<'a>) -> Self {
        ReportFiles {
            base,
            site,
            facts,
            names: area_names(site),
        }
    }

    /// The file of the report `ri`, whose entries' text is `bodies`.
    pub fn file(&self, ri: usize, bodies: &[&str]) -> OutputFile {
        report_file_with(self.base, self.site, (ri, bodies), &self.facts, &self.names)
    }
}

/// One report's JSON file: its metadata, its own text and every entry whole, as the model
/// holds them.
pub(super) fn report_file(
    base: &BaseUrl,
    site: &Site,
    ri: usize,
    facts: &EntryFacts,
) -> OutputFile {
    let bodies: Vec<&str> = (site.reports[ri].entries.iter())
        .map(|e| e.body.as_str())
        .collect();
    report_file_with(base, site, (ri, &bodies), facts, &area_names(site))
}

fn report_file_with(
    base: &BaseUrl,
    site: &Site,
    (ri, bodies): (usize, &[&str]),
    facts: &EntryFacts,
    names: &HashMap<&str, &str>,
) -> OutputFile {
    let r = &site.reports[ri];
    let url_of = |refs: &[crate::model::EntryRef]| -> Vec<String> {
        refs.iter()
            .map(|e| base.absolute(&site.reports[e.report].entries[e.entry].url))
            .collect()
    };
    let entries: Vec<Value> = r
        .entries
        .iter()
        .zip(bodies)
        .enumerate()
        .map(|(ei, (e, body))| {
            json!({
                "area": e.area,
                "area_name": names.get(e.area.as_str()).copied().unwrap_or(""),
                "title": e.title,
                "direction": e.direction,
                "summary": non_empty(facts.summary(ri, ei)),
                "status": non_empty(facts.status(ri, ei)),
                "text": body,
                "url": base.absolute(&e.url),
                "previous": url_of(&e.previous),
                "next": url_of(&e.next),
            })
        })
        .collect();
    let value = json!({
        "year": r.year,
        "slug": r.slug,
        "title": r.title,
        "kind": r.kind,
        "date": r.date,
        "committee": r.committee,
        "organisation": r.organisation,
        "decision": r.decision,
        "diary_number": r.diary_number,
        "source": r.source,
        "next_follow_up": r.next_follow_up,
        "signatories": r.signatories,
        "text": r.body,
        "url": base.absolute(&r.url),
        "entries": entries,
    });
    OutputFile::new(report_path(r), to_json(&value))
}

/// Each area's name by its id, made once: a lookup per entry in the list of areas would cost
/// entries × areas at a national portal's size.
pub(super) fn area_names(site: &Site) -> HashMap<&str, &str> {
    site.areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect()
}

pub(super) fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

fn to_json(value: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}
