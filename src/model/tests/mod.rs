//! Unit tests of the model on sites built in memory with `testing::SiteBuilder`: lineage told
//! as stories (`lineage`), several committees following one register (`committees`), and the
//! register's and reports' mistakes at their place (`errors`).

mod committees;
mod errors;
mod lineage;
