//! Components: markup and event handlers, one public component per file. Pages render
//! from plain values (the bundle and the language) and are re-rendered when either changes.

mod app;
mod article;
mod bundle_error;
mod coverage;
mod coverage_figures;
mod embed_page;
mod footer;
mod gate;
mod hand_off;
mod header;
mod highlight;
mod home;
mod in_turn;
mod keep_archive;
mod kiosk;
mod lang_switch;
mod latest_news;
mod link;
mod news_card;
mod news_fetched;
mod news_filters;
mod news_list;
mod news_results;
mod not_found;
pub mod on_demand;
mod outbox_page;
mod plan;
mod share;
mod status;
mod stories;
mod story_form;
mod theme;

pub use app::App;
pub use bundle_error::BundleError;
pub use news_card::{HeadingLevel, NewsCard};
