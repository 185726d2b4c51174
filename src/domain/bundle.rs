//! The content bundle, format `city-comms/1`: what the app knows once a bundle has been
//! read and validated (see `validate` for how it is read).
//!
//! The doc comments here are also the descriptions of `public/bundle.schema.json`, which a
//! test regenerates from these types.

use super::date::Moment;
use super::i18n::Lang;
use super::order::{self, Key};

#[cfg(test)]
use super::schema;
#[cfg(test)]
use schemars::JsonSchema;

/// Text in Thai, and in English where the content team wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Text {
    /// Thai; required and never blank.
    #[cfg_attr(test, schemars(with = "schema::NonBlank"))]
    pub th: String,
    /// English; where it is missing the Thai text is shown.
    #[cfg_attr(test, schemars(with = "Option<schema::Plain>"))]
    pub en: Option<String>,
}

impl Text {
    /// Thai-only text.
    pub fn thai(th: impl Into<String>) -> Text {
        Text {
            th: th.into(),
            en: None,
        }
    }

    /// The text in `lang`, falling back to Thai.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.th,
        }
    }

    /// The language the text of [`Text::get`] is actually in, for the `lang` attribute.
    pub fn lang_of(&self, lang: Lang) -> Lang {
        if lang == Lang::En && self.en.is_some() {
            Lang::En
        } else {
            Lang::Th
        }
    }
}

/// One document with everything the app shows.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    test,
    derive(JsonSchema),
    schemars(
        title = "city-comms bundle, format city-comms/1",
        extend("$comment" = "What JSON Schema cannot say, the app also checks: ids unique within their list; every reference names a policy, district group, district or theme the bundle defines; a news item's group agrees with its district's; the plan's first year is not after its last; the file is at most 32 MB; strings are at most 200,000 bytes of UTF-8 (maxLength counts characters); whole numbers are written without a fraction. A bundle valid under this schema and those rules is read with no warning; a news item or story that breaks one is left out, a bad setting is ignored, anything else refuses the bundle.")
    )
)]
pub struct Bundle {
    /// Format and major version; only `city-comms/1` (or a `city-comms/1.x` minor version) is read.
    #[cfg_attr(test, schemars(with = "schema::FormatTag"))]
    pub format: String,
    /// When the bundle was published; shown as "data as of".
    pub generated_at: Moment,
    /// Deployment settings.
    #[cfg_attr(test, schemars(with = "Option<Config>", default))]
    pub config: Config,
    /// The nine policy dimensions (9 ด้าน 9 ดี).
    pub policies: Vec<Policy>,
    /// The six district groups.
    pub district_groups: Vec<DistrictGroup>,
    /// The 50 districts.
    pub districts: Vec<District>,
    /// The city communication plan.
    pub plan: Plan,
    /// News articles, in any order.
    #[cfg_attr(test, schemars(length(max = super::validate::MAX_NEWS_ITEMS)))]
    pub news: Vec<News>,
    /// Citizen stories already moderated and published.
    #[cfg_attr(test, schemars(with = "Option<Vec<Story>>", default))]
    pub stories: Vec<Story>,
}

/// Deployment settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Config {
    /// Where story submissions are sent; `null` keeps them on the device.
    #[cfg_attr(test, schemars(with = "Option<schema::Url>"))]
    pub submit_url: Option<String>,
    /// Shown next to the consent box of the story form (PDPA).
    pub privacy_notice: Option<Text>,
    /// Where people who want to report a problem rather than share a story are sent.
    #[cfg_attr(test, schemars(with = "Option<schema::Url>"))]
    pub complaints_url: Option<String>,
    /// Origins allowed to embed the app and receive its messages, such as `https://www.bangkok.go.th`.
    #[cfg_attr(test, schemars(with = "Option<Vec<schema::Origin>>", default))]
    pub embed_origins: Vec<String>,
}

/// One of the governor's nine policy dimensions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Policy {
    /// Unique among the policies.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// The policy's name.
    pub name: Text,
    /// A sentence on what it covers.
    pub summary: Option<Text>,
}

/// A district group (กลุ่มเขต).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DistrictGroup {
    /// Unique among the groups.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// The group's name.
    pub name: Text,
}

/// A district (เขต).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct District {
    /// The official code, `1001` to `1050`.
    #[cfg_attr(test, schemars(with = "schema::DistrictCode"))]
    pub code: String,
    /// The district's name.
    pub name: Text,
    /// The id of its district group.
    #[cfg_attr(test, schemars(with = "schema::Reference"))]
    pub group: String,
    /// How much news the plan expects from this district's office.
    #[cfg_attr(test, schemars(with = "Option<Target>"))]
    pub target: Option<Target>,
}

/// The city communication plan (แผนสื่อสารเมือง).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Plan {
    /// The plan's name.
    pub title: Text,
    /// The years it covers, in the Buddhist era.
    pub period: Period,
    /// The foreword; paragraphs are separated by blank lines.
    pub foreword: Text,
    /// Content themes (ขอบข่ายเนื้อหา).
    pub themes: Vec<Theme>,
    /// How the plan's monitoring reads the news.
    #[cfg_attr(test, schemars(with = "Option<Monitoring>", default))]
    pub monitoring: Monitoring,
}

/// How the plan's monitoring (`/plan/coverage`) reads the news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Monitoring {
    /// A district with no news for this many days is listed as silent; 30 when absent.
    #[cfg_attr(test, schemars(with = "Option<schema::Days>"))]
    pub silence_days: u32,
}

impl Default for Monitoring {
    fn default() -> Self {
        Monitoring { silence_days: 30 }
    }
}

/// How much news the plan expects: at least `items` every `per`. On a theme or a priority
/// topic it holds for each district group; on a district, for that district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Target {
    /// The fewest news items, 1 or more.
    #[cfg_attr(test, schemars(with = "schema::TargetItems"))]
    pub items: u32,
    /// Over what stretch of time.
    pub per: Per,
}

/// The stretch of time a [`Target`] counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema), schemars(rename_all = "lowercase"))]
pub enum Per {
    /// A calendar month.
    Month,
    /// Three months.
    Quarter,
    /// Twelve months.
    Year,
}

impl Per {
    /// Every value, as written in a bundle.
    pub const ALL: [Per; 3] = [Per::Month, Per::Quarter, Per::Year];

    /// How it is written in a bundle.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Month => "month",
            Per::Quarter => "quarter",
            Per::Year => "year",
        }
    }

    /// How many months it is.
    pub fn months(self) -> u32 {
        match self {
            Per::Month => 1,
            Per::Quarter => 3,
            Per::Year => 12,
        }
    }
}

/// Years in the Buddhist era, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Period {
    /// The first year, such as 2566.
    #[cfg_attr(test, schemars(with = "schema::Year"))]
    pub from_be: i32,
    /// The last year, not before the first.
    #[cfg_attr(
        test,
        schemars(
            with = "schema::Year",
            description = "The last year, not before the first (which the app checks and JSON Schema cannot)."
        )
    )]
    pub to_be: i32,
}

/// A content theme (ขอบข่ายเนื้อหา).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Theme {
    /// Unique among the themes; also the address of its page, `/plan/{id}`.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// The theme's name.
    pub name: Text,
    /// What the theme is about.
    pub summary: Text,
    /// The ids of the policies it serves.
    #[cfg_attr(test, schemars(with = "Vec<schema::Reference>"))]
    pub policies: Vec<String>,
    /// Priority topics (ประเด็นเน้นหนัก).
    pub priority_topics: Vec<PriorityTopic>,
    /// How much news the plan expects on the theme in each district group.
    #[cfg_attr(test, schemars(with = "Option<Target>"))]
    pub target: Option<Target>,
}

/// A priority topic (ประเด็นเน้นหนัก) of a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PriorityTopic {
    /// Unique within its theme.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// The topic.
    pub title: Text,
    /// Actionable guidelines (แนวทางปฏิบัติ).
    pub guidelines: Vec<Guideline>,
    /// How much news the plan expects on the topic in each district group.
    #[cfg_attr(test, schemars(with = "Option<Target>"))]
    pub target: Option<Target>,
}

/// An actionable guideline (แนวทางปฏิบัติ).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Guideline {
    /// Unique within its topic.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// What to do.
    pub text: Text,
    /// Channels such as `facebook`, `line`, `website`, `signage`.
    #[cfg_attr(test, schemars(with = "Vec<schema::Plain>"))]
    pub channels: Vec<String>,
    /// Who carries it out.
    pub owner: Owner,
}

/// Who carries out a guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema), schemars(rename_all = "lowercase"))]
pub enum Owner {
    /// The city's central PR office.
    Central,
    /// The district offices.
    District,
}

/// A news article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct News {
    /// Unique among the news; also the address of its page, `/news/{id}`.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// The headline.
    pub title: Text,
    /// When it was published: a date or a timestamp.
    pub published: Moment,
    /// A line or two for lists.
    pub summary: Option<Text>,
    /// The article; paragraphs are separated by blank lines.
    pub body: Text,
    /// The code of the district where it happened; absent for city-wide news.
    #[cfg_attr(test, schemars(with = "Option<schema::DistrictReference>"))]
    pub district: Option<String>,
    /// The id of its district group; implied by `district` when absent, and must agree with it.
    #[cfg_attr(
        test,
        schemars(
            with = "Option<schema::Reference>",
            description = "The id of its district group; implied by `district` when absent, and must agree with it (which the app checks and JSON Schema cannot)."
        )
    )]
    pub group: Option<String>,
    /// The ids of its themes.
    #[cfg_attr(test, schemars(with = "Option<Vec<schema::Reference>>", default))]
    pub themes: Vec<String>,
    /// The ids of its policies.
    #[cfg_attr(test, schemars(with = "Option<Vec<schema::Reference>>", default))]
    pub policies: Vec<String>,
    /// The ids of the priority topics it serves; each implies its theme.
    #[cfg_attr(
        test,
        schemars(
            with = "Option<Vec<schema::Reference>>",
            default,
            description = "The ids of the priority topics it serves; each implies its theme. A topic id that two themes share cannot be referred to (which the app checks and JSON Schema cannot)."
        )
    )]
    pub topics: Vec<String>,
    /// Who published it.
    #[cfg_attr(test, schemars(with = "Option<schema::Plain>"))]
    pub author: Option<String>,
    /// The reporter credit line.
    #[cfg_attr(test, schemars(with = "Option<schema::Plain>"))]
    pub credit: Option<String>,
    /// The view count when the bundle was published.
    #[cfg_attr(test, schemars(with = "Option<schema::Count>"))]
    pub views: Option<u64>,
    /// The photo album.
    #[cfg_attr(test, schemars(with = "Option<Vec<Image>>", default))]
    pub images: Vec<Image>,
    /// The original page.
    #[cfg_attr(test, schemars(with = "Option<schema::Url>"))]
    pub source_url: Option<String>,
    /// `true` for illustrative content that is not real news; the app labels it.
    #[cfg_attr(test, schemars(with = "Option<bool>", default))]
    pub sample: bool,
}

/// A photo with its description.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Image {
    /// Where the photo is.
    #[cfg_attr(test, schemars(with = "schema::Url"))]
    pub src: String,
    /// What the photo shows, for people who cannot see it.
    pub alt: Text,
}

/// A citizen's story, moderated and published.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Story {
    /// Unique among the stories.
    #[cfg_attr(test, schemars(with = "schema::Id"))]
    pub id: String,
    /// The story's title, in the language the citizen wrote it.
    #[cfg_attr(test, schemars(with = "schema::NonBlank"))]
    pub title: String,
    /// The story.
    #[cfg_attr(test, schemars(with = "schema::NonBlank"))]
    pub text: String,
    /// The code of the district it is about.
    #[cfg_attr(test, schemars(with = "schema::DistrictReference"))]
    pub district: String,
    /// When it was published.
    pub published: Moment,
    /// The name or pseudonym the citizen chose.
    #[cfg_attr(test, schemars(with = "Option<schema::Plain>"))]
    pub author: Option<String>,
    /// Photos.
    #[cfg_attr(test, schemars(with = "Option<Vec<Image>>", default))]
    pub images: Vec<Image>,
    /// `true` for illustrative content; the app labels it.
    #[cfg_attr(test, schemars(with = "Option<bool>", default))]
    pub sample: bool,
}

impl Bundle {
    /// The policy with this id.
    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.id == id)
    }

    /// The district group with this id.
    pub fn group(&self, id: &str) -> Option<&DistrictGroup> {
        self.district_groups.iter().find(|g| g.id == id)
    }

    /// The district with this code.
    pub fn district(&self, code: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.code == code)
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.plan.themes.iter().find(|t| t.id == id)
    }

    /// Every priority topic with its theme, in plan order.
    pub fn topics(&self) -> impl Iterator<Item = (&Theme, &PriorityTopic)> {
        self.plan.themes.iter().flat_map(|theme| {
            theme
                .priority_topics
                .iter()
                .map(move |topic| (theme, topic))
        })
    }

    /// The priority topic with this id, with its theme.
    pub fn topic(&self, id: &str) -> Option<(&Theme, &PriorityTopic)> {
        self.topics().find(|(_, topic)| topic.id == id)
    }

    /// The news item with this id.
    pub fn news_item(&self, id: &str) -> Option<&News> {
        self.news.iter().find(|n| n.id == id)
    }

    /// All news, newest first; items published at the same moment keep bundle order.
    pub fn news_newest_first(&self) -> Vec<&News> {
        self.news_order_newest_first()
            .into_iter()
            .map(|i| &self.news[i])
            .collect()
    }

    /// The positions in `news` of all news, newest first, as [`Bundle::news_newest_first`].
    pub fn news_order_newest_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.news.len()).collect();
        order::by_key(&mut order, |&i| {
            Key::of(&order::newest_first(self.news[i].published))
        });
        order
    }
}

/// The paragraphs of a text, which the bundle separates with blank lines; line breaks
/// inside a paragraph are kept as spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_at_blank_lines_and_trimmed() {
        let cases: [(&str, &[&str]); 5] = [
            ("one", &["one"]),
            ("one\n\ntwo", &["one", "two"]),
            (
                "  one\n  still one \n\n\n\n   two  \n",
                &["one still one", "two"],
            ),
            ("\r\none\r\n\r\ntwo\r\n", &["one", "two"]),
            ("   \n\n ", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(paragraphs(text), expected, "{text:?}");
        }
    }

    #[test]
    fn english_falls_back_to_thai_where_it_is_missing() {
        let both = Text {
            th: "ข่าว".into(),
            en: Some("News".into()),
        };
        let thai = Text::thai("ข่าว");
        assert_eq!(both.get(Lang::En), "News");
        assert_eq!(both.get(Lang::Th), "ข่าว");
        assert_eq!(thai.get(Lang::En), "ข่าว");
        assert_eq!(thai.lang_of(Lang::En), Lang::Th);
        assert_eq!(both.lang_of(Lang::En), Lang::En);
    }
}
