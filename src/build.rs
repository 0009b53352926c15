//! The pipeline, end to end: config → content → model → render (+ search) → output.

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

/// Builds the site into `options.output`, atomically: on any error the previous output is
/// left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<Summary, Diagnostics> {
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
    let sink = Sink::Staging(staging);
    let summary = run(options, &sink)?;
    crate::timing::lap("pages rendered and written");
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
    Ok(summary)
}

/// Builds the site in memory (for `serve`): every output file, path relative to the root.
pub fn build_in_memory(options: &BuildOptions) -> Result<(Vec<OutputFile>, Summary), Diagnostics> {
    let sink = Sink::Memory(Default::default());
    let summary = run(options, &sink)?;
    let Sink::Memory(files) = sink else {
        unreachable!("built with a memory sink")
    };
    Ok((files.into_inner().unwrap_or_default(), summary))
}

fn run(options: &BuildOptions, sink: &Sink) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    crate::timing::start();
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
    let (assets, site) = match loaded {
        Ok(loaded) => (loaded.assets.clone(), model::build(loaded, options.drafts)),
        Err(e) => (Vec::new(), Err(e)),
    };
    let config = keep(config, &mut errors);
    let theme = theme.and_then(|t| keep(t, &mut errors));
    let site = keep(site, &mut errors);
    let (Some((config, base)), Some(theme), Some(site)) = (config, theme, site) else {
        return Err(errors);
    };
    let input = render::Input {
        root,
        config: &config,
        base: &base,
        theme: &theme,
        site: &site,
        assets: &assets,
    };
    crate::timing::lap("model built");
    let counts = render::render(&input, sink)?;
    Ok(Summary {
        pages: counts.pages,
        files: counts.files,
        reports: site.reports.len(),
        areas: site.areas.len(),
        elapsed: start.elapsed(),
    })
}

/// The value, or None with its errors added to `errors`.
fn keep<T>(result: Result<T, Diagnostics>, errors: &mut Diagnostics) -> Option<T> {
    result.map_err(|e| errors.extend(e)).ok()
}
