//! The escalation rule of urging notices (`[urge]` of the config): which level it proposes
//! for an item, from its deadline, its schedule and the notices already sent.

use crate::model::schedule::Warning;
use chrono::NaiveDate;
use serde::Deserialize;

/// `[urge]` of the config: when the escalation rule proposes which level.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgeRule {
    /// Blue when due within this many days.
    pub blue_within_days: i64,
    /// Red when a yellow notice has gone unanswered (no change on the task) this many days.
    pub red_after_yellow_days: i64,
}

impl Default for UrgeRule {
    fn default() -> Self {
        UrgeRule {
            blue_within_days: 14,
            red_after_yellow_days: 7,
        }
    }
}

/// What the rule looks at for one item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UrgeFacts {
    pub due: Option<NaiveDate>,
    pub done: bool,
    /// Behind the schedule (序时进度) by the board's thresholds.
    pub behind: bool,
    /// The latest yellow-or-worse notice on it.
    pub last_yellow: Option<NaiveDate>,
    /// The latest change a person made on it.
    pub last_change: Option<NaiveDate>,
}

impl UrgeRule {
    /// The level the rule proposes today, none when there is nothing to urge.
    pub fn propose(&self, f: &UrgeFacts, today: NaiveDate) -> Option<Warning> {
        if f.done {
            return None;
        }
        if f.due.is_some_and(|d| d < today) {
            return Some(Warning::Red);
        }
        if let Some(y) = f.last_yellow {
            let answered = f.last_change.is_some_and(|c| c > y);
            if !answered && (today - y).num_days() >= self.red_after_yellow_days {
                return Some(Warning::Red);
            }
        }
        if f.behind {
            return Some(Warning::Yellow);
        }
        f.due
            .filter(|d| (*d - today).num_days() <= self.blue_within_days)
            .map(|_| Warning::Blue)
    }
}
