//! The pipeline, end to end: config → content → model → render (+ search) → output.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, BaseUrl};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, Lang};
use crate::output::{OutputFile, Sink, Staging};
use crate::{content, model, output, render};

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

/// What a build leaves in memory: the model and every page's values. Dropping it frees them;
/// a process about to exit can `std::mem::forget` it instead (freeing a 10,000-page site's
/// many small allocations one by one takes ~170 ms that the operating system does at once).
#[must_use]
pub struct Built(State);

impl Built {
    /// What the build warns about (`lint`): printed, but the site was built.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.0.warnings
    }
}

/// Builds the site into `options.output`, atomically: on any error the previous output is
/// left exactly as it was. The output must be a folder a build may replace (see
/// `output::folder`); `force` lets it take over a folder that is not empty.
pub fn build(options: &BuildOptions, force: bool) -> Result<(Summary, Built), Diagnostics> {
    build_with(options, false, force)
}

/// `build`, where `strict` makes every warning an error (nothing is written then).
pub fn build_with(
    options: &BuildOptions,
    strict: bool,
    force: bool,
) -> Result<(Summary, Built), Diagnostics> {
    let start = Instant::now();
    crate::timing::start();
    let target = output::folder::choose(
        &options.root,
        &options.output,
        force,
        config::language(&options.root),
    )?;
    let staging = Staging::new(&target).map_err(|e| {
        let parent = target.dir.parent().unwrap_or(&target.dir);
        Diagnostics::from(
            Diagnostic::new(format!(
                "cannot create a folder beside {}: {e}",
                options.output.display()
            ))
            .with_hint(format!(
                "check that {} is writable and the disk has space",
                parent.display()
            )),
        )
    })?;
    let mut state = load(options, false, strict)?;
    let sink = Sink::Staging(staging);
    let counts = render::write(&mut state.prepared, &state.theme, &sink);
    let Sink::Staging(staging) = sink else {
        unreachable!("built with a staging sink")
    };
    if let Some(failure) = staging.failure() {
        return Err(one_write_error(counts.err(), failure, &options.output));
    }
    let counts = counts?;
    crate::timing::lap("pages rendered and written, search index built beside them");
    staging.commit(&target.dir).map_err(|e| {
        Diagnostics::from(
            Diagnostic::new(format!(
                "cannot put the new site in place at {}: {e}",
                options.output.display()
            ))
            .with_hint(
                "the new site is made beside the output and moved in, so both must be on one \
                 disk: if the output folder is a mounted one, build into a folder inside it",
            ),
        )
    })?;
    crate::timing::lap("output swapped in");
    Ok((state.summary(counts, start), Built(state)))
}

/// The errors of a build whose output could not be written: the other errors (a template's,
/// say) as they are, and instead of one error per file not written (thousands when the disk
/// is full), one that says what happened first.
fn one_write_error(
    errors: Option<Diagnostics>,
    failure: output::WriteFailure,
    output: &Path,
) -> Diagnostics {
    let not_written: HashSet<String> = failure
        .all
        .iter()
        .map(|(path, e)| render::write_error(path, std::io::Error::other(e.clone())).message)
        .collect();
    let mut kept = Diagnostics::default();
    for d in errors.into_iter().flat_map(|e| e.0) {
        if !not_written.contains(&d.message) {
            kept.push(d);
        }
    }
    let n = failure.all.len();
    kept.push(
        Diagnostic::new(format!(
            "cannot write the site into {}: {} (writing {}); {n} file{} not written",
            output.display(),
            failure.error,
            failure.path,
            if n == 1 { " was" } else { "s were" },
        ))
        .with_hint(format!(
            "free space on the disk or make the folder writable, then build again; \
             the previous site in {} was left as it was",
            output.display()
        )),
    );
    kept
}

/// Builds the site without writing it (for `check`): every page is rendered, so every error
/// shows, and each is dropped once made.
pub fn check(options: &BuildOptions) -> Result<Summary, Diagnostics> {
    check_with(options, false).map(|(summary, _)| summary)
}

/// `check`, with the warnings; `strict` makes every warning an error.
pub fn check_with(
    options: &BuildOptions,
    strict: bool,
) -> Result<(Summary, Vec<Diagnostic>), Diagnostics> {
    run(options, &Sink::Discard, strict).map(|(state, summary)| (summary, state.warnings))
}

fn run(options: &BuildOptions, sink: &Sink, strict: bool) -> Result<(State, Summary), Diagnostics> {
    let start = Instant::now();
    crate::timing::start();
    let mut state = load(options, false, strict)?;
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
    /// What `lint` found (none under `strict`: they were errors).
    warnings: Vec<Diagnostic>,
    /// The path the site is built for ("/" or "/uppfoljning/"), which `serve` serves it under.
    base_path: String,
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
/// `for_updates` keeps what a `Session` needs to update the pages later; `strict` makes the
/// warnings errors, reported with the other errors.
fn load(options: &BuildOptions, for_updates: bool, strict: bool) -> Result<State, Diagnostics> {
    let root: &Path = &options.root;
    // Config, content, model and theme errors are independent: report them all in one go,
    // in the site's language.
    let mut errors = Diagnostics::default();
    let config = config::load(root);
    let lang = match &config {
        Ok(c) => Lang::of(&c.language),
        Err(_) => config::language(root),
    };
    let config = config.and_then(|mut c| {
        if let Some(b) = &options.base_url {
            c.base_url = b.clone();
        }
        let base = BaseUrl::parse_in(&c.base_url, lang).map_err(|e| {
            Diagnostics::from(
                Diagnostic::new(messages::bad_base_url(lang, e))
                    .with_hint(messages::bad_base_url_hint(lang)),
            )
        })?;
        Ok((c, base))
    });
    let theme = config
        .as_ref()
        .ok()
        .map(|(c, _)| render::load_theme(root, c));
    let (loaded, content_errors) = content::load(root, lang);
    crate::timing::lap("content loaded");
    let mut heads: HashMap<PathBuf, String> = HashMap::new();
    for e in loaded.reports.iter().flat_map(|r| &r.entries) {
        heads.insert(e.file.path.clone(), e.file.head.clone());
    }
    let assets = loaded.assets.clone();
    let mut warnings = crate::lint::content(root, &loaded, options.drafts, lang);
    crate::timing::lap("content warnings");
    // An entry's status must be one site.toml defines.
    if let Ok((c, _)) = &config {
        let known: Vec<&str> = c.status.iter().map(|s| s.id.as_str()).collect();
        errors.extend(model::check_statuses(&loaded, &known, lang));
    }
    // The model checks what could be read even when some files could not: every error of
    // every file in one round.
    let site = model::build(loaded, options.drafts, lang);
    let config = keep(config, &mut errors);
    let theme = theme.and_then(|t| keep(t, &mut errors));
    errors.extend(content_errors);
    let site = keep(site, &mut errors);
    if let Some(site) = &site {
        warnings.extend(crate::lint::directions(site, &heads, lang));
    }
    // Under --strict the warnings are errors, reported with all the others; the pages are
    // rendered (for their broken links) only when the content itself had no errors.
    let content_failed = !errors.is_empty();
    if strict {
        errors.extend(Diagnostics(crate::lint::strict(
            std::mem::take(&mut warnings),
            lang,
        )));
    }
    let (Some((config, base)), Some(theme), Some(site)) = (config, theme, site) else {
        return Err(errors.in_language(lang));
    };
    if content_failed {
        return Err(errors.in_language(lang));
    }
    crate::timing::lap("model built, warnings");
    let prepared = render::prepare(&render::Input {
        root,
        config: &config,
        base: &base,
        theme: &theme,
        site: &site,
        assets: &assets,
        for_updates,
    })
    .map_err(|mut e| {
        e.extend(std::mem::take(&mut errors));
        e.in_language(lang)
    })?;
    if !errors.is_empty() {
        return Err(errors.in_language(lang));
    }
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
        warnings,
        base_path: base.path,
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
        let mut state = load(&self.options, true, false)?;
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

    /// The site's language, for what the terminal says about this site.
    pub fn language(&self) -> Lang {
        config::language(&self.options.root)
    }

    /// What `lint` found in the latest good build (none when it failed).
    pub fn warnings(&self) -> &[Diagnostic] {
        self.state.as_ref().map_or(&[], |s| s.warnings.as_slice())
    }

    /// The base path ("/" or "/uppfoljning/") of the latest good build; None when it failed.
    pub fn base_path(&self) -> Option<&str> {
        self.state.as_ref().map(|s| s.base_path.as_str())
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
        // Its errors, if any, come from the full rebuild this falls back to.
        let source = content::load_entry(root, &root.join(&rel), Lang::default()).ok()?;
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
