//! Where the selection is and how it moves: the board's columns (scrolled so the selected card
//! is always visible) and the detail tree.

use super::*;

impl App {
    /// Task numbers per status column, filtered.
    pub fn columns(&self) -> Vec<Vec<u32>> {
        let query = self.ui.filter.text();
        nav::columns(&self.board.meta, &self.summaries, |s| {
            if !self.passes_quick(s) {
                return false;
            }
            match self.board.task(s.number) {
                Some(task) => nav::matches(task, query),
                None => nav::matches_title(s, query),
            }
        })
    }

    pub fn summary(&self, number: u32) -> Option<&Summary> {
        self.summaries.iter().find(|s| s.number == number)
    }

    /// Where the selected task is: (column, row).
    pub fn position(&self) -> Option<(usize, usize)> {
        let sel = self.ui.selected?;
        self.columns()
            .iter()
            .enumerate()
            .find_map(|(c, col)| col.iter().position(|n| *n == sel).map(|r| (c, r)))
    }

    pub(super) fn select_first(&mut self) {
        let cols = self.columns();
        let first = cols.iter().enumerate().find(|(_, c)| !c.is_empty());
        self.ui.selected = first.map(|(_, c)| c[0]);
        self.ui.column = first.map_or(0, |(i, _)| i);
        self.keep_selection_visible();
    }

    pub(super) fn move_in_column(&mut self, delta: isize) {
        let cols = self.columns();
        let Some(col) = cols.get(self.ui.column).filter(|c| !c.is_empty()) else {
            return;
        };
        let row = self.position().map_or(0, |(_, r)| r) as isize;
        let new = (row.saturating_add(delta)).clamp(0, col.len() as isize - 1) as usize;
        self.ui.selected = Some(col[new]);
        self.keep_selection_visible();
    }

    pub(super) fn move_column(&mut self, delta: isize) {
        let cols = self.columns();
        let n = cols.len() as isize;
        let c = (self.ui.column as isize + delta).clamp(0, n - 1) as usize;
        let row = self.position().map_or(0, |(_, r)| r);
        let row_on_screen =
            row.saturating_sub(self.ui.scroll.get(self.ui.column).copied().unwrap_or(0));
        self.ui.column = c;
        // An empty column selects nothing (rather than snapping back to where we came from).
        self.ui.selected = cols.get(c).filter(|col| !col.is_empty()).map(|col| {
            let scroll = self.ui.scroll.get(c).copied().unwrap_or(0);
            col[(scroll + row_on_screen).min(col.len() - 1)]
        });
        self.keep_selection_visible();
    }

    /// Make the selection follow its task (after a status change, a filter or a reload) and
    /// scroll every column so that it shows its part of the board.
    pub(super) fn keep_selection_visible(&mut self) {
        let cols = self.columns();
        self.ui.scroll.resize(cols.len(), 0);
        if let Some((c, r)) = self.position() {
            self.ui.column = c;
            let visible = layout::cards_visible(self.ui.size);
            self.ui.scroll[c] = nav::keep_visible(self.ui.scroll[c], r, visible);
        } else if self.ui.screen == Screen::Board {
            self.ui.selected = cols.get(self.ui.column).and_then(|c| c.first().copied());
        }
        let visible = layout::cards_visible(self.ui.size);
        for (s, col) in self.ui.scroll.iter_mut().zip(&cols) {
            *s = (*s).min(col.len().saturating_sub(visible));
        }
    }

    pub(super) fn after_filter_change(&mut self) {
        if self.position().is_none() {
            self.select_first();
        }
        self.keep_selection_visible();
    }

    pub(super) fn open_detail(&mut self) {
        if self.selected_task().is_none() {
            return;
        }
        self.ui.screen = Screen::Detail;
        self.ui.pane = Pane::Tree;
        self.ui.info_scroll = 0;
        let mut st = TreeState::default();
        st.open(vec![TASK_NODE.to_string()]);
        st.select(vec![TASK_NODE.to_string()]);
        self.ui.tree = RefCell::new(st);
    }

    pub fn selected_task(&self) -> Option<&crate::model::Task> {
        self.board.task(self.ui.selected?)
    }

    /// What the tree's selection points at (the task itself on the board screen).
    pub fn selected_node(&self) -> Option<Selected> {
        let task = self.selected_task()?;
        if self.ui.screen == Screen::Board {
            return Some(Selected::Task);
        }
        Some(nav::selected_node(task, self.ui.tree.borrow().selected()))
    }

    pub(super) fn tree_move(&mut self, delta: isize) {
        let Some(task) = self.selected_task() else {
            return;
        };
        let paths =
            nav::visible_paths(task, self.decisions_of(task.number), &self.ui.tree.borrow());
        if paths.is_empty() {
            return;
        }
        let st = self.ui.tree.get_mut();
        let cur = paths.iter().position(|p| p == st.selected()).unwrap_or(0) as isize;
        let new = cur.saturating_add(delta).clamp(0, paths.len() as isize - 1) as usize;
        st.select(paths[new].clone());
    }
}
