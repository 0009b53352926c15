//! The catalogues (JSON): the site's (`data/index.json`: the site, its committees and its
//! years with their files) and each year's (`data/<year>/index.json`: its reports and the
//! areas it has entries of). A reuser walks from the first to the second to each report's file.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{non_empty, report_path};
use crate::config::{BaseUrl, Config};
use crate::model::{Area, Site, Year};
use crate::paths::{
    area_feed, feed_beside, year_data, AREAS_CSV, DCAT, ENTRIES_CSV, REPORTS_CSV, YEAR_CATALOGUE,
};

/// The site's catalogue. `committee_urls`: each committee's page, in the order of
/// `Site::committees`.
pub(super) fn site_catalogue(
    config: &Config,
    base: &BaseUrl,
    site: &Site,
    committee_urls: &[String],
) -> Value {
    let committees: Vec<Value> = (site.committees.iter().zip(committee_urls))
        .map(|(c, url)| {
            json!({
                "name": c,
                "url": base.absolute(url),
                "feed": base.absolute(&feed_beside(url)),
            })
        })
        .collect();
    let years: Vec<Value> = (site.years.iter())
        .map(|y| {
            let mut files = year_files(base, y.year);
            files["year"] = json!(y.year);
            files["url"] = json!(base.absolute(&y.url));
            files["reports"] = json!(y.reports.len());
            files
        })
        .collect();
    json!({
        "title": config.title,
        "description": non_empty(config.description.clone()),
        "organisation": non_empty(config.organisation.clone()),
        "language": config.language,
        "url": base.absolute(""),
        "files": { "dcat": base.absolute(DCAT) },
        "committees": committees,
        "years": years,
    })
}

/// The links to a year's files, as both catalogues give them.
fn year_files(base: &BaseUrl, year: u16) -> Value {
    let file = |name: &str| base.absolute(&year_data(year, name));
    json!({
        "catalogue": file(YEAR_CATALOGUE),
        "reports_csv": file(REPORTS_CSV),
        "areas_csv": file(AREAS_CSV),
        "entries_csv": file(ENTRIES_CSV),
    })
}

/// A year's catalogue: its reports and `areas` (`year_areas`).
pub(super) fn year_catalogue(base: &BaseUrl, site: &Site, year: &Year, areas: &[&Area]) -> Value {
    let reports: Vec<Value> = (year.reports.iter().map(|&ri| &site.reports[ri]))
        .map(|r| {
            json!({
                "year": r.year,
                "title": r.title,
                "kind": r.kind,
                "date": r.date,
                "committee": r.committee,
                "entries": r.entries.len(),
                "url": base.absolute(&r.url),
                "data": base.absolute(&report_path(r)),
            })
        })
        .collect();
    let areas: Vec<Value> = (areas.iter())
        .map(|a| {
            json!({
                "id": a.id,
                "name": a.name,
                "description": non_empty(a.description.clone()),
                "continues": a.continues,
                "continued_by": a.continued_by,
                "entries": a.entries.len(),
                "url": base.absolute(&a.url),
                "feed": base.absolute(&area_feed(&a.id)),
            })
        })
        .collect();
    json!({
        "year": year.year,
        "url": base.absolute(&year.url),
        "files": year_files(base, year.year),
        "reports": reports,
        "areas": areas,
    })
}

/// The areas a year's reports have entries of, in the site's order of areas. `index`: each
/// area's place in `Site::areas` by id.
pub(super) fn year_areas<'s>(
    site: &'s Site,
    year: &Year,
    index: &HashMap<&str, usize>,
) -> Vec<&'s Area> {
    let mut at: Vec<usize> = (year.reports.iter())
        .flat_map(|&ri| &site.reports[ri].entries)
        .filter_map(|e| index.get(e.area.as_str()).copied())
        .collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter().map(|i| &site.areas[i]).collect()
}
