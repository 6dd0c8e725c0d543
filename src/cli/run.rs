//! The edge of the command line: the context every command gets ([`Ctx`]: config, board,
//! author, output) and [`main`], which reads the config, parses the arguments in its language
//! and runs the command.

use super::*;

/// What every command needs: the config, the board, who is acting, how to print.
pub struct Ctx {
    pub config: Config,
    pub store: Store,
    pub author: Option<String>,
    /// Write ANSI colours (`anstream` says stdout takes them: a terminal, `NO_COLOR` unset…).
    pub color: bool,
    /// Width to fit tables and wrap text to; none when piped.
    pub width: Option<usize>,
    /// The board is the default one (no --board, no KEYWORK_BOARD): created on first use.
    pub default_board: bool,
}

impl Ctx {
    /// The language of every message.
    pub fn lang(&self) -> Lang {
        self.config.lang
    }

    pub fn stamp(&self) -> Stamp {
        Stamp {
            author: self.acting_author(),
            at: self.config.now(),
        }
    }

    /// Who makes changes: `--author`, else `KEYWORK_AUTHOR`, else the config, else the login.
    pub fn acting_author(&self) -> String {
        let env = std::env::var("KEYWORK_AUTHOR").ok();
        self.config
            .author(self.author.as_deref().or(env.as_deref()))
    }

    /// Make sure a board exists. Only the default board is created on first use (from the
    /// embedded seed); an explicit --board or KEYWORK_BOARD that holds no board is an error
    /// (exit 1), and a directory with task files but no board.toml is never replaced.
    pub fn ensure_board(&self) -> Result<(), Failure> {
        use crate::store::BoardState;
        match self.store.state()? {
            BoardState::Board => Ok(()),
            BoardState::Orphaned(what) => Err(StoreError::Orphaned {
                dir: self.store.dir().to_path_buf(),
                what,
            }
            .into()),
            BoardState::Vacant if !self.default_board => Err(StoreError::NoBoard {
                dir: self.store.dir().to_path_buf(),
            }
            .into()),
            // A default named in the config that does not exist is not replaced by a new
            // empty board: the board people use does not change silently.
            BoardState::Vacant if self.config.board != "default" => {
                let (name, dir) = (self.config.board.clone(), self.store.dir().to_path_buf());
                Err(Failure::runtime(move |l| {
                    strings::cli::no_configured_board(l, &name, dir.display())
                }))
            }
            BoardState::Vacant => {
                let board = crate::seed::board(self.config.statuses.clone(), self.config.now());
                if self.store.create_if_missing(&board)? {
                    crate::sanitize::eprint_line(&strings::cli::created_default(
                        self.lang(),
                        self.store.dir().display(),
                        crate::seed::SEED_NAME,
                    ));
                    if let Some(w) = self.config.timezone_warning() {
                        crate::sanitize::eprint_line(&strings::cli::note_line(self.lang(), &w));
                    }
                }
                Ok(())
            }
        }
    }
}

/// Run the command line; the binary's whole `main`.
pub fn main() -> ExitCode {
    // The config is read first (one small file): its `lang` decides the language of the help
    // and of every message. A broken config is reported once a command needs it.
    let path = config::config_path();
    let loaded = Config::load(&path);
    let lang = match &loaded {
        Ok(c) => c.lang,
        Err(_) => config::lang_hint(&path).unwrap_or(Config::defaults().lang),
    };
    let cli = match parse(lang) {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // clap echoes the offending argument: cleaned like any other message.
            crate::sanitize::eprint_line(help::clap_error(lang, &e).trim_end());
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    match run(cli, loaded) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            crate::sanitize::eprint_line(&strings::cli::error_line(lang, &e.render(lang)));
            e.exit_code()
        }
    }
}

/// The arguments, the help in `lang`.
fn parse(lang: Lang) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let mut matches = help::command(lang).try_get_matches()?;
    Cli::from_arg_matches_mut(&mut matches)
}

fn run(cli: Cli, loaded: Result<Config, config::ConfigError>) -> Result<(), Failure> {
    if let Some(Command::Completions { shell }) = &cli.command {
        let mut cmd = Cli::command();
        let mut script = Vec::new();
        clap_complete::generate(*shell, &mut cmd, "keywork", &mut script);
        return io::stdout().write_all(&script).map_err(Failure::from);
    }
    if let Some(Command::MergeDriver {
        base,
        ours,
        theirs,
        path,
    }) = &cli.command
    {
        return sync::merge_driver(base, ours, theirs, path);
    }
    let config = loaded?;
    let default_board = cli.board.is_none();
    // A bare name is a board in the data dir; the config names the default one.
    let dir = match &cli.board {
        Some(b) => config::board_dir(b),
        None => config::boards_dir().join(&config.board),
    };
    let stdout = io::stdout();
    let tty = stdout.is_terminal();
    let ctx = Ctx {
        config,
        store: Store::new(dir),
        author: cli.author.clone(),
        color: output::colour_stdout(),
        width: tty.then(terminal_width),
        default_board,
    };
    let review = match &cli.command {
        None => None,
        Some(Command::Review {
            date,
            scope,
            filter,
        }) => Some(crate::tui::ReviewStart {
            date: date.as_deref().map(parse_date).transpose()?,
            scope: scope.map(ScopeArg::scope),
            filter: filter::parse(&ctx, filter.as_deref())?,
        }),
        Some(_) => return run_command(ctx, cli.command, stdout),
    };
    ctx.ensure_board()?;
    let review = match review {
        Some(mut r) => {
            if let Some(f) = r.filter.take() {
                let (meta, _) = ctx.store.load_summaries()?;
                r.filter = Some(filter::resolve(&ctx, f, &meta)?);
            }
            Some(r)
        }
        None => None,
    };
    let author = ctx.acting_author();
    crate::tui::run(&ctx.config, ctx.store.clone().sequential(), author, review)
        .map_err(tui_failure)
}

/// The board's error, kept as its type where it has one.
fn tui_failure(e: crate::tui::TuiError) -> Failure {
    use crate::tui::TuiError;
    match e {
        TuiError::Store(e) => e.into(),
        TuiError::Io(e) => e.into(),
        TuiError::NotATerminal => Failure::runtime(|l| strings::cli::not_a_terminal(l).into()),
        TuiError::DumbTerminal => Failure::runtime(|l| strings::cli::dumb_terminal(l).into()),
    }
}

/// A non-interactive command, its output buffered and guarded: no control character or
/// escape sequence but keywork's own colours reaches standard output.
fn run_command(ctx: Ctx, command: Option<Command>, stdout: io::Stdout) -> Result<(), Failure> {
    let ctx = &ctx;
    let mut out = crate::sanitize::Guard::new(io::BufWriter::new(stdout.lock()), ctx.color);
    let result = commands::dispatch(ctx, command, &mut out);
    let flushed = out.flush();
    // A broken pipe is told apart by `main`, by its kind.
    result.and(flushed.map_err(Failure::from))
}

fn terminal_width() -> usize {
    crossterm::terminal::size()
        .map(|(w, _)| w as usize)
        .unwrap_or(80)
        .max(40)
}
