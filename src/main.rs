//! Start-up: report panics to the console, then mount the app.

fn main() {
    console_error_panic_hook::set_once();
    city_comms::browser::document::remove_boot_message();
    leptos::mount::mount_to_body(city_comms::ui::App);
}
