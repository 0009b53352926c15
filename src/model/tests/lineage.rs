//! Lineage told as stories: areas that keep their names, are renamed, merge and split, in the
//! reports of one committee or several (sites built in memory with `testing::SiteBuilder`).

use crate::model::testing::{next, previous, timeline, SiteBuilder};

const GSN: &str = "Grundskolenämnden";
const GYN: &str = "Gymnasienämnden";

#[test]
fn an_area_that_keeps_its_name_links_year_over_year_and_across_a_gap() {
    let site = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .area("lasning", "Läsning")
        .report(GSN, "2022/april", "2022-04")
        .entry("franvaro")
        .entry("lasning")
        // The middle report does not follow up frånvaro.
        .report(GSN, "2023/april", "2023-04")
        .entry("lasning")
        .report(GSN, "2024/april", "2024-04")
        .entry("franvaro")
        .build();
    assert_eq!(
        previous(&site, "2024/april", "franvaro"),
        ["2022/april:franvaro"]
    );
    assert_eq!(
        next(&site, "2022/april", "franvaro"),
        ["2024/april:franvaro"]
    );
    assert_eq!(next(&site, "2022/april", "lasning"), ["2023/april:lasning"]);
    assert!(next(&site, "2023/april", "lasning").is_empty());
    assert!(previous(&site, "2022/april", "franvaro").is_empty());
    assert_eq!(
        timeline(&site, "franvaro"),
        ["2022/april:franvaro", "2024/april:franvaro"]
    );
}

#[test]
fn year_over_year_stays_within_the_committee() {
    // Gymnasienämnden follows up the same area in between: nearer in time, but not the
    // previous report of Grundskolenämnden's.
    let site = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .continues("narvaro", "Närvaro", &["franvaro"])
        .report(GSN, "2022/april", "2022-04")
        .entry("franvaro")
        .report(GYN, "2023/augusti", "2023-08")
        .entry("narvaro")
        .report(GSN, "2024/april", "2024-04")
        .entry("narvaro")
        .report(GYN, "2024/augusti", "2024-08")
        .entry("narvaro")
        .build();
    assert_eq!(
        previous(&site, "2024/april", "narvaro"),
        ["2022/april:franvaro"]
    );
    assert_eq!(
        next(&site, "2022/april", "franvaro"),
        ["2024/april:narvaro"]
    );
    assert!(previous(&site, "2023/augusti", "narvaro").is_empty());
    assert_eq!(
        previous(&site, "2024/augusti", "narvaro"),
        ["2023/augusti:narvaro"]
    );
    assert_eq!(site.committees, [GSN, GYN]);
    // The timeline is the area's whole line, whichever committee followed it up.
    assert_eq!(
        timeline(&site, "narvaro"),
        [
            "2022/april:franvaro",
            "rename franvaro → narvaro",
            "2023/augusti:narvaro",
            "2024/april:narvaro",
            "2024/augusti:narvaro",
        ]
    );
}

#[test]
fn a_chain_of_renames_links_each_step_and_tells_each_change_where_it_happened() {
    // Listed newest first: the site is ordered by date, not by the order of the files.
    let site = SiteBuilder::new()
        .area("a", "A")
        .continues("b", "B", &["a"])
        .continues("c", "C", &["b"])
        .report(GSN, "2024/april", "2024-04")
        .entry("c")
        .report(GSN, "2023/april", "2023-04")
        .entry("b")
        .report(GSN, "2022/april", "2022-04")
        .entry("a")
        .build();
    assert_eq!(previous(&site, "2024/april", "c"), ["2023/april:b"]);
    assert_eq!(previous(&site, "2023/april", "b"), ["2022/april:a"]);
    assert_eq!(next(&site, "2022/april", "a"), ["2023/april:b"]);
    let whole = [
        "2022/april:a",
        "rename a → b",
        "2023/april:b",
        "rename b → c",
        "2024/april:c",
    ];
    for area in ["a", "b", "c"] {
        assert_eq!(timeline(&site, area), whole, "{area}");
    }
}

#[test]
fn a_rename_then_a_split() {
    let site = SiteBuilder::new()
        .area("elevhalsa", "Elevhälsa")
        .continues("halsa", "Hälsa och trygghet", &["elevhalsa"])
        .continues("trygghet", "Trygghet", &["halsa"])
        .continues("halsofragor", "Hälsofrågor", &["halsa"])
        .report(GSN, "2022/april", "2022-04")
        .entry("elevhalsa")
        .report(GSN, "2023/april", "2023-04")
        .entry("halsa")
        .report(GSN, "2024/april", "2024-04")
        .entry("trygghet")
        .entry("halsofragor")
        .build();
    assert_eq!(
        previous(&site, "2024/april", "trygghet"),
        ["2023/april:halsa"]
    );
    assert_eq!(
        previous(&site, "2024/april", "halsofragor"),
        ["2023/april:halsa"]
    );
    assert_eq!(
        next(&site, "2023/april", "halsa"),
        ["2024/april:trygghet", "2024/april:halsofragor"]
    );
    assert_eq!(next(&site, "2022/april", "elevhalsa"), ["2023/april:halsa"]);
    // The first area's line holds both halves; the split is told once, before them.
    assert_eq!(
        timeline(&site, "elevhalsa"),
        [
            "2022/april:elevhalsa",
            "rename elevhalsa → halsa",
            "2023/april:halsa",
            "split halsa → trygghet (with halsofragor)",
            "2024/april:trygghet",
            "2024/april:halsofragor",
        ]
    );
    // One half's line holds its ancestors, not its sibling's entries; the split names it.
    assert_eq!(
        timeline(&site, "halsofragor"),
        [
            "2022/april:elevhalsa",
            "rename elevhalsa → halsa",
            "2023/april:halsa",
            "split halsa → halsofragor (with trygghet)",
            "2024/april:halsofragor",
        ]
    );
}

#[test]
fn a_merge_of_areas_last_seen_in_two_reports() {
    // Läxhjälp was last followed up in 2022, studiero in 2023; in 2024 they are one area.
    let site = SiteBuilder::new()
        .area("laxhjalp", "Läxhjälp")
        .area("studiero", "Studiero")
        .continues("studiemiljo", "Studiemiljö", &["laxhjalp", "studiero"])
        .report(GSN, "2022/april", "2022-04")
        .entry("laxhjalp")
        .report(GSN, "2023/april", "2023-04")
        .entry("studiero")
        .report(GSN, "2024/april", "2024-04")
        .entry("studiemiljo")
        .build();
    // Previous is the nearest earlier report holding any of the merged areas, and its entries.
    assert_eq!(
        previous(&site, "2024/april", "studiemiljo"),
        ["2023/april:studiero"]
    );
    // Each merged area leads on to the merge, however long ago it was last seen.
    assert_eq!(
        next(&site, "2022/april", "laxhjalp"),
        ["2024/april:studiemiljo"]
    );
    assert_eq!(
        next(&site, "2023/april", "studiero"),
        ["2024/april:studiemiljo"]
    );
    let whole = [
        "2022/april:laxhjalp",
        "2023/april:studiero",
        "merge laxhjalp + studiero → studiemiljo",
        "2024/april:studiemiljo",
    ];
    assert_eq!(timeline(&site, "studiemiljo"), whole);
    // A merged area's line reaches the merge but not the other area merged into it.
    assert_eq!(
        timeline(&site, "laxhjalp"),
        [
            "2022/april:laxhjalp",
            "merge laxhjalp + studiero → studiemiljo",
            "2024/april:studiemiljo",
        ]
    );
}

#[test]
fn both_merged_areas_in_the_previous_report_are_both_previous() {
    let site = SiteBuilder::new()
        .area("laxhjalp", "Läxhjälp")
        .area("studiero", "Studiero")
        .continues("studiemiljo", "Studiemiljö", &["laxhjalp", "studiero"])
        .report(GSN, "2023/april", "2023-04")
        .entry("studiero")
        .entry("laxhjalp")
        .report(GSN, "2024/april", "2024-04")
        .entry("studiemiljo")
        .build();
    assert_eq!(
        previous(&site, "2024/april", "studiemiljo"),
        ["2023/april:studiero", "2023/april:laxhjalp"]
    );
}

#[test]
fn a_change_without_entries_yet_is_told_at_the_end_of_the_timeline() {
    // The area was renamed in the register, but no report has followed up the new one yet.
    let site = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .continues("narvaro", "Närvaro", &["franvaro"])
        .report(GSN, "2023/april", "2023-04")
        .entry("franvaro")
        .report(GSN, "2024/april", "2024-04")
        .entry("franvaro")
        .build();
    assert_eq!(
        timeline(&site, "franvaro"),
        [
            "2023/april:franvaro",
            "2024/april:franvaro",
            "rename franvaro → narvaro",
        ]
    );
    assert!(next(&site, "2024/april", "franvaro").is_empty());
    assert!(site
        .areas
        .iter()
        .find(|a| a.id == "narvaro")
        .unwrap()
        .entries
        .is_empty());
}

#[test]
fn a_merge_then_a_split_across_a_gap() {
    // Läxhjälp and studiero become studiemiljö, which two years later is split into arbetsro
    // and lärmiljö; the report in between does not follow the line up.
    let site = SiteBuilder::new()
        .area("laxhjalp", "Läxhjälp")
        .area("studiero", "Studiero")
        .continues("studiemiljo", "Studiemiljö", &["laxhjalp", "studiero"])
        .continues("arbetsro", "Arbetsro", &["studiemiljo"])
        .continues("larmiljo", "Lärmiljö", &["studiemiljo"])
        .area("annat", "Annat")
        .report(GSN, "2021/april", "2021-04")
        .entry("laxhjalp")
        .entry("studiero")
        .report(GSN, "2022/april", "2022-04")
        .entry("studiemiljo")
        .report(GSN, "2023/april", "2023-04")
        .entry("annat")
        .report(GSN, "2024/april", "2024-04")
        .entry("arbetsro")
        .entry("larmiljo")
        .build();
    assert_eq!(
        previous(&site, "2022/april", "studiemiljo"),
        ["2021/april:laxhjalp", "2021/april:studiero"]
    );
    assert_eq!(
        next(&site, "2021/april", "laxhjalp"),
        ["2022/april:studiemiljo"]
    );
    // Across the gap, both ways.
    assert_eq!(
        previous(&site, "2024/april", "arbetsro"),
        ["2022/april:studiemiljo"]
    );
    assert_eq!(
        next(&site, "2022/april", "studiemiljo"),
        ["2024/april:arbetsro", "2024/april:larmiljo"]
    );
    assert!(next(&site, "2023/april", "annat").is_empty());
    // One half's line: both merged areas before it, not its sibling's entry after the split.
    assert_eq!(
        timeline(&site, "arbetsro"),
        [
            "2021/april:laxhjalp",
            "2021/april:studiero",
            "merge laxhjalp + studiero → studiemiljo",
            "2022/april:studiemiljo",
            "split studiemiljo → arbetsro (with larmiljo)",
            "2024/april:arbetsro",
        ]
    );
    // A merged area's line: the merge and both halves of the split, not the other merged area.
    assert_eq!(
        timeline(&site, "laxhjalp"),
        [
            "2021/april:laxhjalp",
            "merge laxhjalp + studiero → studiemiljo",
            "2022/april:studiemiljo",
            "split studiemiljo → arbetsro (with larmiljo)",
            "2024/april:arbetsro",
            "2024/april:larmiljo",
        ]
    );
    assert_eq!(timeline(&site, "annat"), ["2023/april:annat"]);
    let studiemiljo = site.areas.iter().find(|a| a.id == "studiemiljo").unwrap();
    assert_eq!(studiemiljo.continues, ["laxhjalp", "studiero"]);
    assert_eq!(studiemiljo.continued_by, ["arbetsro", "larmiljo"]);
}
