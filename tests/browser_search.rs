//! Browser test of search, driven from `cargo test`: `tests/browser/search.mjs` in headless
//! Chromium against sites built with the CLI under `/uppfoljning/`.
//!
//! `search_works_on_the_shipped_site`: on `/uppfoljning/sok/`, typed queries ("frånvaro" with
//! `<mark>` and result links that resolve, "franvaro" with the fallback notice, "Östlyckeskolan",
//! "elevpeng"), a year filter (count and `ar=` in the URL), Back, the header search box on the
//! home page by keyboard, the aria-live result count, and no console or page errors; issue 19:
//! the forms "elever", "eleverna", "elevernas", "eleven" find the same pages in the same order
//! with every excerpt marked, "Pstlyckeskolan", "stlyckeskolan" and "Göstlyckeskolan" (first
//! letter wrong, left out, one too many) are corrected with a notice,
//! a word of a result's title is marked there, and "tidiga insatser" typed at 100 and 250 ms a
//! key fetches no index file the query sent at once does not, its first result listed soon
//! after the last key.
//! `search_results_show_markup_as_text`: content with `<img src=x onerror=…>` and `<script>` text
//! shows up as that text in the results, and nothing of it runs or becomes an element.
//!
//! Needs Chromium (`/usr/bin/chromium` or `$CHROMIUM`), Node and
//! `npm ci --prefix tests/browser --ignore-scripts`. When one is missing the tests are skipped
//! with a banner on the terminal, unless `UPPSIKT_REQUIRE_BROWSER=1`, when they fail (as in
//! `tests/browser.rs`).

mod common;

use common::copy_dir;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// Each test starts Chromium; on a 2-core machine they run one after the other.
static BROWSER: Mutex<()> = Mutex::new(());

const NODE_TIMEOUT: Duration = Duration::from_secs(5 * 60);
const BASE: &str = "/uppfoljning/";

fn repo_root() -> PathBuf {
    common::repo_root()
}

fn prerequisites(test: &str) -> Result<(), ()> {
    // check.mjs (imported for its server and browser launch) needs these at load time.
    common::browser::prerequisites(
        test,
        "the browser search test",
        false,
        &["playwright-core", "axe-core", "node-html-parser"],
    )
}

/// Builds the site at `site` into `out` under `/uppfoljning/` with the CLI.
fn build(site: &Path, out: &Path, what: &str) {
    common::browser::build_site(site, out, BASE, what);
}

/// Runs `node tests/browser/search.mjs <mode> <out> /uppfoljning/`; panics with its output when
/// it fails.
fn run_search(mode: &str, out: &Path) {
    let args = [
        std::ffi::OsStr::new(mode),
        out.as_os_str(),
        std::ffi::OsStr::new(BASE),
    ];
    let what = format!("the browser search test ({mode})");
    common::browser::run_node("search.mjs", &args, &what, NODE_TIMEOUT);
}

#[test]
fn search_works_on_the_shipped_site() {
    if prerequisites("search_works_on_the_shipped_site").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let site = repo_root();
    assert!(
        site.join("site.toml").is_file(),
        "no site.toml at the repository root: the shipped site is what this test searches"
    );
    let tmp = tempfile::tempdir().expect("temporary directory");
    let out = tmp.path().join("site");
    build(&site, &out, "the shipped site");
    run_search("shipped", &out);
}

#[test]
fn search_results_show_markup_as_text() {
    if prerequisites("search_results_show_markup_as_text").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("temporary directory");
    let site = tmp.path().join("src");
    copy_dir(&repo_root().join("tests/fixtures/lineage"), &site);
    let entry = site.join("content/2025/april/02-tidiga-insatser.md");
    let mut body = std::fs::read_to_string(&entry).expect("read the fixture entry");
    body.push_str(
        "\nFarligt <img src=x onerror=\"window.__xss=1\"> och <script>window.__xss=1</script> innehåll\n",
    );
    std::fs::write(&entry, body).expect("write the fixture entry");
    let out = tmp.path().join("site");
    build(&site, &out, "the lineage fixture with markup in an entry");
    run_search("xss", &out);
}
