//! The head and tail of the weekly report: the title with its period, the summary (tasks per
//! status, changes, overdue tasks, the 欠进度 / 达进度 / 超进度 / 已完成 tally and the schedule
//! warnings, the review meeting) and the closing list of needs-coordination items.

use super::{Row, Writer, inline};
use crate::config::{Lang, to_display};
use crate::model::review::ReviewItem;
use crate::model::schedule::{self, Assessment, Class, Warning};
use crate::model::{Event, EventKind, Task};

impl Writer<'_> {
    pub(super) fn title(&mut self) {
        let from = self.period.from.unwrap_or(self.board.meta.created);
        let (from_day, to_day) = (self.day(from), self.day(self.period.to));
        let title = inline(&self.board.meta.title);
        let head = match self.opts.lang {
            Lang::Zh => format!("# {title} 周报（{from_day} 至 {to_day}）"),
            Lang::En => format!("# {title} weekly report ({from_day} to {to_day})"),
        };
        self.line(&head);
        self.line("");
        let about = self.period_line();
        self.line(&about);
        self.line("");
    }

    /// The exact period and where the conclusions come from.
    fn period_line(&self) -> String {
        let to = self.minute(self.period.to);
        let span = match (self.period.from, self.opts.lang) {
            (None, Lang::Zh) => format!("统计区间：截至 {to}"),
            (None, Lang::En) => format!("Period: up to {to}"),
            (Some(f), Lang::Zh) => {
                let edge = if self.period.from_inclusive {
                    "起"
                } else {
                    "之后"
                };
                format!("统计区间：{} {edge}至 {to}", self.minute(f))
            }
            (Some(f), Lang::En) => {
                let edge = if self.period.from_inclusive {
                    "from"
                } else {
                    "after"
                };
                format!("Period: {edge} {} to {to}", self.minute(f))
            }
        };
        let source = match (self.review, self.opts.lang) {
            (None, lang) => lang.pick("。", ".").to_string(),
            (Some(r), Lang::Zh) => format!("；例会结论取自 {} 周例会。", self.day_of(r)),
            (Some(r), Lang::En) => {
                format!(
                    "; conclusions from the review meeting of {}.",
                    self.day_of(r)
                )
            }
        };
        span + &source
    }

    pub(super) fn summary(&mut self, rows: &[Row]) {
        let meta = &self.board.meta;
        let heading = self.pick("## 概况", "## Summary");
        self.line(heading);
        self.line("");
        let tasks = self.tasks_line(rows);
        self.line(&tasks);
        let done: usize = rows.iter().map(|r| r.task.measures_done(meta)).sum();
        let all: usize = rows.iter().map(|r| r.task.measures.len()).sum();
        let measures = self.field(
            self.pick("措施完成", "Measures done"),
            &format!("{done}/{all}"),
        );
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
        match self.opts.lang {
            Lang::Zh => format!("- 任务：共 {} 项；{}", rows.len(), counts.join(" · ")),
            Lang::En => format!("- Tasks: {}; {}", rows.len(), counts.join(" · ")),
        }
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
        self.field(self.pick("序时进度", "Schedule"), &parts.join(" · "))
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
                (n > 0).then(|| match self.opts.lang {
                    Lang::Zh => format!("{words} {n} 项（任务 {}）", tasks.join("、")),
                    Lang::En => {
                        let s = if n == 1 { "" } else { "s" };
                        format!("{words} {n} (task{s} {})", tasks.join(", "))
                    }
                })
            })
            .collect();
        let value = if parts.is_empty() {
            self.pick("无", "none").to_string()
        } else {
            parts.join(" · ")
        };
        self.field(self.pick("预警", "Warnings"), &value)
    }

    /// `- 周例会：2023-10-12，已过会 2/22 项`.
    fn review_line(&self) -> Option<String> {
        let r = self.review?;
        let (date, done, all) = (self.day_of(r), r.reviewed_count(), r.order.len());
        let going = if r.finished.is_some() {
            ""
        } else {
            self.pick("（进行中）", " (in progress)")
        };
        Some(match self.opts.lang {
            Lang::Zh => format!("- 周例会：{date}，已过会 {done}/{all} 项{going}"),
            Lang::En => format!("- Review meeting: {date}, {done}/{all} tasks reviewed{going}"),
        })
    }

    fn changes_line(&self, rows: &[Row]) -> String {
        let events: Vec<&Event> = rows.iter().flat_map(|r| r.events.iter()).collect();
        let tasks = rows.iter().filter(|r| !r.events.is_empty()).count();
        let count = |k: EventKind| events.iter().filter(|e| e.kind == k).count();
        let kinds = [
            (count(EventKind::Status), self.pick("状态调整", "status")),
            (
                count(EventKind::NoteAdded),
                self.pick("新增佐证", "notes added"),
            ),
            (count(EventKind::Target), self.pick("指标更新", "targets")),
        ];
        let other = events.len() - kinds.iter().map(|k| k.0).sum::<usize>();
        let mut parts: Vec<String> = kinds
            .iter()
            .filter(|k| k.0 > 0)
            .map(|(n, w)| format!("{w} {n}"))
            .collect();
        if other > 0 {
            parts.push(format!("{} {other}", self.pick("其他", "other")));
        }
        let detail = if parts.is_empty() {
            String::new()
        } else {
            self.paren(&parts.join(" · "))
        };
        match self.opts.lang {
            Lang::Zh => format!(
                "- 本期变更：{} 项，涉及 {tasks} 项任务{detail}",
                events.len()
            ),
            Lang::En => format!(
                "- Changes this period: {} in {tasks} tasks{detail}",
                events.len()
            ),
        }
    }

    fn overdue_line(&self, rows: &[Row]) -> String {
        let today = to_display(self.period.to, self.opts.offset).date_naive();
        let late: Vec<String> = rows
            .iter()
            .filter(|r| r.task.overdue(&self.board.meta, today))
            .map(|r| r.task.number.to_string())
            .collect();
        match (late.is_empty(), self.opts.lang) {
            (true, Lang::Zh) => "- 逾期：无".to_string(),
            (true, Lang::En) => "- Overdue: none".to_string(),
            (false, Lang::Zh) => format!("- 逾期：{} 项（任务 {}）", late.len(), late.join("、")),
            (false, Lang::En) => format!("- Overdue: {} (tasks {})", late.len(), late.join(", ")),
        }
    }

    /// Every needs-coordination item of the review, in task order.
    pub(super) fn coordination(&mut self) {
        let heading = self.pick("## 需协调事项", "## Needs coordination");
        self.line(heading);
        self.line("");
        let items: Vec<(&ReviewItem, &str)> = self
            .review
            .map(|r| r.coordination().collect())
            .unwrap_or_default();
        if items.is_empty() {
            let none = match self.review {
                Some(_) => self.pick("无。", "None."),
                None => self.pick("本期无周例会记录。", "No review meeting in this period."),
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
