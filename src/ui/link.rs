//! A link to one of the app's pages that says when it leads to the page on screen.

use crate::domain::route::{self, Address};
use crate::state::mode::deployed;
use crate::state::route::RouteContext;
use leptos::prelude::*;

/// A link to `href`, an address of the app as `mode::link` writes it (without the path the
/// app is deployed under), marked `aria-current="page"` while the reader is on that page or,
/// unless `exact`, on one inside it (the menu's "news" on an article). The router follows
/// it, as it does every plain link (`state::route`).
#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let href = deployed(&href);
    let to = Address::parse(&href).path;
    let here = RouteContext::get().path();
    let current = move || {
        here.with(|now| route::is_current(&to, now, exact))
            .then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}
