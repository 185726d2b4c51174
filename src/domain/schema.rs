//! The JSON Schema of the bundle, `public/bundle.schema.json`, generated from the types of
//! `bundle` so that the published schema cannot drift from what the app reads.
//!
//! Test-only: the app never carries schemars. The markers below describe string fields whose
//! Rust type is a plain `String` but whose contents have rules.

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
                schema
            }
        }
    };
}

string_schema!(Id, "An id: a-z, 0-9 and -.", { "pattern": "^[a-z0-9-]{1,128}$" });
string_schema!(DistrictCode, "An official district code, 1001 to 1050.", {
    "pattern": "^10(0[1-9]|[1-4][0-9]|50)$"
});
string_schema!(Url, "An https:, http: or relative URL.", {
    "pattern": "^(?![a-zA-Z][a-zA-Z0-9+.-]*:)|^[hH][tT][tT][pP][sS]?://[^/]"
});
string_schema!(Origin, "An origin such as https://www.bangkok.go.th.", {
    "pattern": "^https?://[A-Za-z0-9.:\\[\\]-]+$"
});
string_schema!(FormatTag, "The format and its major version.", {
    "pattern": "^city-comms/1(\\.[0-9]+)?$"
});
string_schema!(DateOrTimestamp, "An ISO 8601 date (2019-10-10) or an RFC 3339 timestamp.", {
    "anyOf": [{ "format": "date" }, { "format": "date-time" }]
});

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
