//! Where the selection is: board columns (tasks grouped by status, filtered) and the detail
//! tree (task → measures → notes). Pure functions over the board and the UI state.

use crate::model::decision::Decision;
use crate::model::{BoardMeta, ItemRef, Measure, Note, Summary, Target, Task};
use crate::text;
use ratatui::text::Line;
use std::collections::HashSet;
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

/// The open nodes of the tree (paths from the root), as `TreeState::opened` keeps them.
pub type Opened = HashSet<Vec<String>>;

/// Whether a decision is on `task` itself, or on no measure it has (it then shows under the
/// task: a decision on a measure the task no longer has still shows).
fn on_the_task(task: &Task, d: &Decision) -> bool {
    d.on == task.number.to_string() || !task.measures.iter().any(|m| m.id == d.on)
}

/// Build the detail tree of a task (with its decisions) with the given labels, as far as it
/// is shown: the children of a closed node are left out but for the first (which keeps the
/// node's "closed" marker and is never drawn), so a task with thousands of notes costs what
/// its open nodes show. The app walks the same rows with `visible_rows`; the renderer builds
/// the items once per frame. A decision shows under the measure it is on, else under the
/// task, after the notes.
pub fn tree_items<'a>(
    task: &'a Task,
    decisions: &'a [Decision],
    opened: &Opened,
    label: &dyn Fn(&Node<'a>) -> Line<'a>,
) -> Vec<TreeItem<'a, String>> {
    let note_item = |n: &'a Note| TreeItem::new_leaf(format!("n:{}", n.id), label(&Node::Note(n)));
    let decision_item =
        |d: &'a Decision| TreeItem::new_leaf(format!("d:{}", d.id), label(&Node::Decision(d)));
    let is_open = |id: String| opened.contains(&vec![TASK_NODE.to_string(), id]);
    let root_open = opened.contains(&vec![TASK_NODE.to_string()]);
    let shown = |open: bool| if open { usize::MAX } else { 1 };
    let mut children: Vec<TreeItem<'a, String>> = task
        .own_notes()
        .map(note_item)
        .chain(
            decisions
                .iter()
                .filter(|d| on_the_task(task, d))
                .map(decision_item),
        )
        .take(shown(root_open))
        .collect();
    for m in task
        .measures
        .iter()
        .take(if root_open { usize::MAX } else { 0 })
    {
        let id = format!("m:{}", m.id);
        let take = shown(is_open(id.clone()));
        let notes: Vec<_> = task
            .notes_on(&m.id)
            .map(note_item)
            .chain(decisions.iter().filter(|d| d.on == m.id).map(decision_item))
            .take(take)
            .collect();
        let item = TreeItem::new(id, label(&Node::Measure(m)), notes).expect("note ids are unique");
        children.push(item);
    }
    if !task.targets.is_empty() && root_open {
        let take = shown(is_open(TARGETS_NODE.to_string()));
        let targets: Vec<_> = task
            .targets
            .iter()
            .take(take)
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
    if !root_open && children.is_empty() {
        // Closed: one child (a measure or the targets) keeps the root's marker.
        if let Some(m) = task.measures.first() {
            children.push(TreeItem::new_leaf(
                format!("m:{}", m.id),
                label(&Node::Measure(m)),
            ));
        } else if !task.targets.is_empty() {
            children.push(TreeItem::new_leaf(
                TARGETS_NODE.to_string(),
                label(&Node::Targets(task)),
            ));
        }
    }
    let root = TreeItem::new(TASK_NODE.to_string(), label(&Node::Task(task)), children)
        .expect("measure and note ids are unique");
    vec![root]
}

/// A row of the tree as drawn: the node and the measure a note is under.
pub struct Row<'a> {
    pub node: Node<'a>,
    pub under: Option<&'a Measure>,
}

impl Row<'_> {
    /// The row's identifier (the last element of its path).
    fn id(&self) -> String {
        match &self.node {
            Node::Task(_) => TASK_NODE.to_string(),
            Node::Measure(m) => format!("m:{}", m.id),
            Node::Note(n) => format!("n:{}", n.id),
            Node::Targets(_) => TARGETS_NODE.to_string(),
            Node::Target(t) => format!("t:{}", t.id),
            Node::Decision(d) => format!("d:{}", d.id),
        }
    }

    /// The row's path from the root.
    pub fn path(&self) -> Vec<String> {
        let mut path = vec![TASK_NODE.to_string()];
        match &self.node {
            Node::Task(_) => return path,
            Node::Target(_) => path.push(TARGETS_NODE.to_string()),
            Node::Note(_) | Node::Decision(_) => {
                if let Some(m) = self.under {
                    path.push(format!("m:{}", m.id));
                }
            }
            _ => {}
        }
        path.push(self.id());
        path
    }

    /// Whether this row is the one at `path` (identifiers are unique in a task's tree, so the
    /// depth and the last identifier tell it), without building the row's path.
    pub fn is_at(&self, path: &[String]) -> bool {
        let Some(last) = path.last() else {
            return false;
        };
        let depth = match &self.node {
            Node::Task(_) => 1,
            Node::Measure(_) | Node::Targets(_) => 2,
            Node::Note(_) | Node::Decision(_) if self.under.is_none() => 2,
            Node::Note(_) | Node::Decision(_) | Node::Target(_) => 3,
        };
        let same = match &self.node {
            Node::Task(_) => last == TASK_NODE,
            Node::Targets(_) => last == TARGETS_NODE,
            Node::Measure(m) => last.strip_prefix("m:") == Some(m.id.as_str()),
            Node::Note(n) => last.strip_prefix("n:") == Some(n.id.as_str()),
            Node::Target(t) => last.strip_prefix("t:") == Some(t.id.as_str()),
            Node::Decision(d) => last.strip_prefix("d:") == Some(d.id.as_str()),
        };
        same && path.len() == depth
    }
}

/// The rows of the tree in the order the tree widget draws them (what `TreeState::flatten`
/// gives for `tree_items`), without building any item.
pub fn visible_rows<'a>(
    task: &'a Task,
    decisions: &'a [Decision],
    opened: &Opened,
) -> Vec<Row<'a>> {
    let row = |node, under| Row { node, under };
    let mut rows = vec![row(Node::Task(task), None)];
    if !opened.contains(&vec![TASK_NODE.to_string()]) {
        return rows;
    }
    rows.extend(task.own_notes().map(|n| row(Node::Note(n), None)));
    rows.extend(
        decisions
            .iter()
            .filter(|d| on_the_task(task, d))
            .map(|d| row(Node::Decision(d), None)),
    );
    for m in &task.measures {
        rows.push(row(Node::Measure(m), None));
        if opened.contains(&vec![TASK_NODE.to_string(), format!("m:{}", m.id)]) {
            rows.extend(task.notes_on(&m.id).map(|n| row(Node::Note(n), Some(m))));
            rows.extend(
                decisions
                    .iter()
                    .filter(|d| d.on == m.id)
                    .map(|d| row(Node::Decision(d), Some(m))),
            );
        }
    }
    if !task.targets.is_empty() {
        rows.push(row(Node::Targets(task), None));
        if opened.contains(&vec![TASK_NODE.to_string(), TARGETS_NODE.to_string()]) {
            rows.extend(task.targets.iter().map(|t| row(Node::Target(t), None)));
        }
    }
    rows
}

/// The visible rows of the tree (paths), as the tree widget will draw them.
pub fn visible_paths(
    task: &Task,
    decisions: &[Decision],
    state: &TreeState<String>,
) -> Vec<Vec<String>> {
    visible_rows(task, decisions, state.opened())
        .iter()
        .map(Row::path)
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
#[path = "nav_tests.rs"]
mod tests;
