//! The files a snapshot serves, and how they changed from one build to the next.
//!
//! A full build gives a whole new set. An incremental rebuild (one entry's text) changes a
//! handful of pages, and the search index that follows changes some of its files: copying a
//! map of every file of the site for that would make each save cost time in proportion to the
//! site (200,000 files at 100,000 entries). So the files are two layers: those of the last full
//! build, shared and never copied by an update, and those changed since, which a lookup sees
//! first and an update copies.

use std::collections::HashMap;
use std::sync::Arc;

use crate::output::{Held, HeldFile, OutputFile};

/// Each file as held (`output::Held`: text compressed).
type Map = HashMap<String, Held>;

/// The changed layer is folded into the base when it holds more than this share of the base's
/// files (1/8), so that copying it stays small next to the site; the fold happens once per that
/// many files changed. Editing the same files again does not grow it.
const FOLD_SHARE: usize = 8;

/// The changed layer stays apart at least up to this many files (the search index alone
/// replaces up to a few thousand).
const FOLD_MIN: usize = 8192;

/// The files of one good build, and those changed since by incremental rebuilds.
#[derive(Default, Clone)]
pub struct Files {
    base: Arc<Map>,
    changed: Arc<Map>,
}

/// How the served files changed between two builds: what the open tabs are told.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    None,
    CssOnly,
    Pages,
}

impl Files {
    /// The files of a whole build.
    pub fn whole(files: Vec<HeldFile>) -> Files {
        Files {
            base: Arc::new(files.into_iter().collect()),
            changed: Arc::default(),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Held> {
        self.changed.get(path).or_else(|| self.base.get(path))
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.base.is_empty() && self.changed.is_empty()
    }

    /// How replacing or adding `files` would change what is served.
    pub fn change_by(&self, files: &[OutputFile]) -> Change {
        let differs = files
            .iter()
            .filter(|f| self.get(&f.path).is_none_or(|old| !old.holds(&f.contents)));
        differs.fold(Change::None, |change, f| change.max_with(&f.path))
    }

    /// These files with `files` replaced or added: only the changed layer is copied, the rest
    /// is shared with `self`.
    pub fn with(&self, files: Vec<OutputFile>) -> Files {
        let mut changed = (*self.changed).clone();
        changed.extend(files.into_iter().map(OutputFile::held));
        if changed.len() > FOLD_MIN.max(self.base.len() / FOLD_SHARE) {
            let mut base = (*self.base).clone();
            base.extend(changed);
            return Files {
                base: Arc::new(base),
                changed: Arc::default(),
            };
        }
        Files {
            base: self.base.clone(),
            changed: Arc::new(changed),
        }
    }

    /// Every file once, as served (a changed file in place of the one it replaced).
    fn iter(&self) -> impl Iterator<Item = (&String, &Held)> {
        self.changed.iter().chain(
            self.base
                .iter()
                .filter(|(k, _)| !self.changed.contains_key(*k)),
        )
    }

    /// How `next` (a whole new build) differs from these files.
    pub fn change_to(&self, next: &Files) -> Change {
        let mut change = Change::None;
        let differs = next
            .iter()
            .filter(|(k, v)| self.get(k).is_none_or(|o| o != *v))
            .map(|(k, _)| k)
            .chain(
                self.iter()
                    .map(|(k, _)| k)
                    .filter(|k| !next.contains_key(k)),
            );
        for path in differs {
            change = change.max_with(path);
            if change == Change::Pages {
                break;
            }
        }
        change
    }
}

impl Change {
    /// This change together with a change of the file at `path`.
    fn max_with(self, path: &str) -> Change {
        match self {
            _ if !path.ends_with(".css") => Change::Pages,
            Change::None => Change::CssOnly,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(pairs: &[(&str, &str)]) -> Vec<OutputFile> {
        pairs.iter().map(|(k, v)| OutputFile::new(*k, *v)).collect()
    }

    fn files(pairs: &[(&str, &str)]) -> Files {
        Files::whole(out(pairs).into_iter().map(OutputFile::held).collect())
    }

    /// A file as served.
    fn served(files: &Files, path: &str) -> Vec<u8> {
        files.get(path).unwrap().bytes().unwrap().to_vec()
    }

    #[test]
    fn a_whole_build_tells_css_only_from_page_changes() {
        let a = files(&[("index.html", "a"), ("static/style.css", "x")]);
        assert_eq!(a.change_to(&a.clone()), Change::None);
        let b = files(&[("index.html", "a"), ("static/style.css", "y")]);
        assert_eq!(a.change_to(&b), Change::CssOnly);
        let c = files(&[("index.html", "b"), ("static/style.css", "y")]);
        assert_eq!(a.change_to(&c), Change::Pages);
        let d = files(&[("index.html", "a")]);
        assert_eq!(a.change_to(&d), Change::CssOnly);
        let e = files(&[
            ("index.html", "a"),
            ("static/style.css", "x"),
            ("n.html", ""),
        ]);
        assert_eq!(a.change_to(&e), Change::Pages);
        assert_eq!(e.change_to(&a), Change::Pages);
    }

    #[test]
    fn an_update_replaces_some_files_and_shares_the_rest() {
        let a = files(&[("index.html", "a"), ("x/index.html", "x"), ("s.css", "s")]);
        let same = out(&[("x/index.html", "x")]);
        assert_eq!(a.change_by(&same), Change::None, "the same bytes again");
        let b = a.with(same);
        let update = out(&[("x/index.html", "new"), ("y.json", "{}")]);
        assert_eq!(b.change_by(&update), Change::Pages);
        let c = b.with(update);
        assert_eq!(served(&c, "x/index.html"), b"new");
        assert_eq!(served(&c, "y.json"), b"{}");
        assert_eq!(served(&a, "x/index.html"), b"x", "a is as it was");
        assert!(
            Arc::ptr_eq(&a.base, &c.base),
            "the build's files are shared"
        );
        let css = out(&[("s.css", "t")]);
        assert_eq!(c.change_by(&css), Change::CssOnly);
        let d = c.with(css);
        // A whole build compared with an updated one sees the files as served.
        let same = files(&[
            ("index.html", "a"),
            ("x/index.html", "new"),
            ("y.json", "{}"),
            ("s.css", "t"),
        ]);
        assert_eq!(d.change_to(&same), Change::None);
        assert_eq!(same.change_to(&d), Change::None);
        assert_eq!(d.iter().count(), 4);
    }

    #[test]
    fn many_changed_files_are_folded_into_the_base() {
        let many: Vec<(String, String)> = (0..FOLD_MIN + 1)
            .map(|i| (format!("p{i}.html"), format!("{i}")))
            .collect();
        let pairs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (&**k, &**v)).collect();
        let a = files(&[("index.html", "a")]);
        let b = a.with(out(&pairs[..FOLD_MIN]));
        assert_eq!(b.changed.len(), FOLD_MIN);
        let c = b.with(out(&pairs[FOLD_MIN..]));
        assert!(c.changed.is_empty());
        assert_eq!(c.base.len(), FOLD_MIN + 2);
        assert_eq!(served(&c, "p7.html"), b"7");
        assert_eq!(served(&c, "index.html"), b"a");
    }

    #[test]
    fn pages_are_held_compressed_and_served_as_they_were() {
        let page = format!("<p>{}</p>", "Nämndens inriktning. ".repeat(200));
        let image = vec![7u8; 4096];
        let a = Files::whole(vec![
            OutputFile::new("a/index.html", page.clone()).held(),
            OutputFile::new("bild.png", image.clone()).held(),
            OutputFile::new("search/t/000.json.gz", image.clone()).held(),
        ]);
        let Some(Held::Gzip(gz)) = a.get("a/index.html") else {
            panic!("a page is held compressed");
        };
        assert!(gz.len() < page.len() / 4, "{} of {}", gz.len(), page.len());
        assert!(matches!(a.get("bild.png"), Some(Held::Plain(_))));
        assert!(matches!(
            a.get("search/t/000.json.gz"),
            Some(Held::Plain(_))
        ));
        assert_eq!(served(&a, "a/index.html"), page.as_bytes());
        assert_eq!(served(&a, "bild.png"), image);
        // The same page again is no change; another is.
        let same = out(&[("a/index.html", &page)]);
        assert_eq!(a.change_by(&same), Change::None);
        let other = out(&[("a/index.html", &page.replace("Nämndens", "Styrelsens"))]);
        assert_eq!(a.change_by(&other), Change::Pages);
        assert_eq!(a.change_to(&a.with(same)), Change::None);
    }
}
