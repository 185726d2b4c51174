//! The story form's fields with more to them than a label and a control: whether and under
//! which name the city may publish the story, and the photos (chosen, shrunk, previewed,
//! removed); and the marks and hints the other fields share.

use super::form_state::{control_id, error_id, FieldErrorText, FormState};
use crate::browser::photo;
use crate::domain::i18n::{FormMsg, Lang};
use crate::domain::story::{Field, FieldError, Problem, PublishAs, MAX_PHOTOS};
use crate::state::effect::effect;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Whether the city may publish the story, and under which name: the name given is offered
/// only once there is one, and clearing the name falls back to anonymous.
#[component]
pub(super) fn PublicationField(state: FormState, lang: Lang, keep_draft: bool) -> impl IntoView {
    let draft = state.draft;
    let named = Memo::new(move |_| draft.author.with(|author| !author.trim().is_empty()));
    effect(move || {
        if !named.get() && draft.publish_as.get_untracked() == PublishAs::Given {
            draft.publish_as.set(PublishAs::Anonymous);
        }
    });
    let field = Field::Publication;
    let choose = move |choice: PublishAs| {
        move |_| state.edit(field, move |draft| draft.publish_as.set(choice), keep_draft)
    };
    let given_name = move || draft.author.with(|author| author.trim().to_owned());
    let choices = move || {
        draft.publish.get().then(|| {
            let given = move || {
                if named.get() {
                    view! {
                        <li>
                            <label class="check">
                                <input type="radio" id="story-publish-given" name="publish-as" value="given"
                                    prop:checked=move || draft.publish_as.get() == PublishAs::Given
                                    on:change=choose(PublishAs::Given) />
                                <span>{FormMsg::PublishAsGiven.text(lang)} " " {given_name}</span>
                            </label>
                        </li>
                    }
                    .into_any()
                } else {
                    view! { <li><p class="field__hint">{FormMsg::PublishAsNoName.text(lang)}</p></li> }.into_any()
                }
            };
            view! {
                <fieldset class="field">
                    <legend>{FormMsg::PublishAsLegend.text(lang)}</legend>
                    <ul class="check-list">
                        <li>
                            <label class="check">
                                <input type="radio" id="story-publish-anonymous" name="publish-as" value="anonymous"
                                    prop:checked=move || draft.publish_as.get() == PublishAs::Anonymous
                                    on:change=choose(PublishAs::Anonymous) />
                                <span>{FormMsg::PublishAsAnonymous.text(lang)}</span>
                            </label>
                        </li>
                        {given}
                    </ul>
                </fieldset>
            }
        })
    };
    view! {
        <fieldset class="field publication">
            <legend>{FormMsg::PublishLegend.text(lang)}</legend>
            <p class="field__hint" id="story-publish-hint">{FormMsg::PublishHint.text(lang)}</p>
            <FieldErrorText state field lang />
            <label class="check">
                <input type="checkbox" id=control_id(field) name="publish"
                    aria-invalid=move || state.error_for(field).is_some().then_some("true")
                    aria-describedby=move || match state.error_for(field) {
                        Some(_) => format!("story-publish-hint {}", error_id(field)),
                        None => "story-publish-hint".to_owned(),
                    }
                    prop:checked=move || draft.publish.get()
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        state.edit(field, move |draft| draft.publish.set(on), keep_draft);
                    } />
                <span>{FormMsg::PublishLabel.text(lang)}</span>
            </label>
            {choices}
        </fieldset>
    }
}

/// The star after a required field's label; screen readers hear `aria-required` instead.
pub(super) fn required_mark() -> impl IntoView {
    view! { <span class="required" aria-hidden="true">"*"</span> }
}

pub(super) fn field_hint(field: Field, lang: Lang) -> Option<impl IntoView> {
    match field {
        Field::Contact => {
            Some(view! { <p class="field__hint">{FormMsg::ContactHint.text(lang)}</p> })
        }
        _ => None,
    }
}

/// Choosing, shrinking, previewing and removing photos.
#[component]
pub(super) fn PhotoField(state: FormState, lang: Lang, keep_draft: bool) -> impl IntoView {
    let on_change = move |event: leptos::ev::Event| {
        let files = photo::take_picked(&event);
        state.photo_problem.set(None);
        state.photos_busy.set(true);
        spawn_local(async move {
            for file in files {
                if state
                    .draft
                    .photos
                    .try_with_untracked(Vec::len)
                    .unwrap_or(MAX_PHOTOS)
                    >= MAX_PHOTOS
                {
                    state.photo_problem.set(Some(Problem::TooManyPhotos));
                    break;
                }
                match photo::shrink(&file).await {
                    Ok(photo) => state.edit(
                        Field::Photos,
                        move |draft| draft.photos.update(|photos| photos.push(photo)),
                        keep_draft,
                    ),
                    Err(problem) => state.photo_problem.set(Some(problem)),
                }
            }
            state.photos_busy.set(false);
        });
    };
    let previews = move || {
        state
            .draft
            .photos
            .get()
            .into_iter()
            .enumerate()
            .map(|(at, photo)| {
                let remove = move |_| {
                    state.edit(
                        Field::Photos,
                        move |draft| {
                            draft.photos.update(|photos| {
                                if at < photos.len() {
                                    photos.remove(at);
                                }
                            });
                        },
                        keep_draft,
                    );
                };
                let label = format!("{} {}", FormMsg::RemovePhoto.text(lang), photo.name);
                view! {
                    <li class="photo-preview">
                        <img src=format!("data:image/jpeg;base64,{}", photo.data) alt=photo.name.clone() />
                        <button type="button" class="button button--secondary" aria-label=label on:click=remove>
                            {FormMsg::RemovePhoto.text(lang)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let problem = move || {
        let local = state.photo_problem.get().map(|problem| FieldError {
            field: Field::Photos,
            problem,
        });
        local.or_else(|| state.error_for(Field::Photos)).map(|error| {
            view! { <p class="field-error" id=error_id(Field::Photos) role="alert">{error.message(lang)}</p> }
        })
    };
    view! {
        <div class="field">
            <label for=control_id(Field::Photos)>{FormMsg::FieldPhotos.text(lang)}</label>
            <p class="field__hint" id="story-photos-hint">{FormMsg::PhotosHint.text(lang)}</p>
            {problem}
            <input id=control_id(Field::Photos) name="photos" type="file" accept="image/*" multiple=true
                aria-describedby="story-photos-hint" on:change=on_change />
            {move || state.photos_busy.get().then(|| view! { <p role="status">{FormMsg::PreparingPhotos.text(lang)}</p> })}
            <ul class="photo-previews">{previews}</ul>
        </div>
    }
}
