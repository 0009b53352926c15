//! Browser checks of the shipped site, driven from `cargo test`.
//!
//! `shipped_site_passes_browser_checks` builds the repository's own site under the sub-path
//! `/uppfoljning/` with the CLI, and runs `node tests/browser/run.mjs` on it: axe-core (WCAG 2.1
//! A/AA) on every page, the skip link, reflow at 320 px, no console errors, print of report pages,
//! the Nu Html Checker and every internal link and #fragment.
//! `stress_site_passes_browser_checks` does the same for `tests/browser/stress-site`.
//! `browser_checks_catch_their_defects` runs the runner's self-test: a hand-written fixture site
//! passes, and each deliberate defect (no skip link, low contrast, sideways scrolling, broken link,
//! invalid HTML, ...) is caught.
//!
//! They need Chromium (`/usr/bin/chromium` or `$CHROMIUM`), Node, Java and
//! `npm ci --prefix tests/browser`. When one is missing they are skipped with a banner on the
//! terminal, unless `UPPSIKT_REQUIRE_BROWSER=1` (as `.ci/run` sets it), when they fail.

mod common;

use common::browser::{browser_dir, shout};
use common::test_site::TestSite;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The two tests each start Chromium; on a 2-core machine they run one after the other.
static BROWSER: Mutex<()> = Mutex::new(());

/// Longest a run of the node checks may take before it is stopped and the test fails.
const NODE_TIMEOUT: Duration = Duration::from_secs(20 * 60);

fn repo_root() -> PathBuf {
    common::repo_root()
}

fn prerequisites(test: &str) -> Result<(), ()> {
    common::browser::prerequisites(
        test,
        "the browser checks",
        true,
        &["playwright-core", "axe-core", "vnu-jar", "node-html-parser"],
    )
}

/// Runs `node tests/browser/run.mjs <args>`.
fn run_node(args: &[&str], what: &str) {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    common::browser::run_node("run.mjs", &args, what, NODE_TIMEOUT);
}

#[test]
fn browser_checks_catch_their_defects() {
    if prerequisites("browser_checks_catch_their_defects").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    run_node(&["--self-test"], "the browser checks' self-test");
}

/// Builds the site at `site` under `/uppfoljning/` with the CLI and runs the browser checks on it.
fn check_site(site: &Path, what: &str) {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let out = tmp.path().join("site");
    let base = "/uppfoljning/";
    common::browser::build_site(site, &out, base, what);
    let out = out.to_str().expect("UTF-8 temporary path");
    run_node(&[out, base], &format!("the browser checks of {what}"));
}

#[test]
fn shipped_site_passes_browser_checks() {
    if prerequisites("shipped_site_passes_browser_checks").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    // The shipped site is the repository root's site.toml and content/. Until it exists, the
    // generator's lineage fixture stands in, and the test says so.
    let mut site = repo_root();
    if !site.join("site.toml").is_file() {
        site = repo_root().join("tests").join("fixtures").join("lineage");
        shout(&format!(
            "\nNOTE shipped_site_passes_browser_checks: no site.toml at the repository root yet; \
             checking {} instead\n\n",
            site.display()
        ));
    }
    check_site(&site, "the shipped site");
}

/// Every content feature at its most awkward (wide tables, long compounds and URLs, footnotes in
/// reports and areas, task lists, nested lists, a split area), so theme regressions show even
/// where the shipped content does not reach.
#[test]
fn stress_site_passes_browser_checks() {
    if prerequisites("stress_site_passes_browser_checks").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    check_site(
        &browser_dir().join("stress-site"),
        "tests/browser/stress-site",
    );
}

/// A site of 61 areas and a year of 61 reports: its lists are cut into pages linked by a pager,
/// and the home and open-data pages name the committees, years and where the files are instead
/// of listing every area and report. These six pages pass the checks in the browser (axe,
/// keyboard, 320 px), every page the links and the Nu Html Checker.
#[test]
fn paginated_lists_pass_browser_checks() {
    if prerequisites("paginated_lists_pass_browser_checks").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let base = "/uppfoljning/";
    let mut site = TestSite::new();
    for i in 0..61 {
        site = site.area(&format!("yta-{i}"), &format!("Yta {i}"));
    }
    // More reports in a year than an open-data part holds (100): the year's files in parts.
    for i in 0..101 {
        // One committee of more reports than a page shows, one of a few.
        let committee = format!("Nämnd {}", usize::from(i >= 55));
        site = site
            .report(&committee, &format!("2025/r{i:03}"), "2025-04")
            .entry(
                &format!("yta-{}", i % 61),
                "Inriktning.",
                &format!("Text {i}.\n"),
            );
    }
    let built = site.build(&["--base-url", base]);
    let out = &built.out;
    let lists = [
        "",
        "data/",
        "data/2025/",
        "2025/",
        "2025/sida/2/",
        "omraden/",
        "omraden/sida/2/",
        "namnder/",
        "namnder/namnd-0/",
        "namnder/namnd-0/sida/2/",
    ];
    for page in lists {
        assert!(out.join(page).join("index.html").is_file(), "{page}");
    }
    let home = std::fs::read_to_string(out.join("index.html")).expect("home page");
    assert!(
        !home.contains("omraden/yta-"),
        "the home page lists committees, not areas"
    );
    let only: Vec<String> = lists.iter().map(|p| format!("{base}{p}")).collect();
    let out = out.to_str().expect("UTF-8 temporary path");
    run_node(
        &[out, base, "--only", &only.join(",")],
        "the browser checks of paginated lists",
    );
}

/// The resident-facing pages at their fullest: statuses with icons and legends, summaries, year
/// switchers, comparison pages (rename, merge, split), committee pages and a home introduction.
#[test]
fn residents_fixture_passes_browser_checks() {
    if prerequisites("residents_fixture_passes_browser_checks").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    check_site(
        &repo_root().join("tests").join("fixtures").join("residents"),
        "tests/fixtures/residents",
    );
}
