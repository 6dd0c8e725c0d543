//! Taking the terminal and giving it back: raw mode and the alternate screen, the panic hook
//! and the signal thread that keep the editor's text, and suspending to the shell.

use super::{SharedDraft, Term, TuiError};
use crate::store::Store;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use std::io;

pub(super) fn setup() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Put the terminal back as we found it. Best effort: the terminal may be gone.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

pub(super) fn save_shared_draft(store: &Store, author: &str, draft: &SharedDraft) {
    let d = draft
        .lock()
        .map(|d| d.clone())
        .unwrap_or_else(|e| e.into_inner().clone());
    if let Some(d) = d {
        let _ = store.save_draft(author, &d);
    }
}

pub(super) fn install_panic_hook(store: Store, author: String, draft: SharedDraft) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        save_shared_draft(&store, &author, &draft);
        restore();
        previous(info);
    }));
}

pub(super) fn spawn_signal_thread(
    store: Store,
    author: String,
    draft: SharedDraft,
) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                save_shared_draft(&store, &author, &draft);
                if sig != SIGHUP {
                    restore();
                }
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop, and take it again when resumed.
pub(super) fn suspend(terminal: &mut Term) -> Result<(), TuiError> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    setup()?;
    terminal.backend_mut().forget_cursor();
    terminal.clear()?;
    Ok(())
}
