//! The pages a site has, each with its template and context. `README.md`'s table of pages
//! lists the same, URL by URL; `themes/default/README.md` what each template can read.

use std::collections::HashMap;

use minijinja::value::Serde;
use minijinja::Value;

use super::compare::Comparer;
use super::context::PageContext;
use super::fragments::Fragments;
use super::pager;
use super::theme::Text;
use super::values::{self, Values};
use super::views::{
    CommitteeLink, Comparison, Crumb, NamedLink, OpenDataView, Own, PageView, PartDataView,
    SiteView, YearDataView,
};
use super::{Input, Page};
use crate::model::{EntryRef, Report, TimelineItem};
use crate::paths;

fn crumb(title: &str, url: &str) -> Crumb {
    Crumb {
        title: title.to_string(),
        url: url.to_string(),
    }
}

/// What one page is: its URL (its file is `paths::page_file` of it), title, breadcrumbs and
/// own values (which name its template), and what `serve` needs to render it again when an
/// entry's text changes. Its context is made from it when it is rendered (`Shared::page`).
pub(super) struct PageSpec {
    pub url: String,
    title: String,
    crumbs: Vec<Crumb>,
    own: Own,
    /// The report (and entry) the page shows (an entry's page: both): the report's page and its entries' pages show
    /// their entries' text (`with_text`).
    pub report: Option<usize>,
    pub entry: Option<(usize, usize)>,
    /// Other entries whose summary the page shows (`Page::summaries`).
    summaries: Vec<(usize, usize)>,
    /// The entries a comparison page compares (earlier, later): its context is made when it is
    /// rendered (`with_comparison`).
    compare: Option<(EntryRef, EntryRef)>,
}

impl PageSpec {
    /// The page's title, as its `<h1>` and `<title>` show it.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn new(url: impl Into<String>, title: impl Into<String>, crumbs: Vec<Crumb>, own: Own) -> Self {
        PageSpec {
            url: url.into(),
            title: title.into(),
            crumbs,
            own,
            report: None,
            entry: None,
            summaries: Vec::new(),
            compare: None,
        }
    }

    /// A comparison page with its context (`Comparer::context`); any other page as it is.
    pub fn with_comparison(mut self, comparer: &Comparer) -> Self {
        if let (Own::Compare { compare }, Some(pair)) = (&mut self.own, self.compare) {
            *compare = comparer.context(pair);
        }
        self
    }

    /// The page of a report or of one of its entries with the values of its report and its
    /// entries that hold their text (`report::Part`); any other page as it is.
    pub fn with_text(mut self, report: &Value, entries: &[Value]) -> Self {
        match (&mut self.own, self.entry) {
            (Own::Report { report: r }, _) => *r = report.clone(),
            (
                Own::Entry {
                    report: r,
                    entry,
                    prev_in_report,
                    next_in_report,
                    ..
                },
                Some((_, ei)),
            ) => {
                *r = report.clone();
                *entry = entries[ei].clone();
                *prev_in_report = ei.checked_sub(1).map(|i| entries[i].clone());
                *next_in_report = entries.get(ei + 1).cloned();
            }
            _ => {}
        }
        self
    }
}

/// What every page's context shares, made once.
pub(super) struct Shared {
    site: Value,
    strings: Value,
    base_url: Value,
    absolute_base: Value,
    lang: Value,
}

impl Shared {
    /// The page of `spec`, with its context.
    pub fn page(&self, spec: PageSpec) -> Page {
        let page = Value::from(Serde(&PageView {
            title: &spec.title,
            url: &spec.url,
            breadcrumbs: &spec.crumbs,
        }));
        let template = spec.own.template();
        let context = PageContext {
            site: self.site.clone(),
            base_url: self.base_url.clone(),
            absolute_base: self.absolute_base.clone(),
            lang: self.lang.clone(),
            t: self.strings.clone(),
            page,
            own: spec.own,
        };
        Page {
            path: paths::page_file(&spec.url),
            template,
            context: Value::from_object(context),
            report: spec.report,
            entry: spec.entry,
            summaries: spec.summaries,
        }
    }
}

/// Every page of the site, in order: home, years, reports with their entries and
/// comparisons, areas, committees, open data, search, accessibility, 404; and what their
/// contexts share.
pub(super) fn list(
    input: &Input,
    text: &Text,
    fragments: &Fragments,
    values: &mut Values,
) -> (Shared, Vec<PageSpec>) {
    let Input { config, base, .. } = *input;
    let shared = Shared {
        site: site_value(input, values),
        strings: text.value(),
        base_url: Value::from(base.path.as_str()),
        absolute_base: Value::from(base.absolute(paths::HOME)),
        lang: Value::from(config.language.as_str()),
    };
    let home = crumb(&text.get("home"), paths::HOME);
    let mut specs = vec![home_spec(input, fragments, values)];
    for (y, yv) in input.site.years.iter().zip(&values.years) {
        let title = format!("{} {}", text.get("year_title"), y.year);
        let reports: Vec<Value> = y
            .reports
            .iter()
            .map(|&r| values.report[r].clone())
            .collect();
        year_pages(text, (yv, &reports), &y.url, &title, &home, &mut specs);
    }
    report_pages(input, values, &home, &mut specs);
    area_pages(input, text, values, &home, &mut specs);
    committee_pages(input, text, values, &home, &mut specs);
    open_data_pages(input, text, &values.committee_urls, &home, &mut specs);
    for (url, key, own) in [
        (paths::SEARCH, "search_title", Own::Search {}),
        (paths::ACCESSIBILITY, "a11y_title", Own::Accessibility {}),
        (paths::NOT_FOUND, "not_found_title", Own::NotFound {}),
    ] {
        specs.push(PageSpec::new(url, text.get(key), vec![home.clone()], own));
    }
    (shared, specs)
}

/// `site`, the same on every page.
fn site_value(input: &Input, values: &Values) -> Value {
    let config = input.config;
    Value::from(Serde(&SiteView {
        title: &config.title,
        language: &config.language,
        organisation: &config.organisation,
        description: &config.description,
        accessibility: &config.accessibility,
        feed: config.feed.enabled,
        committees: input
            .site
            .committees
            .iter()
            .zip(&values.committee_urls)
            .map(|(c, url)| CommitteeLink {
                name: c.clone(),
                url: url.clone(),
            })
            .collect(),
        years: &values.years,
        statuses: &config.status,
        urls: paths::SITE_URLS,
    }))
}

/// A year's pages: its reports (their values, in the year's order), `pager::PER_PAGE` a page.
fn year_pages(
    text: &Text,
    (year, reports): (&Value, &[Value]),
    url: &str,
    title: &str,
    home: &Crumb,
    specs: &mut Vec<PageSpec>,
) {
    specs.extend(list_pages(
        text,
        (url, title),
        reports,
        home,
        |reports, pager| Own::Year {
            year: year.clone(),
            reports,
            pager,
        },
    ));
}

/// The pages of the list `items` at `url` titled `title`, `pager::PER_PAGE` items a page,
/// each page's `Own` made by `own` from its items and its pager.
fn list_pages(
    text: &Text,
    (url, title): (&str, &str),
    items: &[Value],
    home: &Crumb,
    own: impl Fn(Value, Option<Value>) -> Own,
) -> Vec<PageSpec> {
    (pager::pages(url, items.len()).into_iter())
        .map(|page| {
            let on_page = items[page.items.clone()].to_vec().into();
            let pager = page.pager.as_ref().map(|p| Value::from(Serde(p)));
            let parents = std::slice::from_ref(home);
            list_page(text, (url, title), page, parents, own(on_page, pager))
        })
        .collect()
}

/// The spec of one page of the list at `url` titled `title`: a later page says which it is
/// ("Områden, sida 2 av 48") and leads back to the first (`url`) in its breadcrumbs, after
/// `parents`.
fn list_page(
    text: &Text,
    (url, title): (&str, &str),
    page: pager::ListPage,
    parents: &[Crumb],
    own: Own,
) -> PageSpec {
    let Some(p) = page.pager.as_ref().filter(|_| page.number > 1) else {
        return PageSpec::new(page.url, title, parents.to_vec(), own);
    };
    let of = text
        .get("page_of")
        .replace("{n}", &p.number.to_string())
        .replace("{count}", &p.count.to_string());
    let mut crumbs = parents.to_vec();
    crumbs.push(crumb(title, url));
    PageSpec::new(page.url, format!("{title}, {of}"), crumbs, own)
}

/// `/omraden/` (`pager::PER_PAGE` areas a page) and each area's timeline.
fn area_pages(
    input: &Input,
    text: &Text,
    values: &Values,
    home: &Crumb,
    specs: &mut Vec<PageSpec>,
) {
    let areas_title = text.get("areas_title");
    let list = (paths::AREAS, areas_title.as_str());
    let own = |areas, pager| Own::Areas { areas, pager };
    specs.extend(list_pages(text, list, &values.areas, home, own));
    let crumbs = vec![home.clone(), crumb(&areas_title, paths::AREAS)];
    for (a, av) in input.site.areas.iter().zip(&values.areas) {
        let own = Own::Area { area: av.clone() };
        let mut spec = PageSpec::new(&a.url, &a.name, crumbs.clone(), own);
        spec.summaries = a
            .timeline
            .iter()
            .filter_map(|item| match item {
                TimelineItem::Entry { entry, .. } => Some((entry.report, entry.entry)),
                TimelineItem::Change { .. } => None,
            })
            .collect();
        specs.push(spec);
    }
}

/// The list of committees (`/namnder/`, `pager::PER_PAGE` a page), and each committee's pages:
/// its reports by year, `pager::PER_PAGE` a page, as a year's.
fn committee_pages(
    input: &Input,
    text: &Text,
    values: &Values,
    home: &Crumb,
    specs: &mut Vec<PageSpec>,
) {
    let title = text.get("committees");
    let own = |committees, pager| Own::Committees { committees, pager };
    specs.extend(list_pages(
        text,
        (paths::COMMITTEES, &title),
        &values.committees,
        home,
        own,
    ));
    // A committee's pages lead back to the list of committees, as an area's to the areas'.
    let parents = [home.clone(), crumb(&title, paths::COMMITTEES)];
    let site = input.site;
    let committees = (site.committees.iter().zip(&values.committee_urls))
        .zip(values.committees.iter().zip(&values.committee_reports));
    for ((c, url), (cv, reports)) in committees {
        for page in pager::pages(url, reports.len()) {
            let run = &reports[page.items.clone()];
            let years = values::committee_years(site, run, &values.report);
            let own = Own::Committee {
                committee: cv.clone(),
                years: Value::from(Serde(&years)),
                pager: page.pager.as_ref().map(|p| Value::from(Serde(p))),
            };
            specs.push(list_page(text, (url, c), page, &parents, own));
        }
    }
}

/// The home page: the introduction, the latest follow-up with its areas, areas by committee.
fn home_spec(input: &Input, fragments: &Fragments, values: &Values) -> PageSpec {
    let Input { config, site, .. } = *input;
    // The newest follow-up with areas leads the home page; a memo alone does not.
    let latest = site
        .reports
        .iter()
        .rposition(|r| !r.entries.is_empty())
        .or(site.reports.len().checked_sub(1));
    let intro = (!config.intro.trim().is_empty())
        .then(|| Value::from_safe_string(fragments.intro(&config.intro).html));
    let own = Own::Home {
        intro,
        latest: latest.map(|i| values.report[i].clone()),
        years: values.years.clone().into(),
        areas: values.areas.clone().into(),
        committees: values.committees.clone().into(),
    };
    PageSpec::new(paths::HOME, &config.title, vec![], own)
}

/// Each report's page, its entries' pages and their comparison pages.
fn report_pages(input: &Input, values: &mut Values, home: &Crumb, specs: &mut Vec<PageSpec>) {
    let mut comparisons: HashMap<(usize, usize), Vec<Comparison>> = HashMap::new();
    for c in std::mem::take(&mut values.comparisons) {
        comparisons
            .entry((c.later.report, c.later.entry))
            .or_default()
            .push(c);
    }
    let area_by_id: HashMap<&str, usize> = (input.site.areas.iter().enumerate())
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    for (ri, r) in input.site.reports.iter().enumerate() {
        let crumbs = vec![
            home.clone(),
            crumb(&r.year.to_string(), &paths::year(r.year)),
        ];
        let own = Own::Report {
            report: values.report[ri].clone(),
        };
        let mut spec = PageSpec::new(&r.url, &r.title, crumbs.clone(), own);
        spec.report = Some(ri);
        specs.push(spec);
        for (ei, e) in r.entries.iter().enumerate() {
            let area = area_by_id.get(e.area.as_str()).copied();
            let pages = entry_pages(input, values, (ri, ei), area, &crumbs, &mut comparisons);
            specs.extend(pages);
        }
    }
}

/// An entry's page and the comparison pages under it; `area` is the index of its area,
/// `crumbs` lead to its report's page.
fn entry_pages(
    input: &Input,
    values: &Values,
    (ri, ei): (usize, usize),
    area: Option<usize>,
    crumbs: &[Crumb],
    comparisons: &mut HashMap<(usize, usize), Vec<Comparison>>,
) -> Vec<PageSpec> {
    let r: &Report = &input.site.reports[ri];
    let e = &r.entries[ei];
    let own = Own::Entry {
        report: values.report[ri].clone(),
        entry: values.entry[ri][ei].clone(),
        area: area.map(|i| values.areas[i].clone()),
        prev_in_report: ei.checked_sub(1).map(|i| values.entry[ri][i].clone()),
        next_in_report: values.entry[ri].get(ei + 1).cloned(),
    };
    let mut crumbs = crumbs.to_vec();
    crumbs.push(crumb(&r.title, &r.url));
    let mut spec = PageSpec::new(&e.url, &e.title, crumbs.clone(), own);
    spec.report = Some(ri);
    spec.entry = Some((ri, ei));
    let mut specs = vec![spec];
    crumbs.push(crumb(&e.title, &e.url));
    for c in comparisons.remove(&(ri, ei)).unwrap_or_default() {
        let own = Own::Compare {
            compare: Value::UNDEFINED,
        };
        let mut spec = PageSpec::new(c.url, c.title, crumbs.clone(), own);
        spec.compare = Some((c.earlier, c.later));
        spec.summaries = vec![
            (c.earlier.report, c.earlier.entry),
            (c.later.report, c.later.entry),
        ];
        specs.push(spec);
    }
    specs
}

/// A year's open-data files: its catalogue and its parts'.
fn year_data_view(y: &crate::model::Year) -> YearDataView {
    let parts = super::data::parts(y);
    YearDataView {
        year: y.year,
        catalogue: paths::year_data(y.year, paths::YEAR_CATALOGUE),
        page: (parts.len() > 1).then(|| paths::year_data_page(y.year)),
        parts: (parts.iter())
            .map(|p| PartDataView {
                part: p.number,
                catalogue: p.file(paths::YEAR_CATALOGUE),
                reports_csv: p.file(paths::REPORTS_CSV),
                areas_csv: p.file(paths::AREAS_CSV),
                entries_csv: p.file(paths::ENTRIES_CSV),
            })
            .collect(),
    }
}

/// The open-data page, and the page of each year whose files are in parts (which lists the
/// parts' files, so that the open-data page grows with the years only).
fn open_data_pages(
    input: &Input,
    text: &Text,
    committee_urls: &[String],
    home: &Crumb,
    specs: &mut Vec<PageSpec>,
) {
    let links = open_data_links(input, committee_urls);
    let title = text.get("data_title");
    let data = Own::OpenData {
        data: Value::from(Serde(&links)),
    };
    specs.push(PageSpec::new(
        paths::OPEN_DATA,
        &title,
        vec![home.clone()],
        data,
    ));
    let crumbs = vec![home.clone(), crumb(&title, paths::OPEN_DATA)];
    for y in &links.years {
        let Some(url) = y.page.as_deref() else {
            continue;
        };
        let own = Own::OpenDataYear {
            data: Value::from(Serde(y)),
        };
        let year_title = format!("{title} {}", y.year);
        specs.push(PageSpec::new(url, year_title, crumbs.clone(), own));
    }
}

/// The open-data page's links: each year's files, each report's file, each area's and
/// committee's feed.
fn open_data_links(input: &Input, committee_urls: &[String]) -> OpenDataView {
    let site = input.site;
    let link = |name: String, href: String| NamedLink { name, href };
    OpenDataView {
        catalogue: paths::CATALOGUE,
        dcat: paths::DCAT,
        years: site.years.iter().map(year_data_view).collect(),
        reports: site
            .reports
            .iter()
            .rev()
            .map(|r| {
                let name = format!("{} ({})", r.title, r.committee);
                link(name, paths::report_data(r.year, &r.slug))
            })
            .collect(),
        area_feeds: site
            .areas
            .iter()
            .map(|a| link(a.name.clone(), paths::area_feed(&a.id)))
            .collect(),
        committee_feeds: (site.committees.iter().zip(committee_urls))
            .map(|(c, url)| link(c.clone(), paths::feed_beside(url)))
            .collect(),
    }
}
