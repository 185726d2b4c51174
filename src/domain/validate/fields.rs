//! The reader's generic pieces: a field required or optional, an object, a list, a string,
//! a number, an id, a reference, a date, an address, each checked where it is and named by
//! its path when it is wrong.

use super::{
    id_field, is_blank, is_origin, is_safe_url, is_valid_id, At, Expected, Known, Object, Problem,
    Reader, RefKind, MAX_STRING_BYTES,
};
use crate::domain::bundle::Text;
use crate::domain::date::Moment;
use serde_json::Value;
use std::collections::HashSet;

impl Reader {
    pub(super) fn required<'v, T>(
        &mut self,
        obj: &'v Object,
        key: &'static str,
        at: &At,
        read: impl FnOnce(&mut Self, &'v Value, &At) -> Option<T>,
    ) -> Option<T> {
        let at = at.field(key);
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.report(&at, Problem::Missing);
                None
            }
            Some(value) => read(self, value, &at),
        }
    }

    pub(super) fn optional<'v, T>(
        &mut self,
        obj: &'v Object,
        key: &'static str,
        at: &At,
        read: impl FnOnce(&mut Self, &'v Value, &At) -> Option<T>,
    ) -> Option<T> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => read(self, value, &at.field(key)),
        }
    }

    pub(super) fn wrong_type<T>(&mut self, at: &At, expected: Expected) -> Option<T> {
        self.report(at, Problem::WrongType { expected });
        None
    }

    pub(super) fn object<'v>(&mut self, value: &'v Value, at: &At) -> Option<&'v Object> {
        match value {
            Value::Object(obj) => Some(obj),
            _ => self.wrong_type(at, Expected::Object),
        }
    }

    pub(super) fn array<'v>(&mut self, value: &'v Value, at: &At) -> Option<&'v Vec<Value>> {
        match value {
            Value::Array(list) => Some(list),
            _ => self.wrong_type(at, Expected::List),
        }
    }

    /// A list whose every element must be good for the list to be.
    pub(super) fn list<T>(
        &mut self,
        value: &Value,
        at: &At,
        mut read: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
    ) -> Option<Vec<T>> {
        let list = self.array(value, at)?;
        self.clean(|r| {
            let items: Vec<Option<T>> = list
                .iter()
                .enumerate()
                .map(|(i, v)| read(r, v, &at.index(i)))
                .collect();
            items.into_iter().collect()
        })
    }

    /// A list of the core whose elements have ids that must be unique.
    pub(super) fn unique_list<T>(
        &mut self,
        value: &Value,
        at: &At,
        read: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
        id_of: impl Fn(&T) -> &String,
    ) -> Option<Vec<T>> {
        let items = self.list(value, at, read)?;
        self.clean(|r| {
            let mut seen = HashSet::new();
            for (i, item) in items.iter().enumerate() {
                let id = id_of(item);
                if !seen.insert(id.as_str()) {
                    let at = at.index(i);
                    r.report(
                        &at.field(id_field(&at)),
                        Problem::DuplicateId { id: id.clone() },
                    );
                }
            }
            Some(())
        })?;
        Some(items)
    }

    /// News or stories: a bad item or a second use of an id drops that item alone.
    pub(super) fn items<T>(
        &mut self,
        list: &[Value],
        at: &At,
        mut read: impl FnMut(&mut Self, &Value, &At) -> Option<T>,
        id_of: impl Fn(&T) -> &String,
    ) -> Vec<T> {
        let mut seen = HashSet::new();
        let mut kept = Vec::with_capacity(list.len());
        for (i, value) in list.iter().enumerate() {
            let at = at.index(i);
            let Some(item) = self.clean(|r| read(r, value, &at)) else {
                continue;
            };
            if seen.insert(id_of(&item).clone()) {
                kept.push(item);
            } else {
                self.report(
                    &at.field("id"),
                    Problem::DuplicateId {
                        id: id_of(&item).clone(),
                    },
                );
            }
        }
        kept
    }

    pub(super) fn string<'v>(&mut self, value: &'v Value, at: &At) -> Option<&'v str> {
        match value {
            Value::String(text) if text.len() > MAX_STRING_BYTES => {
                self.report(at, Problem::TooLong { bytes: text.len() });
                None
            }
            Value::String(text) => Some(text),
            _ => self.wrong_type(at, Expected::String),
        }
    }

    pub(super) fn owned_string(&mut self, value: &Value, at: &At) -> Option<String> {
        self.string(value, at).map(str::to_owned)
    }

    /// A string that must say something.
    pub(super) fn prose(&mut self, value: &Value, at: &At) -> Option<String> {
        let text = self.string(value, at)?;
        if is_blank(text) {
            self.report(at, Problem::Blank);
            return None;
        }
        Some(text.to_owned())
    }

    pub(super) fn strings(&mut self, value: &Value, at: &At) -> Option<Vec<String>> {
        self.list(value, at, Self::owned_string)
    }

    pub(super) fn text(&mut self, value: &Value, at: &At) -> Option<Text> {
        let Value::Object(obj) = value else {
            return self.wrong_type(at, Expected::Text);
        };
        let th = self.required(obj, "th", at, Self::prose);
        let en = self.optional(obj, "en", at, Self::owned_string);
        Some(Text {
            th: th?,
            en: en.filter(|en| !is_blank(en)),
        })
    }

    pub(super) fn boolean(&mut self, value: &Value, at: &At) -> Option<bool> {
        match value {
            Value::Bool(flag) => Some(*flag),
            _ => self.wrong_type(at, Expected::Boolean),
        }
    }

    pub(super) fn whole_number(&mut self, value: &Value, at: &At) -> Option<u64> {
        match value.as_u64() {
            Some(number) => Some(number),
            None => self.wrong_type(at, Expected::WholeNumber),
        }
    }

    pub(super) fn year(&mut self, value: &Value, at: &At) -> Option<i32> {
        match value.as_i64().and_then(|year| i32::try_from(year).ok()) {
            Some(year) => Some(year),
            None => self.wrong_type(at, Expected::Year),
        }
    }

    /// A string that `accept` reads, or else the problem `reject` makes of it.
    pub(super) fn checked<T>(
        &mut self,
        value: &Value,
        at: &At,
        accept: impl FnOnce(&str) -> Option<T>,
        reject: fn(String) -> Problem,
    ) -> Option<T> {
        let text = self.string(value, at)?;
        let read = accept(text);
        if read.is_none() {
            self.report(at, reject(text.to_owned()));
        }
        read
    }

    pub(super) fn id(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |id: &str| is_valid_id(id).then(|| id.to_owned());
        self.checked(value, at, accept, |found| Problem::BadId { found })
    }

    pub(super) fn district_code(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |code: &str| {
            let in_range = code.len() == 4
                && code.bytes().all(|b| b.is_ascii_digit())
                && ("1001"..="1050").contains(&code);
            in_range.then(|| code.to_owned())
        };
        self.checked(value, at, accept, |found| Problem::BadDistrictCode {
            found,
        })
    }

    pub(super) fn reference(
        &mut self,
        value: &Value,
        at: &At,
        kind: RefKind,
        known: &HashSet<String>,
    ) -> Option<String> {
        let id = self.string(value, at)?;
        if known.contains(id) {
            Some(id.to_owned())
        } else {
            self.report(
                at,
                Problem::UnknownReference {
                    kind,
                    id: id.to_owned(),
                },
            );
            None
        }
    }

    pub(super) fn references(
        &mut self,
        value: &Value,
        at: &At,
        kind: RefKind,
        known: &HashSet<String>,
    ) -> Option<Vec<String>> {
        self.list(value, at, |r, v, at| r.reference(v, at, kind, known))
    }

    pub(super) fn district_ref(&mut self, value: &Value, at: &At, known: &Known) -> Option<String> {
        let code = self.string(value, at)?;
        if known.district_groups.contains_key(code) {
            Some(code.to_owned())
        } else {
            let problem = Problem::UnknownReference {
                kind: RefKind::District,
                id: code.to_owned(),
            };
            self.report(at, problem);
            None
        }
    }

    pub(super) fn moment(&mut self, value: &Value, at: &At) -> Option<Moment> {
        self.checked(value, at, Moment::parse, |found| Problem::BadDate { found })
    }

    pub(super) fn url(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |url: &str| is_safe_url(url).then(|| url.to_owned());
        self.checked(value, at, accept, |found| Problem::BadUrl { found })
    }

    pub(super) fn origin(&mut self, value: &Value, at: &At) -> Option<String> {
        let accept = |origin: &str| is_origin(origin).then(|| origin.to_owned());
        self.checked(value, at, accept, |found| Problem::BadOrigin { found })
    }
}
