//! Districts, themes and policies as people name them, resolved against the bundle's own
//! lists (the bundle owns them; nothing is hard-coded here): a district by its code, its
//! Thai name with or without `เขต`, or its English name; a theme or policy by its id or its
//! Thai or English name. Case, spaces and invisible characters do not count.

use super::dates::arabic_digits;
use city_comms::domain::bundle::{Bundle, Text};
use city_comms::domain::validate::is_invisible_or_control;
use std::collections::HashMap;

/// A district as the bundle defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictRef {
    /// `1001` to `1050`.
    pub code: String,
    /// Its district group's id.
    pub group: String,
}

/// The names the bundle gives its districts, themes and policies.
#[derive(Debug, Default)]
pub struct Lookup {
    districts: HashMap<String, DistrictRef>,
    themes: HashMap<String, String>,
    policies: HashMap<String, String>,
    /// The themes' ids, in the plan's order, for messages.
    pub theme_ids: Vec<String>,
    /// The policies' ids, in the bundle's order, for messages.
    pub policy_ids: Vec<String>,
}

impl Lookup {
    /// The names of `bundle`.
    pub fn new(bundle: &Bundle) -> Lookup {
        let mut lookup = Lookup::default();
        for district in &bundle.districts {
            let found = DistrictRef {
                code: district.code.clone(),
                group: district.group.clone(),
            };
            for key in [
                Some(district.code.as_str()),
                Some(district.name.th.as_str()),
                district.name.en.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                lookup.districts.insert(district_key(key), found.clone());
            }
        }
        for theme in &bundle.plan.themes {
            add_names(&mut lookup.themes, &theme.id, &theme.name);
            lookup.theme_ids.push(theme.id.clone());
        }
        for policy in &bundle.policies {
            add_names(&mut lookup.policies, &policy.id, &policy.name);
            lookup.policy_ids.push(policy.id.clone());
        }
        lookup
    }

    /// The district `name` names: `1001`, `พระนคร`, `เขตพระนคร`, `Phra Nakhon`.
    pub fn district(&self, name: &str) -> Option<&DistrictRef> {
        self.districts.get(&district_key(name))
    }

    /// The id of the theme `name` names.
    pub fn theme(&self, name: &str) -> Option<&str> {
        self.themes.get(&key(name)).map(String::as_str)
    }

    /// The id of the policy `name` names (`ปลอดภัยดี`, `ด้านปลอดภัยดี`, `safe`).
    pub fn policy(&self, name: &str) -> Option<&str> {
        let key = key(name);
        let bare = key.strip_prefix("ด้าน").unwrap_or(&key);
        self.policies
            .get(&key)
            .or_else(|| self.policies.get(bare))
            .map(String::as_str)
    }
}

fn add_names(names: &mut HashMap<String, String>, id: &str, name: &Text) {
    for label in [Some(id), Some(name.th.as_str()), name.en.as_deref()]
        .into_iter()
        .flatten()
    {
        names.entry(key(label)).or_insert_with(|| id.to_owned());
    }
}

/// A name for comparing: lower case, Arabic digits, no spaces or invisible characters.
pub fn key(name: &str) -> String {
    arabic_digits(name)
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible_or_control(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A district's name without the words around it: `เขต`, `สำนักงานเขต`, `district`,
/// `district office`.
fn district_key(name: &str) -> String {
    let key = key(name);
    let key = key
        .strip_prefix("สำนักงานเขต")
        .or_else(|| key.strip_prefix("เขต"))
        .unwrap_or(&key);
    let key = key
        .strip_suffix("districtoffice")
        .or_else(|| key.strip_suffix("district"))
        .unwrap_or(key);
    key.to_owned()
}

/// The values of a cell or a list that holds several: the whole text if it is one name
/// `known` knows (a name may hold a comma), else its parts between `;`, `,` and line breaks.
pub fn several(text: &str, known: impl Fn(&str) -> bool) -> Vec<&str> {
    let whole = text.trim();
    if whole.is_empty() {
        return Vec::new();
    }
    if known(whole) {
        return vec![whole];
    }
    whole
        .split([';', ',', '\n', '\r', '；', '，'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use city_comms::domain::validate::parse_bundle;

    fn lookup() -> Lookup {
        let loaded = parse_bundle(include_str!("../../../public/data/bundle.json")).unwrap();
        Lookup::new(&loaded.bundle)
    }

    #[test]
    fn a_district_is_found_by_code_thai_name_or_english_name() {
        let lookup = lookup();
        let cases = [
            ("1001", Some("1001")),
            ("๑๐๐๑", Some("1001")),
            ("พระนคร", Some("1001")),
            ("เขตพระนคร", Some("1001")),
            ("เขต พระนคร", Some("1001")),
            ("สำนักงานเขตพระนคร", Some("1001")),
            ("Phra Nakhon", Some("1001")),
            ("phra nakhon district", Some("1001")),
            ("PHRANAKHON", Some("1001")),
            (" บางกอกน้อย ", Some("1020")),
            ("Bangkok Noi", Some("1020")),
            ("1051", None),
            ("พระนครศรีอยุธยา", None),
            ("", None),
        ];
        for (name, code) in cases {
            assert_eq!(
                lookup.district(name).map(|d| d.code.as_str()),
                code,
                "{name}"
            );
        }
        assert_eq!(
            lookup.district("1020").map(|d| d.group.as_str()),
            Some("thon-nuea")
        );
    }

    #[test]
    fn themes_and_policies_are_found_by_id_or_name() {
        let lookup = lookup();
        let themes = [
            ("participation", Some("participation")),
            ("มีส่วนร่วมและโปร่งใส", Some("participation")),
            ("มีส่วนร่วม และโปร่งใส", Some("participation")),
            ("Participation and transparency", Some("participation")),
            ("ขอบข่ายที่ไม่มี", None),
        ];
        for (name, id) in themes {
            assert_eq!(lookup.theme(name), id, "{name}");
        }
        let policies = [
            ("safe", Some("safe")),
            ("SAFE", Some("safe")),
            ("ปลอดภัยดี", Some("safe")),
            ("ด้านปลอดภัยดี", Some("safe")),
            ("Safe city", Some("safe")),
            ("สร้างสรรค์ดี", None),
        ];
        for (name, id) in policies {
            assert_eq!(lookup.policy(name), id, "{name}");
        }
    }

    #[test]
    fn a_cell_with_several_values_is_split_on_semicolons_commas_and_lines() {
        let none = |_: &str| false;
        let cases: [(&str, &[&str]); 6] = [
            ("safe; health", &["safe", "health"]),
            ("safe,health", &["safe", "health"]),
            ("safe\nhealth\r\n", &["safe", "health"]),
            ("ปลอดภัยดี ; ; สุขภาพดี", &["ปลอดภัยดี", "สุขภาพดี"]),
            ("  ", &[]),
            ("safe", &["safe"]),
        ];
        for (cell, parts) in cases {
            assert_eq!(several(cell, none), parts, "{cell}");
        }
        assert_eq!(several("a, b", |name| name == "a, b"), ["a, b"]);
    }
}
