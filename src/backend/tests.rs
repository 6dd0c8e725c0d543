//! The backend's bytes and what a terminal emulator makes of them.

use super::*;
use ratatui::Terminal;
use ratatui::layout::Size;
use ratatui::widgets::Paragraph;

/// A writer whose bytes the test can take between frames.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The bytes of two successive frames of one line of text.
fn bytes_for(lines: [&str; 2], wide_aware: bool) -> (Vec<u8>, Vec<u8>) {
    fn frames<B: Backend>(backend: B, lines: [&str; 2], out: Shared) -> (Vec<u8>, Vec<u8>) {
        let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 30, 1));
        let mut t = Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
        let mut frames = Vec::new();
        for s in lines {
            t.draw(|f| f.render_widget(Paragraph::new(s.to_string()), f.area()))
                .unwrap();
            frames.push(std::mem::take(&mut *out.0.borrow_mut()));
        }
        (frames[0].clone(), frames[1].clone())
    }
    let out = Shared::default();
    if wide_aware {
        frames(WideAwareBackend::new(out.clone()), lines, out)
    } else {
        frames(CrosstermBackend::new(out.clone()), lines, out)
    }
}

/// Replay bytes on a terminal emulator and return the screen.
fn screen(bytes: &[u8]) -> String {
    let mut p = vt100::Parser::new(1.try_into().unwrap(), 30.try_into().unwrap(), 0);
    p.process(bytes);
    p.screen().contents()
}

#[test]
fn chinese_text_needs_one_cursor_move_per_run_and_looks_the_same() {
    let text = "加快推动城市更新 ab 中文";
    let (plain, _) = bytes_for([text, text], false);
    let (ours, _) = bytes_for([text, text], true);
    let moves = |b: &[u8]| String::from_utf8_lossy(b).matches('H').count();
    assert_eq!(moves(&ours), 1, "{}", String::from_utf8_lossy(&ours));
    assert!(moves(&plain) > 5);
    assert!(ours.len() < plain.len());
    assert_eq!(screen(&ours), screen(&plain));
    assert_eq!(screen(&ours).trim_end(), text);
}

#[test]
fn a_changed_cell_after_a_gap_still_moves_the_cursor() {
    let (first, second) = bytes_for(["中文中文 x", "中文中文 y"], true);
    let mut all = first.clone();
    all.extend_from_slice(&second);
    assert_eq!(screen(&all).trim_end(), "中文中文 y");
    let (first, second) = bytes_for(["一二三四五六", "一二X四五Y"], true);
    let mut all = first;
    all.extend_from_slice(&second);
    assert_eq!(screen(&all).trim_end(), "一二X四五Y");
}

#[test]
fn styles_use_short_codes_and_reset_once() {
    let mut pen = Pen::default();
    let mut out = Vec::new();
    let mut cell = Cell::new("a");
    cell.set_fg(Color::Cyan).modifier = Modifier::BOLD | Modifier::REVERSED;
    pen.change_to(&cell, &mut out).unwrap();
    assert_eq!(out, b"\x1b[1;7;36m");
    out.clear();
    cell.modifier = Modifier::BOLD;
    cell.set_bg(Color::DarkGray);
    pen.change_to(&cell, &mut out).unwrap();
    assert_eq!(out, b"\x1b[0;1;36;100m");
    out.clear();
    pen.change_to(&cell, &mut out).unwrap();
    assert!(out.is_empty());
}

/// Frames drawn by `paint` through the production path (`draw`, which settles) or through
/// ratatui's plain `Terminal::draw` on the same backend; the screen after each frame.
fn screens_after(
    size: (u16, u16),
    frames: &[&dyn Fn(&mut ratatui::buffer::Buffer)],
    settled: bool,
) -> Vec<String> {
    let out = Shared::default();
    let mut t = Terminal::new(WideAwareBackend::with_size(
        out.clone(),
        Size::new(size.0, size.1),
    ))
    .unwrap();
    let mut p = vt100::Parser::new(size.1.try_into().unwrap(), size.0.try_into().unwrap(), 0);
    let mut shown = Vec::new();
    for paint in frames {
        if settled {
            draw(&mut t, |f| paint(f.buffer_mut())).unwrap();
        } else {
            t.draw(|f| paint(f.buffer_mut())).unwrap();
        }
        p.process(&std::mem::take(&mut *out.0.borrow_mut()));
        shown.push(p.screen().contents());
    }
    shown
}

/// Issue 12's hint bar, reduced: a prompt drawn as a `Paragraph` over the hint leaves the
/// hint's characters in the columns under its own wide characters; when the hint comes back,
/// the diff finds those cells unchanged and never writes them.
#[test]
fn text_drawn_over_text_leaves_no_stale_cell_once_settled() {
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    let hint = |b: &mut ratatui::buffer::Buffer| {
        b.set_string(
            0,
            0,
            "销号需要佐证：写明无佐证的原因",
            ratatui::style::Style::new(),
        );
    };
    let prompt = |b: &mut ratatui::buffer::Buffer| {
        hint(b);
        Paragraph::new("15 无佐证销号的原因：").render(Rect::new(0, 0, 40, 1), b);
    };
    let frames: [&dyn Fn(&mut ratatui::buffer::Buffer); 2] = [&prompt, &hint];
    let want = "销号需要佐证：写明无佐证的原因";
    let plain = screens_after((40, 1), &frames, false);
    assert_ne!(
        plain[1].trim_end(),
        want,
        "the unsettled diff should show the bug"
    );
    let ours = screens_after((40, 1), &frames, true);
    // The hint's 佐 lay under the prompt's ：; its second column is blank now.
    assert_eq!(ours[0].trim_end(), "15 无佐证销号的原因： 证的原因");
    assert_eq!(ours[1].trim_end(), want);
}

/// Issue 19: a narrow cell with a grey background over the left half of a Chinese character
/// erases its right half in grey; that right half is rewritten in the new frame's style.
#[test]
fn the_other_half_of_an_overwritten_wide_character_is_rewritten() {
    use ratatui::style::Style;
    let before = |b: &mut ratatui::buffer::Buffer| {
        b.set_string(0, 0, "中文", Style::new());
    };
    let after = |b: &mut ratatui::buffer::Buffer| {
        b.set_string(0, 0, "中文", Style::new());
        b.set_string(0, 0, "a", Style::new().bg(Color::DarkGray));
    };
    let out = Shared::default();
    let mut t = Terminal::new(WideAwareBackend::with_size(out.clone(), Size::new(6, 1))).unwrap();
    draw(&mut t, |f| before(f.buffer_mut())).unwrap();
    out.0.borrow_mut().clear();
    draw(&mut t, |f| after(f.buffer_mut())).unwrap();
    let bytes = String::from_utf8(std::mem::take(&mut *out.0.borrow_mut())).unwrap();
    // "a" in grey, then the blank beside it back in the default colours.
    assert!(bytes.contains("\x1b[100ma\x1b[49m "), "{bytes:?}");
}

#[test]
fn settle_blanks_what_a_terminal_cannot_show() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let mut b = Buffer::empty(Rect::new(0, 0, 5, 1));
    b[(0, 0)].set_symbol("中");
    b[(1, 0)].set_symbol("x"); // under the wide character: stale
    b[(2, 0)].set_symbol(""); // empty: the terminal would not advance
    b[(3, 0)].set_symbol("\u{301}"); // zero-width alone: would join the cell before
    b[(4, 0)].set_symbol("文"); // would cross the right edge
    settle(&mut b);
    let symbols: Vec<&str> = b.content().iter().map(|c| c.symbol()).collect();
    assert_eq!(symbols, ["中", " ", " ", " ", " "]);
}

#[test]
fn frames_drawn_by_plan_keep_the_cursor_bookkeeping_right() {
    // A shifted run of wide text: every write lands where the emulator says it does.
    let shift = |s: &'static str, x: u16| {
        move |b: &mut ratatui::buffer::Buffer| {
            b.set_string(x, 0, s, ratatui::style::Style::new());
        }
    };
    let (a, b, c) = (
        shift("中文，完成", 0),
        shift("中文，完成", 1),
        shift("x中文", 0),
    );
    let frames: [&dyn Fn(&mut ratatui::buffer::Buffer); 3] = [&a, &b, &c];
    let shown = screens_after((12, 1), &frames, true);
    assert_eq!(shown[0].trim_end(), "中文，完成");
    assert_eq!(shown[1].trim_end(), " 中文，完成");
    assert_eq!(shown[2].trim_end(), "x中文");
}

#[test]
fn every_cursor_move_lands_where_asked_and_is_never_longer_than_an_absolute_one() {
    let (rows, cols) = (40u16, 120u16);
    let points = [
        (0, 0),
        (1, 0),
        (5, 3),
        (119, 3),
        (0, 4),
        (60, 20),
        (2, 20),
        (58, 20),
        (0, 39),
        (119, 39),
    ];
    for from in points {
        for to in points {
            let mut p = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
            p.process(format!("\x1b[{};{}H", from.1 + 1, from.0 + 1).as_bytes());
            let mut out = Vec::new();
            move_cursor(Some(from), to, &mut out);
            p.process(&out);
            assert_eq!(
                p.screen().cursor_position(),
                (to.1, to.0),
                "{from:?} -> {to:?}: {:?}",
                String::from_utf8_lossy(&out)
            );
            let mut absolute = Vec::new();
            move_cursor(None, to, &mut absolute);
            assert!(out.len() <= absolute.len());
            if from == to {
                assert!(out.is_empty(), "no move to where the cursor is");
            }
        }
    }
}

#[test]
fn typing_a_chinese_character_writes_it_and_little_else() {
    // The editor's line: text and a caret after it, as ratatui draws a frame with a cursor.
    let out = Shared::default();
    let size = Size::new(120, 40);
    let mut t = Terminal::new(WideAwareBackend::with_size(out.clone(), size)).unwrap();
    let mut emulator = vt100::Parser::new(40.try_into().unwrap(), 120.try_into().unwrap(), 0);
    let mut text = String::from("佐证：");
    for k in 0..6 {
        let area = ratatui::layout::Rect::new(10, 8, 60, 1);
        draw(&mut t, |f| {
            f.render_widget(Paragraph::new(text.clone()), area);
            let w = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
            f.set_cursor_position((area.x + w, area.y));
        })
        .unwrap();
        let bytes = out.0.borrow_mut().split_off(0);
        emulator.process(&bytes);
        assert_eq!(
            emulator.screen().contents_between(8, 10, 8, 70).trim_end(),
            text
        );
        let w = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
        assert_eq!(emulator.screen().cursor_position(), (8, 10 + w));
        if k > 0 {
            assert!(
                bytes.len() <= 8,
                "typing 中 cost {} bytes: {:?}",
                bytes.len(),
                String::from_utf8_lossy(&bytes)
            );
        }
        text.push('中');
    }
}
