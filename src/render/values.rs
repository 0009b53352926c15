//! Template values: each report, entry, year and area as templates see them, built once and
//! shared by every page that shows them (a minijinja map is reference-counted: a page's
//! context holds pointers, not copies).

use std::collections::HashMap;

use minijinja::value::Serde;
use minijinja::Value;
use rayon::prelude::*;

use super::theme::Text;
use super::{map, s, Html};
use crate::config::Config;
use crate::model::{EntryRef, Site, TimelineItem};

pub(super) struct Values {
    pub report: Vec<Value>,
    pub entry: Vec<Vec<Value>>,
    pub years: Vec<Value>,
    pub areas: Vec<Value>,
}

/// Area names by id.
pub(super) struct AreaNames<'a>(HashMap<&'a str, &'a str>);

impl<'a> AreaNames<'a> {
    pub fn new(site: &'a Site) -> Self {
        AreaNames(
            site.areas
                .iter()
                .map(|a| (a.id.as_str(), a.name.as_str()))
                .collect(),
        )
    }

    /// The area's name; its id when the model has no such area.
    pub fn name(&self, id: &str) -> String {
        self.0.get(id).copied().unwrap_or(id).to_string()
    }
}

/// Builds the values. The rendered HTML moves into them (search needs only the sections): a
/// copy of every page's HTML would double the build's memory.
pub(super) fn build(
    site: &Site,
    config: &Config,
    text: &Text,
    areas: &AreaNames,
    html: &mut Html,
    targets: &crate::markdown::Targets,
) -> Values {
    let link = |r: &EntryRef| -> Value {
        let rep = &site.reports[r.report];
        let e = &rep.entries[r.entry];
        map([
            ("url", s(&e.url)),
            ("title", s(&e.title)),
            ("year", Value::from(rep.year)),
            ("report_title", s(&rep.title)),
            ("report_url", s(&rep.url)),
            ("area", s(&e.area)),
        ])
    };
    // The rendered HTML moves into the template values (the search docs need only the
    // sections): a copy of every page's HTML would double the build's memory.
    let entry_values: Vec<Vec<Value>> = site
        .reports
        .par_iter()
        .zip(html.entry.par_iter_mut())
        .map(|(r, rendered)| {
            r.entries
                .iter()
                .zip(rendered.iter_mut())
                .map(|(e, (dir, body))| {
                    map([
                        ("area", s(&e.area)),
                        ("area_name", s(areas.name(&e.area))),
                        ("area_url", s(format!("omraden/{}/", e.area))),
                        ("title", s(&e.title)),
                        ("url", s(&e.url)),
                        ("anchor", s(&e.area)),
                        (
                            "direction_html",
                            if e.direction.is_some() {
                                Value::from_safe_string(std::mem::take(&mut dir.html))
                            } else {
                                Value::from(())
                            },
                        ),
                        (
                            "html",
                            Value::from_safe_string(std::mem::take(&mut body.html)),
                        ),
                        (
                            "previous",
                            e.previous.iter().map(link).collect::<Vec<_>>().into(),
                        ),
                        ("next", e.next.iter().map(link).collect::<Vec<_>>().into()),
                    ])
                })
                .collect()
        })
        .collect();
    let report_values: Vec<Value> =
        site.reports
            .iter()
            .enumerate()
            .map(|(ri, r)| {
                map([
                    ("title", s(&r.title)),
                    ("url", s(&r.url)),
                    ("year", Value::from(r.year)),
                    ("slug", s(&r.slug)),
                    ("kind", s(&r.kind)),
                    ("kind_label", s(text.kind_label(&r.kind))),
                    ("date", s(r.date.iso())),
                    ("date_text", s(text.date(&r.date))),
                    ("committee", s(&r.committee)),
                    (
                        "organisation",
                        Value::from(r.organisation.clone().or_else(|| {
                            Some(config.organisation.clone()).filter(|o| !o.is_empty())
                        })),
                    ),
                    ("decision", Value::from(r.decision.clone())),
                    ("diary_number", Value::from(r.diary_number.clone())),
                    ("source", Value::from(r.source.clone())),
                    (
                        "source_is_url",
                        Value::from(r.source.as_deref().is_some_and(|s| {
                            s.starts_with("http://") || s.starts_with("https://")
                        })),
                    ),
                    (
                        // A source file in the report's folder is linked, wherever it is shown.
                        "source_url",
                        Value::from(r.source.as_deref().and_then(|src| {
                            if src.starts_with("http://") || src.starts_with("https://") {
                                Some(src.to_string())
                            } else {
                                targets.at(&r.url).file_href(src)
                            }
                        })),
                    ),
                    ("next_follow_up", Value::from(r.next_follow_up.clone())),
                    ("signatories", Value::from(Serde(&r.signatories))),
                    ("draft", Value::from(r.draft)),
                    (
                        "html",
                        Value::from_safe_string(html.report[ri].0.html.clone()),
                    ),
                    (
                        "html_after",
                        Value::from_safe_string(html.report[ri].1.clone()),
                    ),
                    ("entries", Value::from(entry_values[ri].clone())),
                ])
            })
            .collect();
    let years: Vec<Value> = site
        .years
        .iter()
        .map(|y| {
            map([
                ("year", Value::from(y.year)),
                ("url", s(&y.url)),
                (
                    "reports",
                    y.reports
                        .iter()
                        .map(|&i| report_values[i].clone())
                        .collect::<Vec<_>>()
                        .into(),
                ),
            ])
        })
        .collect();
    let area_values: Vec<Value> = site
        .areas
        .iter()
        .map(|a| {
            let names = |ids: &[String]| -> Value {
                ids.iter()
                    .map(|id| {
                        map([
                            ("id", s(id)),
                            ("name", s(areas.name(id))),
                            ("url", s(format!("omraden/{id}/"))),
                        ])
                    })
                    .collect::<Vec<_>>()
                    .into()
            };
            let timeline: Vec<Value> = a
                .timeline
                .iter()
                .map(|item| match item {
                    TimelineItem::Entry { entry, area } => {
                        let rep = &site.reports[entry.report];
                        map([
                            ("type", s("entry")),
                            ("area", s(area)),
                            ("area_name", s(areas.name(area))),
                            ("year", Value::from(rep.year)),
                            ("report", report_values[entry.report].clone()),
                            ("entry", entry_values[entry.report][entry.entry].clone()),
                        ])
                    }
                    TimelineItem::Change {
                        kind,
                        area,
                        from,
                        siblings,
                    } => map([
                        ("type", s("change")),
                        ("kind", Value::from(Serde(kind))),
                        ("area", s(area)),
                        ("area_name", s(areas.name(area))),
                        ("area_url", s(format!("omraden/{area}/"))),
                        ("from", names(from)),
                        ("siblings", names(siblings)),
                    ]),
                })
                .collect();
            let latest = a
                .entries
                .last()
                .map(|r| entry_values[r.report][r.entry].clone());
            map([
                ("id", s(&a.id)),
                ("name", s(&a.name)),
                ("description", s(&a.description)),
                ("url", s(&a.url)),
                ("continues", names(&a.continues)),
                ("continued_by", names(&a.continued_by)),
                ("entry_count", Value::from(a.entries.len())),
                (
                    "years",
                    a.entries
                        .iter()
                        .map(|r| site.reports[r.report].year)
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect::<Vec<_>>()
                        .into(),
                ),
                ("latest", Value::from(latest)),
                ("timeline", timeline.into()),
            ])
        })
        .collect();
    Values {
        report: report_values,
        entry: entry_values,
        years,
        areas: area_values,
    }
}
