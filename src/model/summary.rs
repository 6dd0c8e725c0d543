//! What the board and `status` show of a task without reading all of it: its `Summary`.

use super::{BoardMeta, EventKind, Task};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// What the board and `status` show of a task: small, derived from the task, cached by the
/// store so that a quick look never parses every note of a large board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub number: u32,
    pub title: String,
    pub status: String,
    /// Status keys of the measures, in order.
    pub measure_statuses: Vec<String>,
    pub notes: usize,
    pub targets: usize,
    pub deadline: Option<NaiveDate>,
    /// Latest history event of any kind.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Latest change a person made (the import does not count).
    pub last_change: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub lead: Vec<String>,
    /// current / target, 0–100, of each target with a current value.
    #[serde(default)]
    pub target_ratios: Vec<f64>,
    #[serde(default)]
    pub partners: Vec<String>,
    /// Every unit named on the task or its measures (for "my tasks").
    #[serde(default)]
    pub units: Vec<String>,
}

impl Summary {
    pub fn measures(&self) -> usize {
        self.measure_statuses.len()
    }

    pub fn measures_done(&self, meta: &BoardMeta) -> usize {
        self.measure_statuses
            .iter()
            .filter(|s| meta.is_done(s))
            .count()
    }

    /// Past its deadline and not done.
    pub fn overdue(&self, meta: &BoardMeta, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d < today) && !meta.is_done(&self.status)
    }
}

impl Task {
    pub fn summary(&self) -> Summary {
        Summary {
            number: self.number,
            title: self.title.clone(),
            status: self.status.clone(),
            measure_statuses: self.measures.iter().map(|m| m.status.clone()).collect(),
            notes: self.notes.len(),
            targets: self.targets.len(),
            deadline: self.deadline,
            updated: self.updated(),
            last_change: self
                .history
                .iter()
                .filter(|e| e.kind != EventKind::Created)
                .map(|e| e.at)
                .max(),
            lead: self.lead.clone(),
            partners: self.partners.clone(),
            units: {
                let mut all: Vec<String> = Vec::new();
                let named = self.lead.iter().chain(&self.partners).chain(
                    self.measures
                        .iter()
                        .flat_map(|m| m.lead.iter().chain(&m.partners)),
                );
                for u in named {
                    if !all.contains(u) {
                        all.push(u.clone());
                    }
                }
                all
            },
            target_ratios: self
                .targets
                .iter()
                .filter_map(|t| {
                    t.current
                        .filter(|_| t.target > 0.0)
                        .map(|c| (100.0 * c / t.target).clamp(0.0, 100.0))
                })
                .collect(),
        }
    }
}
