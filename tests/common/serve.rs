//! `uppsikt serve` run as a command, as a user runs it: started on a free port, every line it
//! prints kept, its address read from the line that ends with the URL. Shared by
//! tests/serve.rs, tests/serve_limits.rs and examples/bench_serve.rs (which includes this file
//! by path), so it uses nothing else of `tests/common`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A running `uppsikt serve`; killed when dropped.
pub struct ServeProcess {
    child: Child,
    /// "127.0.0.1:43817"
    pub addr: String,
    /// "http://127.0.0.1:43817/" (with the base path)
    pub url: String,
    stdout: Lines,
    stderr: Lines,
}

/// The lines a stream printed so far, and a signal for each new one.
#[derive(Clone, Default)]
struct Lines(Arc<(Mutex<Vec<String>>, Condvar)>);

impl Lines {
    /// Reads `from` line by line until it ends (so the server never blocks on a full pipe).
    fn collect(from: impl Read + Send + 'static) -> Lines {
        let lines = Lines::default();
        let keep = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(from).lines().map_while(Result::ok) {
                let (all, added) = &*keep.0;
                all.lock().unwrap().push(line);
                added.notify_all();
            }
        });
        lines
    }

    fn all(&self) -> Vec<String> {
        self.0 .0.lock().unwrap().clone()
    }

    /// Waits until a line from the `skip`-th on satisfies `want`; returns its number and text.
    fn wait(
        &self,
        skip: usize,
        deadline: Duration,
        want: impl Fn(&str) -> bool,
    ) -> Option<(usize, String)> {
        let start = Instant::now();
        let (all, added) = &*self.0;
        let mut lines = all.lock().unwrap();
        loop {
            if let Some(i) = (skip..lines.len()).find(|&i| want(&lines[i])) {
                return Some((i, lines[i].clone()));
            }
            let left = deadline.checked_sub(start.elapsed())?;
            lines = added.wait_timeout(lines, left).unwrap().0;
        }
    }
}

/// The URL of serve's "Serving the preview at …" line, in either language: the line ends with
/// it.
pub fn served_url(line: &str) -> Option<&str> {
    ["Förhandsvisningen finns på ", "Serving the preview at "]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix))
        .map(str::trim)
}

/// serve's last start-up line ("Watching …"), in either language.
fn watching(line: &str) -> bool {
    line.starts_with("Bevakar") || line.starts_with("Watching")
}

impl ServeProcess {
    /// Starts `bin serve --root ROOT --port 0 ARGS…` with `env` added, and waits up to
    /// `deadline` until it has printed all its start-up lines; panics with what it printed if
    /// it does not.
    pub fn start(
        bin: &Path,
        root: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        deadline: Duration,
    ) -> ServeProcess {
        let mut child = Command::new(bin)
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
        let stdout = Lines::collect(child.stdout.take().unwrap());
        let stderr = Lines::collect(child.stderr.take().unwrap());
        let url = stdout.wait(0, deadline, watching).and_then(|_| {
            stdout
                .all()
                .iter()
                .find_map(|l| served_url(l).map(String::from))
        });
        let Some(url) = url else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "serve did not start within {deadline:?}; it printed {:?}, and on stderr {:?}",
                stdout.all(),
                stderr.all()
            );
        };
        let addr = url
            .strip_prefix("http://")
            .and_then(|u| u.split('/').next())
            .unwrap()
            .to_string();
        ServeProcess {
            child,
            addr,
            url,
            stdout,
            stderr,
        }
    }

    /// Its process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Every line it printed on stdout so far.
    pub fn stdout_lines(&self) -> Vec<String> {
        self.stdout.all()
    }

    /// What it printed on stdout so far, one line each.
    pub fn stdout(&self) -> String {
        lines_text(self.stdout.all())
    }

    /// What it printed on stderr so far, one line each.
    pub fn stderr(&self) -> String {
        lines_text(self.stderr.all())
    }

    /// Waits until a stdout line from the `skip`-th on satisfies `want`: its number and text.
    pub fn wait_stdout(
        &self,
        skip: usize,
        deadline: Duration,
        want: impl Fn(&str) -> bool,
    ) -> Option<(usize, String)> {
        self.stdout.wait(skip, deadline, want)
    }
}

fn lines_text(lines: Vec<String>) -> String {
    lines.into_iter().map(|l| format!("{l}\n")).collect()
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
