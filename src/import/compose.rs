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
use crate::messages::{self, Lang};

pub struct Composed {
    pub files: Vec<FileOut>,
    pub areas_toml: Option<String>,
    lines: Vec<String>,
    new_areas: usize,
}

/// "content/2026/april" or "2026/april" → (2026, "april"), checked; the error in `lang`.
pub fn folder_of(into: &str, lang: Lang) -> Result<(u16, String), String> {
    let trimmed = into.trim().trim_start_matches("./").trim_end_matches('/');
    let rel = trimmed.strip_prefix("content/").unwrap_or(trimmed);
    let parts: Vec<&str> = rel.split('/').collect();
    let bad = || messages::import_not_a_report_folder(lang, into);
    let [year, slug] = parts.as_slice() else {
        return Err(bad());
    };
    // The folder is written as the number's digits: "0999" or "+202" would land in another
    // folder than the one asked for, one the site does not read as a year.
    let year: u16 = match year.parse() {
        Ok(y) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && y >= 1000 => y,
        _ => return Err(bad()),
    };
    if slug.is_empty() || crate::slug::slugify(slug) != *slug {
        let fixed = crate::slug::slugify(slug);
        return Err(messages::import_folder_not_slug(lang, slug, fixed));
    }
    Ok((year, slug.to_string()))
}

pub fn compose(
    read: &TextDoc,
    site: &Loaded,
    (year, slug): (u16, &str),
    source: &str,
    lang: Lang,
) -> Composed {
    let known: Vec<String> = site.areas.iter().map(|a| a.name.clone()).collect();
    let draft = structure::find(&read.doc, &read.narrow, &known);
    let all_text = structure::plain(&read.doc.blocks);
    let meta = meta::find(&all_text, &structure::plain(&draft.intro), year);
    let wanted: Vec<Wanted> = draft
        .areas
        .iter()
        .map(|a| Wanted {
            title: &a.title,
            direction: a.direction.as_deref().map(str::trim),
        })
        .collect();
    let decisions = mapping::map(&wanted, meta.committee.as_deref(), site, lang);
    let mut lines = Vec::new();
    let images = image_names(read, &mut lines, lang);
    let index = index_file(
        read,
        &draft,
        &meta,
        Place { year, slug, source },
        &images,
        (&mut lines, lang),
    );
    let mut files = vec![index];
    lines.push(messages::import_areas_heading(lang, draft.areas.len()));
    for (k, (area, decision)) in draft.areas.iter().zip(&decisions).enumerate() {
        files.push(entry_file(read, (&images, lang), k, area, decision));
        lines.push(format!("  {}. {}", k + 1, area.title));
        lines.push(format!("     → {}: {}", decision.id(), decision.why));
        lines.push(match (&area.direction, area.direction_why) {
            (Some(_), Some(why)) => messages::import_direction_found(lang, why.text(lang)),
            _ => messages::import_no_direction(lang),
        });
    }
    // The images beside the files that show them (in the report folder).
    for (img, name) in read.doc.images.iter().zip(&images) {
        if let Some(name) = name {
            files.push(FileOut {
                name: name.clone(),
                bytes: img.bytes.clone(),
            });
        }
    }
    if draft.areas.is_empty() {
        lines.push(messages::import_no_areas(lang));
    }
    for (refs, heading) in &draft.moved_notes {
        let labels: Vec<&str> = refs
            .split("[^")
            .filter_map(|r| r.strip_suffix(']'))
            .collect();
        let why = messages::import_footnote_from_heading(lang, labels.join(", "), heading);
        lines.push(messages::import_note(lang, why));
    }
    for w in &read.warnings {
        lines.push(messages::import_note(lang, w.text(lang)));
    }
    identity_numbers(&files, (year, slug), &mut lines, lang);
    if let Some(r) = same_text(&all_text, site) {
        let same = messages::import_same_text(lang, r.year, &r.slug);
        lines.push(messages::import_note(lang, same));
    }
    let new: Vec<&Decision> = decisions
        .iter()
        .filter(|d| matches!(d.choice, Choice::New { .. }))
        .collect();
    let areas_toml =
        (!new.is_empty()).then(|| append_areas(site, &new, source, (year, slug), lang));
    Composed {
        files,
        areas_toml,
        lines,
        new_areas: new.len(),
    }
}

/// Where the report goes and what it came from.
struct Place<'a> {
    year: u16,
    slug: &'a str,
    source: &'a str,
}

fn index_file(
    read: &TextDoc,
    draft: &Draft,
    meta: &meta::Meta,
    place: Place,
    images: &[Option<String>],
    (lines, lang): (&mut Vec<String>, Lang),
) -> FileOut {
    let Place { year, slug, source } = place;
    let kind = guess_kind(
        &format!("{} {slug}", draft.title.as_deref().unwrap_or("")),
        &structure::plain(&read.doc.blocks),
    );
    let date = meta.date.clone().unwrap_or_else(|| match kind {
        "april" => format!("{year}-04"),
        _ => year.to_string(),
    });
    let title = draft.title.clone().unwrap_or_else(|| {
        lines.push(messages::import_no_title(lang));
        let stem = source.rsplit_once('.').map_or(source, |(s, _)| s);
        messages::import_placeholder_title(lang, stem.replace(['_', '-'], " "))
    });
    let committee = meta.committee.clone().unwrap_or_else(|| {
        lines.push(messages::import_no_committee(lang));
        messages::import_unknown_committee(lang)
    });
    lines.insert(
        0,
        messages::import_report_line(
            lang,
            &title,
            &committee,
            &date,
            kind,
            meta.decision
                .as_deref()
                .map(|d| messages::import_decision(lang, d))
                .unwrap_or_default(),
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
    let intro = markdown::blocks(&read.doc, &draft.intro, 2, (images, lang));
    let outro = markdown::blocks(&read.doc, &draft.outro, 2, (images, lang));
    let mut body = intro;
    if !draft.areas.is_empty() {
        body = format!("{body}\n\n{}\n\n{outro}", crate::markdown::AREAS_MARKER);
    } else if !outro.is_empty() {
        body = format!("{body}\n\n{outro}");
    }
    let notes = markdown::footnotes(&read.doc, &body);
    FileOut {
        name: "_index.md".into(),
        bytes: finish(head, &body, &notes).into_bytes(),
    }
}

fn entry_file(
    read: &TextDoc,
    (images, lang): (&[Option<String>], Lang),
    k: usize,
    area: &structure::AreaDraft,
    decision: &Decision,
) -> FileOut {
    let body = markdown::blocks(&read.doc, &area.body, 2, (images, lang));
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
        bytes: finish(head, &body, &notes).into_bytes(),
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

/// A note per written file that holds what has the shape of a personnummer: the draft must not
/// be published with them, and the printout is what the person importing reads. The numbers
/// themselves are not repeated there (a terminal's scrollback is kept).
fn identity_numbers(
    files: &[FileOut],
    (year, slug): (u16, &str),
    lines: &mut Vec<String>,
    lang: Lang,
) {
    for file in files.iter().filter(|f| f.name.ends_with(".md")) {
        let n = crate::lint::personnummer::find(&String::from_utf8_lossy(&file.bytes)).len();
        if n > 0 {
            let path = format!("content/{year}/{slug}/{}", file.name);
            let numbers = messages::counted(lang, n, ["nummer", "nummer"], ["number", "numbers"]);
            let why = messages::import_identity_numbers(lang, path, numbers);
            lines.push(messages::import_note(lang, why));
        }
    }
}

/// A report of the site whose text is (nearly) the document's: the same document imported again.
fn same_text<'a>(text: &str, site: &'a Loaded) -> Option<&'a crate::content::ReportSource> {
    site.reports.iter().find(|r| {
        let mut old = r.body.clone();
        for e in &r.entries {
            old.push_str("\n\n");
            old.push_str(e.front.direction.as_deref().unwrap_or(""));
            old.push_str("\n\n");
            old.push_str(&e.body);
        }
        structure::overlap(text, &markdown::unescape(&old)) >= 0.8
    })
}

/// A safe, unique file name for each image of the document (a name from the document could hold
/// a path); None for a format a browser does not show, which is left out with a warning.
fn image_names(read: &TextDoc, lines: &mut Vec<String>, lang: Lang) -> Vec<Option<String>> {
    const SHOWN: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif"];
    let mut taken = std::collections::HashSet::new();
    read.doc
        .images
        .iter()
        .enumerate()
        .map(|(i, img)| {
            let base = img.name.rsplit(['/', '\\']).next().unwrap_or("");
            let (stem, ext) = base.rsplit_once('.').unwrap_or((base, ""));
            let ext = ext.to_ascii_lowercase();
            if !SHOWN.contains(&ext.as_str()) {
                let why = messages::import_image_not_shown(lang, base, &ext);
                lines.push(messages::import_note(lang, why));
                return None;
            }
            let stem = crate::slug::slugify(stem);
            let stem = if stem.is_empty() {
                messages::import_image_stem(lang, i + 1)
            } else {
                stem
            };
            let mut name = format!("{stem}.{ext}");
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{stem}-{n}.{ext}");
                n += 1;
            }
            Some(name)
        })
        .collect()
}

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

/// The report kind: from words of the title and the folder name, else from the text when it
/// names exactly one kind (a follow-up's background often names all of them).
fn guess_kind(title_and_slug: &str, text: &str) -> &'static str {
    let kinds_in = |s: &str| -> Vec<&'static str> {
        let slug = crate::slug::slugify(s);
        let words: std::collections::HashSet<&str> = slug.split('-').collect();
        let mut found: Vec<&'static str> = KINDS
            .iter()
            .filter(|(w, _)| words.contains(w))
            .map(|(_, k)| *k)
            .collect();
        found.dedup();
        found
    };
    if let Some(k) = kinds_in(title_and_slug).first() {
        return k;
    }
    match kinds_in(text).as_slice() {
        [one] => one,
        _ => "uppfoljning",
    }
}

/// areas.toml with the new areas appended, each with a comment that it came from the import and
/// that its lineage needs review.
fn append_areas(
    site: &Loaded,
    new: &[&Decision],
    source: &str,
    (year, slug): (u16, &str),
    lang: Lang,
) -> String {
    // The file name goes into a comment: a line break in it would end the comment.
    let source: String = source.chars().filter(|c| !c.is_control()).collect();
    let mut out = site.areas_source.clone();
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    for d in new {
        if let Choice::New { id, name } = &d.choice {
            out.push_str(&format!(
                "\n{}\n[[area]]\nid = \"{id}\"\nname = {}\n",
                messages::import_area_comment(lang, &source, year, slug),
                toml::Value::String(name.clone())
            ));
        }
    }
    out
}

impl Composed {
    /// What the import says it did; `kept`: the files of the replaced folder it kept
    /// (`write::write_report`).
    pub fn summary(&self, file: &str, folder: &str, kept: &[String], lang: Lang) -> String {
        let mut out = vec![messages::import_read(lang, file)];
        out.extend(self.lines.iter().cloned());
        let files = messages::counted(lang, self.files.len(), ["fil", "filer"], ["file", "files"]);
        out.push(messages::import_wrote_draft(lang, folder, files));
        for f in &self.files {
            out.push(format!("  {folder}/{}", f.name));
        }
        if !kept.is_empty() {
            out.push(messages::import_kept(lang));
            out.extend(kept.iter().map(|k| format!("  {folder}/{k}")));
        }
        if self.new_areas > 0 {
            let areas = messages::counted(
                lang,
                self.new_areas,
                ["nytt område", "nya områden"],
                ["new area", "new areas"],
            );
            out.push(messages::import_added_areas(lang, areas));
        }
        out.push(messages::import_next_steps(lang));
        out.join("\n") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::super::doc::{Block, Document, Image};
    use super::*;

    #[test]
    fn the_kind_comes_from_the_title_or_folder_else_from_a_text_naming_one() {
        assert_eq!(
            guess_kind("Delårsbokslut 2025 x", "per april"),
            "delarsbokslut"
        );
        assert_eq!(guess_kind("x april", ""), "april");
        assert_eq!(
            guess_kind(
                "Huvudmannens verksamhetsuppföljning",
                "Godkännare tjänsteskrivelse, 2026"
            ),
            "tjansteskrivelse"
        );
        assert_eq!(
            guess_kind("Uppföljning", "per april, delårsbokslut samt i årsbokslut"),
            "uppfoljning"
        );
    }

    #[test]
    fn images_are_saved_under_safe_names_and_linked_with_their_alt_text() {
        let img = |name: &str, alt: Option<&str>| Image {
            name: name.into(),
            bytes: vec![1, 2, 3],
            alt: alt.map(str::to_string),
        };
        let read = TextDoc {
            doc: Document {
                blocks: vec![
                    Block::Heading {
                        level: 1,
                        text: "Bakgrund".into(),
                    },
                    Block::Image(0),
                    Block::Image(1),
                    Block::Image(2),
                    Block::Image(3),
                ],
                images: vec![
                    img("../../etc/Diagram 1.PNG", Some("Frånvaro per år")),
                    img("media/image2.png", None),
                    img("ritning.emf", None),
                    img("diagram-1.png", Some("Andra")),
                ],
                ..Document::default()
            },
            ..TextDoc::default()
        };
        let c = compose(&read, &Loaded::default(), (2026, "x"), "x.docx", Lang::Sv);
        let names: Vec<&str> = c.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "_index.md",
                "diagram-1.png",
                "image2.png",
                "diagram-1-2.png"
            ]
        );
        let index = String::from_utf8(c.files[0].bytes.clone()).unwrap();
        assert!(
            index.contains("![Frånvaro per år](diagram-1.png)"),
            "{index}"
        );
        assert!(
            index.contains("![TODO: beskriv bilden (alternativtext)](image2.png)"),
            "{index}"
        );
        assert!(!index.contains("ritning"), "{index}");
        assert!(
            c.lines.iter().any(|l| l.contains("ritning.emf")),
            "{:?}",
            c.lines
        );
    }
}
