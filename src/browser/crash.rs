//! A panic, as far as the wasm is concerned. What a citizen then sees, the crash notice in
//! Thai and English with a way to reload, is the start-up script's (`src/build/start.js`):
//! the release build stops at a panic without unwinding or running a hook
//! (`-Cpanic=immediate-abort`, the Makefile), which leaves out the standard library's panic
//! formatting and messages (11 KB of the main module, `tests/bench/figures.md`), and the
//! browser hands the script the error that stopped it. A trap inside a callback whose caller
//! catches what it throws (a promise's executor) reaches the app as that promise's rejection
//! instead, and shows no notice; the app's executors only set up a timer, a lock request or a
//! worker's handlers.

/// In a debug build, a panic's message and stack go to the console first, for the person
/// debugging it.
pub fn install() {
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(console_error_panic_hook::hook));
}

/// In test builds (feature `crash-test`) only: panics two seconds after start when the
/// address has `crash-test`, once the app has read its outbox and settled.
#[cfg(feature = "crash-test")]
pub fn panic_when_asked() {
    if crate::browser::document::query_param("crash-test").is_some() {
        leptos::prelude::set_timeout(
            || panic!("crash-test: a panic the address asked for"),
            std::time::Duration::from_secs(2),
        );
    }
}
