//! The pipeline, end to end: config → content → model → render (+ search) → output.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, BaseUrl};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{OutputFile, Sink, Staging};
use crate::{content, model, render};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides site.toml's base_url.
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a build produced, for the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub reports: usize,
    pub areas: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} pages ({} reports, {} areas), {} files in {} ms",
            self.pages,
            self.reports,
            self.areas,
            self.files,
            self.elapsed.as_millis()
        )
    }
}

/// `/data/site.json`, the model itself as open data. It is written straight from the model, not
/// held as a copy (at 10,000 pages it is 90 MB); `serve` makes it when it is first asked for.
pub const SITE_JSON: &str = "data/site.json";

/// What a build leaves in memory: the model and every page's values. Dropping it frees them;
/// a process about to exit can `std::mem::forget` it instead (freeing a 10,000-page site's
/// many small allocations one by one takes ~170 ms that the operating system does at once).
#[must_use]
pub struct Built(#[allow(dead_code)] State);

/// Builds the site into `options.output`, atomically: on any error the previous output is
/// left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<(Summary, Built), Diagnostics> {
    let start = Instant::now();
    crate::timing::start();
    let staging = Staging::new(&options.output).map_err(|e| {
        Diagnostics::from(
            Diagnostic::new(format!(
                "cannot create a folder beside {}: {e}",
                options.output.display()
            ))
            .with_hint("check that the output's parent folder exists and is writable"),
        )
    })?;
    let mut state = load(options, false)?;
    let sink = Sink::Staging(staging);
    // site.json is one long serialisation: it runs beside the pages, not after them.
    let (counts, json) = rayon::join(
        || render::write(&mut state.prepared, &state.theme, &sink),
        || {
            let Sink::Staging(staging) = &sink else {
                unreachable!("built with a staging sink")
            };
            staging.write_with(SITE_JSON, |w| {
                serde_json::to_writer(w, &state.site).map_err(std::io::Error::from)
            })
        },
    );
    let mut counts = counts?;
    json.map_err(|e| Diagnostics::from(render::write_error(SITE_JSON, e)))?;
    counts.files += 1;
    crate::timing::lap("pages rendered and written, search index built beside them");
    let Sink::Staging(staging) = sink else {
        unreachable!("built with a staging sink")
    };
    staging.commit(&options.output).map_err(|e| {
        Diagnostics::from(Diagnostic::new(format!(
            "cannot put the new site in place at {}: {e}",
            options.output.display()
        )))
    })?;
    crate::timing::lap("output swapped in");
    Ok((state.summary(counts, start), Built(state)))
}

/// Builds the site without writing it (for `check`): every page is rendered, so every error
/// shows, and each is dropped once made.
pub fn check(options: &BuildOptions) -> Result<Summary, Diagnostics> {
    run(options, &Sink::Discard).map(|(_, summary)| summary)
}

fn run(options: &BuildOptions, sink: &Sink) -> Result<(State, Summary), Diagnostics> {
    let start = Instant::now();
    crate::timing::start();
    let mut state = load(options, false)?;
    let counts = render::write(&mut state.prepared, &state.theme, sink)?;
    let summary = state.summary(counts, start);
    Ok((state, summary))
}

/// Everything one build knows, kept by a `Session` between rebuilds.
struct State {
    theme: render::Theme,
    site: model::Site,
    prepared: render::Prepared,
    /// Each entry's file (relative to the root) → its place in the model and its front matter.
    entries: HashMap<PathBuf, (usize, usize, String)>,
}

impl State {
    fn summary(&self, counts: render::Counts, start: Instant) -> Summary {
        Summary {
            pages: counts.pages,
            files: counts.files,
            reports: self.site.reports.len(),
            areas: self.site.areas.len(),
            elapsed: start.elapsed(),
        }
    }
}

/// Config → content → model → prepared pages, collecting the errors of every stage.
/// `for_updates` keeps what a `Session` needs to update the pages later.
fn load(options: &BuildOptions, for_updates: bool) -> Result<State, Diagnostics> {
    let root: &Path = &options.root;
    // Config, content, model and theme errors are independent: report them all in one go.
    let mut errors = Diagnostics::default();
    let config = config::load(root).and_then(|mut c| {
        if let Some(b) = &options.base_url {
            c.base_url = b.clone();
        }
        let base = BaseUrl::parse(&c.base_url).map_err(|e| {
            Diagnostics::from(
                Diagnostic::new(format!("invalid base URL: {e}"))
                    .with_hint("pass a path such as /uppfoljning/ or an http(s) URL"),
            )
        })?;
        Ok((c, base))
    });
    let theme = config
        .as_ref()
        .ok()
        .map(|(c, _)| render::load_theme(root, c));
    let loaded = content::load(root);
    crate::timing::lap("content loaded");
    let mut heads: HashMap<PathBuf, String> = HashMap::new();
    let (assets, site) = match loaded {
        Ok(loaded) => {
            for e in loaded.reports.iter().flat_map(|r| &r.entries) {
                heads.insert(e.file.path.clone(), e.file.head.clone());
            }
            let statuses = match &config {
                Ok((c, _)) => {
                    let known: Vec<&str> = c.status.iter().map(|s| s.id.as_str()).collect();
                    model::check_statuses(&loaded, &known)
                }
                Err(_) => Default::default(),
            };
            let assets = loaded.assets.clone();
            let site = model::build(loaded, options.drafts);
            let site = match site {
                Ok(_) if !statuses.is_empty() => Err(statuses),
                Err(mut e) => {
                    e.extend(statuses);
                    Err(e)
                }
                ok => ok,
            };
            (assets, site)
        }
        Err(e) => (Vec::new(), Err(e)),
    };
    let config = keep(config, &mut errors);
    let theme = theme.and_then(|t| keep(t, &mut errors));
    let site = keep(site, &mut errors);
    let (Some((config, base)), Some(theme), Some(site)) = (config, theme, site) else {
        return Err(errors);
    };
    crate::timing::lap("model built");
    let prepared = render::prepare(&render::Input {
        root,
        config: &config,
        base: &base,
        theme: &theme,
        site: &site,
        assets: &assets,
        for_updates,
    })?;
    let mut entries = HashMap::new();
    for (ri, r) in site.reports.iter().enumerate() {
        for (ei, e) in r.entries.iter().enumerate() {
            let path = PathBuf::from(&e.file);
            if let Some(head) = heads.remove(&path) {
                entries.insert(path, (ri, ei, head));
            }
        }
    }
    Ok(State {
        theme,
        site,
        prepared,
        entries,
    })
}

/// Builds kept in memory between changes, for `serve`: a change to the text of area entries
/// re-renders only what shows that text; any other change rebuilds everything.
pub struct Session {
    options: BuildOptions,
    /// The root as the file watcher reports it.
    canonical_root: PathBuf,
    state: Option<State>,
}

/// The files of a rebuild: all of them, or only those that changed (the search index of a
/// partial rebuild comes after, from `Session::refresh_search`).
pub enum Rebuilt {
    Full(Vec<OutputFile>),
    Partial(Vec<OutputFile>),
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        let canonical_root = options
            .root
            .canonicalize()
            .unwrap_or_else(|_| options.root.clone());
        Session {
            options,
            canonical_root,
            state: None,
        }
    }

    /// Rebuilds after `changed` files changed (all of them when `changed` is empty).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<(Rebuilt, Summary), Diagnostics> {
        let start = Instant::now();
        crate::timing::start();
        if let Some(state) = self.state.as_mut() {
            if let Some(changes) =
                body_changes(&self.options.root, &self.canonical_root, state, changed)
            {
                for c in &changes {
                    state.site.reports[c.report].entries[c.entry].body = c.body.clone();
                }
                match state
                    .prepared
                    .update_entries(&state.theme, &state.site, &changes)
                {
                    Ok(files) => {
                        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
                        let counts = render::Counts {
                            pages,
                            files: files.len(),
                        };
                        let summary = state.summary(counts, start);
                        return Ok((Rebuilt::Partial(files), summary));
                    }
                    Err(e) => {
                        self.state = None;
                        return Err(e);
                    }
                }
            }
        }
        // Free the previous build before making the next.
        self.state = None;
        let mut state = load(&self.options, true)?;
        let sink = Sink::Memory(Default::default());
        let counts = render::write(&mut state.prepared, &state.theme, &sink)?;
        let summary = state.summary(counts, start);
        self.state = Some(state);
        let Sink::Memory(files) = sink else {
            unreachable!("built with a memory sink")
        };
        Ok((
            Rebuilt::Full(files.into_inner().unwrap_or_default()),
            summary,
        ))
    }
}

impl Session {
    /// The search index files that an incremental `rebuild` left for later (see
    /// `render::Prepared::update_search`); empty after a full build or when nothing is pending.
    pub fn refresh_search(&mut self) -> Vec<OutputFile> {
        self.state
            .as_mut()
            .map_or_else(Vec::new, |s| s.prepared.update_search())
    }

    /// `/data/site.json` of the latest good build; None when the latest build failed.
    pub fn site_json(&self) -> Option<Vec<u8>> {
        let state = self.state.as_ref()?;
        serde_json::to_vec(&state.site).ok()
    }
}

/// The new bodies when every changed file is a known area entry whose front matter is byte
/// for byte the same as before; None when anything else changed.
fn body_changes(
    root: &Path,
    canonical_root: &Path,
    state: &State,
    changed: &[PathBuf],
) -> Option<Vec<render::BodyChange>> {
    let mut changes: Vec<render::BodyChange> = Vec::new();
    for path in changed {
        let rel = if path.is_relative() {
            path.as_path()
        } else {
            path.strip_prefix(canonical_root)
                .or_else(|_| path.strip_prefix(root))
                .ok()?
        };
        let rel =
            Path::new(content::CONTENT_DIR).join(rel.strip_prefix(content::CONTENT_DIR).ok()?);
        let (report, entry, head) = state.entries.get(&rel)?;
        if changes
            .iter()
            .any(|c| (c.report, c.entry) == (*report, *entry))
        {
            continue;
        }
        let source = content::load_entry(root, &root.join(&rel)).ok()?;
        if source.file.head != *head {
            return None;
        }
        changes.push(render::BodyChange {
            report: *report,
            entry: *entry,
            body: source.body,
        });
    }
    (!changes.is_empty()).then_some(changes)
}

/// The value, or None with its errors added to `errors`.
fn keep<T>(result: Result<T, Diagnostics>, errors: &mut Diagnostics) -> Option<T> {
    result.map_err(|e| errors.extend(e)).ok()
}
