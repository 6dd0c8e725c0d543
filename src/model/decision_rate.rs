//! The 办结率 of a set of decisions: made, done (on time or late), dropped, open.

use super::{Decision, DecisionState};
use serde::Serialize;

/// The 办结率 of a set of decisions (one meeting's, one source's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub made: usize,
    pub done: usize,
    pub on_time: usize,
    pub late: usize,
    pub dropped: usize,
    pub open: usize,
}

impl Rate {
    pub fn of<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Rate {
        let mut r = Rate::default();
        for d in decisions {
            r.made += 1;
            match d.state {
                DecisionState::Open => r.open += 1,
                DecisionState::Dropped => r.dropped += 1,
                DecisionState::Done => {
                    r.done += 1;
                    if d.on_time() {
                        r.on_time += 1;
                    } else {
                        r.late += 1;
                    }
                }
            }
        }
        r
    }

    /// Done out of made, 0–100 (none when nothing was made).
    pub fn percent(&self) -> Option<f64> {
        (self.made > 0).then(|| 100.0 * self.done as f64 / self.made as f64)
    }
}
