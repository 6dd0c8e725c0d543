//! The integration suite: the real `keywork` binary run against boards in temp dirs — the
//! command line, many processes at once, the TUI in a pseudo-terminal, the ledger export and
//! the history/report commands. One test binary (`autotests = false` in Cargo.toml) keeps link
//! time down.

mod boards;
mod cli;
mod common;
mod concurrency;
mod consistency;
mod crash;
mod docs;
mod evidence;
mod export;
mod faults;
mod filters;
mod follow;
mod forms;
mod history;
mod hostile;
mod import_lists;
mod notes;
mod one_voice;
mod owners;
mod render;
mod several_boards;
mod status_roles;
mod sync;
mod sync_state;
mod sync_trust;
mod target_ids;
mod tui;
mod tui_delete;
mod tui_filters;
mod tui_loading;
mod tui_screen;
