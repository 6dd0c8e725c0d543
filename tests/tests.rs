//! The integration suite: the real `keywork` binary run against boards in temp dirs.
//!
//! `cargo test --test tests` runs all of it. Cargo also discovers `tests/cli.rs` and
//! `tests/concurrency.rs` as test targets of their own; each declares the shared helpers
//! (`tests/common/mod.rs`) itself so that it compiles either way.

mod cli;
mod concurrency;
