//! The head and tail of the weekly report: the title with its period, the summary (tasks per
//! status, changes, overdue tasks, the 欠进度 / 达进度 / 超进度 / 已完成 tally and the schedule
//! warnings, the review meeting) and the closing list of needs-coordination items.

use super::{Row, Writer, inline};
use crate::config::to_display;
use crate::model::review::ReviewItem;
use crate::model::schedule::{self, Assessment, Class, Warning};
use crate::model::{Event, EventKind, Task};
use crate::strings::report as s;

impl Writer<'_> {
    pub(super) fn title(&mut self) {
        let from = self.period.from.unwrap_or(self.board.meta.created);
        let (from_day, to_day) = (self.day(from), self.day(self.period.to));
        let title = inline(&self.board.meta.title);
        let head = s::weekly_title(self.lang(), &title, &from_day, &to_day);
        self.line(&head);
        self.line("");
        let about = self.period_line();
        self.line(&about);
        self.line("");
    }

    /// The exact period and where the conclusions come from.
    fn period_line(&self) -> String {
        let to = self.minute(self.period.to);
        let lang = self.lang();
        let span = match self.period.from {
            None => s::period_up_to(lang, &to),
            Some(f) if self.period.from_inclusive => s::period_from(lang, &self.minute(f), &to),
            Some(f) => s::period_after(lang, &self.minute(f), &to),
        };
        let source = match self.review {
            None => s::period_end(lang).to_string(),
            Some(r) => s::conclusions_from(lang, &self.day_of(r)),
        };
        span + &source
    }

    pub(super) fn summary(&mut self, rows: &[Row]) {
        let meta = &self.board.meta;
        let heading = s::summary_heading(self.lang());
        self.line(heading);
        self.line("");
        let tasks = self.tasks_line(rows);
        self.line(&tasks);
        let done: usize = rows.iter().map(|r| r.task.measures_done(meta)).sum();
        let all: usize = rows.iter().map(|r| r.task.measures.len()).sum();
        let measures = self.field(s::measures_done(self.lang()), &format!("{done}/{all}"));
        self.line(&measures);
        let changes = self.changes_line(rows);
        self.line(&changes);
        let overdue = self.overdue_line(rows);
        self.line(&overdue);
        // Where the tasks stand against their schedule at the end of the period: only once
        // some task has a deadline (without one there is no schedule to be behind).
        if rows.iter().any(|r| r.task.deadline.is_some()) {
            let assessed: Vec<(u32, Assessment)> = rows
                .iter()
                .map(|r| (r.task.number, self.assessment(r.task)))
                .collect();
            let tally = self.tally_line(&assessed);
            self.line(&tally);
            let warnings = self.warnings_line(&assessed);
            self.line(&warnings);
        }
        if let Some(line) = self.review_line() {
            self.line(&line);
        }
        self.line("");
    }

    /// `- 任务：共 22 项；未启动 18 · 推进中 3 · 滞后 1 · 已完成 0`.
    fn tasks_line(&self, rows: &[Row]) -> String {
        let counts: Vec<String> = self
            .board
            .meta
            .statuses
            .iter()
            .map(|s| {
                let n = rows.iter().filter(|r| r.task.status == s.key).count();
                format!("{} {n}", self.status(&s.key))
            })
            .collect();
        s::tasks_line(self.lang(), rows.len(), &counts.join(" · "))
    }

    /// Where a task stands against its schedule on the last day of the period.
    pub(super) fn assessment(&self, t: &Task) -> Assessment {
        let meta = &self.board.meta;
        let today = to_display(self.period.to, self.opts.offset).date_naive();
        let start = schedule::board_start(meta);
        schedule::assess(t, meta, start, today, &self.opts.thresholds)
    }

    /// `- 序时进度：欠进度 3 · 达进度 15 · 超进度 1 · 已完成 3`.
    fn tally_line(&self, assessed: &[(u32, Assessment)]) -> String {
        let en = self.en();
        let parts: Vec<String> = Class::ALL
            .iter()
            .map(|c| {
                let n = assessed.iter().filter(|(_, a)| a.class == *c).count();
                format!("{} {n}", c.words(en))
            })
            .collect();
        self.field(s::schedule(self.lang()), &parts.join(" · "))
    }

    /// `- 预警：红色预警 1 项（任务 5）· 黄色预警 1 项（任务 15）`, or none.
    fn warnings_line(&self, assessed: &[(u32, Assessment)]) -> String {
        let parts: Vec<String> = [Warning::Red, Warning::Yellow, Warning::Blue]
            .into_iter()
            .filter_map(|w| {
                let tasks: Vec<String> = assessed
                    .iter()
                    .filter(|(_, a)| a.warning == Some(w))
                    .map(|(n, _)| n.to_string())
                    .collect();
                let (n, words) = (tasks.len(), w.words(self.en()));
                let plural = if n == 1 { "" } else { "s" };
                let tasks = tasks.join(s::list_sep(self.lang()));
                (n > 0).then(|| s::warning_tasks(self.lang(), words, n, plural, &tasks))
            })
            .collect();
        let value = if parts.is_empty() {
            s::none(self.lang()).to_string()
        } else {
            parts.join(" · ")
        };
        self.field(s::warnings(self.lang()), &value)
    }

    /// `- 周例会：2023-10-12，已过会 2/22 项`.
    fn review_line(&self) -> Option<String> {
        let r = self.review?;
        let (date, done, all) = (self.day_of(r), r.reviewed_count(), r.order.len());
        let going = if r.finished.is_some() {
            ""
        } else {
            s::in_progress(self.lang())
        };
        Some(s::review_line(self.lang(), &date, done, all, going))
    }

    fn changes_line(&self, rows: &[Row]) -> String {
        let events: Vec<&Event> = rows.iter().flat_map(|r| r.events.iter()).collect();
        let tasks = rows.iter().filter(|r| !r.events.is_empty()).count();
        let count = |k: EventKind| events.iter().filter(|e| e.kind == k).count();
        let lang = self.lang();
        let kinds = [
            (count(EventKind::Status), s::status_changes(lang)),
            (count(EventKind::NoteAdded), s::notes_added(lang)),
            (count(EventKind::Target), s::targets_updated(lang)),
        ];
        let other = events.len() - kinds.iter().map(|k| k.0).sum::<usize>();
        let mut parts: Vec<String> = kinds
            .iter()
            .filter(|k| k.0 > 0)
            .map(|(n, w)| format!("{w} {n}"))
            .collect();
        if other > 0 {
            parts.push(format!("{} {other}", s::other_changes(lang)));
        }
        let detail = if parts.is_empty() {
            String::new()
        } else {
            self.paren(&parts.join(" · "))
        };
        s::changes_line(lang, events.len(), tasks, &detail)
    }

    fn overdue_line(&self, rows: &[Row]) -> String {
        let today = to_display(self.period.to, self.opts.offset).date_naive();
        let late: Vec<String> = rows
            .iter()
            .filter(|r| r.task.overdue(&self.board.meta, today))
            .map(|r| r.task.number.to_string())
            .collect();
        let lang = self.lang();
        match late.is_empty() {
            true => s::overdue_none(lang).to_string(),
            false => s::overdue_line(lang, late.len(), &late.join(s::list_sep(lang))),
        }
    }

    /// Every needs-coordination item of the review, in task order.
    pub(super) fn coordination(&mut self) {
        let heading = s::coordination_heading(self.lang());
        self.line(heading);
        self.line("");
        let items: Vec<(&ReviewItem, &str)> = self
            .review
            .map(|r| r.coordination().collect())
            .unwrap_or_default();
        if items.is_empty() {
            let none = match self.review {
                Some(_) => s::coordination_none(self.lang()),
                None => s::no_review(self.lang()),
            };
            self.line(none);
            return;
        }
        for (i, (item, text)) in items.into_iter().enumerate() {
            let title = self
                .board
                .task(item.number)
                .map(|t| inline(&t.title))
                .unwrap_or_default();
            let mut line = format!(
                "{}. **{}. {title}**{}{}",
                i + 1,
                item.number,
                self.sep(),
                inline(text)
            );
            line.push_str(&self.owner_and_due(&item.coordination_owner, item.coordination_due));
            self.line(&line);
        }
    }
}
