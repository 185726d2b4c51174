//! One attempt to deliver a story: `POST` with its idempotency key, bounded by a timeout.

use crate::domain::outbox::{attempt_timeout, Failure, Millis, Outcome};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Posts `body` to `url` under `key` and reads the answer as an [`Outcome`].
pub async fn post_story(url: &str, key: &str, body: &str, now: impl Fn() -> Millis) -> Outcome {
    let failed = |failure| Outcome::Failed {
        failure,
        retry_after: None,
    };
    let Some(window) = web_sys::window() else {
        return failed(Failure::Network);
    };
    let Ok(controller) = web_sys::AbortController::new() else {
        return failed(Failure::Network);
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    init.set_signal(Some(&controller.signal()));
    let Ok(headers) = web_sys::Headers::new() else {
        return failed(Failure::Network);
    };
    let header_set = headers
        .set("content-type", "application/json")
        .and_then(|()| headers.set("idempotency-key", key));
    if header_set.is_err() {
        return failed(Failure::Network);
    }
    init.set_headers_headers(&headers);

    let abort = wasm_bindgen::closure::Closure::once_into_js({
        let controller = controller.clone();
        move || controller.abort()
    });
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.unchecked_ref(),
            i32::try_from(attempt_timeout(body.len())).unwrap_or(i32::MAX),
        )
        .ok();
    let outcome = async {
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(url, &init))
                .await
                .map_err(|_| ())?
                .dyn_into()
                .map_err(|_| ())?;
        let text = match response.text() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .ok()
                .and_then(|t| t.as_string()),
            Err(_) => None,
        };
        let retry_after = response.headers().get("retry-after").ok().flatten();
        Ok::<_, ()>(Outcome::from_response(
            response.status(),
            retry_after.as_deref(),
            text.as_deref().unwrap_or_default(),
            now(),
        ))
    }
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    outcome.unwrap_or_else(|()| {
        if controller.signal().aborted() {
            failed(Failure::Timeout)
        } else {
            failed(Failure::Network)
        }
    })
}
