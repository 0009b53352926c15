//! Several committees following up areas of one register: year over year stays within a
//! committee, the timeline is the whole line whoever followed it up, and the comparison pages
//! fall back to another committee only when the entry's own has nothing earlier.

use crate::model::testing::{consecutive, next, previous, timeline, SiteBuilder};

const GSN: &str = "Grundskolenämnden";
const GYN: &str = "Gymnasienämnden";
const KFN: &str = "Kultur- och fritidsnämnden";

#[test]
fn each_committee_follows_its_own_line_through_a_rename() {
    // Grundskolenämnden takes up the new name at once; Gymnasienämnden keeps the old one a
    // year longer.
    let site = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .continues("narvaro", "Närvaro", &["franvaro"])
        .area("lasning", "Läsning")
        .continues("lasforstaelse", "Läsförståelse", &["lasning"])
        .report(GSN, "2022/april", "2022-04")
        .entry("franvaro")
        .entry("lasning")
        .report(GYN, "2022/augusti", "2022-08")
        .entry("franvaro")
        .report(GSN, "2023/april", "2023-04")
        .entry("narvaro")
        .entry("lasforstaelse")
        .report(GYN, "2023/augusti", "2023-08")
        .entry("franvaro")
        .report(GYN, "2024/augusti", "2024-08")
        .entry("narvaro")
        .build();
    assert_eq!(
        previous(&site, "2023/april", "narvaro"),
        ["2022/april:franvaro"]
    );
    assert_eq!(
        next(&site, "2022/april", "franvaro"),
        ["2023/april:narvaro"]
    );
    assert_eq!(
        next(&site, "2022/augusti", "franvaro"),
        ["2023/augusti:franvaro"]
    );
    assert_eq!(
        previous(&site, "2023/augusti", "franvaro"),
        ["2022/augusti:franvaro"]
    );
    assert_eq!(
        next(&site, "2023/augusti", "franvaro"),
        ["2024/augusti:narvaro"]
    );
    assert_eq!(
        previous(&site, "2024/augusti", "narvaro"),
        ["2023/augusti:franvaro"]
    );
    assert_eq!(
        next(&site, "2022/april", "lasning"),
        ["2023/april:lasforstaelse"]
    );
    // The rename is told once, before the first entry under the new name.
    assert_eq!(
        timeline(&site, "narvaro"),
        [
            "2022/april:franvaro",
            "2022/augusti:franvaro",
            "rename franvaro → narvaro",
            "2023/april:narvaro",
            "2023/augusti:franvaro",
            "2024/augusti:narvaro",
        ]
    );
    assert_eq!(
        timeline(&site, "lasning"),
        [
            "2022/april:lasning",
            "rename lasning → lasforstaelse",
            "2023/april:lasforstaelse",
        ]
    );
    assert_eq!(site.committees, [GSN, GYN]);
}

#[test]
fn a_split_between_two_committees() {
    // Grundskolenämnden's hälsa is split: trygghet stays with it, hälsofrågor goes to
    // Gymnasienämnden, which never followed up hälsa itself.
    let site = SiteBuilder::new()
        .area("halsa", "Hälsa")
        .continues("trygghet", "Trygghet", &["halsa"])
        .continues("halsofragor", "Hälsofrågor", &["halsa"])
        .report(GSN, "2023/april", "2023-04")
        .entry("halsa")
        .report(GSN, "2024/april", "2024-04")
        .entry("trygghet")
        .report(GYN, "2024/augusti", "2024-08")
        .entry("halsofragor")
        .build();
    assert_eq!(
        previous(&site, "2024/april", "trygghet"),
        ["2023/april:halsa"]
    );
    assert!(previous(&site, "2024/augusti", "halsofragor").is_empty());
    assert_eq!(next(&site, "2023/april", "halsa"), ["2024/april:trygghet"]);
    assert_eq!(
        timeline(&site, "halsa"),
        [
            "2023/april:halsa",
            "split halsa → trygghet (with halsofragor)",
            "2024/april:trygghet",
            "2024/augusti:halsofragor",
        ]
    );
    // The comparison pages compare hälsofrågor with the other committee's hälsa: there is
    // nothing earlier of its own.
    assert_eq!(
        consecutive(&site),
        [
            "2023/april:halsa → 2024/april:trygghet",
            "2023/april:halsa → 2024/augusti:halsofragor",
        ]
    );
}

#[test]
fn comparisons_prefer_the_same_committee_over_a_nearer_report() {
    let site = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .area("bibliotek", "Bibliotek")
        .report(GSN, "2022/april", "2022-04")
        .entry("franvaro")
        .report(GYN, "2023/augusti", "2023-08")
        .entry("franvaro")
        .report(KFN, "2023/oktober", "2023-10")
        .entry("bibliotek")
        .report(GSN, "2024/april", "2024-04")
        .entry("franvaro")
        .report(KFN, "2024/oktober", "2024-10")
        .entry("bibliotek")
        .build();
    assert_eq!(
        consecutive(&site),
        [
            // Gymnasienämnden's first: nothing of its own before, so Grundskolenämnden's.
            "2022/april:franvaro → 2023/augusti:franvaro",
            // Grundskolenämnden's own, not Gymnasienämnden's nearer one.
            "2022/april:franvaro → 2024/april:franvaro",
            "2023/oktober:bibliotek → 2024/oktober:bibliotek",
        ]
    );
    assert!(previous(&site, "2023/augusti", "franvaro").is_empty());
    assert_eq!(
        previous(&site, "2024/april", "franvaro"),
        ["2022/april:franvaro"]
    );
    assert_eq!(site.committees, [GSN, GYN, KFN]);
    assert_eq!(
        site.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2024, 2023, 2022]
    );
}

#[test]
fn reports_of_one_year_are_ordered_by_date_not_by_folder() {
    // "delarsbokslut" sorts before "april" by name, but comes after it in the year.
    let site = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .report(GSN, "2024/delarsbokslut", "2024-08-31")
        .entry("franvaro")
        .report(GSN, "2024/april", "2024-04")
        .entry("franvaro")
        .report(GSN, "2025/april", "2025-04")
        .entry("franvaro")
        .build();
    assert_eq!(
        previous(&site, "2024/delarsbokslut", "franvaro"),
        ["2024/april:franvaro"]
    );
    assert_eq!(
        next(&site, "2024/delarsbokslut", "franvaro"),
        ["2025/april:franvaro"]
    );
    assert_eq!(
        timeline(&site, "franvaro"),
        [
            "2024/april:franvaro",
            "2024/delarsbokslut:franvaro",
            "2025/april:franvaro",
        ]
    );
}
