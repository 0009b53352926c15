//! `uppsikt serve` started in the test's own process (`uppsikt::serve::start`) on a copy of
//! the lineage fixture, bound to 127.0.0.1 on a free port: for tests that speak raw HTTP to it.

use std::path::{Path, PathBuf};

use uppsikt::serve;

/// A copy of the lineage fixture in a temporary folder (gone with the `TempDir`).
pub fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    super::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"),
        &root,
    );
    (tmp, root)
}

/// The running server; stopped when dropped.
pub struct Served {
    _running: serve::Running,
    pub root: PathBuf,
    pub addr: String,
    _tmp: tempfile::TempDir,
}

pub fn start() -> Served {
    let (tmp, root) = fixture_copy();
    serve_copy(tmp, root)
}

/// Serves the site at `root` (a copy in `tmp`, which the server keeps until it is dropped).
pub fn serve_copy(tmp: tempfile::TempDir, root: PathBuf) -> Served {
    let running = serve::start(serve::ServeOptions {
        root: root.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        base_url: None,
        drafts: false,
        open: false,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    Served {
        addr: running.addr.to_string(),
        _running: running,
        root,
        _tmp: tmp,
    }
}
