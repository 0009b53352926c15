//! `uppsikt serve` end to end: the real binary on an ephemeral port, a copy of a fixture site
//! in a temporary folder, plain HTTP/1.1 over TcpStream. Every wait polls with a generous
//! deadline, so a slow machine makes the tests slower, not flaky.
mod common;
use common::copy_dir;
use common::serve::{served_url, ServeProcess};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use std::time::{Duration, Instant};
use uppsikt::serve;

const DEADLINE: Duration = Duration::from_secs(60);

fn fixture_copy(prepare: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"),
        &root,
    );
    // Something outside the site that traversal attempts would like to read.
    std::fs::write(tmp.path().join("secret.txt"), "TOP-SECRET").unwrap();
    prepare(&root);
    (tmp, root)
}

/// `uppsikt serve` started through the library (in this process) on a copy of the lineage
/// fixture; stopped when dropped.
struct Served {
    running: serve::Running,
    root: PathBuf,
    addr: String,
    _tmp: tempfile::TempDir,
}

impl Served {
    fn start(base_url: Option<&str>) -> Served {
        Served::start_with(base_url, |_| {})
    }

    /// Starts on a copy of the fixture that `prepare` may change first.
    fn start_with(base_url: Option<&str>, prepare: impl FnOnce(&Path)) -> Served {
        let (tmp, root) = fixture_copy(prepare);
        let running = serve::start(serve::ServeOptions {
            root: root.clone(),
            bind: "127.0.0.1".parse().unwrap(),
            port: 0,
            base_url: base_url.map(str::to_string),
            drafts: false,
            open: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        Served {
            addr: running.addr.to_string(),
            running,
            root,
            _tmp: tmp,
        }
    }

    fn get(&self, target: &str) -> Reply {
        get(&self.addr, target)
    }

    fn events(&self, base: &str) -> Events {
        Events::open(&self.addr, base)
    }
}

fn get(addr: &str, target: &str) -> Reply {
    request(
        addr,
        &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// Polls `f` until it holds or the deadline passes.
fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// The real binary, for what only the command line does (printing, exit codes).
fn binary(root: &Path) -> ServeProcess {
    ServeProcess::start(
        Path::new(env!("CARGO_BIN_EXE_uppsikt")),
        root,
        &[],
        &[],
        DEADLINE,
    )
}

struct Reply {
    status: u16,
    head: String,
    body: String,
    /// The body as sent (`body` is its lossy UTF-8).
    bytes: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

fn request(addr: &str, raw: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    // Head and body split once, on the bytes: a body may be binary (the gzip search index).
    let (head, body_bytes) = match bytes.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(at) => (&bytes[..at], bytes[at + 4..].to_vec()),
        None => (&bytes[..], Vec::new()),
    };
    let head = String::from_utf8_lossy(head).into_owned();
    let body = String::from_utf8_lossy(&body_bytes).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    Reply {
        status,
        head,
        body,
        bytes: body_bytes,
    }
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: &str, base: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET {base}__uppsikt/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
        };
        // The response head, up to the blank line.
        let head = events.read_until_blank();
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        events
    }

    fn read_until_blank(&mut self) -> String {
        self.reader
            .get_ref()
            .set_read_timeout(Some(DEADLINE))
            .unwrap();
        let mut out = String::new();
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).unwrap();
            assert!(n > 0, "the event stream closed after {out:?}");
            if line.trim_end_matches(['\r', '\n']).is_empty() {
                return out;
            }
            out.push_str(&line);
        }
    }

    /// The next event's name and data (comments such as keep-alives are skipped).
    fn next(&mut self) -> (String, String) {
        loop {
            let block = self.read_until_blank();
            let mut name = String::from("message");
            let mut data = String::new();
            for line in block.lines() {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push_str(d);
                }
            }
            if !data.is_empty() {
                return (name, data);
            }
        }
    }

    /// Skips events until one named `name`.
    fn until(&mut self, name: &str) -> String {
        loop {
            let (n, data) = self.next();
            if n == name {
                return data;
            }
        }
    }
}

const ENTRY: &str = "content/2025/april/01-hog-franvaro.md";
const ENTRY_URL: &str = "/2025/april/hog-franvaro/";

#[test]
fn serves_pages_with_types_redirects_and_the_sites_404() {
    let s = Served::start(None);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("Testnämndens uppföljningar"));
    // The live-reload script, before </body>.
    let script = home.body.find("__uppsikt/events").unwrap();
    assert!(script < home.body.rfind("</body>").unwrap());

    let entry = s.get(ENTRY_URL);
    assert_eq!(entry.status, 200, "{}", entry.head);
    let dir = s.get(ENTRY_URL.trim_end_matches('/'));
    assert_eq!(dir.status, 301);
    assert_eq!(dir.header("location").as_deref(), Some(ENTRY_URL));

    let css = s.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert!(!css.body.contains("__uppsikt"));
    assert_eq!(
        s.get("/sitemap.xml").header("content-type").as_deref(),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(
        s.get("/data/index.json").header("content-type").as_deref(),
        Some("application/json; charset=utf-8")
    );

    let missing = s.get("/finns-inte/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's own 404 page");
    assert!(missing.body.contains("__uppsikt/events"));

    let head = request(
        &s.addr,
        "HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let post = request(
        &s.addr,
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(post.status, 405);
}

/// The search client reads each result's fragment by byte range; serve answers ranges as a
/// static host does, so that what the browser tests see is what a host serves.
#[test]
fn byte_ranges_of_files_are_served_and_pages_are_whole() {
    let s = Served::start(None);
    let whole = s.get("/search/x/000.bin");
    assert_eq!(whole.status, 200, "{}", whole.head);
    assert_eq!(whole.header("accept-ranges").as_deref(), Some("bytes"));
    let ranged = |range: &str| {
        request(
            &s.addr,
            &format!(
                "GET /search/x/000.bin HTTP/1.1\r\nHost: localhost\r\nRange: {range}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let len = whole.bytes.len();
    let part = ranged("bytes=4-11");
    assert_eq!(part.status, 206, "{}", part.head);
    assert_eq!(part.bytes, whole.bytes[4..12]);
    assert_eq!(
        part.header("content-range"),
        Some(format!("bytes 4-11/{len}"))
    );
    assert_eq!(ranged("bytes=-3").bytes, whole.bytes[len - 3..]);
    let past = ranged(&format!("bytes={len}-"));
    assert_eq!(past.status, 416, "{}", past.head);
    assert_eq!(past.header("content-range"), Some(format!("bytes */{len}")));
    assert!(past.bytes.is_empty());
    // Several ranges: the whole file, as the RFC allows.
    assert_eq!(ranged("bytes=0-1,4-5").status, 200);
    // A page is always whole: the live-reload script is put into it.
    let page = request(
        &s.addr,
        "GET / HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-9\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(page.status, 200);
    assert!(page.body.contains("__uppsikt/events"));
    // Open data is held compressed in memory (`output::Held`): served unpacked, whole and in
    // ranges alike.
    let data = s.get("/data/2025/april.json");
    assert!(
        data.bytes.len() > 1024,
        "large enough to be held compressed"
    );
    assert!(data.body.starts_with('{'), "{}", data.head);
    let part = request(
        &s.addr,
        "GET /data/2025/april.json HTTP/1.1\r\nHost: localhost\r\nRange: bytes=0-99\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(part.status, 206, "{}", part.head);
    assert_eq!(part.bytes, data.bytes[..100]);
}

#[test]
fn a_saved_content_file_is_served_and_open_tabs_reload() {
    let s = Served::start(None);
    let mut events = s.events("/");
    let hello = events.until("hello");
    assert!(hello.contains("\"build\""), "{hello}");

    // The report's open-data file holds its entries' text: asked for before and after the
    // edit, it holds the text of each.
    let site_json = |s: &Served| -> serde_json::Value {
        let reply = s.get("/data/2025/april.json");
        assert_eq!(reply.status, 200, "{}", reply.head);
        serde_json::from_str(&reply.body).expect("the report's data is JSON")
    };
    let before = site_json(&s).to_string();
    assert!(before.contains("Socialpedagoger") && !before.contains("ändrat-i-testet"));

    let path = s.root.join(ENTRY);
    let text = std::fs::read_to_string(&path).unwrap();
    // Save the way many editors do: write a temporary file beside it, then rename.
    let tmp = path.with_file_name(".01-hog-franvaro.md.swp");
    std::fs::write(&tmp, format!("{text}\nNytt stycke: ändrat-i-testet.\n")).unwrap();
    std::fs::rename(&tmp, &path).unwrap();

    let reload = events.until("reload");
    assert!(reload.contains("\"build\""), "{reload}");
    let page = s.get(ENTRY_URL);
    assert!(
        page.body.contains("ändrat-i-testet"),
        "new page served after the reload event"
    );
    // The new build id is in the served page, so a late tab's hello check matches.
    let build: serde_json::Value = serde_json::from_str(&reload).unwrap();
    assert!(page.body.contains(build["build"].as_str().unwrap()));
    assert!(site_json(&s).to_string().contains("ändrat-i-testet"));

    // The search index follows the reload: its page fragments soon hold the new text.
    let unpack = |path: &str| -> String {
        let reply = s.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.head);
        assert_eq!(
            reply.header("content-type").as_deref(),
            Some("application/gzip")
        );
        String::from_utf8(uppsikt::search::gunzip(&reply.bytes).expect("gzip")).expect("UTF-8")
    };
    let meta: serde_json::Value =
        serde_json::from_str(&unpack("/search/meta.json.gz")).expect("meta is JSON");
    let groups = meta["n"]
        .as_u64()
        .unwrap()
        .div_ceil(meta["g"].as_u64().unwrap());
    // Fragment files are packed page by page (read by range): each page unpacked.
    let fragments = |i: u64| -> String {
        let reply = s.get(&format!("/search/x/{i:03}.bin"));
        assert_eq!(reply.status, 200, "x/{i:03}.bin: {}", reply.head);
        let pages = uppsikt::search::unpack_ranged(&reply.bytes).expect("a fragment file");
        pages.iter().map(|p| String::from_utf8_lossy(p)).collect()
    };
    wait_for("the search index to hold the edit", || {
        (0..groups).any(|i| fragments(i).contains("ändrat-i-testet"))
    });
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site_until_fixed() {
    let s = Served::start(None);
    let mut events = s.events("/");
    events.until("hello");
    let path = s.root.join(ENTRY);
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replace(
        "area = \"hog-franvaro\"",
        "area = \"<script>alert(1)</script>\"",
    );
    assert_ne!(good, broken);
    std::fs::write(&path, &broken).unwrap();

    let errors = events.until("errors");
    let json: serde_json::Value = serde_json::from_str(&errors).unwrap();
    let first = &json["errors"][0];
    assert!(
        first["location"].as_str().unwrap().starts_with(ENTRY),
        "{errors}"
    );
    assert!(first["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));

    // The last good page, with the errors over it, escaped.
    let page = s.get(ENTRY_URL);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Socialpedagoger"),
        "the old page is still served"
    );
    assert!(page.body.contains("id=\"uppsikt-overlay\""));
    assert!(page.body.contains(&format!("{ENTRY}:")));
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.body.contains("<script>alert(1)</script>"));
    let errors = s.running.server.snapshot().errors.clone().unwrap();
    assert!(errors[0].location.starts_with(ENTRY));

    // A tab that connects now is told about the errors at once.
    let mut late = s.events("/");
    late.until("hello");
    assert!(late.until("errors").contains(ENTRY));

    std::fs::write(&path, &good).unwrap();
    events.until("reload");
    let page = s.get(ENTRY_URL);
    assert!(!page.body.contains("id=\"uppsikt-overlay\""));
    assert!(page.body.contains("Socialpedagoger"));
}

#[test]
fn invalid_site_toml_keeps_serving() {
    let s = Served::start(None);
    let mut events = s.events("/");
    events.until("hello");
    let toml = s.root.join("site.toml");
    let good = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, "title = \"never closed\n").unwrap();
    assert!(events.until("errors").contains("site.toml:1:"));
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Testnämndens uppföljningar"));
    assert!(home.body.contains("id=\"uppsikt-overlay\""));
    std::fs::write(&toml, good).unwrap();
    events.until("reload");
    assert!(!s.get("/").body.contains("id=\"uppsikt-overlay\""));
}

#[test]
fn a_css_only_change_swaps_stylesheets() {
    // A theme folder in the site replaces the built-in theme: start with a copy of it.
    let s = Served::start_with(None, |root| {
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
            &root.join("themes/default"),
        )
    });
    let mut events = s.events("/");
    events.until("hello");
    let css = s.root.join("themes/default/static/style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.test-marker { color: #123456; }\n");
    std::fs::write(&css, text).unwrap();
    let (name, _) = loop {
        let (n, d) = events.next();
        if n == "css" || n == "reload" || n == "errors" {
            break (n, d);
        }
    };
    assert_eq!(name, "css");
    wait_for("the new stylesheet", || {
        s.get("/static/style.css").body.contains("test-marker")
    });
}

#[test]
fn traversal_attempts_never_leave_the_site() {
    let s = Served::start(None);
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/%2f../secret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "//etc/passwd",
        "/\\..\\secret.txt",
        "\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/./index.html",
        "/site.toml",
        "/content/areas.toml",
        "/%00",
    ] {
        let r = request(
            &s.addr,
            &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        );
        assert!([400, 403, 404].contains(&r.status), "{target}: {}", r.head);
        assert!(!r.body.contains("TOP-SECRET"), "{target}");
        assert!(!r.body.contains("root:"), "{target}");
        assert!(!r.body.contains("[accessibility]"), "{target}");
    }
    assert_eq!(s.get("/").status, 200, "still serving");
}

#[test]
fn idle_and_slow_connections_do_not_block_others() {
    let s = Served::start(None);
    // 50 idle sockets, 10 half-sent requests and 10 open event streams.
    let idle: Vec<TcpStream> = (0..50)
        .map(|_| TcpStream::connect(&s.addr).unwrap())
        .collect();
    let half: Vec<TcpStream> = (0..10)
        .map(|_| {
            let mut t = TcpStream::connect(&s.addr).unwrap();
            t.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
            t
        })
        .collect();
    let streams: Vec<Events> = (0..10).map(|_| s.events("/")).collect();
    let addr = s.addr.clone();
    let workers: Vec<_> = (0..16)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    let path = if i % 2 == 0 { "/" } else { ENTRY_URL };
                    let r = request(
                        &addr,
                        &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                    );
                    assert_eq!(r.status, 200);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    // Keep-alive: two requests on one connection.
    let mut t = TcpStream::connect(&s.addr).unwrap();
    t.set_read_timeout(Some(DEADLINE)).unwrap();
    t.write_all(b"GET /2025/ HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut all = String::new();
    t.read_to_string(&mut all).unwrap();
    assert_eq!(all.matches("HTTP/1.1 200 OK").count(), 2, "{all}");
    drop((idle, half, streams));
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn serves_under_the_base_url_path() {
    let s = Served::start(Some("/uppfoljning/"));
    assert!(
        s.running.url.ends_with("/uppfoljning/"),
        "{}",
        s.running.url
    );
    let r = s.get("/uppfoljning");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location").as_deref(), Some("/uppfoljning/"));
    let home = s.get("/uppfoljning/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("/uppfoljning/__uppsikt/events"));
    assert_eq!(s.get("/uppfoljning/static/style.css").status, 200);
    assert_eq!(s.get("/2025/").status, 404);
    assert_eq!(s.get("/uppfoljning/2025/").status, 200);
    let mut events = s.events("/uppfoljning/");
    events.until("hello");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .args(["serve", "--root"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"))
        .args(["--port", &port])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("fel: porten {port} på 127.0.0.1 används redan")),
        "{err}"
    );
    assert!(err.contains("--port 0"), "{err}");

    // An English site says it in English.
    let (_tmp, root) = fixture_copy(in_english);
    let out = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .args(["serve", "--root"])
        .arg(&root)
        .args(["--port", &port])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "{err}"
    );
    assert!(err.contains("hint: another program"), "{err}");
}

/// Makes the fixture an English site.
fn in_english(root: &Path) {
    let toml = root.join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("language = \"en\"\n{text}")).unwrap();
}

/// What serve says in one language: in the terminal and in the overlay over a page.
struct Words {
    /// Lines serve prints on start-up and after a rebuild, as their beginnings.
    started: &'static str,
    watching: &'static str,
    /// The line after the fix: "rebuilt 32 pages in 12 ms; reloading 1 tab", in two parts.
    rebuilt: &'static str,
    reloading: &'static str,
    changed: &'static str,
    failed: &'static str,
    still_serving: &'static str,
    overlay_title: &'static str,
    overlay_subtitle: &'static str,
    lang: &'static str,
    /// Words of the other language that must not appear.
    foreign: &'static [&'static str],
}

const SWEDISH: Words = Words {
    started: "Igång efter ",
    watching: "Bevakar site.toml, content/",
    rebuilt: "byggde om ",
    reloading: " ms; laddar om 1 flik",
    changed: "ändrades: ",
    failed: "bygget misslyckades:",
    still_serving:
        "Den senaste versionen som gick att bygga visas fortfarande; felen visas i 1 öppen flik.",
    overlay_title: "uppsikt: webbplatsen kunde inte byggas om",
    overlay_subtitle: "Du ser den senaste versionen som gick att bygga.",
    lang: "sv",
    foreign: &[
        "Serving",
        "Watching",
        "rebuilt",
        "the build failed",
        "last good site",
        "could not be rebuilt",
    ],
};

const ENGLISH: Words = Words {
    started: "Started in ",
    watching: "Watching site.toml, content/",
    rebuilt: "rebuilt ",
    reloading: " ms; reloading 1 tab",
    changed: "changed: ",
    failed: "the build failed:",
    still_serving: "Still serving the last good site; the errors are shown in 1 open tab.",
    overlay_title: "uppsikt: the site could not be rebuilt",
    overlay_subtitle: "You are seeing the last version that built.",
    lang: "en",
    foreign: &[
        "Förhandsvisningen",
        "Bevakar",
        "byggde",
        "misslyckades",
        "Igång",
        "byggas om",
    ],
};

/// The real command on a copy of the fixture (`prepare` sets its language): its start-up lines,
/// a broken entry's errors in the terminal and in the overlay of a served page (read with an
/// HTML parser, and the words the live-reload script would show), and the rebuild once fixed.
fn serve_speaks(words: &Words, prepare: impl FnOnce(&Path)) {
    let (_tmp, root) = fixture_copy(prepare);
    let b = binary(&root);
    let out = b.stdout();
    assert!(out.contains(words.watching), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    // The start-up line (time and, on Linux, peak memory) comes after the first build.
    let started = lines.iter().position(|l| l.starts_with(words.started));
    let started = started.unwrap_or_else(|| panic!("no start-up line: {out}"));
    assert!(started > 0, "the first build's line comes first: {out}");
    if cfg!(target_os = "linux") {
        let (before, _) = lines[started].split_once(" MB").expect("the peak memory");
        let mb: u64 = before.rsplit(' ').next().unwrap().parse().unwrap();
        assert!((1..100_000).contains(&mb), "{out}");
    }
    let url = lines.iter().find_map(|l| served_url(l)).unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "{out}"
    );

    let mut events = Events::open(&b.addr, "/");
    events.until("hello");
    let path = root.join(ENTRY);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        good.replace("area = \"hog-franvaro\"", "area = \"finns-inte\""),
    )
    .unwrap();
    events.until("errors");
    wait_for("the errors in the terminal", || {
        b.stderr().contains(words.still_serving)
    });
    let err = b.stderr();
    assert!(
        err.contains(&format!("{ENTRY} {}{}", words.changed, words.failed)),
        "{err}"
    );

    let page = get(&b.addr, ENTRY_URL);
    assert_eq!(page.status, 200);
    let html = scraper::Html::parse_document(&page.body);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let overlay = html
        .select(&select("#uppsikt-overlay"))
        .next()
        .expect("the overlay");
    assert_eq!(overlay.value().attr("lang"), Some(words.lang));
    let title: String = overlay
        .select(&select("strong"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(title, words.overlay_title);
    let subtitle: String = overlay
        .select(&select("p"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(subtitle.starts_with(words.overlay_subtitle), "{subtitle}");
    // The live-reload script builds the same overlay when the errors come while a tab is open.
    let script = html.select(&select("script[data-uppsikt]")).next().unwrap();
    let config: serde_json::Value =
        serde_json::from_str(script.value().attr("data-uppsikt").unwrap()).unwrap();
    assert_eq!(config["title"], words.overlay_title);
    assert_eq!(config["lang"], words.lang);

    std::fs::write(&path, &good).unwrap();
    events.until("reload");
    wait_for("the rebuild in the terminal", || {
        b.stdout_lines().iter().any(|l| l.contains(words.rebuilt))
    });
    let out = b.stdout();
    let rebuilt = out.lines().find(|l| l.contains(words.rebuilt)).unwrap();
    assert!(
        rebuilt.starts_with(&format!("{ENTRY} {}", words.changed)),
        "{out}"
    );
    assert!(rebuilt.contains(words.reloading), "{out}");
    let all = format!("{out}{}", b.stderr());
    for foreign in words.foreign {
        assert!(!all.contains(foreign), "{foreign:?} in {all}");
    }
}

#[test]
fn serve_speaks_swedish_on_a_swedish_site() {
    serve_speaks(&SWEDISH, |_| {});
}

#[test]
fn serve_speaks_english_on_an_english_site() {
    serve_speaks(&ENGLISH, in_english);
}

#[test]
fn build_output_has_no_reload_script() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let status = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
        .args(["build", "--root"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success());
    let mut stack = vec![out];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                seen += 1;
                let bytes = std::fs::read(&p).unwrap();
                assert!(
                    !String::from_utf8_lossy(&bytes).contains("__uppsikt"),
                    "{}",
                    p.display()
                );
            }
        }
    }
    assert!(seen > 10);
}

#[test]
fn the_command_serves_and_prints_build_errors_in_the_terminal() {
    let (_tmp, root) = fixture_copy(|_| {});
    let b = binary(&root);
    let home = get(&b.addr, "/");
    assert_eq!(home.status, 200);
    let mut events = Events::open(&b.addr, "/");
    events.until("hello");
    std::fs::write(root.join("site.toml"), "title = \"never closed\n").unwrap();
    assert!(events.until("errors").contains("site.toml:1:"));
    wait_for("the error in the terminal", || {
        let err = b.stderr();
        err.contains("site.toml:1:") && err.contains("senaste versionen som gick att bygga")
    });
    assert_eq!(get(&b.addr, "/").status, 200);
}

#[test]
fn a_changed_base_url_in_site_toml_moves_the_served_site() {
    let s = Served::start(None);
    let mut events = s.events("/");
    events.until("hello");
    let toml = s.root.join("site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let moved = match text.lines().find(|l| l.starts_with("base_url")) {
        Some(line) => text.replace(line, "base_url = \"/ny/\""),
        None => format!("base_url = \"/ny/\"\n{text}"),
    };
    std::fs::write(&toml, moved).unwrap();
    events.until("reload");
    // The base path is the one the build used: pages, links and the event stream move.
    let home = s.get("/ny/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(home.body.contains("/ny/__uppsikt/events"));
    assert!(
        home.body.contains("href=\"/ny/2025/"),
        "links use the new base"
    );
    assert_eq!(s.get("/2025/").status, 404);
    let mut moved_tab = s.events("/ny/");
    moved_tab.until("hello");
}

#[test]
fn the_command_prints_publishing_warnings_in_the_terminal() {
    // A leftover TODO is a warning: the preview shows the site, the terminal says where.
    let (_tmp, root) = fixture_copy(|root| {
        let entry = root.join(ENTRY);
        let text = std::fs::read_to_string(&entry).unwrap();
        std::fs::write(&entry, format!("{text}\nTODO: skriv klart.\n")).unwrap();
    });
    let b = binary(&root);
    assert_eq!(get(&b.addr, "/").status, 200);
    wait_for("the warning in the terminal", || {
        let err = b.stderr();
        err.contains("01-hog-franvaro.md:") && err.contains("varning")
    });
}
