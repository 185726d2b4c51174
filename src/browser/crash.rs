//! What a citizen sees if the app panics: a plain page in Thai and English with a way to
//! reload, instead of a screen that no longer answers. Built with DOM calls and text only,
//! and the reload is a plain link, so it needs no script and no markup from anywhere.

use crate::domain::i18n::{Lang, Msg};

/// Reports panics to the console, then replaces the page with the crash notice.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_page();
    }));
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

/// Replaces the page's content with the crash notice.
pub fn show_crash_page() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        show_crash_notice_in(&body);
    }
}

/// Replaces what `container` holds with the crash notice.
pub fn show_crash_notice_in(container: &web_sys::Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let element = |tag: &str, text: &str| {
        let node = document.create_element(tag).ok()?;
        node.set_text_content(Some(text));
        Some(node)
    };
    let Ok(notice) = document.create_element("section") else {
        return;
    };
    notice.set_class_name("crash");
    let _ = notice.set_attribute("role", "alert");
    for lang in Lang::ALL {
        let Ok(part) = document.create_element("div") else {
            continue;
        };
        let _ = part.set_attribute("lang", lang.as_str());
        let reload = element("a", Msg::Reload.text(lang));
        if let (Some(link), Some(href)) = (
            &reload,
            web_sys::window().and_then(|w| w.location().href().ok()),
        ) {
            let _ = link.set_attribute("href", &href);
            link.set_class_name("button");
        }
        for child in [
            element("h1", Msg::CrashTitle.text(lang)),
            element("p", Msg::CrashHelp.text(lang)),
            reload,
        ]
        .into_iter()
        .flatten()
        {
            let _ = part.append_child(&child);
        }
        let _ = notice.append_child(&part);
    }
    container.set_text_content(None);
    let _ = container.append_child(&notice);
}
