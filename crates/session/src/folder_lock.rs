//! One Flowdeck per config folder. Two processes on one folder (two log-ins of one user, or a
//! desktop without the session bus the single-instance hand-over needs) would each send every
//! due schedule and remove each other's temporary files: an exclusive OS lock on a file in the
//! folder, held for the life of the process, lets only the first one in.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

const LOCK_FILE: &str = "flowdeck.lock";

/// The config folder, held by this process. A session opens only with one.
#[derive(Debug)]
pub struct FolderLock {
    folder: PathBuf,
    /// Held open: the OS lets the lock go when the process ends, however it ends.
    _file: Option<File>,
    /// Why the folder could not be locked where the OS or file system cannot do it.
    unguarded: Option<io::Error>,
}

/// Another process holds the folder.
#[derive(Debug, thiserror::Error)]
#[error("another Flowdeck is using {}", folder.display())]
pub struct FolderInUse {
    pub folder: PathBuf,
}

impl FolderLock {
    /// Takes the folder for this process, creating it if need be. Only another process that
    /// holds it is a refusal: where locking itself fails (a file system without locks, a folder
    /// that cannot be written, which the session then reports itself), Flowdeck runs unguarded,
    /// as it would have without the lock, and says so through [`Self::unguarded`].
    pub fn acquire(folder: &Path) -> Result<Self, FolderInUse> {
        match lock(folder) {
            Ok(file) => Ok(Self {
                folder: folder.to_owned(),
                _file: Some(file),
                unguarded: None,
            }),
            Err(TryLockError::WouldBlock) => Err(FolderInUse {
                folder: folder.to_owned(),
            }),
            Err(TryLockError::Error(problem)) => Ok(Self {
                folder: folder.to_owned(),
                _file: None,
                unguarded: Some(problem),
            }),
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn unguarded(&self) -> Option<&io::Error> {
        self.unguarded.as_ref()
    }
}

fn lock(folder: &Path) -> Result<File, TryLockError> {
    std::fs::create_dir_all(folder).map_err(TryLockError::Error)?;
    // Never truncated or written: the lock, not the content, is what counts.
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(LOCK_FILE))
        .map_err(TryLockError::Error)?;
    file.try_lock()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let folder = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(folder.path()).unwrap();
        assert!(first.unguarded().is_none());
        let refused = FolderLock::acquire(folder.path()).unwrap_err();
        assert_eq!(refused.folder, folder.path());
        drop(first);
        assert!(FolderLock::acquire(folder.path()).is_ok());
    }

    #[test]
    fn another_folder_is_not_held() {
        let (one, other) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let _first = FolderLock::acquire(one.path()).unwrap();
        assert!(FolderLock::acquire(other.path()).is_ok());
    }
}
