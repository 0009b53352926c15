//! uppsikt: a static site generator for Swedish municipal committee follow-ups.
//!
//! The pipeline, one module per stage: `config` → `content` → `model` → `markdown` →
//! `render` (+ `search`) → `output`. `pipeline` runs it (and serve's incremental rebuild);
//! `cli` is the command line.

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod lint;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod new;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod timing;
pub mod toml_errors;
