//! What a link to one of the app's pages shows when it is pasted into LINE, Facebook or X:
//! Open Graph and Twitter card tags and the page's canonical address, written into its
//! prerendered page between two marks, so that running it again replaces what it wrote
//! before. An article (`news/{id}.html`) also gets schema.org `NewsArticle` JSON-LD for
//! search engines; any other page (`/`, `/news`, `/plan`, a theme…) is the city's website.

use super::{description, place, xml::escape, SiteUrl};
use crate::import::html::to_line;
use city_comms::domain::bundle::{Bundle, News};
use city_comms::domain::i18n::Lang;

/// Where the tags begin and end in a page: elements, not comments, since the build's last
/// step (src/build/finish.mjs) drops the comments of the front page, and a later run would
/// then add its tags a second time.
pub const BEGIN: &str = "<meta name=\"city-comms-link-preview\" content=\"begin\">";
pub const END: &str = "<meta name=\"city-comms-link-preview\" content=\"end\">";

/// Who publishes: the city, in Thai (the name LINE and Facebook show beside the card).
const PUBLISHER: &str = "กรุงเทพมหานคร";

/// The picture of a page that has none of its own: the app's icon, square.
const ICON: &str = "icons/icon-512.png";

/// One `<meta>` element, on a line of its own.
fn meta(kind: &str, key: &str, value: &str) -> String {
    format!("<meta {kind}=\"{key}\" content=\"{}\">\n", escape(value))
}

/// The canonical link to `url`, on a line of its own.
fn canonical(url: &str) -> String {
    format!("<link rel=\"canonical\" href=\"{}\">\n", escape(url))
}

/// The item's description, cut to what a preview shows (about two lines) at a word's end.
fn short_description(item: &News) -> String {
    let text = description(item, Lang::Th);
    if text.chars().count() <= 300 {
        return text;
    }
    let cut: String = text.chars().take(300).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(words, _)| words);
    format!("{}…", cut.trim_end())
}

/// The schema.org `NewsArticle` of `item`.
pub fn json_ld(bundle: &Bundle, site: &SiteUrl, item: &News) -> serde_json::Value {
    let url = site.article(item);
    let author = item.author.as_ref().map_or_else(
        || serde_json::json!({ "@type": "Organization", "name": PUBLISHER }),
        |name| serde_json::json!({ "@type": "Person", "name": name }),
    );
    let mut article = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title.th,
        "description": short_description(item),
        "datePublished": item.published.to_rfc3339(),
        "inLanguage": "th",
        "url": url,
        "mainEntityOfPage": url,
        "author": [author],
        "publisher": { "@type": "Organization", "name": PUBLISHER, "url": site.join("") },
        "image": item.images.iter().map(|image| site.absolute(&image.src)).collect::<Vec<_>>(),
    });
    if let Some(place) = place(bundle, item) {
        article["contentLocation"] = serde_json::json!({ "@type": "Place", "name": place.th });
    }
    article
}

/// The tags for `item`'s page, between [`BEGIN`] and [`END`].
pub fn head_tags(bundle: &Bundle, site: &SiteUrl, item: &News) -> String {
    let description = short_description(item);
    let mut tags = String::from(BEGIN);
    tags.push('\n');
    tags.push_str(&meta("property", "og:type", "article"));
    tags.push_str(&meta("property", "og:site_name", PUBLISHER));
    tags.push_str(&meta("property", "og:locale", "th_TH"));
    tags.push_str(&meta("property", "og:title", &item.title.th));
    tags.push_str(&meta("property", "og:description", &description));
    tags.push_str(&meta("property", "og:url", &site.article(item)));
    tags.push_str(&meta(
        "property",
        "article:published_time",
        &item.published.to_rfc3339(),
    ));
    if let Some(place) = place(bundle, item) {
        tags.push_str(&meta("property", "article:section", &place.th));
    }
    let card = match item.images.first() {
        Some(image) => {
            tags.push_str(&meta("property", "og:image", &site.absolute(&image.src)));
            tags.push_str(&meta("property", "og:image:alt", &image.alt.th));
            tags.push_str(&meta("name", "twitter:image", &site.absolute(&image.src)));
            "summary_large_image"
        }
        None => "summary",
    };
    tags.push_str(&meta("name", "twitter:card", card));
    tags.push_str(&meta("name", "twitter:title", &item.title.th));
    tags.push_str(&meta("name", "twitter:description", &description));
    tags.push_str(&canonical(&site.article(item)));
    // JSON in a script element: `<` written as \u003c, so no text can close the element.
    let json = serde_json::to_string(&json_ld(bundle, site, item))
        .unwrap_or_default()
        .replace('<', "\\u003c");
    tags.push_str(&format!(
        "<script type=\"application/ld+json\">{json}</script>\n"
    ));
    tags.push_str(END);
    tags
}

/// The tags for a page of the app that is not an article, at `path` (within the site, `""`
/// for its front page), with the `title` it shows and a `description` of it.
pub fn page_tags(site: &SiteUrl, path: &str, title: &str, description: &str) -> String {
    let url = site.join(path);
    let mut tags = String::from(BEGIN);
    tags.push('\n');
    tags.push_str(&meta("property", "og:type", "website"));
    tags.push_str(&meta("property", "og:site_name", PUBLISHER));
    tags.push_str(&meta("property", "og:locale", "th_TH"));
    tags.push_str(&meta("property", "og:title", title));
    tags.push_str(&meta("property", "og:description", description));
    tags.push_str(&meta("property", "og:url", &url));
    tags.push_str(&meta("property", "og:image", &site.join(ICON)));
    tags.push_str(&meta("name", "twitter:card", "summary"));
    tags.push_str(&meta("name", "twitter:title", title));
    tags.push_str(&meta("name", "twitter:description", description));
    tags.push_str(&canonical(&url));
    tags.push_str(END);
    tags
}

/// What a prerendered page says of itself in its head, as a reader sees it: the text of its
/// `<title>` and of its `<meta name="description">` (empty if it has none). None without a
/// title.
pub fn title_and_description(page: &str) -> Option<(String, String)> {
    let head = &page[..page.find("</head>")?];
    let opened = head.find("<title")?;
    let text = &head[opened..];
    let text = &text[text.find('>')? + 1..];
    let title = to_line(&text[..text.find("</title>")?]);
    let description = head
        .split_once("<meta name=\"description\" content=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or_else(String::new, |(value, _)| to_line(value));
    (!title.is_empty()).then_some((title, description))
}

/// `page` with `tags` in its head: in place of earlier ones, or before `</head>`. None if
/// the page has no head to put them in.
pub fn with_tags(page: &str, tags: &str) -> Option<String> {
    if let (Some(start), Some(end)) = (page.find(BEGIN), page.find(END)) {
        if start < end {
            return Some(format!(
                "{}{tags}{}",
                &page[..start],
                &page[end + END.len()..]
            ));
        }
    }
    let head = page.find("</head>")?;
    Some(format!("{}{tags}\n{}", &page[..head], &page[head..]))
}
