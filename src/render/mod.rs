//! Render stage: the theme (templates built once, UI strings), the list of pages the site
//! has, and the context each page gets; `write.rs` renders them in parallel into the sink.
//! `update.rs` holds what serve's incremental rebuild (`pipeline::session`) changes in a
//! prepared build.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use minijinja::Value;
use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diagnostics::Diagnostics;
use crate::markdown::{self, Rendered};
use crate::messages::Lang;
use crate::model::Site;
use crate::output::OutputFile;
use crate::search::SearchDoc;

mod collisions;
mod compare;
mod context;
pub mod data;
mod feeds;
mod fragments;
mod pager;
mod pages;
mod report;
mod site_files;
mod theme;
mod update;
mod values;
mod views;
mod write;

use fragments::{entry_id_prefix, EntryPart, Fragments};
use site_files::{copied_files, generated_files, to_url_path};
pub use theme::{load_theme, Theme};
pub use update::BodyChange;
pub(crate) use write::write_error;
pub use write::{write, write_once};

/// What one build renders.
pub struct Input<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub base: &'a BaseUrl,
    pub theme: &'a Theme,
    pub site: &'a Site,
    /// Files under content/ that are not Markdown, copied to the same place.
    pub assets: &'a [PathBuf],
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub files: usize,
}

/// One page to produce.
struct Page {
    path: String,
    template: &'static str,
    context: Value,
    /// The report (and entry) this page shows, for incremental updates.
    report: Option<usize>,
    entry: Option<(usize, usize)>,
    /// Other entries whose summary (`views::SummaryText`) the page shows (timelines,
    /// comparisons), so that an update of their text re-renders it.
    summaries: Vec<(usize, usize)>,
}

/// Where a page is: its file and its URL without base (for the sitemap and the check of two
/// things at one URL, before any page's context is made).
struct PageAt {
    path: String,
    url: String,
}

/// A report's Markdown rendered before any report's own pages are: its text, split at the
/// areas marker, and its entries' directions, which the pages of many reports show. Its
/// entries' text is rendered with its own pages (`report::part`).
struct ReportHtml {
    body: Rendered,
    /// The HTML after the areas marker.
    after: String,
    directions: Vec<Rendered>,
}

/// The search documents of a build: one per entry and per report.
#[derive(Default)]
pub struct SearchDocs {
    pub docs: Vec<SearchDoc>,
    /// Index into `docs` of each entry's document.
    pub entry_docs: Vec<Vec<usize>>,
}

/// Everything a build renders, kept so that `serve` can re-render a few pages
/// (`pipeline::session`, through the operations of `update.rs`).
pub struct Prepared {
    pages: Vec<Page>,
    /// Generated files (sitemap, feeds, theme assets); the open-data files are made as they
    /// are written.
    extra: Vec<OutputFile>,
    /// Files copied from disk: (from, to).
    copies: Vec<(PathBuf, String)>,
    /// Index into `pages` of each report's page and each entry's page.
    report_pages: Vec<usize>,
    entry_pages: Vec<Vec<usize>>,
    /// The values of each report's page and its entries' pages, with the entries' text.
    report_values: Vec<Value>,
    entry_values: Vec<Vec<Value>>,
    summaries: Vec<Vec<std::sync::Arc<views::SummaryText>>>,
    /// The pages of each entry's `Page::summaries`.
    summary_pages: HashMap<(usize, usize), Vec<usize>>,
    /// Until the caller takes them (`take_search_docs`) for the search index.
    search: SearchDocs,
    /// What the open-data files are made with.
    data: DataInputs,
    /// How entry text is rendered, for a build and an update alike.
    fragments: Fragments,
}

/// What the open-data files are made of besides the model.
struct DataInputs {
    config: Config,
    base: BaseUrl,
    committee_urls: Vec<String>,
    /// Each entry's status label ("" for none).
    statuses: Vec<Vec<String>>,
}

/// A one-off build before its write: the pages of many reports and the files, and what each
/// report's own pages are made of in `write_once`, which renders its entries' text then.
pub struct Planned {
    /// The pages that are not a report's or an entry's, in order, made when written.
    shared_pages: Vec<pages::PageSpec>,
    /// Each report's page and its entries' pages, in order.
    report_pages: Vec<Vec<pages::PageSpec>>,
    contexts: pages::Shared,
    html: Vec<ReportHtml>,
    values: values::Values,
    extra: Vec<OutputFile>,
    copies: Vec<(PathBuf, String)>,
    data: DataInputs,
    fragments: Fragments,
}

impl Prepared {
    /// The search documents, moved out: the index is built from them beside the pages.
    pub fn take_search_docs(&mut self) -> SearchDocs {
        std::mem::take(&mut self.search)
    }
}

/// What both kinds of build make before any entry's text is rendered.
struct Plan {
    html: Vec<ReportHtml>,
    values: values::Values,
    contexts: pages::Shared,
    specs: Vec<pages::PageSpec>,
    extra: Vec<OutputFile>,
    copies: Vec<(PathBuf, String)>,
    data: DataInputs,
    fragments: Fragments,
    /// Two things at one URL, and the intro's broken links: the errors found in planning.
    collisions: Diagnostics,
}

fn plan(input: &Input) -> Plan {
    let Input {
        config, base, site, ..
    } = *input;
    let text = input.theme.text();
    let fragments = Fragments {
        unsafe_html: config.unsafe_html,
        backref: text.get("footnote_back"),
        footnotes: text.get("footnotes"),
        table: text.get("table"),
        targets: link_targets(base, input.assets, site, Lang::of(&config.language)),
    };
    let mut html = render_shared_markdown(site, &fragments);
    crate::timing::lap("reports' text and directions rendered");
    let areas = values::AreaNames::new(site);
    let inputs = values::Inputs {
        site,
        config,
        text: &text,
        areas: &areas,
        targets: &fragments.targets,
    };
    let mut values = values::build(&inputs, &mut html);
    crate::timing::lap("template values built");
    let (contexts, specs) = pages::list(input, &text, &fragments, &mut values);
    let at: Vec<PageAt> = specs
        .iter()
        .map(|s| PageAt {
            path: crate::paths::page_file(&s.url),
            url: s.url.clone(),
        })
        .collect();
    let (extra, data_at) = generated_files(input, &text, &at, &values.committee_urls);
    let copies = copied_files(input);
    // The open-data files are made as they are written: their paths take their place among
    // the generated files, as the first of two at one URL is named as the owner.
    let tables = data::paths(site);
    let report_data: Vec<String> = site.reports.iter().map(data::report_path).collect();
    let generated: Vec<&str> = extra[..data_at]
        .iter()
        .map(|f| f.path.as_str())
        .chain(tables.iter().map(String::as_str))
        .chain(report_data.iter().map(String::as_str))
        .chain(extra[data_at..].iter().map(|f| f.path.as_str()))
        .collect();
    let titles: Vec<&str> = specs.iter().map(pages::PageSpec::title).collect();
    let mut collisions = collisions::url_collisions(input, &at, &titles, &generated, &copies);
    collisions.extend(fragments.intro_errors(&config.intro, input.root));
    crate::timing::lap("pages listed, sitemap, feeds");
    let data = DataInputs {
        config: config.clone(),
        base: base.clone(),
        committee_urls: values.committee_urls.clone(),
        statuses: status_labels(config, site),
    };
    Plan {
        html,
        values,
        contexts,
        specs,
        extra,
        copies,
        data,
        fragments,
        collisions,
    }
}

/// Lists every page with its context, with every entry's text rendered, and produces the
/// generated files: a build kept for serve's updates.
pub fn prepare(input: &Input) -> Result<Prepared, Diagnostics> {
    let site = input.site;
    let plan = plan(input);
    let text = input.theme.text();
    let areas = values::AreaNames::new(site);
    let parts: Vec<report::Part> = {
        let inputs = report::Inputs {
            site,
            fragments: &plan.fragments,
            text: &text,
            areas: &areas,
            values: &plan.values,
        };
        (plan.html.into_par_iter().enumerate())
            .map(|(ri, html)| report::part(&inputs, ri, html, &entry_bodies(site, ri)))
            .collect()
    };
    crate::timing::lap("entries' text rendered");
    let mut errors = Diagnostics::default();
    for p in &parts {
        errors.extend(p.broken.clone());
    }
    errors.extend(plan.collisions);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut report_values = Vec::with_capacity(parts.len());
    let mut entry_values = Vec::with_capacity(parts.len());
    let mut search = SearchDocs::default();
    for part in parts {
        let at = search.docs.len();
        search
            .entry_docs
            .push((at..at + part.entries.len()).collect());
        search.docs.extend(part.docs);
        report_values.push(part.report);
        entry_values.push(part.entries);
    }
    let inputs = values::Inputs {
        site,
        config: input.config,
        text: &text,
        areas: &areas,
        targets: &plan.fragments.targets,
    };
    let comparer = compare::Comparer::new(&inputs, &plan.values);
    let pages: Vec<Page> = (plan.specs.into_par_iter())
        .map(|spec| {
            let spec = match spec.report {
                Some(ri) => spec.with_text(&report_values[ri], &entry_values[ri]),
                None => spec.with_comparison(&comparer),
            };
            plan.contexts.page(spec)
        })
        .collect();
    let (report_pages, entry_pages, summary_pages) = page_indexes(site, &pages);
    Ok(Prepared {
        pages,
        extra: plan.extra,
        copies: plan.copies,
        report_pages,
        entry_pages,
        report_values,
        entry_values,
        summaries: plan.values.summaries,
        summary_pages,
        search,
        data: plan.data,
        fragments: plan.fragments,
    })
}

/// The entries' text of the report `ri` as the model holds it.
fn entry_bodies(site: &Site, ri: usize) -> Vec<&str> {
    let entries = &site.reports[ri].entries;
    entries.iter().map(|e| e.body.as_str()).collect()
}

/// The entries' text of the report `ri`, read again from their files (`content::Bodies`),
/// with the errors of those that changed (whose text is then empty: the build fails).
pub(super) fn read_bodies(
    bodies: &crate::content::Bodies,
    site: &Site,
    ri: usize,
) -> (Vec<String>, Diagnostics) {
    let entries = &site.reports[ri].entries;
    match bodies.read(ri, entries.iter().map(|e| e.source.as_path())) {
        Ok(texts) => (texts, Diagnostics::default()),
        Err(errors) => (vec![String::new(); entries.len()], errors),
    }
}

/// What a one-off build renders, with the entries' text left for `write_once`: it renders them
/// report by report, so that the site's HTML is never all in memory. `failing`: errors were
/// found before (`--strict`'s warnings), so nothing will be written; the site's own errors are
/// looked for all the same, to report every error at once (the `Err` holds none when only
/// `failing`).
pub fn prepare_once(
    input: &Input,
    failing: bool,
    bodies: &crate::content::Bodies,
) -> Result<Planned, Diagnostics> {
    let site = input.site;
    let mut plan = plan(input);
    let broken_before = plan
        .html
        .iter()
        .any(|h| !h.body.broken.is_empty() || h.directions.iter().any(|d| !d.broken.is_empty()));
    if failing || broken_before || !plan.collisions.is_empty() {
        // Every broken link, also in the entries' text: rendered here only for them.
        let text = input.theme.text();
        let areas = values::AreaNames::new(site);
        let inputs = report::Inputs {
            site,
            fragments: &plan.fragments,
            text: &text,
            areas: &areas,
            values: &plan.values,
        };
        let broken: Vec<Diagnostics> = (std::mem::take(&mut plan.html).into_par_iter())
            .enumerate()
            .map(|(ri, html)| {
                let (texts, mut errors) = read_bodies(bodies, site, ri);
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                errors.extend(report::part(&inputs, ri, html, &texts).broken);
                errors
            })
            .collect();
        let mut errors = Diagnostics::default();
        broken.into_iter().for_each(|b| errors.extend(b));
        errors.extend(plan.collisions);
        return Err(errors);
    }
    let mut report_pages: Vec<Vec<pages::PageSpec>> =
        site.reports.iter().map(|_| Vec::new()).collect();
    let mut shared_pages = Vec::new();
    for spec in plan.specs {
        match spec.report {
            Some(ri) => report_pages[ri].push(spec),
            None => shared_pages.push(spec),
        }
    }
    Ok(Planned {
        shared_pages,
        report_pages,
        contexts: plan.contexts,
        html: plan.html,
        values: plan.values,
        extra: plan.extra,
        copies: plan.copies,
        data: plan.data,
        fragments: plan.fragments,
    })
}

/// Every report's text (split at the areas marker) and its entries' directions, rendered in
/// parallel.
fn render_shared_markdown(site: &Site, fragments: &Fragments) -> Vec<ReportHtml> {
    site.reports
        .par_iter()
        .map(|r| {
            let anchors: Vec<String> = r.entries.iter().map(|e| e.area.clone()).collect();
            let (body, after) = fragments.report(&r.body, &r.url, &anchors);
            let directions = (r.entries.iter())
                .map(|e| {
                    let direction = e.direction.as_deref().unwrap_or("");
                    fragments.entry(direction, &e.area, EntryPart::Direction, &r.url)
                })
                .collect();
            ReportHtml {
                body,
                after,
                directions,
            }
        })
        .collect()
}

/// Where each report's and entry's page is in `pages`, and which pages show each entry's
/// summary.
#[allow(clippy::type_complexity)]
fn page_indexes(
    site: &Site,
    pages: &[Page],
) -> (
    Vec<usize>,
    Vec<Vec<usize>>,
    HashMap<(usize, usize), Vec<usize>>,
) {
    let mut report_pages = Vec::with_capacity(site.reports.len());
    let mut entry_pages: Vec<Vec<usize>> = site
        .reports
        .iter()
        .map(|r| Vec::with_capacity(r.entries.len()))
        .collect();
    let mut summary_pages: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        for &at in &p.summaries {
            summary_pages.entry(at).or_default().push(i);
        }
        if let Some((ri, ei)) = p.entry {
            entry_pages[ri].push(i);
            debug_assert_eq!(entry_pages[ri].len(), ei + 1);
        } else if let Some(ri) = p.report {
            report_pages.push(i);
            debug_assert_eq!(report_pages.len(), ri + 1);
        }
    }
    (report_pages, entry_pages, summary_pages)
}

/// What local links can point to: the files copied from content/ and the page of each
/// Markdown file, as site paths.
fn link_targets(base: &BaseUrl, assets: &[PathBuf], site: &Site, lang: Lang) -> markdown::Targets {
    let content = |file: &str| -> String {
        let path = Path::new(file);
        to_url_path(
            path.strip_prefix(crate::content::CONTENT_DIR)
                .unwrap_or(path),
        )
    };
    let mut pages = HashMap::new();
    for r in &site.reports {
        pages.insert(content(&r.file), (r.url.clone(), String::new()));
        for e in &r.entries {
            // The prefix of the ids in the entry's text (see `fragments`).
            pages.insert(content(&e.file), (e.url.clone(), entry_id_prefix(&e.area)));
        }
    }
    markdown::Targets {
        base: base.path.clone(),
        files: assets.iter().map(|a| to_url_path(a)).collect(),
        pages,
        lang,
    }
}

/// Each entry's status label as site.toml defines it, "" where the entry states none.
fn status_labels(config: &Config, site: &Site) -> Vec<Vec<String>> {
    let labels: HashMap<&str, &str> = config
        .status
        .iter()
        .map(|s| (s.id.as_str(), s.label.as_str()))
        .collect();
    site.reports
        .iter()
        .map(|r| {
            r.entries
                .iter()
                .map(|e| {
                    let id = e.status.as_deref().unwrap_or("");
                    labels.get(id).copied().unwrap_or("").to_string()
                })
                .collect()
        })
        .collect()
}
