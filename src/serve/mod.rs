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
//! `http` maps URLs to files, `conn` is the HTTP connection layer (`head` reads requests),
//! `files` holds a snapshot's files so that an update copies only what it changed.

pub mod conn;
mod files;
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
use std::time::Instant;

use crate::messages::{self, Lang};

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

/// Why serve could not start, in the site's language.
#[derive(Debug)]
pub struct StartError {
    pub message: String,
    pub hint: Option<String>,
    pub lang: Lang,
}

impl StartError {
    fn new(lang: Lang, message: String, hint: Option<String>) -> StartError {
        StartError {
            message,
            hint,
            lang,
        }
    }
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lang = self.lang;
        write!(f, "{}: {}", messages::error_label(lang), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = {}: {h}", messages::hint_label(lang))?;
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
    let lang = crate::config::language(&root);
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(StartError::new(
            lang,
            messages::serve_no_site(lang, root.display()),
            Some(messages::serve_no_site_hint(lang)),
        ));
    }
    let server = Arc::new(Server::new(options.clone()));
    if let Outcome::Failed = server.rebuild(&[]) {
        crate::cli::complain(&messages::serve_error_page(server.snapshot().lang));
    }
    // The build may have found another language in site.toml than the one read above.
    let lang = server.snapshot().lang;
    let cannot_start =
        |e: std::io::Error| StartError::new(lang, messages::serve_cannot_start(lang, e), None);

    let listener = listen(&options, lang)?;
    let local = listener.local_addr().map_err(cannot_start)?;
    let url = display_url(local, &server.snapshot().base);
    let stop_http = Arc::new(AtomicBool::new(false));
    let handler_server = server.clone();
    let handler: conn::Handler = Arc::new(move |request| handler_server.handle(request));
    let stop = stop_http.clone();
    std::thread::Builder::new()
        .name("uppsikt-accept".into())
        .spawn(move || conn::accept_loop(listener, limits, stop, handler))
        .map_err(cannot_start)?;

    let (stop_watch, watch_thread) = match watch::Watch::start(&root) {
        Ok(mut watcher) => {
            let stop = watcher.stopper();
            let rebuilder = server.clone();
            let thread = std::thread::Builder::new()
                .name("uppsikt-watch".into())
                .spawn(move || {
                    while let Some(batch) = watcher.next_batch() {
                        let changed: Vec<PathBuf> = batch.into_iter().collect();
                        rebuilder.rebuild(&changed);
                    }
                })
                .map_err(cannot_start)?;
            (Some(stop), Some(thread))
        }
        Err(e) => {
            let error = StartError::new(
                lang,
                messages::serve_cannot_watch(lang, root.display(), e),
                Some(messages::serve_cannot_watch_hint(lang)),
            );
            crate::cli::complain(&format!(
                "{error}\n{}",
                messages::serve_without_watching(lang)
            ));
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
fn listen(options: &ServeOptions, lang: Lang) -> Result<TcpListener, StartError> {
    let addr = SocketAddr::new(options.bind, options.port);
    TcpListener::bind(addr).map_err(|e| listen_error(options, lang, &e))
}

/// The usual reasons a port cannot be opened, in plain words; the system's own words only for
/// the rare others.
fn listen_error(options: &ServeOptions, lang: Lang, e: &std::io::Error) -> StartError {
    let (port, bind) = (options.port, options.bind);
    let (message, hint) = match e.kind() {
        std::io::ErrorKind::AddrInUse => (
            messages::serve_port_in_use(lang, port, bind),
            messages::serve_port_in_use_hint(lang, port, port.wrapping_add(1).max(1024)),
        ),
        std::io::ErrorKind::PermissionDenied => (
            messages::serve_port_not_allowed(lang, port),
            messages::serve_port_not_allowed_hint(lang),
        ),
        std::io::ErrorKind::AddrNotAvailable => (
            messages::serve_not_this_computer(lang, bind),
            messages::serve_not_this_computer_hint(lang),
        ),
        _ => (
            messages::serve_cannot_listen(lang, SocketAddr::new(bind, port), e),
            messages::serve_cannot_listen_hint(lang),
        ),
    };
    StartError::new(lang, message, Some(hint))
}

/// Runs `uppsikt serve` until the process is stopped. Ctrl-C ends the process at once, which
/// is clean: nothing was written to disk, so nothing is left behind.
pub fn run(options: ServeOptions) -> Result<(), StartError> {
    let began = Instant::now();
    let open = options.open;
    let bind = options.bind;
    let running = start(options)?;
    let snapshot = running.server.snapshot();
    let lang = snapshot.lang;
    let say = crate::cli::say;
    say(&messages::serve_started(
        lang,
        began.elapsed(),
        peak_memory_kb(),
    ));
    say(&messages::serve_serving(lang, &running.url));
    if !bind.is_loopback() {
        say(&network_line(
            lang,
            running.addr,
            &snapshot.base,
            network_address,
        ));
    }
    say(&messages::serve_watching(lang));
    if open {
        open_browser(lang, &running.url);
    }
    running.wait();
    Ok(())
}

/// The most memory the process has held (VmHWM, its peak resident set), in kB; Linux only.
fn peak_memory_kb() -> Option<u64> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    vm_hwm_kb(&status)
}

/// The VmHWM line of /proc/self/status: "VmHWM:\t  12345 kB".
fn vm_hwm_kb(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// What to tell the user when other devices may connect: the address a phone on the same
/// network can open. `find` gives this machine's network address (`network_address`).
fn network_line(
    lang: Lang,
    addr: SocketAddr,
    base: &str,
    find: impl Fn(IpAddr) -> Option<IpAddr>,
) -> String {
    let ip = if addr.ip().is_unspecified() {
        find(addr.ip())
    } else {
        Some(addr.ip())
    };
    match ip {
        Some(ip) => {
            messages::serve_on_network(lang, display_url(SocketAddr::new(ip, addr.port()), base))
        }
        None => messages::serve_on_network_unknown(lang, addr.port()),
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

fn open_browser(lang: Lang, url: &str) {
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
        crate::cli::complain(&messages::serve_no_browser(lang, url, e));
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
        let line = network_line(Lang::En, any, "/u/", lan);
        assert!(line.ends_with("open http://192.168.1.23:1111/u/"), "{line}");
        let line = network_line(Lang::Sv, any, "/u/", lan);
        assert!(
            line.ends_with("öppna http://192.168.1.23:1111/u/"),
            "{line}"
        );
        let line = network_line(Lang::En, any, "/", |_| None);
        assert!(line.contains("network address, port 1111"), "{line}");
        let line = network_line(Lang::Sv, any, "/", |_| None);
        assert!(line.contains("nätverksadress, port 1111"), "{line}");
        let one: SocketAddr = "10.1.2.3:80".parse().unwrap();
        let line = network_line(Lang::En, one, "/", |_| None);
        assert!(line.ends_with("open http://10.1.2.3:80/"), "{line}");
        let v6: SocketAddr = "[fd00::5]:80".parse().unwrap();
        let line = network_line(Lang::En, v6, "/", |_| None);
        assert!(line.ends_with("open http://[fd00::5]:80/"), "{line}");
    }

    #[test]
    fn the_peak_memory_is_read_from_proc_status() {
        let status = "Name:\tuppsikt\nVmPeak:\t  900000 kB\nVmHWM:\t   87040 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(vm_hwm_kb(status), Some(87040));
        assert_eq!(vm_hwm_kb("Name:\tx\n"), None);
        assert_eq!(vm_hwm_kb("VmHWM:\tmany kB\n"), None);
        if cfg!(target_os = "linux") {
            assert!(peak_memory_kb().is_some_and(|kb| kb > 0));
        }
    }

    #[test]
    fn bind_errors_in_plain_words_in_the_sites_language() {
        let options = ServeOptions {
            root: PathBuf::new(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 80,
            base_url: None,
            drafts: false,
            open: false,
        };
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let sv = listen_error(&options, Lang::Sv, &denied).to_string();
        assert!(
            sv.starts_with("fel: du har inte behörighet att använda port 80"),
            "{sv}"
        );
        assert!(sv.contains("gör så här: portar under 1024"), "{sv}");
        let en = listen_error(&options, Lang::En, &denied).to_string();
        assert!(
            en.starts_with("error: you are not allowed to use port 80"),
            "{en}"
        );
        let gone = std::io::Error::from(std::io::ErrorKind::AddrNotAvailable);
        let sv = listen_error(&options, Lang::Sv, &gone).to_string();
        assert!(
            sv.contains("adressen 127.0.0.1 hör inte till den här datorn"),
            "{sv}"
        );
    }
}
