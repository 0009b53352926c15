//! Model stage: checks the loaded content and links it into plain data — years, reports,
//! entries, areas and their lineage. Templates read it; `render::data` publishes it as open data.
//!
//! `build` runs in stages: the register's checks and its lineage's (`checks`), then one report
//! at a time (its checks, its entries), and only when nothing is wrong the linking: reports in
//! order, areas with their year-over-year links and timelines (`lineage`), years, committees.

mod checks;
mod date;
mod lineage;
mod types;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::content::{EntrySource, Loaded, ReportSource};
use crate::diagnostics::Diagnostics;
use crate::messages::Lang;

pub use checks::check_statuses;
pub use date::{check_date, PartialDate};
pub use lineage::consecutive_entries;
pub use types::{Area, ChangeKind, Entry, EntryRef, Report, Site, TimelineItem, Year};

/// Checks and links the loaded content. Drafts are dropped unless `drafts` is set.
/// Messages are in `lang`. `loaded` may hold only the files that could be read (the others'
/// errors are reported by `content`): what can be checked is checked, so that one round trip
/// shows every problem.
pub fn build(mut loaded: Loaded, drafts: bool, lang: Lang) -> Result<Site, Diagnostics> {
    let mut errors = Diagnostics::default();
    let sources = published(std::mem::take(&mut loaded.reports), drafts);
    let register = checks::register(&loaded, lang, &mut errors);
    checks::lineage(&register, lang, &mut errors);
    let reports: Vec<(i64, Report)> = sources
        .into_iter()
        .map(|r| report(r, &register, lang, &mut errors))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut reports = in_order(reports);
    let areas = lineage::link_areas(&loaded.areas, &mut reports);
    Ok(site(reports, areas))
}

/// The reports and entries to publish: drafts only when asked for.
fn published(mut reports: Vec<ReportSource>, drafts: bool) -> Vec<ReportSource> {
    reports.retain(|r| drafts || !r.front.draft);
    for r in &mut reports {
        r.entries.retain(|e| drafts || !e.front.draft);
    }
    reports
}

/// One report, checked, with its entries in order (by weight, then file); its own `weight`
/// beside it, for ordering reports.
fn report(
    mut r: ReportSource,
    register: &checks::Register,
    lang: Lang,
    errors: &mut Diagnostics,
) -> (i64, Report) {
    let date = checks::report_date(&r, lang, errors);
    checks::report_kind(&r, lang, errors);
    checks::report_committee(&mut r, lang, errors);
    checks::title(&r.file, &r.front.title, lang, errors);
    let url = crate::paths::report(r.year, &r.slug);
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut entries: Vec<Entry> = r
        .entries
        .iter_mut()
        .map(|e| {
            checks::entry_area(e, register, &mut seen, lang, errors);
            checks::title(&e.file, &e.front.title, lang, errors);
            entry(e, &url)
        })
        .collect();
    entries.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.file.cmp(&b.file)));
    let report = Report {
        year: r.year,
        slug: r.slug,
        url,
        title: r.front.title,
        kind: r.front.kind.into_inner(),
        date,
        committee_key: r.front.committee.clone(),
        committee: r.front.committee,
        organisation: r.front.organisation,
        decision: r.front.decision,
        diary_number: r.front.diary_number,
        source: r.front.source,
        next_follow_up: r.front.next_follow_up,
        signatories: r.front.signatories,
        draft: r.front.draft,
        body: r.body,
        entries,
        file: r.file.path.display().to_string(),
        body_line: body_line(&r.file.head),
    };
    (r.front.weight.unwrap_or(0), report)
}

/// An entry of the report at `report_url`; its body is moved out of `e`.
fn entry(e: &mut EntrySource, report_url: &str) -> Entry {
    let area = e.front.area.get_ref();
    Entry {
        area: area.clone(),
        title: e.front.title.clone(),
        direction: e.front.direction.clone().filter(|d| !d.trim().is_empty()),
        summary: e.front.summary.clone().filter(|d| !d.trim().is_empty()),
        status: e.front.status.as_ref().map(|s| s.get_ref().clone()),
        weight: e.front.weight.or(e.prefix_weight).unwrap_or(0),
        url: crate::paths::entry(report_url, area),
        body: std::mem::take(&mut e.body),
        file: e.file.path.display().to_string(),
        source: e.file.path.clone(),
        body_line: body_line(&e.file.head),
        direction_at: crate::toml_errors::value_start(&e.file.head, "direction"),
        previous: Vec::new(),
        next: Vec::new(),
    }
}

/// Reports oldest first: by year, date, weight, then folder name.
fn in_order(mut reports: Vec<(i64, Report)>) -> Vec<Report> {
    reports.sort_by(|(wa, a), (wb, b)| {
        (a.year, a.date, *wa, &a.slug).cmp(&(b.year, b.date, *wb, &b.slug))
    });
    reports.into_iter().map(|(_, r)| r).collect()
}

/// The site of linked reports and areas: its years (newest first) and its committees (in the
/// order their first reports come).
fn site(mut reports: Vec<Report>, areas: Vec<Area>) -> Site {
    tell_committees_apart(&mut reports);
    let mut years: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        years.entry(r.year).or_default().push(i);
    }
    let years = years
        .into_iter()
        .rev()
        .map(|(year, reports)| Year {
            year,
            url: crate::paths::year(year),
            reports,
        })
        .collect();
    // A set beside the list: a national portal has hundreds of committees.
    let mut seen: HashSet<&str> = HashSet::new();
    let committees: Vec<String> = (reports.iter())
        .filter(|r| seen.insert(r.committee_key.as_str()))
        .map(|r| r.committee_key.clone())
        .collect();
    Site {
        reports,
        areas,
        years,
        committees,
    }
}

/// Sets each report's `committee_key`: its committee's name, followed by its organisation when
/// reports of another organisation name a committee the same (a report that names no
/// organisation is the site's own and keeps the bare name).
fn tell_committees_apart(reports: &mut [Report]) {
    let mut organisations: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in reports.iter() {
        if let Some(org) = &r.organisation {
            (organisations.entry(r.committee.as_str()).or_default()).insert(org.as_str());
        }
    }
    let shared: HashSet<String> = (organisations.into_iter())
        .filter(|(_, orgs)| orgs.len() > 1)
        .map(|(name, _)| name.to_string())
        .collect();
    for r in reports.iter_mut() {
        if let (true, Some(org)) = (shared.contains(&r.committee), &r.organisation) {
            r.committee_key = format!("{} ({org})", r.committee);
        }
    }
}

/// The line of a file whose front matter (with its `+++` lines) is `head` where the body starts.
fn body_line(head: &str) -> usize {
    head.matches('\n').count() + 1
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests;
