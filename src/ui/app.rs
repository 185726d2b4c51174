//! The app's frame: contexts, the router and the layout every page shares.

use super::article::ArticlePage;
use super::footer::SiteFooter;
use super::header::SiteHeader;
use super::home::HomePage;
use super::news_list::NewsListPage;
use super::not_found::NotFoundPage;
use super::outbox_page::OutboxPage;
use super::plan::PlanPage;
use super::status::StatusBanners;
use super::stories::StoriesPage;
use super::story_form::StoryFormPage;
use super::theme::ThemePage;
use crate::browser::document;
use crate::domain::i18n::Msg;
use crate::state::bundle::BundleContext;
use crate::state::lang::{t, LangContext};
use crate::state::outbox::OutboxContext;
use crate::state::status::StatusContext;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    LangContext::provide();
    let bundle = BundleContext::provide();
    OutboxContext::provide(bundle);
    StatusContext::provide(bundle);
    view! {
        <Router base=document::base_path()>
            <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
            <SiteHeader />
            <StatusBanners />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/news") view=NewsListPage />
                    <Route path=path!("/news/:id") view=ArticlePage />
                    <Route path=path!("/plan") view=PlanPage />
                    <Route path=path!("/plan/:theme") view=ThemePage />
                    <Route path=path!("/stories") view=StoriesPage />
                    <Route path=path!("/stories/new") view=StoryFormPage />
                    <Route path=path!("/stories/mine") view=OutboxPage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
