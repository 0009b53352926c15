//! A year's tables (CSV): its reports, the areas it has entries of, and its entries with their
//! direction and summary. One year each (or one part of a year, `super::parts`), so that no
//! table grows with the site's history or its number of committees.

use std::collections::HashMap;

use super::{report_path, EntryFacts};
use crate::config::BaseUrl;
use crate::model::{Area, Site};

/// `reports`: a part's (indexes into `Site::reports`).
pub(super) fn reports_csv(base: &BaseUrl, site: &Site, reports: &[usize]) -> Vec<u8> {
    let mut csv = Csv::new(&[
        "year",
        "slug",
        "title",
        "kind",
        "date",
        "committee",
        "organisation",
        "decision",
        "diary_number",
        "next_follow_up",
        "entries",
        "url",
        "data",
    ]);
    for r in reports.iter().map(|&ri| &site.reports[ri]) {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        csv.row(&[
            r.year.to_string(),
            r.slug.clone(),
            r.title.clone(),
            r.kind.clone(),
            r.date.iso(),
            r.committee.clone(),
            opt(&r.organisation),
            opt(&r.decision),
            opt(&r.diary_number),
            opt(&r.next_follow_up),
            r.entries.len().to_string(),
            base.absolute(&r.url),
            base.absolute(&report_path(r)),
        ]);
    }
    csv.0.into_bytes()
}

/// `areas`: the year's (`year_areas`).
pub(super) fn areas_csv(base: &BaseUrl, areas: &[&Area]) -> Vec<u8> {
    let mut csv = Csv::new(&[
        "id",
        "name",
        "description",
        "continues",
        "continued_by",
        "entries",
        "url",
    ]);
    for a in areas {
        csv.row(&[
            a.id.clone(),
            a.name.clone(),
            a.description.clone(),
            a.continues.join(" "),
            a.continued_by.join(" "),
            a.entries.len().to_string(),
            base.absolute(&a.url),
        ]);
    }
    csv.0.into_bytes()
}

/// Every entry of `reports` (a part's). `names`: each area's name by id (`area_names`), made
/// once for all years when a build makes them.
pub(super) fn entries_csv(
    base: &BaseUrl,
    site: &Site,
    reports: &[usize],
    facts: &EntryFacts,
    names: &HashMap<&str, &str>,
) -> Vec<u8> {
    let mut csv = Csv::new(&[
        "year",
        "report",
        "date",
        "committee",
        "area",
        "area_name",
        "title",
        "direction",
        "summary",
        "status",
        "url",
    ]);
    for &ri in reports {
        let r = &site.reports[ri];
        for (ei, e) in r.entries.iter().enumerate() {
            let name = names.get(e.area.as_str()).copied().unwrap_or("");
            csv.row(&[
                r.year.to_string(),
                r.title.clone(),
                r.date.iso(),
                r.committee.clone(),
                e.area.clone(),
                name.to_string(),
                e.title.clone(),
                e.direction.clone().unwrap_or_default().trim().to_string(),
                facts.summary(ri, ei),
                facts.status(ri, ei),
                base.absolute(&e.url),
            ]);
        }
    }
    csv.0.into_bytes()
}

/// RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote
/// or a line break (quotes doubled). UTF-8 without a byte-order mark.
struct Csv(String);

impl Csv {
    fn new(header: &[&str]) -> Csv {
        let mut csv = Csv(String::new());
        csv.row(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
        csv
    }

    fn row(&mut self, fields: &[String]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            if f.contains([',', '"', '\n', '\r']) {
                self.0.push('"');
                self.0.push_str(&f.replace('"', "\"\""));
                self.0.push('"');
            } else {
                self.0.push_str(f);
            }
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::Csv;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut csv = Csv::new(&["a", "b"]);
        csv.row(&["plain".into(), "säger \"ja\", sedan\nnej".into()]);
        assert_eq!(csv.0, "a,b\r\nplain,\"säger \"\"ja\"\", sedan\nnej\"\r\n");
    }
}
