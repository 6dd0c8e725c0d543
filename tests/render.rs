//! The renderer against terminal emulators, differentially: long random sequences of frames
//! (ASCII, Chinese, mixed, full-width punctuation, ambiguous-width characters in both width
//! modes, wide characters on the last column, text drawn over other text, styles changing,
//! text shifting by one column, resizes) go through the production backend (`backend::draw`)
//! into `vt100` and into the xterm-rule model, and after every frame the emulator's screen must
//! equal the frame, symbols and styles. The same frames go through ratatui's own
//! `CrosstermBackend` for a byte count.
//!
//! `cargo test --test tests render::` runs a few thousand frames; set KEYWORK_RENDER_CASES
//! (sequences of up to 60 frames, default 96) for a long local run.

use crate::common::frames::{Reference, Shared, mismatch};
use crate::common::xterm::Xterm;
use keywork::backend::{self, WideAwareBackend, settle};
use keywork::ui::style::Symbols;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Clear, Paragraph, Widget};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::{Cell as StdCell, RefCell};
use std::rc::Rc;

const ASCII: &[&str] = &[
    "a",
    "Enter",
    "Esc 取消",
    "x",
    "ab cd",
    "15.3",
    "  ",
    "|",
    "-",
];
const CHINESE: &[&str] = &[
    "中",
    "销号需要佐证",
    "写明无佐证的原因并回车",
    "完成签约2400余户",
    "加快推动城市更新",
    "无佐证销号的原因：",
    "确认",
];
const PUNCT: &[&str] = &["，", "。：", "（一）", "《》", "「」", "【注】", "！？"];
const AMBIGUOUS: &[&str] = &["“引号”", "—", "…", "·", "①②", "■→×", "─│┌", "‘a’"];

// Bold and dim are one intensity to vt100 (and to many terminals): the styles never combine
// them, so the generator leaves dim out.

/// One drawing operation of a frame.
#[derive(Debug, Clone)]
enum Op {
    /// `Buffer::set_stringn` (clears the column under a wide character).
    Text(u16, u16, String, Style),
    /// A one-line `Paragraph` (does not: text over text leaves stale cells under wide ones).
    Para(u16, u16, String, Style),
    /// A symbol straight into a cell (a wide one may land on the last column).
    Symbol(u16, u16, String, Style),
    /// Restyle an area (a selection bar, a progress bar's background).
    Fill(Rect, Style),
    /// `Clear` over an area (a popup).
    Clear(Rect),
}

impl Op {
    fn shifted(&self, dx: i16) -> Op {
        let m = |x: u16| x.saturating_add_signed(dx);
        match self.clone() {
            Op::Text(x, y, s, st) => Op::Text(m(x), y, s, st),
            Op::Para(x, y, s, st) => Op::Para(m(x), y, s, st),
            Op::Symbol(x, y, s, st) => Op::Symbol(m(x), y, s, st),
            Op::Fill(r, st) => Op::Fill(Rect { x: m(r.x), ..r }, st),
            Op::Clear(r) => Op::Clear(Rect { x: m(r.x), ..r }),
        }
    }

    fn restyled(&self, st: Style) -> Op {
        match self.clone() {
            Op::Text(x, y, s, _) => Op::Text(x, y, s, st),
            Op::Para(x, y, s, _) => Op::Para(x, y, s, st),
            Op::Symbol(x, y, s, _) => Op::Symbol(x, y, s, st),
            Op::Fill(r, _) => Op::Fill(r, st),
            other => other,
        }
    }

    fn draw(&self, buf: &mut Buffer, sym: &Symbols) {
        let area = buf.area;
        let inside = |x: u16, y: u16| x < area.right() && y < area.bottom();
        match self {
            Op::Text(x, y, s, st) if inside(*x, *y) => {
                buf.set_stringn(*x, *y, sym.show(s), usize::MAX, *st);
            }
            Op::Para(x, y, s, st) if inside(*x, *y) => {
                let r = Rect::new(*x, *y, area.right() - x, 1);
                Paragraph::new(sym.show(s).into_owned())
                    .style(*st)
                    .render(r, buf);
            }
            Op::Symbol(x, y, s, st) if inside(*x, *y) => {
                buf[(*x, *y)].set_symbol(&sym.show(s)).set_style(*st);
            }
            Op::Fill(r, st) => buf.set_style(r.intersection(area), *st),
            Op::Clear(r) => Clear.render(r.intersection(area), buf),
            _ => {}
        }
    }
}

/// One step of a sequence: a new picture, the last one moved or restyled, or a resize.
#[derive(Debug, Clone)]
enum Step {
    Scene(Vec<Op>),
    Shift(i16),
    Restyle(Style),
    Resize(u16, u16),
}

fn color() -> impl Strategy<Value = Color> {
    prop::sample::select(vec![
        Color::Reset,
        Color::Red,
        Color::Gray,
        Color::DarkGray,
        Color::LightCyan,
        Color::Indexed(238),
        Color::Rgb(10, 20, 30),
    ])
}

fn style() -> impl Strategy<Value = Style> {
    let m = prop::sample::select(vec![
        Modifier::empty(),
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::BOLD | Modifier::UNDERLINED,
        Modifier::ITALIC,
    ]);
    (color(), color(), m).prop_map(|(fg, bg, m)| Style::new().fg(fg).bg(bg).add_modifier(m))
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => prop::sample::select(ASCII),
        4 => prop::sample::select(CHINESE),
        1 => prop::sample::select(PUNCT),
        1 => prop::sample::select(AMBIGUOUS),
    ];
    prop::collection::vec(piece, 1..4).prop_map(|v| v.concat())
}

fn op() -> impl Strategy<Value = Op> {
    let (x, y) = (0u16..32, 0u16..7);
    let rect =
        (0u16..32, 0u16..7, 1u16..12, 1u16..4).prop_map(|(x, y, w, h)| Rect::new(x, y, w, h));
    let symbol = prop::sample::select(vec!["中", "文", "，", "a", "“", "■", " "]);
    prop_oneof![
        4 => (x.clone(), y.clone(), text(), style()).prop_map(|(x, y, s, st)| Op::Text(x, y, s, st)),
        4 => (x.clone(), y.clone(), text(), style()).prop_map(|(x, y, s, st)| Op::Para(x, y, s, st)),
        1 => (x, y, symbol, style()).prop_map(|(x, y, s, st)| Op::Symbol(x, y, s.into(), st)),
        1 => (rect.clone(), style()).prop_map(|(r, st)| Op::Fill(r, st)),
        1 => rect.prop_map(Op::Clear),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => prop::collection::vec(op(), 1..14).prop_map(Step::Scene),
        3 => prop::sample::select(vec![-1i16, 1]).prop_map(Step::Shift),
        2 => style().prop_map(Step::Restyle),
        1 => (4u16..34, 1u16..8).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn sequence() -> impl Strategy<Value = (Vec<Step>, bool, (u16, u16))> {
    (
        prop::collection::vec(step(), 1..60),
        any::<bool>(),
        (4u16..34, 1u16..8),
    )
}

/// Totals over a run.
#[derive(Default, Debug)]
struct Tally {
    frames: usize,
    ours: usize,
    reference: usize,
    /// Frames the reference left wrong on plain vt100 and on the xterm-rule model.
    reference_wrong: [usize; 2],
}

/// Play one sequence; Err describes the first frame the production backend got wrong.
fn play(steps: &[Step], wide: bool, (w, h): (u16, u16), tally: &mut Tally) -> Result<(), String> {
    let sym = Symbols::new(wide);
    let out = Shared::default();
    let mut ours = Terminal::new(WideAwareBackend::with_size(out.clone(), Size::new(w, h)))
        .map_err(|e| e.to_string())?;
    let ref_out = Shared::default();
    let ref_size = Rc::new(StdCell::new(Size::new(w, h)));
    let mut theirs = Terminal::with_options(
        Reference {
            inner: CrosstermBackend::new(ref_out.clone()),
            size: ref_size.clone(),
        },
        TerminalOptions {
            viewport: Viewport::Fullscreen,
        },
    )
    .map_err(|e| e.to_string())?;
    let mut emulators = [Xterm::new(h, w, false), Xterm::new(h, w, true)];
    let mut ref_emulators = [Xterm::new(h, w, false), Xterm::new(h, w, true)];
    let mut scene: Vec<Op> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        match s {
            Step::Scene(ops) => scene = ops.clone(),
            Step::Shift(dx) => scene = scene.iter().map(|o| o.shifted(*dx)).collect(),
            Step::Restyle(st) => {
                // Restyle every other operation.
                scene = scene
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        if k % 2 == 0 {
                            o.restyled(*st)
                        } else {
                            o.clone()
                        }
                    })
                    .collect()
            }
            Step::Resize(nw, nh) => {
                ours.backend_mut().set_size(Size::new(*nw, *nh));
                ref_size.set(Size::new(*nw, *nh));
                for e in emulators.iter_mut().chain(ref_emulators.iter_mut()) {
                    e.set_size(*nh, *nw);
                }
            }
        }
        let paint = |buf: &mut Buffer| scene.iter().for_each(|o| o.draw(buf, &sym));
        backend::draw(&mut ours, |f| paint(f.buffer_mut())).map_err(|e| e.to_string())?;
        theirs
            .draw(|f| {
                paint(f.buffer_mut());
                settle(f.buffer_mut());
            })
            .map_err(|e| e.to_string())?;
        let size = ours.size().map_err(|e| e.to_string())?;
        let mut expected = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        paint(&mut expected);
        settle(&mut expected);
        let bytes = out.take();
        let ref_bytes = ref_out.take();
        tally.frames += 1;
        tally.ours += bytes.len();
        tally.reference += ref_bytes.len();
        for (k, e) in emulators.iter_mut().enumerate() {
            e.process(&bytes);
            if let Some(m) = mismatch(e.screen(), &expected) {
                let model = ["vt100", "xterm rule"][k];
                return Err(format!("frame {i} ({model}, wide={wide}): {m}"));
            }
        }
        for (k, e) in ref_emulators.iter_mut().enumerate() {
            e.process(&ref_bytes);
            if mismatch(e.screen(), &expected).is_some() {
                tally.reference_wrong[k] += 1;
            }
        }
    }
    Ok(())
}

#[test]
fn every_frame_reaches_the_terminal_exactly() {
    let cases = std::env::var("KEYWORK_RENDER_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = RefCell::new(Tally::default());
    let result = runner.run(&sequence(), |(steps, wide, size)| {
        play(&steps, wide, size, &mut tally.borrow_mut()).map_err(TestCaseError::fail)
    });
    let t = tally.into_inner();
    println!(
        "render: {} frames; bytes per frame: production {:.1}, ratatui CrosstermBackend {:.1}; \
         reference frames wrong on vt100 {}, on the xterm rule {}",
        t.frames,
        t.ours as f64 / t.frames.max(1) as f64,
        t.reference as f64 / t.frames.max(1) as f64,
        t.reference_wrong[0],
        t.reference_wrong[1],
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(t.frames >= cases as usize, "ran {} frames", t.frames);
    assert!(t.ours < t.reference, "{} vs {} bytes", t.ours, t.reference);
}

#[test]
fn the_xterm_model_erases_the_other_half_in_the_current_background() {
    // 中 at columns 0-1; then "a" on a red background over its right half.
    let bytes = "中\x1b[1;2H\x1b[41ma".as_bytes();
    let mut plain = Xterm::new(1, 4, false);
    plain.process(bytes);
    let mut xterm = Xterm::new(1, 4, true);
    // In pieces, as a pty delivers them, cutting a character and a sequence.
    for chunk in bytes.chunks(2) {
        xterm.process(chunk);
    }
    let left = xterm.screen().cell(0, 0).unwrap();
    assert!(!left.has_contents() || left.contents() == " ");
    assert_eq!(
        left.bgcolor(),
        vt100::Color::Idx(1),
        "erased in the current background"
    );
    assert_eq!(xterm.screen().cell(0, 1).unwrap().contents(), "a");
    // Plain vt100 keeps the old cell's own colours there.
    assert_eq!(
        plain.screen().cell(0, 0).unwrap().bgcolor(),
        vt100::Color::Default
    );
}

/// Issue 19's progress bar, reduced: ratatui's own backend leaves a grey cell beside a grey
/// one written over the left half of a Chinese character; the production backend does not.
#[test]
fn a_grey_cell_over_half_a_chinese_character_leaves_no_grey_beside_it() {
    let frames: [&dyn Fn(&mut Buffer); 2] = [
        &|b| {
            b.set_string(0, 0, "完成签约", Style::new());
        },
        &|b| {
            b.set_string(0, 0, "完成签约", Style::new());
            b.set_string(0, 0, " ", Style::new().bg(Color::Gray));
        },
    ];
    let out = Shared::default();
    let mut ours =
        Terminal::new(WideAwareBackend::with_size(out.clone(), Size::new(10, 1))).unwrap();
    let ref_out = Shared::default();
    let mut theirs = Terminal::new(Reference {
        inner: CrosstermBackend::new(ref_out.clone()),
        size: Rc::new(StdCell::new(Size::new(10, 1))),
    })
    .unwrap();
    let mut emu = Xterm::new(1, 10, true);
    let mut ref_emu = Xterm::new(1, 10, true);
    for paint in frames {
        backend::draw(&mut ours, |f| paint(f.buffer_mut())).unwrap();
        theirs
            .draw(|f| {
                paint(f.buffer_mut());
                settle(f.buffer_mut());
            })
            .unwrap();
        let mut expected = Buffer::empty(Rect::new(0, 0, 10, 1));
        paint(&mut expected);
        settle(&mut expected);
        emu.process(&out.take());
        ref_emu.process(&ref_out.take());
        assert_eq!(mismatch(emu.screen(), &expected), None);
    }
    let wrong = mismatch(ref_emu.screen(), &expected_last());
    assert!(
        wrong.is_some_and(|m| m.contains("(1,0)")),
        "the model catches it"
    );
}

fn expected_last() -> Buffer {
    let mut b = Buffer::empty(Rect::new(0, 0, 10, 1));
    b.set_string(0, 0, "完成签约", Style::new());
    b.set_string(0, 0, " ", Style::new().bg(Color::Gray));
    settle(&mut b);
    b
}
