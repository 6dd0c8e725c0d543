//! What an import would create, for `keywork import FILE --dry-run [--json]`: the heading,
//! the numbering levels and their roles, groups, tasks and measures with owners and
//! deadlines, targets, and every line set aside with the reason.

use super::ParsedList;
use crate::model::{Board, Measure, Task, format_value};
use crate::strings::{Lang, import as say};
use std::fmt::Write;

fn owners(
    lang: Lang,
    lead: &[String],
    partners: &[String],
    leader: &[String],
    deadline: Option<chrono::NaiveDate>,
) -> String {
    let units = |v: &[String]| v.join(say::unit_separator(lang));
    let mut parts = Vec::new();
    if !lead.is_empty() {
        parts.push(say::dry_lead(lang, &units(lead)));
    }
    if !partners.is_empty() {
        parts.push(say::dry_partners(lang, &units(partners)));
    }
    if !leader.is_empty() {
        parts.push(say::dry_leader(lang, &units(leader)));
    }
    if let Some(d) = deadline {
        parts.push(say::dry_due(lang, &d.to_string()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        say::dry_owners(lang, &parts.join(say::dry_parts_separator(lang)))
    }
}

fn task_owners(lang: Lang, t: &Task) -> String {
    owners(lang, &t.lead, &t.partners, &t.leader, t.deadline)
}

fn measure_owners(lang: Lang, m: &Measure) -> String {
    owners(lang, &m.lead, &m.partners, &m.leader, m.deadline)
}

/// A level's role (`groups`, `tasks`, `measures`: data of the JSON) in `lang`.
fn role(lang: Lang, role: &str) -> &str {
    match role {
        "groups" => say::role_groups(lang),
        "tasks" => say::role_tasks(lang),
        "measures" => say::role_measures(lang),
        other => other,
    }
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

/// The dry run as text, in `lang`.
pub fn render(lang: Lang, list: &ParsedList, board: &Board) -> String {
    let mut s = String::new();
    let m = &board.meta;
    let _ = writeln!(s, "{}", say::dry_title(lang, &m.title));
    if let Some(v) = &m.issuer {
        let _ = writeln!(s, "{}", say::dry_issuer(lang, v));
    }
    if let Some(v) = &m.doc_number {
        let _ = writeln!(s, "{}", say::dry_number(lang, v));
    }
    if let Some(d) = m.issued {
        let _ = writeln!(s, "{}", say::dry_issued(lang, &d.to_string()));
    }
    if let Some(d) = &m.description {
        for (i, line) in d.lines().enumerate() {
            let said = match i {
                0 => say::dry_description(lang, line),
                _ => say::dry_description_more(lang, line),
            };
            let _ = writeln!(s, "{said}");
        }
    }
    let levels: Vec<String> = list
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let again = if l.renumbered {
                say::dry_renumbered(lang)
            } else {
                ""
            };
            say::dry_level(lang, i + 1, l.sample, l.items, role(lang, l.role), again)
        })
        .collect();
    let _ = writeln!(s, "{}", say::dry_levels(lang, &levels.join(" · ")));
    let _ = writeln!(s, "{}", say::dry_encoding(lang, &list.encoding));
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
        let _ = writeln!(s, "\n{}. {}{}", t.number, t.title, task_owners(lang, t));
        for m in &t.measures {
            let _ = writeln!(s, "   {} {}{}", m.id, m.text, measure_owners(lang, m));
        }
        for g in &t.targets {
            let on = g
                .measure
                .as_deref()
                .map_or(String::new(), |m| say::dry_on(lang, m));
            let q = g
                .qualifier
                .as_deref()
                .map_or(String::new(), |q| say::dry_qualifier(lang, q));
            let value = format_value(g.target);
            let said = say::dry_target(lang, &g.id, &g.label, &value, &g.unit, &q, &on);
            let _ = writeln!(s, "{said}");
        }
    }
    if !list.set_aside.is_empty() {
        let _ = writeln!(s, "\n{}", say::dry_set_aside(lang));
        for a in &list.set_aside {
            let reason = a.reason.message(lang);
            let _ = writeln!(s, "{}", say::dry_aside_line(lang, a.line, &a.text, &reason));
        }
    }
    let c = counts(board);
    let _ = writeln!(
        s,
        "\n{}",
        say::dry_totals(
            lang,
            c.tasks,
            c.measures,
            c.targets,
            c.owners,
            c.deadlines,
            list.set_aside.len()
        )
    );
    s
}

// The dry run for scripts is `cli::output::json::ImportRun`.
