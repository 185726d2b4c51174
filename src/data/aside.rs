//! Writing a file so that nobody ever reads half of it.

use crate::report::Failure;
use std::io::Write as _;
use std::path::Path;

/// Writes `bytes` beside `path` and renames them over `path` (keeping its permissions when it
/// was there), so that a reader sees the old file or the new one; on failure the file aside
/// is removed and `path` is as it was.
pub fn write_aside(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&aside)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&aside, metadata.permissions())?;
        }
        std::fs::rename(&aside, path)
    })();
    written.map_err(|error| {
        let _ = std::fs::remove_file(&aside);
        Failure::Write {
            path: path.display().to_string(),
            detail: error.to_string(),
        }
    })
}
