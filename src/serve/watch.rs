//! Watching the site's sources with notify, and a small hand-written debounce: the first
//! relevant change starts a batch, which closes once the files have been quiet for `QUIET`
//! (or after `MAX_BATCH` in a long copy). One editor save — write, or temp file + rename,
//! plus swap and backup files — is one batch and so one rebuild.
//!
//! A hand-written debounce is about 20 lines here, and it filters before it debounces (so the
//! build's own reads and editor swap files never delay a rebuild); notify-debouncer-mini would
//! add a dependency and a thread for the same thing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// What is watched under the root: site.toml and these folders (recursively).
pub const WATCHED_DIRS: [&str; 4] = ["content", "templates", "themes", "static"];
pub const QUIET: Duration = Duration::from_millis(50);
pub const MAX_BATCH: Duration = Duration::from_millis(1000);

/// Is a change to `path` one a rebuild should see? `rel` is relative to the site root.
pub fn is_relevant(rel: &Path) -> bool {
    let mut parts = rel.iter().map(|c| c.to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if first == crate::config::CONFIG_FILE && rel.iter().count() == 1 {
        return true;
    }
    if !WATCHED_DIRS.contains(&first.as_ref()) {
        return false;
    }
    // Hidden files and folders (.git, .foo.swp, .#lock, .DS_Store) are not part of the site.
    if rel.iter().any(|c| c.to_string_lossy().starts_with('.')) {
        return false;
    }
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !is_editor_junk(&name)
}

/// Swap, backup and temporary files editors write beside the real one.
fn is_editor_junk(name: &str) -> bool {
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim probes whether it may write the folder
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".part", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// A change notification: the relevant paths (relative to the root).
pub type Batch = BTreeSet<PathBuf>;

pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    tx: Sender<Vec<PathBuf>>,
    rx: Receiver<Vec<PathBuf>>,
}

impl Watch {
    pub fn start(root: &Path) -> notify::Result<Watch> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (tx, rx) = channel();
        let stop = tx.clone();
        let filter_root = root.clone();
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                let Ok(event) = res else { return };
                match event.kind {
                    // Our own build reads every file: opens and closes are not changes.
                    EventKind::Access(_) => return,
                    EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => return,
                    _ => {}
                }
                let rels: Vec<PathBuf> = event
                    .paths
                    .iter()
                    .filter_map(|p| p.strip_prefix(&filter_root).ok())
                    .filter(|rel| is_relevant(rel))
                    .map(Path::to_path_buf)
                    .collect();
                if !rels.is_empty() {
                    let _ = tx.send(rels);
                }
            })?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                watcher.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(Watch {
            root,
            watcher,
            tx: stop,
            rx,
        })
    }

    /// Sending an empty list through this stops `next_batch`.
    pub fn stopper(&self) -> Sender<Vec<PathBuf>> {
        self.tx.clone()
    }

    /// Blocks until a batch of changes is complete; None when stopped.
    pub fn next_batch(&mut self) -> Option<Batch> {
        let first = self.rx.recv().ok()?;
        if first.is_empty() {
            return None;
        }
        let start = Instant::now();
        let mut batch: Batch = first.into_iter().collect();
        loop {
            match self.rx.recv_timeout(QUIET) {
                Ok(paths) if paths.is_empty() => return None,
                Ok(paths) => batch.extend(paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if start.elapsed() > MAX_BATCH {
                break;
            }
        }
        // A watched folder created (or re-created, as by a git checkout) after the start
        // needs its own recursive watch.
        for dir in WATCHED_DIRS {
            if batch.contains(Path::new(dir)) {
                let path = self.root.join(dir);
                if path.is_dir() {
                    let _ = self.watcher.unwatch(&path);
                    let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
                }
            }
        }
        Some(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_relevant_and_junk_is_not() {
        for p in [
            "site.toml",
            "content/areas.toml",
            "content/2025/april/01-a.md",
            "content",
            "templates/base.html",
            "themes/default/static/style.css",
            "static/logo.svg",
        ] {
            assert!(is_relevant(Path::new(p)), "{p}");
        }
        for p in [
            "public/index.html",
            "target/debug/x",
            ".git/index",
            "README.md",
            "other/site.toml",
            "content/2025/april/.01-a.md.swp",
            "content/2025/april/01-a.md~",
            "content/2025/april/#01-a.md#",
            "content/2025/april/.#01-a.md",
            "content/2025/april/4913",
            "content/2025/april/01-a.md.tmp",
            "content/.git/HEAD",
            "static/.DS_Store",
        ] {
            assert!(!is_relevant(Path::new(p)), "{p}");
        }
    }
}
