//! "Keep the whole archive on this device": the offer with the space it takes, a progress
//! bar while it downloads, cancel and resume, and a way to stop keeping it. Shown under the
//! news list when the app reads a dataset and a service worker keeps what it reads. The
//! download itself belongs to the visit (`ArchiveKeeper`): it goes on on other pages, and
//! this section shows where it stands when the citizen comes back.
//!
//! The section ([`section`]) comes in a module of its own (`ui::on_demand`), fetched after
//! the news page is first painted: most readers never ask for it.

use crate::browser::{clock, document};
use crate::domain::dataset::kept_whole_at_first_visit;
use crate::domain::i18n::{megabytes, pick, Lang};
use crate::state::archive::{self, ArchiveKeeper, Keeping as Stand, Progress};
use crate::state::dataset::DatasetReader;
use crate::state::effect::effect;
use crate::ui::on_demand::ArchiveOffer;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The button each stand puts first, which takes the focus when the one it was on is gone.
fn first_button(stand: &Stand) -> &'static str {
    match stand {
        Stand::Offered => "archive-keep",
        Stand::Running => "archive-cancel",
        Stand::Paused(_) => "archive-resume",
        Stand::Kept => "archive-update",
    }
}

fn done_words(progress: Progress, lang: Lang) -> String {
    let (files, done) = (progress.files, megabytes(progress.bytes));
    match (lang, progress.total) {
        (Lang::Th, 0) => format!("{files} ไฟล์ ({done})"),
        (Lang::En, 0) => format!("{files} files ({done})"),
        (Lang::Th, total) => format!("{done} จาก {}", megabytes(total)),
        (Lang::En, total) => format!("{done} of {}", megabytes(total)),
    }
}

/// The section, for the dataset `reader` reads, once its module is here: fetched after the
/// news page is first painted, and kept for the visit. Nothing where there is nothing to
/// offer, or where the module does not come: a device that is offline before it has kept
/// the module cannot download the archive either, and the page asks for it again the next
/// time it is drawn.
#[component]
pub fn KeepArchive(reader: Arc<DatasetReader>, lang: Lang) -> impl IntoView {
    // A small dataset is kept whole from the first visit: nothing to offer.
    let total = reader.manifest().total_bytes;
    let offer = use_context::<ArchiveOffer>();
    let Some(ArchiveOffer { fetch, drawing }) =
        offer.filter(|_| archive::can_keep() && !kept_whole_at_first_visit(total))
    else {
        return ().into_any();
    };
    let keeper = ArchiveKeeper::get();
    if drawing.get_untracked().is_none() {
        spawn_local(async move {
            clock::after_paint().await;
            // Two pages drawn before the module came each asked for it: the first sets it.
            if let Ok(drawn) = fetch().await {
                if drawing.try_with_untracked(Option::is_none) == Some(true) {
                    drawing.set(Some(drawn));
                }
            }
        });
    }
    // The drawing is a function of the module, called as the view is built: no suspense,
    // whose place a page drawn anew would let go while the module is on its way.
    (move || drawing.get().map(|draw| draw(keeper, reader.clone(), lang))).into_any()
}

/// Draws the section: what its module gives.
pub type DrawSection = fn(ArchiveKeeper, Arc<DatasetReader>, Lang) -> AnyView;

/// The section itself, what its module draws: it reads no context.
pub fn section(keeper: ArchiveKeeper, reader: Arc<DatasetReader>, lang: Lang) -> AnyView {
    let total = reader.manifest().total_bytes;
    let (stand, progress) = (keeper.stand(), keeper.progress());
    // Each change of stand replaces the buttons; the focus follows to the new first one.
    let mut first = true;
    effect(move || {
        let id = stand.with(first_button);
        if !std::mem::take(&mut first) {
            spawn_local(async move {
                clock::next_task().await;
                document::refocus_if_lost(id);
            });
        }
    });
    let start = move |_| keeper.start(reader.clone());
    let release = move |_| keeper.release();
    let done = move || done_words(progress.get(), lang);
    let body = move || {
        match stand.get() {
        Stand::Offered => view! {
            <p>{match lang {
                Lang::Th => format!("เก็บข่าวทั้งหมดไว้ในเครื่องนี้เพื่ออ่านได้แม้ไม่มีอินเทอร์เน็ต ใช้พื้นที่ประมาณ {}", megabytes(total)),
                Lang::En => format!("Keep every news item on this device, to read with no connection. It takes about {}.", megabytes(total)),
            }}</p>
            <button type="button" id="archive-keep" class="button" on:click=start.clone()>
                {pick(lang, "เก็บข่าวทั้งหมดไว้ในเครื่อง", "Keep the whole archive")}
            </button>
        }
        .into_any(),
        Stand::Running => view! {
            <label for="archive-progress">
                {pick(lang, "กำลังดาวน์โหลดข่าวทั้งหมด", "Downloading the whole archive")}
                ": " {done}
            </label>
            <progress id="archive-progress" max=move || progress.with(|p| p.total.max(1).to_string())
                value=move || progress.with(|p| p.bytes.min(p.total.max(1)).to_string())></progress>
            <button type="button" id="archive-cancel" class="button button--secondary"
                on:click=move |_| keeper.cancel()>
                {pick(lang, "ยกเลิก", "Cancel")}
            </button>
        }
        .into_any(),
        Stand::Paused(problem) => view! {
            {problem.map(|problem| view! { <p class="notice notice--error" role="alert">{problem.summary(lang)}</p> })}
            <p>{move || match lang {
                Lang::Th => format!("หยุดไว้ที่ {} ส่วนที่ดาวน์โหลดแล้วยังอยู่ในเครื่อง", done()),
                Lang::En => format!("Stopped at {}. What was downloaded stays on this device.", done()),
            }}</p>
            <button type="button" id="archive-resume" class="button" on:click=start.clone()>
                {pick(lang, "ดาวน์โหลดต่อ", "Resume")}
            </button>
        }
        .into_any(),
        Stand::Kept => view! {
            <p role="status">{match lang {
                Lang::Th => format!("ข่าวทั้งหมดอยู่ในเครื่องนี้แล้ว ({}) ข่าวใหม่จะถูกเก็บเมื่อเปิดอ่าน", megabytes(total)),
                Lang::En => format!("The whole archive is on this device ({}). New news is kept as it is read.", megabytes(total)),
            }}</p>
            <button type="button" id="archive-update" class="button" on:click=start.clone()>
                {pick(lang, "เก็บข่าวใหม่ทั้งหมดด้วย", "Keep the newest too")}
            </button>
            <button type="button" class="button button--secondary" on:click=release>
                {pick(lang, "เลิกเก็บข่าวทั้งหมด", "Stop keeping the whole archive")}
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <section class="keep-archive" aria-labelledby="keep-archive-title" data-testid="keep-archive">
            <h2 id="keep-archive-title">{pick(lang, "อ่านแบบออฟไลน์", "Reading offline")}</h2>
            {body}
        </section>
    }
    .into_any()
}
