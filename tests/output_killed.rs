//! A build killed at any moment (SIGKILL, as a power cut or a hard Ctrl-C would) leaves a
//! whole site at the output path, old or new, and the next build clears what it left.
//! The real binary builds a generated site of 300 area entries in a temporary folder.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const STAMP: &str = ".uppsikt-output";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site of `entries` area entries (ten to a report, three reports a year) with some
/// paragraphs each, enough for a build to take a while.
fn big_site(root: &Path, entries: usize) {
    const WORDS: [&str; 16] = [
        "eleverna",
        "frånvaro",
        "insatser",
        "nämnden",
        "förskolan",
        "uppföljning",
        "kvalitet",
        "arbetsmiljö",
        "resultat",
        "budget",
        "skolan",
        "åtgärder",
        "stöd",
        "personal",
        "mål",
        "läsåret",
    ];
    let mut seed = 7u64;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    let areas = 25;
    let mut areas_toml = String::new();
    for a in 0..areas {
        areas_toml += &format!("[[area]]\nid = \"omrade-{a}\"\nname = \"Område {a}\"\n\n");
    }
    write(&root.join("content/areas.toml"), &areas_toml);
    let kinds = [
        ("april", "04"),
        ("delarsbokslut", "08"),
        ("arsbokslut", "12"),
    ];
    for e in 0..entries {
        let r = e / 10;
        let (kind, month) = kinds[r % 3];
        let dir = root.join(format!("content/{}/{kind}", 2000 + r / 3));
        if e % 10 == 0 {
            let index = format!(
                "+++\ntitle = \"Uppföljning {kind} {}\"\nkind = \"{kind}\"\ndate = \"{}-{month}\"\n\
                 committee = \"Testnämnden\"\n+++\nRapportens text.\n",
                2000 + r / 3,
                2000 + r / 3
            );
            write(&dir.join("_index.md"), &index);
        }
        let mut body = String::new();
        for p in 0..6 {
            body += &format!("## Avsnitt {p}\n\n");
            for _ in 0..60 {
                body += word();
                body += " ";
            }
            body += "\n\n";
        }
        let area = (e % 10 + r) % areas;
        let entry = format!(
            "+++\narea = \"omrade-{area}\"\ntitle = \"Område {area}\"\ndirection = \"Mer {}.\"\n+++\n{body}",
            word()
        );
        write(
            &dir.join(format!("{:02}-omrade-{area}.md", e % 10 + 1)),
            &entry,
        );
    }
}

/// Puts `round` in the site's title, which every page shows.
fn set_round(root: &Path, round: usize) {
    let site = root.join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap();
    let (_, rest) = text.split_once('\n').unwrap();
    std::fs::write(
        &site,
        format!("title = \"Uppföljningar omgång {round}\"\n{rest}"),
    )
    .unwrap();
}

/// The HTML pages of the site at `out`, relative to it.
fn pages(out: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "html") {
                pages.push(p.strip_prefix(out).unwrap().to_path_buf());
            }
        }
    }
    pages.sort();
    pages
}

/// When to kill a build, from its process id, its round and how long it has run.
type Moment<'a> = Box<dyn Fn(u32, usize, Duration) -> bool + 'a>;

/// `wait` after a build started.
fn after<'a>(wait: Duration) -> Moment<'a> {
    Box::new(move |_, _, ran| ran >= wait)
}

/// The HTML pages in a folder a build is writing (or removing) now.
fn count_pages(dir: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            } else if e.path().extension().is_some_and(|x| x == "html") {
                n += 1;
            }
        }
    }
    n
}

/// Whether the site at `out` is already that of `round`.
fn shows_round(out: &Path, round: usize) -> bool {
    std::fs::read_to_string(out.join("index.html"))
        .is_ok_and(|html| html.contains(&format!("Uppföljningar omgång {round}<")))
}

/// Checks that `out` holds one whole build (every page of `expected`, the stamp, the data and
/// search files, every page from the same round) and returns its round.
fn whole_site(out: &Path, expected: &[PathBuf]) -> usize {
    for f in [
        STAMP,
        "index.html",
        "data/index.json",
        "search/meta.json.gz",
    ] {
        assert!(out.join(f).is_file(), "{f} missing from the output");
    }
    assert_eq!(
        pages(out),
        expected,
        "the output's pages are not a whole site"
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let round: usize = index
        .split_once("Uppföljningar omgång ")
        .and_then(|(_, r)| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|r| r.parse().ok())
        .expect("the round in index.html's title");
    let title_end = format!("Uppföljningar omgång {round}</title>");
    for page in expected {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains(&title_end),
            "{} is not from the same build as index.html (round {round})",
            page.display()
        );
    }
    round
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_clears_up() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let out = tmp.path().join("public");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"),
        &root,
    );
    std::fs::remove_dir_all(root.join("content")).unwrap();
    big_site(&root, 300);
    let build = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_uppsikt"));
        cmd.args(["build", "--root"])
            .arg(&root)
            .arg("--output")
            .arg(&out);
        cmd.stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    set_round(&root, 0);
    let start = Instant::now();
    assert!(build().status().unwrap().success());
    let full = start.elapsed();
    let expected = pages(&out);
    assert!(expected.len() > 300, "{} pages", expected.len());
    assert_eq!(whole_site(&out, &expected), 0);

    // SIGKILL (as a power cut would) at moments spread over a build, and at the moments that
    // matter most, seen on disk: as the staging folder fills, when it holds every page (the
    // swap comes next) and when the new site has just appeared (the old one is being removed).
    let staging_pages = |pid: u32| {
        let staging = tmp.path().join(format!(".public.uppsikt-tmp-{pid}"));
        count_pages(&staging)
    };
    let moments: Vec<(&str, Moment)> = vec![
        ("10% of a build", after(full.mul_f64(0.1))),
        ("40% of a build", after(full.mul_f64(0.4))),
        ("70% of a build", after(full.mul_f64(0.7))),
        ("95% of a build", after(full.mul_f64(0.95))),
        ("110% of a build", after(full.mul_f64(1.1))),
        (
            "a tenth of the pages staged",
            Box::new(|pid, _, _| staging_pages(pid) >= expected.len() / 10),
        ),
        (
            "half of the pages staged",
            Box::new(|pid, _, _| staging_pages(pid) >= expected.len() / 2),
        ),
        (
            "every page staged",
            Box::new(|pid, _, _| staging_pages(pid) == expected.len()),
        ),
        (
            "the first change at the output path",
            Box::new(|_, round, _| !shows_round(&out, round - 1) || shows_round(&out, round)),
        ),
        (
            "the first change at the output path",
            Box::new(|_, round, _| !shows_round(&out, round - 1) || shows_round(&out, round)),
        ),
    ];
    let mut killed = Vec::new();
    let mut last = 0;
    for (i, (moment, reached)) in moments.iter().enumerate() {
        let round = i + 1;
        set_round(&root, round);
        let start = Instant::now();
        let mut child = build().spawn().unwrap();
        while child.try_wait().unwrap().is_none() && !reached(child.id(), round, start.elapsed()) {
            std::thread::sleep(Duration::from_millis(1));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed.push(*moment);
        }
        child.wait().unwrap();
        let now = whole_site(&out, &expected);
        assert!(
            now == last || now == round,
            "killed at {moment}: round {now} after {last} and {round}"
        );
        last = now;
    }
    eprintln!("a build took {full:?}; killed while running at: {killed:?}");
    assert!(
        killed.len() >= moments.len() / 2,
        "only {} builds were still running when killed (a build took {full:?})",
        killed.len()
    );

    set_round(&root, 99);
    assert!(build().status().unwrap().success());
    assert_eq!(whole_site(&out, &expected), 99);
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["public", "site"], "leftovers beside the output");
}
