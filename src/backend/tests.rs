//! The backend's bytes and what a terminal emulator makes of them.

use super::*;
use ratatui::Terminal;
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
        let mut t =
            Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
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
