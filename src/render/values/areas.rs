//! Each area's value: its timeline (the entries of its line with the renames, merges and
//! splits between them), its year switcher and the links of its lineage.

use std::collections::{BTreeSet, HashMap};

use minijinja::value::Serde;
use minijinja::Value;
use rayon::prelude::*;

use super::super::theme::Text;
use super::super::views::*;
use super::{entry_link, AreaNames, Inputs};
use crate::model::{ChangeKind, EntryRef, Site, TimelineItem};

/// An area's id, name and page.
pub(in crate::render) fn area_link(areas: &AreaNames, id: &str) -> Value {
    Value::from(Serde(&AreaLink {
        id: id.to_string(),
        name: areas.name(id),
        url: crate::paths::area(id),
    }))
}

pub(in crate::render) fn change_view(
    areas: &AreaNames,
    kind: ChangeKind,
    area: &str,
    from: &[String],
    siblings: &[String],
) -> ChangeView {
    ChangeView {
        kind,
        area: area.to_string(),
        area_name: areas.name(area),
        area_url: crate::paths::area(area),
        from: from.iter().map(|id| area_link(areas, id)).collect(),
        siblings: siblings.iter().map(|id| area_link(areas, id)).collect(),
    }
}

pub(super) fn area_values(
    inputs: &Inputs,
    report_values: &[Value],
    entry_values: &[Vec<Value>],
    links: &[Vec<Value>],
) -> Vec<Value> {
    let Inputs { site, areas, .. } = *inputs;
    site.areas
        .par_iter()
        .map(|a| {
            let line: Vec<EntryRef> = a
                .timeline
                .iter()
                .filter_map(|item| match item {
                    TimelineItem::Entry { entry, .. } => Some(*entry),
                    TimelineItem::Change { .. } => None,
                })
                .collect();
            let view = AreaView {
                id: a.id.clone(),
                name: a.name.clone(),
                description: a.description.clone(),
                url: a.url.clone(),
                feed_url: crate::paths::area_feed(&a.id),
                continues: a.continues.iter().map(|id| area_link(areas, id)).collect(),
                continued_by: a
                    .continued_by
                    .iter()
                    .map(|id| area_link(areas, id))
                    .collect(),
                entry_count: a.entries.len(),
                years: a
                    .entries
                    .iter()
                    .map(|r| site.reports[r.report].year)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                latest: a
                    .entries
                    .last()
                    .map(|r| entry_values[r.report][r.entry].clone()),
                timeline: timeline_values(inputs, &a.timeline, report_values, entry_values),
                committee: line
                    .last()
                    .map(|r| site.reports[r.report].committee.clone()),
                switcher: switcher(site, inputs.text, &line, links),
                has_status: line
                    .iter()
                    .any(|r| site.reports[r.report].entries[r.entry].status.is_some()),
            };
            Value::from(Serde(&view))
        })
        .collect()
}

/// An area's timeline: its line's entries, with the renames, merges and splits between them.
fn timeline_values(
    inputs: &Inputs,
    timeline: &[TimelineItem],
    report_values: &[Value],
    entry_values: &[Vec<Value>],
) -> Vec<Value> {
    let Inputs { site, areas, .. } = *inputs;
    timeline
        .iter()
        .map(|item| match item {
            TimelineItem::Entry { entry, area } => TimelineView::Entry {
                area: area.clone(),
                area_name: areas.name(area),
                year: site.reports[entry.report].year,
                report: report_values[entry.report].clone(),
                entry: entry_values[entry.report][entry.entry].clone(),
            },
            TimelineItem::Change {
                kind,
                area,
                from,
                siblings,
            } => TimelineView::Change(change_view(areas, *kind, area, from, siblings)),
        })
        .map(|v| Value::from(Serde(&v)))
        .collect()
}

/// The reports holding entries of an area's line, oldest first, each with those entries.
fn switcher(site: &Site, text: &Text, line: &[EntryRef], links: &[Vec<Value>]) -> Vec<SwitchItem> {
    let mut items: Vec<(usize, Vec<Value>)> = Vec::new();
    for r in line {
        match items.last_mut() {
            Some((ri, list)) if *ri == r.report => list.push(entry_link(links, r)),
            _ => items.push((r.report, vec![entry_link(links, r)])),
        }
    }
    let mut per_year: HashMap<u16, usize> = HashMap::new();
    for (ri, _) in &items {
        *per_year.entry(site.reports[*ri].year).or_default() += 1;
    }
    items
        .into_iter()
        .map(|(ri, entries)| {
            let r = &site.reports[ri];
            let label = if per_year[&r.year] > 1 {
                format!("{} {}", r.year, text.kind_label(&r.kind).to_lowercase())
            } else {
                r.year.to_string()
            };
            SwitchItem {
                year: r.year,
                label,
                report_url: r.url.clone(),
                committee: r.committee.clone(),
                entries,
            }
        })
        .collect()
}
