//! `city-comms-data query DIR TEXT`: searches a compiled dataset as the app does (the
//! index's directory, then only the chunks the query needs) and says what it found and
//! what it read, so that a web team can check a dataset and the benchmark can count bytes.

use crate::report::Failure;
use city_comms::domain::dataset::{
    self as dataset, grams, index, IndexDirectory, Manifest, MANIFEST,
};
use city_comms::domain::search::Query;
use std::collections::HashMap;
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
    let path = &manifest.index.path;
    let bytes = read(dir, path)?;
    let mut total = bytes.len() as u64;
    let directory: IndexDirectory =
        serde_json::from_slice(&bytes).map_err(|e| broken(dir, path, &e.to_string()))?;
    let plans = grams::plan(&Query::parse(typed));
    let chunks = index::chunks_for(&directory.firsts, &grams::needed(&plans));
    let mut items = HashMap::new();
    let mut files = vec![path.clone()];
    for (chunk, keys) in &chunks {
        let file = directory
            .chunks
            .get(*chunk)
            .ok_or_else(|| broken(dir, path, "a chunk is missing from the directory"))?;
        let bytes = read(dir, &file.path)?;
        total += bytes.len() as u64;
        files.push(file.path.clone());
        let entries = index::read_chunk(&bytes, keys)
            .ok_or_else(|| broken(dir, &file.path, "not an index chunk, or cut short"))?;
        items.extend(entries);
    }
    Ok(Answer {
        found: index::evaluate(&plans, &items),
        files,
        bytes: total,
    })
}
