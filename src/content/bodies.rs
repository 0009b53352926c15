//! The entries' text of a one-off build, read again from their files when each report is
//! rendered: between reading the content (and checking it) and writing the pages, a build
//! holds none of it, where a national portal's text alone is most of a gigabyte. What was
//! checked is what is published: each text must be the one first read (its hash), or the
//! build stops and says which file changed.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::front::{read_text, split_file};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, Lang};

/// The hash a text is known by (`Bodies::read` compares them).
pub fn body_hash(body: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    body.hash(&mut h);
    h.finish()
}

/// Where each report's entries' text is: their files (relative to `root`, as the model holds
/// them) and the hash of the text first read from each.
pub struct Bodies {
    root: PathBuf,
    lang: Lang,
    hashes: Vec<Vec<u64>>,
}

impl Bodies {
    /// `hashes`: per report, per entry, the `body_hash` of its text as the model read it.
    pub fn new(root: &Path, lang: Lang, hashes: Vec<Vec<u64>>) -> Self {
        Bodies {
            root: root.to_path_buf(),
            lang,
            hashes,
        }
    }

    /// The text of the entries of report `ri`, whose files are `files` (in order); an error
    /// for each file that cannot be read or no longer holds the text the build checked.
    pub fn read<'a>(
        &self,
        ri: usize,
        files: impl Iterator<Item = &'a Path>,
    ) -> Result<Vec<String>, Diagnostics> {
        let known = self.hashes.get(ri).map_or(&[][..], Vec::as_slice);
        let mut texts = Vec::with_capacity(known.len());
        let mut errors = Diagnostics::default();
        for (file, &hash) in files.zip(known) {
            match self.body(file) {
                Some(text) if body_hash(&text) == hash => texts.push(text),
                Some(_) | None => errors.push(
                    Diagnostic::new(messages::changed_during_build(self.lang))
                        .in_file(file)
                        .with_hint(messages::changed_during_build_hint(self.lang)),
                ),
            }
        }
        errors.into_result(texts)
    }

    /// The text after the front matter of `file`, as `front::parse_file` splits it.
    fn body(&self, file: &Path) -> Option<String> {
        let text = read_text(&self.root, &self.root.join(file), self.lang).ok()?;
        let (text, split) = split_file(&text);
        let (_, _, body_start) = split.ok()?;
        Some(text[body_start..].to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_read_again_as_first_read_and_a_changed_file_is_an_error() {
        let root = std::env::temp_dir().join(format!("uppsikt-bodies-{}", std::process::id()));
        let dir = root.join("content/2025/april");
        std::fs::create_dir_all(&dir).expect("folder");
        let file = Path::new("content/2025/april/01-skola.md");
        let text = "\u{feff}+++\ntitle = \"Skola\"\n+++\nElevhälsan *arbetar*.\n";
        std::fs::write(root.join(file), text).expect("file");
        let bodies = Bodies::new(
            &root,
            Lang::Sv,
            vec![vec![body_hash("Elevhälsan *arbetar*.\n")]],
        );
        let read = bodies.read(0, [file].into_iter()).expect("unchanged");
        assert_eq!(read, ["Elevhälsan *arbetar*.\n"]);
        std::fs::write(root.join(file), text.replace("arbetar", "arbetade")).expect("file");
        let errors = bodies.read(0, [file].into_iter()).expect_err("changed");
        let shown = errors.0[0].to_string();
        assert!(
            shown.contains("01-skola.md") && shown.contains("ändrades"),
            "{shown}"
        );
        std::fs::remove_file(root.join(file)).expect("removed");
        assert!(bodies.read(0, [file].into_iter()).is_err(), "a file gone");
        let _ = std::fs::remove_dir_all(&root);
    }
}
