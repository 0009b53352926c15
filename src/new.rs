//! `uppsikt new`: the next follow-up started from the committee's latest report (or `--from`):
//! the committee and metadata carried over with the new title, kind and date, one entry per area
//! with its id, title and direction, bodies holding a note of what to write, as a draft.

use std::path::PathBuf;

use crate::content::{Loaded, ReportSource};
use crate::import::{folder_of, front, site_loads, write_report, FileOut};
use crate::messages::{self, Lang};
use crate::model::PartialDate;

pub struct NewOptions {
    pub target: String,
    pub from: Option<String>,
    pub committee: Option<String>,
    pub title: Option<String>,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub root: PathBuf,
}

pub fn run(o: &NewOptions) -> Result<String, String> {
    let lang = crate::config::language(&o.root);
    let (year, slug) = folder_of(&o.target, lang)?;
    let site = crate::content::load_clean(&o.root)
        .map_err(|d| messages::new_site_has_errors(lang, d.in_language(lang)))?;
    let (source, chosen_why) = source_report(&site, o, lang)?;
    let target = o
        .root
        .join(crate::content::CONTENT_DIR)
        .join(year.to_string())
        .join(&slug);
    if target.exists() {
        return Err(messages::new_exists(lang, target.display()));
    }
    if let Some(d) = &o.date {
        PartialDate::parse(d).ok_or_else(|| messages::new_bad_date(lang, d, year))?;
    }
    let date = o.date.clone().unwrap_or_else(|| year.to_string());
    let kind = o
        .kind
        .clone()
        .unwrap_or_else(|| source.front.kind.get_ref().clone());
    let title = match &o.title {
        Some(t) => t.clone(),
        None => {
            let bumped = bump_year(&source.front.title, source.year, year);
            if bumped == source.front.title {
                return Err(messages::new_title_needed(
                    lang,
                    source.year,
                    &source.slug,
                    &source.front.title,
                ));
            }
            bumped
        }
    };
    let files = files(source, (&title, &kind, &date), lang);
    let check = || site_loads(&o.root, lang, |e| messages::new_taken_back(lang, e));
    write_report(&target, &files, false, None, &check, lang)?;
    let folder = format!("content/{year}/{slug}");
    let mut out = vec![messages::new_started(
        lang,
        &folder,
        source.year,
        &source.slug,
        chosen_why,
        &title,
        &source.front.committee,
        &kind,
        &date,
    )];
    for f in &files {
        out.push(format!("  {folder}/{}", f.name));
    }
    out.push(messages::new_next_steps(lang));
    Ok(out.join("\n") + "\n")
}

/// `--from`, or the latest report of the committee (`--committee`, or the only one).
fn source_report<'a>(
    site: &'a Loaded,
    o: &NewOptions,
    lang: Lang,
) -> Result<(&'a ReportSource, String), String> {
    if let Some(from) = &o.from {
        let (y, s) = folder_of(from, lang)?;
        return site
            .reports
            .iter()
            .find(|r| r.year == y && r.slug == s)
            .map(|r| (r, "--from".to_string()))
            .ok_or_else(|| messages::new_no_such_report(lang, y, &s, listing(site)));
    }
    let committees: Vec<&str> = {
        let mut c: Vec<&str> = site
            .reports
            .iter()
            .map(|r| r.front.committee.as_str())
            .collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let committee = match (&o.committee, committees.as_slice()) {
        (Some(c), _) if committees.contains(&c.as_str()) => c.as_str(),
        (Some(c), _) => {
            return Err(messages::new_no_such_committee(
                lang,
                c,
                committees.join(", "),
            ))
        }
        (None, [one]) => one,
        (None, []) => return Err(messages::new_nothing_to_start_from(lang)),
        (None, _) => {
            return Err(messages::new_several_committees(
                lang,
                committees.join(", "),
            ))
        }
    };
    site.reports
        .iter()
        .filter(|r| r.front.committee == committee)
        .max_by_key(|r| (!r.front.draft, sort_date(r)))
        .map(|r| (r, messages::new_latest_report(lang)))
        .ok_or_else(|| messages::new_nothing_to_start_from(lang))
}

fn sort_date(r: &ReportSource) -> (u16, u8, u8) {
    let v = &r.front.date.get_ref();
    let s = v
        .as_str()
        .map(str::to_string)
        .or_else(|| v.as_integer().map(|i| i.to_string()));
    match s.as_deref().and_then(PartialDate::parse) {
        Some(d) => (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0)),
        None => (r.year, 0, 0),
    }
}

fn listing(site: &Loaded) -> String {
    let all: Vec<String> = site
        .reports
        .iter()
        .map(|r| format!("{}/{}", r.year, r.slug))
        .collect();
    all.join(", ")
}

/// The title with the source's year (and the year after it, as in "2024/2025") moved on.
fn bump_year(title: &str, from: u16, to: u16) -> String {
    if from == to {
        return title.to_string();
    }
    let shift = i32::from(to) - i32::from(from);
    let mut out = String::new();
    let mut digits = String::new();
    for c in title.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            match digits.parse::<i32>() {
                Ok(y)
                    if digits.len() == 4
                        && (y == i32::from(from)
                            || y == i32::from(from) + 1
                            || y == i32::from(from) - 1) =>
                {
                    out.push_str(&(y + shift).to_string())
                }
                _ => out.push_str(&digits),
            }
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

fn files(
    source: &ReportSource,
    (title, kind, date): (&str, &str, &str),
    lang: Lang,
) -> Vec<FileOut> {
    let head = front(
        &[
            ("title", Some(title.to_string())),
            ("kind", Some(kind.to_string())),
            ("date", Some(date.to_string())),
            ("committee", Some(source.front.committee.clone())),
            ("organisation", source.front.organisation.clone()),
        ],
        true,
    );
    // Notes of what to write, as Markdown comments (a link reference definition that is never
    // used renders nothing): HTML comments would show as text, since raw HTML is escaped.
    // "TODO" makes `check` point at what is left.
    let marker = crate::markdown::AREAS_MARKER;
    let mut out = vec![FileOut {
        name: "_index.md".into(),
        bytes: format!(
            "{head}{}\n\n{marker}\n\n{}\n",
            messages::new_index_note(lang),
            messages::new_after_note(lang)
        )
        .into_bytes(),
    }];
    for e in &source.entries {
        let name = e
            .file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{}.md", e.front.area.get_ref()));
        let head = front(
            &[
                ("area", Some(e.front.area.get_ref().clone())),
                ("title", Some(e.front.title.clone())),
                (
                    "direction",
                    e.front.direction.as_ref().map(|d| d.trim().to_string()),
                ),
            ],
            false,
        );
        out.push(FileOut {
            name,
            bytes: format!("{head}{}\n", messages::new_entry_note(lang)).into_bytes(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::bump_year;

    #[test]
    fn years_in_the_title_move_on() {
        assert_eq!(
            bump_year(
                "Uppföljning av nämndens inriktning i budget 2026 per april",
                2026,
                2027
            ),
            "Uppföljning av nämndens inriktning i budget 2027 per april"
        );
        assert_eq!(
            bump_year("Kvalitetsplan 2020/2021, 12345", 2020, 2021),
            "Kvalitetsplan 2021/2022, 12345"
        );
        assert_eq!(bump_year("Samma år 2026", 2026, 2026), "Samma år 2026");
    }
}
