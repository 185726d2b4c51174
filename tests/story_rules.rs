#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail
//! The rules a story must meet, shared by the form and the receiver.

use city_comms::domain::bundle::Bundle;
use city_comms::domain::i18n::Lang;
use city_comms::domain::story::{
    check_request, notice_version, parse_contact, Envelope, Field, Photo, Problem, Publication,
    PublishAs, StoryDraft, StoryRequest, TEXT_MAX_CHARS,
};
use city_comms::domain::validate::parse_bundle;

fn bundle() -> Bundle {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json");
    parse_bundle(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .bundle
}

fn draft() -> StoryDraft {
    StoryDraft {
        title: "  สวนใหม่ริมคลองบางกอกน้อย ".into(),
        text: "เช้านี้เดินเล่นที่สวน\r\nมีคนมาวิ่งเยอะมาก 🌳".into(),
        district: "1020".into(),
        policies: vec!["environment".into()],
        author: "ป้าแดง".into(),
        contact: "081-234-5678".into(),
        consent: true,
        photos: vec![],
        publish: false,
        publish_as: PublishAs::Anonymous,
    }
}

fn envelope(bundle: &Bundle) -> Envelope<'_> {
    Envelope {
        id: "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b".into(),
        now: "2026-11-21T10:15:00+07:00".into(),
        lang: Lang::Th,
        privacy_notice: bundle.config.privacy_notice.as_ref(),
        mode: "default",
        app_version: "0.1.0",
    }
}

fn errors_of(draft: &StoryDraft) -> Vec<(Field, Problem)> {
    let bundle = bundle();
    match draft.to_request(envelope(&bundle), &bundle) {
        Ok(_) => vec![],
        Err(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
    }
}

#[test]
fn a_good_draft_makes_the_request_the_api_describes() {
    let bundle = bundle();
    let policy = bundle.policies[0].id.clone();
    let mut good = draft();
    good.policies = vec![policy.clone()];
    let request = good.to_request(envelope(&bundle), &bundle).unwrap();
    assert_eq!(request.title, "สวนใหม่ริมคลองบางกอกน้อย");
    assert_eq!(request.text, "เช้านี้เดินเล่นที่สวน\nมีคนมาวิ่งเยอะมาก 🌳");
    assert_eq!(
        request.contact.as_ref().unwrap().phone.as_deref(),
        Some("0812345678")
    );
    assert_eq!(request.consent.given_at, request.created_at);
    assert!(request.consent.privacy_notice_version.starts_with("pn-"));
    let json: serde_json::Value = serde_json::to_value(&request).unwrap();
    for key in [
        "id",
        "created_at",
        "lang",
        "title",
        "text",
        "district",
        "policies",
        "author",
        "contact",
        "consent",
        "client",
    ] {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }
    assert!(json.get("photos").is_none(), "no photos, no key");
    assert_eq!(json["client"]["mode"], "default");
    assert!(check_request(&request, &bundle).is_empty());
    let back: StoryRequest = serde_json::from_value(json).unwrap();
    assert_eq!(back, request);
}

#[test]
fn an_empty_form_names_every_required_field_in_form_order() {
    let fields: Vec<Field> = errors_of(&StoryDraft::default())
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(
        fields,
        vec![Field::Title, Field::Text, Field::District, Field::Consent]
    );
}

#[test]
fn limits_and_hidden_characters_are_refused_with_a_count() {
    let mut long = draft();
    long.text = "ก".repeat(100_000);
    assert_eq!(
        errors_of(&long),
        vec![(
            Field::Text,
            Problem::TooLong {
                max: TEXT_MAX_CHARS,
                found: 100_000
            }
        )]
    );
    let mut hidden = draft();
    hidden.title = "ข่าวดี\u{202E}gnp.exe".into();
    assert_eq!(
        errors_of(&hidden),
        vec![(Field::Title, Problem::HiddenCharacters)]
    );
    hidden.title = "bell\u{7}".into();
    assert_eq!(
        errors_of(&hidden),
        vec![(Field::Title, Problem::HiddenCharacters)]
    );
    // Emoji joined with ZWJ and Thai combining marks are ordinary text.
    let mut rich = draft();
    rich.text = "👩‍👩‍👧 ครอบครัว ก้่ำ e\u{301}".into();
    assert_eq!(errors_of(&rich), vec![]);
}

#[test]
fn unknown_districts_and_policies_are_refused() {
    let mut bad = draft();
    bad.district = "9999".into();
    bad.policies = vec!["no-such-policy".into()];
    assert_eq!(
        errors_of(&bad),
        vec![
            (Field::District, Problem::UnknownDistrict),
            (Field::Policies, Problem::UnknownPolicy)
        ]
    );
}

#[test]
fn contact_takes_an_email_or_a_thai_phone_number() {
    let phone = |text: &str| parse_contact(text).unwrap().unwrap().phone.unwrap();
    assert_eq!(phone("02 123 4567"), "021234567");
    assert_eq!(phone("+66 81 234 5678"), "0812345678");
    assert_eq!(phone("+66 (0)81-234-5678"), "0812345678");
    assert_eq!(phone("๐๘๑๒๓๔๕๖๗๘"), "0812345678");
    let email = parse_contact(" somchai@example.co.th ").unwrap().unwrap();
    assert_eq!(email.email.as_deref(), Some("somchai@example.co.th"));
    assert_eq!(parse_contact("   ").unwrap(), None);
    for bad in [
        "12345",
        "a@b",
        "@example.com",
        "081234567890",
        "call me",
        "x@y..com",
        "0012345678",
    ] {
        assert_eq!(parse_contact(bad), Err(Problem::BadContact), "{bad}");
    }
}

#[test]
fn consent_is_required() {
    let mut no = draft();
    no.consent = false;
    assert_eq!(
        errors_of(&no),
        vec![(Field::Consent, Problem::ConsentMissing)]
    );
}

#[test]
fn photos_must_be_few_small_jpegs() {
    let jpeg = |data: &str| Photo {
        name: "a.jpg".into(),
        mime: "image/jpeg".into(),
        data: data.into(),
    };
    let mut with = draft();
    with.photos = vec![jpeg("/9j/4AAQ")];
    assert_eq!(errors_of(&with), vec![]);
    with.photos = vec![jpeg("iVBORw0K")];
    assert_eq!(errors_of(&with), vec![(Field::Photos, Problem::NotAPhoto)]);
    with.photos = vec![jpeg("/9j/4AAQ"); 4];
    assert_eq!(
        errors_of(&with),
        vec![(Field::Photos, Problem::TooManyPhotos)]
    );
    with.photos = vec![jpeg(&format!("/9j/{}", "A".repeat(3 * 1024 * 1024)))];
    assert_eq!(
        errors_of(&with),
        vec![(Field::Photos, Problem::PhotoTooLarge)]
    );
}

#[test]
fn the_receiver_refuses_a_malformed_envelope() {
    let bundle = bundle();
    let mut request = draft().to_request(envelope(&bundle), &bundle).unwrap();
    request.id = "not-a-uuid".into();
    request.client.mode = "robot".into();
    request.consent.given_at = "yesterday".into();
    let fields: Vec<Field> = check_request(&request, &bundle)
        .iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        vec![Field::Envelope, Field::Envelope, Field::Consent]
    );
}

#[test]
fn every_message_exists_in_thai_and_english() {
    for (field, problem) in errors_of(&StoryDraft {
        contact: "nope".into(),
        ..StoryDraft::default()
    }) {
        let error = city_comms::domain::story::FieldError { field, problem };
        let (th, en) = (error.message(Lang::Th), error.message(Lang::En));
        assert!(
            th.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
            "{th}"
        );
        assert!(en.is_ascii() && !en.is_empty(), "{en}");
        let refusal = error.to_refusal();
        assert_eq!(refusal["field"], field.name());
        assert_eq!(Field::from_name(field.name()), Some(field));
    }
}

#[test]
fn a_changed_privacy_notice_is_a_new_version() {
    let bundle = bundle();
    let notice = bundle.config.privacy_notice.clone().unwrap();
    let mut changed = notice.clone();
    changed.th.push('!');
    assert_eq!(notice_version(&notice), notice_version(&notice.clone()));
    assert_ne!(notice_version(&notice), notice_version(&changed));
}

#[test]
fn a_refused_request_comes_back_as_a_draft_to_edit() {
    let bundle = bundle();
    let request = draft().to_request(envelope(&bundle), &bundle).unwrap();
    let back = StoryDraft::from_request(&request);
    assert_eq!(back.title, request.title);
    assert_eq!(back.contact, "0812345678");
    assert!(!back.consent, "consent is given again for the edited story");
    assert!(!back.is_blank());
    assert!(StoryDraft::default().is_blank());
}

#[test]
fn a_photo_is_shrunk_to_its_longest_side_keeping_its_proportions() {
    use city_comms::domain::story::{shrunk_size, PHOTO_MAX_SIDE};
    for (given, expected) in [
        ((4000, 3000), (PHOTO_MAX_SIDE, 1200)),
        ((3000, 4000), (1200, PHOTO_MAX_SIDE)),
        ((1600, 900), (1600, 900)),
        ((800, 600), (800, 600)),
        ((10_000, 1), (PHOTO_MAX_SIDE, 1)),
        ((0, 0), (1, 1)),
    ] {
        assert_eq!(shrunk_size(given.0, given.1), expected, "{given:?}");
    }
}

#[test]
fn publication_is_absent_unless_the_citizen_allows_it_and_round_trips() {
    let bundle = bundle();
    let request = draft().to_request(envelope(&bundle), &bundle).unwrap();
    assert_eq!(request.publication, None);
    let json = serde_json::to_value(&request).unwrap();
    assert!(
        json.get("publication").is_none(),
        "absent means not allowed: {json}"
    );
    for choice in [PublishAs::Given, PublishAs::Anonymous] {
        let mut allowed = draft();
        allowed.publish = true;
        allowed.publish_as = choice;
        let request = allowed.to_request(envelope(&bundle), &bundle).unwrap();
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(
            json["publication"],
            serde_json::json!({ "allowed": true, "name": choice.as_str() })
        );
        let back: StoryRequest = serde_json::from_value(json).unwrap();
        assert_eq!(back, request);
    }
}

#[test]
fn a_request_from_before_publication_is_read_as_not_allowed() {
    let bundle = bundle();
    let request = draft().to_request(envelope(&bundle), &bundle).unwrap();
    let mut json = serde_json::to_value(&request).unwrap();
    json.as_object_mut().unwrap().remove("publication");
    let old: StoryRequest = serde_json::from_value(json).unwrap();
    assert!(!Publication::allows(old.publication.as_ref()));
    assert!(check_request(&old, &bundle).is_empty());
}

#[test]
fn publishing_under_the_given_name_needs_a_name() {
    let bundle = bundle();
    let mut nameless = draft();
    nameless.author = "   ".into();
    nameless.publish = true;
    nameless.publish_as = PublishAs::Given;
    assert_eq!(
        errors_of(&nameless),
        vec![(Field::Publication, Problem::NoNameToPublish)]
    );
    nameless.publish_as = PublishAs::Anonymous;
    assert_eq!(errors_of(&nameless), vec![]);
    // The receiver refuses the same, naming the field.
    let mut request = draft().to_request(envelope(&bundle), &bundle).unwrap();
    request.author = None;
    request.publication = Some(Publication {
        allowed: true,
        name: PublishAs::Given,
    });
    let errors = check_request(&request, &bundle);
    assert_eq!(errors.len(), 1);
    let refusal = errors[0].to_refusal();
    assert_eq!(refusal["field"], "publication");
    assert_eq!(Field::from_name("publication"), Some(Field::Publication));
    assert!(refusal["error"].as_str().unwrap().contains("name"));
    // Not allowed at all: the name choice does not matter.
    request.publication = Some(Publication {
        allowed: false,
        name: PublishAs::Given,
    });
    assert!(check_request(&request, &bundle).is_empty());
}

#[test]
fn the_draft_keeps_the_publication_choice() {
    let bundle = bundle();
    let mut chosen = draft();
    chosen.publish = true;
    chosen.publish_as = PublishAs::Given;
    let saved = serde_json::to_string(&chosen).unwrap();
    assert_eq!(serde_json::from_str::<StoryDraft>(&saved).unwrap(), chosen);
    let request = chosen.to_request(envelope(&bundle), &bundle).unwrap();
    let back = StoryDraft::from_request(&request);
    assert!(back.publish);
    assert_eq!(back.publish_as, PublishAs::Given);
    // A draft saved before the choice existed reads as not allowed, anonymous.
    let mut old = serde_json::to_value(draft()).unwrap();
    old.as_object_mut().unwrap().remove("publish");
    old.as_object_mut().unwrap().remove("publish_as");
    let old: StoryDraft = serde_json::from_value(old).unwrap();
    assert!(!old.publish);
    assert_eq!(old.publish_as, PublishAs::Anonymous);
}
