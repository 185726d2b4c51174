//! The app's frame: contexts, the router and the layout every page shares.

use super::article::ArticlePage;
use super::footer::SiteFooter;
use super::header::SiteHeader;
use super::home::HomePage;
use super::kiosk::KioskGuard;
use super::news_list::NewsListPage;
use super::not_found::NotFoundPage;
use super::on_demand::{on_demand, ArchiveOffer, OnDemandPages, QrCodes};
use super::status::StatusBanners;
use crate::browser::{clock, document};
use crate::domain::i18n::Msg;
use crate::domain::mode::Mode;
use crate::domain::names;
use crate::domain::route::Page;
use crate::state::archive::ArchiveKeeper;
use crate::state::bundle::{BundleContext, BundleState};
use crate::state::effect::effect_until_done;
use crate::state::lang::{t, LangContext};
use crate::state::mode::ModeContext;
use crate::state::outbox::OutboxContext;
use crate::state::route::RouteContext;
use crate::state::start::StartContext;
use crate::state::status::StatusContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How often the app looks whether its page has its first content before it takes the place
/// of what the page came with, for at most `names::REVEAL_WAIT_MS`. Counted by the clock, not
/// in steps: a hidden tab runs timers once a second.
const REVEAL_STEP_MS: i32 = 50;

/// How long, at most, focus waits for a new page's heading (a page fetched on demand over a
/// slow connection).
const HEADING_WAIT_MS: i64 = 15_000;

/// The whole app, with where its pages fetched on demand come from.
#[component]
pub fn App(pages: OnDemandPages) -> impl IntoView {
    LangContext::provide();
    RouteContext::provide();
    let bundle = BundleContext::provide(pages.whole_bundle);
    let mode = ModeContext::provide(bundle).mode();
    OutboxContext::provide(bundle, pages.outbox_delivery);
    let status = StatusContext::provide(bundle);
    ArchiveKeeper::provide(bundle, pages.archive_walk);
    ArchiveOffer::provide(pages.keep_archive);
    let start = StartContext::provide();
    if mode == Mode::Kiosk {
        provide_context(QrCodes(pages.qr_code));
        // A kiosk hands addresses to phones all day: the module that draws the codes is
        // fetched as it starts, so that the first code shows the moment it is asked for.
        spawn_local(async move {
            let _ = (pages.qr_code)(String::new()).await;
        });
    }
    // An embedded app lives inside another site's page, which has its own header and footer.
    let framed = mode == Mode::Embed;
    // The page came with something to show (a static intro, or this very page prerendered).
    // Behind it, out of sight, the app builds its frame in steps, each a task of its own so
    // that a slow phone is never held long, and shows it in one frame once it has the bundle.
    let built = RwSignal::new(BuildStep::Nothing);
    spawn_local(async move {
        for step in [BuildStep::Header, BuildStep::Main, BuildStep::Everything] {
            clock::next_task().await;
            built.set(step);
        }
    });
    let state = bundle.state();
    // Once shown, it stays: the effect then reads no signal and never runs again.
    effect_until_done(move || {
        let loading = state.with(|state| matches!(state, BundleState::Loading));
        let ready = built.get() == BuildStep::Everything && !loading;
        if ready {
            // What the page came with stays until the app's page has its first content
            // (a dataset's cards arrive after the manifest), or a moment has passed.
            spawn_local(async move {
                let started = clock::millis();
                while document::app_page_waiting()
                    && clock::millis() - started < i64::from(names::REVEAL_WAIT_MS)
                {
                    clock::after_ms(REVEAL_STEP_MS).await;
                }
                request_animation_frame(move || {
                    start.reveal();
                    status.register_worker(bundle);
                });
            });
        }
        ready
    });
    let shown = move |step: BuildStep| move || built.get() >= step;
    let page = RouteContext::get().page();
    // Each page is drawn anew when the address moves to another; a new query or article
    // id is read by the page on screen.
    let routes = move || match page.get() {
        Page::Home => view! { <HomePage /> }.into_any(),
        Page::News => view! { <NewsListPage /> }.into_any(),
        Page::Article => view! { <ArticlePage /> }.into_any(),
        Page::Plan => on_demand(pages.plan).into_any(),
        Page::Coverage => on_demand(pages.coverage).into_any(),
        Page::Theme => on_demand(pages.theme).into_any(),
        Page::Stories => on_demand(pages.stories).into_any(),
        Page::StoryForm => on_demand(pages.story_form).into_any(),
        Page::Outbox => on_demand(pages.outbox).into_any(),
        Page::Embed => on_demand(pages.embed).into_any(),
        Page::NotFound => view! { <NotFoundPage /> }.into_any(),
    };
    view! {
        <FocusHeadingOnNavigation />
        <Show when=move || !framed && shown(BuildStep::Header)()>
            <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
            <SiteHeader />
        </Show>
        <StatusBanners />
        <main id="main" class="page" tabindex="-1">
            <Show when=shown(BuildStep::Main)>{routes}</Show>
        </main>
        <Show when=move || !framed && shown(BuildStep::Everything)()>
            <SiteFooter />
        </Show>
        {(mode == Mode::Kiosk).then(|| view! { <KioskGuard forget=pages.kiosk_forget /> })}
    }
}

/// How much of the app's frame has been built (see [`App`]).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum BuildStep {
    Nothing,
    Header,
    Main,
    Everything,
}

/// After each move to another page (not the first one), puts focus on the new page's main
/// heading, as a screen reader user expects when a link changes the whole page.
#[component]
fn FocusHeadingOnNavigation() -> impl IntoView {
    let path_now = RouteContext::get().path();
    let _watch = Effect::watch(
        move || path_now.get(),
        move |path, _, _| {
            // The page renders in this turn, so its heading is there after the next frame; a
            // page fetched on demand (on_demand.rs) has it once its module has arrived. Given
            // up when the reader moves on, or after a while.
            let path = path.clone();
            spawn_local(async move {
                let started = clock::millis();
                loop {
                    clock::after_paint().await;
                    let moved_on = path_now.with_untracked(|now| *now != path);
                    if moved_on
                        || document::focus_main_heading()
                        || clock::millis() - started > HEADING_WAIT_MS
                    {
                        break;
                    }
                }
            });
        },
        false,
    );
}
