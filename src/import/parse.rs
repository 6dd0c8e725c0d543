//! The text layout: lines → heading, groups, tasks, measures and owner fields.
//!
//! Which numbering level holds the tasks: `--level N`, else the level numbered 1..N through the
//! whole list with the most items (a level that lives under only one item of the level above
//! is a measure list, not the tasks); else a level that restarts at 1 under each heading, its
//! tasks then numbered 1..N in order.

use super::clean::{Line, wrap_width, wraps_into};
use super::fields::{self, Field, Owners};
use super::marker::{self, Kind};
use super::task::{TaskBuild, apply, finish, join};
use super::{
    Aside, LevelInfo, LevelName, LineError, Options, ParsedList, Problem, SetAside, preamble,
    split_sentences,
};

#[derive(Debug, Clone)]
enum Class {
    Marker {
        kind: Kind,
        number: u32,
        rest: String,
    },
    Field(Vec<(Field, String)>),
    Text,
}

struct Item {
    line: Line,
    class: Class,
}

/// Classify lines; a number alone takes the next line as its text.
fn classify(lines: Vec<Line>, aside: &mut Vec<SetAside>, errors: &mut Vec<LineError>) -> Vec<Item> {
    let mut out = Vec::with_capacity(lines.len());
    let mut last_digit = 0u32;
    // Numbers written with their punctuation (`2.`): a bare `2` elsewhere is a page number.
    let written: std::collections::HashSet<u32> = lines
        .iter()
        .filter_map(|l| marker::parse(&l.text))
        .filter(|m| m.kind == Kind::Digit && !m.alone)
        .map(|m| m.number)
        .collect();
    let mut it = lines.into_iter().peekable();
    while let Some(line) = it.next() {
        let Some(m) = marker::parse(&line.text) else {
            let class = match fields::field_line(&line.text) {
                Some(f) => Class::Field(f),
                None => Class::Text,
            };
            out.push(Item { line, class });
            continue;
        };
        let (kind, number) = (m.kind, m.number);
        let mut rest = m.rest.to_string();
        if m.alone {
            let next_is_text = it.peek().is_some_and(|n| {
                marker::parse(&n.text).is_none() && fields::field_line(&n.text).is_none()
            });
            let in_sequence = number == last_digit + 1 || number == 1;
            let bare = !line.text.contains(['.', '．', '、']);
            if kind == Kind::Digit && bare && (!in_sequence || written.contains(&number)) {
                aside.push(SetAside::new(&line, Aside::StrayNumber));
                continue;
            }
            if next_is_text {
                rest = it.next().map(|n| n.text).unwrap_or_default();
            } else {
                errors.push(LineError::new(
                    line.no,
                    Problem::NumberAlone {
                        text: line.text.clone(),
                    },
                ));
            }
        }
        if kind == Kind::Digit {
            last_digit = number;
        }
        out.push(Item {
            line,
            class: Class::Marker { kind, number, rest },
        });
    }
    out
}

/// The numbers of one level in order, with the index of the outer marker each comes under.
struct Level {
    kind: Kind,
    numbers: Vec<u32>,
    parents: Vec<Option<usize>>,
    /// Items that carry content of their own: more than one sentence, owner fields, or
    /// lines of text or fields before the next numbered item.
    content: usize,
}

fn owns_content(items: &[Item], idx: usize) -> bool {
    let Class::Marker { rest, .. } = &items[idx].class else {
        return false;
    };
    let next_is_content = items
        .get(idx + 1)
        .is_some_and(|n| !matches!(n.class, Class::Marker { .. }));
    let sentences = split_sentences(rest).len() > 1
        || rest.contains(['；', ';'])
        || rest.ends_with(['。', '！', '？']);
    let inline = !fields::strip_inline(rest).1.is_empty();
    next_is_content || sentences || inline
}

impl Level {
    fn continuous(&self) -> bool {
        self.numbers
            .iter()
            .enumerate()
            .all(|(i, n)| *n as usize == i + 1)
    }

    /// Restarts at 1 only under a new outer item, otherwise counts up by one.
    fn per_parent(&self) -> bool {
        self.numbers.first() == Some(&1)
            && self
                .numbers
                .windows(2)
                .zip(self.parents.windows(2))
                .all(|(n, p)| (n[1] == n[0] + 1 && p[0] == p[1]) || (n[1] == 1 && p[0] != p[1]))
    }

    fn spread(&self) -> usize {
        let mut p = self.parents.clone();
        p.dedup();
        p.len()
    }
}

fn levels(items: &[Item]) -> Vec<Level> {
    let mut kinds: Vec<Kind> = items
        .iter()
        .filter_map(|i| match i.class {
            Class::Marker { kind, .. } => Some(kind),
            _ => None,
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .iter()
        .map(|&k| {
            let mut numbers = Vec::new();
            let mut parents = Vec::new();
            let mut parent = None;
            let mut content = 0;
            for (idx, item) in items.iter().enumerate() {
                if let Class::Marker { kind, number, .. } = item.class {
                    if kind < k {
                        parent = Some(idx);
                    } else if kind == k {
                        numbers.push(number);
                        parents.push(parent);
                        content += usize::from(owns_content(items, idx));
                    }
                }
            }
            Level {
                kind: k,
                numbers,
                parents,
                content,
            }
        })
        .collect()
}

/// The index of the task level and whether its tasks are renumbered 1..N: among the levels
/// numbered 1..N throughout or restarting at 1 under each outer item, the one whose items
/// carry the most content (sentences, owners, lines), then the usual task marker (`1.`, then
/// `一、`), then the one numbered throughout, then the one with more items, then the outermost.
fn choose(levels: &[Level]) -> (usize, bool) {
    let outer_items = |i: usize| levels[..i].iter().map(|l| l.numbers.len()).max();
    let best = (0..levels.len())
        .filter(|&i| levels[i].continuous() || levels[i].per_parent())
        .filter(|&i| !(i > 0 && levels[i].spread() == 1 && outer_items(i).unwrap_or(0) >= 2))
        .max_by_key(|&i| {
            let l = &levels[i];
            // `1.` is how tasks are usually numbered, `一、` next; `（一）` `（1）` `①` rarely.
            let usual = match l.kind {
                Kind::Digit => 2,
                Kind::CnComma => 1,
                _ => 0,
            };
            (
                l.content,
                usual,
                l.continuous(),
                l.numbers.len(),
                std::cmp::Reverse(i),
            )
        });
    match best {
        Some(i) => (i, !levels[i].continuous()),
        None => (0, false),
    }
}

/// The levels, named for a hint to choose one with `--level`.
fn names(levels: &[Level]) -> Vec<LevelName> {
    levels
        .iter()
        .enumerate()
        .map(|(i, l)| LevelName {
            at: i + 1,
            sample: l.kind.sample(),
            items: l.numbers.len(),
        })
        .collect()
}

pub fn parse(
    lines: Vec<Line>,
    mut aside: Vec<SetAside>,
    opts: &Options,
    total: usize,
) -> Result<ParsedList, Vec<LineError>> {
    let mut errors = Vec::new();
    let wrap = wrap_width(&lines);
    let items = classify(lines, &mut aside, &mut errors);
    let levels = levels(&items);
    if levels.is_empty() {
        errors.push(LineError::new(total, Problem::NoTasks));
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let (task_level, renumber) = match opts.level {
        Some(n) if n >= 1 && n <= levels.len() => (n - 1, false),
        Some(n) => {
            let problem = Problem::NoSuchLevel {
                asked: n,
                levels: names(&levels),
            };
            return Err(vec![LineError::new(1, problem)]);
        }
        None => choose(&levels),
    };
    let task_kind = levels[task_level].kind;
    let first_marker = items
        .iter()
        .position(|i| matches!(i.class, Class::Marker { .. }))
        .unwrap_or(items.len());
    let heading_lines: Vec<Line> = items[..first_marker]
        .iter()
        .map(|i| i.line.clone())
        .collect();
    let heading = preamble::read(&heading_lines, &mut aside);
    let year = preamble::year(&heading)
        .or_else(|| preamble::year_named(items.iter().map(|i| i.line.text.as_str())))
        .or(opts.year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Utc::now()));

    let mut groups: Vec<(Kind, String)> = Vec::new();
    let mut tasks: Vec<TaskBuild> = Vec::new();
    let mut open = false;
    let mut last = 0u32;
    let several = levels.len() > 1;
    for item in items.into_iter().skip(first_marker) {
        let line = item.line;
        match item.class {
            Class::Marker { kind, .. } if kind < task_kind => {
                groups.retain(|(k, _)| *k < kind);
                let (text, _) = fields::strip_inline(&line.text);
                groups.push((kind, text));
                open = false;
            }
            Class::Marker { kind, number, rest } if kind == task_kind => {
                let number = if renumber {
                    last + 1
                } else {
                    check_number(&tasks, last, line.no, number, several, &levels, &mut errors);
                    number
                };
                last = last.max(number);
                let mut t = TaskBuild {
                    number,
                    line: line.no,
                    group: groups.iter().map(|(_, g)| g.clone()).collect(),
                    last_raw: if line.text.ends_with(rest.as_str()) {
                        line.text.clone()
                    } else {
                        rest.clone()
                    },
                    ..TaskBuild::default()
                };
                if !rest.is_empty() {
                    t.segments.push(rest);
                }
                tasks.push(t);
                open = true;
            }
            Class::Marker { rest, .. } => match tasks.last_mut().filter(|_| open) {
                Some(t) => {
                    let (text, found) = fields::strip_inline(&rest);
                    let mut o = Owners::default();
                    apply(&mut o, found);
                    let marker = line
                        .text
                        .strip_suffix(rest.as_str())
                        .unwrap_or_default()
                        .trim()
                        .to_string();
                    t.numbered.push((marker, text, o, false));
                    t.last_raw = line.text.clone();
                }
                None => aside.push(SetAside::new(&line, Aside::NumberedBeforeFirstTask)),
            },
            Class::Field(found) => match tasks.last_mut().filter(|_| open) {
                Some(t) => match t.numbered.last_mut() {
                    Some((_, _, o, from_lines)) => {
                        apply(o, found);
                        *from_lines = true;
                    }
                    None => apply(&mut t.owners, found),
                },
                None => aside.push(SetAside::new(&line, Aside::OwnerBeforeFirstTask)),
            },
            Class::Text => match tasks.last_mut().filter(|_| open) {
                Some(t) => {
                    match t.numbered.last_mut() {
                        Some((_, m, o, _)) => {
                            let (text, found) = fields::strip_inline(&line.text);
                            join(m, &text);
                            apply(o, found);
                        }
                        None => {
                            let wrapped = wraps_into(&t.last_raw, &line.text, wrap);
                            match t.segments.last_mut() {
                                Some(seg) if wrapped => join(seg, &line.text),
                                _ => t.segments.push(line.text.clone()),
                            }
                        }
                    }
                    t.last_raw = line.text.clone();
                }
                None => aside.push(SetAside::new(&line, Aside::TextBeforeFirstTask)),
            },
        }
    }
    let mut parsed = Vec::with_capacity(tasks.len());
    for t in tasks {
        match finish(t, year, &mut aside) {
            Ok(t) => parsed.push(t),
            // A number alone was reported already.
            Err(e) if errors.iter().any(|x| x.line == e.line) => {}
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    let infos = levels
        .iter()
        .enumerate()
        .map(|(i, l)| LevelInfo {
            kind: l.kind,
            sample: l.kind.sample(),
            items: l.numbers.len(),
            role: match i.cmp(&task_level) {
                std::cmp::Ordering::Less => "groups",
                std::cmp::Ordering::Equal => "tasks",
                std::cmp::Ordering::Greater => "measures",
            },
            renumbered: renumber && i == task_level,
        })
        .collect();
    aside.sort_by_key(|a| a.line);
    Ok(ParsedList {
        title: heading.title,
        issued: heading.issued,
        issuer: heading.issuer,
        doc_number: heading.doc_number,
        description: heading.description,
        tasks: parsed,
        levels: infos,
        set_aside: aside,
        encoding: "UTF-8".to_string(),
    })
}

/// Numbers must run 1, 2, 3 ... without repeats, steps back or gaps.
fn check_number(
    tasks: &[TaskBuild],
    last: u32,
    line: usize,
    number: u32,
    several: bool,
    levels: &[Level],
    errors: &mut Vec<LineError>,
) {
    let expected = last.saturating_add(1);
    let hint = || if several { names(levels) } else { Vec::new() };
    let msg = if number == 0 {
        Some(Problem::TaskZero)
    } else if let Some(first) = tasks.iter().find(|t| t.number == number) {
        Some(Problem::Twice {
            number,
            first: first.line,
            levels: hint(),
        })
    } else if number < expected {
        Some(Problem::Backwards {
            number,
            last,
            levels: hint(),
        })
    } else if number.checked_sub(expected) == Some(1) {
        Some(Problem::Missing {
            number: expected,
            line,
        })
    } else if number > expected {
        Some(Problem::MissingRange {
            from: expected,
            to: number - 1,
            line,
        })
    } else {
        None
    };
    if let Some(m) = msg {
        errors.push(LineError::new(line, m));
    }
}
