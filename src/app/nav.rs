//! Where the selection is: board columns (tasks grouped by status, filtered) and the detail
//! tree (task → measures → notes). Pure functions over the board and the UI state.

use crate::model::decision::Decision;
use crate::model::{BoardMeta, ItemRef, Measure, Note, Summary, Target, Task};
use crate::text;
use ratatui::text::Line;
use tui_tree_widget::{TreeItem, TreeState};

/// Tree identifiers: `task`, `m:15.2`, `n:<note id>`, `d:D15-2`; a node's path is the list
/// from the root.
pub const TASK_NODE: &str = "task";
/// The identifier of the targets group.
pub const TARGETS_NODE: &str = "targets";

/// A node of the detail tree.
pub enum Node<'a> {
    Task(&'a Task),
    Measure(&'a Measure),
    Note(&'a Note),
    /// The group holding the task's targets.
    Targets(&'a Task),
    Target(&'a Target),
    /// A meeting's decision (议定事项) on the task or on a measure.
    Decision(&'a Decision),
}

/// Build the detail tree of a task (with its decisions) with the given labels. The app calls
/// it with empty labels to know the structure; the renderer with real ones, so the two always
/// agree. A decision shows under the measure it is on, else under the task, after the notes.
pub fn tree_items<'a>(
    task: &'a Task,
    decisions: &'a [Decision],
    label: &dyn Fn(&Node<'a>) -> Line<'a>,
) -> Vec<TreeItem<'a, String>> {
    let note_item = |n: &'a Note| TreeItem::new_leaf(format!("n:{}", n.id), label(&Node::Note(n)));
    let decision_items = |on: &str| -> Vec<TreeItem<'a, String>> {
        decisions
            .iter()
            .filter(|d| d.on == on)
            .map(|d| TreeItem::new_leaf(format!("d:{}", d.id), label(&Node::Decision(d))))
            .collect()
    };
    let mut children: Vec<TreeItem<'a, String>> = task.own_notes().map(note_item).collect();
    children.extend(decision_items(&task.number.to_string()));
    // A decision on a measure the task no longer has still shows, under the task.
    children.extend(
        decisions
            .iter()
            .filter(|d| {
                d.on != task.number.to_string() && !task.measures.iter().any(|m| m.id == d.on)
            })
            .map(|d| TreeItem::new_leaf(format!("d:{}", d.id), label(&Node::Decision(d)))),
    );
    for m in &task.measures {
        let mut notes: Vec<_> = task.notes_on(&m.id).map(note_item).collect();
        notes.extend(decision_items(&m.id));
        let item = TreeItem::new(format!("m:{}", m.id), label(&Node::Measure(m)), notes)
            .expect("note ids are unique");
        children.push(item);
    }
    if !task.targets.is_empty() {
        let targets: Vec<_> = task
            .targets
            .iter()
            .map(|t| TreeItem::new_leaf(format!("t:{}", t.id), label(&Node::Target(t))))
            .collect();
        let group = TreeItem::new(
            TARGETS_NODE.to_string(),
            label(&Node::Targets(task)),
            targets,
        )
        .expect("target ids are unique");
        children.push(group);
    }
    let root = TreeItem::new(TASK_NODE.to_string(), label(&Node::Task(task)), children)
        .expect("measure and note ids are unique");
    vec![root]
}

/// The visible rows of the tree (paths), as the tree widget will draw them.
pub fn visible_paths(
    task: &Task,
    decisions: &[Decision],
    state: &TreeState<String>,
) -> Vec<Vec<String>> {
    let items = tree_items(task, decisions, &|_| Line::default());
    state
        .flatten(&items)
        .into_iter()
        .map(|f| f.identifier)
        .collect()
}

/// What a tree path points at.
#[derive(Debug, Clone, PartialEq)]
pub enum Selected {
    Task,
    Measure(String),
    Note {
        id: String,
        on: ItemRef,
    },
    /// A target (by id, `15.3`).
    Target(String),
    /// A decision (by id, `D15-2`).
    Decision(String),
}

pub fn selected_node(task: &Task, path: &[String]) -> Selected {
    match path.last().map(String::as_str) {
        Some(s) if s.starts_with("m:") => Selected::Measure(s[2..].to_string()),
        Some(s) if s.starts_with("t:") => Selected::Target(s[2..].to_string()),
        Some(s) if s.starts_with("d:") => Selected::Decision(s[2..].to_string()),
        Some(s) if s.starts_with("n:") => {
            let parent = path
                .iter()
                .rev()
                .nth(1)
                .and_then(|p| p.strip_prefix("m:"))
                .and_then(|m| m.parse().ok());
            Selected::Note {
                id: s[2..].to_string(),
                on: parent.unwrap_or(ItemRef {
                    task: task.number,
                    sub: None,
                }),
            }
        }
        _ => Selected::Task,
    }
}

/// The task or measure a status change or a new note applies to.
pub fn item_of(task: &Task, sel: &Selected) -> ItemRef {
    let whole = ItemRef {
        task: task.number,
        sub: None,
    };
    match sel {
        Selected::Task | Selected::Target(_) | Selected::Decision(_) => whole,
        Selected::Measure(id) => id.parse().unwrap_or(whole),
        Selected::Note { on, .. } => *on,
    }
}

/// Whether a task matches a filter (case-insensitive) in its title, text, measures, notes,
/// references or target units and labels.
pub fn matches(task: &Task, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let has = |s: &str| s.to_lowercase().contains(&q);
    task.number.to_string() == q
        || has(&task.title)
        || has(&task.text)
        || task.measures.iter().any(|m| has(&m.text))
        || task
            .notes
            .iter()
            .any(|n| has(&n.text) || n.reference.as_deref().is_some_and(has))
        || task.targets.iter().any(|t| has(&t.unit) || has(&t.label))
        || task.lead.iter().chain(&task.partners).any(|u| has(u))
}

/// Before the tasks are loaded: a filter matches on number and title only.
pub fn matches_title(s: &Summary, query: &str) -> bool {
    let q = query.trim().to_lowercase();
    q.is_empty() || s.number.to_string() == q || s.title.to_lowercase().contains(&q)
}

/// Task numbers per status column, in number order, only those `keep` accepts. A task whose
/// status is unknown to the board shows in the first column rather than nowhere.
pub fn columns(
    meta: &BoardMeta,
    tasks: &[Summary],
    keep: impl Fn(&Summary) -> bool,
) -> Vec<Vec<u32>> {
    let mut cols = vec![Vec::new(); meta.statuses.len()];
    for t in tasks.iter().filter(|t| keep(t)) {
        let i = meta
            .status_index(&t.status)
            .unwrap_or(0)
            .min(cols.len().saturating_sub(1));
        if let Some(c) = cols.get_mut(i) {
            c.push(t.number);
        }
    }
    cols
}

/// A scroll offset that keeps `index` visible in a window of `visible` rows.
pub fn keep_visible(offset: usize, index: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if index < offset {
        index
    } else if index >= offset + visible {
        index + 1 - visible
    } else {
        offset
    }
}

/// A one-line summary of a note for the tree: time, author, first line, reference.
pub fn note_summary(n: &Note, when: &str) -> String {
    let mut s = format!(
        "{when} {} {}",
        text::one_line(&n.author),
        text::first_line(&n.text)
    );
    if let Some(r) = &n.reference {
        let r = text::one_line(r);
        // A document number has its own brackets (杨府发〔2023〕12号): none around it again.
        if r.contains(['〔', '〕']) {
            s.push_str(&format!(" · {r}"));
        } else {
            // The same brackets in either language: part of how a reference is written.
            s.push_str(&crate::strings::app::reference_in_brackets(
                crate::config::Lang::Zh,
                &r,
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Stamp, default_statuses};

    fn board() -> Board {
        crate::seed::board(
            default_statuses(),
            chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
        )
    }

    #[test]
    fn a_reference_with_its_own_brackets_is_not_bracketed_again() {
        let st = Stamp {
            author: "王芳".into(),
            at: chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap(),
        };
        let mut b = board();
        b.add_note(
            "15".parse().unwrap(),
            "验收",
            Some("杨府发〔2023〕12号"),
            &st,
        )
        .unwrap();
        b.add_note("15".parse().unwrap(), "照片", Some("a.pdf"), &st)
            .unwrap();
        let t = b.task(15).unwrap();
        let doc = note_summary(&t.notes[0], "10-05");
        assert!(doc.ends_with(" · 杨府发〔2023〕12号"), "{doc}");
        assert!(!doc.contains("〔杨府发"), "{doc}");
        assert!(note_summary(&t.notes[1], "10-05").ends_with(" 〔a.pdf〕"));
    }

    #[test]
    fn columns_group_by_status_and_filter() {
        let mut b = board();
        let stamp = Stamp {
            author: "a".into(),
            at: b.meta.created,
        };
        b.set_status("15".parse().unwrap(), "doing", &stamp)
            .unwrap();
        let cols = columns_of(&b, "");
        assert_eq!(cols[0].len(), 21);
        assert_eq!(cols[1], vec![15]);
        let cols = columns_of(&b, "电梯");
        assert_eq!(cols.iter().map(Vec::len).sum::<usize>(), 1);
        let cols = columns_of(&b, "公里");
        assert_eq!(cols[1], vec![15]);
        let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
        assert!(matches_title(&sums[14], "城市更新"));
        assert!(!matches_title(&sums[14], "电梯"));
    }

    fn columns_of(b: &Board, q: &str) -> Vec<Vec<u32>> {
        let sums: Vec<Summary> = b.tasks.iter().map(Task::summary).collect();
        columns(&b.meta, &sums, |s| matches(b.task(s.number).unwrap(), q))
    }

    #[test]
    fn tree_paths_follow_opened_nodes() {
        let mut b = board();
        let stamp = Stamp {
            author: "a".into(),
            at: b.meta.created,
        };
        b.add_note("15.2".parse().unwrap(), "中文", None, &stamp)
            .unwrap();
        let t = b.task(15).unwrap();
        let mut st = TreeState::default();
        assert_eq!(visible_paths(t, &[], &st).len(), 1);
        st.open(vec![TASK_NODE.to_string()]);
        // The task, four measures and the targets group.
        assert_eq!(visible_paths(t, &[], &st).len(), 6);
        st.open(vec![TASK_NODE.to_string(), "m:15.2".to_string()]);
        let paths = visible_paths(t, &[], &st);
        assert_eq!(paths.len(), 7);
        let sel = selected_node(t, &paths[3]);
        assert!(matches!(&sel, Selected::Note { on, .. } if on.to_string() == "15.2"));
        assert_eq!(item_of(t, &sel).to_string(), "15.2");
    }

    #[test]
    fn keep_visible_scrolls_minimally() {
        assert_eq!(keep_visible(0, 3, 5), 0);
        assert_eq!(keep_visible(0, 7, 5), 3);
        assert_eq!(keep_visible(4, 2, 5), 2);
    }
}
