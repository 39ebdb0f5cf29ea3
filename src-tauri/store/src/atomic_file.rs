use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `contents` to a temporary file beside `path`, flushes it to disk, then renames it
/// over `path`: a crash leaves either the old file or the new one, never half of either.
pub(crate) fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = Path::new(&temporary);
    {
        let mut file = fs::File::create(temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
    }
    fs::rename(temporary, path)
}
