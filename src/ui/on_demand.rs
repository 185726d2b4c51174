//! Every page but the home page, the news list and an article (the plan and its themes, the
//! published stories, the story form and the outbox, the coverage dashboard, the embed
//! builder) is cut out of the app's main wasm into a module of its own, which the browser
//! fetches the first time the page is asked for; so a first visit downloads less before the
//! app works. A prerendered page names the modules it needs (src/build/prerender.mjs), and
//! the start-up script asks for them beside the main module, so that a link into a theme
//! does not wait for its module after the app has started.
//!
//! An article stays in the main module: it is where a link shared in LINE or Facebook
//! lands, and cut out, its module and the chunks it shares with other pages (13 files, 25 KB
//! by `gzip -9`) made such a first visit's own page 0.3 s later on the phone profile, for
//! 0.1 s sooner on `/` and `/news` (tests/bench/figures.md).
//!
//! The wasm is cut at the app binary's cut points (src/main.rs), by `wasm-split` after
//! `cargo build` (src/build/split.mjs); on the host they are plain calls. The service worker
//! keeps every module, so after one visit each page opens offline like the others.
//!
//! A kiosk's forgetting of the last person is cut out too: it is the only code of the main
//! module's pages that reads the outbox's records, and only a kiosk needs it. So is the
//! drawing of QR codes, with which only a kiosk hands an address to a phone; and the walk
//! that keeps the whole archive on a device, which most readers never ask for, and the
//! section under the news list that offers it, fetched after the news page is first painted.
//!
//! A page's module that cannot be fetched gives a page that says why, as its loader found out
//! (`domain::names::ModuleFailure`), and what to do: no answer (a first visit that loses its
//! connection before the service worker has kept the module) or a site that refused it, try
//! again; a module the site no longer has (the app was updated since the page was opened),
//! reload; one changed on the way, sign in to the network and try again. Never a panic,
//! which would stop the whole app. (The offer to keep the archive is left out until its
//! module comes: without it the archive cannot be downloaded either.)

use super::coverage::CoveragePage;
use super::embed_page::EmbedPage;
use super::keep_archive;
pub use super::keep_archive::DrawSection;
use super::not_found::unreadable;
use super::outbox_page::OutboxPage;
use super::plan::PlanPage;
use super::stories::StoriesPage;
use super::story_form::StoryFormPage;
use super::theme::ThemePage;
use crate::browser::device_db::{self, DeviceError};
use crate::browser::document;
pub use crate::browser::module::{Fetched, NotFetched};
use crate::domain::i18n::Msg;
use crate::domain::names::ModuleFailure;
use crate::domain::qr::{self, QrDrawing};
use crate::state::archive::{self, WalkArchive};
use crate::state::delivery;
use crate::state::lang::{t, use_lang};
use crate::state::outbox::StartDelivery;
use crate::state::whole::{self, ReadWhole};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::Pin;

/// Where each page fetched on demand comes from: the app's binary (src/main.rs) gives its cut
/// points, each of which builds its page inside its own module; [`OnDemandPages::built_in`]
/// gives the pages from the main module, as tests mount the app.
///
/// The cut points live in the binary, not here, because a cut point is an export of the wasm,
/// and every wasm linked with this crate (the outbox worker's too) would otherwise carry the
/// pages behind it.
#[derive(Clone, Copy)]
pub struct OnDemandPages {
    /// The plan (`/plan`).
    pub plan: Fetch,
    /// A theme of the plan (`/plan/{theme-id}`).
    pub theme: Fetch,
    /// The published stories (`/stories`).
    pub stories: Fetch,
    /// The story form (`/stories/new`).
    pub story_form: Fetch,
    /// The stories on this device (`/stories/mine`).
    pub outbox: Fetch,
    /// The coverage dashboard (`/plan/coverage`).
    pub coverage: Fetch,
    /// The embed builder (`/embed`).
    pub embed: Fetch,
    /// Not a page: the outbox's delivery, started the first time this tab has a story to
    /// deliver or to show.
    pub outbox_delivery: StartDelivery,
    /// Not a page: how a kiosk forgets the last person.
    pub kiosk_forget: ForgetLastPerson,
    /// Not a page: how a kiosk draws an address as a QR code.
    pub qr_code: DrawQrCode,
    /// Not a page: the walk that keeps the whole archive on the device.
    pub archive_walk: WalkArchive,
    /// Not a page: the reading of a bundle file whole, where no dataset is published.
    pub whole_bundle: ReadWhole,
    /// Not a page: the section under the news list that offers to keep the whole archive.
    pub keep_archive: OfferToKeep,
}

/// The drawing of the section that offers to keep the whole archive, once its module is
/// there ([`keep_archive::section`]). Most readers never ask for it: it is fetched after the
/// news page is first painted, not with the main module.
pub type OfferToKeep = fn() -> Fetched<DrawSection>;

/// The offer to keep the whole archive, as the app provides it to the news list: how its
/// module is fetched, and its drawing once it is here, kept for the visit, so that a page
/// drawn anew (another language, a new dataset) draws the section at once.
#[derive(Clone, Copy)]
pub struct ArchiveOffer {
    pub fetch: OfferToKeep,
    pub drawing: RwSignal<Option<DrawSection>>,
}

impl ArchiveOffer {
    /// Provides the offer to the tree below, fetched by `fetch`.
    pub fn provide(fetch: OfferToKeep) {
        provide_context(ArchiveOffer {
            fetch,
            drawing: RwSignal::new(None),
        });
    }
}

/// Draws an address as a QR code ([`qr::draw`]), once its module is there; `None` when the
/// address is too long for any QR code.
pub type DrawQrCode = fn(String) -> Fetched<Option<QrDrawing>>;

/// The drawing of QR codes, as the app provides it to a kiosk's pages.
#[derive(Clone, Copy)]
pub struct QrCodes(pub DrawQrCode);

/// How a kiosk forgets the last person ([`device_db::forget_for_next_person`]): gives the
/// forgetting once its module is there. The forgetting does nothing until awaited, so asking
/// for it and dropping it only fetches the module ahead.
pub type ForgetLastPerson = fn() -> Fetched<Forgetting>;

/// A kiosk's forgetting of the last person, under way.
pub type Forgetting = Pin<Box<dyn Future<Output = Result<(), DeviceError>>>>;

/// Forgets the last person at a kiosk.
pub fn forgetting() -> Forgetting {
    Box::pin(device_db::forget_for_next_person())
}

impl OnDemandPages {
    /// Every page from the main module, with nothing to fetch.
    pub fn built_in() -> Self {
        OnDemandPages {
            plan: || Box::pin(async { Ok(plan_page()) }),
            theme: || Box::pin(async { Ok(theme_page()) }),
            stories: || Box::pin(async { Ok(stories_page()) }),
            story_form: || Box::pin(async { Ok(story_form_page()) }),
            outbox: || Box::pin(async { Ok(outbox_page()) }),
            coverage: || Box::pin(async { Ok(coverage_page()) }),
            embed: || Box::pin(async { Ok(embed_page()) }),
            outbox_delivery: |outbox| {
                Box::pin(async move {
                    delivery::start(outbox);
                    Ok(())
                })
            },
            kiosk_forget: || Box::pin(async { Ok(forgetting()) }),
            qr_code: |address| Box::pin(async move { Ok(qr::draw(&address)) }),
            archive_walk: |plan| Box::pin(async move { Ok(archive::walking(plan)) }),
            whole_bundle: || Box::pin(async { Ok(whole::reading as whole::ReadText) }),
            keep_archive: || Box::pin(async { Ok(keep_archive_section()) }),
        }
    }
}

/// The plan's page.
pub fn plan_page() -> AnyView {
    view! { <PlanPage /> }.into_any()
}

/// A theme's page.
pub fn theme_page() -> AnyView {
    view! { <ThemePage /> }.into_any()
}

/// The published stories' page.
pub fn stories_page() -> AnyView {
    view! { <StoriesPage /> }.into_any()
}

/// The story form's page.
pub fn story_form_page() -> AnyView {
    view! { <StoryFormPage /> }.into_any()
}

/// The outbox's page.
pub fn outbox_page() -> AnyView {
    view! { <OutboxPage /> }.into_any()
}

/// The coverage dashboard's page.
pub fn coverage_page() -> AnyView {
    view! { <CoveragePage /> }.into_any()
}

/// The embed builder's page.
pub fn embed_page() -> AnyView {
    view! { <EmbedPage /> }.into_any()
}

/// The drawing of the section that offers to keep the whole archive.
pub fn keep_archive_section() -> DrawSection {
    keep_archive::section
}

/// A page, or why it is not there.
pub type Page = Result<AnyView, NotFetched>;

/// Gives a page, fetching its module first if need be.
pub type Fetch = fn() -> Fetched<AnyView>;

/// The page `fetch` gives, once its module is there (at once when it already is), or the
/// page that says it could not be fetched, whose button tries again. Meanwhile a word that it
/// is coming, which also tells the app's start (`document::app_page_waiting`) to keep the
/// prerendered page in place until this one has something to show.
pub fn on_demand(fetch: Fetch) -> impl IntoView {
    let attempt = RwSignal::new(0_u32);
    let page = move || {
        attempt.track();
        // The app runs on one thread; the wrapper only satisfies Suspend's bound.
        Suspend::new(SendWrapper::new(async move {
            match fetch().await {
                Ok(page) => page,
                Err(NotFetched { why }) => view! { <NotFetchedPage attempt why /> }.into_any(),
            }
        }))
    };
    let coming = || view! { <p class="loading" role="status">{t(Msg::Loading)}</p> };
    view! { <Suspense fallback=coming>{page}</Suspense> }
}

/// The page that says a page's module did not come, and what to do about it: try again, or,
/// where the site no longer has the module (the app was updated), reload the page.
#[component]
fn NotFetchedPage(attempt: RwSignal<u32>, why: ModuleFailure) -> impl IntoView {
    let lang = use_lang();
    let page = move || {
        let lang = lang.get();
        let help = match why {
            ModuleFailure::NoAnswer => Msg::PageNotLoadedHelp,
            ModuleFailure::Gone => Msg::PageGoneHelp,
            ModuleFailure::Refused => Msg::PageRefusedHelp,
            ModuleFailure::Altered => Msg::PageAlteredHelp,
        };
        unreadable(
            Msg::PageNotLoaded,
            help.text(lang).to_string(),
            ("/", Msg::GoHome),
            lang,
        )
    };
    // Gone from the site, the module comes back only with the new version: reload.
    let (label, retry) = match why {
        ModuleFailure::Gone => (Msg::Reload, false),
        _ => (Msg::TryAgain, true),
    };
    let button = view! {
        <button
            type="button"
            class="button"
            on:click=move |_| match retry {
                true => attempt.update(|n| *n += 1),
                false => document::reload(),
            }
        >
            {t(label)}
        </button>
    };
    view! {
        {page}
        <p>{button}</p>
    }
}
