//! The vocabulary files the client reads for one-edit typo tolerance, and only for it: every
//! term of four letters or more, filed once by its first (diacritic-folded) letter (`v/`) and
//! once by its second (`w/`). A typo after the first letter keeps the first, so the client reads
//! the one file of that letter. For a typo in the first letter it reads three more: the
//! second-letter file of the word's second letter (a wrong first letter: "nyndighet"), the
//! first-letter file of its second letter (swapped or one too many: "ymndighet", "emyndighet")
//! and the second-letter file of its first letter (left out: "yndighet"); search/lookup.js
//! `typoCandidates`.

use std::collections::BTreeMap;

use super::DIR;
use crate::output::OutputFile;

/// The vocabulary files and, per folder, the letter of each file in file order.
pub(super) struct VocabularyFiles {
    pub files: Vec<OutputFile>,
    pub first: Vec<String>,
    pub second: Vec<String>,
}

/// Whether a typo of the term is looked for: shorter terms match too much with one edit.
fn fit(term: &str) -> bool {
    term.chars().count() >= 4 && term.chars().all(char::is_alphabetic)
}

/// `terms`: (term, its folded form) in chunk order, so that each first letter's terms are
/// contiguous and every file lists its terms in the chunks' order.
pub(super) fn vocabulary_files<'a>(
    terms: impl Iterator<Item = (&'a str, &'a str)>,
) -> VocabularyFiles {
    let mut by_first: Vec<(char, Vec<&str>)> = Vec::new();
    let mut by_second: BTreeMap<char, Vec<&str>> = BTreeMap::new();
    for (term, fold) in terms.filter(|(t, _)| fit(t)) {
        let mut letters = fold.chars();
        let (Some(a), Some(b)) = (letters.next(), letters.next()) else {
            continue;
        };
        match by_first.last_mut() {
            Some((c, list)) if *c == a => list.push(term),
            _ => by_first.push((a, vec![term])),
        }
        by_second.entry(b).or_default().push(term);
    }
    let mut out = VocabularyFiles {
        files: Vec::new(),
        first: Vec::new(),
        second: Vec::new(),
    };
    let file = |folder: &str, i: usize, list: &[&str]| {
        let mut bytes = serde_json::to_vec(list).unwrap_or_default();
        bytes.push(b'\n');
        OutputFile::new(format!("{DIR}{folder}/{i:03}.json"), bytes)
    };
    for (i, (c, list)) in by_first.iter().enumerate() {
        out.files.push(file("v", i, list));
        out.first.push(c.to_string());
    }
    for (i, (c, list)) in by_second.iter().enumerate() {
        out.files.push(file("w", i, list));
        out.second.push(c.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_filed_by_first_and_by_second_letter() {
        let terms = [
            ("elev", "elev"),
            ("elevhälsa", "elevhalsa"),
            ("kod", "kod"),
            ("myndig", "myndig"),
            ("2025", "2025"),
            ("ämne", "amne"),
        ];
        let v = vocabulary_files(terms.into_iter());
        assert_eq!(v.first, ["e", "m", "a"]);
        assert_eq!(v.second, ["l", "m", "y"]);
        let text = |path: &str| {
            let f = v.files.iter().find(|f| f.path == path).expect(path);
            String::from_utf8(f.contents.clone()).expect("UTF-8")
        };
        assert_eq!(text("search/v/000.json"), "[\"elev\",\"elevhälsa\"]\n");
        assert_eq!(text("search/w/001.json"), "[\"ämne\"]\n");
        assert_eq!(text("search/w/002.json"), "[\"myndig\"]\n");
    }
}
