//! keywork: a terminal progress board for a district's annual key work tasks (重点工作任务).
//!
//! Everything real lives in this library; `src/main.rs` is a thin binary. Data flows one way:
//! key → keymap → `Action` → `App::update` → effect → `store`; `ui` renders `&App` purely.

pub mod app;
pub mod backend;
pub mod change;
pub mod cli;
pub mod config;
pub mod effects;
pub mod encoding;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod present;
pub mod report;
pub mod sanitize;
pub mod seed;
pub mod store;
pub mod strings;
pub mod sync;
pub mod targets;
pub mod text;
pub mod tomlfile;
pub mod tui;
pub mod ui;
pub mod watch;
