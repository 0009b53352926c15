//! Bad content gets a clear error naming file:line:column, with a hint, a non-zero exit — and
//! the previous output stays byte for byte as it was.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

impl Site {
    /// A copy of the lineage fixture, built once so there is a previous output to protect.
    fn new() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"),
            &root,
        );
        let out = tmp.path().join("public");
        let site = Site {
            _tmp: tmp,
            root,
            out,
        };
        let (ok, stderr) = site.build();
        assert!(ok, "the fixture must build: {stderr}");
        site
    }

    fn build(&self) -> (bool, String) {
        let o = Command::new(env!("CARGO_BIN_EXE_uppsikt"))
            .args([
                "build",
                "--root",
                self.root.to_str().unwrap(),
                "--output",
                self.out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Builds, expects failure, checks the previous output is untouched and nothing was left
    /// beside it; returns stderr.
    fn fails(&self) -> String {
        let before = snapshot(&self.out);
        let (ok, stderr) = self.build();
        assert!(!ok, "the build should fail");
        assert_eq!(
            before,
            snapshot(&self.out),
            "a failed build changed the output"
        );
        let beside: Vec<_> = std::fs::read_dir(self.out.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            beside.len(),
            2,
            "temporary files left beside the output: {beside:?}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        stderr
    }
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

fn assert_has(stderr: &str, parts: &[&str]) {
    for p in parts {
        assert!(stderr.contains(p), "expected {p:?} in:\n{stderr}");
    }
}

const ENTRY: &str = "content/2025/april/01-hog-franvaro.md";

#[test]
fn unknown_area_names_the_place_and_suggests_the_id() {
    let site = Site::new();
    site.edit(ENTRY, "area = \"hog-franvaro\"", "area = \"franvar\"");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "unknown area `franvar`",
            "content/2025/april/01-hog-franvaro.md:2:8",
            "did you mean `franvaro`?",
        ],
    );
}

#[test]
fn invalid_toml_in_front_matter() {
    let site = Site::new();
    site.edit(
        ENTRY,
        "title = \"Elever med hög frånvaro\"",
        "title = Elever med hög frånvaro",
    );
    let err = site.fails();
    assert_has(
        &err,
        &["content/2025/april/01-hog-franvaro.md:3:9", "hint:"],
    );
}

#[test]
fn front_matter_never_closed() {
    let site = Site::new();
    site.write(
        ENTRY,
        "+++\narea = \"hog-franvaro\"\ntitle = \"x\"\n\nText.\n",
    );
    assert_has(
        &site.fails(),
        &[
            "never closed",
            "content/2025/april/01-hog-franvaro.md:1:1",
            "add a line with only `+++`",
        ],
    );
}

#[test]
fn unknown_and_missing_keys() {
    let site = Site::new();
    site.edit(ENTRY, "title = ", "titel = ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "content/2025/april/01-hog-franvaro.md:3:1",
            "unknown field `titel`",
        ],
    );

    site.edit(ENTRY, "titel = \"Elever med hög frånvaro\"\n", "");
    assert_has(
        &site.fails(),
        &[
            "missing field `title`",
            "content/2025/april/01-hog-franvaro.md",
        ],
    );
}

#[test]
fn the_same_area_twice_in_one_report() {
    let site = Site::new();
    site.edit(
        "content/2025/april/04-kompetens.md",
        "area = \"kompetens\"",
        "area = \"arbetsmiljo\"",
    );
    assert_has(
        &site.fails(),
        &[
            "the area `arbetsmiljo` appears twice in this report",
            "content/2025/april/04-kompetens.md:2:8",
        ],
    );
}

#[test]
fn lineage_with_an_unknown_id_or_a_cycle() {
    let site = Site::new();
    site.edit(
        "content/areas.toml",
        "continues = [\"franvaro\"]",
        "continues = [\"franvaron\"]",
    );
    assert_has(
        &site.fails(),
        &[
            "continues the unknown area `franvaron`",
            "content/areas.toml:9:14",
            "did you mean `franvaro`?",
        ],
    );

    site.edit(
        "content/areas.toml",
        "continues = [\"franvaron\"]",
        "continues = [\"franvaro\"]",
    );
    site.edit(
        "content/areas.toml",
        "id = \"franvaro\"\nname = \"Frånvaro\"",
        "id = \"franvaro\"\nname = \"Frånvaro\"\ncontinues = [\"hog-franvaro\"]",
    );
    assert_has(
        &site.fails(),
        &[
            "the lineage forms a cycle: franvaro → hog-franvaro → franvaro",
            "content/areas.toml:3:6",
        ],
    );
}

#[test]
fn two_files_with_one_url() {
    let site = Site::new();
    site.write(
        "content/2025/april/hog-franvaro/index.html",
        "<p>hand-made</p>",
    );
    assert_has(
        &site.fails(),
        &["two files want the URL /2025/april/hog-franvaro/index.html"],
    );
}

#[test]
fn a_file_in_the_search_index_folder() {
    // Even a name the index does not use: the client may load any file under search/.
    let site = Site::new();
    site.write("content/search/x/999.json.gz", "not an index file");
    assert_has(
        &site.fails(),
        &[
            "/search/x/999.json.gz is in the search index's folder /search/",
            "content/search/x/999.json.gz",
            "the search index owns that folder",
        ],
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = Site::new();
    let mut bytes = b"+++\narea = \"kompetens\"\ntitle = \"Kompetensf".to_vec();
    bytes.push(0xf6); // "ö" in Latin-1
    bytes.extend_from_slice(b"rs\"\n+++\n");
    site.write("content/2025/april/04-kompetens.md", bytes);
    assert_has(
        &site.fails(),
        &[
            "not UTF-8",
            "content/2025/april/04-kompetens.md:3:20",
            "UTF-8",
        ],
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = Site::new();
    site.write(
        "templates/entry.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ entry.title }\n{% endblock %}\n",
    );
    assert_has(
        &site.fails(),
        &["template error in entry.html", "templates/entry.html:3"],
    );
}

#[test]
fn all_errors_are_reported_together() {
    let site = Site::new();
    site.edit(ENTRY, "area = \"hog-franvaro\"", "area = \"nope\"");
    site.edit(
        "content/2025/april/04-kompetens.md",
        "area = \"kompetens\"",
        "area = \"nix\"",
    );
    site.edit("site.toml", "title = ", "titel = ");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "unknown area `nope`",
            "unknown area `nix`",
            "site.toml:1:1",
            "3 errors",
        ],
    );
}

#[test]
fn the_site_overrides_a_theme_template() {
    let site = Site::new();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Egen 404</h1>{% endblock %}",
    );
    let (ok, err) = site.build();
    assert!(ok, "{err}");
    assert!(std::fs::read_to_string(site.out.join("404.html"))
        .unwrap()
        .contains("<h1>Egen 404</h1>"));
}
