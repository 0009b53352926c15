//! Reading and parsing request heads, within deadlines.
//!
//! A per-read timeout is not enough: a client that sends one byte every few seconds never
//! trips it and holds its connection for ever. So a connection gets `idle_timeout` for the
//! first byte of its next request and then `head_timeout` for the whole head (and a small
//! body), however the bytes trickle in; past it the request gets 408 and the connection ends.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The largest request head accepted (431 past it).
pub const MAX_HEAD: usize = 16 * 1024;
/// The largest body read and thrown away (a preview server answers GET and HEAD only).
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

/// A parsed head: the request, whether the connection stays open after it, its body length.
#[derive(Debug)]
pub struct Head {
    pub request: Request,
    pub keep_alive: bool,
    pub body: u64,
    /// HTTP/1.1 (else 1.0, which knows no 100 Continue).
    pub http11: bool,
}

/// Reads request heads from one connection. Bytes read past a head (a pipelined request)
/// stay in `buf` for the next one.
pub struct HeadReader {
    socket: TcpStream,
    buf: Vec<u8>,
}

/// Why no request was read.
#[derive(Debug, PartialEq, Eq)]
pub enum NoRequest {
    /// The client closed, or sent nothing within the idle timeout: end quietly.
    Closed,
    /// Answer with this status, then close.
    Refuse(u16),
}

impl HeadReader {
    pub fn new(socket: TcpStream) -> HeadReader {
        HeadReader {
            socket,
            buf: Vec::new(),
        }
    }

    /// The next request: `idle` for its first byte, then `whole` for the rest of its head and
    /// its body (which is read and thrown away).
    pub fn next(&mut self, idle: Duration, whole: Duration) -> Result<Head, NoRequest> {
        let idle_deadline = Instant::now() + idle;
        let mut head_deadline = None;
        let raw = loop {
            // Stray line ends between requests are not the start of a request.
            let stray = self.buf.iter().take_while(|b| matches!(b, b'\r' | b'\n'));
            let stray = stray.count();
            self.buf.drain(..stray);
            if !self.buf.is_empty() && head_deadline.is_none() {
                head_deadline = Some(Instant::now() + whole);
            }
            // The limit holds for the head itself, not for what one read brought: a head
            // of 20 kB sent at once is as much too large as one that trickles in.
            match head_end(&self.buf) {
                Some(end) if end > MAX_HEAD => return Err(NoRequest::Refuse(too_large(&self.buf))),
                Some(end) => break self.buf.drain(..end).collect::<Vec<u8>>(),
                None if self.buf.len() > MAX_HEAD => {
                    return Err(NoRequest::Refuse(too_large(&self.buf)))
                }
                None => {}
            }
            let timed_out = match head_deadline {
                Some(_) => NoRequest::Refuse(408),
                None => NoRequest::Closed,
            };
            self.fill(head_deadline.unwrap_or(idle_deadline), timed_out)?;
        };
        let head = parse(&raw).map_err(NoRequest::Refuse)?;
        if head.body > 0 {
            self.continue_if_expected(&head);
            let deadline = head_deadline.unwrap_or_else(|| Instant::now() + whole);
            self.discard(head.body, deadline)?;
        }
        Ok(head)
    }

    /// A client that sends `Expect: 100-continue` holds its body back until told to send it
    /// (RFC 9110 §10.1.1): tell it, rather than wait out the deadline for a body that never
    /// comes. The final answer follows as usual once the body is read.
    fn continue_if_expected(&mut self, head: &Head) {
        let expect = head.request.header("Expect").unwrap_or("");
        if head.http11 && expect.eq_ignore_ascii_case("100-continue") {
            // A client that cannot take it will not send its body either: the deadline ends it.
            let _ = (&self.socket).write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }
    }

    /// Reads more bytes into `buf` before `deadline`; `timed_out` is the answer past it.
    fn fill(&mut self, deadline: Instant, timed_out: NoRequest) -> Result<(), NoRequest> {
        let mut chunk = [0u8; 4096];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.socket.set_read_timeout(Some(left)).is_err() {
                return Err(timed_out);
            }
            match self.socket.read(&mut chunk) {
                Ok(0) => return Err(NoRequest::Closed),
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if is_timeout(&e) => {}
                Err(_) => return Err(NoRequest::Closed),
            }
        }
    }

    /// Reads and drops a body of `length` bytes before `deadline`.
    fn discard(&mut self, mut length: u64, deadline: Instant) -> Result<(), NoRequest> {
        loop {
            let have = (self.buf.len() as u64).min(length);
            self.buf.drain(..have as usize);
            length -= have;
            if length == 0 {
                return Ok(());
            }
            self.fill(deadline, NoRequest::Refuse(408))?;
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// The status for a head over `MAX_HEAD`: 414 (URI Too Long) when the request line alone
/// is, else 431 (Request Header Fields Too Large), as RFC 9110 tells them apart.
fn too_large(buf: &[u8]) -> u16 {
    match buf.iter().position(|&b| b == b'\n') {
        Some(line) if line <= MAX_HEAD => 431,
        _ => 414,
    }
}

/// Where the head in `buf` ends (just past its blank line), if it is all there.
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Parses a whole head (request line, header lines, blank line). Err is the status to answer.
pub fn parse(raw: &[u8]) -> Result<Head, u16> {
    let text = std::str::from_utf8(raw).map_err(|_| 400u16)?;
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .take_while(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    // A control character (a bare CR, NUL, …) in the target or a header could split or
    // smuggle a response header (a redirect copies the query into Location): refuse it.
    let control = |l: &str| l.chars().any(|c| c.is_control() && c != '\t');
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if control(first) || method.is_empty() || target.is_empty() {
        return Err(400);
    }
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(505);
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            return Err(400);
        };
        if control(line) || k.is_empty() || k.ends_with([' ', '\t']) {
            return Err(400);
        }
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let request = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
    };
    if request.header("Transfer-Encoding").is_some() {
        return Err(501);
    }
    let body = body_length(&request).ok_or(400u16)?;
    if body > MAX_DISCARDED_BODY {
        return Err(413);
    }
    // RFC 9112 §3.2: an HTTP/1.1 request names its host once (1.0 may leave it out); two
    // could each be read as the one that counts (the `Host` check of `Server::handle`).
    let hosts = (request.headers.iter())
        .filter(|(k, _)| k.eq_ignore_ascii_case("Host"))
        .count();
    if hosts > 1 || (hosts == 0 && version == "HTTP/1.1") {
        return Err(400);
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
    Ok(Head {
        request,
        keep_alive,
        body,
        http11: version == "HTTP/1.1",
    })
}

/// The body's length from every `Content-Length` line (0 without one); None when that is
/// not one number of digits. RFC 9112 §6.3: a `+` or a sign is no length, and lengths that
/// differ leave the framing unknown, so what follows the head could be read as a request
/// the client never meant (smuggling). Equal values, also as a list ("5, 5"), are one.
fn body_length(request: &Request) -> Option<u64> {
    let mut length = None;
    let values = request.headers.iter();
    let values = values.filter(|(k, _)| k.eq_ignore_ascii_case("Content-Length"));
    for value in values.flat_map(|(_, v)| v.split(',')) {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Too many digits for u64 is more than any limit: say so with the largest length.
        let n = value.parse().unwrap_or(u64::MAX);
        if length.is_some_and(|l| l != n) {
            return None;
        }
        length = Some(n);
    }
    Some(length.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_heads_and_keep_alive() {
        let h = parse(b"GET /a?b HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let r = &h.request;
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), h.keep_alive),
            ("GET", "/a?b", true)
        );
        assert_eq!(r.header("host"), Some("x"));
        assert!(
            !parse(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap()
                .keep_alive
        );
        assert!(!parse(b"GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
        assert!(
            parse(b"GET / HTTP/1.0\nConnection: keep-alive\n\n")
                .unwrap()
                .keep_alive
        );
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n")
                .unwrap()
                .body,
            5
        );
    }

    #[test]
    fn refuses_odd_requests() {
        let status = |raw: &[u8]| parse(raw).unwrap_err();
        assert_eq!(status(b"GET / HTTP/2\r\n\r\n"), 505);
        assert_eq!(status(b"GET /\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nnocolon\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost : x\r\n\r\n"), 400);
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            501
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nContent-Length: 9999999\r\n\r\n"),
            413
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
            400
        );
        assert_eq!(status(b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n"), 400);
        // HTTP/1.1 names its host, once.
        assert_eq!(status(b"GET / HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n"), 400);
        assert_eq!(status(b"GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n"), 400);
    }

    #[test]
    fn control_characters_in_the_target_or_a_header_are_refused() {
        for raw in [
            &b"GET /2025?a\rLocation: /x HTTP/1.1\r\n\r\n"[..],
            b"GET /2025?a\x00b HTTP/1.1\r\n\r\n",
            b"GET /2025?a\x1bb HTTP/1.1\r\n\r\n",
            b"GET /2025?a\x7fb HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",
        ] {
            assert_eq!(parse(raw).unwrap_err(), 400, "{raw:?}");
        }
        // A tab in a header value is allowed (RFC 9110 field values).
        assert!(parse(b"GET / HTTP/1.1\r\nHost: x\r\nX: a\tb\r\n\r\n").is_ok());
    }

    #[test]
    fn finds_the_end_of_a_head() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\nGET"), Some(18));
        assert_eq!(head_end(b"GET / HTTP/1.1\n\nGET"), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
    }
}
