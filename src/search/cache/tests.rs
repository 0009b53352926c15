use std::sync::Arc;

use super::assembly::inflects;
use super::*;
use crate::search::text::fold_diacritics;

fn page(url: &str, area: &str, title: &str, body: &str) -> SearchDoc {
    let direction = "Nämnden följer upp arbetet";
    crate::search::one_section_page(url, area, title, direction, "Genomfört", body)
}

fn site() -> Vec<SearchDoc> {
    (0..40)
        .map(|i| {
            page(
                &format!("2025/april/omrade-{i:02}/"),
                &format!("omrade-{i:02}"),
                &format!("Område {i}"),
                &format!(
                    "Skolfrånvaro och elevpeng {} följs upp. Ord{} nämns här, SU-grupperna träffas.",
                    i % 7,
                    i
                ),
            )
        })
        .collect()
}

pub(super) fn assert_same(a: &[OutputFile], b: &[OutputFile]) {
    let map = |f: &[OutputFile]| -> std::collections::BTreeMap<String, Vec<u8>> {
        f.iter()
            .map(|f| (f.path.clone(), f.contents.clone()))
            .collect()
    };
    let (a, b) = (map(a), map(b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(
            *v == b[k],
            "{k} differs:\n{}\n{}",
            String::from_utf8_lossy(v),
            String::from_utf8_lossy(&b[k])
        );
    }
}

#[test]
fn no_chunk_ends_between_a_term_and_its_inflections() {
    assert!(inflects("forskolan", "forskol") && inflects("franvaron", "franvaro"));
    assert!(inflects("elev", "elev") && !inflects("elevhalsa", "elev"));
    // Many pages, small chunks: every chunk starts with a term that inflects none before it.
    let docs: Vec<SearchDoc> = (0..3000)
        .map(|i| {
            page(
                &format!("p{i}/"),
                "a",
                "Sida",
                &format!("ord{i} ord{i}na ord{i}en"),
            )
        })
        .collect();
    let files = IndexCache::new().build(&docs);
    let json = |path: &str| -> serde_json::Value {
        let f = files.iter().find(|f| f.path == path).expect(path);
        serde_json::from_slice(&crate::search::gunzip(&f.contents).expect("gzip")).expect("JSON")
    };
    let keys = json("search/meta.json.gz")["chunks"].clone();
    let keys = keys.as_array().expect("chunk keys");
    assert!(keys.len() > 3, "{} chunks", keys.len());
    for (i, key) in keys.iter().enumerate().skip(1) {
        let prev = json(&format!("search/t/{:03}.json.gz", i - 1));
        let last = prev.as_array().and_then(|e| e.last()).expect("a term");
        let last = fold_diacritics(last[0].as_str().expect("term"));
        let first = key.as_str().expect("key");
        assert!(
            !inflects(first, &last),
            "chunk {i} starts with {first} after {last}"
        );
    }
}

#[test]
fn a_rebuild_equals_a_fresh_build() {
    let mut cache = IndexCache::new();
    let mut docs = site();
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
    // One page edited: a new word that is also a compound head elsewhere ("skola" lets
    // "skolfrånvaro" split differently), and an existing word dropped.
    let before: Vec<(u64, Arc<DocWords>)> = cache
        .docs
        .iter()
        .map(|(h, d)| (*h, Arc::clone(&d.words)))
        .collect();
    docs[3].sections[0].text = "Skola och nytt ord: rektorsområdet. SU-grupperna.".into();
    let files = cache.build(&docs);
    assert_same(&files, &IndexCache::new().build(&docs));
    // Only that page was analysed again: every other page keeps the very analysis it had
    // (the same allocation, not an equal copy), the edited page's old analysis left, and
    // its new one is the only one added.
    assert_eq!(cache.docs.len(), docs.len());
    let mut kept = 0;
    for (h, words) in &before {
        match cache.docs.get(h) {
            Some(d) => {
                assert!(Arc::ptr_eq(&d.words, words), "page {h:x} analysed again");
                kept += 1;
            }
            None => assert_eq!(*h, doc_hash(&site()[3]), "an unchanged page left"),
        }
    }
    assert_eq!(kept, docs.len() - 1);
    let added: Vec<u64> = cache
        .docs
        .keys()
        .filter(|h| before.iter().all(|(b, _)| b != *h))
        .copied()
        .collect();
    assert_eq!(added, [doc_hash(&docs[3])]);
    // Edited back: the vocabulary entries it added leave again.
    docs[3] = site()[3].clone();
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
    // A page removed and one added (positions move): still the same as a fresh build.
    docs.remove(10);
    docs.push(page(
        "2025/april/ny/",
        "ny",
        "Ny sida",
        "Helt nya ord: fritidsgård.",
    ));
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
    // Nothing changed: nothing to do but assembling.
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
    assert_same(&cache.build(&[]), &IndexCache::new().build(&[]));
}

#[test]
fn a_page_count_that_changes_the_text_budget_starts_afresh() {
    let docs = site();
    assert_ne!(text_budget(2), text_budget(docs.len()));
    let mut cache = IndexCache::new();
    cache.build(&docs[..2]);
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
}

#[test]
fn a_one_shot_build_is_the_same_index() {
    let mut docs = site();
    let mut once = IndexCache::one_shot();
    let mut build_once =
        |docs: &[SearchDoc]| crate::search::pack::pack_once(once.files(docs, &mut Timing::new()));
    assert_same(&build_once(&docs), &IndexCache::new().build(&docs));
    // Used again, it starts afresh rather than from what it dropped.
    docs[5].sections[0].text = "Skola och nytt ord: rektorsområdet.".into();
    assert_same(&build_once(&docs), &IndexCache::new().build(&docs));
    assert!(
        once.docs.is_empty() && once.postings.is_empty(),
        "nothing kept"
    );
    assert_same(
        &crate::search::build_index(&docs),
        &IndexCache::new().build(&docs),
    );
}

#[test]
fn a_rebuild_recuts_the_tiers_of_frequent_terms_when_page_lengths_move() {
    // "gemensam" is on every page but the first: a tiered term (`index::tiers`), with page
    // lengths that vary.
    let body = |i: usize| {
        let filler: String = (0..i % 9)
            .map(|k| format!(" fyll{}", (i + k) % 40))
            .collect();
        if i == 0 {
            "Annat innehåll".to_string()
        } else {
            format!("{}{filler}", "gemensam ".repeat(1 + i % 5))
        }
    };
    let mut docs: Vec<SearchDoc> = (0..2600)
        .map(|i| page(&format!("p{i:04}/"), "a", "Sida", &body(i)))
        .collect();
    let mut cache = IndexCache::new();
    let files = cache.build(&docs);
    assert!(
        files.iter().any(|f| f.path.starts_with("search/r/")),
        "a rest file"
    );
    // The first page grows long: the average length moves, and with it the lengths as meta
    // stores them, so the tiers of "gemensam" are cut again, though no page of it changed.
    docs[0].sections[0].text = "Textrad ".repeat(20_000);
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
    docs[0].sections[0].text = "Kort".into();
    assert_same(&cache.build(&docs), &IndexCache::new().build(&docs));
}
