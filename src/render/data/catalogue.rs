//! The catalogues (JSON): the site's (`data/index.json`: the site, its committees and its
//! years with their files; a site of many committees lists them in parts, `data/namnder/`)
//! and each year's (`data/<year>/index.json`: its reports and the areas it has entries of). A reuser walks from the first to the second to each report's file.
//! A year cut in parts (`super::parts`) has a catalogue of the same kind for each part, and
//! its own lists the parts with their files.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{committee_parts, non_empty, parts, report_path, Part};
use crate::config::{BaseUrl, Config};
use crate::model::{Area, Site, Year};
use crate::paths::{
    area_feed, committee_list_part, feed_beside, year_data, AREAS_CSV, CATALOGUE, DCAT,
    ENTRIES_CSV, REPORTS_CSV, YEAR_CATALOGUE,
};

/// The site's catalogue. `committee_urls`: each committee's page, in the order of
/// `Site::committees`. Its committees are listed in it, or, when there are more than
/// `PART_COMMITTEES`, in parts (`committee_list_parts`) that it lists.
pub(super) fn site_catalogue(
    config: &Config,
    base: &BaseUrl,
    site: &Site,
    committee_urls: &[String],
) -> Value {
    let years: Vec<Value> = (site.years.iter())
        .map(|y| {
            let parts = parts(y);
            // A whole year's files are the year's; a year cut in parts has its catalogue,
            // which lists the parts' (here their number only, so that this file grows with
            // the years alone).
            let mut entry = match parts.as_slice() {
                [whole] => part_files(base, whole),
                _ => json!({
                    "catalogue": base.absolute(&year_data(y.year, YEAR_CATALOGUE)),
                    "parts": parts.len(),
                }),
            };
            entry["year"] = json!(y.year);
            entry["url"] = json!(base.absolute(&y.url));
            entry["reports"] = json!(y.reports.len());
            entry
        })
        .collect();
    let mut catalogue = json!({
        "title": config.title,
        "description": non_empty(config.description.clone()),
        "organisation": non_empty(config.organisation.clone()),
        "language": config.language,
        "url": base.absolute(""),
        "files": { "dcat": base.absolute(DCAT) },
        "years": years,
    });
    let parts = committee_parts(site);
    if parts.is_empty() {
        catalogue["committees"] = Value::Array(committee_list(base, site, committee_urls));
    } else {
        let listed: Vec<Value> = (parts.into_iter())
            .map(|(n, committees)| {
                json!({
                    "part": n,
                    "committees": committees.len(),
                    "url": base.absolute(&committee_list_part(n)),
                })
            })
            .collect();
        catalogue["committee_parts"] = Value::Array(listed);
    }
    catalogue
}

/// The site's committees, each with its page and its feed.
fn committee_list(base: &BaseUrl, site: &Site, committee_urls: &[String]) -> Vec<Value> {
    (site.committees.iter().zip(committee_urls))
        .map(|(c, url)| {
            json!({
                "name": c,
                "url": base.absolute(url),
                "feed": base.absolute(&feed_beside(url)),
            })
        })
        .collect()
}

/// The parts of the site's list of committees, with their paths, when there are more than
/// `PART_COMMITTEES` (none otherwise: the site's catalogue lists them). Each names its part
/// and the site's catalogue.
pub(super) fn committee_list_parts(
    base: &BaseUrl,
    site: &Site,
    committee_urls: &[String],
) -> Vec<(String, Value)> {
    let parts = committee_parts(site);
    if parts.is_empty() {
        return Vec::new();
    }
    let committees = committee_list(base, site, committee_urls);
    (parts.into_iter())
        .map(|(n, range)| {
            let list = json!({
                "part": n,
                "site_catalogue": base.absolute(CATALOGUE),
                "committees": &committees[range],
            });
            (committee_list_part(n), list)
        })
        .collect()
}

/// The links to a part's files, as the catalogues give them.
fn part_files(base: &BaseUrl, part: &Part) -> Value {
    let file = |name: &str| base.absolute(&part.file(name));
    json!({
        "catalogue": file(YEAR_CATALOGUE),
        "reports_csv": file(REPORTS_CSV),
        "areas_csv": file(AREAS_CSV),
        "entries_csv": file(ENTRIES_CSV),
    })
}

/// A part as the catalogue of its year and the site's list it: its number, its reports' and
/// entries' number, and its files.
fn part_summary(base: &BaseUrl, site: &Site, part: &Part) -> Value {
    let entries: usize = (part.reports.iter())
        .map(|&ri| site.reports[ri].entries.len())
        .sum();
    json!({
        "part": part.number,
        "reports": part.reports.len(),
        "entries": entries,
        "files": part_files(base, part),
    })
}

/// The catalogue of a year cut in parts: the year and its parts, each with its files.
pub(super) fn year_of_parts(base: &BaseUrl, site: &Site, year: &Year) -> Value {
    let parts: Vec<Value> = (parts(year).iter())
        .map(|p| part_summary(base, site, p))
        .collect();
    json!({
        "year": year.year,
        "url": base.absolute(&year.url),
        "reports": year.reports.len(),
        "parts": parts,
    })
}

/// A part's catalogue (the year's own when it is one part): its reports and `areas`
/// (`year_areas`).
pub(super) fn part_catalogue(base: &BaseUrl, site: &Site, part: &Part, areas: &[&Area]) -> Value {
    let reports: Vec<Value> = (part.reports.iter().map(|&ri| &site.reports[ri]))
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
    let mut catalogue = json!({
        "year": part.year.year,
        "url": base.absolute(&part.year.url),
        "files": part_files(base, part),
        "reports": reports,
        "areas": areas,
    });
    if let Some(n) = part.number {
        catalogue["part"] = json!(n);
        catalogue["year_catalogue"] =
            json!(base.absolute(&year_data(part.year.year, YEAR_CATALOGUE)));
    }
    catalogue
}

/// The areas that `reports` (a part's) have entries of, in the site's order of areas.
/// `index`: each area's place in `Site::areas` by id.
pub(super) fn year_areas<'s>(
    site: &'s Site,
    reports: &[usize],
    index: &HashMap<&str, usize>,
) -> Vec<&'s Area> {
    let mut at: Vec<usize> = (reports.iter())
        .flat_map(|&ri| &site.reports[ri].entries)
        .filter_map(|e| index.get(e.area.as_str()).copied())
        .collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter().map(|i| &site.areas[i]).collect()
}
