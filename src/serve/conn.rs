//! A small HTTP/1.1 server on std::net: one thread per connection, with limits.
//!
//! Why not tiny_http: its connection pool queues a new connection behind busy threads when
//! several arrive at once, and a thread stays busy for as long as its client keeps an idle
//! keep-alive socket open, with no timeout to set. Fifty idle sockets then starve new requests
//! (tests/serve.rs `idle_and_slow_connections_…` showed it). Here every connection has its own
//! thread from the start, and the server stays usable under misbehaving clients:
//! - a request head must arrive whole within a deadline (`head`), not just byte by byte;
//! - when every slot is taken, the connection that has waited longest on its client (idle
//!   between requests, sending its head, or reading its response slowly) is closed to make
//!   room, and only when none is waiting does a new connection get 503;
//! - a slot is released when its thread ends, also when a handler panics (which answers 500).
//!
//! A preview server needs GET and HEAD only.

use std::collections::HashMap;
use std::io::Write;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use super::head::Request;
use super::head::{HeadReader, NoRequest};

/// The server's limits. `Limits::default()` is what `uppsikt serve` uses.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open connections (each holds a thread); past it the longest-waiting one is closed.
    pub max_connections: usize,
    /// How long a connection may wait for the first byte of its next request.
    pub idle_timeout: Duration,
    /// How long the whole request head (and a small body) may take from its first byte.
    pub head_timeout: Duration,
    /// How long one write may block on a client that does not read.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 512,
            idle_timeout: Duration::from_secs(30),
            head_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
        }
    }
}

/// The environment variable that shortens the head deadline, in milliseconds (for tests:
/// proving the deadline must not take `head_timeout`'s real ten seconds).
pub const HEAD_TIMEOUT_ENV: &str = "UPPSIKT_SERVE_HEAD_TIMEOUT_MS";

impl Limits {
    /// The defaults, with `head_timeout` from `UPPSIKT_SERVE_HEAD_TIMEOUT_MS` when it is set.
    pub fn from_env() -> Limits {
        let mut limits = Limits::default();
        let ms = std::env::var(HEAD_TIMEOUT_ENV).ok();
        if let Some(ms) = ms.and_then(|v| v.trim().parse::<u64>().ok()) {
            limits.head_timeout = Duration::from_millis(ms.max(1));
        }
        limits
    }
}

/// A response to write, or a stream that takes over the connection.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Arc<Vec<u8>>,
    },
    /// The handler writes the rest itself (live-reload events); the connection ends after.
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

pub type Handler = Arc<dyn Fn(&Request) -> Reply + Send + Sync>;

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// What a connection is doing, for choosing which to close when the server is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request, or for the rest of its head: the client's turn.
    Waiting,
    /// Writing a response; a client that reads slowly keeps it here.
    Writing,
    /// The handler runs, or a live-reload stream is open: never closed to make room.
    Busy,
}

struct Slot {
    phase: Phase,
    since: Instant,
    /// A handle on the connection's socket, to close it from the accept thread.
    socket: Option<TcpStream>,
}

/// The open connections.
struct Slots {
    limit: usize,
    open: Mutex<(u64, HashMap<u64, Slot>)>,
}

/// A writer still at it after this long reads slowly, and may be closed to make room.
const SLOW_WRITE: Duration = Duration::from_secs(1);

impl Slots {
    fn lock(&self) -> MutexGuard<'_, (u64, HashMap<u64, Slot>)> {
        // A panic never happens while the lock is held, but a poisoned map is still whole.
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A slot for a new connection; when all are taken, closes the connection that has waited
    /// longest on its client to make room. None when every connection is busy.
    fn admit(&self, socket: &TcpStream) -> Option<u64> {
        let mut guard = self.lock();
        let (next, open) = &mut *guard;
        if open.len() >= self.limit {
            let now = Instant::now();
            let victim = open
                .iter()
                .filter(|(_, s)| match s.phase {
                    Phase::Waiting => true,
                    Phase::Writing => now.duration_since(s.since) > SLOW_WRITE,
                    Phase::Busy => false,
                })
                .min_by_key(|(_, s)| (s.phase != Phase::Waiting, s.since))
                .map(|(id, _)| *id)?;
            if let Some(socket) = open.remove(&victim).and_then(|s| s.socket) {
                // Wakes the connection's thread from its read or write; it then ends.
                let _ = socket.shutdown(Shutdown::Both);
            }
        }
        *next += 1;
        let slot = Slot {
            phase: Phase::Waiting,
            since: Instant::now(),
            socket: socket.try_clone().ok(),
        };
        open.insert(*next, slot);
        Some(*next)
    }

    fn set(&self, id: u64, phase: Phase) {
        if let Some(slot) = self.lock().1.get_mut(&id) {
            slot.phase = phase;
            slot.since = Instant::now();
        }
    }
}

/// Holds a connection's slot; dropping it (when the thread ends, also by a panic) frees it.
struct Held {
    slots: Arc<Slots>,
    id: u64,
}

impl Drop for Held {
    fn drop(&mut self) {
        self.slots.lock().1.remove(&self.id);
    }
}

/// Accepts connections until `stop` is set (then one more connection wakes the loop).
pub fn accept_loop(listener: TcpListener, limits: Limits, stop: Arc<AtomicBool>, handler: Handler) {
    let slots = Arc::new(Slots {
        limit: limits.max_connections.max(1),
        open: Mutex::default(),
    });
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors, say: do not spin while it lasts.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let Some(id) = slots.admit(&stream) else {
            let mut s = stream;
            let _ = s.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = s.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            continue;
        };
        let held = Held {
            slots: slots.clone(),
            id,
        };
        let handler = handler.clone();
        // If the thread cannot start, the closure (and `held` in it) is dropped: slot freed.
        let _ = std::thread::Builder::new()
            .name("uppsikt-conn".into())
            .spawn(move || connection(stream, &limits, &held, &*handler));
    }
}

/// Serves the requests of one connection (keep-alive) until it closes, idles out, or its
/// client is too slow.
fn connection(
    stream: TcpStream,
    limits: &Limits,
    held: &Held,
    handler: &dyn Fn(&Request) -> Reply,
) {
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = HeadReader::new(read_half);
    let mut out = stream;
    let phase = |p| held.slots.set(held.id, p);
    loop {
        phase(Phase::Waiting);
        let head = match reader.next(limits.idle_timeout, limits.head_timeout) {
            Ok(head) => head,
            Err(NoRequest::Closed) => return,
            Err(NoRequest::Refuse(status)) => {
                phase(Phase::Writing);
                let _ = write_reply(&mut out, status, &[], b"", false, false);
                let _ = out.shutdown(Shutdown::Both);
                return;
            }
        };
        phase(Phase::Busy);
        let head_only = head.request.method == "HEAD";
        let reply = catch_unwind(AssertUnwindSafe(|| handler(&head.request)));
        let (status, headers, body, keep_alive) = match reply {
            Ok(Reply::Full {
                status,
                headers,
                body,
            }) => (status, headers, body, head.keep_alive),
            Ok(Reply::Stream(f)) => {
                f(out);
                return;
            }
            // The panic is printed by the hook; the client gets an answer, the slot is freed.
            Err(_) => (500, Vec::new(), Arc::default(), false),
        };
        phase(Phase::Writing);
        if write_reply(&mut out, status, &headers, &body, head_only, keep_alive).is_err()
            || !keep_alive
        {
            let _ = out.shutdown(Shutdown::Both);
            return;
        }
    }
}

fn write_reply(
    out: &mut impl Write,
    status: u16,
    headers: &[(&'static str, String)],
    body: &[u8],
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        // Header values are ours (and request heads with control characters are refused),
        // but never let one split the head.
        if !v.chars().any(char::is_control) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}
