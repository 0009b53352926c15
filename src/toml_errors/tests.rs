//! The plain-word explanations on TOML as people write it.

use std::path::Path;

use super::*;
use crate::diagnostics::Diagnostic;

fn explain_en(toml: &str) -> Vec<Diagnostic> {
    let error = toml::from_str::<toml::Table>(toml).unwrap_err();
    let place = Place {
        file: Path::new("x.md"),
        file_text: toml,
        offset: 0,
        lang: Lang::En,
    };
    explain(&error, toml, &place)
}

#[test]
fn quotes_inside_a_text_get_the_escaped_and_the_single_quoted_line() {
    let d = explain_en("title = \"Elever med \"hög\" frånvaro\"\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("has quotes inside"), "{d:?}");
    let hint = d[0].hint.as_deref().unwrap();
    assert!(
        hint.contains(r#"title = "Elever med \"hög\" frånvaro""#),
        "{hint}"
    );
    assert!(
        hint.contains(r#"title = 'Elever med "hög" frånvaro'"#),
        "{hint}"
    );
    assert_eq!((d[0].line, d[0].column), (1, 21));
}

#[test]
fn every_broken_line_is_reported_not_only_the_first() {
    let d = explain_en("title = ”Ett”\nname\u{a0}= \"x\"\ncommittee = Barn- och ungdomsnämnden\n");
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("typographic quotes (”)"));
    assert!(messages[1].contains("a non-breaking space (U+00A0) at 2:5"));
    assert!(messages[2].contains("`committee` is not in quotes"));
    assert!(d[2]
        .hint
        .as_deref()
        .unwrap()
        .contains("committee = \"Barn- och ungdomsnämnden\""));
}

#[test]
fn typographic_quotes_around_a_text_with_quotes_inside_get_both_fixes() {
    let d = explain_en("title = ”Elever med \"hög\" frånvaro”\n");
    assert_eq!(d.len(), 1, "{d:?}");
    let hint = d[0].hint.as_deref().unwrap();
    assert!(
        hint.contains(r#"title = "Elever med \"hög\" frånvaro""#),
        "{hint}"
    );
}

#[test]
fn strings_and_comments_are_left_alone() {
    // A non-breaking space and typographic quotes inside strings are text.
    let toml = "a = \"x\u{a0}”y”\" # ”\nb = \"\"\"\nc = ”z”\n\"\"\"\nd = oops\n";
    let d = explain_en(toml);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("`d` is not in quotes"), "{d:?}");
}

#[test]
fn no_input_makes_it_panic() {
    // Lines built from the pieces that trip TOML up, in many orders (a fixed-seed LCG).
    let pieces = [
        "title",
        " = ",
        "\"",
        "'",
        "\"\"\"",
        "'''",
        "”",
        "“",
        "\u{a0}",
        "\u{200b}",
        "\\",
        "#",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\n",
        "å",
        "2026-02-30",
        "x",
        "=",
        "\r\n",
        "\u{1b}",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut toml = String::new();
        for _ in 0..12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            toml.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        if let Err(error) = toml::from_str::<toml::Table>(&toml) {
            let place = Place {
                file: Path::new("x.md"),
                file_text: &toml,
                offset: 0,
                lang: Lang::Sv,
            };
            let found = explain(&error, &toml, &place);
            assert!(!found.is_empty(), "{toml:?}");
            for d in found {
                let _ = d.to_string();
            }
        }
    }
}

#[test]
fn every_unknown_key_of_a_table_is_reported() {
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        weight: Option<i64>,
    }
    let toml = "titel = \"x\"\nweight = 1\nvikt = 2\n";
    let error = toml::from_str::<Front>(toml).unwrap_err();
    let place = Place {
        file: Path::new("x.md"),
        file_text: toml,
        offset: 0,
        lang: Lang::En,
    };
    let d = explain(&error, toml, &place);
    let shown: Vec<_> = d
        .iter()
        .map(|d| (d.message.as_str(), d.line, d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        shown,
        [
            ("`titel` is not a setting here", 1, "did you mean `title`?"),
            (
                "`vikt` is not a setting here",
                3,
                "remove the line or correct the spelling; the settings are `title`, `weight`"
            ),
        ]
    );
}

#[test]
fn other_errors_are_reworded() {
    let d = explain_en("a = 1\na = 2\n");
    assert!(d[0].message.contains("`a` is there twice"), "{d:?}");
    let d = explain_en("a = [1,\n");
    assert!(d[0].message.starts_with("the line cannot be read"), "{d:?}");
}

#[test]
fn the_intro_starts_after_its_quote_or_on_the_next_line() {
    use super::value_start;
    let intro_start = |config: &str| value_start(config, "intro");
    assert_eq!(
        intro_start("title = \"x\"\nintro = \"\"\"\nText\n\"\"\"\n"),
        (3, 0)
    );
    assert_eq!(intro_start("intro = \"Se [x](a.pdf)\"\n"), (1, 9));
    assert_eq!(intro_start("  intro='''Å [x](a.pdf)'''\n"), (1, 11));
    assert_eq!(intro_start("title = \"intro\"\n"), (1, 0));
}
