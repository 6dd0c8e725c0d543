//! What reaches the terminal: the compact backend against a full redraw, random keys and
//! sizes, hostile text.

use super::*;

/// A writer whose bytes can be taken between frames.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draw an app twice (before and after a key) through a backend; the terminal's screen and the
/// bytes of the second frame.
fn through<B: ratatui::backend::Backend>(
    backend: B,
    out: Shared,
    mut app: App,
    key: Action,
) -> (String, usize) {
    let (w, h) = (app.ui.size.width, app.ui.size.height);
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
    let mut t = Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
    let mut parser = vt100::Parser::new(h.try_into().unwrap(), w.try_into().unwrap(), 0);
    let settled = |f: &mut ratatui::Frame, app: &App| {
        render(app, f);
        crate::backend::settle(f.buffer_mut());
    };
    t.draw(|f| settled(f, &app)).unwrap();
    parser.process(&std::mem::take(&mut *out.0.borrow_mut()));
    act(&mut app, key);
    t.draw(|f| settled(f, &app)).unwrap();
    let second = std::mem::take(&mut *out.0.borrow_mut());
    parser.process(&second);
    (cells(parser.screen(), w), second.len())
}

/// Every cell of a screen as a person sees it (a blank written or never touched is the same),
/// one row a line; not the cursor.
fn cells(screen: &vt100::Screen, w: u16) -> String {
    let (rows, _) = screen.size();
    let mut out = String::new();
    for r in 0..rows.get() {
        for c in 0..w {
            let Some(cell) = screen.cell(r, c) else {
                continue;
            };
            let sym = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            let look = (cell.fgcolor(), cell.bgcolor(), cell.bold(), cell.dim());
            let more = (
                cell.italic(),
                cell.underline(),
                cell.inverse(),
                cell.is_wide(),
            );
            out.push_str(&format!("{sym}{look:?}{more:?}|"));
        }
        out.push('\n');
    }
    out
}

/// One frame of an app on a blank terminal: what the screen must show, however it got there.
fn fresh(app: &App) -> String {
    use ratatui::backend::CrosstermBackend;
    let (w, h) = (app.ui.size.width, app.ui.size.height);
    let out = Shared::default();
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
    let mut t = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        ratatui::TerminalOptions { viewport },
    )
    .unwrap();
    t.draw(|f| {
        render(app, f);
        crate::backend::settle(f.buffer_mut());
    })
    .unwrap();
    let mut parser = vt100::Parser::new(h.try_into().unwrap(), w.try_into().unwrap(), 0);
    parser.process(&std::mem::take(&mut *out.0.borrow_mut()));
    cells(parser.screen(), w)
}

#[test]
fn the_compact_backend_draws_what_a_full_redraw_draws_with_fewer_bytes_than_crossterm() {
    use crate::backend::WideAwareBackend;
    use ratatui::backend::CrosstermBackend;
    for (w, h) in [(80, 24), (120, 40)] {
        for key in [Action::Down, Action::Right, Action::Up] {
            let apps = screens(w, h)
                .into_iter()
                .zip(screens(w, h))
                .zip(screens(w, h));
            for (((name, a), (_, b)), (_, mut c)) in apps {
                let o1 = Shared::default();
                let (ours, ours_bytes) = through(WideAwareBackend::new(o1.clone()), o1, a, key);
                let o2 = Shared::default();
                let (_, their_bytes) = through(CrosstermBackend::new(o2.clone()), o2, b, key);
                act(&mut c, key);
                let want = fresh(&c);
                for (i, (a, b)) in ours.lines().zip(want.lines()).enumerate() {
                    assert_eq!(a, b, "{name} {w}x{h} after {key:?}: row {i}");
                }
                assert!(
                    ours_bytes <= their_bytes,
                    "{name}: {ours_bytes} > {their_bytes}"
                );
            }
        }
    }
}

mod random {
    //! Random key sequences and random sizes from 1x1 to 300x100 never panic, and every frame
    //! stays inside the screen.
    use super::*;
    use proptest::prelude::*;

    fn key_event() -> impl Strategy<Value = Msg> {
        let code = prop_oneof![
            prop::sample::select(vec![
                'j', 'k', 'h', 'l', 'H', 'L', '1', '2', '3', '4', 'n', 'e', 'u', '/', '?', 'g',
                'G', 'y', 'x', '中', '文', ' ',
            ])
            .prop_map(KeyCode::Char),
            prop::sample::select(vec![
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::PageUp,
                KeyCode::PageDown,
            ]),
        ];
        let mods = prop::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
        ]);
        (code, mods).prop_map(|(c, m)| Msg::Key(KeyEvent::new(c, m)))
    }

    fn msg() -> impl Strategy<Value = Msg> {
        prop_oneof![
            8 => key_event(),
            1 => "[a-z中文“”—\n\r\t\u{1b}\u{202e} ]{0,40}".prop_map(Msg::Paste),
            1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Msg::Resize(w, h)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn random_keys_and_sizes_never_panic(
            msgs in prop::collection::vec(msg(), 1..60),
            wide in any::<bool>(),
        ) {
            let mut a = app(80, 24);
            a.display.wide = wide;
            for m in msgs {
                let effects = a.handle(m);
                crate::effects::settle(&mut a, effects, |a, e| crate::effects::apply_in_memory(a, e, "p"));
                if a.quit {
                    break;
                }
                let t = draw(&a);
                let area = t.backend().buffer().area;
                prop_assert_eq!((area.width, area.height), (a.ui.size.width, a.ui.size.height));
            }
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal_as_control_sequences() {
    use crate::backend::WideAwareBackend;
    let evil = "a\u{1b}]0;pwned\u{7}b\u{9b}2J\u{202e}\tc\u{1b}[31m红\u{1b}]52;c;ZXZpbA==\u{7}";
    let mut a = app(120, 40);
    // As if a hand-edited file or another tool had written it: straight into the board.
    a.board.task_mut(15).unwrap().title = format!("城市更新{evil}");
    let st = Stamp {
        author: format!("王{evil}"),
        at: now(),
    };
    a.board
        .add_note(
            "15".parse().unwrap(),
            &format!("佐证{evil}\n第二行"),
            Some(evil),
            &st,
        )
        .unwrap();
    let board = a.board.clone();
    a.handle(Msg::Loaded(Box::new(board)));
    goto(&mut a, 15);
    let mut frames = Vec::new();
    for step in [None, Some(Action::Open), Some(Action::Down)] {
        if let Some(s) = step {
            act(&mut a, s);
        }
        let out = Shared::default();
        let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40));
        let mut t = Terminal::with_options(
            WideAwareBackend::new(out.clone()),
            ratatui::TerminalOptions { viewport },
        )
        .unwrap();
        t.draw(|f| render(&a, f)).unwrap();
        frames.push(std::mem::take(&mut *out.0.borrow_mut()));
    }
    for bytes in frames {
        let s = String::from_utf8(bytes).unwrap();
        assert!(!s.contains("\u{1b}]"), "an OSC sequence got through");
        assert!(!s.contains('\u{7}'), "a BEL got through");
        assert!(
            !s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "a C1 control"
        );
        assert!(!s.contains('\u{202e}'), "a bidi override");
        assert!(!s.contains("\u{1b}[31m红"), "a colour from the text itself");
    }
}
