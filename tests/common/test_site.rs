//! A site written for one test: `TestSite::new().area(..).report(..).entry(..).build()` writes
//! `site.toml`, `content/areas.toml`, the reports and their entries into a temporary folder,
//! builds it with the real binary and returns the output, with helpers to read its pages with
//! `scraper` as a browser would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::Html;

use super::html;

pub struct TestSite {
    config: String,
    areas: String,
    /// (path under the site root, contents), written in order.
    files: Vec<(String, String)>,
    /// The report the next entries belong to ("2024/april") and how many it has.
    report: Option<(String, usize)>,
}

impl Default for TestSite {
    fn default() -> Self {
        TestSite {
            config: "title = \"Testnämndens uppföljningar\"\norganisation = \"Testkommun\"\n"
                .into(),
            areas: String::new(),
            files: Vec::new(),
            report: None,
        }
    }
}

/// A TOML basic string: quoted, with `"`, `\` and line breaks escaped.
fn quoted(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

impl TestSite {
    pub fn new() -> Self {
        Self::default()
    }

    /// A line added to `site.toml` (`language = "en"`).
    pub fn config(mut self, line: &str) -> Self {
        self.config = format!("{line}\n{}", self.config);
        self
    }

    /// An area of its own in `content/areas.toml`.
    pub fn area(self, id: &str, name: &str) -> Self {
        self.continues(id, name, &[])
    }

    /// An area formed from `from` (a rename, a merge or one half of a split).
    pub fn continues(mut self, id: &str, name: &str, from: &[&str]) -> Self {
        let from: Vec<String> = from.iter().map(|f| quoted(f)).collect();
        self.areas.push_str(&format!(
            "[[area]]\nid = {}\nname = {}\ncontinues = [{}]\n\n",
            quoted(id),
            quoted(name),
            from.join(", ")
        ));
        self
    }

    /// A report of `committee` in `content/<path>/` ("2024/april"), dated `date` ("2024-04").
    /// The entries that follow belong to it.
    pub fn report(mut self, committee: &str, path: &str, date: &str) -> Self {
        let kind = path.rsplit('/').next().unwrap_or(path);
        let front = format!(
            "title = {}\nkind = {}\ndate = {}\ncommittee = {}\n",
            quoted(&format!("Uppföljning {path}")),
            quoted(kind),
            quoted(date),
            quoted(committee)
        );
        self.files.push((
            format!("content/{path}/_index.md"),
            format!("+++\n{front}+++\nRapportens inledning.\n"),
        ));
        self.report = Some((path.to_string(), 0));
        self
    }

    /// The last report's organisation (`organisation` in its front matter).
    pub fn organisation(mut self, organisation: &str) -> Self {
        let (path, _) = self
            .report
            .as_ref()
            .expect("TestSite::organisation follows a report");
        let index = format!("content/{path}/_index.md");
        let (_, text) = (self.files.iter_mut().rev())
            .find(|(p, _)| *p == index)
            .expect("the report's file");
        let line = format!("+++\norganisation = {}\n", quoted(organisation));
        *text = text.replacen("+++\n", &line, 1);
        self
    }

    /// An entry of `area` in the last report: its direction and its body (Markdown).
    pub fn entry(mut self, area: &str, direction: &str, body: &str) -> Self {
        let (path, count) = self
            .report
            .as_mut()
            .expect("TestSite::entry comes after a report");
        *count += 1;
        let file = format!("content/{path}/{count:02}-{area}.md");
        let front = format!(
            "area = {}\ntitle = {}\ndirection = {}\n",
            quoted(area),
            quoted(&format!("Om {area}")),
            quoted(direction)
        );
        self.files.push((file, format!("+++\n{front}+++\n{body}")));
        self
    }

    /// Any other file, at `path` under the site root.
    pub fn file(mut self, path: &str, contents: &str) -> Self {
        self.files.push((path.into(), contents.into()));
        self
    }

    /// Writes the site and builds it with `uppsikt build` and `args`; panics with the CLI's own
    /// message when the build fails.
    pub fn build(self, args: &[&str]) -> Built {
        let built = self.try_build(args);
        assert!(
            built.output.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&built.output.stderr)
        );
        built
    }

    /// Writes the site and runs `uppsikt build`, whatever its outcome.
    pub fn try_build(self, args: &[&str]) -> Built {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let root = tmp.path().join("site");
        let mut files = vec![
            ("site.toml".to_string(), self.config),
            ("content/areas.toml".to_string(), self.areas),
        ];
        files.extend(self.files);
        for (path, contents) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
        let out = tmp.path().join("public");
        let output = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--output")
            .arg(&out)
            .args(args)
            .output()
            .expect("run uppsikt");
        Built {
            _tmp: tmp,
            root,
            out,
            output,
        }
    }
}

/// A built test site; the folder is removed when it is dropped.
pub struct Built {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
    pub output: Output,
}

impl Built {
    /// The page at `url` ("2024/april/" or "omraden/franvaro/"), parsed.
    pub fn page(&self, url: &str) -> Html {
        html::page(&self.out.join(url), "index.html")
    }

    /// The text of each element `selector` matches on the page at `url`, whitespace collapsed.
    pub fn texts(&self, url: &str, selector: &str) -> Vec<String> {
        html::texts(&self.page(url), selector)
    }

    /// The value of `attr` of each element `selector` matches on the page at `url`.
    pub fn attrs(&self, url: &str, selector: &str, attr: &str) -> Vec<String> {
        html::attrs(&self.page(url), selector, attr)
    }

    pub fn exists(&self, path: &str) -> bool {
        Path::new(&self.out).join(path).exists()
    }
}
