//! A pseudo-terminal harness for the real binary: keys in, the screen read back with a
//! terminal emulator (`vt100` with xterm's rule for double-width characters, see `xterm.rs`),
//! every byte the program wrote kept for inspection. It answers the cursor-position query that
//! keywork sends at start, like a real terminal.

use super::xterm::Xterm;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Tui {
    parser: Arc<Mutex<Xterm>>,
    /// Every byte the program wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to let go of the master.
    closed: Arc<AtomicBool>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Tui {
    pub fn start(board: &Path, cols: u16, rows: u16, author: &str) -> Tui {
        Tui::start_with(board, cols, rows, author, &[])
    }

    pub fn start_with(board: &Path, cols: u16, rows: u16, author: &str, args: &[&str]) -> Tui {
        Tui::start_env(board, cols, rows, author, args, &[])
    }

    /// Start with extra environment variables (set after the defaults, so they win).
    pub fn start_env(
        board: &Path,
        cols: u16,
        rows: u16,
        author: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tui {
        Tui::start_in(None, board, cols, rows, author, args, env)
    }

    /// Start in the working directory `cwd` (where files written without a path go).
    pub fn start_in(
        cwd: Option<&Path>,
        board: &Path,
        cols: u16,
        rows: u16,
        author: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_keywork"));
        cmd.arg("--board");
        cmd.arg(board);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("KEYWORK_CONFIG", board.join("no-config.toml"));
        cmd.env("KEYWORK_AUTHOR", author);
        // The user's dirs in the test's temp dir, as for the CLI (`common::command`): what a
        // session remembers (the terminal's probe answer, filters, drafts) never comes from
        // the account running the tests, nor from another test.
        let root = board.parent().unwrap_or(board);
        cmd.env("HOME", root);
        cmd.env("XDG_CONFIG_HOME", root.join("xdg-config"));
        cmd.env("XDG_DATA_HOME", root.join("xdg-data"));
        for k in [
            "XDG_CACHE_HOME",
            "XDG_STATE_HOME",
            "KEYWORK_STATE_DIR",
            "KEYWORK_BOARD",
        ] {
            cmd.env_remove(k);
        }
        // Colour switches of the environment this test runs in would decide for the terminal
        // (`CI` makes anstream colour even TERM=dumb); a test names the ones it wants.
        for k in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI"] {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        if let Some(dir) = cwd {
            cmd.cwd(dir);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn keywork");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(Xterm::new(rows, cols, true)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        // Non-blocking reads let the reader thread notice a hang-up and drop its copy of the
        // master, so that closing the terminal really closes it (and the kernel sends SIGHUP).
        let fd = pair.master.as_raw_fd().expect("master fd");
        // SAFETY: fcntl on a file descriptor we own, with valid flags.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let closed = Arc::new(AtomicBool::new(false));
        let closed_reader = closed.clone();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, w, r) = (parser.clone(), writer.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        if closed_reader.load(Ordering::SeqCst) {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                    Err(_) => break,
                };
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                let mut parser = p.lock().unwrap();
                // Feed up to each cursor-position query and answer it from the screen state.
                let mut rest = &buf[..n];
                while let Some(i) = find(rest, b"\x1b[6n") {
                    parser.process(&rest[..i]);
                    let (row, col) = parser.screen().cursor_position();
                    let _ = write!(w.lock().unwrap(), "\x1b[{};{}R", row + 1, col + 1);
                    rest = &rest[i + 4..];
                }
                parser.process(rest);
            }
        });
        let writer: Box<dyn Write + Send> = Box::new(SharedWriter(writer));
        Tui {
            parser,
            raw,
            closed,
            writer: Some(writer),
            master: Some(pair.master),
            child,
        }
    }

    pub fn caret_visible(&self) -> bool {
        !self.parser.lock().unwrap().screen().hide_cursor()
    }

    /// Resize the terminal (the program gets SIGWINCH) and the emulated screen.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master
            .as_ref()
            .expect("open")
            .resize(size)
            .expect("resize");
        self.parser.lock().unwrap().set_size(rows, cols);
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Every cell of the screen with its colours and attributes, row by row: two screens
    /// that look the same to a person give the same rows.
    pub fn styled_rows(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .map(|r| {
                let mut line = String::new();
                for c in 0..cols.get() {
                    let Some(cell) = screen.cell(r, c) else {
                        continue;
                    };
                    if cell.is_wide_continuation() {
                        continue;
                    }
                    let sym = if cell.has_contents() {
                        cell.contents()
                    } else {
                        " "
                    };
                    let bg = cell.bgcolor();
                    let looks = (
                        cell.fgcolor(),
                        cell.bold(),
                        cell.inverse(),
                        cell.underline(),
                    );
                    line.push_str(&format!("{sym}{bg:?}{looks:?}|"));
                }
                line
            })
            .collect()
    }

    /// The screen's text once the program has written nothing for `quiet`.
    pub fn settled(&self, quiet: Duration) -> String {
        let start = Instant::now();
        let mut last = self.raw.lock().unwrap().len();
        let mut since = Instant::now();
        while start.elapsed() < Duration::from_secs(10) && since.elapsed() < quiet {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.raw.lock().unwrap().len();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
        self.screen()
    }

    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().expect("open");
        for chunk in bytes.as_bytes().chunks(256) {
            let mut rest = chunk;
            while !rest.is_empty() {
                match w.write(rest) {
                    Ok(n) => rest = &rest[n..],
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    Err(e) => panic!("write to pty: {e}"),
                }
            }
        }
        // Let the app read this before the next key: a lone ESC followed at once by a key is
        // read as Alt+key, as in any terminal.
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn exited_within(&mut self, limit: Duration) -> Option<portable_pty::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Close the terminal, as a dropped SSH connection does.
    pub fn hang_up(&mut self) {
        self.closed.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        self.writer = None;
        self.master = None;
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

struct SharedWriter(Arc<Mutex<Box<dyn Write + Send>>>);

impl Write for SharedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap().flush()
    }
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
