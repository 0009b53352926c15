//! Which folder a build may replace. A build swaps a whole new folder in for the output, so
//! the output must be a folder nobody else keeps anything in: one that does not exist yet, is
//! empty, or holds the stamp an earlier build left. `--force` takes over any other folder,
//! except the site itself, its input folders, the user's home and anything holding them.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::messages::{self, Lang};

/// The file a build writes into its output, saying it made the folder.
pub const STAMP: &str = ".uppsikt-output";
/// The stamp's first line: what makes a folder uppsikt's own.
const STAMP_MARK: &str = "uppsikt-output 1";
/// The stamp of an old output that a build took over and is removing.
pub const OLD_STAMP: &str = "uppsikt-output 1\nAn old output that uppsikt is removing.\n";

/// The site's input folders: nothing may be built into them or over them.
const INPUTS: [&str; 4] = ["content", "templates", "themes", "static"];

/// Where a build goes: the output folder as the file system finds it (every link followed).
#[derive(Debug, Clone)]
pub struct Target {
    pub dir: PathBuf,
    /// The site's folder, resolved, for the stamp.
    pub root: PathBuf,
}

impl Target {
    /// The stamp's text: what made the folder, from which site.
    pub fn stamp(&self) -> String {
        format!(
            "{STAMP_MARK}\nThis folder was made by `uppsikt build` from the site at {}.\n\
             The next build replaces everything in it: keep nothing else here.\n",
            self.root.display()
        )
    }
}

/// Whether `dir` holds uppsikt's stamp (a regular file, not a link to one).
pub fn is_stamped(dir: &Path) -> bool {
    let stamp = dir.join(STAMP);
    std::fs::symlink_metadata(&stamp).is_ok_and(|m| m.is_file())
        && std::fs::read(&stamp).is_ok_and(|t| t.starts_with(STAMP_MARK.as_bytes()))
}

/// The folder `output` names, if a build of the site at `root` may replace it; otherwise why
/// not and what to do. Checked on resolved paths, so `..`, links, trailing slashes and
/// relative paths cannot get around it.
pub fn choose(root: &Path, output: &Path, force: bool, lang: Lang) -> Result<Target, Diagnostic> {
    let unresolvable = |path: &Path, e: io::Error| {
        Diagnostic::new(messages::out_unresolvable(
            lang,
            path.display(),
            messages::io(lang, &e),
        ))
        .with_hint(messages::out_unresolvable_hint(lang))
    };
    let dir = resolve(output).map_err(|e| unresolvable(output, e))?;
    let root = resolve(root).map_err(|e| unresolvable(root, e))?;
    let named = named(output, &dir, lang);
    let never = |why: String| {
        Diagnostic::new(messages::out_never(lang, &named, why)).with_hint(messages::out_never_hint(
            lang,
            root.join("public").display(),
        ))
    };
    if root.starts_with(&dir) {
        return Err(never(if root == dir {
            messages::out_is_site(lang)
        } else {
            messages::out_holds_site(lang, root.display())
        }));
    }
    for input in INPUTS {
        let input_dir = resolve(&root.join(input)).map_err(|e| unresolvable(&root, e))?;
        for protected in [root.join(input), input_dir] {
            let shown = protected.display();
            let why = match relation(&dir, &protected) {
                Some("is") => messages::out_is_input(lang, input, shown),
                Some("holds") => messages::out_holds_input(lang, input, shown),
                Some(_) => messages::out_inside_input(lang, input, shown),
                None => continue,
            };
            return Err(never(why));
        }
    }
    if let Some(home) = home() {
        match relation(&dir, &home) {
            Some("is") => return Err(never(messages::out_is_home(lang, home.display()))),
            Some("holds") => return Err(never(messages::out_holds_home(lang, home.display()))),
            _ => {}
        }
    }
    check_contents(&dir, &named, force, lang)?;
    Ok(Target { dir, root })
}

/// A folder that is new, empty or uppsikt's own may be replaced; a non-empty one only with
/// `force`; anything that is not a folder never.
fn check_contents(dir: &Path, named: &str, force: bool, lang: Lang) -> Result<(), Diagnostic> {
    let unreadable = |e: io::Error| {
        Diagnostic::new(messages::out_cannot_read(
            lang,
            named,
            messages::io(lang, &e),
        ))
        .with_hint(messages::out_cannot_read_hint(lang))
    };
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(e)),
    };
    if !meta.is_dir() {
        return Err(Diagnostic::new(messages::out_file(lang, named))
            .with_hint(messages::out_file_hint(lang)));
    }
    let empty = std::fs::read_dir(dir).map_err(unreadable)?.next().is_none();
    if empty || is_stamped(dir) || force {
        return Ok(());
    }
    Err(Diagnostic::new(messages::out_not_empty(lang, named, STAMP))
        .with_hint(messages::out_not_empty_hint(lang, named)))
}

/// How `dir` stands to `other`: "is" it, "holds" it or "is inside" it; None when apart.
fn relation(dir: &Path, other: &Path) -> Option<&'static str> {
    if dir == other {
        Some("is")
    } else if other.starts_with(dir) {
        Some("holds")
    } else if dir.starts_with(other) {
        Some("is inside")
    } else {
        None
    }
}

/// The output as the user named it, and where it really is when that differs.
fn named(output: &Path, dir: &Path, lang: Lang) -> String {
    let given = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    if given == dir {
        output.display().to_string()
    } else {
        messages::out_that_is(lang, output.display(), dir.display())
    }
}

/// The user's home folder, resolved; None when $HOME is unset or empty.
fn home() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    resolve(Path::new(&home)).ok()
}

/// `path` as the file system finds it: absolute, every link followed and `.`/`..` resolved,
/// also where its last parts do not exist yet (a new output folder, a dangling link).
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    resolve_absolute(&std::path::absolute(path)?, 0)
}

fn resolve_absolute(path: &Path, links: u32) -> io::Result<PathBuf> {
    match path.canonicalize() {
        Ok(p) => return Ok(p),
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    let parent = path.parent().unwrap_or(path);
    let Some(name) = path.file_name() else {
        // "missing/..": the folder a build would make for "missing" (as `mkdir -p` does) and
        // leave again, so the folder that holds it.
        let inner = resolve_absolute(parent, links)?;
        return Ok(inner.parent().map_or(inner.clone(), Path::to_path_buf));
    };
    // With its folder resolved, the path is a link to follow, something that is there (seen
    // only now that a `..` before it is resolved), or not there yet.
    let here = resolve_absolute(parent, links)?.join(name);
    match std::fs::symlink_metadata(&here) {
        Ok(m) if m.file_type().is_symlink() => {
            // The kernel gives up after 40 links; so do we, rather than loop.
            if links >= 40 {
                return Err(io::Error::other("too many levels of symbolic links"));
            }
            let target = std::fs::read_link(&here)?;
            resolve_absolute(&here.parent().unwrap_or(&here).join(target), links + 1)
        }
        Ok(_) => here.canonicalize(),
        Err(_) => Ok(here),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn resolve_follows_links_and_dots_also_past_what_exists() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("real/sub")).unwrap();
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        std::os::unix::fs::symlink("missing/target", base.join("real/dangling")).unwrap();
        assert_eq!(
            resolve(&base.join("link/sub/../new/")).unwrap(),
            base.join("real/new")
        );
        assert_eq!(
            resolve(&base.join("link/dangling/x")).unwrap(),
            base.join("real/missing/target/x")
        );
        assert_eq!(
            resolve(&base.join("nowhere/../real/x")).unwrap(),
            base.join("real/x")
        );
        assert_eq!(
            resolve(&base.join("link/nowhere/../../link/sub")).unwrap(),
            base.join("real/sub")
        );
        std::os::unix::fs::symlink("loop", base.join("loop")).unwrap();
        assert!(resolve(&base.join("loop")).is_err());
        // Dangling links that lead to each other: each one exists, what they name never does.
        std::os::unix::fs::symlink("b/x", base.join("a")).unwrap();
        std::os::unix::fs::symlink("a/x", base.join("b")).unwrap();
        assert!(resolve(&base.join("a/y")).is_err());
    }

    #[test]
    fn a_stamp_is_a_file_starting_with_the_mark() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(!is_stamped(tmp.path()));
        std::fs::write(tmp.path().join(STAMP), "something else").unwrap();
        assert!(!is_stamped(tmp.path()));
        let target = Target {
            dir: tmp.path().into(),
            root: "/site".into(),
        };
        std::fs::write(tmp.path().join(STAMP), target.stamp()).unwrap();
        assert!(is_stamped(tmp.path()));
    }
}
