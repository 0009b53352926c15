//! `UPPSIKT_TIMING=1` prints how long each stage of a build took, the CPU time the process
//! spent in it (twice the wall time when both cores of a 2-core machine were busy), and the
//! process's resident memory after it (now and at its peak so far), for profiling by hand.

use std::sync::Mutex;
use std::time::Instant;

static LAST: Mutex<Option<(Instant, u64)>> = Mutex::new(None);

fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("UPPSIKT_TIMING").is_some_and(|v| v != "0"))
}

/// Starts the clock (at the start of a build).
pub fn start() {
    if enabled() {
        if let Ok(mut last) = LAST.lock() {
            *last = Some((Instant::now(), cpu_ms()));
        }
    }
}

/// Prints the time since the previous lap, naming what was done in it.
pub fn lap(what: &str) {
    if !enabled() {
        return;
    }
    if let Ok(mut last) = LAST.lock() {
        let now = (Instant::now(), cpu_ms());
        if let Some(prev) = *last {
            eprintln!(
                "timing: {:>6} ms  cpu {:>6} ms  {:>12}  {what}",
                now.0.duration_since(prev.0).as_millis(),
                now.1.saturating_sub(prev.1),
                memory()
            );
        }
        *last = Some(now);
    }
}

/// "rss/peak MB" from /proc (Linux); empty elsewhere.
pub(crate) fn memory() -> String {
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

/// User + system CPU time of the process in milliseconds, from /proc (Linux; 0 elsewhere). The
/// kernel counts in ticks of usually 10 ms.
pub fn cpu_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th of them.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0;
    };
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse::<u64>().ok())
        .sum();
    ticks * 10
}
