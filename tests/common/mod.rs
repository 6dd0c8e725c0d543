//! Helpers shared by the integration tests: run the real `keywork` binary against a board in a
//! temp dir, with an environment that never reads the developer's config or data dirs.
//!
//! Every run gets `--board DIR`, `KEYWORK_CONFIG=<DIR's parent>/none.toml` (a file that does not
//! exist, so the compiled-in defaults apply), `NO_COLOR=1`, `KEYWORK_AUTHOR=tester`, and
//! `HOME`/`XDG_*` pointing into the temp dir. `KEYWORK_BOARD` is removed.

// Each test module uses a different subset of these helpers.
#![allow(dead_code)]

pub mod frames;
pub mod pty;
pub mod xterm;

use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_keywork");

/// The published task list the binary embeds, as a file (for `import`).
pub fn seed_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/yangpu-2023-key-tasks.txt")
}

/// A temp dir holding a board directory `board/` (not created yet) and nothing else.
pub struct Fixture {
    pub tmp: TempDir,
    pub board: PathBuf,
}

impl Fixture {
    /// A temp dir without a board (commands with `--board` there fail: only `init`, `import`
    /// and `sync --clone` create one).
    pub fn empty() -> Fixture {
        let tmp = tempfile::Builder::new()
            .prefix("keywork-test-")
            .tempdir()
            .expect("create a temp dir");
        let board = tmp.path().join("board");
        Fixture { tmp, board }
    }

    /// A temp dir with a fresh board made from the embedded seed (`keywork init`).
    pub fn seeded() -> Fixture {
        let f = Fixture::empty();
        let out = kw(&f.board, &["init"]);
        assert_ok(&out);
        f
    }

    /// A path in the temp dir next to the board (for config files, import files).
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn task_file(&self, n: u32) -> PathBuf {
        self.board.join("tasks").join(format!("{n}.toml"))
    }
}

/// A command for the binary with the isolated test environment, not yet run.
pub fn command(board: &Path, args: &[&str]) -> Command {
    let root = board.parent().unwrap_or(board);
    let mut c = command_in(root, &[]);
    c.arg("--board").arg(board).args(args);
    c
}

/// Without `--board`: the default board, in `ROOT/xdg-data/keywork/boards/default`.
pub fn default_board(root: &Path) -> PathBuf {
    root.join("xdg-data/keywork/boards/default")
}

/// A command without `--board` (the default board, see `default_board`), environment
/// isolated in `root` as for `command`.
pub fn command_in(root: &Path, args: &[&str]) -> Command {
    let config = match ENGLISH.with(std::cell::Cell::get) {
        true => {
            let p = root.join("en.toml");
            std::fs::write(&p, "lang = \"en\"\n").expect("write en.toml");
            p
        }
        false => root.join("none.toml"),
    };
    let mut c = Command::new(BIN);
    c.args(args)
        .env("KEYWORK_CONFIG", config)
        .env("NO_COLOR", "1")
        .env("KEYWORK_AUTHOR", "tester")
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("xdg-config"))
        .env("XDG_DATA_HOME", root.join("xdg-data"))
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .env_remove("KEYWORK_BOARD")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("KEYWORK_STATE_DIR")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    c
}

thread_local! {
    static ENGLISH: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The commands this test (thread) runs use `lang = "en"` (`ROOT/en.toml`) instead of the
/// defaults (Chinese): for tests that check the English messages.
pub fn english() {
    ENGLISH.with(|e| e.set(true));
}

/// Make `c` run as nobody (uid and gid 65534, no groups): another account than the one
/// that owns the board. Only root can switch; callers check `geteuid() == 0`.
pub fn as_nobody(c: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe libc calls between fork and exec.
    unsafe {
        c.pre_exec(|| {
            if libc::setgroups(0, std::ptr::null()) != 0
                || libc::setgid(65534) != 0
                || libc::setuid(65534) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Run `keywork --board BOARD ARGS...` and wait for it.
pub fn kw(board: &Path, args: &[&str]) -> Output {
    run(command(board, args), None)
}

/// Run `keywork ARGS...` on the default board of `root` (no `--board`).
pub fn kw_in(root: &Path, args: &[&str]) -> Output {
    run(command_in(root, args), None)
}

/// Run with `input` on standard input.
pub fn kw_stdin(board: &Path, args: &[&str], input: &str) -> Output {
    run(command(board, args), Some(input.as_bytes()))
}

/// Run with extra environment: `(name, Some(value))` sets, `(name, None)` removes.
pub fn kw_env(board: &Path, args: &[&str], env: &[(&str, Option<&OsStr>)]) -> Output {
    let mut c = command(board, args);
    for (k, v) in env {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    run(c, None)
}

fn run(mut c: Command, input: Option<&[u8]>) -> Output {
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    if input.is_some() {
        c.stdin(Stdio::piped());
    }
    let mut child = c.spawn().expect("spawn keywork");
    if let Some(bytes) = input {
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("wait for keywork")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A readable account of a run, for assertion messages.
pub fn describe(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[track_caller]
pub fn assert_ok(o: &Output) {
    assert!(o.status.success(), "expected success, got {}", describe(o));
}

/// Assert the exit code and return stderr.
#[track_caller]
pub fn assert_code(o: &Output, code: i32) -> String {
    assert_eq!(o.status.code(), Some(code), "{}", describe(o));
    let err = stderr(o);
    assert!(!err.contains("panicked"), "panic: {}", describe(o));
    err
}

/// Run and require success; returns stdout.
#[track_caller]
pub fn ok(board: &Path, args: &[&str]) -> String {
    let o = kw(board, args);
    assert_ok(&o);
    stdout(&o)
}

/// `show N --json`, parsed.
#[track_caller]
pub fn show_json(board: &Path, n: u32) -> Value {
    let out = ok(board, &["show", &n.to_string(), "--json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("show --json is JSON: {e}\n{out}"))
}

/// `status --json`, parsed.
#[track_caller]
pub fn status_json(board: &Path) -> Value {
    let out = ok(board, &["status", "--json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("status --json is JSON: {e}\n{out}"))
}

/// A task file parsed with the `toml` crate (what is really on disk).
pub fn task_toml(board: &Path, n: u32) -> toml::Table {
    let path = board.join("tasks").join(format!("{n}.toml"));
    let text = std::fs::read_to_string(&path).expect("read task file");
    text.parse()
        .unwrap_or_else(|e| panic!("{} is TOML: {e}", path.display()))
}

/// Every file under `dir` with its bytes (paths relative to `dir`). Empty if `dir` is missing.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let path = e.expect("read dir entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Assert two snapshots are equal, naming the files that differ.
#[track_caller]
pub fn assert_same_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    what: &str,
) {
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(before),
        names(after),
        "{what}: the set of files changed"
    );
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(*v))
        .map(|(k, _)| k.display().to_string())
        .collect();
    assert!(changed.is_empty(), "{what}: files changed: {changed:?}");
}

/// The history events of a `show --json` value.
pub fn history(task: &Value) -> &Vec<Value> {
    task["history"].as_array().expect("history is an array")
}

/// A measure of a `show --json` value by id.
pub fn measure<'a>(task: &'a Value, id: &str) -> &'a Value {
    task["measures"]
        .as_array()
        .expect("measures is an array")
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no measure {id}"))
}

/// A target of a `show --json` value by id.
pub fn target<'a>(task: &'a Value, id: &str) -> &'a Value {
    task["targets"]
        .as_array()
        .expect("targets is an array")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no target {id}"))
}
