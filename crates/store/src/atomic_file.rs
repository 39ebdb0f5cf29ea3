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
    let temporary = temporary.into_temp_path().keep().map_err(|e| e.error)?;
    if let Err(error) = replace(&temporary, path) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    sync_folder(folder)
}

/// Puts `temporary` in `path`'s place. std's rename, not tempfile's persist: on Windows 10 and
/// later it replaces with POSIX semantics, so a reader holding the old file (an antivirus, a
/// backup tool) does not make the save fail.
#[cfg(unix)]
fn replace(temporary: &Path, path: &Path) -> io::Result<()> {
    fs::rename(temporary, path)
}

/// Where a file cannot be replaced while someone reads it (Windows without POSIX rename, Wine),
/// it can still be moved aside: the old one goes aside, the new one takes its name, the old one
/// is removed once its reader lets go. A crash between the two renames leaves the old one aside,
/// and the next start puts it back (`remove_leftovers`).
#[cfg(not(unix))]
fn replace(temporary: &Path, path: &Path) -> io::Result<()> {
    match fs::rename(temporary, path) {
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied && held_open(path) => {
            let aside = set_aside_path(path);
            fs::rename(path, &aside)?;
            if let Err(error) = fs::rename(temporary, path) {
                let _ = fs::rename(&aside, path);
                return Err(error);
            }
            let _ = fs::remove_file(&aside);
            Ok(())
        }
        other => other,
    }
}

/// Whether a refused rename can only be another handle holding the file: it is a plain file,
/// not read-only (a folder, or a file made read-only, stays refused).
#[cfg(not(unix))]
fn held_open(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file() && !meta.permissions().readonly())
}

/// Where the old file waits while a reader holds it: a leftover's name, removed at the next
/// start unless it is all there is.
fn set_aside_path(path: &Path) -> std::path::PathBuf {
    let name = format!("{}replaced{TEMPORARY_SUFFIX}", temporary_prefix(path));
    path.with_file_name(name)
}

/// Removes the temporary files a killed writer of `path` left behind; where it was killed
/// between moving the old file aside and putting the new one in place, the old one comes back.
pub(crate) fn remove_leftovers(path: &Path) {
    let aside = set_aside_path(path);
    if !path.exists() && aside.exists() {
        let _ = fs::rename(&aside, path);
    }
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

    /// On Windows a rename over a file fails while another handle holds it without sharing
    /// deletion; a reader of Flowdeck's own (std opens files sharing it) must not stop a save.
    /// Run as a Windows program under Wine by `scripts/other-os.sh windows`.
    #[test]
    fn a_file_another_handle_is_reading_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        write(&path, b"old").unwrap();
        let mut reader = fs::File::open(&path).unwrap();
        write(&path, b"new").unwrap();
        let mut held = Vec::new();
        io::Read::read_to_end(&mut reader, &mut held).unwrap();
        assert_eq!(held, b"old", "the open handle still reads what it opened");
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    /// A folder with a drive letter and spaces, as `C:\Users\Anna Berg\AppData\…` is.
    #[test]
    fn writes_under_a_folder_with_spaces_and_non_ascii_letters() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("Anna Bergström").join("Flowdeck data");
        let path = folder.join("settings.json");
        write(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }

    #[test]
    fn a_file_moved_aside_by_a_killed_writer_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("activity.json");
        fs::write(set_aside_path(&path), b"old").unwrap();
        remove_leftovers(&path);
        assert_eq!(fs::read(&path).unwrap(), b"old");
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
