//! `/stories/mine`: every story sent from this device and where it is on its way.

use super::gate::set_page_title;
use super::link::Link;
use crate::domain::date::Moment;
use crate::domain::i18n::{receiver_reason, FormMsg, Lang, Msg};
use crate::domain::outbox::{Delivery, OutboxEntry};
use crate::domain::route::Page;
use crate::state::effect::effect;
use crate::state::lang::use_lang;
use crate::state::mode::{link, ModeContext};
use crate::state::outbox::OutboxContext;
use crate::state::route::RouteContext;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let outbox = OutboxContext::get();
    outbox.start_delivery();
    let query = RouteContext::get().query(Page::Outbox);
    let just_saved = move || query.with(|q| q.get("saved").is_some());
    // A kiosk shows each person only the stories they sent: those from before its last
    // reset belong to strangers (and may still carry their names until delivered).
    let shown_since = ModeContext::get().own_stories_since();
    effect(move || set_page_title(Msg::MyStories.text(lang.get()), lang.get()));
    view! {
        <div class="outbox-page">
            <h1>{move || Msg::MyStories.text(lang.get())}</h1>
            {move || just_saved().then(|| view! {
                <p class="notice notice--success" role="status">{FormMsg::StorySaved.text(lang.get())}</p>
            })}
            <p class="lead">{move || FormMsg::OutboxIntro.text(lang.get())}</p>
            {move || {
                let lang = lang.get();
                let mut entries = outbox.entries().get();
                entries.retain(|entry| entry.created >= shown_since);
                if outbox.loaded().get() && entries.is_empty() {
                    return view! {
                        <p>{FormMsg::OutboxEmpty.text(lang)}</p>
                        <p><Link href=link("/stories/new") attr:class="button">{Msg::ShareAStory.text(lang)}</Link></p>
                    }
                    .into_any();
                }
                let items = entries
                    .into_iter()
                    .map(|entry| view! { <OutboxItem entry lang /> })
                    .collect_view();
                view! {
                    <ul class="outbox-list">{items}</ul>
                    <p><Link href=link("/stories/new") attr:class="button">{FormMsg::ShareAnother.text(lang)}</Link></p>
                }
                .into_any()
            }}
        </div>
    }
}

fn when(millis: i64, lang: Lang) -> String {
    Moment::from_unix_millis(millis as f64).display_with_time(lang)
}

#[component]
fn OutboxItem(entry: OutboxEntry, lang: Lang) -> impl IntoView {
    let outbox = OutboxContext::get();
    let state = entry.state_name();
    let (label, detail) = match &entry.delivery {
        Delivery::Queued {
            next_at, attempts, ..
        } => (
            FormMsg::StoryQueued,
            (*attempts > 0).then(|| {
                format!(
                    "{} {}",
                    FormMsg::NextAttempt.text(lang),
                    when(*next_at, lang)
                )
            }),
        ),
        Delivery::Sending { .. } => (FormMsg::StorySending, None),
        Delivery::Sent { at, .. } => (
            FormMsg::StorySent,
            Some(format!(
                "{} {}",
                FormMsg::SentAt.text(lang),
                when(*at, lang)
            )),
        ),
        Delivery::Rejected {
            reason, reason_th, ..
        } => {
            let reason = receiver_reason(lang, reason, reason_th.as_deref());
            (FormMsg::StoryRejected, Some(reason.to_owned()))
        }
    };
    let id = entry.id.clone();
    let retry = matches!(entry.delivery, Delivery::Queued { .. }).then(|| {
        let id = id.clone();
        view! {
            <button type="button" class="button button--secondary"
                on:click=move |_| spawn_local(outbox.retry_now(id.clone()))>
                {FormMsg::SendNow.text(lang)}
            </button>
        }
    });
    let edit = matches!(entry.delivery, Delivery::Rejected { .. }).then(|| {
        view! {
            <Link href=link(&format!("/stories/new?edit={id}")) attr:class="button">{FormMsg::EditAndResend.text(lang)}</Link>
        }
    });
    let withdraw = entry.can_withdraw().then(|| {
        let id = entry.id.clone();
        view! {
            <button type="button" class="button button--secondary"
                on:click=move |_| spawn_local(outbox.withdraw(id.clone()))>
                {FormMsg::Withdraw.text(lang)}
            </button>
        }
    });
    view! {
        <li class=format!("outbox-item outbox-item--{state}") data-testid="outbox-item" data-state=state data-id=entry.id.clone()>
            <h2 class="outbox-item__title">{entry.request.title.clone()}</h2>
            <p class="outbox-item__meta">{FormMsg::WrittenAt.text(lang)} " " {when(entry.created, lang)}</p>
            <p class="outbox-item__state"><strong>{label.text(lang)}</strong> {detail.map(|d| format!(" · {d}"))}</p>
            <div class="outbox-item__actions">{retry}{edit}{withdraw}</div>
        </li>
    }
}
