//! One task from its lines: the title and measures of its text (sentences, lines, `；`
//! pieces, numbered items), inline and line owner fields, deadlines resolved to dates.

use super::fields::{self, Field, Owners};
use super::{
    Aside, Item, ItemOwners, LineError, ParsedMeasure, ParsedTask, Problem, SetAside,
    split_sentences, strip_end_mark,
};

#[derive(Default)]
pub(super) struct TaskBuild {
    pub number: u32,
    pub line: usize,
    pub group: Vec<String>,
    /// Text pieces separated by hard line breaks; wrapped lines joined.
    pub segments: Vec<String>,
    pub last_raw: String,
    /// Numbered measures: marker, text, owners, whether owner lines followed it.
    pub numbered: Vec<(String, String, Owners, bool)>,
    pub owners: Owners,
}

pub(super) fn join(into: &mut String, more: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(into.chars().last()) && latin(more.chars().next()) {
        into.push(' ');
    }
    into.push_str(more);
}

pub(super) fn apply(owners: &mut Owners, found: Vec<(Field, String)>) {
    for (f, v) in found {
        owners.add(f, &v);
    }
}

/// Pieces of one segment: its sentences, each split at `；` outside brackets.
pub(super) fn pieces(segment: &str) -> Vec<String> {
    let mut out = Vec::new();
    for s in split_sentences(segment) {
        let mut depth = 0i32;
        let mut cur = String::new();
        for c in s.chars() {
            match c {
                '（' | '(' | '[' | '【' | '“' | '《' => depth += 1,
                '）' | ')' | ']' | '】' | '”' | '》' => depth -= 1,
                _ => {}
            }
            if (c == '；' || c == ';') && depth <= 0 {
                push_piece(&mut out, &cur);
                cur.clear();
            } else {
                cur.push(c);
            }
        }
        push_piece(&mut out, &cur);
    }
    out
}

/// A `[…]`/`【…】` field group closing a line belongs to the line's item, not to its last
/// sentence: `01 A;B [牵头单位:X]`.
fn trailing_group(seg: &str) -> (&str, Vec<(Field, String)>) {
    let t = seg.trim_end();
    let Some(open) = t
        .strip_suffix([']', '】'])
        .and_then(|inner| inner.rfind(['[', '【']))
    else {
        return (seg, Vec::new());
    };
    let inner = &t[open..];
    let inner = &inner[inner.chars().next().map_or(0, char::len_utf8)..];
    let inner = &inner[..inner.len() - inner.chars().last().map_or(0, char::len_utf8)];
    match fields::field_line(inner) {
        Some(found) => (&t[..open], found),
        None => (seg, Vec::new()),
    }
}

fn push_piece(out: &mut Vec<String>, p: &str) {
    let p = p.trim();
    if !p.is_empty() {
        out.push(p.to_string());
    }
}

/// Task `n`'s measures, numbered `n.1`, `n.2`… in order, with their owners settled.
pub(super) fn measures_of(
    pieces: Vec<(String, Owners)>,
    year: i32,
    line: usize,
    n: u32,
    aside: &mut Vec<SetAside>,
) -> Vec<ParsedMeasure> {
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, (text, o))| ParsedMeasure {
            owners: resolve(
                o,
                year,
                line,
                Item::Measure(format!("{n}.{}", i + 1)),
                aside,
            ),
            text,
        })
        .collect()
}

pub(super) fn resolve(
    mut o: Owners,
    year: i32,
    line: usize,
    what: Item,
    aside: &mut Vec<SetAside>,
) -> ItemOwners {
    o.settle();
    let deadline = match o.deadline.as_deref().map(|d| fields::deadline(d, year)) {
        Some(Ok(d)) => d,
        Some(Err(text)) => {
            aside.push(SetAside {
                line,
                text,
                reason: Aside::DeadlineNotDate(what),
            });
            None
        }
        None => None,
    };
    ItemOwners {
        lead: o.lead,
        partners: o.partners,
        leader: o.leader,
        deadline,
    }
}

pub(super) fn finish(
    t: TaskBuild,
    year: i32,
    aside: &mut Vec<SetAside>,
) -> Result<ParsedTask, LineError> {
    let n = t.number;
    let mut owners = t.owners;
    let mut measure_pieces: Vec<(String, Owners)> = Vec::new();
    let mut title = String::new();
    for (k, seg) in t.segments.iter().enumerate() {
        let (seg, found) = trailing_group(seg);
        apply(&mut owners, found);
        for (j, p) in pieces(seg).into_iter().enumerate() {
            let (text, found) = fields::strip_inline(&p);
            let text = text.trim().to_string();
            if strip_end_mark(&text).is_empty() {
                apply(&mut owners, found);
            } else if k == 0 && j == 0 {
                title = strip_end_mark(&text);
                apply(&mut owners, found);
            } else {
                let mut o = Owners::default();
                apply(&mut o, found);
                measure_pieces.push((text, o));
            }
        }
    }
    if title.is_empty() {
        return Err(LineError::new(
            t.line,
            Problem::NoTitle {
                number: n,
                in_row: false,
            },
        ));
    }
    let mut text_lines: Vec<String> = t
        .segments
        .iter()
        .map(|s| fields::strip_inline(s).0)
        .collect();
    let mut numbered = t.numbered;
    // Owner lines after the last of several numbered measures, none after the others: they
    // are the task's (`（1）… （2）… 牵头单位：…`).
    let only_last = !numbered.is_empty()
        && numbered
            .iter()
            .rev()
            .skip(1)
            .all(|(_, _, o, lines)| !lines && o.is_empty());
    if only_last && let Some((_, _, o, _)) = numbered.last_mut() {
        let moved = std::mem::take(o);
        owners.absorb(moved);
    }
    for (marker, m, o, _) in numbered {
        text_lines.push(format!("{marker}{m}"));
        measure_pieces.push((m, o));
    }
    let measures = measures_of(measure_pieces, year, t.line, n, aside);
    Ok(ParsedTask {
        number: n,
        line: t.line,
        group: t.group,
        title,
        text: text_lines.join("\n"),
        measures,
        owners: resolve(owners, year, t.line, Item::Task(n), aside),
        goals: Vec::new(),
    })
}
