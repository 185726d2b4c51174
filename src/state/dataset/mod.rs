//! A compiled dataset (`domain::dataset`), read a slice at a time: the manifest at start,
//! then only the files a view needs, each checked against the hash in its name and kept
//! for the rest of the visit.

use crate::browser::fetch;
use crate::domain::dataset::by_views::Ranks;
use crate::domain::dataset::facets::{self, FacetRow};
use crate::domain::dataset::reader::Found;
use crate::domain::dataset::{
    self as dataset, grams, reader, CardFile, FileRef, IndexDirectory, Manifest,
};
use crate::domain::date::Date;
use crate::domain::filter::{FacetCounts, NewsFilter, NewsResults, Row, Sort};
use crate::domain::load::LoadError;
use crate::domain::search::Query;
use crate::domain::validate::Loaded;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

mod cards;
mod postings;

/// What a view read of a dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fetched {
    /// Files.
    pub files: usize,
    /// Their bytes, before the host's compression.
    pub bytes: u64,
}

/// A search's items listed before their counts (see [`DatasetReader::early_items`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Early {
    /// The items, in order: all of them, or the first pages of a list by views.
    pub items: Vec<usize>,
    /// How many items the whole answer holds: more than `items` while only the most viewed
    /// are listed, or the head of a search by views, until the rest of the order comes with
    /// the counts.
    pub total: usize,
    /// Whether every item's filter row is here already, so that the counts follow in a
    /// moment rather than after a download.
    pub counts_soon: bool,
    /// The counts, when they need no download: every item by views is counted as every
    /// item is, by the manifest.
    pub counts: Option<FacetCounts>,
}

/// What a search reads beside its index (see [`DatasetReader::early_items`]).
enum Aside {
    /// The head of the order by views, if it could be read.
    Order(Option<Arc<Vec<u8>>>),
    /// Every item's views.
    Views(Arc<Vec<u32>>),
    Nothing,
}

/// A dataset being read.
pub struct DatasetReader {
    /// The address of the dataset's directory, ending in `/`.
    base: String,
    manifest: Manifest,
    /// Files already fetched and checked, by path.
    files: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Card files read lately, the latest last: a keystroke that lists the same items again
    /// does not parse them again.
    card_files: Mutex<VecDeque<(String, Arc<CardFile>)>>,
    /// The parts of the search index's directory that searches have needed, by path.
    directory: Mutex<HashMap<String, Arc<IndexDirectory>>>,
    /// Every item's filter row, once a view has needed them, as the tally reads them, and
    /// whether they carry their views.
    rows: Mutex<Option<(Arc<Vec<Row>>, bool)>>,
    /// Every item's views, by ordinal, once a view has needed them.
    views: Mutex<Option<Arc<Vec<u32>>>>,
    /// The rank in the order by views of each item the compiler's views order names, by
    /// ordinal, once a search by views has read it: their cards are read from the parts by
    /// views (`reader::card_files`).
    ranks: Mutex<Option<Arc<Ranks>>>,
    /// The last search's keys and what they found: a first search lists its items early
    /// and then counts them, and both ask the same thing.
    found: Mutex<Option<(Vec<grams::TermPlan>, Arc<Found>)>>,
}

/// How many card files are kept read: more than the twenty a page of results can draw on
/// (ordered by views, each card may be in a file of its own), so that the next keystroke
/// finds them parsed rather than parsing each again (about 0.15 MB each).
const CARD_FILES_KEPT: usize = 24;

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl DatasetReader {
    /// Reads the manifest at `url` and, in it, the bundle without its news.
    pub async fn open(url: &str) -> Result<(Loaded, DatasetReader), LoadError> {
        let text = fetch::fetch_text(url).await?;
        let (loaded, manifest) = reader::read_manifest(&text)?;
        let base = url
            .rsplit_once('/')
            .map_or_else(String::new, |(dir, _)| format!("{dir}/"));
        Ok((
            loaded,
            DatasetReader {
                base,
                manifest,
                files: Mutex::new(HashMap::new()),
                card_files: Mutex::new(VecDeque::new()),
                directory: Mutex::new(HashMap::new()),
                rows: Mutex::new(None),
                views: Mutex::new(None),
                ranks: Mutex::new(None),
                found: Mutex::new(None),
            },
        ))
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The path within the dataset of a file at `url`, if it is one of this dataset's.
    pub fn path_of(&self, url: &str) -> Option<String> {
        let path = url.strip_prefix(&self.base)?;
        (!path.is_empty()).then(|| path.to_owned())
    }

    /// A file of the dataset, fetched once and checked against the hash in its name.
    async fn file(&self, path: &str) -> Result<Arc<Vec<u8>>, LoadError> {
        if let Some(bytes) = lock(&self.files).get(path) {
            return Ok(bytes.clone());
        }
        let bytes = Arc::new(self.fetch_checked(path).await?);
        lock(&self.files).insert(path.to_owned(), bytes.clone());
        Ok(bytes)
    }

    /// A file of the dataset, fetched and checked against the hash in its name, and not kept
    /// here (the service worker keeps it on the device).
    pub async fn fetch_checked(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        Ok(self.fetch_noting(path).await?.0)
    }

    /// A file of the dataset, checked as [`Self::fetch_checked`] does, for keeping the whole
    /// archive: [`LoadError::NoRoom`] if the service worker could not keep it on the device.
    pub async fn fetch_to_keep(&self, path: &str) -> Result<Vec<u8>, LoadError> {
        match self.fetch_noting(path).await? {
            (bytes, true) => Ok(bytes),
            (_, false) => Err(LoadError::NoRoom),
        }
    }

    /// A file of the dataset, checked, and whether the device kept it.
    async fn fetch_noting(&self, path: &str) -> Result<(Vec<u8>, bool), LoadError> {
        let damaged = || LoadError::Damaged(path.to_owned());
        let (bytes, kept) = match fetch::fetch_bytes_noting(&format!("{}{path}", self.base)).await {
            Ok(answer) => answer,
            Err(LoadError::Network) => return Err(LoadError::Network),
            Err(_) => return Err(damaged()),
        };
        let promised = dataset::promised_hash(path).ok_or_else(damaged)?;
        // Without Web Crypto (a plain-http origin other than localhost) nothing can be
        // checked; the file is still read through its own format's checks.
        if let Some(digest) = fetch::sha256(&bytes).await {
            if dataset::hash_label(&digest) != promised {
                return Err(damaged());
            }
        }
        Ok((bytes, kept))
    }

    async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, LoadError> {
        let bytes = self.file(path).await?;
        serde_json::from_slice(&bytes).map_err(|_| LoadError::Damaged(path.to_owned()))
    }

    /// Every item's filter row, newest first, read once and kept; with its views if `views`.
    async fn rows(&self, views: bool) -> Result<Arc<Vec<Row>>, LoadError> {
        let kept = lock(&self.rows).clone();
        let rows = match kept {
            Some((rows, with_views)) if with_views || !views => return Ok(rows),
            // The columns are here without their views: only the views are read.
            Some((rows, _)) => {
                let views = self.all_views().await?;
                reader::with_views(rows.as_ref().clone(), &views)
                    .ok_or_else(|| LoadError::Damaged(dataset::MANIFEST.to_owned()))?
            }
            // Every column, and the views beside them, read as one list that later
            // views find kept (`all_views`).
            None => {
                let all: Vec<usize> = (0..self.manifest.facets.len()).collect();
                let columns = async { self.blocks(&all, false).await.map(|b| reader::rows(&b)) };
                if views {
                    let (rows, seen) = futures::future::join(columns, self.all_views()).await;
                    reader::with_views(rows?, &seen?)
                        .ok_or_else(|| LoadError::Damaged(dataset::MANIFEST.to_owned()))?
                } else {
                    columns.await?
                }
            }
        };
        let rows = Arc::new(rows);
        let mut kept = lock(&self.rows);
        // Two reads can cross: one without views never replaces one with them.
        if views || !kept.as_ref().is_some_and(|(_, with_views)| *with_views) {
            *kept = Some((rows.clone(), views));
        }
        Ok(rows)
    }

    /// Every item's views, by ordinal, read once and kept.
    async fn all_views(&self) -> Result<Arc<Vec<u32>>, LoadError> {
        if let Some(views) = lock(&self.views).clone() {
            return Ok(views);
        }
        let all: Vec<usize> = (0..self.manifest.views.len()).collect();
        let views = Arc::new(self.views(&all).await?.concat());
        *lock(&self.views) = Some(views.clone());
        Ok(views)
    }

    /// The views of the items of `blocks`, a list a block; each must hold as many items as
    /// its block does.
    async fn views(&self, blocks: &[usize]) -> Result<Vec<Vec<u32>>, LoadError> {
        let missing = || LoadError::Damaged(dataset::MANIFEST.to_owned());
        let files: Vec<&FileRef> = blocks
            .iter()
            .map(|&b| self.manifest.views.get(b).ok_or_else(missing))
            .collect::<Result<_, _>>()?;
        let fetched = futures::future::join_all(files.iter().map(|f| self.file(&f.path))).await;
        let mut views = Vec::with_capacity(blocks.len());
        for ((bytes, file), &block) in fetched.into_iter().zip(&files).zip(blocks) {
            let damaged = || LoadError::Damaged(file.path.clone());
            let seen = facets::decode_views(&bytes?).ok_or_else(damaged)?;
            if seen.len() != facets::block_items(self.manifest.items, block) {
                return Err(damaged());
            }
            views.push(seen);
        }
        Ok(views)
    }

    /// The filter columns of `blocks`, in order, with their views if `views`.
    async fn blocks(&self, blocks: &[usize], views: bool) -> Result<Vec<FacetRow>, LoadError> {
        let columns_of: Vec<(usize, &FileRef)> = blocks
            .iter()
            .filter_map(|&b| Some((b, self.manifest.facets.get(b)?)))
            .collect();
        let columns =
            futures::future::join_all(columns_of.iter().map(|(_, file)| self.file(&file.path)));
        let seen = async {
            match views {
                true => self.views(blocks).await.map(Some),
                false => Ok(None),
            }
        };
        let (columns, seen) = futures::future::join(columns, seen).await;
        let mut decoded = Vec::with_capacity(columns.len());
        for (bytes, &(block, file)) in columns.into_iter().zip(&columns_of) {
            let damaged = || LoadError::Damaged(file.path.clone());
            let rows = facets::decode(&bytes?).ok_or_else(damaged)?;
            // A block of another length would give its rows to other items.
            if rows.len() != facets::block_items(self.manifest.items, block) {
                return Err(damaged());
            }
            decoded.push(rows);
        }
        let Some(seen) = seen? else {
            return Ok(decoded.concat());
        };
        let mut rows = Vec::new();
        for ((block, views), (_, file)) in decoded.into_iter().zip(&seen).zip(&columns_of) {
            let damaged = || LoadError::Damaged(file.path.clone());
            rows.extend(facets::with_views(block, views).ok_or_else(damaged)?);
        }
        Ok(rows)
    }

    /// The filter columns of every item published from `from` to `to` (and some either side:
    /// whole blocks are read), views included, with the files read for them and their bytes.
    pub async fn facet_rows_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<(Vec<FacetRow>, Fetched), LoadError> {
        let blocks = reader::blocks_between(&self.manifest.cards, from, to);
        let rows = self.blocks(&blocks, true).await?;
        let files: Vec<&FileRef> = blocks
            .iter()
            .flat_map(|&b| {
                self.manifest
                    .facets
                    .get(b)
                    .into_iter()
                    .chain(self.manifest.views.get(b))
            })
            .collect();
        let fetched = Fetched {
            files: files.len(),
            bytes: files.iter().map(|file| file.bytes).sum(),
        };
        Ok((rows, fetched))
    }

    /// The answer to `filter`; its items are ordinals.
    pub async fn results(
        &self,
        loaded: &Loaded,
        filter: &NewsFilter,
    ) -> Result<NewsResults, LoadError> {
        let bundle = &loaded.bundle;
        if reader::by_views_alone(filter) {
            let views = self.all_views().await?;
            let results = reader::all_by_views(&self.manifest, bundle, &views)
                .ok_or_else(|| LoadError::Damaged(dataset::MANIFEST.to_owned()))?;
            // The whole order is the compiler's: its head says where the later pages' cards
            // are.
            if lock(&self.ranks).is_none() {
                let head = results.items.iter().take(dataset::VIEWS_ORDER);
                self.note_ranks(&head.map(|&o| o as u32).collect::<Vec<_>>());
            }
            return Ok(results);
        }
        if !reader::needs_columns(filter) {
            return Ok(reader::results(&self.manifest, bundle, filter, None, None));
        }
        let query = Query::parse(&filter.q);
        let views = filter.sort == Sort::Views;
        let (found, rows) = if query.is_empty() {
            (None, self.rows(views).await?)
        } else {
            let (found, rows) = futures::future::join(self.search(&query), self.rows(views)).await;
            (Some(found?), rows?)
        };
        Ok(reader::results(
            &self.manifest,
            bundle,
            filter,
            Some(&rows),
            found.as_deref(),
        ))
    }

    /// The items of a search alone, or of the whole list by views, in order, before the
    /// filter columns (`reader::early_items`): the cards need not wait for the counts. A
    /// first search waits for no item's row, and one by views for the views alone; a later
    /// one for no tally (a tenth of a keystroke's time on a slow phone). `None` when the
    /// filter needs the columns.
    pub async fn early_items(
        &self,
        loaded: &Loaded,
        filter: &NewsFilter,
    ) -> Result<Option<Early>, LoadError> {
        let query = Query::parse(&filter.q);
        let by_views = filter.sort == Sort::Views;
        if (query.is_empty() && !by_views) || !reader::answers_early(filter) {
            return Ok(None);
        }
        let counts_soon = lock(&self.rows).is_some();
        // Every item by views, before any item's views are here: the compiler's list of the
        // most viewed holds the first pages, their cards with them.
        let most_viewed = self.manifest.most_viewed.as_ref();
        if let Some(file) = most_viewed.filter(|_| reader::by_views_alone(filter)) {
            // A file that cannot be read costs the list its head start, not its cards: the
            // views and the month parts give the same.
            let views_here = lock(&self.views).is_some();
            let top = match views_here {
                false => self.card_file(&file.path).await.ok(),
                true => None,
            };
            if let Some(top) = top {
                let items = top.cards.iter().map(|card| card.ordinal as usize);
                // The rest of the order waits for the views, read when a third page is asked
                // for.
                return Ok(Some(Early {
                    items: items.collect(),
                    total: self.manifest.items as usize,
                    counts_soon: false,
                    counts: Some(FacetCounts::from_named(
                        &loaded.bundle,
                        &self.manifest.counts,
                    )),
                }));
            }
        }
        let found = async {
            match query.is_empty() {
                true => Ok(None),
                false => self.search(&query).await.map(Some),
            }
        };
        // A search by views, before every item's views are here: the head of the order by
        // views, read beside the search, may decide its first cards
        // (`reader::by_views_head`); a file that cannot be read costs the search that head
        // start, not its cards.
        // (Every item's views are kept once read, whole or beside the filter rows.) With
        // them here, the order is still read once for the ranks, which say where the cards
        // are (`reader::card_files`).
        let views_here = lock(&self.views).is_some();
        let ranks_wanted = lock(&self.ranks).is_none() && !self.manifest.views_cards.is_empty();
        let order_file = self
            .manifest
            .views_order
            .as_ref()
            .filter(|_| by_views && !query.is_empty() && (!views_here || ranks_wanted));
        let aside = async {
            Ok(match (order_file, by_views) {
                (Some(file), _) => Aside::Order(self.file(&file.path).await.ok()),
                (None, true) => Aside::Views(self.all_views().await?),
                (None, false) => Aside::Nothing,
            })
        };
        let (found, aside) = futures::future::join(found, aside).await;
        let (found, aside) = (found?, aside?);
        let views = match aside {
            Aside::Order(order) if views_here => {
                // An order that cannot be read is not asked for again: no ranks, then.
                let order = order.and_then(|bytes| facets::decode_order(&bytes));
                self.note_ranks(&order.unwrap_or_default());
                Some(self.all_views().await?)
            }
            Aside::Order(order) => {
                let order = order.and_then(|bytes| facets::decode_order(&bytes));
                if let Some(order) = &order {
                    self.note_ranks(order);
                }
                let items = self.manifest.items;
                let all = found.clone().unwrap_or_default();
                let head = order.map(|order| reader::by_views_head(&all, items, &order));
                // A head shorter than the page shows its cards first, and the rest of the
                // page comes with the counts, which read every item's views.
                let total = all.items.partition_point(|&o| o < items);
                if let Some(head) = head.filter(|head| !head.is_empty() || total == 0) {
                    return Ok(Some(Early {
                        items: head,
                        total,
                        counts_soon,
                        counts: None,
                    }));
                }
                Some(self.all_views().await?)
            }
            Aside::Views(views) => Some(views),
            Aside::Nothing => None,
        };
        let items = reader::early_items(
            &self.manifest,
            filter,
            found.as_deref(),
            views.as_deref().map(Vec::as_slice),
        );
        Ok(items.map(|items| Early {
            total: items.len(),
            items,
            counts_soon,
            counts: None,
        }))
    }
}
