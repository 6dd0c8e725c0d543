//! The help and clap's own errors in the configured language: the `Command` that clap builds
//! from the definitions gets its texts from `strings::help` before it parses.

use super::Cli;
use crate::strings::{self, Lang};
use clap::CommandFactory;

/// The command line's definition, its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    strings::help::localize(cmd, lang)
}

/// One of clap's errors (unknown option, missing value…) in `lang`.
pub fn clap_error(lang: Lang, e: &clap::Error) -> String {
    strings::help::clap_error(lang, e)
}
