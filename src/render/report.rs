//! One report's own part of a build: its entries' text rendered, the values of its page and
//! its entries' pages with that text, its entries' summaries and its search documents. A
//! one-off build makes the parts report by report in the write and drops each once its pages
//! are out (`write::write_once`); serve makes them all and keeps them (`prepare`).

use minijinja::Value;

use super::fragments::{EntryPart, Fragments};
use super::theme::Text;
use super::values::{self, AreaNames, Values};
use super::ReportHtml;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::search::SearchDoc;

/// What every report's part is made with.
pub(super) struct Inputs<'a> {
    pub site: &'a Site,
    pub fragments: &'a Fragments,
    pub text: &'a Text<'a>,
    pub areas: &'a AreaNames<'a>,
    /// The values of the pages of many reports, without the entries' text.
    pub values: &'a Values,
}

/// One report's part.
pub(super) struct Part {
    /// The report's value and its entries' values, with the entries' text.
    pub report: Value,
    pub entries: Vec<Value>,
    /// Its entries' search documents, then its own.
    pub docs: Vec<SearchDoc>,
    /// Links and images to files that are not there: in the report's text, then in each
    /// entry's direction and text.
    pub broken: Diagnostics,
}

/// The part of the report `ri`: `html` is its text and its entries' directions, rendered
/// before; `bodies` its entries' text (Markdown).
pub(super) fn part(inputs: &Inputs, ri: usize, html: ReportHtml, bodies: &[&str]) -> Part {
    let Inputs {
        site,
        fragments,
        values,
        ..
    } = *inputs;
    let r = &site.reports[ri];
    let mut broken = Diagnostics::default();
    for b in &html.body.broken {
        broken.push(b.diagnostic(&r.file, (r.body_line, 0)));
    }
    let mut texts = Vec::with_capacity(r.entries.len());
    let mut docs = Vec::with_capacity(r.entries.len() + 1);
    let entries = r.entries.iter().zip(&html.directions).zip(bodies);
    for (ei, ((e, direction), body)) in entries.enumerate() {
        let body = fragments.entry(body, &e.area, EntryPart::Body, &r.url);
        for b in &direction.broken {
            broken.push(b.diagnostic(&e.file, e.direction_at));
        }
        for b in &body.broken {
            broken.push(b.diagnostic(&e.file, (e.body_line, 0)));
        }
        let summary = values::summary_text(e.summary.as_deref(), &body.html);
        values.summaries[ri][ei].set(summary);
        docs.push(SearchDoc {
            url: e.url.clone(),
            title: e.title.clone(),
            area_id: Some(e.area.clone()),
            area_name: Some(inputs.areas.search_name(&e.area, r)),
            direction: direction.plain_text(),
            ..report_doc(inputs, ri, body.sections)
        });
        texts.push(body.html);
    }
    docs.push(report_doc(inputs, ri, html.body.sections));
    let (report, entries) = values::with_text(&values.report[ri], &values.entry[ri], texts);
    Part {
        report,
        entries,
        docs,
        broken,
    }
}

/// The search document of the report `ri` with `sections`; an entry's takes its fields.
fn report_doc(inputs: &Inputs, ri: usize, sections: Vec<crate::markdown::Section>) -> SearchDoc {
    let r = &inputs.site.reports[ri];
    SearchDoc {
        url: r.url.clone(),
        title: r.title.clone(),
        year: r.year.to_string(),
        report_title: r.title.clone(),
        report_kind: r.kind.clone(),
        report_kind_label: inputs.text.kind_label(&r.kind),
        area_id: None,
        area_name: None,
        direction: String::new(),
        sections,
    }
}
