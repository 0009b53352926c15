//! The output folder is safe: `uppsikt build` replaces only a folder that is new, empty or its
//! own, refuses the site, its inputs and the home folder even with --force, builds through a
//! symlink into its target, swaps the new site in atomically (a build killed at any moment
//! leaves a whole site), clears what killed builds left, and turns a failing disk into one
//! error. Each case runs the real binary on a temporary folder, with the file tree compared
//! before and after.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const STAMP: &str = ".uppsikt-output";

/// A temporary folder holding a copy of the lineage fixture at `site/`.
struct Tmp {
    _tmp: tempfile::TempDir,
    path: PathBuf,
    root: PathBuf,
}

impl Tmp {
    fn new() -> Tmp {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().canonicalize().unwrap();
        let root = path.join("site");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lineage"),
            &root,
        );
        // The output's messages are checked word for word in English.
        let config = root.join("site.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        write(&config, &format!("language = \"en\"\n{text}"));
        // Something of the site's own in static/ too, to be lost if it were built over.
        write(&root.join("static/logo.txt"), "logga");
        Tmp {
            _tmp: tmp,
            path,
            root,
        }
    }

    /// `uppsikt build --root site --output <output> <extra>`, run in this folder with $HOME
    /// at `home/`.
    fn build(&self, output: impl AsRef<Path>, extra: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_uppsikt"));
        cmd.current_dir(&self.path)
            .env("HOME", self.path.join("home"))
            .args(["build", "--root", "site", "--output"])
            .arg(output.as_ref())
            .args(extra);
        cmd.output().unwrap()
    }

    /// Builds into `output` (with and without --force) and expects a refusal that changes
    /// nothing anywhere in the folder; returns the message.
    fn refused(&self, output: impl AsRef<Path>, flags: &[&[&str]]) -> String {
        let output = output.as_ref();
        let before = tree(&self.path);
        let mut last = String::new();
        for extra in flags {
            let o = self.build(output, extra);
            let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
            assert!(
                !o.status.success(),
                "built into {} {extra:?}:\n{stderr}",
                output.display()
            );
            assert!(
                stderr.contains("will not build into") || stderr.contains("cannot find out where"),
                "{stderr}"
            );
            assert!(stderr.contains("= hint:"), "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert_eq!(
                before,
                tree(&self.path),
                "refusing {} {extra:?} changed files",
                output.display()
            );
            last = stderr;
        }
        last
    }

    /// Names in the folder beside the output other than the output and the site.
    fn leftovers(&self, dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("uppsikt-"))
            .collect()
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every path under `dir` (links not followed) with what it is: a folder, a link and its
/// target, or a file and its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let what = if meta.is_symlink() {
                format!("link to {}", std::fs::read_link(&p).unwrap().display())
            } else if meta.is_dir() {
                stack.push(p.clone());
                "folder".into()
            } else {
                String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()
            };
            out.insert(p, what);
        }
    }
    out
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

const BOTH: &[&[&str]] = &[&[], &["--force"]];

#[cfg(unix)]
#[test]
fn the_site_its_inputs_and_what_holds_them_are_refused_even_with_force() {
    let t = Tmp::new();
    let root = t.root.display().to_string();
    let message = t.refused(&t.root, BOTH);
    assert!(message.contains("it is the site's own folder"), "{message}");
    assert!(
        message.contains("--force does not change this"),
        "{message}"
    );
    for output in [
        format!("{root}/"),
        format!("{root}/."),
        "site".into(),
        "./site/".into(),
        "site/content/..".into(),
        format!("{root}/content/../../site"),
    ] {
        t.refused(&output, BOTH);
    }
    let message = t.refused("site/..", BOTH);
    assert!(message.contains("it holds the site's folder"), "{message}");
    t.refused(".", BOTH);
    t.refused("/", BOTH);
    for (output, says) in [
        ("site/content", "it is the site's content/ folder"),
        ("site/content/", "it is the site's content/ folder"),
        (
            "site/content/public",
            "it is inside the site's content/ folder",
        ),
        (
            "site/content/2025/april",
            "it is inside the site's content/",
        ),
        ("site/static", "it is the site's static/ folder"),
        ("site/templates", "it is the site's templates/ folder"),
        ("site/themes/default/x", "it is inside the site's themes/"),
        (
            "site/public/../content/new",
            "it is inside the site's content/",
        ),
    ] {
        let message = t.refused(output, BOTH);
        assert!(message.contains(says), "{output}: {message}");
    }
    // Through links: to the site, to its content, into content from a linked content/.
    symlink(&t.root, &t.path.join("to-site"));
    symlink("site/content", &t.path.join("to-content"));
    t.refused("to-site", BOTH);
    t.refused("to-site/", BOTH);
    t.refused("to-content/x", BOTH);
    // A folder that is not there, then `..`: the link after it must still be followed.
    let message = t.refused("to-site/nothing/../../to-site/content", BOTH);
    assert!(
        message.contains("it is the site's content/ folder"),
        "{message}"
    );
    t.refused("site/nothing/../../to-site/static/x", BOTH);
    // The site still builds where it should.
    ok(&t.build("site/public", &[]));
    let elsewhere = t.path.join("texts");
    std::fs::rename(t.root.join("content"), &elsewhere).unwrap();
    symlink(&elsewhere, &t.root.join("content"));
    let message = t.refused("texts/new", BOTH);
    assert!(message.contains("content/"), "{message}");
    t.refused(&t.path, BOTH);
}

#[cfg(unix)]
#[test]
fn the_home_folder_and_what_holds_it_are_refused_even_with_force() {
    let t = Tmp::new();
    let home = t.path.join("home");
    write(&home.join(".bashrc"), "export PS1='$ '");
    write(&home.join("docs/thesis.docx"), "fyra års arbete");
    for output in ["home", "home/", "./home/.", "site/../home"] {
        let message = t.refused(output, BOTH);
        assert!(message.contains("it is your home folder"), "{message}");
    }
    symlink(&home, &t.path.join("hemma"));
    t.refused("hemma", BOTH);
    // A home further down, in a folder that does not hold the site.
    std::fs::create_dir_all(t.path.join("users")).unwrap();
    std::fs::rename(&home, t.path.join("users/anna")).unwrap();
    symlink("users/anna", &home);
    let message = t.refused("users", BOTH);
    assert!(message.contains("it holds your home folder"), "{message}");
    // A folder inside the home is an ordinary output.
    ok(&t.build("home/public", &[]));
    assert!(t.path.join("users/anna/public/index.html").is_file());
    assert!(t.path.join("users/anna/docs/thesis.docx").is_file());
}

#[cfg(unix)]
#[test]
fn a_file_as_output_is_refused_and_nothing_is_moved() {
    let t = Tmp::new();
    write(&t.path.join("NOTES.txt"), "anteckningar");
    let message = t.refused("NOTES.txt", BOTH);
    assert!(message.contains("it is a file, not a folder"), "{message}");
    symlink("NOTES.txt", &t.path.join("notes-link"));
    t.refused("notes-link", BOTH);
    t.refused("NOTES.txt/", BOTH);
    t.refused("NOTES.txt/public", &[&[]]);
}

#[test]
fn a_folder_must_be_new_empty_or_made_by_uppsikt_and_force_takes_over_another() {
    let t = Tmp::new();
    ok(&t.build("new/deeper/public", &[]));
    assert!(t.path.join("new/deeper/public").join(STAMP).is_file());
    std::fs::create_dir(t.path.join("empty")).unwrap();
    ok(&t.build("empty", &[]));
    let stamp = std::fs::read_to_string(t.path.join("empty").join(STAMP)).unwrap();
    assert!(stamp.contains(&t.root.display().to_string()), "{stamp}");
    // Built before: uppsikt's own, rebuilt without --force.
    ok(&t.build("empty", &[]));

    let mine = t.path.join("mine");
    write(&mine.join("thesis.docx"), "fyra års arbete");
    write(&mine.join("sub/notes.txt"), "anteckningar");
    let message = t.refused("mine", &[&[]]);
    assert!(message.contains("is not empty and was not made by uppsikt"));
    assert!(message.contains("--force"), "{message}");
    // A stamp that is not uppsikt's does not count.
    write(&mine.join(STAMP), "mine");
    t.refused("mine", &[&[]]);

    ok(&t.build("mine", &["--force"]));
    assert!(mine.join("index.html").is_file() && mine.join(STAMP).is_file());
    assert!(
        !mine.join("thesis.docx").exists(),
        "--force replaces the folder"
    );
    ok(&t.build("mine", &[]));
    assert!(
        t.leftovers(&t.path).is_empty(),
        "{:?}",
        t.leftovers(&t.path)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_built_into_its_target_and_stays_a_link() {
    let t = Tmp::new();
    let www = t.path.join("var/www");
    let target = www.join("site");
    std::fs::create_dir_all(&target).unwrap();
    let link = t.root.join("public");
    symlink("../var/www/site", &link);
    ok(&t.build("site/public", &[]));
    ok(&t.build("site/public", &[]));
    let link_meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(link_meta.is_symlink(), "the link was replaced");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("../var/www/site")
    );
    assert!(target.join("index.html").is_file() && target.join(STAMP).is_file());
    assert!(t.leftovers(&www).is_empty() && t.leftovers(&t.root).is_empty());

    // A link to a folder with other files in it: refused without --force, link and files kept.
    let other = t.path.join("srv/other");
    write(&other.join("kept.html"), "<p>annan sajt</p>");
    std::fs::remove_file(&link).unwrap();
    symlink(&other, &link);
    let message = t.refused("site/public", &[&[]]);
    assert!(
        message.contains("(that is, "),
        "names the link's target: {message}"
    );
    ok(&t.build("site/public", &["--force"]));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(other.join("index.html").is_file() && !other.join("kept.html").exists());

    // A link to where nothing is yet: the target is made, the link kept.
    std::fs::remove_file(&link).unwrap();
    symlink(t.path.join("later/site"), &link);
    ok(&t.build("site/public", &[]));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(t.path.join("later/site/index.html").is_file());
}

/// The id of a process that has ended.
#[cfg(unix)]
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[cfg(unix)]
#[test]
fn what_killed_builds_left_is_removed_by_the_next_build() {
    let t = Tmp::new();
    let out = t.path.join("public");
    ok(&t.build("public", &[]));
    let old_site = tree(&out);
    let stamped = |name: String, files: &[&str]| {
        let dir = t.path.join(name);
        write(&dir.join(STAMP), "uppsikt-output 1\n");
        for f in files {
            write(&dir.join(f), "halv");
        }
    };
    let (dead, running) = (dead_pid(), std::process::id());
    stamped(format!(".public.uppsikt-tmp-{dead}"), &["2025/index.html"]);
    stamped(
        format!(".public.uppsikt-old-{}", dead_pid()),
        &["a/b/c.html"],
    );
    std::fs::create_dir(t.path.join(format!(".public.uppsikt-tmp-{}", dead_pid()))).unwrap();
    // A running build's, another output's, and a folder that is not uppsikt's: kept.
    stamped(format!(".public.uppsikt-tmp-{running}"), &["x.html"]);
    stamped(format!(".other.uppsikt-tmp-{dead}"), &[]);
    write(
        &t.path.join(format!(".public.uppsikt-old-{dead}/notes.txt")),
        "mine",
    );
    let mut expected = vec![
        format!(".public.uppsikt-tmp-{running}"),
        format!(".other.uppsikt-tmp-{dead}"),
        format!(".public.uppsikt-old-{dead}"),
    ];
    expected.sort();

    // A build that fails on its content clears them too, and leaves the output as it was.
    let entry = t.root.join("content/2025/april/01-hog-franvaro.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    std::fs::write(
        &entry,
        text.replace("area = \"hog-franvaro\"", "area = \"x\""),
    )
    .unwrap();
    assert!(!t.build("public", &[]).status.success());
    assert_eq!(tree(&out), old_site);
    let mut left = t.leftovers(&t.path);
    left.sort();
    assert_eq!(left, expected);

    // A build killed between the two renames of the fallback swap left no output, only the old
    // one moved aside: the next build puts it back even when it fails itself.
    let aside = t.path.join(format!(".public.uppsikt-old-{}", dead_pid()));
    std::fs::rename(&out, &aside).unwrap();
    assert!(!t.build("public", &[]).status.success());
    assert_eq!(tree(&out), old_site);
    std::fs::write(&entry, text).unwrap();
    ok(&t.build("public", &[]));
    let mut left = t.leftovers(&t.path);
    left.sort();
    assert_eq!(left, expected);
}

#[cfg(unix)]
#[test]
fn a_failing_disk_gives_one_error_and_keeps_the_old_output() {
    let t = Tmp::new();
    ok(&t.build("public", &[]));
    // New text on every page, so that nothing can be hard-linked from the old output.
    let site_toml = t.root.join("site.toml");
    let text = std::fs::read_to_string(&site_toml).unwrap();
    std::fs::write(&site_toml, text.replace("Testnämndens", "Nämndens")).unwrap();
    let before = tree(&t.path);
    // No file larger than 2 kB may be written (RLIMIT_FSIZE, with SIGXFSZ ignored so that the
    // write fails with EFBIG instead of killing the process): most pages fail as on a full
    // disk, some small files are written first.
    let o = Command::new("sh")
        .current_dir(&t.path)
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" build --root site --output public")
        .arg(env!("CARGO_BIN_EXE_uppsikt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(stderr.contains("1 error"), "{stderr}");
    assert!(
        stderr.contains("cannot write the site into public"),
        "{stderr}"
    );
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(stderr.contains("files not written: "), "{stderr}");
    assert_eq!(
        before,
        tree(&t.path),
        "the old output is kept, nothing left"
    );
}
