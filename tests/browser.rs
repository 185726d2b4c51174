//! Browser tests of components, in headless Chromium (`make test-browser`): each mounts a
//! component into a real document and reads it back by test id, role or text.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use city_comms::domain::i18n::Lang;
use city_comms::domain::load::LoadError;
use city_comms::domain::validate::parse_bundle;
use city_comms::ui::on_demand::OnDemandPages;
use city_comms::ui::{App, BundleError, NewsCard};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts `view` into a fresh element of the body and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), view).forget();
    host
}

/// Lets the browser run tasks and timers for `ms` milliseconds.
async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn by_test_id(root: &web_sys::Element, id: &str) -> web_sys::HtmlElement {
    root.query_selector(&format!("[data-testid='{id}']"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

const ONE_ITEM: &str = r#"{
  "format": "city-comms/1", "generated_at": "2026-11-20",
  "policies": [{ "id": "safe", "name": { "th": "ปลอดภัยดี" } }],
  "district_groups": [{ "id": "thon-nuea", "name": { "th": "กลุ่มเขตกรุงธนเหนือ" } }],
  "districts": [{ "code": "1020", "name": { "th": "บางกอกน้อย", "en": "Bangkok Noi" }, "group": "thon-nuea" }],
  "plan": { "title": { "th": "แผน" }, "period": { "from_be": 2566, "to_be": 2570 },
            "foreword": { "th": "คำนำ" }, "themes": [] },
  "news": [{ "id": "first", "title": { "th": "ข่าวแรก", "en": "First news" }, "published": "2019-10-10",
             "summary": { "th": "สรุปข่าว" }, "body": { "th": "เนื้อหา" }, "district": "1020", "sample": true }]
}"#;

#[wasm_bindgen_test]
fn a_news_card_shows_its_headline_link_buddhist_date_place_and_sample_label() {
    let loaded = parse_bundle(ONE_ITEM).unwrap();
    let item = loaded.bundle.news[0].clone();
    let host = mount(move || {
        view! { <NewsCard item place="เขตบางกอกน้อย".to_owned() lang=Lang::Th /> }
    });
    let card = by_test_id(&host, "news-card");
    assert_eq!(card.tag_name(), "ARTICLE");
    let text = card.inner_text();
    for expected in ["ข่าวแรก", "10 ต.ค. 2562", "เขตบางกอกน้อย", "ตัวอย่าง", "สรุปข่าว"]
    {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    let link = card.query_selector("h2 a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/news/first"));
    host.remove();
}

#[wasm_bindgen_test]
fn an_english_card_falls_back_to_thai_and_marks_the_thai_text_as_thai() {
    let loaded = parse_bundle(ONE_ITEM).unwrap();
    let item = loaded.bundle.news[0].clone();
    let host =
        mount(move || view! { <NewsCard item place="Bangkok Noi".to_owned() lang=Lang::En /> });
    let card = by_test_id(&host, "news-card");
    assert!(card.inner_text().contains("10 Oct 2019"));
    assert!(card.inner_text().contains("Sample"));
    let summary = card.query_selector(".news-card__summary").unwrap().unwrap();
    assert_eq!(summary.get_attribute("lang").as_deref(), Some("th"));
    let title = card.query_selector("h2").unwrap().unwrap();
    assert_eq!(title.get_attribute("lang").as_deref(), Some("en"));
    host.remove();
}

#[wasm_bindgen_test]
fn a_refused_bundle_is_announced_with_its_problems() {
    let Err(refused) = parse_bundle(r#"{"format": "city-comms/2"}"#) else {
        panic!("accepted")
    };
    let host = mount(move || view! { <BundleError error=LoadError::Refused(refused) /> });
    let error = by_test_id(&host, "bundle-error");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    let text = error.inner_text();
    assert!(text.contains("city-comms/2"), "{text}");
    assert!(text.contains("ลองอีกครั้ง"), "{text}");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_app_without_its_bundle_says_so_and_the_switch_changes_the_language() {
    // The test runner's server has no data/bundle.json: the app must say so, not freeze.
    let host = mount(|| view! { <App pages=OnDemandPages::built_in() /> });
    wait(1500).await;
    let error = by_test_id(&host, "bundle-error");
    assert!(error.inner_text().contains("404"), "{}", error.inner_text());

    let root = document().document_element().unwrap();
    let before = root.get_attribute("lang").unwrap_or_default();
    by_test_id(&host, "lang-switch").click();
    wait(50).await;
    let after = root.get_attribute("lang").unwrap_or_default();
    assert_ne!(before, after);
    let expected = if after == "en" {
        "status 404"
    } else {
        "รหัส 404"
    };
    assert!(by_test_id(&host, "bundle-error")
        .inner_text()
        .contains(expected));
    host.remove();
}
