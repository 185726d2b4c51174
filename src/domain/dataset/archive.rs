//! A dataset's files as a walk, each once: the manifest names some, a card file names the
//! article files of its cards and each part of the index's directory its chunks. The app
//! walks it to keep a whole archive on a device (and, when the dataset changes, to keep what
//! is new), and `city-comms-data check` to read a dataset before it is published; both read
//! each file by its kind here.

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
    /// The most viewed items, in order.
    Order,
    /// A part of a search index's directory.
    Directory,
    /// A chunk of a search index.
    Chunk,
}

impl Kind {
    /// Whether a file of this kind names others ([`read`]): a card file, or a part of an
    /// index directory.
    pub fn names_more(self) -> bool {
        matches!(self, Kind::Cards | Kind::Directory)
    }
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
        Kind::Order => facets::decode_order(bytes).map(|_| Vec::new()),
        // Asked for no key, a chunk's reader still walks every entry's length.
        Kind::Chunk => index::read_chunk(bytes, &[]).map(|_| Vec::new()),
    }
}

/// The walk over a dataset's files: cards newest first, the ids, the filter columns and the
/// index directories, then what those name, each file once.
pub struct Walk {
    queue: VecDeque<Wanted>,
    seen: HashSet<String>,
    /// Files the device holds: one that names no other is passed over.
    held: HashSet<String>,
}

/// The files `manifest` names itself, in the order a walk reads them.
fn named(manifest: &Manifest) -> impl Iterator<Item = Wanted> + '_ {
    let named = |kind: Kind| {
        move |file: &super::FileRef| Wanted {
            path: file.path.clone(),
            bytes: Some(file.bytes),
            kind,
        }
    };
    let cards = manifest.cards.iter().map(|part| &part.file);
    let cards = cards.chain(&manifest.most_viewed);
    let cards = cards.chain(manifest.views_cards.iter().map(|part| &part.file));
    let segments = manifest.index.iter();
    let directory = segments.flat_map(|segment| segment.parts.iter().map(|part| &part.file));
    cards
        .map(named(Kind::Cards))
        .chain(manifest.ids.iter().map(named(Kind::Ids)))
        .chain(manifest.facets.iter().map(named(Kind::Facets)))
        .chain(manifest.views.iter().map(named(Kind::Views)))
        .chain(manifest.views_order.iter().map(named(Kind::Order)))
        .chain(directory.map(named(Kind::Directory)))
}

/// What a device notes once it has walked `manifest`'s dataset whole: the files the
/// manifest names, one per line (see [`Walk::after`]).
pub fn kept_note(manifest: &Manifest) -> String {
    named(manifest)
        .map(|file| file.path)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files a [`kept_note`] lists.
pub fn read_kept_note(note: &str) -> HashSet<String> {
    note.lines().map(str::to_owned).collect()
}

/// Whether a dataset walked whole, as its [`kept_note`] lists it, holds every file
/// `manifest` names: nothing is left to walk.
pub fn covers(kept: &HashSet<String>, manifest: &Manifest) -> bool {
    named(manifest).all(|file| kept.contains(&file.path))
}

impl Walk {
    /// The walk over the files `manifest` names, and those they name in turn.
    pub fn new(manifest: &Manifest) -> Walk {
        Walk::after(manifest, HashSet::new(), HashSet::new())
    }

    /// The walk that brings a device that kept an earlier dataset whole up to `manifest`:
    /// `kept` lists what that dataset's manifest named ([`read_kept_note`]), `held` the files
    /// the device holds now. Files are named by their content, so each of those is still
    /// what it was, and every file it names was kept with it: the walk leaves them out. Of
    /// what the new files name, those held that name nothing more are passed over too. So a
    /// day's news reads its card part and the index directories it touches, and of what those
    /// name only what is new.
    pub fn after(manifest: &Manifest, kept: HashSet<String>, held: HashSet<String>) -> Walk {
        let mut walk = Walk {
            queue: VecDeque::new(),
            seen: kept,
            held,
        };
        walk.add(named(manifest));
        walk
    }

    /// The bytes of the files the walk knows it has yet to read.
    pub fn queued_bytes(&self) -> u64 {
        self.queue.iter().filter_map(|file| file.bytes).sum()
    }

    /// Adds files that a file read names; those already in the walk are left out.
    pub fn add(&mut self, more: impl IntoIterator<Item = Wanted>) {
        for wanted in more {
            let passed_over = !wanted.kind.names_more() && self.held.contains(&wanted.path);
            if !passed_over && self.seen.insert(wanted.path.clone()) {
                self.queue.push_back(wanted);
            }
        }
    }

    /// The next file to read.
    pub fn next_file(&mut self) -> Option<Wanted> {
        self.queue.pop_front()
    }
}
