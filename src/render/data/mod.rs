//! Open data: the model as files people can reuse, each of a size that follows one report or
//! one year, never the whole site (`catalogue`, `tables`, `dcat`):
//! - `data/index.json`: the site's catalogue (the site, committees, years with their files);
//! - `data/<year>/index.json`: a year's catalogue (its reports, the areas it has entries of);
//! - `data/<year>/rapporter.csv`, `omraden.csv`, `poster.csv`: a year's tables, one row per
//!   report, area and entry (the entry table holds direction and summary, not the full text);
//! - `data/<year>/<report>.json`: one report whole, with its entries' text (Markdown);
//! - `data/dcat.jsonld`: a DCAT-AP-SE description of the above, for the national data portal.

mod catalogue;
mod dcat;
mod tables;

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::config::{BaseUrl, Config};
use crate::model::{Report, Site};
use crate::output::OutputFile;

use crate::paths::{
    year_data, AREAS_CSV, CATALOGUE, DCAT, ENTRIES_CSV, REPORTS_CSV, YEAR_CATALOGUE,
};

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
    // A year's files apart from the others': on as many threads as there are years.
    let years = site.years.par_iter().flat_map_iter(|y| {
        let areas = catalogue::year_areas(site, y, &index);
        let file = |name: &str, contents| OutputFile::new(year_data(y.year, name), contents);
        let entries = tables::entries_csv(base, site, y, facts, &names);
        [
            file(
                YEAR_CATALOGUE,
                to_json(&catalogue::year_catalogue(base, site, y, &areas)),
            ),
            file(REPORTS_CSV, tables::reports_csv(base, site, y)),
            file(AREAS_CSV, tables::areas_csv(base, &areas)),
            file(ENTRIES_CSV, entries),
        ]
    });
    files.par_extend(years);
    files
}

/// The paths of `files`, in its order (for the check of URLs made twice).
pub(super) fn paths(site: &Site) -> Vec<String> {
    let mut paths = vec![CATALOGUE.to_string(), DCAT.to_string()];
    for y in &site.years {
        let names = [YEAR_CATALOGUE, REPORTS_CSV, AREAS_CSV, ENTRIES_CSV];
        paths.extend(names.map(|name| year_data(y.year, name)));
    }
    paths
}

/// The entries CSV of the year `year` (an index into `Site::years`), made again by serve when
/// a summary of that year changed.
pub(super) fn entries_csv(
    base: &BaseUrl,
    site: &Site,
    year: usize,
    facts: &EntryFacts,
) -> OutputFile {
    let y = &site.years[year];
    let csv = tables::entries_csv(base, site, y, facts, &area_names(site));
    OutputFile::new(year_data(y.year, ENTRIES_CSV), csv)
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
