//! `serve`'s incremental rebuild is sound: after an edit, the previous files plus the partial
//! update equal a fresh full build, byte for byte.

mod common;
use common::copy_dir;

use std::path::PathBuf;

use common::session::{files, fresh, options};
use uppsikt::pipeline::Session;

#[test]
fn an_edit_to_entry_text_rebuilds_only_its_pages_and_matches_a_full_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::cli::fixture("lineage"), &root);
    let mut session = Session::new(options(&root));
    let (full, mut site) = files(session.rebuild(&[]).unwrap().0);
    assert!(full, "the first build is a full one");

    let rel = PathBuf::from("content/2025/april/01-hog-franvaro.md");
    let text = std::fs::read_to_string(root.join(&rel)).unwrap();
    std::fs::write(
        root.join(&rel),
        text.replace(
            "Socialpedagoger arbetar",
            "Kuratorer och socialpedagoger arbetar",
        ),
    )
    .unwrap();
    let (full, partial) = files(session.rebuild(std::slice::from_ref(&rel)).unwrap().0);
    assert!(!full, "a body-only edit takes the incremental path");
    assert!(partial.contains_key("2025/april/hog-franvaro/index.html"));
    assert!(partial.contains_key("2025/april/index.html"));
    assert!(
        !partial.contains_key("2025/april/tidiga-insatser/index.html"),
        "an untouched page was re-rendered"
    );
    assert!(
        !partial.contains_key("data/2025/poster.csv"),
        "the CSV of every entry is made after the pages"
    );
    site.extend(partial);
    // The search index and, as the first paragraph (the summary) changed, the entries CSV
    // follow the pages (serve reloads the tabs first).
    let search = session.refresh_search();
    assert!(
        search.iter().any(|f| f.path.starts_with("search/")),
        "the search index is pending after a text edit"
    );
    assert!(search.iter().any(|f| f.path == "data/2025/poster.csv"));
    assert!(
        session.refresh_search().is_empty(),
        "nothing is left pending"
    );
    site.extend(search.into_iter().map(|f| (f.path, f.contents)));
    let expected = fresh(&root);
    assert_eq!(
        site.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert!(
            site[path] == *bytes,
            "{path} differs from a full build after the incremental update"
        );
    }
    assert!(
        String::from_utf8_lossy(&site["2025/april/hog-franvaro/index.html"])
            .contains("Kuratorer och socialpedagoger")
    );

    // Text after the first paragraph leaves the summary, so the CSV is not made again.
    let text = std::fs::read_to_string(root.join(&rel)).unwrap();
    std::fs::write(root.join(&rel), format!("{text}\nEn mening till.\n")).unwrap();
    let (full, partial) = files(session.rebuild(std::slice::from_ref(&rel)).unwrap().0);
    assert!(!full);
    site.extend(partial);
    let later = session.refresh_search();
    assert!(!later.iter().any(|f| f.path == "data/2025/poster.csv"));
    site.extend(later.into_iter().map(|f| (f.path, f.contents)));
    assert_eq!(site, fresh(&root));

    // A front-matter edit (the title shows on other pages) rebuilds everything.
    let text = std::fs::read_to_string(root.join(&rel)).unwrap();
    std::fs::write(
        root.join(&rel),
        text.replace(
            "title = \"Elever med hög frånvaro\"",
            "title = \"Hög frånvaro\"",
        ),
    )
    .unwrap();
    let (full, all) = files(session.rebuild(std::slice::from_ref(&rel)).unwrap().0);
    assert!(full, "a front-matter edit must rebuild everything");
    assert_eq!(all, fresh(&root));
}

/// In a year whose open data is in parts (more than 100 reports), a summary's change makes
/// again the entries CSV of its own part only, and the result still equals a full build.
#[test]
fn a_summary_change_remakes_only_its_parts_entries_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::cli::fixture("lineage"), &root);
    for i in 0..101 {
        let copy = root.join(format!("content/2025/k{i:03}"));
        copy_dir(&root.join("content/2025/april"), &copy);
    }
    let mut session = Session::new(options(&root));
    let (_, mut site) = files(session.rebuild(&[]).unwrap().0);
    let parts: Vec<&String> = (site.keys())
        .filter(|p| p.starts_with("data/2025/del-") && p.ends_with("/poster.csv"))
        .collect();
    assert_eq!(parts.len(), 2, "{parts:?}");

    let rel = PathBuf::from("content/2025/april/01-hog-franvaro.md");
    let text = std::fs::read_to_string(root.join(&rel)).unwrap();
    let text = text.replace("Socialpedagoger arbetar", "Kuratorer arbetar");
    std::fs::write(root.join(&rel), text).unwrap();
    let (full, partial) = files(session.rebuild(std::slice::from_ref(&rel)).unwrap().0);
    assert!(!full, "a body-only edit takes the incremental path");
    site.extend(partial);
    let later = session.refresh_search();
    let csvs: Vec<&str> = (later.iter().map(|f| f.path.as_str()))
        .filter(|p| p.ends_with("poster.csv"))
        .collect();
    assert_eq!(
        csvs.len(),
        1,
        "only the part of the changed report: {csvs:?}"
    );
    assert!(csvs[0].starts_with("data/2025/del-"), "{csvs:?}");
    site.extend(later.into_iter().map(|f| (f.path, f.contents)));
    assert!(site == fresh(&root), "the update differs from a full build");
}
