//! The dataset's cards and articles, read for a list or an article: from the month's part,
//! the most-viewed file or a part by views (`reader::card_files`), each file parsed once
//! while it is among the latest.

use super::{lock, DatasetReader, CARD_FILES_KEPT};
use crate::domain::bundle::News;
use crate::domain::dataset::by_views::Ranks;
use crate::domain::dataset::{self as dataset, reader, ArticleFile, Card, CardFile};
use crate::domain::load::LoadError;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

impl DatasetReader {
    /// The card file at `path`, read once while it is among the latest.
    pub(super) async fn card_file(&self, path: &str) -> Result<Arc<CardFile>, LoadError> {
        {
            let mut kept = lock(&self.card_files);
            if let Some(at) = kept.iter().position(|(kept, _)| kept == path) {
                if let Some(entry) = kept.remove(at) {
                    let file = entry.1.clone();
                    kept.push_back(entry);
                    return Ok(file);
                }
            }
        }
        let file = Arc::new(self.json::<CardFile>(path).await?);
        let mut kept = lock(&self.card_files);
        kept.retain(|(kept, _)| kept != path);
        kept.push_back((path.to_owned(), file.clone()));
        if kept.len() > CARD_FILES_KEPT {
            kept.pop_front();
        }
        Ok(file)
    }

    /// The cards of `ordinals` from the most-viewed card file, if it has been read, is
    /// still kept and holds them all.
    fn most_viewed_cards(&self, ordinals: &[usize]) -> Option<Vec<Card>> {
        let path = &self.manifest.most_viewed.as_ref()?.path;
        let top = lock(&self.card_files)
            .iter()
            .find(|(kept, _)| kept == path)
            .map(|(_, file)| file.clone())?;
        let card = |&ordinal: &usize| top.cards.iter().find(|c| c.ordinal as usize == ordinal);
        ordinals.iter().map(card).map(|c| c.cloned()).collect()
    }

    /// Notes the rank of each item of the compiler's order by views (`order`, most viewed
    /// first), once, where the compiler wrote their cards in parts by views.
    pub(super) fn note_ranks(&self, order: &[u32]) {
        let mut ranks = lock(&self.ranks);
        if ranks.is_none() && !self.manifest.views_cards.is_empty() {
            *ranks = Some(Arc::new(Ranks::of(order)));
        }
    }

    /// The files to read the cards of `ordinals` from, one each (`reader::card_files`), by
    /// their ranks in the order by views if `ranks` has them.
    fn card_paths(&self, ordinals: &[usize], ranks: Option<&Ranks>) -> Vec<Option<String>> {
        let files = lock(&self.files);
        let rank_of = |ordinal| ranks.and_then(|ranks| ranks.get(ordinal));
        let paths = reader::card_files(&self.manifest, ordinals, rank_of, |path| {
            files.contains_key(path)
        });
        paths
            .into_iter()
            .map(|path| path.map(str::to_owned))
            .collect()
    }

    /// The cards of `ordinals`, in that order: from the most-viewed file when it is read
    /// and holds them all, else from the files that hold them (`reader::card_files`). A
    /// file by views that cannot be read (damaged, or offline and never read) costs its
    /// cards their shortcut: they are read from their months' parts.
    async fn cards(&self, ordinals: &[usize]) -> Result<Vec<Card>, LoadError> {
        if let Some(cards) = self.most_viewed_cards(ordinals) {
            return Ok(cards);
        }
        let ranks = lock(&self.ranks).clone();
        if let Some(ranks) = ranks {
            if let Ok(cards) = self.cards_from(ordinals, Some(&ranks)).await {
                return Ok(cards);
            }
        }
        self.cards_from(ordinals, None).await
    }

    /// The cards of `ordinals`, in that order, from the files [`Self::card_paths`] gives.
    async fn cards_from(
        &self,
        ordinals: &[usize],
        ranks: Option<&Ranks>,
    ) -> Result<Vec<Card>, LoadError> {
        let damaged = || LoadError::Damaged(dataset::MANIFEST.to_owned());
        let mut paths: Vec<String> = Vec::new();
        for path in self.card_paths(ordinals, ranks) {
            let path = path.ok_or_else(damaged)?;
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        let fetched = futures::future::join_all(paths.iter().map(|path| self.card_file(path)))
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        let by_ordinal: HashMap<u32, &Card> = fetched
            .iter()
            .flat_map(|file| file.cards.iter().map(|card| (card.ordinal, card)))
            .collect();
        ordinals
            .iter()
            .map(|&ordinal| {
                by_ordinal
                    .get(&(ordinal as u32))
                    .map(|&card| card.clone())
                    .ok_or_else(damaged)
            })
            .collect()
    }

    /// How many of `ordinals`, from the first, to draw first: those whose cards come with
    /// the first `screen`'s (`reader::drawn_first`), all of them when their cards are here.
    pub fn drawn_first(&self, ordinals: &[usize], screen: usize) -> usize {
        if self.most_viewed_cards(ordinals).is_some() {
            return ordinals.len();
        }
        let ranks = lock(&self.ranks).clone();
        let paths = self.card_paths(ordinals, ranks.as_deref());
        // (A page is twenty cards: each is found by its place.)
        let file_of = |ordinal| {
            let at = ordinals.iter().position(|&o| o == ordinal)?;
            paths[at].as_deref()
        };
        let files = lock(&self.files);
        reader::drawn_first(ordinals, screen, file_of, |path| files.contains_key(*path))
    }

    /// The news of `ordinals`, as cards show them (no body), in that order.
    pub async fn news(&self, ordinals: &[usize]) -> Result<Vec<News>, LoadError> {
        let cards = self.cards(ordinals).await?;
        cards
            .into_iter()
            .map(|card| {
                let path = card.article.clone();
                reader::card_news(card).ok_or(LoadError::Damaged(path))
            })
            .collect()
    }

    /// The whole news item with `id`, body and album included; `None` if there is none.
    pub async fn article(&self, id: &str) -> Result<Option<News>, LoadError> {
        let buckets = self.manifest.ids.len() as u32;
        let Some(file) = self
            .manifest
            .ids
            .get(dataset::id_bucket(id, buckets) as usize)
        else {
            return Ok(None);
        };
        let ids: BTreeMap<String, u32> = self.json(&file.path).await?;
        let Some(&ordinal) = ids.get(id) else {
            return Ok(None);
        };
        let Some(card) = self.cards(&[ordinal as usize]).await?.pop() else {
            return Ok(None);
        };
        let path = card.article.clone();
        let articles: ArticleFile = self.json(&path).await?;
        let article = articles
            .articles
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| LoadError::Damaged(path.clone()))?;
        let news = reader::card_news(card).ok_or_else(|| LoadError::Damaged(path.clone()))?;
        Ok(Some(reader::with_article(news, article)))
    }
}
