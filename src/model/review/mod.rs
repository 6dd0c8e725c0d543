//! The weekly review meeting (周例会): a review belongs to a date, walks a list of tasks in
//! order, and records per task a conclusion (结论), a next step (下一步) with an optional owner
//! and date, and a needs-coordination item (需协调事项). Also: which changes happened since
//! the previous review — the set the meeting looks at. Pure; the store keeps one file per review.

use super::{BoardMeta, SCHEMA, Summary};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which tasks a review walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewScope {
    /// Every task, in number order.
    All,
    /// Tasks changed since the previous review.
    Changed,
    /// Tasks whose status has the role `behind` on this board.
    Behind,
    /// Tasks past their deadline and not done.
    Overdue,
}

impl ReviewScope {
    pub const ALL: [ReviewScope; 4] = [
        ReviewScope::All,
        ReviewScope::Changed,
        ReviewScope::Behind,
        ReviewScope::Overdue,
    ];

    pub fn words(self, en: bool) -> &'static str {
        use crate::strings::model as say;
        let lang = crate::strings::Lang::of_en(en);
        match self {
            ReviewScope::All => say::scope_all(lang),
            ReviewScope::Changed => say::scope_changed(lang),
            ReviewScope::Behind => say::scope_behind(lang),
            ReviewScope::Overdue => say::scope_overdue(lang),
        }
    }
}

/// What the meeting recorded about one task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub number: u32,
    /// The meeting has gone through it.
    #[serde(default)]
    pub reviewed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::toml_date"
    )]
    pub due: Option<NaiveDate>,
    /// Needs coordination (需协调事项): the flag is set when this holds text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination: Option<String>,
    /// Who sees to the needs-coordination item (its own, not the next step's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coordination_owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::toml_date"
    )]
    pub coordination_due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_by: String,
}

/// One review meeting, stored as `reviews/<date>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub schema: u32,
    pub date: NaiveDate,
    pub scope: ReviewScope,
    pub started: DateTime<FixedOffset>,
    pub started_by: String,
    /// Changes after this moment are "since the previous review" (the previous review's end);
    /// none for the first review of a board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateTime<FixedOffset>>,
    /// Set when the meeting is finished; an unfinished review resumes where it stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<DateTime<FixedOffset>>,
    /// The tasks to walk, in order.
    pub order: Vec<u32>,
    /// Index in `order` of the task on screen.
    #[serde(default)]
    pub position: usize,
    #[serde(default)]
    pub items: Vec<ReviewItem>,
}

impl Review {
    /// A new review of `date`, following the previous finished review (if any).
    pub fn new(
        date: NaiveDate,
        scope: ReviewScope,
        previous: Option<&Review>,
        meta: &BoardMeta,
        tasks: &[Summary],
        started: DateTime<FixedOffset>,
        by: &str,
    ) -> Review {
        let since = previous.and_then(|p| p.finished);
        let today = started.date_naive();
        let order = tasks
            .iter()
            .filter(|t| match scope {
                ReviewScope::All => true,
                ReviewScope::Changed => {
                    t.last_change.is_some_and(|at| since.is_none_or(|s| at > s))
                }
                ReviewScope::Behind => meta.is_behind(&t.status),
                ReviewScope::Overdue => t.overdue(meta, today),
            })
            .map(|t| t.number)
            .collect();
        Review {
            schema: SCHEMA,
            date,
            scope,
            started,
            started_by: by.to_string(),
            since,
            finished: None,
            order,
            position: 0,
            items: Vec::new(),
        }
    }

    pub fn current(&self) -> Option<u32> {
        self.order.get(self.position).copied()
    }

    pub fn item(&self, number: u32) -> Option<&ReviewItem> {
        self.items.iter().find(|i| i.number == number)
    }

    /// The record of a task, created empty on first use.
    pub fn item_mut(&mut self, number: u32) -> &mut ReviewItem {
        let i = match self.items.iter().position(|i| i.number == number) {
            Some(i) => i,
            None => {
                let pos = self.items.partition_point(|i| i.number < number);
                self.items.insert(
                    pos,
                    ReviewItem {
                        number,
                        ..ReviewItem::default()
                    },
                );
                pos
            }
        };
        &mut self.items[i]
    }

    pub fn reviewed_count(&self) -> usize {
        self.order
            .iter()
            .filter(|n| self.item(**n).is_some_and(|i| i.reviewed))
            .count()
    }

    /// Every needs-coordination item, in task order.
    pub fn coordination(&self) -> impl Iterator<Item = (&ReviewItem, &str)> {
        self.items
            .iter()
            .filter_map(|i| i.coordination.as_deref().map(|c| (i, c)))
    }
}

/// One change to a review record, as the meeting makes it.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewChange {
    Conclusion {
        task: u32,
        text: String,
    },
    NextStep {
        task: u32,
        text: String,
        owner: String,
        due: Option<NaiveDate>,
    },
    /// Set (`Some`) or clear (`None`) the needs-coordination item, with its owner and date.
    Coordination {
        task: u32,
        text: Option<String>,
        owner: String,
        due: Option<NaiveDate>,
    },
    Reviewed {
        task: u32,
        reviewed: bool,
    },
    /// The meeting moved to another task (kept so an interrupted meeting resumes there).
    Position(usize),
    Finish,
}

impl ReviewChange {
    /// Apply to the latest review record.
    pub fn apply(
        &self,
        review: &mut Review,
        stamp: &crate::model::Stamp,
    ) -> Result<(), crate::model::ModelError> {
        let touch = |review: &mut Review, task: u32| -> usize {
            let item = review.item_mut(task);
            item.updated = Some(stamp.at);
            item.updated_by = stamp.author.clone();
            review
                .items
                .iter()
                .position(|i| i.number == task)
                .unwrap_or(0)
        };
        match self {
            ReviewChange::Conclusion { task, text } => {
                let i = touch(review, *task);
                review.items[i].conclusion = text.trim().to_string();
            }
            ReviewChange::NextStep {
                task,
                text,
                owner,
                due,
            } => {
                let i = touch(review, *task);
                let item = &mut review.items[i];
                item.next_step = text.trim().to_string();
                item.owner = owner.trim().to_string();
                item.due = *due;
            }
            ReviewChange::Coordination {
                task,
                text,
                owner,
                due,
            } => {
                let i = touch(review, *task);
                let item = &mut review.items[i];
                item.coordination = text
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string);
                // Cleared with the item: an owner of nothing would show up in the report.
                let set = item.coordination.is_some();
                item.coordination_owner = if set { owner.trim() } else { "" }.to_string();
                item.coordination_due = due.filter(|_| set);
            }
            ReviewChange::Reviewed { task, reviewed } => {
                let i = touch(review, *task);
                review.items[i].reviewed = *reviewed;
            }
            ReviewChange::Position(p) => {
                review.position = (*p).min(review.order.len().saturating_sub(1));
            }
            ReviewChange::Finish => {
                review.finished.get_or_insert(stamp.at);
            }
        }
        Ok(())
    }
}

/// Split "owner date" as typed in one field: a trailing `YYYY-MM-DD` or `MM-DD` (this year)
/// is the date, the rest the owner.
pub fn split_owner_due(s: &str, year: i32) -> (String, Option<NaiveDate>) {
    let s = s.trim();
    let (head, last) = match s.rsplit_once(char::is_whitespace) {
        Some((h, l)) => (h.trim(), l),
        None => ("", s),
    };
    let date = NaiveDate::parse_from_str(last, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{year}-{last}"), "%Y-%m-%d").ok());
    match date {
        Some(d) => (head.to_string(), Some(d)),
        None => (s.to_string(), None),
    }
}

/// The previous finished review before `date`, from reviews in any order.
pub fn previous_review(reviews: &[Review], date: NaiveDate) -> Option<&Review> {
    reviews
        .iter()
        .filter(|r| r.date < date && r.finished.is_some())
        .max_by_key(|r| (r.date, r.finished))
}

mod net;
pub use net::{changes_since, net_changes};

#[cfg(test)]
mod tests;
