//! A large site's search index read by the part, in node as the browser reads it: term chunks
//! (a prefix reads at most three), the best pages of a frequent word in its entry and the rest
//! by the piece, each result's own page of a fragment file, a cut page's whole text, and the
//! filters' data only when asked for. Without node these tests are skipped with a loud message,
//! unless UPPSIKT_REQUIRE_BROWSER=1.

mod common;

use serde_json::{json, Value};
use uppsikt::search::{build_index, term_scores, SearchDoc};

use common::search::*;

/// On a large site the filters' data (years, kinds, areas and each page's) is in files of their
/// own, 4,096 pages each in index order, that a query without a filter never reads; a result's
/// report line comes from its own fragment. Opening the filters reads the files of the pages
/// found, and then the counts are there; choosing a filter reads them first.
#[test]
fn a_large_sites_filters_are_read_only_when_asked_for() {
    // 9,000 pages: 8,000 in areas of three pages each (ordered by area, so area 1365's pages
    // are on both sides of the first file's end), 1,000 without an area.
    let area_of =
        |i: usize| (i < 8000).then(|| (format!("yta-{:04}", i / 3), format!("Yta {}", i / 3)));
    let docs: Vec<SearchDoc> = (0..9000)
        .map(|i| {
            let (year, kind) = if i % 2 == 0 {
                ("2024", ARS)
            } else {
                ("2025", DELAR)
            };
            let area = area_of(i);
            let text = format!("gemensam text nummer{i}");
            let area = area.as_ref().map(|(id, name)| (id.as_str(), name.as_str()));
            doc(
                &format!("p{i}/"),
                &format!("Sida {i}"),
                year,
                kind,
                area,
                "",
                vec![section(None, None, &text)],
            )
        })
        .collect();
    let Some(r) = run_queries(
        &docs,
        json!([
            {"q": "nummer7 ", "fresh": true},
            {"q": "nummer7 ", "facets": true},
            {"q": "nummer4096 ", "fresh": true, "facets": true},
            {"q": "gemensam", "fresh": true, "filters": {"ar": "2024"}},
            {"q": "gemensam", "fresh": true, "filters": {"omrade": "finns-inte"}},
        ]),
    ) else {
        return;
    };
    let facet_files = |res: &Value| -> Vec<String> {
        let files = res["files"].as_array().expect("files");
        files
            .iter()
            .filter_map(|f| {
                f.as_str()
                    .filter(|f| f.starts_with("f/"))
                    .map(str::to_string)
            })
            .collect()
    };
    assert_eq!(
        facet_files(&r[0]),
        Vec::<String>::new(),
        "no filter, no facets"
    );
    assert_eq!(r[0]["counts"], Value::Null);
    let hit = &r[0]["hits"][0];
    assert_eq!(urls(&r[0]), ["p7/"]);
    assert_eq!(
        (&hit["report"], &hit["year"], &hit["kind"], &hit["area"]),
        (
            &json!("Delårsbokslut 2025"),
            &json!("2025"),
            &json!("Delårsbokslut"),
            &json!("Yta 2")
        )
    );
    // Asked for: the one file that holds the page found, no other.
    assert_eq!(facet_files(&r[1]), ["f/000.json.gz"]);
    assert_eq!(r[1]["counts"]["ar"], json!({"2025": 1}));
    assert_eq!(r[1]["counts"]["omrade"], json!({"yta-0002": 1}));
    assert_eq!(facet_files(&r[2]).len(), 1, "{}", r[2]["files"]);
    assert_eq!(r[2]["counts"]["omrade"], json!({"yta-1365": 1}));
    // A filter needs the files of every page found: all three; an area's pages in two files
    // are one area, counted once.
    assert_eq!(
        facet_files(&r[3]),
        ["f/000.json.gz", "f/001.json.gz", "f/002.json.gz"]
    );
    assert_eq!(r[3]["total"], 4500);
    assert_eq!(r[3]["counts"]["ar"], json!({"2024": 4500, "2025": 4500}));
    assert_eq!(r[3]["counts"]["typ"], json!({"arsbokslut": 4500}));
    let in_2024 = |area: &str| {
        (0..9000)
            .filter(|&i| i % 2 == 0 && area_of(i).is_some_and(|a| a.0 == area))
            .count()
    };
    let omrade = &r[3]["counts"]["omrade"];
    assert_eq!(omrade.as_object().expect("area counts").len(), 2667);
    for area in ["yta-0000", "yta-1365", "yta-2666"] {
        assert_eq!(omrade[area], in_2024(area), "{area}");
    }
    // An area the site does not have matches nothing, not the pages without an area.
    assert_eq!(r[4]["total"], 0, "an unknown area found pages");
}

#[test]
fn prefix_matching_reads_at_most_three_chunk_files() {
    // Many distinct words with one beginning, so that they fill many term chunks.
    let docs = plain_pages(3000, |i| format!("prognos{i}x{} text", i * 7919 % 10007));
    let Some(r) = run_queries(&docs, json!([q("prog"), q("pr")])) else {
        return;
    };
    for res in &r {
        let chunks = res["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| f.as_str().is_some_and(|f| f.starts_with("t/")))
            .count();
        assert!(res["total"].as_u64() > Some(0), "{}", res["q"]);
        assert!(
            chunks <= 3,
            "{} read {chunks} chunk files: {}",
            res["q"],
            res["files"]
        );
    }
}

/// Issue 18: a result reads its own page of a fragment file by byte range (the page's two
/// offsets, then its packed entry), not the whole file of its neighbours, and shows the same.
#[test]
fn a_result_reads_only_its_own_page_of_a_fragment_file() {
    let docs: Vec<SearchDoc> = (0..60)
        .map(|i| {
            // One page in four has the word: each result lies in a file of its own.
            let topic = if i % 4 == 0 { "elevhälsa" } else { "budget" };
            let text = format!(
                "Enhet {i} arbetar med {topic}. {}",
                "Verksamheten följer planen och rapporterar varje månad. ".repeat(12)
            );
            doc(
                &format!("2025/delarsbokslut/enhet-{i}/"),
                &format!("Enhet {i}"),
                "2025",
                DELAR,
                None,
                "",
                vec![section(Some("Läget"), Some("laget"), &text)],
            )
        })
        .collect();
    let files = build_index(&docs);
    let size = |p: &str| {
        files
            .iter()
            .find(|f| f.path == format!("search/{p}"))
            .map_or(0, |f| f.contents.len() as u64)
    };
    let Some(r) = run_queries(&docs, json!([q("elevhälsa")])) else {
        return;
    };
    let res = &r[0];
    assert_eq!(res["total"], 15);
    assert_eq!(urls(res).len(), 5);
    assert!(res["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .all(|h| h["marked"].as_array().is_some_and(|m| !m.is_empty())));
    let read: Vec<&str> = res["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    // Two reads a result (its offsets, then its page), each from a `.bin` fragment file.
    let x: Vec<&&str> = read.iter().filter(|f| f.starts_with("x/")).collect();
    assert_eq!(x.len(), 10, "{read:?}");
    assert!(x.iter().all(|f| f.ends_with(".bin")), "{read:?}");
    let whole: u64 = read
        .iter()
        .filter(|f| !f.starts_with("x/"))
        .map(|f| size(f))
        .sum();
    let mut touched: Vec<&&str> = x.clone();
    touched.sort();
    touched.dedup();
    let fragment_files: u64 = touched.iter().map(|f| size(f)).sum();
    let fragment_bytes = res["gzip"].as_u64().expect("bytes") - whole;
    assert!(
        fragment_bytes * 2 < fragment_files,
        "five pages read {fragment_bytes} bytes of fragment files of {fragment_files} bytes"
    );
}

/// On a large site a term chunk closes between two forms of a word once it is twice its size:
/// here "frånvarande" (its term "frånvar", which "frånvaro" inflects, so the chunk cannot
/// close there) and the frequent "frånvaro" fill one, and "frånvaron" falls in the next. The
/// query for "frånvaron" reads the base's chunk too, so both forms still find the same pages.
#[test]
fn a_base_form_in_another_term_chunk_is_read_too() {
    let docs = plain_pages(12_000, |i| {
        let form = if i % 100 == 0 {
            "frånvaron"
        } else {
            "frånvaro"
        };
        let also = if i % 6 == 0 { "frånvarande" } else { "" };
        format!("{form} och ord{}x{} {also} text", i * 7919 % 10007, i % 13)
    });
    let Some(r) = run_queries(
        &docs,
        json!([q("frånvaro "), {"q": "frånvaron ", "fresh": true}]),
    ) else {
        return;
    };
    let chunks = |res: &Value| -> Vec<String> {
        let files = res["files"].as_array().expect("files").iter();
        files
            .filter_map(|f| f.as_str().filter(|f| f.starts_with("t/")).map(String::from))
            .collect()
    };
    assert!(
        chunks(&r[1]).len() >= 2,
        "the fixture should put frånvaro and frånvaron in two chunks: {:?}",
        chunks(&r[1])
    );
    assert_eq!(
        r[0]["total"], 12_000,
        "frånvaro finds the pages of both forms"
    );
    assert_eq!(r[1]["total"], r[0]["total"], "frånvaron / frånvaro");
}

/// A word on most pages of a large site is stored in tiers (src/search/index/tiers.rs): its
/// entry has the frequencies of its best pages only, the rest lie in a rest file. The first
/// results of a query come without the rest file and are those of the whole ranking; more
/// results than the best pages hold, a filter or a second word that needs the rest read it.
#[test]
fn a_frequent_word_shows_its_best_pages_without_reading_the_rest() {
    let docs = common_and_rare_pages(3000, |i| i % 9 == 0);
    let Some(r) = run_queries(
        &docs,
        json!([
            {"q": "gemensam ", "fresh": true},
            {"q": "gemensam ", "fresh": true, "show": 3000},
            {"q": "gemensam sällsynt", "fresh": true},
            {"q": "gemensam sällsynt", "fresh": true, "show": 400},
        ]),
    ) else {
        return;
    };
    let rest_read = |res: &Value| !rest_reads(res).is_empty();
    assert!(
        !rest_read(&r[0]),
        "five results from the best pages: {}",
        r[0]["files"]
    );
    assert!(
        rest_read(&r[1]),
        "all 3000 need the rest: {}",
        r[1]["files"]
    );
    assert_eq!(
        (&r[0]["total"], &r[1]["total"]),
        (&json!(3000), &json!(3000))
    );
    // The first five are those of the exact ranking, with the build's scores.
    assert_eq!(urls(&r[0]), urls(&r[1])[..5]);
    let scores = term_scores(&build_index(&docs), "gemensam").expect("indexed");
    assert_eq!(scores.len(), 3000);
    for hit in r[1]["hits"].as_array().expect("hits") {
        let (got, want) = (
            hit["score"].as_f64().expect("score"),
            scores[hit["url"].as_str().expect("url")],
        );
        assert!(
            (got - want as f64).abs() <= 1e-4 * want as f64,
            "{hit}: {want}"
        );
    }
    // And of a second word: the same pages and first five, whether or not the rest was read.
    assert_eq!(r[2]["total"], 334);
    assert_eq!(r[2]["total"], r[3]["total"]);
    assert_eq!(urls(&r[2]), urls(&r[3])[..5]);
    assert!(rest_read(&r[3]));
}

/// A rest file is read by the piece (1,024 pages of the site each): a rare word beside a
/// frequent one needs the rest of the frequent word only for the few pages of the rare one,
/// and reads that piece alone (its two offsets, then its bytes); the scores are still exact.
#[test]
fn a_rare_word_beside_a_frequent_one_reads_one_piece_of_its_rest() {
    // Pages p8000–p8039 sort (by URL) among the first of the "p8…" block, within one piece.
    let docs = common_and_rare_pages(9000, |i| (8000..8040).contains(&i));
    let Some(r) = run_queries(
        &docs,
        json!([
            {"q": "gemensam sällsynt", "fresh": true},
            {"q": "gemensam sällsynt", "fresh": true, "show": 40},
        ]),
    ) else {
        return;
    };
    assert_eq!(r[0]["total"], 40);
    assert_eq!(rest_reads(&r[0]).len(), 2, "{:?}", rest_reads(&r[0]));
    assert_eq!(rest_reads(&r[1]).len(), 2, "{:?}", rest_reads(&r[1]));
    assert_eq!(urls(&r[0]), urls(&r[1])[..5]);
    let files = build_index(&docs);
    let common = term_scores(&files, "gemensam").expect("gemensam is indexed");
    let rare = term_scores(&files, "sällsynt").expect("sällsynt is indexed");
    for hit in r[1]["hits"].as_array().expect("hits") {
        let url = hit["url"].as_str().expect("url");
        let want = (common[url] + rare[url]) as f64;
        let got = hit["score"].as_f64().expect("score");
        assert!((got - want).abs() <= 1e-4 * want, "{hit}: {want}");
    }
}

/// A word on a third of the pages is written as a bitmap of the site's pages, a rare one as
/// the gaps between its pages, and a frequent one names its best pages by their places among
/// its pages: the client reads each back to the build's own pages and scores.
#[test]
fn a_words_pages_are_a_bitmap_or_gaps_and_the_client_reads_both() {
    let docs = plain_pages(3000, |i| {
        let third = if i % 3 == 1 { "kontroll" } else { "" };
        let rare = if i % 50 == 7 { "sällsynt" } else { "" };
        format!(
            "{} {third} {rare} fyll{}",
            "gemensam ".repeat(1 + i % 5),
            i % 40
        )
    });
    let files = build_index(&docs);
    let pages = |term| {
        written_entry(&files, term)[1]
            .as_str()
            .expect("pages")
            .to_string()
    };
    assert!(pages("kontroll").starts_with('~'), "{}", pages("kontroll"));
    assert!(!pages("sällsynt").starts_with('~'));
    let tiered = written_entry(&files, "gemensam");
    assert_eq!(tiered.as_array().map(Vec::len), Some(6), "a tiered entry");
    assert!(tiered[2].as_str().is_some_and(|f| f.len() < 3000 / 8));
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(&files, dir.path());
    let show = |q: &str| json!({"q": q, "show": 3000, "fresh": true});
    let queries = json!([
        show("kontroll "),
        show("sällsynt "),
        show("kontroll sällsynt"),
        show("gemensam ")
    ]);
    let Some(r) = run_on_index(dir.path(), queries) else {
        return;
    };
    let totals: Vec<&Value> = r.iter().map(|x| &x["total"]).collect();
    // Pages 1, 4, 7 …; 7, 57, 107 …; of those, the pages 7 + 150k.
    assert_eq!(totals, [1000, 60, 20, 3000]);
    for (res, term) in [
        (&r[0], "kontroll"),
        (&r[1], "sällsynt"),
        (&r[3], "gemensam"),
    ] {
        let want = term_scores(&files, term).expect("indexed");
        let hits = res["hits"].as_array().expect("hits");
        assert_eq!(hits.len(), want.len(), "{term}");
        for hit in hits {
            let (url, got) = (hit["url"].as_str().expect("url"), hit["score"].as_f64());
            let want = want[url] as f64;
            assert!(
                got.is_some_and(|g| (g - want).abs() <= 1e-4 * want),
                "{term} {hit}: {want}"
            );
        }
    }
}

/// A word typed as a prefix matches two frequent terms; the pages a query must score exactly
/// lie in a piece that only one of them has rest pages in: the other's rest file is not asked
/// for a piece it does not have.
#[test]
fn a_prefix_of_two_frequent_terms_reads_only_the_pieces_they_have() {
    // "kalk" on every page, "kalkyl" on the pages whose URLs sort first (p1…, p2…: its rest
    // in the first two pieces); "sällsynt" on pages sorting near the end (p8000–p8039, in the
    // fourth piece).
    let docs = plain_pages(9000, |i| {
        let kalkyl = if i.to_string().starts_with(['1', '2']) {
            " kalkyl"
        } else {
            ""
        };
        let rare = if (8000..8040).contains(&i) {
            " sällsynt"
        } else {
            ""
        };
        format!("{}{kalkyl} ord{}{rare}", "kalk ".repeat(1 + i % 7), i % 50)
    });
    let Some(r) = run_queries(
        &docs,
        json!([
            {"q": "sällsynt kal", "fresh": true, "show": 40},
            {"q": "sällsynt kalk", "fresh": true, "show": 40},
        ]),
    ) else {
        return;
    };
    assert_eq!((&r[0]["total"], &r[1]["total"]), (&json!(40), &json!(40)));
    let read = rest_files_read(&r[0]);
    assert_eq!(read.len(), 1, "only kalk's rest: {read:?}");
}

/// A rest file whose piece lacks a page's frequency (a file cut or mixed up on the host) fails
/// the query with "corrupt rest file", rather than ranking on, or asking for it again and again.
#[test]
fn a_rest_piece_short_of_a_page_fails_the_query() {
    let docs = common_and_rare_pages(3000, |i| i % 9 == 0);
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(&build_index(&docs), dir.path());
    for file in std::fs::read_dir(dir.path().join("search/r"))
        .expect("rest files")
        .flatten()
    {
        let bytes = std::fs::read(file.path()).expect("a rest file");
        let pieces = uppsikt::search::unpack_ranged(&bytes).expect("a ranged file");
        std::fs::write(file.path(), one_page_short(&pieces)).expect("write the rest file");
    }
    let Some(r) = run_on_index(
        dir.path(),
        json!([{"q": "gemensam sällsynt", "show": 400, "expectError": true}]),
    ) else {
        return;
    };
    assert_eq!(r[0]["error"], "corrupt rest file", "{}", r[0]);
}

/// A rest file whose every piece is one page short, packed as the build packs them (a table
/// of offsets, then each piece's gzip).
fn one_page_short(pieces: &[Vec<u8>]) -> Vec<u8> {
    let members: Vec<Vec<u8>> = pieces
        .iter()
        .map(|p| {
            let v: Value = serde_json::from_slice(p).expect("a piece");
            let cut = |k: usize| v[k].as_str().expect("digits")[1..].to_string();
            uppsikt::search::gzip_fast(json!([cut(0), cut(1)]).to_string().as_bytes())
        })
        .collect();
    let mut at = 4 * (members.len() + 1);
    let mut packed: Vec<u8> = Vec::new();
    for m in members.iter().map(Vec::len).chain([0]) {
        packed.extend_from_slice(&(at as u32).to_le_bytes());
        at += m;
    }
    members.iter().for_each(|m| packed.extend_from_slice(m));
    packed
}

/// Two frequent words in one term chunk (an inflection keeps "kalk" and "kalkyl" together)
/// have a rest file each: a query that needs the rest of one reads that file only, not the
/// other word's pages too.
#[test]
fn a_query_reads_the_rest_of_its_own_frequent_word_only() {
    let docs = plain_pages(3000, |i| {
        let rare = if i % 9 == 0 { " sällsynt" } else { "" };
        let kalk = "kalk ".repeat(1 + i % 5);
        let kalkyl = "kalkyl ".repeat(1 + i % 7);
        format!("{kalk}{kalkyl}ord{}{rare}", i % 50)
    });
    let files = build_index(&docs);
    assert!(term_scores(&files, "kalkyl").is_some_and(|s| s.len() == 3000));
    let Some(r) = run_queries(
        &docs,
        json!([
            {"q": "kalk sällsynt", "fresh": true, "show": 400},
            {"q": "kalkyl sällsynt", "fresh": true, "show": 400},
        ]),
    ) else {
        return;
    };
    let (kalk, kalkyl) = (rest_files_read(&r[0]), rest_files_read(&r[1]));
    assert_eq!((kalk.len(), kalkyl.len()), (1, 1), "{kalk:?} {kalkyl:?}");
    assert_ne!(kalk, kalkyl);
    let chunk_of = |name: &str| name.split('-').next().map(str::to_string);
    assert_eq!(
        chunk_of(&kalk[0]),
        chunk_of(&kalkyl[0]),
        "the fixture should put kalk and kalkyl in one term chunk: {kalk:?} {kalkyl:?}"
    );
    let written = |name: &str| files.iter().any(|f| f.path == format!("search/{name}"));
    assert!(written(&kalk[0]) && written(&kalkyl[0]));
    assert_eq!((&r[0]["total"], &r[1]["total"]), (&json!(334), &json!(334)));
}

/// A long page's stored excerpts show the words it repeats most and those it is a top result
/// for; a query that ANDs two words it writes once each, deep in its text, finds it among the
/// first results although it is no top result for either word alone. Its excerpt then comes
/// from its whole text (`p/`), read for that result only; a quoted phrase is checked against
/// the whole text too, not kept on trust because the excerpts were cut.
#[test]
fn a_result_whose_excerpts_lack_its_words_shows_them_from_its_whole_text() {
    let filler = "Nämnden följer verksamhetsplanen och redovisar utfallet kvartalsvis. ";
    // More often repeated words than the excerpt has windows for, before each of the two.
    let blocks = |from: usize| -> String {
        (from..from + 20)
            .map(|k| format!("Delmoment{k} behandlas grundligt. ").repeat(40))
            .collect()
    };
    // Enough pages that each stores the least excerpt text (`excerpt::DOC_TEXT_CAP`).
    let docs = plain_pages(7000, |i| {
        match i {
        0..=9 => format!("Solceller monteras på skola {i}. {}", filler.repeat(2)),
        10..=19 => format!("Laddstolpar sätts upp vid skola {i}. {}", filler.repeat(2)),
        39 => format!(
            // Only the two words are rare: a page is a top result for its rare words, and
            // the excerpt would show them with their neighbours.
            "{}Nämnden följer solceller och utfallet. {}Nämnden följer laddstolpar och utfallet. {}",
            blocks(0),
            blocks(20),
            blocks(40)
        ),
        _ => filler.to_string(),
    }
    });
    let queries = json!([
        q("solceller laddstolpar"),
        q("\"följer solceller\""),
        q("\"laddstolpar solceller\""),
        q("solceller")
    ]);
    let Some(r) = run_queries(&docs, queries) else {
        return;
    };
    let read = |res: &Value| -> Vec<String> {
        let files = res["files"].as_array().expect("files");
        files
            .iter()
            .filter_map(|f| f.as_str().map(String::from))
            .collect()
    };
    let pair = &r[0];
    assert_eq!(urls(pair), ["p39/"]);
    let marked = pair["hits"][0]["marked"].as_array().expect("marked");
    assert!(!marked.is_empty(), "no matched word in the excerpt: {pair}");
    assert!(
        read(pair).iter().any(|f| f.starts_with("p/")),
        "{:?} {}",
        read(pair),
        pair["hits"][0]
    );
    // The phrase is on the page, beyond its excerpts; the other order is not.
    assert_eq!(urls(&r[1]), ["p39/"]);
    assert_eq!(r[2]["total"], 0, "{}", r[2]);
    // A result whose excerpt shows its word reads no whole text.
    let one = &r[3];
    assert_eq!(one["total"], 11);
    assert!(
        !read(one).iter().any(|f| f.starts_with("p/")),
        "{:?}",
        read(one)
    );
}
