//! The register's and the reports' mistakes, each at its place (file, line, column) with a
//! hint, and all of them in one round.

use crate::diagnostics::Diagnostic;
use crate::model::testing::SiteBuilder;

const GSN: &str = "Grundskolenämnden";

/// The text at an error's line and column in `source` (columns count characters from 1).
fn text_at<'a>(source: &'a str, d: &Diagnostic) -> &'a str {
    let line = source.lines().nth(d.line - 1).unwrap_or("");
    let start = line
        .char_indices()
        .nth(d.column - 1)
        .map_or(line.len(), |(i, _)| i);
    &line[start..]
}

#[test]
fn every_mistake_of_the_register_is_found_in_one_round_at_its_place() {
    let builder = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .continues("narvaro", "Närvaro", &["franvaro", "franvar"])
        .continues("halsa", "Hälsa", &["halsa"])
        .area("franvaro", "Frånvaro igen")
        .continues("Trygghet", "Trygghet", &[])
        .report(GSN, "2024/april", "2024-04")
        .entry("narvaro");
    let source = builder.loaded().areas_source;
    let errors = builder.errors();
    let found: Vec<(&str, &str, &str)> = errors
        .0
        .iter()
        .map(|d| {
            assert_eq!(
                d.file.as_deref(),
                Some(std::path::Path::new("content/areas.toml"))
            );
            (
                d.message.as_str(),
                text_at(&source, d),
                d.hint.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "the area id `franvaro` is registered twice",
                "\"franvaro\"",
                "give each [[area]] its own id; merge the two tables if they are one area"
            ),
            (
                "the area id `Trygghet` is not a slug",
                "\"Trygghet\"",
                "use `trygghet`: lower-case a-z, 0-9 and '-'"
            ),
            (
                "`narvaro` continues the unknown area `franvar`",
                "\"franvar\"]",
                "did you mean `franvaro`?"
            ),
            (
                "`halsa` continues itself",
                "\"halsa\"]",
                "remove it from its own `continues`"
            ),
        ]
    );
    // The id twice is shown at its second place.
    let twice = &errors.0[0];
    let first_line = source
        .lines()
        .position(|l| l == "id = \"franvaro\"")
        .unwrap();
    assert!(twice.line > first_line + 1, "{twice}");
}

#[test]
fn a_cycle_in_the_lineage_is_an_error_naming_it() {
    let builder = SiteBuilder::new()
        .continues("a", "A", &["c"])
        .continues("b", "B", &["a"])
        .continues("c", "C", &["b"])
        .area("d", "D")
        .report(GSN, "2024/april", "2024-04")
        .entry("d");
    let source = builder.loaded().areas_source;
    let errors = builder.errors();
    let [e] = &errors.0[..] else {
        panic!("one error: {errors}")
    };
    assert_eq!(e.message, "the lineage forms a cycle: a → c → b → a");
    assert_eq!(text_at(&source, e), "\"a\"");
    assert!(e.hint.as_deref().unwrap_or("").contains("continues"), "{e}");
}

#[test]
fn an_area_twice_in_one_report_names_the_first_file() {
    let errors = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .report(GSN, "2024/april", "2024-04")
        .entry("franvaro")
        .entry("franvaro")
        .errors();
    let [e] = &errors.0[..] else {
        panic!("one error: {errors}")
    };
    assert_eq!(
        e.message,
        "the area `franvaro` appears twice in this report"
    );
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/2024/april/02-franvaro.md"))
    );
    assert_eq!((e.line, e.column), (2, 8));
    assert!(
        e.hint
            .as_deref()
            .unwrap_or("")
            .contains("content/2024/april/01-franvaro.md"),
        "{e}"
    );
}

#[test]
fn a_report_dated_outside_its_year_folder_is_an_error() {
    // January–June of the next year is the annual report's time; August is not.
    let errors = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .report(GSN, "2024/arsbokslut", "2025-03")
        .entry("franvaro")
        .report(GSN, "2024/delarsbokslut", "2025-08")
        .entry("franvaro")
        .errors();
    let [e] = &errors.0[..] else {
        panic!("one error: {errors}")
    };
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/2024/delarsbokslut/_index.md"))
    );
    assert!(e.message.contains("2025-08"), "{e}");
}

#[test]
fn an_unknown_area_is_an_error_at_its_place_in_the_entry_file() {
    let errors = SiteBuilder::new()
        .area("franvaro", "Frånvaro")
        .report(GSN, "2024/april", "2024-04")
        .entry("franvaro")
        .entry("franvar")
        .errors();
    let [e] = &errors.0[..] else {
        panic!("one error: {errors}")
    };
    assert_eq!(e.message, "unknown area `franvar`");
    assert_eq!(
        e.file.as_deref(),
        Some(std::path::Path::new("content/2024/april/02-franvar.md"))
    );
    // `area = "franvar"` on the line after `+++`, the value at column 8.
    assert_eq!((e.line, e.column), (2, 8));
    assert!(e.hint.as_deref().unwrap_or("").contains("franvaro"), "{e}");
}
