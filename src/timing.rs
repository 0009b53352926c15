//! `UPPSIKT_TIMING=1` prints how long each stage of a build took, and the process's resident
//! memory after it (now and at its peak so far), for profiling by hand.

use std::sync::Mutex;
use std::time::Instant;

static LAST: Mutex<Option<Instant>> = Mutex::new(None);

fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("UPPSIKT_TIMING").is_some_and(|v| v != "0"))
}

/// Starts the clock (at the start of a build).
pub fn start() {
    if enabled() {
        if let Ok(mut last) = LAST.lock() {
            *last = Some(Instant::now());
        }
    }
}

/// Prints the time since the previous lap, naming what was done in it.
pub fn lap(what: &str) {
    if !enabled() {
        return;
    }
    if let Ok(mut last) = LAST.lock() {
        let now = Instant::now();
        if let Some(prev) = *last {
            eprintln!(
                "timing: {:>6} ms  {:>12}  {what}",
                now.duration_since(prev).as_millis(),
                memory()
            );
        }
        *last = Some(now);
    }
}

/// "rss/peak MB" from /proc (Linux); empty elsewhere.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    format!("{}/{} MB", field("VmRSS:"), field("VmHWM:"))
}
