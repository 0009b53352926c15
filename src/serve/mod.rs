//! `uppsikt serve`: builds the site in memory, serves it over HTTP (`conn`), watches the sources
//! and rebuilds, and tells the open tabs (live reload over Server-Sent Events on the same
//! port).
//!
//! The served site is one immutable `Snapshot` behind an `RwLock<Arc<_>>`: a rebuild makes a
//! whole new snapshot and swaps the pointer, so a request sees the old site or the new one,
//! never half of each. A failed rebuild keeps the last good files and adds the errors, which
//! every served page then shows in an overlay. Nothing is written to disk, so stopping the
//! server (Ctrl-C) leaves nothing behind.
//!
//! `server` holds the snapshot, rebuilds and answers requests; this module starts and stops it
//! (`start`, `run`); `watch` debounces file events, `reload` is the live-reload hub and overlay,
//! `http` maps URLs to files, `conn` is the HTTP connection layer (`head` reads requests).

pub mod conn;
mod head;
pub mod http;
pub mod reload;
mod server;
pub mod watch;

pub use server::{Outcome, Server, Snapshot};

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Open the site in the default browser once it is up.
    pub open: bool,
}

/// Why serve could not start.
#[derive(Debug)]
pub struct StartError {
    pub message: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = hint: {h}")?;
        }
        Ok(())
    }
}

/// The URL to print for a listening address (an unspecified address is shown as loopback).
fn display_url(addr: SocketAddr, base: &str) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}{base}", SocketAddr::new(ip, addr.port()))
}

/// A started server: the site is built, the port is open, the sources are watched.
/// Dropping it stops serving and watching (the process may go on).
pub struct Running {
    /// "http://127.0.0.1:1111/uppfoljning/"
    pub url: String,
    pub addr: SocketAddr,
    pub server: Arc<Server>,
    stop_http: Arc<AtomicBool>,
    stop_watch: Option<std::sync::mpsc::Sender<Vec<PathBuf>>>,
    watch_thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// Blocks until the watcher stops (in practice: until the process is stopped).
    pub fn wait(mut self) {
        match self.watch_thread.take() {
            Some(t) => {
                let _ = t.join();
            }
            None => loop {
                std::thread::park();
            },
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop_http.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = std::net::TcpStream::connect(self.addr);
        if let Some(stop) = &self.stop_watch {
            let _ = stop.send(Vec::new());
        }
    }
}

/// Builds the site, opens the port and starts watching; returns once the site is served.
/// The connection limits are the defaults (`conn::Limits::from_env`).
pub fn start(options: ServeOptions) -> Result<Running, StartError> {
    start_with(options, conn::Limits::from_env())
}

/// `start` with the given connection limits.
pub fn start_with(options: ServeOptions, limits: conn::Limits) -> Result<Running, StartError> {
    let root = options.root.clone();
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(StartError {
            message: format!("{} has no site.toml", root.display()),
            hint: Some("pass the site's folder with --root DIR".into()),
        });
    }
    let server = Arc::new(Server::new(options.clone()));
    if let Outcome::Failed = server.rebuild(&[], "") {
        eprintln!("Serving an error page until the build succeeds.");
    }

    let listener = listen(&options)?;
    let local = listener.local_addr().map_err(|e| StartError {
        message: format!("cannot read the listening address: {e}"),
        hint: None,
    })?;
    let url = display_url(local, &server.snapshot().base);
    let stop_http = Arc::new(AtomicBool::new(false));
    let handler_server = server.clone();
    let handler: conn::Handler = Arc::new(move |request| handler_server.handle(request));
    let stop = stop_http.clone();
    std::thread::Builder::new()
        .name("uppsikt-accept".into())
        .spawn(move || conn::accept_loop(listener, limits, stop, handler))
        .map_err(|e| StartError {
            message: format!("cannot start the HTTP thread: {e}"),
            hint: None,
        })?;

    let (stop_watch, watch_thread) = match watch::Watch::start(&root) {
        Ok(mut watcher) => {
            let stop = watcher.stopper();
            let rebuilder = server.clone();
            let thread = std::thread::Builder::new()
                .name("uppsikt-watch".into())
                .spawn(move || {
                    while let Some(batch) = watcher.next_batch() {
                        let changed: Vec<PathBuf> = batch.iter().cloned().collect();
                        rebuilder.rebuild(&changed, &describe(&batch));
                    }
                })
                .map_err(|e| StartError {
                    message: format!("cannot start the watch thread: {e}"),
                    hint: None,
                })?;
            (Some(stop), Some(thread))
        }
        Err(e) => {
            eprintln!(
                "error: cannot watch {}: {e}\n  = hint: on Linux, raise fs.inotify.max_user_watches\nServing without live reload.",
                root.display()
            );
            (None, None)
        }
    };
    Ok(Running {
        url,
        addr: local,
        server,
        stop_http,
        stop_watch,
        watch_thread,
    })
}

/// Opens the port, or says in plain words why it cannot.
fn listen(options: &ServeOptions) -> Result<TcpListener, StartError> {
    let addr = SocketAddr::new(options.bind, options.port);
    TcpListener::bind(addr).map_err(|e| StartError {
        hint: Some(if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "another program (perhaps another `uppsikt serve`) uses port {}; stop it, or pick another port with --port {} (or --port 0 for any free port)",
                options.port,
                options.port.wrapping_add(1).max(1024)
            )
        } else {
            "check --bind and --port".to_string()
        }),
        message: if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("port {} on {} is already in use", options.port, options.bind)
        } else {
            format!("cannot listen on {addr}: {e}")
        },
    })
}

/// "content/a.md changed: ", for the terminal.
fn describe(batch: &watch::Batch) -> String {
    let names: Vec<String> = batch.iter().map(|p| p.display().to_string()).collect();
    match names.as_slice() {
        [one] => format!("{one} changed: "),
        [first, rest @ ..] => format!("{first} and {} more changed: ", rest.len()),
        [] => String::new(),
    }
}

/// Runs `uppsikt serve` until the process is stopped. Ctrl-C ends the process at once, which
/// is clean: nothing was written to disk, so nothing is left behind.
pub fn run(options: ServeOptions) -> Result<(), StartError> {
    let open = options.open;
    let bind = options.bind;
    let running = start(options)?;
    println!("Serving {}", running.url);
    if !bind.is_loopback() {
        let base = running.server.snapshot().base.clone();
        println!("{}", network_line(running.addr, &base, network_address));
    }
    println!(
        "Watching site.toml, content/, templates/, themes/ and static/; press Ctrl-C to stop (nothing is written to disk)."
    );
    if open {
        open_browser(&running.url);
    }
    running.wait();
    Ok(())
}

/// What to tell the user when other devices may connect: the address a phone on the same
/// network can open. `find` gives this machine's network address (`network_address`).
fn network_line(addr: SocketAddr, base: &str, find: impl Fn(IpAddr) -> Option<IpAddr>) -> String {
    let ip = if addr.ip().is_unspecified() {
        find(addr.ip())
    } else {
        Some(addr.ip())
    };
    match ip {
        Some(ip) => format!(
            "On a phone or another computer on the same network, open {}",
            display_url(SocketAddr::new(ip, addr.port()), base)
        ),
        None => format!(
            "Other devices on your network can open this preview at this computer's network address, port {} (uppsikt could not find that address; your computer's network settings show it).",
            addr.port()
        ),
    }
}

/// This machine's address on its network, for a server listening on `bind` (an unspecified
/// address). `connect` on a UDP socket only asks the routing table which local address would
/// reach the given one: nothing is sent. The documentation ranges (RFC 5737, RFC 3849) are
/// never on a real network, so the answer is the address of the default route's interface,
/// the one a phone on the same Wi-Fi reaches.
pub fn network_address(bind: IpAddr) -> Option<IpAddr> {
    let ask = |local: IpAddr, remote: IpAddr| -> Option<IpAddr> {
        let socket = UdpSocket::bind(SocketAddr::new(local, 0)).ok()?;
        socket.connect(SocketAddr::new(remote, 9)).ok()?;
        let ip = socket.local_addr().ok()?.ip();
        (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
    };
    let v4 = || {
        ask(
            Ipv4Addr::UNSPECIFIED.into(),
            Ipv4Addr::new(198, 51, 100, 1).into(),
        )
    };
    let v6 = || {
        ask(
            Ipv6Addr::UNSPECIFIED.into(),
            Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1).into(),
        )
    };
    match bind {
        IpAddr::V4(_) => v4(),
        // `::` takes IPv4 connections too (on most systems): an IPv4 address is the usual one.
        IpAddr::V6(_) => v4().or_else(v6),
    }
}

fn open_browser(url: &str) {
    let result = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = result {
        eprintln!("Could not open a browser ({e}); open {url} yourself.");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_show_loopback_for_any_address() {
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(display_url(any, "/u/"), "http://127.0.0.1:1111/u/");
        let v6: SocketAddr = "[::1]:80".parse().unwrap();
        assert_eq!(display_url(v6, "/"), "http://[::1]:80/");
    }

    #[test]
    fn the_network_line_names_an_address_a_phone_can_open() {
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        let lan = |_| Some("192.168.1.23".parse().unwrap());
        let line = network_line(any, "/u/", lan);
        assert!(line.ends_with("open http://192.168.1.23:1111/u/"), "{line}");
        let line = network_line(any, "/", |_| None);
        assert!(line.contains("network address, port 1111"), "{line}");
        let one: SocketAddr = "10.1.2.3:80".parse().unwrap();
        let line = network_line(one, "/", |_| None);
        assert!(line.ends_with("open http://10.1.2.3:80/"), "{line}");
        let v6: SocketAddr = "[fd00::5]:80".parse().unwrap();
        assert!(network_line(v6, "/", |_| None).ends_with("open http://[fd00::5]:80/"));
    }
}
