//! A small multi-line text buffer for the note editor and the filter line.
//!
//! Owns the text, the caret (a byte offset on a grapheme boundary) and soft wrapping by display
//! width, so the caret moves by what the user sees: one CJK character is one step and two
//! columns. Pure; rendering reads `layout()` and `caret()`.

use crate::text;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextBuf {
    text: String,
    caret: usize,
    multiline: bool,
}

/// One screen row of wrapped text: the byte range it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
}

impl TextBuf {
    pub fn new(text: &str, multiline: bool) -> TextBuf {
        let mut b = TextBuf {
            text: String::new(),
            caret: 0,
            multiline,
        };
        b.insert(text);
        b
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn caret_byte(&self) -> usize {
        self.caret
    }

    /// Insert typed or pasted text at the caret. Controls are cleaned; a single-line buffer
    /// turns line breaks into spaces.
    pub fn insert(&mut self, s: &str) {
        let clean = if self.multiline {
            text::strip(s)
        } else {
            text::strip_line(s)
        };
        self.text.insert_str(self.caret, &clean);
        self.caret += clean.len();
    }

    pub fn newline(&mut self) {
        if self.multiline {
            self.insert("\n");
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.caret]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.caret..]
            .graphemes(true)
            .next()
            .map_or(self.caret, |g| self.caret + g.len())
    }

    pub fn backspace(&mut self) {
        let p = self.prev_boundary();
        self.text.replace_range(p..self.caret, "");
        self.caret = p;
    }

    pub fn delete(&mut self) {
        let n = self.next_boundary();
        self.text.replace_range(self.caret..n, "");
    }

    pub fn left(&mut self) {
        self.caret = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.caret = self.next_boundary();
    }

    /// Start of the caret's logical line.
    pub fn home(&mut self) {
        self.caret = self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1);
    }

    pub fn end(&mut self) {
        self.caret = self.text[self.caret..]
            .find('\n')
            .map_or(self.text.len(), |i| self.caret + i);
    }

    /// Move one screen row up or down at the same display column, given the wrap width.
    pub fn vertical(&mut self, down: bool, width: usize) {
        let rows = self.layout(width);
        let (row, col) = self.caret_in(&rows);
        let target = if down {
            row + 1
        } else if row == 0 {
            return self.caret = 0;
        } else {
            row - 1
        };
        let Some(r) = rows.get(target) else {
            self.caret = self.text.len();
            return;
        };
        let mut used = 0;
        let mut at = r.start;
        for (i, g) in self.text[r.start..r.end].grapheme_indices(true) {
            let w = text::width(g);
            if used + w > col {
                break;
            }
            used += w;
            at = r.start + i + g.len();
        }
        self.caret = at;
    }

    /// Wrap into screen rows of at most `width` columns (by character: notes are edited, not
    /// typeset). A newline ends a row; an empty line is an empty row.
    pub fn layout(&self, width: usize) -> Vec<Row> {
        let width = width.max(2);
        let mut rows = Vec::new();
        let mut start = 0;
        for line in self.text.split('\n') {
            let mut row_start = start;
            let mut used = 0;
            for (i, g) in line.grapheme_indices(true) {
                let w = text::width(g);
                if used + w > width {
                    rows.push(Row {
                        start: row_start,
                        end: start + i,
                    });
                    row_start = start + i;
                    used = 0;
                }
                used += w;
            }
            rows.push(Row {
                start: row_start,
                end: start + line.len(),
            });
            start += line.len() + 1;
        }
        rows
    }

    /// The caret's (row, display column) in a layout. At a wrap point the caret belongs to the
    /// start of the next row.
    pub fn caret_in(&self, rows: &[Row]) -> (usize, usize) {
        let mut found = (0, 0);
        for (i, r) in rows.iter().enumerate() {
            if self.caret >= r.start && self.caret <= r.end {
                found = (i, text::width(&self.text[r.start..self.caret]));
                let wraps_here =
                    self.caret == r.end && rows.get(i + 1).is_some_and(|n| n.start == r.end);
                if !wraps_here {
                    return found;
                }
            }
        }
        found
    }

    pub fn row_text(&self, r: Row) -> &str {
        &self.text[r.start..r.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_moves_by_display_width_over_cjk() {
        let mut b = TextBuf::new("中文ab", true);
        let rows = b.layout(40);
        assert_eq!(b.caret_in(&rows), (0, 6));
        b.left();
        b.left();
        b.left();
        assert_eq!(b.caret_in(&b.layout(40)), (0, 2));
        b.backspace();
        assert_eq!(b.text(), "文ab");
        b.delete();
        assert_eq!(b.text(), "ab");
    }

    #[test]
    fn wraps_and_moves_vertically_at_the_same_column() {
        let mut b = TextBuf::new("一二三四五六七八", true);
        let rows = b.layout(6);
        assert_eq!(rows.len(), 3);
        assert_eq!(b.row_text(rows[0]), "一二三");
        assert_eq!(b.caret_in(&rows), (2, 4));
        b.vertical(false, 6);
        assert_eq!(b.caret_in(&b.layout(6)), (1, 4));
        b.home();
        assert_eq!(b.caret_byte(), 0);
        b.vertical(true, 6);
        assert_eq!(b.caret_in(&b.layout(6)), (1, 0));
    }

    #[test]
    fn paste_keeps_lines_in_text_and_joins_them_in_a_single_line_field() {
        let mut t = TextBuf::new("", true);
        t.insert("第一行\r第二行\r\n\u{1b}[31m红");
        assert_eq!(t.text(), "第一行\n第二行\n[31m红");
        let mut r = TextBuf::new("", false);
        r.insert("杨府发\n〔2023〕1号");
        assert_eq!(r.text(), "杨府发 〔2023〕1号");
        r.newline();
        assert!(!r.text().contains('\n'));
    }

    #[test]
    fn empty_lines_are_rows() {
        let b = TextBuf::new("a\n\nb", true);
        assert_eq!(b.layout(10).len(), 3);
        assert_eq!(b.caret_in(&b.layout(10)), (2, 1));
    }
}

#[cfg(test)]
mod fuzz {
    //! The editor's buffer under random typing, pasting and moving: never a panic, the caret
    //! always on a character boundary, every row within the width.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String),
        Newline,
        Backspace,
        Delete,
        Left,
        Right,
        Home,
        End,
        Up,
        Down,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            "[a-z中文“”\u{301}\u{1F600}\n\r\t\u{1b} ]{0,8}".prop_map(Op::Insert),
            Just(Op::Newline),
            Just(Op::Backspace),
            Just(Op::Delete),
            Just(Op::Left),
            Just(Op::Right),
            Just(Op::Home),
            Just(Op::End),
            Just(Op::Up),
            Just(Op::Down),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
        #[test]
        fn random_editing_keeps_the_buffer_sound(
            ops in prop::collection::vec(op(), 0..60),
            width in 2usize..30,
            multiline in any::<bool>(),
        ) {
            let mut b = TextBuf::new("", multiline);
            for op in ops {
                match op {
                    Op::Insert(s) => b.insert(&s),
                    Op::Newline => b.newline(),
                    Op::Backspace => b.backspace(),
                    Op::Delete => b.delete(),
                    Op::Left => b.left(),
                    Op::Right => b.right(),
                    Op::Home => b.home(),
                    Op::End => b.end(),
                    Op::Up => b.vertical(false, width),
                    Op::Down => b.vertical(true, width),
                }
                prop_assert!(b.text().is_char_boundary(b.caret_byte()));
                prop_assert!(!b.text().chars().any(|c| c.is_control() && c != '\n'));
                let rows = b.layout(width);
                for r in &rows {
                    prop_assert!(text::width(b.row_text(*r)) <= width.max(2));
                }
                let _ = b.caret_in(&rows);
            }
        }
    }
}
