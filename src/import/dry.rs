//! What an import would create, for `keywork import FILE --dry-run [--json]`: the heading,
//! the numbering levels and their roles, groups, tasks and measures with owners and
//! deadlines, targets, and every line set aside with the reason.

use super::ParsedList;
use crate::model::{Board, Measure, Task, format_value};
use std::fmt::Write;

fn owners(
    lead: &[String],
    partners: &[String],
    leader: &[String],
    deadline: Option<chrono::NaiveDate>,
) -> String {
    let mut parts = Vec::new();
    if !lead.is_empty() {
        parts.push(format!("lead {}", lead.join("、")));
    }
    if !partners.is_empty() {
        parts.push(format!("partners {}", partners.join("、")));
    }
    if !leader.is_empty() {
        parts.push(format!("leader {}", leader.join("、")));
    }
    if let Some(d) = deadline {
        parts.push(format!("due {d}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("  [{}]", parts.join("; "))
    }
}

fn task_owners(t: &Task) -> String {
    owners(&t.lead, &t.partners, &t.leader, t.deadline)
}

fn measure_owners(m: &Measure) -> String {
    owners(&m.lead, &m.partners, &m.leader, m.deadline)
}

/// Counts of what was found: tasks, measures, targets, items with an owner, with a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    pub tasks: usize,
    pub measures: usize,
    pub targets: usize,
    pub owners: usize,
    pub deadlines: usize,
}

pub fn counts(board: &Board) -> Counts {
    let mut c = Counts {
        tasks: board.tasks.len(),
        ..Counts::default()
    };
    for t in &board.tasks {
        c.measures += t.measures.len();
        c.targets += t.targets.len();
        c.owners += usize::from(!t.lead.is_empty() || !t.partners.is_empty());
        c.deadlines += usize::from(t.deadline.is_some());
        for m in &t.measures {
            c.owners += usize::from(!m.lead.is_empty() || !m.partners.is_empty());
            c.deadlines += usize::from(m.deadline.is_some());
        }
    }
    c
}

/// The dry run as text.
pub fn render(list: &ParsedList, board: &Board) -> String {
    let mut s = String::new();
    let m = &board.meta;
    let _ = writeln!(s, "title:       {}", m.title);
    for (name, v) in [
        ("issuer:     ", m.issuer.clone()),
        ("number:     ", m.doc_number.clone()),
        ("issued:     ", m.issued.map(|d| d.to_string())),
    ] {
        if let Some(v) = v {
            let _ = writeln!(s, "{name} {v}");
        }
    }
    if let Some(d) = &m.description {
        for (i, line) in d.lines().enumerate() {
            let label = if i == 0 {
                "description:"
            } else {
                "            "
            };
            let _ = writeln!(s, "{label} {line}");
        }
    }
    let levels: Vec<String> = list
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let again = if l.renumbered {
                " (numbers restart in each group: renumbered 1..N)"
            } else {
                ""
            };
            format!(
                "{} \"{}\" ×{} → {}{again}",
                i + 1,
                l.sample,
                l.items,
                l.role
            )
        })
        .collect();
    let _ = writeln!(s, "levels:      {}", levels.join(" · "));
    let _ = writeln!(s, "encoding:    {}", list.encoding);
    let mut group: Vec<String> = Vec::new();
    for t in &board.tasks {
        if t.group != group {
            let common = t
                .group
                .iter()
                .zip(&group)
                .take_while(|(a, b)| a == b)
                .count();
            for (depth, g) in t.group.iter().enumerate().skip(common) {
                let _ = writeln!(s, "\n{}§ {g}", "  ".repeat(depth));
            }
            group = t.group.clone();
        }
        let _ = writeln!(s, "\n{}. {}{}", t.number, t.title, task_owners(t));
        for m in &t.measures {
            let _ = writeln!(s, "   {} {}{}", m.id, m.text, measure_owners(m));
        }
        for g in &t.targets {
            let on = g
                .measure
                .as_deref()
                .map_or(String::new(), |m| format!(" (on {m})"));
            let q = g
                .qualifier
                .as_deref()
                .map_or(String::new(), |q| format!(" ({q})"));
            let _ = writeln!(
                s,
                "   ◎ {} {}: {} {}{q}{on}",
                g.id,
                g.label,
                format_value(g.target),
                g.unit
            );
        }
    }
    if !list.set_aside.is_empty() {
        let _ = writeln!(s, "\nset aside:");
        for a in &list.set_aside {
            let _ = writeln!(s, "  line {}: \"{}\" — {}", a.line, a.text, a.reason);
        }
    }
    let c = counts(board);
    let _ = writeln!(
        s,
        "\n{} tasks, {} measures, {} targets; {} items with owners, {} with deadlines; {} lines set aside",
        c.tasks,
        c.measures,
        c.targets,
        c.owners,
        c.deadlines,
        list.set_aside.len()
    );
    s
}

// The dry run for scripts is `cli::output::json::ImportRun`.
