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
//! a word of a result's title is marked there, "skolfrånv" is completed from at most three term
//! chunks and marked, and "tidiga insatser" typed at 100 and 250 ms a
//! key fetches no index file the query sent at once does not, its first result listed soon
//! after the last key.
//! `excerpts_of_long_pages_show_the_word_searched_for`: on a site of long pages, stored as
//! excerpts, each word written once deep inside a page (four in one section of one page) is
//! marked in its results' excerpts, and so are two words that only one page has together, each
//! once, where it is no top result for either alone (from the page's whole text, by range).
//! `search_results_show_markup_as_text`: content with `<img src=x onerror=…>` and `<script>` text
//! shows up as that text in the results, and nothing of it runs or becomes an element.
//! `scripts_older_than_the_index_ask_for_a_reload`: an index of another version than the
//! page's scripts gives the message to reload the page.
//!
//! Needs Chromium (`/usr/bin/chromium` or `$CHROMIUM`), Node and
//! `npm ci --prefix tests/browser --ignore-scripts`. When one is missing the tests are skipped
//! with a banner on the terminal, unless `UPPSIKT_REQUIRE_BROWSER=1`, when they fail (as in
//! `tests/browser.rs`).

mod common;

use common::copy_dir;
use common::test_site::TestSite;
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

/// A search page whose scripts the browser kept from before a deploy that changed the index
/// format (here: the index says it is of the next version) tells the visitor to reload the
/// page, in the aria-live status, instead of a general error or wrong results.
#[test]
fn scripts_older_than_the_index_ask_for_a_reload() {
    if prerequisites("scripts_older_than_the_index_ask_for_a_reload").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("temporary directory");
    let out = tmp.path().join("site");
    build(
        &repo_root().join("tests/fixtures/lineage"),
        &out,
        "the lineage fixture",
    );
    common::raise_index_version(&out.join("search/meta.json.gz"));
    run_search("version", &out);
}

/// Words each written once, deep inside a long page: page `i` writes `RARE[i % 4]` with its
/// number, and page 0 writes four of them in one paragraph.
const RARE: [&str; 4] = [
    "kvartersbiblioteket",
    "uppföljningssamtal",
    "kameraövervakning",
    "lokalförsörjningen",
];
const LONG_PAGES: usize = 64;
/// Two words that pages 1–6 and 7–12 each write three times, and page 0 once each, deep in two
/// sections: page 0 is the one page with both, and no top-five result for either alone.
const PAIR: [&str; 2] = ["solcellerna", "laddstolparna"];

/// The lineage fixture with `LONG_PAGES` long entries added: long enough that the index stores
/// each page as excerpts (an opening and windows around the words it repeats), not whole. Each
/// section: an opening, then blocks of words repeated more than the rare words (the first
/// pass's windows go there), the rare words, and one more block.
fn long_page_site(site: &Path) {
    copy_dir(&repo_root().join("tests/fixtures/lineage"), site);
    let mut areas = std::fs::read_to_string(site.join("content/areas.toml")).expect("areas.toml");
    for i in 0..LONG_PAGES {
        areas.push_str(&format!(
            "\n[[area]]\nid = \"omrade-{i}\"\nname = \"Område {i}\"\n"
        ));
        let rare = if i == 0 {
            RARE.iter()
                .map(|w| format!("{w}0 ses över. {}", "Det går bra i år. ".repeat(8)))
                .collect()
        } else {
            format!("{}{i} ses över. ", RARE[i % 4])
        };
        let body: String = (0..6)
            .map(|k| {
                let opening = format!(
                    "Arbetslag{k} och elevhälsan i enhet {i} planerar läsåret med vårdnadshavarna. "
                )
                .repeat(40);
                let block = |b: usize| format!("Moment{b}x{k} behandlas grundligt. ").repeat(40);
                let pair = match (i, k) {
                    (0, 1) => format!("{} ses över. ", PAIR[0]),
                    (0, 4) => format!("{} ses över. ", PAIR[1]),
                    (1..=6, 0) => format!("{} ses över. ", PAIR[0]).repeat(3),
                    (7..=12, 0) => format!("{} ses över. ", PAIR[1]).repeat(3),
                    _ => String::new(),
                };
                let middle = if k == 3 { rare.clone() + &pair } else { pair };
                format!(
                    "## Avsnitt {k}\n\n{opening}{}{}{}{middle}{}\n\n",
                    block(0),
                    block(1),
                    block(2),
                    block(3)
                )
            })
            .collect();
        let entry = format!("+++\narea = \"omrade-{i}\"\ntitle = \"Område {i}\"\n+++\n{body}");
        std::fs::write(
            site.join(format!("content/2025/april/{:02}-omrade-{i}.md", i + 10)),
            entry,
        )
        .expect("write an entry");
    }
    std::fs::write(site.join("content/areas.toml"), areas).expect("write areas.toml");
}

#[test]
fn excerpts_of_long_pages_show_the_word_searched_for() {
    if prerequisites("excerpts_of_long_pages_show_the_word_searched_for").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("temporary directory");
    let site = tmp.path().join("src");
    long_page_site(&site);
    let out = tmp.path().join("site");
    build(&site, &out, "the lineage fixture with long pages");
    // The index stores excerpts, not whole pages, and each word searched for below is written
    // once, past the windows its section's repeated words take: only a fragment made once the
    // postings tell that the page is found by it shows it (page 0: four in one section).
    // The last query ANDs two words that only page 0's whole text shows (`search/p/`), read
    // by range: the test server honours `Range`, as most static hosts do.
    let words: Vec<String> = (0..8)
        .map(|i| format!("{}{i}", RARE[i % 4]))
        .chain(RARE.iter().map(|w| format!("{w}0")))
        .chain([PAIR.join(" ")])
        .collect();
    run_search_words("excerpts", &out, &words);
}

/// Entries in each of two reports: with the reports' own pages, more than the 2,048 past which
/// the index writes the filters' data to files of its own, and than the 4,096 pages of one
/// such file.
const MANY_ENTRIES: usize = 2060;

#[test]
fn a_large_sites_filters_are_read_when_opened() {
    if prerequisites("a_large_sites_filters_are_read_when_opened").is_err() {
        return;
    }
    let _guard = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let mut site = TestSite::new();
    for i in 0..MANY_ENTRIES {
        site = site.area(&format!("yta-{i}"), &format!("Yta {i}"));
    }
    for (report, date) in [("2024/arsbokslut", "2024-12"), ("2025/april", "2025-04")] {
        site = site.report("Testnämnden", report, date);
        for i in 0..MANY_ENTRIES {
            // One area's pages have a word of their own: a query whose pages are in one file.
            let own = if i == 7 { " Vattenrutschkana." } else { "" };
            let body = format!("Ett gemensamt arbete i yta {i}.{own}\n");
            site = site.entry(&format!("yta-{i}"), "Inriktning.", &body);
        }
    }
    let built = site.build(&["--base-url", BASE]);
    let out = &built.out;
    assert!(
        out.join("search/f/000.json.gz").is_file(),
        "a site of this size writes its filters' data apart"
    );
    run_search("filters", out);
}

/// `run_search` with the words to search for as the last argument, one string.
fn run_search_words(mode: &str, out: &Path, words: &[String]) {
    let joined = words.join(",");
    let args = [
        std::ffi::OsStr::new(mode),
        out.as_os_str(),
        std::ffi::OsStr::new(BASE),
        std::ffi::OsStr::new(&joined),
    ];
    let what = format!("the browser search test ({mode})");
    common::browser::run_node("search.mjs", &args, &what, NODE_TIMEOUT);
}
