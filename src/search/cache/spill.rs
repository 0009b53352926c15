//! A one-off build's scratch file: each page's analysis (`Analysed`: its words, weights,
//! fragment and whole text) is written there as the page is analysed and read back when the
//! index is built, so that while the pages are written a national portal's analysed pages are
//! not in memory beside the template values the pages need.

use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::search::analyse::Analysed;

/// Where a page's analysis is until the index is built.
pub(super) enum Held {
    Memory(Analysed),
    /// In the scratch file: (offset, length).
    Spilled(u64, u32),
}

/// The scratch file, written from every thread at offsets each write reserves.
pub(super) struct Spill {
    file: File,
    end: AtomicU64,
}

impl Spill {
    pub fn new(file: File) -> Self {
        Spill {
            file,
            end: AtomicU64::new(0),
        }
    }

    /// The analysis, written to the file; kept in memory when it cannot be (a full disk, say:
    /// the build goes on, its writes of the site will tell).
    pub fn hold(&self, a: Analysed) -> Held {
        let mut bytes = Vec::new();
        a.encode(&mut bytes);
        let Ok(len) = u32::try_from(bytes.len()) else {
            return Held::Memory(a);
        };
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        match write_at(&self.file, &bytes, at) {
            Ok(()) => Held::Spilled(at, len),
            Err(_) => Held::Memory(a),
        }
    }
}

impl Held {
    /// The analysis, read back from `spill` when it was written there.
    pub fn load(self, spill: Option<&Spill>) -> io::Result<Analysed> {
        let (at, len) = match self {
            Held::Memory(a) => return Ok(a),
            Held::Spilled(at, len) => (at, len),
        };
        let spill = spill.ok_or_else(|| io::Error::other("the scratch file is gone"))?;
        let mut bytes = vec![0; len as usize];
        read_at(&spill.file, &mut bytes, at)?;
        Analysed::decode(&bytes).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, "the scratch file was changed")
        })
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, at)
}

// Elsewhere no scratch file is made (`output::Staging::scratch_file`): pages stay in memory.
#[cfg(not(unix))]
fn write_at(_: &File, _: &[u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn an_analysis_read_back_is_the_one_written() {
        let doc = crate::search::one_section_page(
            "2025/april/skola/",
            "skola",
            "Skola",
            "Nämnden ska följa upp frånvaron",
            "Genomfört",
            &"Elevhälsan arbetar med frånvaron. ".repeat(400),
        );
        let budget = crate::search::excerpt::text_budget(1000);
        let a = crate::search::analyse::analyse(&doc, budget);
        assert!(a.whole.is_some(), "a cut fragment, with its whole text");
        let mut expected = Vec::new();
        a.encode(&mut expected);
        let file = scratch_for_tests();
        let spill = Spill::new(file);
        let first = spill.hold(crate::search::analyse::analyse(&doc, budget));
        let held = spill.hold(a);
        assert!(matches!(held, Held::Spilled(at, _) if at > 0));
        let back = held.load(Some(&spill)).expect("read back");
        let mut again = Vec::new();
        back.encode(&mut again);
        assert_eq!(again, expected);
        assert!(first.load(Some(&spill)).is_ok());
        assert!(Analysed::decode(&expected[..expected.len() - 1]).is_none());
    }

    /// A scratch file as `output::Staging::scratch_file` makes one: open, its name gone.
    #[cfg(unix)]
    pub(in crate::search::cache) fn scratch_for_tests() -> File {
        let dir = std::env::temp_dir().join(format!("uppsikt-spill-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("scratch");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .expect("scratch file");
        let _ = std::fs::remove_dir_all(&dir);
        file
    }
}
