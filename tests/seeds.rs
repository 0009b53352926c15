//! Faithfulness of the shipped site to its source documents.
//!
//! `../shared/seeds/*.txt` (beside the repository) holds the text extracted from the PDFs that the
//! committees published. This test reads that text as a reader would, splits it into sentences and
//! requires every sentence of five words or more to appear, word for word, in the visible text of
//! the site that `uppsikt build` makes from this repository's `site.toml` and `content/`.
//!
//! Joining the extracted text "as a reader would" means repairing the extraction artefacts that
//! the content repairs too (see `shared/seeds/README.md`):
//! - words hyphenated across a line break are joined ("arbetsgivarvaru-" + "märket"), while a
//!   hyphen before "och"/"eller" is a real one ("förskole- och skolorganisation");
//! - page numbers, whitespace-only lines and the repeated table of contents at the end of 001 (its
//!   lines start with a tab) are dropped;
//! - footnote texts, which the extraction put wherever the page ended (after a long line of
//!   spaces), are taken out of the running text and checked on their own, without their number;
//! - bullet glyphs are dropped, and a new list item, a heading or a table row starts a new unit.
//!
//! Footnote markers were glued to the word before them by the extraction ("föreläsare2",
//! "KIR‑utläsning1", "§ 10" + "1" read as "§ 101"). In the content they are real footnote
//! references (`[^1]`), and on the page a reference is a separate `<sup>` link, not part of the
//! word. So the test strips exactly those glued markers from the seed text (see `GLUED_MARKERS`)
//! and leaves footnote references out of the page text; otherwise the comparison would demand the
//! very artefact that the content had to repair.
//!
//! When the seeds folder is missing (a checkout without `shared/`), the test says so loudly and
//! passes without checking anything, unless `UPPSIKT_REQUIRE_BROWSER=1` (as in CI): then it fails.

mod common;

use std::collections::BTreeMap;

use common::cli::built;
use common::fidelity::{html_files, seed_sentences, seeds, visible_text, MIN_WORDS};

#[test]
fn every_seed_sentence_is_on_the_built_site() {
    let Some(seeds) = seeds("seeds faithfulness test") else {
        return;
    };
    // Build the shipped site.
    let (_tmp, output) = built(&common::repo_root(), &[]);

    let mut pages = Vec::new();
    html_files(&output, &mut pages);
    assert!(!pages.is_empty(), "the build wrote no HTML pages");
    let site: String = pages
        .iter()
        .map(|p| visible_text(&std::fs::read_to_string(p).unwrap()))
        .collect::<Vec<_>>()
        .join("\u{1}");

    let mut checked = 0;
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, text) in &seeds {
        for sentence in seed_sentences(name, text) {
            checked += 1;
            if !site.contains(&sentence) {
                missing.entry(name.clone()).or_default().push(sentence);
            }
        }
    }
    let missing_count: usize = missing.values().map(Vec::len).sum();
    eprintln!(
        "seeds: {checked} sentences of {MIN_WORDS}+ words checked in {} files against {} pages; {missing_count} missing",
        seeds.len(),
        pages.len()
    );
    if !missing.is_empty() {
        let mut report = String::new();
        for (file, sentences) in &missing {
            for s in sentences {
                report.push_str(&format!("\n  {file}: {s}"));
            }
        }
        panic!("{missing_count} of {checked} seed sentences are not on the built site:{report}");
    }
    assert!(
        checked > 100,
        "suspiciously few sentences checked: {checked}"
    );
}

#[test]
fn seed_reading_repairs_the_extraction_artefacts() {
    let text = "Rubrik\nFör att stärka arbetsgivarvaru-\nmärket och förskole- \noch skolorganisation \
                finns föreläsare2 här.  \n 6 \nInsatserna syftar \n                                      \n\
                1 En fotnot som hamnade mitt i \ntexten.\n sammantaget till att höja kvaliteten.\n\
                \tBakgrund\n";
    let got = seed_sentences("001_x.txt", text);
    assert_eq!(
        got,
        vec![
            "För att stärka arbetsgivarvarumärket och förskole- och skolorganisation finns föreläsare här.",
            "Insatserna syftar sammantaget till att höja kvaliteten.",
            "En fotnot som hamnade mitt i texten.",
        ]
    );
}
