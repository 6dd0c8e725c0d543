//! The board and the hint bar: too small a window, selection and colours, wide mode, which
//! hints fit.

use super::*;

#[test]
fn too_small_shows_a_message_and_never_panics() {
    for (w, h) in [(79, 24), (80, 23), (20, 5), (1, 1), (0, 0)] {
        let mut a = app(w, h);
        let t = draw(&a);
        if w > 10 && h > 0 {
            assert!(screen_text(&t).contains("窗口太小"), "{w}x{h}");
        }
        a.handle(Msg::Resize(80, 24));
        assert!(screen_text(&draw(&a)).contains("未启动"));
    }
}

#[test]
fn selection_is_reverse_video_and_statuses_are_coloured() {
    let mut a = app(80, 24);
    goto(&mut a, 15);
    let t = draw(&a);
    let buf = t.backend().buffer();
    // Find the selected card's number cell: it is reversed (visible without colour).
    let hit = buf
        .content()
        .iter()
        .position(|c| c.symbol() == "▸")
        .expect("selection marker");
    assert!(buf.content()[hit].modifier.contains(Modifier::REVERSED));
    // Under NO_COLOR the selection is still reversed, and no cell has a colour.
    a.display.color = false;
    let t = draw(&a);
    let buf = t.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}

#[test]
fn wide_mode_draws_only_certain_width_symbols() {
    for (w, h) in [(80, 24), (81, 25), (120, 40), (60, 24), (61, 30)] {
        for (name, mut app) in screens(w.max(80), h) {
            app.display.wide = true;
            app.handle(Msg::Resize(w, h));
            let t = draw(&app);
            for cell in t.backend().buffer().content() {
                let s = cell.symbol();
                assert_eq!(s.width(), s.width_cjk(), "{name} {w}x{h}: {s:?}");
            }
        }
    }
}

#[test]
fn the_hint_bar_keeps_help_and_quit_at_80_columns() {
    let mut detail = app(80, 24);
    goto(&mut detail, 15);
    act(&mut detail, Action::Open);
    let mut with_message = app(80, 24);
    act(&mut with_message, Action::Undo); // "没有可撤销的修改"
    for (name, a, want) in [
        ("board", app(80, 24), vec!["? 帮助", "q 退出", "Enter 详情"]),
        ("detail", detail, vec!["? 帮助", "Esc 返回", "Enter 展开"]),
        (
            "review",
            reviewing_with(app(80, 24)),
            vec!["? 帮助", "Esc 返回", "→ 下一项"],
        ),
        (
            "message",
            with_message,
            vec!["没有可撤销的修改", "? 帮助", "q 退出"],
        ),
    ] {
        let row = &bottom_rows(&draw(&a), 1)[0];
        for w in want {
            assert!(row.contains(w), "{name}: {w} missing from {row}");
        }
        assert!(!row.contains('⋯'), "{name}: no hint is cut in half: {row}");
        assert!(!row.trim_end().ends_with('⋯'));
        assert!(row.width() <= 80);
    }
    // A message and hints that fill the line exactly: nothing is cut (no trailing `⋯`).
    for w in 80..=130 {
        let mut a = app(w, 24);
        a.say("例会已结束：keywork report 生成周报");
        let row = &bottom_rows(&draw(&a), 1)[0];
        assert!(!row.contains('⋯'), "{w}: {row}");
        assert!(
            row.contains("? 帮助") && row.contains("q 退出"),
            "{w}: {row}"
        );
    }
    // In English the words are longer; the way out still shows.
    let mut a = app(80, 24);
    a.display.lang = crate::config::Lang::En;
    let row = &bottom_rows(&draw(&a), 1)[0];
    assert!(row.contains("? help") && row.contains("q quit"), "{row}");
}

#[test]
fn hints_fill_by_display_width_in_their_own_order() {
    let a = app(80, 24);
    for width in [10usize, 20, 33, 47, 80, 200] {
        {
            let ctx = Ctx {
                app: &a,
                theme: style::Theme { color: true },
                sym: style::Symbols::new(false),
            };
            let all = hints(&ctx, Mode::Board);
            let line = hint_line(Vec::new(), all, width);
            let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(shown.width() <= width, "{width}: {shown}");
            if width >= 20 {
                assert!(
                    shown.contains("? 帮助") && shown.contains("q 退出"),
                    "{width}: {shown}"
                );
            }
            if width >= 200 {
                assert!(shown.contains("u 撤销"), "{shown}");
            }
            // Whatever is shown keeps the keymap's order.
            let order = [
                "Enter", "L ", "n ", "d ", "o ", "R ", "i ", "/ ", "u ", "? ", "q ",
            ];
            let pos: Vec<usize> = order.iter().filter_map(|k| shown.find(k)).collect();
            assert!(pos.windows(2).all(|p| p[0] < p[1]), "{width}: {shown}");
        }
    }
}
