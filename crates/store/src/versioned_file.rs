//! A JSON document with a schema version, written atomically, and never overwritten when it
//! cannot be read: such a file is renamed aside so that the user can still recover it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::StoreError;
use crate::atomic_file;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<T> {
    schema_version: u32,
    #[serde(flatten)]
    document: T,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VersionOnly {
    schema_version: u32,
}

/// What loading found.
pub struct Loaded<T> {
    /// `None` when there was no file, or it was unreadable and set aside.
    pub document: Option<T>,
    pub set_aside: Option<PathBuf>,
}

pub fn load<T: DeserializeOwned>(
    path: &Path,
    schema_version: u32,
) -> Result<Loaded<T>, StoreError> {
    atomic_file::remove_leftovers(path);
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Loaded {
                document: None,
                set_aside: None,
            });
        }
        Err(source) => return Err(io_error(path, source)),
    };
    if let Ok(VersionOnly {
        schema_version: found,
    }) = serde_json::from_slice(&bytes)
        && found > schema_version
    {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found,
        });
    }
    match serde_json::from_slice::<Envelope<T>>(&bytes) {
        Ok(envelope) => Ok(Loaded {
            document: Some(envelope.document),
            set_aside: None,
        }),
        Err(_) => Ok(Loaded {
            document: None,
            set_aside: Some(set_aside(path).map_err(|e| io_error(path, e))?),
        }),
    }
}

pub fn save<T: Serialize>(
    path: &Path,
    schema_version: u32,
    document: &T,
) -> Result<(), StoreError> {
    let envelope = Envelope {
        schema_version,
        document,
    };
    let json = serde_json::to_vec_pretty(&envelope).expect("store documents always serialise");
    atomic_file::write(path, &json).map_err(|e| io_error(path, e))
}

fn io_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Renames an unreadable file to `<name>.unreadable-<ms>`.
pub(crate) fn set_aside(path: &Path) -> io::Result<PathBuf> {
    rename_aside(path, "unreadable")
}

/// Renames `path` to `<name>.<why>-<ms>`, beside it, where nothing reads it again.
pub(crate) fn rename_aside(path: &Path, why: &str) -> io::Result<PathBuf> {
    let mut aside = path.as_os_str().to_owned();
    aside.push(format!(".{why}-{}", now_ms()));
    let aside = PathBuf::from(aside);
    fs::rename(path, &aside)?;
    Ok(aside)
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Doc {
        items: Vec<String>,
    }

    #[test]
    fn round_trips_with_the_schema_version_beside_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("doc.json");
        let doc = Doc {
            items: vec!["a".into()],
        };
        save(&path, 3, &doc).unwrap();
        let raw: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            raw,
            serde_json::json!({ "schemaVersion": 3, "items": ["a"] })
        );
        assert_eq!(load::<Doc>(&path, 3).unwrap().document, Some(doc));
        assert_eq!(
            fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1,
            "no temporary file remains"
        );
    }

    #[test]
    fn a_missing_file_is_no_document() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load::<Doc>(&dir.path().join("none.json"), 1).unwrap();
        assert!(loaded.document.is_none() && loaded.set_aside.is_none());
    }

    #[test]
    fn an_unreadable_file_is_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.json");
        fs::write(&path, b"{ this is not json").unwrap();
        let loaded = load::<Doc>(&path, 1).unwrap();
        assert!(loaded.document.is_none());
        let aside = loaded.set_aside.expect("the broken file is kept");
        assert_eq!(fs::read(&aside).unwrap(), b"{ this is not json");
        assert!(!path.exists());
    }

    #[test]
    fn a_newer_schema_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.json");
        fs::write(&path, br#"{"schemaVersion":99,"items":[]}"#).unwrap();
        assert!(matches!(
            load::<Doc>(&path, 1),
            Err(StoreError::NewerSchema { found: 99, .. })
        ));
        assert_eq!(
            fs::read(&path).unwrap(),
            br#"{"schemaVersion":99,"items":[]}"#
        );
    }
}
