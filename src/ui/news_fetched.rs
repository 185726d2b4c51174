//! What the news page has asked a dataset for and what it answered, kept so that a slower,
//! older answer never covers a newer one.

use crate::browser::{clock, document};
use crate::domain::bundle::News;
use crate::domain::filter::{NewsResults, Part};
use crate::domain::load::LoadError;
use crate::domain::search::Query;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// What a dataset has answered so far: the latest filter's results and the news of the
/// cards shown, or why a file could not be read. A bundle read whole answers at once and
/// never uses it.
#[derive(Clone, Copy)]
pub(super) struct Fetched {
    pub(super) results: RwSignal<Option<NewsResults>>,
    pub(super) news: RwSignal<Vec<News>>,
    /// The search those cards were listed for, whose words they mark: not the one being
    /// typed, whose cards are not here yet (marking the old cards anew would draw them all
    /// again at every keystroke).
    pub(super) listed_for: RwSignal<Query>,
    pub(super) offers: RwSignal<Vec<(Part, usize)>>,
    /// The counts shown are another view's and this one's wait for a download: a first
    /// search lists its items before every item's filter row is here. They are hidden then.
    pub(super) counts_hidden: RwSignal<bool>,
    /// How many items an answer holds when its list (the one in `results`, kept here to
    /// tell) holds only the first of them: the most viewed, before every item's views are
    /// here. `None` when the list is whole.
    pub(super) total: RwSignal<Option<(Arc<[usize]>, usize)>>,
    /// Why the latest request of each kind could not be answered (see [`Fetched::problem`]).
    problems: [RwSignal<Option<LoadError>>; 3],
    /// Requests not yet answered, of each kind: the results say `aria-busy` meanwhile.
    pub(super) waiting: [RwSignal<bool>; 3],
    /// Bumped by each request for results, cards and counts, so that a slower, older answer
    /// never covers a newer one.
    pub(super) asked: [StoredValue<u64>; 3],
}

/// Which of [`Fetched::asked`].
pub(super) const RESULTS: usize = 0;
pub(super) const CARDS: usize = 1;
/// The counts of a search listed before the filter columns were read.
pub(super) const COUNTS: usize = 2;

impl Fetched {
    /// `dataset`: a dataset's first answer is awaited from the start.
    pub(super) fn new(dataset: bool) -> Fetched {
        Fetched {
            results: RwSignal::new(None),
            news: RwSignal::new(Vec::new()),
            listed_for: RwSignal::new(Query::default()),
            offers: RwSignal::new(Vec::new()),
            counts_hidden: RwSignal::new(false),
            total: RwSignal::new(None),
            problems: std::array::from_fn(|_| RwSignal::new(None)),
            waiting: [
                RwSignal::new(dataset),
                RwSignal::new(false),
                RwSignal::new(false),
            ],
            // One counter a kind: `[StoredValue::new(0); 3]` would copy one handle three times.
            asked: std::array::from_fn(|_| StoredValue::new(0)),
        }
    }

    /// Drops any answer of this kind still to come: cards asked for under an older filter
    /// must not take the place of the new filter's.
    pub(super) fn forget(self, kind: usize) {
        self.asked[kind].update_value(|n| *n += 1);
        self.waiting[kind].set(false);
        self.note_problem(kind, None);
    }

    /// Keeps the problem of a kind, telling the page only when it changes: every keystroke's
    /// answer passes here, and nearly all of them have none, as the one before.
    fn note_problem(self, kind: usize, problem: Option<LoadError>) {
        if self.problems[kind].with_untracked(|shown| *shown != problem) {
            self.problems[kind].set(problem);
        }
    }

    /// Why a file this view needs could not be read: the results' problem first, then the
    /// cards', then the counts'.
    pub(super) fn problem(self) -> Option<LoadError> {
        self.problems.iter().find_map(|problem| problem.get())
    }

    /// Whether the latest request of this kind could not be answered.
    pub(super) fn failed(self, kind: usize) -> bool {
        self.problems[kind].with(Option::is_some)
    }

    /// Runs `work`, keeping its answer only if no newer request was made meanwhile.
    pub(super) fn ask<T: 'static>(
        self,
        kind: usize,
        work: impl std::future::Future<Output = Result<T, LoadError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.settle(kind, work, move |answer| {
            if let Some(value) = answer {
                done(value);
            }
        });
    }

    /// As [`Fetched::ask`], with `done` told of a request that failed too (`None`; its
    /// problem is shown all the same), for what must follow either way.
    pub(super) fn settle<T: 'static>(
        self,
        kind: usize,
        work: impl std::future::Future<Output = Result<T, LoadError>> + 'static,
        done: impl FnOnce(Option<T>) + 'static,
    ) {
        let (asked, waiting) = (self.asked[kind], self.waiting[kind]);
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        waiting.set(true);
        spawn_local(async move {
            // While the app starts, not in the task that asked: that one is building the
            // page. Once the page is on screen, at once: an answer already at hand (a later
            // keystroke's) is drawn in the frame that shows the key, and one that needs a
            // file waits for it either way.
            if !document::app_revealed() {
                clock::next_task().await;
            }
            if asked.try_get_value() != Some(mine) {
                return;
            }
            let answer = work.await;
            if asked.try_get_value() != Some(mine) {
                return;
            }
            waiting.set(false);
            self.note_problem(kind, answer.as_ref().err().cloned());
            done(answer.ok());
        });
    }
}
