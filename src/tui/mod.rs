//! The terminal: setup and restore (raw mode, alternate screen, bracketed paste, cursor), the
//! event loop, signals and suspend.
//!
//! The loop blocks on input (no timer, no polling tick), hands each event to `App::handle`,
//! carries out the effect through the store, and redraws; ratatui then writes only the cells
//! that changed. A dedicated thread catches SIGHUP/SIGTERM/SIGINT/SIGQUIT, writes any unsaved
//! editor text to the user's draft file and exits: a dropped SSH connection loses nothing and
//! leaves no process spinning. The terminal is restored on every exit path, panics included.

mod boards;
mod filters;
mod loading;
mod probe;
mod terminal;

use crate::app::{App, Effect, Msg, SyncFailure};
use crate::backend::{self, WideAwareBackend};
use crate::config::{AmbiguousWidth, Config};
use crate::effects::Runner;
use crate::model::Draft;
use crate::model::review::ReviewScope;
use crate::store::{Store, StoreError, Versions};

/// The task file an effect writes, if it writes one.
fn touched_task(effect: &Effect) -> Option<u32> {
    match effect {
        Effect::Apply { change, .. } => Some(change.task()),
        Effect::Attach { task, .. } => Some(*task),
        Effect::Review(crate::model::review::ReviewChange::Reviewed { task, .. }) => Some(*task),
        _ => None,
    }
}

use crate::strings::{Lang, tui as s};
use crate::ui;
use crate::watch::Watch;
use chrono::NaiveDate;
use crossterm::event::{self, Event};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};
use loading::{LOAD_POLL, Loading, start_loading};
use probe::utf8_locale;
pub use probe::{Probe, decide};
use ratatui::Terminal;
use std::io::{self, IsTerminal, Stdout};
use std::sync::{Arc, Mutex, mpsc};
pub use terminal::restore;
use terminal::{install_panic_hook, save_shared_draft, setup, spawn_signal_thread, suspend};

/// Why the board could not be shown (`Display` is the English message; `message` follows
/// the configured language).
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", s::terminal_error(Lang::En, .0))]
    Io(#[from] io::Error),
    #[error("{}", s::not_a_terminal(Lang::En))]
    NotATerminal,
    #[error("{}", s::dumb_terminal(Lang::En))]
    DumbTerminal,
}

impl TuiError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TuiError::Store(e) => e.to_string(),
            TuiError::Io(e) => s::terminal_error(lang, e),
            TuiError::NotATerminal => s::not_a_terminal(lang).to_string(),
            TuiError::DumbTerminal => s::dumb_terminal(lang).to_string(),
        }
    }
}

/// Whether TERM says the terminal cannot move the cursor or draw colours (`TERM=dumb`: Emacs
/// shells, some CI logs and serial consoles).
pub fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

type Term = Terminal<WideAwareBackend<Stdout>>;

/// The unsaved editor text, shared with the signal thread and the panic hook.
type SharedDraft = Arc<Mutex<Option<Draft>>>;

/// Start in the review meeting (`keywork review`) rather than on the board.
#[derive(Debug, Clone, Default)]
pub struct ReviewStart {
    /// The meeting's date (default: today in the display time zone).
    pub date: Option<NaiveDate>,
    /// Which tasks a new meeting walks; asked when not given.
    pub scope: Option<ReviewScope>,
    /// `review --filter`: the quick filter for this run.
    pub filter: Option<crate::model::filter::Filter>,
}

/// Open the board in the terminal until the user quits.
pub fn run(
    config: &Config,
    store: Store,
    author: String,
    review: Option<ReviewStart>,
) -> Result<(), TuiError> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal);
    }
    if dumb_terminal() {
        return Err(TuiError::DumbTerminal);
    }
    let draft: SharedDraft = Arc::new(Mutex::new(None));
    setup()?;
    install_panic_hook(store.clone(), author.clone(), draft.clone());
    let mut session = Session {
        config,
        store: &store,
        author: &author,
        draft: &draft,
        had_draft: false,
        review_date: review.as_ref().and_then(|r| r.date),
        filters: None,
        switch_to: None,
        known: Versions::new(),
        // Watching starts after the first frame (setting up inotify is not free).
        watch: Watch::polling(),
        syncing: None,
        utf8: true,
        loading: None,
    };
    let result = session.run(review);
    let switch_to = session.switch_to.take();
    if result.is_err() {
        // The terminal went away (a dropped connection reads as an error before SIGHUP
        // arrives, on a busy machine): keep the editor's text here, not only in the signal
        // thread, which the process may not wait for.
        save_shared_draft(&store, &author, &draft);
    }
    restore();
    match (result, switch_to) {
        (Ok(()), Some(name)) => Err(TuiError::Io(boards::exec(&name, &author))),
        (result, _) => result,
    }
}

/// Everything the event loop needs besides the app and the terminal.
struct Session<'a> {
    config: &'a Config,
    store: &'a Store,
    author: &'a str,
    draft: &'a SharedDraft,
    /// A draft from an earlier session was reopened (its file goes once it is dealt with).
    had_draft: bool,
    review_date: Option<NaiveDate>,
    /// The version of each task file this screen shows; another process's change differs.
    known: Versions,
    /// When to look for others' changes.
    watch: Watch,
    /// A `keywork sync` running in the background: what it did, or why it failed.
    syncing: Option<mpsc::Receiver<Result<crate::sync::Outcome, crate::sync::SyncError>>>,
    /// Whether the terminal decodes UTF-8 (its answer to the probe, else the locale).
    utf8: bool,
    /// The board being read after the first frame.
    loading: Option<Loading>,
    /// The quick filter remembered for this user and board.
    filters: Option<filters::Memory>,
    /// The board to open once this one is left (`B`).
    switch_to: Option<String>,
}

impl Session<'_> {
    /// Everything between taking the terminal and giving it back.
    fn run(&mut self, review: Option<ReviewStart>) -> Result<(), TuiError> {
        let config = self.config;
        // The probe goes out first and its answer is read after the first frame, which is
        // drawn with the answer remembered for this terminal type: nothing waits on the
        // terminal before the board is on screen (a round trip over SSH).
        let auto = config.ambiguous_width == AmbiguousWidth::Auto;
        let key = probe::terminal_key();
        let memory = probe::Memory::user().filter(|_| auto);
        let remembered = memory.as_ref().and_then(|m| m.get(&key));
        let (first, ask) = probe::before_first_frame(remembered);
        let ask = auto && ask && probe::send_probe(&mut io::stdout()).is_ok();
        let started = open_app(config, self.store);
        let wide = match config.ambiguous_width {
            AmbiguousWidth::Narrow => false,
            AmbiguousWidth::Wide => true,
            AmbiguousWidth::Auto => first.wide,
        };
        self.utf8 = first.utf8.unwrap_or_else(utf8_locale);
        let mut app = started?;
        app.display.wide = wide;
        let given = review.as_ref().and_then(|r| r.filter.clone());
        self.filters = filters::Memory::restore(&mut app, self.store, given);
        spawn_signal_thread(
            self.store.clone(),
            self.author.to_string(),
            self.draft.clone(),
        )?;
        // A fresh screen without `Terminal::clear`, which would ask the terminal for the
        // cursor position: one more round trip over SSH before the first frame.
        execute!(io::stdout(), Clear(ClearType::All))?;
        let mut terminal = Terminal::new(WideAwareBackend::new(io::stdout()))?;
        let size = terminal.size()?;
        app.handle(Msg::Resize(size.width, size.height));
        // The first frame from the summaries, then everything else while the user reads it.
        backend::draw(&mut terminal, |f| ui::render(&app, f))?;
        if ask {
            // Before crossterm reads input: the reply precedes any key typed after the frame.
            let reply = probe::read_reply(
                probe::read_stdin,
                std::time::Instant::now,
                probe::REPLY_LIMIT,
            );
            let (remember, redraw) = probe::after_reply(first, reply);
            if let Some(m) = &memory {
                let _ = m.put(&key, remember);
            }
            if let Some(answer) = redraw {
                app.display.wide = answer.wide;
                self.utf8 = answer.utf8.unwrap_or_else(utf8_locale);
                // Every cell may change width: a blank screen and a fresh terminal (whose
                // `clear` would ask for the cursor position again).
                execute!(io::stdout(), Clear(ClearType::All))?;
                terminal = Terminal::new(WideAwareBackend::new(io::stdout()))?;
                backend::draw(&mut terminal, |f| ui::render(&app, f))?;
            }
        }
        // The tasks themselves are read beside the event loop: keys that only move over the
        // board are answered at once however large it is.
        self.loading = Some(start_loading(self.store));
        if let Some(r) = review {
            self.wait_for_board(&mut app)?;
            app.now = config.now();
            let date = r.date.unwrap_or_else(|| app.now.date_naive());
            let first = match r.scope {
                Some(scope) if self.store.load_review(date)?.is_none() => {
                    Effect::StartReview { scope }
                }
                _ => Effect::OpenReview,
            };
            self.carry_out(&mut terminal, &mut app, vec![first])?;
        }
        self.event_loop(&mut terminal, &mut app)
    }

    fn event_loop(&mut self, terminal: &mut Term, app: &mut App) -> Result<(), TuiError> {
        backend::draw(terminal, |f| ui::render(app, f))?;
        loop {
            // Wait for input, looking for other people's changes as soon as the board
            // directory reports one (and once a second in any case). Nothing is drawn and
            // nothing is written while nobody does anything. An error here (the terminal went
            // away) ends the loop rather than spinning.
            let wait = match self.loading {
                Some(_) => LOAD_POLL,
                None => self.watch.wait(),
            };
            if !event::poll(wait)? {
                if self.loading.is_some() {
                    if self.board_arrived(app)? {
                        backend::draw(terminal, |f| ui::render(app, f))?;
                    }
                    continue;
                }
                let others = self.watch.due() && self.take_others_changes(app, None)?;
                if others | self.sync_finished(app) {
                    backend::draw(terminal, |f| ui::render(app, f))?;
                }
                continue;
            }
            let msg = match event::read()? {
                Event::Key(k) if k.is_press() => Msg::Key(k),
                Event::Paste(s) => Msg::Paste(s),
                Event::Resize(w, h) => Msg::Resize(w, h),
                _ => continue,
            };
            if self.loading.is_some() && app.waits_for_tasks(&msg) {
                self.wait_for_board(app)?;
            }
            app.now = self.config.now();
            let effects = app.handle(msg);
            if let Some(first) = effects.first() {
                // Others' changes first, so that ours is not reported back as theirs; then
                // whatever someone else wrote while ours was being saved.
                self.take_others_changes(app, None)?;
                let ours = touched_task(first);
                self.carry_out(terminal, app, effects)?;
                self.take_others_changes(app, ours)?;
            }
            self.keep_draft(app)?;
            if let Some(m) = &mut self.filters {
                m.after_event(app);
            }
            if app.quit {
                // A sync half-way through a merge finishes first (git would go on alone).
                if let Some(rx) = self.syncing.take() {
                    let _ = rx.recv_timeout(std::time::Duration::from_secs(60));
                }
                return Ok(());
            }
            backend::draw(terminal, |f| ui::render(app, f))?;
        }
    }

    /// Carry out effects in order, handing each result to the app, and then the effects the
    /// results ask for.
    fn carry_out(
        &mut self,
        terminal: &mut Term,
        app: &mut App,
        effects: Vec<Effect>,
    ) -> Result<(), TuiError> {
        let runner = Runner {
            store: self.store,
            author: self.author,
            review_date: self.review_date,
        };
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            let msg = match effect {
                Effect::Suspend => {
                    suspend(terminal)?;
                    None
                }
                Effect::Sync => self.start_sync(),
                Effect::ListBoards => Some(Msg::BoardsListed(boards::list(
                    self.store.dir(),
                    &self.config.board,
                ))),
                Effect::SwitchBoard(name) => {
                    // The loop ends and keywork starts again on the chosen board.
                    self.switch_to = Some(name);
                    app.quit = true;
                    None
                }
                other => runner.run(app, other),
            };
            if let Some(msg) = msg {
                queue.extend(app.handle(msg));
            }
        }
        Ok(())
    }

    /// Share the board through git in a thread: fetching and pushing may take seconds over
    /// the network, and the screen stays usable meanwhile. What the merge brings in is
    /// reloaded like any other person's change; the outcome shows when it is done (a
    /// message now only if a sync is running already).
    fn start_sync(&mut self) -> Option<Msg> {
        if self.syncing.is_some() {
            return Some(Msg::SyncDone(Err(SyncFailure::Running)));
        }
        let (tx, rx) = mpsc::channel();
        let store = self.store.clone();
        let who = crate::sync::Who::here(self.author);
        let en = self.config.lang == crate::config::Lang::En;
        std::thread::spawn(move || {
            let _ = tx.send(crate::sync::sync(&store, &who, en, true));
        });
        self.syncing = Some(rx);
        None
    }

    /// Whether a background sync has just finished (its outcome is then on screen).
    fn sync_finished(&mut self, app: &mut App) -> bool {
        let Some(rx) = &self.syncing else {
            return false;
        };
        let result = match rx.try_recv() {
            Ok(r) => r.map_err(SyncFailure::from),
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => Err(SyncFailure::Stopped),
        };
        self.syncing = None;
        // What the merge changed first, so that the outcome is the last word.
        let _ = self.take_others_changes(app, None);
        // It asks for no effect.
        app.handle(Msg::SyncDone(result));
        true
    }

    /// Reload the tasks another process changed since we last looked (except `ours`, the one
    /// our own change just wrote); whether there were any.
    fn take_others_changes(&mut self, app: &mut App, ours: Option<u32>) -> Result<bool, TuiError> {
        if self.loading.is_some() {
            // Nothing to compare with yet: the load brings the latest files.
            return Ok(false);
        }
        self.watch.looked();
        let now = self.store.versions();
        let mut changed = Store::changed(&self.known, &now);
        changed.retain(|n| Some(*n) != ours);
        if changed.is_empty() {
            self.known = now;
            return Ok(false);
        }
        app.now = self.config.now();
        // It asks for no effect.
        app.handle(Msg::OthersChanged(self.store.load_tasks(&changed)?));
        self.known = now;
        Ok(true)
    }

    /// Share the editor's unsaved text with the signal thread; forget a reopened draft once
    /// it has been saved or discarded.
    fn keep_draft(&mut self, app: &App) -> Result<(), TuiError> {
        let current = app.draft();
        *self.draft.lock().unwrap_or_else(|e| e.into_inner()) = current;
        if self.had_draft && app.editor().is_none() {
            self.store.clear_draft(self.author)?;
            self.had_draft = false;
        }
        Ok(())
    }
}

/// The app on the latest board, from its summaries: enough for the first frame however
/// large the board is. `finish_loading` brings the tasks themselves.
fn open_app(config: &Config, store: &Store) -> Result<App, TuiError> {
    let (meta, summaries) = store.load_summaries()?;
    let mut app = App::from_summaries(meta, summaries, config, config.now());
    app.display.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Ok(app)
}
