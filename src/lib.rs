//! uppsikt: a static site generator for Swedish municipal committee follow-ups.

pub mod markdown;
pub mod output;
pub mod search;
