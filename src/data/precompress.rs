//! `precompress`: writes beside each of the app's content-named files (its wasm, scripts and
//! style sheet, whose names carry a hash of what they were built from) the smallest gzip
//! stream we can make of it, `NAME.gz`, for hosts that send such a file instead of
//! compressing on the fly (nginx's `gzip_static`, Caddy's `precompressed`, object storage
//! given the `.gz`'s bytes with `Content-Encoding: gzip`).
//!
//! Zopfli writes ordinary gzip, which every browser reads, about 4% smaller than `gzip -9`:
//! for the main module, some 14 KB less that every first visit downloads before the app
//! works. It is slow (seconds for the main module), so it is done once, as the last step of
//! every build of a site (`make build`), and only for files named by their content, whose
//! names change when they do. Each run writes every copy anew and removes the copies whose
//! file has gone, so that a directory built again in place holds no copy of other bytes. The
//! dataset's files are left to the host's own compression: they are many, replaced by every
//! publication, and each is small.

use crate::aside::write_aside;
use crate::report::Failure;
use std::fs;
use std::num::NonZeroU64;
use std::path::Path;

/// The file extensions of the app's own files that a host sends compressed.
const EXTENSIONS: [&str; 3] = ["wasm", "js", "css"];

/// Zopfli's passes over each block: 5 instead of its default 15 gives the main module within
/// a few bytes of the same size (316,945 against 316,942 bytes on 5 Dec 2026) in well under
/// half the time.
const PASSES: NonZeroU64 = NonZeroU64::MIN.saturating_add(4);

/// The hex digits of the hash that Trunk and our build write into a file's name
/// (`app-32728953fa25d284.css`, `city-comms-1b9e407ccaa23c8b_bg.wasm`): 16, or fewer where
/// Trunk's 64-bit hash starts with zeros, which it does not write (`city-comms-8bcf5e041d25047`).
const HASH_DIGITS: std::ops::RangeInclusive<usize> = 8..=16;

/// Whether `name` is one of the app's content-named files: `STEM-HASH.EXT` or
/// `STEM-HASH_bg.wasm`, with an extension of [`EXTENSIONS`].
pub fn is_content_named(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    if !EXTENSIONS.contains(&extension) {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    HASH_DIGITS.contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What was written: how many files, and their bytes before and after.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub compressed: u64,
}

/// Writes `NAME.gz` beside every content-named file at the top of `dir` (where the build puts
/// the app's files), each written aside and renamed into place, so that a host never finds
/// half of one.
pub fn run(dir: &Path) -> Result<Written, Failure> {
    let unreadable = |path: &Path, error: std::io::Error| Failure::Unreadable {
        path: path.display().to_string(),
        detail: error.to_string(),
    };
    let unwritable = |path: &Path, error: std::io::Error| Failure::Write {
        path: path.display().to_string(),
        detail: error.to_string(),
    };
    let files: Vec<String> = fs::read_dir(dir)
        .map_err(|e| unreadable(dir, e))?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    // A copy of a file an earlier build had, and this one has not.
    for copy in &files {
        if let Some(name) = copy.strip_suffix(".gz") {
            if is_content_named(name) && !files.iter().any(|file| file == name) {
                let path = dir.join(copy);
                fs::remove_file(&path).map_err(|e| unwritable(&path, e))?;
            }
        }
    }
    let mut names: Vec<&String> = files.iter().filter(|name| is_content_named(name)).collect();
    names.sort();
    let mut written = Written::default();
    for name in names {
        let path = dir.join(name);
        let bytes = fs::read(&path).map_err(|e| unreadable(&path, e))?;
        let mut gzip = Vec::with_capacity(bytes.len() / 3);
        zopfli::compress(
            zopfli::Options {
                iteration_count: PASSES,
                ..zopfli::Options::default()
            },
            zopfli::Format::Gzip,
            bytes.as_slice(),
            &mut gzip,
        )
        .map_err(|e| unwritable(&path, e))?;
        write_aside(&dir.join(format!("{name}.gz")), &gzip)?;
        written.files += 1;
        written.bytes += bytes.len() as u64;
        written.compressed += gzip.len() as u64;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn only_the_apps_hashed_files_are_content_named() {
        for name in [
            "app-32728953fa25d284.css",
            "city-comms-1b9e407ccaa23c8b.js",
            "city-comms-1b9e407ccaa23c8b_bg.wasm",
            "split_plan_pages-7646890643f04d1b.wasm",
            "chunk_11-0aac049bb4bcd0d0.wasm",
            "city-comms-8bcf5e041d25047_bg.wasm",
        ] {
            assert!(is_content_named(name), "{name}");
        }
        for name in [
            "sw.js",
            "outbox-worker_bg.wasm",
            "index.html",
            "manifest.2019-10-0.295bce24fa002b4b.json",
            "app-3272895.css",
            "app-32728953fa25d28400.css",
            "app-32728953FA25D284.css",
            "app-32728953fa25d284.css.gz",
            "app-32728953fa25d284.html",
        ] {
            assert!(!is_content_named(name), "{name}");
        }
    }

    #[test]
    fn each_hashed_file_gets_a_smaller_gzip_of_the_same_bytes_and_an_earlier_builds_copy_goes() {
        let dir = std::env::temp_dir().join(format!("precompress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let script: String = (0..2000)
            .map(|n| format!("const card{n} = 'ข่าวเขต {n}';\n"))
            .collect();
        fs::write(dir.join("start-0123456789abcdef.js"), &script).unwrap();
        fs::write(dir.join("sw.js"), &script).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        // The copy of an earlier build's script, which this build no longer has.
        fs::write(dir.join("start-fedcba9876543210.js.gz"), b"old").unwrap();

        let written = run(&dir).unwrap();

        assert_eq!(written.files, 1);
        let gzip = fs::read(dir.join("start-0123456789abcdef.js.gz")).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(gzip.as_slice())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, script);
        let level9 = {
            use std::io::Write;
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder.write_all(script.as_bytes()).unwrap();
            encoder.finish().unwrap().len()
        };
        assert!(gzip.len() < level9, "{} ≥ {level9}", gzip.len());
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "index.html",
                "start-0123456789abcdef.js",
                "start-0123456789abcdef.js.gz",
                "sw.js"
            ]
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
