//! The body of the weekly report: a section for each task that changed in the period or that
//! the review spoke about (status, progress, targets, evidence, conclusion and next step), and
//! a compact table of the other tasks.

use super::{Row, Writer, block_line, inline};
use crate::model::review::ReviewItem;
use crate::model::{Event, EventKind, Note, Task};
use crate::present;
use crate::strings::report as s;
use crate::text;

impl Writer<'_> {
    pub(super) fn changed_tasks(&mut self, rows: &[Row]) {
        let heading = s::progress_heading(self.lang());
        self.line(heading);
        self.line("");
        let mut any = false;
        for row in rows.iter().filter(|r| r.detailed()) {
            self.task_section(row);
            any = true;
        }
        if !any {
            let none = s::no_changes(self.lang());
            self.line(none);
            self.line("");
        }
    }

    fn task_section(&mut self, row: &Row) {
        let t = row.task;
        self.line(&format!("### {}. {}", t.number, inline(&t.title)));
        self.line("");
        let status = self.status_line(row);
        self.line(&self.field(s::status(self.lang()), &status));
        self.facts(t);
        self.measure_changes(row);
        self.targets(row);
        self.evidence(row);
        if let Some(item) = row.item {
            self.conclusion(item);
        }
        self.line("");
    }

    /// `推进中（本期由 未启动 调整）` when the status changed in the period.
    fn status_line(&self, row: &Row) -> String {
        let t = row.task;
        let now = self.status(&t.status);
        let from = row
            .first(EventKind::Status, &t.number.to_string())
            .and_then(|e| e.from.as_deref())
            .filter(|f| *f != t.status);
        let mut line = match from {
            None => now,
            Some(f) => s::status_moved(self.lang(), &now, &self.status(f)),
        };
        if self.board.meta.is_done(&t.status)
            && let Some(why) = self.closed_without_evidence(row, &t.number.to_string())
        {
            line.push_str(&why);
        }
        line
    }

    /// `（无佐证销号：原因）` when the item was closed without evidence in the period and is
    /// still closed.
    fn closed_without_evidence(&self, row: &Row, on: &str) -> Option<String> {
        let e = row
            .events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::ClosedWithoutEvidence && e.on == on)?;
        let label = s::closed_without_evidence(self.lang());
        let reason = inline(e.to.as_deref().unwrap_or(""));
        Some(self.paren(&format!("{label}{}{reason}", self.sep())))
    }

    /// `（佐证：杨府发〔2023〕12号）`: the references of the notes on a measure, when it has any.
    fn references_of(&self, t: &Task, on: &str) -> String {
        let mut refs: Vec<String> = Vec::new();
        for r in t.notes.iter().filter(|n| n.on.as_deref() == Some(on)) {
            let r = r.reference.as_deref().map(|r| inline(r.trim()));
            if let Some(r) = r.filter(|r| !r.is_empty() && !refs.contains(r)) {
                refs.push(r);
            }
        }
        if refs.is_empty() {
            return String::new();
        }
        let label = s::evidence(self.lang());
        let refs = refs.join(s::list_sep(self.lang()));
        self.paren(&format!("{label}{}{refs}", self.sep()))
    }

    /// Progress, lead units and deadline.
    fn facts(&mut self, t: &Task) {
        if !t.group.is_empty() {
            let section = self.field(s::section(self.lang()), &inline(&t.group.join(" › ")));
            self.line(&section);
        }
        let meta = &self.board.meta;
        let done = t.measures_done(meta);
        let label = s::progress_measures(self.lang());
        let progress = self.field(label, &format!("{done}/{}", t.measures.len()));
        self.line(&progress);
        if !t.lead.is_empty() {
            let units = inline(&t.lead.join(s::list_sep(self.lang())));
            let lead = self.field(s::lead(self.lang()), &units);
            self.line(&lead);
        }
        if let Some(d) = t.deadline {
            let date = d.format(&self.opts.date_format).to_string();
            let due = self.field(s::due(self.lang()), &date);
            self.line(&due);
            let schedule = self.schedule_words(t);
            let line = self.field(s::schedule(self.lang()), &schedule);
            self.line(&line);
        }
    }

    /// `欠进度（预期 50%，实际 25%），黄色预警` / `behind schedule (expected 50%, actual 25%),
    /// warning: yellow`, with `已逾期` / `overdue` when past the deadline.
    fn schedule_words(&self, t: &Task) -> String {
        let a = self.assessment(t);
        let en = self.en();
        let pct = crate::present::percent;
        let lang = self.lang();
        let mut out = a.class.words(en).to_string();
        if let Some(e) = a.expected {
            out.push_str(&s::expected_actual(lang, &pct(e), &pct(a.actual)));
        }
        if let Some(w) = a.warning {
            out.push_str(&s::warning_mark(lang, w.words(en)));
        }
        if a.overdue {
            out.push_str(s::overdue_mark(lang));
        }
        out
    }

    fn measure_changes(&mut self, row: &Row) {
        let task = row.task.number.to_string();
        let changes: Vec<&Event> = row
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Status && e.on != task)
            .collect();
        if changes.is_empty() {
            return;
        }
        let head = self.field(s::measures_changed(self.lang()), "");
        self.line(head.trim_end());
        for e in changes {
            let what = present::describe(e, &self.board.meta, self.opts.lang);
            let who = self.paren(&format!("{} {}", self.day(e.at), inline(&e.author)));
            // A measure closed here shows what it was closed on: its evidence or the reason.
            let mut line = format!("  - {}{who}", inline(&what));
            let closed =
                e.to.as_deref()
                    .is_some_and(|to| self.board.meta.is_done(to));
            let measure = row.task.measure(&e.on);
            if closed && measure.is_some_and(|m| self.board.meta.is_done(&m.status)) {
                match self.closed_without_evidence(row, &e.on) {
                    Some(why) => line.push_str(&why),
                    None => line.push_str(&self.references_of(row.task, &e.on)),
                }
            }
            self.line(&line);
        }
    }

    fn targets(&mut self, row: &Row) {
        let t = row.task;
        if t.targets.is_empty() {
            return;
        }
        let head = self.field(s::targets(self.lang()), "");
        self.line(head.trim_end());
        for x in &t.targets {
            let progress = inline(&present::target_progress(x));
            let mut line = format!("  {}", self.field(&inline(&x.label), &progress));
            let changed = row.first(EventKind::Target, &x.id);
            if let Some(from) = changed.map(|e| inline(e.from.as_deref().unwrap_or("—"))) {
                line.push_str(&s::target_was(self.lang(), &from));
            }
            self.line(&line);
        }
    }

    fn evidence(&mut self, row: &Row) {
        let mut notes: Vec<&Note> = row
            .task
            .notes
            .iter()
            .filter(|n| self.period.contains(n.at))
            .collect();
        if notes.is_empty() {
            return;
        }
        notes.sort_by_key(|n| n.at);
        let head = s::evidence_added(self.lang(), notes.len());
        self.line(&head);
        for n in notes {
            self.note(n);
        }
    }

    /// One note: date, author, measure, reference; its text inline when it is one line, else
    /// as a quoted block under the item (each line kept by a hard break).
    fn note(&mut self, n: &Note) {
        let mut head = format!("  - {} {}", self.day(n.at), inline(&n.author));
        if let Some(on) = &n.on {
            head.push_str(&format!(" · {}", inline(on)));
        }
        let text = text::sanitize(&n.text);
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let reference = n.reference.as_deref().map_or(String::new(), |r| {
            let label = s::note_ref(self.lang());
            self.paren(&format!("{label}{}{}", self.sep(), inline(r)))
        });
        if lines.len() <= 1 {
            let body = lines.first().map(|l| inline(l)).unwrap_or_default();
            self.line(&format!("{head}{}{body}{reference}", self.sep()));
            return;
        }
        self.line(&format!("{head}{reference}"));
        let last = lines.len() - 1;
        for (i, l) in lines.iter().enumerate() {
            let brk = if i < last { "\\" } else { "" };
            self.line(&format!("    > {}{brk}", block_line(l)));
        }
    }

    fn conclusion(&mut self, item: &ReviewItem) {
        let date = self.review.map(|r| self.day_of(r)).unwrap_or_default();
        if !item.conclusion.trim().is_empty() {
            let label = s::conclusion(self.lang(), &date);
            self.line(&self.field(&label, &inline(&item.conclusion)));
        }
        if !item.next_step.trim().is_empty() {
            let mut line = self.field(s::next_step(self.lang()), &inline(&item.next_step));
            line.push_str(&self.owner_and_due(&item.owner, item.due));
            self.line(&line);
        }
        if let Some(c) = &item.coordination {
            let label = s::needs_coordination(self.lang());
            let mut line = self.field(label, &inline(c));
            line.push_str(&self.owner_and_due(&item.coordination_owner, item.coordination_due));
            self.line(&line);
        }
    }

    /// `（责任人：李明，完成时限：2023-10-31）`, or nothing when neither is set.
    pub(super) fn owner_and_due(&self, owner: &str, due: Option<chrono::NaiveDate>) -> String {
        let mut parts = Vec::new();
        if !owner.trim().is_empty() {
            let word = s::owner(self.lang());
            parts.push(format!("{word}{}{}", self.sep(), inline(owner)));
        }
        if let Some(d) = due {
            let due = d.format(&self.opts.date_format);
            parts.push(format!("{}{}{due}", s::due_by(self.lang()), self.sep()));
        }
        if parts.is_empty() {
            return String::new();
        }
        self.paren(&parts.join(s::clause_sep(self.lang())))
    }

    /// The tasks without changes or review notes, one table row each.
    pub(super) fn other_tasks(&mut self, rows: &[Row]) {
        let quiet: Vec<&Row> = rows.iter().filter(|r| !r.detailed()).collect();
        if quiet.is_empty() {
            return;
        }
        let heading = s::other_tasks_heading(self.lang());
        self.line(heading);
        self.line("");
        let header = s::other_tasks_header(self.lang());
        self.line(header);
        self.line("| ---: | --- | --- | ---: | --- |");
        for r in quiet {
            let t = r.task;
            let last = present::last_change(t).map_or("—".to_string(), |e| self.day(e.at));
            let line = format!(
                "| {} | {} | {} | {}/{} | {last} |",
                t.number,
                inline(&t.title),
                inline(&self.status(&t.status)),
                t.measures_done(&self.board.meta),
                t.measures.len()
            );
            self.line(&line);
        }
        self.line("");
    }
}
