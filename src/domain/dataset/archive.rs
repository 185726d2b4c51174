//! A dataset's files as a walk, each once: the manifest names some, a card file names the
//! article files of its cards and each part of the index's directory its chunks. The app
//! walks it to keep a whole archive on a device, and `city-comms-data check` to read a
//! dataset before it is published; both read each file by its kind here.

use super::{facets, index, ArticleFile, CardFile, IndexDirectory, Manifest};
use std::collections::{BTreeMap, HashSet, VecDeque};

/// The kinds of file a dataset holds, beside its manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A part of a month's cards.
    Cards,
    /// Articles: bodies and albums.
    Articles,
    /// Which ordinal each id has.
    Ids,
    /// A block of filter columns.
    Facets,
    /// A block of views.
    Views,
    /// A part of a search index's directory.
    Directory,
    /// A chunk of a search index.
    Chunk,
}

/// A file the walk will read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// Its path within the dataset.
    pub path: String,
    /// Its size, where the file that names it gives one (a card names its article file
    /// without one).
    pub bytes: Option<u64>,
    /// What it holds.
    pub kind: Kind,
}

/// Reads `bytes` as a file of `kind`: the files it names in turn (a card file its article
/// files, a directory its chunks; none for the others), or `None` if it is not such a file.
pub fn read(kind: Kind, bytes: &[u8]) -> Option<Vec<Wanted>> {
    match kind {
        Kind::Cards => {
            let file: CardFile = serde_json::from_slice(bytes).ok()?;
            Some(
                file.cards
                    .into_iter()
                    .map(|card| Wanted {
                        path: card.article,
                        bytes: None,
                        kind: Kind::Articles,
                    })
                    .collect(),
            )
        }
        Kind::Directory => {
            let directory: IndexDirectory = serde_json::from_slice(bytes).ok()?;
            Some(
                directory
                    .chunks
                    .into_iter()
                    .map(|chunk| Wanted {
                        path: chunk.path,
                        bytes: Some(chunk.bytes),
                        kind: Kind::Chunk,
                    })
                    .collect(),
            )
        }
        Kind::Articles => serde_json::from_slice::<ArticleFile>(bytes)
            .ok()
            .map(|_| Vec::new()),
        Kind::Ids => serde_json::from_slice::<BTreeMap<String, u32>>(bytes)
            .ok()
            .map(|_| Vec::new()),
        Kind::Facets => facets::decode(bytes).map(|_| Vec::new()),
        Kind::Views => facets::decode_views(bytes).map(|_| Vec::new()),
        // Asked for no key, a chunk's reader still walks every entry's length.
        Kind::Chunk => index::read_chunk(bytes, &[]).map(|_| Vec::new()),
    }
}

/// The walk over a dataset's files: cards newest first, the ids, the filter columns and the
/// index directories, then what those name, each file once.
pub struct Walk {
    queue: VecDeque<Wanted>,
    seen: HashSet<String>,
}

impl Walk {
    /// The walk over the files `manifest` names, and those they name in turn.
    pub fn new(manifest: &Manifest) -> Walk {
        let named = |kind: Kind| {
            move |file: &super::FileRef| Wanted {
                path: file.path.clone(),
                bytes: Some(file.bytes),
                kind,
            }
        };
        let mut walk = Walk {
            queue: VecDeque::new(),
            seen: HashSet::new(),
        };
        let cards = manifest.cards.iter().map(|part| &part.file);
        walk.add(cards.map(named(Kind::Cards)));
        walk.add(manifest.ids.iter().map(named(Kind::Ids)));
        walk.add(manifest.facets.iter().map(named(Kind::Facets)));
        walk.add(manifest.views.iter().map(named(Kind::Views)));
        let directory = manifest.index.iter().map(|part| &part.file);
        walk.add(directory.map(named(Kind::Directory)));
        walk
    }

    /// Adds files that a file read names; those already in the walk are left out.
    pub fn add(&mut self, more: impl IntoIterator<Item = Wanted>) {
        for wanted in more {
            if self.seen.insert(wanted.path.clone()) {
                self.queue.push_back(wanted);
            }
        }
    }

    /// The next file to read.
    pub fn next_file(&mut self) -> Option<Wanted> {
        self.queue.pop_front()
    }
}
