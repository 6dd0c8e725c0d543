//! Documents made from a board for reporting upward: the weekly report (Markdown, and Word in the official layout) and the
//! ledger (台账, CSV and Excel). Pure functions of the board, its reviews and the config; the
//! command line writes their output.

pub mod docx;
pub mod follow;
pub mod follow_ledger;
pub mod form;
pub mod ledger;
pub mod ledger_xlsx;
pub mod weekly;

#[cfg(test)]
pub(crate) mod lang_tests;
