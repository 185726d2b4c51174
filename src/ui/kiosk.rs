//! A kiosk's guard against the next person finding the last one's story: after a while with
//! no touch, a countdown, then the app starts over with nothing personal left on the device.
//! What it forgets of the outbox is done by a module of its own (`super::on_demand`), fetched
//! as the kiosk starts.
//!
//! The countdown is a modal `<dialog>` opened with `showModal()`: the browser makes the page
//! behind it inert (out of reach of Tab, pointer and the accessibility tree), so focus stays
//! inside while it is open, which `aria-modal` alone only promised.

use super::on_demand::{ForgetLastPerson, NotFetched};
use crate::browser::{clock, device_db, document};
use crate::domain::i18n::{kiosk_countdown, Msg};
use crate::domain::mode::KIOSK_COUNTDOWN_SECS;
use crate::state::effect::effect;
use crate::state::lang::{use_lang, LangContext};
use crate::state::mode::ModeContext;
use futures::future::{select, Either};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

const COUNTDOWN_SELECTOR: &str = ".kiosk-countdown";
const FIRST_BUTTON: &str = "kiosk-continue";
const LAST_BUTTON: &str = "kiosk-start-over";

/// How long a reset waits for the module that forgets the last person, if it is not here yet.
const MODULE_WAIT_MS: i32 = 5_000;

/// Counts down after the kiosk's idle time and resets it, forgetting the last person with
/// `forget`. Renders the countdown only.
#[component]
pub fn KioskGuard(forget: ForgetLastPerson) -> impl IntoView {
    let mode = ModeContext::get();
    let lang = use_lang();
    let idle_ms = i64::from(mode.idle_secs()) * 1_000;
    let last_touch = StoredValue::new(clock::millis());
    // A kiosk that nobody has touched since it started over has nothing to forget.
    let touched = StoredValue::new(false);
    let left = RwSignal::new(None::<u32>);
    let resetting = StoredValue::new(false);
    spawn_local(async move {
        clock::next_task().await;
        // Fetches the module ahead: the kiosk may lose its connection later. The forgetting
        // it gives does nothing unless awaited; a failure is asked again at the reset.
        let _ = forget().await;
    });

    let start_over = move || {
        if resetting.get_value() {
            return;
        }
        resetting.set_value(true);
        spawn_local(async move {
            // Stories still on their way stay whole: delivery needs them.
            let module = forget();
            let waited = Box::pin(clock::after_ms(MODULE_WAIT_MS));
            match select(module, waited).await {
                Either::Left((Ok(forgetting), _)) => {
                    // Failed, it changed nothing: the forgetting that reads less is tried.
                    if forgetting.await.is_err() {
                        let _ = device_db::forget_all_but_stories_on_their_way().await;
                    }
                }
                // The module never came (offline since the kiosk started, before the service
                // worker kept it) or is slow to: what has left the device or was refused is
                // deleted whole instead of stripped, and nothing waits on the network.
                Either::Left((Err(NotFetched { .. }), _)) | Either::Right(_) => {
                    let _ = device_db::forget_all_but_stories_on_their_way().await;
                }
            }
            LangContext::forget_choice();
            document::replace_location(&mode.kiosk_home());
        });
    };
    let activity = move |on_countdown: bool| {
        // Touches on the countdown itself are answered by its buttons.
        if !on_countdown {
            last_touch.set_value(clock::millis());
            touched.set_value(true);
            left.set(None);
        }
    };
    let within = |event: &leptos::ev::Event| document::event_within(event, COUNTDOWN_SELECTOR);
    let handles = [
        window_event_listener(ev::pointerdown, move |e| activity(within(&e))),
        window_event_listener(ev::keydown, move |e| activity(within(&e))),
        window_event_listener(ev::input, move |e| activity(within(&e))),
        window_event_listener(ev::wheel, move |e| activity(within(&e))),
    ];
    let tick = set_interval_with_handle(
        move || {
            if !touched.get_value() {
                return;
            }
            let idle = clock::millis() - last_touch.get_value();
            if idle < idle_ms {
                return;
            }
            let counted = u32::try_from((idle - idle_ms) / 1_000).unwrap_or(u32::MAX);
            match KIOSK_COUNTDOWN_SECS.checked_sub(counted) {
                Some(remaining) if remaining > 0 => left.set(Some(remaining)),
                _ => start_over(),
            }
        },
        Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        for handle in handles {
            handle.remove();
        }
        if let Some(tick) = tick {
            tick.clear();
        }
    });

    let keep_going = move || {
        last_touch.set_value(clock::millis());
        left.set(None);
    };
    let counting = Memo::new(move |_| left.get().is_some());
    let dialog = NodeRef::<html::Dialog>::new();
    // Opened as a modal once it is in the page; its `autofocus` button, the way back, then
    // takes focus, so that a key press also keeps the session.
    effect(move || {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    move || {
        counting.get().then(|| {
            let lang = lang.get();
            view! {
                <dialog
                    class="kiosk-countdown"
                    node_ref=dialog
                    role="alertdialog"
                    aria-labelledby="kiosk-countdown-title"
                    aria-describedby="kiosk-countdown-text"
                    data-testid="kiosk-countdown"
                    // Escape closes a modal dialog: here it means "I am still here".
                    on:cancel=move |event: ev::Event| {
                        event.prevent_default();
                        keep_going();
                    }
                    on:keydown=wrap_tab
                >
                    <h2 id="kiosk-countdown-title">{Msg::KioskStillThere.text(lang)}</h2>
                    <p id="kiosk-countdown-text">
                        {move || kiosk_countdown(left.get().unwrap_or(0), lang)}
                    </p>
                    <div class="button-row">
                        <button
                            type="button"
                            id=FIRST_BUTTON
                            class="button"
                            autofocus
                            on:click=move |_| keep_going()
                        >
                            {Msg::KioskContinue.text(lang)}
                        </button>
                        <button
                            type="button"
                            id=LAST_BUTTON
                            class="button button--secondary"
                            on:click=move |_| start_over()
                        >
                            {Msg::KioskStartOver.text(lang)}
                        </button>
                    </div>
                </dialog>
            }
        })
    }
}

/// Tab from the countdown's last button goes back to its first (and Shift+Tab the other way),
/// instead of out to the browser's own controls, so focus never leaves the countdown.
fn wrap_tab(event: ev::KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let from = document::event_target_id(&event).unwrap_or_default();
    let to = match (from.as_str(), event.shift_key()) {
        (LAST_BUTTON, false) => FIRST_BUTTON,
        (FIRST_BUTTON, true) => LAST_BUTTON,
        (LAST_BUTTON | FIRST_BUTTON, _) => return,
        // Focus on the dialog itself (after a click on its text): to the way back.
        _ => FIRST_BUTTON,
    };
    event.prevent_default();
    document::focus_by_id(to);
}
