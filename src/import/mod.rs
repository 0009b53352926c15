//! Import: a committee's document (Word, PDF or PDF-extracted text) → a draft report in
//! `content/`. The readers (`docx`, `pdf`, plain text) each produce a `doc::Document`; the rest
//! of the import reads only that.

pub mod doc;
pub mod docx;
pub mod pdf;
