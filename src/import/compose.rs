//! The content files of an imported report: `_index.md` (metadata, the report's own text, the
//! `<!-- areas -->` marker, the text after the areas) and one `NN-<id>.md` per area, plus the
//! areas.toml additions; and the printout of what was decided and why.

use super::mapping::{self, Choice, Decision, Wanted};
use super::markdown;
use super::meta;
use super::structure::{self, Draft};
use super::text::TextDoc;
use super::write::{front, FileOut};
use crate::content::Loaded;

pub struct Composed {
    pub files: Vec<FileOut>,
    pub areas_toml: Option<String>,
    lines: Vec<String>,
    new_areas: usize,
}

/// "content/2026/april" or "2026/april" → (2026, "april"), checked.
pub fn folder_of(into: &str) -> Result<(u16, String), String> {
    let trimmed = into.trim().trim_start_matches("./").trim_end_matches('/');
    let rel = trimmed.strip_prefix("content/").unwrap_or(trimmed);
    let parts: Vec<&str> = rel.split('/').collect();
    let bad = || {
        format!("”{into}” är ingen rapportmapp: skriv content/<år>/<mapp>, till exempel content/2026/april")
    };
    let [year, slug] = parts.as_slice() else {
        return Err(bad());
    };
    let year: u16 = match year.parse() {
        Ok(y) if year.len() == 4 => y,
        _ => return Err(bad()),
    };
    if slug.is_empty() || crate::slug::slugify(slug) != *slug {
        return Err(format!(
            "mappnamnet ”{slug}” blir rapportens adress och får bara ha små bokstäver a–z, siffror och bindestreck; till exempel ”{}”",
            crate::slug::slugify(slug)
        ));
    }
    Ok((year, slug.to_string()))
}

pub fn compose(read: &TextDoc, site: &Loaded, year: u16, slug: &str, source: &str) -> Composed {
    let known: Vec<String> = site.areas.iter().map(|a| a.name.clone()).collect();
    let draft = structure::find(&read.doc, &read.narrow, &known);
    let all_text = structure::plain(&read.doc.blocks);
    let meta = meta::find(&all_text, &structure::plain(&draft.intro));
    let wanted: Vec<Wanted> = draft
        .areas
        .iter()
        .map(|a| Wanted {
            title: &a.title,
            direction: a.direction.as_deref().map(str::trim),
        })
        .collect();
    let decisions = mapping::map(&wanted, meta.committee.as_deref(), site);
    let mut lines = Vec::new();
    let index = index_file(read, &draft, &meta, year, slug, source, &mut lines);
    let mut files = vec![index];
    lines.push(format!("Områden ({}):", draft.areas.len()));
    for (k, (area, decision)) in draft.areas.iter().zip(&decisions).enumerate() {
        files.push(entry_file(read, k, area, decision));
        lines.push(format!("  {}. {}", k + 1, area.title));
        lines.push(format!("     → {}: {}", decision.id(), decision.why));
        lines.push(match &area.direction {
            Some(_) => format!("     inriktning: {}", area.direction_why),
            None => {
                "     inriktning: ingen hittades (lägg till direction i filen om området har en)"
                    .into()
            }
        });
    }
    if draft.areas.is_empty() {
        lines.push("  inga områden hittades: hela texten står i _index.md".into());
    }
    for w in &read.warnings {
        lines.push(format!("Obs: {w}"));
    }
    let new: Vec<&Decision> = decisions
        .iter()
        .filter(|d| matches!(d.choice, Choice::New { .. }))
        .collect();
    let areas_toml = (!new.is_empty()).then(|| append_areas(site, &new, source, year, slug));
    Composed {
        files,
        areas_toml,
        lines,
        new_areas: new.len(),
    }
}

fn index_file(
    read: &TextDoc,
    draft: &Draft,
    meta: &meta::Meta,
    year: u16,
    slug: &str,
    source: &str,
    lines: &mut Vec<String>,
) -> FileOut {
    let kind = guess_kind(&format!("{} {slug}", draft.title.as_deref().unwrap_or("")));
    let date = meta.date.clone().unwrap_or_else(|| match kind {
        "april" => format!("{year}-04"),
        _ => year.to_string(),
    });
    let title = draft.title.clone().unwrap_or_else(|| {
        lines.push("Titel: hittades inte i dokumentet – skriv rapportens titel i _index.md".into());
        let stem = source.rsplit_once('.').map_or(source, |(s, _)| s);
        format!("Importerad rapport: {}", stem.replace(['_', '-'], " "))
    });
    let committee = meta.committee.clone().unwrap_or_else(|| {
        lines.push(
            "Nämnd: hittades inte i texten – skriv nämndens namn (committee) i _index.md".into(),
        );
        "Okänd nämnd".into()
    });
    lines.insert(
        0,
        format!(
            "Rapport: ”{title}” – {committee}, datum {date}, typ {kind}{}",
            meta.decision
                .as_deref()
                .map(|d| format!(", beslut {d}"))
                .unwrap_or_default()
        ),
    );
    let head = front(
        &[
            ("title", Some(title)),
            ("kind", Some(kind.to_string())),
            ("date", Some(date)),
            ("committee", Some(committee)),
            ("decision", meta.decision.clone()),
            ("diary_number", meta.diary_number.clone()),
            ("source", Some(source.to_string()).filter(|s| !s.is_empty())),
            ("next_follow_up", meta.next_follow_up.clone()),
        ],
        true,
    );
    let mut images = Vec::new();
    let intro = markdown::blocks(&read.doc, &draft.intro, 2, &mut images);
    let outro = markdown::blocks(&read.doc, &draft.outro, 2, &mut images);
    let mut body = intro;
    if !draft.areas.is_empty() {
        body = format!("{body}\n\n{}\n\n{outro}", crate::markdown::AREAS_MARKER);
    } else if !outro.is_empty() {
        body = format!("{body}\n\n{outro}");
    }
    let notes = markdown::footnotes(&read.doc, &body);
    FileOut {
        name: "_index.md".into(),
        text: finish(head, &body, &notes),
    }
}

fn entry_file(
    read: &TextDoc,
    k: usize,
    area: &structure::AreaDraft,
    decision: &Decision,
) -> FileOut {
    let mut images = Vec::new();
    let body = markdown::blocks(&read.doc, &area.body, 2, &mut images);
    let direction = area.direction.clone().map(|d| d.trim().to_string());
    let notes = markdown::footnotes(
        &read.doc,
        &format!("{body}\n{}", direction.as_deref().unwrap_or("")),
    );
    let head = front(
        &[
            ("area", Some(decision.id().to_string())),
            ("title", Some(area.title.clone())),
            ("direction", direction),
        ],
        false,
    );
    let mut name = decision.id().to_string();
    if name.len() > 40 {
        name.truncate(name[..40].rfind('-').unwrap_or(40));
    }
    FileOut {
        name: format!("{:02}-{name}.md", k + 1),
        text: finish(head, &body, &notes),
    }
}

fn finish(head: String, body: &str, notes: &str) -> String {
    let mut out = head;
    out.push_str(body.trim());
    if !notes.is_empty() {
        out.push_str("\n\n");
        out.push_str(notes);
    }
    out.push('\n');
    out
}

/// The report kind from words of the title and the folder name.
fn guess_kind(text: &str) -> &'static str {
    let t = crate::slug::slugify(text);
    let words: Vec<&str> = t.split('-').collect();
    const KINDS: &[(&str, &str)] = &[
        ("delarsbokslut", "delarsbokslut"),
        ("delarsrapport", "delarsbokslut"),
        ("arsbokslut", "arsbokslut"),
        ("arsredovisning", "arsbokslut"),
        ("april", "april"),
        ("tjansteskrivelse", "tjansteskrivelse"),
        ("kvalitetsplan", "kvalitetsplan"),
        ("verksamhetsplan", "verksamhetsplan"),
    ];
    KINDS
        .iter()
        .find(|(w, _)| words.contains(w))
        .map_or("uppfoljning", |(_, k)| k)
}

/// areas.toml with the new areas appended, each with a comment that it came from the import and
/// that its lineage needs review.
fn append_areas(site: &Loaded, new: &[&Decision], source: &str, year: u16, slug: &str) -> String {
    let mut out = site.areas_source.clone();
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    for d in new {
        if let Choice::New { id, name } = &d.choice {
            out.push_str(&format!(
                "\n# Tillagt av uppsikt import från {source} ({year}/{slug}). Granska: fortsätter området\n\
                 # ett tidigare område (nytt namn, sammanslagning, delning)? Skriv då continues = [\"id\"].\n\
                 [[area]]\nid = \"{id}\"\nname = {}\n",
                toml::Value::String(name.clone())
            ));
        }
    }
    out
}

impl Composed {
    pub fn summary(&self, file: &str, folder: &str) -> String {
        let mut out = format!("Läste {file}.\n");
        for l in &self.lines {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&format!(
            "Skrev utkastet {folder}/ ({} filer, draft = true):\n",
            self.files.len()
        ));
        for f in &self.files {
            out.push_str(&format!("  {folder}/{}\n", f.name));
        }
        if self.new_areas > 0 {
            out.push_str(&format!(
                "Lade till {} nya områden sist i content/areas.toml: granska namn och continues.\n",
                self.new_areas
            ));
        }
        out.push_str(
            "Nästa steg:\n  1. uppsikt serve --drafts   (granska utkastet i webbläsaren)\n  \
             2. rätta det som behövs i filerna, sedan uppsikt check\n  \
             3. ta bort raden draft = true i _index.md när rapporten ska publiceras, och kör uppsikt build\n",
        );
        out
    }
}
