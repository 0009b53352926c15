//! Open data: the model as files people can reuse, each of a size that follows one report or
//! the list of reports and areas, never the whole site's text:
//! - `data/index.json`: the catalogue (committees, reports, areas with lineage, links);
//! - `data/<year>/<report>.json`: one report whole, with its entries' text (Markdown);
//! - `data/rapporter.csv`, `data/omraden.csv`, `data/poster.csv`: tables, one row per report,
//!   area and entry (the entry table holds direction and summary, not the full text);
//! - `data/dcat.jsonld`: a DCAT-AP-SE description of the above, for the national data portal.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::config::{BaseUrl, Config};
use crate::model::{Report, Site};
use crate::output::OutputFile;

use crate::paths::{AREAS_CSV, CATALOGUE, DCAT, ENTRIES_CSV, REPORTS_CSV};

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

/// The paths of `files`, in its order.
pub(super) const TABLES: [&str; 5] = [CATALOGUE, REPORTS_CSV, AREAS_CSV, ENTRIES_CSV, DCAT];

/// The open-data files that follow the whole list of reports, areas or entries: the catalogue,
/// the tables and the DCAT description (`TABLES`). Each report's JSON is made as it is written
/// (`ReportFiles`): together they hold the site's whole text. `committee_urls`: each
/// committee's page, in the order of `Site::committees`.
pub(super) fn files(
    config: &Config,
    base: &BaseUrl,
    site: &Site,
    committee_urls: &[String],
    facts: &EntryFacts,
) -> Vec<OutputFile> {
    let catalogue = catalogue(config, base, site, committee_urls);
    vec![
        OutputFile::new(CATALOGUE, to_json(&catalogue)),
        OutputFile::new(REPORTS_CSV, reports_csv(base, site)),
        OutputFile::new(AREAS_CSV, areas_csv(base, site)),
        entries_csv(base, site, facts),
        OutputFile::new(DCAT, to_json(&dcat(config, base, site))),
    ]
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

fn catalogue(config: &Config, base: &BaseUrl, site: &Site, committee_urls: &[String]) -> Value {
    let mut by_committee: HashMap<&str, Vec<String>> = HashMap::new();
    for r in &site.reports {
        by_committee
            .entry(r.committee.as_str())
            .or_default()
            .push(base.absolute(&r.url));
    }
    let committees: Vec<Value> = site
        .committees
        .iter()
        .zip(committee_urls)
        .map(|(c, url)| {
            let reports = by_committee.remove(c.as_str()).unwrap_or_default();
            json!({
                "name": c,
                "url": base.absolute(url),
                "feed": base.absolute(&crate::paths::feed_beside(url)),
                "reports": reports,
            })
        })
        .collect();
    let reports: Vec<Value> = site
        .reports
        .iter()
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
    let areas: Vec<Value> = site
        .areas
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "name": a.name,
                "description": non_empty(a.description.clone()),
                "continues": a.continues,
                "continued_by": a.continued_by,
                "entries": a.entries.len(),
                "url": base.absolute(&a.url),
                "feed": base.absolute(&area_feed_path(&a.id)),
            })
        })
        .collect();
    json!({
        "title": config.title,
        "description": non_empty(config.description.clone()),
        "organisation": non_empty(config.organisation.clone()),
        "language": config.language,
        "url": base.absolute(""),
        "files": {
            "reports_csv": base.absolute(REPORTS_CSV),
            "areas_csv": base.absolute(AREAS_CSV),
            "entries_csv": base.absolute(ENTRIES_CSV),
            "dcat": base.absolute(DCAT),
        },
        "committees": committees,
        "reports": reports,
        "areas": areas,
    })
}

/// `omraden/<id>/atom.xml`: an area's entries, its lineage's too, as a feed.
pub fn area_feed_path(id: &str) -> String {
    crate::paths::area_feed(id)
}

/// Each area's name by its id, made once: a lookup per entry in the list of areas would cost
/// entries × areas at a national portal's size.
fn area_names(site: &Site) -> HashMap<&str, &str> {
    site.areas
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect()
}

fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

fn to_json(value: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}

fn reports_csv(base: &BaseUrl, site: &Site) -> Vec<u8> {
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
    for r in &site.reports {
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

fn areas_csv(base: &BaseUrl, site: &Site) -> Vec<u8> {
    let mut csv = Csv::new(&[
        "id",
        "name",
        "description",
        "continues",
        "continued_by",
        "entries",
        "url",
    ]);
    for a in &site.areas {
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

pub(super) fn entries_csv(base: &BaseUrl, site: &Site, facts: &EntryFacts) -> OutputFile {
    let names = area_names(site);
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
    for (ri, r) in site.reports.iter().enumerate() {
        for (ei, e) in r.entries.iter().enumerate() {
            csv.row(&[
                r.year.to_string(),
                r.title.clone(),
                r.date.iso(),
                r.committee.clone(),
                e.area.clone(),
                names
                    .get(e.area.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                e.title.clone(),
                e.direction.clone().unwrap_or_default().trim().to_string(),
                facts.summary(ri, ei),
                facts.status(ri, ei),
                base.absolute(&e.url),
            ]);
        }
    }
    OutputFile::new(ENTRIES_CSV, csv.0.into_bytes())
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

/// The DCAT-AP-SE description: one catalogue with one dataset (the follow-ups) and a
/// distribution per file. Terms from DCAT 2, DCTERMS, FOAF and vCard, as DCAT-AP-SE 2 names them.
fn dcat(config: &Config, base: &BaseUrl, site: &Site) -> Value {
    let publisher_name = if config.organisation.is_empty() {
        config.title.clone()
    } else {
        config.organisation.clone()
    };
    let publisher = json!({ "@type": "foaf:Agent", "foaf:name": publisher_name });
    let lang = if config.language == "en" {
        "ENG"
    } else {
        "SWE"
    };
    let language = json!({
        "@id": format!("http://publications.europa.eu/resource/authority/language/{lang}")
    });
    let distribution = |path: &str, title: &str, format: &str| {
        json!({
            "@type": "dcat:Distribution",
            "dcterms:title": title,
            "dcat:accessURL": { "@id": base.absolute(path) },
            "dcat:downloadURL": { "@id": base.absolute(path) },
            "dcat:mediaType": {
                "@id": format!("http://www.iana.org/assignments/media-types/{format}")
            },
        })
    };
    let mut contact = json!({ "@type": "vcard:Organization", "vcard:fn": publisher_name });
    if !config.accessibility.contact_email.is_empty() {
        contact["vcard:hasEmail"] =
            json!({ "@id": format!("mailto:{}", config.accessibility.contact_email) });
    }
    let years: Vec<u16> = site.reports.iter().map(|r| r.year).collect();
    let mut dataset = json!({
        "@type": "dcat:Dataset",
        "@id": base.absolute(crate::paths::DATASET),
        "dcterms:title": format!("{} – öppna data", config.title),
        "dcterms:description": dataset_description(config),
        "dcterms:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcterms:language": language,
        "dcat:theme": { "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE" },
        "dcat:keyword": ["uppföljning", "nämnd", "budget", "inriktning"],
        "dcat:landingPage": { "@id": base.absolute("") },
        "dcat:distribution": [
            distribution(CATALOGUE, "Katalog: nämnder, rapporter och områden", "application/json"),
            distribution(REPORTS_CSV, "Rapporter", "text/csv"),
            distribution(AREAS_CSV, "Områden", "text/csv"),
            distribution(ENTRIES_CSV, "Poster: områdenas inriktning och vad som gjorts", "text/csv"),
        ],
    });
    if let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) {
        dataset["dcterms:temporal"] = json!({
            "@type": "dcterms:PeriodOfTime",
            "dcat:startDate": format!("{first}-01-01"),
            "dcat:endDate": format!("{last}-12-31"),
        });
    }
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@type": "dcat:Catalog",
        "@id": base.absolute(DCAT),
        "dcterms:title": config.title,
        "dcterms:description": dataset_description(config),
        "dcterms:publisher": { "@type": "foaf:Agent", "foaf:name": publisher_name },
        "dcterms:language": language,
        "foaf:homepage": { "@id": base.absolute("") },
        "dcat:dataset": [dataset],
    })
}

fn dataset_description(config: &Config) -> String {
    if config.description.trim().is_empty() {
        format!(
            "Nämndens uppföljningar av sina inriktningar: rapporter, områden och vad som gjorts, från {}.",
            config.title
        )
    } else {
        config.description.clone()
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
