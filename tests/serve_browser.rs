//! Live reload in a real browser, driven from `cargo test`: `uppsikt serve` in this process on
//! a copy of the lineage fixture (with its own copy of the default theme), and
//! `tests/browser/reload.mjs` in headless Chromium on an entry page while it edits the files:
//! a stylesheet change swapped in without a reload, a text change reloading at the same scroll
//! position, the error overlay (text, never markup) over the last good page, and its removal.
//!
//! Needs Chromium (`/usr/bin/chromium` or `$CHROMIUM`), Node and
//! `npm ci --prefix tests/browser --ignore-scripts`. When one is missing the test is skipped
//! with a banner on the terminal, unless `UPPSIKT_REQUIRE_BROWSER=1`, when it fails.

mod common;

use common::copy_dir;
use std::time::Duration;
use uppsikt::serve;

#[test]
fn live_reload_works_in_a_real_browser() {
    // check.mjs (imported for its browser launch) needs these at load time.
    let packages = ["playwright-core", "axe-core", "node-html-parser"];
    let what = "the browser live-reload test";
    let test = "live_reload_works_in_a_real_browser";
    if common::browser::prerequisites(test, what, false, &packages).is_err() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::repo_root().join("tests/fixtures/lineage"), &root);
    copy_dir(
        &common::repo_root().join("themes/default"),
        &root.join("themes/default"),
    );
    let running = serve::start(serve::ServeOptions {
        root: root.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        base_url: None,
        drafts: false,
        open: false,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let origin = format!("http://{}", running.addr);
    let args = [std::ffi::OsStr::new(&origin), root.as_os_str()];
    common::browser::run_node("reload.mjs", &args, what, Duration::from_secs(180));
}
