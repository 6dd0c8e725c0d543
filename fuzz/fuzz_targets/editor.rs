//! Arbitrary bytes → a session at the note editor, then frames rendered to a ratatui
//! `TestBackend`.
//!
//! The input is read as a screen size (20..=200 × 5..=60), a few flags, then a sequence of
//! operations: typed characters (CJK, wide, combining, emoji, controls) with modifiers, special
//! keys (Enter, Esc, Tab, Backspace, Delete, arrows, Home, End, ...), pastes (pieces with line
//! breaks and control sequences, or raw bytes read lossily as UTF-8), resizes, any keymap
//! `Action`, and "draw a frame now". Every operation goes to the app exactly as the event loop
//! sends it (`App::handle` with `Msg::Key` / `Msg::Paste` / `Msg::Resize`, or `App::update`),
//! with the effects it returns applied to the board the way `src/app/tests.rs` does it; the
//! app starts with the note editor open on task 1 (`Action::AddNote`). Keys and pastes go to a
//! standalone `Editor` too (its target chosen by the flags), whose two `TextBuf`s are checked
//! after every step; at the end it is saved (`Editor::save`).
//!
//! Checked: never a panic; each buffer's caret on a char boundary, no control characters
//! but `\n` in a note and none at all in the one-line field, every wrapped row within the
//! width; every frame exactly the screen's size with no control character in any cell.

#![no_main]

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use keywork::app::editor::{EditTarget, Editor};
use keywork::app::textbuf::TextBuf;
use keywork::app::{App, Effect, Msg};
use keywork::config::{Config, Lang};
use keywork::keymap::Action;
use keywork::model::{Board, Stamp, default_statuses};
use keywork::{layout, ui};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::sync::OnceLock;

/// Frames drawn per input at most (a frame costs far more than a key).
const MAX_DRAWS: usize = 2;
/// Operations per input at most.
const MAX_OPS: usize = 400;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap()
}

/// The seed board with one multi-line note (so `Edit` has something to open).
fn board() -> &'static Board {
    static BOARD: OnceLock<Board> = OnceLock::new();
    BOARD.get_or_init(|| {
        let mut b = keywork::seed::board(default_statuses(), now());
        let st = Stamp {
            author: "王芳".into(),
            at: now(),
        };
        b.add_note(
            "1".parse().unwrap(),
            "完成加装电梯120台，“美丽家园”开工。\n第二行：验收材料已归档",
            Some("杨府发〔2023〕12号"),
            &st,
        )
        .unwrap();
        b
    })
}

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::defaults)
}

/// Characters a key press may type: ASCII (keymap letters among them), CJK and full-width
/// punctuation, wide and zero-width marks, emoji, and controls that must never be stored.
const CHARS: &[char] = &[
    'a', 'b', 's', 'r', 'z', 'f', 'j', 'k', 'h', 'l', 'n', 'e', 'q', 'y', 'x', 'c', 'g', 'G', 'H',
    'L', 'O', 'R', 'F', 'i', 'o', 'd', 'u', '1', '2', '3', '4', '5', '6', '/', '?', '!', ' ', '.',
    '-', '中', '文', '一', '二', '十', '台', '，', '。', '“', '”', '　', '１', '\u{301}',
    '\u{200d}', '\u{fe0f}', '😀', '👍', '한', 'ｱ', 'ア', '\u{3000}', '\t', '\n', '\r', '\u{1b}',
    '\u{7}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2028}', '\u{ad}', '\u{0}',
];

/// Pieces a paste is made of.
const PIECES: &[&str] = &[
    "第一行",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{202e}",
    "e\u{301}",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "完成加装电梯120台",
    "杨府发〔2023〕12号",
    "区旧改办 10-31",
    " ",
    "abc def",
    "ｗｉｄｅ",
    "\u{0}",
    "\u{feff}",
];

const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Insert,
    KeyCode::F(1),
];

const MODS: &[KeyModifiers] = &[
    KeyModifiers::NONE,
    KeyModifiers::NONE,
    KeyModifiers::NONE,
    KeyModifiers::SHIFT,
    KeyModifiers::CONTROL,
    KeyModifiers::ALT,
];

const ACTIONS: &[Action] = &[
    Action::Save,
    Action::Cancel,
    Action::NextField,
    Action::AddNote,
    Action::Edit,
    Action::Yes,
    Action::No,
    Action::Back,
    Action::Open,
    Action::Up,
    Action::Down,
    Action::Left,
    Action::Right,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::SwitchPane,
    Action::Toggle,
    Action::Undo,
    Action::Redo,
    Action::Filter,
    Action::Help,
    Action::StatusPrev,
    Action::StatusNext,
    Action::Status1,
    Action::Status4,
    Action::Deadline,
    Action::Lead,
    Action::Partners,
    Action::AddTarget,
    Action::RemoveTarget,
    Action::Stats,
    Action::Review,
    Action::Conclusion,
    Action::NextStep,
    Action::Coordination,
    Action::Jump,
    Action::Finish,
    Action::MarkReviewed,
    Action::NextItem,
    Action::PrevItem,
];

/// The input, read a byte at a time (zeros once it runs out).
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.next() as usize % from.len()]
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn size(&mut self) -> (u16, u16) {
        (
            20 + u16::from(self.next()) % 181,
            5 + u16::from(self.next()) % 56,
        )
    }
}

fn check_buf(buf: &TextBuf, multiline: bool, width: usize) {
    let text = buf.text();
    assert!(
        text.is_char_boundary(buf.caret_byte()),
        "caret off a boundary"
    );
    assert!(buf.caret_byte() <= text.len());
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && !(multiline && c == '\n')),
        "a control character was stored: {text:?}"
    );
    let rows = buf.layout(width);
    for r in &rows {
        assert!(r.start <= r.end && r.end <= text.len());
        let w = keywork::text::width(buf.row_text(*r));
        assert!(
            w <= width.max(2),
            "row {r:?} is {w} wide, more than {width}"
        );
    }
    let _ = buf.caret_in(&rows);
}

fn check_editor(e: &Editor, width: usize) {
    check_buf(&e.text, true, width);
    check_buf(&e.reference, false, width);
}

/// Apply what the app asked for, as the event loop does (the store's part played by applying
/// the change to a copy of the board). Review effects need a store and are dropped.
fn run(app: &mut App, effects: Vec<Effect>) {
    keywork::effects::settle(app, effects, |app, e| {
        keywork::effects::apply_in_memory(app, e, "fuzz")
    });
}

/// Render a frame at the app's size and check it. The terminal is kept between frames and
/// inputs (allocating a 200x60 one per frame was most of the time spent).
fn draw(app: &App) {
    thread_local! {
        static TERMINAL: RefCell<Terminal<TestBackend>> =
            RefCell::new(Terminal::new(TestBackend::new(80, 24)).unwrap());
    }
    let size = app.ui.size;
    TERMINAL.with_borrow_mut(|t| {
        if t.size().unwrap() != size.as_size() {
            t.backend_mut().resize(size.width, size.height);
            t.resize(size).unwrap();
        }
        t.draw(|f| ui::render(app, f)).unwrap();
        let buf = t.backend().buffer();
        assert_eq!((buf.area.width, buf.area.height), (size.width, size.height));
        for cell in &buf.content {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "a control character on screen: {:?}",
                cell.symbol()
            );
        }
    });
}

/// The editor's text width at this screen size, as `App` computes it.
fn editor_width(w: u16, h: u16) -> usize {
    let field = layout::shrink(layout::editor(Rect::new(0, 0, w, h)).1).width as usize;
    field.max(2) + 2
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let (mut w, mut h) = input.size();
    let flags = input.next();

    let mut config = config().clone();
    if flags & 1 != 0 {
        config.lang = Lang::En;
    }
    let mut app = App::new(board().clone(), &config, now());
    app.display.wide = flags & 2 != 0;
    app.handle(Msg::Resize(w, h));
    let opened = app.update(Action::AddNote);
    run(&mut app, opened);

    let target = match (flags >> 2) % 5 {
        0 => EditTarget::New("15.2".parse().unwrap()),
        1 => EditTarget::Existing {
            task: 1,
            id: "x".into(),
        },
        2 => EditTarget::Conclusion(3),
        3 => EditTarget::NextStep(4),
        _ => EditTarget::Coordination(5),
    };
    let mut editor = Editor::new(target, "", "");

    let mut draws = 0;
    let mut ops = 0;
    while !input.is_empty() && ops < MAX_OPS && !app.quit {
        ops += 1;
        let width = editor_width(w, h);
        match input.next() % 8 {
            0 | 1 => {
                let k = KeyEvent::new(KeyCode::Char(input.pick(CHARS)), input.pick(MODS));
                editor.key(&k, width);
                let e = app.handle(Msg::Key(k));
                run(&mut app, e);
            }
            2 | 3 => {
                let k = KeyEvent::new(input.pick(KEYS), input.pick(MODS));
                if k.code == KeyCode::Tab {
                    editor.next_field();
                } else {
                    editor.key(&k, width);
                }
                let e = app.handle(Msg::Key(k));
                run(&mut app, e);
            }
            4 => {
                let len = usize::from(input.next() % 32);
                let text = if input.next() % 2 == 0 {
                    (0..len).map(|_| input.pick(PIECES)).collect::<String>()
                } else {
                    String::from_utf8_lossy(input.take(len)).into_owned()
                };
                editor.paste(&text);
                let e = app.handle(Msg::Paste(text));
                run(&mut app, e);
            }
            5 => {
                (w, h) = input.size();
                app.handle(Msg::Resize(w, h));
            }
            6 => {
                let e = app.update(input.pick(ACTIONS));
                run(&mut app, e);
            }
            _ => {
                if draws < MAX_DRAWS {
                    draws += 1;
                    draw(&app);
                }
            }
        }
        check_editor(&editor, width);
        if let Some(e) = app.editor() {
            check_editor(e, width);
        }
        check_buf(&app.ui.filter, false, width);
    }
    let _ = editor.save(2023);
    let _ = app.draft();
    draw(&app);
});
