//! The values templates read, as typed views (`#[derive(Serialize)]`, as Zola's
//! `SerializingPage`): each struct here is the exact list of fields a template can read
//! (`themes/default/README.md` says which template gets which). `values/` builds them.

use std::fmt;
use std::sync::{Arc, RwLock};

use minijinja::value::{Object, ObjectRepr};
use minijinja::Value;
use serde::Serialize;

use crate::model::{ChangeKind, EntryRef};
use crate::paths::SiteUrls;

/// What was done, in plain text: the entry's `summary`, else its first paragraph. One cell per
/// entry, shared by the report page, the timelines and the comparison pages, so that `serve`'s
/// update of an entry's text changes it on all of them (`Prepared::update_entries`).
#[derive(Debug, Default)]
pub(super) struct SummaryText(RwLock<String>);

impl SummaryText {
    pub fn get(&self) -> String {
        self.0.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Sets the text; true when it changed.
    pub fn set(&self, text: String) -> bool {
        match self.0.write() {
            Ok(mut s) if *s != text => {
                *s = text;
                true
            }
            _ => false,
        }
    }
}

impl Object for SummaryText {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }
    fn is_true(self: &Arc<Self>) -> bool {
        !self.get().is_empty()
    }
    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.get())
    }
}

#[derive(Serialize)]
pub(super) struct EntryView {
    pub area: String,
    pub area_name: String,
    pub area_url: String,
    pub title: String,
    pub url: String,
    pub anchor: String,
    pub direction_html: Value,
    pub html: Value,
    pub summary: Value,
    pub status: Option<Value>,
    pub year: u16,
    pub report_title: String,
    pub report_url: String,
    pub committee: String,
    /// Each an `EntryLink`, made once per entry and shared by every view that links to it.
    pub previous: Vec<Value>,
    pub next: Vec<Value>,
    /// Comparison pages with the entries before this one in its lineage, and after it.
    pub compare_previous: Vec<CompareLink>,
    pub compare_next: Vec<CompareLink>,
}

#[derive(Serialize)]
pub(super) struct EntryLink {
    pub url: String,
    pub title: String,
    pub year: u16,
    pub report_title: String,
    pub report_url: String,
    pub area: String,
}

#[derive(Serialize)]
pub(super) struct CompareLink {
    /// The comparison page.
    pub url: String,
    /// The other entry's year, title and committee.
    pub year: u16,
    pub title: String,
    pub committee: String,
}

#[derive(Serialize)]
pub(super) struct StatusView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub description: &'a str,
    pub icon: &'a str,
}

#[derive(Serialize)]
pub(super) struct StatusCount {
    pub status: Value,
    pub count: usize,
    pub total: usize,
}

#[derive(Serialize)]
pub(super) struct ReportView {
    pub title: String,
    pub url: String,
    pub year: u16,
    pub slug: String,
    pub kind: String,
    pub kind_label: String,
    pub date: String,
    pub date_text: String,
    pub committee: String,
    pub committee_url: String,
    pub organisation: Option<String>,
    pub decision: Option<String>,
    pub diary_number: Option<String>,
    pub source: Option<String>,
    pub source_is_url: bool,
    /// Where the source document can be opened: its URL, or the file in the report's folder.
    pub source_url: Option<String>,
    pub next_follow_up: Option<String>,
    pub signatories: Vec<String>,
    pub draft: bool,
    pub html: Value,
    pub html_after: Value,
    pub entries: Value,
    /// How many of the report's entries state each status, in site.toml's order.
    pub status_counts: Vec<StatusCount>,
}

#[derive(Serialize)]
pub(super) struct YearView {
    pub year: u16,
    pub url: String,
    pub reports: Vec<Value>,
}

#[derive(Serialize)]
pub(super) struct AreaLink {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(super) enum TimelineView {
    Entry {
        area: String,
        area_name: String,
        year: u16,
        report: Value,
        entry: Value,
    },
    Change(ChangeView),
}

/// A rename, merge or split: `area` formed from `from` (with `siblings` in a split).
#[derive(Serialize, Clone)]
pub(super) struct ChangeView {
    pub kind: ChangeKind,
    pub area: String,
    pub area_name: String,
    pub area_url: String,
    pub from: Vec<Value>,
    pub siblings: Vec<Value>,
}

/// One report in an area's year switcher: the entries of the area's line it holds.
#[derive(Serialize)]
pub(super) struct SwitchItem {
    pub year: u16,
    /// The year, with the report's kind when the line has several reports that year.
    pub label: String,
    pub report_url: String,
    pub committee: String,
    /// `EntryLink`s, shared as in `EntryView::previous`.
    pub entries: Vec<Value>,
}

#[derive(Serialize)]
pub(super) struct AreaView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub url: String,
    /// Its feed: its entries and its lineage's (written when site.toml's `[feed]` is on).
    pub feed_url: String,
    pub continues: Vec<Value>,
    pub continued_by: Vec<Value>,
    pub entry_count: usize,
    pub years: Vec<u16>,
    pub latest: Option<Value>,
    pub timeline: Vec<Value>,
    /// The committee of the newest entry of the line: others are named where they appear.
    pub committee: Option<String>,
    pub switcher: Vec<SwitchItem>,
    /// Whether any entry of the timeline states a status (the legend shows then).
    pub has_status: bool,
}

#[derive(Serialize)]
pub(super) struct CommitteeView {
    pub name: String,
    pub url: String,
    /// Its reports' feed (written when site.toml's `[feed]` is on).
    pub feed_url: String,
    /// Its reports by year, newest year first.
    pub years: Vec<YearView>,
    /// The areas its reports follow up.
    pub areas: Vec<Value>,
}

/// One comparison page: two consecutive entries of a lineage.
pub(super) struct Comparison {
    pub earlier: EntryRef,
    pub later: EntryRef,
    pub url: String,
    pub title: String,
}

#[derive(Serialize)]
pub(super) struct ComparisonView {
    pub earlier: Side,
    pub later: Side,
    /// How the later area formed from the earlier one, when they differ.
    pub change: Option<ChangeView>,
    pub area: Value,
}

#[derive(Serialize)]
pub(super) struct Side {
    pub entry: Value,
    pub report: Value,
    /// The direction with the changed words marked; none when the entry states none.
    pub direction_diff: Value,
}

/// `site` in every template.
#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub organisation: &'a str,
    pub description: &'a str,
    pub accessibility: &'a crate::config::Accessibility,
    pub feed: bool,
    pub committees: Vec<CommitteeLink>,
    pub years: &'a [Value],
    /// Every status site.toml defines, for legends.
    pub statuses: &'a [crate::config::Status],
    /// The fixed pages and files: `{{ base_url }}{{ site.urls.search }}`.
    pub urls: SiteUrls,
}

#[derive(Serialize)]
pub(super) struct CommitteeLink {
    pub name: String,
    pub url: String,
}

/// `page` in every template.
#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub breadcrumbs: &'a [Crumb],
}

#[derive(Serialize, Clone)]
pub(super) struct Crumb {
    pub title: String,
    pub url: String,
}

/// A page's own values, by the template that shows it (`themes/default/README.md`, "Per
/// template"): each variant's fields are the names that template reads (`context.rs` looks
/// them up).
#[derive(Debug)]
pub(super) enum Own {
    Home {
        intro: Option<Value>,
        latest: Option<Value>,
        years: Value,
        areas: Value,
        committees: Value,
    },
    /// A year's reports, `PER_PAGE` a page (`pager`).
    Year {
        year: Value,
        reports: Value,
        pager: Option<Value>,
    },
    Report {
        report: Value,
    },
    Entry {
        report: Value,
        entry: Value,
        /// The entry's area.
        area: Option<Value>,
        prev_in_report: Option<Value>,
        next_in_report: Option<Value>,
    },
    Compare {
        compare: Value,
    },
    /// Every area, `PER_PAGE` a page (`pager`).
    Areas {
        areas: Value,
        pager: Option<Value>,
    },
    Area {
        area: Value,
    },
    /// One page of the list of committees (`pager::PER_PAGE` a page).
    Committees {
        committees: Value,
        pager: Option<Value>,
    },
    /// One page of a committee's reports (`pager::PER_PAGE` a page, by year); its areas on
    /// the first page.
    Committee {
        committee: Value,
        /// This page's reports by year: `YearView`s holding this page's reports only.
        years: Value,
        pager: Option<Value>,
    },
    /// An `OpenDataView`.
    OpenData {
        data: Value,
    },
    /// A `YearDataView` of a year whose files are in parts.
    OpenDataYear {
        data: Value,
    },
    Search {},
    Accessibility {},
    NotFound {},
}

impl Own {
    pub fn template(&self) -> &'static str {
        match self {
            Own::Home { .. } => "index.html",
            Own::Year { .. } => "year.html",
            Own::Report { .. } => "report.html",
            Own::Entry { .. } => "entry.html",
            Own::Compare { .. } => "compare.html",
            Own::Areas { .. } => "areas.html",
            Own::Area { .. } => "area.html",
            Own::Committee { .. } => "committee.html",
            Own::Committees { .. } => "committees.html",
            Own::OpenData { .. } => "data.html",
            Own::OpenDataYear { .. } => "data_year.html",
            Own::Search {} => "search.html",
            Own::Accessibility {} => "accessibility.html",
            Own::NotFound {} => "404.html",
        }
    }
}

/// The open-data page's links (`data`): the files, each year's files, each report's file,
/// each feed.
#[derive(Serialize)]
pub(super) struct OpenDataView {
    pub catalogue: &'static str,
    pub dcat: &'static str,
    /// Newest first.
    pub years: Vec<YearDataView>,
    pub reports: Vec<NamedLink>,
    pub area_feeds: Vec<NamedLink>,
    pub committee_feeds: Vec<NamedLink>,
}

/// A year's open-data files (`data/<year>/`): its catalogue, and its parts' files (one part,
/// the year's own files, unless the year has more reports than a part holds).
#[derive(Serialize)]
pub(super) struct YearDataView {
    pub year: u16,
    pub catalogue: String,
    /// The page that lists the parts' files (`data/<year>/`); none when the year is whole.
    pub page: Option<String>,
    pub parts: Vec<PartDataView>,
}

/// A part's files (`data/<year>/del-<part>/`, or the year's own when it is whole).
#[derive(Serialize)]
pub(super) struct PartDataView {
    /// From 1; none when the year is whole.
    pub part: Option<usize>,
    pub catalogue: String,
    pub reports_csv: String,
    pub areas_csv: String,
    pub entries_csv: String,
}

#[derive(Serialize)]
pub(super) struct NamedLink {
    pub name: String,
    pub href: String,
}
