//! The dataset's search index, read for a query: the parts of its directory and the chunks
//! that hold the query's keys, each segment at once, and what they found, kept for the next
//! question about the same query.

use super::{lock, DatasetReader};
use crate::domain::dataset::grams::{self, Gram};
use crate::domain::dataset::index::{self, Entry, Postings};
use crate::domain::dataset::reader::Found;
use crate::domain::dataset::{IndexDirectory, IndexPart, IndexSegment};
use crate::domain::load::LoadError;
use crate::domain::search::Query;
use std::sync::Arc;

impl DatasetReader {
    /// A part of the index's directory, parsed once: a search at every keystroke reads it.
    async fn directory_part(&self, part: &IndexPart) -> Result<Arc<IndexDirectory>, LoadError> {
        let path = &part.file.path;
        if let Some(directory) = lock(&self.directory).get(path) {
            return Ok(directory.clone());
        }
        let directory: Arc<IndexDirectory> = Arc::new(self.json(path).await?);
        lock(&self.directory).insert(path.clone(), directory.clone());
        Ok(directory)
    }

    /// The entries of `keys` from the chunks that `part` of the directory lists.
    async fn part_postings(
        &self,
        part: &IndexPart,
        keys: &[Gram],
    ) -> Result<Vec<Entry>, LoadError> {
        let directory = self.directory_part(part).await?;
        let wanted = index::chunks_for(&directory.firsts, keys);
        let mut paths = Vec::new();
        for chunk in wanted.keys() {
            let chunk = directory
                .chunks
                .get(*chunk)
                .ok_or_else(|| LoadError::Damaged(part.file.path.clone()))?;
            paths.push(chunk.path.clone());
        }
        let fetched = futures::future::join_all(paths.iter().map(|path| self.file(path))).await;
        let mut entries = Vec::new();
        for ((bytes, path), keys) in fetched.into_iter().zip(&paths).zip(wanted.values()) {
            entries.extend(
                index::read_chunk(&bytes?, keys).ok_or_else(|| LoadError::Damaged(path.clone()))?,
            );
        }
        Ok(entries)
    }

    /// The entries of the keys `plans` need, from each segment of the index: the parts of
    /// its directory they are in, and each part's chunks as soon as it is here.
    async fn postings(&self, plans: &[grams::TermPlan]) -> Result<Vec<Postings>, LoadError> {
        let keys = grams::needed(plans);
        let read = self
            .manifest
            .index
            .iter()
            .map(|segment| self.segment_postings(segment, &keys));
        futures::future::join_all(read).await.into_iter().collect()
    }

    /// The entries of `keys` from one segment of the index.
    async fn segment_postings(
        &self,
        segment: &IndexSegment,
        keys: &[Gram],
    ) -> Result<Postings, LoadError> {
        let parts = index::parts_for(&segment.parts, keys);
        let read = parts
            .iter()
            .map(|(part, keys)| self.part_postings(part, keys));
        let mut postings = Postings::of_segment(segment.first);
        for entries in futures::future::join_all(read).await {
            postings.extend(entries?);
        }
        Ok(postings)
    }

    /// The items that hold a query's terms, and for each term those whose title holds it.
    pub(super) async fn search(&self, query: &Query) -> Result<Arc<Found>, LoadError> {
        let plans = grams::plan(query);
        if let Some((asked, found)) = lock(&self.found).as_ref() {
            if *asked == plans {
                return Ok(found.clone());
            }
        }
        let found = Arc::new(Found::from_postings(&plans, &self.postings(&plans).await?));
        *lock(&self.found) = Some((plans, found.clone()));
        Ok(found)
    }
}
