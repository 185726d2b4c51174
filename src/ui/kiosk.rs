//! A kiosk's guard against the next person finding the last one's story: after a while with
//! no touch, a countdown, then the app starts over with nothing personal left on the device.

use crate::browser::{clock, device_db, document};
use crate::domain::i18n::{kiosk_countdown, Msg};
use crate::domain::mode::KIOSK_COUNTDOWN_SECS;
use crate::state::lang::{use_lang, LangContext};
use crate::state::mode::ModeContext;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

const COUNTDOWN_CLASS: &str = "kiosk-countdown";
const COUNTDOWN_SELECTOR: &str = ".kiosk-countdown";

/// Counts down after the kiosk's idle time and resets it. Renders the countdown only.
#[component]
pub fn KioskGuard() -> impl IntoView {
    let mode = ModeContext::get();
    let lang = use_lang();
    let idle_ms = i64::from(mode.idle_secs()) * 1_000;
    let last_touch = StoredValue::new(clock::millis());
    // A kiosk that nobody has touched since it started over has nothing to forget.
    let touched = StoredValue::new(false);
    let left = RwSignal::new(None::<u32>);
    let resetting = StoredValue::new(false);

    let start_over = move || {
        if resetting.get_value() {
            return;
        }
        resetting.set_value(true);
        spawn_local(async move {
            // Stories still on their way stay whole: delivery needs them.
            let _ = device_db::forget_for_next_person().await;
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
                Some(remaining) if remaining > 0 => {
                    if left.get_untracked().is_none() {
                        // Focus the way back, so that a key press also keeps the session.
                        request_animation_frame(|| {
                            document::focus_by_id("kiosk-continue");
                        });
                    }
                    left.set(Some(remaining));
                }
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

    let keep_going = move |_| {
        last_touch.set_value(clock::millis());
        left.set(None);
    };
    move || {
        let remaining = left.get()?;
        let lang = lang.get();
        Some(view! {
            <div class="kiosk-countdown-backdrop">
                <div
                    class=COUNTDOWN_CLASS
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="kiosk-countdown-title"
                    aria-describedby="kiosk-countdown-text"
                    data-testid="kiosk-countdown"
                >
                    <h2 id="kiosk-countdown-title">{Msg::KioskStillThere.text(lang)}</h2>
                    <p id="kiosk-countdown-text">{kiosk_countdown(remaining, lang)}</p>
                    <div class="button-row">
                        <button type="button" id="kiosk-continue" class="button" on:click=keep_going>
                            {Msg::KioskContinue.text(lang)}
                        </button>
                        <button type="button" class="button button--secondary" on:click=move |_| start_over()>
                            {Msg::KioskStartOver.text(lang)}
                        </button>
                    </div>
                </div>
            </div>
        })
    }
}
