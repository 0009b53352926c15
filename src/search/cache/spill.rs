//! A one-off build's scratch file: each page's analysis (`Analysed`: its words and weights,
//! then its fragment and whole text) is written there as the page is analysed. The words are
//! read back when the index is built; the fragment and whole text stay there until the second
//! look at a page (`top.rs`) or the index's files (`assembly.rs`) read them. So neither the
//! pages' writing nor the index holds a national portal's fragments and texts in memory.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::search::analyse::Analysed;

/// Where a page's analysis is until the index is built.
pub(super) enum Held {
    Memory(Analysed),
    /// In the scratch file from `at`: its words (`words` bytes), its fragment, its whole text.
    Spilled {
        at: u64,
        words: u32,
        fragment: u32,
        whole: Option<u32>,
    },
}

/// A page's fragment or whole text: in memory, or where the scratch file holds it.
#[derive(Clone)]
pub(super) enum Kept {
    Memory(Vec<u8>),
    Spilled(u64, u32),
}

impl Default for Kept {
    fn default() -> Self {
        Kept::Memory(Vec::new())
    }
}

/// The scratch file, written from every thread at offsets each write reserves; the first
/// error reading it back, which fails the index (`failure`).
pub(super) struct Spill {
    file: File,
    end: AtomicU64,
    failure: Mutex<Option<io::Error>>,
}

impl Spill {
    pub fn new(file: File) -> Self {
        Spill {
            file,
            end: AtomicU64::new(0),
            failure: Mutex::new(None),
        }
    }

    /// The analysis, written to the file; kept in memory when it cannot be (a full disk, say:
    /// the build goes on, its writes of the site will tell).
    pub fn hold(&self, a: Analysed) -> Held {
        let mut bytes = Vec::new();
        a.encode_words(&mut bytes);
        let words = bytes.len();
        bytes.extend_from_slice(&a.fragment);
        bytes.extend_from_slice(a.whole.as_deref().unwrap_or_default());
        let (Ok(words), Ok(fragment), Ok(_)) = (
            u32::try_from(words),
            u32::try_from(a.fragment.len()),
            u32::try_from(bytes.len()),
        ) else {
            return Held::Memory(a);
        };
        let whole = a.whole.as_ref().map(|w| w.len() as u32);
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        match write_at(&self.file, &bytes, at) {
            Ok(()) => Held::Spilled {
                at,
                words,
                fragment,
                whole,
            },
            Err(_) => Held::Memory(a),
        }
    }

    /// The first error met reading the file back, if any.
    pub fn failure(&self) -> Option<io::Error> {
        self.failure.lock().ok()?.take()
    }
}

/// The bytes `k` stands for, read from `spill` when there; none when they cannot be read (the
/// error is kept for `Spill::failure`, and the index fails).
pub(super) fn bytes<'a>(spill: Option<&Spill>, k: &'a Kept) -> Cow<'a, [u8]> {
    let (at, len) = match k {
        Kept::Memory(b) => return Cow::Borrowed(b),
        Kept::Spilled(at, len) => (*at, *len),
    };
    let mut out = vec![0; len as usize];
    let read = match spill {
        Some(s) => read_at(&s.file, &mut out, at).map_err(|e| (s, e)),
        None => return Cow::Borrowed(&[]),
    };
    if let Err((s, e)) = read {
        if let Ok(mut first) = s.failure.lock() {
            first.get_or_insert(e);
        }
        out.clear();
    }
    Cow::Owned(out)
}

impl Held {
    /// The page's words, weights and length, read back from `spill` when written there, and
    /// where its fragment and whole text are.
    pub fn load(self, spill: Option<&Spill>) -> io::Result<(Analysed, Kept, Option<Kept>)> {
        let (at, words, fragment, whole) = match self {
            Held::Memory(mut a) => {
                let fragment = Kept::Memory(std::mem::take(&mut a.fragment));
                let whole = a.whole.take().map(|w| Kept::Memory(w.into_vec()));
                return Ok((a, fragment, whole));
            }
            Held::Spilled {
                at,
                words,
                fragment,
                whole,
            } => (at, words, fragment, whole),
        };
        let spill = spill.ok_or_else(|| io::Error::other("the scratch file is gone"))?;
        let mut bytes = vec![0; words as usize];
        read_at(&spill.file, &mut bytes, at)?;
        let a = Analysed::decode_words(&bytes).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, "the scratch file was changed")
        })?;
        let fragment_at = at + u64::from(words);
        let whole_at = fragment_at + u64::from(fragment);
        let whole = whole.map(|len| Kept::Spilled(whole_at, len));
        Ok((a, Kept::Spilled(fragment_at, fragment), whole))
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
        let analyse = || crate::search::analyse::analyse(&doc, budget);
        let a = analyse();
        assert!(a.whole.is_some(), "a cut fragment, with its whole text");
        let (mut words, fragment, whole) = (Vec::new(), a.fragment.clone(), a.whole.clone());
        a.encode_words(&mut words);
        let spill = Spill::new(scratch_for_tests());
        let first = spill.hold(analyse());
        let held = spill.hold(a);
        assert!(matches!(held, Held::Spilled { at, .. } if at > 0));
        let (back, f, w) = held.load(Some(&spill)).expect("read back");
        let mut again = Vec::new();
        back.encode_words(&mut again);
        assert_eq!(again, words);
        assert_eq!(&*bytes(Some(&spill), &f), &fragment[..]);
        let w = w.expect("a whole text");
        assert_eq!(&*bytes(Some(&spill), &w), &*whole.expect("whole"));
        assert!(first.load(Some(&spill)).is_ok());
        assert!(Analysed::decode_words(&words[..words.len() - 1]).is_none());
        assert!(spill.failure().is_none());
        assert!(bytes(Some(&spill), &Kept::Spilled(1 << 40, 8)).is_empty());
        assert!(
            spill.failure().is_some(),
            "a read past the end fails the index"
        );
    }

    /// A scratch file as `output::Staging::scratch_file` makes one: open, its name gone.
    #[cfg(unix)]
    pub(in crate::search::cache) fn scratch_for_tests() -> File {
        let name = format!(
            "uppsikt-scratch-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        );
        let path = std::env::temp_dir().join(name);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .expect("scratch file");
        let _ = std::fs::remove_file(&path);
        file
    }
}
