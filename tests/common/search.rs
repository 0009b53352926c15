//! The search client run in node over an index built by `build_index`, as the browser runs it
//! (tests/search_js/driver.cjs), and the pages the search tests index. Without node a test is
//! skipped with a loud message, unless UPPSIKT_REQUIRE_BROWSER=1.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use uppsikt::markdown::Section;
use uppsikt::search::{build_index, SearchDoc};

use super::repo_root as root;

/// The search client's modules, as node imports them.
pub fn client() -> PathBuf {
    root().join("themes/default/static/search/api.js")
}

/// Runs node with a script and stdin, or returns None (after saying so) when node is missing.
pub fn node(args: &[&Path], stdin: &str) -> Option<String> {
    let mut cmd = Command::new("node");
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            if std::env::var("UPPSIKT_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!("node is required (UPPSIKT_REQUIRE_BROWSER=1) but could not be run: {e}");
            }
            eprintln!("\n*** SKIPPED: node not found ({e}); the JavaScript search client was NOT tested ***\n");
            return None;
        }
    };
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_string();
    let writer = std::thread::spawn(move || input.write_all(stdin.as_bytes()));
    let out = child.wait_with_output().expect("node runs");
    writer
        .join()
        .expect("writer thread")
        .expect("writing to node");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("node prints UTF-8"))
}

pub fn script(name: &str) -> PathBuf {
    root().join("tests/search_js").join(name)
}

// ------------------------------------------------------------------ the query engine

pub fn section(heading: Option<&str>, anchor: Option<&str>, text: &str) -> Section {
    Section {
        heading: heading.map(str::to_string),
        anchor: anchor.map(str::to_string),
        text: text.to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn doc(
    url: &str,
    title: &str,
    year: &str,
    kind: (&str, &str),
    area: Option<(&str, &str)>,
    direction: &str,
    sections: Vec<Section>,
) -> SearchDoc {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        year: year.into(),
        report_title: format!("{} {year}", kind.1),
        report_kind: kind.0.into(),
        report_kind_label: kind.1.into(),
        area_id: area.map(|a| a.0.to_string()),
        area_name: area.map(|a| a.1.to_string()),
        direction: direction.into(),
        sections,
    }
}

pub const DELAR: (&str, &str) = ("delarsbokslut", "Delårsbokslut");
pub const ARS: (&str, &str) = ("arsbokslut", "Årsbokslut");
pub const FRANVARO: Option<(&str, &str)> =
    Some(("elever-med-hog-franvaro", "Elever med hög frånvaro"));
pub const SKOLMILJO: Option<(&str, &str)> = Some(("skolmiljo", "Skolmiljö"));
pub const PERSONAL: Option<(&str, &str)> = Some(("personal", "Personal"));

pub fn run_queries(docs: &[SearchDoc], requests: Value) -> Option<Vec<Value>> {
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(&build_index(docs), dir.path());
    run_on_index(dir.path(), requests)
}

/// `requests` run by the driver over the index written under `dir` (`write_index`), or None
/// when node is missing.
pub fn run_on_index(dir: &Path, requests: Value) -> Option<Vec<Value>> {
    let out = node(
        &[&script("driver.cjs"), &client(), &dir.join("search")],
        &requests.to_string(),
    )?;
    let v: Value = serde_json::from_str(&out).expect("driver prints JSON");
    Some(v.as_array().expect("an array").clone())
}

/// Writes the index files under `dir` (`dir/search/…`).
pub fn write_index(files: &[uppsikt::output::OutputFile], dir: &Path) {
    for f in files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().expect("index paths have folders")).expect("mkdir");
        std::fs::write(&p, &f.contents).expect("write index file");
    }
}

pub fn urls(r: &Value) -> Vec<&str> {
    r["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["url"].as_str().expect("url"))
        .collect()
}

pub fn q(query: &str) -> Value {
    json!({ "q": query })
}

/// `n` pages of one report, page `i` at `p{i}/` with the one section `text(i)`.
pub fn plain_pages(n: usize, text: impl Fn(usize) -> String) -> Vec<SearchDoc> {
    (0..n)
        .map(|i| {
            let sections = vec![section(None, None, &text(i))];
            doc(
                &format!("p{i}/"),
                &format!("Sida {i}"),
                "2025",
                DELAR,
                None,
                "",
                sections,
            )
        })
        .collect()
}

/// Pages where "gemensam" is on every page (1–7 times, beside 0–10 filler words) and
/// "sällsynt" on the pages `rare` picks: a frequent word, stored in tiers, and a rare one.
pub fn common_and_rare_pages(n: usize, rare: impl Fn(usize) -> bool) -> Vec<SearchDoc> {
    plain_pages(n, |i| {
        let rare = if rare(i) { " sällsynt" } else { "" };
        let filler: String = (0..i % 11)
            .map(|k| format!(" fyll{}", (i + k) % 50))
            .collect();
        format!("{}{filler}{rare}", "gemensam ".repeat(1 + i % 7))
    })
}

/// The reads of rest files (`r/…`) a query made, in order (a rest file is read by range: its
/// table, then pieces).
pub fn rest_reads(res: &Value) -> Vec<String> {
    let files = res["files"].as_array().expect("files").iter();
    files
        .filter_map(|f| f.as_str().filter(|f| f.starts_with("r/")).map(String::from))
        .collect()
}

/// The rest files a query read, each once (`rest_reads` without the repeats of one file).
pub fn rest_files_read(res: &Value) -> Vec<String> {
    let mut read = rest_reads(res);
    read.dedup();
    read
}

/// A term's entry as written in its chunk (`search/t/NNN.json`), found by its term.
pub fn written_entry(files: &[uppsikt::output::OutputFile], term: &str) -> Value {
    let chunks = files.iter().filter(|f| f.path.starts_with("search/t/"));
    let entries = chunks.flat_map(|f| {
        let plain = uppsikt::search::gunzip(&f.contents).expect("gzip");
        let v: Value = serde_json::from_slice(&plain).expect("a chunk is JSON");
        v.as_array().expect("a chunk is an array").clone()
    });
    entries
        .into_iter()
        .find(|e| e[0] == term)
        .unwrap_or_else(|| panic!("{term} has no entry"))
}
