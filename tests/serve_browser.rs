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
use common::in_process::{fixture_copy, serve_copy};
use std::time::Duration;

#[test]
fn live_reload_works_in_a_real_browser() {
    // check.mjs (imported for its browser launch) needs these at load time.
    let packages = ["playwright-core", "axe-core", "node-html-parser"];
    let what = "the browser live-reload test";
    let test = "live_reload_works_in_a_real_browser";
    if common::browser::prerequisites(test, what, false, &packages).is_err() {
        return;
    }
    let (tmp, root) = fixture_copy();
    copy_dir(
        &common::repo_root().join("themes/default"),
        &root.join("themes/default"),
    );
    let served = serve_copy(tmp, root);
    let origin = format!("http://{}", served.addr);
    let args = [std::ffi::OsStr::new(&origin), served.root.as_os_str()];
    common::browser::run_node("reload.mjs", &args, what, Duration::from_secs(180));
}
