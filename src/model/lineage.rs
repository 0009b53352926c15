//! Lineage: how areas continue one another across renames, merges and splits, and what that
//! makes of the reports — each entry's year-over-year links, each area's timeline, and the
//! consecutive entries the comparison pages show.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::types::{Area, ChangeKind, EntryRef, Report, Site, TimelineItem};
use crate::content::AreaSource;

/// The register's lineage as graphs both ways, with each area's whole line worked out once:
/// the areas before it (its ancestors) and after it (its descendants), itself included.
pub struct Lineage<'a> {
    continues: HashMap<&'a str, Vec<&'a str>>,
    continued_by: HashMap<&'a str, Vec<&'a str>>,
    ancestors: HashMap<&'a str, HashSet<&'a str>>,
    descendants: HashMap<&'a str, HashSet<&'a str>>,
}

/// Each area's entries, in report order.
type EntriesByArea<'r> = HashMap<&'r str, Vec<EntryRef>>;

/// Fills in lineage both ways, each area's entries and timeline, and each entry's
/// year-over-year links. The register has passed its checks: every id it names is known.
pub fn link_areas(sources: &[AreaSource], reports: &mut [Report]) -> Vec<Area> {
    let lineage = Lineage::new(sources.iter().map(|a| {
        let from = a.continues.iter().map(|c| c.get_ref().as_str()).collect();
        (a.id.get_ref().as_str(), from)
    }));
    for (at, previous, next) in lineage.year_over_year(reports) {
        let e = &mut reports[at.report].entries[at.entry];
        e.previous = previous;
        e.next = next;
    }
    let by_area = entries_by_area(reports);
    sources.iter().map(|a| lineage.area(a, &by_area)).collect()
}

fn entries_by_area(reports: &[Report]) -> EntriesByArea<'_> {
    let mut by_area: EntriesByArea = HashMap::new();
    for (report, r) in reports.iter().enumerate() {
        for (entry, e) in r.entries.iter().enumerate() {
            by_area
                .entry(e.area.as_str())
                .or_default()
                .push(EntryRef { report, entry });
        }
    }
    by_area
}

impl<'a> Lineage<'a> {
    /// From each area's id and the ids it continues, in the register's order (which
    /// `continued_by` keeps).
    pub fn new(areas: impl Iterator<Item = (&'a str, Vec<&'a str>)>) -> Self {
        let areas: Vec<(&str, Vec<&str>)> = areas.collect();
        let mut continued_by: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, from) in &areas {
            for f in from {
                continued_by.entry(f).or_default().push(id);
            }
        }
        let continues: HashMap<&str, Vec<&str>> = areas.into_iter().collect();
        let ancestors = continues
            .keys()
            .map(|&id| (id, reachable(id, &continues)))
            .collect();
        let descendants = continues
            .keys()
            .map(|&id| (id, reachable(id, &continued_by)))
            .collect();
        Lineage {
            continues,
            continued_by,
            ancestors,
            descendants,
        }
    }

    /// The ids `id` continues (none for an id not in the register).
    fn continues(&self, id: &str) -> &[&'a str] {
        self.continues.get(id).map_or(&[], Vec::as_slice)
    }

    /// Year over year: for each entry, the nearest earlier (later) report of the same
    /// committee holding an entry of the area or of one it continues (one that continues it),
    /// and those entries. Reports are sorted oldest first. Each area's reports per committee
    /// are listed once and searched by bisection, so an entry costs its lineage's size, not
    /// the number of reports.
    pub fn year_over_year(
        &self,
        reports: &[Report],
    ) -> Vec<(EntryRef, Vec<EntryRef>, Vec<EntryRef>)> {
        let held = held_by_committee(reports);
        let entries_of = |oi: usize, set: &HashSet<&str>| -> Vec<EntryRef> {
            reports[oi]
                .entries
                .iter()
                .enumerate()
                .filter(|(_, o)| set.contains(o.area.as_str()))
                .map(|(entry, _)| EntryRef { report: oi, entry })
                .collect()
        };
        let empty = HashSet::new();
        let mut links = Vec::new();
        for (ri, r) in reports.iter().enumerate() {
            let committee = r.committee_key.as_str();
            for (ei, e) in r.entries.iter().enumerate() {
                let before = self.ancestors.get(e.area.as_str()).unwrap_or(&empty);
                let after = self.descendants.get(e.area.as_str()).unwrap_or(&empty);
                let previous = nearest_before(held_lists(&held, committee, before), ri)
                    .map_or_else(Vec::new, |oi| entries_of(oi, before));
                let next = held_lists(&held, committee, after)
                    .filter_map(|l| l.get(l.partition_point(|&x| x <= ri)).copied())
                    .min()
                    .map_or_else(Vec::new, |oi| entries_of(oi, after));
                let at = EntryRef {
                    report: ri,
                    entry: ei,
                };
                links.push((at, previous, next));
            }
        }
        links
    }

    /// The area of the register entry `a`: its lineage both ways, its own entries and its
    /// timeline.
    fn area(&self, a: &AreaSource, by_area: &EntriesByArea) -> Area {
        let id = a.id.get_ref().as_str();
        let mut own = by_area.get(id).cloned().unwrap_or_default();
        own.sort_by_key(|r| (r.report, r.entry));
        let names = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect();
        Area {
            id: id.to_string(),
            name: a.name.clone(),
            description: a.description.clone(),
            url: crate::paths::area(id),
            continues: names(self.continues(id)),
            continued_by: names(self.continued_by.get(id).map_or(&[], Vec::as_slice)),
            entries: own,
            timeline: self.timeline(id, by_area),
        }
    }

    /// The area's whole line, oldest first: its entries and those of every predecessor and
    /// successor, each lineage event placed before the first entry it explains. Events of
    /// areas that have no entry yet come last.
    pub fn timeline(&self, id: &str, by_area: &EntriesByArea) -> Vec<TimelineItem> {
        let line = self.line(id);
        let mut entries: Vec<(EntryRef, &str)> = line
            .iter()
            .flat_map(|l| by_area.get(*l).into_iter().flatten().map(move |r| (*r, *l)))
            .collect();
        entries.sort_by_key(|(r, _)| (r.report, r.entry));
        let mut timeline = Vec::new();
        let mut explained: HashSet<&str> = HashSet::new();
        let mut pending: Vec<&str> = line
            .iter()
            .copied()
            .filter(|l| !self.continues(l).is_empty())
            .collect();
        for (r, l) in entries {
            if !self.continues(l).is_empty() && explained.insert(l) {
                let event = self.change(l);
                // A split is one event, told once, before the first of its areas.
                if let TimelineItem::Change { siblings, .. } = &event {
                    for s in siblings {
                        if let Some(s) = line.iter().find(|x| **x == s.as_str()) {
                            explained.insert(s);
                            pending.retain(|p| p != s);
                        }
                    }
                }
                timeline.push(event);
                pending.retain(|p| *p != l);
            }
            let area = l.to_string();
            timeline.push(TimelineItem::Entry { entry: r, area });
        }
        for p in pending {
            if explained.insert(p) {
                timeline.push(self.change(p));
            }
        }
        timeline
    }

    /// Every area of `id`'s line, sorted: its ancestors, itself and its descendants.
    fn line(&self, id: &str) -> Vec<&'a str> {
        let mut line: Vec<&str> = [&self.ancestors, &self.descendants]
            .into_iter()
            .filter_map(|closure| closure.get(id))
            .flatten()
            .copied()
            .collect();
        line.sort_unstable();
        line.dedup();
        line
    }

    /// How `area` was formed: a rename (one to one), a merge (many to one) or a split (one to
    /// many; the siblings are the other areas formed from the same predecessor).
    fn change(&self, area: &str) -> TimelineItem {
        let from = self.continues(area);
        let siblings: Vec<String> = from
            .iter()
            .flat_map(|f| self.continued_by.get(f).into_iter().flatten())
            .filter(|s| **s != area)
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let kind = if from.len() > 1 {
            ChangeKind::Merge
        } else if !siblings.is_empty() {
            ChangeKind::Split
        } else {
            ChangeKind::Rename
        };
        TimelineItem::Change {
            kind,
            area: area.to_string(),
            from: from.iter().map(|s| s.to_string()).collect(),
            siblings,
        }
    }
}

/// Every node reachable from `start` in `graph`, `start` included.
fn reachable<'a>(start: &'a str, graph: &HashMap<&'a str, Vec<&'a str>>) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(n) = stack.pop() {
        if seen.insert(n) {
            stack.extend(graph.get(n).into_iter().flatten().copied());
        }
    }
    seen
}

/// (committee, area) → the reports, in order, that hold an entry of the area.
fn held_by_committee(reports: &[Report]) -> HashMap<(&str, &str), Vec<usize>> {
    let mut held: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (ri, r) in reports.iter().enumerate() {
        for e in &r.entries {
            let list = held
                .entry((r.committee_key.as_str(), e.area.as_str()))
                .or_default();
            if list.last() != Some(&ri) {
                list.push(ri);
            }
        }
    }
    held
}

/// The latest report before `ri` in any of `lists` (each in report order).
fn nearest_before<'l>(lists: impl Iterator<Item = &'l Vec<usize>>, ri: usize) -> Option<usize> {
    lists
        .filter_map(|l| l[..l.partition_point(|&x| x < ri)].last().copied())
        .max()
}

/// The report lists of `held` for `committee` and each area of `set`.
fn held_lists<'h>(
    held: &'h HashMap<(&str, &str), Vec<usize>>,
    committee: &'h str,
    set: &'h HashSet<&str>,
) -> impl Iterator<Item = &'h Vec<usize>> {
    set.iter().filter_map(move |a| held.get(&(committee, *a)))
}

/// Consecutive entries of a lineage, as (earlier, later): for each entry, the entries of the
/// area or of an area it continues (directly or not) in the nearest earlier report that holds
/// any, of the same committee when there is one, else of any committee. A rename or an area
/// that goes on gives one pair, a merge one per merged area, a split one per new area.
pub fn consecutive_entries(site: &Site) -> Vec<(EntryRef, EntryRef)> {
    let lineage = Lineage::new(site.areas.iter().map(|a| {
        let from = a.continues.iter().map(String::as_str).collect();
        (a.id.as_str(), from)
    }));
    // Searched by bisection, as in `year_over_year`: an entry costs its lineage's size, not
    // the number of reports before it.
    let held = held_by_committee(&site.reports);
    let anywhere = held_anywhere(&site.reports);
    let mut pairs = Vec::new();
    for (ri, r) in site.reports.iter().enumerate() {
        for (ei, e) in r.entries.iter().enumerate() {
            let alone = HashSet::from([e.area.as_str()]);
            let line = lineage.ancestors.get(e.area.as_str()).unwrap_or(&alone);
            let earlier = nearest_before(held_lists(&held, &r.committee_key, line), ri)
                .or_else(|| nearest_before(line.iter().filter_map(|a| anywhere.get(a)), ri));
            let Some(oi) = earlier else { continue };
            let later = EntryRef {
                report: ri,
                entry: ei,
            };
            for (oe, o) in site.reports[oi].entries.iter().enumerate() {
                if line.contains(o.area.as_str()) {
                    pairs.push((
                        EntryRef {
                            report: oi,
                            entry: oe,
                        },
                        later,
                    ));
                }
            }
        }
    }
    pairs
}

/// Area → the reports, in order, of any committee that hold an entry of it.
fn held_anywhere(reports: &[Report]) -> HashMap<&str, Vec<usize>> {
    let mut held: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ri, r) in reports.iter().enumerate() {
        for e in &r.entries {
            let list = held.entry(e.area.as_str()).or_default();
            if list.last() != Some(&ri) {
                list.push(ri);
            }
        }
    }
    held
}
