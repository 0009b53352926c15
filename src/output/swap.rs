//! Putting a finished build in place of the old output, and clearing what killed builds left.
//!
//! A build stages the new site in `.<output>.uppsikt-tmp-<pid>` beside the output and then
//! exchanges the two folders in one step, so a kill at any moment leaves either the old or the
//! new site at the output path. The old site, now under the staging name, is removed after. A
//! build that was killed leaves such a folder behind; the next build removes it.

use std::io;
use std::path::{Path, PathBuf};

use super::folder::{is_stamped, STAMP};

/// The name beside `output` of a build's staging folder (`tmp`) or of an old output moved
/// aside (`old`), for the process `pid`.
pub fn sibling(output: &Path, kind: &str, pid: u32) -> PathBuf {
    output.with_file_name(format!(".{}.uppsikt-{kind}-{pid}", file_name(output)))
}

fn file_name(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Puts `staged` at `output`. Where the output exists, the two are exchanged and `staged`
/// then holds the old output, for the caller to remove.
pub fn swap_in(staged: &Path, output: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(output).is_err() {
        return std::fs::rename(staged, output);
    }
    match exchange(staged, output) {
        Err(e) if exchange_unsupported(&e) => rename_twice(staged, output),
        result => result,
    }
}

/// Swaps two paths in one step (Linux 3.15 and later, on file systems that support it).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // The system call rather than glibc's wrapper, which older glibc and musl lack.
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The kernel or the file system cannot exchange: EINVAL (a file system without it) or ENOSYS
/// (a kernel before 3.15).
fn exchange_unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

/// Where folders cannot be exchanged: the old output is moved aside, the new one renamed in.
/// A kill between the two leaves the old output under its `old` name; the next build puts it
/// back (see `clear_leftovers`). Afterwards `staged` holds the old output, as after `exchange`.
fn rename_twice(staged: &Path, output: &Path) -> io::Result<()> {
    let aside = sibling(output, "old", std::process::id());
    std::fs::rename(output, &aside)?;
    if let Err(e) = std::fs::rename(staged, output) {
        let _ = std::fs::rename(&aside, output);
        return Err(e);
    }
    std::fs::rename(&aside, staged)
}

/// Removes what builds of `output` that were killed left beside it: staging folders and old
/// outputs of processes that are no longer running, and only those that are uppsikt's (with
/// its stamp, or empty). When the output itself is missing because a build was killed in the
/// middle of a two-step swap, the old output is put back first.
pub fn clear_leftovers(output: &Path) {
    let Some(parent) = output.parent() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{}.uppsikt-", file_name(output));
    let mut leftovers: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let rest = name.strip_prefix(&prefix)?;
            let (kind, pid) = rest.split_once('-')?;
            let pid: u32 = pid.parse().ok()?;
            let ours = kind == "tmp" || kind == "old";
            let dead = pid == std::process::id() || !process_alive(pid);
            (ours && dead && is_leftover(&e.path())).then(|| (e.path(), kind == "old"))
        })
        .collect();
    if std::fs::symlink_metadata(output).is_err() {
        if let Some(i) = leftovers.iter().position(|(p, old)| *old && is_stamped(p)) {
            if std::fs::rename(&leftovers[i].0, output).is_ok() {
                leftovers.swap_remove(i);
            }
        }
    }
    for (dir, _) in leftovers {
        // Left in place if it cannot be removed: it is reported when the build needs the name.
        let _ = remove_tree(&dir);
    }
}

/// A real folder (not a link) that uppsikt made: stamped, or empty (a removal that got as far
/// as the stamp, which goes last, or a staging folder killed before its stamp was written).
fn is_leftover(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && (is_stamped(dir) || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()))
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 checks that the process exists without signalling it; EPERM means it exists
    // but belongs to someone else.
    // SAFETY: kill with signal 0 has no effect beyond the check.
    let signalled = unsafe { libc::kill(pid, 0) } == 0;
    signalled || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    // Unknown: leave the folder alone rather than remove a running build's.
    true
}

/// The fewest threads that remove an old output (more where rayon has more: one per core).
/// Removing waits on the file system more than it computes, so more threads than cores overlap
/// the waits (measured on 2 cores: benches/README, session 12).
const REMOVERS: usize = 8;

/// Removes a folder uppsikt made, in parallel: a site has tens of thousands of files and
/// folders, and one thread removing them (each folder costs the file system more than a file)
/// dominated the end of a rebuild. The top-level stamp goes last, so that a folder
/// whose removal was cut short is still recognised as uppsikt's by the next build.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    let stamp = dir.join(STAMP);
    match rayon::ThreadPoolBuilder::new()
        .num_threads(REMOVERS.max(rayon::current_num_threads()))
        .build()
    {
        Ok(pool) => pool.install(|| remove_contents(dir, &stamp))?,
        Err(_) => remove_contents(dir, &stamp)?,
    }
    match std::fs::remove_file(&stamp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// Empties `dir` but for `keep`, a level of folders at a time: each level's folders listed and
/// their files removed in parallel, then the folders, deepest level first. No recursion: a
/// folder taken over with `--force` may be as deep as a path can name.
fn remove_contents(dir: &Path, keep: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut levels = vec![vec![dir.to_path_buf()]];
    while let Some(level) = levels.last() {
        let below: Vec<Vec<PathBuf>> = level
            .par_iter()
            .map(|folder| {
                let (folders, files) = entries(folder, keep)?;
                files.par_iter().try_for_each(std::fs::remove_file)?;
                Ok(folders)
            })
            .collect::<io::Result<_>>()?;
        let below: Vec<PathBuf> = below.into_iter().flatten().collect();
        if below.is_empty() {
            break;
        }
        levels.push(below);
    }
    for level in levels[1..].iter().rev() {
        level.par_iter().try_for_each(std::fs::remove_dir)?;
    }
    Ok(())
}

/// The sub-folders and the other entries (files, links) of `dir`, but for `keep`. Links are
/// entries, never followed.
fn entries(dir: &Path, keep: &Path) -> io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut folders = Vec::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            folders.push(entry.path());
        } else if entry.path() != keep {
            files.push(entry.path());
        }
    }
    Ok((folders, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamped(dir: &Path, files: &[&str]) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(STAMP), "uppsikt-output 1\n").unwrap();
        for f in files {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
    }

    #[test]
    fn swap_in_exchanges_and_keeps_the_old_under_the_staging_name() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staged = sibling(&out, "tmp", 1);
        stamped(&out, &["old.html"]);
        stamped(&staged, &["new.html"]);
        swap_in(&staged, &out).unwrap();
        assert!(out.join("new.html").is_file() && !out.join("old.html").exists());
        assert!(staged.join("old.html").is_file());
        remove_tree(&staged).unwrap();
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn rename_twice_is_the_same_swap() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staged = sibling(&out, "tmp", 1);
        stamped(&out, &["old.html"]);
        stamped(&staged, &["new.html"]);
        rename_twice(&staged, &out).unwrap();
        assert!(out.join("new.html").is_file() && staged.join("old.html").is_file());
    }

    #[test]
    fn leftovers_of_dead_builds_go_and_others_stay() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        stamped(&out, &["index.html"]);
        let dead = dead_pid();
        // Above Linux's largest process id: no process has it.
        let never = 5_000_000;
        stamped(&sibling(&out, "tmp", dead), &["a/b.html"]);
        stamped(&sibling(&out, "old", dead), &["c.html"]);
        std::fs::create_dir(sibling(&out, "tmp", never)).unwrap();
        // A process with this one's id has ended before it started.
        stamped(&sibling(&out, "tmp", std::process::id()), &[]);
        // Not uppsikt's, another output's, or a running process's (init's): left alone.
        std::fs::create_dir_all(sibling(&out, "old", never).join("notes")).unwrap();
        stamped(&sibling(&tmp.path().join("other"), "tmp", dead), &[]);
        stamped(&sibling(&out, "tmp", 1), &[]);
        std::fs::write(tmp.path().join(".public.uppsikt-tmp-x"), "").unwrap();
        clear_leftovers(&out);
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut expected = vec![
            format!(".other.uppsikt-tmp-{dead}"),
            format!(".public.uppsikt-old-{never}"),
            ".public.uppsikt-tmp-1".into(),
            ".public.uppsikt-tmp-x".into(),
            "public".into(),
        ];
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn a_missing_output_is_put_back_from_an_old_one() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let dead = dead_pid();
        stamped(&sibling(&out, "old", dead), &["index.html"]);
        stamped(&sibling(&out, "tmp", dead), &["half.html"]);
        clear_leftovers(&out);
        assert!(out.join("index.html").is_file());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn remove_tree_leaves_the_stamp_for_last() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("x");
        stamped(&dir, &["a/b/c.html", "d.html"]);
        remove_tree(&dir).unwrap();
        assert!(!dir.exists());
    }

    /// A link in an old output (a `--force` takeover, or one a user made) goes, and never
    /// what it points to.
    #[cfg(unix)]
    #[test]
    fn remove_tree_removes_links_not_what_they_point_to() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("keep");
        std::fs::create_dir_all(outside.join("deep")).unwrap();
        std::fs::write(outside.join("deep/notes.txt"), "mine").unwrap();
        let dir = tmp.path().join("x");
        stamped(&dir, &["a/b/c.html", "d.html"]);
        std::os::unix::fs::symlink(&outside, dir.join("a/b/link")).unwrap();
        std::os::unix::fs::symlink(outside.join("deep/notes.txt"), dir.join("file-link")).unwrap();
        remove_tree(&dir).unwrap();
        assert!(!dir.exists());
        assert_eq!(
            std::fs::read_to_string(outside.join("deep/notes.txt")).unwrap(),
            "mine"
        );
    }

    /// A folder as deep as a path can name (a takeover with `--force` may bring anything) must
    /// not overflow the removal's stacks, in a debug build too (larger frames).
    #[test]
    fn remove_tree_goes_as_deep_as_paths_go() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("x");
        let deepest = (0..2000).fold(dir.clone(), |p, _| p.join("d"));
        stamped(&deepest, &["f.html"]);
        // Deep down too, a link goes and what it points to stays.
        let outside = tmp.path().join("keep");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("notes.txt"), "mine").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, deepest.join("link")).unwrap();
        remove_tree(&dir).unwrap();
        assert!(!dir.exists());
        assert!(outside.join("notes.txt").is_file());
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }
}
