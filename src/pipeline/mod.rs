//! The pipeline, end to end: config → content → model → render (+ search) → output. `build`
//! and `check` run it once; `session` keeps a build in memory for serve's incremental rebuild.

mod session;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use session::{Rebuilt, Session};

use crate::config::{self, BaseUrl, Config};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, Lang};
use crate::output::{Sink, Staging};
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
    /// The site's language, which the summary line is said in.
    pub language: Lang,
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

/// What a build leaves in memory: the model (the write frees the pages' values before the
/// search index is built). Dropping it frees it; a process about to exit can `std::mem::forget` it instead (freeing
/// a 10,000-page site's many small allocations one by one takes a tenth of the build that the
/// system does at once).
#[must_use]
pub struct Built(State<()>);

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
    let config = read_config(options);
    let lang = config.1;
    let target = output::folder::choose(&options.root, &options.output, force, lang)?;
    let staging = stage(&target, &options.output, lang)?;
    let (state, bodies) = load_once(options, config, strict)?;
    let (state, planned) = state.take_prepared();
    let sink = Sink::Staging(&staging);
    let counts = render::write_once(planned, &state.theme, &state.site, &bodies, sink);
    if let Some(failure) = staging.failure() {
        return Err(one_write_error(
            counts.err(),
            failure,
            &options.output,
            lang,
        ));
    }
    let counts = counts?;
    crate::timing::lap("pages rendered and written, search index built beside them");
    staging.commit(&target.dir).map_err(|e| {
        Diagnostics::from(
            Diagnostic::new(messages::cannot_swap_in(
                lang,
                options.output.display(),
                messages::io(lang, &e),
            ))
            .with_hint(messages::cannot_swap_in_hint(lang)),
        )
    })?;
    crate::timing::lap("output swapped in");
    Ok((state.summary(counts, start), Built(state)))
}

/// The folder the new site is made in, beside the output.
fn stage(target: &output::Target, output: &Path, lang: Lang) -> Result<Staging, Diagnostics> {
    Staging::new(target).map_err(|e| {
        let parent = target.dir.parent().unwrap_or(&target.dir);
        Diagnostics::from(
            Diagnostic::new(messages::cannot_stage(
                lang,
                output.display(),
                messages::io(lang, &e),
            ))
            .with_hint(messages::cannot_stage_hint(lang, parent.display())),
        )
    })
}

/// The errors of a build whose output could not be written: the other errors (a template's,
/// say) as they are, and instead of one error per file not written (thousands when the disk
/// is full), one that says what happened first.
fn one_write_error(
    errors: Option<Diagnostics>,
    failure: output::WriteFailure,
    output: &Path,
    lang: Lang,
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
        Diagnostic::new(messages::cannot_write_site(
            lang,
            output.display(),
            &failure.error,
            &failure.path,
            n,
        ))
        .with_hint(messages::cannot_write_site_hint(lang, output.display())),
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
    let start = Instant::now();
    crate::timing::start();
    let (state, bodies) = load_once(options, read_config(options), strict)?;
    let (state, planned) = state.take_prepared();
    let counts = render::write_once(planned, &state.theme, &state.site, &bodies, Sink::Discard)?;
    let summary = state.summary(counts, start);
    Ok((summary, state.warnings))
}

/// Everything one build knows, kept by a `Session` between rebuilds (`render::Prepared`); a
/// one-off build's pages are made in its write (`render::Planned`).
struct State<P = render::Prepared> {
    theme: render::Theme,
    site: model::Site,
    prepared: P,
    /// What `lint` found (none under `strict`: they were errors).
    warnings: Vec<Diagnostic>,
    /// The path the site is built for ("/" or "/uppfoljning/"), which `serve` serves it under.
    base_path: String,
    lang: Lang,
}

impl<P> State<P> {
    /// The pages made before the write, moved out for it (a one-off build's write frees
    /// them as it goes).
    fn take_prepared(self) -> (State<()>, P) {
        let State {
            theme,
            site,
            prepared,
            warnings,
            base_path,
            lang,
        } = self;
        let state = State {
            theme,
            site,
            prepared: (),
            warnings,
            base_path,
            lang,
        };
        (state, prepared)
    }

    fn summary(&self, counts: render::Counts, start: Instant) -> Summary {
        Summary {
            pages: counts.pages,
            files: counts.files,
            reports: self.site.reports.len(),
            areas: self.site.areas.len(),
            elapsed: start.elapsed(),
            language: self.lang,
        }
    }
}

/// Each entry's file (relative to the root) → its front matter, as read.
type Heads = HashMap<PathBuf, String>;

/// site.toml with its base URL (`--base-url` first), and the site's language: from the
/// config, or from what can be read of a broken one.
type ReadConfig = (Result<(Config, BaseUrl), Diagnostics>, Lang);

fn read_config(options: &BuildOptions) -> ReadConfig {
    let config = config::load(&options.root);
    let lang = match &config {
        Ok(c) => Lang::of(&c.language),
        Err(_) => config::language(&options.root),
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
    (config, lang)
}

/// What the content stage read: the model (or its errors), the errors of the files and of
/// their statuses, the warnings, and what later stages need of the files.
struct Read {
    site: Result<model::Site, Diagnostics>,
    file_errors: Diagnostics,
    status_errors: Diagnostics,
    warnings: Vec<Diagnostic>,
    heads: Heads,
    assets: Vec<PathBuf>,
}

/// Content → warnings → model. The model checks what could be read even when some files
/// could not: every error of every file in one round.
fn read_content(options: &BuildOptions, config: Option<&Config>, lang: Lang) -> Read {
    let root: &Path = &options.root;
    let (loaded, file_errors) = content::load(root, lang);
    crate::timing::lap("content loaded");
    let heads: Heads = loaded
        .reports
        .iter()
        .flat_map(|r| &r.entries)
        .map(|e| (e.file.path.clone(), e.file.head.clone()))
        .collect();
    let assets = loaded.assets.clone();
    let warnings = crate::lint::content(root, &loaded, options.drafts, lang);
    crate::timing::lap("content warnings");
    // An entry's status must be one site.toml defines.
    let mut status_errors = Diagnostics::default();
    if let Some(c) = config {
        let known: Vec<&str> = c.status.iter().map(|s| s.id.as_str()).collect();
        status_errors.extend(model::check_statuses(&loaded, &known, lang));
    }
    Read {
        site: model::build(loaded, options.drafts, lang),
        file_errors,
        status_errors,
        warnings,
        heads,
        assets,
    }
}

/// What the stages before rendering made: the site to render, and the errors found so far
/// (`--strict`'s warnings), which stop the build once the render's own are known.
struct Loaded {
    config: Config,
    base: BaseUrl,
    theme: render::Theme,
    site: model::Site,
    assets: Vec<PathBuf>,
    warnings: Vec<Diagnostic>,
    heads: Heads,
    lang: Lang,
    errors: Diagnostics,
}

impl Loaded {
    /// Renders it with `prepare` (`render::prepare` or `render::prepare_once`), which is told
    /// whether errors were found before; every error of every stage in one round.
    fn render<P>(
        self,
        root: &Path,
        prepare: impl FnOnce(&render::Input, bool) -> Result<P, Diagnostics>,
    ) -> Result<(State<P>, Heads), Diagnostics> {
        let Loaded {
            lang, mut errors, ..
        } = self;
        let input = render::Input {
            root,
            config: &self.config,
            base: &self.base,
            theme: &self.theme,
            site: &self.site,
            assets: &self.assets,
        };
        let prepared = prepare(&input, !errors.is_empty()).map_err(|mut e| {
            e.extend(std::mem::take(&mut errors));
            e.in_language(lang)
        })?;
        if !errors.is_empty() {
            return Err(errors.in_language(lang));
        }
        let state = State {
            theme: self.theme,
            site: self.site,
            prepared,
            warnings: self.warnings,
            base_path: self.base.path,
            lang,
        };
        Ok((state, self.heads))
    }
}

/// Config → content → model → prepared pages, collecting the errors of every stage, in the
/// site's language. `strict` makes the warnings errors, reported with the other errors.
fn load(
    options: &BuildOptions,
    config: ReadConfig,
    strict: bool,
) -> Result<(State, Heads), Diagnostics> {
    let loaded = load_site(options, config, strict)?;
    loaded.render(&options.root, |input, _| render::prepare(input))
}

/// `load` for a one-off build: the entries' text is dropped once checked, and read again
/// when it is rendered, in the write (`content::Bodies`).
fn load_once(
    options: &BuildOptions,
    config: ReadConfig,
    strict: bool,
) -> Result<(State<render::Planned>, content::Bodies), Diagnostics> {
    let mut loaded = load_site(options, config, strict)?;
    let hashes = loaded.site.drop_bodies();
    let bodies = content::Bodies::new(&options.root, loaded.lang, hashes);
    let (state, _) = loaded.render(&options.root, |input, failing| {
        render::prepare_once(input, failing, &bodies)
    })?;
    Ok((state, bodies))
}

/// Config → content → model, collecting the errors of every stage, in the site's language.
/// `strict` makes the warnings errors, reported with the other errors.
fn load_site(
    options: &BuildOptions,
    (config, lang): ReadConfig,
    strict: bool,
) -> Result<Loaded, Diagnostics> {
    // Config, content, model and theme errors are independent: report them all in one go.
    let theme = config
        .as_ref()
        .ok()
        .map(|(c, _)| render::load_theme(&options.root, c));
    let read = read_content(options, config.as_ref().ok().map(|(c, _)| c), lang);
    let mut errors = read.status_errors;
    let config = keep(config, &mut errors);
    let theme = theme.and_then(|t| keep(t, &mut errors));
    errors.extend(read.file_errors);
    let site = keep(read.site, &mut errors);
    let mut warnings = read.warnings;
    if let Some(site) = &site {
        warnings.extend(crate::lint::directions(site, &read.heads, lang));
    }
    // Under --strict the warnings are errors, reported with all the others; the pages are
    // rendered (for their broken links) only when the content itself had no errors.
    let content_failed = !errors.is_empty();
    if strict {
        let strict = crate::lint::strict(std::mem::take(&mut warnings), lang);
        errors.extend(Diagnostics(strict));
    }
    let (Some((config, base)), Some(theme), Some(site)) = (config, theme, site) else {
        return Err(errors.in_language(lang));
    };
    if content_failed {
        return Err(errors.in_language(lang));
    }
    crate::timing::lap("model built, warnings");
    Ok(Loaded {
        config,
        base,
        theme,
        site,
        assets: read.assets,
        warnings,
        heads: read.heads,
        lang,
        errors,
    })
}

/// The value, or None with its errors added to `errors`.
fn keep<T>(result: Result<T, Diagnostics>, errors: &mut Diagnostics) -> Option<T> {
    result.map_err(|e| errors.extend(e)).ok()
}
