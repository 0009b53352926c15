//! Output stage: every rendered file is an `OutputFile`; `write_atomic` puts a whole site in place.

/// One file of the built site, with its path relative to the output root ("2025/index.html").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), contents: contents.into() }
    }
}
