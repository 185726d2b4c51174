//! `city-comms-data query DIR TEXT`: searches a compiled dataset as the app does (the parts
//! of the index's directory its keys are in, then only the chunks the query needs) and says
//! what it found and what it read, so that a web team can check a dataset and the benchmark
//! can count bytes.

use crate::report::Failure;
use city_comms::domain::dataset::index::Postings;
use city_comms::domain::dataset::{
    self as dataset, grams, index, IndexDirectory, IndexSegment, Manifest, MANIFEST,
};
use city_comms::domain::search::Query;
use std::path::Path;

/// What a query found and read.
pub struct Answer {
    /// The ordinals of the items found.
    pub found: Vec<u32>,
    /// Files read, the manifest aside.
    pub files: Vec<String>,
    /// Their bytes.
    pub bytes: u64,
}

fn read(dir: &Path, path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(dir.join(path)).map_err(|error| Failure::Unreadable {
        path: dir.join(path).display().to_string(),
        detail: error.to_string(),
    })
}

fn broken(dir: &Path, path: &str, detail: &str) -> Failure {
    Failure::Unreadable {
        path: dir.join(path).display().to_string(),
        detail: detail.to_owned(),
    }
}

/// Runs `typed` over the dataset in `dir`.
pub fn run(dir: &Path, typed: &str) -> Result<Answer, Failure> {
    let manifest: Manifest = serde_json::from_slice(&read(dir, MANIFEST)?)
        .map_err(|e| broken(dir, MANIFEST, &e.to_string()))?;
    if manifest.format != dataset::FORMAT {
        return Err(broken(
            dir,
            MANIFEST,
            &format!("format {}", manifest.format),
        ));
    }
    let plans = grams::plan(&Query::parse(typed));
    let mut read_so_far = Read::default();
    let mut segments = Vec::new();
    for segment in &manifest.index {
        segments.push(postings(dir, segment, &plans, &mut read_so_far)?);
    }
    Ok(Answer {
        found: index::evaluate_segments(&plans, &segments, false),
        files: read_so_far.files,
        bytes: read_so_far.bytes,
    })
}

/// Files read so far, and their bytes.
#[derive(Default)]
struct Read {
    files: Vec<String>,
    bytes: u64,
}

/// The postings of the keys `plans` need, from one segment of the index.
fn postings(
    dir: &Path,
    segment: &IndexSegment,
    plans: &[grams::TermPlan],
    read_so_far: &mut Read,
) -> Result<Postings, Failure> {
    let mut take = |path: &str| -> Result<Vec<u8>, Failure> {
        let bytes = read(dir, path)?;
        read_so_far.bytes += bytes.len() as u64;
        read_so_far.files.push(path.to_owned());
        Ok(bytes)
    };
    let mut read = Postings::of_segment(segment.first);
    for (part, keys) in index::parts_for(&segment.parts, &grams::needed(plans)) {
        let path = &part.file.path;
        let directory: IndexDirectory =
            serde_json::from_slice(&take(path)?).map_err(|e| broken(dir, path, &e.to_string()))?;
        for (chunk, keys) in &index::chunks_for(&directory.firsts, &keys) {
            let file = directory
                .chunks
                .get(*chunk)
                .ok_or_else(|| broken(dir, path, "a chunk is missing from the directory"))?;
            let bytes = take(&file.path)?;
            let entries = index::read_chunk(&bytes, keys)
                .ok_or_else(|| broken(dir, &file.path, "not an index chunk, or cut short"))?;
            read.extend(entries);
        }
    }
    Ok(read)
}
