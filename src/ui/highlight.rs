//! Text with the matches of a search marked, built as text nodes and `<mark>` elements so
//! that nothing from the bundle is ever read as markup.

use crate::domain::search::{highlight, Query};
use leptos::prelude::*;

/// `text`, with every occurrence of `query`'s terms in a `<mark>`.
pub fn highlighted(text: &str, query: &Query) -> AnyView {
    if query.is_empty() {
        return text.to_owned().into_any();
    }
    highlight(text, query)
        .into_iter()
        .map(|segment| {
            let piece = segment.text.to_owned();
            if segment.matched {
                view! { <mark class="match">{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
        .into_any()
}
