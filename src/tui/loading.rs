//! The board read beside the event loop: the first frame is drawn from the summaries, the
//! tasks arrive in a thread, and a key that needs the whole board waits for it.

use super::{Session, TuiError};
use crate::app::{App, Msg};
use crate::model::Board;
use crate::store::{Store, StoreError, Versions};
use crate::strings::tui as s;
use crate::watch::Watch;
use std::io;
use std::sync::mpsc;

impl Session<'_> {
    /// The board has been read: hand it to the app, reopen an earlier session's draft, and
    /// start looking for others' changes.
    pub(super) fn finish_loading(
        &mut self,
        app: &mut App,
        read: Result<(Versions, Board), StoreError>,
    ) -> Result<(), TuiError> {
        let (versions, board) = read?;
        // Neither asks for an effect.
        app.handle(Msg::Loaded(Box::new(board)));
        give_back_freed_memory();
        app.handle(Msg::FollowsRead(self.store.load_follows()));
        self.known = versions;
        self.had_draft = match self.store.load_draft(self.author)? {
            Some(d) => {
                app.handle(Msg::DraftRestored(d));
                true
            }
            None => false,
        };
        if !self.had_draft && !self.utf8 {
            app.warn_encoding();
        }
        if self.config.watch {
            self.watch = Watch::start(self.store.dir());
        }
        Ok(())
    }

    /// Wait until the board has been read (a key needs the tasks themselves).
    pub(super) fn wait_for_board(&mut self, app: &mut App) -> Result<(), TuiError> {
        match self.loading.take().map(|rx| rx.recv()) {
            None => Ok(()),
            Some(Ok(read)) => self.finish_loading(app, read),
            Some(Err(_)) => Err(io::Error::other(s::board_read_stopped(self.config.lang)).into()),
        }
    }

    /// Whether the board has just been read (it is then on screen).
    pub(super) fn board_arrived(&mut self, app: &mut App) -> Result<bool, TuiError> {
        let Some(rx) = &self.loading else {
            return Ok(false);
        };
        let read = match rx.try_recv() {
            Err(mpsc::TryRecvError::Empty) => return Ok(false),
            Err(mpsc::TryRecvError::Disconnected) => {
                return Err(io::Error::other(s::board_read_stopped(self.config.lang)).into());
            }
            Ok(read) => read,
        };
        self.loading = None;
        self.finish_loading(app, read).map(|()| true)
    }
}

/// Return to the system the memory the read used and freed: glibc keeps it in the arenas of
/// the threads that parsed the tasks (on the 50k board 2.8 MB, 6.3 MB once its tasks have
/// chunks: `bench/issue17-memory.md`).
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// How often the loop looks whether the board has been read, while it is being read.
pub(super) const LOAD_POLL: std::time::Duration = std::time::Duration::from_millis(5);

/// The whole board, read in a thread (large task files split first: `Store::seal_large_tasks`),
/// with the versions of its files from before the read.
pub(super) type Loading = mpsc::Receiver<Result<(Versions, Board), StoreError>>;

pub(super) fn start_loading(store: &Store) -> Loading {
    let (tx, rx) = mpsc::channel();
    let store = store.clone();
    std::thread::spawn(move || {
        // A task file grown past what a head keeps (a board from before chunks) is split
        // first, with a backup, as its next change would split it: the read below and every
        // later session then read the parsed chunks, in less time and memory. Never waits for
        // another writer.
        store.seal_large_tasks();
        // The versions first: a file changed during the read then counts as someone else's
        // change and is read again; never the other way round.
        let versions = store.versions();
        let read = store.load().map(|mut board| {
            fit(&mut board);
            (versions, board)
        });
        let _ = tx.send(read);
    });
    rx
}

/// Drop the spare room of the notes and events arrays: a task read with its sealed chunks
/// grows them one at a time, up to twice what they hold (the arrays are half the memory the
/// board takes).
fn fit(board: &mut Board) {
    for task in &mut board.tasks {
        task.notes.shrink_to_fit();
        task.history.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemRef, Stamp, default_statuses};
    use crate::store::Scope;

    #[test]
    fn the_board_read_in_the_background_holds_no_spare_room() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let at = chrono::DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        store
            .create(&crate::seed::board(default_statuses(), at), false)
            .unwrap();
        let item: ItemRef = "15".parse().unwrap();
        // Enough notes, one change at a time, for task 15 to seal some in a chunk.
        for i in 0..70 {
            let stamp = Stamp {
                author: "zhang".into(),
                at: at + chrono::Duration::seconds(i + 1),
            };
            store
                .update(Scope::Task(15), |b| {
                    b.add_note(item, &format!("第 {i} 条"), None, &stamp)
                        .map(|_| ())
                })
                .unwrap();
        }
        assert!(
            dir.path().join("tasks/15/1.toml").is_file(),
            "a chunk was sealed"
        );
        // Read as it is, the task's arrays have room to spare.
        let plain = store.load().unwrap();
        let task = plain.task(15).unwrap();
        assert!(task.notes.capacity() > task.notes.len());
        let (_, board) = start_loading(&store).recv().unwrap().unwrap();
        assert_eq!(board, plain);
        for task in &board.tasks {
            assert_eq!(task.notes.capacity(), task.notes.len());
            assert_eq!(task.history.capacity(), task.history.len());
        }
    }
}
