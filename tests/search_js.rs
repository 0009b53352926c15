//! The browser side of search, run in node: the JS stemmer and tokeniser must agree with Rust on
//! Snowball's whole Swedish vocabulary, and the shipped query engine must rank, fall back, filter
//! and highlight as issue 5 asks, over an index built by `build_index`.
//!
//! Without node these tests are skipped with a loud message, unless UPPSIKT_REQUIRE_BROWSER=1.

mod common;

use std::path::Path;

use serde_json::{json, Value};
use uppsikt::search::{build_index, term_scores, text, SearchDoc};

use common::repo_root as root;
use common::search::*;

fn reference() -> (Vec<String>, Vec<String>) {
    let dir = root().join("tests/search_data/snowball-swedish");
    let read = |f: &str| -> Vec<String> {
        std::fs::read_to_string(dir.join(f))
            .unwrap_or_else(|e| panic!("reading {f}: {e}"))
            .lines()
            .map(str::to_string)
            .collect()
    };
    (read("voc.txt"), read("output.txt"))
}

#[test]
fn rust_stems_match_snowball_reference() {
    let (voc, expected) = reference();
    assert_eq!(voc.len(), 30_738);
    let wrong: Vec<String> = voc
        .iter()
        .zip(&expected)
        .filter(|(w, e)| text::stem(w) != **e)
        .map(|(w, e)| format!("{w}: {} != {e}", text::stem(w)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong stems, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(10)]
    );
}

/// Words beyond the reference list: hyphens, digits, folded letters, very short words.
const EXTRA: &[&str] = &[
    "su-grupperna",
    "2025-06-17",
    "44",
    "a",
    "ab",
    "åå",
    "öst",
    "höst",
    "trösta",
    "fullt",
    "vänligt",
    "beslutets",
    "arbetets",
    "skolfrånvaron",
    "sjukfrånvaron",
    "elevpengen",
    "östlyckeskolan",
    "x1y",
    "αβγ",
    "日本語",
    "𝔘𝔭𝔭",
    "eleverna",
];

#[test]
fn js_stems_match_snowball_and_rust() {
    let (mut voc, mut expected) = reference();
    for w in EXTRA {
        voc.push(w.to_string());
        expected.push(text::stem(w));
    }
    let Some(out) = node(
        &[&script("text.cjs"), &client(), Path::new("stem")],
        &(voc.join("\n") + "\n"),
    ) else {
        return;
    };
    let js: Vec<&str> = out.lines().collect();
    assert_eq!(js.len(), voc.len());
    let wrong: Vec<String> = voc
        .iter()
        .zip(&expected)
        .zip(&js)
        .filter(|((w, e), j)| **j != e.as_str() || text::stem(w) != **e)
        .map(|((w, e), j)| format!("{w}: js {j}, expected {e}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(10)]
    );
}

#[test]
fn js_tokenizer_matches_rust() {
    let lines = [
        "SU-grupperna träffas varje vecka",
        "Skol\u{ad}frånvaron ÖKADE med 3,5 % (2025-06-17 § 44).",
        "Café Müller, Ærø och Øresund; straße",
        "fra\u{30a}nvaro O\u{308}stlyckeskolan e\u{301}lev",
        "skol- och fritidsfrågor – klart -- a--b -c d-",
        "<img src=x onerror=alert(1)> <script>alert(\"x\")</script>",
        "ΑΒΓ İstanbul ǅemal 𝔘𝔭𝔭𝔰𝔦𝔨𝔱 ½ ٣ x\u{200b}y",
        "",
    ];
    let Some(out) = node(
        &[&script("text.cjs"), &client(), Path::new("tokenize")],
        &(lines.join("\n") + "\n"),
    ) else {
        return;
    };
    for (line, js) in lines.iter().zip(out.lines()) {
        let rust: Vec<Value> = text::tokenize(line)
            .into_iter()
            .map(|t| json!([t.word, t.parts]))
            .collect();
        let js: Value = serde_json::from_str(js).expect("JSON from node");
        assert_eq!(js, Value::Array(rust), "tokens of {line:?}");
    }
}

/// Index files are gzip as the build writes them; a host that sends them with
/// `Content-Encoding: gzip` makes the browser unpack them first. The client reads both.
#[test]
fn js_reads_index_files_packed_and_unpacked() {
    let docs = fixture();
    let files = uppsikt::search::build_index(&docs);
    let meta = files
        .iter()
        .find(|f| f.path == "search/meta.json.gz")
        .expect("meta.json.gz");
    let plain = uppsikt::search::gunzip(&meta.contents).expect("gzip");
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let Some(out) = node(
        &[&script("text.cjs"), &client(), Path::new("read")],
        &format!("{}\n{}\n", hex(&meta.contents), hex(&plain)),
    ) else {
        return;
    };
    let expected: Value = serde_json::from_slice(&plain).expect("meta is JSON");
    let read: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON from node"))
        .collect();
    assert_eq!(read, [expected.clone(), expected]);
}

fn fixture() -> Vec<SearchDoc> {
    vec![
        doc(
            "2025/delarsbokslut/elever-med-hog-franvaro/",
            "Elever med hög frånvaro",
            "2025",
            DELAR,
            FRANVARO,
            "Andelen elever med hög frånvaro ska minska.",
            vec![
                section(None, None, "Skolfrånvaron har ökat under våren, särskilt i årskurs 8."),
                section(Some("Åtgärder"), Some("atgarder"), "Vi har infört SU-grupperna och följer upp närvaron varje månad."),
            ],
        ),
        doc(
            "2024/arsbokslut/elever-med-hog-franvaro/",
            "Elever med hög frånvaro",
            "2024",
            ARS,
            FRANVARO,
            "",
            vec![section(None, None, "Frånvaron var hög i början av året men sjönk när elevhälsan arbetade med tidiga insatser.")],
        ),
        doc(
            "2025/delarsbokslut/skolmiljo/",
            "Skolmiljö",
            "2025",
            DELAR,
            SKOLMILJO,
            "Alla skolor ska ha en trygg miljö.",
            vec![section(None, None, "Östlyckeskolan har renoverats. Elevpengen höjdes för att täcka hyran.")],
        ),
        doc(
            "2025/delarsbokslut/personal/",
            "Personalens hälsa",
            "2025",
            DELAR,
            PERSONAL,
            "",
            vec![section(Some("Hälsa"), Some("halsa"), "Sjukfrånvaron bland personalen minskade. Arbetsmiljön är bättre.")],
        ),
        doc(
            "2025/delarsbokslut/",
            "Delårsbokslut 2025",
            "2025",
            DELAR,
            None,
            "",
            vec![
                section(None, None, "Nämndens ekonomi är i balans. Budgeten följs upp varje månad av förvaltningen."),
                section(Some("Sammanfattning"), Some("sammanfattning"), "Arbetet fortsätter. Frånvaro nämns en gång."),
            ],
        ),
        doc(
            "2024/arsbokslut/xss/",
            "Test <script>alert(1)</script>",
            "2024",
            ARS,
            SKOLMILJO,
            "",
            vec![section(None, None, "Elevhälsoteamet skrev <img src=x onerror=alert(1)> i rapporten om elevhälsoarbete.")],
        ),
    ]
}

#[test]
fn engine_ranks_with_boosts_and_finds_compounds() {
    let Some(r) = run_queries(
        &fixture(),
        json!([
            q("frånvaro"),
            q("frånvaro "),
            q("elevpeng"),
            q("arbetsmiljö")
        ]),
    ) else {
        return;
    };
    // Last word typed: completions count, so "frånvaron" and compounds' heads match too.
    let u = urls(&r[0]);
    assert_eq!(r[0]["fallback"], Value::Null);
    for want in [
        "2025/delarsbokslut/elever-med-hog-franvaro/",
        "2024/arsbokslut/elever-med-hog-franvaro/",
        "2025/delarsbokslut/personal/",
        "2025/delarsbokslut/",
    ] {
        assert!(u.contains(&want), "{want} missing from {u:?}");
    }
    // The two entries with "frånvaro" in their title beat a single mention in a report's body.
    // (Field boosts are tested one by one in src/search/index.rs.)
    assert!(
        u[..2]
            .iter()
            .all(|u| u.ends_with("/elever-med-hog-franvaro/")),
        "{u:?}"
    );
    // A finished word (trailing space) still finds the compound "sjukfrånvaron" via its parts.
    assert!(
        urls(&r[1]).contains(&"2025/delarsbokslut/personal/"),
        "{:?}",
        urls(&r[1])
    );
    assert_eq!(urls(&r[2]), ["2025/delarsbokslut/skolmiljo/"]);
    assert_eq!(urls(&r[3]), ["2025/delarsbokslut/personal/"]);
}

#[test]
fn engine_falls_back_to_diacritics_then_typos() {
    let Some(r) = run_queries(
        &fixture(),
        json!([
            q("franvaro "),
            q("ostlyckeskolan"),
            q("Östlyckeskolna"),
            q("xyzzyqq"),
            q("skpl "),
            q("och")
        ]),
    ) else {
        return;
    };
    assert_eq!(r[0]["fallback"], "fold");
    assert!(urls(&r[0]).contains(&"2025/delarsbokslut/elever-med-hog-franvaro/"));
    assert_eq!(r[1]["fallback"], "fold");
    assert_eq!(urls(&r[1]), ["2025/delarsbokslut/skolmiljo/"]);
    assert_eq!(r[2]["fallback"], "typo");
    assert_eq!(urls(&r[2]), ["2025/delarsbokslut/skolmiljo/"]);
    assert!(
        r[2]["corrected"]
            .as_array()
            .expect("list")
            .iter()
            .any(|w| w == "östlyckeskolan"),
        "{}",
        r[2]["corrected"]
    );
    assert_eq!(r[3]["total"], 0);
    assert_eq!(r[3]["fallback"], Value::Null);
    assert_eq!(r[4]["total"], 0, "no typo tolerance below five letters");
    assert_eq!(r[5]["total"], 0, "stop words alone find nothing");
}

#[test]
fn engine_phrases_and_and() {
    let Some(r) = run_queries(
        &fixture(),
        json!([
            q("\"hög frånvaro\""),
            q("frånvaro elevhälsan"),
            q("östlyckeskolan sjukfrånvaron"),
            q("\"frånvaro hög\"")
        ]),
    ) else {
        return;
    };
    // 2024's entry has "hög" and "frånvaro" in its title but the body says "Frånvaron var hög":
    // the phrase is in both titles, so both match; the reversed phrase is in neither.
    let u = urls(&r[0]);
    assert!(
        u.contains(&"2025/delarsbokslut/elever-med-hog-franvaro/"),
        "{u:?}"
    );
    assert_eq!(r[3]["total"], 0, "{:?}", urls(&r[3]));
    assert_eq!(urls(&r[1]), ["2024/arsbokslut/elever-med-hog-franvaro/"]);
    assert_eq!(r[2]["total"], 0);
}

#[test]
fn engine_filters_with_counts() {
    let Some(r) = run_queries(
        &fixture(),
        json!([
            {"q": "frånvaro", "filters": {"ar": "2024"}},
            {"q": "frånvaro", "filters": {"typ": "delarsbokslut"}},
            {"q": "frånvaro", "filters": {"omrade": "personal"}},
            {"q": "frånvaro", "filters": {"ar": "1999"}},
        ]),
    ) else {
        return;
    };
    assert_eq!(urls(&r[0]), ["2024/arsbokslut/elever-med-hog-franvaro/"]);
    // Counts of a filter ignore its own choice, so the other years stay selectable.
    assert_eq!(r[0]["counts"]["ar"], json!({"2024": 1, "2025": 3}));
    assert_eq!(r[0]["counts"]["typ"], json!({"arsbokslut": 1}));
    assert_eq!(r[1]["total"], 3);
    assert!(!urls(&r[1]).contains(&"2024/arsbokslut/elever-med-hog-franvaro/"));
    assert_eq!(urls(&r[2]), ["2025/delarsbokslut/personal/"]);
    assert_eq!(r[3]["total"], 0);
}

/// An index of another version than the client's (scripts a browser kept from before a deploy
/// that changed the index) is refused with a message saying to reload, not misread.
#[test]
fn an_index_of_another_version_asks_for_a_reload() {
    let docs = fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(&build_index(&docs), dir.path());
    common::raise_index_version(&dir.path().join("search/meta.json.gz"));
    let Some(r) = run_on_index(dir.path(), json!([{"q": "frånvaro", "expectError": true}])) else {
        return;
    };
    let error = r[0]["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("search index version") && error.contains("reload"),
        "{}",
        r[0]
    );
}

/// The client scores a page as the build defines BM25 (`search::index::bm25`, read back by
/// `term_scores`), from the same decoded frequencies and page lengths: the constants agree.
#[test]
fn js_scores_are_the_builds_bm25() {
    let docs = fixture();
    let Some(r) = run_queries(&docs, json!([q("frånvaro ")])) else {
        return;
    };
    let scores = term_scores(&build_index(&docs), "frånvaro").expect("frånvaro is indexed");
    let hits = r[0]["hits"].as_array().expect("hits");
    assert_eq!(r[0]["total"], scores.len());
    for (url, &want) in &scores {
        if let Some(hit) = hits.iter().find(|h| h["url"] == *url) {
            let got = hit["score"].as_f64().expect("a score");
            assert!(
                (got - want as f64).abs() <= 1e-4 * want as f64,
                "{url}: the client scores {got}, the build {want}"
            );
        }
    }
    assert!(!hits.is_empty());
}

#[test]
fn engine_anchors_highlights_and_keeps_markup_as_text() {
    let Some(r) = run_queries(
        &fixture(),
        json!([
            q("SU-grupperna"),
            q("grupperna"),
            q("elevhälsoarbete"),
            q("fortsätter "),
            q("sjukfrånvaron "),
            q("hälsa "),
            q("andelen ")
        ]),
    ) else {
        return;
    };
    let hit = &r[0]["hits"][0];
    assert_eq!(hit["url"], "2025/delarsbokslut/elever-med-hog-franvaro/");
    assert_eq!(hit["anchor"], "atgarder");
    assert_eq!(hit["marked"], json!(["SU-grupperna"]));
    assert_eq!(
        urls(&r[1]),
        ["2025/delarsbokslut/elever-med-hog-franvaro/"],
        "hyphen parts are indexed"
    );
    let x = &r[2]["hits"][0];
    assert_eq!(x["title"], "Test <script>alert(1)</script>");
    let excerpt: String = x["excerpt"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["text"].as_str().unwrap_or(""))
        .collect();
    assert!(
        excerpt.contains("<img src=x onerror=alert(1)>"),
        "{excerpt}"
    );
    assert_eq!(x["marked"], json!(["elevhälsoarbete"]));
    // The report page's "fortsätter" is under the heading "Sammanfattning".
    let a = &r[3]["hits"][0];
    assert_eq!(a["url"], "2025/delarsbokslut/");
    assert_eq!(a["anchor"], "sammanfattning");
    assert_eq!(a["marked"], json!(["fortsätter"]));
    // A word under a heading links there, also when the title has it too ("Personalens hälsa",
    // heading "Hälsa"); a word only in the direction links to the top of the page.
    assert_eq!(r[4]["hits"][0]["anchor"], "halsa");
    assert_eq!(r[5]["hits"][0]["url"], "2025/delarsbokslut/personal/");
    assert_eq!(r[5]["hits"][0]["anchor"], "halsa");
    assert_eq!(
        r[6]["hits"][0]["url"],
        "2025/delarsbokslut/elever-med-hog-franvaro/"
    );
    assert_eq!(r[6]["hits"][0]["anchor"], Value::Null);
}

#[test]
fn empty_site_answers_with_no_results() {
    let Some(r) = run_queries(&[], json!([q("frånvaro"), q("")])) else {
        return;
    };
    assert_eq!(r[0]["total"], 0);
    assert_eq!(r[1]["total"], 0);
}

/// A run of letters longer than any word (a pasted code) is neither indexed nor looked up: a
/// query with it finds what its other words find, and no index file holds it. One of 255
/// letters is still a word.
#[test]
fn a_word_longer_than_255_letters_is_left_out_of_index_and_query() {
    let (long, longest) = ("kod".repeat(100), "ö".repeat(255));
    let docs = plain_pages(3, |i| match i {
        0 => format!("vanlig {long} text"),
        1 => format!("vanlig {longest}"),
        _ => "vanlig".to_string(),
    });
    let files = build_index(&docs);
    // The index files but the pages' own text (fragments, whole texts), unpacked.
    let index: Vec<u8> = (files.iter())
        .filter(|f| !f.path.contains("/x/") && !f.path.contains("/p/"))
        .flat_map(|f| uppsikt::search::gunzip(&f.contents).expect("gzip"))
        .collect();
    let index = String::from_utf8(index).expect("UTF-8");
    assert!(!index.contains("kodkod") && index.contains(&longest));
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(&files, dir.path());
    let queries = json!([
        q(&format!("vanlig {long} ")),
        q(&format!("{long} ")),
        q(&format!("{longest} "))
    ]);
    let Some(r) = run_on_index(dir.path(), queries) else {
        return;
    };
    assert_eq!(r[0]["total"], 3, "the long word is left out of the query");
    assert_eq!(r[1]["total"], 0);
    assert_eq!(urls(&r[2]), ["p1/"], "255 letters are a word");
}

// ------------------------------------------------------------------ issue 19

/// Pages that write one word in several forms, a compound with it as modifier, and a page that
/// mentions it only far into a long text.
fn forms_fixture() -> Vec<SearchDoc> {
    let page = |url: &str, title: &str, text: &str| {
        doc(
            url,
            title,
            "2025",
            DELAR,
            PERSONAL,
            "",
            vec![section(None, None, text)],
        )
    };
    vec![
        page("a/", "Tillsyn", "Myndigheten gör tillsyn av skolorna."),
        page(
            "b/",
            "Samverkan",
            "Flera myndigheter samverkar kring barnen.",
        ),
        page("c/", "Uppdrag", "Myndigheternas uppdrag ses över i år."),
        page("d/", "Roller", "En myndighet har ansvar för vägledningen."),
        page("e/", "Utövning", "Myndighetsutövning sker enligt lagen."),
        page("f/", "Elevpengen", "Elevpengen höjdes för att täcka hyran."),
        page("g/", "Budget", "Budgeten är i balans."),
    ]
}

#[test]
fn every_form_of_a_word_finds_the_same_pages_and_marks_the_pages_own_form() {
    let forms = ["myndighet", "myndigheten", "myndigheter", "myndigheternas"];
    let mut requests: Vec<Value> = forms.iter().map(|f| q(f)).collect();
    requests.extend(forms.iter().map(|f| q(&format!("{f} "))));
    requests.push(q("myndighetsutö"));
    let Some(r) = run_queries(&forms_fixture(), Value::Array(requests)) else {
        return;
    };
    // As typed (no space after) and as finished words: one set, ranked alike. "myndigheternas"
    // has its own Snowball stem ("myndighet"), which Snowball stems on to that of the others.
    // The compound "myndighetsutövning" has the word as a part.
    let want = ["a/", "b/", "c/", "d/", "e/"];
    for (i, res) in r[..8].iter().enumerate() {
        let mut u = urls(res);
        assert_eq!(res["total"], 5, "{}: {u:?}", res["q"]);
        assert_eq!(res["docs"], r[0]["docs"], "{} ranks otherwise", res["q"]);
        u.sort();
        assert_eq!(u, want, "query {i}: {}", res["q"]);
        // Each page marks the form it writes (the compound its own word).
        for h in res["hits"].as_array().expect("hits") {
            let marked = h["marked"].as_array().expect("marks");
            assert_eq!(marked.len(), 1, "{}: {h}", res["q"]);
            let shown: String = h["excerpt"]
                .as_array()
                .expect("segments")
                .iter()
                .map(|s| s["text"].as_str().unwrap_or(""))
                .collect();
            assert!(shown.contains(marked[0].as_str().unwrap_or("?")), "{h}");
        }
    }
    assert_eq!(r[2]["hits"][0]["marked"].as_array().map(Vec::len), Some(1));
    // A word no page writes is still being typed: it is completed.
    assert_eq!(urls(&r[8]), ["e/"]);
    assert_eq!(r[8]["hits"][0]["marked"], json!(["Myndighetsutövning"]));
}

#[test]
fn a_typo_in_the_first_letter_is_caught() {
    let Some(r) = run_queries(
        &forms_fixture(),
        json!([
            q("rlevpengen "),
            q("leevpengen "),
            q("wlevpengen "),
            q("levpengen "),
            q("selevpengen "),
            {"q": "elevpemgen ", "fresh": true},
            q("xyzzyqq "),
            q("ägledningen "),
            q("yndigheten ")
        ]),
    ) else {
        return;
    };
    // Wrong, swapped, wrong again, omitted and extra first letter; a typo further in.
    for res in &r[..6] {
        assert_eq!(res["fallback"], "typo", "{}", res["q"]);
        assert_eq!(urls(res), ["f/"], "{}", res["q"]);
        assert!(
            res["corrected"]
                .as_array()
                .expect("list")
                .iter()
                .any(|w| w == "elevpeng"),
            "{}",
            res["corrected"]
        );
    }
    // A typo after the first letter reads the first letter's file only.
    let vocab = |res: &Value| -> usize {
        res["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| {
                f.as_str()
                    .is_some_and(|f| f.starts_with("v/") || f.starts_with("w/"))
            })
            .count()
    };
    assert_eq!(vocab(&r[5]), 1, "{}", r[5]["files"]);
    assert!(vocab(&r[0]) <= 4, "{}", r[0]["files"]);
    assert_eq!(r[6]["total"], 0);
    // An omitted first letter, where the word's second letter is no help: "ägledningen" is
    // found by the terms whose second letter is its first.
    for (res, term, url) in [(&r[7], "vägledning", "d/"), (&r[8], "mynd", "d/")] {
        assert_eq!(res["fallback"], "typo", "{}", res["q"]);
        assert!(urls(res).contains(&url), "{res}");
        assert!(
            res["corrected"]
                .as_array()
                .expect("list")
                .iter()
                .any(|w| w == term),
            "{}",
            res["corrected"]
        );
        assert!(vocab(res) <= 4, "{}", res["files"]);
    }
}

#[test]
fn typing_waits_for_a_pause_at_the_typists_own_pace_and_prefetches_finished_words() {
    let Some(r) = run_queries(
        &forms_fixture(),
        json!([
            {"pace": [0, 100, 200, 300, 400, 500]},
            {"pace": [0, 250, 500, 750, 1000]},
            {"pace": [0, 3000]},
            {"prefetch": "myndigheten ", "fresh": true},
            {"prefetch": "myndigheten samv", "fresh": true},
            q("myndigheten samverkar")
        ]),
    ) else {
        return;
    };
    // The wait after a key outlasts the typist's gap between keys, so no half-typed word is
    // searched, and stays short enough to show results about a third of a second after the last.
    let waits = |i: usize| -> Vec<u64> {
        r[i]["waits"]
            .as_array()
            .expect("waits")
            .iter()
            .map(|w| w.as_u64().expect("ms"))
            .collect()
    };
    assert!(
        waits(0)[0] > 250,
        "the first key waits longest: {:?}",
        waits(0)
    );
    assert!(
        waits(0)[1..].iter().all(|&w| w > 100 && w <= 320),
        "{:?}",
        waits(0)
    );
    assert!(
        waits(1)[1..].iter().all(|&w| w > 250 && w <= 320),
        "{:?}",
        waits(1)
    );
    assert_eq!(waits(2)[1], waits(2)[0], "a long pause starts afresh");
    // A finished word fetches its term chunk, nothing else; an unfinished one nothing.
    let files = |i: usize| -> Vec<String> {
        r[i]["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|f| f.as_str().expect("path").to_string())
            .collect()
    };
    assert!(
        files(3).iter().any(|f| f.starts_with("t/")),
        "{:?}",
        files(3)
    );
    assert!(
        files(3)
            .iter()
            .all(|f| f == "meta.json.gz" || f.starts_with("t/")),
        "{:?}",
        files(3)
    );
    assert_eq!(files(4), files(3));
    // The finished query then needs no chunk the prefetch already read.
    assert!(
        !files(5).iter().any(|f| files(4).contains(f)),
        "{:?}",
        files(5)
    );
}

#[test]
fn a_word_only_in_a_heading_or_title_is_shown_marked() {
    let docs = vec![doc(
        "a/",
        "Insatser inom matematikområdet",
        "2025",
        DELAR,
        PERSONAL,
        "",
        vec![
            section(None, None, "Arbetet fortsätter under året."),
            section(
                Some("Planerad insats och koppling till området"),
                Some("planerad"),
                "Lärarna får stöd i undervisningen.",
            ),
        ],
    )];
    let Some(r) = run_queries(&docs, json!([q("koppling "), q("matematikområdet ")])) else {
        return;
    };
    let hit = &r[0]["hits"][0];
    assert_eq!(hit["marked"], json!(["koppling"]), "{hit}");
    assert_eq!(hit["anchor"], "planerad");
    let shown: String = hit["excerpt"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["text"].as_str().unwrap_or(""))
        .collect();
    assert!(
        shown.starts_with("Planerad insats och koppling till området — Lärarna"),
        "{shown}"
    );
    assert_eq!(r[1]["hits"][0]["titleMarked"], json!(["matematikområdet"]));
}

/// A term of three letters ("dag", "tyd") is found inside compounds the build splits; the
/// result marks the compound, by a part that stems to the term ("skoldagen", "förtydligas"),
/// not a word that merely holds its letters.
#[test]
fn a_short_term_marks_the_compounds_it_is_a_part_of() {
    let docs = plain_pages(4, |i| {
        [
            "Dagen börjar med samling i skolan. Varje skola har en plan.",
            "Skoldagen blir längre. Idag finns en ladugård.",
            "Målen ska bli tydliga.",
            "Målen förtydligas i planen.",
        ][i]
            .to_string()
    });
    let Some(r) = run_queries(&docs, json!([q("dagen "), q("tydliga ")])) else {
        return;
    };
    let marked = |res: &Value, url: &str| -> Value {
        let hits = res["hits"].as_array().expect("hits");
        let hit = hits.iter().find(|h| h["url"] == url);
        hit.map_or(Value::Null, |h| h["marked"].clone())
    };
    assert_eq!(marked(&r[0], "p1/"), json!(["Skoldagen"]), "{}", r[0]);
    assert_eq!(marked(&r[1], "p3/"), json!(["förtydligas"]), "{}", r[1]);
}

/// "frånvaron" keeps its own Snowball stem; a page that writes it is indexed under the base
/// form "frånvaro" too, and a query for it looks up that base form: both find the same pages.
#[test]
fn a_base_form_and_its_inflection_find_the_same_pages() {
    let Some(r) = run_queries(
        &fixture(),
        json!([
            q("frånvaro "),
            q("frånvaron "),
            q("frånvaron"),
            q("hyran "),
            q("hyra ")
        ]),
    ) else {
        return;
    };
    let mut sets: Vec<Vec<&str>> = r.iter().map(urls).collect();
    for s in &mut sets {
        s.sort();
    }
    assert!(sets[0].len() >= 4, "{:?}", sets[0]);
    assert_eq!(sets[1], sets[0], "frånvaron / frånvaro");
    assert_eq!(sets[2], sets[0], "frånvaron as typed");
    assert_eq!(sets[3], ["2025/delarsbokslut/skolmiljo/"]);
    // The page writes "hyran" only; "hyra" is no word of the site, so it is no base form.
    assert_eq!(r[4]["total"], 0);
}
