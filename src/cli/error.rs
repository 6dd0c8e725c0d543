//! The command line's error: what kind it is (which decides the exit code), what went wrong
//! (a library error kept as its type, or a message of the catalogue), and hints. It is put
//! into words only when shown, in the user's language (jj's `CommandError` is the model).

use crate::config::ConfigError;
use crate::model::ModelError;
use crate::store::StoreError;
use crate::strings::Lang;
use crate::strings::errors::Voiced;
use crate::sync::SyncError;
use crate::tomlfile::FileError;
use std::io;
use std::process::ExitCode;

/// Which exit code an error deserves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad arguments or input the user can correct: exit 2.
    Usage,
    /// Anything else: exit 1.
    Runtime,
}

/// A message that is put into words in the language of the run.
pub type Say = Box<dyn Fn(Lang) -> String>;

/// What went wrong, with its type.
pub enum Cause {
    Store(StoreError),
    Model(ModelError),
    Config(ConfigError),
    Sync(SyncError),
    File(FileError),
    Io(io::Error),
    Merge(crate::sync::merge::MergeError),
    /// A sentence of the catalogue (`strings::cli`).
    Said(Say),
}

/// An error of a command: its kind, its cause, and what the user can do.
pub struct Failure {
    pub kind: Kind,
    pub cause: Cause,
    hints: Vec<Say>,
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.render(Lang::En))
    }
}

impl Failure {
    fn new(kind: Kind, cause: Cause) -> Self {
        Failure {
            kind,
            cause,
            hints: Vec::new(),
        }
    }

    /// Bad arguments, said by a catalogue message.
    pub fn usage(say: impl Fn(Lang) -> String + 'static) -> Self {
        Self::new(Kind::Usage, Cause::Said(Box::new(say)))
    }

    /// A failure of the run, said by a catalogue message.
    pub fn runtime(say: impl Fn(Lang) -> String + 'static) -> Self {
        Self::new(Kind::Runtime, Cause::Said(Box::new(say)))
    }

    /// Something the user can do about it, shown under the message.
    pub fn hint(mut self, say: impl Fn(Lang) -> String + 'static) -> Self {
        self.hints.push(Box::new(say));
        self
    }

    /// Text from code that is not converted to the catalogue yet (shown as it is, in one
    /// language). New code uses [`Failure::usage`] with a catalogue message.
    #[allow(non_snake_case)]
    pub fn Usage(message: String) -> Self {
        Self::usage(move |_| message.clone())
    }

    /// As [`Failure::Usage`], for a failure of the run.
    #[allow(non_snake_case)]
    pub fn Runtime(message: String) -> Self {
        Self::runtime(move |_| message.clone())
    }

    /// The message and its hints, in `lang`, without the `keywork:` prefix.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = match &self.cause {
            Cause::Store(e) => e.say(lang),
            Cause::Model(e) => e.say(lang),
            Cause::Config(e) => e.say(lang),
            Cause::Sync(e) => e.say(lang),
            Cause::File(e) => e.say(lang),
            Cause::Io(e) => e.say(lang),
            Cause::Merge(e) => e.say(lang),
            Cause::Said(say) => say(lang),
        };
        for h in &self.hints {
            s.push('\n');
            s.push_str(&crate::strings::cli::hint(lang, &h(lang)));
        }
        s
    }

    /// The exit code: 2 for usage, 1 for the rest.
    pub fn exit_code(&self) -> ExitCode {
        match self.kind {
            Kind::Usage => ExitCode::from(2),
            Kind::Runtime => ExitCode::from(1),
        }
    }

    /// A reader that went away (`keywork status | head`): not an error. Found by the OS
    /// error's kind anywhere in the cause.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match &self.cause {
            Cause::Io(e) => Some(e),
            Cause::File(e) | Cause::Store(StoreError::File(e)) => file_io(e),
            _ => None,
        };
        io.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }
}

fn file_io(e: &FileError) -> Option<&io::Error> {
    match e {
        FileError::Io { source, .. } | FileError::Write { source, .. } => Some(source),
        _ => None,
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Model(m) => m.into(),
            other => Self::new(Kind::Runtime, Cause::Store(other)),
        }
    }
}

impl From<ModelError> for Failure {
    fn from(e: ModelError) -> Self {
        Self::new(Kind::Usage, Cause::Model(e))
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Self::new(Kind::Runtime, Cause::Config(e))
    }
}

impl From<SyncError> for Failure {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(s) => s.into(),
            other => Self::new(Kind::Runtime, Cause::Sync(other)),
        }
    }
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Self::new(Kind::Runtime, Cause::File(e))
    }
}

impl From<crate::sync::merge::MergeError> for Failure {
    fn from(e: crate::sync::merge::MergeError) -> Self {
        Self::new(Kind::Runtime, Cause::Merge(e))
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Self::new(Kind::Runtime, Cause::Io(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_pipe_is_found_by_its_kind_not_its_text() {
        let pipe = Failure::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        // A message that merely says "Broken pipe" is a real error.
        let said = Failure::runtime(|_| "Broken pipe".to_string());
        assert!(!said.is_broken_pipe());
        let other = Failure::from(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!other.is_broken_pipe());
    }

    #[test]
    fn the_kind_decides_the_exit_code_and_the_message_follows_the_language() {
        let e = Failure::from(StoreError::Model(ModelError::UnknownTask(99)));
        assert_eq!(e.kind, Kind::Usage);
        assert_eq!(e.exit_code(), ExitCode::from(2));
        assert_eq!(e.render(Lang::En), "no task 99 on this board");
        assert_eq!(e.render(Lang::Zh), "本看板没有第 99 项任务");
        let io = Failure::from(io::Error::from(io::ErrorKind::NotFound));
        assert_eq!(io.kind, Kind::Runtime);
        let hinted = Failure::usage(|l| crate::strings::errors::bad_number(l, "x"))
            .hint(|l| crate::strings::errors::bad_number(l, "y"));
        let zh = hinted.render(Lang::Zh);
        assert_eq!(zh.lines().count(), 2, "{zh}");
        assert!(zh.lines().all(|l| l.contains("数字")), "{zh}");
    }
}
