//! `UPPSIKT_TIMING=1` prints how long each stage of a build took, the CPU time the process
//! spent in it (twice the wall time when both cores of a 2-core machine were busy) and how much
//! of that the kernel spent on its behalf (creating folders and files, copying what is written:
//! it grows with the file system's state as well as with the site), and the process's resident
//! memory after it (now and at its peak so far), for profiling by hand and `benches/stages.sh`.

use std::sync::Mutex;
use std::time::Instant;

static LAST: Mutex<Option<(Instant, Cpu)>> = Mutex::new(None);

fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("UPPSIKT_TIMING").is_some_and(|v| v != "0"))
}

/// Starts the clock (at the start of a build).
pub fn start() {
    if enabled() {
        if let Ok(mut last) = LAST.lock() {
            *last = Some((Instant::now(), cpu()));
        }
    }
}

/// Prints the time since the previous lap, naming what was done in it.
pub fn lap(what: &str) {
    if !enabled() {
        return;
    }
    if let Ok(mut last) = LAST.lock() {
        let now = (Instant::now(), cpu());
        if let Some(prev) = *last {
            let kernel = now.1.kernel.saturating_sub(prev.1.kernel);
            eprintln!(
                "timing: {:>6} ms  cpu {:>6} ms  kernel {:>6} ms  {:>12}  {what}",
                now.0.duration_since(prev.0).as_millis(),
                now.1.total().saturating_sub(prev.1.total()),
                kernel,
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
    cpu().total()
}

/// The process's CPU time so far, in milliseconds: in its own code and in the kernel.
#[derive(Clone, Copy, Default)]
struct Cpu {
    user: u64,
    kernel: u64,
}

impl Cpu {
    fn total(self) -> u64 {
        self.user + self.kernel
    }
}

fn cpu() -> Cpu {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Cpu::default();
    };
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th of them.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return Cpu::default();
    };
    let mut ticks = (rest.split_whitespace().skip(11)).map(|v| v.parse::<u64>().unwrap_or(0));
    let (user, kernel) = (ticks.next().unwrap_or(0), ticks.next().unwrap_or(0));
    Cpu {
        user: user * 10,
        kernel: kernel * 10,
    }
}
