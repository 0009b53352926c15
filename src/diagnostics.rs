//! Errors as values: every problem with a site's input is a `Diagnostic` that names the file,
//! line and column, says what is wrong and hints at the fix. A build collects all of them and
//! reports them together, so staff fix a whole batch per round trip.

use std::fmt;
use std::path::{Path, PathBuf};

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
    /// rustc-style: the message, the location, the source line with a caret, the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        let loc = self.location();
        if !loc.is_empty() {
            writeln!(f, "  --> {loc}")?;
        }
        if let (Some(src), true) = (&self.source_line, self.line > 0) {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {src}")?;
            let caret_pad: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
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
        let n = self.0.len();
        write!(f, "{n} error{}", if n == 1 { "" } else { "s" })
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
    best.map(|(_, c)| format!("did you mean `{c}`?"))
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
        let text = d.to_string();
        assert!(
            text.contains("--> content/2026/april/03-franvaro.md:2:8"),
            "{text}"
        );
        assert!(text.contains("2 | area = \"franvaro\""), "{text}");
        assert!(text.contains("hint: did you mean"), "{text}");
    }

    #[test]
    fn did_you_mean_finds_shortened_ids() {
        let ids = ["elever-med-hog-franvaro", "kompetensforsorjning"];
        assert_eq!(
            did_you_mean("franvaro", ids).as_deref(),
            Some("did you mean `elever-med-hog-franvaro`?")
        );
        assert_eq!(did_you_mean("xyz", ids), None);
    }
}
