//! Errors as values: every problem with a site's input is a `Diagnostic` that names the file,
//! line and column, says what is wrong and hints at the fix. A build collects all of them and
//! reports them together, so staff fix a whole batch per round trip.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{self, Lang};

/// An error stops the build; a warning is printed and the build goes on (`--strict` makes
/// warnings errors).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the problem is in, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line and column; 0 when unknown.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The source line, for the snippet under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// The language the frame ("error", "hint") is shown in; the build sets the site's.
    #[serde(skip)]
    pub lang: Lang,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            source_line: None,
            lang: Lang::default(),
        }
    }

    /// A warning: printed, but the build goes on.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at a byte offset of `source`, computing line and column (in characters).
    pub fn at_offset(mut self, source: &str, offset: usize) -> Self {
        let (line, column, text) = line_col(source, offset);
        self.line = line;
        self.column = column;
        self.source_line = Some(text.to_string());
        self
    }

    pub fn at_line_col(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// "content/2026/april/03-franvaro.md:3:8", or as much of it as is known.
    pub fn location(&self) -> String {
        match &self.file {
            None => String::new(),
            Some(f) if self.line == 0 => f.display().to_string(),
            Some(f) => format!("{}:{}:{}", f.display(), self.line, self.column),
        }
    }
}

/// Line (1-based), column (1-based, in characters) and the text of the line holding `offset`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize, &str) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let line = source[..offset].matches('\n').count() + 1;
    let column = source[line_start..offset].chars().count() + 1;
    (
        line,
        column,
        source[line_start..line_end].trim_end_matches('\r'),
    )
}

impl fmt::Display for Diagnostic {
    /// rustc-style: the message, the location, the source line with a caret, the hint; in the
    /// site's language. Whatever came from the content is shown safely: control and invisible
    /// characters as `<U+001B>`, a very long line as the part around the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = self.lang;
        let label = match self.severity {
            Severity::Error => messages::error_label(lang),
            Severity::Warning => messages::warning_label(lang),
        };
        writeln!(f, "{label}: {}", shorten(&visible(&self.message)))?;
        let loc = self.location();
        if !loc.is_empty() {
            writeln!(f, "  --> {}", visible(&loc))?;
        }
        if let (Some(src), true) = (&self.source_line, self.line > 0) {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let (shown, caret_pad) = snippet(src, self.column);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {shown}")?;
            writeln!(f, "{pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            let label = messages::hint_label(lang);
            // A hint may span lines (two ways to fix); each line is made safe on its own.
            let mut lines = hint.split('\n');
            let first = lines.next().unwrap_or_default();
            let lead = format!("  = {label}: ");
            writeln!(f, "{lead}{}", shorten(&visible(first)))?;
            let indent = " ".repeat(lead.chars().count());
            for line in lines {
                writeln!(f, "{indent}{}", shorten(&visible(line)))?;
            }
        }
        Ok(())
    }
}

/// Longest source line shown whole, in characters; a longer one is shown around the column.
const SNIPPET_WIDTH: usize = 100;
/// Longest message or hint line shown whole (a value pasted into a key can be any length).
const MESSAGE_WIDTH: usize = 300;

/// How `c` is shown in the terminal: itself, or `<U+XXXX>` when it is a control character
/// (an escape sequence in content must not drive the terminal) or invisible.
fn shown_char(c: char) -> Option<String> {
    (c != '\t' && (c.is_control() || invisible_name(c).is_some()))
        .then(|| format!("<U+{:04X}>", c as u32))
}

/// `text` with control and invisible characters made visible.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| shown_char(c).is_some()) {
        return text.into();
    }
    text.chars()
        .map(|c| shown_char(c).unwrap_or_else(|| c.to_string()))
        .collect::<String>()
        .into()
}

/// A line cut in the middle when it is longer than MESSAGE_WIDTH characters.
fn shorten(line: &str) -> std::borrow::Cow<'_, str> {
    let n = line.chars().count();
    if n <= MESSAGE_WIDTH {
        return line.into();
    }
    let head: String = line.chars().take(MESSAGE_WIDTH * 2 / 3).collect();
    let tail: String = line.chars().skip(n - MESSAGE_WIDTH / 3).collect();
    format!("{head} … {tail}").into()
}

/// The source line as shown (made visible, and cut to a window around `column` when long),
/// and the padding that puts a caret under `column`.
fn snippet(src: &str, column: usize) -> (String, String) {
    // Each character as shown; the column counts characters of the source.
    let pieces: Vec<String> = src
        .chars()
        .map(|c| shown_char(c).unwrap_or_else(|| c.to_string()))
        .collect();
    let at = column.saturating_sub(1).min(pieces.len());
    let width = |ps: &[String]| ps.iter().map(|p| p.chars().count()).sum::<usize>();
    let (mut start, mut end) = (0, pieces.len());
    if width(&pieces) > SNIPPET_WIDTH {
        // Keep a third of the window before the column, as much as fits after it.
        start = at;
        let mut used = 0;
        while start > 0 && used + pieces[start - 1].chars().count() <= SNIPPET_WIDTH / 3 {
            start -= 1;
            used += pieces[start].chars().count();
        }
        end = start;
        used = 0;
        while end < pieces.len() && used + pieces[end].chars().count() <= SNIPPET_WIDTH {
            used += pieces[end].chars().count();
            end += 1;
        }
        end = end.max((at + 1).min(pieces.len()));
    }
    let mut shown = String::new();
    let mut pad = String::new();
    if start > 0 {
        shown.push('…');
        pad.push(' ');
    }
    shown.extend(pieces[start..end].iter().map(String::as_str));
    if end < pieces.len() {
        shown.push('…');
    }
    for p in &pieces[start..at] {
        // A tab stays a tab so that the caret lines up however wide the terminal shows it.
        pad.extend(p.chars().map(|c| if c == '\t' { '\t' } else { ' ' }));
    }
    (shown, pad)
}

/// The plain name of an invisible character that often comes with text pasted from a word
/// processor or a web page, for messages ("a non-breaking space"); None for other characters.
pub fn invisible_name(c: char) -> Option<(&'static str, &'static str)> {
    // (Swedish, English)
    Some(match c {
        '\u{00A0}' => ("ett hårt mellanslag", "a non-breaking space"),
        '\u{202F}' => ("ett smalt hårt mellanslag", "a narrow non-breaking space"),
        '\u{2007}' => ("ett sifferbrett mellanslag", "a figure space"),
        '\u{2000}'..='\u{200A}' => ("ett typografiskt mellanslag", "a typographic space"),
        '\u{3000}' => ("ett brett mellanslag", "an ideographic space"),
        '\u{200B}' => ("ett mellanslag utan bredd", "a zero-width space"),
        '\u{200C}' | '\u{200D}' => ("ett osynligt sammanfogningstecken", "a zero-width joiner"),
        '\u{2060}' => ("en osynlig ordbindare", "a word joiner"),
        '\u{FEFF}' => ("ett osynligt BOM-tecken", "a byte order mark"),
        '\u{00AD}' => ("ett mjukt bindestreck", "a soft hyphen"),
        '\u{2028}' => ("en radavgränsare", "a line separator"),
        '\u{2029}' => ("en styckeavgränsare", "a paragraph separator"),
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => (
            "ett osynligt riktningstecken",
            "an invisible direction mark",
        ),
        _ => return None,
    })
}

/// All the problems of one build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    /// The same problems, shown in `lang` (their messages are made in it already).
    pub fn in_language(mut self, lang: Lang) -> Self {
        for d in &mut self.0 {
            d.lang = lang;
        }
        self
    }
    /// Ok(value) when nothing was reported, Err(self) otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let lang = self.0.first().map(|d| d.lang).unwrap_or_default();
        write!(f, "{}", messages::errors(lang, self.0.len()))
    }
}

impl std::error::Error for Diagnostics {}

/// A path relative to `root` for messages, or the path itself when it is not under root.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// "did you mean `x`?" for the closest of `candidates`, when one is close enough to be a typo
/// or a shortened form.
pub fn did_you_mean<'a>(
    lang: Lang,
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let mut score = strsim::jaro_winkler(wrong, c);
        // Staff often shorten an id ("franvaro" for "elever-med-hog-franvaro").
        if c.contains(wrong) || wrong.contains(c) {
            score = score.max(0.9);
        }
        if score > 0.75 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| messages::did_you_mean(lang, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let src = "a = 1\nnämnd = ö\n";
        let off = src.find('ö').unwrap();
        assert_eq!(line_col(src, off), (2, 9, "nämnd = ö"));
    }

    #[test]
    fn display_shows_location_snippet_and_hint() {
        let src = "+++\narea = \"franvaro\"\n+++\n";
        let d = Diagnostic::new("unknown area `franvaro`")
            .in_file("content/2026/april/03-franvaro.md")
            .at_offset(src, src.find("\"franvaro").unwrap())
            .with_hint("did you mean `elever-med-hog-franvaro`?");
        let text = Diagnostics::from(d).in_language(Lang::En).to_string();
        assert!(
            text.contains("--> content/2026/april/03-franvaro.md:2:8"),
            "{text}"
        );
        assert!(text.contains("2 | area = \"franvaro\""), "{text}");
        assert!(text.contains("hint: did you mean"), "{text}");
    }

    #[test]
    fn control_and_invisible_characters_are_shown_and_the_caret_follows() {
        let src = "a\u{1b}[2J = \u{a0}x";
        let d = Diagnostic::new("bad `\u{1b}[31m`\nnext")
            .in_file("c\u{7}.md")
            .at_offset(src, src.find('x').unwrap());
        let text = d.to_string();
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{a0}']), "{text:?}");
        assert!(
            text.contains("fel: bad `<U+001B>[31m`<U+000A>next"),
            "{text}"
        );
        assert!(text.contains("--> c<U+0007>.md:1:10"), "{text}");
        assert!(text.contains("1 | a<U+001B>[2J = <U+00A0>x\n"), "{text}");
        // The caret stands under the x, after the widened characters.
        let caret = text.lines().find(|l| l.ends_with('^')).unwrap();
        assert_eq!(caret.len(), "1 | a<U+001B>[2J = <U+00A0>x".len());
        // A tab stays a tab in the line and in the caret's padding.
        let (shown, pad) = snippet("\tkey = x", 8);
        assert_eq!((shown.as_str(), pad.as_str()), ("\tkey = x", "\t      "));
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let src: String = (0..5000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for column in [1, 30, 2500, 4990, 5000] {
            let (shown, pad) = snippet(&src, column);
            assert!(
                shown.chars().count() <= SNIPPET_WIDTH + 2,
                "{column}: {shown}"
            );
            let under = shown.chars().nth(pad.chars().count());
            assert_eq!(
                under,
                src.chars().nth(column - 1),
                "{column}: {shown}\n{pad}^"
            );
            assert_eq!(
                shown.starts_with('…'),
                column > SNIPPET_WIDTH / 3 + 1,
                "{column}"
            );
            assert_eq!(shown.ends_with('…'), column < 4990, "{column}");
        }
        let long_message = "x".repeat(10_000);
        assert!(shorten(&long_message).chars().count() < MESSAGE_WIDTH + 5);
        // A short line is shown whole.
        assert_eq!(snippet("a = b", 5), ("a = b".into(), "    ".into()));
    }

    #[test]
    fn did_you_mean_finds_shortened_ids() {
        let ids = ["elever-med-hog-franvaro", "kompetensforsorjning"];
        assert_eq!(
            did_you_mean(Lang::En, "franvaro", ids).as_deref(),
            Some("did you mean `elever-med-hog-franvaro`?")
        );
        assert_eq!(did_you_mean(Lang::En, "xyz", ids), None);
    }
}
