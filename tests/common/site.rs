//! A copy of the lineage fixture in a temporary folder, built once so that there is a previous
//! output to protect, and the CLI run on it: for the tests of bad input and its messages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::copy_dir;

pub struct Site {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

/// What one run of the CLI did.
pub struct Run {
    pub ok: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    pub fn new() -> Site {
        let site = Site::unbuilt();
        let run = site.run("build");
        assert!(run.ok, "the fixture must build: {}", run.stderr);
        site
    }

    /// The fixture with `language = "en"` in site.toml.
    pub fn english() -> Site {
        let site = Site::unbuilt();
        let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
        site.write("site.toml", format!("language = \"en\"\n{config}"));
        let run = site.run("build");
        assert!(run.ok, "the fixture must build: {}", run.stderr);
        site
    }

    fn unbuilt() -> Site {
        let site = Site::empty();
        copy_dir(
            &super::repo_root().join("tests/fixtures/lineage"),
            &site.root,
        );
        site
    }

    /// A site with no files yet, for a test that writes its own (`write`); `root` is its folder
    /// and `out` the output folder beside it, neither made yet.
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        Site {
            root: tmp.path().join("site"),
            out: tmp.path().join("public"),
            _tmp: tmp,
        }
    }

    /// Runs `uppsikt <command> --root … [--output …]`, killed after 60 s (a build that waits on
    /// a named pipe must fail the test, not hang it).
    pub fn run(&self, command: &str) -> Run {
        self.run_with(command, &[])
    }

    /// `run` with more arguments after the command's own (`--strict`, `--base-url /x/`).
    pub fn run_with(&self, command: &str, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_uppsikt"));
        cmd.arg(command).arg("--root").arg(&self.root);
        if command == "build" {
            cmd.arg("--output").arg(&self.out);
        }
        cmd.args(args);
        let dir = tempfile::tempdir().unwrap();
        let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path).unwrap())
            .stderr(std::fs::File::create(&err_path).unwrap())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("uppsikt {command} did not finish within 60 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Run {
            ok: status.success(),
            code: status.code(),
            stdout: std::fs::read_to_string(out_path).unwrap(),
            stderr: std::fs::read_to_string(err_path).unwrap(),
        }
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The built page `rel` of the output ("2026/april/index.html"), parsed.
    pub fn page(&self, rel: &str) -> scraper::Html {
        super::html::page(&self.out, rel)
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Builds, expects failure with exit code 1, checks that the previous output is untouched
    /// and nothing was left beside it; returns stderr.
    pub fn fails(&self) -> String {
        let before = snapshot(&self.out);
        let run = self.run("build");
        assert!(!run.ok, "the build should fail:\n{}", run.stdout);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert_eq!(
            before,
            snapshot(&self.out),
            "a failed build changed the output"
        );
        let beside: Vec<_> = std::fs::read_dir(self.out.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            beside.len(),
            2,
            "temporary files left beside the output: {beside:?}"
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        // `check` finds the same problems.
        let check = self.run("check");
        assert!(!check.ok);
        assert_eq!(check.stderr, run.stderr, "check and build disagree");
        run.stderr
    }
}

pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

pub fn assert_has(stderr: &str, parts: &[&str]) {
    for p in parts {
        assert!(stderr.contains(p), "expected {p:?} in:\n{stderr}");
    }
}

/// The number of errors the summary line counts ("3 fel", "3 errors").
pub fn count(stderr: &str) -> usize {
    stderr
        .lines()
        .rev()
        .find_map(|l| {
            let n = l.strip_suffix(" fel").or_else(|| {
                l.strip_suffix(" errors")
                    .or_else(|| l.strip_suffix(" error"))
            })?;
            n.parse().ok()
        })
        .unwrap_or(0)
}
