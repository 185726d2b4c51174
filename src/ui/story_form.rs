//! `/stories/new`: the BANGKOK STORIES form. What the citizen types is kept as a draft on the
//! device; pressing send checks the story by the domain's rules and, if it passes, puts it in
//! the outbox before any request leaves. `?edit={id}` reopens a story the receiver refused.

mod fields;
mod form_state;

use super::gate::{set_page_title, with_bundle};
use super::share::ExternalLink;
use crate::browser::device_db::{self, DeviceError};
use crate::browser::{clock, coordination, document};
use crate::domain::date::Moment;
use crate::domain::i18n::{receiver_reason, FormMsg, Lang, Msg};
use crate::domain::mode::Mode;
use crate::domain::outbox::Delivery;
use crate::domain::route::Page;
use crate::domain::story::{Envelope, Field, StoryDraft};
use crate::domain::validate::Loaded;
use crate::state::draft::DraftFields;
use crate::state::effect::effect_until_done;
use crate::state::mode::{link, ModeContext};
use crate::state::outbox::{Handed, NotHanded, OutboxContext};
use crate::state::route::{Go, RouteContext};
use fields::{field_hint, required_mark, PhotoField, PublicationField};
use form_state::{control_id, error_id, FieldErrorText, FormState, DRAFT_KEY};
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The story form.
#[component]
pub fn StoryFormPage() -> impl IntoView {
    let state = FormState::new();
    let outbox = OutboxContext::get();
    // Fetched now, while the form's own module has just come: the story may be sent offline.
    outbox.start_delivery();
    let query = RouteContext::get().query(Page::StoryForm);
    let editing = Memo::new(move |_| query.with(|q| q.get("edit")));

    // A new story starts from the saved draft; an edited one from the refused story.
    effect_until_done(move || {
        match editing.get() {
            // A kiosk never offers one person's draft to the next.
            None if ModeContext::get().mode() == Mode::Kiosk => {}
            None => {
                spawn_local(async move {
                    match device_db::draft(DRAFT_KEY).await {
                        Ok(Some(draft)) => {
                            let blank = state.draft.snapshot().map(|now| now.is_blank());
                            if blank == Some(true) && !draft.is_blank() {
                                state.draft.replace(draft);
                                state.restored.try_set(true);
                            }
                        }
                        Ok(None) | Err(DeviceError::Full | DeviceError::Failed) => {}
                        Err(DeviceError::Unavailable) => {
                            state.no_drafts.try_set(true);
                        }
                    }
                });
            }
            Some(id) => {
                if !outbox.loaded().get() {
                    return false;
                }
                let entries = outbox.entries().get_untracked();
                if let Some(entry) = entries.iter().find(|entry| entry.id == id) {
                    state
                        .draft
                        .replace(StoryDraft::from_request(&entry.request));
                }
            }
        }
        true
    });

    with_bundle(move |loaded, lang| {
        let bundle = &loaded.bundle;
        let edit_id = editing.get_untracked();
        let title = if edit_id.is_some() {
            FormMsg::EditingRefused
        } else {
            FormMsg::FormTitle
        };
        set_page_title(title.text(lang), lang);
        let refusal = edit_id.as_ref().and_then(|id| {
            outbox.entries().with_untracked(|entries| {
                entries
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|entry| entry.delivery.clone())
            })
        });
        if edit_id.is_some() && !matches!(refusal, Some(Delivery::Rejected { .. })) {
            return super::not_found::missing(
                Msg::EditNotFound,
                None,
                ("/stories/mine", Msg::MyStories),
                lang,
            );
        }
        let refusal_notice = refusal.map(|delivery| {
            let Delivery::Rejected {
                reason, reason_th, ..
            } = delivery
            else {
                return ().into_any();
            };
            let reason = receiver_reason(lang, &reason, reason_th.as_deref()).to_owned();
            view! {
                <div class="notice notice--error">
                    <p>{FormMsg::ReceiverSaid.text(lang)} " " {reason}</p>
                </div>
            }
            .into_any()
        });
        let complaints = bundle.config.complaints_url.clone().map(|url| {
            view! {
                <p class="story-form__complaints">
                    {FormMsg::ComplaintsPrompt.text(lang)} " "
                    <ExternalLink href=url label=Msg::ComplaintsLink lang />
                </p>
            }
        });
        view! {
            <div class="story-form-page">
                <h1>{title.text(lang)}</h1>
                <p class="lead">{FormMsg::FormIntro.text(lang)}</p>
                {complaints}
                {refusal_notice}
                <StoryForm state loaded=loaded.clone() lang edit_id />
            </div>
        }
        .into_any()
    })
}

#[component]
fn StoryForm(
    state: FormState,
    loaded: std::sync::Arc<Loaded>,
    lang: Lang,
    edit_id: Option<String>,
) -> impl IntoView {
    let outbox = OutboxContext::get();
    let route = RouteContext::get();
    let summary = NodeRef::<html::Div>::new();
    let mode = ModeContext::get().mode();
    let keep_draft = edit_id.is_none() && mode != Mode::Kiosk;
    let outbox_href = link("/stories/mine");
    let saved_href = link("/stories/mine?saved=1");
    let bundle = &loaded.bundle;
    let submit_loaded = loaded.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if state.saving.get_untracked() || state.photos_busy.get_untracked() {
            return;
        }
        let saved_href = saved_href.clone();
        // A bot filled in the field people cannot see: say nothing, keep nothing.
        if !state.honeypot.get_untracked().is_empty() {
            state.draft.replace(StoryDraft::default());
            route.go(&outbox_href, Go::default());
            return;
        }
        let Some(id) = edit_id.clone().or_else(coordination::new_story_id) else {
            state
                .problem
                .set(Some(NotHanded::Device(DeviceError::Unavailable)));
            return;
        };
        let now = Moment::from_unix_millis(clock::millis() as f64).to_rfc3339();
        let envelope = Envelope {
            id,
            now,
            lang,
            privacy_notice: submit_loaded.bundle.config.privacy_notice.as_ref(),
            mode: mode.as_str(),
            app_version: env!("CARGO_PKG_VERSION"),
        };
        let Some(draft) = state.draft.snapshot() else {
            return;
        };
        match draft.to_request(envelope, &submit_loaded.bundle) {
            Err(errors) => {
                state.errors.set(errors);
                // After the summary is drawn: focus it, so that a screen reader reads it.
                request_animation_frame(move || {
                    if let Some(summary) = summary.get_untracked() {
                        let _ = summary.focus();
                    }
                });
            }
            Ok(request) => {
                state.cancel_draft_save();
                state.saving.set(true);
                state.problem.set(None);
                state.sent_without_copy.set(false);
                let editing = edit_id.is_some();
                spawn_local(async move {
                    let handed = if editing {
                        outbox
                            .resubmit(request)
                            .await
                            .map(|_| Handed::OnDevice)
                            .map_err(NotHanded::Device)
                    } else {
                        outbox.send(request).await
                    };
                    state.saving.try_set(false);
                    match handed {
                        Ok(Handed::OnDevice) => {
                            if keep_draft {
                                let _ = device_db::save_draft(DRAFT_KEY, None).await;
                            }
                            state.draft.replace(StoryDraft::default());
                            route.go(&saved_href, Go::default());
                        }
                        Ok(Handed::SentWithoutCopy) => {
                            state.draft.replace(StoryDraft::default());
                            state.sent_without_copy.try_set(true);
                        }
                        Err(problem) => {
                            state.problem.try_set(Some(problem));
                        }
                    }
                });
            }
        }
    };

    let error_summary = move || {
        let errors = state.errors.get();
        (!errors.is_empty()).then(|| {
            let items = errors
                .into_iter()
                .map(|error| {
                    let id = control_id(error.field);
                    // The browser would only scroll to the field; the citizen wants to type in it.
                    let go = move |event: leptos::ev::MouseEvent| {
                        if document::focus_by_id(id) {
                            event.prevent_default();
                        }
                    };
                    view! { <li><a href=format!("#{id}") on:click=go>{error.message(lang)}</a></li> }
                })
                .collect_view();
            view! {
                <div class="error-summary" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{FormMsg::ErrorSummaryTitle.text(lang)}</h2>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let device_notice = move || {
        state.problem.get().map(|problem| {
            let message = match problem {
                NotHanded::Device(DeviceError::Unavailable) => {
                    FormMsg::DeviceUnavailable.text(lang).to_owned()
                }
                NotHanded::Device(DeviceError::Full) => FormMsg::DeviceFull.text(lang).to_owned(),
                NotHanded::Device(DeviceError::Failed) => {
                    FormMsg::DeviceFailed.text(lang).to_owned()
                }
                NotHanded::SendFailedWithoutCopy => {
                    FormMsg::SendWithoutCopyFailed.text(lang).to_owned()
                }
                NotHanded::RefusedWithoutCopy { reason, reason_th } => format!(
                    "{} {}",
                    FormMsg::ReceiverSaid.text(lang),
                    receiver_reason(lang, &reason, reason_th.as_deref())
                ),
            };
            view! { <p class="notice notice--error" role="alert">{message}</p> }
        })
    };
    let no_copy_notices = move || {
        let sent = state.sent_without_copy.get().then(|| {
            view! { <p class="notice notice--success" role="status" data-testid="sent-without-copy">{FormMsg::SentWithoutCopy.text(lang)}</p> }
        });
        let no_drafts = state.no_drafts.get().then(|| {
            view! { <p class="notice" role="status" data-testid="no-drafts">{FormMsg::DraftUnavailable.text(lang)}</p> }
        });
        let drafts_full = state.drafts_full.get().then(|| {
            view! { <p class="notice" role="status">{FormMsg::DraftDeviceFull.text(lang)}</p> }
        });
        view! { {sent} {no_drafts} {drafts_full} }
    };
    let restored_notice = move || {
        state.restored.get().then(|| {
            let discard = move |_| {
                state.restored.set(false);
                state.errors.set(Vec::new());
                state.draft.replace(StoryDraft::default());
                spawn_local(async {
                    let _ = device_db::save_draft(DRAFT_KEY, None).await;
                });
            };
            view! {
                <div class="notice" role="status">
                    <p>{FormMsg::DraftRestored.text(lang)}</p>
                    <button type="button" class="button button--secondary" on:click=discard>
                        {FormMsg::DiscardDraft.text(lang)}
                    </button>
                </div>
            }
        })
    };

    let text_input = move |field: Field,
                           label: FormMsg,
                           multiline: bool,
                           value: fn(DraftFields) -> RwSignal<String>| {
        let value = value(state.draft);
        let id = control_id(field);
        let invalid = move || state.error_for(field).is_some().then_some("true");
        let described = move || state.error_for(field).map(|_| error_id(field));
        let on_input = move |event: leptos::ev::Event| {
            let typed = event_target_value(&event);
            state.edit(field, move |_| value.set(typed), keep_draft);
        };
        let required = matches!(field, Field::Title | Field::Text);
        let control = if multiline {
            view! {
                <textarea id=id name=id rows="8" aria-required=required.then_some("true") aria-invalid=invalid
                    aria-describedby=described prop:value=move || value.get() on:input=on_input></textarea>
            }
            .into_any()
        } else {
            let (kind, autocomplete) = match field {
                Field::Contact => ("text", "email"),
                Field::Author => ("text", "nickname"),
                _ => ("text", "off"),
            };
            view! {
                <input id=id name=id type=kind autocomplete=autocomplete aria-required=required.then_some("true")
                    aria-invalid=invalid aria-describedby=described prop:value=move || value.get()
                    on:input=on_input />
            }
            .into_any()
        };
        view! {
            <div class="field">
                <label for=id>{label.text(lang)} {required.then(required_mark)}</label>
                {field_hint(field, lang)}
                <FieldErrorText state field lang />
                {control}
            </div>
        }
    };

    let districts = bundle
        .district_groups
        .iter()
        .map(|group| {
            let options = bundle
                .districts
                .iter()
                .filter(|district| district.group == group.id)
                .map(|district| {
                    let code = district.code.clone();
                    let selected_code = code.clone();
                    view! {
                        <option value=code prop:selected=move || state.draft.district.with(|d| *d == selected_code)>
                            {district.name.get(lang).to_owned()}
                        </option>
                    }
                })
                .collect_view();
            view! { <optgroup label=group.name.get(lang).to_owned()>{options}</optgroup> }
        })
        .collect_view();
    let policies = bundle
        .policies
        .iter()
        .enumerate()
        .map(|(at, policy)| {
            let id = policy.id.clone();
            let checked_id = id.clone();
            let input_id = if at == 0 { control_id(Field::Policies).to_owned() } else { format!("story-policy-{}", policy.id) };
            let toggle = move |event: leptos::ev::Event| {
                let on = event_target_checked(&event);
                let id = id.clone();
                state.edit(
                    Field::Policies,
                    move |draft| {
                        draft.policies.update(|policies| {
                            policies.retain(|p| *p != id);
                            if on {
                                policies.push(id);
                            }
                        });
                    },
                    keep_draft,
                );
            };
            view! {
                <li>
                    <label class="check">
                        <input type="checkbox" id=input_id value=policy.id.clone()
                            prop:checked=move || state.draft.policies.with(|p| p.contains(&checked_id))
                            on:change=toggle />
                        <span>{policy.name.get(lang).to_owned()}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let notice = bundle
        .config
        .privacy_notice
        .as_ref()
        .map(|notice| notice.get(lang).to_owned())
        .unwrap_or_default();

    view! {
        <form id="story-form" class="story-form" novalidate=true on:submit=on_submit>
            {error_summary}
            {restored_notice}
            {no_copy_notices}
            {text_input(Field::Title, FormMsg::FieldTitle, false, |d| d.title)}
            {text_input(Field::Text, FormMsg::FieldText, true, |d| d.text)}
            <div class="field">
                <label for=control_id(Field::District)>{FormMsg::FieldDistrict.text(lang)} {required_mark()}</label>
                <FieldErrorText state field=Field::District lang />
                <select id=control_id(Field::District) name="district" aria-required="true"
                    aria-invalid=move || state.error_for(Field::District).is_some().then_some("true")
                    aria-describedby=move || state.error_for(Field::District).map(|_| error_id(Field::District))
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        state.edit(Field::District, move |draft| draft.district.set(value), keep_draft);
                    }>
                    <option value="" prop:selected=move || state.draft.district.with(String::is_empty)>
                        {FormMsg::ChooseDistrict.text(lang)}
                    </option>
                    {districts}
                </select>
            </div>
            <fieldset class="field">
                <legend>{FormMsg::FieldPolicies.text(lang)}</legend>
                <FieldErrorText state field=Field::Policies lang />
                <ul class="check-list">{policies}</ul>
            </fieldset>
            <PhotoField state lang keep_draft />
            {text_input(Field::Author, FormMsg::FieldAuthor, false, |d| d.author)}
            {text_input(Field::Contact, FormMsg::FieldContact, false, |d| d.contact)}
            <div class="field privacy">
                <h2 class="privacy__title">{FormMsg::PrivacyNotice.text(lang)}</h2>
                <p class="privacy__text">{notice}</p>
                <FieldErrorText state field=Field::Consent lang />
                <label class="check">
                    <input type="checkbox" id=control_id(Field::Consent) name="consent" aria-required="true"
                        aria-invalid=move || state.error_for(Field::Consent).is_some().then_some("true")
                        aria-describedby=move || state.error_for(Field::Consent).map(|_| error_id(Field::Consent))
                        prop:checked=move || state.draft.consent.get()
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            state.edit(Field::Consent, move |draft| draft.consent.set(on), keep_draft);
                        } />
                    <span>{FormMsg::ConsentLabel.text(lang)} {required_mark()}</span>
                </label>
            </div>
            <PublicationField state lang keep_draft />
            // People never see this field; a bot that fills it in is quietly ignored.
            <div class="honeypot" aria-hidden="true">
                <label for="story-website">"Website"</label>
                <input id="story-website" name="website" type="text" tabindex="-1" autocomplete="off"
                    prop:value=move || state.honeypot.get()
                    on:input=move |event| state.honeypot.set(event_target_value(&event)) />
            </div>
            {device_notice}
            <p>
                <button type="submit" class="button" aria-disabled=move || (state.saving.get() || state.photos_busy.get()).then_some("true")>
                    {move || if state.saving.get() { FormMsg::Sending.text(lang) } else { FormMsg::SendStory.text(lang) }}
                </button>
            </p>
        </form>
    }
}
