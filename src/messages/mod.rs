//! What uppsikt says to the people who write the content, in the site's language: every
//! diagnostic's message and hint is one entry here, in Swedish and in English side by side, so
//! that a translation is never missing and a wording is changed in one place.
//!
//! The readers are communications staff, not developers: say what is wrong in plain words and
//! what to do about it, and show the fixed line where that is possible.

use std::fmt::Display;

/// The language of the messages: the site's `language` in site.toml ("sv" unless it says "en").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// "en", "en-GB" → English; anything else → Swedish, the language uppsikt's sites are in.
    pub fn of(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") || code.starts_with("en_") {
            Lang::En
        } else {
            Lang::Sv
        }
    }
}

/// Each entry becomes `pub fn name(lang, args…) -> String`; the texts name the arguments as
/// `{arg}` (format! syntax), so a missing argument is a compile error.
macro_rules! messages {
    ($($name:ident($($arg:ident),*) { sv: $sv:literal, en: $en:literal $(,)? })*) => {
        $(
            #[allow(clippy::too_many_arguments)]
            pub fn $name(lang: Lang, $($arg: impl Display),*) -> String {
                match lang {
                    Lang::Sv => format!($sv),
                    Lang::En => format!($en),
                }
            }
        )*
    };
}

mod content;
mod import;
mod publish;
mod serve;

pub use content::*;
pub use import::*;
pub use publish::*;
pub use serve::*;

// The frame of every diagnostic.
messages! {
    error_label() { sv: "fel", en: "error" }
    warning_label() { sv: "varning", en: "warning" }
    hint_label() { sv: "gör så här", en: "hint" }
    build_failed() {
        sv: "Bygget misslyckades; ingenting skrevs.",
        en: "The build failed; nothing was written.",
    }
    built(summary, output) { sv: "Byggde {summary} → {output}", en: "Built {summary} → {output}" }
    checked(summary) { sv: "Kontrollerade {summary}: inga fel", en: "Checked {summary}: no errors" }
    did_you_mean(candidate) { sv: "menade du `{candidate}`?", en: "did you mean `{candidate}`?" }
}

/// A count with its noun in the number it takes: "1 fil", "3 filer"; `sv` and `en` are the
/// singular and the plural.
pub fn counted(lang: Lang, n: usize, sv: [&str; 2], en: [&str; 2]) -> String {
    let forms = if lang == Lang::Sv { sv } else { en };
    format!("{n} {}", forms[usize::from(n != 1)])
}

/// The summary of a good build or check: "53 pages (4 reports, 20 areas), 57 files in 40 ms".
pub fn summary(
    lang: Lang,
    pages: usize,
    reports: usize,
    areas: usize,
    files: usize,
    ms: u128,
) -> String {
    let n = |n: usize, sv: [&str; 2], en: [&str; 2]| counted(lang, n, sv, en);
    let (in_, pages, reports, areas, files) = (
        if lang == Lang::Sv { "på" } else { "in" },
        n(pages, ["sida", "sidor"], ["page", "pages"]),
        n(reports, ["rapport", "rapporter"], ["report", "reports"]),
        n(areas, ["område", "områden"], ["area", "areas"]),
        n(files, ["fil", "filer"], ["file", "files"]),
    );
    format!("{pages} ({reports}, {areas}), {files} {in_} {ms} ms")
}

/// The line after the warnings of a build that went on (`lint`'s, with `--strict`).
pub fn warnings(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Sv => format!(
            "{n} {} (webbplatsen byggs ändå; `--strict` gör dem till fel)",
            if n == 1 { "varning" } else { "varningar" }
        ),
        Lang::En => format!(
            "{n} warning{} (the site is built anyway; `--strict` makes them errors)",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// Added to `warnings` when only the first of them were shown (`build`, `serve`).
pub fn warnings_not_shown(lang: Lang, rest: usize) -> String {
    match lang {
        Lang::Sv => format!("; {rest} till visas inte här: `uppsikt check` visar alla"),
        Lang::En => format!("; {rest} more not shown here: `uppsikt check` lists them all"),
    }
}

/// "1 error", "2 errors" in English (the plural is not worth a macro case).
pub fn errors(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Sv => format!("{n} fel"),
        Lang::En => format!("{n} error{}", if n == 1 { "" } else { "s" }),
    }
}

/// What a file system error means, in plain words in `lang`: the operating system's own text
/// is English whatever the site's language ("No such file or directory (os error 2)"), so the
/// usual cases are said in words and the rest keep it as a technical detail.
pub fn io(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let sv = match e.kind() {
        K::NotFound => Some(("den finns inte", "it does not exist")),
        K::PermissionDenied => Some((
            "du saknar behörighet till den",
            "you have no permission for it",
        )),
        K::AlreadyExists => Some(("den finns redan", "it exists already")),
        K::StorageFull => Some(("disken är full", "the disk is full")),
        K::ReadOnlyFilesystem => Some(("disken går bara att läsa", "the disk is read-only")),
        K::IsADirectory => Some(("det är en mapp", "it is a folder")),
        K::NotADirectory => Some((
            "en del av sökvägen är ingen mapp",
            "a part of the path is no folder",
        )),
        _ => None,
    };
    match (sv, lang) {
        (Some((sv, _)), Lang::Sv) => sv.to_string(),
        (Some((_, en)), Lang::En) => en.to_string(),
        (None, Lang::Sv) => format!("teknisk detalj: {e}"),
        (None, Lang::En) => format!("technical detail: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_and_their_arguments() {
        assert_eq!(unknown_area(Lang::Sv, "x"), "okänt område `x`");
        assert_eq!(unknown_area(Lang::En, "x"), "unknown area `x`");
        assert_eq!(errors(Lang::En, 1), "1 error");
        assert_eq!(errors(Lang::En, 2), "2 errors");
        assert_eq!(errors(Lang::Sv, 2), "2 fel");
        assert_eq!(
            template_error_hint(Lang::En),
            "fix the template syntax; minijinja follows Jinja2 ({{ value }}, {% if %} … {% endif %})"
        );
        assert_eq!(
            summary(Lang::Sv, 1, 2, 1, 3, 40),
            "1 sida (2 rapporter, 1 område), 3 filer på 40 ms"
        );
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::of("en"), Lang::En);
        assert_eq!(Lang::of("en-GB"), Lang::En);
        assert_eq!(Lang::of("sv"), Lang::Sv);
        assert_eq!(Lang::of(""), Lang::Sv);
    }
}
