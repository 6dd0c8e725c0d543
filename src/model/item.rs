//! One way to reach a task or a measure: `ItemRef` (`15`, `15.2`) and the fields both share
//! (status, units, deadline, leaders), read through `Item` and changed through `ItemMut`, so
//! that nothing else asks "task or measure?".

use super::{Board, ModelError, Task};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// A task (`15`) or one of its measures (`15.2`) as users write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub task: u32,
    pub sub: Option<u32>,
}

/// The fields a task and a measure share, as the one `ItemRef` names holds them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item<'a> {
    /// Status key.
    pub status: &'a str,
    /// Lead units (牵头单位).
    pub lead: &'a [String],
    /// Partner units (配合单位).
    pub partners: &'a [String],
    /// Deadline (时间节点).
    pub deadline: Option<NaiveDate>,
    /// Responsible leaders (责任领导).
    pub leader: &'a [String],
}

/// The same fields, to change in place.
#[derive(Debug)]
pub struct ItemMut<'a> {
    pub status: &'a mut String,
    pub lead: &'a mut Vec<String>,
    pub partners: &'a mut Vec<String>,
    pub deadline: &'a mut Option<NaiveDate>,
}

impl Item<'_> {
    /// Lead and partner units, owned.
    pub fn units(&self) -> (Vec<String>, Vec<String>) {
        (self.lead.to_vec(), self.partners.to_vec())
    }
}

impl Task {
    /// The task itself (`r.sub` none) or its measure `r`; `r.task` is not checked.
    pub fn item(&self, r: ItemRef) -> Option<Item<'_>> {
        match r.sub {
            None => Some(Item {
                status: &self.status,
                lead: &self.lead,
                partners: &self.partners,
                deadline: self.deadline,
                leader: &self.leader,
            }),
            Some(_) => self.measure(&r.to_string()).map(|m| Item {
                status: &m.status,
                lead: &m.lead,
                partners: &m.partners,
                deadline: m.deadline,
                leader: &m.leader,
            }),
        }
    }

    /// `item`, to change.
    pub fn item_mut(&mut self, r: ItemRef) -> Option<ItemMut<'_>> {
        let (status, lead, partners, deadline) = match r.sub {
            None => (
                &mut self.status,
                &mut self.lead,
                &mut self.partners,
                &mut self.deadline,
            ),
            Some(_) => {
                let id = r.to_string();
                let m = self.measures.iter_mut().find(|m| m.id == id)?;
                (&mut m.status, &mut m.lead, &mut m.partners, &mut m.deadline)
            }
        };
        Some(ItemMut {
            status,
            lead,
            partners,
            deadline,
        })
    }
}

impl Board {
    /// The task or measure `r` names, or why there is none.
    pub fn item(&self, r: ItemRef) -> Result<Item<'_>, ModelError> {
        let task = self.task(r.task).ok_or(ModelError::UnknownTask(r.task))?;
        task.item(r).ok_or_else(|| ModelError::UnknownMeasure {
            task: r.task,
            id: r.to_string(),
        })
    }

    /// `item`, to change.
    pub fn item_mut(&mut self, r: ItemRef) -> Result<ItemMut<'_>, ModelError> {
        self.task_mut(r.task)?
            .item_mut(r)
            .ok_or_else(|| ModelError::UnknownMeasure {
                task: r.task,
                id: r.to_string(),
            })
    }
}

impl FromStr for ItemRef {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ModelError::BadRef(s.to_string());
        let t = s.trim();
        let (a, b) = match t.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (t, None),
        };
        let task: u32 = a.parse().map_err(|_| bad())?;
        let sub = match b {
            Some(b) => Some(b.parse::<u32>().map_err(|_| bad())?),
            None => None,
        };
        if task == 0 || sub == Some(0) {
            return Err(bad());
        }
        Ok(ItemRef { task, sub })
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(m) => write!(f, "{}.{}", self.task, m),
            None => write!(f, "{}", self.task),
        }
    }
}
