//! `uppsikt serve` under clients that misbehave or simply pile up: tabs that navigate many
//! times, slow and idle connections, a full server, a handler that panics, requests with
//! control characters, and `--bind 0.0.0.0`. Real sockets on 127.0.0.1 only; every loop is
//! bounded in count and time.
mod common;
use common::in_process::{fixture_copy, start};
use common::serve::ServeProcess;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uppsikt::serve::conn;

const DEADLINE: Duration = Duration::from_secs(60);

/// The status and head of one request sent raw, on its own connection.
fn request(addr: &str, raw: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(raw).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let head = text.split("\r\n\r\n").next().unwrap_or("").to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    (status, head)
}

fn get(addr: &str, target: &str) -> u16 {
    let raw = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    request(addr, raw.as_bytes()).0
}

/// An open live-reload stream, read up to its `hello`; or the status it was refused with.
fn open_events(addr: &str) -> Result<BufReader<TcpStream>, u16> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream
        .write_all(b"GET /__uppsikt/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let code: u16 = status.split(' ').nth(1).unwrap().parse().unwrap();
    if code != 200 {
        return Err(code);
    }
    wait_line(&mut reader, "event: hello");
    Ok(reader)
}

/// Reads lines until one starts with `prefix`.
fn wait_line(reader: &mut BufReader<TcpStream>, prefix: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        if line.starts_with(prefix) {
            return;
        }
    }
}

fn edit_entry(root: &Path, marker: &str) {
    let path = root.join("content/2025/april/01-hog-franvaro.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{marker}\n")).unwrap();
}

#[test]
fn a_tab_that_navigates_150_times_keeps_live_reload() {
    let s = start();
    // Each navigation opens a new stream and closes the old one.
    for i in 0..150 {
        let stream = open_events(&s.addr);
        assert!(stream.is_ok(), "navigation {i}: {:?}", stream.err());
    }
    let mut tab = open_events(&s.addr).expect("the 151st stream is served");
    edit_entry(&s.root, "Efter många sidbyten.");
    wait_line(&mut tab, "event: reload");
}

#[test]
fn open_streams_are_still_limited() {
    let s = start();
    let mut open: Vec<_> = (0..128).map(|_| open_events(&s.addr).unwrap()).collect();
    assert_eq!(open_events(&s.addr).err(), Some(503), "129 open tabs");
    open.pop();
    assert!(open_events(&s.addr).is_ok(), "a tab closed, a slot freed");
    assert_eq!(get(&s.addr, "/"), 200, "pages are still served");
}

#[test]
fn a_full_server_closes_slow_and_idle_connections_first() {
    let s = start();
    // A tab's live-reload stream is busy, not slow: it must survive the flood.
    let mut tab = open_events(&s.addr).unwrap();
    // 600 connections (more than the 512 slots) that send a request head a byte at a time.
    let mut slow: Vec<TcpStream> = (0..600)
        .map(|_| {
            let mut t = TcpStream::connect(&s.addr).unwrap();
            let _ = t.write_all(b"GET / HTTP/1.1\r\nX-Slow: ");
            t
        })
        .collect();
    let started = Instant::now();
    for round in 0..5 {
        for t in &mut slow {
            // A connection the server closed fails here; that is the point.
            let _ = t.write_all(b"a");
        }
        for _ in 0..4 {
            assert_eq!(get(&s.addr, "/"), 200, "round {round}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(started.elapsed() < DEADLINE);
    edit_entry(&s.root, "Under belastning.");
    wait_line(&mut tab, "event: reload");
    drop(slow);
}

#[test]
fn a_redirect_with_a_cr_in_its_query_is_refused() {
    let s = start();
    let (status, head) = request(
        &s.addr,
        b"GET /2025?a\rSet-Cookie:x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 400, "{head}");
    assert!(!head.to_ascii_lowercase().contains("set-cookie"), "{head}");
    let (status, _) = request(
        &s.addr,
        b"GET /2025?a\x01b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 400);
    let (status, head) = request(
        &s.addr,
        b"GET /2025?a=%0D1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 301);
    assert!(head.contains("\r\nLocation: /2025/?a=%0D1"), "{head}");
}

/// `conn::accept_loop` alone on a free port, with `limits` and `handler`; stopped when dropped.
struct Loop {
    addr: String,
    stop: Arc<AtomicBool>,
}

impl Loop {
    fn start(limits: conn::Limits, handler: conn::Handler) -> Loop {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let stop_loop = stop.clone();
        std::thread::spawn(move || conn::accept_loop(listener, limits, stop_loop, handler));
        Loop { addr, stop }
    }
}

impl Drop for Loop {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = TcpStream::connect(&self.addr);
    }
}

fn ok(body: &str) -> conn::Reply {
    conn::Reply::Full {
        status: 200,
        headers: Vec::new(),
        body: Arc::new(body.as_bytes().to_vec()),
    }
}

#[test]
fn a_panicking_handler_answers_500_and_frees_its_slot() {
    let limits = conn::Limits {
        max_connections: 4,
        ..conn::Limits::default()
    };
    let server = Loop::start(
        limits,
        Arc::new(|request| {
            assert!(request.target != "/panic", "a bug in a handler");
            ok("ok")
        }),
    );
    // Each panic would leak a slot if it were not freed: ten of them fill four slots twice.
    for _ in 0..10 {
        assert_eq!(get(&server.addr, "/panic"), 500);
    }
    assert_eq!(get(&server.addr, "/"), 200);
}

#[test]
fn idle_connections_time_out_and_busy_ones_are_never_closed_for_room() {
    let limits = conn::Limits {
        max_connections: 2,
        idle_timeout: Duration::from_millis(300),
        ..conn::Limits::default()
    };
    // "/wait" says it has started, then holds its handler until the test lets it go.
    let (release, wait) = channel::<()>();
    let (entered_tx, entered) = channel::<()>();
    let wait = Arc::new(Mutex::new((wait, entered_tx)));
    let server = Loop::start(
        limits,
        Arc::new(move |request| {
            if request.target == "/wait" {
                let wait = wait.lock().unwrap();
                wait.1.send(()).unwrap();
                let _ = wait.0.recv_timeout(DEADLINE);
            }
            ok("ok")
        }),
    );
    // A connection that sends nothing is closed, without an answer, after the idle timeout.
    let mut idle = TcpStream::connect(&server.addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut got = Vec::new();
    assert_eq!(idle.read_to_end(&mut got).unwrap(), 0);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // Two busy connections fill the server: a third is refused rather than closing one.
    let addr = server.addr.clone();
    let busy: Vec<_> = (0..2)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || get(&addr, "/wait"))
        })
        .collect();
    // The first holds the handler's lock; the second waits for it: both are busy.
    entered.recv_timeout(DEADLINE).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        get(&server.addr, "/"),
        503,
        "a full server of busy connections"
    );
    release.send(()).unwrap();
    entered.recv_timeout(DEADLINE).unwrap();
    release.send(()).unwrap();
    for b in busy {
        assert_eq!(b.join().unwrap(), 200, "the busy requests were answered");
    }
    assert_eq!(get(&server.addr, "/"), 200);
}

/// The real binary, for what only the command line does.
fn binary(root: &Path, args: &[&str], env: &[(&str, &str)]) -> ServeProcess {
    let bin = Path::new(env!("CARGO_BIN_EXE_uppsikt"));
    ServeProcess::start(bin, root, args, env, DEADLINE)
}

#[test]
fn a_request_head_has_a_whole_deadline_not_a_per_read_timeout() {
    let (_tmp, root) = fixture_copy();
    let b = binary(&root, &[], &[(conn::HEAD_TIMEOUT_ENV, "400")]);
    let mut slow = TcpStream::connect(&b.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
    // A byte every 50 ms, far inside any per-read timeout, for at most 4 s.
    let started = Instant::now();
    let mut answer = Vec::new();
    while started.elapsed() < Duration::from_secs(4) {
        if slow.write_all(b"a").is_err() {
            break;
        }
        let mut buf = [0u8; 512];
        match slow.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(_) => {} // nothing yet
        }
    }
    let took = started.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 408"),
        "{answer:?} after {took:?}"
    );
    assert!(took < Duration::from_secs(3), "closed after {took:?}");
    assert_eq!(get(&b.addr, "/"), 200);
}

#[test]
fn bind_all_prints_the_address_a_phone_can_open() {
    // The fixture is a Swedish site, so the line is in Swedish.
    let (_tmp, root) = fixture_copy();
    let b = binary(&root, &["--bind", "0.0.0.0"], &[]);
    let printed = b.stdout_lines();
    let port = b.addr.rsplit(':').next().unwrap();
    let url = printed
        .iter()
        .find_map(|l| l.split_once("samma nätverk: öppna http://").map(|(_, u)| u));
    match url {
        Some(url) => {
            let (ip, rest) = url.split_once(':').unwrap();
            assert_eq!(rest, format!("{port}/"), "{printed:?}");
            let ip: std::net::IpAddr = ip.parse().unwrap();
            assert!(!ip.is_loopback() && !ip.is_unspecified(), "{printed:?}");
            // Only an address of this machine can be bound: no packet is sent to check it.
            assert!(
                TcpListener::bind((ip, 0)).is_ok(),
                "{ip} is not this machine's"
            );
        }
        // A machine with no network at all gets words instead of an address.
        None => assert!(
            printed
                .iter()
                .any(|l| l.contains(&format!("nätverksadress, port {port}"))),
            "{printed:?}"
        ),
    }
    assert_eq!(get(&b.addr, "/"), 200);
}
