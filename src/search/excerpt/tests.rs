use super::*;

#[test]
fn long_sections_keep_their_key_words() {
    let filler = "Arbetet fortsätter enligt plan under året. ".repeat(20);
    let text =
        format!("{filler}Skolskjutsrutinerna ses över. Skolskjutsrutinerna gäller alla. {filler}");
    let (stored, cut) = section_excerpt(&text, 300, None);
    assert!(cut);
    assert!(stored.chars().count() <= 300 + 3 * 3 + 1, "{stored}");
    assert!(stored.starts_with("Arbetet fortsätter"), "{stored}");
    assert!(stored.contains("Skolskjutsrutinerna"), "{stored}");
    let (short, cut) = section_excerpt("Kort text.", 300, None);
    assert_eq!((short.as_str(), cut), ("Kort text.", false));
    // Any text, however odd, gives a bounded excerpt without panicking.
    let odd = "ååå – é\u{ad}x ".repeat(200) + &"😀ord".repeat(100);
    let (o, _) = section_excerpt(&odd, 120, None);
    assert!(o.chars().count() <= 120 + 3 * 3 + 1);
}

#[test]
fn short_budgets_get_one_readable_window_not_three_fragments() {
    let text = format!(
        "{} Elevhälsoteamet har träffat alla mentorer. Elevhälsoteamet ses igen. {}",
        "Det går bra i år. ".repeat(8),
        "Det går bra i år. ".repeat(8)
    );
    let (stored, _) = section_excerpt(&text, 120, None);
    assert_eq!(stored.matches(" … ").count(), 1, "{stored}");
    assert!(stored.contains("Elevhälsoteamet har träffat"), "{stored}");
}

#[test]
fn keys_from_the_caller_choose_the_windows() {
    let text = "Inledning om läget. ".repeat(10) + "Fritidsgården öppnar. Simhallen stänger.";
    let at = |w: &str| text.find(w).unwrap();
    let keys = vec![
        Key {
            first: at("Fritidsgården"),
            weight: 1.0,
            letters: 13,
            word: "fritidsgården",
        },
        Key {
            first: at("Simhallen"),
            weight: 5.0,
            letters: 9,
            word: "simhallen",
        },
    ];
    let (stored, _) = section_excerpt(&text, 120, Some(keys));
    assert!(
        stored.contains("Simhallen"),
        "the heavier key wins: {stored}"
    );
}

#[test]
fn small_sites_store_their_sections_whole() {
    assert!(text_budget(25) >= 100_000);
    assert_eq!(text_budget(10_000), DOC_TEXT_CAP);
    assert_eq!(text_budget(0), text_budget(1));
    // A long section: whole on a small site, an excerpt on a large one.
    let text = "Inledning om läget i verksamheten. ".repeat(40) + "Simhallen stänger.";
    let mut page = crate::search::one_section_page("a/", "a", "Titel", "", "Rubrik", &text);
    page.sections[0].anchor = None;
    let stored = |budget: usize| {
        let mut out = Vec::new();
        fragment(&page, budget, &mut [None], &mut out);
        String::from_utf8(out).unwrap()
    };
    assert!(stored(text_budget(25)).contains(&text));
    assert!(stored(text_budget(10_000)).len() < text.len() / 3);
}

/// A page of eight sections, each repeating its own words, with `extra` written once in the
/// middle of section 5 and `title` as its title.
fn eight_sections(title: &str, extra: &str) -> SearchDoc {
    let section = |i: usize, extra: &str| {
        let filler = "Det går bra i år. ".repeat(6);
        format!("{filler} Där arbetslag{i} och arbetslag{i} planerar. {filler} {extra} {filler}")
    };
    let mut page = crate::search::one_section_page("a/", "a", title, "", "Rubrik", "");
    page.sections = (0..8)
        .map(|i| crate::markdown::Section {
            heading: Some(format!("Avsnitt {i}")),
            anchor: None,
            text: section(i, if i == 5 { extra } else { "" }),
        })
        .collect();
    page
}

fn first_pass(page: &SearchDoc) -> Vec<u8> {
    let mut out = Vec::new();
    fragment(
        page,
        DOC_TEXT_CAP,
        &mut vec![None; page.sections.len()],
        &mut out,
    );
    out
}

/// The fragment made again to show a word of each group, if it must be.
fn second_pass(page: &SearchDoc, groups: &[Group]) -> Option<String> {
    let stored = Stored::parse(&first_pass(page)).expect("a fragment parses");
    let unshown = stored.unshown(groups);
    let mut out = Vec::new();
    (!unshown.is_empty() && stored.show(page, DOC_TEXT_CAP, groups, &unshown, &mut out))
        .then(|| String::from_utf8(out).expect("UTF-8"))
}

#[test]
fn a_page_shows_the_words_it_is_a_top_result_for() {
    let page = eight_sections("Titel", "Kameraövervakning införs.");
    let before = String::from_utf8(first_pass(&page)).expect("UTF-8");
    assert!(!before.contains("Kameraövervakning"), "{before}");
    let shown = second_pass(&page, &[vec!["kameraövervakning"]]).expect("remade");
    assert!(shown.contains("Kameraövervakning införs"), "{shown}");
    assert!(shown.len() <= before.len() + 40, "the same budget: {shown}");
    // Only the section that writes the word changed.
    let sections = |f: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(f).expect("JSON");
        v[3].as_array()
            .expect("sections")
            .iter()
            .map(|s| s[2].to_string())
            .collect()
    };
    let (a, b) = (sections(&before), sections(&shown));
    let changed: Vec<usize> = (0..8).filter(|&i| a[i] != b[i]).collect();
    assert_eq!(changed, [5]);
    // A word the excerpt shows already, in a heading, or in no section at all (only the
    // title): nothing to remake.
    assert!(second_pass(&page, &[vec!["arbetslag3"]]).is_none());
    assert!(second_pass(&page, &[vec!["avsnitt"]]).is_none());
    let titled = eight_sections("Titel om simhallen", "");
    assert!(second_pass(&titled, &[vec!["simhallen"]]).is_none());
    // Any word of a group is enough: the one the section writes is shown.
    let shown = second_pass(&page, &[vec!["kamera", "kameraövervakning"]]).expect("remade");
    assert!(shown.contains("Kameraövervakning införs"), "{shown}");
}

#[test]
fn a_section_shows_every_word_the_page_is_a_top_result_for() {
    // One section writes four such words, far apart: more than its one window could hold.
    let words = [
        "Uppföljningssamtal",
        "Kameraövervakning",
        "Lokalförsörjningen",
        "Simhallen",
    ];
    let filler = "Det går bra i år. ".repeat(5);
    let extra: String = words
        .iter()
        .map(|w| format!("{w} nämns här. {filler}"))
        .collect();
    let page = eight_sections("Titel", &extra);
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let groups: Vec<Group> = lower.iter().map(|w| vec![w.as_str()]).collect();
    let shown = second_pass(&page, &groups).expect("remade");
    for w in words {
        assert!(shown.contains(&format!("{w} nämns")), "{w}: {shown}");
    }
    // Small windows: the section grows by far less than a whole window per word.
    let before = first_pass(&page).len();
    assert!(
        shown.len() < before + 4 * 60,
        "{} → {}: {shown}",
        before,
        shown.len()
    );
}

#[test]
fn a_word_is_found_as_a_whole_word_whatever_its_case_or_accents() {
    // "idé" folds to "ide" (the text's offsets move), "Simhall" is no word inside "simhallen".
    let page = eight_sections("Titel", "En simhallen, en IDÉ om Simhall.");
    let shown = second_pass(&page, &[vec!["ide"], vec!["simhall"]]).expect("remade");
    assert!(shown.contains("IDÉ om"), "{shown}");
    assert!(shown.contains("om Simhall."), "{shown}");
}

#[test]
fn top_results_are_the_pages_that_rank_first_for_a_word_alone() {
    let p = |doc: u32, tf: f32| Posting { doc, tf };
    // Term 0: the short page 3 with the word once beats the long pages with it twice; the
    // equal pages 5..=9 go by page order. Term 1: fewer pages than places.
    let mut lengths = vec![400u32; 10];
    lengths[3] = 40;
    let postings = vec![
        vec![
            p(0, 2.0),
            p(1, 2.0),
            p(3, 1.0),
            p(5, 1.0),
            p(6, 1.0),
            p(7, 1.0),
            p(9, 1.0),
        ],
        vec![p(2, 1.0)],
    ];
    let top = top_results(&postings, &lengths);
    let pages = |term: u32| -> Vec<u32> {
        top.iter()
            .filter(|(_, t)| *t == term)
            .map(|(d, _)| *d)
            .collect()
    };
    assert_eq!(pages(0), [0, 1, 3, 5, 6]);
    assert!(top.contains(&(3, 0)));
    assert_eq!(pages(1), [2]);
    assert!(top_results(&[], &[]).is_empty());
}

/// Pages long enough to be stored as excerpts: each repeats its own words, and page 7
/// writes "kameraövervakning" once, deep inside, so it is the one page found by it.
fn long_pages(n: usize, edit: &str) -> Vec<SearchDoc> {
    (0..n)
        .map(|i| {
            let filler = format!("Arbetslag{i} och rektorerna planerar läsåret vidare. ");
            // Then blocks of words repeated more than any window can cover.
            let later: String = (0..6)
                .map(|k| format!("Delmoment{k} behandlas grundligt. ").repeat(80))
                .collect();
            let extra = if i == 7 {
                "Kameraövervakning införs i år. "
            } else {
                ""
            };
            let (a, b) = (filler.repeat(300), filler.repeat(50));
            let body = format!("{a}{extra}{b}{later}{edit}");
            let url = format!("p{i}/");
            crate::search::one_section_page(&url, "a", "Sida", "", "Läget", &body)
        })
        .collect()
}

fn fragments(files: &[crate::output::OutputFile]) -> String {
    let x = files.iter().filter(|f| f.path.starts_with("search/x/"));
    x.flat_map(|f| crate::search::unpack_ranged(&f.contents).expect("a fragment file"))
        .map(|p| String::from_utf8_lossy(&p).into_owned())
        .collect()
}

#[test]
fn the_index_shows_a_word_on_the_page_found_by_it_also_after_a_rebuild() {
    let docs = long_pages(170, "");
    assert!(docs[7].sections[0].text.len() > text_budget(docs.len()));
    let shown = fragments(&crate::search::index_files(docs.clone()));
    assert!(
        shown.contains("Kameraövervakning införs"),
        "not in the excerpts"
    );
    // serve's cache, a page edited: the same bytes as a fresh build of the edited pages.
    let mut cache = crate::search::IndexCache::new();
    cache.build(&docs);
    let mut edited = docs.clone();
    edited[3] = long_pages(4, "Kameraövervakning planeras. ").remove(3);
    let rebuilt = cache.build(&edited);
    let fresh = crate::search::IndexCache::new().build(&edited);
    let bytes = |f: &[crate::output::OutputFile]| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = f
            .iter()
            .map(|f| (f.path.clone(), f.contents.clone()))
            .collect();
        v.sort();
        v
    };
    assert!(
        bytes(&rebuilt) == bytes(&fresh),
        "a rebuild differs from a fresh build"
    );
}

#[test]
fn word_positions() {
    let t = "Ett två, tre-fyra  fem";
    assert_eq!(
        words_back(t, t.find("fem").unwrap(), 2),
        t.find("tre").unwrap()
    );
    assert_eq!(words_back(t, t.find("två").unwrap(), 5), 0);
    assert_eq!(
        next_word_start(t, 1),
        t.find("två").unwrap(),
        "inside a word: the next"
    );
    assert_eq!(next_word_start(t, 3), t.find("två").unwrap());
    assert_eq!(next_word_start(t, 100), t.len());
    let w: Vec<&str> = word_spans(t).map(|(s, e)| &t[s..e]).collect();
    assert_eq!(w, ["Ett", "två", "tre", "fyra", "fem"]);
}

#[test]
fn text_is_capped_at_word_boundaries() {
    let (t, cut) = cap_text("ett två tre fyra", 9);
    assert_eq!((t.as_str(), cut), ("ett två…", true));
    let (t, cut) = cap_text("kort", 9);
    assert_eq!((t.as_str(), cut), ("kort", false));
    let (t, _) = cap_text("ååååååååååååå", 5);
    assert_eq!(t, "ååååå…", "cuts by characters, never inside one");
}

/// Each page's entry of the whole-text files (`p/`), in index order.
fn whole_texts(files: &[crate::output::OutputFile]) -> Vec<Vec<u8>> {
    let mut p: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("search/p/"))
        .collect();
    p.sort_by(|a, b| a.path.cmp(&b.path));
    p.iter()
        .flat_map(|f| crate::search::unpack_ranged(&f.contents).expect("a whole-text file"))
        .collect()
}

#[test]
fn a_cut_page_stores_its_whole_text_and_a_page_stored_whole_nothing_more() {
    let mut docs = long_pages(170, "");
    docs.push(crate::search::one_section_page(
        "kort/",
        "b",
        "Kort sida",
        "Inriktning.",
        "Läget",
        "Kort text.",
    ));
    let files = crate::search::index_files(docs.clone());
    let fragments: Vec<serde_json::Value> = files
        .iter()
        .filter(|f| f.path.starts_with("search/x/"))
        .flat_map(|f| crate::search::unpack_ranged(&f.contents).expect("a fragment file"))
        .map(|p| serde_json::from_slice(&p).expect("JSON"))
        .collect();
    let wholes = whole_texts(&files);
    assert_eq!(wholes.len(), fragments.len(), "one entry a page");
    let mut cut = 0;
    for (f, w) in fragments.iter().zip(&wholes) {
        let d = docs.iter().find(|d| d.url == f[0]).expect("a page");
        if f[4] == 0 {
            assert!(w.is_empty(), "{} is stored whole: no whole text", d.url);
            continue;
        }
        cut += 1;
        let w: serde_json::Value = serde_json::from_slice(w).expect("JSON");
        assert_eq!(w[0], d.direction.as_str());
        let texts: Vec<&str> = d.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(w[1], serde_json::json!(texts), "{}", d.url);
    }
    assert_eq!(cut, 170);
    // A site whose pages are all stored whole has no whole-text files.
    let small = crate::search::index_files(docs[170..].to_vec());
    assert!(whole_texts(&small).is_empty());
}

#[test]
fn letters_are_characters() {
    for w in [
        "",
        "elev",
        "skolfrånvaro",
        "Åsa-Östlund",
        "€ 5",
        "ﬁn",
        "𝔸b",
        "cafe\u{301}",
    ] {
        assert_eq!(letters(w), w.chars().count(), "{w:?}");
    }
}

#[test]
fn json_is_written_as_serde_json_writes_it() {
    let ascii: String = (0u8..0x80).map(char::from).collect();
    let samples = [
        String::new(),
        ascii.clone(),
        format!("åäö {ascii} \u{2028}😀\"\\ slut"),
        "a\"b".repeat(9),
        "x".repeat(17) + "\n",
        "\u{1f}\u{7f}\u{80}".repeat(5),
    ];
    for s in &samples {
        let mut ours = Vec::new();
        write_json_str(&mut ours, s);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string(s).unwrap()
        );
    }
    let mut d =
        crate::search::one_section_page("a/\"", "omr", "Rubrik\u{1}", "Mål\t", "Rubrik", &ascii);
    d.sections.push(crate::markdown::Section {
        heading: None,
        anchor: None,
        text: samples[2].clone(),
    });
    let texts: Vec<&str> = d.sections.iter().map(|s| s.text.as_str()).collect();
    let mut ours = Vec::new();
    whole_text(&d, &mut ours);
    assert_eq!(ours, serde_json::to_vec(&(&d.direction, &texts)).unwrap());
    for truncated in [false, true] {
        let stored = ["kort\\".to_string(), samples[3].clone()];
        let sections: Vec<(&Option<String>, &Option<String>, &str)> = d
            .sections
            .iter()
            .zip(&stored)
            .map(|(s, text)| (&s.anchor, &s.heading, text.as_str()))
            .collect();
        let line = (&d.report_title, &d.year, &d.report_kind_label, &d.area_name);
        let serde = (&d.url, &d.title, "Mål\"", sections, truncated as u8, line);
        let mut ours = Vec::new();
        write_fragment(&d, "Mål\"", &stored, truncated, &mut ours);
        assert_eq!(ours, serde_json::to_vec(&serde).unwrap());
    }
    let mut none = Vec::new();
    let empty = SearchDoc {
        sections: Vec::new(),
        area_name: None,
        ..d.clone()
    };
    write_fragment(&empty, "", &[], false, &mut none);
    let line = (
        &d.report_title,
        &d.year,
        &d.report_kind_label,
        None::<String>,
    );
    let serde = (&d.url, &d.title, "", Vec::<(u8, u8, u8)>::new(), 0u8, line);
    assert_eq!(none, serde_json::to_vec(&serde).unwrap());
}

#[test]
fn rank_orders_as_the_fields_do() {
    let weights = [
        0.0,
        -0.0,
        1.0,
        1.5,
        2.0,
        -1.0,
        f32::INFINITY,
        f32::MIN_POSITIVE,
        1e-40,
    ];
    let mut keys = Vec::new();
    for (i, &weight) in weights.iter().enumerate() {
        for letters in [5, 6, 12] {
            for first in [0, 7, 1 << 40] {
                keys.push(Key {
                    first: first + i,
                    weight,
                    letters,
                    word: "ord",
                });
            }
        }
    }
    for a in &keys {
        for b in &keys {
            let fields = b
                .weight
                .total_cmp(&a.weight)
                .then_with(|| b.letters.cmp(&a.letters))
                .then_with(|| a.first.cmp(&b.first));
            assert_eq!(rank(a).cmp(&rank(b)), fields, "{a:?} {b:?}");
        }
    }
}
