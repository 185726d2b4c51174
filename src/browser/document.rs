//! The page around the app: its base URL, language, title and address.

use crate::domain::i18n::Lang;
use crate::domain::names;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The document's base URL, which Trunk's `<base>` sets to where the app is deployed.
pub fn base_url() -> Option<String> {
    document()?.base_uri().ok().flatten()
}

/// The path of the base URL without its trailing slash (`""` at the root), for the router
/// and for links. Read once: the `<base>` does not change while the page lives, and every
/// card of a list asks for it.
pub fn base_path() -> &'static str {
    static BASE_PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE_PATH.get_or_init(|| {
        base_url()
            .and_then(|base| web_sys::Url::new(&base).ok())
            .map(|url| url.pathname().trim_end_matches('/').to_owned())
            .unwrap_or_default()
    })
}

/// `relative` resolved against the base URL.
pub fn resolve(relative: &str) -> String {
    base_url()
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map_or_else(|| relative.to_owned(), |url| url.href())
}

/// `address` resolved against the app's base URL, and its origin (`null` for one with none,
/// such as `data:`).
pub fn with_origin(address: &str) -> Option<(String, String)> {
    let url = web_sys::Url::new_with_base(address, &base_url()?).ok()?;
    Some((url.href(), url.origin()))
}

/// The app's own origin.
pub fn own_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

/// The app's route `path` (such as `/news?q=x`) as a full address under the base URL.
pub fn resolve_route(path: &str) -> String {
    resolve(path.trim_start_matches('/'))
}

/// The value of a query parameter of the current address.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Sets `<html lang>`, so that screen readers and fonts treat the page as `lang`.
pub fn set_language(lang: Lang) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.as_str());
    }
}

/// Sets the title shown in the tab and announced by screen readers.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// The id of the `<link rel="alternate">` that names the feed of the view on screen.
const VIEW_FEED_ID: &str = "view-feed";

/// Names `href` (an RSS feed, relative to the base) in the head as the feed of the view on
/// screen, beside the feeds of all news, for feed readers that look there; `None` takes it
/// away.
pub fn set_view_feed(href: Option<&str>) {
    let Some(document) = document() else {
        return;
    };
    let existing = document.get_element_by_id(VIEW_FEED_ID);
    match (href, existing) {
        (None, Some(link)) => link.remove(),
        (None, None) => {}
        (Some(href), existing) => {
            let link = existing.or_else(|| {
                let link = document.create_element("link").ok()?;
                link.set_id(VIEW_FEED_ID);
                let _ = link.set_attribute("rel", "alternate");
                let _ = link.set_attribute("type", "application/rss+xml");
                document
                    .query_selector("head")
                    .ok()??
                    .append_child(&link)
                    .ok()?;
                Some(link)
            });
            if let Some(link) = link {
                let _ = link.set_attribute("href", href);
            }
        }
    }
}

/// Shows the app's own page: removes what the page came with (#boot: the shell's static
/// intro, or the page prerendered at build time), behind which the app has built its page out
/// of sight (style/layout.css), and marks the document ready (`<html data-app="ready">`).
pub fn reveal_app() {
    let Some(document) = document() else {
        return;
    };
    let typed = TypedEarly::in_boot(&document);
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
    if let Some(typed) = typed {
        typed.carry_into(&document);
    }
}

/// What the citizen typed into a search box of the prerendered page before the app started
/// ([`names::TYPED_EARLY`]), and whether they were still typing there.
struct TypedEarly {
    value: String,
    focused: bool,
    caret: Option<u32>,
}

impl TypedEarly {
    /// The box of the prerendered page whose text is no longer what the build wrote.
    fn in_boot(document: &web_sys::Document) -> Option<TypedEarly> {
        use wasm_bindgen::JsCast;
        let boxes = document
            .query_selector_all(&format!("#boot {}", names::TYPED_EARLY))
            .ok()?;
        let active = document.active_element();
        (0..boxes.length())
            .filter_map(|at| boxes.item(at)?.dyn_into::<web_sys::HtmlInputElement>().ok())
            .find(|input| input.value() != input.default_value())
            .map(|input| TypedEarly {
                focused: active.as_ref().is_some_and(|element| {
                    element.is_same_node(Some(input.unchecked_ref::<web_sys::Node>()))
                }),
                caret: input.selection_end().ok().flatten(),
                value: input.value(),
            })
    }

    /// Writes it into the app's own box as typing does (an `input` event, which the page
    /// answers as it answers a key), with the focus and the caret where they were.
    fn carry_into(self, document: &web_sys::Document) {
        use wasm_bindgen::JsCast;
        let Some(input) = document
            .query_selector(names::TYPED_EARLY)
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if input.value() != self.value {
            input.set_value(&self.value);
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                let _ = input.dispatch_event(&event);
            }
        }
        if self.focused {
            let _ = input.focus();
            if let Some(caret) = self.caret {
                let _ = input.set_selection_range(caret, caret);
            }
        }
    }
}

/// Calls `on_shown` each time the page comes back into view: the citizen returns to its tab,
/// or to the installed app, which the browser kept as it was left.
pub fn on_shown(on_shown: impl Fn() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(document) = document() else {
        return;
    };
    let watched = document.clone();
    let handler = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if !watched.hidden() {
            on_shown();
        }
    });
    let _ = document
        .add_event_listener_with_callback("visibilitychange", handler.as_ref().unchecked_ref());
    // For the app's lifetime, like the app itself.
    handler.forget();
}

/// Whether the screen answers a CSS media query now (`false` when the browser cannot tell).
pub fn matches_media(query: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.match_media(query).ok().flatten())
        .is_some_and(|list| list.matches())
}

/// Whether the app has taken the place of what the page came with ([`reveal_app`]).
pub fn app_revealed() -> bool {
    document()
        .and_then(|document| document.document_element())
        .and_then(|root| root.get_attribute("data-app"))
        .is_some_and(|app| app == "ready")
}

/// Whether the app's own page (not #boot) still waits for data it asked for
/// ([`names::PAGE_WAITING`]).
pub fn app_page_waiting() -> bool {
    document()
        .and_then(|document| document.query_selector(names::PAGE_WAITING).ok())
        .flatten()
        .is_some()
}

/// Moves focus to the element with this id and scrolls it into view; tells whether it
/// was there.
pub fn focus_by_id(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(element) => {
            element.scroll_into_view();
            element.focus().is_ok()
        }
        None => false,
    }
}

/// Moves focus to the element with this id if focus was lost, as when the button it was on
/// has just been replaced by another; tells whether it moved.
pub fn refocus_if_lost(id: &str) -> bool {
    let lost = document()
        .and_then(|document| document.active_element())
        .is_none_or(|active| active.tag_name().eq_ignore_ascii_case("body"));
    lost && focus_by_id(id)
}

/// Marks `<html>` with the mode (`data-mode`), which the style sheets follow.
pub fn set_mode(mode: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-mode", mode);
    }
}

/// Moves focus to the page's main heading, so that a screen reader announces the new page
/// and the next Tab starts from it; tells whether there was one.
pub fn focus_main_heading() -> bool {
    use wasm_bindgen::JsCast;
    let heading = document()
        .and_then(|document| document.query_selector("main h1").ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match heading {
        Some(heading) => {
            let _ = heading.set_attribute("tabindex", "-1");
            heading.focus().is_ok()
        }
        None => false,
    }
}

/// The full address of the current page.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}

/// Leaves the current page for the app's route `path` (under the base URL) without a history
/// entry, dropping everything the page held in memory.
pub fn replace_location(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(&resolve_route(path));
    }
}

/// Loads the current page again from the site: the app's newest version, where it changed.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// The id of the element `event` happened on, if it has one.
pub fn event_target_id(event: &web_sys::Event) -> Option<String> {
    use wasm_bindgen::JsCast;
    let element = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    Some(element.id()).filter(|id| !id.is_empty())
}

/// Whether `event` happened on an element matching `selector` or inside one.
pub fn event_within(event: &web_sys::Event, selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest(selector).ok().flatten())
        .is_some()
}

/// Hands `text` to the browser as a file named `name` to save (a download).
pub fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = document() else {
        return;
    };
    let Ok(link) = document.create_element("a") else {
        return;
    };
    let encoded = js_sys::encode_uri_component(text);
    let _ = link.set_attribute("href", &format!("data:{mime};charset=utf-8,{encoded}"));
    let _ = link.set_attribute("download", name);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        link.click();
    }
}
