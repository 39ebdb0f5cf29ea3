use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to a new temporary file beside `path` (a unique name, so two writers never
/// share one), flushes it to disk, renames it over `path`, then flushes the folder so that the
/// rename itself survives a power cut: a crash leaves either the old file or the new one, never
/// half of either.
pub(crate) fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let mut temporary = tempfile::Builder::new()
        .prefix(&temporary_prefix(path))
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(folder)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    sync_folder(folder)
}

/// Removes the temporary files a killed writer of `path` left behind.
pub(crate) fn remove_leftovers(path: &Path) {
    let (Some(folder), prefix) = (path.parent(), temporary_prefix(path)) else {
        return;
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(TEMPORARY_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

const TEMPORARY_SUFFIX: &str = ".tmp";

fn temporary_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.")
}

/// Makes a new or renamed name in `folder` survive a power cut.
#[cfg(unix)]
pub(crate) fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

/// Windows makes a rename durable itself and cannot open a folder as a file.
#[cfg(not(unix))]
pub(crate) fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cards.json");
        write(&path, b"old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_killed_writers_temporary_files_are_removed_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cards.json");
        fs::write(dir.path().join(".cards.json.a1B2c3.tmp"), b"half").unwrap();
        fs::write(dir.path().join(".settings.json.x.tmp"), b"other").unwrap();
        fs::write(&path, b"whole").unwrap();
        remove_leftovers(&path);
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".settings.json.x.tmp", "cards.json"]);
    }
}
