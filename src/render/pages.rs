//! The pages a site has, each with its template and context. `README.md`'s table of pages
//! lists the same, URL by URL; `themes/default/README.md` what each template can read.

use std::collections::HashMap;

use minijinja::value::Serde;
use minijinja::Value;
use serde::Serialize;

use super::theme::Text;
use super::values::Values;
use super::{map, s, Input, Page};
use crate::markdown;
use crate::model::TimelineItem;

/// `site` in every template.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    language: &'a str,
    organisation: &'a str,
    description: &'a str,
    accessibility: &'a crate::config::Accessibility,
    feed: bool,
    committees: Vec<CommitteeLink>,
    years: &'a [Value],
    /// Every status site.toml defines, for legends.
    statuses: &'a [crate::config::Status],
}

#[derive(Serialize)]
struct CommitteeLink {
    name: String,
    url: String,
}

/// `page` in every template.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    url: &'a str,
    breadcrumbs: &'a [Crumb],
}

#[derive(Serialize, Clone)]
struct Crumb {
    title: String,
    url: String,
}

fn crumb(title: &str, url: &str) -> Crumb {
    Crumb {
        title: title.to_string(),
        url: url.to_string(),
    }
}

/// What one page is: where it goes, its template, title, breadcrumbs and its own values.
struct PageSpec<'a> {
    path: String,
    template: &'static str,
    url: &'a str,
    title: &'a str,
    crumbs: Vec<Crumb>,
    extra: Vec<(&'static str, Value)>,
}

pub(super) fn list(input: &Input, text: &Text, values: &mut Values) -> Vec<Page> {
    let Input {
        config, base, site, ..
    } = *input;
    let site_value = Value::from(Serde(&SiteView {
        title: &config.title,
        language: &config.language,
        organisation: &config.organisation,
        description: &config.description,
        accessibility: &config.accessibility,
        feed: config.feed.enabled,
        committees: site
            .committees
            .iter()
            .zip(&values.committees)
            .map(|(c, v)| CommitteeLink {
                name: c.clone(),
                url: v
                    .get_attr("url")
                    .ok()
                    .and_then(|u| u.as_str().map(str::to_string))
                    .unwrap_or_default(),
            })
            .collect(),
        years: &values.years,
        statuses: &config.status,
    }));
    let strings_value = Value::from(Serde(text.table()));
    let absolute_base = s(base.absolute(""));
    let page = |spec: PageSpec| Page {
        path: spec.path,
        template: spec.template,
        url: spec.url.to_string(),
        context: map([
            ("site", site_value.clone()),
            ("base_url", s(&base.path)),
            ("absolute_base", absolute_base.clone()),
            ("lang", s(&config.language)),
            ("t", strings_value.clone()),
            (
                "page",
                Value::from(Serde(&PageView {
                    title: spec.title,
                    url: spec.url,
                    breadcrumbs: &spec.crumbs,
                })),
            ),
        ]
        .into_iter()
        .chain(spec.extra)),
        report: None,
        entry: None,
        summaries: Vec::new(),
    };
    let home = crumb(&text.get("home"), "");

    let mut pages: Vec<Page> = Vec::new();
    pages.push(page(home_spec(input, text, values)));
    for (y, yv) in site.years.iter().zip(&values.years) {
        let title = format!("{} {}", text.get("year_title"), y.year);
        pages.push(page(PageSpec {
            path: format!("{}index.html", y.url),
            template: "year.html",
            url: &y.url,
            title: &title,
            crumbs: vec![home.clone()],
            extra: vec![("year", yv.clone())],
        }));
    }
    report_pages(input, values, &home, &page, &mut pages);
    area_pages(input, text, values, &home, &page, &mut pages);
    committee_pages(input, values, &home, &page, &mut pages);
    pages.push(page(PageSpec {
        path: "data/index.html".into(),
        template: "data.html",
        url: "data/",
        title: &text.get("data_title"),
        crumbs: vec![home.clone()],
        extra: vec![("data", open_data_links(input))],
    }));
    fixed_pages(text, &home, &page, &mut pages);
    pages
}

type PageFn<'a> = dyn Fn(PageSpec) -> Page + 'a;

/// `/omraden/` and each area's timeline.
fn area_pages(
    input: &Input,
    text: &Text,
    values: &Values,
    home: &Crumb,
    page: &PageFn,
    pages: &mut Vec<Page>,
) {
    let site = input.site;
    let areas_title = text.get("areas_title");
    pages.push(page(PageSpec {
        path: "omraden/index.html".into(),
        template: "areas.html",
        url: "omraden/",
        title: &areas_title,
        crumbs: vec![home.clone()],
        extra: vec![("areas", values.areas.clone().into())],
    }));
    for (a, av) in site.areas.iter().zip(&values.areas) {
        pages.push(page(PageSpec {
            path: format!("{}index.html", a.url),
            template: "area.html",
            url: &a.url,
            title: &a.name,
            crumbs: vec![home.clone(), crumb(&areas_title, "omraden/")],
            extra: vec![("area", av.clone())],
        }));
        pages.last_mut().expect("just pushed").summaries = a
            .timeline
            .iter()
            .filter_map(|item| match item {
                TimelineItem::Entry { entry, .. } => Some((entry.report, entry.entry)),
                TimelineItem::Change { .. } => None,
            })
            .collect();
    }
}

/// Each committee's page.
fn committee_pages(
    input: &Input,
    values: &Values,
    home: &Crumb,
    page: &PageFn,
    pages: &mut Vec<Page>,
) {
    let site = input.site;
    for (c, cv) in site.committees.iter().zip(&values.committees) {
        let url = cv
            .get_attr("url")
            .ok()
            .and_then(|u| u.as_str().map(str::to_string))
            .unwrap_or_default();
        pages.push(page(PageSpec {
            path: format!("{url}index.html"),
            template: "committee.html",
            url: &url,
            title: c,
            crumbs: vec![home.clone()],
            extra: vec![("committee", cv.clone())],
        }));
    }
}

/// Search, the accessibility statement and the 404 page.
fn fixed_pages(text: &Text, home: &Crumb, page: &PageFn, pages: &mut Vec<Page>) {
    for (key, template, url) in [
        ("search_title", "search.html", "sok/"),
        ("a11y_title", "accessibility.html", "tillganglighet/"),
        ("not_found_title", "404.html", "404.html"),
    ] {
        let path = if url.ends_with('/') {
            format!("{url}index.html")
        } else {
            url.to_string()
        };
        pages.push(page(PageSpec {
            path,
            template,
            url,
            title: &text.get(key),
            crumbs: vec![home.clone()],
            extra: vec![],
        }));
    }
}

/// The home page: the introduction, the latest follow-up with its areas, areas by committee.
fn home_spec<'a>(input: &Input<'a>, text: &Text, values: &Values) -> PageSpec<'a> {
    let Input { config, site, .. } = *input;
    // The newest follow-up with areas leads the home page; a memo alone does not.
    let latest = site
        .reports
        .iter()
        .rposition(|r| !r.entries.is_empty())
        .or(site.reports.len().checked_sub(1));
    let backref = text.get("footnote_back");
    let footnotes = text.get("footnotes");
    let table = text.get("table");
    let intro = (!config.intro.trim().is_empty()).then(|| {
        let rendered = markdown::render(
            &config.intro,
            markdown::Settings {
                id_prefix: "intro--",
                unsafe_html: config.unsafe_html,
                backref_label: &backref,
                footnotes_label: &footnotes,
                table_label: &table,
                reserved_ids: &[],
                links: None,
            },
        );
        Value::from_safe_string(rendered.html)
    });
    PageSpec {
        path: "index.html".into(),
        template: "index.html",
        url: "",
        title: &config.title,
        crumbs: vec![],
        extra: vec![
            ("intro", Value::from(intro)),
            (
                "latest",
                Value::from(latest.map(|i| values.report[i].clone())),
            ),
            ("years", values.years.clone().into()),
            ("areas", values.areas.clone().into()),
            ("committees", values.committees.clone().into()),
        ],
    }
}

/// Each report's page, its entries' pages and their comparison pages.
fn report_pages(
    input: &Input,
    values: &mut Values,
    home: &Crumb,
    page: &PageFn,
    pages: &mut Vec<Page>,
) {
    let site = input.site;
    let area_by_id: HashMap<&str, usize> = site
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut comparisons: HashMap<(usize, usize), Vec<super::views::Comparison>> = HashMap::new();
    for c in std::mem::take(&mut values.comparisons) {
        comparisons
            .entry((c.later.report, c.later.entry))
            .or_default()
            .push(c);
    }
    for (ri, r) in site.reports.iter().enumerate() {
        let year_crumb = crumb(&r.year.to_string(), &format!("{}/", r.year));
        pages.push(page(PageSpec {
            path: format!("{}index.html", r.url),
            template: "report.html",
            url: &r.url,
            title: &r.title,
            crumbs: vec![home.clone(), year_crumb.clone()],
            extra: vec![("report", values.report[ri].clone())],
        }));
        pages.last_mut().expect("just pushed").report = Some(ri);
        for (ei, e) in r.entries.iter().enumerate() {
            let area = area_by_id
                .get(e.area.as_str())
                .map(|&i| values.areas[i].clone());
            let report_crumb = crumb(&r.title, &r.url);
            pages.push(page(PageSpec {
                path: format!("{}index.html", e.url),
                template: "entry.html",
                url: &e.url,
                title: &e.title,
                crumbs: vec![home.clone(), year_crumb.clone(), report_crumb.clone()],
                extra: vec![
                    ("report", values.report[ri].clone()),
                    ("entry", values.entry[ri][ei].clone()),
                    ("area", Value::from(area)),
                    (
                        "prev_in_report",
                        Value::from(ei.checked_sub(1).map(|i| values.entry[ri][i].clone())),
                    ),
                    (
                        "next_in_report",
                        Value::from(values.entry[ri].get(ei + 1).cloned()),
                    ),
                ],
            }));
            pages.last_mut().expect("just pushed").entry = Some((ri, ei));
            for c in comparisons.remove(&(ri, ei)).unwrap_or_default() {
                pages.push(page(PageSpec {
                    path: format!("{}index.html", c.url),
                    template: "compare.html",
                    url: &c.url,
                    title: &c.title,
                    crumbs: vec![
                        home.clone(),
                        year_crumb.clone(),
                        report_crumb.clone(),
                        crumb(&e.title, &e.url),
                    ],
                    extra: vec![("compare", c.context)],
                }));
                pages.last_mut().expect("just pushed").summaries = vec![
                    (c.earlier.report, c.earlier.entry),
                    (c.later.report, c.later.entry),
                ];
            }
        }
    }
}

/// The open-data page's links: each report's file, each area's and committee's feed.
fn open_data_links(input: &Input) -> Value {
    use super::data;
    let site = input.site;
    let link = |name: &str, href: String| map([("name", s(name)), ("href", s(href))]);
    let reports: Vec<Value> = site
        .reports
        .iter()
        .rev()
        .map(|r| {
            link(
                &format!("{} ({})", r.title, r.committee),
                data::report_path(r),
            )
        })
        .collect();
    let areas: Vec<Value> = site
        .areas
        .iter()
        .map(|a| link(&a.name, data::area_feed_path(&a.id)))
        .collect();
    let feeds = data::committee_feed_paths(site);
    let committees: Vec<Value> = site
        .committees
        .iter()
        .map(|c| link(c, feeds[c].clone()))
        .collect();
    map([
        ("catalogue", s(data::CATALOGUE)),
        ("reports_csv", s(data::REPORTS_CSV)),
        ("areas_csv", s(data::AREAS_CSV)),
        ("entries_csv", s(data::ENTRIES_CSV)),
        ("dcat", s(data::DCAT)),
        ("reports", Value::from(reports)),
        ("area_feeds", Value::from(areas)),
        ("committee_feeds", Value::from(committees)),
    ])
}
