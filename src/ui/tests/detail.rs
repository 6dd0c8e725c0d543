//! The detail screen: wrapped text, long notes, percentages, section headings, the delete
//! hint, tasks with many notes.

use super::*;

#[test]
fn no_line_of_wrapped_text_passes_the_pane() {
    // The detail screen wraps long CJK text itself: every row of the buffer stays in bounds,
    // which TestBackend would otherwise hide; check that no wide glyph straddles the edge.
    for (w, h) in [(80, 24), (120, 40), (100, 30)] {
        let mut a = app(w, h);
        goto(&mut a, 15);
        act(&mut a, Action::Open);
        let t = draw(&a);
        let buf = t.backend().buffer();
        for y in 0..h {
            let row_w: usize = (0..w)
                .map(|x| buf[(x, y)].symbol().width().max(1))
                .sum::<usize>();
            assert!(row_w <= w as usize + w as usize / 2, "row {y} too wide");
        }
    }
}

#[test]
fn a_hundred_kilobyte_single_line_note_keeps_the_layout() {
    let mut a = app(120, 40);
    let st = Stamp {
        author: "王芳".into(),
        at: now(),
    };
    let long = "加快推动城市更新ab".repeat(10_000); // about 140 KB, no line break
    a.board
        .add_note("15.2".parse().unwrap(), &long, Some(&long), &st)
        .unwrap();
    let board = a.board.clone();
    a.handle(Msg::Loaded(Box::new(board)));
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    for _ in 0..3 {
        act(&mut a, Action::Down);
    }
    act(&mut a, Action::Right);
    act(&mut a, Action::Down);
    assert!(matches!(
        a.selected_node(),
        Some(crate::app::nav::Selected::Note { .. })
    ));
    let started = std::time::Instant::now();
    let t = draw(&a);
    let took = started.elapsed();
    let buf = t.backend().buffer();
    // Every row stays within the screen: the wrapped text never spills.
    for y in 0..40 {
        let mut x = 0u16;
        while x < 120 {
            let w = buf[(x, y)].symbol().width().max(1) as u16;
            assert!(
                x + w <= 120,
                "row {y}: a glyph at column {x} spills past the edge"
            );
            x += w;
        }
    }
    eprintln!("drawing the 140 KB note took {took:?}");
}

#[test]
fn progress_of_42_5_percent_shows_43_in_the_detail_like_everywhere_else() {
    let mut a = app(120, 40);
    let st = Stamp {
        author: "王芳".into(),
        at: now(),
    };
    a.board
        .set_status("13".parse().unwrap(), "todo", &st)
        .unwrap();
    a.board.set_target(13, "13.1", Some(27500.0), &st).unwrap();
    a.board.set_target(13, "13.2", Some(5.0), &st).unwrap();
    a.board.task_mut(13).unwrap().deadline = "2023-06-30".parse().ok();
    let board = a.board.clone();
    a.handle(Msg::Loaded(Box::new(board)));
    goto(&mut a, 13);
    act(&mut a, Action::Open);
    let text = screen_text(&draw(&a));
    assert!(text.contains("实际 43%"), "{text}");
    assert!(!text.contains("42%"));
    // 27.5 % of a target rounds the same way.
    assert!(text.contains("27500 / 100000名 28%"), "{text}");
}

/// A task an imported list put under section headings shows them in the detail's header
/// (after the counts, so a narrow screen cuts them first).
#[test]
fn the_detail_header_names_the_sections_of_an_imported_list() {
    let mut a = app(120, 40);
    let t = a.board.tasks.iter_mut().find(|t| t.number == 15).unwrap();
    t.group = vec!["二、城市建设".into(), "（一）城市更新".into()];
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    let t = draw(&a);
    let header = &bottom_rows(&t, t.backend().buffer().area.height)[0];
    assert!(header.contains("二、城市建设 › （一）城市更新"), "{header}");
    assert!(header.starts_with("15 加快推动城市更新"), "{header}");
    let narrow = app(80, 24);
    let mut narrow = narrow;
    let t = narrow
        .board
        .tasks
        .iter_mut()
        .find(|t| t.number == 15)
        .unwrap();
    t.group = vec!["二、城市建设".repeat(8)];
    goto(&mut narrow, 15);
    act(&mut narrow, Action::Open);
    let t = draw(&narrow);
    let header = &bottom_rows(&t, 24)[0];
    assert!(
        header.contains("措施 1/4  佐证 2"),
        "the counts stay: {header}"
    );
}

#[test]
fn the_delete_hint_shows_on_a_note_and_not_once_it_is_gone() {
    let hint = |a: &App| {
        let text = screen_text(&draw(a));
        let last: String = text.chars().rev().take(80).collect();
        last.chars().rev().collect::<String>()
    };
    let mut a = app(80, 24);
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    assert!(
        !hint(&a).contains("x 删除"),
        "not on the task: {}",
        hint(&a)
    );
    act(&mut a, Action::Down);
    assert!(hint(&a).contains("x 删除"), "{}", hint(&a));
    act(&mut a, Action::RemoveTarget);
    act(&mut a, Action::Yes);
    assert!(a.board.task(15).unwrap().own_notes().next().is_none());
    assert!(!hint(&a).contains("x 删除"), "deleted: {}", hint(&a));
}

#[test]
fn a_task_with_hundreds_of_notes_shows_every_row_it_scrolls_to() {
    // Only the rows near the view get their text (rows_near_view): wherever the tree
    // scrolls, each note row on screen must still carry its text.
    let mut a = app(120, 40);
    for k in 0..400 {
        let st = Stamp {
            author: "王芳".into(),
            at: now() - chrono::Duration::minutes(k),
        };
        a.board
            .add_note(
                "15".parse().unwrap(),
                &format!("第{k}条佐证材料"),
                None,
                &st,
            )
            .unwrap();
    }
    let board = a.board.clone();
    a.handle(Msg::Loaded(Box::new(board)));
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    let check = |a: &App, when: &str| {
        let text = screen_text(&draw(a));
        let shown = (0..400)
            .filter(|k| text.contains(&format!("第{k}条佐证材料")))
            .count();
        assert!(shown >= 20, "{when}: only {shown} note rows have text");
    };
    check(&a, "opened");
    act(&mut a, Action::Bottom);
    check(&a, "at the bottom");
    for _ in 0..7 {
        act(&mut a, Action::PageUp);
    }
    check(&a, "paged up");
    act(&mut a, Action::Top);
    for _ in 0..150 {
        act(&mut a, Action::Down);
    }
    check(&a, "moved down one by one");
}
