//! The published task list compiled into the binary, so that a first run shows a board at once.

use crate::import;
use crate::model::{Board, StatusDef};
use chrono::{DateTime, FixedOffset};

/// File name of the embedded seed.
pub const SEED_NAME: &str = "yangpu-2023-key-tasks.txt";
/// The published 2023 task list.
pub const SEED_TEXT: &str = include_str!("../seeds/yangpu-2023-key-tasks.txt");

/// The board made from the embedded seed.
pub fn board(statuses: Vec<StatusDef>, now: DateTime<FixedOffset>) -> Board {
    let list = import::parse_str(SEED_TEXT).expect("the embedded seed parses (tested)");
    import::build_board(&list, statuses, SEED_NAME, now)
}
