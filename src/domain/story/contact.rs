//! A story's contact as the citizen types it: an e-mail address or a Thai phone number.

use super::{Contact, Problem, CONTACT_MAX_CHARS};
use crate::domain::digits;

/// Reads what the citizen typed as contact: an e-mail address, or a Thai phone number
/// (spaces, dashes, `+66` and Thai digits allowed), made plain. Empty is no contact.
pub fn parse_contact(input: &str) -> Result<Option<Contact>, Problem> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    if input.chars().count() > CONTACT_MAX_CHARS {
        return Err(Problem::BadContact);
    }
    if input.contains('@') {
        return if is_email(input) {
            Ok(Some(Contact {
                email: Some(input.to_owned()),
                phone: None,
            }))
        } else {
            Err(Problem::BadContact)
        };
    }
    let phone = thai_phone(input).ok_or(Problem::BadContact)?;
    Ok(Some(Contact {
        email: None,
        phone: Some(phone),
    }))
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c))
    };
    plain(local)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A Thai number written as `0` and 8 or 9 more digits (`+66` stands for the `0`).
fn thai_phone(text: &str) -> Option<String> {
    let mut digits = String::new();
    let rest = text.strip_prefix("+66").map(|rest| {
        digits.push('0');
        rest.trim_start_matches(['(', '0', ')', ' '])
    });
    for c in rest.unwrap_or(text).chars() {
        match c {
            '0'..='9' => digits.push(c),
            '๐'..='๙' => digits.push(digits::arabic(c)),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    let valid =
        digits.starts_with('0') && !digits.starts_with("00") && (9..=10).contains(&digits.len());
    valid.then_some(digits)
}

/// Whether a request's contact is one that [`parse_contact`] could have given: the receiver
/// checks what a client sent, which may not have been through the form.
pub(super) fn is_sound(contact: &Contact) -> bool {
    let email_ok = contact.email.as_deref().is_none_or(is_email);
    let phone_ok = contact
        .phone
        .as_deref()
        .is_none_or(|p| thai_phone(p).is_some());
    let length_ok = [&contact.email, &contact.phone]
        .into_iter()
        .flatten()
        .all(|value| value.chars().count() <= CONTACT_MAX_CHARS);
    email_ok && phone_ok && length_ok
}
