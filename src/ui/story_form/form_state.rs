//! What the story form holds, outside the page's render: the draft, its errors and what is
//! under way, with the rules for editing and saving the draft; and the names of its
//! controls.

use crate::browser::device_db::{self, DeviceError};
use crate::domain::i18n::Lang;
use crate::domain::story::{Field, FieldError, Problem};
use crate::state::draft::DraftFields;
use crate::state::outbox::NotHanded;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// The key of the new-story draft on the device.
pub(super) const DRAFT_KEY: &str = "new-story";
/// How long typing must pause before the draft is saved.
const DRAFT_DELAY: Duration = Duration::from_millis(400);

/// The id of a field's control, for labels and the error summary's links.
pub(super) fn control_id(field: Field) -> &'static str {
    match field {
        Field::Title => "story-title",
        Field::Text => "story-text",
        Field::District => "story-district",
        Field::Policies => "story-policies",
        Field::Photos => "story-photos",
        Field::Author => "story-author",
        Field::Contact => "story-contact",
        Field::Consent => "story-consent",
        Field::Publication => "story-publish",
        Field::Envelope => "story-form",
    }
}

pub(super) fn error_id(field: Field) -> String {
    format!("{}-error", control_id(field))
}

/// Everything the form holds, kept outside the page's render so that a change of language
/// keeps what the citizen typed.
#[derive(Clone, Copy)]
pub(super) struct FormState {
    pub(super) draft: DraftFields,
    pub(super) errors: RwSignal<Vec<FieldError>>,
    pub(super) photo_problem: RwSignal<Option<Problem>>,
    pub(super) photos_busy: RwSignal<bool>,
    pub(super) problem: RwSignal<Option<NotHanded>>,
    pub(super) saving: RwSignal<bool>,
    /// The browser keeps nothing for this page (a third-party frame, say): no drafts.
    pub(super) no_drafts: RwSignal<bool>,
    /// The last draft did not fit in the device's storage.
    pub(super) drafts_full: RwSignal<bool>,
    /// The last story went straight to the receiver, with no copy kept here.
    pub(super) sent_without_copy: RwSignal<bool>,
    pub(super) restored: RwSignal<bool>,
    pub(super) honeypot: RwSignal<String>,
    /// Bumped on every change; a pending draft save runs only if nothing changed since.
    pub(super) generation: StoredValue<u64>,
}

impl FormState {
    pub(super) fn new() -> FormState {
        FormState {
            draft: DraftFields::new(),
            errors: RwSignal::new(Vec::new()),
            photo_problem: RwSignal::new(None),
            photos_busy: RwSignal::new(false),
            problem: RwSignal::new(None),
            saving: RwSignal::new(false),
            no_drafts: RwSignal::new(false),
            drafts_full: RwSignal::new(false),
            sent_without_copy: RwSignal::new(false),
            restored: RwSignal::new(false),
            honeypot: RwSignal::new(String::new()),
            generation: StoredValue::new(0),
        }
    }

    pub(super) fn error_for(self, field: Field) -> Option<FieldError> {
        self.errors
            .with(|errors| errors.iter().find(|e| e.field == field).cloned())
    }

    /// Changes the draft, clears that field's error, and schedules saving the draft. Safe to
    /// call after the page is gone (a photo finished shrinking after the citizen left): then
    /// it does nothing.
    pub(super) fn edit(self, field: Field, change: impl FnOnce(DraftFields), keep_draft: bool) {
        if self.draft.is_gone() {
            return;
        }
        change(self.draft);
        if self
            .errors
            .try_with_untracked(|e| e.iter().any(|e| e.field == field))
            == Some(true)
        {
            self.errors
                .update(|errors| errors.retain(|e| e.field != field));
        }
        if keep_draft {
            self.save_draft_soon();
        }
    }

    /// Saves the draft once typing pauses; any later change or a send cancels this save.
    pub(super) fn save_draft_soon(self) {
        let Some(generation) = self.cancel_draft_save() else {
            return;
        };
        set_timeout(
            move || {
                // The page may be gone by now, or the story sent: then there is nothing to save.
                if self.generation.try_get_value() != Some(generation) {
                    return;
                }
                let Some(draft) = self.draft.snapshot() else {
                    return;
                };
                spawn_local(async move {
                    let saved = (!draft.is_blank()).then_some(&draft);
                    match device_db::save_draft(DRAFT_KEY, saved).await {
                        Err(DeviceError::Unavailable) => {
                            self.no_drafts.try_set(true);
                        }
                        result => {
                            self.drafts_full.try_set(result == Err(DeviceError::Full));
                        }
                    }
                });
            },
            DRAFT_DELAY,
        );
    }

    /// Cancels a pending draft save; gives the new generation.
    pub(super) fn cancel_draft_save(self) -> Option<u64> {
        let generation = self.generation.try_get_value()? + 1;
        self.generation.try_set_value(generation);
        Some(generation)
    }
}

/// The message beside a field that breaks a rule.
#[component]
pub(super) fn FieldErrorText(state: FormState, field: Field, lang: Lang) -> impl IntoView {
    move || {
        state.error_for(field).map(|error| {
            view! { <p class="field-error" id=error_id(field)>{error.message(lang)}</p> }
        })
    }
}
