//! Screen geometry, shared by the renderer (where to draw) and the app (how far to scroll), so
//! the two never disagree. Pure functions of the terminal size.

use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest usable terminal.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// Lines per card on the board.
pub const CARD_HEIGHT: u16 = 2;
/// From this width on the detail screen puts its panes side by side.
pub const WIDE_DETAIL: u16 = 110;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Header line, body, hint line.
pub fn screen(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// One column per status, sharing the width.
pub fn columns(body: Rect, n: usize) -> Vec<Rect> {
    let n = n.max(1) as u32;
    Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n)))
        .split(body)
        .to_vec()
}

/// How many cards fit in a column (under its title edge).
pub fn cards_visible(size: Rect) -> usize {
    let [_, body, _] = screen(size);
    (body.height.saturating_sub(1) / CARD_HEIGHT).max(1) as usize
}

/// The detail screen: (tree pane, info pane).
pub fn detail(body: Rect) -> (Rect, Rect) {
    if body.width >= WIDE_DETAIL {
        let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (a, b)
    } else {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        (a, b)
    }
}

/// Lines of the info pane that are visible (inside its border).
pub fn info_visible(size: Rect) -> usize {
    let [_, body, _] = screen(size);
    detail(body).1.height.saturating_sub(2) as usize
}

/// A centred popup of at most `w` x `h`, inside `area`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The note editor: (popup, text field, reference field) — fields inside their borders.
pub fn editor(size: Rect) -> (Rect, Rect, Rect) {
    let outer = popup(
        size,
        (size.width * 4 / 5).max(60),
        (size.height * 3 / 4).max(14),
    );
    let inner = Rect {
        x: outer.x + 1,
        y: outer.y + 1,
        width: outer.width.saturating_sub(2),
        height: outer.height.saturating_sub(2),
    };
    let [head, text, reference] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(3),
    ])
    .areas(inner);
    let _ = head;
    (outer, shrink(text), shrink(reference))
}

/// Inside a one-cell border.
pub fn shrink(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        y: r.y + 1,
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_cover_the_width() {
        let cols = columns(Rect::new(0, 1, 80, 22), 4);
        assert_eq!(cols.iter().map(|c| c.width).sum::<u16>(), 80);
    }

    #[test]
    fn cards_fit_at_minimum_size() {
        assert_eq!(cards_visible(Rect::new(0, 0, 80, 24)), 10);
        assert_eq!(cards_visible(Rect::new(0, 0, 120, 40)), 18);
    }

    #[test]
    fn editor_fields_are_inside_the_popup() {
        let (outer, text, reference) = editor(Rect::new(0, 0, 80, 24));
        assert!(text.width >= 50 && text.height >= 3);
        assert!(reference.bottom() < outer.bottom());
    }
}
