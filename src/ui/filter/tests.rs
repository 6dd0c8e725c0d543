//! The quick filters on screen at 80x24 and 120x40 with Chinese text: the header, the menu,
//! the dimmed measures of the tree, the review chooser narrowed by the filter.

use super::super::tests::{act, app, draw, goto};
use crate::app::App;
use crate::keymap::Action;
use crate::model::filter::Filter;

fn screen(app: &App) -> String {
    let t = draw(app);
    let buf = t.backend().buffer();
    let w = buf.area.width as usize;
    buf.content()
        .chunks(w)
        .map(|row| {
            // A wide character covers the next cell, which holds a blank: skip it.
            let mut line = String::new();
            let mut skip = 0;
            for c in row {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                line.push_str(c.symbol());
                skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn filtered(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    a.board.tasks[14].lead = vec!["区旧改办".into()];
    a.board.tasks[19].partners = vec!["区旧改办".into()];
    a.board.tasks[14].measures[1].lead = vec!["区住房保障局".into()];
    a.summaries = a.board.tasks.iter().map(|t| t.summary()).collect();
    a.set_quick_filter(Filter::parse("unit:区旧改办").unwrap());
    a
}

fn cases(w: u16, h: u16) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    out.push(("board", filtered(w, h)));
    let mut a = filtered(w, h);
    act(&mut a, Action::QuickFilter);
    act(&mut a, Action::Down);
    out.push(("menu", a));
    let mut a = filtered(w, h);
    a.set_quick_filter(Filter::parse("unit:区住房保障局").unwrap());
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    out.push(("tree", a));
    let mut a = filtered(w, h);
    a.handle(crate::app::Msg::ReviewMissing {
        date: super::super::tests::now().date_naive(),
        since: None,
    });
    out.push(("review_start", a));
    out.push(("review_warned", reviewing_warned(w, h, 0)));
    out.push(("review_warned_scrolled", reviewing_warned(w, h, 12)));
    out
}

/// The review screen on task 15, overdue (red), with partner units and owners on a measure;
/// `scroll` lines down its pane of changes, measures and notes.
fn reviewing_warned(w: u16, h: u16, scroll: usize) -> App {
    use crate::model::review::{Review, ReviewScope};
    let mut a = filtered(w, h);
    a.set_quick_filter(Filter::default());
    let t = &mut a.board.tasks[14];
    t.deadline = chrono::NaiveDate::from_ymd_opt(2023, 9, 30);
    t.partners = vec!["区住房保障局".into(), "各街道".into()];
    t.measures[0].partners = vec!["区规划资源局".into()];
    t.measures[0].deadline = chrono::NaiveDate::from_ymd_opt(2023, 12, 31);
    a.summaries = a.board.tasks.iter().map(|t| t.summary()).collect();
    let mut r = Review::new(
        super::super::tests::now().date_naive(),
        ReviewScope::All,
        None,
        &a.board.meta,
        &a.summaries,
        super::super::tests::now(),
        "李明",
    );
    r.position = 14;
    a.handle(crate::app::Msg::ReviewSaved {
        change: None,
        result: Ok(r),
    });
    a.ui.screen = crate::app::Screen::Review;
    a.ui.message = None;
    a.ui.review_scroll = scroll;
    a
}

#[test]
fn the_review_shows_the_warning_schedule_partners_and_measures() {
    for (w, h) in [(80, 24), (120, 40)] {
        let a = reviewing_warned(w, h, 0);
        let s = screen(&a);
        assert!(s.contains("红色预警"), "{w}x{h}:\n{s}");
        assert!(
            s.contains("序时进度 100%  实际 43%  落后 57 个百分点"),
            "{w}x{h}:\n{s}"
        );
        assert!(
            s.contains("配合单位：区住房保障局、各街道"),
            "{w}x{h}:\n{s}"
        );
        // Scrolled down, the measures with their owners and the notes in full.
        let all: String = (0..40)
            .map(|k| screen(&reviewing_warned(w, h, k)))
            .collect();
        assert!(
            all.contains("15.1 [未启动] 配合单位：区规划资源局  2023-12-31"),
            "{w}x{h}"
        );
        assert!(
            all.contains("15.2 [未启动] 牵头单位：区住房保障局"),
            "{w}x{h}"
        );
        assert!(
            all.contains("第二行：验收材料已归档"),
            "the note's second line is shown"
        );
    }
}

#[test]
fn snapshots_80x24() {
    for (name, app) in cases(80, 24) {
        insta::assert_snapshot!(format!("{name}_80x24"), draw(&app).backend());
    }
}

#[test]
fn snapshots_120x40() {
    for (name, app) in cases(120, 40) {
        insta::assert_snapshot!(format!("{name}_120x40"), draw(&app).backend());
    }
}

#[test]
fn the_header_names_the_filter_and_the_count() {
    for (w, h) in [(80, 24), (120, 40)] {
        let a = filtered(w, h);
        let s = screen(&a);
        let first = s.lines().next().unwrap();
        assert!(
            first.contains("筛选：区旧改办 显示 2 ·"),
            "{w}x{h}: {first}"
        );
        // Exactly tasks 15 and 20 show.
        assert_eq!(a.columns().concat().len(), 2);
    }
}

#[test]
fn the_hint_bar_offers_clearing_only_with_a_filter_on() {
    let a = filtered(120, 40);
    let last = screen(&a).lines().last().unwrap().to_string();
    assert!(last.contains("C 清筛"), "{last}");
    let b = app(120, 40);
    let last = screen(&b).lines().last().unwrap().to_string();
    assert!(!last.contains("清筛") && last.contains("f 快筛"), "{last}");
}

#[test]
fn a_measure_the_filter_leaves_out_is_dimmed_in_the_tree() {
    let mut a = filtered(120, 40);
    a.set_quick_filter(Filter::parse("unit:区住房保障局").unwrap());
    goto(&mut a, 15);
    act(&mut a, Action::Open);
    let t = draw(&a);
    let buf = t.backend().buffer();
    let text = screen(&a);
    let row_of = |id: &str| {
        text.lines()
            .position(|l| l.contains(&format!("{id} [")))
            .unwrap()
    };
    let dim = |y: usize| {
        let line = text.lines().nth(y).unwrap();
        let x = unicode_width::UnicodeWidthStr::width(&line[..line.find('[').unwrap()]);
        let cell = &buf[(x as u16, y as u16)];
        cell.modifier.contains(ratatui::style::Modifier::DIM)
    };
    assert!(!dim(row_of("15.2")), "the unit's measure is drawn as usual");
    assert!(dim(row_of("15.1")), "another measure is dimmed");
}
