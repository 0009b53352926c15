//! Which area of areas.toml each imported area is, among the areas the same committee has used
//! (another committee's area of a similar name is not the same area): the exact name, the same
//! direction as an earlier entry, a heading that contains an area's name, a close name; else a
//! new area. Each decision carries its reason in plain words, in the site's language.

use std::collections::{HashMap, HashSet};

use super::lines::name_key;
use super::structure::{contains_phrase, overlap};
use crate::content::Loaded;
use crate::messages::{self, Lang};

#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    Existing(String),
    New { id: String, name: String },
}

#[derive(Debug, Clone)]
pub struct Decision {
    pub choice: Choice,
    pub why: String,
}

impl Decision {
    pub fn id(&self) -> &str {
        match &self.choice {
            Choice::Existing(id) | Choice::New { id, .. } => id,
        }
    }
}

/// An area to map: its heading as written and its direction, if any.
pub struct Wanted<'a> {
    pub title: &'a str,
    pub direction: Option<&'a str>,
}

struct Candidate<'a> {
    id: &'a str,
    name: &'a str,
    key: String,
}

pub fn map(wanted: &[Wanted], committee: Option<&str>, site: &Loaded, lang: Lang) -> Vec<Decision> {
    let usable = usable_areas(committee, site);
    let candidates: Vec<Candidate> = site
        .areas
        .iter()
        .filter(|a| usable.contains(a.id.get_ref().as_str()))
        .map(|a| Candidate {
            id: a.id.get_ref(),
            name: &a.name,
            key: name_key(&a.name),
        })
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut ids: HashSet<String> = site.areas.iter().map(|a| a.id.get_ref().clone()).collect();
    let mut out = Vec::new();
    for w in wanted {
        let free: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| !taken.contains(c.id))
            .collect();
        let decision = existing(w, &free, (committee, site), lang).unwrap_or_else(|| {
            let id = new_id(w.title, &ids);
            ids.insert(id.clone());
            let why = match other_committee(w.title, committee, site, &usable) {
                Some(other) => messages::map_new_other_committee(lang, other),
                None => messages::map_new(lang),
            };
            Decision {
                choice: Choice::New {
                    id,
                    name: w.title.to_string(),
                },
                why,
            }
        });
        taken.insert(decision.id().to_string());
        out.push(decision);
    }
    out
}

fn existing(
    w: &Wanted,
    free: &[&Candidate],
    (committee, site): (Option<&str>, &Loaded),
    lang: Lang,
) -> Option<Decision> {
    let key = name_key(w.title);
    let found = |c: &Candidate, why: String| Decision {
        choice: Choice::Existing(c.id.to_string()),
        why: format!("{why}{}", lineage_note(c.id, site, lang)),
    };
    if let Some(c) = free.iter().find(|c| c.key == key) {
        return Some(found(c, messages::map_same_name(lang, c.name)));
    }
    if let Some(dir) = w.direction {
        for r in site
            .reports
            .iter()
            .filter(|r| Some(r.front.committee.as_str()) == committee)
        {
            for e in &r.entries {
                let same = e
                    .front
                    .direction
                    .as_deref()
                    .is_some_and(|d| overlap(dir, d) >= 0.8 && overlap(d, dir) >= 0.8);
                if let Some(c) = free.iter().find(|c| same && c.id == e.front.area.get_ref()) {
                    return Some(found(
                        c,
                        messages::map_same_direction(lang, c.name, r.year, &r.slug),
                    ));
                }
            }
        }
    }
    let contained = free
        .iter()
        .filter(|c| contains_phrase(&key, &c.key) || c.key.starts_with(&format!("{key}:")))
        .max_by_key(|c| c.key.len());
    if let Some(c) = contained {
        return Some(found(c, messages::map_heading_contains(lang, c.name)));
    }
    let scored = free
        .iter()
        .map(|c| {
            let s = strsim::normalized_levenshtein(&key, &c.key)
                .max(strsim::jaro_winkler(&key, &c.key) - 0.1);
            (c, s)
        })
        .filter(|(_, s)| *s >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    scored.map(|(c, s)| found(c, messages::map_similar(lang, c.name, (s * 100.0).round())))
}

/// The areas this committee may use: its own, those connected to its own by lineage, and those
/// no other committee has used. Without a known committee, all.
fn usable_areas<'a>(committee: Option<&str>, site: &'a Loaded) -> HashSet<&'a str> {
    let mut used_by: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in &site.reports {
        for e in &r.entries {
            used_by
                .entry(e.front.area.get_ref())
                .or_default()
                .insert(&r.front.committee);
        }
    }
    let all: HashSet<&str> = site.areas.iter().map(|a| a.id.get_ref().as_str()).collect();
    let Some(committee) = committee else {
        return all;
    };
    let mut mine: HashSet<&str> = used_by
        .iter()
        .filter(|(_, c)| c.contains(committee))
        .map(|(id, _)| *id)
        .collect();
    // Lineage both ways, transitively.
    loop {
        let before = mine.len();
        for a in &site.areas {
            let linked = a
                .continues
                .iter()
                .any(|c| mine.contains(c.get_ref().as_str()));
            if linked || mine.contains(a.id.get_ref().as_str()) {
                mine.insert(a.id.get_ref());
                mine.extend(a.continues.iter().map(|c| c.get_ref().as_str()));
            }
        }
        if mine.len() == before {
            break;
        }
    }
    all.into_iter()
        .filter(|id| mine.contains(id) || used_by.get(id).is_none_or(|c| c.is_empty()))
        .collect()
}

/// Another committee's area whose name is the same or close: said when a new area is made.
fn other_committee<'a>(
    title: &str,
    committee: Option<&str>,
    site: &'a Loaded,
    usable: &HashSet<&str>,
) -> Option<&'a str> {
    committee?;
    let key = name_key(title);
    site.areas
        .iter()
        .filter(|a| !usable.contains(a.id.get_ref().as_str()))
        .find(|a| strsim::normalized_levenshtein(&key, &name_key(&a.name)) >= 0.8)
        .map(|a| a.name.as_str())
}

/// "(i areas.toml fortsätts det av …)" when later areas continue the one chosen.
fn lineage_note(id: &str, site: &Loaded, lang: Lang) -> String {
    let later: Vec<&str> = site
        .areas
        .iter()
        .filter(|a| a.continues.iter().any(|c| c.get_ref() == id))
        .map(|a| a.name.as_str())
        .collect();
    if later.is_empty() {
        String::new()
    } else {
        messages::map_continued_by(lang, later.join(&messages::map_names_separator(lang)))
    }
}

/// An id from the heading, unique among `ids`; at most about 60 characters, cut at a word.
pub fn new_id(title: &str, ids: &HashSet<String>) -> String {
    let mut base = crate::slug::slugify(super::lines::strip_number(title));
    if base.is_empty() {
        base = "omrade".into();
    }
    if base.len() > 60 {
        let cut = base[..60].rfind('-').unwrap_or(60);
        base.truncate(cut);
    }
    let mut id = base.clone();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
