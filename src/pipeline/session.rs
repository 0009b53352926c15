//! serve's incremental rebuild: a build kept in memory between changes. A change to the text
//! of area entries re-renders only what shows that text; any other change rebuilds everything.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{load, read_config, BuildOptions, Heads, State, Summary};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Lang;
use crate::output::{HeldFile, Memory, OutputFile, Sink};
use crate::render::{self, BodyChange};
use crate::search::{IndexCache, SearchDoc};
use crate::{config, content};

/// Builds kept in memory between changes, for `serve`.
pub struct Session {
    options: BuildOptions,
    /// The root as the file watcher reports it.
    canonical_root: PathBuf,
    kept: Option<Kept>,
}

/// The latest good build and what its updates need.
struct Kept {
    state: State,
    /// Each entry's file (relative to the root) → its place in the model and its front matter.
    entries: HashMap<PathBuf, (usize, usize, String)>,
    search: SearchState,
}

/// The search documents of the kept build, and the index work kept between builds.
struct SearchState {
    docs: Vec<SearchDoc>,
    /// Index into `docs` of each entry's document.
    entry_docs: Vec<Vec<usize>>,
    /// Per-document search work, reused when only a few documents change.
    cache: IndexCache,
    /// `docs` changed since the search index was built.
    stale: bool,
    /// The reports (indexes into `Site::reports`) with an entry whose summary changed since
    /// their entries CSV (`data/<year>/poster.csv`, or their part's) was made: made again after
    /// the pages, with the search index.
    summaries_stale: BTreeSet<usize>,
}

/// The files of a rebuild: all of them, or only those that changed (the search index of a
/// partial rebuild comes after, from `Session::refresh_search`).
pub enum Rebuilt {
    Full(Vec<HeldFile>),
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
            kept: None,
        }
    }

    /// Rebuilds after `changed` files changed (all of them when `changed` is empty).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<(Rebuilt, Summary), Diagnostics> {
        let start = Instant::now();
        crate::timing::start();
        if let Some(kept) = self.kept.as_mut() {
            let root = (&*self.options.root, &*self.canonical_root);
            if let Some(changes) = body_changes(root, &kept.entries, changed) {
                return match update_entries(kept, &changes) {
                    Ok(files) => {
                        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
                        let counts = render::Counts {
                            pages,
                            files: files.len(),
                        };
                        Ok((Rebuilt::Partial(files), kept.state.summary(counts, start)))
                    }
                    Err(e) => {
                        self.kept = None;
                        Err(e)
                    }
                };
            }
        }
        // Free the previous build before making the next.
        self.kept = None;
        let (kept, files, summary) = full_build(&self.options, start)?;
        self.kept = Some(kept);
        Ok((Rebuilt::Full(files), summary))
    }

    /// The files an incremental `rebuild` left for later, those made from the whole site: the
    /// search index and, when a summary changed, the entries CSV; empty after a full build or
    /// when nothing is pending. Separate from `rebuild` so that `serve` can reload the open tabs
    /// first: these take time in proportion to the site and are not on the page being read.
    pub fn refresh_search(&mut self) -> Vec<OutputFile> {
        let Some(kept) = self.kept.as_mut() else {
            return Vec::new();
        };
        let s = &mut kept.search;
        let mut files = Vec::new();
        if !s.summaries_stale.is_empty() {
            let changed = std::mem::take(&mut s.summaries_stale);
            files.extend(kept.state.prepared.entries_csv(&kept.state.site, &changed));
            crate::timing::lap("update: entries csv");
        }
        if s.stale {
            s.stale = false;
            files.extend(s.cache.build(&s.docs));
            crate::timing::lap("update: search index");
        }
        files
    }

    /// The site's language, for what the terminal says about this site.
    pub fn language(&self) -> Lang {
        match &self.kept {
            Some(k) => k.state.lang,
            None => config::language(&self.options.root),
        }
    }

    /// What `lint` found in the latest good build (none when it failed).
    pub fn warnings(&self) -> &[Diagnostic] {
        self.kept
            .as_ref()
            .map_or(&[], |k| k.state.warnings.as_slice())
    }

    /// The base path ("/" or "/uppfoljning/") of the latest good build; None when it failed.
    pub fn base_path(&self) -> Option<&str> {
        self.kept.as_ref().map(|k| k.state.base_path.as_str())
    }
}

/// A whole build into memory, with its search index built now and kept up to date later.
fn full_build(
    options: &BuildOptions,
    start: Instant,
) -> Result<(Kept, Vec<HeldFile>, Summary), Diagnostics> {
    let (mut state, heads) = load(options, read_config(options), false)?;
    let docs = state.prepared.take_search_docs();
    let mut cache = IndexCache::new();
    let index = cache.build(&docs.docs);
    crate::timing::lap("search index built");
    let memory = Memory::default();
    let mut counts = render::write(
        &state.prepared,
        &state.theme,
        &state.site,
        Sink::Memory(&memory),
    )?;
    state.prepared.written();
    let mut files = memory.into_files();
    counts.files += index.len();
    files.extend(index.into_iter().map(OutputFile::held));
    let summary = state.summary(counts, start);
    let kept = Kept {
        entries: entry_places(&state.site, heads),
        state,
        search: SearchState {
            docs: docs.docs,
            entry_docs: docs.entry_docs,
            cache,
            stale: false,
            summaries_stale: BTreeSet::new(),
        },
    };
    Ok((kept, files, summary))
}

/// Each entry's file → its place in the model and its front matter.
fn entry_places(
    site: &crate::model::Site,
    mut heads: Heads,
) -> HashMap<PathBuf, (usize, usize, String)> {
    let mut entries = HashMap::new();
    for (ri, r) in site.reports.iter().enumerate() {
        for (ei, e) in r.entries.iter().enumerate() {
            let path = PathBuf::from(&e.file);
            if let Some(head) = heads.remove(&path) {
                entries.insert(path, (ri, ei, head));
            }
        }
    }
    entries
}

/// The new bodies when every changed file is a known area entry whose front matter is byte
/// for byte the same as before; None when anything else changed. `roots` is the root as given
/// and as the file watcher reports it.
fn body_changes(
    (root, canonical_root): (&Path, &Path),
    entries: &HashMap<PathBuf, (usize, usize, String)>,
    changed: &[PathBuf],
) -> Option<Vec<BodyChange>> {
    let mut changes: Vec<BodyChange> = Vec::new();
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
        let (report, entry, head) = entries.get(&rel)?;
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
        changes.push(BodyChange {
            report: *report,
            entry: *entry,
            body: source.body,
        });
    }
    (!changes.is_empty()).then_some(changes)
}

/// Re-renders what shows the changed bodies and returns those files. This is sound because
/// a body is shown only on its entry page and (for print) its report page, is searched,
/// and is in its report's open-data file; its first paragraph, the summary when the entry
/// states none, also on the timelines and comparison pages that show the entry
/// (re-rendered when it changed: they share its summary cell); everything else other pages
/// show — titles, directions, lineage, dates — comes from front matter, which `body_changes`
/// checked is unchanged.
fn update_entries(kept: &mut Kept, changes: &[BodyChange]) -> Result<Vec<OutputFile>, Diagnostics> {
    let Kept { state, search, .. } = kept;
    let mut touched: Vec<usize> = Vec::new();
    let mut broken = Diagnostics::default();
    for c in changes {
        state.site.reports[c.report].entries[c.entry].body = c.body.clone();
        let body = state.prepared.render_body(&state.site, c);
        let entry = &state.site.reports[c.report].entries[c.entry];
        for b in &body.broken {
            broken.push(b.diagnostic(&entry.file, (entry.body_line, 0)));
        }
        if state.prepared.set_entry_html(&state.site, c, body.html) {
            search.summaries_stale.insert(c.report);
            touch(
                &mut touched,
                state.prepared.summary_pages(c.report, c.entry),
            );
        }
        search.docs[search.entry_docs[c.report][c.entry]].sections = body.sections;
        search.stale = true;
        touch(
            &mut touched,
            &state.prepared.pages_of_entry(c.report, c.entry),
        );
    }
    state.prepared.refresh_contexts(&touched);
    if !broken.is_empty() {
        return Err(broken);
    }
    crate::timing::lap("update: markdown and contexts");
    // The generated files that depend on bodies are each changed report's open-data file, and
    // those of the whole site, the search index and the entries CSV (`refresh_search`, called
    // once the pages are out).
    let mut reports: Vec<usize> = changes.iter().map(|c| c.report).collect();
    reports.dedup();
    let mut files = state.prepared.open_data(&state.site, &reports);
    files.extend(state.prepared.render_pages(&state.theme, &touched)?);
    crate::timing::lap("update: pages rendered");
    Ok(files)
}

/// Adds the pages not yet in `touched`, keeping their order.
fn touch(touched: &mut Vec<usize>, pages: &[usize]) {
    for &i in pages {
        if !touched.contains(&i) {
            touched.push(i);
        }
    }
}
