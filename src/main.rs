//! Start-up: install the panic hook, then mount the app in a task of its own, after the one
//! that compiled and started the wasm, so that neither holds a slow phone for long.
//!
//! Here too are the app's cut points: every page but the home page, the news list and an
//! article, the outbox's delivery, a kiosk's forgetting and QR codes, the walk that keeps
//! the whole archive and the offer of it, and the reading of a bundle file whole, are built
//! in modules of their own, which the browser fetches when one is first asked for (see
//! `city_comms::ui::on_demand`, `city_comms::state::outbox`, and src/build/split.mjs, which
//! cuts the wasm at them).

#[cfg(feature = "search-bench")]
mod search_bench;

use city_comms::browser::{clock, crash};
use city_comms::domain::qr::{self, QrDrawing};
use city_comms::state::archive::{self, WalkPlan, Walking};
use city_comms::state::delivery;
use city_comms::state::outbox::OutboxContext;
use city_comms::state::whole::{self, ReadText};
use city_comms::ui::on_demand::{self, DrawSection, Forgetting, NotFetched, OnDemandPages, Page};
use city_comms::ui::App;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

fn main() {
    crash::install();
    wasm_bindgen_futures::spawn_local(async {
        clock::next_task().await;
        leptos::mount::mount_to_body(|| view! { <App pages=PAGES /> });
    });
    #[cfg(feature = "crash-test")]
    crash::panic_when_asked();
}

/// Each page from its module (the plan and its themes share one, as do the form and the
/// outbox), and the outbox's delivery, a kiosk's forgetting, its QR codes, the walk that
/// keeps the archive, the section that offers it and the reading of a bundle file whole
/// each from its own.
const PAGES: OnDemandPages = OnDemandPages {
    plan: || Box::pin(plan()),
    theme: || Box::pin(theme()),
    stories: || Box::pin(stories()),
    story_form: || Box::pin(story_form()),
    outbox: || Box::pin(outbox()),
    coverage: || Box::pin(coverage()),
    embed: || Box::pin(embed()),
    outbox_delivery: |outbox| Box::pin(outbox_delivery(outbox)),
    kiosk_forget: || Box::pin(kiosk_forget()),
    qr_code: |address| Box::pin(qr_code(address)),
    archive_walk: |plan| Box::pin(archive_walk(plan)),
    whole_bundle: || Box::pin(whole_bundle()),
    keep_archive: || Box::pin(keep_archive()),
};

#[wasm_split(plan_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn plan() -> Page {
    Ok(on_demand::plan_page())
}

#[wasm_split(plan_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn theme() -> Page {
    Ok(on_demand::theme_page())
}

#[wasm_split(stories_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn stories() -> Page {
    Ok(on_demand::stories_page())
}

#[wasm_split(story_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn story_form() -> Page {
    Ok(on_demand::story_form_page())
}

#[wasm_split(story_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn outbox() -> Page {
    Ok(on_demand::outbox_page())
}

#[wasm_split(coverage_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn coverage() -> Page {
    Ok(on_demand::coverage_page())
}

#[wasm_split(embed_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn embed() -> Page {
    Ok(on_demand::embed_page())
}

#[wasm_split(outbox_delivery, wasm_split_path = ::leptos::wasm_split, fallible)]
fn outbox_delivery(outbox: OutboxContext) -> Result<(), NotFetched> {
    delivery::start(outbox);
    Ok(())
}

#[wasm_split(kiosk_forget, wasm_split_path = ::leptos::wasm_split, fallible)]
fn kiosk_forget() -> Result<Forgetting, NotFetched> {
    Ok(on_demand::forgetting())
}

#[wasm_split(qr_code, wasm_split_path = ::leptos::wasm_split, fallible)]
fn qr_code(address: String) -> Result<Option<QrDrawing>, NotFetched> {
    Ok(qr::draw(&address))
}

#[wasm_split(archive_walk, wasm_split_path = ::leptos::wasm_split, fallible)]
fn archive_walk(plan: WalkPlan) -> Result<Walking, NotFetched> {
    Ok(archive::walking(plan))
}

#[wasm_split(whole_bundle, wasm_split_path = ::leptos::wasm_split, fallible)]
fn whole_bundle() -> Result<ReadText, NotFetched> {
    Ok(whole::reading)
}

#[wasm_split(keep_archive, wasm_split_path = ::leptos::wasm_split, fallible)]
fn keep_archive() -> Result<DrawSection, NotFetched> {
    Ok(on_demand::keep_archive_section())
}
