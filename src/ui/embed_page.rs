//! `/embed`: where a city web officer chooses a slice of the app (a page, its filters, a
//! language, a height), sees it live, and copies the snippet that embeds it.

use super::gate::{set_page_title, with_bundle};
use super::share::CopyButton;
use crate::browser::{clock, document, embed};
use crate::domain::bundle::{Bundle, Text};
use crate::domain::filter::NewsFilter;
use crate::domain::i18n::{EmbedMsg, Lang, Msg};
use crate::domain::mode::{embed_snippet, EmbedChoice, Mode};
use crate::state::effect::effect;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The pages worth embedding, with the menu name each goes by.
const PAGES: [(&str, Msg); 5] = [
    ("/news", Msg::NavNews),
    ("/", Msg::NavHome),
    ("/plan", Msg::NavPlan),
    ("/stories", Msg::NavStories),
    ("/stories/new", Msg::ShareAStory),
];

/// Everything chosen on the page; filters apply to `/news` only.
#[derive(Clone, Copy)]
struct Choices {
    page: RwSignal<&'static str>,
    group: RwSignal<String>,
    district: RwSignal<String>,
    theme: RwSignal<String>,
    policy: RwSignal<String>,
    lang: RwSignal<Lang>,
    height: RwSignal<u32>,
    follow_height: RwSignal<bool>,
}

impl Choices {
    fn new(lang: Lang) -> Choices {
        Choices {
            page: RwSignal::new("/news"),
            group: RwSignal::new(String::new()),
            district: RwSignal::new(String::new()),
            theme: RwSignal::new(String::new()),
            policy: RwSignal::new(String::new()),
            lang: RwSignal::new(lang),
            height: RwSignal::new(640),
            follow_height: RwSignal::new(true),
        }
    }

    /// The embedded page's full address.
    fn src(self) -> String {
        let page = self.page.get();
        let mut query = String::new();
        if page == "/news" {
            let mut filter = NewsFilter::default();
            for (set, chosen) in [
                (&mut filter.groups, self.group.get()),
                (&mut filter.districts, self.district.get()),
                (&mut filter.themes, self.theme.get()),
                (&mut filter.policies, self.policy.get()),
            ] {
                if !chosen.is_empty() {
                    set.insert(chosen);
                }
            }
            query = filter.to_query_string();
        }
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&format!("lang={}", self.lang.get().as_str()));
        let path = Mode::Embed.keep_in(&format!("{page}?{query}"));
        document::resolve_route(&path)
    }

    fn snippet(self) -> String {
        let choice = EmbedChoice {
            src: self.src(),
            title: EmbedMsg::EmbedFrameTitle.text(self.lang.get()).to_owned(),
            height: self.height.get(),
            follow_height: self.follow_height.get(),
        };
        embed_snippet(&choice, &embed::own_origin())
    }
}

/// The snippet builder.
#[component]
pub fn EmbedPage() -> impl IntoView {
    with_bundle(|loaded, lang| {
        set_page_title(EmbedMsg::EmbedTitle.text(lang), lang);
        let choices = Choices::new(lang);
        let bundle = &loaded.bundle;
        view! {
            <div class="embed-page">
                <h1>{EmbedMsg::EmbedTitle.text(lang)}</h1>
                <p class="lead">{EmbedMsg::EmbedIntro.text(lang)}</p>
                <EmbedForm choices bundle lang />
                <Snippet choices lang />
                <Origins listed=bundle.config.embed_origins.clone() lang />
                <Preview choices lang />
            </div>
        }
    })
}

#[component]
fn EmbedForm<'a>(choices: Choices, bundle: &'a Bundle, lang: Lang) -> impl IntoView {
    let pages = PAGES
        .iter()
        .map(|(path, name)| view! { <option value=*path>{name.text(lang)}</option> })
        .collect_view();
    let groups = named(
        bundle.district_groups.iter().map(|g| (&g.id, &g.name)),
        lang,
    );
    let districts = named(bundle.districts.iter().map(|d| (&d.code, &d.name)), lang);
    let themes = named(bundle.plan.themes.iter().map(|t| (&t.id, &t.name)), lang);
    let policies = named(bundle.policies.iter().map(|p| (&p.id, &p.name)), lang);
    let on_news = move || choices.page.get() == "/news";
    let on_page = move |event: ev::Event| {
        let chosen = event_target_value(&event);
        if let Some((path, _)) = PAGES.iter().find(|(path, _)| *path == chosen) {
            choices.page.set(path);
        }
    };
    let on_height = move |event: ev::Event| {
        if let Ok(height) = event_target_value(&event).parse::<u32>() {
            choices.height.set(height.clamp(200, 4_000));
        }
    };
    view! {
        <form class="embed-form" on:submit=|event| event.prevent_default()>
            <div class="field">
                <label for="embed-page">{EmbedMsg::EmbedPage.text(lang)}</label>
                <select id="embed-page" on:change=on_page>{pages}</select>
            </div>
            <Show when=on_news>
                {choice_select("embed-group", Msg::DistrictGroup, groups.clone(), choices.group, lang)}
                {choice_select("embed-district", Msg::District, districts.clone(), choices.district, lang)}
                {choice_select("embed-theme", Msg::Themes, themes.clone(), choices.theme, lang)}
                {choice_select("embed-policy", Msg::Policies, policies.clone(), choices.policy, lang)}
            </Show>
            <fieldset class="field">
                <legend>{EmbedMsg::EmbedLanguage.text(lang)}</legend>
                {Lang::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="embed-lang"
                                    value=option.as_str()
                                    prop:checked=move || choices.lang.get() == option
                                    on:change=move |_| choices.lang.set(option)
                                />
                                <span lang=option.as_str()>{option.endonym()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="embed-height">{EmbedMsg::EmbedHeight.text(lang)}</label>
                <input id="embed-height" type="number" min="200" max="4000" step="10" inputmode="numeric"
                    prop:value=move || choices.height.get().to_string() on:change=on_height />
            </div>
            <label class="choice">
                <input type="checkbox" prop:checked=move || choices.follow_height.get()
                    on:change=move |event| choices.follow_height.set(event_target_checked(&event)) />
                <span>{EmbedMsg::EmbedAutoHeight.text(lang)}</span>
            </label>
        </form>
    }
}

/// Each id with its name in `lang`, for a select.
fn named<'a>(
    items: impl Iterator<Item = (&'a String, &'a Text)>,
    lang: Lang,
) -> Vec<(String, String)> {
    items
        .map(|(id, name)| (id.clone(), name.get(lang).to_owned()))
        .collect()
}

/// A select of one value among `options`, or "all".
fn choice_select(
    id: &'static str,
    label: Msg,
    options: Vec<(String, String)>,
    chosen: RwSignal<String>,
    lang: Lang,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, name)| {
            let selected = chosen.get_untracked() == value;
            view! { <option value=value selected=selected>{name}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label.text(lang)}</label>
            <select id=id on:change=move |event| chosen.set(event_target_value(&event))>
                <option value="">{EmbedMsg::EmbedAll.text(lang)}</option>
                {options}
            </select>
        </div>
    }
}

#[component]
fn Snippet(choices: Choices, lang: Lang) -> impl IntoView {
    view! {
        <section class="embed-snippet" aria-labelledby="embed-snippet-title">
            <h2 id="embed-snippet-title">
                <label for="embed-snippet">{EmbedMsg::EmbedSnippet.text(lang)}</label>
            </h2>
            <textarea id="embed-snippet" class="embed-snippet__code" readonly rows="9" spellcheck="false"
                data-testid="embed-snippet" prop:value=move || choices.snippet()></textarea>
            <p class="button-row">
                <CopyButton text=move || choices.snippet() label=Msg::EmbedCopy done=Msg::SnippetCopied lang />
            </p>
        </section>
    }
}

#[component]
fn Origins(listed: Vec<String>, lang: Lang) -> impl IntoView {
    if listed.is_empty() {
        return view! { <p class="notice">{EmbedMsg::EmbedNoOrigins.text(lang)}</p> }.into_any();
    }
    view! {
        <div class="notice">
            <p>{EmbedMsg::EmbedOrigins.text(lang)}</p>
            <ul>{listed.into_iter().map(|origin| view! { <li><code>{origin}</code></li> }).collect_view()}</ul>
        </div>
    }
    .into_any()
}

/// How long the choices must stay as they are before the preview loads them.
const PREVIEW_SETTLE_MS: i32 = 400;

/// The chosen slice, live, in a frame that grows with its content as the snippet's would.
#[component]
fn Preview(choices: Choices, lang: Lang) -> impl IntoView {
    let frame = NodeRef::<html::Iframe>::new();
    let measured = RwSignal::new(None::<u32>);
    // The frame follows the choices once they settle: each new address loads the app in it
    // again, so several quick changes load it once, not once each, half-started.
    let src = RwSignal::new(untrack(move || choices.src()));
    let latest = StoredValue::new(0_u32);
    effect(move || {
        let wanted = choices.src();
        let ticket = latest.get_value().wrapping_add(1);
        latest.set_value(ticket);
        spawn_local(async move {
            clock::after_ms(PREVIEW_SETTLE_MS).await;
            if latest.get_value() == ticket && src.get_untracked() != wanted {
                src.set(wanted);
            }
        });
    });
    let listener = window_event_listener(ev::message, move |event| {
        if !choices.follow_height.get_untracked() {
            return;
        }
        let Some(frame) = frame.get_untracked() else {
            return;
        };
        if let Some(height) = embed::height_from_frame(&event, &frame) {
            measured.set(Some(height.clamp(0.0, 20_000.0) as u32));
        }
    });
    on_cleanup(move || listener.remove());
    let height = move || {
        let chosen = choices.height.get();
        if choices.follow_height.get() {
            measured.get().unwrap_or(chosen)
        } else {
            chosen
        }
        .to_string()
    };
    view! {
        <section class="embed-preview" aria-labelledby="embed-preview-title">
            <h2 id="embed-preview-title">{EmbedMsg::EmbedPreview.text(lang)}</h2>
            <iframe
                node_ref=frame
                class="embed-preview__frame"
                src=move || src.get()
                title=move || EmbedMsg::EmbedFrameTitle.text(choices.lang.get())
                height=height
                data-testid="embed-preview"
            ></iframe>
        </section>
    }
}
