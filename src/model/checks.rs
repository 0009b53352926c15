//! What the model checks before it links anything: the register of areas (ids that can be URLs,
//! each once), its lineage (known ids, no area continuing itself, no cycle), each report (its
//! kind, its date) and entry (a known area, once per report), and the entries' statuses.
//! Every check adds its errors to the others, so that one round shows every problem.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::date::{check_date, PartialDate};
use crate::content::{
    AreaSource, EntrySource, Loaded, ReportSource, SourceFile, AREAS_FILE, CONTENT_DIR,
};
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};
use crate::messages::{self, Lang};
use crate::toml_errors::value_offset;

/// The register of areas as entries and lineage are checked against it.
pub struct Register<'a> {
    areas: &'a [AreaSource],
    /// The text of areas.toml, for errors that point into it.
    source: &'a str,
    /// Whether areas.toml could be read: when it was not, no id can be said to be unknown.
    read: bool,
    /// Each id's place in `areas`.
    index: HashMap<&'a str, usize>,
}

impl<'a> Register<'a> {
    pub fn knows(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    fn ids(&self) -> impl Iterator<Item = &'a str> {
        self.areas.iter().map(|a| a.id.get_ref().as_str())
    }

    /// An error at `span` of areas.toml.
    fn error(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(Path::new(CONTENT_DIR).join(AREAS_FILE))
            .at_offset(self.source, span.start)
    }

    /// The error for the area `a`, whose name is blank: at its `name` (the first after its
    /// id), else at its id. A blank name is an area page and links with nothing to read.
    fn name_empty(&self, a: &AreaSource, lang: Lang) -> Diagnostic {
        let from = a.id.span().end.min(self.source.len());
        let table = &self.source[from..];
        let table = &table[..table.find("[[").unwrap_or(table.len())];
        let at = value_offset(table, "name").map_or(a.id.span().start, |o| from + o);
        self.error(at..at, messages::text_empty(lang, "name"))
            .with_hint(messages::area_name_empty_hint(lang))
    }
}

/// The register of `loaded`, its ids checked: each one a slug (an empty id would make the
/// area's page /omraden/ itself) and each once.
pub fn register<'a>(loaded: &'a Loaded, lang: Lang, errors: &mut Diagnostics) -> Register<'a> {
    let mut register = Register {
        areas: &loaded.areas,
        source: &loaded.areas_source,
        read: loaded.areas_read,
        index: HashMap::new(),
    };
    for (i, a) in loaded.areas.iter().enumerate() {
        let id = a.id.get_ref();
        if let Some((message, hint)) = id_not_slug(a, lang) {
            errors.push(register.error(a.id.span(), message).with_hint(hint));
        }
        if a.name.trim().is_empty() {
            errors.push(register.name_empty(a, lang));
        }
        if register.index.insert(id, i).is_some() {
            errors.push(
                register
                    .error(a.id.span(), messages::area_id_twice(lang, id))
                    .with_hint(messages::area_id_twice_hint(lang)),
            );
        }
    }
    register
}

/// The message and hint for an area id that is not its own slug, if it is not.
fn id_not_slug(a: &AreaSource, lang: Lang) -> Option<(String, String)> {
    let id = a.id.get_ref();
    let slug = crate::slug::slugify(id);
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
        Some((message, messages::area_id_empty_hint(lang, suggestion)))
    } else if slug != *id {
        let message = messages::area_id_not_slug(lang, id);
        Some((message, messages::area_id_not_slug_hint(lang, slug)))
    } else {
        None
    }
}

/// Every id an area continues is in the register, once, and not the area itself; the
/// lineage has no cycle.
pub fn lineage(register: &Register, lang: Lang, errors: &mut Diagnostics) {
    for a in register.areas {
        let id = a.id.get_ref();
        for (i, c) in a.continues.iter().enumerate() {
            let from = c.get_ref();
            // One id twice would count as two areas: a rename shown as a merge of the area
            // with itself ("Frånvaro och Frånvaro slogs samman").
            let twice = a.continues[..i].iter().any(|e| e.get_ref() == from);
            if twice {
                errors.push(
                    register
                        .error(c.span(), messages::continues_twice(lang, id, from))
                        .with_hint(messages::continues_twice_hint(lang, from)),
                );
            } else if !register.knows(from) {
                let mut d = register.error(c.span(), messages::continues_unknown(lang, id, from));
                d.hint = did_you_mean(lang, from, register.ids())
                    .or(Some(messages::continues_unknown_hint(lang)));
                errors.push(d);
            } else if from == id {
                errors.push(
                    register
                        .error(c.span(), messages::continues_itself(lang, id))
                        .with_hint(messages::continues_itself_hint(lang)),
                );
            }
        }
    }
    if let Some(cycle) = find_cycle(register.areas) {
        let first = &register.areas[register.index[cycle[0].as_str()]];
        errors.push(
            register
                .error(
                    first.id.span(),
                    messages::lineage_cycle(lang, cycle.join(" → ")),
                )
                .with_hint(messages::lineage_cycle_hint(lang)),
        );
    }
}

/// The first cycle in the `continues` graph, as ids in order, if any.
fn find_cycle(areas: &[AreaSource]) -> Option<Vec<String>> {
    let edges: HashMap<&str, Vec<&str>> = areas
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
    for a in areas {
        if let Some(c) = visit(a.id.get_ref(), &edges, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// A report's `kind` is a slug: it names the kind in URLs and filters.
pub fn report_kind(r: &ReportSource, lang: Lang, errors: &mut Diagnostics) {
    let kind = r.front.kind.get_ref();
    let kind_slug = crate::slug::slugify(kind);
    let (message, hint) = if kind_slug.is_empty() {
        (messages::kind_empty(lang), messages::kind_empty_hint(lang))
    } else if kind_slug != *kind {
        let hint = messages::kind_not_slug_hint(lang, kind_slug);
        (messages::kind_not_slug(lang, kind), hint)
    } else {
        return;
    };
    errors.push(
        r.file
            .error_at(r.front.kind.span(), message)
            .with_hint(hint),
    );
}

/// A report's `committee` as one committee's name, whatever spaces were pasted around or
/// inside it (" Testnämnden " was a second committee, a page that looked the same, and no
/// previous year across the two); empty, it is an error at its line.
pub fn report_committee(r: &mut ReportSource, lang: Lang, errors: &mut Diagnostics) {
    r.front.committee = crate::markdown::collapse_space(&r.front.committee);
    if !r.front.committee.is_empty() {
        return;
    }
    let front = &r.file.head[r.file.front_offset..];
    let at = value_offset(front, "committee").unwrap_or(0);
    errors.push(
        r.file
            .error_at(at..at, messages::committee_empty(lang))
            .with_hint(messages::committee_empty_hint(lang)),
    );
}

/// A report's or an entry's `title` is not blank: it is the page's title and the text of
/// every link to it. The error is at the value in the front matter of `file`.
pub fn title(file: &SourceFile, title: &str, lang: Lang, errors: &mut Diagnostics) {
    if !title.trim().is_empty() {
        return;
    }
    let at = value_offset(&file.head[file.front_offset..], "title").unwrap_or(0);
    errors.push(
        file.error_at(at..at, messages::text_empty(lang, "title"))
            .with_hint(messages::title_empty_hint(lang)),
    );
}

/// The report's date, checked: a real date, in the report's year folder (or in the first half
/// of the next year, when a year's annual report is decided). Errors go to `errors`.
pub fn report_date(r: &ReportSource, lang: Lang, errors: &mut Diagnostics) -> PartialDate {
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

/// An entry's area is in the register (when it could be read) and not already followed up in
/// the same report; `seen` holds the report's areas so far and the file of each.
pub fn entry_area(
    e: &EntrySource,
    register: &Register,
    seen: &mut HashMap<String, String>,
    lang: Lang,
    errors: &mut Diagnostics,
) {
    let area = e.front.area.get_ref();
    let span = e.front.area.span();
    if !register.knows(area) {
        // Unknown only if the register could be read: its own error says what is wrong.
        if register.read {
            let mut d = e.file.error_at(span, messages::unknown_area(lang, area));
            d.hint = did_you_mean(lang, area, register.ids())
                .or(Some(messages::unknown_area_hint(lang)));
            errors.push(d);
        }
    } else if let Some(first) = seen.insert(area.clone(), e.file.path.display().to_string()) {
        errors.push(
            e.file
                .error_at(span, messages::area_twice_in_report(lang, area))
                .with_hint(messages::area_twice_in_report_hint(lang, first)),
        );
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
