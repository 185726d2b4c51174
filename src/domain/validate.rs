//! Reading a bundle: JSON in, a [`Bundle`] out, with every problem found on the way named
//! by its JSON path and explained in Thai and English.
//!
//! The walk goes over `serde_json::Value` by hand rather than through `#[derive(Deserialize)]`
//! because serde stops at the first error, while the content team needs all of them, and a
//! broken news item must be dropped without losing the rest of the bundle.

use super::bundle::{Bundle, Config, District, DistrictGroup, Image, News, Policy, Story};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

mod fields;
mod monitoring;
mod plan;
mod problem;

pub use problem::{is_invisible_or_control, snippet, Expected, Issue, Problem, RefKind};

/// The format this app reads.
pub const FORMAT: &str = "city-comms/1";

/// A bundle that can be shown, perhaps without some of its items.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What is shown.
    pub bundle: Bundle,
    /// Problems in items that were left out, or in settings that were ignored.
    pub warnings: Vec<Issue>,
    /// How many news items and stories were left out.
    pub dropped: usize,
}

/// A bundle that cannot be shown, with every problem found in its core.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The problems, in document order.
    pub errors: Vec<Issue>,
}

/// The largest bundle the app reads, in bytes (about 8,000 typical news items).
pub const MAX_BUNDLE_BYTES: usize = 32 * 1024 * 1024;
/// The most news items the app takes (its search was measured up to 10,000).
pub const MAX_NEWS_ITEMS: usize = 20_000;
/// The longest string the app takes in any field, in bytes (a long article is ~20 KB).
pub const MAX_STRING_BYTES: usize = 200_000;
/// The most items a target may ask for.
pub const MAX_TARGET_ITEMS: u32 = 10_000;
/// The longest silence the monitoring may be told to wait for: ten years.
pub const MAX_SILENCE_DAYS: u32 = 3_650;

/// Reads and validates a bundle.
pub fn parse_bundle(json: &str) -> Result<Loaded, Refused> {
    if json.len() > MAX_BUNDLE_BYTES {
        return Err(Refused {
            errors: vec![Issue {
                path: String::new(),
                problem: Problem::TooLarge { bytes: json.len() },
            }],
        });
    }
    // Every JSON the app reads is read from bytes: reading some from `&str` as well put a
    // second copy of serde_json's parser into the wasm (2.4 KB by `gzip -9`).
    let value: Value = serde_json::from_slice(json.as_bytes()).map_err(|error| Refused {
        errors: vec![Issue {
            path: String::new(),
            problem: json_problem(&error),
        }],
    })?;
    Reader::default().bundle(&value)
}

/// Validates a bundle already read as JSON (a dataset manifest's, which has no news), by
/// the same rules and limits as [`parse_bundle`].
pub fn read_bundle(value: &Value) -> Result<Loaded, Refused> {
    Reader::default().bundle(value)
}

/// Validates a source bundle for the dataset compiler, already read as JSON, by the same
/// rules as [`parse_bundle`] but with no limit on its size or its number of news items:
/// those limits protect a phone that reads a bundle whole, and a compiled dataset is read a
/// slice at a time.
pub fn read_source_bundle(value: &Value) -> Result<Loaded, Refused> {
    Reader {
        issues: Vec::new(),
        max_news: usize::MAX,
    }
    .bundle(value)
}

/// Why a source bundle's text is not JSON, as [`parse_bundle`] says it.
pub fn not_json(error: &serde_json::Error) -> Refused {
    Refused {
        errors: vec![Issue {
            path: String::new(),
            problem: json_problem(error),
        }],
    }
}

fn json_problem(error: &serde_json::Error) -> Problem {
    if error.is_eof() {
        Problem::Truncated
    } else if error.to_string().starts_with("recursion limit exceeded") {
        Problem::TooDeep
    } else {
        Problem::NotJson {
            line: error.line(),
            column: error.column(),
        }
    }
}

/// A place in the document, kept as a chain of borrowed steps so that a path is only
/// spelled out when there is a problem to report.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Field(&'a At<'a>, &'static str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn field(&self, name: &'static str) -> At<'_> {
        At::Field(self, name)
    }

    fn index(&self, index: usize) -> At<'_> {
        At::Index(self, index)
    }

    fn render(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Field(parent, name) => match parent.render() {
                parent if parent.is_empty() => (*name).to_owned(),
                parent => format!("{parent}.{name}"),
            },
            At::Index(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

/// What the core of the bundle defines, for checking references against it.
#[derive(Default)]
struct Known {
    policies: HashSet<String>,
    groups: HashSet<String>,
    district_groups: HashMap<String, String>,
    themes: HashSet<String>,
    /// Each priority topic's id and its theme's, or `None` where two themes share the id.
    topics: HashMap<String, Option<String>>,
}

struct Reader {
    issues: Vec<Issue>,
    /// The most news items taken: the app's limit, or none for the dataset compiler.
    max_news: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            issues: Vec::new(),
            max_news: MAX_NEWS_ITEMS,
        }
    }
}

type Object = Map<String, Value>;

impl Reader {
    fn report(&mut self, at: &At, problem: Problem) {
        self.issues.push(Issue {
            path: at.render(),
            problem,
        });
    }

    /// Runs `read` and tells whether it reported anything.
    fn clean<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = self.issues.len();
        let value = read(self);
        if self.issues.len() > before {
            None
        } else {
            value
        }
    }

    fn bundle(mut self, value: &Value) -> Result<Loaded, Refused> {
        let root = At::Root;
        let Some(doc) = self.object(value, &root) else {
            return Err(Refused {
                errors: self.issues,
            });
        };
        let format = self.format(doc);
        let generated_at = self.required(doc, "generated_at", &root, Self::moment);
        let policies = self.required(doc, "policies", &root, |r, v, at| {
            r.unique_list(v, at, Self::policy, |p: &Policy| &p.id)
        });
        let district_groups = self.required(doc, "district_groups", &root, |r, v, at| {
            r.unique_list(v, at, Self::district_group, |g: &DistrictGroup| &g.id)
        });
        let mut known = Known {
            policies: ids(&policies, |p| &p.id),
            groups: ids(&district_groups, |g| &g.id),
            ..Known::default()
        };
        let districts = self.required(doc, "districts", &root, |r, v, at| {
            r.unique_list(
                v,
                at,
                |r, v, at| r.district(v, at, &known),
                |d: &District| &d.code,
            )
        });
        known.district_groups = districts
            .iter()
            .flatten()
            .map(|d| (d.code.clone(), d.group.clone()))
            .collect();
        let plan = self.required(doc, "plan", &root, |r, v, at| r.plan(v, at, &known));
        known.themes = plan
            .iter()
            .flat_map(|p| &p.themes)
            .map(|t| t.id.clone())
            .collect();
        known.topics = monitoring::topic_themes(plan.as_ref());
        let news_list = self
            .required(doc, "news", &root, Self::array)
            .filter(|list| {
                let fits = list.len() <= self.max_news;
                if !fits {
                    self.report(
                        &root.field("news"),
                        Problem::TooManyItems { found: list.len() },
                    );
                }
                fits
            });

        // Everything so far is the core: a problem there refuses the bundle.
        let (Some(format), Some(generated_at), Some(policies), Some(district_groups)) =
            (format, generated_at, policies, district_groups)
        else {
            return Err(Refused {
                errors: self.issues,
            });
        };
        let (Some(districts), Some(plan), Some(news_list), true) =
            (districts, plan, news_list, self.issues.is_empty())
        else {
            return Err(Refused {
                errors: self.issues,
            });
        };

        let config = self.config(doc.get("config"), &root.field("config"));
        let at_news = root.field("news");
        let news = self.items(
            news_list,
            &at_news,
            |r, v, at| r.news(v, at, &known),
            |n| &n.id,
        );
        let stories = match doc.get("stories") {
            None | Some(Value::Null) => Vec::new(),
            Some(value) => {
                let at = root.field("stories");
                match self.array(value, &at) {
                    Some(list) => {
                        self.items(list, &at, |r, v, at| r.story(v, at, &known), |s| &s.id)
                    }
                    None => Vec::new(),
                }
            }
        };
        let dropped = (news_list.len() - news.len())
            + doc
                .get("stories")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
            - stories.len();
        Ok(Loaded {
            bundle: Bundle {
                format,
                generated_at,
                config,
                policies,
                district_groups,
                districts,
                plan,
                news,
                stories,
            },
            warnings: self.issues,
            dropped,
        })
    }

    fn format(&mut self, doc: &Object) -> Option<String> {
        let at = At::Root;
        let found = self.required(doc, "format", &at, Self::string)?;
        let at = at.field("format");
        let Some(version) = found.strip_prefix("city-comms/") else {
            self.report(
                &at,
                Problem::UnknownFormat {
                    found: found.to_owned(),
                },
            );
            return None;
        };
        let major = version.split('.').next().unwrap_or_default();
        let minor_ok = version.split_once('.').is_none_or(|(_, minor)| {
            !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit())
        });
        if major == "1" && minor_ok {
            Some(found.to_owned())
        } else if !major.is_empty() && major.bytes().all(|b| b.is_ascii_digit()) {
            self.report(
                &at,
                Problem::UnsupportedVersion {
                    found: found.to_owned(),
                },
            );
            None
        } else {
            self.report(
                &at,
                Problem::UnknownFormat {
                    found: found.to_owned(),
                },
            );
            None
        }
    }

    /// Settings are optional: a bad one is reported and ignored, never a reason to refuse.
    fn config(&mut self, value: Option<&Value>, at: &At) -> Config {
        let mut config = Config::default();
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return config;
        };
        let Some(obj) = self.object(value, at) else {
            return config;
        };
        config.submit_url = self.optional(obj, "submit_url", at, Self::url);
        config.privacy_notice = self.optional(obj, "privacy_notice", at, Self::text);
        config.complaints_url = self.optional(obj, "complaints_url", at, Self::url);
        config.embed_origins = self
            .optional(obj, "embed_origins", at, |r, v, at| {
                let list = r.array(v, at)?;
                let origins = list
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| r.origin(v, &at.index(i)));
                Some(origins.collect())
            })
            .unwrap_or_default();
        config
    }

    fn policy(&mut self, value: &Value, at: &At) -> Option<Policy> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let name = self.required(obj, "name", at, Self::text);
        let summary = self.optional(obj, "summary", at, Self::text);
        Some(Policy {
            id: id?,
            name: name?,
            summary,
        })
    }

    fn district_group(&mut self, value: &Value, at: &At) -> Option<DistrictGroup> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let name = self.required(obj, "name", at, Self::text);
        Some(DistrictGroup {
            id: id?,
            name: name?,
        })
    }

    fn district(&mut self, value: &Value, at: &At, known: &Known) -> Option<District> {
        let obj = self.object(value, at)?;
        let code = self.required(obj, "code", at, Self::district_code);
        let name = self.required(obj, "name", at, Self::text);
        let group = self.required(obj, "group", at, |r, v, at| {
            r.reference(v, at, RefKind::DistrictGroup, &known.groups)
        });
        let target = self.optional(obj, "target", at, Self::target);
        Some(District {
            code: code?,
            name: name?,
            group: group?,
            target,
        })
    }

    fn news(&mut self, value: &Value, at: &At, known: &Known) -> Option<News> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let title = self.required(obj, "title", at, Self::text);
        let published = self.required(obj, "published", at, Self::moment);
        let summary = self.optional(obj, "summary", at, Self::text);
        let body = self.required(obj, "body", at, Self::text);
        let district = self.optional(obj, "district", at, |r, v, at| r.district_ref(v, at, known));
        let group = self.optional(obj, "group", at, |r, v, at| {
            r.reference(v, at, RefKind::DistrictGroup, &known.groups)
        });
        let implied = district
            .as_ref()
            .and_then(|code| known.district_groups.get(code));
        let group = match (group, implied) {
            (Some(group), Some(implied)) if &group != implied => {
                let district = district.clone().unwrap_or_default();
                let problem = Problem::GroupMismatch {
                    district,
                    group: implied.clone(),
                };
                self.report(&at.field("group"), problem);
                None
            }
            (group, implied) => group.or_else(|| implied.cloned()),
        };
        let themes = self.optional(obj, "themes", at, |r, v, at| {
            r.references(v, at, RefKind::Theme, &known.themes)
        });
        let topics = self.optional(obj, "topics", at, |r, v, at| {
            r.list(v, at, |r, v, at| r.topic_ref(v, at, known))
        });
        let (themes, topics) = monitoring::with_topic_themes(themes, topics);
        let policies = self.optional(obj, "policies", at, |r, v, at| {
            r.references(v, at, RefKind::Policy, &known.policies)
        });
        let author = self.optional(obj, "author", at, Self::owned_string);
        let credit = self.optional(obj, "credit", at, Self::owned_string);
        let views = self.optional(obj, "views", at, Self::whole_number);
        let images = self.optional(obj, "images", at, Self::images);
        let source_url = self.optional(obj, "source_url", at, Self::url);
        let sample = self.optional(obj, "sample", at, Self::boolean);
        Some(News {
            id: id?,
            title: title?,
            published: published?,
            summary,
            body: body?,
            district,
            group,
            themes,
            policies: policies.unwrap_or_default(),
            topics,
            author,
            credit,
            views,
            images: images.unwrap_or_default(),
            source_url,
            sample: sample.unwrap_or(false),
        })
    }

    fn story(&mut self, value: &Value, at: &At, known: &Known) -> Option<Story> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let title = self.required(obj, "title", at, Self::prose);
        let text = self.required(obj, "text", at, Self::prose);
        let district = self.required(obj, "district", at, |r, v, at| r.district_ref(v, at, known));
        let published = self.required(obj, "published", at, Self::moment);
        let author = self.optional(obj, "author", at, Self::owned_string);
        let images = self.optional(obj, "images", at, Self::images);
        let sample = self.optional(obj, "sample", at, Self::boolean);
        Some(Story {
            id: id?,
            title: title?,
            text: text?,
            district: district?,
            published: published?,
            author,
            images: images.unwrap_or_default(),
            sample: sample.unwrap_or(false),
        })
    }

    fn images(&mut self, value: &Value, at: &At) -> Option<Vec<Image>> {
        self.list(value, at, |r, v, at| {
            let obj = r.object(v, at)?;
            let src = r.required(obj, "src", at, Self::url);
            let alt = r.required(obj, "alt", at, Self::text);
            Some(Image {
                src: src?,
                alt: alt?,
            })
        })
    }
}

/// The name of the field that holds an element's id, for pointing at a duplicate.
fn id_field(at: &At) -> &'static str {
    match at {
        At::Index(At::Field(_, "districts"), _) => "code",
        _ => "id",
    }
}

fn ids<T>(items: &Option<Vec<T>>, id_of: impl Fn(&T) -> &String) -> HashSet<String> {
    items
        .iter()
        .flatten()
        .map(|item| id_of(item).clone())
        .collect()
}

fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || is_invisible_or_control(c))
}

/// Ids are `a-z`, `0-9` and `-`, and short enough to sit in an address.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `https:`, `http:` or relative, and nothing a browser could read another way: no control
/// characters or spaces (browsers strip tabs and newlines, so `java\tscript:` would run).
pub fn is_safe_url(url: &str) -> bool {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || is_invisible_or_control(c))
    {
        return false;
    }
    // A scheme is everything before the first ':' if no '/', '?' or '#' comes first.
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if url[end..].starts_with(':') => {
            let scheme = url[..end].to_ascii_lowercase();
            let rest = &url[end + 1..];
            matches!(scheme.as_str(), "https" | "http")
                && rest.starts_with("//")
                && rest.len() > 2
                && !rest[2..].starts_with('/')
        }
        _ => !url.starts_with('\\'),
    }
}

/// `https://host` or `http://host:port`, with no path.
pub fn is_origin(origin: &str) -> bool {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or_default();
    !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}
