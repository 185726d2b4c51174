//! The device's clock, read only here and passed to the domain as a value.

use crate::domain::date::{Date, Moment};

/// Now, as the device's clock has it.
pub fn now() -> Moment {
    Moment::from_unix_millis(js_sys::Date::now())
}

/// Today in Bangkok.
pub fn today() -> Date {
    now().bangkok_date()
}

/// Now, in milliseconds since the Unix epoch, as the outbox counts time.
pub fn millis() -> i64 {
    js_sys::Date::now() as i64
}

/// Waits for a task of its own: what follows runs after the browser has had its turn to
/// handle a touch or paint a frame, so that work done in steps never holds the page long.
pub async fn next_task() {
    after_ms(0).await;
}

/// Waits until the browser has painted the next frame (its animation frame, then a task of
/// its own), so that what the page just changed is on screen before slower work that can
/// wait begins; at most `AFTER_PAINT_MS` in a hidden page, which paints no frames.
pub async fn after_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let frame = js_sys::Promise::new(&mut |resolve, _reject| {
        let framed = window.request_animation_frame(&resolve);
        let timed =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, AFTER_PAINT_MS);
        if framed.is_err() && timed.is_err() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    next_task().await;
}

/// The longest [`after_paint`] waits when no frame comes.
const AFTER_PAINT_MS: i32 = 100;

/// Waits `ms` milliseconds (at least a task of its own).
pub async fn after_ms(ms: i32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
