//! The model's plain data: a site of years, reports and their entries, and areas with their
//! lineage and timelines. Templates read it; `render::data` publishes it as open data.

use serde::Serialize;

use super::PartialDate;

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    /// Oldest first: year, date, weight, slug.
    pub reports: Vec<Report>,
    pub areas: Vec<Area>,
    /// Newest first, each with indexes into `reports`.
    pub years: Vec<Year>,
    /// The committees as the site tells them apart (`Report::committee_key`), in the order
    /// their first reports come.
    pub committees: Vec<String>,
}

impl Site {
    /// Drops each report's entries' text (the entries keep an empty `body`) and returns its
    /// hash (`content::body_hash`), per report and entry: a one-off build reads the text again
    /// when it renders the report (`content::Bodies`), instead of holding the site's whole
    /// text from the content stage to the end.
    pub fn drop_bodies(&mut self) -> Vec<Vec<u64>> {
        let entries = self.reports.iter_mut().map(|r| &mut r.entries);
        entries
            .map(|list| {
                let hash = |e: &mut Entry| crate::content::body_hash(&std::mem::take(&mut e.body));
                list.iter_mut().map(hash).collect()
            })
            .collect()
    }
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
    /// The committee as the site tells committees apart: its name, and its organisation too
    /// ("Barn- och ungdomsnämnden (Borås kommun)") when other organisations have a committee
    /// of that name, as on a portal of many municipalities. Its page, feed and lineage follow
    /// this; `committee` is the name the report gives.
    pub committee_key: String,
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
    /// The file, relative to the site's folder (`file` as a path, for reading it again).
    #[serde(skip)]
    pub source: std::path::PathBuf,
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
