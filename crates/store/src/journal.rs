//! A file of JSON lines that only grows: each append is one line, on disk before the call
//! returns, so that keeping a record costs the same however many came before it. A line torn
//! by a crash is the last one, and is cut off when the journal is opened again.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;
use crate::{atomic_file, versioned_file};

/// Opened for each append rather than held open, so that a journal replaced or made
/// unwritable meanwhile fails the append instead of writing into a file no longer there.
pub(crate) struct Journal {
    path: PathBuf,
    lines: usize,
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

impl Journal {
    /// Opens the journal at `path` with what it holds, oldest first. A torn last line is cut;
    /// a whole line that does not read is damage, not a crash, so the file is set aside
    /// (its new name is returned) and the lines before it are kept.
    pub fn open<T: DeserializeOwned>(
        path: PathBuf,
    ) -> Result<(Self, Vec<T>, Option<PathBuf>), StoreError> {
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(source) => return Err(io_error(&path)(source)),
        };
        let mut items = Vec::new();
        let mut whole = 0;
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            let Some(text) = line.strip_suffix(b"\n") else {
                break;
            };
            let Ok(item) = serde_json::from_slice(text) else {
                break;
            };
            items.push(item);
            whole += line.len();
        }
        let mut set_aside = None;
        if bytes[whole..].contains(&b'\n') {
            set_aside = Some(versioned_file::set_aside(&path).map_err(io_error(&path))?);
        } else if whole < bytes.len() {
            let file = OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(io_error(&path))?;
            file.set_len(whole as u64).map_err(io_error(&path))?;
            file.sync_all().map_err(io_error(&path))?;
        }
        let lines = if set_aside.is_some() { 0 } else { items.len() };
        Ok((Self { path, lines }, items, set_aside))
    }

    /// Lines since the journal was last cleared.
    pub fn lines(&self) -> usize {
        self.lines
    }

    pub fn append<T: Serialize>(&mut self, item: &T) -> Result<(), StoreError> {
        let mut line = serde_json::to_vec(item).map_err(|e| io_error(&self.path)(e.into()))?;
        line.push(b'\n');
        let mut file = self.open_for_append()?;
        file.write_all(&line)
            .and_then(|()| file.sync_data())
            .map_err(io_error(&self.path))?;
        self.lines += 1;
        Ok(())
    }

    /// Empties the journal, once what it held is kept elsewhere.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        let file = self.open_for_append()?;
        file.set_len(0)
            .and_then(|()| file.sync_all())
            .map_err(io_error(&self.path))?;
        self.lines = 0;
        Ok(())
    }

    fn open_for_append(&self) -> Result<File, StoreError> {
        let existed = self.path.exists();
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(io_error(&self.path))?;
        if !existed {
            // The new file's name must survive a power cut as well as its lines.
            let folder = self.path.parent().unwrap_or(Path::new("."));
            atomic_file::sync_folder(folder).map_err(io_error(&self.path))?;
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_back_in_order_and_a_torn_last_line_is_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.journal");
        let (mut journal, none, _) = Journal::open::<u32>(path.clone()).unwrap();
        assert!(none.is_empty());
        for n in [1u32, 2, 3] {
            journal.append(&n).unwrap();
        }
        drop(journal);
        // A crash in the middle of the fourth append.
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"4").unwrap();
        drop(file);

        let (mut journal, items, set_aside) = Journal::open::<u32>(path.clone()).unwrap();
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(set_aside, None, "a torn line is a crash, not damage");
        journal.append(&5u32).unwrap();
        let (_, items, _) = Journal::open::<u32>(path).unwrap();
        assert_eq!(
            items,
            [1, 2, 3, 5],
            "the torn line did not swallow the next one"
        );
    }

    #[test]
    fn cleared_it_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.journal");
        let (mut journal, _, _) = Journal::open::<u32>(path.clone()).unwrap();
        journal.append(&1u32).unwrap();
        journal.clear().unwrap();
        assert_eq!(journal.lines(), 0);
        journal.append(&2u32).unwrap();
        let (_, items, _) = Journal::open::<u32>(path).unwrap();
        assert_eq!(items, [2]);
    }

    #[test]
    fn a_damaged_line_in_the_middle_sets_the_file_aside_and_keeps_what_came_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.journal");
        fs::write(&path, b"1\nnot json\n3\n").unwrap();
        let (mut journal, items, set_aside) = Journal::open::<u32>(path.clone()).unwrap();
        assert_eq!(items, [1]);
        let aside = set_aside.expect("set aside");
        assert_eq!(fs::read(&aside).unwrap(), b"1\nnot json\n3\n");
        journal.append(&4u32).unwrap();
        let (_, items, _) = Journal::open::<u32>(path).unwrap();
        assert_eq!(items, [4]);
    }
}
