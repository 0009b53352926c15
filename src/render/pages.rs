//! The pages a site has, each with its template and context. `README.md`'s table of pages
//! lists the same, URL by URL.

use std::collections::HashMap;

use minijinja::value::Serde;
use minijinja::Value;

use super::theme::Text;
use super::values::Values;
use super::{map, s, Input, Page};

pub(super) fn list(input: &Input, text: &Text, values: &Values) -> Vec<Page> {
    let Input {
        config, base, site, ..
    } = *input;
    let area_by_id: HashMap<&str, usize> = site
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let site_value = map([
        ("title", s(&config.title)),
        ("language", s(&config.language)),
        ("organisation", s(&config.organisation)),
        ("description", s(&config.description)),
        ("accessibility", Value::from(Serde(&config.accessibility))),
        ("feed", Value::from(config.feed.enabled)),
        ("committees", Value::from(Serde(&site.committees))),
        ("years", values.years.clone().into()),
    ]);
    let strings_value = Value::from(Serde(text.table()));
    let crumb = |title: &str, url: &str| map([("title", s(title)), ("url", s(url))]);
    let home = crumb(&text.get("home"), "");
    let base_ctx =
        |page_title: &str, url: &str, crumbs: Vec<Value>| -> Vec<(&'static str, Value)> {
            vec![
                ("site", site_value.clone()),
                ("base_url", s(&base.path)),
                ("absolute_base", s(base.absolute(""))),
                ("lang", s(&config.language)),
                ("t", strings_value.clone()),
                (
                    "page",
                    map([
                        ("title", s(page_title)),
                        ("url", s(url)),
                        ("breadcrumbs", Value::from(crumbs)),
                    ]),
                ),
            ]
        };
    let page = |path: String,
                template: &'static str,
                url: &str,
                title: &str,
                crumbs: Vec<Value>,
                extra: Vec<(&'static str, Value)>| Page {
        path,
        template,
        url: url.to_string(),
        context: map(base_ctx(title, url, crumbs).into_iter().chain(extra)),
        report: None,
        entry: None,
    };

    let mut pages: Vec<Page> = Vec::new();
    // The newest follow-up with areas leads the home page; a memo alone does not.
    let latest = site
        .reports
        .iter()
        .rposition(|r| !r.entries.is_empty())
        .or(site.reports.len().checked_sub(1));
    pages.push(page(
        "index.html".into(),
        "index.html",
        "",
        &config.title,
        vec![],
        vec![
            (
                "latest",
                Value::from(latest.map(|i| values.report[i].clone())),
            ),
            ("years", values.years.clone().into()),
            ("areas", values.areas.clone().into()),
        ],
    ));
    for (y, yv) in site.years.iter().zip(&values.years) {
        let title = format!("{} {}", text.get("year_title"), y.year);
        pages.push(page(
            format!("{}index.html", y.url),
            "year.html",
            &y.url,
            &title,
            vec![home.clone()],
            vec![("year", yv.clone())],
        ));
    }
    for (ri, r) in site.reports.iter().enumerate() {
        let year_crumb = crumb(&r.year.to_string(), &format!("{}/", r.year));
        pages.push(page(
            format!("{}index.html", r.url),
            "report.html",
            &r.url,
            &r.title,
            vec![home.clone(), year_crumb.clone()],
            vec![("report", values.report[ri].clone())],
        ));
        pages.last_mut().expect("just pushed").report = Some(ri);
        for (ei, e) in r.entries.iter().enumerate() {
            let area = area_by_id
                .get(e.area.as_str())
                .map(|&i| values.areas[i].clone());
            pages.push(page(
                format!("{}index.html", e.url),
                "entry.html",
                &e.url,
                &e.title,
                vec![home.clone(), year_crumb.clone(), crumb(&r.title, &r.url)],
                vec![
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
            ));
            pages.last_mut().expect("just pushed").entry = Some((ri, ei));
        }
    }
    let areas_title = text.get("areas_title");
    pages.push(page(
        "omraden/index.html".into(),
        "areas.html",
        "omraden/",
        &areas_title,
        vec![home.clone()],
        vec![("areas", values.areas.clone().into())],
    ));
    for (a, av) in site.areas.iter().zip(&values.areas) {
        pages.push(page(
            format!("{}index.html", a.url),
            "area.html",
            &a.url,
            &a.name,
            vec![home.clone(), crumb(&areas_title, "omraden/")],
            vec![("area", av.clone())],
        ));
    }
    pages.push(page(
        "sok/index.html".into(),
        "search.html",
        "sok/",
        &text.get("search_title"),
        vec![home.clone()],
        vec![],
    ));
    pages.push(page(
        "tillganglighet/index.html".into(),
        "accessibility.html",
        "tillganglighet/",
        &text.get("a11y_title"),
        vec![home.clone()],
        vec![],
    ));
    pages.push(page(
        "data/index.html".into(),
        "data.html",
        "data/",
        &text.get("data_title"),
        vec![home.clone()],
        vec![("data", open_data_links(input))],
    ));
    pages.push(page(
        "404.html".into(),
        "404.html",
        "404.html",
        &text.get("not_found_title"),
        vec![home.clone()],
        vec![],
    ));
    pages
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
    let committees: Vec<Value> = site
        .committees
        .iter()
        .map(|c| link(c, data::committee_feed_path(c)))
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
