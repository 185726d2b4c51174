//! Start-up: install the panic hook, then mount the app.

fn main() {
    city_comms::browser::crash::install();
    city_comms::browser::document::remove_boot_message();
    leptos::mount::mount_to_body(city_comms::ui::App);
    #[cfg(feature = "crash-test")]
    city_comms::browser::crash::panic_when_asked();
}
