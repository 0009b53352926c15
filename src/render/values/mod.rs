//! Template values: each report, entry, year, area, committee and comparison as templates see
//! them, built once as the typed views of `views.rs` and shared by every page that shows them (a
//! minijinja map is reference-counted: a page's context holds pointers, not copies). Areas'
//! values are in `areas.rs`.

mod areas;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, Serde};
use minijinja::Value;
use rayon::prelude::*;

use super::compare::{self, compare_links, CompareLinks};
use super::theme::Text;
use super::views::*;
use super::ReportHtml;
use crate::config::Config;
use crate::model::{EntryRef, Report, Site};

use areas::area_values;
pub(super) use areas::change_view;

pub(super) struct Values {
    pub report: Vec<Value>,
    pub entry: Vec<Vec<Value>>,
    pub years: Vec<Value>,
    pub areas: Vec<Value>,
    pub committees: Vec<Value>,
    /// Each committee's page, in the order of `Site::committees`.
    pub committee_urls: Vec<String>,
    /// Each committee's reports as (year, report) indexes, newest year first, in the order
    /// of `Site::committees`: its page lists them (`committee_years`), a page of 50 at a time.
    pub committee_reports: Vec<Vec<(usize, usize)>>,
    pub comparisons: Vec<Comparison>,
    /// Every entry's summary, one cell shared by every page that shows it.
    pub summaries: Vec<Vec<Arc<SummaryText>>>,
}

/// Area names by id, and the names more than one area has (at a portal of many
/// organisations each has its own area of one name).
pub(super) struct AreaNames<'a> {
    names: HashMap<&'a str, &'a str>,
    shared: HashSet<&'a str>,
}

impl<'a> AreaNames<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut seen = HashSet::new();
        let shared = (site.areas.iter())
            .filter(|a| !seen.insert(a.name.as_str()))
            .map(|a| a.name.as_str())
            .collect();
        let names = (site.areas.iter())
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        AreaNames { names, shared }
    }

    /// The area's name; its id when the model has no such area.
    pub fn name(&self, id: &str) -> String {
        self.names.get(id).copied().unwrap_or(id).to_string()
    }

    /// The area's name as search results and filters show it, where the areas are listed
    /// without their pages around them: a name other areas have too is followed by the
    /// committee and organisation of `report` (the area's entry's), so that the areas can be
    /// told apart.
    pub fn search_name(&self, id: &str, report: &Report) -> String {
        let name = self.name(id);
        if !self.shared.contains(name.as_str()) {
            return name;
        }
        match &report.organisation {
            Some(org) => format!("{name} ({}, {org})", report.committee),
            None => format!("{name} ({})", report.committee),
        }
    }
}

/// An entry's summary: its own `summary` or the first paragraph of its rendered text.
pub(super) fn summary_text(own: Option<&str>, body_html: &str) -> String {
    match own {
        Some(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        None => compare::first_paragraph(body_html),
    }
}

/// Everything `build` needs besides the model.
pub(super) struct Inputs<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub text: &'a Text<'a>,
    pub areas: &'a AreaNames<'a>,
    /// What local links resolve against: a report's `source` file is linked when it is there.
    pub targets: &'a crate::markdown::Targets,
}

/// Each status's view by id, made once: every entry and report stating it shares it.
fn status_views(config: &Config) -> HashMap<&str, Value> {
    config
        .status
        .iter()
        .map(|s| {
            let view = StatusView {
                id: &s.id,
                label: &s.label,
                description: &s.description,
                icon: &s.icon,
            };
            (s.id.as_str(), Value::from(Serde(&view)))
        })
        .collect()
}

/// Builds the values, stage by stage: entries, then the reports holding them, years, areas,
/// committees and comparisons, each made of the ones before. The reports' and directions'
/// HTML moves into them (search needs only the sections). These are the values the pages of
/// many reports show: an entry's `html` is not among them (it is undefined there), and its
/// summary cell is filled when its text is rendered (`report::part`), which also makes the
/// values of its own pages with the text (`with_text`).
pub(super) fn build(inputs: &Inputs, html: &mut [ReportHtml]) -> Values {
    let site = inputs.site;
    let statuses = status_views(inputs.config);
    let committee_urls = crate::paths::committee_urls(&site.committees);
    let pairs = crate::model::consecutive_entries(site);
    let summaries = summary_cells(site);
    let compare = compare_links(site, &pairs);
    let links = entry_links(site);
    let entry = entry_values(inputs, (html, &links), &statuses, &summaries, compare);
    let report: Vec<Value> = (html.iter_mut().enumerate())
        .map(|(ri, html)| report_value(inputs, ri, html, &entry[ri], &statuses, &committee_urls))
        .collect();
    let years = site
        .years
        .iter()
        .map(|y| Value::from(Serde(&year_view(y.year, &y.url, &y.reports, &report))))
        .collect();
    let areas = area_values(inputs, &report, &entry, &links);
    let committee_urls: Vec<String> = site
        .committees
        .iter()
        .map(|c| committee_urls.get(c).cloned().unwrap_or_default())
        .collect();
    let committee_reports = committee_reports(site);
    let committees = committee_values(site, &committee_urls, &committee_reports, &report, &areas);
    Values {
        report,
        entry,
        years,
        areas,
        committees,
        committee_urls,
        committee_reports,
        comparisons: compare::comparisons(inputs, &pairs),
        summaries,
    }
}

/// Every entry's summary cell, empty until its text is rendered (`report::part`).
fn summary_cells(site: &Site) -> Vec<Vec<Arc<SummaryText>>> {
    site.reports
        .iter()
        .map(|r| r.entries.iter().map(|_| Arc::default()).collect())
        .collect()
}

/// The values of a report's own pages (its page and its entries' pages): its entries' values
/// with their `html`, and its value holding those.
pub(super) fn with_text(
    report: &Value,
    entries: &[Value],
    html: Vec<String>,
) -> (Value, Vec<Value>) {
    let entries: Vec<Value> = (entries.iter().zip(html))
        .map(|(e, html)| WithKey::value(e, "html", Value::from_safe_string(html)))
        .collect();
    let report = WithKey::value(report, "entries", Value::from(entries.clone()));
    (report, entries)
}

/// A map value with one key set, reading every other key from the value it is made from: no
/// copy of the map, which templates also read faster (the views' maps look keys up by their
/// static names).
#[derive(Debug)]
struct WithKey {
    base: Value,
    key: &'static str,
    value: Value,
}

impl WithKey {
    fn value(base: &Value, key: &'static str, value: Value) -> Value {
        Value::from_object(WithKey {
            base: base.clone(),
            key,
            value,
        })
    }
}

impl Object for WithKey {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        key.as_str().and_then(|k| self.get_value_by_str(k))
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        if key == self.key {
            Some(self.value.clone())
        } else {
            self.base.get_attr(key).ok()
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(
            self.base
                .try_iter()
                .map(Iterator::collect)
                .unwrap_or_default(),
        )
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        self.base.len()
    }
}

/// A copy of the map `value` with some keys replaced.
pub(super) fn with_keys<'a>(
    value: &Value,
    replace: impl IntoIterator<Item = (&'a str, Value)>,
) -> Value {
    let mut out: std::collections::BTreeMap<String, Value> = std::collections::BTreeMap::new();
    if let Ok(keys) = value.try_iter() {
        for key in keys {
            if let (Some(k), Ok(v)) = (key.as_str(), value.get_item(&key)) {
                out.insert(k.to_string(), v);
            }
        }
    }
    for (k, v) in replace {
        out.insert(k.to_string(), v);
    }
    Value::from(out)
}

/// Each entry's link (`EntryLink`), made once: entries link to their neighbours and areas'
/// year switchers to the entries of their line, several views to one entry.
fn entry_links(site: &Site) -> Vec<Vec<Value>> {
    site.reports
        .par_iter()
        .map(|rep| {
            (rep.entries.iter())
                .map(|e| {
                    Value::from(Serde(&EntryLink {
                        url: e.url.clone(),
                        title: e.title.clone(),
                        year: rep.year,
                        report_title: rep.title.clone(),
                        report_url: rep.url.clone(),
                        area: e.area.clone(),
                    }))
                })
                .collect()
        })
        .collect()
}

/// The link of the entry `r` (`entry_links`).
pub(super) fn entry_link(links: &[Vec<Value>], r: &EntryRef) -> Value {
    links[r.report][r.entry].clone()
}

fn entry_values(
    inputs: &Inputs,
    (html, links): (&mut [ReportHtml], &[Vec<Value>]),
    statuses: &HashMap<&str, Value>,
    summaries: &[Vec<Arc<SummaryText>>],
    (mut compare_previous, mut compare_next): (CompareLinks, CompareLinks),
) -> Vec<Vec<Value>> {
    let Inputs { site, areas, .. } = *inputs;
    let mut views: Vec<Vec<EntryView>> = Vec::with_capacity(site.reports.len());
    for (ri, (r, rendered)) in site.reports.iter().zip(html.iter_mut()).enumerate() {
        let mut list = Vec::with_capacity(r.entries.len());
        let directions = rendered.directions.iter_mut();
        for (ei, (e, dir)) in r.entries.iter().zip(directions).enumerate() {
            let at = EntryRef {
                report: ri,
                entry: ei,
            };
            list.push(EntryView {
                area: e.area.clone(),
                area_name: areas.name(&e.area),
                area_url: crate::paths::area(&e.area),
                title: e.title.clone(),
                url: e.url.clone(),
                anchor: e.area.clone(),
                direction_html: if e.direction.is_some() {
                    Value::from_safe_string(std::mem::take(&mut dir.html))
                } else {
                    Value::from(())
                },
                html: Value::UNDEFINED,
                summary: Value::from_dyn_object(summaries[ri][ei].clone()),
                status: e.status.as_deref().and_then(|s| statuses.get(s).cloned()),
                year: r.year,
                report_title: r.title.clone(),
                report_url: r.url.clone(),
                committee: r.committee.clone(),
                previous: e.previous.iter().map(|p| entry_link(links, p)).collect(),
                next: e.next.iter().map(|n| entry_link(links, n)).collect(),
                compare_previous: compare_previous.remove(&at).unwrap_or_default(),
                compare_next: compare_next.remove(&at).unwrap_or_default(),
            });
        }
        views.push(list);
    }
    views
        .par_iter()
        .map(|list| list.iter().map(|v| Value::from(Serde(v))).collect())
        .collect()
}

fn report_value(
    inputs: &Inputs,
    ri: usize,
    html: &mut ReportHtml,
    entries: &[Value],
    statuses: &HashMap<&str, Value>,
    committee_urls: &HashMap<String, String>,
) -> Value {
    let Inputs {
        site, config, text, ..
    } = *inputs;
    let r = &site.reports[ri];
    let is_url = |s: &str| s.starts_with("http://") || s.starts_with("https://");
    let view = ReportView {
        title: r.title.clone(),
        url: r.url.clone(),
        year: r.year,
        slug: r.slug.clone(),
        kind: r.kind.clone(),
        kind_label: text.kind_label(&r.kind),
        date: r.date.iso(),
        date_text: text.date(&r.date),
        committee: r.committee.clone(),
        committee_url: committee_urls
            .get(&r.committee_key)
            .cloned()
            .unwrap_or_default(),
        organisation: r
            .organisation
            .clone()
            .or_else(|| Some(config.organisation.clone()).filter(|o| !o.is_empty())),
        decision: r.decision.clone(),
        diary_number: r.diary_number.clone(),
        source: r.source.clone(),
        source_is_url: r.source.as_deref().is_some_and(is_url),
        // A source file in the report's folder is linked, wherever it is shown.
        source_url: r.source.as_deref().and_then(|src| {
            if is_url(src) {
                Some(src.to_string())
            } else {
                inputs.targets.at(&r.url).file_href(src)
            }
        }),
        next_follow_up: r.next_follow_up.clone(),
        signatories: r.signatories.clone(),
        draft: r.draft,
        html: Value::from_safe_string(std::mem::take(&mut html.body.html)),
        html_after: Value::from_safe_string(std::mem::take(&mut html.after)),
        entries: Value::from(entries.to_vec()),
        status_counts: status_counts(config, r, statuses),
    };
    Value::from(Serde(&view))
}

/// How many of the report's entries state each status, in site.toml's order; none for a
/// status no entry states.
fn status_counts(config: &Config, r: &Report, statuses: &HashMap<&str, Value>) -> Vec<StatusCount> {
    config
        .status
        .iter()
        .filter_map(|s| {
            let count = r
                .entries
                .iter()
                .filter(|e| e.status.as_deref() == Some(s.id.as_str()))
                .count();
            (count > 0).then(|| StatusCount {
                status: statuses[s.id.as_str()].clone(),
                count,
                total: r.entries.len(),
            })
        })
        .collect()
}

/// A year as the home page, a committee's page and the navigation show it: `reports` are
/// indexes into `report_values`.
fn year_view(year: u16, url: &str, reports: &[usize], report_values: &[Value]) -> YearView {
    YearView {
        year,
        url: url.to_string(),
        reports: reports.iter().map(|&i| report_values[i].clone()).collect(),
    }
}

/// Each committee's reports as (year, report) indexes, newest year first, in the order of
/// `Site::committees`: grouped in one pass over the years (a national portal has thousands of
/// committees).
fn committee_reports(site: &Site) -> Vec<Vec<(usize, usize)>> {
    let at: HashMap<&str, usize> = (site.committees.iter().enumerate())
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut reports = vec![Vec::new(); site.committees.len()];
    for (yi, y) in site.years.iter().enumerate() {
        for &ri in &y.reports {
            if let Some(&ci) = at.get(site.reports[ri].committee_key.as_str()) {
                reports[ci].push((yi, ri));
            }
        }
    }
    reports
}

/// `reports` ((year, report) indexes, by year: `committee_reports` or a run of it) under
/// their years, as a committee's page shows them.
pub(super) fn committee_years(
    site: &Site,
    reports: &[(usize, usize)],
    report_values: &[Value],
) -> Vec<YearView> {
    (reports.chunk_by(|a, b| a.0 == b.0))
        .map(|run| {
            let y = &site.years[run[0].0];
            let indexes: Vec<usize> = run.iter().map(|&(_, ri)| ri).collect();
            year_view(y.year, &y.url, &indexes, report_values)
        })
        .collect()
}

/// Each committee's value: its reports by year and the areas they follow up, the areas
/// grouped by committee in one pass over the site.
fn committee_values(
    site: &Site,
    urls: &[String],
    reports: &[Vec<(usize, usize)>],
    report_values: &[Value],
    area_values: &[Value],
) -> Vec<Value> {
    let area_index: HashMap<&str, usize> = site
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut areas_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for r in &site.reports {
        let own = areas_of.entry(&r.committee_key).or_default();
        own.extend((r.entries.iter()).filter_map(|e| area_index.get(e.area.as_str()).copied()));
    }
    (site.committees.iter().zip(urls).zip(reports))
        .map(|((c, url), reports)| {
            let years = committee_years(site, reports, report_values);
            let mut own = areas_of.remove(c.as_str()).unwrap_or_default();
            own.sort_unstable();
            own.dedup();
            let view = CommitteeView {
                name: c.clone(),
                url: url.clone(),
                feed_url: crate::paths::feed_beside(url),
                years,
                areas: own.into_iter().map(|i| area_values[i].clone()).collect(),
            };
            Value::from(Serde(&view))
        })
        .collect()
}
