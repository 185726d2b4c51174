//! Imported items into the bundle's news: an item whose id is already there replaces it
//! (a feed entry only when it is not older than the bundle's item), any other is added at
//! the end. Items the import does not touch keep their text as it was.

use super::draft::Draft;
use super::findings::Note;
use crate::json::Json;
use city_comms::domain::date::Moment;
use std::collections::HashMap;

/// What became of one imported item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Added,
    Replaced,
    /// The bundle already held exactly this item.
    Unchanged,
    /// The bundle's item was published after the entry's last update; it stays.
    KeptBundle,
}

/// The outcome of one merge: each draft's fate, and which item of `news` each draft is now.
#[derive(Debug, Default)]
pub struct Merged {
    pub fates: Vec<(usize, Fate)>,
    /// Index in `news` → index of the draft now there.
    pub at: HashMap<usize, usize>,
}

/// Of several drafts with one id, the one that goes in: the newer feed entry, else the later
/// one. The others are named in the notes, each under its file.
pub fn one_per_id<'a>(
    drafts: &[&'a Draft],
    names: &[String],
) -> (Vec<&'a Draft>, Vec<(usize, Note)>) {
    let mut chosen: Vec<&Draft> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut notes = Vec::new();
    for draft in drafts {
        let Some(&slot) = by_id.get(draft.id.as_str()) else {
            by_id.insert(&draft.id, chosen.len());
            chosen.push(draft);
            continue;
        };
        let earlier = chosen[slot];
        let earlier_is_newer =
            matches!((earlier.version, draft.version), (Some(a), Some(b)) if a > b);
        let (kept, dropped) = if earlier_is_newer {
            (earlier, *draft)
        } else {
            (*draft, earlier)
        };
        let other_file = (kept.file != dropped.file)
            .then(|| names.get(dropped.file).cloned().unwrap_or_default());
        notes.push((
            kept.file,
            Note::SameId {
                id: draft.id.clone(),
                kept: kept.place,
                dropped: dropped.place,
                other_file,
            },
        ));
        chosen[slot] = kept;
    }
    (chosen, notes)
}

/// Merges `drafts` (one per id) into the `news` list of `bundle`.
pub fn merge(bundle: &mut Json, drafts: &[&Draft]) -> Merged {
    let mut merged = Merged::default();
    let Some(Json::Array(news)) = bundle.get_mut("news") else {
        return merged;
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for (at, item) in news.iter().enumerate() {
        if let Some(id) = item.get("id").and_then(Json::as_str) {
            index.entry(id.to_owned()).or_insert(at);
        }
    }
    for (number, draft) in drafts.iter().enumerate() {
        let item = draft.to_json();
        let fate = match index.get(&draft.id) {
            None => {
                index.insert(draft.id.clone(), news.len());
                merged.at.insert(news.len(), number);
                news.push(item);
                Fate::Added
            }
            Some(&at) => {
                let published = news[at]
                    .get("published")
                    .and_then(Json::as_str)
                    .and_then(Moment::parse);
                let bundle_is_newer =
                    matches!((draft.version, published), (Some(v), Some(p)) if p > v);
                if bundle_is_newer {
                    Fate::KeptBundle
                } else if news[at] == item {
                    merged.at.insert(at, number);
                    Fate::Unchanged
                } else {
                    merged.at.insert(at, number);
                    news[at] = item;
                    Fate::Replaced
                }
            }
        };
        merged.fates.push((number, fate));
    }
    merged
}

/// The note for a draft that left the bundle's newer item in place.
pub fn kept_note(draft: &Draft) -> Note {
    Note::BundleIsNewer {
        place: draft.place,
        id: draft.id.clone(),
    }
}

/// Where a validation path such as `news[12].title.th` points: the item's index and the
/// rest of the path.
pub fn news_index(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("news[")?;
    let (number, rest) = rest.split_once(']')?;
    let index = number.parse().ok()?;
    Some((index, rest.strip_prefix('.').unwrap_or(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_paths_name_the_news_item() {
        let cases = [
            ("news[12].title.th", Some((12, "title.th"))),
            ("news[0]", Some((0, ""))),
            ("news[3].themes[1]", Some((3, "themes[1]"))),
            ("stories[1].id", None),
            ("news", None),
            ("news[x].id", None),
        ];
        for (path, expected) in cases {
            assert_eq!(news_index(path), expected, "{path}");
        }
    }
}
