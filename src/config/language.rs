//! The site's language for messages, from site.toml, even when the rest of the file is broken.

use std::path::Path;

use super::{read_regular, CONFIG_FILE};
use crate::messages::Lang;

/// The language of the site at `root`, for messages: site.toml's `language`, read even when
/// the rest of the file is broken; Swedish when there is none. A build asks several times (the
/// output folder, the site's settings, the summary line; serve after every rebuild): the file
/// is read each time, so that an edit counts at once, but parsed only when its text changed.
pub fn language(root: &Path) -> Lang {
    read_regular(&root.join(CONFIG_FILE)).map_or(Lang::default(), |b| remembered(&b))
}

/// The language of the text of a site.toml, worked out once for the same text.
pub fn remembered(text: &[u8]) -> Lang {
    static LAST: std::sync::Mutex<LanguageMemo> = std::sync::Mutex::new(LanguageMemo::new());
    match LAST.lock() {
        Ok(mut memo) => memo.language(text),
        // A thread that panicked while holding it: work the language out without it.
        Err(_) => language_of(&String::from_utf8_lossy(text)),
    }
}

/// The last site.toml text whose language was worked out, and that language. The text itself
/// is the key, not the file's time or size: an edit from `sv` to `en` keeps the size, and can
/// fall in the same tick of the file system's clock.
struct LanguageMemo {
    last: Option<(Vec<u8>, Lang)>,
    /// How many texts were parsed, for the tests.
    parsed: usize,
}

impl LanguageMemo {
    const fn new() -> Self {
        LanguageMemo {
            last: None,
            parsed: 0,
        }
    }

    fn language(&mut self, text: &[u8]) -> Lang {
        match &self.last {
            Some((last, lang)) if last == text => *lang,
            _ => {
                let lang = language_of(&String::from_utf8_lossy(text));
                self.parsed += 1;
                self.last = Some((text.to_vec(), lang));
                lang
            }
        }
    }
}

/// The `language` of a site.toml text, also of one that is not valid TOML.
fn language_of(source: &str) -> Lang {
    if let Ok(table) = toml::from_str::<toml::Table>(source) {
        return Lang::of(table.get("language").and_then(|v| v.as_str()).unwrap_or(""));
    }
    // A broken file: the first top-level line `language = "…"`.
    for line in source.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            break;
        }
        if let Some(value) = line
            .strip_prefix("language")
            .and_then(|rest| rest.trim_start().strip_prefix('='))
        {
            return Lang::of(value.trim().trim_matches(['"', '\'']));
        }
    }
    Lang::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse;

    #[test]
    fn the_language_is_found_even_in_a_broken_file() {
        assert_eq!(language_of("language = \"en\"\ntitle = "), Lang::En);
        assert_eq!(language_of("title = \"x\"\nlanguage = 'en'\n"), Lang::En);
        assert_eq!(language_of("title = \n[feed]\nlanguage = \"en\""), Lang::Sv);
        assert_eq!(language_of(""), Lang::Sv);
        let err = parse("language = \"en\"\ntitel = \"y\"\n").unwrap_err();
        assert_eq!(err.0[0].message, "`titel` is not a setting here");
    }

    #[test]
    fn the_language_is_parsed_once_per_text() {
        let mut memo = LanguageMemo::new();
        let en = b"title = \"x\"\nlanguage = \"en\"\n";
        let sv = b"title = \"x\"\nlanguage = \"sv\"\n";
        assert_eq!(memo.language(en), Lang::En);
        assert_eq!(memo.language(en), Lang::En);
        assert_eq!(memo.parsed, 1);
        assert_eq!(memo.language(sv), Lang::Sv);
        assert_eq!(memo.language(en), Lang::En);
        assert_eq!(memo.parsed, 3);
    }

    #[test]
    fn an_edit_of_the_language_counts_at_once() {
        // The same size and the same modification time: only the text tells them apart.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(CONFIG_FILE);
        std::fs::write(&file, "title = \"x\"\nlanguage = \"en\"\n").unwrap();
        let time = std::fs::metadata(&file).unwrap().modified().unwrap();
        assert_eq!(language(dir.path()), Lang::En);
        std::fs::write(&file, "title = \"x\"\nlanguage = \"sv\"\n").unwrap();
        let f = std::fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(time).unwrap();
        assert_eq!(language(dir.path()), Lang::Sv);
        std::fs::write(&file, "title = \"x\"\nlanguage = \"en\"\n[feed\n").unwrap();
        assert_eq!(language(dir.path()), Lang::En);
        std::fs::remove_file(&file).unwrap();
        assert_eq!(language(dir.path()), Lang::Sv);
        // What the settings say and what the messages speak agree, read in either order.
        let c = parse("title = \"x\"\nlanguage = \"en\"\ntitel = 1\n").unwrap_err();
        assert_eq!(c.0[0].message, "`titel` is not a setting here");
    }
}
