//! Sharing a board between offices through git (`keywork sync`).
//!
//! Owns: the merge of two versions of a board file (`merge`, pure) and, later, the git
//! commands that commit, fetch, merge and push a board directory.

pub mod merge;
