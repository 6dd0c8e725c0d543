//! Evidence files from the command line: `attach` copies files into the board and links them
//! to a note, `open` prints where a note's files are kept.

use super::{Ctx, Failure};
use crate::model::{FileRef, ItemRef, ModelError, Note, files::human_size};
use crate::store::Scope;
use crate::store::files::{FileError, Limits};
use crate::strings::files as msg;
use crate::text;
use std::io::Write;
use std::path::PathBuf;

/// The limits of the config's `[files]`.
pub fn limits(ctx: &Ctx) -> Limits {
    Limits::from_mb(ctx.config.files.max_file_mb, ctx.config.files.max_board_mb)
}

fn refused(e: FileError) -> Failure {
    Failure::runtime(move |lang| e.message(lang))
}

/// `keywork attach ITEM|NOTE FILE… [--note TEXT] [--ref REF]`: a new note on a task or
/// measure with the files, or the files added to an existing note.
pub fn attach(
    ctx: &Ctx,
    on: &str,
    files: &[PathBuf],
    note: Option<&str>,
    reference: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    ctx.ensure_board()?;
    let item: Option<ItemRef> = on.parse().ok();
    let existing = match item {
        Some(_) => None,
        None => {
            let board = ctx.store.load()?;
            let (task, _) = board.find_note(on).ok_or_else(|| {
                let on = text::one_line(on);
                Failure::usage(move |lang| msg::not_item_or_note(lang, &on))
            })?;
            if note.is_some() || reference.is_some() {
                let on = on.to_string();
                return Err(Failure::usage(move |lang| {
                    msg::note_text_with_id(lang, &on)
                }));
            }
            Some(task)
        }
    };
    if let Some(r) = item {
        // An item that does not exist is refused before anything is copied.
        ctx.store.load_task(r.task)?.check_ref(r)?;
    }
    let limits = limits(ctx);
    // Every file is checked (regular, within the limits) before any is copied.
    let mut sizes = 0u64;
    for f in files {
        let size = ctx.store.check_file(f, limits).map_err(refused)?;
        sizes = sizes.saturating_add(size);
        let used = ctx.store.files_used();
        if used.saturating_add(sizes) > limits.max_board {
            return Err(refused(FileError::BoardFull {
                path: f.clone(),
                size,
                used,
                limit: limits.max_board,
            }));
        }
    }
    let mut stored: Vec<FileRef> = Vec::new();
    for f in files {
        stored.push(ctx.store.store_file(f, limits).map_err(refused)?);
    }
    let stamp = ctx.stamp();
    let (id, item, count) = match (item, existing) {
        (Some(r), _) => {
            let names: Vec<String> = stored.iter().map(|f| text::strip_line(&f.name)).collect();
            let body = match note {
                Some(t) => text::strip(t),
                None => names.join(msg::list_sep(lang)),
            };
            let reference = reference.map(text::strip_line);
            let (id, _) = ctx.store.update(Scope::Task(r.task), |b| {
                b.add_note_with_files(r, &body, reference.as_deref(), &stored, &stamp)
            })?;
            (id, r.to_string(), stored.len())
        }
        (None, Some(task)) => {
            let (count, board) = ctx
                .store
                .update(Scope::Task(task), |b| b.attach_files(on, &stored, &stamp))?;
            let item = board
                .find_note(on)
                .and_then(|(n, i)| board.task(n).map(|t| (n, &t.notes[i])))
                .map(|(n, note)| note.on.clone().unwrap_or_else(|| n.to_string()))
                .unwrap_or_else(|| task.to_string());
            (on.to_string(), item, count)
        }
        (None, None) => unreachable!("an item or an existing note"),
    };
    writeln!(out, "{}", msg::attached(lang, count, &id, &item))?;
    let board = ctx.store.load()?;
    if let Some(note) = board
        .find_note(&id)
        .and_then(|(n, i)| board.task(n).map(|t| &t.notes[i]))
    {
        for f in stored.iter().filter(|s| !note.files.contains(s)) {
            writeln!(out, "  {}", msg::already(lang, &f.shown_name()))?;
        }
        write_files(ctx, note, "  ", out)?;
    }
    Ok(())
}

/// A note's files, one line each: name, size, kind, where it is kept.
pub fn write_files(
    ctx: &Ctx,
    note: &Note,
    indent: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = ctx.config.lang;
    for f in &note.files {
        writeln!(
            out,
            "{indent}{} {}  {} · {}",
            msg::files_label(lang),
            f.shown_name(),
            human_size(f.size),
            msg::kind(lang, f.kind().key()),
        )?;
    }
    Ok(())
}

/// `keywork open NOTE`: the path of each file of the note, one a line, after checking it is
/// the file its hash says (nothing is started: on a server there is no viewer).
pub fn open(ctx: &Ctx, id: &str, out: &mut impl Write) -> Result<(), Failure> {
    let lang = ctx.config.lang;
    ctx.ensure_board()?;
    let board = ctx.store.load()?;
    let (n, i) = board
        .find_note(id)
        .ok_or_else(|| Failure::from(ModelError::UnknownNote(id.to_string())))?;
    let note = &board.task(n).expect("found above").notes[i];
    if note.files.is_empty() {
        let id = text::one_line(id);
        return Err(Failure::runtime(move |lang| {
            format!("{id}: {}", msg::no_files_on_note(lang))
        }));
    }
    for f in &note.files {
        ctx.store.verify_file(f, lang).map_err(Failure::Runtime)?;
        let path = ctx.store.file_path(&f.sha256).expect("verified");
        // Absolute, to copy elsewhere (`scp server:PATH .`).
        let path = std::path::absolute(&path).unwrap_or(path);
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}
