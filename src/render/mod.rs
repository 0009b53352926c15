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
pub mod data;
mod feeds;
mod fragments;
mod pages;
mod theme;
mod update;
mod values;
mod views;
mod write;

use feeds::{atom, sitemaps};
use fragments::{entry_id_prefix, EntryPart, Fragments};
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
    /// The URL without base, for sitemap and feed.
    url: String,
    /// The report (and entry) this page shows, for incremental updates.
    report: Option<usize>,
    entry: Option<(usize, usize)>,
    /// Other entries whose summary (`views::SummaryText`) the page shows (timelines,
    /// comparisons), so that an update of their text re-renders it.
    summaries: Vec<(usize, usize)>,
}

/// Markdown rendered once per report and entry, shared by every page that shows it.
struct Html {
    /// Each report body, split at the areas marker: (before, HTML after).
    report: Vec<(Rendered, String)>,
    entry: Vec<Vec<(Rendered, Rendered)>>,
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
    /// Generated files (sitemap, feeds, open data, theme assets).
    extra: Vec<OutputFile>,
    /// Files copied from disk: (from, to).
    copies: Vec<(PathBuf, String)>,
    /// Index into `pages` of each report's page and each entry's page.
    report_pages: Vec<usize>,
    entry_pages: Vec<Vec<usize>>,
    report_values: Vec<Value>,
    entry_values: Vec<Vec<Value>>,
    summaries: Vec<Vec<std::sync::Arc<views::SummaryText>>>,
    /// The pages of each entry's `Page::summaries`.
    summary_pages: HashMap<(usize, usize), Vec<usize>>,
    /// Each entry's status label ("" for none), for the open data an update rewrites.
    statuses: Vec<Vec<String>>,
    /// Until the caller takes them (`take_search_docs`) for the search index.
    search: SearchDocs,
    /// For the open-data files an entry's text is part of.
    base: BaseUrl,
    /// How entry text is rendered, for a build and an update alike.
    fragments: Fragments,
}

impl Prepared {
    /// The search documents, moved out: the index is built from them beside the pages.
    pub fn take_search_docs(&mut self) -> SearchDocs {
        std::mem::take(&mut self.search)
    }
}

/// Lists every page with its context and produces the generated files.
pub fn prepare(input: &Input) -> Result<Prepared, Diagnostics> {
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
    let mut html = render_markdown(site, &fragments);
    crate::timing::lap("markdown rendered");
    let mut errors = broken_links(site, &html);
    let areas = values::AreaNames::new(site);
    let search = search_docs(site, &mut html, &text, &areas);
    crate::timing::lap("search documents");
    let inputs = values::Inputs {
        site,
        config,
        text: &text,
        areas: &areas,
        targets: &fragments.targets,
    };
    let mut values = values::build(&inputs, &mut html);
    crate::timing::lap("template values built");
    let pages = pages::list(input, &text, &fragments, &mut values);
    let statuses = status_labels(config, site);
    let (extra, data_at) = generated_files(input, &text, &pages, &values.summaries, &statuses);
    crate::timing::lap("pages listed, sitemap, feed");
    let copies = copied_files(input);
    // The reports' open-data files are made as they are written: their paths take their
    // place among the generated files, as the first of two at one URL is named as the owner.
    let report_data: Vec<String> = site.reports.iter().map(data::report_path).collect();
    let generated: Vec<&str> = extra[..data_at]
        .iter()
        .map(|f| f.path.as_str())
        .chain(report_data.iter().map(String::as_str))
        .chain(extra[data_at..].iter().map(|f| f.path.as_str()))
        .collect();
    errors.extend(collisions::url_collisions(
        input, &pages, &generated, &copies,
    ));
    if !errors.is_empty() {
        return Err(errors);
    }
    let (report_pages, entry_pages, summary_pages) = page_indexes(site, &pages);
    Ok(Prepared {
        pages,
        extra,
        copies,
        report_pages,
        entry_pages,
        report_values: values.report,
        entry_values: values.entry,
        summaries: values.summaries,
        summary_pages,
        statuses,
        search,
        base: base.clone(),
        fragments,
    })
}

/// Every report's and entry's Markdown, rendered in parallel.
fn render_markdown(site: &Site, fragments: &Fragments) -> Html {
    Html {
        report: site
            .reports
            .par_iter()
            .map(|r| {
                let anchors: Vec<String> = r.entries.iter().map(|e| e.area.clone()).collect();
                fragments.report(&r.body, &r.url, &anchors)
            })
            .collect(),
        entry: site
            .reports
            .par_iter()
            .map(|r| {
                r.entries
                    .iter()
                    .map(|e| {
                        let direction = e.direction.as_deref().unwrap_or("");
                        (
                            fragments.entry(direction, &e.area, EntryPart::Direction, &r.url),
                            fragments.entry(&e.body, &e.area, EntryPart::Body, &r.url),
                        )
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Everything that is not a template page: sitemaps, feeds, open data, the theme's files;
/// and where the reports' open-data files (made as they are written) come among them.
fn generated_files(
    input: &Input,
    text: &theme::Text,
    pages: &[Page],
    summaries: &[Vec<std::sync::Arc<views::SummaryText>>],
    statuses: &[Vec<String>],
) -> (Vec<OutputFile>, usize) {
    let Input {
        config, base, site, ..
    } = *input;
    let mut extra = Vec::new();
    extra.extend(sitemaps(base, pages, site));
    if config.feed.enabled {
        extra.push(OutputFile::new(
            crate::paths::SITE_FEED,
            atom(config, base, site, text),
        ));
        extra.extend(feeds::lineage_feeds(config, base, site, text));
    }
    let facts = data::EntryFacts {
        summaries,
        statuses,
    };
    extra.extend(data::files(config, base, site, &facts));
    let data_at = extra.len();
    for (path, bytes) in &input.theme.static_files {
        extra.push(OutputFile::new(path.clone(), bytes.clone()));
    }
    (extra, data_at)
}

/// The files copied as they are: the theme's static folders and content/'s assets.
fn copied_files(input: &Input) -> Vec<(PathBuf, String)> {
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    for dir in &input.theme.static_dirs {
        for entry in ignore::WalkBuilder::new(dir).hidden(true).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                copies.push((
                    entry.path().to_path_buf(),
                    crate::paths::static_file(&to_url_path(rel)),
                ));
            }
        }
    }
    let content_dir = input.root.join(crate::content::CONTENT_DIR);
    for asset in input.assets {
        copies.push((content_dir.join(asset), to_url_path(asset)));
    }
    copies
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

/// An error for every link or image to a local file that is not there, at its place in the
/// file (a report's body, an entry's direction or body).
fn broken_links(site: &Site, html: &Html) -> Diagnostics {
    let mut errors = Diagnostics::default();
    for (ri, r) in site.reports.iter().enumerate() {
        for b in &html.report[ri].0.broken {
            errors.push(b.diagnostic(&r.file, (r.body_line, 0)));
        }
        for (ei, e) in r.entries.iter().enumerate() {
            let (direction, body) = &html.entry[ri][ei];
            for b in &direction.broken {
                errors.push(b.diagnostic(&e.file, e.direction_at));
            }
            for b in &body.broken {
                errors.push(b.diagnostic(&e.file, (e.body_line, 0)));
            }
        }
    }
    errors
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

fn to_url_path(p: &Path) -> String {
    p.iter()
        .map(|c| c.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One search document per entry and per report, and where each entry's document is. The
/// sections move out of `html`: nothing else reads them.
fn search_docs(
    site: &Site,
    html: &mut Html,
    text: &theme::Text,
    areas: &values::AreaNames,
) -> SearchDocs {
    let mut docs = Vec::new();
    let mut entry_docs = Vec::with_capacity(site.reports.len());
    for (ri, r) in site.reports.iter().enumerate() {
        let report_doc = |sections| SearchDoc {
            url: r.url.clone(),
            title: r.title.clone(),
            year: r.year.to_string(),
            report_title: r.title.clone(),
            report_kind: r.kind.clone(),
            report_kind_label: text.kind_label(&r.kind),
            area_id: None,
            area_name: None,
            direction: String::new(),
            sections,
        };
        let mut indexes = Vec::with_capacity(r.entries.len());
        for (ei, e) in r.entries.iter().enumerate() {
            let (dir, body) = &mut html.entry[ri][ei];
            indexes.push(docs.len());
            docs.push(SearchDoc {
                url: e.url.clone(),
                title: e.title.clone(),
                area_id: Some(e.area.clone()),
                area_name: Some(areas.name(&e.area)),
                direction: dir.plain_text(),
                ..report_doc(std::mem::take(&mut body.sections))
            });
        }
        entry_docs.push(indexes);
        docs.push(report_doc(std::mem::take(&mut html.report[ri].0.sections)));
    }
    SearchDocs { docs, entry_docs }
}
