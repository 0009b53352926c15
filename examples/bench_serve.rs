//! What a save costs in `uppsikt serve`, measured as a writer meets it: the real binary started
//! on a site, then files edited as writers edit them. For each save it prints serve's own
//! line ("… ändrades: byggde om 2 sidor på 9 ms; …; sökindexet uppdaterat 40 ms senare"), the
//! time from the save to the live-reload event and to the page with the new words being
//! served (the watcher's debounce included); and serve's start-up line and memory.
//!
//!   cargo build --release && cargo run --release --example bench_serve   # the shipped site (./)
//!   … --example bench_serve -- --root DIR      # any site, copied to a temporary folder first
//!   … --example bench_serve -- --pages 1000    # a synthetic site
//!   … --example bench_serve -- --root DIR --in-place   # edits DIR itself, restoring every file
//!   options: --rounds N (text edits, default 5); --text-only (only the edits of an entry's
//!   text, not those that rebuild everything); --bin PATH (default: the `uppsikt` built beside
//!   this example, target/release/uppsikt)
//!
//! The edits: (1) a sentence appended to one area entry, `--rounds` times (the incremental
//! path); (2) the entry's first paragraph changed (its summary, shown on timelines and in the
//! entries CSV); (3) a sentence appended to its report's `_index.md`; (4) the area renamed in
//! areas.toml; (5) a new entry file added to the report. Each edited file is restored after
//! its case, and the rebuild that follows is waited for. Not a timed test: it prints figures
//! (target of issue 18: serve's own rebuild ≤ 50 ms after an entry's text changed).
//!
//! It finds serve's address with `tests/common/serve.rs`, the helper the serve tests use
//! (included by path: an example cannot depend on the tests' crate).

#[path = "../tests/common/serve.rs"]
mod serve_process;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serve_process::ServeProcess;

/// How long a start-up or a full rebuild may take (100,000 entries on a busy 2-core machine).
const PATIENCE: Duration = Duration::from_secs(1800);

struct Args {
    root: Option<PathBuf>,
    pages: Option<usize>,
    rounds: usize,
    in_place: bool,
    text_only: bool,
    bin: PathBuf,
}

fn main() {
    let args = parse_args();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let (site, label) = site_to_edit(&args, tmp.path());
    let started = Instant::now();
    let serve = ServeProcess::start(&args.bin, &site, &[], &[], PATIENCE);
    let startup = started.elapsed();
    let memory_at_start = memory(serve.id());
    // "http://127.0.0.1:43817/uppfoljning/" → "/uppfoljning/"
    let base = serve
        .url
        .splitn(4, '/')
        .nth(3)
        .map_or("/".into(), |b| format!("/{b}"));
    let mut events = Events::open(&serve.addr, &base);
    events.until("hello");
    let entry = pick_entry(&site.join("content")).expect("an area entry to edit");
    let target = Target::of(&site, &entry, &base);

    println!("site: {label}; edited {}", target.rel(&entry));
    let startup_lines = serve.stdout_lines();
    let watching = |l: &&String| l.starts_with("Bevakar") || l.starts_with("Watching");
    for line in startup_lines.iter().take_while(|l| !watching(l)) {
        println!("  serve: {line}");
    }
    println!(
        "  start-up seen from here {:.1} s; memory after start-up: {memory_at_start}",
        startup.as_secs_f64()
    );
    let mut bench = Bench {
        serve: &serve,
        events: &mut events,
        rebuilds: Vec::new(),
    };
    let original = std::fs::read_to_string(&entry).unwrap();
    for i in 0..args.rounds {
        let marker = format!("Benchmarkmening{i}x{}", std::process::id());
        let text = format!("{original}\nEn ny mening från benchmarken: {marker}.\n");
        bench.save("text", &entry, &text, &marker, &target.entry_page);
    }
    let marker = format!("Sammanfattning{}", std::process::id());
    let text = first_paragraph_changed(&original, &marker);
    bench.save("summary", &entry, &text, &marker, &target.entry_page);
    bench.restore(&entry, &original);
    let own = bench.rebuilds.iter().filter(|r| r.0 == "text");
    let mut own: Vec<u64> = own.filter_map(|r| r.1).collect();
    own.sort_unstable();
    if let Some(median) = own.get(own.len() / 2) {
        let verdict = if *median <= 50 { "met" } else { "NOT met" };
        println!("text edits: serve's own rebuild median {median} ms of {own:?} (target ≤ 50 ms: {verdict})");
    }
    if !args.text_only {
        full_rebuild_cases(&mut bench, &target);
    }
    println!("memory at the end: {}", memory(serve.id()));
    // With UPPSIKT_TIMING=1 (or UPPSIKT_SEARCH_TIMING=1) serve prints its stages on stderr.
    for line in serve.stderr().lines() {
        if line.starts_with("timing:") || line.starts_with("search index:") {
            println!("  {line}");
        }
    }
}

fn parse_args() -> Args {
    let mut args = std::env::args().skip(1);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("uppsikt")));
    let mut parsed = Args {
        root: None,
        pages: None,
        rounds: 5,
        in_place: false,
        text_only: false,
        bin: beside.unwrap_or_else(|| PathBuf::from("target/release/uppsikt")),
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => parsed.root = args.next().map(PathBuf::from),
            "--pages" => parsed.pages = args.next().and_then(|n| n.parse().ok()),
            "--rounds" => parsed.rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            "--bin" => parsed.bin = args.next().map(PathBuf::from).unwrap_or(parsed.bin),
            "--in-place" => parsed.in_place = true,
            "--text-only" => parsed.text_only = true,
            other => {
                eprintln!("unknown argument {other}; see the comment at the top of examples/bench_serve.rs");
                std::process::exit(2);
            }
        }
    }
    if !parsed.bin.is_file() {
        eprintln!(
            "{} is not there: build it first (cargo build --release) or pass --bin PATH",
            parsed.bin.display()
        );
        std::process::exit(2);
    }
    parsed
}

/// The site to edit, and how to name it.
fn site_to_edit(args: &Args, tmp: &Path) -> (PathBuf, String) {
    let site = tmp.join("site");
    if let Some(n) = args.pages {
        synthetic(&site, n);
        return (site, format!("synthetic site, {n} area entries"));
    }
    let from = args.root.clone().unwrap_or_else(|| PathBuf::from("."));
    if args.in_place {
        return (
            from.clone(),
            format!("{} (edited in place)", from.display()),
        );
    }
    for part in ["site.toml", "content", "templates", "themes", "static"] {
        let p = from.join(part);
        if p.is_dir() {
            copy_dir(&p, &site.join(part));
        } else if p.is_file() {
            std::fs::create_dir_all(&site).unwrap();
            std::fs::copy(&p, site.join(part)).unwrap();
        }
    }
    (site, format!("{}", from.display()))
}

/// The edited entry's file, pages and area.
struct Target {
    site: PathBuf,
    /// The report's folder under content/.
    report_dir: PathBuf,
    /// The served paths of the entry, its report and its area: "/2025/april/hog-franvaro/".
    entry_page: String,
    report_page: String,
    area_page: String,
    area: String,
}

impl Target {
    fn of(site: &Path, entry: &Path, base: &str) -> Target {
        let text = std::fs::read_to_string(entry).unwrap();
        let area = text
            .lines()
            .find_map(|l| l.strip_prefix("area = \"")?.strip_suffix('"'))
            .expect("the entry's area")
            .to_string();
        let rel = entry.strip_prefix(site.join("content")).unwrap();
        let report: Vec<String> = rel
            .parent()
            .unwrap()
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let report_page = format!("{base}{}/", report.join("/"));
        Target {
            site: site.to_path_buf(),
            report_dir: entry.parent().unwrap().to_path_buf(),
            entry_page: format!("{report_page}{area}/"),
            report_page,
            area_page: format!("{base}omraden/{area}/"),
            area,
        }
    }

    fn rel(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.site).unwrap_or(path);
        rel.display().to_string()
    }
}

/// The edits that rebuild everything: a report's text, a rename, a new entry.
fn full_rebuild_cases(bench: &mut Bench, target: &Target) {
    let entry_dir = &target.report_dir;
    let index = entry_dir.join("_index.md");
    let original = std::fs::read_to_string(&index).unwrap();
    let marker = format!("Rapportmening{}", std::process::id());
    let text = format!("{original}\nRapportens nya mening: {marker}.\n");
    bench.save("report", &index, &text, &marker, &target.report_page);
    bench.restore(&index, &original);

    let areas = target.site.join("content/areas.toml");
    let original = std::fs::read_to_string(&areas).unwrap();
    let marker = format!("Omdopt{}", std::process::id());
    let text = renamed(&original, &target.area, &marker);
    bench.save("rename", &areas, &text, &marker, &target.area_page);
    bench.restore(&areas, &original);

    let new = entry_dir.join("99-benchmarkens-post.md");
    let area = other_area(&original, entry_dir);
    let marker = format!("Nypost{}", std::process::id());
    let text = format!("+++\narea = \"{area}\"\ntitle = \"Ny post\"\n+++\nNy text: {marker}.\n");
    let page = format!("{}{area}/", target.report_page);
    bench.save("new entry", &new, &text, &marker, &page);
    let before = bench.serve.stdout_lines().len();
    std::fs::remove_file(&new).unwrap();
    bench.events.until("reload");
    bench.wait_line(before);
}

struct Bench<'a> {
    serve: &'a ServeProcess,
    events: &'a mut Events,
    /// (case, serve's own rebuild ms)
    rebuilds: Vec<(&'static str, Option<u64>)>,
}

impl Bench<'_> {
    /// Writes `text` to `file`, then times the reload event and the page showing `marker`, and
    /// prints serve's line about it.
    fn save(&mut self, case: &'static str, file: &Path, text: &str, marker: &str, page: &str) {
        std::thread::sleep(Duration::from_millis(500));
        let before = self.serve.stdout_lines().len();
        let start = Instant::now();
        std::fs::write(file, text).unwrap();
        self.events.until("reload");
        let event = start.elapsed();
        let served = loop {
            if get(&self.serve.addr, page).contains(marker) {
                break start.elapsed();
            }
            assert!(start.elapsed() < PATIENCE, "{page} never showed {marker}");
            std::thread::sleep(Duration::from_millis(2));
        };
        let line = self.wait_line(before);
        let own = number_before(&line, &[" ms; ", " ms\n"], &["på ", "in "]);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{case:>9}: save → reload event {:>8.1} ms, → page served {:>8.1} ms | serve: {line}",
            ms(event),
            ms(served)
        );
        self.rebuilds.push((case, own));
    }

    /// Puts `text` back into `file` and waits for the rebuild.
    fn restore(&mut self, file: &Path, text: &str) {
        std::thread::sleep(Duration::from_millis(500));
        let before = self.serve.stdout_lines().len();
        std::fs::write(file, text).unwrap();
        self.events.until("reload");
        self.wait_line(before);
    }

    /// serve's line about the rebuild after the `before`-th (printed once the search index
    /// followed).
    fn wait_line(&self, before: usize) -> String {
        let changed = |l: &str| l.contains(" ändrades: ") || l.contains(" changed: ");
        self.serve
            .wait_stdout(before, PATIENCE, changed)
            .map(|(_, l)| l)
            .unwrap_or_else(|| panic!("serve printed no rebuild: {}", self.serve.stderr()))
    }
}

/// The number in `line` after the first of `after` and before the first of `before`.
fn number_before(line: &str, before: &[&str], after: &[&str]) -> Option<u64> {
    let line = format!("{line}\n");
    let end = before.iter().filter_map(|b| line.find(b)).min()?;
    let start = after
        .iter()
        .filter_map(|a| line[..end].rfind(a).map(|i| i + a.len()))
        .max()?;
    line[start..end].trim().parse().ok()
}

/// The entry with its first paragraph (after the front matter) starting with `marker`.
fn first_paragraph_changed(text: &str, marker: &str) -> String {
    let body = text[3..].find("+++").map_or(0, |i| i + 3 + 4);
    format!(
        "{}{marker} inleder stycket. {}",
        &text[..body],
        &text[body..]
    )
}

/// areas.toml with the area `id` renamed.
fn renamed(areas: &str, id: &str, marker: &str) -> String {
    let at = areas
        .find(&format!("id = \"{id}\""))
        .expect("the area in areas.toml");
    let name = at + areas[at..].find("name = \"").expect("its name") + "name = \"".len();
    format!("{}{marker} {}", &areas[..name], &areas[name..])
}

/// An area of areas.toml that the report does not have yet.
fn other_area(areas: &str, report: &Path) -> String {
    let mut used = String::new();
    for e in std::fs::read_dir(report).unwrap().flatten() {
        used.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
    }
    areas
        .lines()
        .filter_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"'))
        .find(|id| !used.contains(&format!("area = \"{id}\"")))
        .expect("an area the report lacks")
        .to_string()
}

/// "rss 812 MB, peak 1,024 MB" of a process (Linux).
fn memory(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let mb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or_else(|| "?".to_string(), |kb| format!("{} MB", kb / 1024))
    };
    format!("resident {}, peak {}", mb("VmRSS:"), mb("VmHWM:"))
}

/// The body of one GET (empty when it fails).
fn get(addr: &str, target: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return String::new();
    };
    let raw = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let mut bytes = Vec::new();
    if stream.write_all(raw.as_bytes()).is_err() || stream.read_to_end(&mut bytes).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&bytes).into_owned()
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
    for a in 0..AREAS + 1 {
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
                    "+++\narea = \"omrade-{a}\"\ntitle = \"Område {a} år {year}\"\ndirection = \"Nämnden ska förbättra område {a}.\"\n+++\nUnder perioden har förvaltningen arbetat med område {a}[^1]. Arbetet fortsätter enligt plan och följs upp löpande.\n\n| Post | tkr |\n|---|---:|\n| Insats | {} |\n\n## Planerat\n\n- Fortsatt arbete\n- Uppföljning i nästa rapport\n\n[^1]: Se nämndens protokoll.\n",
                    100 + a
                ),
            )
            .unwrap();
        }
        left = left.saturating_sub(AREAS);
    }
}

/// A live-reload stream, as an open tab holds it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: &str, base: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {base}__uppsikt/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        Events {
            reader: BufReader::new(stream),
        }
    }

    /// Reads until an event named `name` has arrived; a build error ends the benchmark.
    fn until(&mut self, name: &str) {
        let want = format!("event: {name}");
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).unwrap() == 0 {
                panic!("the event stream closed");
            }
            let line = line.trim_end();
            assert!(line != "event: errors", "the edit broke the build");
            if line == want {
                return;
            }
        }
    }
}
