//! A citizen's story on its way to the city: the draft the form holds, the request the app
//! sends (`story-api.md`), and the rules a story must meet. The app checks them before a
//! story enters the outbox, and the reference receiver checks the same rules again on what
//! arrives, so that a client which skipped them is still refused.

use super::bundle::{Bundle, Text};
use super::i18n::Lang;
use super::order::{self, Key};
use serde::{Deserialize, Serialize};

mod contact;
mod problem;

pub use contact::parse_contact;
pub use problem::{Field, FieldError, Problem};

/// Longest title, in characters.
pub const TITLE_MAX_CHARS: usize = 150;
/// Longest story, in characters.
pub const TEXT_MAX_CHARS: usize = 5_000;
/// Longest name or pseudonym, in characters.
pub const AUTHOR_MAX_CHARS: usize = 80;
/// Longest contact, in characters.
pub const CONTACT_MAX_CHARS: usize = 120;
/// Most photos a story may carry.
pub const MAX_PHOTOS: usize = 3;
/// Largest file the form accepts before it shrinks it (what the citizen picks).
pub const PHOTO_FILE_MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;
/// The longest side of a photo after it is shrunk on the device.
pub const PHOTO_MAX_SIDE: u32 = 1600;
/// Largest photo after re-encoding, in bytes.
pub const PHOTO_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The JPEG qualities tried in turn when re-encoding a photo; the first within
/// [`PHOTO_MAX_BYTES`] is kept.
pub const PHOTO_JPEG_QUALITIES: [f64; 3] = [0.85, 0.7, 0.5];

/// The size a photo of `width` × `height` is shrunk to: its proportions kept, its longest side
/// within [`PHOTO_MAX_SIDE`], never below one pixel.
pub fn shrunk_size(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height).max(1);
    if longest <= PHOTO_MAX_SIDE {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(PHOTO_MAX_SIDE) / f64::from(longest);
    let side = |value: u32| ((f64::from(value) * scale).round() as u32).max(1);
    (side(width), side(height))
}

/// Whether base64 `data` is a photo within [`PHOTO_MAX_BYTES`].
pub fn photo_fits(data: &str) -> bool {
    data.len() / 4 * 3 <= PHOTO_MAX_BYTES
}
/// Largest request the receiver reads: three full photos in base64 and the text around them.
pub const REQUEST_MAX_BYTES: usize = 9 * 1024 * 1024;

/// What the form holds while the citizen writes; saved as a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryDraft {
    pub title: String,
    pub text: String,
    /// A district code, or empty.
    pub district: String,
    pub policies: Vec<String>,
    pub author: String,
    /// An e-mail address or a Thai phone number, as typed.
    pub contact: String,
    pub consent: bool,
    /// Photos already shrunk and re-encoded on the device.
    pub photos: Vec<Photo>,
    /// The citizen lets the city publish the story on its site (off unless ticked).
    pub publish: bool,
    /// Under which name, if published.
    pub publish_as: PublishAs,
}

/// The name a published story carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishAs {
    /// The name or pseudonym the citizen gave as author.
    Given,
    /// No name.
    #[default]
    Anonymous,
}

impl PublishAs {
    /// The value in the request.
    pub fn as_str(self) -> &'static str {
        match self {
            PublishAs::Given => "given",
            PublishAs::Anonymous => "anonymous",
        }
    }
}

/// Whether, and under which name, the city may publish the story; absent from a request means
/// it may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    pub allowed: bool,
    #[serde(default)]
    pub name: PublishAs,
}

impl Publication {
    /// Whether a request's publication (or its absence) lets the city publish the story.
    pub fn allows(publication: Option<&Publication>) -> bool {
        publication.is_some_and(|p| p.allowed)
    }
}

/// The body of `POST {submit_url}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryRequest {
    /// A UUID v4 made on the device; also the `Idempotency-Key`.
    pub id: String,
    /// RFC 3339.
    pub created_at: String,
    pub lang: String,
    pub title: String,
    pub text: String,
    pub district: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    pub consent: Consent,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<Photo>,
    pub client: Client,
    /// Whether the city may publish the story; optional, absent means no.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
}

/// How the city may reach the citizen (both optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The citizen's consent under the PDPA to the privacy notice they were shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub privacy_notice_version: String,
    /// RFC 3339.
    pub given_at: String,
}

/// A photo, re-encoded as JPEG on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub name: String,
    #[serde(rename = "type")]
    pub mime: String,
    /// Base64 (standard alphabet, padded).
    pub data: String,
}

/// Which app sent the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// `default`, `kiosk` or `embed`.
    pub mode: String,
    pub app_version: String,
}

/// The version of a privacy notice that a consent refers to: a short fingerprint of its
/// text, so that a changed notice is a new version without anyone having to number it.
pub fn notice_version(notice: &Text) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    let en = notice.en.as_deref().unwrap_or_default();
    for byte in notice.th.bytes().chain([0]).chain(en.bytes()) {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("pn-{hash:08x}")
}

/// The draft's text fields as they will be sent: trimmed, with Windows line ends made plain.
fn clean(text: &str) -> String {
    text.trim().replace("\r\n", "\n")
}

/// Control and direction-override characters: they have no place in a story or a file name
/// (emoji joiners and Thai marks are ordinary text).
pub fn is_hidden_character(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check_text(errors: &mut Vec<FieldError>, field: Field, text: &str, required: bool, max: usize) {
    let found = text.chars().count();
    let problem = if text.trim().is_empty() {
        required.then_some(Problem::Required)
    } else if found > max {
        Some(Problem::TooLong { max, found })
    } else if text.chars().any(is_hidden_character) {
        Some(Problem::HiddenCharacters)
    } else {
        None
    };
    if let Some(problem) = problem {
        errors.push(FieldError::new(field, problem));
    }
}

fn is_uuid_v4(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(at, b)| match at {
            8 | 13 | 18 | 23 => *b == b'-',
            14 => *b == b'4',
            19 => matches!(b, b'8' | b'9' | b'a' | b'b'),
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

/// Whether `data` looks like a base64 JPEG within the size limit, without decoding it.
fn check_photo(photo: &Photo) -> Option<Problem> {
    let data = photo.data.as_bytes();
    let well_formed = data.len().is_multiple_of(4)
        && data
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    // "/9j/" is the base64 of FF D8 FF, how every JPEG begins.
    if photo.mime != "image/jpeg" || !well_formed || !photo.data.starts_with("/9j/") {
        Some(Problem::NotAPhoto)
    } else if data.len() / 4 * 3 > PHOTO_MAX_BYTES {
        Some(Problem::PhotoTooLarge)
    } else {
        None
    }
}

/// Every rule a story breaks, checked against the bundle's districts and policies. The
/// receiver runs exactly this on what arrives.
pub fn check_request(request: &StoryRequest, bundle: &Bundle) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let envelope = |part| FieldError::new(Field::Envelope, Problem::BadEnvelope(part));
    if !is_uuid_v4(&request.id) {
        errors.push(envelope("id"));
    }
    if super::date::Moment::parse(&request.created_at).is_none() {
        errors.push(envelope("created_at"));
    }
    if Lang::from_tag(&request.lang).is_none() || request.lang.len() > 8 {
        errors.push(envelope("lang"));
    }
    if !matches!(request.client.mode.as_str(), "default" | "kiosk" | "embed")
        || request.client.app_version.len() > 40
    {
        errors.push(envelope("client"));
    }
    check_text(
        &mut errors,
        Field::Title,
        &request.title,
        true,
        TITLE_MAX_CHARS,
    );
    check_text(
        &mut errors,
        Field::Text,
        &request.text,
        true,
        TEXT_MAX_CHARS,
    );
    if request.district.is_empty() {
        errors.push(FieldError::new(Field::District, Problem::Required));
    } else if bundle.district(&request.district).is_none() {
        errors.push(FieldError::new(Field::District, Problem::UnknownDistrict));
    }
    let unknown_policy = request
        .policies
        .iter()
        .enumerate()
        .any(|(at, id)| bundle.policy(id).is_none() || request.policies[..at].contains(id));
    if unknown_policy || request.policies.len() > bundle.policies.len() {
        errors.push(FieldError::new(Field::Policies, Problem::UnknownPolicy));
    }
    if request.photos.len() > MAX_PHOTOS {
        errors.push(FieldError::new(Field::Photos, Problem::TooManyPhotos));
    } else if let Some(problem) = request.photos.iter().find_map(|photo| {
        check_photo(photo).or_else(|| {
            (photo.name.chars().count() > 200 || photo.name.chars().any(is_hidden_character))
                .then_some(Problem::NotAPhoto)
        })
    }) {
        errors.push(FieldError::new(Field::Photos, problem));
    }
    if let Some(author) = &request.author {
        check_text(&mut errors, Field::Author, author, false, AUTHOR_MAX_CHARS);
    }
    if let Some(contact) = &request.contact {
        if !contact::is_sound(contact) {
            errors.push(FieldError::new(Field::Contact, Problem::BadContact));
        }
    }
    let consent = &request.consent;
    if consent.privacy_notice_version.trim().is_empty()
        || consent.privacy_notice_version.len() > 64
        || super::date::Moment::parse(&consent.given_at).is_none()
    {
        errors.push(FieldError::new(Field::Consent, Problem::ConsentMissing));
    }
    let named = request
        .author
        .as_deref()
        .is_some_and(|author| !author.trim().is_empty());
    if request
        .publication
        .is_some_and(|p| p.allowed && p.name == PublishAs::Given)
        && !named
    {
        errors.push(FieldError::new(
            Field::Publication,
            Problem::NoNameToPublish,
        ));
    }
    errors
}

/// What the app adds to a draft to make a request.
pub struct Envelope<'a> {
    pub id: String,
    /// RFC 3339, now.
    pub now: String,
    pub lang: Lang,
    pub privacy_notice: Option<&'a Text>,
    pub mode: &'a str,
    pub app_version: &'a str,
}

impl StoryDraft {
    /// The request this draft makes, or every rule it breaks (in the order of the form).
    pub fn to_request(
        &self,
        envelope: Envelope<'_>,
        bundle: &Bundle,
    ) -> Result<StoryRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let contact = parse_contact(&self.contact).unwrap_or_else(|problem| {
            errors.push(FieldError::new(Field::Contact, problem));
            None
        });
        if !self.consent {
            errors.push(FieldError::new(Field::Consent, Problem::ConsentMissing));
        }
        let author = clean(&self.author);
        let request = StoryRequest {
            id: envelope.id,
            created_at: envelope.now.clone(),
            lang: envelope.lang.as_str().to_owned(),
            title: clean(&self.title),
            text: clean(&self.text),
            district: self.district.clone(),
            policies: self.policies.clone(),
            author: (!author.is_empty()).then_some(author),
            contact,
            consent: Consent {
                privacy_notice_version: envelope
                    .privacy_notice
                    .map(notice_version)
                    .unwrap_or_else(|| "none".to_owned()),
                given_at: envelope.now,
            },
            photos: self.photos.clone(),
            client: Client {
                mode: envelope.mode.to_owned(),
                app_version: envelope.app_version.to_owned(),
            },
            publication: self.publish.then_some(Publication {
                allowed: true,
                name: self.publish_as,
            }),
        };
        for error in check_request(&request, bundle) {
            if !errors.iter().any(|known| known.field == error.field) {
                errors.push(error);
            }
        }
        if errors.is_empty() {
            Ok(request)
        } else {
            let order = |field: Field| Field::FORM.iter().position(|f| *f == field);
            order::by_key(&mut errors, |error| {
                Key::of(&[order::part(order(error.field).unwrap_or(usize::MAX))])
            });
            Err(errors)
        }
    }

    /// The draft a request came from, to edit a refused story.
    pub fn from_request(request: &StoryRequest) -> StoryDraft {
        let contact = request.contact.as_ref();
        StoryDraft {
            title: request.title.clone(),
            text: request.text.clone(),
            district: request.district.clone(),
            policies: request.policies.clone(),
            author: request.author.clone().unwrap_or_default(),
            contact: contact
                .and_then(|c| c.email.clone().or_else(|| c.phone.clone()))
                .unwrap_or_default(),
            consent: false,
            photos: request.photos.clone(),
            publish: Publication::allows(request.publication.as_ref()),
            publish_as: request.publication.map_or(PublishAs::Anonymous, |p| p.name),
        }
    }

    /// Whether the citizen has written anything worth keeping.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
            && self.text.trim().is_empty()
            && self.author.trim().is_empty()
            && self.contact.trim().is_empty()
            && self.photos.is_empty()
    }
}
