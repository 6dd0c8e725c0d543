//! Quick filters in the app (issue 16 §1): the filter in effect on the board and the tree, the
//! menu that sets it (`f`: status, warning, unit, deadline window, changed since the last
//! review), clearing every filter with one key (`F`), and which tasks pass. The filter is UI
//! state: the event loop remembers it per user between runs (`tui::filters`), never here.

use super::*;
use crate::model::filter::{Facts, Filter, WarnKind};
use crate::model::schedule::board_start;

/// The quick filter in effect and what matching it needs besides the board.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quick {
    pub filter: Filter,
    /// When the last finished review meeting ended ("changed" means after it).
    pub since: Option<DateTime<FixedOffset>>,
}

/// One line of the quick-filter menu.
#[derive(Debug, Clone, PartialEq)]
pub enum MenuRow {
    Status(String),
    Warn(WarnKind),
    /// The deadline window; ←/→ change its days.
    Due,
    Changed,
    Unit(String),
    /// A source kind used on the board (来源).
    Source(String),
}

/// The deadline windows offered by ←/→ on the menu's deadline line (days; 0 = off).
const DUE_STEPS: [u32; 6] = [0, 7, 14, 30, 60, 90];

impl App {
    /// The filter facts of today.
    fn facts(&self) -> Facts<'_> {
        Facts {
            meta: &self.board.meta,
            today: self.now.date_naive(),
            start: board_start(&self.board.meta),
            thresholds: &self.thresholds,
            since: self.quick.since,
            follows: Some(&self.followed.by_task),
        }
    }

    /// Whether a task passes the quick filter.
    pub fn passes_quick(&self, s: &Summary) -> bool {
        self.quick.filter.is_empty() || self.quick.filter.matches(s, &self.facts())
    }

    /// Set the quick filter (a remembered one at start, or `review --filter`).
    pub fn set_quick_filter(&mut self, filter: Filter) {
        self.quick.filter = filter;
        self.after_filter_change();
    }

    /// Whether any filter is on (quick or text).
    pub fn any_filter(&self) -> bool {
        !self.quick.filter.is_empty() || !self.ui.filter.text().is_empty()
    }

    /// Whether clearing the filters is offered (a filter is on, and not in the board picker).
    pub fn offers_clear_filters(&self) -> bool {
        self.any_filter() && !matches!(self.ui.overlays.last(), Some(Overlay::Boards { .. }))
    }

    /// Units the menu offers: the config's, then those named on the board.
    pub fn filter_units(&self) -> Vec<String> {
        let mut out = self.units.clone();
        for s in &self.summaries {
            for u in &s.units {
                if !out.contains(u) {
                    out.push(u.clone());
                }
            }
        }
        // A unit typed on the command line that is neither stays choosable (to take it off).
        for u in &self.quick.filter.units {
            if !out.contains(u) {
                out.push(u.clone());
            }
        }
        out
    }

    /// The menu's lines, in order.
    pub fn menu_rows(&self) -> Vec<MenuRow> {
        let mut rows: Vec<MenuRow> = self
            .board
            .meta
            .statuses
            .iter()
            .map(|s| MenuRow::Status(s.key.clone()))
            .collect();
        rows.extend(WarnKind::ALL.iter().map(|w| MenuRow::Warn(*w)));
        rows.push(MenuRow::Due);
        rows.push(MenuRow::Changed);
        rows.extend(self.filter_units().into_iter().map(MenuRow::Unit));
        rows.extend(self.filter_sources().into_iter().map(MenuRow::Source));
        rows
    }

    /// Sources the menu offers: the kinds used on the board, then any the filter names.
    pub fn filter_sources(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let used = self
            .followed
            .by_task
            .values()
            .filter_map(|f| f.source.as_ref());
        for k in used
            .map(|s| s.kind.clone())
            .chain(self.quick.filter.sources.iter().cloned())
        {
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// Whether a menu line is on.
    pub fn row_on(&self, row: &MenuRow) -> bool {
        let f = &self.quick.filter;
        match row {
            MenuRow::Status(k) => f.statuses.contains(k),
            MenuRow::Warn(w) => f.warnings.contains(w),
            MenuRow::Due => f.due_within.is_some(),
            MenuRow::Changed => f.changed,
            MenuRow::Unit(u) => f.units.contains(u),
            MenuRow::Source(k) => f.sources.contains(k),
        }
    }

    pub(super) fn open_filter_menu(&mut self) {
        self.ui.overlays.push(Overlay::QuickFilter { choice: 0 });
    }

    /// `F`: every filter off (quick and text).
    pub(super) fn clear_filters(&mut self) {
        if !self.any_filter() {
            return;
        }
        self.quick.filter = Filter::default();
        self.ui.filter = TextBuf::new("", false);
        self.after_filter_change();
        self.say(crate::strings::filters::cleared(self.lang()));
    }

    pub(super) fn update_filter_menu(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::QuickFilter { choice }) = self.ui.overlays.last() else {
            return self.update_boards(action);
        };
        let rows = self.menu_rows();
        let n = rows.len().max(1);
        let choice = (*choice).min(n - 1);
        let mut next = choice;
        match action {
            Action::Down => next = (choice + 1) % n,
            Action::Up => next = (choice + n - 1) % n,
            Action::PageDown => next = (choice + 10).min(n - 1),
            Action::PageUp => next = choice.saturating_sub(10),
            Action::Top => next = 0,
            Action::Bottom => next = n - 1,
            Action::Yes | Action::Toggle => self.toggle_row(rows.get(choice)),
            Action::Right | Action::Left if rows.get(choice) == Some(&MenuRow::Due) => {
                self.step_due(action == Action::Right)
            }
            Action::ClearFilters => self.clear_filters(),
            Action::Back | Action::Cancel | Action::QuickFilter | Action::Quit => {
                self.ui.overlays.pop();
                if self.columns().iter().all(Vec::is_empty) && self.any_filter() {
                    self.say(crate::strings::filters::nothing_matches(self.lang()));
                }
                return None;
            }
            _ => {}
        }
        if let Some(Overlay::QuickFilter { choice }) = self.ui.overlays.last_mut() {
            *choice = next;
        }
        None
    }

    fn toggle_row(&mut self, row: Option<&MenuRow>) {
        let f = &mut self.quick.filter;
        match row {
            Some(MenuRow::Status(k)) => f.toggle_status(k),
            Some(MenuRow::Warn(w)) => f.toggle_warning(*w),
            Some(MenuRow::Due) => {
                f.due_within = match f.due_within {
                    Some(_) => None,
                    None => Some(self.thresholds.due_soon_days.clamp(0, 3650) as u32),
                }
            }
            Some(MenuRow::Changed) => f.changed = !f.changed,
            Some(MenuRow::Unit(u)) => f.toggle_unit(u),
            Some(MenuRow::Source(k)) => f.toggle_source(k),
            None => {}
        }
        self.after_filter_change();
    }

    /// A new review meeting walks only the tasks the quick filter shows, and records it.
    pub fn narrow_review(&self, review: &mut Review) {
        if self.quick.filter.is_empty() {
            return;
        }
        review
            .order
            .retain(|n| self.summary(*n).is_some_and(|s| self.passes_quick(s)));
        review.filter = self.quick.filter.to_string();
    }

    /// Review: go to the next task of the meeting with a red or yellow warning (from the
    /// start again after the last); say so when there is none.
    pub(super) fn next_warned(&mut self) -> Option<Effect> {
        use crate::model::schedule::{Warning, assess_summary};
        let review = self.review.as_ref()?;
        let (pos, n) = (review.position, review.order.len());
        let start = board_start(&self.board.meta);
        let today = self.now.date_naive();
        let warned = |number: u32| {
            self.summary(number).and_then(|s| {
                assess_summary(s, &self.board.meta, start, today, &self.thresholds)
                    .warning
                    .filter(|w| matches!(w, Warning::Red | Warning::Yellow))
            })
        };
        let found = (1..n)
            .map(|k| (pos + k) % n)
            .find_map(|p| warned(review.order[p]).map(|w| (p, review.order[p], w)));
        let lang = self.lang();
        match found {
            Some((p, number, w)) => {
                self.ui.review_scroll = 0;
                self.say(crate::strings::filters::jumped_to(
                    lang,
                    number,
                    w.words(lang.is_en()),
                ));
                Some(Effect::Review(ReviewChange::Position(p)))
            }
            None => {
                self.say(crate::strings::filters::no_more_warned(lang));
                None
            }
        }
    }

    fn step_due(&mut self, up: bool) {
        let cur = self.quick.filter.due_within.unwrap_or(0);
        let next = if up {
            DUE_STEPS.iter().copied().find(|d| *d > cur)
        } else {
            DUE_STEPS.iter().rev().copied().find(|d| *d < cur)
        };
        if let Some(d) = next {
            self.quick.filter.due_within = (d > 0).then_some(d);
            self.after_filter_change();
        }
    }
}

#[cfg(test)]
mod tests;
