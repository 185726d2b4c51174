//! The story form's draft as one signal per field, so that a keystroke in one field wakes
//! only what shows that field: before, the whole draft was one signal, and every keystroke
//! re-ran every field's view and cloned every photo's base64 to redraw the previews.

use crate::domain::story::{Photo, PublishAs, StoryDraft};
use leptos::prelude::*;

/// The fields of the draft, each a signal of its own.
#[derive(Clone, Copy)]
pub struct DraftFields {
    pub title: RwSignal<String>,
    pub text: RwSignal<String>,
    pub district: RwSignal<String>,
    pub policies: RwSignal<Vec<String>>,
    pub author: RwSignal<String>,
    pub contact: RwSignal<String>,
    pub consent: RwSignal<bool>,
    pub photos: RwSignal<Vec<Photo>>,
    pub publish: RwSignal<bool>,
    pub publish_as: RwSignal<PublishAs>,
}

impl DraftFields {
    /// An empty draft.
    pub fn new() -> DraftFields {
        DraftFields {
            title: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
            district: RwSignal::new(String::new()),
            policies: RwSignal::new(Vec::new()),
            author: RwSignal::new(String::new()),
            contact: RwSignal::new(String::new()),
            consent: RwSignal::new(false),
            photos: RwSignal::new(Vec::new()),
            publish: RwSignal::new(false),
            publish_as: RwSignal::new(PublishAs::Anonymous),
        }
    }

    /// The whole draft as it is now, read without tracking (to save or to send); `None` once
    /// the form is gone.
    pub fn snapshot(self) -> Option<StoryDraft> {
        Some(StoryDraft {
            title: self.title.try_get_untracked()?,
            text: self.text.try_get_untracked()?,
            district: self.district.try_get_untracked()?,
            policies: self.policies.try_get_untracked()?,
            author: self.author.try_get_untracked()?,
            contact: self.contact.try_get_untracked()?,
            consent: self.consent.try_get_untracked()?,
            photos: self.photos.try_get_untracked()?,
            publish: self.publish.try_get_untracked()?,
            publish_as: self.publish_as.try_get_untracked()?,
        })
    }

    /// Puts `draft` in every field (nothing, once the form is gone).
    pub fn replace(self, draft: StoryDraft) {
        self.title.try_set(draft.title);
        self.text.try_set(draft.text);
        self.district.try_set(draft.district);
        self.policies.try_set(draft.policies);
        self.author.try_set(draft.author);
        self.contact.try_set(draft.contact);
        self.consent.try_set(draft.consent);
        self.photos.try_set(draft.photos);
        self.publish.try_set(draft.publish);
        self.publish_as.try_set(draft.publish_as);
    }

    /// Whether the form is gone (its signals disposed).
    pub fn is_gone(self) -> bool {
        self.title.is_disposed()
    }
}

impl Default for DraftFields {
    fn default() -> DraftFields {
        DraftFields::new()
    }
}
