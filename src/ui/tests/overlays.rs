//! Overlays and prompts: the caret, refused answers, the discard and delete questions, the
//! review chooser.

use super::*;

#[test]
fn editor_puts_the_hardware_cursor_at_the_caret() {
    let mut a = app(80, 24);
    act(&mut a, Action::AddNote);
    typ(&mut a, "中文ab");
    let mut t = draw(&a);
    let (_, text_area, _) = layout::editor(a.ui.size);
    let pos = t.get_cursor_position().unwrap();
    assert_eq!((pos.x, pos.y), (text_area.x + 6, text_area.y));
}

#[test]
fn a_prompt_blanks_the_rest_of_its_line_and_says_why_above_it() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        goto(&mut a, 20);
        act(&mut a, Action::Status4);
        assert_eq!(a.mode(), Mode::Prompt);
        let rows = bottom_rows(&draw(&a), 2);
        let (above, prompt) = (&rows[0], &rows[1]);
        assert!(prompt.starts_with("20 无佐证销号的原因："), "{prompt}");
        assert!(prompt.contains("Enter 确认") && prompt.contains("Esc 取消"));
        // Nothing of the hint bar or the message is left after the prompt's own hints.
        assert!(!prompt.contains("按 n"), "{prompt}");
        assert_eq!(prompt.matches("Enter").count(), 1, "{prompt}");
        assert!(prompt.trim_end().ends_with("Esc 取消"), "{prompt}");
        assert!(above.contains("销号需要佐证"), "{above}");
        // `n` is text here: it goes into the reason, which the prompt shows.
        typ(&mut a, "n");
        let rows = bottom_rows(&draw(&a), 1);
        assert!(
            rows[0].starts_with("20 无佐证销号的原因：n  Enter"),
            "{}",
            rows[0]
        );
    }
}

#[test]
fn a_refused_prompt_keeps_what_was_typed_and_shows_the_real_message() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        goto(&mut a, 15);
        act(&mut a, Action::Open);
        act(&mut a, Action::AddTarget);
        typ(&mut a, "完成率");
        act(&mut a, Action::Yes);
        assert_eq!(a.mode(), Mode::Prompt, "the prompt stays");
        let t = draw(&a);
        let rows = bottom_rows(&t, 2);
        assert!(
            rows[1].contains("新增指标（名称 数值 单位）：完成率"),
            "{}",
            rows[1]
        );
        assert!(rows[0].contains("请写：名称 数值 单位"), "{}", rows[0]);
        // In the error colour, where the eye is.
        let buf = t.backend().buffer();
        let y = buf.area.height - 2;
        assert_eq!(
            buf[(0, y)].fg,
            crate::ui::style::Theme { color: true }.error().fg.unwrap()
        );
    }
}

#[test]
fn the_caret_belongs_to_the_discard_question_not_the_editor_behind_it() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        act(&mut a, Action::AddNote);
        typ(&mut a, "草稿");
        let t = draw(&a);
        let visible = |t: &Terminal<TestBackend>| t.backend().cursor_visible();
        assert!(visible(&t), "the editor shows its caret");
        a.handle(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        assert_eq!(a.mode(), Mode::Confirm);
        let t = draw(&a);
        assert!(!visible(&t), "no caret blinks behind the question");
        a.handle(Msg::Key(KeyEvent::new(
            KeyCode::Char('n'),
            KeyModifiers::NONE,
        )));
        assert!(visible(&draw(&a)), "back in the editor, the caret is back");
    }
}

#[test]
fn the_review_chooser_is_titled_with_the_meeting_s_date() {
    // `keywork review --date 2023-12-07` on 2023-10-08.
    let mut a = app(80, 24);
    a.handle(Msg::ReviewMissing {
        date: "2023-12-07".parse().unwrap(),
        since: None,
    });
    let text = screen_text(&draw(&a));
    assert!(text.contains("开始周例会 2023-12-07"), "{text}");
    assert!(!text.contains("2023-10-08"), "not today's date: {text}");
}

/// The delete question ends on screen at 80 columns whatever the note's length: the note's
/// start is shortened, not the question's end.
#[test]
fn the_delete_question_keeps_its_end_for_a_long_note() {
    let mut a = app(80, 24);
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    act(&mut a, Action::Down);
    act(&mut a, Action::RemoveTarget);
    let t = draw(&a);
    let rows = bottom_rows(&t, 24);
    let q = rows
        .iter()
        .find(|r| r.contains("删除佐证"))
        .expect("the question is shown");
    assert!(q.contains("？（可撤销）"), "{q}");
}
