//! One language on every screen. The board here is the seed's with every text replaced by
//! ASCII, so with `lang = "en"` no Chinese character may show anywhere (board data included);
//! with `lang = "zh"` the header and the hint bar are Chinese but for key names, and each
//! screen's titles are the catalogue's Chinese ones.

use super::*;
use crate::config::Lang;
use crate::strings::{keys, tui as s};

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// The seed board with every text in ASCII, changed by people with ASCII names.
fn ascii_board() -> Board {
    let mut b = crate::seed::board(default_statuses(), now() - chrono::Duration::days(10));
    crate::report::lang_tests::in_ascii(&mut b);
    let st = |days: i64| Stamp {
        author: "wang".into(),
        at: now() - chrono::Duration::days(days),
    };
    for (item, status, days) in [
        ("15", "doing", 3),
        ("15.3", "done", 3),
        ("13", "done", 2),
        ("20", "behind", 1),
        ("2", "doing", 5),
    ] {
        b.set_status(item.parse().unwrap(), status, &st(days))
            .unwrap();
    }
    let note = "Signed the contracts.\nSecond line: filed";
    b.add_note("15.3".parse().unwrap(), note, Some("Doc 12"), &st(3))
        .unwrap();
    b.add_note("15".parse().unwrap(), "Meeting held", None, &st(2))
        .unwrap();
    b.set_target(15, "15.4", Some(120.0), &st(3)).unwrap();
    b.task_mut(15).unwrap().deadline = "2023-12-31".parse().ok();
    b.task_mut(20).unwrap().deadline = Some(now().date_naive() - chrono::Duration::days(3));
    b
}

fn ascii_app(lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(ascii_board(), &Config::defaults(), now());
    app.display.offset = chrono::FixedOffset::east_opt(8 * 3600);
    app.display.lang = lang;
    app.units = vec!["Housing Office".into(), "Finance Bureau".into()];
    app.handle(Msg::Resize(w, h));
    app
}

fn esc(app: &mut App) {
    app.handle(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
}

/// The review screen on task 15 with a record half written, in ASCII.
fn reviewing(app: App) -> App {
    use crate::model::review::{Review, ReviewChange, ReviewScope};
    let mut a = app;
    let mut r = Review::new(
        now().date_naive(),
        ReviewScope::All,
        None,
        &a.board.meta,
        &a.summaries,
        now(),
        "li",
    );
    r.since = Some(now() - chrono::Duration::days(4));
    r.position = r.order.iter().position(|n| *n == 15).unwrap();
    let st = Stamp {
        author: "li".into(),
        at: now(),
    };
    for c in [
        ReviewChange::Conclusion {
            task: 15,
            text: "On track".into(),
        },
        ReviewChange::NextStep {
            task: 15,
            text: "Sign the rest".into(),
            owner: "Housing Office".into(),
            due: "2023-10-31".parse().ok(),
        },
        ReviewChange::Coordination {
            task: 15,
            text: Some("Land use".into()),
            owner: "Planning Bureau".into(),
            due: None,
        },
    ] {
        c.apply(&mut r, &st).unwrap();
    }
    a.handle(Msg::ReviewSaved {
        change: None,
        result: Ok(r),
    });
    a
}

/// Every screen and overlay, by name: the board, each row of the detail tree with what the
/// row's keys open (edit, delete), the editor, help, filter, the questions, the review and its
/// chooser, the charts, the unit picker, each prompt, and a window too small.
fn scenes(lang: Lang, w: u16, h: u16) -> Vec<(String, App)> {
    let make = || ascii_app(lang, w, h);
    let mut out: Vec<(String, App)> = Vec::new();
    out.push(("board".into(), make()));
    let mut a = make();
    goto(&mut a, 15);
    out.push(("board_task15".into(), a));
    // Row `row` of task 15's tree, every node opened on the way.
    let detail = |row: usize| {
        let mut a = make();
        goto(&mut a, 15);
        act(&mut a, Action::Open);
        for _ in 0..row {
            act(&mut a, Action::Right);
            act(&mut a, Action::Down);
        }
        a
    };
    for row in 0..12 {
        out.push((format!("detail_row{row}"), detail(row)));
        for (what, action) in [("edit", Action::Edit), ("delete", Action::RemoveTarget)] {
            let mut b = detail(row);
            act(&mut b, action);
            if !b.ui.overlays.is_empty() {
                out.push((format!("detail_row{row}_{what}"), b));
            }
        }
    }
    let editor = |steps: usize| {
        let mut a = detail(1);
        act(&mut a, Action::AddNote);
        typ(&mut a, "signed");
        if steps > 0 {
            act(&mut a, Action::NextField);
            typ(&mut a, "Doc 13");
        }
        if steps > 1 {
            esc(&mut a);
        }
        a
    };
    out.push(("editor".into(), editor(0)));
    out.push(("editor_reference".into(), editor(1)));
    out.push(("confirm_discard".into(), editor(2)));
    let mut a = make();
    act(&mut a, Action::Help);
    out.push(("help".into(), a));
    let mut a = make();
    act(&mut a, Action::Help);
    for _ in 0..20 {
        act(&mut a, Action::Down);
    }
    out.push(("help_scrolled".into(), a));
    let mut a = make();
    act(&mut a, Action::Filter);
    typ(&mut a, "Task 1");
    out.push(("filter".into(), a));
    let mut a = make();
    act(&mut a, Action::Stats);
    out.push(("stats".into(), a));
    let mut a = make();
    a.handle(Msg::ReviewMissing {
        date: now().date_naive(),
        since: Some(now() - chrono::Duration::days(4)),
    });
    out.push(("review_start".into(), a));
    out.push(("review".into(), reviewing(make())));
    for (name, action) in [
        ("review_conclusion", Action::Conclusion),
        ("review_next_step", Action::NextStep),
        ("review_coordination", Action::Coordination),
        ("review_jump", Action::Jump),
        ("review_finish", Action::Finish),
    ] {
        let mut b = reviewing(make());
        act(&mut b, action);
        out.push((name.into(), b));
    }
    let mut a = reviewing(make());
    act(&mut a, Action::MarkReviewed);
    out.push(("review_next".into(), a));
    for (name, action, text) in [
        ("units_lead", Action::Lead, "Hou"),
        ("units_partners", Action::Partners, ""),
        ("units_none", Action::Lead, "zzz"),
        ("deadline", Action::Deadline, "12-31"),
    ] {
        let mut a = make();
        goto(&mut a, 15);
        act(&mut a, action);
        typ(&mut a, text);
        out.push((name.into(), a));
    }
    let mut a = make();
    goto(&mut a, 20);
    act(&mut a, Action::Status4);
    out.push(("close_reason".into(), a));
    let mut a = make();
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    act(&mut a, Action::AddTarget);
    typ(&mut a, "rate");
    out.push(("add_target".into(), a));
    out.push(("too_small".into(), ascii_app(lang, 60, 20)));
    out
}

/// The screen's rows as a person reads them.
fn rows(app: &App) -> Vec<String> {
    let t = draw(app);
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..buf.area.width {
                let sym = buf[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                row.push_str(sym);
                skip = sym.width().saturating_sub(1);
            }
            row
        })
        .collect()
}

#[test]
fn english_screens_show_no_chinese_character() {
    for (w, h) in [(80, 24), (120, 40)] {
        let all = scenes(Lang::En, w, h);
        assert!(all.len() > 40, "{} scenes", all.len());
        for (name, app) in all {
            for (y, row) in rows(&app).iter().enumerate() {
                assert!(
                    !row.chars().any(is_chinese),
                    "{name} at {w}x{h}, row {y}: {row}"
                );
            }
        }
    }
}

/// The keys as the hint bar and the help show them (`Enter`, `Ctrl-R`, `↑`).
fn key_names(app: &App) -> std::collections::HashSet<String> {
    crate::keymap::Mode::ALL
        .iter()
        .flat_map(|m| app.keymap.bindings(*m))
        .flat_map(|(_, label)| label.split('/').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Each word of a hint bar is a key name or has no Latin letter.
fn only_keys_are_latin(line: &str, keys: &std::collections::HashSet<String>) -> bool {
    line.split_whitespace()
        .all(|w| keys.contains(w) || !w.chars().any(|c| c.is_ascii_alphabetic()))
}

#[test]
fn chinese_screens_have_chinese_headers_hint_bars_and_titles() {
    let mut checked = 0;
    for (name, app) in scenes(Lang::Zh, 80, 24) {
        let keys = key_names(&app);
        let rows = rows(&app);
        if name == "too_small" {
            let zh = s::too_small(Lang::Zh, 80, 24, 60, 20);
            assert!(
                rows.iter()
                    .any(|r| !r.trim().is_empty() && zh.starts_with(r.trim())),
                "{rows:?}"
            );
            continue;
        }
        let mode = app.mode();
        let hint = rows.last().unwrap();
        if matches!(
            mode,
            crate::keymap::Mode::Board | crate::keymap::Mode::Detail | crate::keymap::Mode::Review
        ) && app.ui.message.is_none()
        {
            assert!(hint.chars().any(is_chinese), "{name}: {hint}");
            assert!(only_keys_are_latin(hint, &keys), "{name}: {hint}");
            checked += 1;
        }
        if name == "board" {
            let header = rows[0].replace("Test board", "");
            assert!(header.chars().any(is_chinese), "{header}");
            assert!(only_keys_are_latin(&header, &keys), "{header}");
        }
        let text = rows.join("\n");
        let title = match name.as_str() {
            "help" => Some(s::help_title(Lang::Zh)),
            "stats" => Some(s::stats_title(Lang::Zh)),
            "detail_row0" => Some(s::tree_title(Lang::Zh)),
            "review" => Some(s::record_title(Lang::Zh)),
            "editor" => Some(s::editor_text(Lang::Zh)),
            "confirm_discard" => Some(s::discard_unsaved(Lang::Zh)),
            "units_lead" => Some(s::picker_lead(Lang::Zh)),
            "review_start" => Some(s::review_goes_through(Lang::Zh)),
            _ => None,
        };
        if let Some(title) = title {
            assert!(text.contains(title), "{name} lacks {title}:\n{text}");
        }
        if name == "help" {
            // The help lists each action in Chinese beside its keys.
            let undo = keys::action_long(Lang::Zh, Action::Undo);
            assert!(text.contains(undo), "{text}");
            assert!(!text.contains(keys::action_long(Lang::En, Action::Undo)));
        }
    }
    assert!(checked >= 10, "{checked} hint bars checked");
}

#[test]
fn the_same_screen_in_english_has_the_english_words() {
    let en = rows(&ascii_app(Lang::En, 80, 24));
    assert!(en[0].contains("22 tasks · done 1"), "{}", en[0]);
    let hint = en.last().unwrap();
    assert!(
        hint.contains(keys::action_short(Lang::En, Action::Quit)),
        "{hint}"
    );
    let zh = rows(&ascii_app(Lang::Zh, 80, 24));
    assert!(zh[0].contains("22 项 · 完成 1"), "{}", zh[0]);
    let hint = zh.last().unwrap();
    assert!(
        hint.contains(keys::action_short(Lang::Zh, Action::Quit)),
        "{hint}"
    );
}
