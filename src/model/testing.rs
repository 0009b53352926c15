//! A site's loaded content built in memory, for unit tests of the model (as mdBook's
//! `BookTest`): areas with their lineage, reports of several committees with their entries,
//! then `model::build`. The TOML is written out and parsed with the same types `content::load`
//! uses, so spans, lines and columns in errors are those a real file would give.
//!
//! ```ignore
//! let site = SiteBuilder::new()
//!     .area("franvaro", "Frånvaro")
//!     .continues("narvaro", "Närvaro", &["franvaro"])
//!     .report("Grundskolenämnden", "2024/april", "2024-04")
//!     .entry("franvaro")
//!     .report("Grundskolenämnden", "2025/april", "2025-04")
//!     .entry("narvaro")
//!     .build();
//! assert_eq!(previous(&site, "2025/april", "narvaro"), ["2024/april:franvaro"]);
//! ```

use std::path::PathBuf;

use serde::Deserialize;

use super::{ChangeKind, EntryRef, Site, TimelineItem};
use crate::content::{AreaSource, EntrySource, Loaded, ReportSource, SourceFile};
use crate::diagnostics::Diagnostics;

#[derive(Default)]
pub struct SiteBuilder {
    areas: Vec<(String, String, Vec<String>)>,
    reports: Vec<ReportSpec>,
}

struct ReportSpec {
    committee: String,
    /// "2024/april": the year and the report's folder.
    path: String,
    date: String,
    entries: Vec<String>,
}

impl SiteBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// An area of its own, continuing none.
    pub fn area(self, id: &str, name: &str) -> Self {
        self.continues(id, name, &[])
    }

    /// An area formed from `from`: one is a rename (or, with siblings, a split), several a merge.
    pub fn continues(mut self, id: &str, name: &str, from: &[&str]) -> Self {
        let from = from.iter().map(|s| s.to_string()).collect();
        self.areas.push((id.into(), name.into(), from));
        self
    }

    /// A report of `committee` in the folder `path` ("2024/april"), dated `date` ("2024-04").
    /// The entries that follow belong to it.
    pub fn report(mut self, committee: &str, path: &str, date: &str) -> Self {
        self.reports.push(ReportSpec {
            committee: committee.into(),
            path: path.into(),
            date: date.into(),
            entries: Vec::new(),
        });
        self
    }

    /// An entry of `area` in the last report, after its other entries.
    pub fn entry(mut self, area: &str) -> Self {
        self.reports
            .last_mut()
            .expect("SiteBuilder::entry comes after a report")
            .entries
            .push(area.into());
        self
    }

    /// What `content::load` would read from the files this site would have.
    pub fn loaded(&self) -> Loaded {
        #[derive(Deserialize)]
        struct AreasFile {
            area: Vec<AreaSource>,
        }
        let areas_source = self
            .areas
            .iter()
            .map(|(id, name, from)| {
                let mut t = toml::Table::new();
                t.insert("id".into(), id.as_str().into());
                t.insert("name".into(), name.as_str().into());
                if !from.is_empty() {
                    t.insert("continues".into(), from.clone().into());
                }
                format!("[[area]]\n{}\n", toml_text(&t))
            })
            .collect::<String>();
        let areas = toml::from_str::<AreasFile>(&areas_source)
            .map(|f| f.area)
            .unwrap_or_default();
        Loaded {
            areas,
            areas_source,
            areas_read: true,
            reports: self.reports.iter().map(report_source).collect(),
            assets: Vec::new(),
        }
    }

    /// The checked and linked site; panics with the errors when there are any.
    pub fn build(&self) -> Site {
        super::build(self.loaded(), false, crate::messages::Lang::En)
            .unwrap_or_else(|e| panic!("the site has errors:\n{e}"))
    }

    /// The errors of a site that must not build.
    pub fn errors(&self) -> Diagnostics {
        match super::build(self.loaded(), false, crate::messages::Lang::En) {
            Ok(_) => panic!("the site built without errors"),
            Err(e) => e,
        }
    }
}

fn report_source(r: &ReportSpec) -> ReportSource {
    let (year, slug) = r
        .path
        .split_once('/')
        .expect("a report path is year/folder");
    let dir = PathBuf::from("content").join(year).join(slug);
    let mut t = toml::Table::new();
    t.insert("title".into(), format!("{} {}", r.committee, r.path).into());
    t.insert("kind".into(), slug.into());
    t.insert("date".into(), r.date.as_str().into());
    t.insert("committee".into(), r.committee.as_str().into());
    let (file, front) = front_matter(dir.join("_index.md"), &t);
    let entries = r
        .entries
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let mut t = toml::Table::new();
            t.insert("area".into(), area.as_str().into());
            t.insert("title".into(), format!("Om {area}").into());
            let (file, front) = front_matter(dir.join(format!("{:02}-{area}.md", i + 1)), &t);
            EntrySource {
                file,
                front,
                body: format!("Vad som gjorts inom {area}.\n"),
                prefix_weight: Some(i as i64 + 1),
            }
        })
        .collect();
    ReportSource {
        year: year.parse().expect("a report path starts with its year"),
        slug: slug.into(),
        file,
        front,
        body: String::new(),
        entries,
    }
}

/// The file's head (`+++`, the TOML, `+++`) and its front matter parsed from it, spans and all.
fn front_matter<T: serde::de::DeserializeOwned>(path: PathBuf, t: &toml::Table) -> (SourceFile, T) {
    let front = toml_text(t);
    let parsed = toml::from_str(&front).expect("the builder writes valid front matter");
    let file = SourceFile {
        path,
        head: format!("+++\n{front}+++\n"),
        front_offset: 4,
    };
    (file, parsed)
}

fn toml_text(t: &toml::Table) -> String {
    toml::to_string(t).expect("a table of strings is TOML")
}

// Reading a built site in the words of a test.

/// "2024/april:franvaro": where an entry is and of which area.
pub fn label(site: &Site, at: EntryRef) -> String {
    let r = &site.reports[at.report];
    format!(
        "{}:{}",
        r.url.trim_end_matches('/'),
        r.entries[at.entry].area
    )
}

/// The entry of `area` in the report at `path` ("2024/april").
pub fn entry_at(site: &Site, path: &str, area: &str) -> EntryRef {
    let report = site
        .reports
        .iter()
        .position(|r| r.url.trim_end_matches('/') == path)
        .unwrap_or_else(|| panic!("no report {path}"));
    let entry = site.reports[report]
        .entries
        .iter()
        .position(|e| e.area == area)
        .unwrap_or_else(|| panic!("no entry of {area} in {path}"));
    EntryRef { report, entry }
}

/// The year-over-year links of an entry, as labels.
pub fn previous(site: &Site, path: &str, area: &str) -> Vec<String> {
    let at = entry_at(site, path, area);
    let e = &site.reports[at.report].entries[at.entry];
    e.previous.iter().map(|r| label(site, *r)).collect()
}

pub fn next(site: &Site, path: &str, area: &str) -> Vec<String> {
    let at = entry_at(site, path, area);
    let e = &site.reports[at.report].entries[at.entry];
    e.next.iter().map(|r| label(site, *r)).collect()
}

/// An area's timeline: entries as labels, changes as "rename a → b", "merge a + b → c" or
/// "split a → b (with c)".
pub fn timeline(site: &Site, area: &str) -> Vec<String> {
    let area = site
        .areas
        .iter()
        .find(|a| a.id == area)
        .unwrap_or_else(|| panic!("no area {area}"));
    area.timeline
        .iter()
        .map(|item| match item {
            TimelineItem::Entry { entry, .. } => label(site, *entry),
            TimelineItem::Change {
                kind,
                area,
                from,
                siblings,
            } => match kind {
                ChangeKind::Rename => format!("rename {} → {area}", from.join(" + ")),
                ChangeKind::Merge => format!("merge {} → {area}", from.join(" + ")),
                ChangeKind::Split => {
                    format!(
                        "split {} → {area} (with {})",
                        from.join(" + "),
                        siblings.join(", ")
                    )
                }
            },
        })
        .collect()
}

/// The consecutive entries the comparison pages show, as "earlier → later" labels.
pub fn consecutive(site: &Site) -> Vec<String> {
    super::consecutive_entries(site)
        .into_iter()
        .map(|(earlier, later)| format!("{} → {}", label(site, earlier), label(site, later)))
        .collect()
}
