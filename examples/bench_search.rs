//! Search index benchmark on a synthetic 10,000-page site (issue 5, "Scale").
//!
//! Run: `cargo run --release --example bench_search` (node needed for the per-query figures).
//! `-- --analyse-only [RUNS]` measures only the analyse stage, RUNS times (default 10), and
//! prints its figures: for a profiler (`perf record -g`), which then sees little else.
//!
//! Pages are generated deterministically from Snowball's Swedish vocabulary
//! (tests/search_data/snowball-swedish/voc.txt): 100 reports (20 years × 5 kinds), each with 99
//! area entries and its own page; every area has its own topic words, text follows a Zipf
//! distribution, and one word in eight is
//! one of 6,000 two-word compounds. Bytes per query are measured by running the shipped client
//! (the modules of themes/default/static/search/) in node against the files on disk, through
//! tests/search_js/driver.cjs: the same fetch plan as in the browser. Index files
//! are written gzip-compressed and unpacked by the client, so "transferred" is what any static
//! host sends; "unpacked" is what the same files would weigh as plain JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use rayon::prelude::*;
use serde_json::{json, Value};
use uppsikt::markdown::Section;
use uppsikt::search::{index_files, pack_file, IndexCache, SearchDoc, StageTime};

// The allocator of the `uppsikt` binary, so that the index is built here as a build builds it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Zipf-like rank in 0..n: small ranks are much more frequent.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize
    }
}

const YEARS: usize = 20;
const KINDS: [(&str, &str); 5] = [
    ("april", "Uppföljning per april"),
    ("delarsbokslut", "Delårsbokslut"),
    ("arsbokslut", "Årsbokslut"),
    ("kvalitetsplan", "Kvalitetsplan"),
    ("tjansteskrivelse", "Tjänsteskrivelse"),
];
const AREAS: usize = 99;

/// Compounds the site uses: a site reuses its compounds ("skolfrånvaro", "elevhälsa"), so they
/// are drawn from a fixed list rather than made up afresh for every occurrence.
fn compounds(vocab: &[String]) -> Vec<String> {
    let mut rng = Rng(99);
    (0..6000)
        .map(|_| {
            format!(
                "{}{}",
                vocab[rng.zipf(vocab.len())],
                vocab[rng.zipf(vocab.len())]
            )
        })
        .collect()
}

thread_local! {
    static COMPOUNDS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn sentence(rng: &mut Rng, vocab: &[String], topic: &[usize], words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for i in 0..words {
        let w = if rng.below(10) < 3 {
            vocab[topic[rng.below(topic.len())]].clone()
        } else if rng.below(8) == 0 {
            COMPOUNDS.with(|c| {
                let c = c.borrow();
                c[rng.zipf(c.len())].clone()
            })
        } else {
            vocab[rng.zipf(vocab.len())].clone()
        };
        out.push(if i == 0 { capitalise(&w) } else { w });
    }
    out.join(" ") + "."
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn paragraph(rng: &mut Rng, vocab: &[String], topic: &[usize], words: usize) -> String {
    let mut out = Vec::new();
    let mut left = words;
    while left > 0 {
        let n = left.min(8 + rng.below(12));
        out.push(sentence(rng, vocab, topic, n));
        left -= n;
    }
    out.join(" ")
}

fn site(vocab: &[String]) -> (Vec<SearchDoc>, Vec<Vec<usize>>) {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    // Topic words are mid-frequency words: specific to an area, not rare nonsense.
    let topics: Vec<Vec<usize>> = (0..AREAS)
        .map(|_| (0..12).map(|_| 200 + rng.below(8000)).collect())
        .collect();
    let mut docs = Vec::new();
    for y in 0..YEARS {
        let year = (2006 + y).to_string();
        for (kind, label) in KINDS {
            let report_title = format!("{label} {year}");
            let general: Vec<usize> = (0..12).map(|_| rng.below(3000)).collect();
            docs.push(SearchDoc {
                url: format!("{year}/{kind}/"),
                title: report_title.clone(),
                year: year.clone(),
                report_title: report_title.clone(),
                report_kind: kind.into(),
                report_kind_label: label.into(),
                area_id: None,
                area_name: None,
                direction: String::new(),
                sections: vec![
                    Section {
                        heading: None,
                        anchor: None,
                        text: paragraph(&mut rng, vocab, &general, 120),
                    },
                    Section {
                        heading: Some("Sammanfattning".into()),
                        anchor: Some("sammanfattning".into()),
                        text: paragraph(&mut rng, vocab, &general, 150),
                    },
                ],
            });
            for (a, topic) in topics.iter().enumerate() {
                let name = capitalise(&format!("{} {}", vocab[topic[0]], vocab[topic[1]]));
                docs.push(SearchDoc {
                    url: format!("{year}/{kind}/omrade-{a:03}/"),
                    title: if rng.below(4) == 0 {
                        format!("{name} {year}")
                    } else {
                        name.clone()
                    },
                    year: year.clone(),
                    report_title: report_title.clone(),
                    report_kind: kind.into(),
                    report_kind_label: label.into(),
                    area_id: Some(format!("omrade-{a:03}")),
                    area_name: Some(name),
                    direction: sentence(&mut rng, vocab, topic, 18),
                    sections: vec![
                        Section {
                            heading: None,
                            anchor: None,
                            text: paragraph(&mut rng, vocab, topic, 40),
                        },
                        Section {
                            heading: Some(capitalise(&vocab[topic[rng.below(12)]])),
                            anchor: Some("genomfort".into()),
                            text: paragraph(&mut rng, vocab, topic, 90),
                        },
                        Section {
                            heading: Some("Planerat".into()),
                            anchor: Some("planerat".into()),
                            text: paragraph(&mut rng, vocab, topic, 60),
                        },
                    ],
                });
            }
        }
    }
    (docs, topics)
}

fn percentile(v: &mut [u64], p: f64) -> u64 {
    v.sort_unstable();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// The analyse stage alone (normalise, tokenise and count each page, make its fragment and, when
/// the fragment is cut, gzip its whole text; then, per distinct word of the site, its stem and
/// compound parts), from a fresh cache's stage timings, `runs` times:
/// wall time, and the process's CPU time, which other work on a shared machine does not inflate.
fn analyse_runs(docs: &[SearchDoc], runs: usize) -> Vec<(f64, f64)> {
    let analyse_stage = |t: &[StageTime]| -> (f64, f64) {
        t.iter()
            .filter(|s| s.stage == "analyse and intern" || s.stage == "words")
            .fold((0.0, 0.0), |(w, c), s| (w + s.wall_ms, c + s.cpu_ms))
    };
    (0..runs)
        .map(|_| {
            let mut cache = IndexCache::new();
            cache.build(docs);
            analyse_stage(&cache.last_timing)
        })
        .collect()
}

/// The analyse stage's figures: the best wall and the best CPU time of the runs.
fn print_analyse(runs: &[(f64, f64)], text_bytes: usize) {
    let wall = runs.iter().map(|r| r.0).fold(f64::MAX, f64::min);
    let cpu = runs.iter().map(|r| r.1).fold(f64::MAX, f64::min);
    let mb = text_bytes as f64 / 1e6;
    println!(
        "analyse stage (normalise, tokenise, count, fragments, whole texts gzipped, stem, compounds; best of {}): {:.0} ms, {:.1} MB/s of text   target >= 50 MB/s; CPU {:.0} ms, {:.1} MB/s a CPU second   [runs, wall/CPU ms: {}; load average {}]",
        runs.len(),
        wall,
        mb / (wall / 1000.0),
        cpu,
        mb / (cpu.max(1.0) / 1000.0),
        runs.iter()
            .map(|(w, c)| format!("{w:.0}/{c:.0}"))
            .collect::<Vec<_>>()
            .join(", "),
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    );
}

/// `--analyse-only`: the analyse stage's figures and nothing else.
fn analyse_only(docs: &[SearchDoc], text_bytes: usize, runs: usize) {
    println!(
        "uppsikt search benchmark: synthetic site, {} pages, {:.1} MB of text",
        docs.len(),
        text_bytes as f64 / 1e6
    );
    print_analyse(&analyse_runs(docs, runs.max(1)), text_bytes);
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let voc = std::fs::read_to_string(root.join("tests/search_data/snowball-swedish/voc.txt"))
        .expect("vocabulary");
    // Mix the alphabetical list so that Zipf ranks are not alphabetical.
    let mut vocab: Vec<String> = voc
        .lines()
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect();
    let mut rng = Rng(42);
    for i in (1..vocab.len()).rev() {
        vocab.swap(i, rng.below(i + 1));
    }
    COMPOUNDS.with(|c| *c.borrow_mut() = compounds(&vocab));
    let (docs, topics) = site(&vocab);
    let text_bytes: usize = docs
        .iter()
        .map(|d| {
            d.title.len()
                + d.direction.len()
                + d.sections.iter().map(|s| s.text.len()).sum::<usize>()
        })
        .sum();

    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--analyse-only") {
        let runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
        analyse_only(&docs, text_bytes, runs);
        return;
    }

    let mut times = Vec::new();
    let mut files = Vec::new();
    for _ in 0..3 {
        // As `uppsikt build` makes it: from documents it owns and frees, compressed in parallel.
        let owned = docs.clone();
        let t = Instant::now();
        files = index_files(owned).par_iter().map(pack_file).collect();
        times.push(t.elapsed().as_secs_f64());
    }
    let best = times.iter().cloned().fold(f64::MAX, f64::min);

    let analyse_runs = analyse_runs(&docs, 3);

    // `uppsikt serve`: a rebuild after one page changed, with the work of the last build kept.
    let mut cache = IndexCache::new();
    cache.build(&docs);
    let mut edited = docs.clone();
    let mut rebuilds = Vec::new();
    let mut assembly = Vec::new();
    for k in 0..5 {
        let d = &mut edited[1 + k * 997];
        d.sections[0].text.push_str(&format!(
            " Tillägg nummer {k}: skolskjutsrutinerna ses över."
        ));
        let t = Instant::now();
        cache.build(&edited);
        rebuilds.push(t.elapsed().as_secs_f64() * 1000.0);
        assembly.push(
            cache
                .last_timing
                .iter()
                .filter(|s| s.stage == "assemble" || s.stage == "pack")
                .map(|s| s.wall_ms)
                .sum::<f64>(),
        );
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let largest = files
        .iter()
        .max_by_key(|f| f.contents.len())
        .expect("files");
    let total: usize = files.iter().map(|f| f.contents.len()).sum();
    let count = |p: &str| files.iter().filter(|f| f.path.starts_with(p)).count();

    println!(
        "uppsikt search benchmark: synthetic site, {} pages, {:.1} MB of text",
        docs.len(),
        text_bytes as f64 / 1e6
    );
    println!(
        "index build (release, best of 3): {:.0} ms   [runs: {}]   target <= 1000 ms",
        best * 1000.0,
        times
            .iter()
            .map(|t| format!("{:.0}", t * 1000.0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    print_analyse(&analyse_runs, text_bytes);
    println!(
        "index update after one page changed (IndexCache, as in serve, median of 5): {:.1} ms, of which assembling and compressing the files {:.1} ms (serve reloads the pages first; the index follows this much later)",
        median(&mut rebuilds),
        median(&mut assembly)
    );
    println!(
        "index files: {} (term chunks {}, fragments {}, vocabulary {}, meta 1)   target <= 2000",
        files.len(),
        count("search/t/"),
        count("search/x/"),
        count("search/v/")
    );
    println!(
        "largest file: {} ({:.1} kB)   target <= 1 MB; all files {:.1} MB",
        largest.path,
        largest.contents.len() as f64 / 1024.0,
        total as f64 / 1e6
    );
    let meta = files
        .iter()
        .find(|f| f.path == "search/meta.json.gz")
        .expect("meta");
    println!(
        "meta.json.gz: {:.1} kB ({:.1} kB unpacked)",
        meta.contents.len() as f64 / 1024.0,
        uppsikt::search::gunzip(&meta.contents).map_or(0, |m| m.len()) as f64 / 1024.0
    );

    let dir = tempfile::tempdir().expect("temp dir");
    if let Ok(keep) = std::env::var("BENCH_KEEP") {
        for f in &files {
            let p = PathBuf::from(&keep).join(&f.path);
            std::fs::create_dir_all(p.parent().expect("folder")).expect("mkdir");
            std::fs::write(&p, &f.contents).expect("write");
        }
    }
    for f in &files {
        let p = dir.path().join(&f.path);
        std::fs::create_dir_all(p.parent().expect("folder")).expect("mkdir");
        std::fs::write(&p, &f.contents).expect("write");
    }

    // Queries a resident might type: an area's topic word, two topic words, a word typed halfway,
    // a phrase from a page, a common word, and misspelt / unaccented forms.
    let mut queries: Vec<String> = Vec::new();
    let mut qr = Rng(7);
    for i in 0..8 {
        let t = &topics[qr.below(AREAS)];
        queries.push(vocab[t[i % 12]].clone());
        queries.push(format!("{} {}", vocab[t[0]], vocab[t[1 + i % 10]]));
        let w: String = vocab[t[2 + i % 9]].chars().take(5).collect();
        queries.push(w);
    }
    for i in 0..4 {
        queries.push(vocab[10 + i * 7].clone());
        let d = &docs[1 + qr.below(docs.len() - 1)];
        let words: Vec<&str> = d.direction.split(' ').skip(2).take(3).collect();
        queries.push(format!("\"{}\"", words.join(" ").trim_end_matches('.')));
    }
    let accented: Vec<&String> = topics
        .iter()
        .flatten()
        .map(|&i| &vocab[i])
        .filter(|w| w.contains(['å', 'ä', 'ö']))
        .take(4)
        .collect();
    for w in accented {
        queries.push(w.replace(['å', 'ä'], "a").replace('ö', "o"));
    }
    for t in topics.iter().take(4) {
        let w: Vec<char> = vocab[t[3]].chars().collect();
        if w.len() >= 6 {
            let mut typo = w.clone();
            typo.swap(2, 3);
            queries.push(typo.into_iter().collect());
        }
    }
    let mut requests = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        requests.push(json!({"q": q, "fresh": true}));
        requests.push(json!({"q": queries[(i + 1) % queries.len()]}));
    }
    let out = Command::new("node")
        .arg(root.join("tests/search_js/driver.cjs"))
        .arg(root.join("themes/default/static/search/api.js"))
        .arg(dir.path().join("search"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdin = child.stdin.take().expect("piped");
            stdin.write_all(Value::Array(requests).to_string().as_bytes())?;
            drop(stdin);
            child.wait_with_output()
        });
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            println!(
                "bytes per query: NOT MEASURED, node failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            return;
        }
        Err(e) => {
            println!("bytes per query: NOT MEASURED, node not found ({e})");
            return;
        }
    };
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).expect("driver JSON");
    let mut first = (Vec::new(), Vec::new());
    let mut later = (Vec::new(), Vec::new());
    let mut worst_later = (0u64, String::new());
    println!(
        "\n{:<34} {:>7} {:>9} {:>9} {:>6} {:>8}",
        "query", "hits", "unpacked", "kB sent", "files", "note"
    );
    for (i, r) in results.iter().enumerate() {
        let raw = r["raw"].as_u64().unwrap_or(0);
        let gz = r["gzip"].as_u64().unwrap_or(0);
        let is_first = i % 2 == 0;
        let (rv, gv) = if is_first {
            (&mut first.0, &mut first.1)
        } else {
            (&mut later.0, &mut later.1)
        };
        rv.push(raw);
        gv.push(gz);
        if !is_first && gz > worst_later.0 {
            worst_later = (gz, r["q"].as_str().unwrap_or("").to_string());
        }
        println!(
            "{:<34} {:>7} {:>9.1} {:>9.1} {:>6} {:>8}",
            format!(
                "{}{}",
                if is_first { "first: " } else { "later: " },
                r["q"].as_str().unwrap_or("")
            ),
            r["total"],
            raw as f64 / 1024.0,
            gz as f64 / 1024.0,
            r["files"].as_array().map_or(0, Vec::len),
            r["fallback"].as_str().unwrap_or("")
        );
    }
    let kb = |b: u64| b as f64 / 1024.0;
    // The driver shows one page of results, as the search page does.
    let page = results
        .iter()
        .filter_map(|r| r["hits"].as_array().map(Vec::len))
        .max()
        .unwrap_or(0);
    println!(
        "\nbytes per query ({} queries, showing the first {page} results as the search page does):",
        queries.len()
    );
    println!(
        "first query: transferred median {:.1} kB ({:.1} kB unpacked), max {:.1} kB ({:.1} kB unpacked)   target <= 150 kB",
        kb(percentile(&mut first.1, 0.5)),
        kb(percentile(&mut first.0, 0.5)),
        kb(percentile(&mut first.1, 1.0)),
        kb(percentile(&mut first.0, 1.0))
    );
    println!(
        "later query: transferred median {:.1} kB ({:.1} kB unpacked), max {:.1} kB ({:.1} kB unpacked)   target <= 30 kB",
        kb(percentile(&mut later.1, 0.5)),
        kb(percentile(&mut later.0, 0.5)),
        kb(percentile(&mut later.1, 1.0)),
        kb(percentile(&mut later.0, 1.0))
    );
    println!("largest later query: {:?}", worst_later.1);
    // Each result should show its matched words; stored excerpts are bounded on a large site.
    let hits: Vec<&Value> = results
        .iter()
        .filter_map(|r| r["hits"].as_array())
        .flatten()
        .collect();
    let marked = hits
        .iter()
        .filter(|h| h["marked"].as_array().is_some_and(|m| !m.is_empty()))
        .count();
    println!(
        "results whose excerpt shows a matched word: {marked} of {} ({:.0}%)",
        hits.len(),
        100.0 * marked as f64 / hits.len().max(1) as f64
    );
}
