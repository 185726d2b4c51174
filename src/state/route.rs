//! Where the reader is in the app, as signals the pages read, and moves to another of its
//! addresses without loading the document again: a link's, the back and forward buttons',
//! or the app's own (a filter written into the address, a story saved).
//!
//! Ours, not `leptos_router`: the app has ten fixed routes and no nested ones, and the
//! router's matching, its generic views and its own link component were about 96 KB of the
//! main module's code before `wasm-opt` (README, "Dependencies, and why each").

use crate::browser::{document, history};
use crate::domain::route::{self, Address, Page, Query, Route};
use crate::state::mode::deployed;
use leptos::prelude::*;

/// How a move to another address treats the history and the scroll position.
#[derive(Debug, Clone, Copy)]
pub struct Go {
    /// In place of the current history entry, not as a new one.
    pub replace: bool,
    /// To the top of the page (or to the fragment's element) once it is drawn.
    pub scroll: bool,
}

impl Default for Go {
    fn default() -> Go {
        Go {
            replace: false,
            scroll: true,
        }
    }
}

/// The address the app shows, and what the pages read of it.
#[derive(Clone, Copy)]
pub struct RouteContext {
    address: RwSignal<Address>,
    path: Memo<String>,
    route: Memo<Route>,
}

impl RouteContext {
    /// Reads the address, follows the app's own links and the history from now on, and
    /// provides the context.
    pub fn provide() -> RouteContext {
        let context = RouteContext::at(history::current());
        history::on_link_click(move |click| context.follow(click.to, !click.keep_scroll));
        history::on_history_move(move || context.address.set(history::current()));
        provide_context(context);
        context
    }

    /// The provided context; outside the app (a component mounted on its own), the address
    /// as it is, not followed.
    pub fn get() -> RouteContext {
        use_context().unwrap_or_else(|| RouteContext::at(history::current()))
    }

    fn at(address: Address) -> RouteContext {
        let address = RwSignal::new(address);
        let path = Memo::new(move |_| address.with(|a| a.path.clone()));
        let route = Memo::new(move |_| {
            path.with(|path| Route::of(route::within(document::base_path(), path).unwrap_or("")))
        });
        RouteContext {
            address,
            path,
            route,
        }
    }

    /// The pathname, the deployed path included.
    pub fn path(self) -> Memo<String> {
        self.path
    }

    /// The page the address shows.
    pub fn page(self) -> Memo<Page> {
        let route = self.route;
        Memo::new(move |_| route.with(|route| route.page))
    }

    /// The parameter of `page` (an article's id, a theme's): it keeps its value while the
    /// address shows another page, so that a page on its way out is not drawn again for a
    /// parameter it does not have.
    pub fn param(self, page: Page) -> Memo<String> {
        let route = self.route;
        Memo::new(move |kept: Option<&String>| {
            route.with(|route| match route.page == page {
                true => route.param.clone(),
                false => kept.cloned().unwrap_or_default(),
            })
        })
    }

    /// The query's parameters while the address shows `page`; like [`Self::param`], they
    /// stay as they were while it shows another.
    pub fn query(self, page: Page) -> Memo<Query> {
        let (route, address) = (self.route, self.address);
        Memo::new(
            move |kept: Option<&Query>| match route.with(|route| route.page == page) {
                true => address.with(|a| Query::parse(&a.search)),
                false => kept.cloned().unwrap_or_default(),
            },
        )
    }

    /// Moves to `path`, an address of the app as `mode::link` writes it (`/news?q=…`,
    /// without the path the app is deployed under).
    pub fn go(self, path: &str, how: Go) {
        let to = Address::parse(&deployed(path));
        self.move_to(to, how);
    }

    /// Follows a link to `to` if it is one of the app's addresses and not a fragment of the
    /// page on screen (which the browser scrolls to and focuses itself); `true` if followed.
    fn follow(self, to: Address, scroll: bool) -> bool {
        if route::within(document::base_path(), &to.path).is_none() {
            return false;
        }
        let same_page = self.address.with_untracked(|now| {
            now.path == to.path && now.search == to.search && !to.hash.is_empty()
        });
        if same_page {
            return false;
        }
        self.move_to(
            to,
            Go {
                replace: false,
                scroll,
            },
        );
        true
    }

    fn move_to(self, to: Address, how: Go) {
        // The address bar first, so that a page drawn for the new address reads it there.
        let again = self.address.with_untracked(|now| *now == to);
        history::go(&to.written(), how.replace || again);
        let hash = to.hash.clone();
        self.address.set(to);
        if how.scroll || !hash.is_empty() {
            request_animation_frame(move || history::scroll_to(&hash, how.scroll));
        }
    }
}
