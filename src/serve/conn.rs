//! A small HTTP/1.1 server on std::net: one thread per connection, with limits.
//!
//! Why not tiny_http: its connection pool queues a new
//! connection behind busy threads when several arrive at once, and a thread stays busy for as
//! long as its client keeps an idle keep-alive socket open, with no timeout to set. Fifty idle
//! sockets then starve new requests (tests/serve.rs `idle_and_slow_connections_…` showed it).
//! Here every connection has its own thread from the start, an idle timeout, a write timeout
//! and a cap on how many are open; a preview server needs GET and HEAD only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Open connections (each holds a thread) before new ones get 503 and are closed.
pub const MAX_CONNECTIONS: usize = 512;
/// How long a keep-alive connection may sit idle, or a request head take to arrive.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long one write may block on a client that does not read.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_HEAD: usize = 16 * 1024;
const MAX_DISCARDED_BODY: u64 = 1024 * 1024;

/// One parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The raw request target ("/2025/?x=1").
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
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

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// Accepts connections until `stop` is set (then one more connection wakes the loop).
pub fn accept_loop(
    listener: TcpListener,
    stop: Arc<AtomicBool>,
    handler: Arc<dyn Fn(&Request) -> Reply + Send + Sync>,
) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let mut s = stream;
            let _ = s.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = s.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            continue;
        }
        let handler = handler.clone();
        let counter = open.clone();
        let spawned = std::thread::Builder::new()
            .name("uppsikt-conn".into())
            .spawn(move || {
                connection(stream, &*handler);
                counter.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Serves the requests of one connection (keep-alive) until it closes or idles out.
fn connection(stream: TcpStream, handler: &dyn Fn(&Request) -> Reply) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut out = stream;
    loop {
        let (request, keep_alive) = match read_request(&mut reader) {
            Ok(Some(r)) => r,
            Ok(None) => return,
            Err(status) => {
                let _ = write_reply(&mut out, status, &[], b"", false, false);
                let _ = out.shutdown(Shutdown::Both);
                return;
            }
        };
        let head_only = request.method == "HEAD";
        match handler(&request) {
            Reply::Full {
                status,
                headers,
                body,
            } => {
                if write_reply(&mut out, status, &headers, &body, head_only, keep_alive).is_err()
                    || !keep_alive
                {
                    let _ = out.shutdown(Shutdown::Both);
                    return;
                }
            }
            Reply::Stream(f) => {
                f(out);
                return;
            }
        }
    }
}

/// Reads one request head (and discards a small body). Ok(None): the client closed or idled
/// out between requests. Err(status): answer with that status and close.
fn read_request(reader: &mut impl BufRead) -> Result<Option<(Request, bool)>, u16> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = reader
            .take((MAX_HEAD + 1 - head.len().min(MAX_HEAD)) as u64)
            .read_until(b'\n', &mut line)
            .map_err(|_| 0u16);
        if matches!(n, Ok(0) | Err(_)) {
            // Closed or idle: between requests that is the normal end; mid-head it is too.
            return Ok(None);
        }
        if !line.ends_with(b"\n") {
            return Err(431);
        }
        if line == b"\r\n" || line == b"\n" {
            if head.is_empty() {
                continue; // stray CRLF between requests
            }
            break;
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD {
            return Err(431);
        }
    }
    let text = String::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(505);
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            return Err(400);
        };
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    };
    if request.header("Transfer-Encoding").is_some() {
        return Err(501);
    }
    let length: u64 = match request.header("Content-Length") {
        Some(v) => v.parse().map_err(|_| 400u16)?,
        None => 0,
    };
    if length > MAX_DISCARDED_BODY {
        return Err(413);
    }
    if length > 0 {
        let copied =
            std::io::copy(&mut reader.take(length), &mut std::io::sink()).map_err(|_| 400u16)?;
        if copied < length {
            return Ok(None);
        }
    }
    let connection = request
        .header("Connection")
        .unwrap_or("")
        .to_ascii_lowercase();
    let keep_alive = if version == "HTTP/1.0" {
        connection.contains("keep-alive")
    } else {
        !connection.contains("close")
    };
    Ok(Some((request, keep_alive)))
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
        // Header values are ours, but never let one split the head.
        if !v.contains(['\r', '\n']) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Option<(Request, bool)>, u16> {
        read_request(&mut BufReader::new(raw.as_bytes()))
    }

    #[test]
    fn parses_heads_and_keep_alive() {
        let (r, keep) = parse("GET /a?b HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), keep),
            ("GET", "/a?b", true)
        );
        assert_eq!(r.header("host"), Some("x"));
        let (_, keep) = parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
            .unwrap()
            .unwrap();
        assert!(!keep);
        let (_, keep) = parse("GET / HTTP/1.0\r\n\r\n").unwrap().unwrap();
        assert!(!keep);
        assert!(parse("").unwrap().is_none());
    }

    #[test]
    fn refuses_odd_requests() {
        assert_eq!(parse("GET / HTTP/2\r\n\r\n").unwrap_err(), 505);
        assert_eq!(parse("GET /\r\n\r\n").unwrap_err(), 400);
        assert_eq!(parse("GET / HTTP/1.1\r\nnocolon\r\n\r\n").unwrap_err(), 400);
        assert_eq!(
            parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap_err(),
            501
        );
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD + 10));
        assert_eq!(parse(&long).unwrap_err(), 431);
    }
}
