//! `UPPSIKT_TIMING=1` prints how long each stage of a build took, for profiling by hand.

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
                "timing: {:>6} ms  {what}",
                now.duration_since(prev).as_millis()
            );
        }
        *last = Some(now);
    }
}
