//! Evidence files linked to notes (佐证材料 as files: a scanned notice, a site photo).
//!
//! A note holds a `FileRef` per file: the SHA-256 of its bytes (its name in the board's
//! `files/`), the name it had when attached, and its size. The bytes themselves are the
//! store's business (`store::files`); here only the links and the rules that change them.

use super::*;

/// One file linked to a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    /// SHA-256 of the content, 64 lowercase hex digits: the file's name in `files/`.
    pub sha256: String,
    /// The name it had when attached (never used as a path; shown cleaned).
    pub name: String,
    /// Size in bytes.
    pub size: u64,
}

/// What a file is, told by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Image,
    Word,
    Spreadsheet,
    Slides,
    Text,
    Archive,
    Other,
}

impl FileKind {
    /// Stable key for `--json`.
    pub fn key(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Image => "image",
            FileKind::Word => "document",
            FileKind::Spreadsheet => "spreadsheet",
            FileKind::Slides => "slides",
            FileKind::Text => "text",
            FileKind::Archive => "archive",
            FileKind::Other => "other",
        }
    }
}

/// Whether `s` is a SHA-256 as keywork writes it (and so safe to use as a file name).
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl FileRef {
    /// Its kind, by the extension of its name.
    pub fn kind(&self) -> FileKind {
        let ext = match self.name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
            _ => return FileKind::Other,
        };
        match ext.as_str() {
            "pdf" | "ofd" => FileKind::Pdf,
            "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "heic" => {
                FileKind::Image
            }
            "doc" | "docx" | "wps" | "odt" | "rtf" => FileKind::Word,
            "xls" | "xlsx" | "et" | "ods" | "csv" => FileKind::Spreadsheet,
            "ppt" | "pptx" | "dps" | "odp" => FileKind::Slides,
            "txt" | "md" => FileKind::Text,
            "zip" | "rar" | "7z" | "gz" | "tar" => FileKind::Archive,
            _ => FileKind::Other,
        }
    }

    /// The name for a screen or a report: one line, hostile characters shown visibly, at most
    /// 60 columns.
    pub fn shown_name(&self) -> String {
        crate::text::truncate(&crate::text::one_line(&self.name), 60)
    }
}

/// A size for people: `812 B`, `1.4 KB`, `23.0 MB`.
pub fn human_size(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if b < K {
        format!("{bytes} B")
    } else if b < K * K {
        format!("{:.1} KB", b / K)
    } else if b < K * K * K {
        format!("{:.1} MB", b / K / K)
    } else {
        format!("{:.1} GB", b / K / K / K)
    }
}

impl Board {
    /// Link files to the note `id`. A file the note already has (same content) is not linked
    /// twice. Returns how many were new; when any, the note counts as edited.
    pub fn attach_files(
        &mut self,
        id: &str,
        files: &[FileRef],
        stamp: &Stamp,
    ) -> Result<usize, ModelError> {
        let (number, i) = self
            .find_note(id)
            .ok_or_else(|| ModelError::UnknownNote(id.to_string()))?;
        let task = self.task_mut(number)?;
        let note = &mut task.notes[i];
        let before = note.files.len();
        let added = link(&mut note.files, files);
        if added == 0 {
            return Ok(0);
        }
        note.edited = Some(stamp.at);
        let on = note.on.clone().unwrap_or_else(|| number.to_string());
        let record = record(&note.files[before..]);
        task.record(
            stamp,
            EventKind::NoteEdited,
            on,
            [None, Some(record)],
            Some(id.to_string()),
        );
        Ok(added)
    }

    /// Add a note with files linked from the start (one history event). Returns its id.
    pub fn add_note_with_files(
        &mut self,
        r: ItemRef,
        text: &str,
        reference: Option<&str>,
        files: &[FileRef],
        stamp: &Stamp,
    ) -> Result<String, ModelError> {
        let id = self.add_note(r, text, reference, stamp)?;
        if let Some((number, i)) = self.find_note(&id) {
            let task = self.task_mut(number)?;
            link(&mut task.notes[i].files, files);
            let record = (!files.is_empty()).then(|| record(&task.notes[i].files));
            // The addition's event keeps the links too (`files_in_history`).
            if let Some(e) = task
                .history
                .last_mut()
                .filter(|e| e.note.as_deref() == Some(&id))
            {
                e.to = record;
            }
        }
        Ok(id)
    }

    /// Every file ever linked to note `id`, from the history (each link's event keeps them):
    /// a note put back from the history after a restart gets its files back.
    pub fn files_in_history(&self, id: &str) -> Vec<FileRef> {
        let mut events: Vec<&Event> = self
            .tasks
            .iter()
            .flat_map(|t| &t.history)
            .filter(|e| e.note.as_deref() == Some(id))
            .filter(|e| matches!(e.kind, EventKind::NoteAdded | EventKind::NoteEdited))
            .collect();
        events.sort_by_key(|e| e.at);
        let mut files = Vec::new();
        for e in events {
            if let Some(linked) = e.to.as_deref().and_then(parse_record) {
                link(&mut files, &linked);
            }
        }
        files
    }

    /// Every file some note on the board links to, by hash.
    pub fn linked_files(&self) -> std::collections::BTreeMap<&str, &FileRef> {
        self.tasks
            .iter()
            .flat_map(|t| &t.notes)
            .flat_map(|n| &n.files)
            .map(|f| (f.sha256.as_str(), f))
            .collect()
    }
}

/// How a history event keeps the files it linked: `files:` and their JSON.
fn record(files: &[FileRef]) -> String {
    format!(
        "{RECORD}{}",
        serde_json::to_string(files).expect("file links serialize")
    )
}

const RECORD: &str = "files:";

fn parse_record(s: &str) -> Option<Vec<FileRef>> {
    serde_json::from_str(s.strip_prefix(RECORD)?).ok()
}

/// Add to `have` the files of `new` it does not hold yet (by content); how many.
pub fn link(have: &mut Vec<FileRef>, new: &[FileRef]) -> usize {
    let mut added = 0;
    for f in new {
        if !have.iter().any(|h| h.sha256 == f.sha256) {
            have.push(f.clone());
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(secs: i64) -> Stamp {
        let at = DateTime::parse_from_rfc3339("2023-10-05T10:00:00+08:00").unwrap();
        Stamp {
            author: "li".into(),
            at: at + chrono::Duration::seconds(secs),
        }
    }

    fn file(c: char, name: &str) -> FileRef {
        FileRef {
            sha256: c.to_string().repeat(64),
            name: name.into(),
            size: 10,
        }
    }

    #[test]
    fn files_link_once_per_content_and_the_note_counts_as_edited() {
        let mut b = crate::seed::board(default_statuses(), st(0).at);
        let r: ItemRef = "15.2".parse().unwrap();
        let id = b
            .add_note_with_files(r, "签约现场", None, &[file('a', "合同.pdf")], &st(1))
            .unwrap();
        let events = b.task(15).unwrap().history.len();
        assert!(b.has_evidence(r), "a file is evidence");
        let n = b
            .attach_files(&id, &[file('a', "copy.pdf"), file('b', "照片.jpg")], &st(2))
            .unwrap();
        assert_eq!(n, 1, "the same content is the same file");
        let note = &b.task(15).unwrap().notes[0];
        let names: Vec<&str> = note.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["合同.pdf", "照片.jpg"]);
        assert_eq!(note.edited, Some(st(2).at));
        assert_eq!(b.task(15).unwrap().history.len(), events + 1);
        assert_eq!(b.attach_files(&id, &[file('b', "x")], &st(3)).unwrap(), 0);
        assert_eq!(b.task(15).unwrap().history.len(), events + 1);
        assert_eq!(b.linked_files().len(), 2);
        // Removed and put back from the history (as after a restart): the files come back.
        let all = b.task(15).unwrap().notes[0].files.clone();
        b.remove_note(&id, &st(5)).unwrap();
        assert_eq!(b.files_in_history(&id), all);
        let (_, back) = b.removed_note(&id).unwrap();
        assert_eq!(back.files, all);
        assert!(matches!(
            b.attach_files("nope", &[file('c', "x")], &st(4)),
            Err(ModelError::UnknownNote(_))
        ));
    }

    #[test]
    fn kinds_come_from_the_extension_and_hashes_are_checked() {
        assert_eq!(file('a', "通知.PDF").kind(), FileKind::Pdf);
        assert_eq!(file('a', "现场.jpeg").kind(), FileKind::Image);
        assert_eq!(file('a', "台账.xlsx").kind(), FileKind::Spreadsheet);
        assert_eq!(file('a', ".pdf").kind(), FileKind::Other);
        assert_eq!(file('a', "README").kind(), FileKind::Other);
        assert!(is_sha256(&"0a".repeat(32)));
        assert!(!is_sha256("../../etc/passwd"));
        assert!(!is_sha256(&"0A".repeat(32)));
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(23 * 1024 * 1024), "23.0 MB");
        let hostile = file('a', "\x1b[31mred\nline.pdf");
        assert!(!hostile.shown_name().contains('\x1b'));
        assert!(!hostile.shown_name().contains('\n'));
    }
}
