//! Render stage: the theme (templates built once, UI strings), the list of pages the site
//! has, and the context each page gets. Pages render in parallel straight into the sink.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use minijinja::Value;
use rayon::prelude::*;

use crate::config::{BaseUrl, Config};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::markdown::{self, Rendered};
use crate::messages::{self, Lang};
use crate::model::Site;
use crate::output::{OutputFile, Sink};
use crate::search::SearchDoc;

mod compare;
pub mod data;
mod feeds;
mod fragments;
mod pages;
mod theme;
mod values;
mod views;

use feeds::{atom, sitemaps};
use fragments::{entry_id_prefix, EntryPart, Fragments};
pub use theme::{load_theme, Theme};

/// What one build renders.
pub struct Input<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub base: &'a BaseUrl,
    pub theme: &'a Theme,
    pub site: &'a Site,
    /// Files under content/ that are not Markdown, copied to the same place.
    pub assets: &'a [PathBuf],
    /// Keep what `Prepared::update_entries` needs (`serve`); a one-off build drops it early.
    pub for_updates: bool,
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

/// The search documents of a build that `serve` updates, and the index work kept between builds.
struct SearchState {
    docs: Vec<SearchDoc>,
    /// Index into `docs` of each entry's document.
    entry_docs: Vec<Vec<usize>>,
    /// Per-document search work, reused when only a few documents change.
    cache: crate::search::IndexCache,
    /// Set by `update_entries`: `docs` changed since the search index was built.
    stale: bool,
}

/// How a build makes its search index (`Input::for_updates` decides).
enum Search {
    /// A one-off build: the documents, until `write` takes them and builds the index beside the
    /// pages, so that each fills the other's waits (on the disk, on serial steps).
    Once(Option<Vec<SearchDoc>>),
    /// serve: the index is built in `prepare` (its files are in `extra`) and kept up to date.
    Kept(Box<SearchState>),
}

/// Everything a build renders, kept so that `update_entries` can re-render a few pages.
pub struct Prepared {
    pages: Vec<Page>,
    /// Generated files (sitemap, feed, theme assets; the search index for `serve`).
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
    /// Each entry's status label ("" for none), for the open data `update_entries` rewrites.
    statuses: Vec<Vec<String>>,
    search: Search,
    /// For the open-data files an entry's text is part of (`update_entries`).
    base: BaseUrl,
    /// How entry text is rendered again, for `update_entries`.
    fragments: Fragments,
}

/// Lists every page with its context and produces the generated files.
pub fn prepare(input: &Input) -> Result<Prepared, Diagnostics> {
    let Input {
        config,
        base,
        theme,
        site,
        root,
        ..
    } = *input;
    let text = theme.text();
    let fragments = Fragments {
        unsafe_html: config.unsafe_html,
        backref: text.get("footnote_back"),
        footnotes: text.get("footnotes"),
        table: text.get("table"),
        targets: link_targets(base, input.assets, site, Lang::of(&config.language)),
    };
    let mut html = Html {
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
    };

    crate::timing::lap("markdown rendered");
    let mut errors = broken_links(site, &html);
    let areas = values::AreaNames::new(site);
    let (docs, entry_docs) = search_docs(site, &mut html, &text, &areas);
    let (index_now, search) = if input.for_updates {
        let mut cache = crate::search::IndexCache::new();
        let files = cache.build(&docs);
        let state = SearchState {
            docs,
            entry_docs,
            cache,
            stale: false,
        };
        (files, Search::Kept(Box::new(state)))
    } else {
        (Vec::new(), Search::Once(Some(docs)))
    };
    crate::timing::lap("search documents (serve: search index built)");
    let mut values = values::build(
        &values::Inputs {
            site,
            config,
            text: &text,
            areas: &areas,
            targets: &fragments.targets,
        },
        &mut html,
    );
    crate::timing::lap("template values built");
    let pages = pages::list(input, &text, &mut values);
    // Everything that is not a template page.
    let mut extra = Vec::new();
    extra.extend(sitemaps(base, &pages, site));
    if config.feed.enabled {
        extra.push(OutputFile::new(
            crate::paths::SITE_FEED,
            atom(config, base, site, &text),
        ));
        extra.extend(feeds::lineage_feeds(config, base, site, &text));
    }
    let statuses = status_labels(config, site);
    extra.extend(data::files(
        config,
        base,
        site,
        &data::EntryFacts {
            summaries: &values.summaries,
            statuses: &statuses,
        },
    ));
    crate::timing::lap("pages listed, sitemap, feed");
    for (path, bytes) in &theme.static_files {
        extra.push(OutputFile::new(path.clone(), bytes.clone()));
    }
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    for dir in &theme.static_dirs {
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
    let content_dir = root.join(crate::content::CONTENT_DIR);
    for asset in input.assets {
        copies.push((content_dir.join(asset), to_url_path(asset)));
    }

    errors.extend(url_collisions(input, &pages, &extra, &copies));
    if !errors.is_empty() {
        return Err(errors);
    }
    extra.extend(index_now);

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

/// Two things at one URL is an error, named with both sources. URLs are compared as a host
/// would see them: `a//b` is `a/b`, and upper and lower case are one on many hosts (and on
/// the disks of Windows and macOS); a file where another needs a folder is an error too.
fn url_collisions(
    input: &Input,
    pages: &[Page],
    extra: &[OutputFile],
    copies: &[(PathBuf, String)],
) -> Diagnostics {
    let lang = crate::messages::Lang::of(&input.config.language);
    let mut errors = Diagnostics::default();
    let all = pages
        .iter()
        .map(|p| (p.path.as_str(), messages::the_page(lang, &p.path)))
        .chain(
            extra
                .iter()
                .map(|f| f.path.as_str())
                .map(|path| (path, messages::the_generated_file(lang, path))),
        )
        .chain(copies.iter().map(|(from, to)| {
            let shown = display_path(input.root, from).display().to_string();
            (to.as_str(), shown)
        }));
    // Normalised path → (path as written, owner), for files and for the folders they need.
    let mut files: HashMap<String, (&str, String)> = HashMap::new();
    let mut folders: HashMap<String, (&str, String)> = HashMap::new();
    for (path, owner) in all {
        let norm = normalise(path);
        if path.starts_with(crate::search::DIR) || norm.starts_with(crate::search::DIR) {
            let message = messages::in_search_folder(lang, path, crate::search::DIR, &owner);
            errors.push(
                Diagnostic::new(message)
                    .in_file(owner)
                    .with_hint(messages::in_search_folder_hint(lang)),
            );
            continue;
        }
        for (i, _) in norm.match_indices('/') {
            // Most files share their folders with others: look before allocating.
            if !folders.contains_key(&norm[..i]) {
                folders.insert(norm[..i].to_string(), (path, owner.clone()));
            }
        }
        if let Some((_, first)) = files.get(&norm) {
            errors.push(
                Diagnostic::new(messages::same_url(lang, path, first, &owner))
                    .in_file(owner)
                    .with_hint(messages::same_url_hint(lang)),
            );
        } else {
            files.insert(norm, (path, owner));
        }
    }
    let mut clashes: Vec<_> = files
        .iter()
        .filter_map(|(norm, (path, owner))| Some((path, owner, folders.get(norm)?)))
        .collect();
    clashes.sort_by_key(|c| *c.0);
    for (path, owner, (_, other)) in clashes {
        errors.push(
            Diagnostic::new(messages::file_and_folder(lang, path, owner, other))
                .in_file(owner)
                .with_hint(messages::same_url_hint(lang)),
        );
    }
    errors
}

/// A URL path as a host compares it: empty and `.` segments dropped, lower case.
fn normalise(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase()
}

/// A new body (the Markdown below the front matter) for an existing entry.
pub struct BodyChange {
    pub report: usize,
    pub entry: usize,
    pub body: String,
}

impl Prepared {
    /// Re-renders what shows the changed bodies and returns those files. This is sound because
    /// a body is shown only on its entry page and (for print) its report page, is searched,
    /// and is in its report's open-data file; its first paragraph, the summary when the entry
    /// states none, also on the timelines and comparison pages that show the entry
    /// (re-rendered when it changed: they share its `SummaryText`); everything else other pages
    /// show — titles, directions, lineage, dates — comes from front matter, which the caller
    /// checked is unchanged. `site` already holds the new bodies.
    pub fn update_entries(
        &mut self,
        theme: &Theme,
        site: &Site,
        changes: &[BodyChange],
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut touched: Vec<usize> = Vec::new();
        let mut broken = Diagnostics::default();
        let mut summaries_changed = false;
        for c in changes {
            let entry = &site.reports[c.report].entries[c.entry];
            let report_url = &site.reports[c.report].url;
            let body = self
                .fragments
                .entry(&c.body, &entry.area, EntryPart::Body, report_url);
            for b in &body.broken {
                broken.push(b.diagnostic(&entry.file, (entry.body_line, 0)));
            }
            let summary = values::summary_text(entry.summary.as_deref(), &body.html);
            if self.summaries[c.report][c.entry].set(summary) {
                summaries_changed = true;
                // The cell is shared: those pages' contexts already show the new summary.
                for &i in self
                    .summary_pages
                    .get(&(c.report, c.entry))
                    .into_iter()
                    .flatten()
                {
                    if !touched.contains(&i) {
                        touched.push(i);
                    }
                }
            }
            let value = &mut self.entry_values[c.report][c.entry];
            *value = with_keys(value, [("html", Value::from_safe_string(body.html))]);
            if let Search::Kept(s) = &mut self.search {
                s.docs[s.entry_docs[c.report][c.entry]].sections = body.sections;
                s.stale = true;
            }
            for i in [
                self.entry_pages[c.report][c.entry],
                self.report_pages[c.report],
            ] {
                if !touched.contains(&i) {
                    touched.push(i);
                }
            }
        }
        for &i in &touched {
            let page = &self.pages[i];
            let (ri, entry) = match (page.entry, page.report) {
                (Some((ri, ei)), _) => (ri, Some(ei)),
                (None, Some(ri)) => (ri, None),
                (None, None) => continue,
            };
            let report = with_keys(
                &self.report_values[ri],
                [("entries", Value::from(self.entry_values[ri].clone()))],
            );
            self.report_values[ri] = report.clone();
            let mut replace = vec![("report", report)];
            if let Some(ei) = entry {
                replace.push(("entry", self.entry_values[ri][ei].clone()));
            }
            self.pages[i].context = with_keys(&self.pages[i].context, replace);
        }
        if !broken.is_empty() {
            return Err(broken);
        }
        crate::timing::lap("update: markdown and contexts");
        // The generated files that depend on bodies are the search index (`update_search`,
        // called once the pages are out) and each changed report's open-data file. `extra`
        // keeps the first build's copies: a Session writes a Prepared in full only once.

        let mut files = Vec::with_capacity(touched.len());
        let facts = data::EntryFacts {
            summaries: &self.summaries,
            statuses: &self.statuses,
        };
        let mut reports: Vec<usize> = changes.iter().map(|c| c.report).collect();
        reports.dedup();
        for ri in reports {
            files.push(data::report_file(&self.base, site, ri, &facts));
        }
        if summaries_changed {
            files.push(data::entries_csv(&self.base, site, &facts));
        }
        let mut errors = Diagnostics::default();
        for &i in &touched {
            let p = &self.pages[i];
            match theme.render(p.template, &p.context) {
                Ok(html) => files.push(OutputFile::new(p.path.clone(), html)),
                Err(d) => errors.push(d),
            }
        }
        crate::timing::lap("update: pages rendered");
        errors.into_result(files)
    }

    /// The search index files after `update_entries`, or nothing when no text changed since the
    /// index was last built. Separate from `update_entries` so that `serve` can reload the open
    /// tabs first: the index takes longer than the pages and is not on the page being read.
    pub fn update_search(&mut self) -> Vec<OutputFile> {
        let Search::Kept(s) = &mut self.search else {
            return Vec::new();
        };
        if !s.stale {
            return Vec::new();
        }
        s.stale = false;
        let files = s.cache.build(&s.docs);
        crate::timing::lap("update: search index");
        files
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

/// A copy of the map `value` with some keys replaced.
fn with_keys<'a>(value: &Value, replace: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    let mut out: BTreeMap<String, Value> = BTreeMap::new();
    if let Ok(keys) = value.try_iter() {
        for key in keys {
            if let (Some(k), Ok(v)) = (key.as_str(), value.get_item(&key)) {
                out.insert(k.to_string(), v);
            }
        }
    }
    for (k, v) in replace {
        out.insert(k.to_string(), v);
    }
    Value::from(out)
}

/// Renders every page of `prepared` and writes it, the generated files and the copies; for a
/// one-off build, also the search index, made meanwhile from the documents it takes.
pub fn write(prepared: &mut Prepared, theme: &Theme, sink: &Sink) -> Result<Counts, Diagnostics> {
    let index_docs = match &mut prepared.search {
        Search::Once(docs) => docs.take(),
        Search::Kept(_) => None,
    };
    let Prepared {
        pages,
        extra,
        copies,
        ..
    } = &*prepared;
    let mut errors = Diagnostics::default();
    let (index, rest) = rayon::join(
        || write_index(index_docs, sink),
        || write_pages(pages, extra, copies, theme, sink),
    );
    let mut results = rest;
    results.extend(index);
    let files = results.len();
    for r in results {
        if let Err(d) = r {
            // A broken template fails every page that uses it: report it once.
            if !errors.0.contains(&d) {
                errors.push(d);
            }
        }
    }
    errors.into_result(Counts {
        pages: pages.len(),
        files,
    })
}

/// The search index of `docs`, each file compressed as it is written. An empty site has an
/// index too: it answers every query with no results.
fn write_index(docs: Option<Vec<SearchDoc>>, sink: &Sink) -> Vec<Result<(), Diagnostic>> {
    let Some(docs) = docs else {
        return Vec::new();
    };
    crate::search::index_files(docs)
        .par_iter()
        .map(|f| {
            let packed = crate::search::pack_file(f);
            let path = packed.path.clone();
            sink.put(packed).map_err(|e| write_error(&path, e))
        })
        .collect()
}

fn write_pages(
    pages: &[Page],
    extra: &[OutputFile],
    copies: &[(PathBuf, String)],
    theme: &Theme,
    sink: &Sink,
) -> Vec<Result<(), Diagnostic>> {
    pages
        .par_iter()
        .map(|p| {
            let html = theme.render(p.template, &p.context)?;
            sink.put(OutputFile::new(p.path.clone(), html))
                .map_err(|e| write_error(&p.path, e))
        })
        .chain(
            extra
                .par_iter()
                .map(|f| sink.put(f.clone()).map_err(|e| write_error(&f.path, e))),
        )
        .chain(
            copies
                .par_iter()
                .map(|(from, to)| sink.copy(from, to).map_err(|e| write_error(to, e))),
        )
        .collect()
}

pub(crate) fn write_error(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(format!("cannot write {path}: {e}"))
        .with_hint("check that the output folder is writable and the disk has space")
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
) -> (Vec<SearchDoc>, Vec<Vec<usize>>) {
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
    (docs, entry_docs)
}
