//! Model stage: checks the loaded content and links it into plain data — years, reports,
//! entries, areas and their lineage. Templates read it; `render::data` publishes it as open data.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::content::{Loaded, ReportSource};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::messages::{self, Lang};

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// Oldest first: year, date, weight, slug.
    pub reports: Vec<Report>,
    pub areas: Vec<Area>,
    /// Newest first, each with indexes into `reports`.
    pub years: Vec<Year>,
    pub committees: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Year {
    pub year: u16,
    pub url: String,
    pub reports: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub year: u16,
    pub slug: String,
    /// Site-relative, no leading slash: "2025/delarsbokslut/".
    pub url: String,
    pub title: String,
    pub kind: String,
    pub date: PartialDate,
    pub committee: String,
    pub organisation: Option<String>,
    pub decision: Option<String>,
    pub diary_number: Option<String>,
    pub source: Option<String>,
    pub next_follow_up: Option<String>,
    pub signatories: Vec<String>,
    pub draft: bool,
    /// The report's own text, as Markdown.
    pub body: String,
    pub entries: Vec<Entry>,
    /// The source file, relative to the site root.
    pub file: String,
    /// The file's line where `body` starts, for errors in it.
    #[serde(skip)]
    pub body_line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub area: String,
    pub title: String,
    pub direction: Option<String>,
    /// What was done, as the entry's front matter states it (plain text).
    pub summary: Option<String>,
    /// The id of one of site.toml's statuses.
    pub status: Option<String>,
    pub weight: i64,
    pub url: String,
    pub body: String,
    pub file: String,
    /// The file's line where `body` starts, and the line and column where `direction`'s text
    /// starts, for errors in them.
    #[serde(skip)]
    pub body_line: usize,
    #[serde(skip)]
    pub direction_at: (usize, usize),
    /// Related entries in the previous and the next report of the same committee.
    pub previous: Vec<EntryRef>,
    pub next: Vec<EntryRef>,
}

/// Points at `site.reports[report].entries[entry]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct EntryRef {
    pub report: usize,
    pub entry: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub description: String,
    pub url: String,
    /// Ids this area continues (its predecessors) and the ids that continue it.
    pub continues: Vec<String>,
    pub continued_by: Vec<String>,
    /// This area's own entries, oldest first.
    pub entries: Vec<EntryRef>,
    /// The area's whole line: its entries and those of every predecessor and successor,
    /// oldest first, with the lineage events placed before the first entry they explain.
    pub timeline: Vec<TimelineItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TimelineItem {
    Entry {
        entry: EntryRef,
        area: String,
    },
    /// `area` was formed from `from`: a rename (one to one), a merge (many to one) or a split
    /// (one to many: `siblings` are the other areas formed from the same predecessor).
    Change {
        kind: ChangeKind,
        area: String,
        from: Vec<String>,
        siblings: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Rename,
    Merge,
    Split,
}

/// A date as precise as the document states it: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// "2026", "2026-04" or "2026-02-09", a day that exists in its month.
    pub fn parse(s: &str) -> Option<PartialDate> {
        Self::parse_shape(s).filter(|d| d.exists())
    }

    /// The form alone: four digits, then a month 01–12 and a day 01–31 if given.
    fn parse_shape(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().split('-');
        let number = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let year: u16 = number(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(number(m, 2).filter(|m| (1..=12).contains(m))? as u8),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(number(d, 2).filter(|d| (1..=31).contains(d))? as u8),
            None => None,
        };
        parts
            .next()
            .is_none()
            .then_some(PartialDate { year, month, day })
    }

    fn exists(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => d <= days_in_month(self.year, m),
            _ => true,
        }
    }
    /// ISO 8601 at the stated precision: "2026", "2026-04", "2026-02-09".
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// RFC 3339 timestamp at the start of the stated period, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `value` of the key `key` as a date, or a diagnostic (message and hint, no place yet) saying
/// whether it is not a date at all or a day that does not exist ("2026-02-30").
pub fn check_date(value: &str, key: &str, lang: Lang) -> Result<PartialDate, Diagnostic> {
    match PartialDate::parse_shape(value) {
        Some(d) if d.exists() => Ok(d),
        Some(d) => {
            let month = d.month.unwrap_or(1);
            let days = days_in_month(d.year, month);
            let year_month = format!("{:04}-{month:02}", d.year);
            let last_day = format!("{year_month}-{days}");
            Err(
                Diagnostic::new(messages::impossible_date(lang, key, value.trim())).with_hint(
                    messages::impossible_date_hint(lang, year_month, days, last_day),
                ),
            )
        }
        None => {
            Err(Diagnostic::new(messages::bad_date(lang, key))
                .with_hint(messages::bad_date_hint(lang)))
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// Checks and links the loaded content. Drafts are dropped unless `drafts` is set.
/// Messages are in `lang`. `loaded` may hold only the files that could be read (the others'
/// errors are reported by `content`): what can be checked is checked, so that one round trip
/// shows every problem.
pub fn build(loaded: Loaded, drafts: bool, lang: Lang) -> Result<Site, Diagnostics> {
    let mut errors = Diagnostics::default();
    let areas_file =
        std::path::Path::new(crate::content::CONTENT_DIR).join(crate::content::AREAS_FILE);
    let areas_err = |span: std::ops::Range<usize>, msg: String| {
        Diagnostic::new(msg)
            .in_file(&areas_file)
            .at_offset(&loaded.areas_source, span.start)
    };

    // The register of areas.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, a) in loaded.areas.iter().enumerate() {
        let id = a.id.get_ref();
        let slug = crate::slug::slugify(id);
        // An empty id would make the area's page /omraden/ itself, and its entries' pages
        // their report's page.
        if slug.is_empty() {
            let from_name = crate::slug::slugify(&a.name);
            let suggestion = if from_name.is_empty() {
                "omrade".into()
            } else {
                from_name
            };
            let message = if id.is_empty() {
                messages::area_id_empty(lang)
            } else {
                messages::area_id_not_slug(lang, id)
            };
            errors.push(
                areas_err(a.id.span(), message)
                    .with_hint(messages::area_id_empty_hint(lang, suggestion)),
            );
        } else if slug != *id {
            errors.push(
                areas_err(a.id.span(), messages::area_id_not_slug(lang, id))
                    .with_hint(messages::area_id_not_slug_hint(lang, slug)),
            );
        }
        if index.insert(id.clone(), i).is_some() {
            errors.push(
                areas_err(a.id.span(), messages::area_id_twice(lang, id))
                    .with_hint(messages::area_id_twice_hint(lang)),
            );
        }
    }
    let ids = || loaded.areas.iter().map(|a| a.id.get_ref().as_str());
    for a in &loaded.areas {
        for c in &a.continues {
            if !index.contains_key(c.get_ref()) {
                let mut d = areas_err(
                    c.span(),
                    messages::continues_unknown(lang, a.id.get_ref(), c.get_ref()),
                );
                d.hint = did_you_mean(lang, c.get_ref(), ids())
                    .or(Some(messages::continues_unknown_hint(lang)));
                errors.push(d);
            } else if c.get_ref() == a.id.get_ref() {
                errors.push(
                    areas_err(c.span(), messages::continues_itself(lang, a.id.get_ref()))
                        .with_hint(messages::continues_itself_hint(lang)),
                );
            }
        }
    }
    if let Some(cycle) = find_cycle(&loaded) {
        let first = &loaded.areas[index[&cycle[0]]];
        errors.push(
            areas_err(
                first.id.span(),
                messages::lineage_cycle(lang, cycle.join(" → ")),
            )
            .with_hint(messages::lineage_cycle_hint(lang)),
        );
    }

    // Reports and entries.
    let mut sources: Vec<ReportSource> = loaded
        .reports
        .into_iter()
        .filter(|r| drafts || !r.front.draft)
        .collect();
    for r in &mut sources {
        r.entries.retain(|e| drafts || !e.front.draft);
    }
    let mut reports = Vec::with_capacity(sources.len());
    for mut r in sources {
        let date = report_date(&r, lang, &mut errors);
        let kind = r.front.kind.get_ref();
        let kind_slug = crate::slug::slugify(kind);
        if kind_slug.is_empty() {
            errors.push(
                r.file
                    .error_at(r.front.kind.span(), messages::kind_empty(lang))
                    .with_hint(messages::kind_empty_hint(lang)),
            );
        } else if kind_slug != *kind {
            errors.push(
                r.file
                    .error_at(r.front.kind.span(), messages::kind_not_slug(lang, kind))
                    .with_hint(messages::kind_not_slug_hint(lang, kind_slug)),
            );
        }
        let url = crate::paths::report(r.year, &r.slug);
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut entries = Vec::with_capacity(r.entries.len());
        for e in &mut r.entries {
            let area = e.front.area.get_ref().clone();
            let area = &area;
            if !index.contains_key(area) {
                // Unknown only if the register could be read: its own error says what is wrong.
                if loaded.areas_read {
                    let mut d = e
                        .file
                        .error_at(e.front.area.span(), messages::unknown_area(lang, area));
                    d.hint =
                        did_you_mean(lang, area, ids()).or(Some(messages::unknown_area_hint(lang)));
                    errors.push(d);
                }
            } else if let Some(first) = seen.insert(area.clone(), e.file.path.display().to_string())
            {
                errors.push(
                    e.file
                        .error_at(
                            e.front.area.span(),
                            messages::area_twice_in_report(lang, area),
                        )
                        .with_hint(messages::area_twice_in_report_hint(lang, first)),
                );
            }
            entries.push(Entry {
                area: area.clone(),
                title: e.front.title.clone(),
                direction: e.front.direction.clone().filter(|d| !d.trim().is_empty()),
                summary: e.front.summary.clone().filter(|d| !d.trim().is_empty()),
                status: e.front.status.as_ref().map(|s| s.get_ref().clone()),
                weight: e.front.weight.or(e.prefix_weight).unwrap_or(0),
                url: crate::paths::entry(&url, area),
                body: std::mem::take(&mut e.body),
                file: e.file.path.display().to_string(),
                body_line: body_line(&e.file.head),
                direction_at: value_start(&e.file.head, "direction"),
                previous: Vec::new(),
                next: Vec::new(),
            });
        }
        entries.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.file.cmp(&b.file)));
        reports.push((
            r.front.weight.unwrap_or(0),
            Report {
                year: r.year,
                slug: r.slug,
                url,
                title: r.front.title,
                kind: kind.clone(),
                date,
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
            },
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    reports.sort_by(|(wa, a), (wb, b)| {
        (a.year, a.date, *wa, &a.slug).cmp(&(b.year, b.date, *wb, &b.slug))
    });
    let mut reports: Vec<Report> = reports.into_iter().map(|(_, r)| r).collect();

    let areas = link_areas(&loaded.areas, &mut reports);
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
    let mut committees: Vec<String> = Vec::new();
    for r in &reports {
        if !committees.contains(&r.committee) {
            committees.push(r.committee.clone());
        }
    }
    Ok(Site {
        reports,
        areas,
        years,
        committees,
    })
}

/// The line of a file whose front matter (with its `+++` lines) is `head` where the body starts.
fn body_line(head: &str) -> usize {
    head.matches('\n').count() + 1
}

/// The line and the column before the first character of the string value of `key` in
/// `head` (a multi-line string's text starts on the next line, at column 0); (1, 0) when the
/// key is not there.
fn value_start(head: &str, key: &str) -> (usize, usize) {
    for (i, line) in head.lines().enumerate() {
        let Some(value) = line
            .trim_start()
            .strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix('='))
            .map(str::trim_start)
        else {
            continue;
        };
        let open = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|q| value.starts_with(q))
            .unwrap_or("");
        if open.len() == 3 && value[3..].trim().is_empty() {
            return (i + 2, 0);
        }
        let before = line.len() - value.len() + open.len();
        return (i + 1, line[..before].chars().count());
    }
    (1, 0)
}

/// The report's date, checked: a real date, in the report's year folder (or in the first half
/// of the next year, when a year's annual report is decided). Errors go to `errors`.
fn report_date(r: &ReportSource, lang: Lang, errors: &mut Diagnostics) -> PartialDate {
    let span = r.front.date.span();
    let checked = match r.front.date.get_ref() {
        toml::Value::String(s) => check_date(s, "date", lang),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            check_date(&dt.to_string(), "date", lang)
        }
        _ => Err(Diagnostic::new(messages::bad_date(lang, "date"))
            .with_hint(messages::bad_date_hint(lang))),
    };
    match checked {
        Ok(d) => {
            let early_next = d.year == r.year + 1 && d.month.is_some_and(|m| m <= 6);
            if d.year != r.year && !early_next {
                errors.push(
                    r.file
                        .error_at(span, messages::date_outside_year(lang, d.iso(), r.year))
                        .with_hint(messages::date_outside_year_hint(lang, d.year, r.year)),
                );
            }
            d
        }
        Err(d) => {
            let mut at = r.file.error_at(span, d.message);
            at.hint = d.hint;
            errors.push(at);
            PartialDate {
                year: r.year,
                month: None,
                day: None,
            }
        }
    }
}

/// The first cycle in the `continues` graph, as ids in order, if any.
fn find_cycle(loaded: &Loaded) -> Option<Vec<String>> {
    let edges: HashMap<&str, Vec<&str>> = loaded
        .areas
        .iter()
        .map(|a| {
            (
                a.id.get_ref().as_str(),
                a.continues.iter().map(|c| c.get_ref().as_str()).collect(),
            )
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    fn visit<'a>(
        n: &'a str,
        edges: &HashMap<&'a str, Vec<&'a str>>,
        state: &mut HashMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let start = path.iter().position(|p| *p == n).unwrap_or(0);
                let mut cycle: Vec<String> = path[start..].iter().map(|s| s.to_string()).collect();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n, 1);
        path.push(n);
        for &next in edges.get(n).map(Vec::as_slice).unwrap_or(&[]) {
            if next != n && edges.contains_key(next) {
                if let Some(c) = visit(next, edges, state, path) {
                    return Some(c);
                }
            }
        }
        path.pop();
        state.insert(n, 2);
        None
    }
    for a in &loaded.areas {
        if let Some(c) = visit(a.id.get_ref(), &edges, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// Fills in lineage both ways, each area's entries and timeline, and each entry's
/// year-over-year links.
fn link_areas(sources: &[crate::content::AreaSource], reports: &mut [Report]) -> Vec<Area> {
    let continues: HashMap<&str, Vec<&str>> = sources
        .iter()
        .map(|a| {
            (
                a.id.get_ref().as_str(),
                a.continues.iter().map(|c| c.get_ref().as_str()).collect(),
            )
        })
        .collect();
    let mut continued_by: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in sources {
        for c in &a.continues {
            continued_by
                .entry(c.get_ref().as_str())
                .or_default()
                .push(a.id.get_ref());
        }
    }
    let closure = |start: &str, graph: &HashMap<&str, Vec<&str>>| -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut stack = vec![start.to_string()];
        while let Some(n) = stack.pop() {
            if seen.insert(n.clone()) {
                for &m in graph.get(n.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
                    stack.push(m.to_string());
                }
            }
        }
        seen
    };
    let mut by_area: HashMap<String, Vec<EntryRef>> = HashMap::new();
    for (ri, r) in reports.iter().enumerate() {
        for (ei, e) in r.entries.iter().enumerate() {
            by_area.entry(e.area.clone()).or_default().push(EntryRef {
                report: ri,
                entry: ei,
            });
        }
    }
    let ancestors: HashMap<&str, HashSet<String>> = sources
        .iter()
        .map(|a| (a.id.get_ref().as_str(), closure(a.id.get_ref(), &continues)))
        .collect();
    let descendants: HashMap<&str, HashSet<String>> = sources
        .iter()
        .map(|a| {
            (
                a.id.get_ref().as_str(),
                closure(a.id.get_ref(), &continued_by),
            )
        })
        .collect();

    let links = year_over_year(reports, &ancestors, &descendants);
    for (at, prev, next) in links {
        let e = &mut reports[at.report].entries[at.entry];
        e.previous = prev;
        e.next = next;
    }

    sources
        .iter()
        .map(|a| {
            let id = a.id.get_ref().as_str();
            let mut line: Vec<&str> = ancestors[id]
                .iter()
                .chain(descendants[id].iter())
                .map(String::as_str)
                .collect();
            line.sort();
            line.dedup();
            let mut entries: Vec<(EntryRef, &str)> = line
                .iter()
                .flat_map(|l| by_area.get(*l).into_iter().flatten().map(move |r| (*r, *l)))
                .collect();
            entries.sort_by_key(|(r, _)| (r.report, r.entry));
            let mut timeline = Vec::new();
            let mut explained: HashSet<&str> = HashSet::new();
            // Areas in the line that formed from others but have no entry still get their event.
            let mut pending: Vec<&str> = line
                .iter()
                .copied()
                .filter(|l| !continues[l].is_empty())
                .collect();
            for (r, l) in &entries {
                if !continues[l].is_empty() && explained.insert(l) {
                    let event = change(l, &continues, &continued_by);
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
                    pending.retain(|p| p != l);
                }
                timeline.push(TimelineItem::Entry {
                    entry: *r,
                    area: l.to_string(),
                });
            }
            for p in pending {
                if explained.insert(p) {
                    timeline.push(change(p, &continues, &continued_by));
                }
            }
            let mut own = by_area.get(id).cloned().unwrap_or_default();
            own.sort_by_key(|r| (r.report, r.entry));
            Area {
                id: id.to_string(),
                name: a.name.clone(),
                description: a.description.clone(),
                url: crate::paths::area(id),
                continues: continues[id].iter().map(|s| s.to_string()).collect(),
                continued_by: continued_by
                    .get(id)
                    .map(|v| v.iter().map(|s| s.to_string()).collect())
                    .unwrap_or_default(),
                entries: own,
                timeline,
            }
        })
        .collect()
}

/// Year over year: for each entry, the nearest earlier (later) report of the same committee
/// holding an entry of the area or of one it continues (one that continues it), and those
/// entries. Reports are sorted oldest first. Each area's reports per committee are listed once
/// and searched by bisection, so an entry costs its lineage's size, not the number of reports.
fn year_over_year(
    reports: &[Report],
    ancestors: &HashMap<&str, HashSet<String>>,
    descendants: &HashMap<&str, HashSet<String>>,
) -> Vec<(EntryRef, Vec<EntryRef>, Vec<EntryRef>)> {
    // (committee, area) → the reports, in order, that hold an entry of the area.
    let mut held: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (ri, r) in reports.iter().enumerate() {
        for e in &r.entries {
            let list = held
                .entry((r.committee.as_str(), e.area.as_str()))
                .or_default();
            if list.last() != Some(&ri) {
                list.push(ri);
            }
        }
    }
    let entries_of = |oi: usize, set: &HashSet<String>| -> Vec<EntryRef> {
        reports[oi]
            .entries
            .iter()
            .enumerate()
            .filter(|(_, o)| set.contains(&o.area))
            .map(|(entry, _)| EntryRef { report: oi, entry })
            .collect()
    };
    let empty = HashSet::new();
    let mut links = Vec::new();
    for (ri, r) in reports.iter().enumerate() {
        let committee = r.committee.as_str();
        for (ei, e) in r.entries.iter().enumerate() {
            let before = ancestors.get(e.area.as_str()).unwrap_or(&empty);
            let after = descendants.get(e.area.as_str()).unwrap_or(&empty);
            let prev = held_lists(&held, committee, before)
                .filter_map(|l| l[..l.partition_point(|&x| x < ri)].last().copied())
                .max()
                .map_or_else(Vec::new, |oi| entries_of(oi, before));
            let next = held_lists(&held, committee, after)
                .filter_map(|l| l.get(l.partition_point(|&x| x <= ri)).copied())
                .min()
                .map_or_else(Vec::new, |oi| entries_of(oi, after));
            links.push((
                EntryRef {
                    report: ri,
                    entry: ei,
                },
                prev,
                next,
            ));
        }
    }
    links
}

/// The report lists of `held` for `committee` and each area of `set`.
fn held_lists<'a>(
    held: &'a HashMap<(&str, &str), Vec<usize>>,
    committee: &'a str,
    set: &'a HashSet<String>,
) -> impl Iterator<Item = &'a Vec<usize>> {
    set.iter()
        .filter_map(move |a| held.get(&(committee, a.as_str())))
}

fn change(
    area: &str,
    continues: &HashMap<&str, Vec<&str>>,
    continued_by: &HashMap<&str, Vec<&str>>,
) -> TimelineItem {
    let from = &continues[area];
    let siblings: Vec<String> = from
        .iter()
        .flat_map(|f| continued_by.get(f).into_iter().flatten())
        .filter(|s| **s != area)
        .map(|s| s.to_string())
        .collect::<std::collections::BTreeSet<_>>()
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

/// Every entry whose `status` is not one of `known` (site.toml's `[[status]]` ids), with its
/// file, line and column.
pub fn check_statuses(loaded: &Loaded, known: &[&str], lang: Lang) -> Diagnostics {
    let mut errors = Diagnostics::default();
    for e in loaded.reports.iter().flat_map(|r| &r.entries) {
        let Some(status) = &e.front.status else {
            continue;
        };
        let id = status.get_ref();
        if known.contains(&id.as_str()) {
            continue;
        }
        let mut d = e
            .file
            .error_at(status.span(), messages::status_unknown(lang, id));
        d.hint = if known.is_empty() {
            Some(messages::status_none_defined(lang))
        } else {
            did_you_mean(lang, id, known.iter().copied())
                .or_else(|| Some(messages::status_use_one_of(lang, known.join(", "))))
        };
        errors.push(d);
    }
    errors
}

/// Consecutive entries of a lineage, as (earlier, later): for each entry, the entries of the
/// area or of an area it continues (directly or not) in the nearest earlier report that holds
/// any, of the same committee when there is one, else of any committee. A rename or an area
/// that goes on gives one pair, a merge one per merged area, a split one per new area.
pub fn consecutive_entries<'a>(site: &'a Site) -> Vec<(EntryRef, EntryRef)> {
    let continues: HashMap<&'a str, &'a [String]> = site
        .areas
        .iter()
        .map(|a| (a.id.as_str(), a.continues.as_slice()))
        .collect();
    let ancestors = |id: &'a str| -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if seen.insert(n) {
                stack.extend(
                    continues
                        .get(n)
                        .into_iter()
                        .flat_map(|c| c.iter().map(String::as_str)),
                );
            }
        }
        seen
    };
    let mut pairs = Vec::new();
    for (ri, r) in site.reports.iter().enumerate() {
        for (ei, e) in r.entries.iter().enumerate() {
            let line = ancestors(&e.area);
            let holds = |oi: &usize| {
                site.reports[*oi]
                    .entries
                    .iter()
                    .any(|o| line.contains(o.area.as_str()))
            };
            let earlier = (0..ri)
                .rev()
                .filter(|oi| site.reports[*oi].committee == r.committee)
                .find(holds)
                .or_else(|| (0..ri).rev().find(holds));
            let Some(oi) = earlier else { continue };
            for (oe, o) in site.reports[oi].entries.iter().enumerate() {
                if line.contains(o.area.as_str()) {
                    pairs.push((
                        EntryRef {
                            report: oi,
                            entry: oe,
                        },
                        EntryRef {
                            report: ri,
                            entry: ei,
                        },
                    ));
                }
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2026-04").unwrap().iso(), "2026-04");
        assert_eq!(
            PartialDate::parse("2026-02-09").unwrap().iso(),
            "2026-02-09"
        );
        assert_eq!(
            PartialDate::parse("2026").unwrap().rfc3339(),
            "2026-01-01T00:00:00Z"
        );
        assert!(PartialDate::parse("2026-13").is_none());
        assert!(PartialDate::parse("april 2026").is_none());
        assert!(PartialDate::parse("2026-4").is_none());
        assert!(PartialDate::parse("2026-02") < PartialDate::parse("2026-02-09"));
        // Days that do not exist, leap years included.
        assert!(PartialDate::parse("2026-02-30").is_none());
        assert!(PartialDate::parse("2026-02-29").is_none());
        assert!(PartialDate::parse("2028-02-29").is_some());
        assert!(PartialDate::parse("2100-02-29").is_none());
        assert!(PartialDate::parse("2000-02-29").is_some());
        assert!(PartialDate::parse("2026-04-31").is_none());
        assert!(PartialDate::parse("2026-+4").is_none());
    }
}

#[cfg(test)]
#[path = "model_testing.rs"]
pub(crate) mod testing;

#[cfg(test)]
#[path = "model_tests.rs"]
mod lineage_tests;
