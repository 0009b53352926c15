//! serve's build session driven from a test, as serve drives it: a full build in memory, then
//! rebuilds after edits, each as a map of output path → bytes to compare with a fresh build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use uppsikt::output::HeldFile;
use uppsikt::pipeline::{BuildOptions, Rebuilt, Session};

/// The options of a session on the site at `root` (output in memory, no drafts).
pub fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: PathBuf::new(),
        base_url: None,
        drafts: false,
    }
}

/// What a rebuild wrote: (whether it rebuilt everything, output path → bytes as served; a full
/// build's are held as serve holds them, text compressed).
pub fn files(rebuilt: Rebuilt) -> (bool, BTreeMap<String, Vec<u8>>) {
    match rebuilt {
        Rebuilt::Full(f) => {
            let served = |(path, held): HeldFile| (path, held.bytes().unwrap().to_vec());
            (true, f.into_iter().map(served).collect())
        }
        Rebuilt::Partial(f) => (false, f.into_iter().map(|f| (f.path, f.contents)).collect()),
    }
}

/// A fresh full build of the site at `root`, in memory.
pub fn fresh(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let (full, out) = files(Session::new(options(root)).rebuild(&[]).unwrap().0);
    assert!(full, "a new session builds everything");
    out
}
