//! The JSON Schema of the bundle, `public/bundle.schema.json`, generated from the types of
//! `bundle` so that the published schema cannot drift from what the app reads.
//!
//! Test-only: the app never carries schemars. The markers below describe fields whose Rust
//! type is a plain `String` or integer but whose contents have rules: each states the rule of
//! `validate` as JSON Schema can, and says in its description what JSON Schema cannot check.
//! `tests/schema_agreement.rs` holds the published schema to the app's validation.

use super::validate::MAX_STRING_BYTES;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

macro_rules! string_schema {
    ($name:ident, $doc:literal, $extra:tt) => {
        #[doc = $doc]
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let mut schema = json_schema!($extra);
                schema.insert("type".into(), "string".into());
                schema.insert("description".into(), $doc.into());
                // The app refuses any string over MAX_STRING_BYTES (counted in bytes; see
                // the descriptions of the types that can hold more than ASCII).
                schema.insert("maxLength".into(), MAX_STRING_BYTES.into());
                schema
            }
        }
    };
}

macro_rules! integer_schema {
    ($name:ident, $doc:literal, $min:expr, $max:expr) => {
        #[doc = $doc]
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "integer",
                    "description": $doc,
                    "minimum": $min,
                    "maximum": $max,
                })
            }
        }
    };
}

/// The characters the app counts as blank (`validate::is_invisible_or_control` and Unicode
/// White_Space), as the inside of a regex character class: controls, spaces, and the
/// zero-width, soft-hyphen and direction marks.
macro_rules! blank {
    () => {
        r"\u0000-\u0020\u007F-\u00A0\u00AD\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2069\u3000\uFEFF\uFFF9-\uFFFB"
    };
}

/// `YYYY-MM-DD` for a day that exists: 30-day months, February's 28 days, and 29 February
/// of the Gregorian leap years (divisible by 4 but not by 100, or by 400).
macro_rules! calendar_date {
    () => {
        concat!(
            r"(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
            r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))",
            r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26]|00)00)-02-29)"
        )
    };
}

string_schema!(
    Id,
    "An id: a-z, 0-9 and -, at most 128 characters. Unique within its list, which the app checks and JSON Schema cannot (uniqueItems compares whole items).",
    { "pattern": "^[a-z0-9-]{1,128}$" }
);
string_schema!(
    Reference,
    "The id of a policy, district group or theme defined elsewhere in the bundle: a-z, 0-9 and -. That it is defined is checked by the app, not by this schema.",
    { "pattern": "^[a-z0-9-]{1,128}$" }
);
string_schema!(DistrictCode, "An official district code, 1001 to 1050.", {
    "pattern": "^10(0[1-9]|[1-4][0-9]|50)$"
});
string_schema!(
    DistrictReference,
    "The code of a district listed in `districts`, 1001 to 1050. That it is listed is checked by the app, not by this schema.",
    { "pattern": "^10(0[1-9]|[1-4][0-9]|50)$" }
);
string_schema!(
    Url,
    "An https:, http: or relative URL, with no space, control or invisible character anywhere (browsers drop some, so `java\\tscript:` would run); a relative URL does not start with a backslash. At most 200,000 bytes of UTF-8, which JSON Schema cannot count: maxLength counts characters.",
    {
        "allOf": [
            { "pattern": concat!("^[^", blank!(), "]+$") },
            // A scheme is what comes before a ':' that no '/', '?' or '#' precedes.
            { "pattern": r"^(?:[hH][tT][tT][pP][sS]?://[^/]|[/?#]|[^:/?#\\][^:/?#]*(?:[/?#]|$))" }
        ]
    }
);
string_schema!(Origin, "An origin such as https://www.bangkok.go.th.", {
    "pattern": "^https?://[A-Za-z0-9.:\\[\\]-]+$"
});
string_schema!(FormatTag, "The format and its major version.", {
    "pattern": "^city-comms/1(\\.[0-9]+)?$"
});
string_schema!(
    DateOrTimestamp,
    "An ISO 8601 calendar date that exists (2019-10-10; not 2019-02-30) or an RFC 3339 timestamp (2019-10-10T10:15:00+07:00; `t` or a space may stand for `T`, `z` for `Z`, and the seconds may be 60).",
    {
        "pattern": concat!(
            "^", calendar_date!(),
            r"(?:[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?",
            r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]))?$"
        )
    }
);
string_schema!(
    NonBlank,
    "Text that says something: at least one character that is not a space, a control or an invisible character. At most 200,000 bytes of UTF-8, which JSON Schema cannot count: maxLength counts characters (a Thai character takes 3 bytes).",
    { "pattern": concat!("[^", blank!(), "]") }
);
string_schema!(
    Plain,
    "Any text, at most 200,000 bytes of UTF-8, which JSON Schema cannot count: maxLength counts characters (a Thai character takes 3 bytes).",
    {}
);
integer_schema!(
    Year,
    "A year as a whole number, such as 2566. Write it without a fraction: the app refuses 2566.0, which JSON Schema counts as an integer.",
    i32::MIN,
    i32::MAX
);
integer_schema!(
    Count,
    "A whole number, 0 or more. Write it without a fraction: the app refuses 12.0, which JSON Schema counts as an integer.",
    0,
    u64::MAX
);
integer_schema!(
    TargetItems,
    "How many news items at least, 1 to 10,000. Write it without a fraction.",
    1,
    super::validate::MAX_TARGET_ITEMS
);
integer_schema!(
    Days,
    "A number of days, 1 to 3,650. Write it without a fraction.",
    1,
    super::validate::MAX_SILENCE_DAYS
);

impl JsonSchema for super::date::Moment {
    fn schema_name() -> Cow<'static, str> {
        DateOrTimestamp::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        DateOrTimestamp::json_schema(generator)
    }
}

/// The schema as it is published.
pub fn bundle_schema() -> String {
    let schema = schemars::schema_for!(super::bundle::Bundle);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLISHED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/public/bundle.schema.json");

    #[test]
    fn the_published_schema_matches_the_bundle_types() {
        let generated = bundle_schema();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(PUBLISHED, &generated).unwrap();
        }
        let published = std::fs::read_to_string(PUBLISHED).unwrap_or_default();
        assert!(
            published == generated,
            "public/bundle.schema.json is out of date with src/domain/bundle.rs; \
             regenerate it with `UPDATE_SCHEMA=1 cargo test schema`"
        );
    }

    #[test]
    fn the_schema_names_every_required_top_level_field() {
        let schema: serde_json::Value = serde_json::from_str(&bundle_schema()).unwrap();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        for field in [
            "format",
            "generated_at",
            "policies",
            "district_groups",
            "districts",
            "plan",
            "news",
        ] {
            assert!(required.contains(&field), "{field} should be required");
        }
        for field in ["config", "stories"] {
            assert!(!required.contains(&field), "{field} should be optional");
        }
    }
}
