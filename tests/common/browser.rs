//! Whether the browser tests can run here, and the loud skip (or, with
//! `UPPSIKT_REQUIRE_BROWSER=1`, the failure) when they cannot.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn browser_dir() -> PathBuf {
    super::repo_root().join("tests").join("browser")
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// What is needed and not there, in words: Chromium, Node, Java when `java`, and the node
/// `packages` under tests/browser/node_modules.
fn missing(java: bool, packages: &[&str]) -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        missing.push(format!(
            "Chromium not found at {chromium} (apt-get install chromium, or set CHROMIUM)"
        ));
    }
    if !runs("node", "--version") {
        missing.push("node is not on PATH (Node.js 20 or later)".into());
    }
    let java_cmd = std::env::var("JAVA").unwrap_or_else(|_| "java".into());
    if java && !runs(&java_cmd, "-version") {
        missing.push(format!(
            "{java_cmd} does not run (apt-get install default-jre-headless), needed by the Nu Html Checker"
        ));
    }
    for package in packages {
        let manifest = browser_dir()
            .join("node_modules")
            .join(package)
            .join("package.json");
        if !manifest.is_file() {
            missing.push(format!(
                "tests/browser/node_modules/{package} is missing (npm ci --prefix tests/browser --ignore-scripts)"
            ));
        }
    }
    missing
}

/// Writes to the terminal past the test harness's output capture, so a skip is seen with a plain
/// `cargo test` (and is also in the captured output).
pub fn shout(text: &str) {
    match std::fs::OpenOptions::new().write(true).open("/dev/stderr") {
        Ok(mut tty) => {
            let _ = tty.write_all(text.as_bytes());
        }
        Err(_) => eprint!("{text}"),
    }
}

/// Ok(()) when `test` can run; Err(()) when it is skipped (after saying so loudly). Panics when
/// it cannot run and UPPSIKT_REQUIRE_BROWSER=1.
pub fn prerequisites(test: &str, what: &str, java: bool, packages: &[&str]) -> Result<(), ()> {
    let missing = missing(java, packages);
    if missing.is_empty() {
        return Ok(());
    }
    let reasons = missing
        .iter()
        .map(|m| format!("  - {m}\n"))
        .collect::<String>();
    if std::env::var("UPPSIKT_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("UPPSIKT_REQUIRE_BROWSER=1 but {what} cannot run:\n{reasons}");
    }
    let bar = "!".repeat(78);
    shout(&format!(
        "\n{bar}\n!! SKIPPED: {test}\n!! {what} did not run, because:\n{reasons}\
         !! Set UPPSIKT_REQUIRE_BROWSER=1 to make this a failure (.ci/run does).\n{bar}\n\n"
    ));
    println!("SKIPPED {test}: {what} did not run:\n{reasons}");
    Err(())
}

/// Builds the site at `site` into `out` under the base path `base` with the CLI.
pub fn build_site(site: &Path, out: &Path, base: &str, what: &str) {
    let build = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--output")
        .arg(out)
        .args(["--base-url", base])
        .stdin(Stdio::null())
        .output()
        .expect("run uppsikt build");
    assert!(
        build.status.success(),
        "uppsikt build of {what} failed ({}):\n{}{}",
        build.status,
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );
}

/// Runs `node tests/browser/<script> <args>`, stopping it after `timeout`; panics with its
/// whole output when it fails, prints it (seen with --nocapture) when it passes.
pub fn run_node(script: &str, args: &[&std::ffi::OsStr], what: &str, timeout: std::time::Duration) {
    let log_dir = tempfile::tempdir().expect("temporary directory");
    let log_path = log_dir.path().join("node.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let started = std::time::Instant::now();
    let mut child = Command::new("node")
        .arg(browser_dir().join(script))
        .args(args)
        .current_dir(super::repo_root())
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log file"))
        .stderr(log)
        .spawn()
        .expect("start node");
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for node") {
            break Some(status);
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let output = std::fs::read_to_string(&log_path).unwrap_or_default();
    match status {
        Some(s) if s.success() => println!("{output}"),
        Some(s) => panic!("{what} failed ({s}):\n\n{output}"),
        None => panic!(
            "{what} did not finish within {} s; output so far:\n\n{output}",
            timeout.as_secs()
        ),
    }
}
