//! Output stage: pages go to a `Sink` as they are rendered — a staging directory that is
//! swapped in only when the whole build succeeded, or memory (for `serve`).

pub mod folder;
pub mod mime;
mod swap;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub use folder::Target;

/// One file of the built site, with its path relative to the output root ("2025/index.html").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// Where rendered files go. The sink borrows its destination, so that whoever made it keeps
/// it whole: a build commits its `Staging`, serve takes the files out of its `Memory`.
#[derive(Clone, Copy)]
pub enum Sink<'a> {
    Staging(&'a Staging),
    Memory(&'a Memory),
    /// Nowhere: `check` renders every page to find errors and keeps none.
    Discard,
}

impl Sink<'_> {
    pub fn put(&self, file: OutputFile) -> io::Result<()> {
        match self {
            Sink::Staging(s) => s.write(&file.path, &file.contents),
            Sink::Memory(m) => m.put(file),
            Sink::Discard => Ok(()),
        }
    }

    /// Copies a file from disk (theme and content assets).
    pub fn copy(&self, from: &Path, to: &str) -> io::Result<()> {
        match self {
            Sink::Staging(s) => s.write(to, &std::fs::read(from)?),
            Sink::Memory(_) => self.put(OutputFile::new(to, std::fs::read(from)?)),
            Sink::Discard => std::fs::metadata(from).map(|_| ()),
        }
    }
}

/// The files of a build kept in memory (`serve` serves them from there), each `Held`.
#[derive(Default)]
pub struct Memory(Mutex<Vec<HeldFile>>);

impl Memory {
    fn put(&self, file: OutputFile) -> io::Result<()> {
        // Compressed on the rendering thread, before the lock.
        let held = file.held();
        self.0
            .lock()
            .map_err(|_| io::Error::other("output lock poisoned"))?
            .push(held);
        Ok(())
    }

    /// Every file put, in no particular order.
    pub fn into_files(self) -> Vec<HeldFile> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

/// A file as `serve` holds it: the text a site is made of (its pages, open data and feeds)
/// gzip-compressed, the rest as it is. Held as they are, the served files were four tenths of
/// what serve held at a large site's size, and such text compresses to about a quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    Plain(Arc<Vec<u8>>),
    Gzip(Arc<Vec<u8>>),
}

/// A file's path (as `OutputFile::path`) and the file as held.
pub type HeldFile = (String, Held);

/// Below this size a file is held as it is: compressing it would save next to nothing.
const HELD_GZIP_MIN: usize = 1024;

impl Held {
    pub fn new(path: &str, contents: Vec<u8>) -> Held {
        // Text: the search index's files are gzip already, images and fonts do not shrink.
        if contents.len() >= HELD_GZIP_MIN && mime::is_text(path) {
            Held::Gzip(Arc::new(crate::search::gzip_fast(&contents)))
        } else {
            Held::Plain(Arc::new(contents))
        }
    }

    /// The file as it is served. Only a file held compressed is unpacked; that fails only if
    /// memory was corrupted (serve then answers 500).
    pub fn bytes(&self) -> io::Result<Arc<Vec<u8>>> {
        match self {
            Held::Plain(bytes) => Ok(Arc::clone(bytes)),
            Held::Gzip(gz) => crate::search::gunzip(gz).map(Arc::new),
        }
    }

    /// Whether this is the file `contents` would be held as.
    pub fn holds(&self, contents: &[u8]) -> bool {
        match self {
            Held::Plain(bytes) => bytes.as_slice() == contents,
            Held::Gzip(_) => self.bytes().is_ok_and(|b| b.as_slice() == contents),
        }
    }
}

impl OutputFile {
    /// This file as `serve` holds it.
    pub fn held(self) -> HeldFile {
        let held = Held::new(&self.path, self.contents);
        (self.path, held)
    }
}

/// A temporary directory beside the output. Dropped without `commit`, it is removed and the
/// previous output stays as it was, byte for byte.
///
/// A file whose contents are the same as in the previous output is hard-linked from it rather
/// than written: a rebuild then writes only what changed, unchanged files keep their
/// modification time (so `rsync -a` uploads only what changed), and removing the previous
/// output frees no files that the new one still uses.
///
/// After the first file that cannot be written (a full disk, say), nothing more is written:
/// the build fails with that one error (`failure`) instead of one per file.
pub struct Staging {
    dir: PathBuf,
    previous: Option<PathBuf>,
    failed: AtomicBool,
    failures: Mutex<Failures>,
}

/// The files a `Staging` could not write: the first error, and every path (so that the build
/// can tell these errors from others).
#[derive(Default)]
struct Failures {
    first: Option<(String, String)>,
    all: Vec<(String, String)>,
}

/// Why a staged build could not be written: the first file that failed and how, and every
/// file that was not written with its error.
#[derive(Debug, Clone)]
pub struct WriteFailure {
    pub path: String,
    pub error: String,
    pub all: Vec<(String, String)>,
}

impl Staging {
    /// Clears what killed builds left beside the output, then creates
    /// `.<output>.uppsikt-tmp-<pid>` next to it (so that the swap stays on one file system)
    /// with the stamp that marks it as uppsikt's.
    pub fn new(target: &Target) -> io::Result<Staging> {
        let output = &target.dir;
        swap::clear_leftovers(output);
        let dir = swap::sibling(output, "tmp", std::process::id());
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::create_dir(&dir)?;
        let staging = Staging {
            dir,
            previous: output.is_dir().then(|| output.to_path_buf()),
            failed: AtomicBool::new(false),
            failures: Mutex::default(),
        };
        std::fs::write(staging.dir.join(folder::STAMP), target.stamp())?;
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A file for the build's own data (read and write, empty), on the output's disk rather
    /// than in memory as `/tmp` may be, and removed from the folder at once: it lives while it
    /// is open, so neither the new site nor a killed build keeps it. Unix only (elsewhere an
    /// open file cannot be removed).
    pub fn scratch_file(&self) -> io::Result<std::fs::File> {
        if !cfg!(unix) {
            return Err(io::ErrorKind::Unsupported.into());
        }
        let path = self.dir.join(".uppsikt-scratch");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::fs::remove_file(&path)?;
        Ok(file)
    }

    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
        self.guard(rel, || {
            let path = self.dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            if let Some(previous) = &self.previous {
                let old = previous.join(rel);
                // Where links are not possible (another file system, say), the file is written.
                if same_file_contents(&old, contents) && std::fs::hard_link(&old, &path).is_ok() {
                    return Ok(());
                }
            }
            std::fs::write(path, contents)
        })
    }

    /// Writes a file through a buffer, for contents made piece by piece.
    pub fn write_with(
        &self,
        rel: &str,
        make: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
    ) -> io::Result<()> {
        self.guard(rel, || {
            let path = self.dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
            make(&mut w)?;
            io::Write::flush(&mut w)
        })
    }

    /// Runs `write` unless an earlier write failed, and notes its failure.
    fn guard(&self, rel: &str, write: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
        let result = if self.failed.load(Ordering::Relaxed) {
            Err(io::Error::other("not written after an earlier error"))
        } else {
            write()
        };
        if let Err(e) = &result {
            self.failed.store(true, Ordering::Relaxed);
            let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
            let failure = (rel.to_string(), e.to_string());
            failures.first.get_or_insert_with(|| failure.clone());
            failures.all.push(failure);
        }
        result
    }

    /// The first write that failed, if any.
    pub fn failure(&self) -> Option<WriteFailure> {
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let (path, error) = failures.first.clone()?;
        Some(WriteFailure {
            path,
            error,
            all: failures.all.clone(),
        })
    }

    /// Puts the staged site in place of the output in one step (see `swap`); the old output
    /// is removed when the `Staging` is dropped.
    pub fn commit(self, output: &Path) -> io::Result<()> {
        swap::swap_in(&self.dir, output)?;
        // The staging folder now holds the old output: mark it as uppsikt's (a folder taken
        // over with --force had no stamp) so that the next build removes it if this one is
        // killed before it has.
        if self.dir.is_dir() && !folder::is_stamped(&self.dir) {
            let _ = std::fs::write(self.dir.join(folder::STAMP), folder::OLD_STAMP);
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// Removes the staging folder: the unused build after a failure, or the old output after a
    /// commit. What cannot be removed now, the next build removes.
    fn drop(&mut self) {
        if self.dir.is_dir() {
            let _ = swap::remove_tree(&self.dir);
        }
    }
}

/// Whether `path` is a regular file (not a link to one) holding exactly `contents`.
fn same_file_contents(path: &Path, contents: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == contents.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == contents)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(out: &Path) -> Target {
        Target {
            dir: out.to_path_buf(),
            root: "/site".into(),
        }
    }

    #[test]
    fn after_one_failed_write_nothing_more_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&target(&out)).unwrap();
        s.write("a", b"a file").unwrap();
        assert!(s.failure().is_none());
        // A folder where a file is: the write fails as a full disk would.
        assert!(s.write("a/index.html", b"x").is_err());
        assert!(s.write("b.html", b"x").is_err());
        assert!(s.write_with("c.json", |_| Ok(())).is_err());
        assert!(!s.dir().join("b.html").exists() && !s.dir().join("c.json").exists());
        let failure = s.failure().unwrap();
        assert_eq!(failure.path, "a/index.html");
        let paths: Vec<&str> = failure.all.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["a/index.html", "b.html", "c.json"]);
        drop(s);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn the_scratch_file_is_written_and_read_but_never_part_of_the_site() {
        use std::io::{Read, Seek, Write};
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let s = Staging::new(&target(&out)).unwrap();
        let mut scratch = s.scratch_file().unwrap();
        scratch.write_all(b"analysed pages").unwrap();
        scratch.rewind().unwrap();
        let mut back = String::new();
        scratch.read_to_string(&mut back).unwrap();
        assert_eq!(back, "analysed pages");
        s.write("index.html", b"site").unwrap();
        s.commit(&out).unwrap();
        let mut files: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files, [folder::STAMP, "index.html"]);
    }

    #[test]
    fn uncommitted_staging_leaves_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&target(&out)).unwrap();
            Sink::Staging(&s)
                .put(OutputFile::new("index.html", "new"))
                .unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn commit_swaps_the_whole_site() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        let s = Staging::new(&target(&out)).unwrap();
        s.write("a/index.html", b"new").unwrap();
        s.commit(&out).unwrap();
        assert!(!out.join("stale.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_keeps_unchanged_files_and_replaces_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let build = |files: &[(&str, &str)]| {
            let s = Staging::new(&target(&out)).unwrap();
            for (rel, text) in files {
                s.write(rel, text.as_bytes()).unwrap();
            }
            s.commit(&out).unwrap();
        };
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        build(&[
            ("same.html", "samma"),
            ("changed.html", "gammal"),
            ("a/b.css", "x"),
        ]);
        let before = [inode("same.html"), inode("changed.html"), inode("a/b.css")];
        build(&[
            ("same.html", "samma"),
            ("changed.html", "ny text"),
            ("a/b.css", "y"),
        ]);
        assert_eq!(
            inode("same.html"),
            before[0],
            "an unchanged file is the same file"
        );
        assert_ne!(inode("changed.html"), before[1]);
        assert_ne!(inode("a/b.css"), before[2], "same size, other bytes");
        assert_eq!(
            std::fs::read_to_string(out.join("changed.html")).unwrap(),
            "ny text"
        );
        assert_eq!(std::fs::read_to_string(out.join("a/b.css")).unwrap(), "y");
        assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().nlink(), 1);
    }
}
