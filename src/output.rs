//! Output stage: pages go to a `Sink` as they are rendered — a staging directory that is
//! swapped in only when the whole build succeeded, or memory (for `serve`).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// Where rendered files go.
pub enum Sink {
    Staging(Staging),
    Memory(Mutex<Vec<OutputFile>>),
    /// Nowhere: `check` renders every page to find errors and keeps none.
    Discard,
}

impl Sink {
    pub fn put(&self, file: OutputFile) -> io::Result<()> {
        match self {
            Sink::Staging(s) => s.write(&file.path, &file.contents),
            Sink::Memory(m) => {
                m.lock()
                    .map_err(|_| io::Error::other("output lock poisoned"))?
                    .push(file);
                Ok(())
            }
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

/// A temporary directory beside the output. Dropped without `commit`, it is removed and the
/// previous output stays as it was, byte for byte.
///
/// A file whose contents are the same as in the previous output is hard-linked from it rather
/// than written: a rebuild then writes only what changed, unchanged files keep their
/// modification time (so `rsync -a` uploads only what changed), and removing the previous
/// output frees no files that the new one still uses.
pub struct Staging {
    dir: PathBuf,
    committed: bool,
    previous: Option<PathBuf>,
}

impl Staging {
    /// Creates `<output>.uppsikt-tmp-<pid>` next to `output`, so the final rename stays on
    /// one file system.
    pub fn new(output: &Path) -> io::Result<Staging> {
        let dir = sibling(output, &format!("uppsikt-tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            committed: false,
            previous: output.is_dir().then(|| output.to_path_buf()),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn write(&self, rel: &str, contents: &[u8]) -> io::Result<()> {
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
    }

    /// Writes a file through a buffer, for contents made piece by piece.
    pub fn write_with(
        &self,
        rel: &str,
        make: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
    ) -> io::Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
        make(&mut w)?;
        io::Write::flush(&mut w)
    }

    /// Puts the staged site in place of `output`: the old output is moved aside, the new one
    /// renamed in, the old one removed.
    pub fn commit(mut self, output: &Path) -> io::Result<()> {
        let old = sibling(output, &format!("uppsikt-old-{}", std::process::id()));
        let had_old = output.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(output, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, output) {
            if had_old {
                let _ = std::fs::rename(&old, output);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            remove_tree(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a directory tree, unlinking its files in parallel: a site has tens of thousands of
/// files, and one thread unlinking them dominated the end of a large build.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.par_iter().try_for_each(std::fs::remove_file)?;
    std::fs::remove_dir_all(dir)
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

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    output.with_file_name(format!(".{name}.{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_staging_leaves_output_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&out).unwrap();
            Sink::Staging(s)
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
        let s = Staging::new(&out).unwrap();
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
            let s = Staging::new(&out).unwrap();
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
