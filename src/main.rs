//! Start-up: install the panic hook, then mount the app in a task of its own, after the one
//! that compiled and started the wasm, so that neither holds a slow phone for long.

use city_comms::browser::{clock, crash};

fn main() {
    crash::install();
    wasm_bindgen_futures::spawn_local(async {
        clock::next_task().await;
        leptos::mount::mount_to_body(city_comms::ui::App);
    });
    #[cfg(feature = "crash-test")]
    crash::panic_when_asked();
}
