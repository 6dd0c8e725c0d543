//! The command line: clap definitions, the shared context of a run, exit codes.
//!
//! Owns parsing arguments, finding the board and the config, and turning errors into a message
//! on stderr with exit code 1 (runtime) or 2 (usage). The commands themselves live in
//! `commands`, their printed forms in `output`. A broken pipe (`keywork status | head`) is
//! not an error.

mod attach;
mod boards;
mod collect;
mod commands;
mod error;
mod export;
mod filter;
pub mod follow;
mod help;
mod history;
mod notes;
mod outfile;
mod output;
mod owners;
mod report_docx;
mod run;
mod sync;

pub use error::{Failure, Kind};
pub use run::{Ctx, main};

use crate::config::{self, Config, Lang};
use crate::model::Stamp;
use crate::store::{Store, StoreError};
use crate::strings;
use clap::{CommandFactory, Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal progress board for a district's annual key work tasks (重点工作任务).
#[derive(Debug, Parser)]
#[command(name = "keywork", version, about, long_about = None)]
pub struct Cli {
    /// The board: a NAME in the data dir's boards/ (see `keywork boards`) or a DIR with a `/`
    /// (./board). Default: the config's `board` ("default").
    #[arg(long, global = true, env = "KEYWORK_BOARD", value_name = "NAME|DIR")]
    pub board: Option<PathBuf>,
    /// Who makes the change (default: KEYWORK_AUTHOR, config `author`, the login name).
    /// With `log`: show only this person's changes.
    #[arg(long, global = true, value_name = "NAME")]
    pub author: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Counts per status, overdue, changed this week; one line per task.
    Status {
        /// Machine-readable output (a stable contract).
        #[arg(long)]
        json: bool,
        /// Only tasks this unit leads or partners in (part of a name is enough: 旧改办).
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        /// Only tasks with a schedule warning (red, yellow, due soon) or overdue.
        #[arg(long)]
        warnings: bool,
        /// Only tasks passing a filter, as on the board: unit:区旧改办 warn:red due:14 status:doing changed.
        #[arg(long, value_name = "EXPR")]
        filter: Option<String>,
    },
    /// One task as a tree: measures, notes, targets, history.
    Show {
        /// Task number.
        task: u32,
        #[arg(long)]
        json: bool,
    },
    /// Change the status of a task (N) or a measure (N.M).
    Set {
        /// Task or measure: 15 or 15.2.
        item: String,
        /// Status: Chinese name, English key (todo doing behind done) or column number.
        status: String,
        /// Why it is closed without evidence (a done status on an item without a note with a
        /// reference); recorded in its history.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Add an evidence note (佐证) to a task or measure.
    Note {
        /// Task or measure: 15 or 15.2.
        item: String,
        /// The note; "-" reads it from standard input (several lines kept).
        text: String,
        /// Reference: document number (文号), path or URL.
        #[arg(long = "ref", value_name = "REF")]
        reference: Option<String>,
    },
    /// Attach evidence files: a new note on a task or measure (15, 15.2), or more files on an
    /// existing note (its id). The files are copied into the board's files/.
    Attach {
        /// Task, measure (15, 15.2) or the id of an existing note.
        on: String,
        /// The files (regular files; symlinks are refused).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Text of the new note (default: the file names).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Reference of the new note: document number (文号).
        #[arg(long = "ref", value_name = "REF")]
        reference: Option<String>,
    },
    /// Print where a note's files are kept (one path a line; nothing is opened).
    Open {
        /// The note's id, as `show N` lists it.
        note: String,
    },
    /// Delete a mistaken note (its text stays in the history; `restore-note` puts it back).
    RmNote {
        /// The note's id, as `show N` lists it (in brackets).
        id: String,
    },
    /// Put a deleted note back from the history (undo of `rm-note`, also after a restart).
    RestoreNote {
        /// The deleted note's id, as `log` lists it.
        id: String,
    },
    /// Move a note to another task (N) or measure (N.M): a deletion and an addition in one.
    MoveNote {
        /// The note's id.
        id: String,
        /// Where it goes: 16 or 16.2.
        to: String,
    },
    /// Update a target's current value (target N#K, as listed by `show N`).
    Target {
        /// Target id: 15#3 (the old form 15.3 still works, with a warning).
        id: String,
        /// Current value: 120, 7.4万, 1,200.
        #[arg(allow_negative_numbers = true)]
        value: String,
    },
    /// Set the lead (牵头) and partner (配合) units of a task (N) or measure (N.M).
    Assign {
        /// Task or measure: 15 or 15.2.
        item: String,
        /// Lead unit(s): 区旧改办 (several: 区旧改办、区房管局).
        #[arg(long, required = true, value_name = "UNIT")]
        lead: String,
        /// Partner unit; repeat the option or list them: 区房管局、街道.
        #[arg(long = "partner", value_name = "UNIT")]
        partners: Vec<String>,
    },
    /// Set the deadline (时间节点) of a task (N) or measure (N.M).
    Due {
        /// Task or measure: 15 or 15.2.
        item: String,
        /// 2023-12-31, 12-31 (the board's year), 年底, Q1–Q4 (一季度–四季度) or 上半年.
        #[arg(required_unless_present = "clear", conflicts_with = "clear")]
        date: Option<String>,
        /// Remove the deadline.
        #[arg(long)]
        clear: bool,
        /// Record the change as an extension (延期): the original deadline is kept. Also for a
        /// decision (D15-2).
        #[arg(long, requires = "reason", conflicts_with = "clear")]
        extend: bool,
        /// Why the extension was granted.
        #[arg(long, value_name = "TEXT", requires = "extend")]
        reason: Option<String>,
        /// Who approved the extension.
        #[arg(long, value_name = "NAME", requires = "extend")]
        approved_by: Option<String>,
    },
    #[command(flatten)]
    Follow(follow::FollowCommand),
    /// The history of changes, newest first.
    Log {
        /// Only this task.
        task: Option<u32>,
        /// Only changes on or after this date (2023-10-01).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// At most this many changes.
        #[arg(short = 'n', long, value_name = "N")]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// The weekly review meeting (周例会), in the terminal.
    Review {
        /// The meeting's date (default: today); an unfinished review of that date resumes.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Which tasks to walk: all, changed, behind, overdue (default: asked at the start).
        #[arg(long, value_enum)]
        scope: Option<ScopeArg>,
        /// Only tasks passing a filter (as `status --filter`); the board keeps it for this run.
        #[arg(long, value_name = "EXPR")]
        filter: Option<String>,
    },
    /// The weekly report (Markdown, or Word): by period or for one review meeting.
    Report {
        /// md (default) or docx: a Word document in the official layout (GB/T 9704).
        #[arg(long, value_enum, default_value = "md")]
        format: ReportFormat,
        /// Changes on or after this date (default: since the last finished review, else 7 days).
        #[arg(long, value_name = "DATE", conflicts_with = "review")]
        since: Option<String>,
        /// The report of the review meeting of this date.
        #[arg(long, value_name = "DATE")]
        review: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only tasks passing a filter (as `status --filter`).
        #[arg(long, value_name = "EXPR")]
        filter: Option<String>,
    },
    /// The ledger (台账) as CSV or Excel, or a unit's progress form (进展填报).
    Export {
        #[arg(
            long,
            value_enum,
            required_unless_present = "form",
            conflicts_with = "form"
        )]
        format: Option<ExportFormat>,
        /// A progress form for --unit to fill in and send back (`keywork collect`).
        #[arg(long, requires = "unit")]
        form: bool,
        /// Only this unit's tasks and measures (as lead or partner; the full name).
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        /// Write to this file (default: standard output for CSV, keywork-台账.xlsx for Excel).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// One row per task or per measure.
        #[arg(long, value_enum, default_value = "task")]
        level: ExportLevel,
        /// 进展情况 lists the evidence added from this date on (default: the weekly report's
        /// period — since the last meeting, or the last seven days).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only tasks passing a filter (as `status --filter`).
        #[arg(long, value_name = "EXPR")]
        filter: Option<String>,
    },
    /// Create a board from the built-in published list (2023) in the board directory
    /// (default, --board or KEYWORK_BOARD), which must hold no board yet.
    Init,
    /// Apply filled-in progress forms (进展填报): notes, statuses, target values.
    Collect {
        /// The filled forms (.xlsx).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print what would be applied and stop.
        #[arg(long)]
        dry_run: bool,
    },
    /// Create the board from a published task list.
    Import {
        /// A text list (UTF-8, GBK or UTF-16), or a Word (.docx) or Excel (.xlsx) file.
        file: PathBuf,
        /// Replace an existing board (the old one is backed up first).
        #[arg(long)]
        force: bool,
        /// Print what would be created and every line set aside, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// With --dry-run: print it as JSON.
        #[arg(long, requires = "dry_run")]
        json: bool,
        /// Which numbering level holds the tasks (1 = the outermost in the file).
        #[arg(long, value_name = "N")]
        level: Option<usize>,
        /// Take a revised list into the existing board: statuses, notes, history and current
        /// values stay; what the new list lacks is kept and listed.
        #[arg(long, conflicts_with = "force")]
        update: bool,
    },
    /// Check the board and explain what is wrong and how to fix it.
    Doctor {
        /// Remove what is safe to remove: temp files of interrupted writes, the cache.
        #[arg(long)]
        fix: bool,
    },
    /// Share the board with other offices through git: commit, fetch, merge, push.
    Sync {
        /// Make this board a git repository that pushes to REMOTE (a path, or any URL git
        /// understands, e.g. user@host:boards/district.git); a missing local path becomes a
        /// new bare repository.
        #[arg(long, value_name = "REMOTE", conflicts_with = "clone")]
        setup: Option<String>,
        /// Create the board (in --board DIR, new or empty) from REMOTE, set up by another
        /// office.
        #[arg(long, value_name = "REMOTE")]
        clone: Option<String>,
    },
    /// The git merge driver for board files (registered by `sync`; git calls it).
    #[command(hide = true)]
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's path in the board.
        path: PathBuf,
    },
    /// Print the config and board paths in use.
    Config,
    /// The boards in the data dir: name, title, year, counts, last change (* the default).
    Boards {
        #[arg(long)]
        json: bool,
    },
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScopeArg {
    All,
    Changed,
    Behind,
    Overdue,
}

impl ScopeArg {
    fn scope(self) -> crate::model::review::ReviewScope {
        use crate::model::review::ReviewScope;
        match self {
            ScopeArg::All => ReviewScope::All,
            ScopeArg::Changed => ReviewScope::Changed,
            ScopeArg::Behind => ReviewScope::Behind,
            ScopeArg::Overdue => ReviewScope::Overdue,
        }
    }
}

/// A date as users type it: `2023-10-12`, or `10-12` for this year.
pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, Failure> {
    let s = s.trim();
    let year = chrono::Local::now().format("%Y").to_string();
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(&format!("{year}-{s}"), "%Y-%m-%d"))
        .map_err(|_| {
            let s = s.to_string();
            Failure::usage(move |l| strings::cli::bad_date(l, &s))
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportLevel {
    Task,
    Measure,
}
