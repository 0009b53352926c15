//! `uppsikt new`: the next follow-up started from the committee's latest report (or `--from`):
//! the committee and metadata carried over with the new title, kind and date, one entry per area
//! with its id, title and direction, bodies holding a note of what to write, as a draft.

use std::path::PathBuf;

use crate::content::{Loaded, ReportSource};
use crate::import::{folder_of, front, write_report, FileOut};
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

// Notes of what to write, as Markdown comments (a link reference definition that is never used
// renders nothing): HTML comments would show as text, since raw HTML is escaped. "TODO" makes
// `check` point at what is left.
const INDEX_NOTE: &str = "[//]: # \"TODO: skriv rapportens egen text här: bakgrund och nämndens inriktning som helhet.\"";
const AFTER_NOTE: &str =
    "[//]: # \"TODO: text efter områdena, till exempel en sammanfattning, skrivs här.\"";
const ENTRY_NOTE: &str = "[//]: # \"TODO: skriv här vad som har gjorts inom området och vad som planeras. Ändra inriktningen, direction ovan, om nämnden har gett en ny.\"";

pub fn run(o: &NewOptions) -> Result<String, String> {
    let (year, slug) = folder_of(&o.target)?;
    let site = crate::content::load_clean(&o.root)
        .map_err(|d| format!("webbplatsens innehåll har fel som måste rättas först:\n{d}"))?;
    let (source, chosen_why) = source_report(&site, o)?;
    let target = o
        .root
        .join(crate::content::CONTENT_DIR)
        .join(year.to_string())
        .join(&slug);
    if target.exists() {
        return Err(format!(
            "{} finns redan; välj ett annat mappnamn (ingen rapport skrivs över)",
            target.display()
        ));
    }
    if let Some(d) = &o.date {
        PartialDate::parse(d).ok_or_else(|| {
            format!(
                "datumet ”{d}” går inte att läsa: skriv ”{year}”, ”{year}-04” eller ”{year}-04-15”"
            )
        })?;
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
                return Err(format!(
                    "ange den nya rapportens titel med --title (annars får den samma titel som {}/{}: ”{}”)",
                    source.year, source.slug, source.front.title
                ));
            }
            bumped
        }
    };
    let files = files(source, &title, &kind, &date);
    let root = o.root.clone();
    let check = move || -> Result<(), String> {
        let loaded = crate::content::load_clean(&root).map_err(|d| d.to_string())?;
        crate::model::build(loaded, true, crate::config::language(&root))
            .map(|_| ())
            .map_err(|d| {
                format!("den nya rapporten gick inte att läsa in, så den togs bort igen:\n{d}")
            })
    };
    write_report(&target, &files, false, None, &check)?;
    let folder = format!("content/{year}/{slug}");
    let mut out = format!(
        "Började {folder} från {}/{} ({chosen_why}): ”{title}”, {}, {kind}, {date}, draft = true.\nSkrev:\n",
        source.year, source.slug, source.front.committee
    );
    for f in &files {
        out.push_str(&format!("  {folder}/{}\n", f.name));
    }
    out.push_str(
        "Nästa steg:\n  1. skriv texten i filerna (raderna [//]: # \"TODO: …\" säger vad som ska stå där; ta bort dem sedan)\n  \
         2. uppsikt serve --drafts   (granska utkastet i webbläsaren)\n  \
         3. ta bort raden draft = true i _index.md när rapporten ska publiceras, och kör uppsikt check och uppsikt build\n",
    );
    Ok(out)
}

/// `--from`, or the latest report of the committee (`--committee`, or the only one).
fn source_report<'a>(
    site: &'a Loaded,
    o: &NewOptions,
) -> Result<(&'a ReportSource, &'static str), String> {
    if let Some(from) = &o.from {
        let (y, s) = folder_of(from)?;
        return site
            .reports
            .iter()
            .find(|r| r.year == y && r.slug == s)
            .map(|r| (r, "--from"))
            .ok_or_else(|| format!("det finns ingen rapport content/{y}/{s}; {}", listing(site)));
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
        (Some(c), _) => return Err(format!("ingen rapport har nämnden ”{c}”; nämnderna är: {}", committees.join(", "))),
        (None, [one]) => one,
        (None, []) => return Err("det finns ingen rapport att börja från; importera en med uppsikt import".into()),
        (None, _) => {
            return Err(format!(
                "webbplatsen har flera nämnder ({}); välj med --committee \"…\" eller --from <år>/<mapp>",
                committees.join(", ")
            ))
        }
    };
    site.reports
        .iter()
        .filter(|r| r.front.committee == committee)
        .max_by_key(|r| (!r.front.draft, sort_date(r)))
        .map(|r| (r, "nämndens senaste rapport"))
        .ok_or_else(|| "ingen rapport hittades".into())
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
    format!("rapporterna är: {}", all.join(", "))
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

fn files(source: &ReportSource, title: &str, kind: &str, date: &str) -> Vec<FileOut> {
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
    let marker = crate::markdown::AREAS_MARKER;
    let mut out = vec![FileOut {
        name: "_index.md".into(),
        bytes: format!("{head}{INDEX_NOTE}\n\n{marker}\n\n{AFTER_NOTE}\n").into_bytes(),
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
            bytes: format!("{head}{ENTRY_NOTE}\n").into_bytes(),
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
