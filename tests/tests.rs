//! The integration suite: the real `keywork` binary run against boards in temp dirs — the
//! command line, many processes at once, and the TUI in a pseudo-terminal. One test binary
//! (`autotests = false` in Cargo.toml) keeps link time down.

mod cli;
mod common;
mod concurrency;
mod tui;
