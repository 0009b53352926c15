//! Helpers shared by the integration tests. Each test crate uses a part of them.
#![allow(dead_code)]

pub mod browser;
pub mod cli;
pub mod documents;
pub mod fidelity;
pub mod html;
pub mod in_process;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
pub mod test_site;

use std::path::{Path, PathBuf};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree (a fixture site into a temporary folder the test may change).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Raises the version a built search index names in its meta (`search/meta.json.gz`) by one:
/// an index the site's scripts do not read, as after a deploy that changed the format.
pub fn raise_index_version(meta_file: &Path) {
    let packed = std::fs::read(meta_file).expect("the search meta");
    let json = uppsikt::search::gunzip(&packed).expect("gzip");
    let mut meta: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    meta["v"] = serde_json::json!(meta["v"].as_u64().expect("a version") + 1);
    let packed = uppsikt::search::gzip_fast(meta.to_string().as_bytes());
    std::fs::write(meta_file, packed).expect("write the search meta");
}
