//! The uppsikt binary run as a user runs it: `uppsikt build` of a fixture site into a temporary
//! folder, and the files a build wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture site of `tests/fixtures/` ("lineage", "residents"), to build where it is or to copy.
pub fn fixture(name: &str) -> PathBuf {
    super::repo_root().join("tests/fixtures").join(name)
}

/// Runs `uppsikt` with `args`, whatever its outcome.
pub fn uppsikt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .args(args)
        .output()
        .expect("run uppsikt")
}

/// Runs `uppsikt build --root <root> --output <out>` and `extra`, whatever its outcome.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    uppsikt(&args)
}

/// Builds the site at `root` into a new temporary folder and returns it with the output folder
/// in it; a failed build fails the test with the CLI's own message.
pub fn built(root: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(root, &out, extra);
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (tmp, out)
}

/// Every file under `dir`, in sorted order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
