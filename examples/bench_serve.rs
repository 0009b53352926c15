//! Save-to-reload latency of `uppsikt serve`: the time from writing one area file to the
//! `reload` event arriving on a live-reload stream (debounce + rebuild + swap + broadcast).
//!
//!   cargo run --release --example bench_serve                      # the shipped site (./)
//!   cargo run --release --example bench_serve -- --root DIR        # any site
//!   cargo run --release --example bench_serve -- --pages 1000      # a synthetic site
//!   options: --rounds N (default 10)
//!
//! The site is copied to a temporary folder first; nothing in the repository is changed.
//! Not a timed test: it prints figures (targets: ≤ 100 ms on the shipped site, ≤ 300 ms at
//! 1,000 pages).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use uppsikt::pipeline::{check, BuildOptions};
use uppsikt::serve;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root: Option<PathBuf> = None;
    let mut pages: Option<usize> = None;
    let mut rounds = 10;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--pages" => pages = args.next().and_then(|n| n.parse().ok()),
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            other => {
                eprintln!("unknown argument {other}; see the comment at the top of examples/bench_serve.rs");
                std::process::exit(2);
            }
        }
    }
    let tmp = tempfile::tempdir().expect("temporary folder");
    let site = tmp.path().join("site");
    let label = match pages {
        Some(n) => {
            synthetic(&site, n);
            format!("synthetic site, {n} area entries")
        }
        None => {
            let from = root.unwrap_or_else(|| PathBuf::from("."));
            for part in ["site.toml", "content", "templates", "themes", "static"] {
                let p = from.join(part);
                if p.is_dir() {
                    copy_dir(&p, &site.join(part));
                } else if p.is_file() {
                    std::fs::create_dir_all(&site).unwrap();
                    std::fs::copy(&p, site.join(part)).unwrap();
                }
            }
            format!("{}", from.display())
        }
    };

    // A full build that writes nothing (`uppsikt check`), for comparison.
    let options = BuildOptions {
        root: site.clone(),
        output: PathBuf::new(),
        base_url: None,
        drafts: false,
    };
    let mut full = Vec::new();
    let mut summary = None;
    for _ in 0..3 {
        let start = Instant::now();
        let s = check(&options).unwrap_or_else(|e| panic!("{e}"));
        full.push(start.elapsed());
        summary = Some(s);
    }
    let summary = summary.unwrap();

    let running = serve::start(serve::ServeOptions {
        root: site.clone(),
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        base_url: None,
        drafts: false,
        open: false,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let mut events = Events::open(&running.addr.to_string(), &running.server.snapshot().base);
    events.until("hello");

    let target = pick_entry(&site.join("content")).expect("an area entry to edit");
    let original = std::fs::read_to_string(&target).unwrap();
    let mut times = Vec::new();
    for i in 0..rounds {
        std::thread::sleep(Duration::from_millis(300));
        let start = Instant::now();
        std::fs::write(&target, format!("{original}\nÄndring nummer {i}.\n")).unwrap();
        events.until("reload");
        times.push(start.elapsed());
    }
    times.sort();
    full.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!();
    println!("site: {label}");
    println!(
        "      {} pages, {} files; edited {}",
        summary.pages,
        summary.files,
        target.strip_prefix(&site).unwrap_or(&target).display()
    );
    println!(
        "full build (check, no output): median {:.1} ms (of {})",
        ms(full[full.len() / 2]),
        full.len()
    );
    println!(
        "save → reload event:  median {:.1} ms, min {:.1} ms, max {:.1} ms ({} saves; includes the {} ms debounce)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len(),
        serve::watch::QUIET.as_millis()
    );
}

/// An area entry (not `_index.md`) somewhere in the middle of the content.
fn pick_entry(content: &Path) -> Option<PathBuf> {
    let mut all = Vec::new();
    let mut stack = vec![content.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).ok()?.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "_index.md")
            {
                all.push(p);
            }
        }
    }
    all.sort();
    all.get(all.len() / 2).cloned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// `entries` area entries: 20 areas, reports of 20 entries, four reports a year.
fn synthetic(root: &Path, entries: usize) {
    const AREAS: usize = 20;
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Syntetisk uppföljning\"\norganisation = \"Benchkommun\"\n",
    )
    .unwrap();
    let mut areas = String::new();
    for a in 0..AREAS {
        areas.push_str(&format!(
            "[[area]]\nid = \"omrade-{a}\"\nname = \"Område {a}\"\ndescription = \"Beskrivning av område {a}.\"\n\n"
        ));
    }
    std::fs::write(content.join("areas.toml"), areas).unwrap();
    let kinds = ["april", "delarsbokslut", "arsbokslut", "kvalitetsplan"];
    let reports = entries.div_ceil(AREAS);
    let mut left = entries;
    for r in 0..reports {
        let year = 2000 + r / kinds.len();
        let kind = kinds[r % kinds.len()];
        let dir = content.join(year.to_string()).join(kind);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_index.md"),
            format!(
                "+++\ntitle = \"Uppföljning {kind} {year}\"\nkind = \"{kind}\"\ndate = \"{year}-{:02}\"\ncommittee = \"Nämnden\"\n+++\n## Bakgrund\n\nNämnden följer upp sina inriktningar.\n",
                3 * (r % kinds.len()) + 2
            ),
        )
        .unwrap();
        for a in 0..AREAS.min(left) {
            std::fs::write(
                dir.join(format!("{:02}-omrade-{a}.md", a + 1)),
                format!(
                    "+++\narea = \"omrade-{a}\"\ntitle = \"Område {a} år {year}\"\ndirection = \"Nämnden ska förbättra område {a}.\"\n+++\n## Genomfört\n\nUnder perioden har förvaltningen arbetat med område {a}[^1]. Arbetet fortsätter enligt plan och följs upp löpande.\n\n| Post | tkr |\n|---|---:|\n| Insats | {} |\n\n## Planerat\n\n- Fortsatt arbete\n- Uppföljning i nästa rapport\n\n[^1]: Se nämndens protokoll.\n",
                    100 + a
                ),
            )
            .unwrap();
        }
        left = left.saturating_sub(AREAS);
    }
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: &str, base: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .unwrap();
        write!(
            stream,
            "GET {base}__uppsikt/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        Events {
            reader: BufReader::new(stream),
        }
    }

    /// Reads until an event named `name` has arrived.
    fn until(&mut self, name: &str) {
        let want = format!("event: {name}");
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).unwrap() == 0 {
                panic!("the event stream closed");
            }
            if line.trim_end() == want {
                return;
            }
        }
    }
}
